"""Split an article into translation units (segments), line-aware.

Python-Markdown keeps no source positions, so this module carries its own
port of Python-Markdown's block rules (the same preprocessing, the same
blank-line-separated blocks, the same processors in the same order, with the
``fenced_code``, ``tables`` and ``footnotes`` extensions, see
:data:`MARKDOWN_EXTENSIONS`) over strings that remember where each character
came from.  Render with those extensions and every segment's text appears in
the block it was taken from.

What becomes a segment (``Segment.kind``):

- front matter ``title``, ``summary``, ``image.caption``, ``image.credit``
  (kinds "title", "summary", "image caption", "image credit"); tags are not
  segments (see :func:`tags_of`), nor are keys, dates, slugs or image paths;
- every heading (ATX and setext), paragraph, list item paragraph (nested,
  ordered or not), table cell (header and body), block-quote paragraph,
  footnote paragraph, and the title of a link reference definition;
- a paragraph made only of images (``![alt](src "title")``, possibly linked)
  gives one "image alt" and one "image title" unit per image; an image inside
  running text stays verbatim in its paragraph's msgid.

A paragraph written over several lines is one segment whose text joins its
lines with a space (a soft line break renders as a space), or with ``\\n``
where the source has a hard line break (two trailing spaces): re-wrapping the
source does not change the msgid.  ``spans`` holds one ``(start, end)`` per
source line, without line prefixes (``>``, list indentation) or surrounding
spaces, so write-back can keep them.

Not extracted: fenced and indented code, raw HTML blocks, HTML comments, text
without any letter once code spans, tags, URLs and entities are removed
(``---``, ``* * *``, ``2024``, a bare link).

Directives in HTML comments (a comment on lines of its own) apply to the next
block, that is the lines after the comment up to the next blank line:

- ``<!-- multipub: skip -->`` leaves those segments out;
- ``<!-- multipub: note Translate "klaster" as ... -->`` attaches a note for the
  translator (an extracted ``#.`` comment); several notes add up;
- ``<!-- multipub: context menu -->`` gives those segments a ``msgctxt``.

Identical texts are listed once per occurrence; catalogue code merges them
into one entry with several references (the usual gettext way), see
:func:`merge_duplicates`.  Use ``context`` to keep identical texts apart.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from dataclasses import dataclass

from markdown.blockprocessors import HashHeaderProcessor, HRProcessor, SetextHeaderProcessor
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.extensions.tables import TableProcessor

from .errors import ContentError
from .frontmatter import Document, parse_document

__all__ = [
    "KINDS",
    "MARKDOWN_EXTENSIONS",
    "Segment",
    "Unit",
    "hard_break_after",
    "merge_duplicates",
    "segment_document",
    "source_hash",
    "tags_of",
]

MARKDOWN_EXTENSIONS = ("fenced_code", "tables", "footnotes")
"""The Python-Markdown extensions whose block rules segmentation follows."""

KINDS = (
    "title", "summary", "image caption", "image credit", "heading", "paragraph", "list item",
    "table cell", "blockquote", "footnote", "link title", "image alt", "image title",
)
SINGLE_LINE_KINDS = frozenset({"heading", "table cell", "link title", "image alt", "image title"})
FRONT_MATTER_FIELDS = (
    (("title",), "title"), (("summary",), "summary"),
    (("image", "caption"), "image caption"), (("image", "credit"), "image credit"),
)


@dataclass(frozen=True)
class Segment:
    """One translation unit.

    ``text`` is the msgid; ``line`` the 1-based line of the whole file;
    ``start``/``end`` the offsets of the first and last replaced character
    (``spans`` lists each line's piece); ``key`` the front-matter key path of
    front-matter segments (``()`` in the body).
    """

    text: str
    kind: str
    line: int
    start: int
    end: int
    spans: tuple[tuple[int, int], ...] = ()
    notes: tuple[str, ...] = ()
    context: str | None = None
    key: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unit:
    """The occurrences of one (context, text) pair: one catalogue entry."""

    context: str | None
    text: str
    segments: tuple[Segment, ...]

    @property
    def lines(self) -> tuple[int, ...]:
        return tuple(s.line for s in self.segments)

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.kind for s in self.segments))

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n for s in self.segments for n in s.notes))


def merge_duplicates(segments: Sequence[Segment]) -> list[Unit]:
    """Group segments by (context, text), in order of first occurrence."""
    groups: dict[tuple[str | None, str], list[Segment]] = {}
    for seg in segments:
        groups.setdefault((seg.context, seg.text), []).append(seg)
    return [Unit(ctx, text, tuple(segs)) for (ctx, text), segs in groups.items()]


# --------------------------------------------------------------------------- tracked text


class _T:
    """A string whose characters remember their offset in the source (-1: inserted)."""

    __slots__ = ("p", "s")

    def __init__(self, s: str, p: list[int]) -> None:
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
        s, p = [], []
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


_PH_RE = re.compile("\x02(\\d+)\x03")
_TAB = 4


def _normalize(text: str, offset: int) -> _T:
    """Python-Markdown's NormalizeWhitespace, keeping positions."""
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
    t = _T("".join(s) + "\n\n", [*p, -1, -1])
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


class _Raw:
    """Raw regions (fences, HTML blocks, comments) replaced by placeholders."""

    def __init__(self) -> None:
        self.items: list[tuple[str, int, int]] = []  # (raw text, source start, source end)

    def placeholder(self, piece: _T) -> _T:
        real = [x for x in piece.p if x >= 0]
        self.items.append((piece.s, real[0] if real else -1, real[-1] + 1 if real else -1))
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
            if _PH_RE.sub("", line.s).strip():
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
        return bool(HashHeaderProcessor.RE.search(block.s))

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
        return bool(SetextHeaderProcessor.RE.match(block.s))

    def r_setext(self, parent: etree.Element, blocks: list[_T]) -> None:
        lines = blocks.pop(0).split("\n")
        self.sub(parent, "h1" if lines[1].startswith("=") else "h2")
        self.emit("heading", lines[0])
        if len(lines) > 2:
            blocks.insert(0, _T.join("\n", lines[2:]))

    def t_hr(self, parent: etree.Element, block: _T) -> bool:
        self.hr_match = HRProcessor.SEARCH_RE.search(block.s)
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
        return bool(self.QUOTE_RE.search(block.s)) and self.depth < self.MAX_DEPTH - 2

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


# --------------------------------------------------------------------------- segments


_IMAGE = (
    r"(?P<img>(?P<linked>\[\s*)?!\[(?P<alt>(?:\\.|[^\\\[\]\n])*)\]"
    r"(?:\(\s*(?:<[^<>\n]*>|[^\s()<>]+)(?:\s+(?P<q>[\"'])(?P<title>.*?)(?P=q))?\s*\)"
    r"|\s?\[[^\[\]\n]*\])"
    r"(?(linked)\s*\]\(\s*[^\s()]*(?:\s+\"[^\"\n]*\")?\s*\)))"
)
_IMAGE_RE = re.compile(_IMAGE)
_NOT_TEXT = re.compile(
    r"(`+)[^`]*?\1|<[^<>\n]*>|\]\([^)\n]*\)|\b(?:https?|ftp|mailto):\S+|\bwww\.\S+|&#?\w+;"
    "|\x02\\d+\x03"
)
_DIRECTIVE_RE = re.compile(r"\A<!--\s*multipub:\s*([\w-]*)\s*(.*?)\s*-->\Z", re.S)


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in _NOT_TEXT.sub(" ", text))


def _images_only(text: str, start: int, end: int) -> bool:
    pos = start
    while pos < end:
        m = _IMAGE_RE.match(text, pos, end)
        if m is None:
            return False
        pos = m.end()
        while pos < end and text[pos].isspace():
            pos += 1
    return True


def hard_break_after(text: str, pos: int) -> bool:
    """Whether the line holding offset *pos* ends in a Markdown hard break (two spaces)."""
    m = re.compile(r"\r\n|\n|\r").search(text, pos)
    if m is None:
        return False
    line_start = max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1
    return text[line_start:m.start()].expandtabs(_TAB).endswith("  ")


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _segment_of(text: str, found: _Found) -> list[Segment]:
    spans: list[tuple[int, int]] = []
    for line in found.lines:
        real = [x for x in line.p if x >= 0]
        spans.append((real[0], real[-1] + 1))
    joined = ""
    for i, (a, b) in enumerate(spans):
        if i:
            joined += "\n" if hard_break_after(text, spans[i - 1][1]) else " "
        joined += text[a:b]
    if found.kind not in SINGLE_LINE_KINDS and all(_images_only(text, a, b) for a, b in spans):
        out = []
        for a, b in spans:
            for m in _IMAGE_RE.finditer(text, a, b):
                for group, kind in (("alt", "image alt"), ("title", "image title")):
                    if m.group(group) is not None and _has_letters(m.group(group)):
                        ga, gb = m.start(group), m.end(group)
                        out.append(Segment(m.group(group), kind, _line_of(text, ga), ga, gb,
                                           ((ga, gb),)))
        return out
    if not _has_letters(joined):
        return []
    return [Segment(joined, found.kind, _line_of(text, spans[0][0]), spans[0][0], spans[-1][1],
                    tuple(spans))]


def _front_segments(doc: Document, path: str) -> list[Segment]:
    out = []
    image = doc.meta.get("image")
    if image is not None and not isinstance(image, dict):
        raise ContentError(
            "image must be a mapping with src, caption and credit", path=path,
            line=doc.lines.get(("image",)),
        )
    for key, kind in FRONT_MATTER_FIELDS:
        value = doc.meta.get(key[0]) if len(key) == 1 else (image or {}).get(key[1])
        if isinstance(value, dict | list):
            raise ContentError(
                f"{'.'.join(key)} must be text, not a list or a mapping", path=path,
                line=doc.lines.get(key),
            )
        if not isinstance(value, str) or not _has_letters(value) or key not in doc.spans:
            continue
        start, end = doc.spans[key]
        out.append(Segment(value.strip(), kind, doc.lines[key], start, end, ((start, end),),
                           key=key))
    return out


def _apply_directives(
    text: str, segments: list[Segment], raw: _Raw, path: str
) -> list[Segment]:
    lines = text.split("\n")

    def blank(n: int) -> bool:  # n is 1-based
        return n > len(lines) or lines[n - 1].strip(" \t>") == ""

    directive_lines: set[int] = set()
    found = []
    for raw_text, start, end in raw.items:
        m = _DIRECTIVE_RE.match(raw_text.strip())
        if not m or start < 0:
            continue
        first, last = _line_of(text, start), _line_of(text, end)
        directive_lines.update(range(first, last + 1))
        name, arg = m.group(1), " ".join(m.group(2).split())
        if name not in ("skip", "note", "context") or (name != "skip" and not arg):
            raise ContentError(
                f"unknown multipub directive {raw_text.strip()!r}; expected "
                "'multipub: skip', 'multipub: note TEXT' or 'multipub: context NAME'",
                path=path, line=first,
            )
        found.append((last, name, arg))
    result = segments
    for last, name, arg in found:
        a = last + 1
        while a <= len(lines) and (blank(a) or a in directive_lines):
            a += 1
        b = a
        while not blank(b + 1) and b + 1 not in directive_lines:
            b += 1
        new: list[Segment] = []
        for seg in result:
            if seg.key or not a <= seg.line <= b:
                new.append(seg)
            elif name == "note":
                new.append(dataclasses.replace(seg, notes=(*seg.notes, arg)))
            elif name == "context":
                new.append(dataclasses.replace(seg, context=arg))
        result = new
    return result


def segment_document(text: str, path: str) -> list[Segment]:
    """The translation units of an article, front matter first, then the body in order.

    >>> [(s.kind, s.text, s.line) for s in segment_document(
    ...     "---\\ntitle: Klastry\\n---\\n# Spotkania\\n\\nTekst **ważny**\\ndalej.\\n", "a.md")]
    [('title', 'Klastry', 2), ('heading', 'Spotkania', 4), ('paragraph', 'Tekst **ważny** dalej.', 6)]
    """  # noqa: E501
    doc = parse_document(text, path)
    segments = _front_segments(doc, path)
    raw = _Raw()
    body = _normalize(text, doc.body_offset)
    body = _html_blocks(_fences(body, raw), raw)
    parser = _Parser()
    root = etree.Element("div")
    try:
        parser.parse_chunk(root, body)
        parser.parse_footnotes()
    except RecursionError:  # pragma: no cover - guarded by MAX_DEPTH
        raise ContentError(
            "the document is nested too deeply", path=path, line=doc.body_line
        ) from None
    body_segments: list[Segment] = []
    for found in parser.found:
        body_segments.extend(_segment_of(text, found))
    body_segments.sort(key=lambda s: s.start)
    return segments + _apply_directives(text, body_segments, raw, path)


def tags_of(doc: Document, path: str | None = None) -> list[tuple[str, int]]:
    """The article's tags with their 1-based lines; a single string is one tag.

    >>> tags_of(parse_document("---\\ntags: [Białoruś, klastry]\\n---\\n", "a.md"))
    [('Białoruś', 2), ('klastry', 2)]
    """
    tags = doc.meta.get("tags")
    where = path if path is not None else doc.path
    if tags is None:
        return []
    if isinstance(tags, str):
        return [(tags.strip(), doc.lines[("tags",)])] if tags.strip() else []
    if not isinstance(tags, list):
        raise ContentError("tags must be a list of names", path=where, line=doc.lines[("tags",)])
    out = []
    for i, tag in enumerate(tags):
        if isinstance(tag, dict | list) or tag is None:
            raise ContentError(
                "each tag must be a name", path=where, line=doc.lines[("tags", str(i))]
            )
        name = str(tag).strip()
        if name:
            out.append((name, doc.lines[("tags", str(i))]))
    return out


def source_hash(text: str, path: str) -> str:
    """A short stable hash of the translatable content: segment kinds, contexts, texts, tags.

    Dates, slugs, image paths, notes, code, comments and line positions do not
    take part, so changing them does not outdate a translation.

    >>> a = source_hash("---\\ntitle: A\\ndate: 2024-01-01\\n---\\nText.\\n", "a.md")
    >>> a == source_hash("---\\ntitle: A\\ndate: 2025-01-01\\n---\\n\\nText.\\n", "a.md")
    True
    """
    segments = segment_document(text, path)
    tags = [name for name, _ in tags_of(parse_document(text, path), path)]
    payload = json.dumps(
        [[[s.kind, s.context, s.text] for s in segments], tags], ensure_ascii=False
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]
