"""Slugs: Polish folding, ICAO Doc 9303 Russian, Belarusian 2023, generic fallback."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from multipub.content.slug import RESERVED, slugify, transliterate, unique_slug


@pytest.mark.parametrize(("text", "language", "slug"), [
    ("Łódź", "pl", "lodz"),
    ("Zażółć gęślą jaźń", "pl", "zazolc-gesla-jazn"),
    ("Klastry na Białorusi", "pl", "klastry-na-bialorusi"),
    ("Щёкино", "ru", "shchekino"),
    ("Жуковский", "ru", "zhukovskii"),
    ("Хабаровск", "ru", "khabarovsk"),
    ("Цюрупинск и Чаадаевка", "ru", "tsiurupinsk-i-chaadaevka"),
    ("Объявление", "ru", "obieiavlenie"),
    ("Ярославль", "ru", "iaroslavl"),
    ("Выборг", "ru", "vyborg"),
    ("Гродна", "be", "grodna"),
    ("Магілёў", "be", "magiliow"),
    ("Шаркаўшчына", "be", "sharkawshchyna"),
    ("Віцебск", "be", "vitsiebsk"),
    ("Ельск", "be", "jelsk"),
    ("Любань", "be", "liuban"),
    ("Вераб'ёвічы", "be", "vierabjovichy"),
    ("Straße & Co.", "de", "strasse-and-co"),
    ("Ærø", "da", "aero"),
    ("Київ", "uk", "kiiv"),
])
def test_transliteration_tables(text: str, language: str, slug: str) -> None:
    assert slugify(text, language) == slug


def test_never_empty_and_ascii() -> None:
    assert slugify("東京", "ja", fallback="article-7") == "article-7"
    assert slugify("!!!", "pl", fallback="Ab C") == "ab-c"
    assert transliterate("ЁЖ", "ru") == "ezh"


@settings(max_examples=200)
@given(st.text(max_size=40), st.sampled_from(["pl", "ru", "be", "de", "ja", "uk"]))
def test_slugs_are_url_safe(text: str, language: str) -> None:
    slug = slugify(text, language, fallback="fallback-id")
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)


def test_unique_slug_suffixes_and_reserved_names() -> None:
    taken = set(RESERVED) | {"lodz"}
    first = unique_slug("lodz", taken)
    taken.add(first)
    assert (first, unique_slug("lodz", taken), unique_slug("page", taken)) == (
        "lodz-2", "lodz-3", "page-2")
