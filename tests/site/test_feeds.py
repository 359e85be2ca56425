"""Atom feeds and sitemaps parse as XML and carry only what they are given."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lxml import etree

from multipub.commands.build import build
from multipub.project.model import load_project
from multipub.site import feeds
from multipub.site.feeds import FEED_SIZE, FeedEntry, SitemapURL, atom_feed, sitemap

from ..commands.test_build import CONFIG, make_project

ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_is_valid_xml_newest_first_and_escaped() -> None:
    entries = [FeedEntry(f"<b>T{i}</b> & \x07", f"https://x.org/pl/a{i}/", dt.date(2024, 1, 1 + i),
                         "Summary <script>", ("tag & co",)) for i in range(3)]
    feed = etree.fromstring(atom_feed("Site", "pl", "https://x.org/pl/",
                                      "https://x.org/pl/feed.xml", entries))
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert titles == ["<b>T2</b> & ", "<b>T1</b> & ", "<b>T0</b> & "]
    assert feed.findtext(f"{ATOM}updated") == "2024-01-03T00:00:00Z"
    assert feed.find(f"{ATOM}entry/{ATOM}category").get("term") == "tag & co"
    assert feed.find(f"{ATOM}entry/{ATOM}summary").text == "Summary <script>"


def test_feed_is_limited_and_deterministic() -> None:
    entries = [FeedEntry(str(i), f"https://x.org/{i}/", dt.date(2020, 1, 1) + dt.timedelta(i))
               for i in range(FEED_SIZE + 10)]
    one = atom_feed("S", "ru", "https://x.org/ru/", "https://x.org/ru/feed.xml", entries)
    two = atom_feed("S", "ru", "https://x.org/ru/", "https://x.org/ru/feed.xml", entries[::-1])
    assert one == two
    assert len(etree.fromstring(one).findall(f"{ATOM}entry")) == FEED_SIZE
    empty = etree.fromstring(atom_feed("S", "be", "h", "f", []))
    assert empty.findtext(f"{ATOM}updated") == "2000-01-01T00:00:00Z"


def test_sitemap_alternates() -> None:
    xml = sitemap([SitemapURL("https://x.org/b/", dt.date(2024, 3, 5),
                              {"pl": "https://x.org/a/", "be": "https://x.org/b/"}),
                   SitemapURL("https://x.org/a/")])
    root = etree.fromstring(xml)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    assert root.xpath("s:url/s:loc/text()", namespaces=ns) == ["https://x.org/a/",
                                                                "https://x.org/b/"]
    assert root.xpath("s:url[2]/x:link/@hreflang", namespaces=ns) == ["pl", "be"]
    assert root.xpath("s:url[2]/s:lastmod/text()", namespaces=ns) == ["2024-03-05"]


def test_a_sitemap_of_more_urls_than_the_protocol_allows_is_split(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Over :data:`SITEMAP_SIZE` URLs, ``sitemap.xml`` is an index of parts that list every
    URL once, each within the limit; back under it, the parts are removed."""
    root = make_project(tmp_path / "p", CONFIG + "\n[search]\nenabled = false\n")
    out = tmp_path / "out"
    build(load_project(root), out)
    whole = etree.fromstring((out / "sitemap.xml").read_bytes())
    urls = [loc.text for loc in whole.iterfind(f"{{{NS}}}url/{{{NS}}}loc")]
    assert len(urls) > 5
    source = next((root / "content").glob("*/pl.md"))

    def touch() -> None:  # an input changes: the build does not stop at "nothing changed"
        source.write_text(source.read_text("utf-8") + "\n", "utf-8")

    monkeypatch.setattr(feeds, "SITEMAP_SIZE", 5)
    touch()
    build(load_project(root), out)
    index = etree.fromstring((out / "sitemap.xml").read_bytes())
    assert index.tag == f"{{{NS}}}sitemapindex"
    parts = [loc.text for loc in index.iterfind(f"{{{NS}}}sitemap/{{{NS}}}loc")]
    assert parts == [f"https://example.org/pp/sitemap-{n}.xml"
                     for n in range(1, (len(urls) - 1) // 5 + 2)]
    listed = []
    for part in parts:
        tree = etree.fromstring((out / part.rsplit("/", 1)[1]).read_bytes())
        found = [loc.text for loc in tree.iterfind(f"{{{NS}}}url/{{{NS}}}loc")]
        assert 0 < len(found) <= 5
        listed += found
    assert listed == urls
    made = {p.name: p.stat().st_mtime_ns for p in out.glob("sitemap*.xml")}
    touch()
    build(load_project(root), out)  # the same URLs: every part kept as it is
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("sitemap*.xml")} == made
    monkeypatch.setattr(feeds, "SITEMAP_SIZE", 50_000)
    touch()
    build(load_project(root), out)
    back = etree.fromstring((out / "sitemap.xml").read_bytes())
    assert back.tag == f"{{{NS}}}urlset"
    assert [loc.text for loc in back.iterfind(f"{{{NS}}}url/{{{NS}}}loc")] == urls
    assert not list(out.glob("sitemap-*.xml"))


NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
