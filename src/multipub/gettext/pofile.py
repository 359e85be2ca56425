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

import codecs
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import CatalogError, Problem
from ..fsio import read_bytes, write_atomic
from .catalog import Catalog, Message

__all__ = ["dump_po", "generate_po", "parse_po", "read_catalog", "write_catalog"]

# ----------------------------------------------------------------------------
# Writing.
def _wrap(prefix: str, name: str, value: str, page_width: int, wrap: bool,
          fmt: str | None = None) -> list[str]:
    if "\x00" in value:
        raise _Bad(_NUL)
    from .linebreak import wrap_string  # only for writing: its tables take a while to load

    return wrap_string(prefix, name, value, page_width, wrap, fmt)


_FORMATS = [
    "c",
    "objc",
    "python",
    "python-brace",
    "java",
    "java-printf",
    "csharp",
    "javascript",
    "scheme",
    "lisp",
    "elisp",
    "librep",
    "ruby",
    "sh",
    "awk",
    "lua",
    "object-pascal",
    "smalltalk",
    "qt",
    "qt-plural",
    "kde",
    "kde-kuit",
    "boost",
    "tcl",
    "perl",
    "perl-brace",
    "php",
    "gcc-internal",
    "gfc-internal",
    "ycp",
]
_FORMAT_FLAG = re.compile(r"(no-|possible-|impossible-)?([a-z-]+)-format")
_RANGE_FLAG = re.compile(r"range:\s*(\d+)\.\.(\d+)")


def _flags(msg: Message) -> tuple[str | None, bool]:
    """The ``#,`` line GNU writes for *msg* (or None), and whether to wrap."""
    fuzzy = False
    wrap = True
    formats: dict[str, str] = {}
    rng: str | None = None
    for flag in msg.flags:
        flag = flag.strip()
        if flag == "fuzzy":
            fuzzy = True
        elif flag in ("wrap", "no-wrap"):
            wrap = flag == "wrap"
        elif (m := _RANGE_FLAG.fullmatch(flag)) is not None:
            rng = f"range: {int(m.group(1))}..{int(m.group(2))}"
        elif (m := _FORMAT_FLAG.fullmatch(flag)) is not None and m.group(2) in _FORMATS:
            formats[m.group(2)] = m.group(1) or ""
    parts = ["fuzzy"] if fuzzy and msg.first_form else []
    for lang in _FORMATS:
        kind = formats.get(lang)
        if kind is not None and kind != "impossible-":
            parts.append(f"no-{lang}-format" if kind == "no-" else f"{lang}-format")
    if rng is not None:
        parts.append(rng)
    if not wrap:
        parts.append("no-wrap")
    return ("#, " + ", ".join(parts) if parts else None), wrap


_REF = re.compile(r"(.*):(\d+)")


def _references(refs: Iterable[str], page_width: int) -> list[str]:
    seen: set[str] = set()
    tokens: list[str] = []
    for ref in refs:
        for tok in ref.split():
            m = _REF.fullmatch(tok)
            name, line = (m.group(1), f":{int(m.group(2))}") if m else (tok, "")
            while name.startswith("./"):
                name = name[2:]
            if name + line not in seen:
                seen.add(name + line)
                tokens.append(name + line)
    if not tokens:
        return []
    lines: list[str] = []
    current, column = "#:", 2
    for tok in tokens:
        size = len(tok.encode("utf-8")) + 1
        if column > 2 and column + size > page_width:
            lines.append(current)
            current, column = "#:", 2
        current += " " + tok
        column += size
    lines.append(current)
    return lines


def _comment(text: str) -> Iterator[str]:
    s: str | None = text
    while s is not None:
        head = "# " if s else "#"
        end = s.find("\n")
        if end < 0:
            yield head + s
            s = None
        else:
            yield head + s[:end]
            s = s[end + 1 :]


def _entry(msg: Message, page_width: int) -> list[str]:
    out: list[str] = []
    for c in msg.translator_comments:
        out.extend(_comment(c))
    out.extend("#. " + c if c else "#." for c in msg.extracted_comments)
    out.extend(_references(msg.references, page_width))
    flag_line, wrap = _flags(msg)
    if flag_line is not None:
        out.append(flag_line)
    from .linebreak import format_of

    fmt = format_of(msg.flags)
    obs = "#~ " if msg.obsolete else ""
    prev = "#~| " if msg.obsolete else "#| "
    for name, value in (
        ("msgctxt", msg.previous_msgctxt),
        ("msgid", msg.previous_msgid),
        ("msgid_plural", msg.previous_msgid_plural),
    ):
        if value is not None:
            out.extend(_wrap(prev, name, value, page_width, wrap, fmt))
    if msg.msgctxt is not None:
        out.extend(_wrap(obs, "msgctxt", msg.msgctxt, page_width, wrap, fmt))
    out.extend(_wrap(obs, "msgid", msg.msgid, page_width, wrap, fmt))
    if msg.msgid_plural is None:
        out.extend(_wrap(obs, "msgstr", msg.msgstr, page_width, wrap, fmt))
    else:
        out.extend(_wrap(obs, "msgid_plural", msg.msgid_plural, page_width, wrap, fmt))
        for i, form in enumerate(msg.msgstr_plural or [""]):
            out.extend(_wrap(obs, f"msgstr[{i}]", form, page_width, wrap, fmt))
    return out


def generate_po(catalog: Catalog, width: int = 79) -> Iterator[str]:
    """Yield the lines (without newline) GNU ``msgcat`` prints for *catalog*.

    >>> from multipub.gettext.catalog import Message
    >>> cat = Catalog(messages=[Message("Kot", "Кот", references=["./a.md:3"])])
    >>> list(generate_po(cat))
    ['#: a.md:3', 'msgid "Kot"', 'msgstr "Кот"']
    """
    blank = False
    entries = [catalog.header] if catalog.header is not None else []
    entries += [m for m in catalog.messages if not m.obsolete]
    entries += [m for m in catalog.messages if m.obsolete and m.first_form]
    for msg in entries:
        if blank:
            yield ""
        blank = True
        try:
            lines = _entry(msg, width)
        except _Bad:
            raise CatalogError(
                f"the entry {msg.msgid[:40]!r} has a NUL character in a string, which a PO "
                "file cannot hold (GNU gettext would cut the string there)",
                path=catalog.path,
                line=msg.lineno,
            ) from None
        yield from lines


_CHARSET_VALUE = re.compile(r"charset=([^\s;]+)")


def _charset_span(header_text: str) -> tuple[int, int] | None:
    """Where the charset value of the ``Content-Type`` field is in *header_text*.

    The field is found as :meth:`Catalog.charset` finds it: the first
    ``Content-Type:`` line of the header entry's ``msgstr``, nothing else.

    >>> _charset_span("Language: ru\\nContent-Type: text/plain; charset=UTF-8\\n")
    (47, 52)
    """
    pos = 0
    for line in header_text.split("\n"):
        name, sep, _ = line.partition(":")
        if sep and name.strip() == "Content-Type":
            m = _CHARSET_VALUE.search(line, len(name) + 1)
            return (pos + m.start(1), pos + m.end(1)) if m else None
        pos += len(line) + 1
    return None


def dump_po(catalog: Catalog, width: int = 79) -> bytes:
    """The UTF-8 bytes of *catalog* as GNU ``msgcat`` writes it.

    A catalogue read from another charset is written as UTF-8 and its header
    says so.  What this writes, :func:`parse_po` reads back to the same
    catalogue, and writing that again gives the same bytes.  A string with a
    NUL character cannot be written (GNU would cut it there): that raises
    :class:`CatalogError`.
    """
    header = catalog.header
    span = _charset_span(header.msgstr) if header is not None else None
    if header is not None and span is not None:
        charset = header.msgstr[span[0] : span[1]]
        if _codec_name(charset) != "utf-8" and (charset != "CHARSET" or not _all_ascii(catalog)):
            fixed = header.msgstr[: span[0]] + "UTF-8" + header.msgstr[span[1] :]
            header = Message(**{**vars(header), "msgstr": fixed})
            catalog = Catalog(header=header, messages=catalog.messages, path=catalog.path)
    text = "\n".join(generate_po(catalog, width))
    return (text + "\n").encode("utf-8") if text else b""


def _all_ascii(catalog: Catalog) -> bool:
    return all(
        m.msgid.isascii()
        and m.msgstr.isascii()
        and all(s.isascii() for s in m.msgstr_plural)
        and (m.msgctxt or "").isascii()
        and (m.msgid_plural or "").isascii()
        for m in catalog.messages
    )


def _codec_name(charset: str) -> str | None:
    """Python's name of the text codec *charset*, or ``None`` if there is none."""
    try:
        info = codecs.lookup(charset)
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        return None
    return info.name if getattr(info, "_is_text_encoding", True) else None


_ASCII = bytes(range(128))


def _encoding_for(declared: str | None) -> str | None:
    """The codec to read a file whose header declares *declared*; ``None``: cannot.

    No charset (or xgettext's ``CHARSET`` placeholder) means UTF-8.  Only
    codecs that read ASCII as ASCII can hold a PO file's syntax.
    """
    if declared is None or declared.upper() == "CHARSET":
        return "utf-8"
    name = _codec_name(declared)
    if name is None or name == "utf-8":
        return name
    try:
        ok = _ASCII.decode(name) == _ASCII.decode("ascii")
    except (UnicodeError, LookupError, TypeError, ValueError):
        ok = False
    return name if ok else None


# ----------------------------------------------------------------------------
# Reading.
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?(?=[\s\"]|$)\s*")
_STRING = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"\s*$')
_ESCAPE_IN = re.compile(r"\\(?:([0-7]{1,3})|x([0-9a-fA-F]+)|(.))")
_NUMERIC = re.compile(r"\\(?:[0-7]|x[0-9a-fA-F])")
_SIMPLE = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
           "\\": "\\", '"': '"'}
"""The one-letter escapes the reader accepts: the inverse of what the writer writes
(``_linebreak.ESCAPES``, which is not imported to read; a test checks they agree)."""
_NUL = (
    "a NUL character in a string (a 0 byte, or an escape such as \\0); GNU gettext would "
    "silently cut the string there: remove it"
)


class _Bad(Exception):
    """A problem on the current line (internal)."""


def _simple(m: re.Match[str]) -> str:
    ch = _SIMPLE.get(m.group(3))
    if ch is None:
        raise _Bad(
            f"invalid escape sequence \\{m.group(3)} in a string; write \\\\ for a backslash"
        )
    return ch


def _unescape(body: str, encoding: str) -> str:
    """The value of the string *body* (between the quotes) of a file in *encoding*.

    ``\\x`` and octal escapes are bytes in *encoding*; together with the text
    around them they must form valid *encoding*.
    """
    if "\\" not in body:
        return body
    if _NUMERIC.search(body) is None:
        return _ESCAPE_IN.sub(_simple, body)
    raw = bytearray()
    pos = 0
    try:
        for m in _ESCAPE_IN.finditer(body):
            raw += body[pos : m.start()].encode(encoding, "surrogateescape")
            if m.group(3) is not None:
                raw += _simple(m).encode("ascii")
            else:
                value = int(m.group(1), 8) if m.group(1) else int(m.group(2), 16)
                raw.append(value & 0xFF)
            pos = m.end()
        raw += body[pos:].encode(encoding, "surrogateescape")
        return raw.decode(encoding)
    except UnicodeError:
        raise _Bad(f"the \\x or octal escapes in this string are not valid {encoding}") from None


def _string(rest: str, what: str, encoding: str) -> str:
    m = _STRING.match(rest)
    if m is None:
        if not rest.startswith('"'):
            raise _Bad(f"expected a string in double quotes after {what}")
        end = re.match(r'"(?:[^"\\]|\\.)*"', rest)
        if end is None:
            raise _Bad('unterminated string; expected a closing "')
        extra = rest[end.end() :].strip()
        raise _Bad(
            f"unexpected text {extra[:20]!r} after the string; "
            'a " inside a string must be written \\"'
        )
    value = _unescape(m.group(1), encoding)
    if "\x00" in value:
        raise _Bad(_NUL)
    return value


class _Entry:
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


class _Parsed:
    """What one pass of :func:`_parse` found (internal)."""

    __slots__ = ("catalog", "pieces", "problems")

    def __init__(self, catalog: Catalog, problems: list[Problem]) -> None:
        self.catalog = catalog
        self.problems = problems
        self.pieces: list[tuple[int, int]] = []

    def charset(self) -> tuple[str | None, int | None]:
        """The charset the header entry declares, and the line it is on."""
        header = self.catalog.header
        span = _charset_span(header.msgstr) if header is not None else None
        if header is None or span is None:
            return None, None
        line = header.lineno
        for n, end in self.pieces:
            line = n
            if end > span[0]:
                break
        return header.msgstr[span[0] : span[1]], line


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
    encoding = _encoding_for(declared)
    if encoding is None:
        if _codec_name(declared or "") is None:
            why = f"the header declares the unknown charset {declared!r}; use UTF-8"
        else:
            why = (
                f"the header declares the charset {declared!r}, which cannot hold a PO file; "
                "use UTF-8"
            )
        raise CatalogError(why, path=path, line=line)
    if encoding == "utf-8":
        if bad is not None:
            raise _decode_error(data, bad, declared, path)
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise _decode_error(data, exc, declared, path) from None
        found = _parse(text, encoding, path)
        again, line = found.charset()
        if _encoding_for(again) != encoding:
            raise CatalogError(
                f"the header declares the charset {declared!r}, but read in {declared} it "
                f"declares {again!r}; save the file as UTF-8",
                path=path,
                line=line,
            )
    if found.problems:
        raise CatalogError(problems=sorted(found.problems, key=lambda p: p.line or 0))
    found.catalog.reindex()
    return found.catalog


def _parse(text: str, encoding: str, path: str | None) -> _Parsed:
    """One pass over the decoded *text*: the catalogue and every problem."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    problems: list[Problem] = []
    catalog = Catalog(path=path)
    result = _Parsed(catalog, problems)
    seen: dict[tuple[str | None, str], int] = {}
    plural_lines: dict[int, list[int]] = {}
    cur = _Entry(1)

    def finish(entry: _Entry) -> None:
        if entry.bad_key:
            return  # its msgid or msgctxt has a problem already reported
        if entry.msgid is None:
            if entry.ctxt is not None:
                problems.append(Problem(path, entry.id_line, "msgctxt without msgid"))
            return
        key = (entry.ctxt, entry.msgid)
        if entry.bad_str:  # already reported; only its key still counts
            seen.setdefault(key, entry.id_line)
            return
        if not entry.complete():
            if not entry.noted:
                what = "msgstr[0]" if entry.msgid_plural is not None else "msgstr"
                problems.append(Problem(path, entry.id_line, f"msgid without {what}"))
            return
        if entry.msgid_plural is not None and not entry.plurals:
            problems.append(
                Problem(
                    path, entry.id_line, "msgid_plural needs msgstr[0], msgstr[1], ... not msgstr"
                )
            )
            return
        if key in seen:
            problems.append(
                Problem(
                    path,
                    entry.id_line,
                    f"duplicate entry: the same msgid{' and msgctxt' if entry.ctxt else ''} "
                    f"is already defined at line {seen[key]}",
                )
            )
            return
        seen[key] = entry.id_line
        msg = Message(
            entry.msgid,
            entry.msgstr or "",
            entry.msgid_plural,
            entry.plurals,
            entry.ctxt,
            entry.flags,
            entry.comments,
            entry.extracted,
            entry.refs,
            entry.prev.get("msgctxt"),
            entry.prev.get("msgid"),
            entry.prev.get("msgid_plural"),
            entry.obsolete,
            entry.first,
        )
        if msg.msgid == "" and msg.msgctxt is None and not msg.obsolete:
            catalog.header = msg
            result.pieces = entry.pieces or []
            return
        if entry.plurals:
            plural_lines[id(msg)] = entry.plural_lines
        catalog.messages.append(msg)

    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            continue
        try:
            obsolete = False
            previous = False
            if line.startswith("#"):
                kind = line[1:2]
                if kind == "~":
                    obsolete = True
                    line = line[2:]
                    if line.startswith("|"):
                        previous = True
                        line = line[1:]
                    line = line.strip()
                    if not line:
                        continue
                elif kind == "|":
                    previous = True
                    line = line[2:].strip()
                else:
                    if cur.started() and not cur.complete():
                        if not cur.noted:  # once: later comments are no news
                            cur.noted = True
                            raise _Bad("a comment between msgid and msgstr; expected msgstr")
                        continue
                    if cur.complete():
                        finish(cur)
                        cur = _Entry(n)
                    if cur.first < 0:
                        cur.first = n
                    body = line[2:] if line[1:2] in (".", ":", ",") else line[1:]
                    if kind == ",":
                        cur.flags.extend(f.strip() for f in body.split(",") if f.strip())
                    elif kind == ":":
                        cur.refs.extend(body.split())
                    else:
                        body = raw.rstrip("\n")[raw.index("#") + (2 if kind == "." else 1) :]
                        if body.startswith(" "):
                            body = body[1:]
                        (cur.extracted if kind == "." else cur.comments).append(body)
                    continue
            if previous:
                if cur.complete():
                    finish(cur)
                    cur = _Entry(n)
                if line.startswith('"'):
                    if not isinstance(cur.section, str) or not cur.section.startswith("prev "):
                        raise _Bad("a continued string without a keyword before it")
                    key = cur.section[5:]
                    cur.prev[key] += _string(line, key, encoding)
                    continue
                m = _KEYWORD.match(line)
                if m is None or m.group(2) is not None or m.group(1) == "msgstr":
                    raise _Bad("expected msgctxt, msgid or msgid_plural after #|")
                cur.prev[m.group(1)] = _string(line[m.end() :], m.group(1), encoding)
                cur.section = "prev " + m.group(1)
                continue
            if line.startswith('"'):
                sec = cur.section
                try:
                    value = _string(line, "the keyword", encoding)
                except _Bad:
                    if sec in ("msgctxt", "msgid"):
                        cur.bad_key = True
                    raise
                if sec is None or (isinstance(sec, str) and sec.startswith("prev ")):
                    raise _Bad("a string without msgid or msgstr before it")
                if isinstance(sec, int):
                    cur.plurals[sec] += value
                elif sec == "msgctxt":
                    cur.ctxt = (cur.ctxt or "") + value
                elif sec == "msgid":
                    cur.msgid = (cur.msgid or "") + value
                elif sec == "msgid_plural":
                    cur.msgid_plural = (cur.msgid_plural or "") + value
                elif sec == "msgstr":
                    cur.msgstr = (cur.msgstr or "") + value
                    if cur.pieces is not None:
                        cur.pieces.append((n, len(cur.msgstr)))
                continue  # sec == "ignored": after a msgstr keyword already reported
            m = _KEYWORD.match(line)
            if m is None:
                word = line.split()[0] if line.split() else line
                cur.section = "ignored"
                cur.bad_str = cur.bad_str or (cur.started() and not cur.complete())
                raise _Bad(
                    f"unknown keyword {word[:30]!r}; expected msgctxt, msgid, "
                    "msgid_plural, msgstr or a comment starting with #"
                )
            keyword, index = m.group(1), m.group(2)
            try:
                value = _string(line[m.end() :], keyword, encoding)
                failed = False
            except _Bad as exc:  # report it, and go on as if the string were empty
                problems.append(Problem(path, n, str(exc)))
                value = ""
                failed = True
            if keyword in ("msgctxt", "msgid") and (
                cur.complete()
                or (keyword == "msgctxt" and cur.started())
                or (keyword == "msgid" and cur.msgid is not None)
            ):
                if not cur.complete():
                    if not cur.bad_key and not cur.noted:
                        problems.append(Problem(path, cur.id_line, "msgid without msgstr"))
                    cur = _Entry(n)
                else:
                    finish(cur)
                    cur = _Entry(n)
            if obsolete:
                cur.obsolete = True
            if keyword == "msgctxt":
                cur.ctxt = value
                cur.id_line = n
                cur.bad_key = cur.bad_key or failed
            elif keyword == "msgid":
                cur.msgid = value
                if cur.ctxt is None:
                    cur.id_line = n
                cur.bad_key = cur.bad_key or failed
            elif cur.msgid is None:
                cur.section = "ignored"
                if cur.ctxt is not None:
                    cur.bad_key = cur.bad_str = True
                raise _Bad(f"{keyword} without msgid before it")
            elif keyword == "msgid_plural":
                if cur.complete() or cur.msgid_plural is not None:
                    cur.section = "ignored"
                    raise _Bad("msgid_plural must come right after msgid")
                cur.msgid_plural = value
            elif index is None:
                if cur.msgid_plural is not None:
                    problems.append(
                        Problem(
                            path,
                            n,
                            "an entry with msgid_plural needs "
                            "msgstr[0], msgstr[1], ... instead of msgstr",
                        )
                    )
                    cur.plurals.append(value)
                    cur.plural_lines.append(n)
                    cur.section = 0
                    continue
                if cur.msgstr is not None or cur.plurals:
                    cur.section = "ignored"
                    raise _Bad("a second msgstr in the same entry")
                cur.msgstr = value
                if cur.msgid == "" and cur.ctxt is None:
                    cur.pieces = [(n, len(value))]
            else:
                if cur.msgid_plural is None:
                    cur.section = "ignored"
                    if cur.bad_str:  # msgstr[1] after msgstr[0]: the same mistake
                        continue
                    cur.bad_str = True
                    raise _Bad(f"msgstr[{index}] in an entry without msgid_plural; use msgstr")
                if int(index) != len(cur.plurals):
                    cur.section = "ignored"
                    raise _Bad(f"msgstr[{index}] out of order; expected msgstr[{len(cur.plurals)}]")
                cur.plurals.append(value)
                cur.plural_lines.append(n)
                cur.section = len(cur.plurals) - 1
                continue
            cur.section = keyword
        except _Bad as exc:
            problems.append(Problem(path, n, str(exc)))
    finish(cur)

    nplurals = catalog.nplurals
    if nplurals is not None:
        for msg in catalog.messages:
            if len(msg.msgstr_plural) > nplurals:
                at = plural_lines.get(id(msg), [msg.lineno or 0] * (nplurals + 1))[nplurals]
                problems.append(
                    Problem(
                        path,
                        at,
                        f"msgstr[{nplurals}] is one form too many: the header's Plural-Forms "
                        f"declares nplurals={nplurals} (msgstr[0] to msgstr[{nplurals - 1}])",
                    )
                )
    return result


def read_catalog(path: Path, shown: str | None = None) -> Catalog:
    """Read the PO/POT file at *path*; errors name it as *shown* (default: path)."""
    name = shown if shown is not None else str(path)
    return parse_po(read_bytes(path, name, CatalogError), name)


def write_catalog(catalog: Catalog, path: Path) -> bool:
    """Write *catalog* to *path* atomically as GNU would; return whether it changed."""
    return write_atomic(path, dump_po(catalog))
