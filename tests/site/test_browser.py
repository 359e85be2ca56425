"""End to end in headless Chromium: the language switcher, the news site's front pages,
image variants chosen by the viewport, JSON-LD read from the DOM Chromium built.

Follow the language switcher from Polish to Belarusian:

The built site is served over http://127.0.0.1:<free port>; Chromium loads the
Polish article, the switcher's Belarusian link is read from the DOM Chromium
built, Chromium loads that page, and its ``<html lang>`` must be ``be``.  A
screenshot of the Belarusian page is saved under the test's tmp_path.
Skipped only when no Chromium is installed (CI installs it).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urljoin

import lxml.html
import pytest
from PIL import Image

from multipub.commands.build import build
from multipub.project.model import load_project

from ..commands.test_build import make_project
from ..conftest import EXAMPLE

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


# -- the news site (issue 18): front pages, image variants, JSON-LD --------------------------
class _LoggingHandler(_QuietHandler):
    """Records the path of every request (which image variant the browser chose)."""

    requested: list[str]

    def do_GET(self) -> None:
        self.requested.append(self.path)
        super().do_GET()


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[tuple[str, list[str]]]:
    requested: list[str] = []
    handler_class = type("Handler", (_LoggingHandler,), {"requested": requested})
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", requested
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    root = tmp_path_factory.mktemp("example") / "polska-pomoc"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("site", ".multipub-cache"))
    build(load_project(root))
    with serve(root / "site") as (url, _):
        yield root / "site", url


def test_every_front_page_shows_its_lead_story_and_cards(example_site: tuple[Path, str],
                                                         tmp_path: Path) -> None:
    _, url = example_site
    expected = {"pl": "Klastry na Białorusi", "ru": "Кластеры в Беларуси",
                "be": "Кластары ў Беларусі"}
    for code, lead in expected.items():
        doc = lxml.html.fromstring(chromium(tmp_path / "profile", "--dump-dom",
                                            urljoin(url, f"{code}/")).stdout)
        assert doc.get("lang") == code
        story = doc.xpath("//article[@class='lead-story']")
        assert [s.xpath("string(h2)") for s in story] == [lead]
        assert story[0].xpath(".//picture//img/@width")  # the large lead photo
        cards = doc.xpath("//article[@class='card']")
        assert cards and all(c.xpath(".//time") and c.xpath(".//p[@class='summary']")
                             for c in cards), code
        assert doc.xpath("//nav[@class='section-links']//a")


def test_the_browser_loads_the_variant_its_viewport_asks_for(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj")
    photo = Image.new("RGB", (2000, 1250), (90, 120, 160))
    photo.save(root / "content/grodna/foto.png")
    build(load_project(root))
    profile = tmp_path / "profile"
    with serve(root / "site") as (url, requested):
        page = urljoin(url, "pl/klastry-w-grodnie/")
        for size, variant in (("412,900", "foto-480w.webp"), ("1280,900", "foto-960w.webp")):
            requested.clear()
            chromium(profile, "--dump-dom", "--force-device-scale-factor=1",
                     f"--window-size={size}", "--disk-cache-size=1", page)
            images = [p for p in requested if p.startswith("/assets/")]
            assert images == [f"/assets/grodna/{variant}"], (size, requested)


def test_the_json_ld_of_every_article_names_its_existing_translations(
        example_site: tuple[Path, str], tmp_path: Path) -> None:
    folder, url = example_site
    checked = 0
    for path in sorted(folder.glob("*/*/index.html")):
        rel = path.relative_to(folder).as_posix()
        if rel.split("/")[1] in ("tag", "section", "page", "search"):
            continue
        doc = lxml.html.fromstring(chromium(tmp_path / "profile", "--dump-dom",
                                            urljoin(url, rel[:-len("index.html")])).stdout)
        [text] = doc.xpath("//script[@type='application/ld+json']/text()")
        data = json.loads(text)
        assert data["@type"] == "NewsArticle" and data["headline"] == doc.xpath("string(//h1)")
        linked = [data["translationOfWork"]] if "translationOfWork" in data else data.get(
            "workTranslation", [])
        versions = {a.get("hreflang"): a.get("href")
                    for a in doc.xpath("//link[@rel='alternate'][@hreflang]")
                    if a.get("hreflang") != "x-default"}
        own = doc.get("lang")
        if own == "pl":
            assert {w["inLanguage"]: w["url"] for w in linked} == {
                k: v for k, v in versions.items() if k != "pl"}, rel
        else:
            assert [w["url"] for w in linked] == ([versions["pl"]] if "pl" in versions
                                                  else []), rel
        checked += 1
    assert checked == 10  # pl 3, ru 3, be 2, be-Latn 2


def test_a_russian_word_on_the_russian_search_page_finds_the_russian_article(
        example_site: tuple[Path, str], tmp_path: Path) -> None:
    folder, url = example_site
    if not (folder / "pagefind").is_dir():
        pytest.skip("the search extra is not installed (CI installs it)")
    page = urljoin(url, "ru/search/?q=" + quote("кластеры"))
    doc = lxml.html.fromstring(chromium(tmp_path / "profile", "--virtual-time-budget=30000",
                                        "--dump-dom", page).stdout)
    links = doc.xpath("//a[contains(@class, 'pagefind-ui__result-link')]")
    assert [(a.text_content(), urljoin(page, a.get("href"))) for a in links] == [
        ("Кластеры в Беларуси", urljoin(url, "ru/klastery-v-belarusi/"))]
    message = doc.xpath("string(//*[contains(@class, 'pagefind-ui__message')])")
    assert message == "Результатов по запросу кластеры: 1"  # the UI catalogue's words
    polish = urljoin(url, "pl/search/?q=" + quote("кластеры"))
    doc = lxml.html.fromstring(chromium(tmp_path / "profile", "--virtual-time-budget=30000",
                                        "--dump-dom", polish).stdout)
    assert doc.xpath("//a[contains(@class, 'pagefind-ui__result-link')]") == []
