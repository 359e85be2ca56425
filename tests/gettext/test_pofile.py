"""Tests of multipub.gettext.pofile against GNU msgcat / msgfmt."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from multipub.errors import CatalogError
from multipub.gettext.catalog import Catalog, Message, make_header, make_template_header
from multipub.gettext.pofile import dump_po, generate_po, parse_po, read_catalog, write_catalog

DATA = Path(__file__).parents[1] / "data" / "po"
pytestmark = pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext missing")

PL_PLURAL = "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"


def msgcat(path: Path, to_utf8: bool = False) -> bytes:
    """What GNU msgcat prints for *path* (converted to UTF-8 if asked)."""
    done = subprocess.run(
        ["msgcat", *(["-t", "UTF-8"] if to_utf8 else []), str(path)],
        capture_output=True,
        env={"LC_ALL": "C"},
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


# -- strategies ---------------------------------------------------------------
WORDS = [
    "Zażółć",
    "gęślą",
    "jaźń",
    "Białoruś",
    "klastry",
    "Grodno",
    "Привет",
    "мир",
    "Беларусь",
    "гэта",
    "ўсё",
    "Łódź",
    "http://example.com/a/b?c=d&e=f",
    "https://multipub.example/bardzo/długa/ścieżka/do/pliku.html",
    "**pogrubienie**",
    "[link](https://x.pl/y)",
    "«цытата»",
    "„cytat”",
    "—",
    "–",
    "…",
    "10%",
    "$5",
    "(nawias)",
    "a/b/c",
    "słowo-złożone",
    "x",
    "Superkalifragilistycznieekspialidocznysłowodługiebezspacji",
    "\\",
    '"',
    "'",
    "#",
    "`kod`",
    "3,14",
    "1.000",
    "e-mail",
    "?",
    "!",
    ":",
    ";",
    "\u00a0",
    "№5",
]
SEPS = [" ", " ", " ", " ", "\n", "\t", "  ", "", "/", "-", ", ", ". "]


@st.composite
def texts(draw: st.DrawFn, min_words: int = 0) -> str:
    n = draw(st.integers(min_words, 30))
    parts = []
    for _ in range(n):
        parts.append(draw(st.sampled_from(WORDS)))
        parts.append(draw(st.sampled_from(SEPS)))
    return "".join(parts)


@st.composite
def messages(draw: st.DrawFn, obsolete: bool = False) -> Message:
    msgid = draw(texts(min_words=1))
    plural = draw(st.booleans()) and draw(st.integers(0, 4)) == 0
    msg = Message(msgid)
    if draw(st.integers(0, 3)) == 0:
        msg.msgctxt = draw(texts())
    if plural:
        msg.msgid_plural = draw(texts(min_words=1))
        msg.msgstr_plural = [draw(texts()) for _ in range(3)]
    else:
        msg.msgstr = draw(texts())
    if obsolete and not msg.first_form:
        if plural:
            msg.msgstr_plural[0] = "x"
        else:
            msg.msgstr = "x"
    flags: list[str] = []
    if msg.first_form and draw(st.booleans()):
        flags.append("fuzzy")
    if draw(st.integers(0, 5)) == 0:
        flags.append("python-format")
    if draw(st.integers(0, 8)) == 0:
        flags.append("no-wrap")
    msg.flags = flags
    msg.translator_comments = draw(
        st.lists(st.sampled_from(["uwaga", "", "  wcięcie", "а"]), max_size=2)
    )
    msg.extracted_comments = draw(
        st.lists(st.sampled_from(["paragraph", "heading", "tytuł"]), max_size=2)
    )
    if not obsolete:
        msg.references = [
            f"content/artykuł-{i}/pl.md:{draw(st.integers(1, 999))}"
            for i in range(draw(st.integers(0, 8)))
        ]
    if draw(st.integers(0, 4)) == 0:
        msg.previous_msgid = draw(texts(min_words=1))
        if draw(st.booleans()):
            msg.previous_msgctxt = draw(texts())
    msg.obsolete = obsolete
    return msg


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    active = draw(st.lists(messages(), min_size=1, max_size=25))
    old = draw(st.lists(messages(obsolete=True), max_size=4))
    seen: set[tuple[str | None, str]] = set()
    unique = []
    for m in active + old:
        if m.key not in seen and m.key != (None, ""):
            seen.add(m.key)
            unique.append(m)
    header = make_header("pl", PL_PLURAL)
    header.flags = draw(st.sampled_from([[], ["fuzzy"]]))
    return Catalog(header=header, messages=unique)


# -- round trips against msgcat ---------------------------------------------------
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(catalogs())
def test_random_catalogues_equal_msgcat_and_round_trip(
    tmp_path_factory: pytest.TempPathFactory, cat: Catalog
) -> None:
    path = tmp_path_factory.mktemp("h") / "a.po"
    data = dump_po(cat)
    path.write_bytes(data)
    assert msgcat(path).decode() == data.decode()
    back = parse_po(data, "a.po")
    for m in cat.messages:
        if not m.first_form:
            m.fuzzy = False
    assert (back.header, back.messages) == (cat.header, cat.messages)


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.po*")))
def test_sample_files_equal_msgcat(name: str, tmp_path: Path) -> None:
    src = DATA / name
    plain = tmp_path / ("plain-" + name)
    # GNU rejects a BOM and keeps CR in comments: give it the plain LF version
    plain.write_bytes(src.read_bytes().removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n"))
    expected = msgcat(plain, b"charset=CP1251" in plain.read_bytes())
    cat = read_catalog(src)
    assert dump_po(cat).decode() == expected.decode()
    # a file already in msgcat's form is written back byte for byte
    again = tmp_path / name
    again.write_bytes(expected)
    assert write_catalog(read_catalog(again), again) is False
    assert again.read_bytes() == expected


def test_long_text_wrapping_matches_msgcat(tmp_path: Path) -> None:
    words = (
        "Ala ma kota, a kot ma Alę; Гродна — горад на Нёмане. http://example.com/"
        'ścieżka/do/zasobu?x=1&y=2 "cytat" \\ tab\there słowo-złożone (nawias) 50% '
        "Zażółćgęśląjaźńzażółćgęśląjaźńzażółćgęśląjaźńzażółćgęśląjaźńzażółćgęśląjaźńzażółć"
    )
    msgs = []
    for cut in range(0, len(words), 7):
        text = words[cut:] + " " + words[:cut]
        msgs.append(Message(text, text.upper() + "\n" + text))
    cat = Catalog(
        header=make_header(
            "be",
            "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
            "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
        ),
        messages=msgs,
    )
    path = tmp_path / "long.po"
    path.write_bytes(dump_po(cat))
    assert msgcat(path) == path.read_bytes()


def test_empty_catalogue_and_generator() -> None:
    assert dump_po(Catalog()) == b""
    lines = list(generate_po(Catalog(messages=[Message("a", "b")])))
    assert lines == ['msgid "a"', 'msgstr "b"']


def test_template_header_accepted_by_msgfmt(tmp_path: Path) -> None:
    cat = Catalog(header=make_template_header(), messages=[Message("Zażółć")])
    path = tmp_path / "t.pot"
    path.write_bytes(dump_po(cat))
    assert msgcat(path) == path.read_bytes()
    assert_msgfmt_check(path)


def assert_msgfmt_check(path: Path) -> None:
    """``msgfmt -c`` accepts the file at *path*."""
    done = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(path)],
        capture_output=True,
        env={"LC_ALL": "C"},
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_new_header_passes_msgfmt_check(tmp_path: Path) -> None:
    cat = Catalog(
        header=make_header("pl", PL_PLURAL),
        messages=[Message("kot", msgid_plural="koty", msgstr_plural=["kot", "koty", "kotów"])],
    )
    path = tmp_path / "pl.po"
    path.write_bytes(dump_po(cat))
    assert_msgfmt_check(path)


# -- reading ----------------------------------------------------------------------
def test_crlf_bom_and_windows_1251(tmp_path: Path) -> None:
    text = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=windows-1251\\n"\n\n'
        'msgid "kot"\nmsgstr "кот"\n'
    )
    cat = parse_po(text.replace("\n", "\r\n").encode("cp1251"), "w.po")
    assert cat.find("kot") is not None and cat.find("kot").msgstr == "кот"  # type: ignore[union-attr]
    out = dump_po(cat)
    assert b"charset=UTF-8" in out and "кот".encode() in out
    bom = b"\xef\xbb\xbf" + text.replace("windows-1251", "UTF-8").encode()
    assert parse_po(bom, "b.po").find("kot").msgstr == "кот"  # type: ignore[union-attr]


def test_not_utf8_without_charset() -> None:
    with pytest.raises(CatalogError) as err:
        parse_po(b'msgid "a"\nmsgstr "\xe6"\n', "x.po")
    assert err.value.line == 2
    assert "not UTF-8 and its header declares no other charset" in err.value.message


def test_template_placeholders() -> None:
    data = (
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=CHARSET\\n"\n'
        b'"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"\n\nmsgid "a"\nmsgstr ""\n'
    )
    cat = parse_po(data, "t.pot")
    assert cat.nplurals is None and cat.charset == "CHARSET"
    assert dump_po(cat) == data


def test_obsolete_previous_and_escapes() -> None:
    data = (
        b'#, fuzzy\n#| msgctxt "stary"\n#| msgid "Stary "\n#| "tekst"\nmsgctxt "m"\n'
        b'msgid "a\\tb\\"c\\\\d\\n"\nmsgstr "\\101\\x42"\n\n'
        b'#~| msgid "dawny"\n#~ msgctxt "k"\n#~ msgid "x"\n#~ msgid_plural "xs"\n'
        b'#~ msgstr[0] "y"\n#~ msgstr[1] ""\n'
    )
    cat = parse_po(data, "o.po")
    a, x = cat.messages
    assert a.previous_msgid == "Stary tekst" and a.previous_msgctxt == "stary"
    assert a.msgid == 'a\tb"c\\d\n' and a.msgstr == "AB" and a.fuzzy
    assert x.obsolete and x.msgctxt == "k" and x.msgstr_plural == ["y", ""]
    assert x.previous_msgid == "dawny"
    assert list(cat.obsolete()) == [x] and list(cat.active()) == [a]
    assert cat.find("x", "k") is x


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('msgid "a\nmsgstr "b"\n', 1, "unterminated string"),
        ('msgid "a"\nmsgstr "b\n', 2, "unterminated string"),
        ('msgid "a\\q"\nmsgstr "b"\n', 1, "invalid escape sequence \\q"),
        ('msgstr "b"\n', 1, "msgstr without msgid"),
        ('msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[2] "y"\n', 4, "expected msgstr[1]"),
        ('msgid "a"\nmsgid_plural "b"\nmsgstr "x"\n', 3, "needs msgstr[0]"),
        ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 4, "already defined at line 1"),
        ('msgid "a" x\nmsgstr "b"\n', 1, "unexpected text"),
        ('msgfoo "a"\n', 1, "unknown keyword 'msgfoo'"),
        (
            'msgid ""\nmsgstr "Plural-Forms: nplurals=2; plural=n!=1;\\n"\n\nmsgid "a"\n'
            'msgid_plural "b"\nmsgstr[0] "x"\nmsgstr[1] "y"\nmsgstr[2] "z"\n',
            8,
            "nplurals=2",
        ),
        ('msgid "a"\n', 1, "msgid without msgstr"),
    ],
)
def test_errors_name_the_line(text: str, line: int, words: str, tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as err:
        parse_po(text.encode(), "bad.po")
    assert err.value.path == "bad.po"
    assert err.value.line == line, str(err.value)
    assert words in err.value.message
    # GNU agrees that the file is broken
    path = tmp_path / "bad.po"
    path.write_bytes(text.encode())
    assert (
        subprocess.run(
            ["msgfmt", "-c", "-o", "/dev/null", str(path)],
            capture_output=True,
            env={"LC_ALL": "C"},
            check=False,
        ).returncode
        != 0
    )


def test_all_problems_reported_at_once() -> None:
    text = b'msgid "a\\q"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d\n\nmsgid "e"\nmsgstr "f"\n'
    with pytest.raises(CatalogError) as err:
        parse_po(text, "m.po")
    assert [p.line for p in err.value.problems] == [1, 5]


def test_duplicates_found_in_linear_time() -> None:
    body = "".join(f'msgid "m{i}"\nmsgstr ""\n\n' for i in range(20000))
    with pytest.raises(CatalogError) as err:
        parse_po((body + 'msgid "m5"\nmsgstr ""\n').encode(), "d.po")
    assert err.value.line == 60001 and "line 16" in err.value.message


def test_read_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="no such file"):
        read_catalog(tmp_path / "nope.po", shown="locales/nope.po")


# -- the line breaker against GNU libunistring itself ---------------------------------
def _libunistring_breaks(text: str) -> list[int] | None:
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("unistring")
    if name is None:
        return None
    lib = ctypes.CDLL(name)
    lib.u8_possible_linebreaks_v2.argtypes = [
        ctypes.c_char_p,
        ctypes.c_size_t,
        ctypes.c_char_p,
        ctypes.c_char_p,
    ]
    raw = text.encode()
    out = ctypes.create_string_buffer(len(raw))
    lib.u8_possible_linebreaks_v2(raw, len(raw), b"UTF-8", out)
    found, at = [], 0
    for i, ch in enumerate(text):
        if out.raw[at] == 2:  # UC_BREAK_POSSIBLE
            found.append(i)
        at += len(ch.encode())
    return found


ALPHABET = list(" abcXYZ019.,;:!?-/()[]{}'%$#&*+=<>|_~@\\\"\t") + list(
    "ąćęłńóśźżабвгдеёжзўі«»„”“–—…\u00a0\u202f\u00ad\u0301\u200b\u2060§°€№\u05d0\u4e00（"
)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(ALPHABET), min_size=1, max_size=40))
def test_break_opportunities_equal_libunistring(text: str) -> None:
    from multipub.gettext.linebreak import _possible_breaks

    expected = _libunistring_breaks(text)
    if expected is None:
        pytest.skip("libunistring not found")
    assert [i for i in _possible_breaks(text, set()) if i >= 0] == expected


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        st.sampled_from([c for c in ALPHABET if c not in "\u00ad\u0301\u200b\u2060\t\u4e00（"]),
        max_size=200,
    ),
    st.integers(5, 80),
    st.integers(0, 10),
)
def test_fast_line_breaker_equals_exact_one(text: str, width: int, startcol: int) -> None:
    from multipub.gettext.linebreak import _fast_breaks, _greedy, _possible_breaks

    forbid = {i for i in range(len(text)) if i % 7 == 3}
    exact = _greedy(text, _possible_breaks(text, forbid), width, startcol)
    assert _fast_breaks(text, forbid, width, startcol) == exact


# -- regressions of the codec fixes -----------------------------------------------------
FUZZ_FINDINGS = Path(__file__).parents[1] / "reliability" / "corpus" / "fuzz"


def own_output_is_stable(data: bytes) -> None:
    """What dump_po writes for *data* parse_po reads back, and rewriting gives the same bytes."""
    try:
        cat = parse_po(data, "x.po")
    except CatalogError:
        return
    out = dump_po(cat)
    assert dump_po(parse_po(out, "x.po")) == out


def test_charset_only_from_the_header_content_type() -> None:
    data = (
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n\n#. Example: charset=koi8-r\n'
        'msgid "Kot"\nmsgstr "Кот"\n'
    ).encode()
    cat = parse_po(data, "x.po")
    assert cat.messages[0].msgstr == "Кот" and cat.charset is None
    assert 'msgstr "Кот"' in dump_po(cat).decode()
    own_output_is_stable(data)
    # another header field mentioning a charset does not count either
    other = (
        'msgid ""\nmsgstr ""\n"X-Note: charset=koi8-r\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Kot"\nmsgstr "Кот"\n'
    ).encode()
    assert parse_po(other, "x.po").messages[0].msgstr == "Кот"
    # but the header's Content-Type does, even split over two strings
    split = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; char"\n"set=CP1251\\n"\n\n'
        'msgid "Kot"\nmsgstr "Кот"\n'
    ).encode("cp1251")
    cat = parse_po(split, "x.po")
    assert cat.messages[0].msgstr == "Кот"
    assert b"charset=UTF-8" in dump_po(cat) and "Кот".encode() in dump_po(cat)


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b'msgid "a\x00b\\101"\nmsgstr ""\n', 1),
        (b'msgid "a\\x42"\nmsgstr "x\x00"\n', 2),
        (b'msgid "a"\nmsgstr "x\\0y"\n', 2),
        (b'msgid "a"\nmsgstr ""\n"x\\x00"\n', 3),
    ],
)
def test_nul_in_a_string_is_an_error_with_its_line(data: bytes, line: int) -> None:
    # GNU gettext cuts a string at a NUL without a word; multipub refuses it
    with pytest.raises(CatalogError) as err:
        parse_po(data, "n.po")
    assert err.value.line == line and len(err.value.problems) == 1
    assert "NUL character" in err.value.message


def test_nul_is_never_written() -> None:
    cat = Catalog(header=make_header("pl", PL_PLURAL), messages=[Message("a\x00b", "c")])
    with pytest.raises(CatalogError, match="NUL character"):
        dump_po(cat)
    # a NUL in a comment is kept as GNU keeps comments, and reads back
    data = b'# uwaga \x00 tu\nmsgid "a"\nmsgstr "b"\n'
    assert dump_po(parse_po(data, "c.po")) == data


def test_nul_or_bad_name_in_the_charset() -> None:
    with pytest.raises(CatalogError) as err:
        parse_po(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF\x008\\n"\n', "h.po")
    assert err.value.line == 2
    # a catalogue built in memory: written as UTF-8, no ValueError from codecs.lookup
    header = Message("", "Content-Type: text/plain; charset=UTF\x008\n")
    out = dump_po(Catalog(header=header, messages=[Message("a", "ą")]))
    assert b"charset=UTF-8\\n" in out and b"\x00" not in out
    for charset, words in [("KLINGON-8", "unknown charset"), ("UTF-16", "cannot hold")]:
        data = (
            f'msgid ""\nmsgstr ""\n"Language: pl\\n"\n"Content-Type: text/plain; '
            f'charset={charset}\\n"\n'
        ).encode()
        with pytest.raises(CatalogError) as err:
            parse_po(data, "h.po")
        assert err.value.line == 4 and words in err.value.message


@pytest.mark.parametrize("path", sorted(FUZZ_FINDINGS.glob("po-*.po")), ids=lambda p: p.name)
def test_fuzz_findings_read_back_their_own_output(path: Path) -> None:
    own_output_is_stable(path.read_bytes())


HEADERS = [
    "Content-Type: text/plain; charset=UTF-8\\n",
    "Content-Type: text/plain; charset=CP1251\\n",
    "Content-Type: text/plain; charset=CHARSET\\n",
    "Content-Type: text/plain; charset=charset\\n",
    "Content-Type: text/plain; charset=latin1\\n",
    "Content-Type: text/plain\\n",
    "X-Comment: charset=CP1251\\nContent-Type: text/plain; charset=UTF-8\\n",
    "MIME-Version: 1.0\\ncharset=\\nContent-Type: text/plain; charset=KOI8-R\\n",
    "Content-Typ: text/plain; charset=CP1251\\n",
]


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(HEADERS),
    st.sampled_from(["CP1251", "UTF-8", "latin1", "KOI8-R"]),
    st.lists(st.sampled_from(["kot", "Кот", "ą", "charset=CP1251", "x\\ty"]), max_size=4),
    st.booleans(),
)
def test_writing_is_a_fixed_point(header: str, codec: str, words: list[str], crlf: bool) -> None:
    body = "".join(
        f'#. charset={codec}\nmsgid "m{i} {w}"\nmsgstr "{w}"\n\n' for i, w in enumerate(words)
    )
    text = f'msgid ""\nmsgstr "{header}"\n\n{body}'
    if crlf:
        text = text.replace("\n", "\r\n")
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    own_output_is_stable(data)


def test_unterminated_msgid_is_not_also_a_duplicate() -> None:
    data = b'msgid ""\nmsgstr "Language: pl\\n"\n\nmsgid "Wiecz\xc3\xb3r\nmsgstr "x"\n'
    with pytest.raises(CatalogError) as err:
        parse_po(data, "u.po")
    assert [(p.line, p.message) for p in err.value.problems] == [
        (4, 'unterminated string; expected a closing "')
    ]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            'msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr[0] "d"\n"more"\n\n#. x\n#: y:1\n'
            'msgid "e"\nmsgstr "f"\n',
            5,
            "msgstr[0] in an entry without msgid_plural",
        ),
        (
            'msgid "c"\nmsgstr[0] "d"\nmsgstr[1] "e"\n"f"\n\nmsgid "g"\nmsgstr "h"\n',
            2,
            "msgstr[0] in an entry without msgid_plural",
        ),
        ('msgid "a"\n#. x\n#: y:1\n#, fuzzy\nmsgstr "b"\n', 2, "a comment between"),
        ('msgid "a"\n\n#. x\n#: y:1\nmsgid "b"\nmsgstr "c"\n', 3, "a comment between"),
        ('msgstr "b"\n"c"\n\nmsgid "a"\nmsgstr "d"\n', 1, "msgstr without msgid"),
        ('msgid "a"\nmsgtxt "b"\n"c"\n\nmsgid "d"\nmsgstr "e"\n', 2, "unknown keyword"),
    ],
)
def test_only_the_real_error_is_reported(text: str, line: int, words: str) -> None:
    with pytest.raises(CatalogError) as err:
        parse_po(text.encode(), "f.po")
    assert len(err.value.problems) == 1, str(err.value)
    assert err.value.line == line and words in err.value.message


def test_each_wrong_plural_index_is_reported_as_gnu_does() -> None:
    data = b'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[2] "y"\nmsgstr[3] "z"\n"w"\n'
    with pytest.raises(CatalogError) as err:
        parse_po(data + b'\nmsgid "c"\nmsgstr "d"\n', "g.po")
    assert [p.line for p in err.value.problems] == [4, 5]  # msgfmt: the same two lines


FORMAT_CASES = [
    ("python-format", "słowo-złożone 10% gęślą "),
    ("python-format", "słowo-złożon %(name ab)s 10% z 20% d"),
    ("python-format", "za 50% o połowę taniej, %% i % 5.2f oraz %(x)  -8.3f"),
    ("c-format", "słowo-złożon 10% 'dgęślą and %-5.3ld / %s"),
    ("c-format", "a %1$s b %2$ *3$d c %<PRId64> d % i"),
    ("possible-python-format", "pozycja 10% d i 20% s"),
    ("no-python-format", "pozycja 10% d i 20% s"),
]


@pytest.mark.parametrize(("flag", "tail"), FORMAT_CASES)
def test_no_break_inside_format_directives_like_msgcat(tmp_path: Path, flag: str,
                                                       tail: str) -> None:
    """GNU never breaks a line inside a format directive of the entry's format."""
    lead = "Zażółć Zażółć Zażółć Zażółć Zażółć [link](https://x.pl/y) "
    entries = "".join(
        f'#, {flag}\nmsgid "{lead[:n]}{tail}"\nmsgstr "{tail}{lead[:n]}"\n\n'
        for n in range(0, len(lead), 3)
    )
    path = tmp_path / "f.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + entries,
        encoding="utf-8",
    )
    gnu = subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout
    assert dump_po(parse_po(path.read_bytes(), "f.po")) == gnu


def test_reader_escapes_are_the_writer_escapes() -> None:
    """The reader's escape table is written out (reading does not load the line breaker)."""
    import subprocess
    import sys

    from multipub.gettext import linebreak as _linebreak
    from multipub.gettext import postring

    assert {escaped[1]: ch for ch, escaped in _linebreak.ESCAPES.items()} == postring.SIMPLE_ESCAPES
    code = "import sys, multipub.gettext.pofile; print('multipub.gettext.linebreak' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"


def test_read_and_write_catalog_take_str_paths(tmp_path: Path) -> None:
    """A ``str`` path works like a :class:`Path`, and errors name it as given."""
    cat = Catalog(header=make_header("ru", "nplurals=2; plural=(n != 1);"),
                  messages=[Message("Kot", "Кот")])
    name = str(tmp_path / "sub" / "ru.po")
    assert write_catalog(cat, name) is True
    assert write_catalog(cat, name) is False  # unchanged: not written again
    assert (tmp_path / "sub" / "ru.po").read_bytes() == dump_po(cat)
    found = read_catalog(name).find("Kot")
    assert found is not None and found.msgstr == "Кот"
    assert read_catalog(name).path == name
    with pytest.raises(CatalogError) as err:
        read_catalog(str(tmp_path / "missing.po"))
    assert str(err.value) == f"{tmp_path / 'missing.po'}: no such file"


def test_an_empty_obsolete_previous_line_is_nothing() -> None:
    """``#~|`` with nothing after it is skipped (as before the reader was split into
    steps); an empty ``#|`` is a problem with its line."""
    cat = parse_po(b'#~| \nmsgid "a"\nmsgstr "b"\n', "x.po")
    found = cat.find("a")
    assert found is not None and found.msgstr == "b" and found.previous_msgid is None
    with pytest.raises(CatalogError) as err:
        parse_po(b'#| \nmsgid "a"\nmsgstr "b"\n', "x.po")
    assert str(err.value) == "x.po:1: expected msgctxt, msgid or msgid_plural after #|"
