"""The catalogue model: messages and catalogues, pure values without I/O.

A :class:`Catalog` holds what a GNU PO or POT file says: the header entry
(``msgid ""``) kept as read, and every other entry in file order, obsolete
ones included.  Reading and writing files is :mod:`multipub.gettext.pofile`'s job,
compiling is :mod:`multipub.gettext.mofile`'s.

``Message.translated`` means exactly what ``msgfmt --statistics`` counts as
translated: not fuzzy, not obsolete, and the first form (``msgstr`` or
``msgstr[0]``) not empty.  GNU looks only at the first form of a plural
entry, so ``msgstr[0] "x"`` with an empty ``msgstr[1]`` *is* translated.

Headers made by :func:`make_header` and :func:`make_template_header` have
every field that ``msgfmt --check-header`` asks for, none of them with
xgettext's placeholder (:data:`PLACEHOLDERS`), so ``msgfmt -v --check`` is
silent on them:

* ``Project-Id-Version``: the project's name and version (given by the caller);
* ``PO-Revision-Date``: in a catalogue, the date it was made
  (:func:`revision_date`, read once: merges keep it as msgmerge does, and
  only a translator's editor changes it afterwards); empty in a template,
  which is nobody's revision, so the same sources always give the same bytes;
* ``Last-Translator`` and ``Language-Team``: empty until a translator's editor
  (Poedit, Lokalize) fills them in;
* ``Language``: the target language; in a template the language of the
  msgids (the source language), which msginit, Poedit and ``pybabel init``
  replace with the new catalogue's language.

``POT-Creation-Date`` is not written: it would change the templates on every
run.

>>> cat = Catalog(header=make_header("ru", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : 1);"))
>>> cat.language, cat.nplurals
('ru', 3)
>>> cat.messages.append(Message("Kot", "Кот"))
>>> cat.find("Kot").translated
True
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

__all__ = [
    "HEADER_FIELDS",
    "PLACEHOLDERS",
    "Catalog",
    "Message",
    "make_header",
    "make_template_header",
    "parse_header",
    "revision_date",
]

_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


@dataclass
class Message:
    """One entry of a catalogue.

    ``msgstr_plural`` lists the plural forms in index order and is empty for
    a non-plural entry.  ``translator_comments`` are the ``# `` lines,
    ``extracted_comments`` the ``#.`` lines, ``references`` the ``#:``
    tokens, ``previous_*`` the ``#|`` strings.  ``lineno`` (1-based line of
    the entry's first line in the file it came from) takes no part in
    comparisons.
    """

    msgid: str
    msgstr: str = ""
    msgid_plural: str | None = None
    msgstr_plural: list[str] = field(default_factory=list)
    msgctxt: str | None = None
    flags: list[str] = field(default_factory=list)
    translator_comments: list[str] = field(default_factory=list)
    extracted_comments: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    lineno: int | None = field(default=None, compare=False)

    @property
    def key(self) -> tuple[str | None, str]:
        """``(msgctxt, msgid)``: what makes an entry unique in a catalogue."""
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        """Whether the ``fuzzy`` flag is set; setting it edits :attr:`flags`."""
        return "fuzzy" in self.flags

    @fuzzy.setter
    def fuzzy(self, value: bool) -> None:
        if value and "fuzzy" not in self.flags:
            self.flags.insert(0, "fuzzy")
        elif not value:
            self.flags[:] = [f for f in self.flags if f != "fuzzy"]

    @property
    def plural(self) -> bool:
        """Whether the entry has a ``msgid_plural``."""
        return self.msgid_plural is not None

    @property
    def first_form(self) -> str:
        """``msgstr``, or ``msgstr[0]`` of a plural entry ("" if none)."""
        if self.msgid_plural is None:
            return self.msgstr
        return self.msgstr_plural[0] if self.msgstr_plural else ""

    @property
    def translated(self) -> bool:
        """Translated as ``msgfmt --statistics`` counts it.

        >>> Message("a", msgid_plural="as", msgstr_plural=["x", ""]).translated
        True
        >>> Message("a", "b", flags=["fuzzy"]).translated
        False
        """
        return not self.obsolete and not self.fuzzy and self.first_form != ""


def parse_header(text: str) -> dict[str, str]:
    """Parse header fields (``Name: value`` lines) in order.

    >>> parse_header("Language: pl\\nMIME-Version: 1.0\\n")
    {'Language': 'pl', 'MIME-Version': '1.0'}
    """
    fields: dict[str, str] = {}
    for line in text.split("\n"):
        name, sep, value = line.partition(":")
        if sep and name.strip():
            fields.setdefault(name.strip(), value.strip())
    return fields


@dataclass
class Catalog:
    """A whole catalogue: the header entry and the other entries in file order.

    ``path`` is the display path used in errors.  :meth:`find` uses an index
    that is rebuilt lazily whenever :attr:`messages` changed in length or
    identity; after editing an entry's ``msgid`` or ``msgctxt`` in place,
    call :meth:`reindex`.
    """

    header: Message | None = None
    messages: list[Message] = field(default_factory=list)
    path: str | None = None
    _index: dict[tuple[str | None, str], Message] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _index_sig: tuple[int, int, int] = field(
        default=(0, 0, 0), init=False, repr=False, compare=False
    )

    # -- header ---------------------------------------------------------
    def metadata(self) -> dict[str, str]:
        """The header fields, in order (empty without a header)."""
        return parse_header(self.header.msgstr) if self.header is not None else {}

    def get_header(self, name: str) -> str | None:
        """One header field, or ``None`` when absent."""
        return self.metadata().get(name)

    def set_header(self, name: str, value: str) -> None:
        """Set a header field in place, keeping field order; append if absent."""
        if self.header is None:
            self.header = Message("")
        lines = self.header.msgstr.split("\n")
        trailing = lines and lines[-1] == ""
        if trailing:
            lines.pop()
        for i, line in enumerate(lines):
            key, sep, _ = line.partition(":")
            if sep and key.strip() == name:
                lines[i] = f"{name}: {value}"
                break
        else:
            lines.append(f"{name}: {value}")
        self.header.msgstr = "\n".join(lines) + "\n"

    @property
    def language(self) -> str | None:
        """The ``Language`` header field, if set and not empty."""
        return self.get_header("Language") or None

    @property
    def charset(self) -> str | None:
        """The charset declared in ``Content-Type``, if any."""
        ctype = self.get_header("Content-Type")
        if ctype is None:
            return None
        m = re.search(r"charset=([^\s;]+)", ctype)
        return m.group(1) if m else None

    @property
    def nplurals(self) -> int | None:
        """``nplurals`` from ``Plural-Forms``; ``None`` if absent or ``INTEGER``."""
        pf = self.get_header("Plural-Forms")
        if pf is None:
            return None
        m = _NPLURALS.search(pf)
        return int(m.group(1)) if m else None

    @property
    def plural_expr(self) -> str | None:
        """The ``plural=`` C expression of ``Plural-Forms``, if any."""
        pf = self.get_header("Plural-Forms")
        if pf is None:
            return None
        m = re.search(r"plural\s*=\s*([^;]+)", pf)
        if m is None or m.group(1).strip() == "EXPRESSION":
            return None
        return m.group(1).strip()

    # -- messages -------------------------------------------------------
    def reindex(self) -> None:
        """Rebuild the lookup index of :meth:`find` now."""
        index: dict[tuple[str | None, str], Message] = {}
        for m in self.messages:
            if not m.obsolete or m.key not in index:
                index[m.key] = m
        self._index = index
        self._index_sig = self._signature()

    def _signature(self) -> tuple[int, int, int]:
        msgs = self.messages
        return (id(msgs), len(msgs), id(msgs[-1]) if msgs else 0)

    def find(self, msgid: str, msgctxt: str | None = None) -> Message | None:
        """The entry with this ``msgid`` and ``msgctxt`` (active before obsolete)."""
        if self._index_sig != self._signature():
            self.reindex()
        found = self._index.get((msgctxt, msgid))
        if found is not None and found.key != (msgctxt, msgid):
            self.reindex()
            found = self._index.get((msgctxt, msgid))
        return found

    def active(self) -> Iterator[Message]:
        """The entries that are not obsolete, in order."""
        return (m for m in self.messages if not m.obsolete)

    def obsolete(self) -> Iterator[Message]:
        """The obsolete (``#~``) entries, in order."""
        return (m for m in self.messages if m.obsolete)


HEADER_FIELDS = (
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
)
"""The standard header fields in the order GNU tools write them."""

PLACEHOLDERS = {
    "Project-Id-Version": "PACKAGE VERSION",
    "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
    "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
    "Language-Team": "LANGUAGE <LL@li.org>",
    "Content-Type": "text/plain; charset=CHARSET",
    "Content-Transfer-Encoding": "ENCODING",
}
"""xgettext's initial values, which ``msgfmt --check-header`` warns about."""


def revision_date(now: datetime | None = None) -> str:
    """A ``PO-Revision-Date`` value (``YYYY-MM-DD HH:MM+ZZZZ``, as GNU writes it).

    Without *now*, the time is ``SOURCE_DATE_EPOCH`` (seconds since 1970,
    the reproducible-builds convention) when that variable is set to a whole
    number, else the current time; both in UTC.

    >>> revision_date(datetime(2024, 5, 1, 9, 30, tzinfo=UTC))
    '2024-05-01 09:30+0000'
    """
    if now is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        now = (datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit()
               else datetime.now(UTC))
    elif now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return now.strftime("%Y-%m-%d %H:%M%z")


def _header_text(fields: list[tuple[str, str]]) -> str:
    return "".join(f"{k}: {v}\n" for k, v in fields)


def make_header(
    language: str,
    plural_forms: str,
    project: str = "PACKAGE VERSION",
    revised: str | None = None,
) -> Message:
    """A complete GNU-style header for a new catalogue of *language*.

    *project* is the ``Project-Id-Version``, *revised* the ``PO-Revision-Date``
    (default: :func:`revision_date` now).

    >>> h = make_header("pl", "nplurals=2; plural=(n != 1);", "Serwis 1.0", "2024-05-01 09:30+0000")
    >>> list(parse_header(h.msgstr))  # doctest: +NORMALIZE_WHITESPACE
    ['Project-Id-Version', 'Report-Msgid-Bugs-To', 'PO-Revision-Date', 'Last-Translator',
     'Language-Team', 'Language', 'MIME-Version', 'Content-Type', 'Content-Transfer-Encoding',
     'Plural-Forms']
    """
    revised = revision_date() if revised is None else revised
    return Message("", _header_text([*_fields(project, language, revised),
                                     ("Plural-Forms", plural_forms)]))


def make_template_header(project: str = "PACKAGE VERSION", language: str = "") -> Message:
    """A header for a ``.pot`` template (UTF-8, no dates, not fuzzy).

    *language* is the language of the msgids (the source language).  Unlike
    xgettext's ``charset=CHARSET`` placeholder, the charset is UTF-8,
    because multipub's templates contain non-ASCII source text and GNU tools
    refuse such a file without a real charset.  ``PO-Revision-Date`` is
    present but empty: a template is nobody's revision, and its bytes depend
    only on the sources.
    """
    return Message("", _header_text(_fields(project, language, "")))


def _fields(project: str, language: str, revised: str) -> list[tuple[str, str]]:
    """The header fields every multipub catalogue and template starts with."""
    return [
        ("Project-Id-Version", project),
        ("Report-Msgid-Bugs-To", ""),
        ("PO-Revision-Date", revised),
        ("Last-Translator", ""),
        ("Language-Team", ""),
        ("Language", language),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ]
