"""Languages from CLDR, plural rules equal in meaning to GNU gettext's."""

from __future__ import annotations

import gettext

import pytest

from multipub.languages import UnknownLanguage, get_language, is_known_language

# GNU gettext's canonical expressions (gettext-tools/src/plural-table.c, msginit);
# French follows CLDR 42+ (a third form for millions), as Babel and gettext 0.22 do
GNU = {
    "pl": "n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2",
    "ru": "n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2",
    "be": "n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2",
    "uk": "n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2",
    "de": "n != 1",
    "fr": "(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2",
    "ja": "0",
    "cs": "(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2",
}
NPLURALS = {"pl": 3, "ru": 3, "be": 3, "uk": 3, "de": 2, "fr": 3, "ja": 1, "cs": 3}


@pytest.mark.parametrize("code", sorted(GNU))
def test_plural_rule_equals_gnu(code: str) -> None:
    lang = get_language(code)
    gnu = gettext.c2py(GNU[code])
    assert lang.nplurals == NPLURALS[code]
    assert [lang.plural(n) for n in range(1001)] == [gnu(n) for n in range(1001)]
    # the header text itself evaluates the same way
    expr = lang.plural_forms.split("plural=", 1)[1].rstrip(";")
    own = gettext.c2py(expr)
    assert [own(n) for n in range(1001)] == [gnu(n) for n in range(1001)]
    assert lang.plural_forms.startswith(f"nplurals={NPLURALS[code]}; plural=(")


def test_names() -> None:
    assert [get_language(c).autonym for c in ("pl", "ru", "be")] == [
        "polski", "русский", "беларуская"]
    assert get_language("be").english_name == "Belarusian"
    assert get_language("pt_BR").tag == "pt-BR"


@pytest.mark.parametrize("code", ["by", "xx", "", "p", "pl/../x", "../pl"])
def test_unknown(code: str) -> None:
    assert not is_known_language(code)
    with pytest.raises(UnknownLanguage):
        get_language(code)


def test_belarusian_in_lacinka_and_gettext_modifiers() -> None:
    from multipub.languages import language_tag

    latin = get_language("be-Latn")
    assert (latin.english_name, latin.autonym, latin.tag) == (
        "Belarusian (Latin)", "Łacinka", "be-Latn")
    assert get_language("be@latin").tag == "be-Latn"
    assert latin.plural_forms == get_language("be").plural_forms
    assert get_language("be@tarask").tag == "be-tarask"
    assert [language_tag(c) for c in ("pt_BR", "sr@latin", "zh_hant_TW", "be@tarask")] == [
        "pt-BR", "sr-Latn", "zh-Hant-TW", "be-tarask"]
    assert not is_known_language("be@latin@x") and not is_known_language("xx@latin")
