"""``multipub serve``: rebuilds on save, errors shown and recovered from, clean stop."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from multipub.commands.serve import Preview, changed_since, changes, serve, watched
from multipub.commands.serve_http import EVENTS, PreviewServer
from multipub.errors import UsageError

from .test_build import make_project

REPO = Path(__file__).resolve().parents[2]


def test_a_broken_file_fails_the_rebuild_keeps_the_site_and_a_fix_recovers(
        tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj")
    preview = Preview(root, tmp_path / "out")
    first = preview.rebuild()
    assert first.ok and first.written > 0 and not first.warm
    page = tmp_path / "out/pl/klastry-w-grodnie/index.html"
    good_page = page.read_bytes()
    source = root / "content/grodna/pl.md"
    good = source.read_text(encoding="utf-8")
    source.write_text(good.replace("title: Klastry w Grodnie\n", "title: [Klastry\n"),
                      encoding="utf-8")
    failed = preview.rebuild(["content/grodna/pl.md"])
    assert not failed.ok and failed.written == 0
    assert str(failed.problems[0]).startswith("content/grodna/pl.md:2: ")
    assert page.read_bytes() == good_page
    # another article's edit does not hide the one still broken
    minsk = root / "content/minsk/pl.md"
    minsk.write_text(minsk.read_text(encoding="utf-8") + "\nWięcej.\n", encoding="utf-8")
    still = preview.rebuild(["content/minsk/pl.md"])
    assert not still.ok and still.changed == ("content/grodna/pl.md", "content/minsk/pl.md")
    source.write_text(good.replace("Spotkanie w Grodnie.", "Spotkanie w Grodnie, dziś."),
                      encoding="utf-8")
    fixed = preview.rebuild(["content/grodna/pl.md"])
    assert fixed.ok and fixed.warm
    assert "Spotkanie w Grodnie, dziś." in page.read_text(encoding="utf-8")
    assert "Więcej." in (tmp_path / "out/pl/stypendia-w-minsku/index.html").read_text(
        encoding="utf-8")


def test_a_template_change_rebuilds_everything(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj")
    preview = Preview(root, tmp_path / "out")
    preview.rebuild()
    theme = REPO / "src/multipub/templates/base.html"
    (root / "templates").mkdir()
    (root / "templates/base.html").write_text(
        theme.read_text(encoding="utf-8").replace("<main", "<!-- own --><main"), encoding="utf-8")
    result = preview.rebuild(["templates/base.html"])
    assert result.ok and not result.warm
    assert "<!-- own -->" in (tmp_path / "out/ru/index.html").read_text(encoding="utf-8")


def test_only_sources_are_watched() -> None:
    root = Path("p")
    assert [watched(root, name) for name in (
        "content/a/pl.md", "content/a/foto.png", "locales/ru/LC_MESSAGES/messages.po",
        "templates/base.html", "multipub.toml", "site/index.html", ".multipub-cache/x",
        "content/a/.stamps/ru.pl.md", "README.md")] == [
        True, True, True, True, True, False, False, False, False]


def test_changes_yields_the_saved_files(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj")
    stop = threading.Event()
    found: list[tuple[str, ...]] = []

    def watch() -> None:
        for batch in changes(root, stop):
            if batch:
                found.append(batch)
                stop.set()

    thread = threading.Thread(target=watch)
    thread.start()
    deadline = time.monotonic() + 30
    while not found and time.monotonic() < deadline:
        (root / "site").mkdir(exist_ok=True)
        (root / "site/ignored.html").write_text("x", encoding="utf-8")
        (root / "content/brest/pl.md").write_text(
            (root / "content/brest/pl.md").read_text(encoding="utf-8") + "\n", encoding="utf-8")
        time.sleep(0.3)
    stop.set()
    thread.join(10)
    assert found and found[0] == ("content/brest/pl.md",)


def test_without_watchfiles_it_names_the_extra(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "watchfiles", None)
    with pytest.raises(UsageError, match=r"pip install 'multipub\[serve\]'"):
        next(changes(tmp_path))


def test_saves_before_the_watch_began_are_found(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj")
    since = time.time_ns() - 50_000_000
    (root / "content/brest/pl.md").write_text("changed", encoding="utf-8")
    (root / "site").mkdir()
    (root / "site/index.html").write_text("x", encoding="utf-8")
    assert "content/brest/pl.md" in changed_since(root, since)
    assert "site/index.html" not in changed_since(root, since)
    assert changed_since(root, time.time_ns() + 10**12) == ()


def test_a_port_in_use_is_a_usage_error(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(UsageError, match=f"cannot listen on 127.0.0.1:{port}"):
            serve(root, tmp_path / "out", port=port, say=lambda line: None)
    assert (tmp_path / "out/index.html").is_file()  # built before it tried to listen


def test_not_a_project_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"no multipub\.toml"):
        serve(tmp_path, say=lambda line: None)


def test_serve_in_process_stops_when_asked(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj")
    stop = threading.Event()
    said: list[str] = []
    servers: list[PreviewServer] = []
    thread = threading.Thread(target=serve, args=(root, tmp_path / "out"), kwargs={
        "port": 0, "say": said.append, "ready": servers.append, "stop": stop})
    thread.start()
    deadline = time.monotonic() + 60
    while not servers and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert servers, said
    host, port = servers[0].server_address[:2]
    assert host == "127.0.0.1"
    connection = http.client.HTTPConnection(str(host), port, timeout=10)
    connection.request("GET", "/ru/")
    assert b"data-multipub-live" in connection.getresponse().read()
    stop.set()
    thread.join(30)
    assert not thread.is_alive() and said[-1] == "stopped"
    assert b"data-multipub-live" not in (tmp_path / "out/ru/index.html").read_bytes()


@pytest.fixture
def command(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str, Path, Path]]:
    """``multipub serve`` as a user runs it: the process, its address, its folder, the project."""
    root = make_project(tmp_path / "proj")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    process = subprocess.Popen([sys.executable, "-m", "multipub", "serve", "-p", str(root),
                                "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=env)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.match(r"serving (http://127\.0\.0\.1:\d+/) \(site in (.+)\); Ctrl-C stops",
                         line)
        assert match, (line, process.stderr.read() if process.stderr else "")
        yield process, match.group(1), Path(match.group(2)), root
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_the_command_reloads_on_save_and_stops_cleanly_on_ctrl_c(
        command: tuple[subprocess.Popen[str], str, Path, Path]) -> None:
    process, url, site, root = command
    host, port = url.removeprefix("http://").rstrip("/").split(":")
    assert site.is_dir() and site.name == "site"
    events = http.client.HTTPConnection(host, int(port), timeout=30)
    events.request("GET", f"{EVENTS}?since=1")
    stream = events.getresponse()
    assert stream.readline() == b": multipub live reload\n"
    source = root / "content/grodna/pl.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Spotkanie w Grodnie.", "Spotkanie w Grodnie, po zmianie."), encoding="utf-8")
    while (line := stream.readline()) != b"event: reload\n":
        assert line in (b"\n", b": ping\n"), line
    events.close()
    page = http.client.HTTPConnection(host, int(port), timeout=10)
    page.request("GET", "/pl/klastry-w-grodnie/")
    assert "Spotkanie w Grodnie, po zmianie." in page.getresponse().read().decode()
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "rebuilt after content/grodna/pl.md" in err and err.rstrip().endswith("stopped")
    assert not site.exists() and not site.parent.exists()
    assert not list((root / ".multipub-cache/build").glob("outputs-*.json"))


def test_the_command_stops_cleanly_on_sigterm_too(
        command: tuple[subprocess.Popen[str], str, Path, Path]) -> None:
    process, _, site, _ = command
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=30)
    assert process.returncode == 0 and not site.parent.exists()


def test_help_lists_serve() -> None:
    done = subprocess.run([sys.executable, "-m", "multipub", "serve", "--help"],
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    assert "--port" in done.stdout and "127.0.0.1" in done.stdout
