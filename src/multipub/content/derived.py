"""Versions made from another version by transliteration (Belarusian in Łacinka).

A *derived* language has no files of its own: its article text is made at
build time from the published text of the language it is derived from, so
it can never be stale.  :data:`SCRIPTS` names the transliterations there are;
:func:`derive_document` makes one whole article file (front matter and body)
in the derived script.

Only what a reader reads changes: every segment of the document (title,
summary, caption, credit, headings, paragraphs, list items, table cells, alt
texts, see :mod:`.segment`), written back through :mod:`.writeback`, so front
matter keys, code blocks, raw HTML blocks, link destinations and reference
labels stay as they are.

>>> doc = "---\\ntitle: Навіны\\ndate: 2026-12-03\\n---\\n# Дзень\\n\\n```\\nкод\\n```\\n"
>>> print(derive_document(doc, "be.md", "lacinka"), end="")
---
title: Naviny
date: 2026-12-03
---
# Dzień
<BLANKLINE>
```
код
```
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from .lacinka import markup_to_lacinka
from .segment import segment_document
from .syntax import DEFAULT_SYNTAX, MarkdownSyntax
from .writeback import apply_translations

__all__ = ["SCRIPTS", "Script", "derive_document", "reference_labels", "script_for"]


@dataclass(frozen=True)
class Script:
    """A transliteration from one language's script to another."""

    name: str
    """The name ``derived_languages`` gives it (``lacinka``)."""
    source: str
    """The language code it transliterates from (``be``)."""
    code: str
    """The BCP 47 tag of its output (``be-Latn``)."""
    transliterate: Callable[[str, Collection[str]], str]
    """``transliterate(text, reference_labels)``: a text with inline markup, converted."""


SCRIPTS: dict[str, Script] = {
    "lacinka": Script("lacinka", "be", "be-Latn", markup_to_lacinka),
}
"""Every script a derived language can be written in, by name."""

_DEFINITION = re.compile(r"(?m)^[ ]{0,3}\[([^\]^][^\]]*)\]:")


def reference_labels(text: str) -> set[str]:
    """The labels of the link reference definitions of *text*, lower-cased.

    >>> sorted(reference_labels("[Мінск]: https://minsk.by\\n [a b]: /x\\n[^1]: нота\\n"))
    ['a b', 'мінск']
    """
    return {m.group(1).strip().lower() for m in _DEFINITION.finditer(text)}


def derive_document(text: str, path: str, script: str, *, front_matter: bool = True,
                    syntax: MarkdownSyntax = DEFAULT_SYNTAX) -> str:
    """The article file *text* (front matter and Markdown) written in *script*.

    *path* names the file in error messages (it was parsed before, so errors are
    not expected).  With *front_matter* false, the front matter is left as it is
    (the body then starts where it started in *text*).  *syntax* is the
    project's ``[markdown]`` configuration, as the source was segmented with.
    """
    convert = SCRIPTS[script].transliterate
    labels = reference_labels(text)
    segments = segment_document(text, path, syntax)
    if not front_matter:
        segments = [seg for seg in segments if not seg.key]
    return apply_translations(text, segments, lambda seg: convert(seg.text, labels), path)


def script_for(code: str) -> Script | None:
    """The script whose output has the language tag *code* (``None``: not a derived one).

    >>> script_for("be-Latn").name, script_for("be")
    ('lacinka', None)
    """
    return next((s for s in SCRIPTS.values() if s.code == code), None)
