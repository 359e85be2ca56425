"""Planning the site: what exists, in which language, under which URL.

:func:`plan_site` decides every page before anything is rendered: every
published version of every article in every language, with its slug,
title, tags and lead photo.  A version is published when it is the source,
hand-written, or catalogue-backed with at least ``publish_threshold`` percent
of its segments translated.  With ``fallback = "fallback"`` a missing
version becomes a *fallback* page: the source text under the target
language's URL, marked and never advertised.

The text of a catalogue-backed version comes from a *localizer*
(:data:`Localizer`): by default :func:`multipub.commands.catalogs.localized_article`;
the site builder passes a cached one (:mod:`multipub.cache.localized`) so that
an unchanged source and catalogue are not merged again.

Tags: a catalogue-backed version shows its source's tags under the names of
``tags.po``; a hand-written translation shows the tags of its own front matter
(paired with the source's by position).  The rule is in :mod:`multipub.site.tags`.
"""

from __future__ import annotations

import collections
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.slug import RESERVED, slugify, unique_slug
from ..errors import ContentError
from ..languages import get_language
from ..project.model import Article, Mode, Project, Version
from ..project.site_config import Section
from .policy import decide
from .sections import featured, section_of
from .tags import TagNames, plan_tags, tag_names

__all__ = ["Entry", "Image", "LazyText", "Localized", "Localizer", "Site", "Tag", "localize",
           "plan_site"]


class LazyText:
    """A text given as it is or as a function that makes it: made when first asked for,
    then kept while it is one of the last :data:`KEPT_TEXTS` texts made.

    A small mutable cell, so that the frozen :class:`Entry` can hold a text that is
    made late, and shares it with the :class:`Localized` it came from.  A text that
    a function can make again is let go once that many newer ones were made, so a
    large site never holds every text (a page asks for its text a few times while it
    is rendered, then never again).

    >>> cell = LazyText(lambda: "tekst")
    >>> cell.pending is not None, cell.text, cell.pending
    (True, 'tekst', None)
    >>> cell.forget(); cell.pending is not None
    True
    """

    __slots__ = ("_make", "_value")

    def __init__(self, value: str | Callable[[], str], made: str | None = None) -> None:
        self._make = None if isinstance(value, str) else value
        self._value = value if isinstance(value, str) else made
        if made is not None:
            _kept(self)

    @property
    def text(self) -> str:
        value = self._value
        if value is None:
            assert self._make is not None
            value = self._value = self._make()
            _kept(self)
        return value

    @property
    def pending(self) -> Callable[[], str] | None:
        """The function that will make the text (``None``: the text is made)."""
        return self._make if self._value is None else None

    def forget(self) -> None:
        """Let go of the text if a function can make it again."""
        if self._make is not None:
            self._value = None


KEPT_TEXTS = 64
"""How many texts made by a function :class:`LazyText` keeps at most."""

_KEPT: collections.deque[LazyText] = collections.deque()


def _kept(cell: LazyText) -> None:
    _KEPT.append(cell)
    if len(_KEPT) > KEPT_TEXTS:
        _KEPT.popleft().forget()


class Localized:
    """A catalogue-backed version as the planner needs it.

    ``meta`` holds the front matter of ``text`` (at least ``title``,
    ``summary``, ``slug`` and ``image`` when present); the body starts at
    ``body_offset``.  *text* may be given as a function that makes it: it is
    then made when first asked for (a cache's texts are decoded only for
    the pages that are rendered).
    """

    __slots__ = ("_text", "body_offset", "changed", "key", "meta", "percent", "reach", "shown",
                 "shows")

    def __init__(self, text: str | Callable[[], str] | LazyText, percent: float,
                 meta: Mapping[str, Any], body_offset: int, shown: str = "",
                 key: str = "", *, reach: float | None = None, changed: int = 0,
                 shows: str = "exact") -> None:
        self._text = text if isinstance(text, LazyText) else LazyText(text)
        self.percent = percent
        self.meta = meta
        self.body_offset = body_offset
        self.shown = shown
        self.key = key
        """A hash of the inputs :attr:`text` was made from, when the localizer knows one
        (then pages are keyed by it instead of a hash of the text)."""
        self.reach = percent if reach is None else reach
        """Share of segments translated now or earlier (the source changed since)."""
        self.changed = changed
        """Segments with only an earlier translation (see
        :attr:`multipub.commands.catalogs.Localized.changed`)."""
        self.shows = shows
        """Which text :attr:`text` is: ``exact``, ``keep`` or ``fallback``
        (:attr:`multipub.site.policy.Decision.text`)."""

    @property
    def text(self) -> str:
        """The whole localized Markdown file."""
        return self._text.text

    @property
    def lazy_text(self) -> str | Callable[[], str]:
        """:attr:`text`, or the function that makes it if it was not asked for yet."""
        return self._text.pending or self._text.text

    @property
    def cell(self) -> LazyText:
        """:attr:`text` as a :class:`LazyText` (to share it, made once)."""
        return self._text

    @property
    def body(self) -> str:
        """The Markdown body (the text after the front matter)."""
        return self.text[self.body_offset:]

    def __repr__(self) -> str:
        changed = (f", changed={self.changed!r}, shows={self.shows!r}" if self.changed
                   else "")
        return (f"Localized(percent={self.percent!r}, body_offset={self.body_offset!r}, "
                f"shown={self.shown!r}, key={self.key!r}{changed})")


Localizer = Callable[[Project, Article, str], "Localized | None"]
"""``localizer(project, article, language)``: a catalogue-backed version, ``None`` if absent."""


def localize(project: Project, article: Article, language: str) -> Localized | None:
    """The catalogue-backed version of *article* in *language* (``None`` without a catalogue)."""
    from ..commands.catalogs import localized_article

    found = localized_article(project, article, language)
    if found is None:
        return None
    shown = found.shown or article.source.shown
    meta, offset = _front_matter(found.text, shown)
    return Localized(found.text, found.percent, meta, offset, found.shown,
                     reach=found.reach, changed=found.changed, shows=found.shows)


def _front_matter(text: str, shown: str) -> tuple[Mapping[str, Any], int]:
    """The front matter and body offset of a localized text.

    The text was written back from a valid source, so its front matter is
    read with libyaml when PyYAML has it; anything unusual (a value that is
    not text where the page needs text) goes through
    :func:`~multipub.content.frontmatter.parse_document`, which explains errors.
    """
    from ..content import frontmatter, frontmatter_edit

    written = frontmatter_edit.written_document(text)
    if written is not None and _plain_meta(written.meta):
        return written.meta, written.body_offset
    split = getattr(frontmatter, "_split_front_matter", None)
    loader = getattr(_yaml(), "CSafeLoader", None)
    if split is not None and loader is not None:
        try:
            where = split(text, shown)
            if where is None:
                return {}, 0
            meta = _yaml().load(text[where[0]:where[1]], Loader=loader)
        except Exception:  # the careful parser below reports it
            meta = None
        if isinstance(meta, dict) and _plain_meta(meta):
            return meta, where[2]
    doc = frontmatter.parse_document(text, shown)
    return doc.meta, doc.body_offset


def _yaml() -> Any:
    import yaml

    return yaml


def _plain_meta(meta: Mapping[str, Any]) -> bool:
    """Whether the values a page shows are texts, as :func:`validate_front_matter` wants."""
    for key in ("title", "summary", "slug"):
        if key in meta and not isinstance(meta[key], str):
            return False
    image = meta.get("image")
    if image is not None and not (isinstance(image, dict)
                                  and all(isinstance(v, str) for v in image.values())):
        return False
    return all(isinstance(k, str) for k in meta)


@dataclass(frozen=True, slots=True)
class Image:
    """An article's lead photo as one language shows it."""

    path: str
    """Site path of the published file: ``assets/<id>/<file>``."""
    alt: str
    caption: str
    credit: str


@dataclass(frozen=True, slots=True)
class Tag:
    """A tag in one language: the source name (the msgid; ``""`` for a tag of the
    language's own), its name there, its page."""

    source: str
    name: str
    slug: str
    path: str


@dataclass(frozen=True, eq=False, slots=True)
class Entry:
    """One article as published in one language (or shown there as a fallback).

    Entries are equal only to themselves (their text may not be made yet)."""

    article_id: str
    language: str
    content_language: str
    """The language of the text: the page's, or the source's on a fallback page."""
    mode: str
    """``source``, ``handwritten``, ``catalog`` or ``fallback``."""
    outdated: bool
    slug: str
    path: str
    """Site path of the page's folder: ``<lang>/<slug>/``."""
    title: str
    date: dt.date
    summary: str
    image: Image | None
    tags: tuple[str, ...]
    """Tag keys (of :attr:`Site.tags`): the source-language names of its tags, or
    ``<lang>:<name>`` for a tag a hand-written translation has of its own
    (see :mod:`multipub.site.tags`)."""
    body_offset: int
    """Where the Markdown body starts in :attr:`text`."""
    asset_paths: tuple[tuple[str, str], ...]
    """(file name, site path) of the article's assets."""
    section: str = ""
    """The id of the article's section (``section:`` of the source), ``""`` for none."""
    featured: bool = False
    """``featured: true`` in the source: the article leads its language's front page."""
    text_key: str = field(default="", repr=False)
    """A hash that stands for :attr:`text`: of the file's bytes or of the inputs the text
    was made from (``""``: none known, the text itself is hashed)."""
    source_text: LazyText = field(default_factory=lambda: LazyText(""), repr=False)
    """:attr:`text`, made when first asked for if it is made late."""

    @property
    def text(self) -> str:
        """The whole localized Markdown file (front matter and body)."""
        return self.source_text.text

    @property
    def body(self) -> str:
        """The Markdown body (sliced from :attr:`text` when asked, never kept)."""
        return self.text[self.body_offset:]

    @property
    def fallback(self) -> bool:
        """Whether this page shows the untranslated source text."""
        return self.mode == "fallback"

    @property
    def content_tag(self) -> str:
        """BCP 47 tag of the text's language."""
        return get_language(self.content_language).tag


@dataclass(frozen=True)
class Site:
    """Everything the site will contain, decided before anything is rendered."""

    source: str
    languages: tuple[str, ...]
    title: str
    base_url: str
    per_page: int
    entries: Mapping[str, tuple[Entry, ...]]
    """Per language, newest first."""
    tags: Mapping[str, Mapping[str, Tag]]
    """Per language: tag key (a source tag name, or ``<lang>:<name>``) -> tag, for the
    tags that language's pages use."""
    assets: Mapping[str, tuple[tuple[str, Path], ...]]
    """Per article: (file name, file) of every asset."""
    _versions: Mapping[str, Mapping[str, str]] = field(default_factory=dict, repr=False)
    off: Mapping[str, Mapping[str, str]] = field(default_factory=dict, repr=False)
    """Per language: article id -> why, for the catalogue-backed versions that are not on
    the site (:func:`multipub.site.policy.decide`)."""
    sections: tuple[Section, ...] = ()
    """``[[sections]]`` of the configuration (section pages: ``<lang>/section/<id>/``)."""
    image_widths: tuple[int, ...] = ()
    """``[images] widths``: the widths of the responsive variants of every image."""

    def versions(self, article_id: str) -> Mapping[str, str]:
        """Language -> page path of the published (never fallback) versions of an article."""
        return self._versions.get(article_id, {})

    def tag_refs(self, entry: Entry) -> list[Tag]:
        """The tags of *entry* in its page's language."""
        tags = self.tags[entry.language]
        return [tags[name] for name in entry.tags if name in tags]


@dataclass(frozen=True)
class _Draft:
    article: Article
    text: LazyText
    meta: Mapping[str, Any]
    body_offset: int
    mode: str
    outdated: bool
    text_key: str = ""


def plan_site(project: Project, localizer: Localizer | None = None) -> Site:
    """Decide every page: published versions, slugs and tags per language.

    Slugs are claimed oldest article first (then by id), explicit front-matter
    slugs before derived ones, so adding a new article never renames an old page.
    """
    cfg = project.config
    order = sorted(project.articles, key=lambda a: (a.date, a.id))
    asset_files = {a.id: tuple((p.name, p) for p in a.assets) for a in project.articles}
    entries: dict[str, tuple[Entry, ...]] = {}
    tags: dict[str, dict[str, Tag]] = {}
    # Article by article (all its languages together), so that a source's segments are
    # computed once and used for every language before the next article's.
    by_code: dict[str, list[_Draft]] = {code: [] for code in cfg.all_languages}
    names = {code: tag_names(project, code) for code in cfg.all_languages}
    modes = project.modes()
    off: dict[str, dict[str, str]] = {code: {} for code in cfg.all_languages}
    for article in order:
        for code in cfg.all_languages:
            mode = modes.get((article.id, code), Mode.NONE)
            draft = _draft(project, article, code, mode, localizer, off[code])
            if draft is not None:
                by_code[code].append(draft)
    paths = {article_id: tuple((name, f"assets/{article_id}/{name}")
                               for name in sorted({name for name, _ in files}))
             for article_id, files in asset_files.items()}
    for code in cfg.all_languages:
        drafts = by_code[code]
        slugs = _assign_slugs(drafts, code, cfg.source_language)
        planned = [_entry(d, code, slugs[d.article.id], cfg.source_language,
                          paths[d.article.id],
                          names[code].keys(d.article, d.mode == "handwritten"),
                          cfg.sections)
                   for d in drafts]
        planned.sort(key=lambda e: e.article_id)
        planned.sort(key=lambda e: e.date, reverse=True)
        entries[code] = tuple(planned)
        tags[code] = _plan_tags(project, code, planned, names[code])
    versions: dict[str, dict[str, str]] = {}
    for code in cfg.all_languages:
        for entry in entries[code]:
            if not entry.fallback:
                versions.setdefault(entry.article_id, {})[code] = entry.path
    return Site(
        source=cfg.source_language,
        languages=cfg.all_languages,
        title=cfg.title or project.root.resolve().name,
        base_url=cfg.base_url,
        per_page=cfg.per_page,
        entries=entries,
        tags=tags,
        assets=asset_files,
        _versions=versions,
        off={code: dict(sorted(found.items())) for code, found in off.items()},
        sections=cfg.sections,
        image_widths=cfg.site.image_widths,
    )


def _draft(project: Project, article: Article, code: str, mode: Mode,
           localizer: Localizer | None = None,
           off: dict[str, str] | None = None) -> _Draft | None:
    """The text of *article* in language *code* (*mode* there), or ``None`` if it is
    not published, as :func:`~multipub.site.policy.decide` says; a catalogue-backed
    version that is not published is recorded in *off* with the reason."""
    cfg = project.config
    source = article.source
    if code == cfg.source_language:
        return _Draft(article, _file_text(source), source.meta, source.body_offset,
                      "source", False, _file_key(source))
    if mode is Mode.HANDWRITTEN:
        version = article.handwritten[code]
        return _Draft(article, _file_text(version), version.meta, version.body_offset,
                      "handwritten", article.is_outdated(code), _file_key(version))
    if mode is Mode.CATALOG:
        localized = (localizer or localize)(project, article, code)
        if localized is not None:
            decision = decide(cfg, "catalog", percent=localized.percent, reach=localized.reach,
                              changed=localized.changed)
            if decision.advertised:
                if localized.shows != decision.text:  # made for another policy: again
                    localized = localize(project, article, code) or localized
                return _Draft(article, localized.cell, localized.meta, localized.body_offset,
                              "catalog", decision.site == "published-outdated",
                              f"localized {localized.key}" if localized.key else "")
            if off is not None:
                off[article.id] = decision.reason
    if cfg.fallback == "fallback":
        return _Draft(article, _file_text(source), source.meta, source.body_offset,
                      "fallback", False, _file_key(source))
    return None


def _file_text(version: Version) -> LazyText:
    """The text of *version*'s file, read when a page asks for it (and again after it
    is forgotten)."""
    def text() -> str:
        return version.text

    return LazyText(text)


def _file_key(version: Version) -> str:
    return f"file {version.hashed.hex()}"


def _assign_slugs(drafts: Sequence[_Draft], code: str, source: str) -> dict[str, str]:
    """Article id -> slug, unique within the language."""
    wanted: dict[str, tuple[str, bool]] = {}
    for d in drafts:
        source_meta = d.article.source.meta
        explicit = d.meta.get("slug") if d.mode != "fallback" else source_meta.get("slug")
        if d.mode == "catalog" and explicit == source_meta.get("slug"):
            explicit = None  # copied from the source's front matter, not chosen for this language
        if isinstance(explicit, str) and explicit:
            wanted[d.article.id] = (explicit, True)
        else:
            language = source if d.mode == "fallback" else code
            title = str(d.meta.get("title") or d.article.source.title)
            wanted[d.article.id] = (slugify(title, language, fallback=d.article.id), False)
    taken = set(RESERVED)
    slugs: dict[str, str] = {}
    for explicit_first in (True, False):
        for d in drafts:
            slug, explicit = wanted[d.article.id]
            if explicit is explicit_first:
                slugs[d.article.id] = unique_slug(slug, taken)
                taken.add(slugs[d.article.id])
    return slugs


def _entry(d: _Draft, code: str, slug: str, source: str,
           asset_paths: tuple[tuple[str, str], ...], tags: tuple[str, ...],
           sections: Sequence[Section] = ()) -> Entry:
    article = d.article
    meta = d.meta
    return Entry(
        article_id=article.id,
        language=code,
        content_language=source if d.mode == "fallback" else code,
        mode=d.mode,
        outdated=d.outdated,
        slug=slug,
        path=f"{code}/{slug}/",
        title=str(meta.get("title") or article.source.title),
        date=article.date,
        summary=str(meta.get("summary") or ""),
        image=_image(article, meta, asset_paths),
        tags=tags,
        body_offset=d.body_offset,
        asset_paths=asset_paths,
        section=section_of(article, sections),
        featured=featured(article),
        text_key=d.text_key,
        source_text=d.text,
    )


def _image(article: Article, meta: Mapping[str, Any],
           assets: tuple[tuple[str, str], ...]) -> Image | None:
    source = article.source.meta.get("image")
    if not isinstance(source, dict) or not isinstance(source.get("src"), str):
        return None
    src = source["src"]
    if not any(name == src for name, _ in assets):
        line = article.source.doc.lines.get(("image", "src"))
        raise ContentError(f"image.src: there is no file {src!r} in the article folder",
                           path=article.source.shown, line=line)
    own_meta = meta.get("image")
    own: Mapping[str, Any] = own_meta if isinstance(own_meta, dict) else {}

    def pick(key: str) -> str:
        value = own.get(key) or source.get(key) or ""
        return str(value)

    caption = pick("caption")
    return Image(path=f"assets/{article.id}/{src}", alt=pick("alt") or caption,
                 caption=caption, credit=pick("credit"))


def _plan_tags(project: Project, code: str, entries: Sequence[Entry],
               names: TagNames) -> dict[str, Tag]:
    """The tags used in language *code*, named as :mod:`multipub.site.tags` says, with
    unique slugs (in the page's language; the source's for a name left untranslated)."""
    used = [key for e in entries for key in e.tags]
    taken: set[str] = set()
    found: dict[str, Tag] = {}
    for key, name, translated in plan_tags(names, used):
        language = code if translated else project.config.source_language
        slug = unique_slug(slugify(name, language, fallback="tag"), taken)
        taken.add(slug)
        found[key] = Tag(names.source(key), name, slug, f"{code}/tag/{slug}/")
    return found
