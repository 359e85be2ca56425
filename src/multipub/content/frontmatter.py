"""Front matter of an article: the YAML block between ``---`` lines.

An article file starts with a line ``---``, then YAML, then a closing line
``---`` (or ``...``); the Markdown body follows.  :func:`parse_document`
reads it with PyYAML's *safe* composer and builds the values itself, so:

- no YAML tag can construct an object (``!!python/object`` is an error);
- a key given twice is an error naming both lines;
- aliases and anchors (``&a`` / ``*a``) are refused (they are never needed
  in front matter and would let a small file expand into a huge one);
- ``date: 2024-03-05`` becomes :class:`datetime.date`, and an impossible date
  such as ``2024-02-30`` is an error naming its line;
- mapping keys are always strings (``1: x`` has the key ``"1"``).

Every error is a :class:`~multipub.errors.ContentError` with the file's path
and the 1-based line of the whole file.  PyYAML's common complaints are put
in plain words, with the line (and column) to edit: a tab used for
indentation, a quote or bracket never closed, a colon inside a value,
indentation that does not match, a line without a colon, text after a closing
quote, a value starting with ``@``, ``%`` or a backtick, an unknown escape.

:class:`Document` remembers, for every key path, the file line of the key and
the character span of each scalar value *as written* (quotes included), so
:mod:`.frontmatter_edit` can change one value in place and keep every other byte.

>>> doc = parse_document("---\\ntitle: Klastry\\ndate: 2024-03-05\\n---\\nBody\\n", "a.md")
>>> doc.meta["title"], doc.meta["date"], doc.body, doc.body_line
('Klastry', datetime.date(2024, 3, 5), 'Body\\n', 5)
>>> doc.lines[("date",)]
3
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import ContentError
from .meta_values import impossible_date

__all__ = [
    "Document",
    "KeyPath",
    "document_from_json",
    "document_to_json",
    "parse_document",
]

KeyPath = tuple[str, ...]

_YAML = "tag:yaml.org,2002:"
_FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it (several times faster); the
pure-Python one re-reads a document that fails, so messages do not depend on it."""
_ALLOWED_TAGS = frozenset(
    _YAML + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
_MAX_DEPTH = 64
_OPEN_RE = re.compile(r"---[ \t]*(?:\r\n|\n|\r)?\Z")
_CLOSE_RE = re.compile(r"(?:---|\.\.\.)[ \t]*(?:\r\n|\n|\r)?\Z")
_LINES_RE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+\Z")
KEY_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters PyYAML's reader does not accept in a stream (they must be escaped): the
complement of ``[\\x09\\x0a\\x0d\\x20-\\x7e\\x85\\xa0-\\ud7ff\\ue000-\\ufffd
\\U00010000-\\U0010ffff]``, written out (compiling that wide class costs 5 ms per start)."""


@dataclass(frozen=True)
class Document:
    """An article split into front matter and body.

    ``meta`` is the YAML mapping (``{}`` without front matter); ``body`` the
    text after the closing line, starting on file line ``body_line`` at
    character ``body_offset``.  ``lines`` gives the 1-based file line of every
    key path (list items use their index: ``("tags", "0")``); ``spans`` the
    ``(start, end)`` character offsets in the whole text of every scalar value
    as written, quotes and block indicators included, trailing line breaks of
    block scalars excluded.  ``yaml_span`` is the span of the YAML text between
    the delimiter lines, or ``None`` without front matter.
    """

    meta: Mapping[str, Any]
    body: str
    body_line: int
    lines: Mapping[KeyPath, int]
    spans: Mapping[KeyPath, tuple[int, int]]
    body_offset: int = 0
    yaml_span: tuple[int, int] | None = None
    path: str = ""


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _split_front_matter(text: str, path: str) -> tuple[int, int, int] | None:
    """Return (yaml_start, yaml_end, body_offset) or ``None`` without front matter."""
    lines = (m.group() for m in _LINES_RE.finditer(text))  # lazily: bodies can be long
    first = next(lines, None)
    if first is None or not _OPEN_RE.match(first):
        return None
    pos = len(first)
    yaml_start = pos
    for line in lines:
        if _CLOSE_RE.match(line):
            return yaml_start, pos, pos + len(line)
        pos += len(line)
    raise ContentError(
        "the front matter opened by '---' on line 1 is never closed; "
        "add a line '---' after the last key",
        path=path,
        line=1,
    )


class _Builder:
    """Walks composed YAML nodes, checks them and builds plain Python values."""

    def __init__(self, text: str, offset: int, path: str) -> None:
        self.text = text
        self.offset = offset
        self.path = path
        self.lines: dict[KeyPath, int] = {}
        self.spans: dict[KeyPath, tuple[int, int]] = {}
        self.seen: set[int] = set()
        self.constructor = yaml.SafeLoader("")

    def line(self, node: Node) -> int:
        return _line_of(self.text, self.offset + node.start_mark.index)

    def error(self, message: str, node: Node) -> ContentError:
        return ContentError(message, path=self.path, line=self.line(node))

    def build(self, node: Node, keypath: KeyPath, depth: int) -> Any:
        if id(node) in self.seen:
            raise ContentError(
                "YAML aliases (*name) are not supported in front matter; write the value out",
                path=self.path,
                line=self.lines.get(keypath, self.line(node)),
            )
        self.seen.add(id(node))
        if depth > _MAX_DEPTH:
            raise self.error("the front matter is nested too deeply", node)
        if node.tag not in _ALLOWED_TAGS:
            shown = node.tag.replace(_YAML, "!!")
            raise self.error(
                f"the YAML tag {shown} is not allowed in front matter; "
                "use plain text, numbers, dates, lists and mappings",
                node,
            )
        if isinstance(node, MappingNode):
            return self.mapping(node, keypath, depth)
        if isinstance(node, SequenceNode):
            return [
                self.item(child, (*keypath, str(i)), depth) for i, child in enumerate(node.value)
            ]
        assert isinstance(node, ScalarNode)
        return self.scalar(node, keypath)

    def item(self, node: Node, keypath: KeyPath, depth: int) -> Any:
        self.lines[keypath] = self.line(node)
        return self.build(node, keypath, depth + 1)

    def mapping(self, node: MappingNode, keypath: KeyPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _ALLOWED_TAGS:
                raise self.error("a front matter key must be a plain name", key_node)
            key = str(key_node.value)
            line = self.line(key_node)
            if key in first:
                raise self.error(
                    f"duplicate key {key} (first on line {first[key]}, again on line {line}); "
                    "keep only one",
                    key_node,
                )
            first[key] = line
            sub = (*keypath, key)
            self.lines[sub] = line
            result[key] = self.build(value_node, sub, depth + 1)
        return result

    def scalar(self, node: ScalarNode, keypath: KeyPath) -> Any:
        start = self.offset + node.start_mark.index
        end = self.offset + node.end_mark.index
        if node.style in ("|", ">"):
            end = start + len(self.text[start:end].rstrip())
        if keypath:
            self.spans[keypath] = (start, end)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.YAMLError, AttributeError, TypeError) as exc:
            # (PyYAML's timestamp constructor fails with AttributeError on text it cannot read)
            key = f"{'.'.join(keypath)}: " if keypath else ""
            if node.tag == _YAML + "timestamp":
                raise self.error(key + impossible_date(node.value), node) from None
            raise self.error(f'{key}"{node.value}" is not a value YAML can read ({exc})',
                             node) from None


def _shallow(source: str) -> bool:
    """Whether *source* surely nests too little to strain libyaml's recursive composer.

    Deeper documents go to the pure-Python loader, whose recursion Python
    bounds (and which reports it as an error) instead of the C stack.
    """
    if source.count("[") + source.count("{") > 64:
        return False
    return all(len(line) - len(line.lstrip(" ")) < 128 for line in source.split("\n"))


def _yaml_error(exc: yaml.YAMLError, text: str, offset: int, path: str) -> ContentError:
    """*exc* as a :class:`ContentError` in plain words, at the line the user must edit."""
    if isinstance(exc, yaml.reader.ReaderError):
        line = _line_of(text, offset + exc.position)
        return ContentError(
            f"the front matter contains the character U+{exc.character:04X} that YAML does not "
            "allow; remove it or write it as an escape in double quotes",
            path=path,
            line=line,
        )
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    mark = problem_mark or context_mark
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None) or ""
    explained = _explain(problem, context, problem_mark, context_mark, text, offset)
    if explained is not None:
        message, line = explained
        return ContentError(message, path=path, line=line)
    line = _line_of(text, offset + mark.index) if mark is not None else _line_of(text, offset)
    detail = f"{context}, {problem}" if context else problem
    return ContentError(f"invalid YAML in front matter: {detail}", path=path, line=line)


_TOKEN_START = re.compile(r"found character '(.+)' that cannot start any token")
_ESCAPE = re.compile(r"found unknown escape character '(.+)'")


def _explain(
    problem: str, context: str, problem_mark: Any, context_mark: Any, text: str, offset: int
) -> tuple[str, int] | None:
    """A plain-words message for PyYAML's common complaints and the file line to report,
    or ``None``.  Lines and columns in the message are the file's, 1-based."""
    if problem_mark is None:
        return None

    def at(mark: Any) -> str:
        return f"line {_line_of(text, offset + mark.index)}, column {mark.column + 1}"

    problem_line = _line_of(text, offset + problem_mark.index)
    context_line = (_line_of(text, offset + context_mark.index) if context_mark is not None
                    else problem_line)

    start = text.rfind("\n", 0, offset + problem_mark.index) + 1
    before = text[start:offset + problem_mark.index]
    end = text.find("\n", offset + problem_mark.index)
    here = text[start:end if end >= 0 else len(text)]
    found = _TOKEN_START.search(problem)
    if found and found.group(1) == "\\t":
        if before.strip(" \t") == "":
            return (f"tab character at {at(problem_mark)}: "
                    "YAML does not allow tabs for indentation", problem_line)
        return (f"tab character at {at(problem_mark)}: YAML does not allow a tab here; "
                "use spaces", problem_line)
    if found:
        char = found.group(1)
        return (f"a value cannot start with {char} in YAML ({at(problem_mark)}); "
                f"put the value in quotes, e.g. \"{char}...\"", problem_line)
    if "quoted scalar" in context and context_mark is not None:
        quote = text[offset + context_mark.index:][:1] or '"'
        escape = _ESCAPE.search(problem)
        if escape:
            return (f"unknown escape \\{escape.group(1)} in double quotes at "
                    f"{at(problem_mark)}; write \\\\ for a backslash, or use single quotes",
                    problem_line)
        if "end of stream" in problem or "document separator" in problem:
            return (f"the quote {quote} opened at {at(context_mark)} is never closed; "
                    f"add the closing {quote} at the end of the value", context_line)
    if context.startswith("while parsing a flow") and context_mark is not None:
        opener = text[offset + context_mark.index:][:1]
        closer = {"[": "]", "{": "}"}.get(opener, "]")
        return (f"the {opener} opened at {at(context_mark)} is never closed; add the "
                f"closing {closer}, and put a value that contains ',' or ': ' in quotes",
                context_line)
    if problem == "mapping values are not allowed here":
        if ": " in before or before.rstrip().endswith(":"):
            key, _, value = here.partition(":")
            quoted = json.dumps(value.strip(), ensure_ascii=False)
            return (f"a colon inside a value at {at(problem_mark)}; put the value in quotes, "
                    f"e.g. {key.strip().removeprefix('- ')}: {quoted}", problem_line)
        previous = _previous_line(text, start)
        if previous is not None and _indent(here) > _indent(previous[1]):
            return (f"line {_line_of(text, start)} is indented more than the line above it "
                    f"(line {previous[0]}); keys of one mapping start in the same column",
                    problem_line)
        if previous is not None and ":" not in previous[1]:
            return (f"line {previous[0]} has no colon after its key; write it as "
                    "'key: value'", previous[0])
        return None
    if problem.startswith("expected <block end>"):
        quoted = before.rstrip()
        if quoted and quoted[-1] in "\"'" and before.strip(" ") != "":
            return (f"text after the closing quote at {at(problem_mark)}; put the whole "
                    "value inside the quotes", problem_line)
        return (f"the indentation at {at(problem_mark)} does not match the lines above; "
                "keys of one mapping, and the '- ' items of one list, start in the same column",
                problem_line)
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous_line(text: str, start: int) -> tuple[int, str] | None:
    """The last non-blank line before the line starting at *start*: (line number, text)."""
    end = start - 1
    while end > 0:
        begin = text.rfind("\n", 0, end) + 1
        line = text[begin:end]
        if line.strip() and not line.lstrip().startswith("#"):
            return _line_of(text, begin), line
        end = begin - 1
    return None


def parse_document(text: str, path: str) -> Document:
    """Split *text* into front matter and body; see the module docs for the rules.

    >>> parse_document("No front matter\\n", "a.md").meta
    {}
    >>> parse_document("---\\ntitle: A\\ntitle: B\\n---\\n", "a.md")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    multipub.errors.ContentError: a.md:3: duplicate key title (first on line 2, ...; keep only one
    """
    split = _split_front_matter(text, path)
    if split is None:
        return Document(meta={}, body=text, body_line=1, lines={}, spans={}, path=path)
    yaml_start, yaml_end, body_offset = split
    source = text[yaml_start:yaml_end]
    try:
        try:
            loader = _FAST_LOADER if _shallow(source) else yaml.SafeLoader
            node = yaml.compose(source, Loader=loader)
        except yaml.YAMLError:
            node = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, text, yaml_start, path) from None
    except RecursionError:
        raise ContentError(
            "the front matter is nested too deeply", path=path, line=_line_of(text, yaml_start)
        ) from None
    builder = _Builder(text, yaml_start, path)
    meta: dict[str, Any] = {}
    if node is not None:
        if not isinstance(node, MappingNode):
            raise ContentError(
                "the front matter must be a mapping of keys to values (title: ..., date: ...)",
                path=path,
                line=builder.line(node),
            )
        meta = builder.mapping(node, (), 0)
    return Document(
        meta=meta,
        body=text[body_offset:],
        body_line=_line_of(text, body_offset),
        lines=builder.lines,
        spans=builder.spans,
        body_offset=body_offset,
        yaml_span=(yaml_start, yaml_end),
        path=path,
    )


# --------------------------------------------------------------------------- as JSON
def document_to_json(doc: Document) -> list[Any] | None:
    """*doc* as plain JSON values, to keep it in a cache (``None``: not representable).

    Read back with :func:`document_from_json` and the same text.  The front
    matter is kept as the JSON it is, but for dates and times, written as
    text and listed (with where they are) so that they come back as dates.
    """
    dates: list[list[Any]] = []
    try:
        meta = _json_value(doc.meta, [], dates)
    except TypeError:
        return None
    return [meta, dates, [list(k) for k in doc.lines], list(doc.lines.values()),
            [list(k) for k in doc.spans], [list(v) for v in doc.spans.values()],
            doc.body_offset, doc.body_line, list(doc.yaml_span) if doc.yaml_span else None]


def document_from_json(value: Any, text: str, path: str) -> Document:
    """The :class:`Document` of *text* that :func:`document_to_json` wrote as *value*.

    Raises ``ValueError`` (or ``TypeError``, ``KeyError``, ``IndexError``) for
    a value it did not write.
    """
    (meta, dates, line_keys, line_values, span_keys, span_values, body_offset, body_line,
     yaml_span) = value
    if not isinstance(meta, dict) or not isinstance(body_offset, int) or \
            not 0 <= body_offset <= len(text):
        raise ValueError("not a document")
    for where, kind in dates:
        holder: Any = meta
        for step in where[:-1]:
            holder = holder[step]
        holder[where[-1]] = _FROM_ISO[kind](holder[where[-1]])
    return Document(
        meta=meta,
        body=text[body_offset:],
        body_line=int(body_line),
        lines=dict(zip(map(tuple, line_keys), line_values, strict=True)),
        spans=dict(zip(map(tuple, span_keys), map(tuple, span_values), strict=True)),
        body_offset=body_offset,
        yaml_span=(int(yaml_span[0]), int(yaml_span[1])) if yaml_span is not None else None,
        path=path,
    )


_JSON_TYPES = frozenset({str, bool, int, float})
_FROM_ISO: dict[str, Callable[[str], dt.date]] = {
    "d": dt.date.fromisoformat, "t": dt.datetime.fromisoformat}


def _json_value(value: Any, where: list[str | int], dates: list[list[Any]]) -> Any:
    """*value* as JSON; each date or time becomes text, its place noted in *dates*."""
    if value is None or type(value) in _JSON_TYPES:
        return value
    if isinstance(value, dt.datetime):
        dates.append([where, "t"])
        return value.isoformat()
    if isinstance(value, dt.date):
        dates.append([where, "d"])
        return value.isoformat()
    if isinstance(value, list):
        return [_json_value(item, [*where, i], dates) for i, item in enumerate(value)]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {k: _json_value(v, [*where, k], dates) for k, v in value.items()}
    raise TypeError(f"cannot keep {type(value).__name__} as JSON")
