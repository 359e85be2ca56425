"""The ``derived_languages`` key of ``multipub.toml``: versions made by transliteration.

::

    derived_languages = [{code = "be-Latn", from = "be", script = "lacinka"}]

or, the same, as tables::

    [[derived_languages]]
    code = "be-Latn"
    from = "be"
    script = "lacinka"

``script`` names one of :data:`multipub.content.derived.SCRIPTS`; ``from`` is the
configured language (source or target) it transliterates, which must be the one
the script reads; ``code`` is the BCP 47 tag of the result, used in URLs
(``/be-Latn/...``) and ``hreflang``: the script's own (it may be left out).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..content.derived import SCRIPTS
from ..errors import Problem
from ..languages import is_known_language

__all__ = ["DerivedLanguage", "parse_derived_languages"]

_KEYS = ("code", "from", "script")


@dataclass(frozen=True)
class DerivedLanguage:
    """A language whose pages are made from another's by transliteration."""

    code: str
    """BCP 47 tag of the derived version (``be-Latn``), as in its URLs."""
    source: str
    """The configured language it is made from (``be``)."""
    script: str
    """The name of the transliteration (``lacinka``)."""


def _item_lines(lines: Sequence[str]) -> tuple[int | None, list[int]]:
    """The line of the key, and the line where each item of the list starts."""
    for i, line in enumerate(lines, 1):
        if re.match(r"^\s*\[\[\s*derived_languages\s*\]\]", line):
            tables = [j for j, text in enumerate(lines, 1)
                      if re.match(r"^\s*\[\[\s*derived_languages\s*\]\]", text)]
            return i, tables
        if re.match(r"^\s*derived_languages\s*=", line):
            return i, _inline_items(lines, i)
    return None, []


def _inline_items(lines: Sequence[str], first: int) -> list[int]:
    """Lines where each ``{`` of the inline list that starts on line *first* is."""
    items: list[int] = []
    depth = 0
    for j in range(first, len(lines) + 1):
        text = lines[j - 1].split("=", 1)[1] if j == first else lines[j - 1]
        for ch in re.sub(r'"[^"]*"|\'[^\']*\'|#.*', "", text):
            if ch in "[{":
                if ch == "{" and depth == 1:
                    items.append(j)
                depth += 1
            elif ch in "]}":
                depth -= 1
                if depth == 0:
                    return items
    return items


def parse_derived_languages(value: Any, lines: Sequence[str], shown: str,
                            languages: Sequence[str]) -> tuple[tuple[DerivedLanguage, ...],
                                                               list[Problem]]:
    """Validate the value of ``derived_languages``: the languages and every problem.

    *lines* are the lines of the file (for the line of each problem), *languages*
    the configured ones (source first).
    """
    key_line, item_lines = _item_lines(lines)
    problems: list[Problem] = []

    def problem(index: int | None, message: str) -> None:
        line = item_lines[index] if index is not None and index < len(item_lines) else key_line
        where = f"derived_languages[{index}]" if index is not None else "derived_languages"
        problems.append(Problem(shown, line, f"{where}: {message}"))

    if not isinstance(value, list):
        problem(None, 'must be a list of tables, e.g. [{code = "be-Latn", from = "be", '
                      'script = "lacinka"}]')
        return (), problems
    found: list[DerivedLanguage] = []
    taken = set(languages)
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            problem(index, "must be a table with code, from and script")
            continue
        unknown = sorted(set(item) - set(_KEYS))
        if unknown:
            problem(index, f"unknown key {unknown[0]!r}; known keys: {', '.join(_KEYS)}")
        script_name, source = item.get("script"), item.get("from")
        script = SCRIPTS.get(script_name) if isinstance(script_name, str) else None
        if script is None:
            problem(index, f"script: {script_name!r} is not a script multipub knows; known: "
                           f"{', '.join(sorted(SCRIPTS))}")
        if not isinstance(source, str) or source not in languages:
            problem(index, f"from: {source!r} is not a language of this project "
                           f"({', '.join(languages)})")
            source = None
        elif script is not None and source != script.source:
            problem(index, f"from: the {script.name} script is made from {script.source!r}, "
                           f"not {source!r}")
            source = None
        if "code" not in item and script is None:
            continue  # the code would be the script's: the script's problem is said
        code = item.get("code", script.code if script is not None else None)
        if not isinstance(code, str) or not is_known_language(code):
            problem(index, f"code: {code!r} is not a language tag multipub knows"
                           + (f" (use {script.code!r})" if script is not None else ""))
            continue
        if code in taken:
            problem(index, f"code: {code!r} is already a language of this project")
            continue
        if script is not None and code != script.code:
            problem(index, f"code: the {script.name} script writes {script.code!r}, "
                           f"not {code!r}")
            continue
        if script is None or source is None:
            continue
        taken.add(code)
        found.append(DerivedLanguage(code, source, script.name))
    return tuple(found), problems
