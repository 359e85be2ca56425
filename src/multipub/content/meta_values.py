"""Front-matter values in messages: shown as the author wrote them, never as Python.

Errors about front matter are read by editors, not programmers: a value is
quoted as text (``"5 maja 2024"``), a number as the number, a list or a
mapping by its kind, and an unreadable date says what is wrong and what is
expected (:func:`date_problem`).

May import only the standard library.

>>> shown_value("5 maja 2024"), shown_value(20240105), shown_value([1]), shown_value(None)
('"5 maja 2024"', '20240105', 'a list', 'nothing')
>>> date_problem("2024-3-5")
'"2024-3-5" is not a date in the form YYYY-MM-DD; write it as 2024-03-05'
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

__all__ = ["date_problem", "impossible_date", "kind_of", "shown_value"]

EXPECTED = "YYYY-MM-DD (year, month, day: 2024-03-05)"
"""How a date in front matter is written."""


def kind_of(value: Any) -> str:
    """What *value* is, in words: ``"text"``, ``"number"``, ``"list"``, ...

    >>> kind_of("x"), kind_of(True), kind_of(2.5), kind_of({}), kind_of(dt.date(2024, 1, 1))
    ('text', 'true/false', 'number', 'mapping', 'date')
    """
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, dt.date):
        return "date"
    if value is None:
        return "nothing"
    return "value"


def shown_value(value: Any) -> str:
    """*value* as a message shows it: text in double quotes, a number or date as
    written, ``true``/``false``, else its kind (``a list``, ``a mapping``, ``nothing``)."""
    if isinstance(value, str):
        return '"' + value.replace("\n", " ") + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | dt.date):
        return str(value)
    kind = kind_of(value)
    return kind if kind == "nothing" else f"a {kind}"


_LOOSE_DATE = re.compile(r"\s*(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?![\d])\s*")
"""A year, month and day in that order, with other separators or without zeros."""


def date_problem(value: Any) -> str | None:
    """What is wrong with *value* as the ``date`` of front matter (``None``: nothing).

    >>> date_problem(dt.date(2024, 3, 5)) is None
    True
    >>> date_problem("5 maja 2024")
    '"5 maja 2024" is not a date in the form YYYY-MM-DD (year, month, day: 2024-03-05)'
    >>> date_problem("2024.02.30")
    '"2024.02.30" is not a date: day is out of range for month; write a real date as YYYY-MM-DD'
    >>> date_problem(None)
    'is empty; write the publication date as YYYY-MM-DD (year, month, day: 2024-03-05)'
    >>> date_problem(["2024-03-05"])
    'is a list, not a date; write one date as YYYY-MM-DD (year, month, day: 2024-03-05)'
    """
    if isinstance(value, dt.date):
        return None
    if value is None or (isinstance(value, str) and not value.strip()):
        return f"is empty; write the publication date as {EXPECTED}"
    if not isinstance(value, str | int):
        return f"is {shown_value(value)}, not a date; write one date as {EXPECTED}"
    shown = shown_value(value)
    loose = _LOOSE_DATE.fullmatch(str(value))
    if loose is None:
        return f"{shown} is not a date in the form {EXPECTED}"
    why = _calendar_error(*loose.groups())
    if why is not None:
        return f"{shown} is not a date: {why}; write a real date as YYYY-MM-DD"
    year, month, day = (int(part) for part in loose.groups())
    return (f"{shown} is not a date in the form YYYY-MM-DD; write it as "
            f"{dt.date(year, month, day).isoformat()}")


def _calendar_error(year: str, month: str, day: str) -> str | None:
    """Why the calendar has no such day (``None``: it has)."""
    try:
        dt.date(int(year), int(month), int(day))
    except ValueError as exc:
        return str(exc)
    return None


def impossible_date(written: str) -> str:
    """The message for a date or time YAML reads as one but the calendar or clock lacks.

    >>> impossible_date("2024-02-30")
    '2024-02-30 is not a date: day is out of range for month; write a real date as YYYY-MM-DD'
    >>> impossible_date("2024-02-03 25:00:00")
    '2024-02-03 25:00:00 is not a date and time; write it as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS'
    """
    loose = _LOOSE_DATE.match(written)
    why = _calendar_error(*loose.groups()) if loose is not None else None
    if why is not None:
        return f"{written} is not a date: {why}; write a real date as YYYY-MM-DD"
    return f"{written} is not a date and time; write it as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS"
