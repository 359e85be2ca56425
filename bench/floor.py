"""The Python-Markdown floor: what rendering the published Markdown alone costs.

Two steps, only the second is timed by ``bench/run.py``::

    python bench/floor.py prepare PROJECT PLAIN   # untimed: export the published versions
    python bench/floor.py run PLAIN OUT           # timed: read, markdown.markdown(), write

``prepare`` writes every version the site would publish as a plain Markdown
body, ``PLAIN/<lang>/<article-id>.md``: the Polish sources, the hand-written
translations, and for catalogue-backed versions whose catalogue reaches the
project's ``publish_threshold`` the translated Markdown (the generator's
word-by-word translation of the source, which is what a complete catalogue
of a generated project writes back).  It also writes ``PLAIN/manifest.json``
(id, language, title, date, tags, summary, image of each version) for the
adapters in ``bench/others/``.

``run`` is the floor itself, one process: for every file, read it,
``markdown.markdown(text, extensions=["tables", "footnotes", "attr_list",
"toc"])`` and write ``OUT/<lang>/<article-id>.html``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

EXTENSIONS = ["tables", "footnotes", "attr_list", "toc"]


def split_front(text: str) -> tuple[dict[str, Any], str]:
    """Front matter (parsed with PyYAML) and body of an article file."""
    import yaml

    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            meta = yaml.safe_load(text[4:end]) or {}
            return meta, text[end + 5:]
    return {}, text


def _complete(path: Path, threshold: float) -> bool:
    from multipub.gettext.pofile import read_catalog

    active = [m for m in read_catalog(path).messages if not m.obsolete]
    if not active:
        return False
    done = sum(1 for m in active if m.translated)
    return 100.0 * done / len(active) >= threshold


def prepare(project_dir: Path, plain: Path) -> dict[str, int]:
    """Export the published versions of *project_dir* into *plain*; counts per language."""
    import tomllib

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from generate import translate

    config = tomllib.loads((project_dir / "multipub.toml").read_text("utf-8"))
    source = config.get("source_language", "pl")
    languages = list(config.get("languages", []))
    threshold = float(config.get("publish_threshold", 100))
    locales = project_dir / "locales"
    manifest: list[dict[str, Any]] = []
    counts: dict[str, int] = {lang: 0 for lang in [source, *languages]}

    def emit(article_id: str, lang: str, mode: str, meta: dict[str, Any], body: str) -> None:
        out = plain / lang / f"{article_id}.md"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(body, "utf-8")
        counts[lang] += 1
        manifest.append({"id": article_id, "lang": lang, "mode": mode,
                         "path": out.relative_to(plain).as_posix(), **meta})

    for folder in sorted((project_dir / "content").iterdir()):
        src_file = folder / f"{source}.md"
        if not src_file.is_file():
            continue
        meta, body = split_front(src_file.read_text("utf-8"))
        image = meta.get("image") or {}
        common = {"date": str(meta.get("date")), "image": image.get("src")}
        emit(folder.name, source, "source",
             {"title": meta["title"], "summary": meta.get("summary", ""),
              "tags": list(meta.get("tags") or []), **common}, body)
        for lang in languages:
            hand = folder / f"{lang}.md"
            tags = [translate(t, lang) for t in meta.get("tags") or []]
            if hand.is_file():
                hmeta, hbody = split_front(hand.read_text("utf-8"))
                emit(folder.name, lang, "handwritten",
                     {"title": hmeta.get("title", meta["title"]),
                      "summary": hmeta.get("summary", ""), "tags": tags, **common}, hbody)
                continue
            po = locales / lang / "LC_MESSAGES" / "articles" / f"{folder.name}.po"
            if po.is_file() and _complete(po, threshold):
                emit(folder.name, lang, "catalog",
                     {"title": translate(meta["title"], lang),
                      "summary": translate(meta.get("summary", ""), lang),
                      "tags": tags, **common}, translate(body, lang))
    plain.mkdir(parents=True, exist_ok=True)
    (plain / "manifest.json").write_text(
        json.dumps({"source": source, "languages": languages, "versions": manifest},
                   ensure_ascii=False, indent=1), "utf-8")
    return counts


def run(plain: Path, out: Path) -> int:
    """The floor: render every ``PLAIN/<lang>/*.md`` to ``OUT/<lang>/*.html``; file count."""
    import markdown

    count = 0
    for path in sorted(plain.glob("*/*.md")):
        text = path.read_text("utf-8")
        html = markdown.markdown(text, extensions=EXTENSIONS)
        target = out / path.parent.name / (path.stem + ".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, "utf-8")
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The Python-Markdown floor of the benchmarks.")
    sub = parser.add_subparsers(dest="step", required=True)
    p = sub.add_parser("prepare", help="export the published versions (untimed)")
    p.add_argument("project", type=Path)
    p.add_argument("plain", type=Path)
    r = sub.add_parser("run", help="render them with Python-Markdown (the floor)")
    r.add_argument("plain", type=Path)
    r.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    if args.step == "prepare":
        counts = prepare(args.project, args.plain)
        print(" ".join(f"{k}={v}" for k, v in counts.items()))
    else:
        print(f"{run(args.plain, args.out)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
