"""The site's keys of ``multipub.toml``: ``[[sections]]``, ``[images]`` and ``[search]``.

Parsed apart from the rest of the configuration (:mod:`multipub.project.config`
calls :func:`parse_site_keys`), every problem reported with its line::

    [[sections]]
    id = "aktualnosci"
    name = "Aktualności"        # a msgid of the UI catalogue (messages.pot)

(or, where top-level keys may follow, ``sections = [{id = "aktualnosci", name =
"Aktualności"}]``)

    [images]
    widths = [480, 960, 1600]   # responsive variants, never wider than the original

    [search]
    enabled = true              # default: true when the `search` extra is installed

>>> keys = parse_site_keys({"sections": [{"id": "a", "name": "A"}]}, lambda *a: None)
>>> keys.sections, keys.image_widths
((Section(id='a', name='A'),), (480, 960, 1600))
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["DEFAULT_WIDTHS", "SITE_KEYS", "Section", "SiteKeys", "parse_site_keys",
           "table_key_line"]

SITE_KEYS = ("sections", "images", "search")
"""Top-level keys this module reads."""
DEFAULT_WIDTHS = (480, 960, 1600)
"""``[images] widths`` when not configured."""
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

Report = Callable[[str, str, "str | None"], None]
"""``report(key, message, table)``: record a problem of *key* (in *table*)."""


@dataclass(frozen=True)
class Section:
    """A section of the site: its id (``section:`` of an article's front matter) and its
    name, the msgid its pages are titled with in every language."""

    id: str
    name: str


@dataclass(frozen=True)
class SiteKeys:
    """The validated values of the site's keys."""

    sections: tuple[Section, ...] = ()
    image_widths: tuple[int, ...] = DEFAULT_WIDTHS
    search: bool | None = None
    """``[search] enabled``: ``None`` when not set (on when the extra is installed)."""


def parse_site_keys(raw: Mapping[str, Any], report: Report) -> SiteKeys:
    """The site keys of the parsed TOML *raw*; problems go to *report*."""
    return SiteKeys(sections=_sections(raw.get("sections", []), report),
                    image_widths=_widths(raw.get("images", {}), report),
                    search=_search(raw.get("search", {}), report))


def _sections(value: Any, report: Report) -> tuple[Section, ...]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        report("sections", "must be an array of tables: [[sections]] with id and name", None)
        return ()
    found: list[Section] = []
    seen: set[str] = set()
    for number, table in enumerate(value, 1):
        where = f"sections[{number}]"
        for key in table:
            if key not in ("id", "name"):
                report(key, "unknown key; a section has id and name", where)
        ident, name = table.get("id"), table.get("name")
        if not isinstance(ident, str) or not _ID.match(ident):
            report("id", f"{ident!r} is not a section id; use lowercase letters a-z, digits "
                   "and hyphens", where)
            continue
        if not isinstance(name, str) or not name.strip():
            report("name", "must be a non-empty text (the msgid of the section's name)", where)
            continue
        if ident in seen:
            report("id", f"{ident!r} is used by two sections", where)
            continue
        seen.add(ident)
        found.append(Section(ident, name))
    return tuple(found)


def _widths(value: Any, report: Report) -> tuple[int, ...]:
    if not isinstance(value, dict):
        report("images", "must be a table: [images] with widths = [480, 960, 1600]", None)
        return DEFAULT_WIDTHS
    for key in value:
        if key != "widths":
            report(key, "unknown key; known keys: widths", "images")
    widths = value.get("widths", list(DEFAULT_WIDTHS))
    if (not isinstance(widths, list) or not widths
            or not all(type(w) is int and 16 <= w <= 8192 for w in widths)):
        report("widths", "must be a non-empty list of widths in pixels, from 16 to 8192",
               "images")
        return DEFAULT_WIDTHS
    return tuple(sorted(set(widths)))


def _search(value: Any, report: Report) -> bool | None:
    if not isinstance(value, dict):
        report("search", "must be a table: [search] with enabled = true or false", None)
        return None
    for key in value:
        if key != "enabled":
            report(key, "unknown key; known keys: enabled", "search")
    enabled = value.get("enabled")
    if enabled is not None and not isinstance(enabled, bool):
        report("enabled", "must be true or false", "search")
        return None
    return enabled


def table_key_line(lines: list[str], number: int, key: str) -> int | None:
    """The line of *key* in the *number*-th ``[[sections]]`` table of the TOML *lines*
    (the table's header when the key is not there)."""
    count = 0
    header: int | None = None
    for index, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped.startswith("["):
            if header is not None:
                break
            if stripped.replace(" ", "") == "[[sections]]":
                count += 1
                header = index if count == number else None
            continue
        if header is not None and re.match(rf"^{re.escape(key)}\s*=", stripped):
            return index
    return header
