"""Which lines of a block are text: the rules that cut a block into units.

The block parser (:mod:`.blocks`) finds a paragraph-like block; inside it,
lines that are no text end a unit: blank lines, placeholders, lines of markup
only (HTML tags, shortcodes such as ``{{< note >}}``), attribute lists on a
line of their own (``attr_list``), and fenced code written inside the block (a
fence in a list item or a quote, which Python-Markdown's block rules leave
there).  A heading's, term's or table cell's trailing attribute list is cut off.
"""

from __future__ import annotations

import re

from .tracked import Tracked

__all__ = ["text_runs"]

FENCE_OPEN_RE = re.compile(r"(`{3,})[^`]*$|(~{3,})")
"""A line that opens fenced code (CommonMark: no backtick in a backtick fence's info string)."""
MARKUP_LINE_RE = re.compile(
    r"(?:\s*(?:\{\{[<%].*?[%>]\}\}|</?[A-Za-z][^<>]*>|<!--.*?-->|\x02\d*\x03))+\s*$"
)
"""A line of HTML tags, shortcodes (``{{< x >}}``, ``{{% x %}}``) and placeholders only."""
ATTR_LINE_RE = re.compile(r"\{\:?[ ]*[^\}\n ][^\n]*\}[ ]*$")
"""A line that is an attribute list of the block above (``attr_list``)."""
ATTR_END_RE = re.compile(r"[ ]+\{\:?[ ]*[^\}\n ][^\n]*\}[ ]*$")
"""An attribute list ending a heading, a definition term or a table cell (``attr_list``)."""
_ATTR_END_KINDS = frozenset({"heading", "definition term", "table cell"})


def text_runs(block: Tracked, attr_list: bool, kind: str) -> list[list[Tracked]]:
    """The runs of text lines of *block* (stripped, with their positions), in order."""
    runs: list[list[Tracked]] = []
    lines: list[Tracked] = []
    rows = [row.strip() for row in block.split("\n")]
    closing = -1  # the last line of fenced code being skipped
    for i, line in enumerate(rows):
        s = line.s
        if i <= closing:
            text = False
        elif s[:3] in ("```", "~~~") and (m := FENCE_OPEN_RE.match(s)) is not None:
            closing = _fence_end(rows, i, m.group(1) or m.group(2))
            text = closing < 0  # an unclosed fence is text, as Python-Markdown has it
        else:
            text = bool(s) and (not MARKUP_LINE_RE.match(s) if s[0] in "<{\x02" else True)
            if text and attr_list and s[0] == "{" and ATTR_LINE_RE.match(s):
                text = False
        if text:
            lines.append(line)
            continue
        if lines:
            runs.append(lines)
        lines = []
    if lines:
        runs.append(lines)
    if attr_list and runs and kind in _ATTR_END_KINDS and "{" in runs[-1][-1].s:
        m = ATTR_END_RE.search(runs[-1][-1].s)
        if m:
            runs[-1][-1] = runs[-1][-1].cut(0, m.start())
    return runs


def _fence_end(rows: list[Tracked], start: int, fence: str) -> int:
    """The line closing the fence opened on line *start* (-1: none)."""
    for j in range(start + 1, len(rows)):
        row = rows[j].s.rstrip()
        if row.startswith(fence) and not row.strip(fence[0]):
            return j
    return -1
