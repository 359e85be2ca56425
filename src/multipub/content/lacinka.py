"""Belarusian Cyrillic to Łacinka, the classical Belarusian Latin alphabet.

:func:`to_lacinka` transliterates plain text word by word:

- consonants: б b, в v, г h, ґ g, д d, ж ž, з z, й j, к k, м m, н n, п p,
  р r, с s, т t, ф f, х ch, ц c, ч č, ш š, ў ŭ;
- л is ``ł`` when hard and ``l`` when soft (before ь, я, е, ё, ю, і);
- з с ц н (and so дз) with a soft sign are ``ź ś ć ń`` (``dź``); the soft
  sign itself is not written;
- as in the classical orthography, a consonant softened by the soft consonant
  after it is marked too (*assimilative softness*): з с before soft з с ц дз
  н л в м п б ф (``свет`` → ``śviet``, ``змена`` → ``źmiena``, ``радасць`` →
  ``radaść``), ц дз before soft в (``цвік`` → ``ćvik``, ``дзве`` → ``dźvie``),
  н л before soft н л (``дзеянне`` → ``dziejańnie``); a text in the official
  orthography, which does not write these soft signs, gets them back;
- я е ё ю are ``ja je jo ju`` at the start of a word and after a vowel or
  an apostrophe, ``ia ie io iu`` after a consonant, ``a e o u`` after л
  (whose softness ``l`` already shows);
- а a, э e, і i, о o, у u, ы y; the apostrophe is dropped (``сям'я`` →
  ``siamja``);
- capitals are kept: ``Янка`` → ``Janka``, ``ЯНКА`` → ``JANKA``.

Letters outside Belarusian Cyrillic pass through unchanged.

:func:`markup_to_lacinka` does the same for a text with inline Markdown and
HTML (a segment of an article, a UI message): code spans, HTML tags and
comments, link destinations, reference labels, footnote marks, URLs, e-mail
addresses, entities and printf/brace placeholders are kept as they are.

>>> to_lacinka("Беларусь — краіна, дзе жыве сям'я Янкі Купалы.")
'Biełaruś — kraina, dzie žyvie siamja Janki Kupały.'
>>> markup_to_lacinka("Чытайце [навіны](https://example.org/навіны) і `код` (%(n)d)")
'Čytajcie [naviny](https://example.org/навіны) i `код` (%(n)d)'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection

__all__ = ["markup_to_lacinka", "to_lacinka"]

_CONSONANTS = {
    "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "ж": "ž", "з": "z", "й": "j", "к": "k",
    "л": "ł", "м": "m", "н": "n", "п": "p", "р": "r", "с": "s", "т": "t", "ф": "f", "х": "ch",
    "ц": "c", "ч": "č", "ш": "š", "щ": "šč",
}
_SOFT = {"з": "ź", "с": "ś", "ц": "ć", "н": "ń", "л": "l"}
"""Consonants whose softness before ь Łacinka writes with a diacritic (л: without ł's bar)."""
_VOWELS = {"а": "a", "э": "e", "і": "i", "о": "o", "у": "u", "ы": "y", "и": "i"}
_IOTATED = {"я": "a", "е": "e", "ё": "o", "ю": "u"}
_SOFTENING = frozenset("ьяеёюі")
_APOSTROPHES = frozenset("'’ʼ")
_SIGNS = frozenset("ьъ")

_WORD = re.compile(r"[^\W\d]+(?:['’ʼ][^\W\d]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


_ASSIMILATION = {
    "з": frozenset("зсцднлвмпбф"), "с": frozenset("зсцднлвмпбф"), "ц": frozenset("цв"),
    "н": frozenset("н"), "л": frozenset("л"),
}
"""Consonants softened by the soft consonant after them (the classical orthography's
assimilative softness: сьвет, зьмена, дзеяньне, жыцьцё), and the consonants that soften them."""


def _soft(lower: str, i: int) -> bool:
    """Whether the consonant at *i* is soft and followed by a consonant or ь (so that
    Łacinka marks it on the letter itself: ś, ź, ć, ń, dź; l for л)."""
    ch = lower[i]
    nxt = lower[i + 1] if i + 1 < len(lower) else ""
    if nxt == "ь":
        return True
    if nxt not in _ASSIMILATION.get(ch, ()):
        return False
    if nxt == "д":  # д before з is the first letter of дз: as soft as its з
        return lower[i + 2:i + 3] == "з" and _soft(lower, i + 2)
    after = lower[i + 2:i + 3]
    return after in _SOFTENING or _soft(lower, i + 1)


def _letter(lower: str, i: int) -> str:
    """The Łacinka of the letter at *i* of the lower-cased word *lower*."""
    ch = lower[i]
    nxt = lower[i + 1] if i + 1 < len(lower) else ""
    if ch in _CONSONANTS:
        if ch == "л":
            return "l" if nxt in _SOFTENING or _soft(lower, i) else "ł"
        if ch in _SOFT and _soft(lower, i):
            return _SOFT[ch]
        return _CONSONANTS[ch]
    if ch in _IOTATED:
        prev = lower[i - 1] if i else ""
        if prev == "л":
            return _IOTATED[ch]
        if prev in _CONSONANTS or prev in _SIGNS:
            return "i" + _IOTATED[ch]
        return "j" + _IOTATED[ch]
    if ch == "і" and i and lower[i - 1] in _APOSTROPHES:
        return "ji"
    if ch in _VOWELS:
        return _VOWELS[ch]
    if ch == "ў":
        return "ŭ"
    if ch in _SIGNS or ch in _APOSTROPHES:
        return ""
    return ch


def _is_caps(word: str) -> bool:
    """Whether *word* is written in capitals only (and has more than one letter)."""
    return word.isupper() and sum(c.isalpha() for c in word) > 1


@functools.lru_cache(maxsize=1 << 16)
def _word(word: str, caps: bool) -> str:
    """One word in Łacinka; *caps*: the word is written in capitals only.

    Underscores (a menu's mnemonic, ``__bold__``) are kept where they are and
    do not separate the letters around them.
    """
    letters = word.replace("_", "")
    lower = letters.lower()
    out: list[str] = []
    k = 0
    for ch in word:
        if ch == "_":
            out.append(ch)
            continue
        piece = _letter(lower, k)
        if ch != lower[k] and piece:
            piece = piece.upper() if caps else piece[0].upper() + piece[1:]
        out.append(piece)
        k += 1
    return "".join(out)


@functools.lru_cache(maxsize=1 << 16)
def _cased_word(word: str) -> str:
    """One word, its case as it is (a word's Łacinka depends on nothing around it)."""
    return _word(word, _is_caps(word)) if _CYRILLIC.search(word) else word


def _caps_nearby(text: str, start: int, end: int) -> bool:
    """Whether the word before or after ``text[start:end]`` is written in capitals."""
    i = start - 1
    while i >= 0 and not text[i].isalpha() and start - i < 40:
        i -= 1
    j = i
    while j >= 0 and text[j].isalpha():
        j -= 1
    if i > j and _is_caps(text[j + 1:i + 1]):
        return True
    k = end
    while k < len(text) and not text[k].isalpha() and k - end < 40:
        k += 1
    m = _WORD.match(text, k)
    return m is not None and _is_caps(m.group())


def _replace(m: re.Match[str]) -> str:
    word = m.group()
    if len(word) == 1 and word.isupper() and _caps_nearby(m.string, m.start(), m.end()):
        return _word(word, True)  # "Я" in a line of capitals: as its neighbours are written
    return _cased_word(word)


def to_lacinka(text: str) -> str:
    """*text* (Belarusian in Cyrillic) in Łacinka; other characters unchanged.

    >>> to_lacinka("Лета ў Полацку, ЛЮДЗІ і Ёлкі")
    'Leta ŭ Połacku, LUDZI i Jołki'
    """
    if not _CYRILLIC.search(text):
        return text
    return _WORD.sub(_replace, text)


_PROTECTED = re.compile(
    r"""
      (?P<code>(`+).+?(?<!`)\2(?!`))                     # code span
    | <!--.*?-->                                         # HTML comment
    | <[A-Za-z/!?][^<>]*>                                # HTML tag, autolink
    | \]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*              # link destination ...
      (?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)         # ... and its title
    | \]\[[^\]]*\]                                       # reference label
    | \[\^[^\]\s]+\]                                     # footnote mark
    | (?:https?|ftp)://[^\s<>()\[\]]+|www\.[^\s<>()\[\]]+ # bare URL
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                       # e-mail address
    | &(?:\#\d+|\#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);  # entity
    | %(?:\([^)\s]+\))?[-+ #0]*(?:\d+|\*)?(?:\.\d+)?[sdifgGeExXorcu%]  # printf
    | %\d+\$[sd]|%[1-9]                                # positional printf, %1
    | \{\{|\}\}|\{[^{}\s]*\}                             # brace field
    """,
    re.VERBOSE | re.DOTALL,
)


_MARKUP = re.compile(r"[`<\]%{}&@:]|www\.")
"""A character without which no part of a text is kept as it is."""


def markup_to_lacinka(text: str, labels: Collection[str] = ()) -> str:
    """*text* in Łacinka, with its inline markup, URLs and placeholders as they are.

    *labels* are the reference labels of the document (``[label]: url``
    definitions): a shortcut reference ``[label]`` to one of them is kept, so
    the link still resolves.

    >>> markup_to_lacinka('Гл. [Мінск] і <a href="/мінск" title="горад">горад</a>', ["мінск"])
    'Hł. [Мінск] i <a href="/мінск" title="горад">horad</a>'
    """
    if not _CYRILLIC.search(text):
        return text
    if not labels and not _MARKUP.search(text):
        return to_lacinka(text)
    pattern = _PROTECTED
    if labels:
        names = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
        pattern = re.compile(rf"\[(?i:{names})\](?!\()|" + _PROTECTED.pattern,
                             re.VERBOSE | re.DOTALL)
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        out.append(to_lacinka(text[pos:m.start()]))
        out.append(m.group())
        pos = m.end()
    out.append(to_lacinka(text[pos:]))
    return "".join(out)
