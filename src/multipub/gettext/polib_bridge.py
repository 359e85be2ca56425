"""A :class:`Catalog` to a ``polib.POFile`` and back, for code that uses polib.

multipub reads and writes PO files itself (:mod:`multipub.gettext.pofile`,
byte-identical to GNU ``msgcat``); this module only converts between its
catalogue model and polib's, so that code built on polib can hand its
``POFile`` objects to multipub and take multipub's catalogues back.

:func:`to_polib` maps every field of :class:`Message` onto
``polib.POEntry``, in the form polib's own reader gives for the same file
(``polib.pofile``):

=========================  ==========================================
multipub                   polib
=========================  ==========================================
header ``msgstr``          ``POFile.metadata`` (fields in file order)
header translator comments ``POFile.header`` (lines joined by ``\\n``)
header flags               ``POFile.metadata_is_fuzzy`` (the flag list,
                           as polib's reader stores it)
``msgctxt``, ``msgid``     ``msgctxt``, ``msgid``
``msgid_plural`` (None)    ``msgid_plural`` (``""``)
``msgstr``                 ``msgstr``
``msgstr_plural`` (list)   ``msgstr_plural`` (dict index -> form)
``flags``                  ``flags``
``translator_comments``    ``tcomment`` (lines joined by ``\\n``)
``extracted_comments``     ``comment`` (lines joined by ``\\n``)
``references``             ``occurrences``: ``(path, line)`` tuples,
                           ``line`` a string of digits or ``""``
``previous_*``             ``previous_*``
``obsolete``               ``obsolete``
``lineno``                 ``linenum``
``Catalog.path``           ``POFile.fpath``
=========================  ==========================================

A reference is split at its last colon only when what follows is digits
(``content/a/pl.md:12`` -> ``("content/a/pl.md", "12")``, ``a:b`` ->
``("a:b", "")``), as polib splits ``#:`` tokens.  :func:`from_polib` also
accepts integer lines, as code building ``POEntry`` objects often passes.
``POFile.encoding`` is the charset the header declares when Python knows it
(else UTF-8), so that ``POFile.save()`` writes what the header says.

What polib's model cannot hold, so what does not survive the trip
``from_polib(to_polib(c))``:

* the header entry's extracted comments, references and ``#|`` strings
  (polib keeps only the header's comments, flags and fields);
* a header ``msgstr`` not of the form ``Name: value\\n`` per line: the
  fields are parsed as polib parses them (a line without a colon continues
  the field before it, a repeated field keeps its last value, the value is
  stripped) and written back as ``Name: value\\n`` lines;
* the difference between no header and an empty one (no fields, comments
  or flags): both come back as no header;
* a comment list that is exactly one empty line (``[""]``) comes back as
  ``[]``, since polib joins the lines into one string;
* a plural entry without forms comes back with one empty form (``[""]``),
  as :func:`~multipub.gettext.pofile.dump_po` writes it; forms of a
  non-plural entry are dropped, as ``dump_po`` drops them.

polib's own reading and writing (not this module) lose more, which is why
multipub does not use them: ``polib.pofile`` skips ``#~|`` lines (the
previous strings of obsolete entries), lines ``#.`` and ``#:`` without
text and empty comment lines that start a comment, strips trailing blanks
off comments, reads only one-digit ``msgstr[N]`` indices, and without a
header entry takes the first entry's comments for the file's; ``POFile.save()``
reorders the header fields, writes ``fuzzy`` as the header's only flag,
drops extracted comments and references of obsolete entries, omits an
empty ``msgid_plural`` and wraps lines unlike GNU.  Write with
``multipub.gettext.pofile.dump_po(from_polib(po))`` to get GNU's output.
"""

from __future__ import annotations

import codecs
from typing import Any

import polib

from .catalog import Catalog, Message

__all__ = ["from_polib", "to_polib"]


def to_polib(catalog: Catalog) -> polib.POFile:
    """The ``polib.POFile`` holding what *catalog* holds.

    Entries keep their order, obsolete ones included; nothing is shared
    with *catalog* (lists are copied).

    >>> from multipub.gettext.catalog import make_header
    >>> cat = Catalog(header=make_header("pl", "nplurals=2; plural=(n != 1);"),
    ...               messages=[Message("Kot", "Kot", references=["content/a/pl.md:12"])])
    >>> po = to_polib(cat)
    >>> po.metadata["Language"], po[0].msgstr, po[0].occurrences
    ('pl', 'Kot', [('content/a/pl.md', '12')])
    >>> from_polib(po) == cat
    True
    """
    po = polib.POFile(encoding=_encoding(catalog.charset), fpath=catalog.path)
    header = catalog.header
    if header is not None:
        po.header = "\n".join(header.translator_comments)
        po.metadata = _metadata(header.msgstr)
        po.metadata_is_fuzzy = list(header.flags)
    for msg in catalog.messages:
        po.append(_to_entry(msg))
    return po


def from_polib(po: polib.POFile) -> Catalog:
    """The :class:`Catalog` holding what the ``polib.POFile`` *po* holds.

    The inverse of :func:`to_polib`; it also takes a ``POFile`` that polib
    read or that code built, with integer lines in ``occurrences`` and
    ``msgstr_plural`` keys as integers or digit strings (a missing index
    becomes an empty form).

    >>> po = polib.POFile()
    >>> po.metadata = {"Language": "be", "Content-Type": "text/plain; charset=UTF-8"}
    >>> po.append(polib.POEntry(msgid="Kot", msgstr="Кот", occurrences=[("a.md", 3)]))
    >>> cat = from_polib(po)
    >>> cat.language, cat.find("Kot").msgstr, cat.find("Kot").references
    ('be', 'Кот', ['a.md:3'])
    """
    comments = _lines(po.header)
    fields = po.metadata or {}
    fuzzy = po.metadata_is_fuzzy  # polib's reader stores the flag list, code sets a bool
    if isinstance(fuzzy, list | tuple):
        flags = [str(f) for f in fuzzy]
    else:
        flags = ["fuzzy"] if fuzzy else []
    header = None
    if comments or fields or flags:
        text = "".join(f"{name}: {value}\n" for name, value in fields.items())
        header = Message("", text, flags=flags, translator_comments=comments)
    path = po.fpath
    catalog = Catalog(
        header=header,
        messages=[_from_entry(e) for e in po],
        path=str(path) if path else None,
    )
    catalog.reindex()
    return catalog


def _to_entry(msg: Message) -> Any:
    if msg.msgid_plural is not None:
        plural, forms = msg.msgid_plural, dict(enumerate(msg.msgstr_plural or [""]))
    else:
        plural, forms = "", {}
    return polib.POEntry(
        msgid=msg.msgid,
        msgstr=msg.msgstr,
        msgid_plural=plural,
        msgstr_plural=forms,
        msgctxt=msg.msgctxt,
        obsolete=msg.obsolete,
        flags=list(msg.flags),
        tcomment="\n".join(msg.translator_comments),
        comment="\n".join(msg.extracted_comments),
        occurrences=[_occurrence(ref) for ref in msg.references],
        previous_msgctxt=msg.previous_msgctxt,
        previous_msgid=msg.previous_msgid,
        previous_msgid_plural=msg.previous_msgid_plural,
        linenum=msg.lineno,
    )


def _from_entry(entry: Any) -> Message:
    forms: list[str] = []
    for key, value in (entry.msgstr_plural or {}).items():
        index = int(key)
        forms.extend([""] * (index + 1 - len(forms)))
        forms[index] = value
    plural: str | None = entry.msgid_plural or None
    if plural is None and forms:
        plural = ""  # polib's only way to say msgid_plural ""
    return Message(
        entry.msgid,
        entry.msgstr or "",
        plural,
        forms if plural is not None else [],
        entry.msgctxt,
        [str(f) for f in entry.flags or []],
        _lines(entry.tcomment),
        _lines(entry.comment),
        [_reference(occ) for occ in entry.occurrences or []],
        entry.previous_msgctxt,
        entry.previous_msgid,
        entry.previous_msgid_plural,
        bool(entry.obsolete),
        entry.linenum if isinstance(entry.linenum, int) else None,
    )


def _lines(text: str | None) -> list[str]:
    return text.split("\n") if text else []


def _occurrence(ref: str) -> tuple[str, str]:
    """``(path, line)`` of a reference, split as polib splits ``#:`` tokens."""
    path, sep, line = ref.rpartition(":")
    return (path, line) if sep and line.isdigit() else (ref, "")


def _reference(occurrence: Any) -> str:
    path, line = occurrence
    return str(path) if line in ("", None) else f"{path}:{line}"


def _metadata(text: str) -> dict[str, str]:
    """The header fields of *text*, parsed as polib parses them."""
    fields: dict[str, str] = {}
    key: str | None = None
    for line in text.splitlines():
        name, sep, value = line.partition(":")
        if sep:
            key = name
            fields[key] = value.strip()
        elif key is not None:
            fields[key] += "\n" + line.strip()
    return fields


def _encoding(charset: str | None) -> str:
    """The codec polib should write a file declaring *charset* in."""
    if charset is None:
        return "utf-8"
    try:
        codecs.lookup(charset)
    except (LookupError, ValueError):
        return "utf-8"
    return charset
