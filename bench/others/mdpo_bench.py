"""mdpo on the benchmark corpus; run with the interpreter of ``bench/_work/venv-others``.

    python mdpo_bench.py extract SOURCES OUT    # timed: .pot + ru.po + be.po per source
    python mdpo_bench.py fill OUT               # untimed: translate every msgstr (polib)
    python mdpo_bench.py po2md SOURCES OUT MD   # timed: translated Markdown per language

``extract`` is mdpo's counterpart of ``multipub extract`` + ``update``: for
each Polish source, ``markdown_to_pofile`` writes ``OUT/articles/<id>.pot``
and updates ``OUT/<lang>/<id>.po`` for ru and be (``save=True``, so an
existing catalogue is merged as mdpo does).  ``po2md`` is the other half of a
round trip: ``pofile_to_markdown`` of every source with its ru/be catalogue.
"""

from __future__ import annotations

import sys
from pathlib import Path

LANGS = ("ru", "be")


def extract(sources: Path, out: Path) -> int:
    from mdpo.md2po import markdown_to_pofile

    count = 0
    for src in sorted(sources.glob("*.md")):
        text = src.read_text("utf-8")
        targets = [out / "articles" / f"{src.stem}.pot"]
        targets += [out / lang / f"{src.stem}.po" for lang in LANGS]
        for po in targets:
            po.parent.mkdir(parents=True, exist_ok=True)
            markdown_to_pofile(text, po_filepath=str(po), save=True, location=False)
            count += 1
    return count


def fill(out: Path) -> int:
    import polib

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from generate import translate

    count = 0
    for lang in LANGS:
        for path in sorted((out / lang).glob("*.po")):
            po = polib.pofile(str(path))
            for entry in po:
                entry.msgstr = translate(entry.msgid, lang)
            po.save()
            count += 1
    return count


def po2md(sources: Path, out: Path, md: Path) -> int:
    from mdpo.po2md import pofile_to_markdown

    count = 0
    for src in sorted(sources.glob("*.md")):
        for lang in LANGS:
            target = md / lang / src.name
            target.parent.mkdir(parents=True, exist_ok=True)
            pofile_to_markdown(str(src), str(out / lang / f"{src.stem}.po"), save=str(target))
            count += 1
    return count


def main(argv: list[str]) -> int:
    step, *args = argv
    if step == "extract":
        n = extract(Path(args[0]), Path(args[1]))
    elif step == "fill":
        n = fill(Path(args[0]))
    elif step == "po2md":
        n = po2md(Path(args[0]), Path(args[1]), Path(args[2]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(f"{step}: {n} files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
