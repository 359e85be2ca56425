"""Tests of multipub.gettext.stats against GNU msgfmt --statistics."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from multipub.errors import CatalogError
from multipub.gettext.catalog import Catalog, Message, make_header
from multipub.gettext.pofile import dump_po, parse_po
from multipub.gettext.stats import CatalogStats, catalog_stats, stats_of

DATA = Path(__file__).parents[1] / "data" / "po"


def msgfmt_stats(path: Path) -> tuple[int, int, int]:
    done = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        env={"LC_ALL": "C"},
        check=True,
    )

    def num(word: str) -> int:
        m = re.search(rf"(\d+) {word}", done.stderr)
        return int(m.group(1)) if m else 0

    return num("translated"), num("fuzzy"), num("untranslated")


texts = st.sampled_from(["", "", "kot", 'кот \\" x', "a\nb", "długi tekst " * 12])


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    msgs: dict[tuple[str | None, str], Message] = {}
    for i in range(draw(st.integers(0, 40))):
        ctxt = draw(st.sampled_from([None, None, "", "ctx"]))
        msgid = draw(st.sampled_from(["", f"id{i}", f"długi identyfikator {i} " * 8]))
        if msgid == "" and ctxt is None:
            continue
        if draw(st.booleans()):
            m = Message(
                msgid, msgid_plural="pl", msgctxt=ctxt, msgstr_plural=[draw(texts), draw(texts)]
            )
        else:
            m = Message(msgid, draw(texts), msgctxt=ctxt)
        m.fuzzy = draw(st.booleans())
        m.obsolete = draw(st.integers(0, 6)) == 0
        msgs[m.key] = m
    return Catalog(
        header=make_header("pl", "nplurals=2; plural=(n != 1);"), messages=list(msgs.values())
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs(), st.booleans())
def test_equal_to_msgfmt(
    tmp_path_factory: pytest.TempPathFactory, cat: Catalog, crlf: bool
) -> None:
    path = tmp_path_factory.mktemp("s") / "a.po"
    data = dump_po(cat)
    path.write_bytes(data)
    gnu = msgfmt_stats(path)
    fast = catalog_stats(path)
    assert (fast.translated, fast.fuzzy, fast.untranslated) == gnu
    assert stats_of(parse_po(data, "a.po")) == fast
    assert fast.obsolete == sum(1 for m in cat.messages if m.obsolete and m.first_form)
    if crlf:
        path.write_bytes(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"))
        assert catalog_stats(path) == fast


@pytest.mark.parametrize("name", ["ru-article.po", "messages.pot", "pl-crlf-bom.po"])
def test_samples(name: str, tmp_path: Path) -> None:
    src = DATA / name
    plain = tmp_path / name
    plain.write_bytes(src.read_bytes().removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n"))
    s = catalog_stats(src)
    assert (s.translated, s.fuzzy, s.untranslated) == msgfmt_stats(plain)
    assert s == stats_of(parse_po(src.read_bytes(), name))
    assert s.total == s.translated + s.fuzzy + s.untranslated


def test_broken_file_reports_line(tmp_path: Path) -> None:
    path = tmp_path / "b.po"
    path.write_bytes(b'msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "\\q"\n')
    with pytest.raises(CatalogError) as err:
        catalog_stats(path, shown="locales/b.po")
    assert str(err.value).startswith("locales/b.po:5:")


def test_value() -> None:
    s = CatalogStats(1, 2, 3, 4)
    assert s.total == 6


@settings(max_examples=40, deadline=None)
@given(catalogs(), st.booleans())
def test_own_output_takes_the_fast_path(cat: Catalog, crlf: bool) -> None:
    from multipub.gettext.stats import scan

    data = dump_po(cat)
    if crlf:
        data = b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")
    found = scan(data, lambda s: len(s.split()))
    assert found is not None
    parsed = parse_po(data, "a.po")
    assert CatalogStats(*found[:4]) == stats_of(parsed)
    counted = [m for m in parsed.messages if not m.obsolete]
    assert sum(found[4:]) == sum(len(m.msgid.split()) for m in counted)


@settings(max_examples=60, deadline=None)
@given(catalogs(), st.booleans())
def test_scan_table_equals_the_parsed_translations(cat: Catalog, crlf: bool) -> None:
    from multipub.gettext.stats import scan

    data = dump_po(cat)
    if crlf:
        data = b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")
    table: dict[tuple[str | None, str], str] = {}
    assert scan(data, table=table) is not None
    parsed = parse_po(data, "a.po")
    assert table == {m.key: m.msgstr for m in parsed.messages
                     if m.translated and not m.plural and m.key != (None, "")}


def test_unchecked_files_go_to_the_parser(tmp_path: Path) -> None:
    from multipub.gettext.stats import scan

    dup = b'msgid "a"\nmsgstr "b"\n\nmsgid ""\n"a"\nmsgstr "c"\n'
    assert scan(dup) is None
    path = tmp_path / "d.po"
    path.write_bytes(dup)
    with pytest.raises(CatalogError, match="duplicate entry"):
        catalog_stats(path)
    forms = (b'msgid ""\nmsgstr "Plural-Forms: nplurals=2; plural=n!=1;\\n"\n\n'
             b'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[1] "y"\nmsgstr[2] "z"\n')
    assert scan(forms) is None
    assert scan(forms.replace(b'msgstr[2] "z"\n', b"")) == (1, 0, 0, 0, 0, 0, 0)


def test_catalog_stats_takes_a_str_path(tmp_path: Path) -> None:
    path = tmp_path / "ru.po"
    path.write_bytes(b'msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr ""\n')
    assert catalog_stats(str(path)) == catalog_stats(path)
    assert catalog_stats(str(path)).translated == 1
    with pytest.raises(CatalogError, match="no such file"):
        catalog_stats(str(tmp_path / "missing.po"))
