"""The warm rebuild of ``multipub serve``: an edit of one article re-plans that article only.

:class:`WarmSite` builds the whole site once with
:func:`multipub.commands.build.build`, then keeps the plan
(:class:`~multipub.site.plan.Site`), the theme with its compiled templates and the
dependency key of every listing in memory.  An edit confined to articles (their
Markdown, assets or catalogues ``locales/<lang>/LC_MESSAGES/articles/<id>.po``) goes
through :meth:`WarmSite.update`:

1. the article is read again (:func:`~multipub.project.model.reload_article`) and
   planned alone (:func:`~multipub.site.plan.plan_site` of a project holding only
   it), which merges its catalogues again;
2. if that plan has the same *shape* as the article's entries in the site's plan
   (the same published versions, titles, dates, summaries, images, tags, assets and
   explicit slugs: everything other pages, slugs, feeds and the sitemap are made
   from), its entries are swapped into the site's plan with their slugs kept, which
   is what planning the whole site again would give; otherwise ``update`` answers
   ``None`` and the caller builds the whole site;
3. the article's pages are rendered and written first (what the open page waits
   for), then its localized Markdown and assets, then the listings whose key changed
   (the index and tag pages that show it).

The pages are made as :func:`~multipub.commands.build.build` makes them (the
project's Markdown extensions, the processed images, the search link).  What the
swap cannot follow goes through the whole build: an edit of an article's other files
(an image is processed into variants), and any edit in a project with derived
languages (``be-Latn`` pages are made from the ``be`` ones).  The Pagefind index is
made by the whole builds only: a warm edit leaves the search index as it was.

Files go through :func:`~multipub.cache.output.store` (unchanged bytes are not
written).  The manifest of the output folder is left as the last whole build wrote
it: its keys then no longer match the files the warm path wrote, so the next
``multipub build`` of that folder renders those pages again and finds what a clean
build gives.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..cache.fingerprints import Fingerprints
from ..cache.localized import LocalizedCache
from ..cache.output import Output, store
from ..errors import MultipubError
from ..fsio import SafeFolder
from ..project.model import Project, reload_article
from ..site.derived import add_derived
from ..site.images import ImageSet, image_sources
from ..site.pages import Pages, reader_markdown
from ..site.plan import Entry, Site, plan_site
from .build import build, site_pages

__all__ = ["WarmSite", "article_of"]

_TEMPLATES = ("article.html", "index.html", "tag.html", "section.html", "search.html",
              "root.html")
"""The templates of the pages :class:`WarmSite` renders."""


def article_of(name: str) -> str | None:
    """The id of the article whose input the project file *name* is, or ``None`` when a
    change of it may concern the whole site.

    >>> article_of("content/grodno/pl.md"), article_of("templates/base.html")
    ('grodno', None)
    >>> article_of("locales/ru/LC_MESSAGES/articles/grodno.po")
    'grodno'
    >>> article_of("locales/ru/LC_MESSAGES/messages.po") is None
    True
    """
    parts = name.split("/")
    if len(parts) == 3 and parts[0] == "content":
        return parts[1]
    if (len(parts) == 5 and parts[0] == "locales" and parts[2:4] == ["LC_MESSAGES", "articles"]
            and parts[4].endswith((".po", ".mo"))):
        return parts[4].rsplit(".", 1)[0]
    if len(parts) == 3 and parts[:2] == ["locales", "articles"] and parts[2].endswith(".pot"):
        return parts[2].removesuffix(".pot")
    return None


class _Pages(Pages):
    """:class:`~multipub.site.pages.Pages` whose entry digests outlive one plan.

    Made like *base* (its theme with the compiled templates, Markdown, images and search
    setting) for the plan *site*.  The digests are kept by entry with the entry itself
    (so that its ``id`` is not reused); a new plan passes the old one's, less the
    entries it replaced.  With *focus*, :meth:`listings` yields only the listings that
    show one of those entries (the others cannot have changed when the site's shape
    did not)."""

    def __init__(self, base: Pages, site: Site, *,
                 known: dict[int, tuple[Entry, str]] | None = None,
                 focus: Iterable[Entry] | None = None) -> None:
        super().__init__(site, base.theme, trusted=base.trusted, prints=base.prints,
                         syntax=base.syntax, images=base.images)
        self.search = base.search
        self.known: dict[int, tuple[Entry, str]] = known if known is not None else {}
        self.focus = None if focus is None else {id(e) for e in focus}

    def _listing(self, code: str, template: str, folder: str, entries: Sequence[Entry],
                 *args: Any, **kwargs: Any) -> Iterator[tuple[str, str, Callable[[], bytes]]]:
        if self.focus is not None and not any(id(e) in self.focus for e in entries):
            return iter(())
        return super()._listing(code, template, folder, entries, *args, **kwargs)

    def entry_digest(self, entry: Entry) -> str:
        found = self.known.get(id(entry))
        if found is None or found[0] is not entry:
            found = (entry, super().entry_digest(entry))
            self.known[id(entry)] = found
        return found[1]


class WarmSite:
    """A built site kept in memory, updated in place when articles change."""

    def __init__(self, project: Project, out: Path) -> None:
        self.project = project
        self.out = out
        self.site: Site | None = None
        self.pages: _Pages | None = None
        self.listing_keys: dict[str, str] = {}

    def build(self) -> int:
        """Build the whole site; plan it for the next updates.  Files written."""
        report = build(self.project, self.out)
        prints = Fingerprints(self.project)
        cache = LocalizedCache(self.project, prints.code, None)
        site = add_derived(self.project, plan_site(self.project, cache))
        images = ImageSet(self.project.root, self.project.config.site.image_widths, prints.code)
        images.prepare(image_sources(self.project, None), 1)  # the build cached them
        self.site = site
        self.pages = _Pages(site_pages(self.project, site, images.pictures, prints), site)
        for template in _TEMPLATES:  # compiled now, not while the first edit waits
            self.pages.prepare(template)
        self.listing_keys = {name: key for name, key, _ in self.pages.listings()}
        return report.written

    def update(self, changed: Sequence[str]) -> int | None:
        """Bring the site up to date after the project files *changed* changed, if they
        concern only articles whose shape stays the same; the number of files written,
        or ``None`` when the whole site must be built (nothing was written then)."""
        if self.site is None or self.pages is None or self.project.config.derived_languages:
            return None
        ids: dict[str, list[str]] = {}
        for name in changed:
            article = article_of(name)
            if article is None or article not in {a.id for a in self.project.articles}:
                return None
            if name.startswith("content/") and not name.endswith(".md"):
                return None  # an image or other asset: processed by the whole build
            ids.setdefault(article, []).append(name)
        project = self.project
        site = self.site
        swapped: dict[str, dict[str, Entry]] = {}
        for article_id in ids:
            before = project.article(article_id)
            project = reload_article(project, article_id)
            after = project.article(article_id)
            if sorted(p.name for p in before.assets) != sorted(p.name for p in after.assets):
                return None
            alone = plan_site(_only(project, article_id))
            entries = _swap(site, alone, before.source.meta, after.source.meta,
                            {code: v.meta for code, v in before.handwritten.items()},
                            {code: v.meta for code, v in after.handwritten.items()})
            if entries is None:
                return None
            swapped[article_id] = entries
            site = _replace(site, article_id, entries, alone.off)
        known = {k: v for k, v in self.pages.known.items() if v[0].article_id not in swapped}
        focus = [e for entries in swapped.values() for e in entries.values()]
        pages = _Pages(self.pages, site, known=known, focus=focus)
        folder = SafeFolder(self.out)
        written = 0
        for entries in swapped.values():  # the pages an open browser waits for, first
            for entry in entries.values():
                written += _put(folder, entry.path + "index.html", pages.article(entry))
        for article_id, entries in swapped.items():
            for entry in entries.values():
                if not entry.fallback:
                    tags = tuple(tag.name for tag in site.tag_refs(entry))
                    written += _put(folder, f"markdown/{entry.language}/{article_id}.md",
                                    reader_markdown(entry, tags))
            for path in project.article(article_id).assets:
                if any(name.endswith(f"/{path.name}") for name in ids[article_id]):
                    written += _put(folder, f"assets/{article_id}/{path.name}",
                                    path.read_bytes())
        for name, key, make in pages.listings():
            if self.listing_keys.get(name) != key:
                written += _put(folder, name, make())
                self.listing_keys[name] = key
        pages.focus = None
        self.project, self.site, self.pages = project, site, pages
        return written


def _only(project: Project, article_id: str) -> Project:
    """*project* with no article but *article_id* (to plan it alone)."""
    article = project.article(article_id)
    return dataclasses.replace(project, articles=(article,), _by_id={article_id: article})


def _shape(entry: Entry) -> tuple[Any, ...]:
    """What of *entry* the rest of the site is made from (not its text, nor the
    outdated notice, which only its own page and listings show)."""
    return (entry.language, entry.content_language, entry.mode, entry.title, entry.date,
            entry.summary, entry.image, entry.tags, entry.asset_paths)


def _swap(site: Site, alone: Site, source_before: Mapping[str, Any],
          source_after: Mapping[str, Any], own_before: Mapping[str, Mapping[str, Any]],
          own_after: Mapping[str, Mapping[str, Any]]) -> dict[str, Entry] | None:
    """The article's new entries by language, with the slugs *site* gave them, or
    ``None`` when its shape changed (see the module docstring)."""
    if source_before.get("slug") != source_after.get("slug") or set(own_before) != set(
            own_after) or any(own_before[c].get("slug") != own_after[c].get("slug")
                              for c in own_before):
        return None
    article_id = next((e.article_id for code in alone.languages for e in alone.entries[code]),
                      None)
    if article_id is None:
        return None
    found: dict[str, Entry] = {}
    for code in site.languages:
        old = next((e for e in site.entries[code] if e.article_id == article_id), None)
        new = next((e for e in alone.entries[code] if e.article_id == article_id), None)
        if (old is None) != (new is None):
            return None
        if old is None or new is None:
            if (article_id in site.off.get(code, {})) != (article_id in alone.off.get(code, {})):
                return None
            continue
        if _shape(old) != _shape(new):
            return None
        if old.outdated != new.outdated or old.body_offset != new.body_offset or (
                _text_changed(old, new)):
            found[code] = dataclasses.replace(new, slug=old.slug, path=old.path)
    return found


def _text_changed(old: Entry, new: Entry) -> bool:
    """Whether *new* shows another text than *old*: by their text keys when both have one
    (the old text is not kept: its file may hold the new one already), else by the texts."""
    if old.text_key and new.text_key:
        return old.text_key != new.text_key
    try:
        return old.text != new.text
    except MultipubError:  # (its file changed since it was read: another text)
        return True


def _replace(site: Site, article_id: str, entries: Mapping[str, Entry],
             off: Mapping[str, Mapping[str, str]]) -> Site:
    """*site* with the entries of *article_id* replaced by *entries* (in their places)."""
    by_code = {code: tuple(entries.get(code, e) if e.article_id == article_id else e
                           for e in site.entries[code]) for code in site.languages}
    reasons = {code: {**{k: v for k, v in site.off.get(code, {}).items() if k != article_id},
                      **{k: v for k, v in off.get(code, {}).items() if k == article_id}}
               for code in site.languages}
    return dataclasses.replace(site, entries=by_code,
                               off={code: dict(sorted(r.items())) for code, r in reasons.items()})


def _put(folder: SafeFolder, name: str, data: bytes) -> int:
    """Write *data* as the output file *name* unless it holds it; 1 if written."""
    written, _ = store(Output.safe_target(folder, name), data, "")
    return int(written)
