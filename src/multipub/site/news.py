"""The news-site parts of the pages: sections, the front page's lead story and cards,
related articles, and the sharing metadata of every page.

:class:`NewsPages` works for a :class:`~multipub.site.pages.Pages`: it gives the
template values these parts add (``section``, ``related``, ``lead``, ``cards``,
``sections``, ``og``, ``jsonld``, ``description``) and the parts of the dependency
keys that stand for them, and lists the section pages
(``<lang>/section/<id>/``, paginated) and feeds (``<lang>/section/<id>/feed.xml``).

May import :mod:`multipub.site`'s other modules and the shared modules.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..cache.inputs import digest
from ..languages import get_language
from .feeds import FeedEntry, atom_feed
from .meta import json_ld, news_article, sharing
from .pictures import CARD_SIZES, LEAD_SIZES, picture
from .plan import Entry
from .sections import RELATED, excerpt
from .urls import quote_path

if TYPE_CHECKING:
    from .pages import Pages

__all__ = ["NewsPages"]

Listing = tuple[str, str, Callable[[], bytes]]


class NewsPages:
    """Sections, cards, related articles and metadata of the pages of one site."""

    def __init__(self, pages: Pages) -> None:
        self.pages = pages
        self.site = pages.site
        self._related: dict[str, _Related] = {}
        self._sections: dict[str, list[dict[str, str]]] = {}

    # -- sections
    def section_refs(self, code: str) -> list[dict[str, str]]:
        """The sections that have articles in language *code*: id, name (through the UI
        catalogue), page path."""
        found = self._sections.get(code)
        if found is None:
            used = {e.section for e in self.site.entries[code]}
            ui = self.pages.theme.ui(get_language(code))
            found = [{"id": s.id, "name": ui.text(s.name), "path": f"{code}/section/{s.id}/"}
                     for s in self.site.sections if s.id in used]
            self._sections[code] = found
        return found

    def section_ref(self, entry: Entry) -> dict[str, str] | None:
        """The section of *entry* in its page's language (``None``: it has none)."""
        return next((s for s in self.section_refs(entry.language) if s["id"] == entry.section),
                    None)

    def language_key(self, code: str) -> str:
        """What every page of language *code* shows of the sections (their links)."""
        return repr([(s["id"], s["path"]) for s in self.section_refs(code)])

    def section_listings(self) -> Iterator[Listing]:
        """``<lang>/section/<id>/`` (and its later pages) of every section with articles."""
        for code in self.site.languages:
            for ref in self.section_refs(code):
                entries = [e for e in self.site.entries[code] if e.section == ref["id"]]
                versions = {c: f"{c}/section/{ref['id']}/" for c in self.site.languages
                            if any(s["id"] == ref["id"] for s in self.section_refs(c))}
                yield from self.pages._listing(code, "section.html", ref["path"], entries,
                                               versions, versions.get(self.site.source),
                                               {"section": ref})

    def search_pages(self) -> Iterator[Listing]:
        """``<lang>/search/``: Pagefind's search box and results, for each language."""
        homes = {c: f"{c}/search/" for c in self.site.languages}
        for code in self.site.languages:
            language = get_language(code)
            page = f"{code}/search/index.html"

            def make(language: Any = language, page: str = page) -> bytes:
                context = self.pages._common(language, page, homes, x_default=None)
                context["alternates"] = []
                context["noindex"] = True
                return self.pages.theme.render(language, "search.html", context).encode()

            yield page, digest(self.pages._print(code), "search", page), make

    def feeds(self, names: Mapping[str, str]) -> Iterable[tuple[str, bytes]]:
        """``<lang>/section/<id>/feed.xml``: the published articles of each section."""
        site = self.site
        for code in site.languages:
            for ref in self.section_refs(code):
                entries = [FeedEntry(e.title, self._url(e.path) or f"/{quote_path(e.path)}",
                                     e.date, e.summary,
                                     tuple(site.tags[code][t].name for t in e.tags))
                           for e in site.entries[code]
                           if e.section == ref["id"] and not e.fallback]
                home = self._url(ref["path"]) or f"/{quote_path(ref['path'])}"
                feed = f"{ref['path']}feed.xml"
                yield feed, atom_feed(
                    f"{ref['name']} – {names.get(code, site.title)}", get_language(code).tag,
                    home, self._url(feed) or f"/{quote_path(feed)}", entries,
                    feed_id=home if site.base_url else f"urn:multipub:{code}:{ref['id']}")

    # -- related articles
    def related(self, entry: Entry) -> list[Entry]:
        """Up to :data:`~multipub.site.sections.RELATED` articles of *entry*'s language
        sharing most of its tags (then newest first)."""
        code = entry.language
        table = self._related.get(code)
        if table is None:
            table = self._related[code] = _Related(self.site.entries[code])
        return table.of(entry.article_id)

    def article_key(self, entry: Entry) -> str:
        """What an article page shows besides the entry itself: its section, related
        articles and images."""
        related = [(e.path, e.title, e.date.isoformat()) for e in self.related(entry)]
        return repr((entry.section, related, self.pictures_key([entry], everything=True)))

    def pictures_key(self, entries: Sequence[Entry], everything: bool = False) -> str:
        """A hash of the processed images the entries' cards (or, with *everything*, their
        pages) show."""
        images = self.pages.images
        if not images:
            return ""
        paths = []
        for e in entries:
            if everything:
                paths += [path for _, path in e.asset_paths if path in images]
            elif e.image is not None:
                paths.append(e.image.path)
        return digest(*(repr(images.get(p)) for p in paths))

    # -- template values
    def description(self, entry: Entry) -> str:
        """The meta description of an article page: its summary or excerpt."""
        return excerpt(entry)

    def card(self, entry: Entry, url: Callable[[str], str], *, lead: bool = False,
             lazy: bool = True) -> dict[str, Any]:
        """A card of *entry* on a listing page: link, excerpt, section, thumbnail."""
        image = None
        if entry.image is not None:
            image = picture(self.pages.images.get(entry.image.path), entry.image.path, url,
                            sizes=LEAD_SIZES if lead else CARD_SIZES, lazy=lazy,
                            alt=entry.image.alt)
        return {"entry": entry, "href": url(entry.path), "summary": excerpt(entry),
                "section": self.section_ref(entry), "image": image}

    def listing_context(self, code: str, page: str, shown: Sequence[Entry], number: int,
                        context: Mapping[str, Any]) -> dict[str, Any]:
        """Lead story (on a front page), cards and section links of a listing page."""
        url = context["url"]
        values: dict[str, Any] = {"sections": self.section_refs(code)}
        front = page == f"{code}/index.html"
        cards = list(shown)
        if front and cards:
            values["lead"] = self.card(cards.pop(0), url, lead=True, lazy=False)
        else:
            values["lead"] = None
        values["cards"] = [self.card(e, url, lazy=front or i > 1) for i, e in enumerate(cards)]
        values["og"] = sharing(kind="website", title=context["site_name"],
                               description=context.get("description") or "",
                               site_name=context["site_name"], language=code,
                               url=self._url(page.removesuffix("index.html")),
                               image=None, alternates=[])
        return values

    def article_context(self, entry: Entry, page: str,
                        context: Mapping[str, Any]) -> dict[str, Any]:
        """Section, related articles, Open Graph and JSON-LD of an article page."""
        url = context["url"]
        versions = {} if entry.fallback else dict(self.site.versions(entry.article_id))
        own_url = self._url(entry.path)
        image = self._share_image(entry)
        section = self.section_ref(entry)
        site_name = context["site_name"]
        og = sharing(kind="article", title=entry.title,
                     description=context.get("description") or "", site_name=site_name,
                     language=entry.language, url=own_url if not entry.fallback else None,
                     image=image,
                     alternates=[c for c in self.site.languages
                                 if c in versions and c != entry.language])
        og["published"] = entry.date.isoformat()
        og["section"] = section["name"] if section else ""
        original = None
        translations: list[tuple[str, str]] = []
        source_path = versions.get(self.site.source)
        if not entry.fallback and source_path is not None:
            if entry.language == self.site.source:
                translations = [(self._url(path) or url(path), get_language(c).tag)
                                for c, path in versions.items() if c != entry.language]
            else:
                original = (self._url(source_path) or url(source_path),
                            get_language(self.site.source).tag)
        data = news_article(
            headline=entry.title, description=context.get("description") or "",
            url=own_url, language=get_language(entry.content_language).tag,
            published=entry.date.isoformat(), modified=entry.date.isoformat(),
            images=[image["url"]] if image else [],
            author=site_name,
            publisher=site_name, publisher_url=self._url(f"{entry.language}/"),
            section=section["name"] if section else "", original=original,
            translations=translations)
        return {"section": section,
                "related": [{"entry": e, "href": url(e.path)} for e in self.related(entry)],
                "og": og, "jsonld": json_ld(data)}

    def _url(self, path: str) -> str | None:
        """The absolute URL of a site path (``None`` without ``base_url``)."""
        return self.site.base_url + quote_path(path) if self.site.base_url else None

    def _share_image(self, entry: Entry) -> dict[str, Any] | None:
        """``og:image`` of *entry*: the widest variant of its lead photo in its own format
        (a JPEG or PNG every network reads), with its size and alt text."""
        if entry.image is None:
            return None
        found = self.pages.images.get(entry.image.path)
        if found is None:
            return {"url": self._url(entry.image.path), "width": None, "height": None,
                    "alt": entry.image.alt, "type": None}
        largest = found.largest
        return {"url": self._url(found.folder + largest.name), "width": largest.width,
                "height": largest.height, "alt": entry.image.alt, "type": largest.mime}


_COMBINATIONS = 3
"""Tag combinations of up to this many tags are indexed to find related articles."""


class _Related:
    """The related articles of the entries of one language (newest first), each row made
    when it is first asked for: only texts in the entry's own language (a fallback page
    is in the source's), most shared tags first, then the newest.

    Rows are made one by one, so that a page rendered alone (``multipub serve``) does
    not pay for the rows of the whole language; each is found through an index of tag
    combinations, from the entry's whole set down to single tags, so the time a row
    takes does not grow with the number of entries that share one of its tags (counting
    every shared tag of every pair would be quadratic in a site's size)."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = entries
        self.tag_sets = [tuple(sorted(dict.fromkeys(entry.tags))) for entry in entries]
        self.index: dict[tuple[str, ...], list[int]] = {}
        self.position: dict[str, int] = {}
        for i, tags in enumerate(self.tag_sets):
            self.position.setdefault(entries[i].article_id, i)
            for size in range(1, min(len(tags), _COMBINATIONS) + 1):
                for combination in itertools.combinations(tags, size):
                    self.index.setdefault(combination, []).append(i)
        self.rows: dict[str, list[Entry]] = {}

    def of(self, article_id: str) -> list[Entry]:
        """The related entries of the entry of *article_id* (none if it has no entry)."""
        found = self.rows.get(article_id)
        if found is None:
            index = self.position.get(article_id)
            found = self.rows[article_id] = [] if index is None else [
                self.entries[j] for j in self._row(index)]
        return found

    def _row(self, i: int) -> list[int]:
        """The indexes of the entries related to entry *i*."""
        entries, tag_sets = self.entries, self.tag_sets
        tags = tag_sets[i]
        language = entries[i].content_language
        chosen: list[int] = []
        seen = {i}
        top = min(len(tags), _COMBINATIONS)
        for size in range(top, 0, -1):
            lists = [self.index[c] for c in itertools.combinations(tags, size)]
            if size == top and len(tags) > _COMBINATIONS:
                # these share at least `size` tags, maybe more: ranked by how many
                mine = set(tags)
                found = {j for found in lists for j in found
                         if j not in seen and entries[j].content_language == language}
                seen |= found
                ranked = sorted(found, key=lambda j: (-len(mine.intersection(tag_sets[j])), j))
                chosen += ranked[:RELATED - len(chosen)]
            else:  # these share exactly `size` tags (more would have been found before)
                for j in heapq.merge(*lists):
                    if j in seen:
                        continue
                    seen.add(j)
                    if entries[j].content_language == language:
                        chosen.append(j)
                        if len(chosen) == RELATED:
                            break
            if len(chosen) == RELATED:
                break
        return chosen
