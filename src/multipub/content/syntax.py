"""Which Markdown a project writes: the ``[markdown]`` table of ``multipub.toml``.

One :class:`MarkdownSyntax` drives both the renderer
(:class:`multipub.site.markdown.MarkdownRenderer`) and segmentation
(:mod:`.segment`, :mod:`.blocks`), so what is rendered as an admonition is
segmented as one.  ``extensions`` are Python-Markdown entry-point names
(``admonition``, ``pymdownx.superfences``...; the ``markdown.extensions.``
prefix is optional); ``extension_configs`` their settings, by name.

The segmenter understands the block syntax of :data:`BLOCK_EXTENSIONS`;
:data:`INLINE_EXTENSIONS` add inline syntax only, which stays verbatim in the
msgids like any inline markup.  Any other extension is rendered, and the
blocks it changes are kept whole and untranslated (``check`` names it once per
project, see :func:`unsupported`).

>>> syntax = MarkdownSyntax.of(["admonition", "markdown.extensions.tables"])
>>> syntax.extensions, syntax.has("tables")
(('admonition', 'tables'), True)
"""

from __future__ import annotations

import functools
import importlib.util
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "BLOCK_EXTENSIONS",
    "DEFAULT_EXTENSIONS",
    "DEFAULT_SYNTAX",
    "EXTRA",
    "INLINE_EXTENSIONS",
    "MarkdownSyntax",
    "missing_requirement",
    "unsupported",
]

DEFAULT_EXTENSIONS = ("tables", "footnotes", "attr_list", "fenced_code", "sane_lists", "toc")
"""The news-site set: what multipub rendered before extensions were configurable."""

BLOCK_EXTENSIONS = frozenset({
    "tables", "footnotes", "attr_list", "fenced_code", "sane_lists", "toc", "admonition",
    "def_list", "abbr", "md_in_html", "pymdownx.superfences", "pymdownx.tabbed",
    "pymdownx.details",
})
"""Extensions whose block syntax the segmenter follows."""

INLINE_EXTENSIONS = frozenset({
    "smarty", "nl2br", "wikilinks", "legacy_em", "codehilite", "pymdownx.highlight",
    "pymdownx.inlinehilite", "pymdownx.betterem", "pymdownx.caret", "pymdownx.mark",
    "pymdownx.tilde", "pymdownx.emoji", "pymdownx.keys", "pymdownx.magiclink",
    "pymdownx.smartsymbols", "pymdownx.saneheaders", "pymdownx.tasklist",
    "pymdownx.escapeall", "pymdownx.extra",
})
"""Extensions without block syntax of their own (``pymdownx.extra`` is the core extras)."""

EXTRA = "multipub[extensions]"
"""The optional extra that installs pymdown-extensions."""

_PREFIX = "markdown.extensions."


@dataclass(frozen=True)
class MarkdownSyntax:
    """Python-Markdown extensions and their settings (hashable: segmentation caches by it).

    ``configs`` holds ``(name, JSON text)`` pairs, so the value can be a cache key.
    """

    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    configs: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, extensions: Iterable[str],
           configs: Mapping[str, Mapping[str, Any]] | None = None) -> MarkdownSyntax:
        """A syntax from entry-point names and their settings."""
        names = tuple(dict.fromkeys(name.removeprefix(_PREFIX) for name in extensions))
        pairs = tuple(sorted(
            (name.removeprefix(_PREFIX), json.dumps(dict(value), sort_keys=True))
            for name, value in (configs or {}).items()
        ))
        return cls(names, pairs)

    def has(self, name: str) -> bool:
        """Whether extension *name* is on (``pymdownx.extra`` turns the core extras on)."""
        return name in self._on

    @functools.cached_property
    def _on(self) -> frozenset[str]:
        on = set(self.extensions)
        extra = {"abbr", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html",
                 "tables"}
        if "extra" in on or "pymdownx.extra" in on:
            on |= extra
        if "pymdownx.extra" in on:
            on.add("pymdownx.superfences")
        return frozenset(on)

    def config(self, name: str) -> dict[str, Any]:
        """The settings given for extension *name* (a new dict)."""
        for key, value in self.configs:
            if key == name:
                loaded: dict[str, Any] = json.loads(value)
                return loaded
        return {}

    @functools.cached_property
    def place_markers(self) -> tuple[str, ...]:
        """Text an extension replaces by generated content: the footnotes' place marker,
        a ``toc`` marker if one is set (multipub's renderer has none by default)."""
        found = []
        if self.has("footnotes"):
            found.append(str(self.config("footnotes").get("PLACE_MARKER",
                                                           "///Footnotes Go Here///")))
        if self.has("toc"):
            found.append(str(self.config("toc").get("marker", "")))
        return tuple(marker for marker in found if marker)

    @property
    def fences_anywhere(self) -> bool:
        """Whether fenced code may be indented (in lists, quotes, admonitions): superfences."""
        return self.has("pymdownx.superfences")


DEFAULT_SYNTAX = MarkdownSyntax()


def unsupported(syntax: MarkdownSyntax) -> tuple[str, ...]:
    """The extensions of *syntax* whose block syntax the segmenter does not know."""
    known = BLOCK_EXTENSIONS | INLINE_EXTENSIONS | {"extra"}
    return tuple(name for name in syntax.extensions if name not in known)


def missing_requirement(syntax: MarkdownSyntax) -> str | None:
    """What to install for *syntax* to render, or ``None`` when it can.

    A ``pymdownx.*`` extension needs pymdown-extensions, the optional extra
    :data:`EXTRA`; any other name must be an importable Python-Markdown
    extension (an entry point of ``markdown.extensions`` or a module path).
    """
    from importlib.metadata import entry_points

    points = {ep.name for ep in entry_points(group="markdown.extensions")}
    for name in syntax.extensions:
        if name.startswith("pymdownx.") and importlib.util.find_spec("pymdownx") is None:
            return (f"extension {name!r} needs pymdown-extensions: install {EXTRA} "
                    f"(pip install '{EXTRA}')")
        if name in points:
            continue
        module = name.partition(":")[0]
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            return (f"unknown Markdown extension {name!r} "
                    "(not an installed Python-Markdown extension)")
    return None


def parse_markdown_table(table: Any) -> tuple[MarkdownSyntax, list[tuple[str, str]]]:
    """The ``[markdown]`` table: a syntax and the problems found, as ``(key, message)``.

    >>> parse_markdown_table({"extensions": ["admonition", 3]})[1]
    [('extensions', 'must be a list of extension names (strings)')]
    """
    problems: list[tuple[str, str]] = []
    if not isinstance(table, dict):
        return DEFAULT_SYNTAX, [("markdown", "must be a table: [markdown] with extensions = [...]")]
    for key in table:
        if key not in ("extensions", "extension_configs"):
            problems.append((key, "unknown key; known keys: extensions, extension_configs"))
    names = table.get("extensions", list(DEFAULT_EXTENSIONS))
    if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
        problems.append(("extensions", "must be a list of extension names (strings)"))
        names = list(DEFAULT_EXTENSIONS)
    configs = table.get("extension_configs", {})
    if not isinstance(configs, dict) or not all(isinstance(v, dict) for v in configs.values()):
        problems.append(("extension_configs",
                         "must be a table of tables: [markdown.extension_configs.NAME]"))
        configs = {}
    syntax = MarkdownSyntax.of(names, configs)
    for name, _ in syntax.configs:
        if name not in syntax.extensions:
            problems.append(("extension_configs", f"{name!r} is not in extensions"))
    if not problems:
        missing = missing_requirement(syntax)
        if missing is not None:
            problems.append(("extensions", missing))
    return syntax, problems
