"""Crash safety: ``update`` and ``build`` killed with SIGKILL at random moments.

A generated project of 60 articles (translated ``ru``, half-translated ``be``)
has its sources changed so that ``update`` rewrites every catalogue and
``build`` rewrites most of the site.  Each command is started as a subprocess
and killed at seeded random delays spread over the length of an uninterrupted
run (measured first).  After every kill:

- every ``.po`` (update) or every output file (build) is byte-identical to
  the old or to the new complete version of that file (each distinct version
  is parsed with :func:`multipub.gettext.pofile.read_catalog` and ``msgfmt --check``);
- leftover temporary files (``.<name>.<pid>-<n>.tmp`` from
  :func:`multipub.fsio.write_atomic`) are the only other files; they must be
  ignored by later runs: never read as catalogues, never listed by ``status``,
  never copied into the site;
- regularly (and after the last kill) the next uninterrupted run completes and
  gives exactly the bytes of a run that was never interrupted.

Decision on leftovers: a ``.tmp`` left in ``locales/`` is tolerated (nothing
reads it, it is not published); a ``.tmp`` left in the *output* folder would be
published with the site, so the next build must remove it.

Two ``update`` runs started at the same moment must both succeed (serialized
by the project lock) or one must stop with the "another multipub command"
message, and no file may be corrupted.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from multipub.commands import catalogs
from multipub.gettext.pofile import read_catalog, write_catalog
from multipub.project.model import load_project

from ..conftest import png
from .helpers import command, env, multipub, snapshot

ARTICLES = 60
KILLS = 25
RECOVER_EVERY = 5
SEED = 20240305
MSGFMT = shutil.which("msgfmt")

WORDS = ("kot", "dach", "Grodno", "spotkanie", "współpraca", "rozwój", "eksperci", "miasto",
         "szkolenie", "organizacja", "program", "dzień", "noc", "rzeka", "las", "droga",
         "szkoła", "uczniowie", "nauczyciel", "projekt", "fundusz", "region", "wieś", "pole")
CYR = str.maketrans("abcdefghijklmnoprstuwyząęółżźćńś", "абцдефгхийклмнопрстувызаеоулжзцн")
CONFIG = ('source_language = "pl"\nlanguages = ["ru", "be"]\ntitle = "Próba"\n'
          'base_url = "https://example.org/"\n')


def _paragraph(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(25, 45))]
    return " ".join(words).capitalize() + "."


def _article(rng: random.Random, i: int, paragraphs: list[str]) -> str:
    return (f"---\ntitle: Artykuł numer {i} o {rng.choice(WORDS)}\n"
            f"date: 2024-{1 + i % 12:02d}-{1 + i % 28:02d}\n"
            f"tags:\n  - {WORDS[i % 7]}\n  - {WORDS[7 + i % 5]}\n"
            f"summary: Streszczenie artykułu {i}.\n---\n" + "\n\n".join(paragraphs) + "\n")


def _translate(root: Path, lang: str, share: float, rng: random.Random) -> None:
    for path in sorted((root / "locales" / lang / "LC_MESSAGES").rglob("*.po")):
        cat = read_catalog(path)
        for message in cat.messages:
            if not message.plural and "%" not in message.msgid and rng.random() < share:
                message.msgstr = message.msgid.translate(CYR)
        write_catalog(cat, path)


def make_project(root: Path) -> tuple[Path, dict[str, str]]:
    """The old project (sources, complete catalogues) and the new sources."""
    rng = random.Random(SEED)
    (root / "content").mkdir(parents=True)
    (root / "multipub.toml").write_text(CONFIG, encoding="utf-8")
    new_sources: dict[str, str] = {}
    for i in range(ARTICLES):
        paras = [_paragraph(rng) for _ in range(rng.randint(6, 10))]
        folder = root / "content" / f"artykul-{i:02d}"
        folder.mkdir()
        (folder / "pl.md").write_text(_article(random.Random(i), i, paras), encoding="utf-8")
        (folder / "foto.png").write_bytes(png(16, 12, shade=i))
        changed = list(paras)
        changed[0] = changed[0].replace(" ", " nowy ", 1)  # an edited paragraph: fuzzy
        changed.insert(2, _paragraph(rng))  # a new one: untranslated
        del changed[-1]  # a deleted one: obsolete
        new_sources[f"content/artykul-{i:02d}/pl.md"] = _article(random.Random(i), i, changed)
    catalogs.update(load_project(root))
    _translate(root, "ru", 1.0, rng)
    _translate(root, "be", 0.5, rng)
    return root, new_sources


def _files(root: Path, pattern: str) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob(pattern))
            if p.is_file()}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Validator:
    """Checks each distinct version of a catalogue once: multipub and msgfmt must read it."""

    def __init__(self) -> None:
        self.good: set[str] = set()

    def check(self, path: Path) -> None:
        data = path.read_bytes()
        key = _digest(data)
        if key in self.good:
            return
        read_catalog(path)
        if MSGFMT is not None:
            proc = subprocess.run([MSGFMT, "--check", "-o", "/dev/null", str(path)],
                                  capture_output=True, check=False)
            assert proc.returncode == 0, proc.stderr.decode()
        self.good.add(key)


def kill_at(args: list[str], delay: float) -> tuple[bool, int | None]:
    """Start ``multipub *args``, SIGKILL it after *delay* s; (killed, exit status if it ended)."""
    proc = subprocess.Popen(command(args), env=env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True, None
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    assert proc.returncode == 0, err
    return False, proc.returncode


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


MANIFEST = ".multipub-manifest.json"
"""The build's own record of the output (sizes, times): checked as JSON, not by bytes."""


def _site(root: Path) -> dict[str, bytes | str]:
    files = snapshot(root)
    manifest = files.pop(MANIFEST, None)
    if isinstance(manifest, bytes):
        json.loads(manifest)  # never a torn manifest
    return {k: v for k, v in files.items() if not k.endswith("/")}


def _differences(found: bytes | str, old: bytes | str | None, new: bytes | str | None) -> str:
    """How *found* differs from the old and the new file (for a failure to explain itself)."""
    import difflib

    def lines(data: bytes | str | None) -> list[str]:
        if data is None:
            return ["(absent)"]
        text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
        return text.splitlines()

    parts = [f"{len(found)} bytes; old {len(old or '')}, new {len(new or '')}"]
    for label, other in (("old", old), ("new", new)):
        parts.append(f"-- against the {label} file:")
        parts += list(difflib.unified_diff(lines(other), lines(found), label, "found", n=1,
                                           lineterm=""))[:40]
    return "\n".join(parts)


def _leftovers(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob(".*.tmp"))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Old project, new sources, reference results of uninterrupted runs."""
    base = tmp_path_factory.mktemp("kill")
    old, new_sources = make_project(base / "old")
    # the reference: new sources, update and build never interrupted
    ref = base / "reference"
    shutil.copytree(old, ref)
    for rel, text in new_sources.items():
        (ref / rel).write_text(text, encoding="utf-8")
    old_site = base / "old-site"
    assert multipub("build", "-q", "-p", str(old), "-o", str(old_site)).returncode == 0
    update_time = _timed(lambda: multipub("update", "-q", "-p", str(ref)))
    build_time = _timed(lambda: multipub("build", "-q", "-p", str(ref), "-o",
                                         str(base / "ref-site")))
    return {"base": base, "old": old, "new_sources": new_sources, "ref": ref,
            "old_site": old_site, "ref_site": base / "ref-site",
            "update_time": update_time, "build_time": build_time}


FIGURES: dict[str, int] = {}


def _report(capsys: pytest.CaptureFixture[str], name: str, performed: int, survived: int,
            finished: int) -> None:
    FIGURES[f"{name} kills performed"] = performed
    FIGURES[f"{name} kills survived"] = survived
    with capsys.disabled():
        print(f"\n[test_kill] {name}: kills performed {performed}, survived {survived}, "
              f"runs that finished before the kill {finished}")


def test_update_survives_sigkill(generated: dict[str, object],
                                 capsys: pytest.CaptureFixture[str]) -> None:
    base: Path = generated["base"]  # type: ignore[assignment]
    old: Path = generated["old"]  # type: ignore[assignment]
    ref: Path = generated["ref"]  # type: ignore[assignment]
    new_sources: dict[str, str] = generated["new_sources"]  # type: ignore[assignment]
    duration: float = generated["update_time"]  # type: ignore[assignment]
    old_po = _files(old / "locales", "*.po")
    new_po = _files(ref / "locales", "*.po")
    assert set(old_po) == set(new_po)
    assert sum(old_po[k] != new_po[k] for k in old_po) >= ARTICLES  # real work to interrupt
    validator = Validator()
    for name in new_po:
        validator.check(ref / "locales" / name)
        validator.check(old / "locales" / name)

    work = base / "update-work"
    rng = random.Random(SEED)
    performed = survived = finished = 0
    for n in range(KILLS):
        if work.exists():
            shutil.rmtree(work)
        shutil.copytree(old, work)
        for rel, text in new_sources.items():
            (work / rel).write_text(text, encoding="utf-8")
        delay = rng.uniform(0.05, 1.0) * duration
        killed, _ = kill_at(["update", "-q", "-p", str(work)], delay)
        performed += 1
        finished += not killed
        now = _files(work / "locales", "*.po")
        assert set(now) == set(new_po), f"kill {n}: files appeared or vanished"
        for name, data in now.items():
            assert data in (old_po[name], new_po[name]), f"kill {n}: {name} is a mixture"
            validator.check(work / "locales" / name)
        leftovers = _leftovers(work / "locales")
        # later runs ignore leftovers: status does not list them, update does not read them
        if n % RECOVER_EVERY == RECOVER_EVERY - 1 or n == KILLS - 1 or leftovers:
            status = multipub("status", "--format", "json", "-p", str(work))
            assert status.returncode == 0, status.stderr
            listed = {c["path"] for c in json.loads(status.stdout)["catalogs"]}
            assert not any(p.endswith(".tmp") for p in listed)
            again = multipub("update", "-q", "-p", str(work))
            assert again.returncode == 0, again.stderr
            assert _files(work / "locales", "*.po") == new_po, f"kill {n}: recovery differs"
            assert set(_leftovers(work / "locales")) <= set(leftovers)
        survived += 1
    _report(capsys, "update", performed, survived, finished)
    assert survived == performed == KILLS


def test_build_survives_sigkill(generated: dict[str, object],
                                capsys: pytest.CaptureFixture[str]) -> None:
    base: Path = generated["base"]  # type: ignore[assignment]
    ref: Path = generated["ref"]  # type: ignore[assignment]
    old_site: Path = generated["old_site"]  # type: ignore[assignment]
    ref_site: Path = generated["ref_site"]  # type: ignore[assignment]
    duration: float = generated["build_time"]  # type: ignore[assignment]
    old_files = _site(old_site)
    new_files = _site(ref_site)
    assert sum(old_files.get(k) != v for k, v in new_files.items()) > 100

    out = base / "build-out"
    rng = random.Random(SEED + 1)
    performed = survived = finished = 0
    tmp_seen = 0
    for n in range(KILLS):
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(old_site, out)
        delay = rng.uniform(0.05, 1.0) * duration
        killed, _ = kill_at(["build", "-q", "-p", str(ref), "-o", str(out)], delay)
        performed += 1
        finished += not killed
        now = _site(out)
        for name, data in now.items():
            if Path(name).name.startswith(".") and name.endswith(".tmp"):
                tmp_seen += 1
                continue
            if name == ".multipub-building":  # the mark of a build that was writing
                continue
            assert data in (old_files.get(name), new_files.get(name)), (
                f"kill {n}: {name} is neither the old nor the new file\n"
                + _differences(data, old_files.get(name), new_files.get(name)))
        if n % RECOVER_EVERY == RECOVER_EVERY - 1 or n == KILLS - 1:
            again = multipub("build", "-q", "-p", str(ref), "-o", str(out))
            assert again.returncode == 0, again.stderr
            recovered = _site(out)
            assert recovered == new_files, f"kill {n}: the recovered site differs"
            assert _leftovers(out) == [], f"kill {n}: temporary files left after a rebuild"
        survived += 1
    _report(capsys, "build", performed, survived, finished)
    assert survived == performed == KILLS
    FIGURES["build tmp leftovers seen"] = tmp_seen


def test_clean_build_survives_sigkill(generated: dict[str, object],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """A build into a folder that does not exist yet: killed, it leaves no folder
    or the whole site, never part of one; the next build removes what it staged."""
    base: Path = generated["base"]  # type: ignore[assignment]
    ref: Path = generated["ref"]  # type: ignore[assignment]
    ref_site: Path = generated["ref_site"]  # type: ignore[assignment]
    duration: float = generated["build_time"]  # type: ignore[assignment]
    new_files = _site(ref_site)
    parent = base / "clean-parent"
    out = parent / "site"
    rng = random.Random(SEED + 2)
    performed = survived = finished = 0
    for n in range(KILLS // 2):
        if out.exists():
            shutil.rmtree(out)
        delay = rng.uniform(0.05, 1.5) * duration  # some runs end before the kill
        killed, _ = kill_at(["build", "-q", "-p", str(ref), "-o", str(out)], delay)
        performed += 1
        finished += not killed
        if out.exists():
            assert _site(out) == new_files, f"kill {n}: a partial site was published"
        if n % RECOVER_EVERY == RECOVER_EVERY - 1 or n == KILLS // 2 - 1:
            if out.exists():
                shutil.rmtree(out)
            again = multipub("build", "-q", "-p", str(ref), "-o", str(out))
            assert again.returncode == 0, again.stderr
            assert _site(out) == new_files, f"kill {n}: the recovered site differs"
            assert sorted(p.name for p in parent.iterdir()) == ["site"], \
                f"kill {n}: a staged folder was left beside the site"
        survived += 1
    _report(capsys, "clean build", performed, survived, finished)
    assert survived == performed == KILLS // 2


def test_build_removes_leftover_temporary_files(generated: dict[str, object]) -> None:
    ref: Path = generated["ref"]  # type: ignore[assignment]
    ref_site: Path = generated["ref_site"]  # type: ignore[assignment]
    out = Path(str(generated["base"])) / "leftover-out"
    shutil.copytree(ref_site, out)
    # what a build killed inside write_atomic leaves behind: a temporary file, and
    # the mark that a build was writing
    (out / "pl" / ".index.html.k3j2x9a1.tmp").write_bytes(b"<html>half a page")
    (out / ".multipub-building").write_bytes(b"")
    result = multipub("build", "-q", "-p", str(ref), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert _leftovers(out) == []
    assert not (out / ".multipub-building").exists()


def test_leftover_tmp_in_locales_is_ignored(generated: dict[str, object]) -> None:
    ref: Path = generated["ref"]  # type: ignore[assignment]
    work = Path(str(generated["base"])) / "leftover-locales"
    shutil.copytree(ref, work)
    folder = work / "locales" / "ru" / "LC_MESSAGES" / "articles"
    (folder / ".artykul-00.po.k3j2x9a1.tmp").write_bytes(b'msgid "half')
    before = _files(work / "locales", "*.po")
    for args in (["update", "-q"], ["status", "--format", "json"], ["check"], ["compile", "-q"]):
        run = multipub(*args, "-p", str(work))
        assert run.returncode in (0, 1), (args, run.stderr)
        assert ".tmp" not in run.stdout + run.stderr
    assert _files(work / "locales", "*.po") == before
    out = Path(str(generated["base"])) / "leftover-locales-site"
    assert multipub("build", "-q", "-p", str(work), "-o", str(out)).returncode == 0
    assert not any(".tmp" in name for name in snapshot(out))


def test_two_updates_at_once(generated: dict[str, object]) -> None:
    old: Path = generated["old"]  # type: ignore[assignment]
    ref: Path = generated["ref"]  # type: ignore[assignment]
    new_sources: dict[str, str] = generated["new_sources"]  # type: ignore[assignment]
    work = Path(str(generated["base"])) / "together"
    shutil.copytree(old, work)
    for rel, text in new_sources.items():
        (work / rel).write_text(text, encoding="utf-8")
    procs = [subprocess.Popen(command(["update", "-q", "-p", str(work)]), env=env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read().decode()) for p in procs if p.stderr]
    for code, err in results:
        assert code == 0 or (code == 2 and "another multipub command" in err), err
    assert any(code == 0 for code, _ in results)
    assert _files(work / "locales", "*.po") == _files(ref / "locales", "*.po")
    validator = Validator()
    for path in sorted((work / "locales").rglob("*.po")):
        validator.check(path)
