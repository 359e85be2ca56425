"""Split an article into translation units (segments), line-aware.

Python-Markdown keeps no source positions, so this module carries its own
port of Python-Markdown's block rules (the same preprocessing, the same
blank-line-separated blocks, the same processors in the same order, with the
extensions of the project's ``[markdown]`` table, see :mod:`.syntax`; by
default the news-site set) over strings that remember where each character
came from.  Render with those extensions and every segment's text appears in
the block it was taken from.  With admonition, details and tabbed, their titles
and bodies are units ("admonition title", "admonition"...); with def_list,
terms and definitions; with abbr, the expansions.

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

Not extracted: fenced and indented code (a fence inside a list item or a
quote too), raw HTML blocks (inside quotes and list items too), processing
instructions (``<?php ... ?>``), CDATA sections, HTML comments, lines of
markup only inside a paragraph (HTML tags, shortcodes such as
``{{< note >}}``: they end the segment), the footnotes placeholder
``///Footnotes Go Here///``, and text without any letter once code spans,
tags, shortcodes, URLs and entities are removed (``---``, ``* * *``, ``2024``,
a bare link).

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

import bisect
import dataclasses
import functools
import hashlib
import json
import re
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import ContentError
from .blocks import BlockParser, Found
from .foreign import foreign_spans
from .frontmatter import Document, parse_document
from .syntax import DEFAULT_SYNTAX, MarkdownSyntax
from .tracked import TAB_LENGTH, RawBlocks, bridge_fences, fences, html_blocks, normalize

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
"""The extensions of the news-site set whose block rules change segmentation."""

KINDS = (
    "title", "summary", "image caption", "image credit", "heading", "paragraph", "list item",
    "table cell", "blockquote", "footnote", "link title", "image alt", "image title",
    "admonition title", "admonition", "details title", "details", "tab title", "tab",
    "definition term", "definition", "abbreviation",
)
SINGLE_LINE_KINDS = frozenset({
    "heading", "table cell", "link title", "image alt", "image title", "admonition title",
    "details title", "tab title", "definition term", "abbreviation",
})
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


# --------------------------------------------------------------------------- segments


_IMAGE = (
    r"(?P<img>(?P<linked>\[\s*)?!\[(?P<alt>(?:\\.|[^\\\[\]\n])*)\]"
    r"(?:\(\s*(?:<[^<>\n]*>|[^\s()<>]+)(?:\s+(?P<q>[\"'])(?P<title>.*?)(?P=q))?\s*\)"
    r"|\s?\[[^\[\]\n]*\])"
    r"(?(linked)\s*\]\(\s*[^\s()]*(?:\s+\"[^\"\n]*\")?\s*\)))"
)
_IMAGE_RE = re.compile(_IMAGE)
_NOT_TEXT = re.compile(
    r"(`+)[^`]*?\1|<[^<>\n]*>|\]\([^)\n]*\)|\] ?\[[^\]\n]*\]"
    r"|\b(?:https?|ftp|mailto):\S+|\bwww\.\S+|&#?\w+;"
    "|\x02\\d+\x03|\\{\\{[<%].*?[%>]\\}\\}|\\{:?[ ]*[#.][^}\n]*\\}|\\{:[^}\n]*\\}"
)
_DIRECTIVE_RE = re.compile(r"\A<!--\s*multipub:\s*([\w-]*)\s*(.*?)\s*-->\Z", re.S)


def _has_letters(text: str) -> bool:
    """Whether *text* has a letter outside code, tags, URLs, entities and placeholders."""
    if text[:1].isalpha() and _NOT_TEXT.match(text) is None:
        return True  # the first character is a letter no markup starts at
    pos = 0
    for m in _NOT_TEXT.finditer(text):  # usually the text before the first one has letters
        if any(ch.isalpha() for ch in text[pos:m.start()]):
            return True
        pos = m.end()
    return any(ch.isalpha() for ch in text[pos:])


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


_LINE_END = re.compile(r"\r\n|\n|\r")


def hard_break_after(text: str, pos: int) -> bool:
    """Whether the line holding offset *pos* ends in a Markdown hard break (two spaces)."""
    m = _LINE_END.search(text, pos)
    if m is None:
        return False
    line_start = max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1
    return text[line_start:m.start()].expandtabs(TAB_LENGTH).endswith("  ")


def _line_of(text: str, offset: int) -> int:
    """The 1-based line of *offset* (by bisection: a long document has many segments)."""
    return bisect.bisect_right(_newlines(text), offset - 1) + 1


@functools.lru_cache(maxsize=4)
def _newlines(text: str) -> list[int]:
    """Offsets of the newlines of *text* (kept for the few texts being segmented)."""
    return [m.start() for m in re.finditer("\n", text)]


def _segment_of(text: str, found: Found) -> list[Segment]:
    spans: list[tuple[int, int]] = []
    for line in found.lines:
        real = line.real()
        assert real is not None  # emitted lines hold text from the source
        spans.append(real)
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
    text: str, segments: list[Segment], raw: RawBlocks, path: str
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


def segment_document(text: str, path: str,
                     syntax: MarkdownSyntax = DEFAULT_SYNTAX) -> list[Segment]:
    """The translation units of an article, front matter first, then the body in order.

    Results are cached by text and path (see :func:`analyse`), so the commands
    that need the same source's segments (``extract``, ``update``, ``build``,
    ``status`` and the source hash) split it once.  *syntax* is the project's
    ``[markdown]`` configuration (the news-site set by default).

    >>> [(s.kind, s.text, s.line) for s in segment_document(
    ...     "---\\ntitle: Klastry\\n---\\n# Spotkania\\n\\nTekst **ważny**\\ndalej.\\n", "a.md")]
    [('title', 'Klastry', 2), ('heading', 'Spotkania', 4), ('paragraph', 'Tekst **ważny** dalej.', 6)]
    """  # noqa: E501
    return list(analyse(text, path, syntax)[0])


@functools.lru_cache(maxsize=256)
def analyse(
    text: str, path: str, syntax: MarkdownSyntax = DEFAULT_SYNTAX
) -> tuple[tuple[Segment, ...], tuple[str, ...]]:
    """The segments and the tag names of an article, computed once per (text, path, syntax).

    The last 256 are kept: enough for commands that go article by article (all
    languages of one, then the next), and a bound on memory whatever the site's size."""
    doc = parse_document(text, path)
    tags = tuple(name for name, _ in tags_of(doc, path))
    return tuple(_segments(text, doc, path, syntax)), tags


def _segments(text: str, doc: Document, path: str, syntax: MarkdownSyntax) -> list[Segment]:
    segments = _front_segments(doc, path)
    raw = RawBlocks()
    body = normalize(text, doc.body_offset)
    if syntax.has("fenced_code") or syntax.fences_anywhere:
        body = bridge_fences(fences(body, raw, syntax.fences_anywhere))
    body = html_blocks(body, raw, markdown_inside=syntax.has("md_in_html"))
    parser = BlockParser(syntax)
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
    foreign = foreign_spans(text, body, syntax)
    if foreign:  # kept whole: an extension the segmenter does not know changes them
        body_segments = [s for s in body_segments
                         if not any(a <= s.start < b for a, b in foreign)]
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


def source_hash(text: str, path: str, syntax: MarkdownSyntax = DEFAULT_SYNTAX) -> str:
    """A short stable hash of the translatable content: segment kinds, contexts, texts, tags.

    Dates, slugs, image paths, notes, code, comments and line positions do not
    take part, so changing them does not outdate a translation.

    >>> a = source_hash("---\\ntitle: A\\ndate: 2024-01-01\\n---\\nText.\\n", "a.md")
    >>> a == source_hash("---\\ntitle: A\\ndate: 2025-01-01\\n---\\n\\nText.\\n", "a.md")
    True
    """
    segments, tags = analyse(text, path, syntax)
    payload = json.dumps(
        [[[s.kind, s.context, s.text] for s in segments], list(tags)], ensure_ascii=False
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]
