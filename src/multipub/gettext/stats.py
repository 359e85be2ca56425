"""Completeness counts of catalogues, as ``msgfmt --statistics`` gives them.

``translated``, ``fuzzy`` and ``untranslated`` mean exactly what GNU means:
the header and obsolete entries are not counted; an entry whose first form
(``msgstr`` or ``msgstr[0]``) is empty is untranslated even if marked
fuzzy; a fuzzy entry is never translated.  ``obsolete`` counts the ``#~``
entries separately.

:func:`scan` is the fast counter behind :func:`catalog_stats` and
``multipub status``: it builds no :class:`~multipub.gettext.catalog.Message`
objects, only matches one regular expression per entry.  It accepts a file
only when it has checked everything :func:`~multipub.gettext.pofile.parse_po`
checks: the entries follow each other without a gap, every string is
closed and has only the escapes ``\\n \\t \\" \\\\`` and the like, keywords
come in a valid order, plural forms are numbered 0, 1, ... up to the
header's ``nplurals``, no entry is defined twice, and the text is UTF-8 as
the header declares (or declares nothing).  Anything else (another charset,
``\\x`` or octal escapes, blank lines inside an entry, a syntax error) makes
it answer ``None``, and the caller reads the file with the full parser,
which gives the same counts or names every problem with its line.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import CatalogError
from ..fsio import read_bytes
from .catalog import Catalog, Message

__all__ = ["CatalogStats", "Tally", "catalog_stats", "scan", "stats_of"]

Tally = tuple[int, int, int, int, int, int, int]
"""What :func:`scan` counts: entries translated, fuzzy, untranslated, obsolete,
then the words of the translated, fuzzy and untranslated ``msgid``."""


@dataclass(frozen=True)
class CatalogStats:
    """Counts of one catalogue."""

    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int

    @property
    def total(self) -> int:
        """Entries ``msgfmt --statistics`` counts: translated + fuzzy + untranslated."""
        return self.translated + self.fuzzy + self.untranslated


def stats_of(catalog: Catalog) -> CatalogStats:
    """Counts of a parsed catalogue.

    >>> from multipub.gettext.catalog import Message
    >>> stats_of(Catalog(messages=[Message("a", "b"), Message("c", flags=["fuzzy"])]))
    CatalogStats(translated=1, fuzzy=0, untranslated=1, obsolete=0)
    """
    translated = fuzzy = untranslated = obsolete = 0
    for msg in catalog.messages:
        if msg.obsolete:
            obsolete += 1
        elif not msg.first_form:
            untranslated += 1
        elif msg.fuzzy:
            fuzzy += 1
        else:
            translated += 1
    return CatalogStats(translated, fuzzy, untranslated, obsolete)


# -- the scanner ----------------------------------------------------------------------------
# A string with only the simple escapes parse_po accepts; a keyword or string line ends with
# blanks and a newline.  Whitespace is only space and tab: other whitespace (which parse_po
# would strip) does not match, and the file goes to the full parser.
_S = r'"[^"\\\n]*(?:\\[ntbrfva\\"][^"\\\n]*)*"'
_END = r"[ \t]*\n"
_PREV = (
    rf"[ \t]*#~?\|[ \t]*(?:msgctxt|msgid_plural|msgid)[ \t]*{_S}{_END}"
    rf"(?:[ \t]*#~?\|[ \t]*{_S}{_END})*"
)
# blank lines, comments (not #~ or #|) and #| previous strings before the keywords
_PRE = rf"(?:[ \t]*\n|[ \t]*#(?![~|])[^\n]*\n|{_PREV})*"


def _keywords(p: str, g: str) -> str:
    """The keyword lines of an entry, each starting with the prefix *p*; groups named *g*x."""
    cont = rf"(?:[ \t]*{p}{_S}{_END})*"
    return (
        rf"(?:[ \t]*{p}msgctxt[ \t]*(?P<{g}c>{_S}){_END}(?P<{g}cc>{cont}))?"
        rf"[ \t]*{p}msgid[ \t]*(?P<{g}i>{_S}){_END}(?P<{g}ic>{cont})"
        rf"(?:(?P<{g}pl>[ \t]*{p}msgid_plural[ \t]*{_S}{_END}{cont})[ \t]*{p}msgstr\[0\]"
        rf"|[ \t]*{p}msgstr)"
        rf"[ \t]*(?P<{g}s>{_S}){_END}(?P<{g}sc>{cont})"
        rf"(?P<{g}f>(?:[ \t]*{p}msgstr\[[0-9]+\][ \t]*{_S}{_END}{cont})*)"
    )


_OBSOLETE = r"#~[ \t]*"
_ENTRY = re.compile(rf"(?P<pre>{_PRE})(?:{_keywords('', 'a')}|{_keywords(_OBSOLETE, 'o')})")
_TAIL = re.compile(rf"{_PRE}\Z")
_CONT = re.compile(r'"(.*)"')
_FORM = re.compile(r"msgstr\[([0-9]+)\]")
_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}


def _value(block: str) -> str:
    """The value of the string lines *block* (from the first quote to the last newline)."""
    value = block.replace('"\n"', "").rstrip(" \t\n")
    # lines with blanks or #~ around their strings are not joined by the replace
    value = "".join(_CONT.findall(block)) if "\n" in value else value[1:-1]
    if "\\" in value:
        value = _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), value)
    return value


def _fuzzy(comments: str) -> bool:
    """Whether the comment lines hold the ``fuzzy`` flag, as parse_po reads flags."""
    for line in comments.split("\n"):
        line = line.strip()
        if line.startswith("#,") and any(f.strip() == "fuzzy" for f in line[2:].split(",")):
            return True
    return False


def _header_ok(msgstr: str) -> tuple[bool, int | None]:
    """Whether the header lets the file be read as UTF-8; its ``nplurals``."""
    header = Catalog(header=Message("", msgstr))
    charset = header.charset
    if charset is not None and charset.upper() != "CHARSET":
        try:
            if codecs.lookup(charset).name != "utf-8":
                return False, None
        except (LookupError, ValueError):
            return False, None
    return True, header.nplurals


def scan(data: bytes, words: Callable[[str], int] | None = None,
         table: dict[tuple[str | None, str], str] | None = None,
         header: list[str] | None = None) -> Tally | None:
    """Count the entries of the PO *data* as ``msgfmt --statistics`` does, fast.

    *words*, if given, counts the words of each counted ``msgid`` (else the
    word counts are 0).  *table*, if given, receives ``(msgctxt, msgid) ->
    msgstr`` of every translated entry without plural forms (the entries a
    build applies).  *header*, if given, receives the header's ``msgstr``.
    ``None`` means: the file is not one the scanner has fully checked, read it
    with :func:`~multipub.gettext.pofile.parse_po` (which accepts it with the
    same counts, or names its problems); *table* may then hold some entries
    already.

    >>> scan(b'msgid ""\\nmsgstr "Language: pl\\\\n"\\n\\n#, fuzzy\\nmsgid "a b"\\nmsgstr "c"\\n'
    ...      b'\\nmsgid "d"\\nmsgstr ""\\n', lambda s: len(s.split()))
    (0, 1, 1, 0, 0, 2, 1)
    >>> scan(b'msgid "a"\\nmsgstr "\\\\q"\\n') is None
    True
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    if b"\x00" in data:
        return None
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n")
        if b"\r" in data:
            return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if text and not text.endswith("\n"):
        text += "\n"
    n = [0, 0, 0, 0, 0, 0, 0]
    seen: set[tuple[str | None, str]] = set()
    nplurals: int | None = None
    most_forms = 0
    match = _ENTRY.match
    pos, end = 0, len(text)
    while pos < end:
        m = match(text, pos)
        if m is None:
            if _TAIL.match(text, pos) is None:
                return None
            break
        pos = m.end()
        g = "a" if m.start("ai") >= 0 else "o"
        start = m.start(g + "c")
        msgctxt = None if start < 0 else _value(text[start : m.end(g + "cc")])
        msgid = _value(text[m.start(g + "i") : m.end(g + "ic")])
        key = (msgctxt, msgid)
        if key in seen:
            return None
        seen.add(key)
        forms = m.group(g + "f")
        if m.group(g + "pl") is not None:
            if forms:
                found = _FORM.findall(forms)
                if found != [str(i) for i in range(1, len(found) + 1)]:
                    return None
                most_forms = max(most_forms, len(found) + 1)
            else:
                most_forms = max(most_forms, 1)
        elif forms:
            return None
        first = m.group(g + "s")
        if g == "o":
            n[3] += 1
            continue
        if not msgid and msgctxt is None:  # the header (seen once: no duplicates)
            if m.group("apl") is not None:
                return None
            found_header = _value(text[m.start("as") : m.end("asc")])
            ok, nplurals = _header_ok(found_header)
            if header is not None:
                header.append(found_header)
            if not ok:
                return None
            continue
        if first == '""' and not any(_CONT.findall(m.group("asc"))):
            kind = 2
        elif "fuzzy" in m.group("pre") and _fuzzy(m.group("pre")):
            kind = 1
        else:
            kind = 0
        n[kind] += 1
        if words is not None:
            n[4 + kind] += words(msgid)
        if table is not None and kind == 0 and m.group("apl") is None:
            table[key] = _value(text[m.start("as") : m.end("asc")])
    if nplurals is not None and most_forms > nplurals:
        return None
    return (n[0], n[1], n[2], n[3], n[4], n[5], n[6])


def catalog_stats(path: str | os.PathLike[str], shown: str | None = None) -> CatalogStats:
    """Counts of the PO file at *path* (a ``str`` or path), equal to ``msgfmt --statistics``'s.

    Fast: no full parse unless the file looks broken, in which case the
    parser's :class:`CatalogError` names the line.
    """
    name = shown if shown is not None else os.fspath(path)
    data = read_bytes(Path(path), name, CatalogError)
    found = scan(data)
    if found is None:
        from .pofile import parse_po

        return stats_of(parse_po(data, name))
    return CatalogStats(*found[:4])
