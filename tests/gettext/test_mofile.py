"""Tests of multipub.gettext.mofile against GNU msgfmt and Python's gettext."""

from __future__ import annotations

import gettext
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from multipub.gettext.catalog import Catalog, Message, make_header
from multipub.gettext.mofile import compile_mo, translations, write_mo
from multipub.gettext.pofile import write_catalog

RU = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)
words = st.sampled_from(["kot", "pies", "кот", "сабака", "ąę", "a b", "x\ny", "", "%s"])


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    msgs: dict[tuple[str | None, str], Message] = {}
    for i in range(draw(st.integers(1, 15))):
        msgid = f"m{i} " + draw(words)
        ctxt = draw(st.sampled_from([None, None, "menu", "кнопка"]))
        if draw(st.booleans()):
            m = Message(
                msgid,
                msgid_plural=msgid + "s",
                msgctxt=ctxt,
                msgstr_plural=[draw(words) for _ in range(3)],
            )
        else:
            m = Message(msgid, draw(words), msgctxt=ctxt)
        m.fuzzy = draw(st.booleans()) and bool(m.first_form)
        m.obsolete = draw(st.integers(0, 5)) == 0 and bool(m.first_form)
        msgs[m.key] = m
    return Catalog(header=make_header("ru", RU), messages=list(msgs.values()))


def _check_same(mine: gettext.GNUTranslations, gnu: gettext.GNUTranslations, cat: Catalog) -> None:
    for m in cat.messages:
        if m.msgid_plural is None:
            if m.msgctxt is None:
                assert mine.gettext(m.msgid) == gnu.gettext(m.msgid)
            else:
                assert mine.pgettext(m.msgctxt, m.msgid) == gnu.pgettext(m.msgctxt, m.msgid)
            continue
        for n in range(201):
            if m.msgctxt is None:
                got = mine.ngettext(m.msgid, m.msgid_plural, n)
                assert got == gnu.ngettext(m.msgid, m.msgid_plural, n)
            else:
                got = mine.npgettext(m.msgctxt, m.msgid, m.msgid_plural, n)
                assert got == gnu.npgettext(m.msgctxt, m.msgid, m.msgid_plural, n)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_same_as_msgfmt(tmp_path_factory: pytest.TempPathFactory, cat: Catalog) -> None:
    folder = tmp_path_factory.mktemp("mo")
    po, gnu_mo = folder / "a.po", folder / "gnu.mo"
    write_catalog(cat, po)
    subprocess.run(["msgfmt", "-o", str(gnu_mo), str(po)], check=True, capture_output=True)
    with gnu_mo.open("rb") as fh:
        gnu = gettext.GNUTranslations(fh)
    mine = gettext.GNUTranslations.__new__(gettext.GNUTranslations)
    mine = translations(cat)
    _check_same(mine, gnu, cat)
    assert mine.info() == gnu.info()
    # the .mo holds the same entries as msgfmt's
    assert compile_mo(cat)[8:12] == gnu_mo.read_bytes()[8:12]


def test_write_mo_and_fuzzy_left_out(tmp_path: Path) -> None:
    cat = Catalog(
        header=make_header("ru", RU),
        messages=[
            Message("a", "б", flags=["fuzzy"]),
            Message("c", "д"),
            Message("e", ""),
        ],
    )
    path = tmp_path / "x.mo"
    assert write_mo(cat, path) is True
    assert write_mo(cat, path) is False
    with path.open("rb") as fh:
        t = gettext.GNUTranslations(fh)
    assert (t.gettext("a"), t.gettext("c"), t.gettext("e")) == ("a", "д", "e")


def test_translations_without_header() -> None:
    t = translations(Catalog(messages=[Message("kot", "кот")]))
    assert t.gettext("kot") == "кот"
    assert t.ngettext("kot", "koty", 2) == "koty"
