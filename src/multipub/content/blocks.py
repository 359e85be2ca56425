"""Python-Markdown's block rules over position-tracking strings (private to :mod:`segment`).

Python-Markdown keeps no source positions, so this module ports its block
pipeline (the same preprocessing, blank-line-separated blocks and processors
in the same order, with the ``fenced_code``, ``tables`` and ``footnotes``
extensions) onto :class:`_T` strings whose characters remember their offset
in the source file.  :class:`_Parser` builds an ElementTree like
Python-Markdown's, whose text nodes are tracked strings, so segmentation can
tell every block's lines.  It reuses Python-Markdown's own regular
expressions and table splitting, so the tests notice a Markdown upgrade that
changes the rules.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from dataclasses import dataclass

from markdown.blockprocessors import HashHeaderProcessor, HRProcessor, SetextHeaderProcessor
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.extensions.tables import TableProcessor

# --------------------------------------------------------------------------- tracked text


class _T:
    """A string whose characters remember their offset in the source (-1: inserted).

    The offsets are a list, or a :class:`range` while they are consecutive (the
    usual case: slicing a range costs nothing).
    """

    __slots__ = ("p", "s")

    def __init__(self, s: str, p: Sequence[int]) -> None:
        self.s = s
        self.p = p

    def __bool__(self) -> bool:
        return bool(self.s)

    def __len__(self) -> int:
        return len(self.s)

    def cut(self, a: int, b: int | None = None) -> _T:
        return _T(self.s[a:b], self.p[a:b])

    def split(self, sep: str) -> list[_T]:
        out, pos = [], 0
        while True:
            i = self.s.find(sep, pos)
            if i < 0:
                out.append(self.cut(pos))
                return out
            out.append(self.cut(pos, i))
            pos = i + len(sep)

    @staticmethod
    def join(sep: str, parts: Sequence[_T]) -> _T:
        s: list[str] = []
        p: list[int] = []
        for i, part in enumerate(parts):
            if i:
                s.append(sep)
                p.extend([-1] * len(sep))
            s.append(part.s)
            p.extend(part.p)
        return _T("".join(s), p)

    def lstrip(self, chars: str | None = None) -> _T:
        return self.cut(len(self.s) - len(self.s.lstrip(chars)))

    def rstrip(self, chars: str | None = None) -> _T:
        return self.cut(0, len(self.s.rstrip(chars)))

    def strip(self, chars: str | None = None) -> _T:
        return self.lstrip(chars).rstrip(chars)

    def startswith(self, prefix: str) -> bool:
        return self.s.startswith(prefix)

    def real(self) -> tuple[int, int] | None:
        """The first source offset and one past the last (``None``: all inserted)."""
        p = self.p
        first = next((x for x in p if x >= 0), -1)
        if first < 0:
            return None
        last = next(x for x in reversed(p) if x >= 0)
        return first, last + 1


_PH_RE = re.compile("\x02(\\d+)\x03")
_TAB = 4


def _normalize(text: str, offset: int) -> _T:
    """Python-Markdown's NormalizeWhitespace, keeping positions."""
    n = len(text)
    body = text[offset:]
    if "\t" in body or "\r" in body or "\x02" in body or "\x03" in body:
        s, p = _normalize_slow(text, offset)
        t = _T("".join(s) + "\n\n", [*p, -1, -1])
    else:  # the common case: every character stays where it is.  The two newlines
        # added at the end fall past the text (they end up in no block, see parse_chunk).
        t = _T(body + "\n\n", range(offset, n + 2))
    if " \n" not in t.s:
        return t
    # Lines of spaces only become empty lines.
    out_s: list[str] = []
    out_p: list[int] = []
    last = 0
    for m in re.finditer(r"(?<=\n) +\n", t.s):
        out_s.append(t.s[last:m.start()])
        out_p.extend(t.p[last:m.start()])
        out_s.append("\n")
        out_p.append(t.p[m.end() - 1])
        last = m.end()
    out_s.append(t.s[last:])
    out_p.extend(t.p[last:])
    return _T("".join(out_s), out_p)


def _normalize_slow(text: str, offset: int) -> tuple[list[str], list[int]]:
    """Characters and positions after removing STX/ETX, CR line ends and expanding tabs."""
    s: list[str] = []
    p: list[int] = []
    col = 0
    n = len(text)
    for i in range(offset, n):
        ch = text[i]
        if ch in "\x02\x03":
            continue
        if ch == "\r":
            if i + 1 < n and text[i + 1] == "\n":
                continue
            ch = "\n"
        if ch == "\t":
            width = _TAB - col % _TAB
            s.append(" " * width)
            p.extend([i] * width)
            col += width
            continue
        s.append(ch)
        p.append(i)
        col = 0 if ch == "\n" else col + 1
    return s, p


class _Raw:
    """Raw regions (fences, HTML blocks, comments) replaced by placeholders."""

    def __init__(self) -> None:
        self.items: list[tuple[str, int, int]] = []  # (raw text, source start, source end)

    def placeholder(self, piece: _T) -> _T:
        real = piece.real()
        self.items.append((piece.s, *(real or (-1, -1))))
        marker = f"\x02{len(self.items) - 1}\x03"
        return _T(marker, [-1] * len(marker))


def _fences(t: _T, raw: _Raw) -> _T:
    regex = FencedBlockPreprocessor.FENCED_BLOCK_RE
    index = 0
    while True:
        m = regex.search(t.s, index)
        if not m:
            return t
        if m.group("attrs") and not re.fullmatch(r"[^{}]*", m.group("attrs")):
            index = m.end("attrs")
            continue
        nl = _T("\n", [-1])
        ph = raw.placeholder(t.cut(m.start(), m.end()))
        t = _T.join("", [t.cut(0, m.start()), nl, ph, nl, t.cut(m.end())])
        index = m.start() + 1 + len(ph) + 1


_BLOCK_TAGS = frozenset(
    [
        "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
            "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
            "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul",
            "canvas", "colgroup", "dd", "body", "dt", "group", "html", "iframe", "li", "legend",
            "math", "map", "noscript", "output", "object", "option", "progress", "script", "style",
            "summary", "tbody", "td", "textarea", "tfoot", "th", "thead", "tr", "video", "center",
    ]
)
_HTML_START = re.compile(r"(?m)^[ ]{0,3}<(!--|[A-Za-z][A-Za-z0-9-]*)")


def _html_end(s: str, start: int, opener: str) -> int | None:
    """End offset of the raw HTML block opened at *start*, or None if it is not one."""
    if opener == "!--":
        end = s.find("-->", start + 4)
        return None if end < 0 else end + 3
    name = opener.lower()
    if name not in _BLOCK_TAGS:
        return None
    first = re.compile(r"<[A-Za-z][A-Za-z0-9-]*(?:\"[^\"]*\"|'[^']*'|[^'\">])*>").match(s, start)
    if not first:
        return None
    if name == "hr" or first.group().endswith("/>"):
        return first.end()
    depth = 0
    tag = re.compile(r"<(/?)" + re.escape(name) + r"\b(?:\"[^\"]*\"|'[^']*'|[^'\">])*?(/?)>", re.I)
    for m in tag.finditer(s, start):
        if m.group(1):
            depth -= 1
        elif not m.group(2):
            depth += 1
        if depth <= 0:
            return m.end()
    return len(s.rstrip("\n"))


def _html_blocks(t: _T, raw: _Raw) -> _T:
    parts: list[_T] = []
    pos = 0
    while True:
        m = _HTML_START.search(t.s, pos)
        while m and _html_end(t.s, m.start(1) - 1, m.group(1)) is None:
            m = _HTML_START.search(t.s, m.end())
        if not m:
            if not parts:
                return t  # no HTML block
            parts.append(t.cut(pos))
            return _T.join("", parts)
        end = _html_end(t.s, m.start(1) - 1, m.group(1))
        assert end is not None
        parts.append(t.cut(pos, m.start()))
        if m.start() > 0 and not t.s[: m.start()].endswith("\n\n"):
            parts.append(_T("\n", [-1]))
        parts.append(raw.placeholder(t.cut(m.start(), end)))
        parts.append(_T("\n\n", [-1, -1]))
        pos = end


# --------------------------------------------------------------------------- block parser


@dataclass
class _Found:
    kind: str
    lines: list[_T]  # stripped lines, with real positions


class _Parser:
    """A port of Python-Markdown's BlockParser and block processors onto :class:`_T`."""

    MAX_DEPTH = 48

    def __init__(self) -> None:
        self.state: list[str] = []
        self.ctx: dict[etree.Element, str] = {}
        self.found: list[_Found] = []
        self.footnotes: dict[str, _T] = {}
        self.depth = 0
        self.procs = [
            (self.t_empty, self.r_empty), (self.t_indent, self.r_indent),
            (self.t_code, self.r_code), (self.t_table, self.r_table),
            (self.t_hash, self.r_hash), (self.t_setext, self.r_setext),
            (self.t_hr, self.r_hr), (self.t_olist, self.r_olist), (self.t_ulist, self.r_ulist),
            (self.t_quote, self.r_quote), (self.t_true, self.r_footnote),
            (self.t_true, self.r_reference), (self.t_true, self.r_paragraph),
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

    def parse_chunk(self, parent: etree.Element, text: _T) -> None:
        self.parse_blocks(parent, text.split("\n\n"))

    def parse_blocks(self, parent: etree.Element, blocks: list[_T]) -> None:
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

    def emit(self, kind: str, block: _T) -> None:
        lines: list[_T] = []
        for raw_line in block.split("\n"):
            line = raw_line.strip()
            if line.s and ("\x02" not in line.s or _PH_RE.sub("", line.s).strip()):
                lines.append(line)
                continue
            if lines:
                self.found.append(_Found(kind, lines))
            lines = []
        if lines:
            self.found.append(_Found(kind, lines))

    @staticmethod
    def loose_detab(text: _T, level: int = 1) -> _T:
        lines = text.split("\n")
        cut = " " * _TAB * level
        return _T.join("\n", [ln.cut(len(cut)) if ln.startswith(cut) else ln for ln in lines])

    @staticmethod
    def detab(text: _T) -> tuple[_T, _T]:
        lines = text.split("\n")
        kept: list[_T] = []
        for line in lines:
            if line.startswith(" " * _TAB):
                kept.append(line.cut(_TAB))
            elif not line.s.strip():
                kept.append(_T("", []))
            else:
                break
        return _T.join("\n", kept), _T.join("\n", lines[len(kept):])

    # -- processors (tests and runs mirror markdown.blockprocessors)
    def t_true(self, parent: etree.Element, block: _T) -> bool:
        return True

    def t_empty(self, parent: etree.Element, block: _T) -> bool:
        return not block.s or block.s.startswith("\n")

    def r_empty(self, parent: etree.Element, blocks: list[_T]) -> None:
        block = blocks.pop(0)
        if block and block.cut(1):
            blocks.insert(0, block.cut(1))

    def t_indent(self, parent: etree.Element, block: _T) -> bool:
        last = self.last(parent)
        return block.startswith(" " * _TAB) and not self.is_state("detabbed") and (
            parent.tag == "li" or (last is not None and last.tag in ("ul", "ol"))
        )

    def r_indent(self, parent: etree.Element, blocks: list[_T]) -> None:
        block = blocks.pop(0)
        m = re.match(r"^(([ ]{4})+)", block.s)
        indent_level = len(m.group(1)) // _TAB if m else 0
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

    def t_code(self, parent: etree.Element, block: _T) -> bool:
        return block.startswith(" " * _TAB)

    def r_code(self, parent: etree.Element, blocks: list[_T]) -> None:
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

    def t_table(self, parent: etree.Element, block: _T) -> bool:
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

    def r_table(self, parent: etree.Element, blocks: list[_T]) -> None:
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

    def t_hash(self, parent: etree.Element, block: _T) -> bool:
        return "#" in block.s and bool(HashHeaderProcessor.RE.search(block.s))

    def r_hash(self, parent: etree.Element, blocks: list[_T]) -> None:
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

    def t_setext(self, parent: etree.Element, block: _T) -> bool:
        s = block.s
        return ("\n=" in s or "\n-" in s) and bool(SetextHeaderProcessor.RE.match(s))

    def r_setext(self, parent: etree.Element, blocks: list[_T]) -> None:
        lines = blocks.pop(0).split("\n")
        self.sub(parent, "h1" if lines[1].startswith("=") else "h2")
        self.emit("heading", lines[0])
        if len(lines) > 2:
            blocks.insert(0, _T.join("\n", lines[2:]))

    def t_hr(self, parent: etree.Element, block: _T) -> bool:
        s = block.s  # a rule needs three of one of its characters
        if s.count("-") < 3 and s.count("*") < 3 and s.count("_") < 3:
            self.hr_match = None
            return False
        self.hr_match = HRProcessor.SEARCH_RE.search(s)
        return self.hr_match is not None

    def r_hr(self, parent: etree.Element, blocks: list[_T]) -> None:
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

    def t_olist(self, parent: etree.Element, block: _T) -> bool:
        return bool(self.OL_RE.match(block.s))

    def t_ulist(self, parent: etree.Element, block: _T) -> bool:
        return bool(self.UL_RE.match(block.s))

    def r_olist(self, parent: etree.Element, blocks: list[_T]) -> None:
        self.run_list(parent, blocks, "ol")

    def r_ulist(self, parent: etree.Element, blocks: list[_T]) -> None:
        self.run_list(parent, blocks, "ul")

    def run_list(self, parent: etree.Element, blocks: list[_T], tag: str) -> None:
        items: list[_T] = []
        for line in blocks.pop(0).split("\n"):
            m = self.CHILD_RE.match(line.s)
            if m:
                items.append(line.cut(m.start(3)))
            elif self.INDENT_RE.match(line.s) and not items[-1].startswith(" " * _TAB):
                items.append(line)
            else:
                items[-1] = _T.join("\n", [items[-1], line])
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
            if item.startswith(" " * _TAB) and len(lst):
                self.parse_blocks(lst[-1], [item])
            else:
                self.parse_blocks(self.sub(lst, "li"), [item])
        self.state.pop()

    QUOTE_RE = re.compile(r"(^|\n)[ ]{0,3}>[ ]?(.*)")

    def t_quote(self, parent: etree.Element, block: _T) -> bool:
        return (">" in block.s and bool(self.QUOTE_RE.search(block.s))
                and self.depth < self.MAX_DEPTH - 2)

    def r_quote(self, parent: etree.Element, blocks: list[_T]) -> None:
        block = blocks.pop(0)
        m = self.QUOTE_RE.search(block.s)
        if m:
            self.parse_blocks(parent, [block.cut(0, m.start())])
            cleaned = []
            for line in block.cut(m.start()).split("\n"):
                lm = self.QUOTE_RE.match(line.s)
                if line.s.strip() == ">":
                    cleaned.append(_T("", []))
                elif lm:
                    cleaned.append(line.cut(lm.start(2)))
                else:
                    cleaned.append(line)
            block = _T.join("\n", cleaned)
        sibling = self.last(parent)
        quote = sibling if sibling is not None and sibling.tag == "blockquote" else None
        if quote is None:
            quote = self.sub(parent, "blockquote")
        self.state.append("blockquote")
        self.parse_chunk(quote, block)
        self.state.pop()

    FOOTNOTE_RE = re.compile(r"^[ ]{0,3}\[\^([^\]]*)\]:[ ]*(.*)$", re.MULTILINE)

    @staticmethod
    def fn_detab(block: _T) -> _T:
        lines = block.split("\n")
        return _T.join("\n", [ln.cut(4) if ln.startswith("    ") else ln for ln in lines])

    def r_footnote(self, parent: etree.Element, blocks: list[_T]) -> bool:
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
        fn_blocks: list[_T]
        if m_next:
            before = rest.cut(0, m_next.start()).rstrip("\n")
            fn_blocks = [_T.join("\n", [first, self.fn_detab(before)]).lstrip("\n")]
            blocks.insert(0, rest.cut(m_next.start()))
        else:
            fn_blocks = [_T.join("\n", [first, self.fn_detab(rest)]).strip("\n")]
            while blocks and blocks[0].startswith("    "):
                nxt = blocks.pop(0)
                m3 = self.FOOTNOTE_RE.search(nxt.s)
                if m3:
                    fn_blocks.append(self.fn_detab(nxt.cut(0, m3.start()).rstrip("\n")))
                    blocks.insert(0, nxt.cut(m3.start()))
                    break
                fn_blocks.append(self.fn_detab(nxt))
        self.footnotes[fid] = _T.join("\n\n", fn_blocks).rstrip()
        if preceding.s.strip():
            blocks.insert(0, preceding.rstrip("\n"))
        return True

    REF_RE = re.compile(
        r"^[ ]{0,3}\[([^\[\]]*)\]:[ ]*(?:\n[ ]*)?([^\s]+)[ ]*(?:\n[ ]*)?"
        r"(([\"\'])(.*)\4[ ]*|\((.*)\)[ ]*)?$",
        re.MULTILINE,
    )

    def r_reference(self, parent: etree.Element, blocks: list[_T]) -> bool:
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

    def r_paragraph(self, parent: etree.Element, blocks: list[_T]) -> None:
        block = blocks.pop(0)
        if not block.s.strip():
            return
        self.emit(self.ctx.get(parent, "paragraph"), block.lstrip())
        if self.is_state("list"):
            sibling = self.last(parent)
            if sibling is not None:
                sibling.tail = (sibling.tail or "") + "\n" + block.s
            else:
                parent.text = (parent.text or "") + block.s
        else:
            self.sub(parent, "p").text = block.s

    def parse_footnotes(self) -> None:
        root = etree.Element("div")
        self.ctx[root] = "footnote"
        for text in self.footnotes.values():
            item = self.sub(self.sub(root, "ol"), "li")
            self.ctx[item] = "footnote"
            self.parse_chunk(item, text)
