"""Python-Markdown's block rules over position-tracking strings (for :mod:`.segment`).

Python-Markdown keeps no source positions, so this module ports its block
pipeline (the same preprocessing, blank-line-separated blocks and processors
in the same order, with the ``tables`` and ``footnotes`` processors and those
of :mod:`.blocks_ext` as the project's :class:`~.syntax.MarkdownSyntax` turns
them on) onto :class:`Tracked` strings whose characters remember their offset
in the source file.  :class:`BlockParser` builds an ElementTree like
Python-Markdown's, whose text nodes are tracked strings, so segmentation can
tell every block's lines.  It reuses Python-Markdown's own regular
expressions and table splitting, so the tests notice a Markdown upgrade that
changes the rules.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown.blockprocessors import HashHeaderProcessor, HRProcessor, SetextHeaderProcessor
from markdown.extensions.tables import TableProcessor

from .blocks_ext import extension_processors
from .syntax import DEFAULT_SYNTAX, MarkdownSyntax
from .textlines import text_runs
from .tracked import BLOCK_TAGS, TAB_LENGTH, Tracked

# --------------------------------------------------------------------------- block parser

RAW_START_RE = re.compile(
    r"<(?:!--|\?|!\[CDATA\[|![A-Za-z]|/?(?:" + "|".join(sorted(BLOCK_TAGS)) + r")\b)", re.I
)
"""The start of a raw HTML block: a block-level tag, a comment, a processing instruction..."""
_LEAD_TAG = re.compile(r"\s*<")


@dataclass
class Found:
    kind: str
    lines: list[Tracked]  # stripped lines, with real positions


class BlockParser:
    """A port of Python-Markdown's BlockParser and block processors onto :class:`Tracked`."""

    MAX_DEPTH = 48

    def __init__(self, syntax: MarkdownSyntax = DEFAULT_SYNTAX) -> None:
        self.state: list[str] = []
        self.ctx: dict[etree.Element, str] = {}
        self.ctx_name: dict[etree.Element, str] = {}  # containers of extensions, by name
        self.found_in: dict[etree.Element, tuple[int, int]] = {}  # a paragraph's units
        self.found: list[Found] = []
        self.footnotes: dict[str, Tracked] = {}
        self.depth = 0
        self.attr_list = syntax.has("attr_list")
        self.place_markers = syntax.place_markers
        ext = extension_processors(self, syntax)
        self.procs = [
            *ext["first"], (self.t_empty, self.r_empty), (self.t_indent, self.r_indent),
            *ext["indent"], (self.t_code, self.r_code),
            *([(self.t_table, self.r_table)] if syntax.has("tables") else []),
            (self.t_hash, self.r_hash), (self.t_setext, self.r_setext),
            (self.t_hr, self.r_hr), (self.t_olist, self.r_olist), (self.t_ulist, self.r_ulist),
            *ext["quote"], (self.t_quote, self.r_quote),
            *([(self.t_true, self.r_footnote)] if syntax.has("footnotes") else []),
            *ext["abbr"], (self.t_true, self.r_reference), (self.t_true, self.r_paragraph),
        ]
        self.table = TableProcessor.__new__(TableProcessor)
        self.hr_match: re.Match[str] | None = None
        self.columns = 0

    # -- plumbing
    def sub(self, parent: etree.Element, tag: str) -> etree.Element:
        el = etree.SubElement(parent, tag)
        kind = {"li": "list item", "blockquote": "blockquote"}.get(tag, self.ctx.get(parent))
        if kind:
            self.ctx[el] = kind
        return el

    def parse_chunk(self, parent: etree.Element, text: Tracked) -> None:
        self.parse_blocks(parent, text.split("\n\n"))

    def parse_blocks(self, parent: etree.Element, blocks: list[Tracked]) -> None:
        self.depth += 1
        try:
            while blocks:
                if self.depth > self.MAX_DEPTH:
                    self.r_paragraph(parent, blocks)
                    continue
                for test, run in self.procs:
                    if test(parent, blocks[0]) and run(parent, blocks) is not False:
                        break
        finally:
            self.depth -= 1

    def is_state(self, name: str) -> bool:
        return bool(self.state) and self.state[-1] == name

    @staticmethod
    def last(parent: etree.Element) -> etree.Element | None:
        return parent[-1] if len(parent) else None

    def emit(self, kind: str, block: Tracked) -> None:
        """Record the text lines of *block* as units (see :func:`.textlines.text_runs`)."""
        for lines in text_runs(block, self.attr_list, kind):
            self.found.append(Found(kind, lines))

    @staticmethod
    def loose_detab(text: Tracked, level: int = 1) -> Tracked:
        lines = text.split("\n")
        cut = " " * TAB_LENGTH * level
        return Tracked.join("\n", [ln.cut(len(cut)) if ln.startswith(cut) else ln for ln in lines])

    @staticmethod
    def detab(text: Tracked) -> tuple[Tracked, Tracked]:
        lines = text.split("\n")
        kept: list[Tracked] = []
        for line in lines:
            if line.startswith(" " * TAB_LENGTH):
                kept.append(line.cut(TAB_LENGTH))
            elif not line.s.strip():
                kept.append(Tracked("", []))
            else:
                break
        return Tracked.join("\n", kept), Tracked.join("\n", lines[len(kept):])

    # -- processors (tests and runs mirror markdown.blockprocessors)
    def t_true(self, parent: etree.Element, block: Tracked) -> bool:
        return True

    def t_empty(self, parent: etree.Element, block: Tracked) -> bool:
        return not block.s or block.s.startswith("\n")

    def r_empty(self, parent: etree.Element, blocks: list[Tracked]) -> None:
        block = blocks.pop(0)
        if block and block.cut(1):
            blocks.insert(0, block.cut(1))

    def t_indent(self, parent: etree.Element, block: Tracked) -> bool:
        last = self.last(parent)
        return block.startswith(" " * TAB_LENGTH) and not self.is_state("detabbed") and (
            parent.tag == "li" or (last is not None and last.tag in ("ul", "ol"))
        )

    def r_indent(self, parent: etree.Element, blocks: list[Tracked]) -> None:
        block = blocks.pop(0)
        m = re.match(r"^(([ ]{4})+)", block.s)
        indent_level = len(m.group(1)) // TAB_LENGTH if m else 0
        level = 1 if self.is_state("list") else 0
        sibling = parent
        while indent_level > level:
            child = self.last(sibling)
            if child is not None and child.tag in ("ul", "ol", "li"):
                if child.tag in ("ul", "ol"):
                    level += 1
                sibling = child
            else:
                break
        block = self.loose_detab(block, level)
        self.state.append("detabbed")
        last = self.last(parent)
        if parent.tag == "li":
            target = last if last is not None and last.tag in ("ul", "ol") else parent
            self.parse_blocks(target, [block])
        elif sibling.tag == "li":
            self.parse_blocks(sibling, [block])
        elif len(sibling) and sibling[-1].tag == "li":
            item = sibling[-1]
            if item.text:
                p = etree.Element("p")
                p.text, item.text = item.text, ""
                item.insert(0, p)
            self.parse_chunk(item, block)
        else:
            self.parse_blocks(self.sub(sibling, "li"), [block])
        self.state.pop()

    def t_code(self, parent: etree.Element, block: Tracked) -> bool:
        return block.startswith(" " * TAB_LENGTH)

    def r_code(self, parent: etree.Element, blocks: list[Tracked]) -> None:
        sibling = self.last(parent)
        block = blocks.pop(0)
        if not (sibling is not None and sibling.tag == "pre"):
            self.sub(parent, "pre")
        _, rest = self.detab(block)
        if rest:
            blocks.insert(0, rest)

    def split_row(self, row: str) -> list[str]:
        cells: list[str] = self.table._split_row(row)  # type: ignore[attr-defined]
        return cells

    def t_table(self, parent: etree.Element, block: Tracked) -> bool:
        first, newline, _ = block.s.partition("\n")
        if not newline or "|" not in first:  # one row, or a header of one cell without borders
            return False
        rows = [r.strip(" ") for r in block.s.split("\n")]
        if len(rows) < 2:
            return False
        border = 1 if rows[0].startswith("|") else 0
        if TableProcessor.RE_END_BORDER.search(rows[0]) is not None:
            border |= 2
        self.table.border = border  # type: ignore[assignment]
        ncells = len(self.split_row(rows[0]))
        is_table = ncells > 1
        if not is_table and ncells == 1 and border:
            for row in rows[1:]:
                is_table = (
                    row.startswith("|") or TableProcessor.RE_END_BORDER.search(row) is not None
                )
                if not is_table:
                    break
        if is_table:
            sep = self.split_row(rows[1])
            is_table = len(sep) == ncells and set("".join(sep)) <= set("|:- ")
            self.columns = len(sep)
        return is_table

    def r_table(self, parent: etree.Element, blocks: list[Tracked]) -> None:
        rows = blocks.pop(0).split("\n")
        self.sub(parent, "table")
        for index, row in enumerate(rows):
            if index == 1:
                continue
            row = row.strip(" ")
            if self.table.border:
                if row.startswith("|"):
                    row = row.cut(1)
                m = TableProcessor.RE_END_BORDER.search(row.s)
                if m:
                    row = row.cut(0, m.start())
            pos = 0
            for i, cell in enumerate(self.table._split(row.s)):  # type: ignore[attr-defined]
                if i < self.columns:
                    self.emit("table cell", row.cut(pos, pos + len(cell)).strip(" "))
                pos += len(cell) + 1

    def t_hash(self, parent: etree.Element, block: Tracked) -> bool:
        return "#" in block.s and bool(HashHeaderProcessor.RE.search(block.s))

    def r_hash(self, parent: etree.Element, blocks: list[Tracked]) -> None:
        block = blocks.pop(0)
        m = HashHeaderProcessor.RE.search(block.s)
        assert m is not None
        if m.start():
            self.parse_blocks(parent, [block.cut(0, m.start())])
        self.sub(parent, f"h{len(m.group('level'))}")
        self.emit("heading", block.cut(m.start("header"), m.end("header")))
        after = block.cut(m.end())
        if after:
            if self.is_state("looselist"):
                after = self.loose_detab(after)
            blocks.insert(0, after)

    def t_setext(self, parent: etree.Element, block: Tracked) -> bool:
        s = block.s
        return ("\n=" in s or "\n-" in s) and bool(SetextHeaderProcessor.RE.match(s))

    def r_setext(self, parent: etree.Element, blocks: list[Tracked]) -> None:
        lines = blocks.pop(0).split("\n")
        self.sub(parent, "h1" if lines[1].startswith("=") else "h2")
        self.emit("heading", lines[0])
        if len(lines) > 2:
            blocks.insert(0, Tracked.join("\n", lines[2:]))

    def t_hr(self, parent: etree.Element, block: Tracked) -> bool:
        s = block.s  # a rule needs three of one of its characters
        if s.count("-") < 3 and s.count("*") < 3 and s.count("_") < 3:
            self.hr_match = None
            return False
        self.hr_match = HRProcessor.SEARCH_RE.search(s)
        return self.hr_match is not None

    def r_hr(self, parent: etree.Element, blocks: list[Tracked]) -> None:
        block = blocks.pop(0)
        m = self.hr_match
        assert m is not None
        pre = block.cut(0, m.start()).rstrip("\n")
        if pre:
            self.parse_blocks(parent, [pre])
        self.sub(parent, "hr")
        post = block.cut(m.end()).lstrip("\n")
        if post:
            blocks.insert(0, post)

    OL_RE = re.compile(r"^[ ]{0,3}\d+\.[ ]+(.*)")
    UL_RE = re.compile(r"^[ ]{0,3}[*+-][ ]+(.*)")
    CHILD_RE = re.compile(r"^[ ]{0,3}((\d+\.)|[*+-])[ ]+(.*)")
    INDENT_RE = re.compile(r"^[ ]{4,7}((\d+\.)|[*+-])[ ]+.*")

    def t_olist(self, parent: etree.Element, block: Tracked) -> bool:
        return bool(self.OL_RE.match(block.s))

    def t_ulist(self, parent: etree.Element, block: Tracked) -> bool:
        return bool(self.UL_RE.match(block.s))

    def r_olist(self, parent: etree.Element, blocks: list[Tracked]) -> None:
        self.run_list(parent, blocks, "ol")

    def r_ulist(self, parent: etree.Element, blocks: list[Tracked]) -> None:
        self.run_list(parent, blocks, "ul")

    def run_list(self, parent: etree.Element, blocks: list[Tracked], tag: str) -> None:
        items: list[Tracked] = []
        for line in blocks.pop(0).split("\n"):
            m = self.CHILD_RE.match(line.s)
            if m:
                items.append(line.cut(m.start(3)))
            elif self.INDENT_RE.match(line.s) and not items[-1].startswith(" " * TAB_LENGTH):
                items.append(line)
            else:
                items[-1] = Tracked.join("\n", [items[-1], line])
        sibling = self.last(parent)
        if sibling is not None and sibling.tag in ("ol", "ul"):
            lst = sibling
            if lst[-1].text:
                p = etree.Element("p")
                p.text, lst[-1].text = lst[-1].text, ""
                lst[-1].insert(0, p)
            lch = self.last(lst[-1])
            if lch is not None and lch.tail:
                p = self.sub(lst[-1], "p")
                p.text, lch.tail = lch.tail.lstrip(), ""
            li = self.sub(lst, "li")
            self.state.append("looselist")
            self.parse_blocks(li, [items.pop(0)])
            self.state.pop()
        elif parent.tag in ("ol", "ul"):
            lst = parent
        else:
            lst = self.sub(parent, tag)
        self.state.append("list")
        for item in items:
            if item.startswith(" " * TAB_LENGTH) and len(lst):
                self.parse_blocks(lst[-1], [item])
            else:
                self.parse_blocks(self.sub(lst, "li"), [item])
        self.state.pop()

    QUOTE_RE = re.compile(r"(^|\n)[ ]{0,3}>[ ]?(.*)")

    def t_quote(self, parent: etree.Element, block: Tracked) -> bool:
        return (">" in block.s and bool(self.QUOTE_RE.search(block.s))
                and self.depth < self.MAX_DEPTH - 2)

    def r_quote(self, parent: etree.Element, blocks: list[Tracked]) -> None:
        block = blocks.pop(0)
        m = self.QUOTE_RE.search(block.s)
        if m:
            self.parse_blocks(parent, [block.cut(0, m.start())])
            cleaned = []
            for line in block.cut(m.start()).split("\n"):
                lm = self.QUOTE_RE.match(line.s)
                if line.s.strip() == ">":
                    cleaned.append(Tracked("", []))
                elif lm:
                    cleaned.append(line.cut(lm.start(2)))
                else:
                    cleaned.append(line)
            block = Tracked.join("\n", cleaned)
        sibling = self.last(parent)
        quote = sibling if sibling is not None and sibling.tag == "blockquote" else None
        if quote is None:
            quote = self.sub(parent, "blockquote")
        self.state.append("blockquote")
        self.parse_chunk(quote, block)
        self.state.pop()

    FOOTNOTE_RE = re.compile(r"^[ ]{0,3}\[\^([^\]]*)\]:[ ]*(.*)$", re.MULTILINE)

    @staticmethod
    def fn_detab(block: Tracked) -> Tracked:
        lines = block.split("\n")
        return Tracked.join("\n", [ln.cut(4) if ln.startswith("    ") else ln for ln in lines])

    def r_footnote(self, parent: etree.Element, blocks: list[Tracked]) -> bool:
        if "[^" not in blocks[0].s:
            return False  # what a failed search below leads to
        block = blocks.pop(0)
        m = self.FOOTNOTE_RE.search(block.s)
        if not m:
            blocks.insert(0, block)
            return False
        preceding = block.cut(0, m.start())
        for m2 in self.FOOTNOTE_RE.finditer(block.s, m.end()):
            if block.s[m.end():m2.start()].strip("\n"):
                break
            self.footnotes[m.group(1)] = block.cut(m.start(2), m.end(2)).rstrip()
            m = m2
        fid = m.group(1)
        first = block.cut(m.start(2), m.end(2))
        rest = block.cut(m.end()).lstrip("\n")
        m_next = self.FOOTNOTE_RE.search(rest.s)
        fn_blocks: list[Tracked]
        if m_next:
            before = rest.cut(0, m_next.start()).rstrip("\n")
            fn_blocks = [Tracked.join("\n", [first, self.fn_detab(before)]).lstrip("\n")]
            blocks.insert(0, rest.cut(m_next.start()))
        else:
            fn_blocks = [Tracked.join("\n", [first, self.fn_detab(rest)]).strip("\n")]
            while blocks and blocks[0].startswith("    "):
                nxt = blocks.pop(0)
                m3 = self.FOOTNOTE_RE.search(nxt.s)
                if m3:
                    fn_blocks.append(self.fn_detab(nxt.cut(0, m3.start()).rstrip("\n")))
                    blocks.insert(0, nxt.cut(m3.start()))
                    break
                fn_blocks.append(self.fn_detab(nxt))
        self.footnotes[fid] = Tracked.join("\n\n", fn_blocks).rstrip()
        if preceding.s.strip():
            blocks.insert(0, preceding.rstrip("\n"))
        return True

    REF_RE = re.compile(
        r"^[ ]{0,3}\[([^\[\]]*)\]:[ ]*(?:\n[ ]*)?([^\s]+)[ ]*(?:\n[ ]*)?"
        r"(([\"\'])(.*)\4[ ]*|\((.*)\)[ ]*)?$",
        re.MULTILINE,
    )

    def r_reference(self, parent: etree.Element, blocks: list[Tracked]) -> bool:
        if "]:" not in blocks[0].s:
            return False  # what a failed search below leads to
        block = blocks.pop(0)
        m = self.REF_RE.search(block.s)
        if not m:
            blocks.insert(0, block)
            return False
        start = end = m.start()
        for m in self.REF_RE.finditer(block.s, start):
            if m.start() > start and (block.s[end:m.start()].strip("\n") or "\n" in m.group()):
                break
            group = 5 if m.group(5) else 6 if m.group(6) else 0
            if group:
                self.emit("link title", block.cut(m.start(group), m.end(group)))
            end = m.end()
        if block.s[end:].strip():
            blocks.insert(0, block.cut(end).lstrip("\n"))
        if block.s[:start].strip():
            blocks.insert(0, block.cut(0, start).rstrip("\n"))
        return True

    def r_paragraph(self, parent: etree.Element, blocks: list[Tracked]) -> None:
        block = blocks.pop(0)
        if not block.s.strip():
            return
        first = len(self.found)
        lead = _LEAD_TAG.match(block.s)
        if not (lead and RAW_START_RE.match(block.s, lead.end() - 1)) and not any(
            marker in block.s for marker in self.place_markers
        ):
            self.emit(self.ctx.get(parent, "paragraph"), block.lstrip())
        if self.is_state("list"):
            sibling = self.last(parent)
            if sibling is not None:
                sibling.tail = (sibling.tail or "") + "\n" + block.s
            else:
                parent.text = (parent.text or "") + block.s
        else:
            paragraph = self.sub(parent, "p")
            paragraph.text = block.s
            self.found_in[paragraph] = (first, len(self.found))

    def parse_footnotes(self) -> None:
        root = etree.Element("div")
        self.ctx[root] = "footnote"
        for text in self.footnotes.values():
            item = self.sub(self.sub(root, "ol"), "li")
            self.ctx[item] = "footnote"
            self.parse_chunk(item, text)
