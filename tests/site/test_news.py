"""The news site on a generated project: sections, front page, related articles, sharing
metadata, and fallback pages that advertise no translation."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from multipub.commands.build import build
from multipub.project.model import load_project
from multipub.site.news import _Related
from multipub.site.plan import Entry
from multipub.site.sections import RELATED

from ..commands.test_build import CONFIG, make_project

SECTIONS = ('fallback = "fallback"\n\n[[sections]]\nid = "aktualnosci"\nname = "Aktualności"\n\n'
            '[[sections]]\nid = "edukacja"\nname = "Edukacja"\n')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("news") / "p", CONFIG + SECTIONS)
    for article, extra in (("grodna", "section: aktualnosci\n"),
                           ("brest", "section: aktualnosci\nfeatured: true\n"),
                           ("minsk", "section: edukacja\ntags: [gospodarka]\n")):
        path = root / "content" / article / "pl.md"
        path.write_text(path.read_text("utf-8").replace("---\n", "---\n" + extra, 1), "utf-8")
    build(load_project(root))
    return root / "site"


def page(site: Path, name: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / name).read_bytes())


def jsonld(doc: lxml.html.HtmlElement) -> dict[str, object]:
    [data] = doc.xpath("//script[@type='application/ld+json']/text()")
    found: dict[str, object] = json.loads(data)
    return found


def test_front_page_leads_with_the_featured_article(site: Path) -> None:
    front = page(site, "pl/index.html")
    assert front.xpath("//article[@class='lead-story']/h2/a/text()") == ["Szkolenia w Brześciu"]
    assert front.xpath("//article[@class='card']/h2/a/text()") == ["Klastry w Grodnie"]
    card = front.xpath("//article[@class='card']")[0]
    assert card.xpath(".//p[@class='summary']/text()") == ["Eksperci o klastrach."]
    assert card.xpath(".//a[@class='section']/@href") == ["section/aktualnosci/"]
    assert card.xpath(".//img/@loading") == ["lazy"]
    assert front.xpath("//nav[@class='section-links']//a/@href") == [
        "section/aktualnosci/", "section/edukacja/"]
    # no summary in the front matter: the first paragraph, cut at a sentence
    lead = front.xpath("//article[@class='lead-story']//p[@class='summary']/text()")
    assert lead == ["Szkolenia dla organizacji."]


def test_section_pages_are_paginated_per_language_with_feeds(site: Path) -> None:
    news = page(site, "pl/section/aktualnosci/index.html")
    assert news.xpath("//h1/text()") == ["Aktualności"]
    assert news.xpath("//article[@class='card']/h2/a/text()") == [
        "Klastry w Grodnie", "Szkolenia w Brześciu"]
    assert [a.get("hreflang") for a in news.xpath("//link[@rel='alternate'][@hreflang]")] == [
        "pl", "ru", "be", "x-default"]
    ru = page(site, "ru/section/aktualnosci/index.html")
    assert ru.xpath("//h1/text()") == ["Aktualności"]  # no translation of the name: the msgid
    atom = "{http://www.w3.org/2005/Atom}"
    feed = etree.fromstring((site / "ru/section/aktualnosci/feed.xml").read_bytes())
    assert [e.findtext(f"{atom}title") for e in feed.iter(f"{atom}entry")] == [
        "Кластеры в Гродно"]  # the fallback page of brest is not in the feed
    assert b"section/edukacja/" in (site / "sitemap.xml").read_bytes()


def test_related_articles_share_tags_in_the_same_language(site: Path) -> None:
    pl = page(site, "pl/klastry-w-grodnie/index.html")
    assert pl.xpath("//nav[@class='related']//a/text()") == ["Szkolenia w Brześciu",
                                                             "Stypendia w Mińsku"]
    be = page(site, "be/klastary-w-grodnie/index.html")
    # brest and minsk share its tags, but their Belarusian pages show the Polish text
    assert be.xpath("//nav[@class='related']") == []
    fallback = page(site, "be/szkolenia-w-brzesciu/index.html")
    assert fallback.xpath("//nav[@class='related']//a/text()") == ["Stypendia w Mińsku"]


def _entry(number: int, tags: tuple[str, ...], fallback: bool) -> Entry:
    return Entry(f"a{number}", "ru", "pl" if fallback else "ru",
                 "fallback" if fallback else "catalog", False, f"s{number}", f"ru/s{number}/",
                 f"T{number}", dt.date(2020, 1, 1), "", None, tags, 0, ())


@given(st.lists(st.tuples(st.lists(st.sampled_from("abcdef"), max_size=4).map(tuple),
                          st.booleans()), max_size=30))
def test_related_rows_are_the_most_shared_tags_then_the_newest(
        specs: list[tuple[tuple[str, ...], bool]]) -> None:
    entries = [_entry(n, tags, fallback) for n, (tags, fallback) in enumerate(specs)]
    related = _Related(entries)
    for index, entry in enumerate(entries):
        # by brute force: every other entry in the same text language sharing a tag, by
        # the number of distinct tags shared (descending), then by position (newest first)
        shared = [(-len(set(entry.tags) & set(other.tags)), i)
                  for i, other in enumerate(entries) if i != index
                  and other.content_language == entry.content_language
                  and set(entry.tags) & set(other.tags)]
        assert related.of(entry.article_id) == [entries[i] for _, i in sorted(shared)[:RELATED]]
    assert related.of("not-an-article") == []


def test_sharing_metadata_names_only_existing_versions(site: Path) -> None:
    pl = page(site, "pl/klastry-w-grodnie/index.html")

    def meta(doc: lxml.html.HtmlElement, prop: str) -> list[str]:
        return list(doc.xpath(f"//meta[@property='{prop}' or @name='{prop}']/@content"))

    assert meta(pl, "og:locale") == ["pl_PL"]
    assert meta(pl, "og:locale:alternate") == ["ru_RU", "be_BY"]
    assert meta(pl, "og:image") == ["https://example.org/pp/assets/grodna/foto.png"]
    assert meta(pl, "twitter:card") == ["summary_large_image"]
    assert pl.xpath("//link[@rel='canonical']/@href") == [
        "https://example.org/pp/pl/klastry-w-grodnie/"]
    data = jsonld(pl)
    assert data["@type"] == "NewsArticle" and data["articleSection"] == "Aktualności"
    assert [w["url"] for w in data["workTranslation"]] == [  # type: ignore[attr-defined]
        "https://example.org/pp/ru/klastery-v-grodno/",
        "https://example.org/pp/be/klastary-w-grodnie/"]
    be = jsonld(page(site, "be/klastary-w-grodnie/index.html"))
    assert be["translationOfWork"] == {"@type": "NewsArticle",
                                       "@id": "https://example.org/pp/pl/klastry-w-grodnie/",
                                       "url": "https://example.org/pp/pl/klastry-w-grodnie/",
                                       "inLanguage": "pl"}
    brest = page(site, "pl/szkolenia-w-brzesciu/index.html")
    assert meta(brest, "og:locale:alternate") == []  # no published translation
    assert meta(brest, "twitter:card") == ["summary"]  # and no photo


def test_fallback_pages_carry_no_translation_links(site: Path) -> None:
    doc = page(site, "ru/szkolenia-w-brzesciu/index.html")
    assert doc.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert doc.xpath("//meta[@property='og:locale:alternate']") == []
    assert doc.xpath("//meta[@property='og:url']") == []
    data = jsonld(doc)
    assert "workTranslation" not in data and "translationOfWork" not in data
    assert data["inLanguage"] == "pl"  # the text shown is the original's


def _related_by_counting(entries: list[Entry]) -> dict[str, list[str]]:
    """The definition of related articles, by counting the shared tags of every pair."""
    table = {}
    for index, entry in enumerate(entries):
        shared = {}
        for other, candidate in enumerate(entries):
            common = len(set(entry.tags) & set(candidate.tags))
            if other != index and common and \
                    candidate.content_language == entry.content_language:
                shared[other] = common
        best = sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:RELATED]
        table[entry.article_id] = [entries[i].article_id for i, _ in best]
    return table


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from("abcdefg"), max_size=6), st.booleans()),
                max_size=40))
def test_related_articles_are_those_sharing_most_tags(drawn: list[tuple[list[str], bool]]
                                                      ) -> None:
    entries = [Entry(article_id=f"a{i}", language="ru", content_language="pl" if fallback
                     else "ru", mode="fallback" if fallback else "catalog", outdated=False,
                     slug=f"a{i}", path=f"ru/a{i}/", title="", date=dt.date(2020, 1, 1),
                     summary="", image=None, tags=tuple(tags), body_offset=0, asset_paths=())
               for i, (tags, fallback) in enumerate(drawn)]
    related = _Related(entries)  # (more tags than the combinations it indexes, too)
    found = {e.article_id: [r.article_id for r in related.of(e.article_id)] for e in entries}
    assert found == _related_by_counting(entries)
