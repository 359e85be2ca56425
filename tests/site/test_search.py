"""Pagefind: an index per language over the published article pages, made again only
when one of them changes; the build says so when the extra is missing."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from multipub.commands import build as build_module
from multipub.commands.build import MANIFEST, build
from multipub.errors import ConfigError
from multipub.project.model import load_project
from multipub.site import search

from ..commands.test_build import CONFIG, make_project
from ..conftest import snapshot

pytestmark = pytest.mark.skipif(not search.available(),
                                reason="the search extra is not installed (CI installs it)")


def test_an_index_per_language_of_the_published_articles(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", CONFIG + 'fallback = "fallback"\n')
    report = build(load_project(root))
    assert report.search == ""
    site = root / "site"
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_bytes())
    pages = {code: data["page_count"] for code, data in entry["languages"].items()}
    assert pages == {"pl": 3, "ru": 2, "be": 1}  # fallback pages are not indexed
    doc = lxml.html.fromstring((site / "ru/search/index.html").read_bytes())
    assert doc.get("lang") == "ru" and doc.xpath("string(//h1)") == "Поиск"
    strings = json.loads(doc.xpath("//div[@id='search']/@data-strings")[0])
    assert strings["placeholder"] == "Поиск по сайту"
    assert doc.xpath("//meta[@name='robots']/@content") == ["noindex"]
    article = lxml.html.fromstring((site / "ru/klastery-v-grodno/index.html").read_bytes())
    assert article.xpath("//nav[@class='sections']//a/@href") == ["../search/"]


def pages(site: Path) -> dict[str, bytes]:
    """The files of the site but its manifest (which records the inputs' digest)."""
    return {k: v for k, v in snapshot(site).items() if k != MANIFEST}


def test_the_index_is_made_again_only_when_an_article_page_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path / "p")
    build(load_project(root))
    site = root / "site"
    before = pages(site)
    catalog = root / "locales/ru/LC_MESSAGES/tags.po"
    catalog.write_text(catalog.read_text("utf-8") + "\n", "utf-8")  # no page changes

    def not_again(pages: object) -> None:
        raise AssertionError("Pagefind ran again")

    monkeypatch.setattr(build_module, "pagefind_files", not_again)
    build(root)
    monkeypatch.undo()
    assert pages(site) == before
    path = root / "content/brest/pl.md"
    path.write_text(path.read_text("utf-8") + "\nTrzeci akapit o kooperatywach.\n", "utf-8")
    build(root)
    after = pages(site)
    changed = {name for name in after if after[name] != before.get(name)}
    assert "pagefind/pagefind-entry.json" in changed
    assert any(name.startswith("pagefind/fragment/pl_") for name in changed)
    assert not any(name.startswith("pagefind/fragment/ru_") for name in changed)


def test_without_the_extra_the_build_works_and_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "available", lambda: False)
    root = make_project(tmp_path / "p")
    report = build(load_project(root))
    assert "multipub[search]" in report.search and not (root / "site/pagefind").exists()
    assert not (root / "site/ru/search").exists()
    (root / "multipub.toml").write_text(CONFIG + "\n[search]\nenabled = true\n", "utf-8")
    with pytest.raises(ConfigError) as caught:
        build(load_project(root))
    assert str(caught.value).startswith("multipub.toml:7: search.enabled: search needs Pagefind")
    assert "pip install 'multipub[search]'" in str(caught.value)
