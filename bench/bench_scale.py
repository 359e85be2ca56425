"""Benchmark: peak memory and time per article of build, status and update as a site grows.

    python bench/bench_scale.py [--sizes 1000,10000,30000] [--work DIR] [--jobs 1]

A script, not a test (issue 19, part 3: peak resident memory independent of the
number of articles, at most 300 MB at 30,000 articles x 3 languages, and the
same time per article within 15% at every size).  For each size it uses the
bench corpus (``bench/generate.py``, seed 1) in ``--work`` (default
``bench/_work``; generated once, which takes a while at 30,000 articles), with
the search index turned off (``[search] enabled = false`` appended to its
``multipub.toml``: Pagefind is another program, whose memory is its own), and
runs, each as a process of its own, timed by wall clock with its peak RSS from
``os.wait4``:

``build``   ``multipub build --jobs J -o OUT`` with no output and no cache (cold)
``status``  ``multipub status --format json -o FILE`` (after the build: its cache warm)
``update``  ``multipub update`` (ru, be): every article catalogue merged with the
            template of its source; the corpus is up to date, so nothing is written

Prints a table of seconds, milliseconds per article (and its ratio to the smallest
size) and peak MB; exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
PEAK_MB = 300
SAME_PACE = 1.15
NO_SEARCH = "\n[search]\nenabled = false\n"


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of *cmd* (its process tree's largest)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err,
                                stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):  # (status exits 1 when translations are missing)
            err.seek(0)
            tail = err.read().decode("utf-8", "replace").strip().splitlines()[-5:]
            raise SystemExit(f"exit {code}: {' '.join(cmd)}\n" + "\n".join(tail))
    return seconds, usage.ru_maxrss / 1024


def corpus(work: Path, articles: int) -> Path:
    """The bench corpus of *articles* articles in *work*, without the search index."""
    out = work / f"scale-a{articles}-s1"
    done = out / ".generated"
    if not done.is_file():
        if out.exists():
            shutil.rmtree(out)
        print(f"generating {articles} articles ...", file=sys.stderr, flush=True)
        subprocess.run([PY, str(HERE / "generate.py"), str(out), "--articles", str(articles),
                        "--seed", "1"], check=True, stdout=subprocess.DEVNULL)
        config = out / "multipub.toml"
        config.write_text(config.read_text("utf-8") + NO_SEARCH, "utf-8")
        done.write_text("ok\n")
    return out


def aside(path: Path) -> None:
    """Move *path* out of the way (deleted at the end; see bench/README.md, machine notes)."""
    if path.exists():
        trash = path.parent / ".bench-trash"
        trash.mkdir(exist_ok=True)
        os.rename(path, trash / f"{path.name}-{time.monotonic_ns()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,30000")
    parser.add_argument("--work", type=Path, default=HERE / "_work")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    args.work.mkdir(parents=True, exist_ok=True)
    mp = [PY, "-m", "multipub"]
    rows: dict[str, dict[int, tuple[float, float]]] = {"build": {}, "status": {}, "update": {}}
    try:
        for size in sizes:
            project = corpus(args.work, size)
            out = args.work / f"scale-out-{size}"
            aside(out)
            aside(project / ".multipub-cache")
            print(f"{size} articles: build ...", file=sys.stderr, flush=True)
            rows["build"][size] = timed([*mp, "build", "-p", str(project), "-o", str(out),
                                         "--jobs", str(args.jobs)])
            print(f"{size} articles: status ...", file=sys.stderr, flush=True)
            rows["status"][size] = timed([*mp, "status", "-p", str(project), "--format",
                                          "json", "-o", str(args.work / f"status-{size}.json")])
            print(f"{size} articles: update ...", file=sys.stderr, flush=True)
            rows["update"][size] = timed([*mp, "update", "-p", str(project)])
    finally:
        shutil.rmtree(args.work / ".bench-trash", ignore_errors=True)
        for size in sizes:
            shutil.rmtree(args.work / f"scale-a{size}-s1" / ".bench-trash", ignore_errors=True)
    ok = True
    base = sizes[0]
    print(f"| command | articles | seconds | ms / article | vs {base:,} | peak MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, found in rows.items():
        pace0 = found[base][0] / base
        for size in sizes:
            seconds, peak = found[size]
            ratio = seconds / size / pace0
            miss = (ratio > SAME_PACE) or (size == sizes[-1] and peak > PEAK_MB)
            ok = ok and not miss
            print(f"| {name} | {size:,} | {seconds:.1f} | {1000 * seconds / size:.2f} "
                  f"| {ratio:.2f}x | {peak:.0f}{' (miss)' if miss else ''} |")
    print(f"\ntargets: peak <= {PEAK_MB} MB at {sizes[-1]:,} articles, "
          f"ms / article within {SAME_PACE:.2f}x of {base:,}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
