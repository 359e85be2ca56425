"""Tests of multipub.content.frontmatter: parsing, errors with lines, in-place value changes."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from multipub.content.frontmatter import (
    format_scalar,
    parse_document,
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


def test_parse_document_fields() -> None:
    doc = parse_document(SOURCE, "a.md")
    assert doc.meta["title"] == "Klastry na Białorusi"
    assert doc.meta["date"] == datetime.date(2024, 3, 5)
    assert doc.meta["tags"] == ["Białoruś", "klastry"]
    assert doc.body == "Body starts here.\n" and doc.body_line == 11
    assert SOURCE[doc.body_offset:] == doc.body
    assert doc.lines[("title",)] == 2
    assert doc.lines[("tags", "1")] == 6
    assert doc.lines[("image", "caption")] == 9
    start, end = doc.spans[("image", "caption")]
    assert SOURCE[start:end] == "'Uczestnicy spotkania'"
    start, end = doc.spans[("title",)]
    assert SOURCE[start:end] == "Klastry na Białorusi"


def test_no_front_matter_and_empty_front_matter() -> None:
    doc = parse_document("# Just text\n", "a.md")
    assert doc.meta == {} and doc.body == "# Just text\n" and doc.body_line == 1
    doc = parse_document("---\n---\nBody\n", "a.md")
    assert doc.meta == {} and doc.body == "Body\n" and doc.body_line == 3
    doc = parse_document("---\ntitle: x\n...\nBody", "a.md")
    assert doc.meta == {"title": "x"} and doc.body == "Body"


def test_crlf_file() -> None:
    text = (DATA / "crlf.md").read_bytes().decode()
    doc = parse_document(text, "crlf.md")
    assert doc.meta == {"title": "Windows"} and doc.body_line == 4


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("---\ntitle: A\nx: !!python/object:os.system ls\n---\n", 3, "!!python/object"),
        ("---\ntitle: A\nx: !custom 1\n---\n", 3, "!custom"),
        ("---\ntitle: A\ndate: 2024-02-30\n---\n", 3, "impossible date 2024-02-30"),
        ("---\ntitle: A\ndate: !!timestamp nonsense\n---\n", 3, "impossible date nonsense"),
        ("---\ntitle: A\n\ntitle: B\n---\n", 4, "first on line 2, again on line 4"),
        ("---\nimage:\n  src: a\n  src: b\n---\n", 4, "duplicate key 'src'"),
        ("---\ntitle: A\n  bad: indent\n---\n", 3, "invalid YAML"),
        ("---\ntitle: [unclosed\nnext: 1\n---\n", 3, "expected ',' or ']'"),
        ("---\n- a list\n---\n", 2, "must be a mapping"),
        ("---\njust text\n---\n", 2, "must be a mapping"),
        ("---\ntitle: A\n", 1, "never closed"),
        ("---\na: &x 1\nb: *x\n---\n", 3, "aliases"),
        ("---\na: \x01\n---\n", 2, "U+0001"),
        ("---\n? [a, b]\n: c\n---\n", 2, "plain name"),
    ],
)
def test_errors_name_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(ContentError) as info:
        parse_document(text, "content/a/pl.md")
    assert info.value.path == "content/a/pl.md"
    assert info.value.line == line, str(info.value)
    assert words in info.value.message


def test_deep_nesting_is_a_content_error() -> None:
    with pytest.raises(ContentError):
        parse_document("---\na: " + "[" * 1200 + "\n---\n", "a.md")
    with pytest.raises(ContentError):
        parse_document("---\na: " + "[" * 100 + "]" * 100 + "\n---\n", "a.md")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_arbitrary_front_matter_only_content_errors(body: str) -> None:
    for text in ("---\n" + body + "\n---\n", "---\n" + body):
        try:
            doc = parse_document(text, "a.md")
        except ContentError as exc:
            assert exc.path == "a.md" and exc.line is not None and exc.line >= 1
            continue
        for start, end in doc.spans.values():
            assert 0 <= start <= end <= len(text)


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


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True), _YAML_VALUES,
                       max_size=5), st.text(max_size=30))
def test_documents_kept_as_json_read_back_equal(meta: dict[str, object], body: str) -> None:
    """What the project loader caches is the document the parser gives, values and types."""
    import json

    import yaml

    from multipub.content.frontmatter import document_from_json, document_to_json

    try:
        text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body
        doc = parse_document(text, "a.md")
    except (ContentError, yaml.YAMLError, ValueError):
        return  # not a front matter the parser takes: never cached
    value = document_to_json(doc)
    assert value is not None
    again = document_from_json(json.loads(json.dumps(value)), text, "a.md")
    assert again == doc
    assert [type(v) for v in again.meta.values()] == [type(v) for v in doc.meta.values()]
    assert document_from_json(document_to_json(parse_document(body, "b.md")), body,
                              "b.md") == parse_document(body, "b.md")


@settings(max_examples=500, deadline=None)
@given(st.characters(codec=None) | st.sampled_from(["\x7f", "\x84", "\x85", "\x86", "\x9f",
                                                    "\xa0", "\ud7ff", "\ud800", "\udfff",
                                                    "\ue000", "\ufffd", "\ufffe", "\uffff",
                                                    "\U00010000", "\U0010ffff"]))
def test_not_printable_is_the_complement_of_yaml_printable(ch: str) -> None:
    """The written-out class equals PyYAML's printable set, negated."""
    import re

    from multipub.content.frontmatter import _NOT_PRINTABLE

    printable = re.compile("[\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd"
                           "\U00010000-\U0010ffff]")
    assert (_NOT_PRINTABLE.match(ch) is None) == (printable.match(ch) is not None)
