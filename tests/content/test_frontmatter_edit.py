"""multipub.content.frontmatter_edit: values changed in place, every other byte kept."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from multipub.content.frontmatter import parse_document
from multipub.content.frontmatter_edit import (
    format_scalar,
    replace_value,
    replace_values,
    set_scalar,
)
from multipub.errors import ContentError

DATA = Path(__file__).parents[1] / "data" / "md"

SOURCE = """---
title: Klastry na Białorusi
date: 2024-03-05
tags:
  - Białoruś
  - klastry
image:
  src: a.jpg
  caption: 'Uczestnicy spotkania'
---
Body starts here.
"""


@pytest.mark.parametrize(
    ("value", "written"),
    [("Nowy tytuł", "Nowy tytuł"), ("true", "'true'"), ("12", "'12'"), ("a: b", "'a: b'"),
     ("# x", "'# x'"), ("line\nbreak", '"line\\nbreak"'), ("", "''"), (" lead", "' lead'"),
     ("tab\there", "'tab\there'"), ("bell\x07", '"bell\\x07"')],
)
def test_format_scalar_reads_back(value: str, written: str) -> None:
    assert format_scalar(value) == written
    assert yaml.safe_load("k: " + written) == {"k": value}


def test_replace_value_keeps_other_bytes() -> None:
    doc = parse_document(SOURCE, "a.md")
    out = replace_value(SOURCE, doc, ("image", "caption"), "Uczestnicy: spotkania")
    assert out == SOURCE.replace("'Uczestnicy spotkania'", "'Uczestnicy: spotkania'")
    out = replace_value(SOURCE, doc, ("tags", "0"), "Беларусь")
    assert out == SOURCE.replace("  - Białoruś", "  - Беларусь")
    assert replace_value(SOURCE, doc, ("title",), "Klastry na Białorusi") == SOURCE


def test_replace_value_in_flow_and_block_styles() -> None:
    text = "---\ntags: [a, b]\nsummary: >-\n  folded\n  text\nx: \"q\"\n---\n"
    doc = parse_document(text, "a.md")
    out = replace_value(text, doc, ("tags", "1"), "c, d")
    assert parse_document(out, "a.md").meta["tags"] == ["a", "c, d"]
    assert out.startswith("---\ntags: [a, 'c, d']\n")
    out = replace_value(text, doc, ("summary",), "nowy tekst")
    assert "summary: >-\n  nowy tekst\nx:" in out
    out = replace_value(text, doc, ("x",), "nowe")
    assert 'x: "nowe"\n' in out


_FLOW = "---\ntags: [a, b]\nsummary: >-\n  folded\n  text\nx: \"q\"\ntitle: plain\n---\nBody\n"
_VALUES = st.one_of(
    st.sampled_from(["", "nowy", "a: b", "#x", "'q'", '"dq"', " lead", "trail ", "c, d",
                     "[x]", "{y}", "- z", "two\nlines", "Беларусь", "yes", "1.5", "~", "a\tb"]),
    st.text(max_size=20),
)


@given(st.dictionaries(st.sampled_from([("tags", "0"), ("tags", "1"), ("summary",), ("x",),
                                         ("title",)]), _VALUES, max_size=5))
def test_replace_values_equals_replacing_one_by_one(changes: dict[tuple[str, ...], str]) -> None:
    doc = parse_document(_FLOW, "a.md")
    expected = _FLOW
    for keypath, value in sorted(changes.items(), key=lambda item: -doc.spans[item[0]][0]):
        expected = replace_value(expected, parse_document(expected, "a.md"), keypath, value)
    out = replace_values(_FLOW, doc, list(changes.items()))
    meta = parse_document(out, "a.md").meta
    for keypath, value in changes.items():
        assert (meta[keypath[0]][int(keypath[1])] if len(keypath) > 1
                else meta[keypath[0]]) == value
    assert parse_document(expected, "a.md").meta == meta


def test_set_scalar() -> None:
    out = set_scalar(SOURCE, "translated_from", "0123456789abcdef", "a.md")
    assert out == SOURCE.replace("---\nBody", "translated_from: 0123456789abcdef\n---\nBody")
    again = set_scalar(out, "translated_from", "0000000000000000", "a.md")
    assert again == out.replace("0123456789abcdef", "'0000000000000000'")
    assert parse_document(again, "a.md").meta["translated_from"] == "0000000000000000"
    assert set_scalar("Body\n", "translated_from", "ab", "a.md") == (
        "---\ntranslated_from: ab\n---\nBody\n"
    )
    crlf = "---\r\ntitle: A\r\n---\r\nBody\r\n"
    assert set_scalar(crlf, "translated_from", "ab", "a.md") == (
        "---\r\ntitle: A\r\ntranslated_from: ab\r\n---\r\nBody\r\n"
    )
    with pytest.raises(ContentError) as info:
        set_scalar("---\ntranslated_from: [a]\n---\n", "translated_from", "ab", "a.md")
    assert info.value.line == 2


_SCALARS = st.one_of(
    st.text(max_size=12), st.integers(), st.booleans(), st.none(),
    st.floats(allow_nan=False), st.dates(),
    st.datetimes(timezones=st.one_of(st.none(), st.timezones())).map(
        lambda d: d.replace(microsecond=0)),
)
_YAML_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(min_size=1, max_size=6), inner,
                                                  max_size=3)), max_leaves=8)


