"""The block syntax of Markdown extensions, for the parser of :mod:`.blocks`.

Each processor ports the ``test``/``run`` of one extension's block processor
(Python-Markdown's ``admonition``, ``def_list`` and ``abbr``, and
pymdown-extensions' ``details`` and ``tabbed``) onto :class:`Tracked`
strings, reusing the extension's own regular expression, so titles, terms,
definitions and abbreviation expansions become units of their own while the
syntax around them (``!!! note``, ``:   ``, ``*[HTML]:``, ``=== "``) stays out
of every msgid.  Which ones run is decided by the project's
:class:`~.syntax.MarkdownSyntax` (:func:`extension_processors`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import TYPE_CHECKING

from markdown.extensions.abbr import AbbrBlockprocessor
from markdown.extensions.admonition import AdmonitionProcessor
from markdown.extensions.def_list import DefListProcessor

from .syntax import MarkdownSyntax
from .tracked import TAB_LENGTH, Tracked

if TYPE_CHECKING:
    from .blocks import BlockParser

__all__ = ["CONTAINER_KINDS", "extension_processors"]

# pymdown-extensions' expressions (pymdownx.details.DetailsProcessor.START and
# pymdownx.tabbed.TabbedProcessor.START), copied so the segmenter works without the extra.
DETAILS_RE = re.compile(
    r'(?:^|\n)\?{3}(\+)? ?(?:([\w\-]+(?: +[\w\-]+)*?)?(?: +"(.*?)")|([\w\-]+(?: +[\w\-]+)*?)) *'
    r"(?:\n|$)"
)
TABBED_RE = re.compile(r'(?:^|\n)={3}(\+|\+!|!\+|!)? +"(.*?)" *(?:\n|$)')

CONTAINER_KINDS = {"admonition": "admonition", "details": "details", "tabbed": "tab"}
"""The unit kind of the paragraphs inside each container, by container."""

Test = Callable[[etree.Element, Tracked], bool]
Run = Callable[[etree.Element, list[Tracked]], "bool | None"]


def _detab(text: Tracked, width: int = TAB_LENGTH) -> tuple[Tracked, Tracked]:
    """Python-Markdown's ``BlockProcessor.detab``: the indented lines, and the rest."""
    lines = text.split("\n")
    kept: list[Tracked] = []
    for line in lines:
        if line.startswith(" " * width):
            kept.append(line.cut(width))
        elif not line.s.strip():
            kept.append(Tracked("", []))
        else:
            break
    return Tracked.join("\n", kept), Tracked.join("\n", lines[len(kept):])


class Containers:
    """Admonitions, details and tabs: a title line and an indented body."""

    def __init__(self, parser: BlockParser, name: str, regex: re.Pattern[str],
                 title_group: int) -> None:
        self.parser = parser
        self.name = name
        self.regex = regex
        self.title_group = title_group

    def container(self, parent: etree.Element) -> etree.Element | None:
        last = self.parser.last(parent)
        return last if last is not None and self.parser.ctx_name.get(last) == self.name else None

    def test(self, parent: etree.Element, block: Tracked) -> bool:
        if self.regex.search(block.s):
            return self.parser.depth < self.parser.MAX_DEPTH - 2
        return block.startswith(" " * TAB_LENGTH) and self.container(parent) is not None

    def run(self, parent: etree.Element, blocks: list[Tracked]) -> None:
        p = self.parser
        block = blocks.pop(0)
        m = self.regex.search(block.s)
        if m:
            if m.start() > 0:
                p.parse_blocks(parent, [block.cut(0, m.start())])
            title = m.group(self.title_group)
            if title is not None and title.strip():
                p.emit(f"{CONTAINER_KINDS[self.name]} title",
                       block.cut(m.start(self.title_group), m.end(self.title_group)).strip())
            div = p.sub(parent, "div")
            p.ctx[div] = CONTAINER_KINDS[self.name]
            p.ctx_name[div] = self.name
            block = block.cut(m.end())
        else:
            found = self.container(parent)
            assert found is not None  # by test()
            div = found
        body, rest = _detab(block)
        p.parse_chunk(div, body)
        if rest:
            blocks.insert(0, rest)


class DefinitionLists:
    """``Term`` / ``:   Definition`` (Python-Markdown's ``def_list``)."""

    def __init__(self, parser: BlockParser) -> None:
        self.parser = parser

    def test(self, parent: etree.Element, block: Tracked) -> bool:
        return ":" in block.s and bool(DefListProcessor.RE.search(block.s))

    def run(self, parent: etree.Element, blocks: list[Tracked]) -> bool:
        p = self.parser
        raw = blocks.pop(0)
        m = DefListProcessor.RE.search(raw.s)
        assert m is not None
        terms = [t.strip() for t in raw.cut(0, m.start()).split("\n") if t.s.strip()]
        sibling = p.last(parent)
        if not terms and sibling is None:
            blocks.insert(0, raw)
            return False
        if not terms and sibling is not None and sibling.tag == "p":
            self.terms_of(parent, sibling)  # a loose list: the paragraph above holds the terms
            sibling = p.last(parent)
        block = raw.cut(m.end())
        if DefListProcessor.NO_INDENT_RE.match(block.s):
            body, rest = block, Tracked("", [])
        else:
            body, rest = _detab(block)
        first = raw.cut(m.start(2), m.end(2))
        body = Tracked.join("\n", [first, body]) if body else first
        for term in terms:
            p.emit("definition term", term)
        dl = sibling if sibling is not None and sibling.tag == "dl" else p.sub(parent, "dl")
        dd = p.sub(dl, "dd")
        p.ctx[dd] = "definition"
        p.ctx_name[dd] = "dd"
        p.state.append("list")
        p.parse_blocks(dd, [body])
        p.state.pop()
        if rest:
            blocks.insert(0, rest)
        return True

    def terms_of(self, parent: etree.Element, paragraph: etree.Element) -> None:
        """Turn the units of *paragraph* into terms, one a line, and drop the paragraph."""
        from .blocks import Found

        p = self.parser
        first, end = p.found_in.pop(paragraph, (0, 0))
        terms = [Found("definition term", [line]) for found in p.found[first:end]
                 for line in found.lines]
        p.found[first:end] = terms
        parent.remove(paragraph)

    def test_indent(self, parent: etree.Element, block: Tracked) -> bool:
        last = self.parser.last(parent)
        return (block.startswith(" " * TAB_LENGTH) and last is not None and last.tag == "dl"
                and not self.parser.is_state("detabbed"))

    def run_indent(self, parent: etree.Element, blocks: list[Tracked]) -> None:
        p = self.parser
        block = blocks.pop(0)
        dl = p.last(parent)
        assert dl is not None and len(dl)
        body, rest = _detab(block)
        p.state.append("detabbed")
        p.parse_chunk(dl[-1], body)
        p.state.pop()
        if rest:
            blocks.insert(0, rest)


class Abbreviations:
    """``*[HTML]: Hyper Text Markup Language`` (Python-Markdown's ``abbr``)."""

    def __init__(self, parser: BlockParser) -> None:
        self.parser = parser

    def test(self, parent: etree.Element, block: Tracked) -> bool:
        return "*[" in block.s

    def run(self, parent: etree.Element, blocks: list[Tracked]) -> bool:
        block = blocks.pop(0)
        m = AbbrBlockprocessor.RE.search(block.s)
        if not m or not m.group("abbr").strip() or not m.group("title").strip():
            blocks.insert(0, block)
            return False
        title = m.group("title").strip()
        if title not in ("''", '""'):
            self.parser.emit("abbreviation", block.cut(m.start("title"), m.end("title")).strip())
        if block.s[m.end():].strip():
            blocks.insert(0, block.cut(m.end()).lstrip("\n"))
        if block.s[:m.start()].strip():
            blocks.insert(0, block.cut(0, m.start()).rstrip("\n"))
        return True


def extension_processors(parser: BlockParser, syntax: MarkdownSyntax) -> dict[str, list[
        tuple[Test, Run]]]:
    """The extension processors of *syntax*, by where they go among the core ones.

    Keys: ``"first"`` (priority 105: before every core processor), ``"indent"``
    (85: after the list-indent processor), ``"quote"`` (25: before block
    quotes) and ``"abbr"`` (16: after footnotes).
    """
    slots: dict[str, list[tuple[Test, Run]]] = {"first": [], "indent": [], "quote": [],
                                                "abbr": []}
    containers = []
    if syntax.has("admonition"):
        containers.append(Containers(parser, "admonition", AdmonitionProcessor.RE, 2))
    if syntax.has("pymdownx.details"):
        containers.append(Containers(parser, "details", DETAILS_RE, 3))
    if syntax.has("pymdownx.tabbed"):
        containers.append(Containers(parser, "tabbed", TABBED_RE, 2))
    slots["first"].extend((c.test, c.run) for c in containers)
    if syntax.has("def_list"):
        dl = DefinitionLists(parser)
        slots["indent"].append((dl.test_indent, dl.run_indent))
        slots["quote"].append((dl.test, dl.run))
    if syntax.has("abbr"):
        ab = Abbreviations(parser)
        slots["abbr"].append((ab.test, ab.run))
    return slots
