"""PO string literals and charsets: what the reader and the writer share.

- :func:`read_string` gives the value of a quoted string (escapes undone,
  ``\\x`` and octal escapes as bytes of the file's charset); a string that
  is not well formed, or holds a NUL character, raises :class:`BadLine`.
- :func:`charset_span`, :func:`codec_name` and :func:`encoding_for` find the
  charset a header declares and the codec that reads it.
"""

from __future__ import annotations

import codecs
import re

__all__ = [
    "NUL",
    "SIMPLE_ESCAPES",
    "BadLine",
    "charset_span",
    "codec_name",
    "encoding_for",
    "read_string",
    "unescape",
]

_STRING = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"\s*$')
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
_ESCAPE_IN = re.compile(r"\\(?:([0-7]{1,3})|x([0-9a-fA-F]+)|(.))")
_NUMERIC = re.compile(r"\\(?:[0-7]|x[0-9a-fA-F])")
SIMPLE_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
           "\\": "\\", '"': '"'}
"""The one-letter escapes the reader accepts: the inverse of what the writer writes
(``linebreak.ESCAPES``, which is not imported to read; a test checks they agree)."""
NUL = (
    "a NUL character in a string (a 0 byte, or an escape such as \\0); GNU gettext would "
    "silently cut the string there: remove it"
)
"""The problem of a string holding a NUL character (reading and writing)."""


class BadLine(Exception):
    """A problem on the current line (internal)."""


# -- charsets --------------------------------------------------------------------------------
_CHARSET_VALUE = re.compile(r"charset=([^\s;]+)")
_ASCII = bytes(range(128))


def charset_span(header_text: str) -> tuple[int, int] | None:
    """Where the charset value of the ``Content-Type`` field is in *header_text*.

    The field is found as :meth:`Catalog.charset` finds it: the first
    ``Content-Type:`` line of the header entry's ``msgstr``, nothing else.

    >>> charset_span("Language: ru\\nContent-Type: text/plain; charset=UTF-8\\n")
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


def codec_name(charset: str) -> str | None:
    """Python's name of the text codec *charset*, or ``None`` if there is none."""
    try:
        info = codecs.lookup(charset)
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        return None
    return info.name if getattr(info, "_is_text_encoding", True) else None


def encoding_for(declared: str | None) -> str | None:
    """The codec to read a file whose header declares *declared*; ``None``: cannot.

    No charset (or xgettext's ``CHARSET`` placeholder) means UTF-8.  Only
    codecs that read ASCII as ASCII can hold a PO file's syntax.
    """
    if declared is None or declared.upper() == "CHARSET":
        return "utf-8"
    name = codec_name(declared)
    if name is None or name == "utf-8":
        return name
    try:
        ok = _ASCII.decode(name) == _ASCII.decode("ascii")
    except (UnicodeError, LookupError, TypeError, ValueError):
        ok = False
    return name if ok else None


# -- strings ---------------------------------------------------------------------------------
def _simple(m: re.Match[str]) -> str:
    ch = SIMPLE_ESCAPES.get(m.group(3))
    if ch is None:
        raise BadLine(
            f"invalid escape sequence \\{m.group(3)} in a string; write \\\\ for a backslash"
        )
    return ch


def unescape(body: str, encoding: str) -> str:
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
        raise BadLine(f"the \\x or octal escapes in this string are not valid {encoding}") from None


def read_string(rest: str, what: str, encoding: str) -> str:
    """The value of the quoted string *rest* that follows *what* on its line."""
    m = _STRING.match(rest)
    if m is None:
        if not rest.startswith('"'):
            raise BadLine(f"expected a string in double quotes after {what}")
        end = _QUOTED.match(rest)
        if end is None:
            raise BadLine('unterminated string; expected a closing "')
        extra = rest[end.end() :].strip()
        raise BadLine(
            f"unexpected text {extra[:20]!r} after the string; "
            'a " inside a string must be written \\"'
        )
    value = unescape(m.group(1), encoding)
    if "\x00" in value:
        raise BadLine(NUL)
    return value
