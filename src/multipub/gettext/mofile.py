"""Compiling catalogues to GNU ``.mo`` files and to in-memory translations.

:func:`compile_mo` writes what ``msgfmt`` writes, less the optional hash
table (size 0, as Babel and Python's ``msgfmt.py`` do; GNU's and Python's
readers accept it): the header, and every translated entry (not fuzzy, not
obsolete, first form not empty); plural entries under ``msgid\\0msgid_plural``
with their forms joined by NUL, entries with a context under
``msgctxt\\x04msgid``; keys sorted bytewise.  Strings are UTF-8 and the
header says so: a header declaring another charset is corrected, and a
catalogue without header gets one that only declares the charset, so that
every reader decodes the strings right.

:func:`translations` gives a :class:`gettext.GNUTranslations` built from
those bytes in memory, applying the catalogue's ``Plural-Forms``; the site
builder installs it into Jinja2 with
``install_gettext_translations(t, newstyle=True)``.
"""

from __future__ import annotations

import gettext
import io
import re
import struct
from pathlib import Path

from ..fsio import write_atomic
from .catalog import Catalog, Message

__all__ = ["compile_mo", "translations", "write_mo"]


def _pairs(catalog: Catalog) -> list[tuple[bytes, bytes]]:
    header = catalog.header.msgstr if catalog.header is not None else ""
    if catalog.charset is None:
        header += "Content-Type: text/plain; charset=UTF-8\n"
    elif catalog.charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        header = re.sub(r"charset=[^\s;\\]+", "charset=UTF-8", header, count=1)
    pairs: list[tuple[bytes, bytes]] = [(b"", header.encode("utf-8"))]
    for msg in catalog.messages:
        if msg.translated:
            pairs.append((_key(msg), _value(msg)))
    pairs.sort()
    return pairs


def _key(msg: Message) -> bytes:
    key = msg.msgid if msg.msgid_plural is None else f"{msg.msgid}\0{msg.msgid_plural}"
    if msg.msgctxt is not None:
        key = f"{msg.msgctxt}\x04{key}"
    return key.encode("utf-8")


def _value(msg: Message) -> bytes:
    text = msg.msgstr if msg.msgid_plural is None else "\0".join(msg.msgstr_plural)
    return text.encode("utf-8")


def compile_mo(catalog: Catalog) -> bytes:
    """The GNU ``.mo`` bytes of *catalog* (little-endian, no hash table).

    >>> from multipub.gettext.catalog import Message
    >>> mo = compile_mo(Catalog(messages=[Message("kot", "кот")]))
    >>> translations_from_bytes(mo).gettext("kot")
    'кот'
    """
    pairs = _pairs(catalog)
    n = len(pairs)
    orig_table = 28
    trans_table = orig_table + 8 * n
    data_start = trans_table + 8 * n
    ids = b""
    strs = b""
    id_entries: list[tuple[int, int]] = []
    for key, _ in pairs:
        id_entries.append((len(key), data_start + len(ids)))
        ids += key + b"\0"
    str_start = data_start + len(ids)
    str_entries: list[tuple[int, int]] = []
    for _, value in pairs:
        str_entries.append((len(value), str_start + len(strs)))
        strs += value + b"\0"
    out = [struct.pack("<7I", 0x950412DE, 0, n, orig_table, trans_table, 0, data_start)]
    out += [struct.pack("<2I", *e) for e in id_entries]
    out += [struct.pack("<2I", *e) for e in str_entries]
    return b"".join(out) + ids + strs


def translations_from_bytes(data: bytes) -> gettext.GNUTranslations:
    """A :class:`gettext.GNUTranslations` read from ``.mo`` *data*."""
    return gettext.GNUTranslations(io.BytesIO(data))


def translations(catalog: Catalog) -> gettext.GNUTranslations:
    """Translations of *catalog* in memory: fuzzy entries ignored, its Plural-Forms applied.

    >>> from multipub.gettext.catalog import Message, make_header
    >>> cat = Catalog(header=make_header("pl", "nplurals=3; plural=(n==1 ? 0 : "
    ...     "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"),
    ...     messages=[Message("cat", msgid_plural="cats", msgstr_plural=["kot", "koty", "kotów"])])
    >>> t = translations(cat)
    >>> [t.ngettext("cat", "cats", n) for n in (1, 3, 5, 22)]
    ['kot', 'koty', 'kotów', 'koty']
    """
    return translations_from_bytes(compile_mo(catalog))


def write_mo(catalog: Catalog, path: Path) -> bool:
    """Write the ``.mo`` of *catalog* to *path* atomically; return whether it changed."""
    return write_atomic(path, compile_mo(catalog))
