"""Reading and writing GNU PO/POT files, byte-identical to GNU ``msgcat``.

Choice of codec: this module has its **own small parser and writer** and
does not use polib.  polib could not meet the requirements: its syntax
errors are bare ``OSError`` without a usable line, its duplicate check is
quadratic, it is slow on large files, its ``save()`` is not atomic, and its
output differs from GNU's (it wraps with :mod:`textwrap`, not with the
Unicode line-breaking rules GNU uses; polib issues 50, 96, 160).

* :func:`parse_po` reads PO/POT bytes (UTF-8 with or without BOM, or the
  charset the header declares; CRLF or LF) into a :class:`Catalog`, and
  reports every syntax problem of the file at once, each with its 1-based
  line, as one :class:`~multipub.errors.CatalogError`.
* :func:`generate_po` yields the lines GNU ``msgcat`` would print for the
  catalogue: the same comment order, normalized flags (``fuzzy`` first and
  only on entries with a translation, known format flags in GNU's order,
  unknown flags dropped as GNU drops them), references with ``./`` and
  duplicates removed, active entries before obsolete ones, obsolete entries
  without translation dropped, and strings wrapped at 79 columns by the
  algorithm of GNU libunistring (UAX #14 pair table, widths in columns).
* :func:`dump_po` encodes that as UTF-8; :func:`read_catalog` and
  :func:`write_catalog` are the file edges (atomic, unchanged files kept).

A file that equals ``msgcat``'s output is written back byte for byte.

This module is the public face; the work is done by :mod:`.poread` (the
parser, in named steps) and :mod:`.powrite` (the writer and its line
wrapping).

Known limits of the GNU imitation: line-break classes are exact for
Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, general punctuation,
symbols and CJK punctuation; other scripts use a close approximation.
Breaks that GNU forbids inside format directives (``%s``) are not
modelled; they matter only for directives containing spaces or ``/``.
Missing charsets are read leniently: a file without one that is valid
UTF-8 is read as UTF-8 (GNU tools refuse it if it is not pure ASCII).
The charset is the one of the header entry's ``Content-Type`` field and
nothing else (``charset=`` in a comment or another field does not count).
Where GNU silently cuts a string at a NUL character, multipub refuses it,
both reading and writing.  What :func:`dump_po` writes, :func:`parse_po`
reads back, and writing that again gives the same bytes.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import CatalogError
from ..fsio import read_bytes, write_atomic
from .catalog import Catalog
from .poread import parse_po
from .powrite import dump_po, generate_po

__all__ = ["dump_po", "generate_po", "parse_po", "read_catalog", "write_catalog"]


def read_catalog(path: str | os.PathLike[str], shown: str | None = None) -> Catalog:
    """Read the PO/POT file at *path* (a ``str`` or path); errors name it as *shown*
    (default: *path*)."""
    name = shown if shown is not None else os.fspath(path)
    return parse_po(read_bytes(Path(path), name, CatalogError), name)


def write_catalog(catalog: Catalog, path: str | os.PathLike[str]) -> bool:
    """Write *catalog* to *path* (a ``str`` or path) atomically as GNU would; return
    whether it changed."""
    return write_atomic(Path(path), dump_po(catalog))
