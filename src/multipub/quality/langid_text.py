"""The text :mod:`multipub.quality.langid` looks at: markup removed, words, scripts.

* :func:`strip_markup` removes Markdown, URLs, e-mail addresses,
  placeholders, HTML tags and entities, and accelerator marks;
* :func:`words` gives the lower-cased words, apostrophes unified, Latin
  look-alikes inside Cyrillic words folded to Cyrillic and Cyrillic
  look-alikes inside Latin words folded to Latin;
* :func:`mixed_script_words` finds words that mix Latin and Cyrillic letters;
* :func:`is_cyrillic` and :func:`is_latin` tell a letter's script.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["is_cyrillic", "is_latin", "mixed_script_words", "strip_markup", "words"]

_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.M)
_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"')\]]+", re.I)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PLACEHOLDER = re.compile(
    r"%%|%\([^)\s]*\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%\d+\$[-#0 +]*\d*[a-zA-Z]"
    r"|%[-#0 +]*\d*(?:\.\d+)?(?:l{0,2}|h{0,2}|[zjt])[diouxXeEfFgGcsrpa]|%\d+"
    r"|\{\{[^{}]*\}\}|\{[^{}\s]*\}|\$\{[^}]*\}|\$\([^)]*\)"
)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# A gettext accelerator mark inside a word ("Z_amiani", "Zapi_s"): removed, not spaced.
_MNEMONIC = re.compile(r"(?<=[^\W\d_])_(?=[^\W\d_])")

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "ʹ": "'", "‘": "'"})
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_LETTERS = re.compile(r"[^\W\d_]+")

# Latin letters that look like Cyrillic ones, for words that are mostly Cyrillic.
_HOMOGLYPHS = str.maketrans(
    {"a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і"}
)
# The mirror: Cyrillic letters that look like Latin ones, for words that are mostly Latin
# (a Łacinka or Polish word typed with a Cyrillic "а" or "о" on the wrong keyboard layout).
_LATIN_HOMOGLYPHS = str.maketrans(
    {"а": "a", "с": "c", "е": "e", "о": "o", "р": "p", "х": "x", "у": "y", "і": "i"}
)


def strip_markup(text: str) -> str:
    """Remove Markdown, URLs, e-mail addresses, placeholders, HTML tags and entities.

    An underscore between two letters is a gettext accelerator mark
    (``Z_amiani``) and is dropped, so that the word stays whole.

    >>> strip_markup("**Вітаем**, %(name)s! See [docs](https://example.org) &amp; <b>more</b>")
    'Вітаем , ! See docs more'
    """
    text = _FENCE.sub(" ", text)
    text = _HTML_COMMENT.sub(" ", text)
    text = _INLINE_CODE.sub(" ", text)
    text = _REF_LINK.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _URL.sub(" ", text)
    text = _EMAIL.sub(" ", text)
    text = _PLACEHOLDER.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = _ENTITY.sub(" ", text)
    text = _MNEMONIC.sub("", text)
    text = re.sub(r"[*_#>|~=\[\]]+", " ", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u052f" or "\u1c80" <= ch <= "\u1c8f" or "\ua640" <= ch <= "\ua69f"


def is_latin(ch: str) -> bool:
    return ch.isascii() or "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff"


def _fold_word(word: str) -> str:
    """Fold look-alikes into the script of most of the word's letters.

    Latin look-alikes go to Cyrillic in a word that is at least half
    Cyrillic; Cyrillic look-alikes go to Latin in a word that is mostly Latin.
    """
    cyr = sum(is_cyrillic(ch) for ch in word)
    if cyr and cyr < len(word):
        if cyr >= len(word) - cyr:
            return word.translate(_HOMOGLYPHS)
        return word.translate(_LATIN_HOMOGLYPHS)
    return word


def words(text: str) -> list[str]:
    """The lower-cased words of *text* after :func:`strip_markup`.

    Apostrophes inside words are kept (and unified): Belarusian and Ukrainian
    write them in words such as ``з'ява``.  A word that mixes the scripts is
    folded to the script of most of its letters (``Вiтаем`` to Cyrillic,
    ``Zаčyni`` with a Cyrillic ``а`` to Latin).

    >>> words("П’ять <i>книжок</i>, 3 {count} i ўсё")
    ["п'ять", 'книжок', 'i', 'ўсё']
    """
    clean = unicodedata.normalize("NFC", strip_markup(text)).translate(_APOSTROPHES).lower()
    return [_fold_word(w) for w in _WORD.findall(clean)]


def mixed_script_words(text: str) -> list[str]:
    """Words that mix Latin and Cyrillic letters, in order of appearance.

    Such words usually hide a typo (a Latin ``o`` or ``c`` typed on the wrong
    keyboard layout) that breaks search and spell-checking.

    >>> mixed_script_words("Гэта cлова i слова, and nothing else")
    ['cлова']
    """
    found: list[str] = []
    for token in _LETTERS.findall(strip_markup(text)):
        if any(is_cyrillic(ch) for ch in token) and any(
            is_latin(ch) and ch.isalpha() for ch in token
        ):
            found.append(token)
    return found
