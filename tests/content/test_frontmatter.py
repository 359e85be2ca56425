"""multipub.content.frontmatter: parsing, errors with 1-based lines, the JSON form."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from multipub.content.frontmatter import parse_document
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
        ("---\ntitle: A\ndate: 2024-02-30\n---\n", 3,
         "date: 2024-02-30 is not a date: day is out of range for month; write a real date "
         "as YYYY-MM-DD"),
        ("---\ntitle: A\ndate: !!timestamp nonsense\n---\n", 3,
         "date: nonsense is not a date and time; write it as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS"),
        ("---\ntitle: A\n\ntitle: B\n---\n", 4, "first on line 2, again on line 4"),
        ("---\nimage:\n  src: a\n  src: b\n---\n", 4, "duplicate key src"),
        ("---\ntitle: A\n  bad: indent\n---\n", 3, "line 3 is indented more than"),
        ("---\ntitle: [unclosed\nnext: 1\n---\n", 2, "the [ opened at line 2, column 8 is never"),
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


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("---\ntitle: A\ntags:\n\t- a\n---\n", 4,
         "tab character at line 4, column 1: YAML does not allow tabs for indentation"),
        ("---\nimage:\n  src: a.jpg\n\tcredit: B\n---\n", 4,
         "tab character at line 4, column 1: YAML does not allow tabs for indentation"),
        ("---\ntitle: \"Klastry\ndate: 2024-03-05\n---\n", 2,
         'the quote " opened at line 2, column 8 is never closed; '
         'add the closing " at the end of the value'),
        ("---\ntitle: 'Klastry\n---\n", 2,
         "the quote ' opened at line 2, column 8 is never closed; "
         "add the closing ' at the end of the value"),
        ("---\ntitle: Klastry: nowe otwarcie\n---\n", 2,
         "a colon inside a value at line 2, column 15; put the value in quotes, "
         'e.g. title: "Klastry: nowe otwarcie"'),
        ("---\ntitle: A\n  summary: B\n---\n", 3,
         "line 3 is indented more than the line above it (line 2); "
         "keys of one mapping start in the same column"),
        ("---\ntags:\n  - a\n - b\n---\n", 4,
         "the indentation at line 4, column 2 does not match the lines above; keys of one "
         "mapping, and the '- ' items of one list, start in the same column"),
        ("---\ntitle Klastry\ndate: 2024-03-05\n---\n", 2,
         "line 2 has no colon after its key; write it as 'key: value'"),
        ('---\ntitle: "Klastry" w Grodnie\n---\n', 2,
         "text after the closing quote at line 2, column 18; put the whole value inside "
         "the quotes"),
        ("---\ntitle: @redakcja\n---\n", 2,
         "a value cannot start with @ in YAML (line 2, column 8); put the value in quotes, "
         'e.g. "@..."'),
        ('---\ntitle: "C:\\qwe"\n---\n', 2,
         "unknown escape \\q in double quotes at line 2, column 12; write \\\\ for a "
         "backslash, or use single quotes"),
        ("---\ntags: [a, b\ndate: 2024-03-05\n---\n", 2,
         "the [ opened at line 2, column 7 is never closed; add the closing ], and put a "
         "value that contains ',' or ': ' in quotes"),
    ],
)
def test_yaml_errors_in_plain_words(text: str, line: int, message: str) -> None:
    with pytest.raises(ContentError) as info:
        parse_document(text, "content/x/pl.md")
    assert str(info.value) == f"content/x/pl.md:{line}: {message}"


def test_tab_error_through_the_command_line(tmp_path: Path) -> None:
    from multipub.cli import main

    root = tmp_path / "site"
    assert main(["init", str(root)]) == 0
    article = root / "content" / "welcome" / "pl.md"
    text = article.read_text(encoding="utf-8").replace("  - ", "\t- ")
    article.write_text(text, encoding="utf-8")
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status = main(["extract", "-p", str(root)])
    assert status == 2
    line = text.split("\n").index("\t- nowości") + 1
    assert (f"content/welcome/pl.md:{line}: tab character at line {line}, column 1: "
            "YAML does not allow tabs for indentation") in err.getvalue()
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert {p: data for p, data in after.items() if "content" in p.parts} == {
        p: data for p, data in before.items() if "content" in p.parts}  # the source untouched
    assert "multipub: left out content/welcome" in err.getvalue()


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


_FLOW = "---\ntags: [a, b]\nsummary: >-\n  folded\n  text\nx: \"q\"\ntitle: plain\n---\nBody\n"
_VALUES = st.one_of(
    st.sampled_from(["", "nowy", "a: b", "#x", "'q'", '"dq"', " lead", "trail ", "c, d",
                     "[x]", "{y}", "- z", "two\nlines", "Беларусь", "yes", "1.5", "~", "a\tb"]),
    st.text(max_size=20),
)


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

    from multipub.content.frontmatter import NOT_PRINTABLE

    printable = re.compile("[\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd"
                           "\U00010000-\U0010ffff]")
    assert (NOT_PRINTABLE.match(ch) is None) == (printable.match(ch) is not None)
