"""Benchmark: ``extract`` + ``update`` on a generated project, and mdpo's md2po on the same text.

    python bench/bench_extract_update.py [--articles 1000] [--repeat 3] [--no-mdpo]

A script, not a test.  It generates N catalogue-backed articles (realistic
Polish Markdown of 300-700 words with headings, lists, tables, quotes and
image captions, by ``bench/generate.py``; no hand-written translations) in a
temporary project with target languages ``ru`` and ``be``, then times,
each the median of ``--repeat`` runs, in one process:

``cold``        load_project + extract + update on a project without ``locales/``
``no change``   the same again: every file is computed and compared, nothing written
``translated``  load + extract + update after every catalogue was translated (the
                merges now carry translations; nothing written)
``1% edited``   load + extract + update after editing one paragraph in 1% of the
                articles (fuzzy matching at work; 2 catalogues and a template each)

If mdpo is available (``bench/_work/venv-others``, or ``--mdpo-python``), its
``markdown_to_pofile`` (md2po) is timed on the same ``pl.md`` files writing
one ``.po`` per article and language, cold and again with the files present.
mdpo does not read front matter, writes no templates and merges without
fuzzy matching, so it does less work than multipub; its figures are a
reference, not a like-for-like race.  mdpo is not a dependency of multipub:
create the venv with ``python -m venv bench/_work/venv-others &&
bench/_work/venv-others/bin/pip install mdpo``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from multipub.commands.catalogs import extract, update  # noqa: E402
from multipub.project.model import load_project  # noqa: E402

MDPO_PYTHON = HERE / "_work" / "venv-others" / "bin" / "python"

MDPO_SCRIPT = r"""
import json, sys, time
from pathlib import Path
from mdpo.md2po import markdown_to_pofile
root, out = Path(sys.argv[1]), Path(sys.argv[2])
sources = sorted(root.glob("content/*/pl.md"))
def run():
    start = time.perf_counter()
    for src in sources:
        for lang in ("ru", "be"):
            po = out / lang / (src.parent.name + ".po")
            po.parent.mkdir(parents=True, exist_ok=True)
            markdown_to_pofile(str(src), po_filepath=str(po), save=True)
    return time.perf_counter() - start
print(json.dumps({"cold": run(), "no change": run()}))
"""


def _generator() -> Callable[..., object]:
    spec = importlib.util.spec_from_file_location("bench_generate", HERE / "generate.py")
    if spec is None or spec.loader is None:
        raise SystemExit("bench/generate.py is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate  # type: ignore[no-any-return]


def extract_update(root: Path) -> float:
    """Seconds for load_project + extract + update, as the command line runs them."""
    start = time.perf_counter()
    project = load_project(root)
    extract(project)
    update(project)
    return time.perf_counter() - start


def translate_everything(root: Path) -> None:
    """Fill every msgstr with a marked copy of its msgid (untimed)."""
    from multipub.gettext.pofile import dump_po, read_catalog

    for path in root.glob("locales/*/LC_MESSAGES/**/*.po"):
        catalog = read_catalog(path)
        for m in catalog.active():
            if m.plural:
                m.msgstr_plural = [m.msgid] * len(m.msgstr_plural)
            else:
                m.msgstr = "[tr] " + m.msgid
        path.write_bytes(dump_po(catalog))


def edit_one_percent(root: Path) -> int:
    """Change one paragraph in every hundredth article (untimed); return how many."""
    sources = sorted(root.glob("content/*/pl.md"))
    edited = 0
    for src in sources[:: 100]:
        text = src.read_text(encoding="utf-8")
        body_at = text.index("\n---\n") + 5
        para = next((p for p in text[body_at:].split("\n\n")
                     if p and p[0].isalpha() and len(p) > 80), None)
        if para is not None:
            src.write_text(text.replace(para, para.replace(" ", " nowe ", 1), 1),
                           encoding="utf-8")
            edited += 1
    return edited


def bench_multipub(content: Path, work: Path, repeat: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"cold": [], "no change": [], "translated": [],
                                     "1% edited": []}
    for i in range(repeat):
        root = work / f"run{i}"
        shutil.copytree(content, root)
        times["cold"].append(extract_update(root))
        times["no change"].append(extract_update(root))
        translate_everything(root)
        times["translated"].append(extract_update(root))
        edit_one_percent(root)
        times["1% edited"].append(extract_update(root))
        shutil.rmtree(root)
    return times


def bench_mdpo(python: Path, content: Path, work: Path, repeat: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"cold": [], "no change": []}
    for i in range(repeat):
        out = work / f"mdpo{i}"
        run = subprocess.run([str(python), "-c", MDPO_SCRIPT, str(content), str(out)],
                             capture_output=True, text=True, check=True)
        for key, value in json.loads(run.stdout.strip().splitlines()[-1]).items():
            times[key].append(value)
        shutil.rmtree(out)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-mdpo", action="store_true")
    parser.add_argument("--mdpo-python", type=Path, default=MDPO_PYTHON)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="multipub-bench-") as tmp:
        work = Path(tmp)
        content = work / "project"
        _generator()(content, args.articles, handwritten=0.0, catalogs=False)
        words = sum(len(p.read_text(encoding="utf-8").split())
                    for p in content.glob("content/*/pl.md"))
        ours = bench_multipub(content, work, args.repeat)
        theirs: dict[str, list[float]] = {}
        if not args.no_mdpo and args.mdpo_python.exists():
            theirs = bench_mdpo(args.mdpo_python, content, work, args.repeat)

    print(f"{args.articles} articles ({words:,} words), languages ru, be; "
          f"median of {args.repeat} runs, seconds")
    print(f"{'tool':<10} {'scenario':<12} {'median':>8} {'min':>8} {'max':>8} "
          f"{'ms/article':>11}")
    for tool, table in (("multipub", ours), ("mdpo", theirs)):
        for scenario, values in table.items():
            med = statistics.median(values)
            print(f"{tool:<10} {scenario:<12} {med:8.2f} {min(values):8.2f} {max(values):8.2f} "
                  f"{1000 * med / args.articles:11.2f}")
    if not theirs and not args.no_mdpo:
        print("(mdpo not measured: no interpreter with mdpo at --mdpo-python)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
