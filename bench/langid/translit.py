"""Cyrillic Belarusian to Łacinka, for training and evaluation text only.

A small, script-local transliteration (the classical rules: ł for hard л,
ie/ia/iu/io after consonants, je/ja/ju/jo at the start of a word and after
vowels, ć ś ź ń dź for soft consonants, ŭ for ў, ch for х).  The site's own
transliteration lives in the package; this one only turns the Cyrillic
Belarusian training and evaluation sentences into Łacinka so that the model
sees more than the GNOME catalogues.

>>> to_lacinka("Беларуская мова — гэта мова беларусаў.")
'Biełaruskaja mova — heta mova biełarusaŭ.'
>>> to_lacinka("Сьнег ідзе, а ў лесе ціха.")
'Śnieh idzie, a ŭ lesie cicha.'
"""

from __future__ import annotations

_PLAIN = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "ж": "ž", "з": "z",
    "і": "i", "й": "j", "к": "k", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ў": "ŭ", "ф": "f", "х": "ch", "ц": "c", "ч": "č",
    "ш": "š", "ы": "y", "э": "e", "щ": "šč", "и": "i", "ъ": "",
}
_IOTATED = {"е": "e", "ё": "o", "ю": "u", "я": "a"}
_SOFT = {"з": "ź", "с": "ś", "ц": "ć", "н": "ń", "л": "l", "дз": "dź"}
_VOWELS = set("аеёіоуыэюяўaeiouy")
_APOSTROPHES = set("'’ʼ")


def _case(out: str, like: str) -> str:
    return out[:1].upper() + out[1:] if like.isupper() else out


def to_lacinka(text: str) -> str:
    """*text* (Cyrillic Belarusian) in Łacinka; other characters are kept."""
    out: list[str] = []
    i = 0
    low = text.lower()
    while i < len(text):
        ch, lc = text[i], low[i]
        nxt = low[i + 1] if i + 1 < len(text) else ""
        prev = low[i - 1] if i else ""
        if lc == "д" and nxt in ("з", "ж"):
            after = low[i + 2] if i + 2 < len(text) else ""
            if nxt == "з" and after == "ь":
                out.append(_case("dź", ch))
                i += 3
            else:
                out.append(_case("dz" if nxt == "з" else "dž", ch))
                i += 2
            continue
        if lc in _IOTATED:
            vowel = _IOTATED[lc]
            if not prev or not prev.isalpha() or prev in _VOWELS or prev in _APOSTROPHES:
                out.append(_case("j" + vowel, ch))
            elif prev == "л":
                out.append(_case(vowel, ch))
            else:
                out.append(_case("i" + vowel, ch))
            i += 1
            continue
        if lc == "л":
            soft = nxt in _IOTATED or nxt in ("і", "ь")
            out.append(_case("l" if soft else "ł", ch))
            i += 1
            continue
        if lc in _SOFT and nxt == "ь":
            out.append(_case(_SOFT[lc], ch))
            i += 2
            continue
        if lc == "ь":
            i += 1
            continue
        if lc in _APOSTROPHES and prev.isalpha() and nxt in _IOTATED:
            i += 1
            continue
        if lc in _PLAIN:
            out.append(_case(_PLAIN[lc], ch))
        else:
            out.append(ch)
        i += 1
    return "".join(out)
