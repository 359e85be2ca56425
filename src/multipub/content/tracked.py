"""Source text that remembers where it came from, and Python-Markdown's preprocessing.

:class:`Tracked` is a string whose characters remember their offset in the
source file, so every block the parser of :mod:`.blocks` finds can be given its
lines.  :func:`normalize` (Python-Markdown's whitespace normalisation),
:func:`fences` (the ``fenced_code`` preprocessor) and :func:`html_blocks` (raw
HTML blocks) run before the block parser, as in Python-Markdown, and set what
they take out aside in :class:`RawBlocks`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown.extensions.fenced_code import FencedBlockPreprocessor

__all__ = [
    "BLOCK_TAGS", "TAB_LENGTH", "RawBlocks", "Tracked", "bridge_fences", "fences", "html_blocks",
    "normalize",
]


class Tracked:
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

    def cut(self, a: int, b: int | None = None) -> Tracked:
        return Tracked(self.s[a:b], self.p[a:b])

    def split(self, sep: str) -> list[Tracked]:
        out, pos = [], 0
        while True:
            i = self.s.find(sep, pos)
            if i < 0:
                out.append(self.cut(pos))
                return out
            out.append(self.cut(pos, i))
            pos = i + len(sep)

    @staticmethod
    def join(sep: str, parts: Sequence[Tracked]) -> Tracked:
        s: list[str] = []
        p: list[int] = []
        for i, part in enumerate(parts):
            if i:
                s.append(sep)
                p.extend([-1] * len(sep))
            s.append(part.s)
            p.extend(part.p)
        return Tracked("".join(s), p)

    def lstrip(self, chars: str | None = None) -> Tracked:
        return self.cut(len(self.s) - len(self.s.lstrip(chars)))

    def rstrip(self, chars: str | None = None) -> Tracked:
        return self.cut(0, len(self.s.rstrip(chars)))

    def strip(self, chars: str | None = None) -> Tracked:
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


PLACEHOLDER_RE = re.compile("\x02(\\d+)\x03")
TAB_LENGTH = 4


def normalize(text: str, offset: int) -> Tracked:
    """Python-Markdown's NormalizeWhitespace, keeping positions."""
    n = len(text)
    body = text[offset:]
    if "\t" in body or "\r" in body or "\x02" in body or "\x03" in body:
        s, p = _normalize_slow(text, offset)
        t = Tracked("".join(s) + "\n\n", [*p, -1, -1])
    else:  # the common case: every character stays where it is.  The two newlines
        # added at the end fall past the text (they end up in no block, see parse_chunk).
        t = Tracked(body + "\n\n", range(offset, n + 2))
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
    return Tracked("".join(out_s), out_p)


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
            width = TAB_LENGTH - col % TAB_LENGTH
            s.append(" " * width)
            p.extend([i] * width)
            col += width
            continue
        s.append(ch)
        p.append(i)
        col = 0 if ch == "\n" else col + 1
    return s, p


class RawBlocks:
    """Raw regions (fences, HTML blocks, comments) replaced by placeholders."""

    def __init__(self) -> None:
        self.items: list[tuple[str, int, int]] = []  # (raw text, source start, source end)

    def placeholder(self, piece: Tracked) -> Tracked:
        real = piece.real()
        self.items.append((piece.s, *(real or (-1, -1))))
        marker = f"\x02{len(self.items) - 1}\x03"
        return Tracked(marker, [-1] * len(marker))


_WS = re.compile(r"[> ]*")
_FENCE_START = re.compile(r"(`{3,})[^`]*$|(~{3,})")


def _superfences(t: Tracked, raw: RawBlocks) -> Tracked:
    """pymdownx.superfences' rule: a fence at any indentation and quote depth (``ws``),
    any info string, closed by a fence line with the same ``ws``; its content may not
    be indented less.  Each fence becomes ``ws`` and a placeholder, keeping the
    structure of the list or quote around it."""
    lines = t.split("\n")
    out: list[Tracked] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        ws = _WS.match(line.s)
        width = ws.end() if ws else 0
        m = _FENCE_START.match(line.s, width)
        close = -1
        if m is not None:
            fence = m.group(1) or m.group(2)
            for j in range(i + 1, len(lines)):
                row = lines[j].s
                if not row.strip(" >"):
                    continue
                if not row.startswith(line.s[:width]) and len(row) - len(row.lstrip(" >")) < width:
                    break  # content indented less: not a fence
                rest = row[width:]
                if rest.startswith(fence) and not rest.rstrip().strip(fence[0]):
                    close = j
                    break
        if close < 0:
            out.append(line)
            i += 1
            continue
        block = Tracked.join("\n", lines[i:close + 1])
        ph = raw.placeholder(block)
        if width:
            out.append(Tracked.join("", [line.cut(0, width), ph]))
        else:
            out.extend([Tracked("", []), ph, Tracked("", [])])
        i = close + 1
    return Tracked.join("\n", out)


def fences(t: Tracked, raw: RawBlocks, superfences: bool = False) -> Tracked:
    """*t* with its fenced code set aside (``fenced_code``'s rule, or *superfences*')."""
    if superfences:
        return _superfences(t, raw) if "```" in t.s or "~~~" in t.s else t
    regex = FencedBlockPreprocessor.FENCED_BLOCK_RE
    index = 0
    while True:
        m = regex.search(t.s, index)
        if not m:
            return t
        if m.group("attrs") and not re.fullmatch(r"[^{}]*", m.group("attrs")):
            index = m.end("attrs")
            continue
        nl = Tracked("\n", [-1])
        ph = raw.placeholder(t.cut(m.start(), m.end()))
        t = Tracked.join("", [t.cut(0, m.start()), nl, ph, nl, t.cut(m.end())])
        index = m.start() + 1 + len(ph) + 1


BLOCK_TAGS = frozenset(
    [
        "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
            "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
            "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul",
            "canvas", "colgroup", "dd", "body", "dt", "group", "html", "iframe", "li", "legend",
            "math", "map", "noscript", "output", "object", "option", "progress", "script", "style",
            "summary", "tbody", "td", "textarea", "tfoot", "th", "thead", "tr", "video", "center",
    ]
)
_OPEN_TAG = re.compile(r"<[A-Za-z][A-Za-z0-9-]*(?:\"[^\"]*\"|'[^']*'|[^'\">])*>")
_HTML_START = re.compile(r"(?m)^[ ]{0,3}<(!--|\?|!\[CDATA\[|![A-Za-z]|[A-Za-z][A-Za-z0-9-]*)")
_RAW_ENDS = {"!--": "-->", "?": "?>", "![CDATA[": "]]>"}


def _html_end(s: str, start: int, opener: str) -> int | None:
    """End offset of the raw HTML block opened at *start*, or None if it is not one."""
    if opener in _RAW_ENDS or opener.startswith("!"):  # comment, PI, CDATA, declaration
        close = _RAW_ENDS.get(opener, ">")
        end = s.find(close, start + 1 + len(opener))
        return None if end < 0 else end + len(close)
    name = opener.lower()
    if name not in BLOCK_TAGS:
        return None
    first = _OPEN_TAG.match(s, start)
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


_FENCE_LINE = re.compile(r"(?m)^([ >]*?)[ ]*(`{3,}(?=[^`\n]*$)|~{3,})")
_MARKDOWN_ATTR = re.compile(r"""\smarkdown\s*=\s*["']?(?:1|block|span)\b""", re.I)


def bridge_fences(t: Tracked) -> Tracked:
    """*t* with the blank lines of indented or quoted fenced code filled (``\x02\x03``).

    Fenced code in a list item or a quote is left to the block parser, which
    cuts blocks at blank lines; filled, such code stays in one block, where
    :meth:`~.blocks.BlockParser.emit` recognises it whole.
    """
    if "\n\n" not in t.s or not ("```" in t.s or "~~~" in t.s):
        return t
    parts: list[Tracked] = []
    pos = 0
    search = 0
    while (m := _FENCE_LINE.search(t.s, search)) is not None:
        fence = m.group(2)
        char = fence[0]
        close = re.compile(r"(?m)^[ >]*" + re.escape(char) + "{" + str(len(fence)) + r",}[ ]*$")
        end = close.search(t.s, m.end())
        if end is None:
            search = m.end()
            continue
        inner = t.s[m.end():end.start()]
        filler = t.s[m.start():m.start(2)] + "\x02\x03"
        for blank in re.finditer(r"\n([ >]*)(?=\n)", inner):
            at = m.end() + blank.start(1)
            parts.append(t.cut(pos, at))
            parts.append(Tracked(filler, [-1] * len(filler)))
            pos = m.end() + blank.end()
        search = end.end()
    if not parts:
        return t
    parts.append(t.cut(pos))
    return Tracked.join("", parts)


def html_blocks(t: Tracked, raw: RawBlocks, markdown_inside: bool = False) -> Tracked:
    """*t* with raw HTML blocks set aside as placeholders.

    With *markdown_inside* (``md_in_html``), a block-level element with a
    ``markdown`` attribute keeps only its tags aside: what it holds is Markdown.
    """
    parts: list[Tracked] = []
    pos = 0
    while True:
        m = _HTML_START.search(t.s, pos)
        while m and _html_end(t.s, m.start(1) - 1, m.group(1)) is None:
            m = _HTML_START.search(t.s, m.end())
        if not m:
            if not parts:
                return t  # no HTML block
            parts.append(t.cut(pos))
            return Tracked.join("", parts)
        end = _html_end(t.s, m.start(1) - 1, m.group(1))
        assert end is not None
        parts.append(t.cut(pos, m.start()))
        if m.start() > 0 and not t.s[: m.start()].endswith("\n\n"):
            parts.append(Tracked("\n", [-1]))
        gap = Tracked("\n\n", [-1, -1])
        opening = _OPEN_TAG.match(t.s, m.start(1) - 1)
        closing = t.s.rfind("</", m.start(), end)
        if (markdown_inside and opening is not None and closing > opening.end()
                and _MARKDOWN_ATTR.search(opening.group())):
            parts.append(raw.placeholder(t.cut(m.start(), opening.end())))
            parts.append(gap)
            parts.append(html_blocks(t.cut(opening.end(), closing), raw, markdown_inside))
            parts.append(gap)
            parts.append(raw.placeholder(t.cut(closing, end)))
        else:
            parts.append(raw.placeholder(t.cut(m.start(), end)))
        parts.append(gap)
        pos = end


