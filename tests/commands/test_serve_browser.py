"""End to end in headless Chromium: the open page follows edits while ``serve`` runs.

``multipub serve`` of the bundled example runs in this process; Chromium, driven
through the DevTools protocol over ``--remote-debugging-pipe`` (JSON messages on
file descriptors 3 and 4, no extra library), keeps the Polish article open while
the test edits a Polish paragraph (the page reloads with the new text), breaks the
front matter (the error overlay names the file and line) and fixes it (the page
comes back).  Skipped only when no Chromium is installed (CI installs it).
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from multipub.commands.serve import serve
from multipub.commands.serve_http import PreviewServer

from ..site.test_browser import CHROMIUM

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                "(apt-get install chromium); CI installs it")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples/polska-pomoc"
ARTICLE = "content/klastry-na-bialorusi/pl.md"
PARAGRAPH = "Ekspertami prowadzącymi spotkania są"


_ON_FDS_3_AND_4 = ("import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); "
                   "os.execv(sys.argv[3], sys.argv[3:])")
"""Run a program with the first two descriptors given as its descriptors 3 and 4."""


class Browser:
    """Headless Chromium and one page of it, over the DevTools pipe."""

    def __init__(self, profile: Path) -> None:
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()
        # above 4, so that putting them on 3 and 4 cannot overwrite one another
        commands_read, replies_write = (_above(commands_read, 10), _above(replies_write, 10))
        assert CHROMIUM is not None
        args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", f"--user-data-dir={profile}",
                "--remote-debugging-pipe", "about:blank"]
        # Chromium reads commands on fd 3 and writes replies on fd 4
        self.process = subprocess.Popen(
            [sys.executable, "-c", _ON_FDS_3_AND_4, str(commands_read), str(replies_write),
             *args], pass_fds=(commands_read, replies_write), stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(commands_read)
        os.close(replies_write)
        self._next = 0
        self._answers: dict[int, dict[str, Any]] = {}
        self._arrived = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        self.session = ""

    def _read(self) -> None:
        buffer = b""
        while chunk := os.read(self._replies, 1 << 16):
            buffer += chunk
            while b"\0" in buffer:
                message, buffer = buffer.split(b"\0", 1)
                data = json.loads(message)
                if "id" in data:
                    with self._arrived:
                        self._answers[data["id"]] = data
                        self._arrived.notify_all()

    def call(self, method: str, session: bool = True, **params: Any) -> dict[str, Any]:
        self._next += 1
        number = self._next
        message: dict[str, Any] = {"id": number, "method": method, "params": params}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        with self._arrived:
            assert self._arrived.wait_for(lambda: number in self._answers, 60), method
            return self._answers.pop(number)

    def open(self, url: str) -> None:
        target = self.call("Target.createTarget", session=False, url=url)["result"]["targetId"]
        self.session = self.call("Target.attachToTarget", session=False, targetId=target,
                                 flatten=True)["result"]["sessionId"]

    def evaluate(self, expression: str) -> Any:
        """The value of *expression* in the page (``None`` while it is reloading)."""
        answer = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        result = answer.get("result", {})
        if "exceptionDetails" in result or "result" not in result:
            return None
        return result["result"].get("value")

    def close(self) -> None:
        try:
            self.call("Browser.close", session=False)
        finally:
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            os.close(self._commands)


def _above(fd: int, low: int) -> int:
    """*fd* moved to a number of at least *low*."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD, low)
    os.close(fd)
    return moved


def until(check: Callable[[], Any], what: str, seconds: float = 60) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "polska-pomoc"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("site", ".multipub-cache"))
    stop = threading.Event()
    servers: list[PreviewServer] = []
    thread = threading.Thread(target=serve, args=(root, tmp_path / "out"), kwargs={
        "port": 0, "say": lambda line: None, "ready": servers.append, "stop": stop})
    thread.start()
    try:
        until(lambda: servers or not thread.is_alive(), "the server")
        assert servers
        yield servers[0].url, root
    finally:
        stop.set()
        thread.join(60)


def test_the_open_page_follows_edits_errors_and_fixes(served: tuple[str, Path],
                                                      tmp_path: Path) -> None:
    url, root = served
    source = root / ARTICLE
    good = source.read_text(encoding="utf-8")
    assert PARAGRAPH in good
    pages = [p for p in (tmp_path / "out/pl").glob("*/index.html")
             if PARAGRAPH in p.read_text(encoding="utf-8")]
    assert len(pages) == 1
    browser = Browser(tmp_path / "profile")
    try:
        browser.open(f"{url}pl/{pages[0].parent.name}/")
        until(lambda: browser.evaluate(
            "document.readyState === 'complete' && document.body.innerText"), "the page")
        assert PARAGRAPH in browser.evaluate("document.body.innerText")
        browser.evaluate("window.notReloaded = true")

        edited = good.replace(PARAGRAPH, "Spotkania prowadzą eksperci, którymi są")
        source.write_text(edited, encoding="utf-8")
        text = until(lambda: (browser.evaluate("document.body.innerText") or "")
                     if "prowadzą eksperci" in (browser.evaluate("document.body.innerText")
                                               or "") else None, "the edited paragraph")
        assert PARAGRAPH not in text
        assert browser.evaluate("window.notReloaded === undefined") is True

        source.write_text(edited.replace("date: 2019-11-20", "date: [2019-11-20"),
                          encoding="utf-8")
        error = until(lambda: browser.evaluate(
            "(document.getElementById('multipub-error') || {}).innerText"), "the error page")
        assert f"{ARTICLE}:3:" in error
        assert "prowadzą eksperci" in browser.evaluate("document.body.innerText")

        source.write_text(edited.replace("eksperci, którymi", "eksperci (dwaj), którymi"),
                          encoding="utf-8")
        until(lambda: browser.evaluate(
            "!document.getElementById('multipub-error') && "
            "document.body.innerText.includes('eksperci (dwaj)')"), "the fixed page")
    finally:
        browser.close()
