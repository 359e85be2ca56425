"""Front-matter values in messages: no Python repr, dates explained."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from multipub.content.meta_values import date_problem, impossible_date, shown_value


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_a_date_without_zeros_gets_the_form_to_write(day: dt.date) -> None:
    loose = f"{day.year}-{day.month}-{day.day}"
    problem = date_problem(loose)
    if loose == day.isoformat():
        assert problem == f'"{loose}" is not a date in the form YYYY-MM-DD; write it as {loose}'
    else:
        assert problem is not None and problem.endswith(f"write it as {day.isoformat()}")


@given(st.text())
def test_messages_never_show_python(value: str) -> None:
    for shown in (date_problem(value) or "", shown_value(value)):
        assert "'" not in shown.replace(value, "")  # quotes are the author's text only
        assert "None" not in shown.replace(value, "")


def test_impossible_dates_say_why() -> None:
    assert date_problem("2023-02-29") == (
        '"2023-02-29" is not a date: day is out of range for month; write a real date as '
        "YYYY-MM-DD")
    assert impossible_date("2024-13-01").startswith("2024-13-01 is not a date: month must be")
    assert date_problem({"rok": 2024}) == (
        "is a mapping, not a date; write one date as YYYY-MM-DD (year, month, day: 2024-03-05)")
