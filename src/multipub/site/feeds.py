"""Atom feeds and the sitemap: pure functions from values to XML bytes.

Nothing here reads a clock: every date comes from the articles, so the same
site always gives the same bytes.  Text is escaped by :func:`_text` and
:func:`_attr`; no value reaches the XML as markup.

>>> import datetime as dt
>>> e = FeedEntry("Гродна & Брест", "https://x.org/ru/grodna/", dt.date(2024, 3, 5), "", ("тэг",))
>>> xml = atom_feed("Польская помощь", "ru", "https://x.org/ru/", "https://x.org/ru/feed.xml", [e])
>>> b"<title>\\xd0\\x93\\xd1\\x80\\xd0\\xbe\\xd0\\xb4\\xd0\\xbd\\xd0\\xb0 &amp; " in xml
True
>>> b"<updated>2024-03-05T00:00:00Z</updated>" in xml
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..cache.inputs import digest
from ..languages import get_language
from .urls import quote_path
from .xmltext import xml_attr, xml_text

if TYPE_CHECKING:
    from .plan import Site

__all__ = [
    "FEED_SIZE",
    "SITEMAP_SIZE",
    "FeedEntry",
    "SitemapURL",
    "atom_feed",
    "section_paths",
    "site_feeds",
    "site_sitemap",
    "site_sitemaps",
    "sitemap",
    "sitemap_index",
    "sitemap_key",
    "sitemap_urls",
]

FEED_SIZE = 50
"""How many of the newest articles a feed lists."""


@dataclass(frozen=True)
class FeedEntry:
    """One article in a feed: its title, absolute URL, date, summary and tag names."""

    title: str
    url: str
    date: dt.date
    summary: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class SitemapURL:
    """One page in the sitemap with the URLs of its language versions (hreflang -> URL)."""

    loc: str
    lastmod: dt.date | None = None
    alternates: Mapping[str, str] = field(default_factory=dict)


def _timestamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def atom_feed(title: str, language_tag: str, home_url: str, self_url: str,
              entries: Sequence[FeedEntry], *, feed_id: str | None = None) -> bytes:
    """An Atom 1.0 feed of the newest :data:`FEED_SIZE` *entries* (newest first).

    ``<updated>`` is the newest article's date (2000-01-01 for an empty feed),
    never the time of the build.
    """
    newest = sorted(entries, key=lambda e: (e.date, e.url), reverse=True)[:FEED_SIZE]
    updated = newest[0].date if newest else dt.date(2000, 1, 1)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={xml_attr(language_tag)}>',
        f"<title>{xml_text(title)}</title>",
        f"<id>{xml_text(feed_id or home_url)}</id>",
        f'<link rel="alternate" type="text/html" hreflang={xml_attr(language_tag)} '
        f"href={xml_attr(home_url)}/>",
        f'<link rel="self" type="application/atom+xml" href={xml_attr(self_url)}/>',
        f"<updated>{_timestamp(updated)}</updated>",
        f"<author><name>{xml_text(title)}</name></author>",
    ]
    for entry in newest:
        out += [
            "<entry>",
            f"<title>{xml_text(entry.title)}</title>",
            f"<id>{xml_text(entry.url)}</id>",
            f'<link rel="alternate" type="text/html" href={xml_attr(entry.url)}/>',
            f"<published>{_timestamp(entry.date)}</published>",
            f"<updated>{_timestamp(entry.date)}</updated>",
        ]
        if entry.summary:
            out.append(f'<summary type="text">{xml_text(entry.summary)}</summary>')
        out += [f"<category term={xml_attr(tag)}/>" for tag in entry.tags]
        out.append("</entry>")
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode("utf-8")


def sitemap(urls: Iterable[SitemapURL]) -> bytes:
    """A sitemap with ``xhtml:link`` alternates, one ``<url>`` per page, sorted by URL.

    >>> print(sitemap([SitemapURL("https://x.org/pl/a/", None, {"pl": "https://x.org/pl/a/",
    ...     "be": "https://x.org/be/a/"})]).decode())   # doctest: +NORMALIZE_WHITESPACE
    <?xml version="1.0" encoding="utf-8"?>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
     xmlns:xhtml="http://www.w3.org/1999/xhtml">
    <url>
    <loc>https://x.org/pl/a/</loc>
    <xhtml:link rel="alternate" hreflang="pl" href="https://x.org/pl/a/"/>
    <xhtml:link rel="alternate" hreflang="be" href="https://x.org/be/a/"/>
    </url>
    </urlset>
    """
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"',
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for url in sorted(urls, key=lambda u: u.loc):
        out += ["<url>", f"<loc>{xml_text(url.loc)}</loc>"]
        if url.lastmod is not None:
            out.append(f"<lastmod>{url.lastmod.isoformat()}</lastmod>")
        out += [
            f'<xhtml:link rel="alternate" hreflang={xml_attr(lang)} href={xml_attr(href)}/>'
            for lang, href in url.alternates.items()
        ]
        out.append("</url>")
    out.append("</urlset>")
    return ("\n".join(out) + "\n").encode("utf-8")


# -- a planned site ---------------------------------------------------------------------
def _site_url(site: Site, path: str) -> str:
    return (site.base_url or "/") + quote_path(path)


def site_feeds(site: Site, names: Mapping[str, str]) -> Iterable[tuple[str, bytes]]:
    """``<lang>/feed.xml``: the published (never fallback) articles of each language."""
    for code in site.languages:
        entries = [
            FeedEntry(e.title, _site_url(site, e.path), e.date, e.summary,
                      tuple(site.tags[code][t].name for t in e.tags))
            for e in site.entries[code] if not e.fallback
        ]
        home = _site_url(site, f"{code}/")
        feed_id = home if site.base_url else f"urn:multipub:{code}"
        yield f"{code}/feed.xml", atom_feed(
            names.get(code, site.title), get_language(code).tag, home,
            _site_url(site, f"{code}/feed.xml"), entries, feed_id=feed_id)


_Page = tuple[str, "dt.date | None", Mapping[str, str], "str | None"]
"""A sitemap page before its alternates are made: URL, date, language -> path of its
versions (shared with the plan, not copied), path of its x-default version."""


def _sitemap_pages(site: Site) -> list[_Page]:
    """Every advertised page, with what its alternates are made of."""
    pages: list[_Page] = [(_site_url(site, ""), None, {}, None)]
    homes = {code: f"{code}/" for code in site.languages}
    for code in site.languages:
        pages.append((_site_url(site, f"{code}/"), None, homes, ""))
        for entry in site.entries[code]:
            if entry.fallback:
                continue
            versions = site.versions(entry.article_id)
            pages.append((_site_url(site, entry.path), entry.date, versions,
                          versions.get(site.source)))
        for source_tag, tag in site.tags[code].items():
            versions = {c: site.tags[c][source_tag].path for c in site.languages
                        if source_tag in site.tags[c]}
            pages.append((_site_url(site, tag.path), None, versions,
                          versions.get(site.source)))
    used = section_paths(site)
    for code in site.languages:
        for ident, path in used[code].items():
            versions = {c: used[c][ident] for c in site.languages if ident in used[c]}
            pages.append((_site_url(site, path), None, versions, versions.get(site.source)))
    return pages


def _sitemap_url(site: Site, page: _Page) -> SitemapURL:
    loc, lastmod, versions, x_default = page
    if len(versions) < 2:
        return SitemapURL(loc, lastmod, {})
    found = {get_language(c).tag: _site_url(site, p) for c, p in versions.items()}
    if x_default is not None:
        found["x-default"] = _site_url(site, x_default)
    return SitemapURL(loc, lastmod, found)


def sitemap_urls(site: Site) -> list[SitemapURL]:
    """Every advertised page with the URLs of its language versions."""
    return [_sitemap_url(site, page) for page in _sitemap_pages(site)]


def section_paths(site: Site) -> dict[str, dict[str, str]]:
    """Per language: section id -> page path, for the sections with articles there."""
    return {code: {s.id: f"{code}/section/{s.id}/" for s in site.sections
                   if any(e.section == s.id for e in site.entries[code])}
            for code in site.languages}


def sitemap_key(site: Site) -> str:
    """A hash of everything :func:`sitemap_urls` reads from *site* (not the texts: an
    edit that keeps every URL, date and language version keeps the sitemap)."""
    pages = [(code, [(e.path, e.date.isoformat(), sorted(site.versions(e.article_id).items()))
                     for e in site.entries[code] if not e.fallback],
              sorted((name, tag.path) for name, tag in site.tags[code].items()),
              sorted(section_paths(site)[code].items()))
             for code in site.languages]
    return digest("sitemap", str(SITEMAP_SIZE), site.base_url, site.source, repr(pages))


SITEMAP_SIZE = 10_000
"""The most URLs one sitemap file lists: the protocol allows 50,000, fewer keep each file
(and what writing it holds in memory) a few MB."""


def site_sitemap(site: Site) -> bytes:
    """``sitemap.xml`` of a planned site (all of it, however many URLs; see
    :func:`site_sitemaps`)."""
    return sitemap(sitemap_urls(site))


def site_sitemaps(site: Site, size: int | None = None) -> Iterator[tuple[str, bytes]]:
    """The sitemap files of a planned site: ``sitemap.xml``, or for a site of more than
    *size* URLs (default :data:`SITEMAP_SIZE`) a sitemap index ``sitemap.xml`` of
    ``sitemap-1.xml``, ``sitemap-2.xml`` ..., each of at most *size* URLs (sorted by
    URL), as the protocol asks."""
    size = size or SITEMAP_SIZE
    pages = sorted(_sitemap_pages(site), key=lambda page: page[0])
    if len(pages) <= size:
        yield "sitemap.xml", sitemap(_sitemap_url(site, page) for page in pages)
        return
    names = [f"sitemap-{n}.xml" for n in range(1, (len(pages) - 1) // size + 2)]
    for n, name in enumerate(names):  # each part's alternates made when it is written
        yield name, sitemap(_sitemap_url(site, page) for page in pages[n * size:(n + 1) * size])
    yield "sitemap.xml", sitemap_index([_site_url(site, name) for name in names])


def sitemap_index(locations: Iterable[str]) -> bytes:
    """A sitemap index of the sitemaps at *locations*.

    >>> print(sitemap_index(["https://x.org/sitemap-1.xml"]).decode())
    <?xml version="1.0" encoding="utf-8"?>
    <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>https://x.org/sitemap-1.xml</loc></sitemap>
    </sitemapindex>
    <BLANKLINE>
    """
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    out += [f"<sitemap><loc>{xml_text(loc)}</loc></sitemap>" for loc in locations]
    out.append("</sitemapindex>")
    return ("\n".join(out) + "\n").encode("utf-8")
