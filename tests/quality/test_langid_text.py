"""Tests of multipub.quality.langid_text: the text that language identification looks at."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from multipub.quality.langid_text import (
    is_cyrillic,
    is_latin,
    mixed_script_words,
    strip_markup,
    words,
)


def test_accelerator_marks_do_not_split_words() -> None:
    # gedit's be@latin "Z_amiani" (Replace) and "Zamiani _ŭsie" (Replace All), GPL-2+
    assert strip_markup("Z_amiani _ŭsie") == "Zamiani ŭsie"
    assert words("Zapi_s jak…") == ["zapis", "jak"]
    assert strip_markup("__init__ and _emphasis_") == "init and emphasis"


def test_scripts_of_letters() -> None:
    assert all(is_latin(ch) for ch in "Łacinkaŭčšžćńśź")
    assert all(is_cyrillic(ch) for ch in "Ўсёіїєґ")
    assert not any(is_cyrillic(ch) for ch in "Łacinka")
    assert mixed_script_words("Zamiani ўсе і Zamianі") == ["Zamianі"]


@given(st.text(max_size=80))
def test_strip_markup_leaves_no_underscore(text: str) -> None:
    # an accelerator mark is dropped, any other underscore (emphasis) spaced
    assert "_" not in strip_markup(text)


def test_cyrillic_look_alikes_in_latin_words_fold_to_latin() -> None:
    # a Cyrillic а, о, с, е, і typed inside a mostly Latin word (wrong keyboard layout)
    assert words("Zаčyni fајł") == ["začyni", "fајł"]  # ј is no look-alike: kept
    assert words("Adčyni kаtаloh") == ["adčyni", "kataloh"]
    assert words("Otwórz plіk") == ["otwórz", "plik"]
    # the mirror still holds: a mostly Cyrillic word folds to Cyrillic
    assert words("Вiтаем") == ["вітаем"]
    # a word half and half folds to Cyrillic, as before
    assert words("coнь") == ["сонь"]
    # words of one script are left alone
    assert words("Polska Беларусь") == ["polska", "беларусь"]


@given(st.text(alphabet="abcdefghijklmnoprstuvyzłčšžćśźńŭ", min_size=3, max_size=12))
def test_folding_a_latin_word_with_look_alikes_restores_it(word: str) -> None:
    to_cyrillic = str.maketrans("acepxyi", "асерхуі")
    spoiled = word[0].translate(to_cyrillic) + word[1:]
    assert words(spoiled) == words(word)
