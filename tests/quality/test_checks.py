"""multipub.quality.checks: every check fails and passes, dependencies, selection, output."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

from multipub.commands.stamp import stamp
from multipub.errors import UsageError
from multipub.gettext.pofile import parse_po
from multipub.languages import get_language
from multipub.project.model import load_project
from multipub.quality.checks import (
    CHECKS,
    Finding,
    check_catalog,
    exit_status,
    render_findings,
    run_checks,
)
from multipub.quality.checks.model import resolve_selection
from multipub.quality.checks.output import github_escape_data, github_escape_property

from ..conftest import EXAMPLE, write
from .test_status import RU_PLURALS, entry, header

BE_PLURALS = get_language("be").plural_forms
PL_PLURALS = get_language("pl").plural_forms
CANDIDATES = ("pl", "ru", "be", "uk")


def findings(text: str, lang: str = "ru", *, domain: str = "messages",
             only: Sequence[str] | None = None) -> list[Finding]:
    catalog = parse_po(text.encode("utf-8"), "x.po")
    return check_catalog(catalog, "x.po", lang, domain=domain, candidates=CANDIDATES,
                         enabled=only)


def ids(found: Sequence[Finding]) -> list[str]:
    return [f.check for f in found]


def one(msgid: str, msgstr: str, lang: str = "ru", *, flags: str = "",
        domain: str = "messages", only: Sequence[str] | None = None) -> list[Finding]:
    plural = {"ru": RU_PLURALS, "be": BE_PLURALS, "pl": PL_PLURALS}[lang]
    flag_line = f"#, {flags}\n" if flags else ""
    return findings(header(lang, plural) + flag_line + entry(msgid, msgstr), lang,
                    domain=domain, only=only)


# -- plural-forms --------------------------------------------------------------------

GNU_RU = RU_PLURALS  # GNU gettext's text of the Russian rule
BABEL_RU = get_language("ru").plural_forms  # Babel's text: different, same meaning


def test_gnu_and_babel_texts_differ() -> None:
    assert GNU_RU != BABEL_RU


@pytest.mark.parametrize("forms", [GNU_RU, BABEL_RU])
def test_plural_forms_equivalent_texts_pass(forms: str) -> None:
    assert ids(findings(header("ru", forms), only=["plural-forms"])) == []


def test_plural_forms_two_forms_for_russian_fail() -> None:
    found = findings(header("ru", "nplurals=2; plural=(n != 1);"), only=["plural-forms"])
    messages = " ".join(f.message for f in found)
    assert ids(found) == ["plural-forms", "plural-forms"]
    assert "nplurals=2" in messages and "gives form" in messages
    assert all(f.severity == "error" and f.line == 1 for f in found)


def test_plural_forms_wrong_expression_and_invalid() -> None:
    polish_for_russian = header("ru", "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && "
                                      "(n%100<10 || n%100>=20) ? 1 : 2);")
    found = findings(polish_for_russian, only=["plural-forms"])
    assert len(found) == 1 and "n=21" in found[0].message
    assert ids(findings(header("ru", "nplurals=3; plural=(n %% 2;"),
                        only=["plural-forms"])) == ["plural-forms"]


def test_plural_entry_forms() -> None:
    good = entry("%d plik", plural="%d pliki", forms=("%d файл", "%d файла", "%d файлов"))
    assert findings(header() + good, only=["plural-forms"]) == []
    missing_form = entry("%d plik", plural="%d pliki", forms=("%d файл", "%d файла"))
    found = findings(header() + missing_form, only=["plural-forms"])
    assert len(found) == 1 and "2 plural forms" in found[0].message
    empty = entry("%d plik", plural="%d pliki", forms=("%d файл", "", "%d файлов"))
    found = findings(header() + empty, only=["plural-forms"])
    assert len(found) == 1 and "msgstr[1] empty" in found[0].message
    assert "n=2" in found[0].message and found[0].severity == "error"


# -- header --------------------------------------------------------------------------


def test_header_good_and_bad() -> None:
    assert findings(header("ru"), only=["header"]) == []
    wrong = findings(header("be", BE_PLURALS), "ru", only=["header"])
    assert ids(wrong) == ["header"] and wrong[0].severity == "error"
    assert "Language: be" in wrong[0].message
    region = findings(header("ru_RU"), "ru", only=["header"])
    assert [f.severity for f in region] == ["warning"]
    bare = 'msgid ""\nmsgstr ""\n"Language: ru\\n"\n\n' + entry("a %d", plural="b",
                                                                forms=("x", "y", "z"))
    found = findings(bare, only=["header"])
    assert sorted(f.message.split(";")[0] for f in found) == [
        "the header declares no charset", "the header has no Plural-Forms"]
    assert all(f.severity == "error" for f in found)
    latin = header("ru").replace("charset=UTF-8", "charset=KOI8-R")
    assert [f.severity for f in findings(latin, only=["header"])] == ["warning"]
    assert ids(findings(entry("a", "b"), only=["header"])) == ["header"]


# -- placeholders --------------------------------------------------------------------


@pytest.mark.parametrize("flags, msgid, good, bad", [
    ("python-format", "Tag %(tag)s: %(count)d", "%(count)d: тег %(tag)s",
     "Тег %(name)s: %(count)d"),
    ("python-format", "%s ma %d kotów (100%%)", "У %s %d котов (100%%)", "У %d %s котов"),
    ("python-brace-format", "{name} ma {0} lat", "{name}: {0} лет", "{imie}: {0} лет"),
    ("c-format", "%s: %d plików", "%s: %d файлов", "%s: файлы"),
    ("c-format", "%1$s i %2$d", "%2$d и %1$s", "%2$s и %1$d"),
])
def test_placeholders(flags: str, msgid: str, good: str, bad: str) -> None:
    assert one(msgid, good, flags=flags, only=["placeholders"]) == []
    found = one(msgid, bad, flags=flags, only=["placeholders"])
    assert ids(found) == ["placeholders"] and found[0].severity == "error"


def test_placeholders_unflagged_named_ui_strings() -> None:
    assert ids(one("Hello %(name)s", "Привет", only=["placeholders"])) == ["placeholders"]
    assert one("Hello %(name)s", "Привет", domain="articles", only=["placeholders"]) == []


def test_placeholders_plural_form_for_one_may_omit_the_number() -> None:
    flags = "#, python-format\n"
    polish = header("pl", PL_PLURALS) + flags + entry(
        "%(n)d file", plural="%(n)d files",
        forms=("jeden plik", "%(n)d pliki", "%(n)d plików"))
    assert findings(polish, "pl", only=["placeholders"]) == []
    # Russian form 0 serves 1, 21, 31...: it must show the number
    russian = header("ru") + flags + entry(
        "%(n)d file", plural="%(n)d files", forms=("один файл", "%(n)d файла", "%(n)d файлов"))
    found = findings(russian, "ru", only=["placeholders"])
    assert len(found) == 1 and "msgstr[0]" in found[0].message


# -- markup --------------------------------------------------------------------------


@pytest.mark.parametrize("msgid, good, bad", [
    ("Zobacz [stronę](https://gov.pl/a).", "См. [сайт](https://gov.pl/a).",
     "См. [сайт](https://gov.pl/b)."),
    ("![Mapa](mapa.png) miast", "![Карта](mapa.png) городов", "Карта городов"),
    ("Uruchom `multipub build`.", "Запустите `multipub build`.", "Запустите multipub build."),
    ("Tekst[^1] dalej.", "Текст[^1] дальше.", "Текст дальше."),
    ("To **bardzo** ważne.", "Это **очень** важно.", "Это **очень важно."),
    ("To *ważne* i _pilne_.", "Это *важно* и _срочно_.", "Это важно и срочно."),
    ("Linia<br>druga", "Строка<br>вторая", "Строка вторая"),
    ('<a href="https://x.pl">Link</a>', '<a href="https://x.pl">Ссылка</a>',
     '<a href="https://y.pl">Ссылка</a>'),
])
def test_markup(msgid: str, good: str, bad: str) -> None:
    assert one(msgid, good, domain="articles/a", only=["markup"]) == []
    found = one(msgid, bad, domain="articles/a", only=["markup"])
    assert ids(found) == ["markup"] and found[0].severity == "error"
    assert one(msgid, bad, domain="messages", only=["markup"]) == []  # articles only


def test_markup_reordered_links_and_multiplication_are_fine() -> None:
    msgid = "[A](https://a.pl) i [B](https://b.pl), 2 * 3"
    good = "[Б](https://b.pl) и [А](https://a.pl), 2 * 3"
    assert one(msgid, good, domain="articles/a", only=["markup"]) == []


# -- languages and scripts -----------------------------------------------------------

RU_TEXT = ("Эксперты рассказывают представителям администрации и бизнеса о том, как "
           "создавать и развивать кластеры в шести крупнейших городах.")
BE_TEXT = ("Эксперты распавядаюць прадстаўнікам адміністрацыі і бізнесу пра тое, як "
           "ствараць і развіваць кластары ў шасці найбуйнейшых гарадах.")
PL_SOURCE = ("Eksperci opowiadają przedstawicielom administracji i biznesu o tym, jak "
             "budować i rozwijać klastry w sześciu największych miastach.")
PL_OTHER = ("Polscy eksperci mówią urzędnikom i przedsiębiorcom, w jaki sposób tworzyć "
            "i rozwijać klastry w sześciu dużych miastach kraju.")


def test_wrong_language_entry() -> None:
    be_header = header("be", BE_PLURALS)
    good = be_header + entry(PL_SOURCE, BE_TEXT) + entry("Kot", "Кот")
    assert findings(good, "be", only=["wrong-language"]) == []
    # one Russian paragraph pasted into a Belarusian catalogue that is otherwise Belarusian
    mixed = good + entry(PL_SOURCE + " 2", RU_TEXT) + "".join(
        entry(f"{PL_SOURCE} {i}", BE_TEXT) for i in range(3, 7))
    found = findings(mixed, "be", only=["wrong-language"])
    assert [(f.check, f.severity) for f in found] == [("wrong-language", "warning")]
    assert "Russian" in found[0].message


def test_wrong_language_whole_catalogue_is_one_error() -> None:
    russian_in_be = header("be", BE_PLURALS) + "".join(
        entry(f"{PL_SOURCE} {i}", RU_TEXT) for i in range(4))
    found = findings(russian_in_be, "be", only=["wrong-language"])
    first_entry = next(iter(parse_po(russian_in_be.encode(), "be.po").active())).lineno
    assert [(f.severity, f.line) for f in found] == [("error", first_entry)]  # not the header
    polish_in_ru = header("ru") + "".join(entry(f"Tekst {i}", PL_OTHER) for i in range(4))
    found = findings(polish_in_ru, "ru", only=["wrong-language"])
    assert [f.severity for f in found] == ["error"] and "Polish" in found[0].message


def test_mixed_script() -> None:
    assert one("Kot", "Кот", only=["mixed-script"]) == []
    found = one("Klastry", "Клaстеры", only=["mixed-script"])  # Latin 'a'
    assert ids(found) == ["mixed-script"] and "Клaстеры" in found[0].message
    assert found[0].severity == "error"


# -- cosmetic ------------------------------------------------------------------------


def test_untranslated_copy() -> None:
    found = one("Spotkanie odbyło się w Grodnie", "Spotkanie odbyło się w Grodnie",
                only=["untranslated-copy"])
    assert [(f.check, f.severity) for f in found] == [("untranslated-copy", "warning")]
    # names alone stay as they are
    assert one("Podlaska Fundacja Rozwoju", "Podlaska Fundacja Rozwoju",
               only=["untranslated-copy"]) == []
    assert one("BELTA", "BELTA", only=["untranslated-copy"]) == []
    assert one("Spotkanie odbyło się", "Встреча состоялась", only=["untranslated-copy"]) == []


def test_copy_gets_no_dependent_findings() -> None:
    text = "Zobacz [stronę](https://gov.pl/a) „teraz”, w Grodnie"
    russian = "".join(entry(f"{PL_SOURCE} {i}", RU_TEXT) for i in range(3))
    found = findings(header() + russian + entry(text, text), domain="articles/a")
    assert ids(found) == ["untranslated-copy"]
    # alone in its catalogue, the copy makes the whole catalogue Polish
    found = findings(header() + entry(text, text), domain="articles/a")
    assert ids(found) == ["untranslated-copy", "wrong-language"]  # both at the entry's line
    assert found[0].line == found[1].line


def test_whitespace() -> None:
    assert one("Kot\n", "Кот\n", only=["whitespace"]) == []
    assert ids(one("Kot\n", "Кот", only=["whitespace"])) == ["whitespace"]
    assert ids(one(" Kot", "Кот", only=["whitespace"])) == ["whitespace"]
    assert ids(one("Kot", "Кот ", only=["whitespace"])) == ["whitespace"]


def test_doubled_words() -> None:
    assert ids(one("Polska i Białoruś", "Польша и и Беларусь", only=["doubled-words"])) == [
        "doubled-words"]
    assert one("Polska i Białoruś", "Польша и Беларусь", only=["doubled-words"]) == []
    # legitimate repeats, and repeats the source has too
    assert one("Bardzo, bardzo ważne", "Очень очень важно", only=["doubled-words"]) == []
    assert one("Ha ha", "Ха ха", only=["doubled-words"]) == []
    assert one("Kot kot", "Кот кот", only=["doubled-words"]) == []
    assert one("Punkt A", "Пункт A A", only=["doubled-words"]) == []


@pytest.mark.parametrize("lang, msgid, msgstr", [
    ("ru", "Projekt „Wdrażanie systemu”", "Проект «Внедрение системы»"),
    ("be", "Projekt „Wdrażanie systemu”", "Праект «Укараненне сістэмы»"),
    ("ru", 'Projekt "Wdrażanie"', "Проект «Внедрение»"),
    ("pl", 'Project "Implementation"', "Projekt „Wdrażanie”"),
    ("ru", "Program Polskiej pomocy", "Программа «Польская помощь»"),  # quotes added: fine
    ("ru", "Tag %(tag)s", "Тег «%(tag)s»"),
])
def test_quotes_equivalents_pass(lang: str, msgid: str, msgstr: str) -> None:
    assert one(msgid, msgstr, lang, only=["quotes"]) == []


def test_quotes_failures() -> None:
    assert ids(one("Projekt „Wdrażanie”", "Проект «Внедрение", only=["quotes"])) == ["quotes"]
    assert ids(one("Projekt „Wdrażanie”", "Проект Внедрение", only=["quotes"])) == ["quotes"]
    assert ids(one('Projekt "X"', 'Проект "X', only=["quotes"])) == ["quotes"]


def test_untranslated_and_fuzzy_entries_are_not_checked() -> None:
    text = header() + entry("Zobacz %(x)s", "") + entry("Kot", "Клaстер", fuzzy=True)
    assert findings(text) == []


# -- selection, ordering, output -----------------------------------------------------


def test_selection_rules() -> None:
    every = tuple(c.id for c in CHECKS)
    assert resolve_selection([], [], None, None) == every
    assert resolve_selection(["critical"], [], None, None) == (
        "header", "plural-forms", "placeholders")
    assert resolve_selection(["critical"], [], ["markup,quotes"], None) == ("markup", "quotes")
    assert "quotes" not in resolve_selection([], ["quotes"], None, ["header"])
    assert "header" not in resolve_selection([], ["quotes"], None, ["header"])
    with pytest.raises(UsageError):
        resolve_selection([], [], ["no-such-check"], None)


def test_findings_sorted_and_rendered() -> None:
    a = Finding.make("quotes", "warning", "b.po", 3, "m1", "x" * 100)
    b = Finding.make("header", "error", "a.po", None, "m2")
    c = Finding.make("markup", "error", "b.po", 3, "m3, with: 50%\nnext")
    ordered = sorted([a, c, b])
    assert ordered == [b, c, a]
    assert len(a.msgid) <= 60 and a.msgid.endswith("…")
    text = render_findings(ordered, "text").splitlines()
    assert text[0] == "a.po: error [header] m2"
    assert text[1] == "b.po:3: error [markup] m3, with: 50%\nnext".splitlines()[0]
    gh = render_findings([c], "github")
    assert gh == "::error file=b.po,line=3,title=[markup]::m3, with: 50%25%0Anext\n"
    assert github_escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    assert github_escape_data("x\r\ny") == "x%0D%0Ay"
    data = json.loads(render_findings(ordered, "json"))
    assert data["counts"] == {"error": 2, "warning": 1, "info": 0}
    assert list(data["findings"][0]) == ["check", "severity", "path", "line", "msgid", "message"]
    assert render_findings([], "text") == ""
    with pytest.raises(UsageError):
        render_findings([], "xml")


# -- whole projects ------------------------------------------------------------------

ARTICLE = """---
title: Spotkania w Grodnie
date: 2024-03-05
---

W sześciu największych miastach Białorusi trwa cykl spotkań informacyjnych, podczas
których polscy eksperci opowiadają przedstawicielom administracji i biznesu o klastrach.
"""


def project(tmp_path: Path, select: str = "") -> Path:
    root = tmp_path / "p"
    write(root / "multipub.toml", 'source_language = "pl"\nlanguages = ["ru", "be"]\n' + select)
    write(root / "content/grodno/pl.md", ARTICLE)
    return root


def test_run_checks_on_a_project(tmp_path: Path) -> None:
    root = project(tmp_path)
    write(root / "locales/ru/LC_MESSAGES/messages.po",
          header("ru", "nplurals=2; plural=(n != 1);") + entry("Home", "Главная"))
    write(root / "locales/be/LC_MESSAGES/messages.po", 'msgid "a"\nmsgstr "b\n')
    write(root / "content/grodno/ru.md", "---\ntitle: Встречи в Гродно\n---\n\n" + RU_TEXT + "\n")
    write(root / "content/grodno/be.md", "---\ntitle: Сустрэчы ў Гродне\n---\n\n" + RU_TEXT + "\n")
    report = run_checks(load_project(root))
    got = [(f.path, f.check, f.severity) for f in report.findings]
    assert got == [
        ("content/grodno/be.md", "front-matter", "error"),
        ("content/grodno/be.md", "article-language", "error"),
        ("content/grodno/ru.md", "front-matter", "error"),
        ("locales/ru/LC_MESSAGES/messages.po", "plural-forms", "error"),
        ("locales/ru/LC_MESSAGES/messages.po", "plural-forms", "error"),
    ]
    assert [p.path for p in report.problems] == ["locales/be/LC_MESSAGES/messages.po"]
    assert exit_status(report) == 2
    assert report.findings == run_checks(load_project(root)).findings  # stable
    wrong = next(f for f in report.findings if f.check == "article-language")
    assert wrong.line == 5  # the Russian paragraph, not the file


def test_outdated_translation_and_config_selection(tmp_path: Path) -> None:
    root = project(tmp_path, '[check]\nignore = ["article-language"]\n')
    write(root / "content/grodno/ru.md", "---\ntitle: Встречи\n---\n\n" + RU_TEXT + "\n")
    stamp(load_project(root), "grodno", "ru")
    assert run_checks(load_project(root)).findings == ()
    source = root / "content/grodno/pl.md"
    source.write_text(ARTICLE + "\nNowy akapit.\n", encoding="utf-8")
    report = run_checks(load_project(root))
    assert [(f.check, f.severity, f.line) for f in report.findings] == [
        ("outdated", "warning", 3)]
    assert exit_status(report) == 0
    assert run_checks(load_project(root), ignore=["outdated"]).findings == ()
    assert run_checks(load_project(root), select=["front-matter"]).findings == ()


@pytest.mark.skipif(not EXAMPLE.is_dir(), reason="the bundled example is not present")
def test_example_catalogues_have_no_errors(example_copy: Path) -> None:
    report = run_checks(load_project(example_copy))
    assert report.problems == ()
    assert [f for f in report.findings if f.severity == "error"] == []


MSGFMT = shutil.which("msgfmt")


@pytest.mark.skipif(MSGFMT is None, reason="GNU msgfmt is not installed")
def test_msgfmt_lets_wrong_russian_plurals_through(tmp_path: Path) -> None:
    """The motivating case: msgfmt -c accepts nplurals=2 for Russian; we do not."""
    text = header("ru", "nplurals=2; plural=(n != 1);") + entry(
        "%d plik", plural="%d pliki", forms=("%d файл", "%d файла"))
    path = write(tmp_path / "ru.po", text)
    assert MSGFMT is not None
    ok = subprocess.run([MSGFMT, "-c", "-o", "/dev/null", str(path)], capture_output=True,
                        check=False)
    assert ok.returncode == 0
    assert "plural-forms" in ids(findings(text))
