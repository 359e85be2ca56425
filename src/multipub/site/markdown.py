"""Markdown: article bodies to sanitised HTML.

:class:`MarkdownRenderer` turns an article body into HTML with
Python-Markdown and the project's ``[markdown] extensions`` (by default
tables, footnotes, attribute lists, heading ids, fenced code, sane lists; see
:mod:`multipub.content.syntax`) and sanitises raw HTML with nh3 (:func:`sanitize`) unless
the project trusts it.  Links and images naming an article's files are
pointed at their published copies.  Everything here uses Python-Markdown's
public extension API; the fast paths that build on its internals are in
:mod:`.markdown_fast`.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import unquote, urlsplit

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension
from markdown.treeprocessors import Treeprocessor

from ..content.slug import slugify
from ..content.syntax import DEFAULT_SYNTAX, MarkdownSyntax
from . import markdown_fast
from .anchors import AnchorExtension

__all__ = ["MarkdownRenderer", "sanitize"]

_ALLOWED_TAGS = frozenset(nh3.ALLOWED_TAGS) | {"input", "section", "details", "summary", "label"}
_ATTRIBUTES: dict[str, set[str]] = {k: set(v) for k, v in nh3.ALLOWED_ATTRIBUTES.items()}
_ATTRIBUTES.setdefault("*", set()).update({"id", "class", "title", "lang", "dir"})
_ATTRIBUTES.setdefault("a", set()).update({"rel"})
_ATTRIBUTES.setdefault("img", set()).update({"title", "loading"})
for _cell in ("th", "td"):
    _ATTRIBUTES.setdefault(_cell, set()).add("style")
_ATTRIBUTES["input"] = {"type", "checked", "disabled", "name"}  # (tabbed: radio buttons)
_ATTRIBUTES.setdefault("label", set()).add("for")
_ATTRIBUTES.setdefault("details", set()).add("open")
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


class _AssetExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        processor = _AssetLinks(md)
        md.treeprocessors.register(processor, "multipub-assets", 0)
        self.processor = processor


def _extensions(
    syntax: MarkdownSyntax, heading_id: Callable[[str, str], str]
) -> tuple[list[str | Extension], dict[str, dict[str, Any]]]:
    """The extensions and settings of *syntax* for :class:`markdown.Markdown`.

    Heading ids always come from multipub (``toc`` is on with its ``slugify``:
    transliterated like slugs, see :meth:`MarkdownRenderer._heading_id`); the
    project's ``toc`` settings apply otherwise (no ``[TOC]`` marker unless set).
    """
    toc = {"toc_depth": "2-6", "marker": "", **syntax.config("toc"), "slugify": heading_id}
    extensions: list[str | Extension] = [TocExtension(**toc)]
    configs: dict[str, dict[str, Any]] = {}
    for name in syntax.extensions:
        if name == "toc":
            continue
        extensions.append(name)
        settings = syntax.config(name)
        if settings:
            configs[name] = settings
    return extensions, configs


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

    def __init__(self, language: str, trusted_html: bool = False,
                 syntax: MarkdownSyntax = DEFAULT_SYNTAX) -> None:
        self.language = language
        self.trusted_html = trusted_html
        self._assets = _AssetExtension()
        self._anchors = AnchorExtension()
        extensions, configs = _extensions(syntax, self._heading_id)
        self._md = markdown.Markdown(
            extensions=[*extensions, self._assets, self._anchors],
            extension_configs=configs,
            output_format="html",
        )
        self._fast = markdown_fast.install(self._md)

    def _heading_id(self, value: str, separator: str) -> str:
        return slugify(value, self.language) or "section"

    def render(self, text: str, assets: Mapping[str, str] | None = None,
               anchors: Sequence[str] = ()) -> str:
        """The HTML of the Markdown *text*; *assets* maps file names to their URLs.

        *anchors* are the heading ids of the source of a translation, in order: the
        *n*-th heading gets the *n*-th (see :mod:`.anchors`); :attr:`heading_ids`
        then holds the ids the headings got.
        """
        self._md.reset()
        self._assets.processor.assets = assets or {}
        self._anchors.ids = anchors
        self._fast.prepare(text)
        try:
            html = self._md.convert(text)
        finally:
            self._assets.processor.assets = {}
            self._anchors.ids = ()
        return html if self.trusted_html else sanitize(html)

    @property
    def heading_ids(self) -> tuple[str, ...]:
        """The ids of the headings of the last document rendered, in order."""
        return self._anchors.found

