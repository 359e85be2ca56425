"""Tests of multipub.gettext.polib_bridge: a Catalog to a polib.POFile and back."""

from __future__ import annotations

import codecs
import shutil
import subprocess
from pathlib import Path
from typing import Any

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from multipub.gettext.catalog import Catalog, Message, make_header, make_template_header
from multipub.gettext.pofile import dump_po, parse_po, read_catalog
from multipub.gettext.polib_bridge import from_polib, to_polib

from ..reliability.strategies import po_text

REPO = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(
    p
    for folder in (
        "tests/data/po",
        "examples/polska-pomoc/locales",
        "src/multipub/locales",
        "tests/reliability/corpus/base/locales",
    )
    for p in (REPO / folder).rglob("*")
    if p.suffix in (".po", ".pot")
)
"""Every valid catalogue of the test data, the example site and the theme."""

FIELDS = (
    "msgctxt",
    "msgid",
    "msgid_plural",
    "msgstr",
    "msgstr_plural",
    "flags",
    "tcomment",
    "comment",
    "occurrences",
    "obsolete",
    "previous_msgctxt",
    "previous_msgid",
    "previous_msgid_plural",
)
PREVIOUS = ("previous_msgctxt", "previous_msgid", "previous_msgid_plural")
PL_PLURAL = "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
needs_gettext = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext missing")


def ids(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def fields(entry: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """The fields of a polib entry that a round trip must keep."""
    return {f: getattr(entry, f) for f in FIELDS if f not in skip}


def assert_msgfmt_check(path: Path) -> None:
    done = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(path)],
        capture_output=True,
        env={"LC_ALL": "C"},
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()


def test_the_catalogues_are_found() -> None:
    folders = {p.relative_to(REPO).parts[:2] for p in CATALOGUES}
    assert folders == {
        ("tests", "data"),
        ("examples", "polska-pomoc"),
        ("src", "multipub"),
        ("tests", "reliability"),
    }
    assert len(CATALOGUES) >= 26  # 4 + 13 of the example site + 3 of the theme + 6


# -- every catalogue on disk ------------------------------------------------------
@pytest.mark.parametrize("path", CATALOGUES, ids=ids)
def test_round_trip_keeps_the_catalogue(path: Path) -> None:
    cat = read_catalog(path)
    back = from_polib(to_polib(cat))
    assert back == cat
    assert [m.lineno for m in back.messages] == [m.lineno for m in cat.messages]
    assert dump_po(back) == dump_po(cat)


@pytest.mark.parametrize("path", CATALOGUES, ids=ids)
def test_to_polib_reads_as_polib_reads(path: Path) -> None:
    cat = read_catalog(path)
    ours = to_polib(cat)
    theirs = polib.pofile(str(path))
    assert ours.metadata == theirs.metadata
    assert list(ours.metadata) == list(theirs.metadata)  # the same field order
    assert ours.header == theirs.header
    assert (ours.metadata_is_fuzzy or []) == (theirs.metadata_is_fuzzy or [])
    assert ours.metadata_is_fuzzy == theirs.metadata_is_fuzzy
    assert codecs.lookup(ours.encoding).name == codecs.lookup(theirs.encoding).name
    assert len(ours) == len(theirs)
    for mine, read in zip(ours, theirs, strict=True):
        # polib's reader skips "#~|" lines: obsolete entries lose their previous strings
        skip = PREVIOUS if mine.obsolete else ()
        assert fields(mine, skip) == fields(read, skip)
        if mine.obsolete:
            assert all(getattr(read, f) is None for f in PREVIOUS)
    # and what polib read comes back into multipub as multipub read it, apart
    # from those previous strings of obsolete entries
    cat_theirs = from_polib(theirs)
    for msg in cat.messages:
        if msg.obsolete:
            msg.previous_msgctxt = msg.previous_msgid = msg.previous_msgid_plural = None
    assert cat_theirs.header == cat.header
    assert cat_theirs.messages == cat.messages


def test_the_data_has_what_the_bridge_maps() -> None:
    """The catalogues above hold every kind of field, so the tests see them all."""
    msgs = [m for p in CATALOGUES for m in read_catalog(p).messages]
    assert any(m.msgctxt is not None for m in msgs)
    assert any(m.msgid_plural is not None and any(m.msgstr_plural) for m in msgs)
    assert any(m.fuzzy for m in msgs)
    assert any(m.translator_comments for m in msgs)
    assert any(m.extracted_comments for m in msgs)
    assert any(m.references for m in msgs)
    assert any(m.previous_msgid is not None for m in msgs if not m.obsolete)
    assert any(m.obsolete for m in msgs)


# -- the mapping, field by field --------------------------------------------------
def test_fields_map_onto_polib() -> None:
    header = make_header("pl", PL_PLURAL)
    header.flags = ["fuzzy"]
    header.translator_comments = ["Polish translation.", ""]
    msg = Message(
        "%(n)s kot",
        msgid_plural="%(n)s koty",
        msgstr_plural=["%(n)s kot", "%(n)s koty", "%(n)s kotów"],
        msgctxt="menu",
        flags=["fuzzy", "python-format"],
        translator_comments=["sprawdzić", "drugi wiersz"],
        extracted_comments=["paragraph"],
        references=["content/a/pl.md:12", "templates/base.html", "a:b", "c:d:7"],
        previous_msgctxt="menu",
        previous_msgid="%(n)s pies",
        previous_msgid_plural="%(n)s psy",
        lineno=20,
    )
    old = Message("Dawny", "Былы", obsolete=True, translator_comments=["stary"])
    po = to_polib(Catalog(header=header, messages=[msg, old], path="pl.po"))
    assert po.fpath == "pl.po"
    assert po.encoding == "UTF-8"
    assert list(po.metadata)[:2] == ["Project-Id-Version", "Report-Msgid-Bugs-To"]
    assert po.metadata["Plural-Forms"] == PL_PLURAL
    assert po.header == "Polish translation.\n"
    assert po.metadata_is_fuzzy == ["fuzzy"]
    entry, obsolete = po
    assert entry.msgctxt == "menu"
    assert entry.msgid_plural == "%(n)s koty"
    assert entry.msgstr_plural == {0: "%(n)s kot", 1: "%(n)s koty", 2: "%(n)s kotów"}
    assert entry.flags == ["fuzzy", "python-format"]
    assert entry.fuzzy
    assert entry.tcomment == "sprawdzić\ndrugi wiersz"
    assert entry.comment == "paragraph"
    assert entry.occurrences == [
        ("content/a/pl.md", "12"),
        ("templates/base.html", ""),
        ("a:b", ""),
        ("c:d", "7"),
    ]
    assert (entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural) == (
        "menu",
        "%(n)s pies",
        "%(n)s psy",
    )
    assert entry.linenum == 20
    assert obsolete.obsolete and obsolete.msgstr == "Былы" and obsolete.msgid_plural == ""
    assert obsolete.msgstr_plural == {}
    assert obsolete.msgctxt is None and obsolete.previous_msgid is None
    assert from_polib(po) == Catalog(header=header, messages=[msg, old], path="pl.po")


def test_lists_are_copied() -> None:
    msg = Message("a", "b", flags=["fuzzy"], references=["x.md:1"])
    cat = Catalog(messages=[msg])
    to_polib(cat)[0].flags.append("c-format")
    assert msg.flags == ["fuzzy"]
    back = from_polib(to_polib(cat))
    back.messages[0].flags.append("c-format")
    assert msg.flags == ["fuzzy"]


def test_charset_becomes_polib_encoding() -> None:
    cat = parse_po((REPO / "tests/data/po/be-cp1251.po").read_bytes(), "be.po")
    assert to_polib(cat).encoding == "CP1251"
    assert to_polib(Catalog()).encoding == "utf-8"
    assert to_polib(Catalog(header=make_template_header())).encoding == "UTF-8"
    unknown = Catalog(header=Message("", "Content-Type: text/plain; charset=CHARSET\n"))
    assert to_polib(unknown).encoding == "utf-8"


def test_what_polib_cannot_hold() -> None:
    """The documented losses, so that a change in them is noticed."""
    header = Message(
        "",
        "Language:pl\nno colon\nLanguage: be",
        extracted_comments=["x"],
        references=["a.md:1"],
    )
    msg = Message("a", msgid_plural="as", translator_comments=[""], extracted_comments=[""])
    back = from_polib(to_polib(Catalog(header=header, messages=[msg])))
    assert back.header == Message("", "Language: be\n")
    assert back.messages == [Message("a", msgid_plural="as", msgstr_plural=[""])]
    # a plural entry without forms is written as with one empty form anyway
    formless = Catalog(messages=[Message("a", msgid_plural="as")])
    assert dump_po(from_polib(to_polib(formless))) == dump_po(formless)
    # no header and an empty one are the same to polib
    assert from_polib(to_polib(Catalog(header=Message("", "")))).header is None


def test_from_polib_takes_what_code_builds() -> None:
    po = polib.POFile()
    po.metadata = {"Language": "ru", "Plural-Forms": "nplurals=3; plural=(n%10==1 ? 0 : 1);"}
    po.metadata_is_fuzzy = True
    po.append(polib.POEntry(msgid="kot", msgstr="кот", occurrences=[("a.md", 3), ("b.md", None)]))
    po.append(
        polib.POEntry(msgid="pies", msgid_plural="psy", msgstr_plural={"0": "пёс", 2: "псов"})
    )
    po.append(polib.POEntry(msgid="x", msgstr_plural={0: "y"}))  # an empty msgid_plural
    cat = from_polib(po)
    assert cat.header is not None and cat.header.flags == ["fuzzy"]
    assert cat.nplurals == 3 and cat.language == "ru"
    assert cat.find("kot") == Message("kot", "кот", references=["a.md:3", "b.md"])
    pies = cat.find("pies")
    assert pies is not None and pies.msgstr_plural == ["пёс", "", "псов"]
    x = cat.find("x")
    assert x is not None and x.msgid_plural == "" and x.msgstr_plural == ["y"]
    assert cat.path is None


# -- edited with polib, written by multipub ------------------------------------------
EDITABLE = [p for p in CATALOGUES if p.suffix == ".po"]


@needs_gettext
@pytest.mark.parametrize("path", EDITABLE, ids=ids)
def test_polib_edits_come_back_and_pass_msgfmt(path: Path, tmp_path: Path) -> None:
    po = polib.pofile(str(path))
    nplurals = from_polib(po).nplurals or 2
    for entry in po:
        if not entry.obsolete and not entry.msgid_plural:
            entry.msgstr = entry.msgstr or f"[{entry.msgid}]"
            break
    po.append(
        polib.POEntry(
            msgid="%(n)s new cat",
            msgid_plural="%(n)s new cats",
            msgstr_plural={i: f"%(n)s kot {i}" for i in range(nplurals)},
            msgctxt="polib",
            flags=["python-format"],
            tcomment="added with polib",
            comment="extracted",
            occurrences=[("content/new/pl.md", 4)],
        )
    )
    po.append(polib.POEntry(msgid="Ścieżka", msgstr="Шлях", flags=["fuzzy"]))
    po.metadata["Last-Translator"] = "Tłumacz <t@example.org>"

    cat = from_polib(po)
    out = tmp_path / path.name
    out.write_bytes(dump_po(cat))
    assert_msgfmt_check(out)
    again = read_catalog(out)
    assert again.get_header("Last-Translator") == "Tłumacz <t@example.org>"
    new = again.find("%(n)s new cat", "polib")
    assert new is not None
    assert new.msgstr_plural == [f"%(n)s kot {i}" for i in range(nplurals)]
    assert new.flags == ["python-format"]
    assert new.translator_comments == ["added with polib"]
    assert new.extracted_comments == ["extracted"]
    assert new.references == ["content/new/pl.md:4"]
    fuzzy = again.find("Ścieżka")
    assert fuzzy is not None and fuzzy.fuzzy and fuzzy.msgstr == "Шлях"
    assert [m.msgid for m in again.active()] == [e.msgid for e in po if not e.obsolete]


@needs_gettext
def test_a_pofile_built_with_polib_passes_msgfmt(tmp_path: Path) -> None:
    po = polib.POFile()
    po.metadata = {
        "Project-Id-Version": "demo",
        "Language": "pl",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PL_PLURAL,
    }
    po.append(polib.POEntry(msgid="Kot", msgstr="Kot", occurrences=[("./a.md", 1)]))
    po.append(
        polib.POEntry(
            msgid="kot", msgid_plural="koty", msgstr_plural={0: "kot", 1: "koty", 2: "kotów"}
        )
    )
    po.append(polib.POEntry(msgid="Stary", msgstr="Dawny", obsolete=True))
    out = tmp_path / "pl.po"
    out.write_bytes(dump_po(from_polib(po)))
    assert_msgfmt_check(out)
    text = out.read_text(encoding="utf-8")
    assert "#: a.md:1\n" in text
    assert 'msgstr[2] "kotów"' in text
    assert '#~ msgid "Stary"' in text


# -- generated catalogues -----------------------------------------------------
line = po_text(40).filter(lambda s: "\n" not in s)
comments = st.lists(line, max_size=3).filter(lambda c: c != [""])
flags = st.lists(st.sampled_from(["fuzzy", "python-format", "no-wrap", "c-format"]), max_size=2)
references = st.lists(
    st.sampled_from(["content/a/pl.md:12", "a.md", "./b.md:3", "x:y", "c:d:1", "t.html:0"]),
    max_size=3,
)
maybe = st.none() | po_text(30)


@st.composite
def messages(draw: st.DrawFn, i: int) -> Message:
    msgid = f"m{i} " + draw(po_text(60))
    plural = draw(st.booleans())
    msg = Message(
        msgid,
        "" if plural else draw(po_text(60)),
        msgid_plural=draw(po_text(30)) if plural else None,
        msgstr_plural=draw(st.lists(po_text(30), min_size=1, max_size=3)) if plural else [],
        msgctxt=draw(maybe),
        flags=draw(flags),
        translator_comments=draw(comments),
        extracted_comments=draw(comments),
        references=draw(references),
        previous_msgctxt=draw(maybe),
        previous_msgid=draw(maybe),
        previous_msgid_plural=draw(maybe),
        obsolete=draw(st.integers(0, 4)) == 0,
        lineno=draw(st.none() | st.integers(1, 999)),
    )
    return msg


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    header = None
    if draw(st.booleans()):
        header = make_header(draw(st.sampled_from(["pl", "ru", "be"])), PL_PLURAL)
        header.flags = draw(flags)
        header.translator_comments = draw(comments)
        if not (header.flags or header.translator_comments) and draw(st.booleans()):
            header.msgstr = ""
            header.translator_comments = ["only a comment"]
    n = draw(st.integers(0, 8))
    return Catalog(
        header=header,
        messages=[draw(messages(i)) for i in range(n)],
        path=draw(st.none() | st.just("locales/pl/LC_MESSAGES/messages.po")),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_round_trip_property(cat: Catalog) -> None:
    back = from_polib(to_polib(cat))
    assert back == cat
    assert [m.lineno for m in back.messages] == [m.lineno for m in cat.messages]
    assert dump_po(back) == dump_po(cat)


plain = st.text(alphabet="abcxyząłКот 0123456789.,;:!?%{}()-", max_size=30).map(str.strip)


@st.composite
def polib_readable(draw: st.DrawFn) -> Catalog:
    """Catalogues whose text polib's reader gets right (see the module's limits)."""
    cat = draw(catalogs())
    if cat.header is not None:
        # polib drops empty comment lines at the start of a comment (and of the file)
        cat.header.translator_comments = [s for s in draw(st.lists(plain, max_size=2)) if s]
    for msg in cat.messages:
        # without a header entry, polib takes the first entry's comments for the file's
        msg.translator_comments = (
            [s for s in draw(st.lists(plain, max_size=2)) if s] if (cat.header is not None) else []
        )
        msg.extracted_comments = [s for s in draw(st.lists(plain, max_size=2)) if s]
        if msg.obsolete:
            msg.previous_msgctxt = msg.previous_msgid = msg.previous_msgid_plural = None
    return cat


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(polib_readable())
def test_polib_reads_what_multipub_writes_as_to_polib_gives(cat: Catalog) -> None:
    data = dump_po(cat)
    ours = to_polib(parse_po(data, None))
    theirs = polib.pofile(data.decode("utf-8"))
    assert [fields(e) for e in ours] == [fields(e) for e in theirs]
    assert ours.metadata == theirs.metadata
    assert ours.header == theirs.header
    assert (ours.metadata_is_fuzzy or []) == (theirs.metadata_is_fuzzy or [])
