"""The language of one translated text, for the ``wrong-language`` entry check.

:func:`foreign_passages` finds the parts of a translation that are in
another language than their catalogue: the whole text, or single sentences
of a longer one (a Russian sentence left in a Belarusian paragraph).  It
abstains rather than accuses:

* a passage is reported only when :func:`~multipub.quality.langid.detect`
  is at least :data:`REPORT_CONFIDENCE` sure of another language, with the
  catalogue's language as the context (a prior), so a short text needs
  strong evidence to outweigh its surroundings;
* a passage of fewer than :data:`MIN_LETTERS` letters is never judged, and
  one shorter than :data:`SHORT` characters only when it also has a letter
  the catalogue's orthography does not write (и or щ in Belarusian, і or ў
  in Russian, ą or ż in Łacinka).

Each passage carries the confidence; the check's severity follows it
(:func:`severity`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..langid import Detection, detect, foreign_letters, same_language, strip_markup
from .text import sentences

__all__ = ["MIN_LETTERS", "REPORT_CONFIDENCE", "SHORT", "Passage", "foreign_passages",
           "severity"]

#: Passages with fewer letters are never judged.
MIN_LETTERS = 8
#: Passages shorter than this (characters, markup removed) need orthographic evidence.
SHORT = 30
#: The confidence below which nothing is reported.
REPORT_CONFIDENCE = 0.9
#: From this confidence on, a finding is a warning; below it, information.
WARNING_CONFIDENCE = 0.99


@dataclass(frozen=True)
class Passage:
    """A part of a translation in another language."""

    text: str
    language: str
    confidence: float
    whole: bool
    """Whether the passage is the whole text (else one of its sentences)."""


def severity(passage: Passage) -> str:
    """``warning`` for a confidence of :data:`WARNING_CONFIDENCE` or more, else ``info``."""
    return "warning" if passage.confidence >= WARNING_CONFIDENCE else "info"


def _foreign(found: Detection, text: str, language: str) -> bool:
    if (found.language is None or found.confidence < REPORT_CONFIDENCE
            or same_language(found.language, language)):
        return False
    plain = strip_markup(text)
    if sum(ch.isalpha() for ch in plain) < MIN_LETTERS:
        return False
    return len(plain) >= SHORT or bool(foreign_letters(text, language))


def foreign_passages(text: str, language: str, candidates: Sequence[str]) -> list[Passage]:
    """The passages of *text* (a translation into *language*) in another language.

    The whole text, unless it has more than one sentence and one of them is
    in *language*: then the sentences that are not.

    >>> be = "Мы ішлі праз лес. Я не знаю, что мне делать дальше с этим. Потым была рака."
    >>> [(p.text, p.language) for p in foreign_passages(be, "be", ["ru", "be", "uk"])]
    [('Я не знаю, что мне делать дальше с этим.', 'ru')]
    """
    whole = detect(text, candidates, context=language)
    parts = sentences(text)
    found_parts = [(part, detect(part, candidates, context=language)) for part in parts
                   ] if len(parts) > 1 else []
    own = any(d.language is not None and d.confidence >= REPORT_CONFIDENCE
              and same_language(d.language, language) for _part, d in found_parts)
    if _foreign(whole, text, language) and not own:
        assert whole.language is not None
        return [Passage(text, whole.language, whole.confidence, True)]
    out: list[Passage] = []
    for part, found in found_parts:
        if _foreign(found, part, language):
            assert found.language is not None
            out.append(Passage(part, found.language, found.confidence, False))
    return out
