"""A build with no changed input is known as such from the inputs digest alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from multipub.cache.inputs import BUILDING, read_inputs, up_to_date
from multipub.commands.build import MANIFEST, build
from multipub.project.model import load_project

from ..commands.test_build import make_project
from ..conftest import snapshot


@pytest.fixture
def built(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "proj")
    build(load_project(root))
    return root


def test_a_finished_build_is_up_to_date(built: Path) -> None:
    summary = up_to_date(built)
    assert summary is not None
    manifest = json.loads((built / "site" / MANIFEST).read_text("utf-8"))
    assert summary.files == len(manifest["files"])
    assert summary.pages == sum(1 for name in manifest["files"] if name.endswith(".html"))
    assert summary.published["pl"] >= 1
    result = build(load_project(built))
    assert (result.written, result.rendered, result.unchanged) == (0, 0, summary.files)


@pytest.mark.parametrize("change", [
    "content/grodna/pl.md", "content/grodna/foto.png", "locales/ru/LC_MESSAGES/articles/grodna.po",
    "multipub.toml", "templates/new.html", "content/minsk/be.md",
])
def test_any_changed_input_means_build(built: Path, change: str) -> None:
    path = built / change
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".png":
        path.write_bytes(path.read_bytes() + b"\0")
    elif path.is_file():
        path.write_text(path.read_text("utf-8") + "\n", "utf-8")
    else:
        path.write_text("---\ntitle: Nowy\n---\n" if path.suffix == ".md" else "x", "utf-8")
    assert up_to_date(built) is None


def test_compiled_catalogues_do_not_count(built: Path) -> None:
    (built / "locales/ru/LC_MESSAGES/articles/grodna.mo").write_bytes(b"\x95\x04\x12\xde")
    assert up_to_date(built) is not None


def test_a_changed_or_missing_output_means_build(built: Path) -> None:
    page = next((built / "site" / "pl").glob("*/index.html"))
    page.write_bytes(page.read_bytes().replace(b"</html>", b"</html>\n"))
    assert up_to_date(built) is None
    page.unlink()
    assert up_to_date(built) is None
    result = build(load_project(built))
    assert result.written == 1 and page.is_file()
    assert up_to_date(built) is not None


def test_an_interrupted_build_means_build(built: Path) -> None:
    (built / "site" / BUILDING).write_bytes(b"")
    assert up_to_date(built) is None


def test_a_file_changed_after_loading_is_not_recorded(built: Path) -> None:
    project = load_project(built)
    path = built / "content/grodna/pl.md"
    path.write_text(path.read_text("utf-8").replace("Eksperci", "Ekspertki"), "utf-8")
    build(project)  # built from the text loaded before the change
    manifest = json.loads((built / "site" / MANIFEST).read_text("utf-8"))
    assert "inputs" not in manifest
    assert up_to_date(built) is None
    build(load_project(built))
    assert "Ekspertki" in (built / "site/markdown/pl/grodna.md").read_text("utf-8")
    assert up_to_date(built) is not None


def test_inputs_digest_ignores_nothing_the_build_reads(built: Path) -> None:
    before = read_inputs(built)
    assert before is not None
    (built / "content" / "grodna" / ".notes.txt").write_text("x", "utf-8")
    after = read_inputs(built)
    assert after is not None and after.digest != before.digest  # conservative: any file counts


def test_templates_and_compiled_catalogues_are_not_inputs(built: Path) -> None:
    """A build reads ``.po`` files only: ``.pot`` and ``.mo`` files do not change its digest."""
    from multipub.commands.catalogs import extract

    extract(load_project(built))  # writes the templates (.pot) only
    pots = sorted((built / "locales").rglob("*.pot"))
    assert pots
    assert up_to_date(built) is not None
    for pot in pots:
        pot.write_text(pot.read_text("utf-8") + "\n# edited\n", "utf-8")
    (built / "locales/ru/LC_MESSAGES/messages.mo").write_bytes(b"not a catalogue")
    assert up_to_date(built) is not None
    po = next((built / "locales").rglob("*.po"))
    po.write_text(po.read_text("utf-8") + "\n", "utf-8")
    assert up_to_date(built) is None


def test_cli_skips_loading_when_nothing_changed(built: Path) -> None:
    files = snapshot(built / "site")
    done = subprocess.run([sys.executable, "-m", "multipub", "build", "-p", str(built)],
                          capture_output=True, text=True, check=True)
    assert ": 0 written" in done.stderr and "(no input changed)" in done.stderr
    assert snapshot(built / "site") == files
    (built / "content/grodna/pl.md").write_text(
        (built / "content/grodna/pl.md").read_text("utf-8") + "\nNowy akapit.\n", "utf-8")
    done = subprocess.run([sys.executable, "-m", "multipub", "build", "-p", str(built)],
                          capture_output=True, text=True, check=True)
    assert "no input changed" not in done.stderr
    assert snapshot(built / "site")["markdown/pl/grodna.md"] != files["markdown/pl/grodna.md"]


def test_a_catalogue_changed_during_the_build_is_not_recorded(built: Path) -> None:
    source = built / "content/minsk/pl.md"
    source.write_text(source.read_text("utf-8") + "\nNowy akapit.\n", "utf-8")
    inputs = read_inputs(built)  # as the command line reads them, before loading
    assert inputs is not None and up_to_date(built, inputs=inputs) is None
    po = built / "locales/ru/LC_MESSAGES/articles/grodna.po"
    po.write_text(po.read_text("utf-8").replace("Встреча в Гродно.", "Встреча в Гродно!"),
                  "utf-8")
    build(load_project(built), inputs=inputs)
    manifest = json.loads((built / "site" / MANIFEST).read_text("utf-8"))
    assert "inputs" not in manifest
    po.write_text(po.read_text("utf-8").replace("Встреча в Гродно!", "Встреча в Гродно."),
                  "utf-8")  # edited back: the digest equals the one read before, still build
    assert up_to_date(built) is None


def test_inputs_read_ahead_equal_read_inputs(tmp_path: Path) -> None:
    """``--jobs`` reads the inputs in another process while loading: same digest."""
    from multipub.cache.inputs import InputsAhead, _entries, _read

    root = make_project(tmp_path / "proj")
    ahead = InputsAhead.start(root)
    assert ahead is not None
    found, reference = ahead.result(), read_inputs(root)
    assert found is not None and reference is not None
    assert (found.digest, found.files, found.stats) == (
        reference.digest, reference.files, reference.stats)
    assert found.verified and not found.markdown
    # a file that is no longer what was listed: no digest
    entries = _entries(root)
    expected = dict(found.stats)
    expected["content/grodna/pl.md"] = (0, 0, 0)
    assert _read(root, entries, expected) is None


def test_a_file_edited_while_read_ahead_is_not_recorded(tmp_path: Path) -> None:
    from multipub.cache.inputs import InputsAhead

    root = make_project(tmp_path / "proj")
    ahead = InputsAhead.start(root)
    assert ahead is not None
    project = load_project(root)
    source = root / "content/grodna/pl.md"
    source.write_text(source.read_text("utf-8") + "\nNowy akapit.\n", "utf-8")
    build(project, inputs=ahead)
    manifest = json.loads((root / "site" / MANIFEST).read_text("utf-8"))
    assert "inputs" not in manifest  # the loaded text is older than the file now
    build(load_project(root), inputs=InputsAhead.start(root))
    assert up_to_date(root) is not None


def test_cli_build_with_jobs_records_the_digest(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj")
    for expect in ("written", "(no input changed)"):
        done = subprocess.run([sys.executable, "-m", "multipub", "build", "-p", str(root),
                               "--jobs", "2"], capture_output=True, text=True, check=True)
        assert expect in done.stderr
    assert up_to_date(root) is not None


def test_inputs_are_read_whole_however_read_answers(built: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A file larger than one ``read`` returns (or one that grew) is read to its end."""
    from multipub.cache import inputs as snapshot

    whole = read_inputs(built)
    real = os.read
    monkeypatch.setattr(snapshot.os, "read", lambda fd, n: real(fd, min(n, 100)))
    monkeypatch.setattr(snapshot, "_ONE_READ", 0)
    pieces = read_inputs(built)
    assert whole is not None and pieces is not None
    assert pieces.digest == whole.digest and pieces.markdown == whole.markdown
