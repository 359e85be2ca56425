"""Tests of the catalogue model (multipub.gettext.catalog)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from multipub.gettext.catalog import Catalog, Message, make_header, make_template_header
from multipub.gettext.pofile import dump_po


def test_message_properties() -> None:
    m = Message("a", "b", msgctxt="c")
    assert m.key == ("c", "a") and not m.plural and m.translated
    m.fuzzy = True
    assert m.flags == ["fuzzy"] and not m.translated
    m.fuzzy = False
    assert m.flags == [] and m.translated
    p = Message("x", msgid_plural="xs", msgstr_plural=["", "y"])
    assert p.plural and not p.translated
    assert not Message("a", "b", obsolete=True).translated


def test_plural_translated_means_what_msgfmt_counts(tmp_path: Path) -> None:
    cat = Catalog(
        header=make_header("pl", "nplurals=2; plural=(n != 1);"),
        messages=[
            Message("a", msgid_plural="as", msgstr_plural=["x", ""]),
            Message("b", msgid_plural="bs", msgstr_plural=["", "y"]),
        ],
    )
    path = tmp_path / "p.po"
    path.write_bytes(dump_po(cat))
    done = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        env={"LC_ALL": "C"},
        check=True,
        text=True,
    )
    assert done.stderr.startswith("1 translated message, 1 untranslated message")
    assert [m.translated for m in cat.messages] == [True, False]


def test_header_fields() -> None:
    cat = Catalog(header=make_header("be", "nplurals=3; plural=(n%10==1 ? 0 : 1);", "site 1"))
    assert cat.metadata()["Project-Id-Version"] == "site 1"
    assert cat.language == "be" and cat.nplurals == 3 and cat.charset == "UTF-8"
    names = list(cat.metadata())
    cat.set_header("Language", "ru")
    cat.set_header("X-Generator", "multipub")
    assert list(cat.metadata()) == [*names, "X-Generator"]
    assert cat.get_header("Language") == "ru" and cat.get_header("Nope") is None
    assert cat.header is not None and cat.header.msgstr.endswith("X-Generator: multipub\n")
    empty = Catalog()
    assert empty.metadata() == {} and empty.nplurals is None and empty.language is None
    empty.set_header("Plural-Forms", "nplurals=INTEGER; plural=EXPRESSION;")
    assert empty.nplurals is None


def test_headers_are_deterministic_and_complete() -> None:
    assert make_header("pl", "nplurals=2;") == make_header("pl", "nplurals=2;")
    fields = Catalog(header=make_template_header()).metadata()
    assert "POT-Creation-Date" not in fields
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"


def test_find_index_follows_changes() -> None:
    cat = Catalog(messages=[Message("a", "1"), Message("a", "2", msgctxt="k")])
    assert cat.find("a") is cat.messages[0] and cat.find("a", "k") is cat.messages[1]
    cat.messages.append(Message("b"))
    assert cat.find("b") is cat.messages[2]
    cat.messages[0].msgid = "z"
    assert cat.find("a") is None and cat.find("z") is cat.messages[0]
    cat.messages = [Message("q", obsolete=True), Message("q")]
    assert cat.find("q") is cat.messages[1]
    assert [m.msgid for m in cat.obsolete()] == ["q"] and len(list(cat.active())) == 1


def test_lineno_not_compared() -> None:
    assert Message("a", lineno=3) == Message("a", lineno=9)
