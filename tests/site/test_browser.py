"""End to end in headless Chromium: follow the language switcher from Polish to Belarusian.

The built site is served over http://127.0.0.1:<free port>; Chromium loads the
Polish article, the switcher's Belarusian link is read from the DOM Chromium
built, Chromium loads that page, and its ``<html lang>`` must be ``be``.  A
screenshot of the Belarusian page is saved under the test's tmp_path.
Skipped only when no Chromium is installed (CI installs it).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest

from multipub.commands.build import build
from multipub.project.model import load_project

from ..commands.test_build import make_project

CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium"),
                             shutil.which("chromium-browser"), shutil.which("google-chrome"))
                 if p and Path(p).exists()), None)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                "(apt-get install chromium); CI installs it")


@pytest.fixture
def served_site(tmp_path: Path) -> Iterator[str]:
    root = make_project(tmp_path / "proj")
    build(load_project(root))
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-quic", "--disable-dev-shm-usage", f"--user-data-dir={profile}", *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=90, check=True)


def test_switcher_leads_from_polish_to_belarusian(served_site: str, tmp_path: Path) -> None:
    profile = tmp_path / "chromium-profile"
    polish_url = urljoin(served_site, "pl/klastry-w-grodnie/")
    polish = lxml.html.fromstring(chromium(profile, "--dump-dom", polish_url).stdout)
    assert polish.get("lang") == "pl"
    links = polish.xpath("//nav[@class='switcher']//a[@hreflang='be']/@href")
    assert len(links) == 1
    belarusian_url = urljoin(polish_url, links[0])
    belarusian = lxml.html.fromstring(chromium(profile, "--dump-dom", belarusian_url).stdout)
    assert belarusian.get("lang") == "be"
    assert belarusian.xpath("//h1")[0].text_content() == "Кластары ў Гродне"
    back = belarusian.xpath("//nav[@class='switcher']//a[@hreflang='pl']/@href")
    assert urljoin(belarusian_url, back[0]) == polish_url
    shot = tmp_path / "be-article.png"
    chromium(profile, f"--screenshot={shot}", "--window-size=412,915", belarusian_url)
    assert shot.read_bytes().startswith(b"\x89PNG")
