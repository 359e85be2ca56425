"""The PO/POT writer behind :func:`multipub.gettext.pofile.dump_po`: GNU ``msgcat``'s output.

An entry is written in GNU's order: translator comments, extracted
comments, references (``./`` and duplicates removed, filled to the page
width), the normalized ``#,`` flags, the ``#|`` previous strings, then
``msgctxt``, ``msgid``, ``msgid_plural`` and the translations.  Strings are
wrapped by :func:`multipub.gettext.linebreak.wrap_string` (UAX #14 as GNU
libunistring does it), loaded only when something is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..errors import CatalogError
from .catalog import Catalog, Message
from .postring import NUL, BadLine, charset_span, codec_name

__all__ = ["dump_po", "generate_po"]


def _wrap(prefix: str, name: str, value: str, page_width: int, wrap: bool,
          fmt: str | None = None) -> list[str]:
    if "\x00" in value:
        raise BadLine(NUL)
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
        except BadLine:
            raise CatalogError(
                f"the entry {msg.msgid[:40]!r} has a NUL character in a string, which a PO "
                "file cannot hold (GNU gettext would cut the string there)",
                path=catalog.path,
                line=msg.lineno,
            ) from None
        yield from lines


def dump_po(catalog: Catalog, width: int = 79) -> bytes:
    """The UTF-8 bytes of *catalog* as GNU ``msgcat`` writes it.

    A catalogue read from another charset is written as UTF-8 and its header
    says so.  What this writes, :func:`~.poread.parse_po` reads back to the same
    catalogue, and writing that again gives the same bytes.  A string with a
    NUL character cannot be written (GNU would cut it there): that raises
    :class:`CatalogError`.
    """
    header = catalog.header
    span = charset_span(header.msgstr) if header is not None else None
    if header is not None and span is not None:
        charset = header.msgstr[span[0] : span[1]]
        if codec_name(charset) != "utf-8" and (charset != "CHARSET" or not _all_ascii(catalog)):
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
