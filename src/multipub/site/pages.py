"""The pages of a planned site: article bodies rendered, pages through the templates.

:class:`Pages` renders every HTML page of a :class:`~multipub.site.plan.Site` (articles,
paginated listings, tag pages, the root language choice) through the theme and says
what each page depends on (its *dependency key*), so a build renders only the pages
whose inputs changed.  :func:`localized_markdown` and :func:`assets` list the other
files of the site with their keys.  :func:`render_bodies` renders every distinct body at
once, for tools.

May import :mod:`multipub.site`'s other modules, :mod:`multipub.cache` (fingerprints and
digests) and the shared modules.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml

from ..cache.fingerprints import Fingerprints
from ..cache.inputs import Inputs, digest
from ..content.syntax import DEFAULT_SYNTAX, MarkdownSyntax
from ..languages import Language, get_language
from . import news
from .images import Picture
from .markdown import MarkdownRenderer
from .pictures import LEAD_SIZES, by_folder, picture, picture_html, responsive_body
from .plan import Entry, Site
from .sections import front_order
from .templates import Theme, markup
from .urls import quote_path, relative_url

__all__ = ["BodyKey", "Pages", "Progress", "Task", "assets", "body_key", "localized_markdown",
           "reader_markdown", "render_bodies"]

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: called as the build advances."""

Task = tuple[str, int, str, str]
"""(language, index of the entry in ``site.entries[language]``, page name, dependency key)."""


# -- bodies --------------------------------------------------------------------------------
BodyKey = tuple[str, str, tuple[tuple[str, str], ...]]
"""(language of the text, Markdown body, asset name -> URL)."""

_RENDERERS: dict[tuple[str, bool, MarkdownSyntax], MarkdownRenderer] = {}


def _renderer(language: str, trusted: bool,
              syntax: MarkdownSyntax = DEFAULT_SYNTAX) -> MarkdownRenderer:
    renderer = _RENDERERS.get((language, trusted, syntax))
    if renderer is None:
        renderer = _RENDERERS[(language, trusted, syntax)] = MarkdownRenderer(
            language, trusted, syntax)
    return renderer


def _render_body(key: BodyKey, trusted: bool, syntax: MarkdownSyntax = DEFAULT_SYNTAX,
                 anchors: Sequence[str] = ()) -> str:
    language, body, asset_urls = key
    return _renderer(language, trusted, syntax).render(body, dict(asset_urls), anchors)


_SOURCE_IDS: dict[tuple[str, bytes], tuple[str, ...]] = {}
"""(language, hash of a source body) -> the ids its headings get: what a translation's
headings get (:mod:`.anchors`), kept as the source pages are rendered, made if not (the
bodies themselves are not kept)."""


def _ids_key(language: str, body: str) -> tuple[str, bytes]:
    return language, hashlib.blake2b(body.encode("utf-8", "surrogatepass"),
                                     digest_size=16).digest()


def _keep_ids(key: tuple[str, bytes], ids: tuple[str, ...]) -> tuple[str, ...]:
    if len(_SOURCE_IDS) > 4096:
        _SOURCE_IDS.clear()
    _SOURCE_IDS[key] = ids
    return ids


def source_ids(language: str, body: str, trusted: bool,
               syntax: MarkdownSyntax = DEFAULT_SYNTAX) -> tuple[str, ...]:
    """The heading ids of the source body *body* in *language*, in order."""
    key = _ids_key(language, body)
    found = _SOURCE_IDS.get(key)
    if found is None:
        renderer = _renderer(language, trusted, syntax)
        renderer.render(body)
        found = _keep_ids(key, renderer.heading_ids)
    return found


def _render_many(keys: Sequence[BodyKey], trusted: bool,
                 syntax: MarkdownSyntax = DEFAULT_SYNTAX) -> list[str]:
    return [_render_body(key, trusted, syntax) for key in keys]


def body_key(entry: Entry) -> BodyKey:
    """What an article body's HTML depends on (article pages all sit two folders deep)."""
    urls = tuple((name, f"../../{quote(path)}") for name, path in entry.asset_paths)
    return (entry.content_language, entry.body, urls)


def render_bodies(site: Site, trusted: bool, jobs: int = 1,
                  report: Progress | None = None,
                  syntax: MarkdownSyntax = DEFAULT_SYNTAX) -> dict[BodyKey, str]:
    """The HTML of every distinct article body, rendered once (by *jobs* processes).

    The build renders bodies page by page as it needs them; this renders all
    of them at once, for tools that want every body.
    """
    keys = sorted({body_key(e) for lang in site.languages for e in site.entries[lang]})
    if jobs > 1 and len(keys) > 1:
        size = max(1, len(keys) // (jobs * 4))
        chunks = [keys[i:i + size] for i in range(0, len(keys), size)]
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_render_many, chunks, [trusted] * len(chunks),
                                    [syntax] * len(chunks)))
        html = [h for chunk in results for h in chunk]
    else:
        html = _render_many(keys, trusted, syntax)
    if report is not None:
        report("bodies", len(keys), len(keys))
    return dict(zip(keys, html, strict=True))



# -- pages ---------------------------------------------------------------------------------
_ENTRY_FIELDS = operator.attrgetter(*(f.name for f in dataclasses.fields(Entry)
                                      if f.name not in ("source_text", "text_key")))
"""What an entry holds besides its text (hashed as it is, or stood for by its key)."""


class Pages:
    """Renders the HTML pages of a planned site, and says what each one depends on."""

    def __init__(self, site: Site, theme: Theme, bodies: Mapping[BodyKey, str] | None = None,
                 *, trusted: bool = False, prints: Fingerprints | None = None,
                 syntax: MarkdownSyntax = DEFAULT_SYNTAX,
                 images: Mapping[str, Picture] | None = None) -> None:
        self.site = site
        self.theme = theme
        self.bodies = bodies or {}
        self.trusted = trusted
        self.syntax = syntax
        self.prints = prints
        self.images: Mapping[str, Picture] = images or {}
        """Site path of each processed image -> its variants (:mod:`multipub.site.images`)."""
        self._folders: dict[str, dict[str, Picture]] | None = None
        """:attr:`images` by the folder of the files (:func:`.pictures.by_folder`)."""
        self._digests: dict[int, str] = {}
        self.search = False
        """Whether the site has search pages (``<lang>/search/``, Pagefind)."""
        self.news = news.NewsPages(self)
        """Sections, front page, cards, related articles, sharing metadata."""
        self._sources: dict[str, Entry] | None = None

    def entry_digest(self, entry: Entry) -> str:
        """The hash of everything *entry* holds (its whole text included, or the key
        that stands for it)."""
        found = self._digests.get(id(entry))
        if found is None:
            fields = _ENTRY_FIELDS(entry)
            found = (digest(repr(fields), "key", entry.text_key) if entry.text_key
                     else digest(repr(fields), "text", entry.text))
            self._digests[id(entry)] = found
        return found

    def prepare(self, template: str) -> None:
        """Compile *template* and make the Markdown renderers of every language now."""
        for code in self.site.languages:
            self.theme.template(get_language(code), template)
            _renderer(code, self.trusted, self.syntax)

    def _print(self, code: str) -> str:
        base = self.prints.language(code) if self.prints is not None else ""
        return digest(base, self.news.language_key(code), "search" if self.search else "")

    def site_name(self, language: Language) -> str:
        """The configured title through the UI catalogue of *language*."""
        return self.theme.ui(language).text(self.site.title)

    def absolute(self, path: str, page: str) -> str:
        """An absolute URL when the site has a ``base_url``, else a relative one."""
        if self.site.base_url:
            return self.site.base_url + quote_path(path)
        return relative_url(path, page)

    def _common(self, language: Language, page: str, versions: Mapping[str, str],
                *, x_default: str | None, advertise: bool = True,
                current: bool = True) -> dict[str, Any]:
        """Context every page shares: language, URLs, switcher and hreflang alternates.

        *versions* maps language codes to the site paths of this page's versions
        that exist (the page's own language included when it is advertised).
        """
        switcher = []
        for code in self.site.languages:
            if code not in versions:
                continue
            lang = get_language(code)
            switcher.append({
                "tag": lang.tag, "autonym": lang.autonym,
                "href": relative_url(versions[code], page),
                "current": current and code == language.code,
            })
        alternates = []
        if advertise and len(versions) > 1:
            alternates = [{"hreflang": get_language(code).tag,
                           "href": self.absolute(path, page)} for code, path in versions.items()]
            if x_default is not None:
                alternates.append({"hreflang": "x-default",
                                   "href": self.absolute(x_default, page)})
        return {
            "lang": language,
            "direction": language.locale.text_direction,
            "site_name": self.site_name(language),
            "url": lambda target: relative_url(target, page),
            "switcher": switcher if len(switcher) > 1 else [],
            "alternates": alternates,
            "noindex": not advertise,
            "canonical": self.absolute(page.removesuffix("index.html"), page)
            if advertise and self.site.base_url else None,
            "description": None,
            "picture": picture_html,
            "sections": self.news.section_refs(language.code),
            "search": f"{language.code}/search/" if self.search else None,
            "og": None, "jsonld": None, "lead": None, "cards": [], "section": None,
            "related": [],
        }

    # -- articles
    def article_keys(self) -> Iterator[Task]:
        """Every article page with its dependency key."""
        for code in self.site.languages:
            base = self._print(code)
            tags = self._tag_reprs(code)
            for index, entry in enumerate(self.site.entries[code]):
                source = self._source_entry(entry)  # its heading ids are this page's
                data = repr((tuple(self.site.versions(entry.article_id).items()),
                             [tags[name] for name in entry.tags if name in tags],
                             self.news.article_key(entry),
                             self.entry_digest(source) if source is not None else ""))
                yield code, index, entry.path + "index.html", digest(
                    base, "article", self.entry_digest(entry), data)

    def _tag_reprs(self, code: str) -> dict[str, str]:
        """``repr`` of each tag of language *code* (what an article page shows of its tags),
        by source name."""
        return {name: repr(tag) for name, tag in self.site.tags[code].items()}

    def _source_entry(self, entry: Entry) -> Entry | None:
        """The source version of *entry*'s article (``None``: *entry* is one)."""
        if entry.content_language == self.site.source:
            return None
        if self._sources is None:
            self._sources = {e.article_id: e for e in self.site.entries.get(self.site.source, ())}
        return self._sources.get(entry.article_id)

    def body_html(self, entry: Entry) -> str:
        """The sanitised HTML of *entry*'s Markdown body; a translation's headings get
        the ids of its source's (:mod:`.anchors`)."""
        key = body_key(entry)
        found = self.bodies.get(key)
        if found is not None:
            return found
        source = self._source_entry(entry)
        if source is None:
            html = _render_body(key, self.trusted, self.syntax)
            _keep_ids(_ids_key(entry.content_language, key[1]), _renderer(
                entry.content_language, self.trusted, self.syntax).heading_ids)
            return html
        return _render_body(key, self.trusted, self.syntax,
                            source_ids(source.content_language, source.body, self.trusted,
                                       self.syntax))

    def article(self, entry: Entry) -> bytes:
        """The page ``<lang>/<slug>/index.html`` of *entry*."""
        language = get_language(entry.language)
        page = entry.path + "index.html"
        versions = self.site.versions(entry.article_id)
        source_path = versions.get(self.site.source)
        context = self._common(language, page, versions, x_default=source_path,
                               advertise=not entry.fallback, current=not entry.fallback)
        original = None
        if entry.outdated and source_path is not None:
            original = {"href": relative_url(source_path, page),
                        "tag": get_language(self.site.source).tag}
        url = context["url"]
        body = self.body_html(entry)
        if self.images:
            if self._folders is None:
                self._folders = by_folder(self.images)
            urls = {url(path): pic for path, pic in
                    self._folders.get(f"assets/{entry.article_id}/", {}).items()}
            body = responsive_body(body, urls, url, eager_first=entry.image is None)
        lead = None
        if entry.image is not None:
            lead = picture(self.images.get(entry.image.path), entry.image.path, url,
                           sizes=LEAD_SIZES, lazy=False, alt=entry.image.alt)
        context.update(
            article=entry,
            body=markup(body),
            lead=lead,
            tags=self.site.tag_refs(entry),
            fallback=entry.fallback,
            outdated=entry.outdated,
            original=original,
            description=self.news.description(entry),
        )
        context.update(self.news.article_context(entry, page, context))
        return self.theme.render(language, "article.html", context).encode()

    def articles(self) -> Iterable[tuple[str, bytes]]:
        """Every article page: ``<lang>/<slug>/index.html``."""
        for code in self.site.languages:
            for entry in self.site.entries[code]:
                yield entry.path + "index.html", self.article(entry)

    # -- listings
    def _listing(self, code: str, template: str, folder: str, entries: Sequence[Entry],
                 versions: Mapping[str, str], x_default: str | None,
                 extra: Mapping[str, Any]) -> Iterator[tuple[str, str, Callable[[], bytes]]]:
        language = get_language(code)
        base = self._print(code)
        per_page = self.site.per_page
        count = max(1, -(-len(entries) // per_page))
        for number in range(1, count + 1):
            path = folder if number == 1 else f"{folder}page/{number}/"
            page = path + "index.html"
            shown = entries[(number - 1) * per_page:number * per_page]
            pager = {
                "page": number, "pages": count,
                "newer": None if number == 1 else (
                    folder if number == 2 else f"{folder}page/{number - 1}/"),
                "older": f"{folder}page/{number + 1}/" if number < count else None,
            }
            data = repr((tuple(versions.items()), x_default, sorted(pager.items()),
                         len(entries), sorted(extra.items()),
                         [self.entry_digest(e) for e in shown],
                         self.news.pictures_key(shown)))
            key = digest(base, template, page, data)

            def make(number: int = number, page: str = page, pager: dict[str, Any] = pager,
                     shown: Sequence[Entry] = shown) -> bytes:
                if number == 1:
                    context = self._common(language, page, versions, x_default=x_default)
                else:  # later pages have no equivalent in other languages: link to their homes
                    homes = {c: f"{c}/" for c in self.site.languages}
                    context = self._common(language, page, homes, x_default=None,
                                           current=False)
                    context["alternates"] = []
                context.update(extra, pager=pager, total=len(entries), entries=shown)
                context.update(self.news.listing_context(code, page, shown, number,
                                                         context))
                return self.theme.render(language, template, context).encode()

            yield page, key, make

    def listings(self) -> Iterator[tuple[str, str, Callable[[], bytes]]]:
        """Indexes, tag pages and the root page: (name, dependency key, renderer)."""
        yield from self._indexes()
        yield from self._tags()
        yield from self.news.section_listings()
        if self.search:
            yield from self.news.search_pages()
        key = digest("root", *(self._print(code) for code in self.site.languages))
        yield "index.html", key, self.root

    def _indexes(self) -> Iterator[tuple[str, str, Callable[[], bytes]]]:
        homes = {code: f"{code}/" for code in self.site.languages}
        for code in self.site.languages:
            yield from self._listing(code, "index.html", f"{code}/",
                                     front_order(self.site.entries[code]), homes, "", {})

    def _tags(self) -> Iterator[tuple[str, str, Callable[[], bytes]]]:
        by_tag: dict[tuple[str, str], list[Entry]] = {}
        for code in self.site.languages:
            for entry in self.site.entries[code]:
                for name in dict.fromkeys(entry.tags):
                    by_tag.setdefault((code, name), []).append(entry)
        for code in self.site.languages:
            for source_tag, tag in self.site.tags[code].items():
                entries = by_tag.get((code, source_tag), [])
                versions = {c: self.site.tags[c][source_tag].path for c in self.site.languages
                            if source_tag in self.site.tags[c]}
                yield from self._listing(code, "tag.html", tag.path, entries, versions,
                                         versions.get(self.site.source), {"tag": tag})

    def indexes(self) -> Iterable[tuple[str, bytes]]:
        """``<lang>/index.html`` and ``<lang>/page/<n>/index.html``."""
        for name, _, make in self._indexes():
            yield name, make()

    def tags(self) -> Iterable[tuple[str, bytes]]:
        """``<lang>/tag/<slug>/index.html`` for every tag used in that language."""
        for name, _, make in self._tags():
            yield name, make()

    def root(self) -> bytes:
        """``index.html``: the reader picks a language."""
        language = get_language(self.site.source)
        homes = {code: f"{code}/" for code in self.site.languages}
        context = self._common(language, "index.html", homes, x_default="")
        context["switcher"] = []
        choices = []
        for code in self.site.languages:
            lang = get_language(code)
            choices.append({
                "tag": lang.tag, "autonym": lang.autonym, "href": f"{code}/",
                "direction": lang.locale.text_direction,
                "site_name": self.site_name(lang),
            })
        context["choices"] = choices
        return self.theme.render(language, "root.html", context).encode()


# -- localized Markdown and assets ----------------------------------------------------------
def localized_markdown(site: Site, entry_digest: Callable[[Entry], str]
                       ) -> Iterator[tuple[str, str, Callable[[], bytes]]]:
    """``markdown/<lang>/<article-id>.md`` for every published version: name, dependency
    key (*entry_digest* of the version, which covers its text, and its tag names) and
    maker of its bytes (:func:`reader_markdown`)."""
    for code in site.languages:
        for entry in site.entries[code]:
            if not entry.fallback:  # (the text is asked for only when it is written)
                tags = tuple(tag.name for tag in site.tag_refs(entry))
                yield (f"markdown/{code}/{entry.article_id}.md",
                       digest(entry_digest(entry), "tags", *tags),
                       functools.partial(reader_markdown, entry, tags))


def reader_markdown(entry: Entry, tags: Sequence[str]) -> bytes:
    """The localized Markdown file of *entry*: its body under a front matter that holds
    only what a reader of the file needs, as the page shows it.

    The keys are ``title``, ``date``, ``summary``, ``tags`` (the names in the file's
    language, as on the page) and ``image`` (``src``, ``alt`` when it is not the
    caption, ``caption``, ``credit``); values a hand-written translation does not give
    are the source's, as on its page.  multipub's own keys (``translated_from``), the
    ``slug`` and keys multipub does not know are left out.
    """
    meta: dict[str, Any] = {"title": entry.title, "date": entry.date}
    if entry.summary:
        meta["summary"] = entry.summary
    if tags:
        meta["tags"] = list(tags)
    if entry.image is not None:
        image = {"src": entry.image.path.rsplit("/", 1)[-1]}
        if entry.image.alt and entry.image.alt != entry.image.caption:
            image["alt"] = entry.image.alt
        for key in ("caption", "credit"):
            value = getattr(entry.image, key)
            if value:
                image[key] = value
        meta["image"] = image
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1 << 30,
                           default_flow_style=False)
    return f"---\n{front}---\n{entry.body}".encode()


def assets(site: Site, root: Path, inputs: Inputs | None = None,
           processed: Mapping[str, Any] | None = None
           ) -> Iterator[tuple[str, str, Callable[[], bytes]]]:
    """``assets/<article-id>/<file>``: each article's files, once for every language
    (but those in *processed*, the images :mod:`multipub.site.images` publishes).

    The dependency key is the digest :func:`~multipub.cache.inputs.read_inputs` took of
    the file (``""`` when it did not read it: then the file is compared by content),
    so an unchanged asset is not read again.
    """
    for article_id, files in sorted(site.assets.items()):
        for name, path in files:
            if processed and f"assets/{article_id}/{name}" in processed:
                continue
            known = inputs.file_digest(root, path) if inputs is not None else None
            yield (f"assets/{article_id}/{name}", digest("asset", known) if known else "",
                   path.read_bytes)


