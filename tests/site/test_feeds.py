"""Atom feeds and sitemaps parse as XML and carry only what they are given."""

from __future__ import annotations

import datetime as dt

from lxml import etree

from multipub.site.feeds import FEED_SIZE, FeedEntry, SitemapURL, atom_feed, sitemap

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
