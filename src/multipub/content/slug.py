"""Slugs: ASCII names for URLs, made from titles in any language.

A slug is lowercase ``[a-z0-9-]``, never empty, and unique within a
language.  The title is transliterated with the system its language uses
for names in Latin letters:

- Polish (and other Latin-script languages): diacritics folded, ``ł`` -> ``l``;
- Russian: ICAO Doc 9303 (the machine-readable passport table);
- Belarusian: the national system of 2023 (``г`` -> ``g``, ``ж`` -> ``zh``,
  ``ў`` -> ``w``, ``ч`` -> ``ch``, ``ш`` -> ``sh``, ``х`` -> ``kh``,
  ``ц`` -> ``ts``; ``е ё ю я`` are ``je jo ju ja`` at the start of a word and
  after a vowel, ``ў``, ``ь`` or an apostrophe, else ``ie io iu ia``);
- any other language: Unicode decomposition plus a small table, with
  Cyrillic letters taken by the Russian table (and Ukrainian extras).

>>> slugify("Łódź – miasto przemysłu", "pl")
'lodz-miasto-przemyslu'
>>> slugify("Щёкино и Объячево", "ru")
'shchekino-i-obieiachevo'
>>> slugify("Гродна і Магілёў", "be")
'grodna-i-magiliow'
>>> slugify("Żółć", "de")
'zolc'
>>> unique_slug("page", {"page"})
'page-2'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Collection, Mapping

__all__ = ["RESERVED", "slugify", "transliterate", "unique_slug"]

RESERVED = frozenset({"page", "tag", "tags", "assets", "feed.xml", "index.html"})
"""Names a language folder already uses for its own pages; an article slug gets a suffix."""

_ICAO_RU: Mapping[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}
"""Russian, ICAO Doc 9303 (7th edition), lowercase."""

_UKRAINIAN_EXTRA: Mapping[str, str] = {"і": "i", "ї": "i", "є": "ie", "ґ": "g", "ў": "u"}

_BE_2023: Mapping[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "ж": "zh", "з": "z",
    "і": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ў": "w", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "ы": "y", "ь": "", "э": "e",
}
"""Belarusian, national system of 2023, the letters with a single value."""

_BE_IOTATED: Mapping[str, str] = {"е": "e", "ё": "o", "ю": "u", "я": "a"}
_BE_VOWELS = frozenset("аеёіоуыэюя")
_APOSTROPHES = frozenset("'’ʼ")

_LATIN_EXTRA: Mapping[str, str] = {
    "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o",
    "ı": "i", "ħ": "h", "ŧ": "t", "ŀ": "l", "ĸ": "k", "ŋ": "ng", "&": " and ",
}
"""Latin letters that Unicode decomposition does not reduce to ASCII."""


def _fold_latin(text: str) -> str:
    """Diacritics removed, special Latin letters replaced; other characters kept."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD)


class _FoldTable(dict[int, str]):
    """:func:`_fold_char` of every code point, for :meth:`str.translate`, made as met."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


def _fold_char(ch: str) -> str:
    """*ch* folded (called once per code point: :data:`_FOLD` keeps the answers)."""
    low = ch.lower()
    if low in _LATIN_EXTRA:
        return _LATIN_EXTRA[low]
    decomposed = unicodedata.normalize("NFKD", low)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _russian(text: str) -> str:
    return text.lower().translate(_RU_TABLE)


def _belarusian(text: str) -> str:
    """The 2023 national system; ``je``/``ie`` depending on what precedes.

    >>> _belarusian("Ельск, Вераб'ёвічы, Любань, Іўе")
    'jelsk, vierabjovichy, liuban, iwje'
    """
    out: list[str] = []
    prev = ""
    for ch in text.lower():
        if ch in _BE_IOTATED:
            soft = prev.isalpha() and prev not in _BE_VOWELS and prev not in "ўь"
            out.append(("i" if soft else "j") + _BE_IOTATED[ch])
        elif ch in _APOSTROPHES:
            pass
        else:
            out.append(_BE_2023.get(ch, ch))
        prev = ch
    return "".join(out)


_FOLD = _FoldTable()
_RU_TABLE = {ord(ch): latin for ch, latin in {**_UKRAINIAN_EXTRA, **_ICAO_RU}.items()}
"""The ICAO letters, then the Ukrainian extras, as a :meth:`str.translate` table."""

_TRANSLITERATORS: Mapping[str, Callable[[str], str]] = {
    "ru": _russian,
    "be": _belarusian,
    "uk": _russian,
}


def transliterate(text: str, language: str) -> str:
    """*text* in Latin letters (diacritics may remain for unknown scripts), lowercase.

    >>> transliterate("Жук и ёж", "ru")
    'zhuk i ezh'
    >>> transliterate("Ўсход", "be")
    'wskhod'
    """
    base = language.replace("-", "_").split("_")[0].lower()
    translit = _TRANSLITERATORS.get(base, _russian)
    return _fold_latin(translit(text))


@functools.lru_cache(maxsize=8192)
def slugify(text: str, language: str, fallback: str = "") -> str:
    """A URL slug for *text* in *language*; *fallback* if nothing ASCII remains.

    >>> slugify("  Co dalej?! 2024  ", "pl")
    'co-dalej-2024'
    >>> slugify("東京", "ja", fallback="tokyo-article")
    'tokyo-article'
    """
    ascii_text = transliterate(text, language)
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    if not slug:
        slug = _NOT_SLUG.sub("-", fallback.lower()).strip("-")
    return slug


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def unique_slug(slug: str, taken: Collection[str]) -> str:
    """*slug*, or *slug* with the first free suffix ``-2``, ``-3`` ... not in *taken*.

    >>> unique_slug("grodna", {"grodna", "grodna-2"})
    'grodna-3'
    """
    if slug not in taken:
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"
