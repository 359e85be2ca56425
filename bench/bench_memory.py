"""Benchmark: what the translation memory adds to ``update`` (issue 17: at most 20%).

    python bench/bench_memory.py [--articles 1000] [--repeat 5] [--work DIR]

A script, not a test.  It generates the bench corpus (``bench/generate.py``:
N articles x pl, ru, be; a third hand-written, the rest catalogue-backed, 80%
of the catalogues complete, 12% partial, 8% with fuzzy entries) into a
temporary folder (or ``--work DIR``, reused when it holds a corpus of the
same size), then times, in one process, the median of ``--repeat`` runs of
``load_project`` + ``update`` (ru and be):

``first run``    on a fresh copy of the corpus, with and without the memory: with it,
                 the untranslated entries of the partial catalogues get their
                 suggestions and those catalogues are written (info)
``steady``       the same project after a first update with the memory, with
                 ``memory=False`` and ``memory=True``: the memory is built from
                 every article catalogue and every entry still untranslated is
                 looked up again (exact, normalized, sentences, near); nothing
                 is written either way.  Target: ratio <= 1.20

Runs alternate between the two variants so a slow phase of the machine hits
both.  The collector is tuned as the command line tunes it
(:func:`multipub.cli.run`), so a full collection over the catalogues does
not land on one run at random.  Exits 1 when the steady ratio is above the
target.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from multipub.commands.catalogs import update  # noqa: E402
from multipub.project.model import load_project  # noqa: E402

TARGET = 1.20


def _generator() -> Callable[..., object]:
    spec = importlib.util.spec_from_file_location("bench_generate", HERE / "generate.py")
    if spec is None or spec.loader is None:
        raise SystemExit("bench/generate.py is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate  # type: ignore[no-any-return]


def timed_update(root: Path, memory: bool) -> tuple[float, int]:
    """Seconds for load_project + update, and the number of files written."""
    start = time.perf_counter()
    result = update(load_project(root), memory=memory)
    return time.perf_counter() - start, len(result.written)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", type=Path, default=None,
                        help="keep the generated corpus here (default: a temporary folder)")
    args = parser.parse_args(argv)
    gc.set_threshold(200_000, 50, 50)  # as multipub.cli.run

    with tempfile.TemporaryDirectory(prefix="multipub-bench-memory-") as tmp:
        work = args.work or Path(tmp)
        corpus = work / f"corpus-{args.articles}"
        if not (corpus / "multipub.toml").is_file():
            print(f"generating {args.articles} articles in {corpus}", file=sys.stderr)
            _generator()(corpus, articles=args.articles)

        first: dict[bool, list[float]] = {False: [], True: []}
        written: dict[bool, int] = {}
        for i in range(args.repeat):
            for memory in (False, True):
                copy = work / f"first-{i}-{memory}"
                shutil.rmtree(copy, ignore_errors=True)
                shutil.copytree(corpus, copy)
                seconds, written[memory] = timed_update(copy, memory)
                first[memory].append(seconds)
                shutil.rmtree(copy, ignore_errors=True)

        steady_root = work / "steady"
        shutil.rmtree(steady_root, ignore_errors=True)
        shutil.copytree(corpus, steady_root)
        timed_update(steady_root, True)  # the suggestions are written once
        steady: dict[bool, list[float]] = {False: [], True: []}
        for _ in range(args.repeat):
            for memory in (False, True):
                seconds, count = timed_update(steady_root, memory)
                if count:
                    raise SystemExit(f"steady update wrote {count} files (memory={memory})")
                steady[memory].append(seconds)
        shutil.rmtree(steady_root, ignore_errors=True)

    rows = [("first run", first), ("steady", steady)]
    print(f"update of {args.articles} articles x pl, ru, be; median of {args.repeat} (s)")
    print("| run | without memory | with memory | ratio |")
    print("| --- | --- | --- | --- |")
    ratio = 0.0
    for name, runs in rows:
        without, with_ = statistics.median(runs[False]), statistics.median(runs[True])
        ratio = with_ / without
        print(f"| {name} | {without:.3f} | {with_:.3f} | {ratio:.2f} |")
    print(f"first run wrote {written[False]} files without the memory, {written[True]} with it")
    verdict = "PASS" if ratio <= TARGET else "FAIL"
    print(f"steady ratio {ratio:.2f} (target <= {TARGET:.2f}): {verdict}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
