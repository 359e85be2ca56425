"""Editing front matter in place: one value changed, every other byte kept.

:func:`replace_value` and :func:`replace_values` write new strings into the
scalars a :class:`~multipub.content.frontmatter.Document` located (keeping each
one's quoting style when it can hold the new text), :func:`set_scalar` sets or
adds a top-level key (``multipub stamp``), :func:`format_scalar` writes a string
as a YAML scalar that reads back as the same string.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from ..errors import ContentError
from .frontmatter import KEY_RE, NOT_PRINTABLE, Document, KeyPath, parse_document

__all__ = ["format_scalar", "replace_value", "replace_values", "set_scalar", "written_document"]


_PLAIN_IN_QUOTES = re.compile('[^\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029]*')
"""Characters a double-quoted scalar holds as they are (all printable for PyYAML)."""


def _double_quoted(value: str) -> str:
    if _PLAIN_IN_QUOTES.fullmatch(value) and not NOT_PRINTABLE.search(value):
        return '"' + value + '"'
    out = []
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch in "\x85\u2028\u2029" or NOT_PRINTABLE.match(ch) or ch == "\r":
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000
                       else f"\\U{code:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def format_scalar(value: str, style: str = "") -> str:
    """Write *value* as a YAML scalar in *style* ('', "'", '"'), falling back to double quotes.

    The result always reads back as the same string, in block and flow context.

    >>> format_scalar("Klastry na Białorusi")
    'Klastry na Białorusi'
    >>> format_scalar("yes"), format_scalar("a: b"), format_scalar("it's", "'")
    ("'yes'", "'a: b'", "'it''s'")
    """
    for candidate in _candidates(value, style):
        if _reads_back(candidate, value):
            return candidate
    return _double_quoted(value)


def _candidates(value: str, style: str) -> list[str]:
    single = "'" + value.replace("'", "''") + "'"
    order = {"": [value, single], "'": [single, value], '"': [_double_quoted(value)]}
    found = order.get(style, [value, single])
    simple = "\n" not in value and "\r" not in value and NOT_PRINTABLE.search(value) is None
    return found if simple else []


def _reads_back(candidate: str, value: str) -> bool:
    try:
        loaded = yaml.safe_load("k: " + candidate + "\n")
        flow = yaml.safe_load("{k: " + candidate + "}")
    except yaml.YAMLError:
        return False
    return bool(loaded == {"k": value} and flow == {"k": value})


def _block_scalar(text: str, start: int, end: int, value: str) -> str | None:
    written = text[start:end]
    header, _, rest = written.partition("\n")
    indent = None
    for line in rest.split("\n"):
        if line.strip():
            indent = line[: len(line) - len(line.lstrip(" "))]
            break
    if not indent:
        return None
    style = header.lstrip()[:1]
    body = value[:-1] if value.endswith("\n") else value
    if "\n" in body and style == ">":
        lines = body.replace("\n", "\n\n").split("\n")
    else:
        lines = body.split("\n")
    return header + "".join("\n" + (indent + line if line else "") for line in lines)


def _get(meta: Mapping[str, Any], keypath: KeyPath) -> Any:
    current: Any = meta
    for part in keypath:
        if isinstance(current, Mapping):
            current = current.get(part)
        elif isinstance(current, list) and part.isdigit() and int(part) < len(current):
            current = current[int(part)]
        else:
            return None
    return current


def _with(meta: Any, keypath: KeyPath, value: Any) -> Any:
    if not keypath:
        return value
    head, rest = keypath[0], keypath[1:]
    if isinstance(meta, list):
        copy_list = list(meta)
        copy_list[int(head)] = _with(copy_list[int(head)], rest, value)
        return copy_list
    copy = dict(meta)
    copy[head] = _with(copy.get(head), rest, value)
    return copy


def replace_value(text: str, doc: Document, keypath: KeyPath, new_value: str) -> str:
    """Replace the scalar at *keypath* by the string *new_value*, keeping every other byte.

    The quoting style (plain, ``'single'``, ``"double"``, block ``|`` or ``>``)
    is kept where the new value can be written in it with the same meaning;
    otherwise the value is written in double quotes.

    >>> text = "---\\ntitle: 'Stary tytuł'  # komentarz\\n---\\n"
    >>> print(replace_value(text, parse_document(text, "a.md"), ("title",), "Nowy: tytuł"), end="")
    ---
    title: 'Nowy: tytuł'  # komentarz
    ---
    """
    if keypath not in doc.spans:
        raise KeyError(keypath)
    if _get(doc.meta, keypath) == new_value:
        return text
    start, end = doc.spans[keypath]
    first = text[start:start + 1]
    expected = _with(doc.meta, keypath, new_value)
    candidates: list[str] = []
    if first in ("|", ">"):
        block = _block_scalar(text, start, end, new_value)
        if block is not None:
            candidates.append(block)
    style = first if first in ("'", '"') else ""
    candidates.extend(_candidates(new_value, style))
    candidates.append(_double_quoted(new_value))
    for candidate in candidates:
        new_text = text[:start] + candidate + text[end:]
        try:
            new_doc = parse_document(new_text, doc.path)
        except ContentError:
            continue
        if new_doc.meta == expected and isinstance(_get(new_doc.meta, keypath), str):
            return new_text
    raise ContentError(  # pragma: no cover - double quotes always read back
        f"cannot write the value of {'.'.join(keypath)}", path=doc.path, line=doc.lines[keypath]
    )


def replace_values(text: str, doc: Document, changes: Sequence[tuple[KeyPath, str]]) -> str:
    """Several :func:`replace_value` at once, parsing the result once when that suffices.

    Each value is written in its preferred style, the last in the text
    first (so the spans of the others stay valid), and the result is parsed
    once; if it does not read back as the expected front matter, the values
    are replaced one by one with :func:`replace_value`'s checks.

    >>> text = "---\\ntitle: Stary\\nsummary: 'Krótko'\\n---\\n"
    >>> changes = [(("title",), "Nowy: tytuł"), (("summary",), "Коротко")]
    >>> print(replace_values(text, parse_document(text, "a.md"), changes), end="")
    ---
    title: 'Nowy: tytuł'
    summary: 'Коротко'
    ---
    """
    wanted = [(keypath, value) for keypath, value in changes if _get(doc.meta, keypath) != value]
    for keypath, _ in wanted:
        if keypath not in doc.spans:
            raise KeyError(keypath)
    spans = sorted((doc.spans[keypath], keypath, value) for keypath, value in wanted)
    overlapping = any(a[0][1] > b[0][0] for a, b in itertools.pairwise(spans))
    if not overlapping:
        expected: Any = doc.meta
        result = text
        for (start, end), keypath, value in reversed(spans):
            expected = _with(expected, keypath, value)
            first = text[start:start + 1]
            block = _block_scalar(text, start, end, value) if first in ("|", ">") else None
            found = _candidates(value, first if first in ("'", '"') else "")
            candidate = block if block is not None else found[0] if found else \
                _double_quoted(value)
            result = result[:start] + candidate + result[end:]
        try:
            new_doc = parse_document(result, doc.path)
        except ContentError:
            pass
        else:
            if new_doc.meta == expected and all(
                    isinstance(_get(new_doc.meta, keypath), str) for keypath, _ in wanted):
                _LAST_WRITTEN[:] = [result, new_doc]
                return result
    for keypath, value in sorted(wanted, key=lambda item: -doc.spans[item[0]][0]):
        text = replace_value(text, doc, keypath, value)
        doc = parse_document(text, doc.path)
    return text


_LAST_WRITTEN: list[Any] = []
"""The text :func:`replace_values` returned last, and its parsed :class:`Document`."""


def written_document(text: str) -> Document | None:
    """The parsed document of *text* if it is the very string :func:`replace_values`
    returned last (a writer that parses its own result to check it saves its
    reader the parse); ``None`` otherwise."""
    if _LAST_WRITTEN and _LAST_WRITTEN[0] is text:
        doc: Document = _LAST_WRITTEN[1]
        return doc
    return None


def set_scalar(text: str, key: str, value: str, path: str) -> str:
    """Set the top-level key *key* to the string *value*, changing no other byte.

    An absent key is added as the last line of the front matter; a file
    without front matter gets one.

    >>> text = "---\\ntitle: A\\n---\\nBody\\n"
    >>> print(set_scalar(text, "translated_from", "ab12", "a.md"), end="")
    ---
    title: A
    translated_from: ab12
    ---
    Body
    """
    if not KEY_RE.match(key):
        raise ValueError(f"not a plain key: {key!r}")
    doc = parse_document(text, path)
    newline = "\r\n" if text.split("\n", 1)[0].endswith("\r") else "\n"
    if key in doc.meta:
        if (key,) not in doc.spans:
            raise ContentError(
                f"{key} must be a single value, not a list or a mapping",
                path=path,
                line=doc.lines.get((key,)),
            )
        return replace_value(text, doc, (key,), value)
    line = f"{key}: {format_scalar(value)}{newline}"
    if doc.yaml_span is None:
        return f"---{newline}{line}---{newline}{text}"
    insert = doc.yaml_span[1]
    if insert > doc.yaml_span[0] and text[insert - 1] not in "\n\r":  # pragma: no cover
        line = newline + line
    return text[:insert] + line + text[insert:]
