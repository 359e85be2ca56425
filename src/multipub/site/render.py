"""Rendering: UI translations, the Jinja2 environment, Markdown and sanitising.

Three things turn a project into HTML, each built once per language and
process and reused for every page:

- :class:`UITranslations` looks a UI string up in the project's
  ``locales/<lang>/LC_MESSAGES/messages.po`` first, then in the default
  theme's catalogue, else keeps the source string.  A translation whose
  ``%(name)s`` placeholders do not fit its msgid is ignored, so a typo of a
  translator cannot break a build.
- :func:`make_environment` gives a Jinja2 environment with autoescaping,
  :class:`jinja2.StrictUndefined`, the ``i18n`` extension bound to one
  language (``_``, ``gettext``, ``ngettext``, ``pgettext``, ``npgettext``)
  and Babel filters.  Templates load from the project's ``templates/`` first,
  then from the default theme.  UI translations are text: they are escaped
  like any other value, never trusted as markup.
- :class:`MarkdownRenderer` turns an article body into HTML with
  Python-Markdown (tables, footnotes, attribute lists, heading ids,
  fenced code, sane lists) and sanitises raw HTML with nh3 unless the
  project trusts it.

Template errors become :class:`~multipub.errors.TemplateError` naming the
template file and line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import html
import inspect
import posixpath
import re
import traceback
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import jinja2
import markdown
import nh3
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
from markdown import util
from markdown.blockparser import BlockParser
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension, TocTreeprocessor, strip_tags, unique
from markdown.preprocessors import NormalizeWhitespace
from markdown.treeprocessors import InlineProcessor, Treeprocessor
from markdown.util import AtomicString
from markupsafe import Markup, escape

from ..cache.inputs import THEME_DIR, THEME_LOCALES  # the default theme and its UI catalogues
from ..content.slug import slugify
from ..errors import MultipubError, TemplateError
from ..languages import Language

__all__ = [
    "THEME_DIR",
    "THEME_LOCALES",
    "MarkdownRenderer",
    "Theme",
    "UITranslations",
    "load_ui_translations",
    "make_environment",
    "quote_path",
    "relative_url",
    "render_template",
    "sanitize",
]

Key = tuple[str | None, str]
Layer = Mapping[Key, tuple[str, ...]]


# -- UI translations ------------------------------------------------------------------
class UITranslations:
    """Gettext lookups through layers of catalogues for one language.

    Each layer maps ``(msgctxt, msgid)`` to its translated forms; the first
    layer with a usable translation wins, else the source string is used.

    >>> from multipub.languages import get_language
    >>> ui = UITranslations(get_language("ru"), [
    ...     {(None, "%(num)s article"): ("%(num)s статья", "%(num)s статьи", "%(num)s статей"),
    ...      (None, "Tags"): ("Теги",), (None, "Broken"): ("%(oops)s",)}])
    >>> ui.gettext("Tags"), ui.gettext("Missing"), ui.gettext("Broken")
    ('Теги', 'Missing', 'Broken')
    >>> [ui.ngettext("%(num)s article", "%(num)s articles", n) for n in (1, 3, 5)]
    ['%(num)s статья', '%(num)s статьи', '%(num)s статей']
    """

    def __init__(self, language: Language, layers: Sequence[Layer]) -> None:
        self.language = language
        self.layers = tuple(layers)

    def _lookup(self, key: Key, form: int, fallback: str, placeholders: str) -> str:
        for layer in self.layers:
            forms = layer.get(key)
            if forms is None:
                continue
            text = forms[form] if form < len(forms) else ""
            if text and _format_ok(placeholders, text):
                return text
        return fallback

    def text(self, message: str) -> str:
        """The translation of *message*, a plain text that is never %-formatted (a site name)."""
        return self._lookup((None, message), 0, message, "%")

    def gettext(self, message: str) -> str:
        """The translation of *message*."""
        return self._lookup((None, message), 0, message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The plural form of *singular*/*plural* for the count *n*."""
        fallback = singular if n == 1 else plural
        return self._lookup((None, singular), self.language.plural(n), fallback, plural)

    def pgettext(self, context: str, message: str) -> str:
        """The translation of *message* in *context*."""
        return self._lookup((context, message), 0, message, message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        """The plural form of *singular*/*plural* in *context* for the count *n*."""
        fallback = singular if n == 1 else plural
        return self._lookup((context, singular), self.language.plural(n), fallback, plural)


_PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?([diouxXeEfFgGcrsa%])")


def _format_ok(source: str, translation: str) -> bool:
    """Whether *translation* formats with exactly the values *source* provides.

    A *source* of ``"%"`` accepts any text (it will not be formatted).

    >>> _format_ok("%(num)s article", "%(num)s artykuł"), _format_ok("Tags", "100%")
    (True, False)
    """
    if source == "%":
        return True
    values: dict[str, object] = {"num": 0}
    for name, conv in _PLACEHOLDER.findall(source):
        values[name] = "x" if conv in "rsa" else 0
    try:
        translation % values
    except (KeyError, ValueError, TypeError):
        return False
    return True


def catalog_layer(path: Path, shown: str) -> Layer:
    """The translated, non-fuzzy entries of the ``.po`` file at *path* ({} if absent)."""
    if not path.is_file():
        return {}
    from ..gettext.pofile import read_catalog

    try:
        catalog = read_catalog(path, shown)
    except MultipubError as exc:
        raise exc.with_path(shown) from None
    layer: dict[Key, tuple[str, ...]] = {}
    for message in catalog.messages:
        if message.obsolete or message.fuzzy or not message.msgid:
            continue
        if message.msgid_plural is not None:
            forms = tuple(message.msgstr_plural)
        else:
            forms = (message.msgstr,)
        if any(forms):
            layer[(message.msgctxt, message.msgid)] = forms
    return layer


def load_ui_translations(language: Language, project_locales: Path | None,
                         shown: Callable[[Path], str] = str) -> UITranslations:
    """The UI strings of *language*: the project's catalogue over the theme's."""
    layers: list[Layer] = []
    if project_locales is not None:
        path = project_locales / language.code / "LC_MESSAGES" / "messages.po"
        layers.append(catalog_layer(path, shown(path)))
    theme = THEME_LOCALES / language.code / "LC_MESSAGES" / "messages.po"
    layers.append(catalog_layer(theme, str(theme)))
    return UITranslations(language, layers)


def relative_url(target: str, page: str) -> str:
    """The URL of the site path *target* from the page file *page*.

    Both are paths inside the site (relative, ``/``-separated); the answer is
    :func:`posixpath.relpath`'s, computed on the strings alone (``relpath``
    asks the operating system for the working folder twice per call).

    >>> relative_url("ru/", "pl/grodna/index.html"), relative_url("style.css", "index.html")
    ('../../ru/', 'style.css')
    >>> relative_url("pl/grodna/", "pl/grodna/index.html")
    './'
    """
    folder = target.endswith("/")
    parts = _site_parts(target)
    base = _site_parts(page)[:-1]
    common = 0
    for mine, theirs in zip(base, parts, strict=False):
        if mine != theirs:
            break
        common += 1
    rel = "/".join([*[".."] * (len(base) - common), *parts[common:]]) or "."
    if folder:
        rel = "./" if rel == "." else rel + "/"
    return quote_path(rel)


def quote_path(path: str) -> str:
    """A site path as it goes into a URL (``/`` and ``#`` kept).

    >>> quote_path("pl/łódź/"), quote_path("ru/tag/a-b/")
    ('pl/%C5%82%C3%B3d%C5%BA/', 'ru/tag/a-b/')
    """
    return path if _URL_SAFE.fullmatch(path) else quote(path, safe="/#.-_~")


_URL_SAFE = re.compile(r"[A-Za-z0-9/#._~-]*")
"""What :func:`urllib.parse.quote` with ``safe="/#.-_~"`` leaves as it is."""


@functools.lru_cache(maxsize=8192)
def _site_parts(path: str) -> tuple[str, ...]:
    """The folder names of a site path, normalised like :func:`posixpath.normpath`."""
    if "." in path or "//" in path:
        path = posixpath.normpath(path)
    return tuple(part for part in path.split("/") if part and part != ".")


# -- Jinja2 ---------------------------------------------------------------------------
class _SharedBytecode(jinja2.BytecodeCache):
    """Compiled templates kept in memory and shared by the environments of one theme.

    Every language has its own environment (its own gettext and date
    filters) with the same settings, so a template compiles to the same code
    in each: compiled once, it is loaded from here by the others.  Nothing
    is written to disk: compiled code in a project folder would run when the
    folder is built, wherever it came from.
    """

    def __init__(self) -> None:
        self._codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._codes.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._codes[bucket.key] = bucket.bytecode_to_string()


def make_environment(language: Language, translations: UITranslations,
                     project_templates: Path | None = None,
                     bytecode: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """A Jinja2 environment for pages in *language*.

    Autoescaping is on, undefined names are errors, and gettext calls are
    bound to *translations* (new-style: ``_("Page %(page)s", page=2)``).
    *bytecode* is shared by environments that may reuse each other's
    compiled templates (same settings, same template folders).
    """
    loaders: list[jinja2.BaseLoader] = []
    if project_templates is not None and project_templates.is_dir():
        loaders.append(jinja2.FileSystemLoader(project_templates))
    loaders.append(jinja2.FileSystemLoader(THEME_DIR))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,
        keep_trailing_newline=True,
        cache_size=-1,
        bytecode_cache=bytecode,
    )
    ui = translations
    # UI strings are text: escape them, so a translation can never inject markup.
    # Every page asks for the same few strings and dates: each answer is kept.
    gettext = _memo(lambda s: escape(ui.gettext(s)))
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=gettext,
        ngettext=_memo(lambda s, p, n: escape(ui.ngettext(s, p, n))),
        pgettext=_memo(lambda c, s: escape(ui.pgettext(c, s))),
        npgettext=_memo(lambda c, s, p, n: escape(ui.npgettext(c, s, p, n))),
        newstyle=True,
    )
    env.globals["_"] = _quick_gettext(gettext)
    locale = language.locale
    env.filters["format_date"] = _memo(lambda d, fmt="long": format_date(d, fmt, locale=locale))
    env.filters["format_month"] = _memo(lambda d: format_skeleton("yMMMM", d, locale=locale))
    env.filters["format_number"] = lambda n: format_decimal(n, locale=locale)
    env.filters["groupby_month"] = lambda entries: group_by_month(entries, language)
    return env


def _quick_gettext(gettext: Callable[[str], Markup]) -> Callable[..., str]:
    """``_()`` as Jinja2's new-style ``gettext`` answers it, in one call instead of three.

    Jinja2's ``_`` looks ``gettext`` up in the context and calls it, which
    calls *gettext* through the context, marks the answer safe and %-formats
    it.  *gettext* answers escaped markup already, so this does the same.
    """

    def quick(__string: str, **variables: Any) -> str:
        found = gettext(__string)
        return found % variables if variables or "%" in found else found

    return quick


def _memo(function: Callable[..., Any]) -> Callable[..., Any]:
    """*function* remembering its answers (its arguments are few and hashable: strings,
    counts, dates); one cache per environment, so per language and build."""
    return functools.lru_cache(maxsize=4096)(function)


def group_by_month(entries: Iterable[Any], language: Language) -> list[tuple[str, list[Any]]]:
    """Consecutive entries grouped under CLDR's stand-alone month and year.

    >>> from types import SimpleNamespace as E
    >>> from multipub.languages import get_language
    >>> es = [E(date=dt.date(2024, 3, 5)), E(date=dt.date(2024, 3, 1)), E(date=dt.date(2023, 1, 9))]
    >>> [(m, len(g)) for m, g in group_by_month(es, get_language("pl"))]
    [('marzec 2024', 2), ('styczeń 2023', 1)]
    """
    groups: list[tuple[str, list[Any]]] = []
    last: tuple[int, int] | None = None
    for entry in entries:
        date: dt.date = entry.date
        if (date.year, date.month) != last:
            last = (date.year, date.month)
            label = _month_label(date.year, date.month, language.code)
            groups.append((label, []))
        groups[-1][1].append(entry)
    return groups


def render_template(env: jinja2.Environment, name: str, context: Mapping[str, Any],
                    shown: Callable[[Path], str] = str) -> str:
    """Render the template *name*; Jinja2 errors become :class:`TemplateError`."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        where = shown(Path(exc.filename)) if exc.filename else (exc.name or name)
        raise TemplateError(f"template syntax error: {exc.message}", path=where,
                            line=exc.lineno) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template {exc.name!r} not found", path=name) from None
    except MultipubError:
        raise
    except Exception as exc:  # a template failing at run time (undefined name, bad filter)
        path, line = _template_frame(exc)
        where = shown(Path(path)) if path else name
        raise TemplateError(f"template error: {type(exc).__name__}: {exc}", path=where,
                            line=line) from None


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """File and line of the innermost template frame in *exc*'s traceback."""
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith((".html", ".xml", ".txt", ".j2")):
            found = (frame.filename, frame.lineno)
    return found


@functools.lru_cache(maxsize=4096)
def _month_label(year: int, month: int, code: str) -> str:
    from ..languages import get_language

    return format_skeleton("yMMMM", dt.date(year, month, 1), locale=get_language(code).locale)


# -- Markdown -------------------------------------------------------------------------
_ALLOWED_TAGS = frozenset(nh3.ALLOWED_TAGS) | {"input", "section"}
_ATTRIBUTES: dict[str, set[str]] = {k: set(v) for k, v in nh3.ALLOWED_ATTRIBUTES.items()}
_ATTRIBUTES.setdefault("*", set()).update({"id", "class", "title", "lang", "dir"})
_ATTRIBUTES.setdefault("a", set()).update({"rel"})
_ATTRIBUTES.setdefault("img", set()).update({"title", "loading"})
for _cell in ("th", "td"):
    _ATTRIBUTES.setdefault(_cell, set()).add("style")
_ATTRIBUTES["input"] = {"type", "checked", "disabled"}
_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def sanitize(html: str) -> str:
    """*html* with scripts, event handlers and dangerous URLs removed.

    Keeps what Python-Markdown produces (tables with alignment, footnotes,
    heading ids, code blocks).

    >>> sanitize('<p onclick="x()">Hi<script>alert(1)</script> <a href="javascript:x()">a</a></p>')
    '<p>Hi <a>a</a></p>'
    """
    return str(_cleaner()(html))


@functools.cache
def _cleaner() -> Callable[[str], str]:
    """nh3's sanitiser with our rules: one reusable ``nh3.Cleaner`` where nh3 has it
    (the rules are not converted again for every document), else ``nh3.clean``."""
    rules: dict[str, Any] = {
        "tags": set(_ALLOWED_TAGS),
        "clean_content_tags": {"script", "style"},
        "attributes": _ATTRIBUTES,
        "url_schemes": set(_URL_SCHEMES),
        "link_rel": None,
        "filter_style_properties": {"text-align"},
        "strip_comments": True,
    }
    cleaner = getattr(nh3, "Cleaner", None)
    if cleaner is not None:
        return cleaner(**rules).clean  # type: ignore[no-any-return]
    return functools.partial(nh3.clean, **rules)


class _AssetLinks(Treeprocessor):
    """Point relative ``src``/``href`` naming an article asset at its published copy.

    Also drops the English ``title`` Python-Markdown puts on footnote back-links.
    """

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.assets: Mapping[str, str] = {}

    def run(self, root: ET.Element) -> None:
        assets = self.assets
        for attr, element in [*(("href", e) for e in root.iter("a")),
                              *(("src", e) for e in root.iter("img"))]:
            if element.get("class") == "footnote-backref":
                element.attrib.pop("title", None)  # English text on every page: leave it out
            value = element.get(attr)
            if value is None or not assets or value.startswith(_NOT_RELATIVE):
                continue
            parts = urlsplit(value)
            if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
                continue
            target = assets.get(unquote(parts.path).removeprefix("./"))
            if target is not None:
                suffix = f"#{parts.fragment}" if parts.fragment else ""
                element.set(attr, target + suffix)


_NOT_RELATIVE = ("#", "/", "http://", "https://", "mailto:")
"""Beginnings of a URL that names no article file (a fragment, an absolute path, a scheme)."""

_INLINE_NEEDS = {
    "backtick": "`", "escape": "\\", "footnote": "[", "reference": "[", "link": "[",
    "image_link": "[", "image_reference": "[", "short_reference": "[", "short_image_ref": "[",
    "autolink": "<", "automail": "<", "linebreak": "\n", "html": "<", "entity": "&",
    "em_strong": "*_", "em_strong2": "_", "not_strong": "*_", "strong_em": "*_",
}
"""Characters without which a built-in inline pattern cannot match (by its regular expression)."""

_INLINE_NEEDS_TEXT = {
    "footnote": "[^", "image_link": "![", "image_reference": "![", "short_image_ref": "![",
    "linebreak": "  \n",
}
"""Text without which a built-in inline pattern cannot match (tested after the characters)."""


class _QuickInline(InlineProcessor):
    """Python-Markdown's inline processor, skipping the patterns a text cannot match.

    For each piece of text Python-Markdown tries every inline pattern in turn
    (16 with our extensions), each a regular-expression search plus Python
    bookkeeping, so most of a document's time goes to patterns that find
    nothing.  A pattern whose regular expression needs a character the text
    lacks (a link needs ``[``, emphasis ``*`` or ``_``...) is skipped here, as
    it would have been after a failed search: the output is the same, which
    ``tests/test_render.py`` checks against the stock processor.  Patterns
    not in :data:`_INLINE_NEEDS` are always tried.
    """

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self._needs: list[tuple[frozenset[str], str] | None] = []
        self._patterns: list[Any] = []
        self._plans: dict[frozenset[str], tuple[bool, ...]] = {}

    def run(self, tree: ET.Element, ancestors: list[str] | None = None) -> ET.Element:
        registry = self.inlinePatterns
        needs: list[tuple[frozenset[str], str] | None] = [None] * len(registry)
        for name, chars in _INLINE_NEEDS.items():
            if name in registry:
                text = _INLINE_NEEDS_TEXT.get(name, "")
                needs[registry.get_index_for_name(name)] = (frozenset(chars), text)
        if needs != self._needs:
            self._plans = {}
        self._needs = needs
        self._patterns = list(registry)
        return super().run(tree, ancestors)

    def _skips(self, data: str) -> tuple[bool, ...]:
        """Per pattern, whether *data* lacks every character it needs.

        Matching only ever replaces text by placeholders, so a character absent
        from *data* stays absent while the patterns run over it.
        """
        present = frozenset(_NEEDED_FIND(data))
        if present.intersection(_TEXT_STARTS):
            present = present.union(text for text in _NEEDED_TEXTS if text in data)
        plan = self._plans.get(present)
        if plan is None:
            plan = self._plans[present] = tuple(
                need is not None and (need[0].isdisjoint(present)
                                      or (bool(need[1]) and need[1] not in present))
                for need in self._needs)
        return plan

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if not isinstance(data, AtomicString):
            start = 0
            patterns = self._patterns
            skips = self._skips(data)
            apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
            count = len(patterns)
            while patternIndex < count:
                if skips[patternIndex]:
                    patternIndex += 1  # what a search that finds nothing leads to
                    start = 0
                    continue
                data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
                if not matched:
                    patternIndex += 1
        return data


_NEEDED_CHARS = frozenset("".join(_INLINE_NEEDS.values()))
"""Every character some pattern of :data:`_INLINE_NEEDS` needs."""
_NEEDED_FIND = re.compile("[" + re.escape("".join(sorted(_NEEDED_CHARS))) + "]").findall
"""The characters of :data:`_NEEDED_CHARS` in a text (a scan in C, no set of every character)."""
_NEEDED_TEXTS = tuple(sorted(set(_INLINE_NEEDS_TEXT.values())))
_TEXT_STARTS = _NEEDED_CHARS.intersection("".join(_NEEDED_TEXTS))
"""Characters of :data:`_NEEDED_CHARS` in those texts: without one of them, none is there."""


_QUICK_INLINE = all(hasattr(InlineProcessor, name) for name in (
    "_InlineProcessor__handleInline", "_InlineProcessor__applyPattern"))
"""Whether this Python-Markdown has the methods :class:`_QuickInline` builds on."""


class _HeadingIds(TocTreeprocessor):
    """The ``toc`` extension's heading ids, without building the table of contents.

    Identical ids (same slugs, same ``_1`` suffixes, ids set with ``{#id}``
    kept); the table of contents, which the theme never shows, is neither
    built, serialised nor post-processed, and no ``[TOC]`` marker is looked for.
    """

    def run(self, doc: ET.Element) -> None:
        used = {el.attrib["id"] for el in doc.iter() if "id" in el.attrib}
        counters: dict[str, int] = {}
        from markdown.extensions.toc import remove_fnrefs, render_inner_html

        for el in doc.iter():
            if isinstance(el.tag, str) and self.header_rgx.match(el.tag):
                self.set_level(el)
                if "id" not in el.attrib:
                    text = el.text or ""
                    if len(el) == 0 and _NOT_PLAIN.search(text) is None:
                        name = " ".join(text.split())  # what the round trip below gives
                    else:
                        name = strip_tags(render_inner_html(remove_fnrefs(el), self.md))
                    el.attrib["id"] = _unique(self.slugify(html.unescape(name), self.sep),
                                              used, counters)
                el.attrib.pop("data-toc-label", None)


_NOT_PLAIN = re.compile("[&<>\x02\x03]")
"""What a heading's text must lack for serialising it, post-processing it and
stripping its tags to give back its words (markup, entities, placeholders)."""


def _unique(value: str, used: set[str], counters: dict[str, int]) -> str:
    """:func:`markdown.extensions.toc.unique`, with its counters where it has them."""
    if _UNIQUE_HAS_COUNTERS:
        return unique(value, used, counters)
    return unique(value, used)


_UNIQUE_HAS_COUNTERS = "counters" in inspect.signature(unique).parameters
_TOC_HELPERS = all(hasattr(markdown.extensions.toc, name)
                   for name in ("remove_fnrefs", "render_inner_html"))


class _HeadingIdExtension(TocExtension):
    # a Python-Markdown without those helpers (older than ours): the stock processor
    TreeProcessorClass = _HeadingIds if _TOC_HELPERS else TocTreeprocessor


class _OnlyWith:
    """A stock processor (tree or pre), run only on documents that hold a text it acts on.

    ``attr_list`` acts on ``{`` and ``unescape`` on what a backslash escaped;
    the HTML block preprocessor on ``<`` and ``&`` (its HTML parser gives
    back any other text as it was), the fenced code one on a fence.  A
    document without them would go through their loops for nothing.
    """

    def __init__(self, inner: Any, needs: tuple[str, ...]) -> None:
        self.inner = inner
        self.needs = needs
        self.active = True

    def run(self, data: Any) -> Any:
        # a skipped preprocessor gives its lines back; a tree processor, its root
        return self.inner.run(data) if self.active else data

    def __getattr__(self, name: str) -> Any:
        # what other processors ask of the stock one (``unescape``'s ``RE``...)
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)


_SKIPPABLE: dict[str, dict[str, tuple[str, ...]]] = {
    "treeprocessors": {"attr_list": ("{",), "unescape": ("\\",)},
    "preprocessors": {"html_block": ("<", "&"), "fenced_code_block": ("```", "~~~")},
}
"""Processors that cannot change a document lacking every one of the texts."""


class _NormalizeWhitespace(NormalizeWhitespace):
    """The stock preprocessor, without its search for lines of spaces when no
    space comes before a line break (the search would find nothing)."""

    def run(self, lines: list[str]) -> list[str]:
        source = "\n".join(lines)
        if " \n" in source or "\r" in source or "\t" in source \
                or util.STX in source or util.ETX in source:
            return super().run(lines)
        return (source + "\n\n").split("\n")


_BLOCK_TESTS = {"hashheader": "#", "setextheader": "\n=|\n-", "hr": "[-_*]", "quote": ">",
                "table": "\\|"}
"""Block processors whose test cannot pass on a block without a match of the pattern."""

_BLOCK_RUNS = {"footnote": "[^", "reference": "]:"}
"""Block processors that test every block and whose run gives up on one without the text."""


def _guard_blocks(parser: BlockParser) -> None:
    """Spare the block processors the regular expressions that cannot match a block.

    The parser asks every processor, in order, whether it takes a block; for a
    plain paragraph that is a dozen searches.  A search for one character
    first answers most of them.
    """
    registry = parser.blockprocessors
    for name, pattern in _BLOCK_TESTS.items():
        if name in registry:
            processor = registry[name]
            processor.test = _guarded_test(  # type: ignore[method-assign]
                processor.test, re.compile(pattern).search)
    for name, needle in _BLOCK_RUNS.items():
        if name in registry:
            processor = registry[name]
            processor.run = _guarded_run(processor.run, needle)  # type: ignore[method-assign]


def _memo_block_level(stock: Callable[[Any], bool]) -> Callable[[Any], bool]:
    """``Markdown.is_block_level`` remembered per tag (the prettifier asks for every
    element); the list of block-level tags is fixed once the extensions are loaded."""
    known: dict[Any, bool] = {}

    def is_block_level(tag: Any) -> bool:
        found = known.get(tag)
        if found is None:
            found = known[tag] = stock(tag)
        return found

    return is_block_level


def _guarded_test(test: Callable[[ET.Element, str], bool],
                  search: Callable[[str], re.Match[str] | None]) -> Callable[..., bool]:
    def guarded(parent: ET.Element, block: str) -> bool:
        return search(block) is not None and test(parent, block)

    return guarded


def _guarded_run(run: Callable[[ET.Element, list[str]], bool | None],
                 needle: str) -> Callable[..., bool | None]:
    def guarded(parent: ET.Element, blocks: list[str]) -> bool | None:
        return run(parent, blocks) if needle in blocks[0] else False

    return guarded


class _AssetExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        processor = _AssetLinks(md)
        md.treeprocessors.register(processor, "multipub-assets", 0)
        self.processor = processor


class MarkdownRenderer:
    """Markdown to (sanitised) HTML for one language; one instance per process.

    The instance keeps one :class:`markdown.Markdown` and resets it before every
    document, so no state (footnotes, heading ids) leaks between documents.
    Heading ids are transliterated like slugs, so they are ASCII and stable.

    >>> r = MarkdownRenderer("ru")
    >>> print(r.render("## Гродна\\n\\nТекст[^1] ![x](foto.png)\\n\\n[^1]: Сноска.",
    ...                {"foto.png": "../../assets/a/foto.png"}).splitlines()[0])
    <h2 id="grodna">Гродна</h2>
    """

    def __init__(self, language: str, trusted_html: bool = False) -> None:
        self.language = language
        self.trusted_html = trusted_html
        self._assets = _AssetExtension()
        self._md = markdown.Markdown(
            extensions=[
                "tables",
                "footnotes",
                "attr_list",
                "fenced_code",
                "sane_lists",
                _HeadingIdExtension(slugify=self._heading_id, toc_depth="2-6", marker=""),
                self._assets,
            ],
            output_format="html",
        )
        if _QUICK_INLINE:
            self._md.treeprocessors.register(_QuickInline(self._md), "inline", 20)
        self._only_with: list[_OnlyWith] = []
        for kind, skippable in _SKIPPABLE.items():
            registry = getattr(self._md, kind)
            for name, needs in skippable.items():
                if name in registry:
                    wrapper = _OnlyWith(registry[name], needs)
                    registry.register(wrapper, name, _priority(registry, name))
                    self._only_with.append(wrapper)
        pre = self._md.preprocessors
        if type(pre["normalize_whitespace"]) is NormalizeWhitespace:
            pre.register(_NormalizeWhitespace(self._md), "normalize_whitespace",
                         _priority(pre, "normalize_whitespace"))
        _guard_blocks(self._md.parser)
        self._md.is_block_level = _memo_block_level(  # type: ignore[method-assign,assignment]
            self._md.is_block_level)

    def _heading_id(self, value: str, separator: str) -> str:
        return slugify(value, self.language) or "section"

    def render(self, text: str, assets: Mapping[str, str] | None = None) -> str:
        """The HTML of the Markdown *text*; *assets* maps file names to their URLs."""
        self._md.reset()
        self._assets.processor.assets = assets or {}
        for wrapper in self._only_with:
            wrapper.active = any(needle in text for needle in wrapper.needs)
        try:
            html = self._md.convert(text)
        finally:
            self._assets.processor.assets = {}
        return html if self.trusted_html else sanitize(html)


def _priority(registry: Any, name: str) -> float:
    """The priority *name* is registered with in a Python-Markdown registry."""
    return next(float(item.priority) for item in registry._priority if item.name == name)


def markup(html: str) -> Markup:
    """Mark already-sanitised *html* as safe for templates."""
    return Markup(html)



class Theme:
    """The templates and UI strings of a project, one environment per language.

    Environments, compiled templates and parsed catalogues are made on first
    use and kept, so a build parses each catalogue and compiles each template
    once per language.
    """

    def __init__(self, templates: Path | None, locales: Path | None,
                 shown: Callable[[Path], str] = str) -> None:
        self.templates = templates
        self.locales = locales
        self.shown = shown
        self._ui: dict[str, UITranslations] = {}
        self._env: dict[str, jinja2.Environment] = {}
        self._bytecode = _SharedBytecode()

    def ui(self, language: Language) -> UITranslations:
        """The UI translations of *language*."""
        if language.code not in self._ui:
            self._ui[language.code] = load_ui_translations(language, self.locales, self.shown)
        return self._ui[language.code]

    def environment(self, language: Language) -> jinja2.Environment:
        """The Jinja2 environment of *language*."""
        if language.code not in self._env:
            self._env[language.code] = make_environment(language, self.ui(language),
                                                        self.templates, self._bytecode)
        return self._env[language.code]

    def template(self, language: Language, name: str) -> None:
        """Compile the template *name* for *language* now (errors are reported when it renders)."""
        with contextlib.suppress(jinja2.TemplateError):
            self.environment(language).get_template(name)

    def render(self, language: Language, name: str, context: Mapping[str, Any]) -> str:
        """Render the template *name* for *language*."""
        return render_template(self.environment(language), name, context, self.shown)

    def static(self, name: str) -> bytes:
        """A static file of the theme (``style.css``): the project's copy first."""
        for folder in (self.templates, THEME_DIR):
            if folder is not None and (folder / name).is_file():
                return (folder / name).read_bytes()
        raise TemplateError(f"the theme has no file {name!r}", path=name)
