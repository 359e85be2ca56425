"""What a news site adds to a list of articles: sections, the lead story, summaries,
related articles.

- :func:`section_of` and :func:`featured` read an article's ``section:`` and
  ``featured:`` front matter (an unknown section id is an error at its line).
- :func:`front_order`: a language's articles as its front page shows them, the lead
  story first (the newest marked ``featured``, else the newest).
- :func:`excerpt`: the summary of a card: the front matter's ``summary``, else the
  first paragraph of the body, cut at the end of a sentence.

Pure functions of planned entries; may import the shared modules and
:mod:`multipub.project`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..errors import ContentError
from ..project.model import Article
from ..project.site_config import Section

if TYPE_CHECKING:
    from .plan import Entry

__all__ = ["EXCERPT_LENGTH", "RELATED", "excerpt", "featured", "first_paragraph",
           "front_order", "section_of", "shorten"]

EXCERPT_LENGTH = 220
"""Longest excerpt, in characters, when it can end at a sentence before that."""
RELATED = 3
"""Related articles an article page shows at most."""


def section_of(article: Article, sections: Sequence[Section]) -> str:
    """The section id the source of *article* names (``""``: none); an id that is not a
    configured section is an error at its line."""
    value = article.source.meta.get("section")
    if value is None:
        return ""
    known = [s.id for s in sections]
    if not isinstance(value, str) or value not in known:
        listed = ", ".join(known) if known else "none ([[sections]] in multipub.toml)"
        raise ContentError(f"section: {value!r} is not a section of the site; known: {listed}",
                           path=article.source.shown,
                           line=article.source.doc.lines.get(("section",)))
    return value


def featured(article: Article) -> bool:
    """Whether the source of *article* says ``featured: true`` (anything but true or false
    is an error at its line)."""
    value = article.source.meta.get("featured", False)
    if not isinstance(value, bool):
        raise ContentError(f"featured: must be true or false, not {value!r}",
                           path=article.source.shown,
                           line=article.source.doc.lines.get(("featured",)))
    return value


def front_order(entries: Sequence[Entry]) -> list[Entry]:
    """*entries* (newest first) with the lead story moved to the front: the newest marked
    ``featured``, else the newest."""
    lead = next((e for e in entries if e.featured), None)
    if lead is None:
        return list(entries)
    return [lead, *(e for e in entries if e is not lead)]


_NOT_PARAGRAPH = re.compile(r"^(#|!\[|[-*+] |\d+[.)] |>|\||```|~~~|<|    |\t|\[\^|\[[^\]]*\]:"
                            r"|(-{3,}|\*{3,}|_{3,}|={3,})\s*$)")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_FOOTNOTE = re.compile(r"\[\^[^\]]+\]")
_TAG = re.compile(r"<[^>]+>")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_]|[*_](?!\w)|`|\{:[^}]*\}")


def first_paragraph(body: str) -> str:
    """The text of the first paragraph of the Markdown *body*, inline markup removed.

    >>> first_paragraph("## Tytuł\\n\\n![x](a.png)\\n\\nTo **ważne** [zdanie](u). Drugie.\\n")
    'To ważne zdanie. Drugie.'
    """
    for block in re.split(r"\n[ \t]*\n", body):
        block = block.strip("\n")
        if not block.strip() or _NOT_PARAGRAPH.match(block.lstrip(" ")):
            continue
        text = _FOOTNOTE.sub("", _IMAGE.sub("", block))
        text = _EMPHASIS.sub("", _TAG.sub("", _LINK.sub(r"\1", text)))
        text = " ".join(text.replace("\\", "").split())
        if text:
            return text
    return ""


_SENTENCE_END = re.compile(r"[.!?…](?:[\"»”)\]]*)(?=\s+\S)")


def shorten(text: str, limit: int = EXCERPT_LENGTH) -> str:
    """*text* cut after its last sentence that ends within *limit* characters (the first
    sentence when even that is longer, cut at a word with ``…`` past twice the limit).

    >>> shorten("Pierwsze zdanie. Drugie zdanie jest dłuższe.", 30)
    'Pierwsze zdanie.'
    >>> shorten("Krótko.", 30)
    'Krótko.'
    """
    if len(text) <= limit:
        return text
    cut = 0
    for m in _SENTENCE_END.finditer(text):
        following = text[m.end():].lstrip()
        if following[:1].islower():  # "m.in. dalej", "ul. Długa": no sentence ends here
            continue
        if m.end() > limit and cut:
            break
        cut = m.end()
        if cut > limit:
            break
    if cut and cut <= 2 * limit:
        return text[:cut]
    words = text[:limit].rsplit(" ", 1)[0]
    return words.rstrip(",;:–- ") + "…"


def excerpt(entry: Entry) -> str:
    """The summary a card shows: ``summary`` of the front matter, else the first
    paragraph of the body, cut at a sentence."""
    return entry.summary or shorten(first_paragraph(entry.body))
