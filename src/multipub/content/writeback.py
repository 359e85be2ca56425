"""Write translations back into the source Markdown.

:func:`apply_translations` replaces only the spans of the segments that have a
translation and keeps every other byte: front matter keys, order, comments and
quoting, list markers and numbering, indentation, blank lines, table pipes,
and the line prefixes (``>``, list indentation) of paragraphs written over
several lines.  Translating every segment to its own text gives the source
back byte for byte.

How a translation is fitted into the source (the *safe* behaviours):

- A paragraph-like segment (paragraph, list item, block quote, footnote)
  keeps the source's line structure where lines carry meaning and is
  otherwise written on one line: a hard break (two trailing spaces, ``\\n``
  in the msgid and the translation) stays a line end, and a source written
  one sentence a line stays so when the translation has as many sentences.
  Continuation lines keep their original prefix (``>``, list indentation).
  Lines of markup only (shortcodes such as ``{{< note >}}``, HTML tags) and
  fenced code are not part of any segment, so they stay as they are.
  Whitespace inside the translation is kept: code spans stay byte-identical.
- An implicit reference (``[text][]``, ``[text]``, ``![alt][]``) whose text
  is translated gets the source text as explicit label (``[tekst][text]``), so
  it still names its definition.
- A continuation line never starts with something that would begin another
  block (``#``, ``>``, ``- ``, ``1. ``, ``|``, ``---``, ``===``, ``<``, a fence,
  ``[id]:``): such a word stays on the line before.  The first line is
  escaped instead (``\\#``, ``\\-``, ``1\\.``, ``\\>``, ``&lt;div``...), so a
  translated paragraph stays a paragraph.
- Single-line kinds (headings, table cells, link and image titles, image alt
  text) get newlines replaced by spaces; ``|`` is escaped in table cells,
  brackets in image alt text, a leading or trailing ``#`` in headings.
- Front matter values are re-quoted only when the new text needs it
  (see :func:`multipub.content.frontmatter.replace_value`).
- ``None``, an empty or blank translation keeps the source text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from .frontmatter import Document, parse_document
from .frontmatter_edit import replace_values
from .segment import SINGLE_LINE_KINDS, Segment, hard_break_after

__all__ = ["apply_translations"]

_NEWLINE = re.compile(r"\r\n|\n|\r")
_BLOCK_TAG = (
    r"(?:address|article|aside|blockquote|details|div|dl|fieldset|figcaption|figure|footer|form"
    r"|h[1-6]|header|hgroup|hr|main|menu|nav|ol|p|pre|section|table|ul|canvas|colgroup|dd|body"
    r"|dt|group|html|iframe|li|legend|math|map|noscript|output|object|option|progress|script"
    r"|style|summary|tbody|td|textarea|tfoot|th|thead|tr|video|center)\b"
)
# A continuation line starting like this would open another block.  Of what starts with
# "<", only comments, declarations, end tags and block-level tags can (inline HTML such
# as <b> continues the paragraph, as it did in the source).
_DANGER = re.compile(
    r"(?:#|>|[*+-](?:\s|$)|\d+\.(?:\s|$)|\||\[[^\]]*\]:|<(?:[!?/]|(?i:" + _BLOCK_TAG + r"))"
    r"|`{3}|~{3}|=+\s*$|(?:[-*_]\s{0,2}){3,}$)"
)
_FIRST_LINE_ESCAPES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"([-*_])(?=(?:\s{0,2}\1){2,}\s*$)"), r"\\\1"),
    (re.compile(r"([#>|*+-])"), r"\\\1"),
    (re.compile(r"(\d+)\.(?=\s|$)"), r"\1\\."),
    (re.compile(r"(`{3})"), r"\\\1"),
    (re.compile(r"~(?=~~)"), "&#126;"),
    (re.compile(r"\[(?=[^\]]*\]:)"), r"\\["),
    (re.compile(r"<(?=!--|" + _BLOCK_TAG + ")", re.I), "&lt;"),
)
_FIRST_LINE_DANGER = re.compile(
    r"(?:#|>|\||[*+-](?:\s|$)|\d+\.(?:\s|$)|`{3}|~{3}|\[[^\]]*\]:|<(?:!--|" + _BLOCK_TAG + ")"
    r"|(?:[-*_]\s{0,2}){3,}$)",
    re.I,
)


def _escape_first(line: str) -> str:
    """Escape a leading construct that would turn the line into another block."""
    if not _FIRST_LINE_DANGER.match(line):
        return line
    for pattern, repl in _FIRST_LINE_ESCAPES:
        new = pattern.sub(repl, line, count=1)
        if new != line and pattern.match(line):
            return new
    return line  # pragma: no cover - every dangerous start has an escape


def _escape_pipes(text: str) -> str:
    """Escape ``|`` outside code spans so a table cell stays one cell."""
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            out.append(text[i:i + 2])
            i += 2
            continue
        if ch == "`":
            run = len(text[i:]) - len(text[i:].lstrip("`"))
            close = text.find("`" * run, i + run)
            if close >= 0:
                out.append(text[i:close + run])
                i = close + run
                continue
        out.append("\\|" if ch == "|" else ch)
        i += 1
    return "".join(out)


def _single_line(seg: Segment, translation: str) -> str:
    line = " ".join(translation.split())
    if seg.kind == "table cell":
        return _escape_pipes(line)
    if seg.kind == "image alt":
        return re.sub(r"(?<!\\)([\[\]])", r"\\\1", line)
    if seg.kind == "heading":
        if line.startswith("#"):
            line = "\\" + line
        if line.endswith("#") and not line.endswith("\\#"):
            line = line[:-1] + "\\#"
    return line


_SENTENCE_END = re.compile(r"[.!?…][\"'»”’)\]*_]*(?:\s+|$)")
_ENDS = frozenset(".!?\u2026\"'\u00bb\u201d\u2019)]*_")
_CODE_SPAN = re.compile(r"(`+).+?(?<!`)\1(?!`)", re.S)


def _sentences(text: str) -> list[str]:
    """*text* cut after each sentence end (code spans are not looked into)."""
    masked = _CODE_SPAN.sub(lambda m: "x" * len(m.group()), text)
    out, pos = [], 0
    for m in _SENTENCE_END.finditer(masked):
        if m.end() < len(text) or m.end() - pos:
            out.append(text[pos:m.end()].rstrip())
            pos = m.end()
    if text[pos:].strip():
        out.append(text[pos:].strip())
    return [piece for piece in out if piece]


def _lines_of(source_lines: list[str], translation: str) -> list[str]:
    """The lines one hard-break group of a translation is written on.

    One sentence a line when the source has one sentence on each of its lines
    and the translation has as many sentences; else one line.  Whitespace
    inside the line is kept as translated (code spans stay byte-identical).
    """
    translation = translation.strip()
    count = len(source_lines)
    if count > 1 and all(line.rstrip()[-1:] in _ENDS for line in source_lines[:-1]) and len(
        _sentences(" ".join(source_lines))) == count and all(
        len(_sentences(line)) == 1 for line in source_lines
    ):
        pieces = _sentences(translation)
        if len(pieces) == count:
            return pieces
    return [translation]


def _continuation_prefix(text: str, seg: Segment) -> str:
    if len(seg.spans) > 1:
        inter = text[seg.spans[-2][1]:seg.spans[-1][0]]
        m = _NEWLINE.search(inter)
        if m:
            return inter[m.end():]
    start = seg.spans[0][0]
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    prefix = text[line_start:start]
    if prefix.isspace() or not prefix:
        return prefix
    prefix = _FOOTNOTE_MARK.sub(_blanks, prefix)
    return _LIST_MARK.sub(_blanks, prefix)


_FOOTNOTE_MARK = re.compile(r"\[\^[^\]]*\]:")
_LIST_MARK = re.compile(r"(\d+\.|[*+-])(?=\s)")


def _blanks(m: re.Match[str]) -> str:
    return " " * len(m.group())


def _paragraph(text: str, seg: Segment, translation: str) -> str:
    spans = seg.spans
    n = len(spans)
    hard_src = [hard_break_after(text, spans[i][1]) for i in range(n - 1)]
    src_groups: list[list[str]] = [[]]
    for i, (a, b) in enumerate(spans):
        src_groups[-1].append(text[a:b])
        if i < n - 1 and hard_src[i]:
            src_groups.append([])
    groups = [g for g in translation.split("\n") if g.strip()]
    out: list[tuple[str, bool]] = []  # (line, hard break after it)
    for j, group in enumerate(groups):
        lines = _lines_of(src_groups[j] if j < len(src_groups) else [], group)
        for k, line in enumerate(lines):
            if not out:
                out.append((_escape_first(line), False))
            elif _DANGER.match(line) and (k > 0 or _escape_first(line) == line):
                prev, hard = out.pop()
                out.append((prev + " " + line, hard))
            else:
                out.append((_escape_first(line) if k == 0 else line, False))
        out[-1] = (out[-1][0], j < len(groups) - 1)
    m = _NEWLINE.search(text, spans[-1][1])
    newline = m.group() if m else "\n"
    prefix = _continuation_prefix(text, seg)
    pieces = [out[0][0]]
    for k in range(1, len(out)):
        hard = out[k - 1][1]
        inter = text[spans[k - 1][1]:spans[k][0]] if k < n else ""
        nm = _NEWLINE.search(inter)
        if nm:
            ws, nl, pre = inter[:nm.start()], nm.group(), inter[nm.end():]
            if hard != hard_src[k - 1]:
                ws = "  " if hard else ""
        else:
            ws, nl, pre = ("  " if hard else ""), newline, prefix
        pieces.append(ws + nl + pre + out[k][0])
    return "".join(pieces)


_REFERENCE = re.compile(
    r"(?<![\\\]])(?<!\]\s)(!?)\[((?:\\.|[^\[\]\\^])(?:\\.|[^\[\]\\])*)\](\[\])?(?!\(|\s?\[)"
)
_DEFINITION = re.compile(r"(?m)^[ \t>]*\[([^\]^][^\]]*)\]:")


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def _references(text: str) -> list[re.Match[str]]:
    """``[text]``, ``[text][]`` and their image forms outside code spans."""
    found: list[re.Match[str]] = []
    pos = 0
    for code in [*_CODE_SPAN.finditer(text), None]:
        stop = code.start() if code else len(text)
        found.extend(_REFERENCE.finditer(text, pos, stop))
        pos = code.end() if code else stop
    return found


def _explicit_labels(msgid: str, translation: str, defined: frozenset[str]) -> str:
    """*translation* with each implicit reference whose text changed given the source's label.

    An implicit reference (``[text][]``, ``[text]``, ``![alt][]``) names its
    definition by its text; translating the text would break it, so it becomes
    ``[translated text][text]``.  References are paired by order; when the
    translation has another number of bracketed texts nothing is changed.
    """
    if not defined:
        return translation
    source = _references(msgid)
    if not source:
        return translation
    target = _references(translation)
    if len(target) != len(source):
        return translation
    out, pos = [], 0
    for old, new in zip(source, target, strict=True):
        if _label(old.group(2)) not in defined or _label(new.group(2)) == _label(old.group(2)):
            continue
        out.append(translation[pos:new.start()])
        out.append(f"{new.group(1)}[{new.group(2)}][{old.group(2)}]")
        pos = new.end()
    out.append(translation[pos:])
    return "".join(out)


def _lookup(meta: Any, keypath: tuple[str, ...]) -> Any:
    for part in keypath:
        meta = meta.get(part) if isinstance(meta, dict) else None
    return meta


def apply_translations(
    text: str,
    segments: Sequence[Segment],
    translate: Callable[[Segment], str | None],
    path: str,
    doc: Document | None = None,
) -> str:
    """The translated Markdown: *text* with each segment replaced by ``translate(segment)``.

    *segments* come from :func:`multipub.content.segment.segment_document` for the
    same *text*.  ``None`` (untranslated, fuzzy) keeps the source text.
    *doc*, if given, is ``parse_document(text, path)`` (a caller that has it
    saves parsing the front matter again).

    >>> from multipub.content.segment import segment_document
    >>> src = "---\\ntitle: Klastry\\n---\\n> Spotkania.\\n> W Grodnie.\\n"
    >>> tr = {"Klastry": "Кластеры", "Spotkania. W Grodnie.": "Встречи. В Гродно."}
    >>> print(apply_translations(src, segment_document(src, "a.md"), lambda s: tr.get(s.text),
    ...                          "a.md"), end="")
    ---
    title: Кластеры
    ---
    > Встречи.
    > В Гродно.
    """
    edits: list[tuple[int, int, str]] = []
    front: list[tuple[Segment, str]] = []
    defined: frozenset[str] = frozenset()
    definitions_read = False
    for seg in segments:
        translation = translate(seg)
        if translation is None or translation == seg.text or not translation.strip():
            continue
        if seg.key:
            front.append((seg, translation))
            continue
        if ("[" in seg.text and "]" in seg.text) or seg.kind == "image alt":
            if not definitions_read:
                defined = frozenset(_label(m.group(1)) for m in _DEFINITION.finditer(text))
                definitions_read = True
            translation = _explicit_labels(seg.text, translation, defined)
        if seg.kind == "image alt":
            start, end = seg.spans[0]
            after = text[end:end + 3]
            implicit = after[:1] == "]" and after[:2] != "](" and (
                after[:2] != "][" or after == "][]")  # ![alt][] or ![alt]: alt is the label
            if implicit and _label(seg.text) in defined and _label(seg.text) != _label(
                translation
            ):
                edits.append((start, end + (2 if after == "][]" else 0),
                              _single_line(seg, translation) + "][" + text[start:end]))
            else:
                edits.append((start, end, _single_line(seg, translation)))
        elif seg.kind in SINGLE_LINE_KINDS:
            edits.append((seg.spans[0][0], seg.spans[-1][1], _single_line(seg, translation)))
        else:
            edits.append((seg.spans[0][0], seg.spans[-1][1], _paragraph(text, seg, translation)))
    edits.sort()
    out: list[str] = []
    pos = 0
    for start, end, replacement in edits:
        if start < pos:
            continue
        out.append(text[pos:start])
        out.append(replacement)
        pos = end
    out.append(text[pos:])
    result = "".join(out)
    if not front:
        return result
    if doc is None:
        doc = parse_document(result, path)  # the body edits left the front matter as it was
    changes: list[tuple[tuple[str, ...], str]] = []
    for seg, translation in front:
        old = _lookup(doc.meta, seg.key)
        if seg.key not in doc.spans or not isinstance(old, str):
            continue
        core = translation.strip() if "\n" in seg.text else " ".join(translation.split())
        lead = old[: len(old) - len(old.lstrip())]
        trail = old[len(old.rstrip()):]
        changes.append((seg.key, lead + core + trail))
    return replace_values(result, doc, changes)
