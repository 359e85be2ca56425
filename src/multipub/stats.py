"""Completeness counts of catalogues, as ``msgfmt --statistics`` gives them.

``translated``, ``fuzzy`` and ``untranslated`` mean exactly what GNU means:
the header and obsolete entries are not counted; an entry whose first form
(``msgstr`` or ``msgstr[0]``) is empty is untranslated even if marked
fuzzy; a fuzzy entry is never translated.  ``obsolete`` counts the ``#~``
entries separately.

:func:`catalog_stats` does not build :class:`~multipub.catalog.Message`
objects: one regular-expression pass over the bytes finds the keyword and
flag lines.  Anything it does not recognise (a stray line, a bad escape,
unbalanced msgid/msgstr) sends the file through the full parser, which
reports the problem with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog
from .errors import CatalogError
from .pofile import parse_po

__all__ = ["CatalogStats", "catalog_stats", "stats_of"]


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

    >>> from multipub.catalog import Message
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


# Every pattern starts with a literal newline, so the regex engine skips
# quickly from line to line; the data gets a newline in front.
_SCAN = re.compile(
    rb"\n[ \t]*(?:(#~)[ \t]*)?(?:(msgctxt|msgid(?!_)|msgstr(?:\[0\])?)[ \t]*\"([^\n]*)\"[ \t]*\r?"
    rb'((?:\n[ \t]*(?:#~[ \t]*)?"[^\n]*)*)'
    rb"|#,([^\n]*))"
)
_EMPTY_CONT = re.compile(rb'\n[ \t]*(?:#~[ \t]*)?""[ \t]*\r?')
_STRAY = re.compile(rb'\n(?![ \t]*(?:#|"|msg|\r?\n|\r?\Z))')
_BAD_ESCAPE = re.compile(rb'\\[^ntbrfva\\"0-7x]')
_FUZZY = re.compile(rb"(?:^|,)[ \t]*fuzzy[ \t]*(?:,|\r?$)")


def _blank(first: bytes, cont: bytes) -> bool:
    if first:
        return False
    return not cont or _EMPTY_CONT.sub(b"", cont) == b""


def _scan(data: bytes) -> CatalogStats | None:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    data = b"\n" + data + (b"" if data.endswith(b"\n") else b"\n")
    if _STRAY.search(data) or _BAD_ESCAPE.search(data):
        return None
    translated = fuzzy = untranslated = obsolete = 0
    is_fuzzy = has_ctxt = header = False
    have_id = False
    for m in _SCAN.finditer(data):
        keyword = m.group(2)
        if keyword is None:
            if _FUZZY.search(m.group(5)):
                is_fuzzy = True
            continue
        if keyword == b"msgctxt":
            if have_id:
                return None
            has_ctxt = True
        elif keyword == b"msgid":
            if have_id:
                return None
            have_id = True
            header = not has_ctxt and m.group(1) is None and _blank(m.group(3), m.group(4))
        else:
            if not have_id:
                return None
            if m.group(1) is not None:
                obsolete += 1
            elif header:
                pass
            elif _blank(m.group(3), m.group(4)):
                untranslated += 1
            elif is_fuzzy:
                fuzzy += 1
            else:
                translated += 1
            is_fuzzy = has_ctxt = header = have_id = False
    if have_id or has_ctxt:
        return None
    return CatalogStats(translated, fuzzy, untranslated, obsolete)


def catalog_stats(path: Path, shown: str | None = None) -> CatalogStats:
    """Counts of the PO file at *path*, equal to ``msgfmt --statistics``'s.

    Fast: no full parse unless the file looks broken, in which case the
    parser's :class:`CatalogError` names the line.
    """
    name = shown if shown is not None else str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogError("no such file", path=name) from None
    except IsADirectoryError:
        raise CatalogError("is a folder, expected a catalogue file", path=name) from None
    found = _scan(data)
    if found is None:
        found = stats_of(parse_po(data, name))
    return found
