"""The PO/POT reader behind :func:`multipub.gettext.pofile.parse_po`, in named steps.

1. **Decoding** (:func:`parse_po`): UTF-8 (a BOM skipped) unless the header
   entry's ``Content-Type`` declares another charset, in which case the
   bytes are decoded again in it and read a second time.
2. **Line classification** (:meth:`_Reader.read`): each line is a comment
   (``#``, ``#.``, ``#:``, ``#,``), a previous string (``#|``, ``#~|``), a
   continued string (``"..."``) or a keyword line; ``#~`` marks obsolete.
3. **Keyword handlers** (``_Reader.msgctxt`` ... ``_Reader.msgstr_form``):
   each keyword fills the entry being read, or reports why it cannot.
4. **Entry assembly** (:meth:`_Reader.finish`): a complete entry becomes a
   :class:`~multipub.gettext.catalog.Message` (or the header), once its
   key is known to be new.
5. **Error reporting**: a problem of a line is raised as :class:`BadLine` and
   recorded as a :class:`~multipub.errors.Problem` with the path and the
   1-based line; every problem of the file ends in one :class:`CatalogError`.

Reading never loads the line breaker (:mod:`.linebreak`), which only the
writer needs.
"""

from __future__ import annotations

import codecs
import re
from typing import NoReturn

from ..errors import CatalogError, Problem
from .catalog import Catalog, Message
from .postring import BadLine, charset_span, codec_name, encoding_for, read_string

__all__ = ["parse_po"]

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?(?=[\s\"]|$)\s*")


# -- the entry being read ----------------------------------------------------------------------
class _Entry:
    """The entry being read: what its lines gave so far (internal)."""

    __slots__ = (
        "bad_key",
        "bad_str",
        "comments",
        "ctxt",
        "extracted",
        "first",
        "flags",
        "id_line",
        "msgid",
        "msgid_plural",
        "msgstr",
        "noted",
        "obsolete",
        "pieces",
        "plural_lines",
        "plurals",
        "prev",
        "refs",
        "section",
    )

    def __init__(self, first: int) -> None:
        self.first = first
        self.comments: list[str] = []
        self.extracted: list[str] = []
        self.refs: list[str] = []
        self.flags: list[str] = []
        self.prev: dict[str, str] = {}
        self.ctxt: str | None = None
        self.msgid: str | None = None
        self.msgid_plural: str | None = None
        self.msgstr: str | None = None
        self.plurals: list[str] = []
        self.plural_lines: list[int] = []
        self.id_line = first
        self.obsolete = False
        self.section: str | int | None = None
        """What a continued string adds to: a keyword, a plural form's index,
        ``"prev <keyword>"`` or ``"ignored"`` (after a keyword already reported)."""
        # a problem already reported in the msgctxt/msgid strings (the key is
        # unknown) or in a msgstr keyword (the entry counts as complete)
        self.bad_key = False
        self.bad_str = False
        self.noted = False  # "a comment between msgid and msgstr" reported
        # (line, length of msgstr after that line) of a header candidate
        self.pieces: list[tuple[int, int]] | None = None

    def started(self) -> bool:
        return self.msgid is not None or self.ctxt is not None

    def complete(self) -> bool:
        return self.msgstr is not None or bool(self.plurals) or self.bad_str

    def message(self) -> Message:
        """The entry as a :class:`Message` (once :meth:`_Reader.finish` found it whole)."""
        prev = self.prev
        return Message(
            self.msgid or "",
            self.msgstr or "",
            self.msgid_plural,
            self.plurals,
            self.ctxt,
            self.flags,
            self.comments,
            self.extracted,
            self.refs,
            prev.get("msgctxt"),
            prev.get("msgid"),
            prev.get("msgid_plural"),
            self.obsolete,
            self.first,
        )


class _Parsed:
    """What one pass of :class:`_Reader` found (internal)."""

    __slots__ = ("catalog", "pieces", "problems")

    def __init__(self, catalog: Catalog, problems: list[Problem]) -> None:
        self.catalog = catalog
        self.problems = problems
        self.pieces: list[tuple[int, int]] = []

    def charset(self) -> tuple[str | None, int | None]:
        """The charset the header entry declares, and the line it is on."""
        header = self.catalog.header
        span = charset_span(header.msgstr) if header is not None else None
        if header is None or span is None:
            return None, None
        line = header.lineno
        for n, end in self.pieces:
            line = n
            if end > span[0]:
                break
        return header.msgstr[span[0] : span[1]], line


# -- one pass over the text ------------------------------------------------------------------
class _Reader:
    """One pass over decoded text: a method per kind of line, one for a finished entry."""

    def __init__(self, encoding: str, path: str | None) -> None:
        self.encoding = encoding
        self.path = path
        self.problems: list[Problem] = []
        self.found = _Parsed(Catalog(path=path), self.problems)
        self.seen: dict[tuple[str | None, str], int] = {}
        """The line of each key (msgctxt, msgid) read so far."""
        self.plural_lines: dict[int, list[int]] = {}
        """The lines of the plural forms of each message (by ``id``)."""
        self.cur = _Entry(1)

    def report(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def read(self, text: str) -> _Parsed:
        """Classify each line of *text* and hand it to its step; the catalogue and problems."""
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for n, raw in enumerate(lines, 1):
            line = raw.strip()
            if not line:
                continue
            try:
                if line[0] == "#":
                    kind = line[1:2]
                    if kind == "~":  # obsolete: the rest is read as if not commented out
                        line = line[2:]
                        if line.startswith("|"):
                            line = line[1:].strip()
                            if line:  # (an empty "#~|" is nothing; an empty "#|", a problem)
                                self.previous(n, line)
                            continue
                        line = line.strip()
                        if not line:
                            continue
                        if line[0] == '"':
                            self.continued(n, line)
                        else:
                            self.keyword(n, line, True)
                    elif kind == "|":
                        self.previous(n, line[2:].strip())
                    else:
                        self.comment(n, raw, line, kind)
                elif line[0] == '"':
                    self.continued(n, line)
                else:
                    self.keyword(n, line, False)
            except BadLine as exc:
                self.report(n, str(exc))
        self.finish(self.cur)
        self.check_plural_counts()
        return self.found

    def next_entry(self, n: int) -> _Entry:
        """Finish the current entry; a new one starts on line *n*."""
        self.finish(self.cur)
        self.cur = _Entry(n)
        return self.cur

    # -- the kinds of lines -------------------------------------------------------------------
    def comment(self, n: int, raw: str, line: str, kind: str) -> None:
        """``#`` translator comments, ``#.`` extracted ones, ``#:`` references, ``#,`` flags."""
        cur = self.cur
        if cur.started() and not cur.complete():
            if not cur.noted:  # once: later comments are no news
                cur.noted = True
                raise BadLine("a comment between msgid and msgstr; expected msgstr")
            return
        if cur.complete():
            cur = self.next_entry(n)
        if kind == ",":
            cur.flags.extend(f.strip() for f in line[2:].split(",") if f.strip())
        elif kind == ":":
            cur.refs.extend(line[2:].split())
        else:
            body = raw.rstrip("\n")[raw.index("#") + (2 if kind == "." else 1) :]
            if body.startswith(" "):
                body = body[1:]
            (cur.extracted if kind == "." else cur.comments).append(body)

    def previous(self, n: int, line: str) -> None:
        """A ``#|`` (or ``#~|``) line: the previous msgctxt, msgid or msgid_plural."""
        cur = self.cur
        if cur.complete():
            cur = self.next_entry(n)
        if line.startswith('"'):
            if not isinstance(cur.section, str) or not cur.section.startswith("prev "):
                raise BadLine("a continued string without a keyword before it")
            key = cur.section[5:]
            cur.prev[key] += read_string(line, key, self.encoding)
            return
        m = _KEYWORD.match(line)
        if m is None or m.group(2) is not None or m.group(1) == "msgstr":
            raise BadLine("expected msgctxt, msgid or msgid_plural after #|")
        cur.prev[m.group(1)] = read_string(line[m.end() :], m.group(1), self.encoding)
        cur.section = "prev " + m.group(1)

    def continued(self, n: int, line: str) -> None:
        """A line of only a string: it continues the string of the keyword before it."""
        cur = self.cur
        sec = cur.section
        try:
            value = read_string(line, "the keyword", self.encoding)
        except BadLine:
            if sec in ("msgctxt", "msgid"):
                cur.bad_key = True
            raise
        if sec is None or (isinstance(sec, str) and sec.startswith("prev ")):
            raise BadLine("a string without msgid or msgstr before it")
        if isinstance(sec, int):
            cur.plurals[sec] += value
        elif sec == "msgstr":
            cur.msgstr = (cur.msgstr or "") + value
            if cur.pieces is not None:
                cur.pieces.append((n, len(cur.msgstr)))
        elif sec == "msgid":
            cur.msgid = (cur.msgid or "") + value
        elif sec == "msgctxt":
            cur.ctxt = (cur.ctxt or "") + value
        elif sec == "msgid_plural":
            cur.msgid_plural = (cur.msgid_plural or "") + value
        # else sec == "ignored": after a keyword already reported

    def keyword(self, n: int, line: str, obsolete: bool) -> None:
        """A keyword line: its string read, then handed to the keyword's handler."""
        m = _KEYWORD.match(line)
        if m is None:
            self.unknown(line)
        keyword, index = m.group(1), m.group(2)
        try:
            value = read_string(line[m.end() :], keyword, self.encoding)
            failed = False
        except BadLine as exc:  # report it, and go on as if the string were empty
            self.report(n, str(exc))
            value = ""
            failed = True
        cur = self.cur
        if keyword == "msgid" or keyword == "msgctxt":
            cur = self.boundary(n, keyword)
        if obsolete:
            cur.obsolete = True
        if keyword == "msgid":
            self.msgid(cur, n, value, failed)
        elif keyword == "msgctxt":
            self.msgctxt(cur, n, value, failed)
        elif cur.msgid is None:
            cur.section = "ignored"
            if cur.ctxt is not None:
                cur.bad_key = cur.bad_str = True
            raise BadLine(f"{keyword} without msgid before it")
        elif keyword == "msgstr":
            if index is None:
                self.msgstr(cur, n, value)
            else:
                self.msgstr_form(cur, n, value, index)
        else:
            self.msgid_plural(cur, value)

    def unknown(self, line: str) -> NoReturn:
        """A line that is none of the above."""
        cur = self.cur
        word = line.split()[0] if line.split() else line
        cur.section = "ignored"
        cur.bad_str = cur.bad_str or (cur.started() and not cur.complete())
        raise BadLine(
            f"unknown keyword {word[:30]!r}; expected msgctxt, msgid, "
            "msgid_plural, msgstr or a comment starting with #"
        )

    # -- keyword handlers ---------------------------------------------------------------------
    def boundary(self, n: int, keyword: str) -> _Entry:
        """The entry a ``msgctxt`` or ``msgid`` on line *n* belongs to: a new one when
        the current one is complete or already has that part."""
        cur = self.cur
        if cur.complete():
            return self.next_entry(n)
        if (keyword == "msgctxt" and cur.started()) or (
                keyword == "msgid" and cur.msgid is not None):
            if not cur.bad_key and not cur.noted:
                self.report(cur.id_line, "msgid without msgstr")
            self.cur = cur = _Entry(n)
        return cur

    def msgctxt(self, cur: _Entry, n: int, value: str, failed: bool) -> None:
        cur.ctxt = value
        cur.id_line = n
        cur.bad_key = cur.bad_key or failed
        cur.section = "msgctxt"

    def msgid(self, cur: _Entry, n: int, value: str, failed: bool) -> None:
        cur.msgid = value
        if cur.ctxt is None:
            cur.id_line = n
        cur.bad_key = cur.bad_key or failed
        cur.section = "msgid"

    def msgid_plural(self, cur: _Entry, value: str) -> None:
        if cur.complete() or cur.msgid_plural is not None:
            cur.section = "ignored"
            raise BadLine("msgid_plural must come right after msgid")
        cur.msgid_plural = value
        cur.section = "msgid_plural"

    def msgstr(self, cur: _Entry, n: int, value: str) -> None:
        if cur.msgid_plural is not None:
            self.report(n, "an entry with msgid_plural needs "
                        "msgstr[0], msgstr[1], ... instead of msgstr")
            cur.plurals.append(value)
            cur.plural_lines.append(n)
            cur.section = 0
            return
        if cur.msgstr is not None or cur.plurals:
            cur.section = "ignored"
            raise BadLine("a second msgstr in the same entry")
        cur.msgstr = value
        if cur.msgid == "" and cur.ctxt is None:
            cur.pieces = [(n, len(value))]
        cur.section = "msgstr"

    def msgstr_form(self, cur: _Entry, n: int, value: str, index: str) -> None:
        """``msgstr[index]``: the next plural form."""
        if cur.msgid_plural is None:
            cur.section = "ignored"
            if cur.bad_str:  # msgstr[1] after msgstr[0]: the same mistake
                return
            cur.bad_str = True
            raise BadLine(f"msgstr[{index}] in an entry without msgid_plural; use msgstr")
        if int(index) != len(cur.plurals):
            cur.section = "ignored"
            raise BadLine(f"msgstr[{index}] out of order; expected msgstr[{len(cur.plurals)}]")
        cur.plurals.append(value)
        cur.plural_lines.append(n)
        cur.section = len(cur.plurals) - 1

    # -- entry assembly -----------------------------------------------------------------------
    def finish(self, entry: _Entry) -> None:
        """Add *entry* to the catalogue, or report why it cannot be (once per entry)."""
        if entry.bad_key:
            return  # its msgid or msgctxt has a problem already reported
        if entry.msgid is None:
            if entry.ctxt is not None:
                self.report(entry.id_line, "msgctxt without msgid")
            return
        key = (entry.ctxt, entry.msgid)
        if entry.bad_str:  # already reported; only its key still counts
            self.seen.setdefault(key, entry.id_line)
            return
        if not entry.complete():
            if not entry.noted:
                what = "msgstr[0]" if entry.msgid_plural is not None else "msgstr"
                self.report(entry.id_line, f"msgid without {what}")
            return
        if entry.msgid_plural is not None and not entry.plurals:
            self.report(entry.id_line, "msgid_plural needs msgstr[0], msgstr[1], ... not msgstr")
            return
        if key in self.seen:
            self.report(
                entry.id_line,
                f"duplicate entry: the same msgid{' and msgctxt' if entry.ctxt else ''} "
                f"is already defined at line {self.seen[key]}",
            )
            return
        self.seen[key] = entry.id_line
        msg = entry.message()
        if msg.msgid == "" and msg.msgctxt is None and not msg.obsolete:
            self.found.catalog.header = msg
            self.found.pieces = entry.pieces or []
            return
        if entry.plurals:
            self.plural_lines[id(msg)] = entry.plural_lines
        self.found.catalog.messages.append(msg)

    def check_plural_counts(self) -> None:
        """Report the plural forms beyond the header's ``nplurals``."""
        catalog = self.found.catalog
        nplurals = catalog.nplurals
        if nplurals is None:
            return
        for msg in catalog.messages:
            if len(msg.msgstr_plural) > nplurals:
                at = self.plural_lines.get(id(msg), [msg.lineno or 0] * (nplurals + 1))[nplurals]
                self.report(
                    at,
                    f"msgstr[{nplurals}] is one form too many: the header's Plural-Forms "
                    f"declares nplurals={nplurals} (msgstr[0] to msgstr[{nplurals - 1}])",
                )


def _parse(text: str, encoding: str, path: str | None) -> _Parsed:
    """One pass over the decoded *text*: the catalogue and every problem."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return _Reader(encoding, path).read(text)


# -- decoding --------------------------------------------------------------------------------
def _decode_error(
    data: bytes, exc: UnicodeDecodeError, declared: str | None, path: str | None
) -> CatalogError:
    line = data.count(b"\n", 0, exc.start) + 1
    col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    if declared is None or declared.upper() == "CHARSET":
        why = "the file is not UTF-8 and its header declares no other charset"
    else:
        why = f"the file is not valid {declared} as its header declares"
    return CatalogError(
        f"{why} (byte 0x{data[exc.start]:02x} at column {col}); save it as UTF-8",
        path=path,
        line=line,
    )


def _unusable_charset(declared: str | None, path: str | None, line: int | None) -> CatalogError:
    if codec_name(declared or "") is None:
        why = f"the header declares the unknown charset {declared!r}; use UTF-8"
    else:
        why = (
            f"the header declares the charset {declared!r}, which cannot hold a PO file; "
            "use UTF-8"
        )
    return CatalogError(why, path=path, line=line)


def _parse_declared(data: bytes, encoding: str, declared: str | None,
                    path: str | None) -> _Parsed:
    """Read *data* again in the *encoding* its header (read as UTF-8) declares."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _decode_error(data, exc, declared, path) from None
    found = _parse(text, encoding, path)
    again, line = found.charset()
    if encoding_for(again) != encoding:
        raise CatalogError(
            f"the header declares the charset {declared!r}, but read in {declared} it "
            f"declares {again!r}; save the file as UTF-8",
            path=path,
            line=line,
        )
    return found


def parse_po(data: bytes, path: str | None) -> Catalog:
    """Read GNU PO or POT *data*; *path* is shown in errors (``None``: no path).

    Every syntax problem of the file is reported at once in one
    :class:`CatalogError`, each with its 1-based line.  The text is UTF-8
    (a BOM is skipped) unless the header entry's ``Content-Type`` declares
    another charset; ``charset=`` anywhere else does not count.

    >>> cat = parse_po(b'msgid "a"\\nmsgstr "b"\\n', "x.po")
    >>> cat.find("a").msgstr
    'b'
    >>> parse_po(b'msgid "a" "b"\\nmsgstr "c"\\n', "x.po")
    Traceback (most recent call last):
    ...
    multipub.errors.CatalogError: x.po:1: unexpected text '"b"' after the string; \
a " inside a string must be written \\"
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    bad: UnicodeDecodeError | None = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:  # maybe another charset: the header will say
        bad = exc
        text = data.decode("utf-8", "surrogateescape")
    found = _parse(text, "utf-8", path)
    declared, line = found.charset()
    encoding = encoding_for(declared)
    if encoding is None:
        raise _unusable_charset(declared, path, line)
    if encoding != "utf-8":
        found = _parse_declared(data, encoding, declared, path)
    elif bad is not None:
        raise _decode_error(data, bad, declared, path)
    if found.problems:
        raise CatalogError(problems=sorted(found.problems, key=lambda p: p.line or 0))
    found.catalog.reindex()
    return found.catalog
