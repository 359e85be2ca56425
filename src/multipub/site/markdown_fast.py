"""The one adapter that builds on Python-Markdown's internals, for speed.

Tested against Python-Markdown 3.10.3 (the lowest version ``pyproject.toml``
allows), 3.11.3, and the older 3.5.2, 3.8.1 and 3.9.
``tests/site/test_markdown_fast.py`` fails when any of the internals below
changes (it keeps their fingerprints per tested version)
and checks that the fast paths render what stock Python-Markdown renders.
Each fast path falls back to the stock code when what it builds on is
missing or was replaced by an extension.  ``bench/bench_markdown.py``
measures what each one saves; only those saving at least 5% of stock
Python-Markdown's time are kept (figures in ``bench/README.md``, "Markdown
adapter").

What it relies on, fast path by fast path:

- :class:`QuickInline` (the inline fast path, a quarter of the time)
  replaces the tree processor registered as ``"inline"`` (priority 20) by a
  subclass of :class:`markdown.treeprocessors.InlineProcessor` that
  overrides the private ``InlineProcessor.__handleInline(data,
  patternIndex=0)`` (name-mangled ``_InlineProcessor__handleInline``), calls
  the private ``InlineProcessor.__applyPattern(pattern, data, patternIndex,
  startIndex=0) -> (data, matched, startIndex)`` and reads
  ``InlineProcessor.inlinePatterns``; and on the names and regular
  expressions of the built-in inline patterns (:data:`_INLINE_NEEDS`: which
  characters each one needs to match).
- Guarded block processors: the ``test`` of the ``hashheader``,
  ``setextheader``, ``hr``, ``quote`` and ``table`` block processors and the
  ``run`` of ``footnote`` and ``reference`` are wrapped on their instances
  (``md.parser.blockprocessors``), on the knowledge of what their regular
  expressions need (:data:`_BLOCK_TESTS`, :data:`_BLOCK_RUNS`).
- Skipped processors: the ``run`` of the ``html_block`` and
  ``fenced_code_block`` preprocessors and of the ``attr_list`` and
  ``unescape`` tree processors is wrapped on their instances, to be skipped
  on a document without the text they act on (:data:`_SKIPPABLE`).
"""

from __future__ import annotations

import inspect
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import markdown
from markdown import blockprocessors
from markdown.extensions.footnotes import FootnoteBlockProcessor
from markdown.extensions.tables import TableProcessor
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

__all__ = ["AVAILABLE", "FastPaths", "QuickInline", "install"]

# -- the inline fast path -------------------------------------------------------------
_INLINE_NEEDS = {
    "backtick": "`", "escape": "\\", "footnote": "[", "reference": "[", "link": "[",
    "image_link": "[", "image_reference": "[", "short_reference": "[", "short_image_ref": "[",
    "autolink": "<", "automail": "<", "linebreak": "\n", "html": "<", "entity": "&",
    "em_strong": "*_", "em_strong2": "_", "not_strong": "*_", "strong_em": "*_",
}
"""Characters without which a built-in inline pattern cannot match (by its regular expression)."""

_INLINE_NEEDS_TEXT = {
    "footnote": "[^", "image_link": "![", "image_reference": "![", "short_image_ref": "![",
    "linebreak": "  \n",
}
"""Text without which a built-in inline pattern cannot match (tested after the characters)."""

_INLINE_PRIORITY = 20
"""The priority Python-Markdown registers its ``"inline"`` tree processor with."""


class QuickInline(InlineProcessor):
    """Python-Markdown's inline processor, skipping the patterns a text cannot match.

    For each piece of text Python-Markdown tries every inline pattern in turn
    (16 with our extensions), each a regular-expression search plus Python
    bookkeeping, so most of a document's time goes to patterns that find
    nothing.  A pattern whose regular expression needs a character the text
    lacks (a link needs ``[``, emphasis ``*`` or ``_``...) is skipped here, as
    it would have been after a failed search: the output is the same.
    Patterns not in :data:`_INLINE_NEEDS` are always tried.
    """

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self._needs: list[tuple[frozenset[str], str] | None] = []
        self._patterns: list[Any] = []
        self._plans: dict[frozenset[str], tuple[bool, ...]] = {}

    def run(self, tree: ET.Element, ancestors: list[str] | None = None) -> ET.Element:
        registry = self.inlinePatterns
        needs: list[tuple[frozenset[str], str] | None] = [None] * len(registry)
        for name, chars in _INLINE_NEEDS.items():
            if name in registry:
                text = _INLINE_NEEDS_TEXT.get(name, "")
                needs[registry.get_index_for_name(name)] = (frozenset(chars), text)
        if needs != self._needs:
            self._plans = {}
        self._needs = needs
        self._patterns = list(registry)
        return super().run(tree, ancestors)

    def _skips(self, data: str) -> tuple[bool, ...]:
        """Per pattern, whether *data* lacks every character it needs.

        Matching only ever replaces text by placeholders, so a character absent
        from *data* stays absent while the patterns run over it.
        """
        present = frozenset(_NEEDED_FIND(data))
        if present.intersection(_TEXT_STARTS):
            present = present.union(text for text in _NEEDED_TEXTS if text in data)
        plan = self._plans.get(present)
        if plan is None:
            plan = self._plans[present] = tuple(
                need is not None and (need[0].isdisjoint(present)
                                      or (bool(need[1]) and need[1] not in present))
                for need in self._needs)
        return plan

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if not isinstance(data, AtomicString):
            start = 0
            patterns = self._patterns
            skips = self._skips(data)
            apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
            count = len(patterns)
            while patternIndex < count:
                if skips[patternIndex]:
                    patternIndex += 1  # what a search that finds nothing leads to
                    start = 0
                    continue
                data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
                if not matched:
                    patternIndex += 1
        return data


_NEEDED_CHARS = frozenset("".join(_INLINE_NEEDS.values()))
"""Every character some pattern of :data:`_INLINE_NEEDS` needs."""
_NEEDED_FIND = re.compile("[" + re.escape("".join(sorted(_NEEDED_CHARS))) + "]").findall
"""The characters of :data:`_NEEDED_CHARS` in a text (a scan in C, no set of every character)."""
_NEEDED_TEXTS = tuple(sorted(set(_INLINE_NEEDS_TEXT.values())))
_TEXT_STARTS = _NEEDED_CHARS.intersection("".join(_NEEDED_TEXTS))
"""Characters of :data:`_NEEDED_CHARS` in those texts: without one of them, none is there."""


def _parameters(function: Any) -> list[str] | None:
    try:
        return list(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return None


def _inline_available() -> bool:
    return (_parameters(getattr(InlineProcessor, "_InlineProcessor__handleInline", None))
            == ["self", "data", "patternIndex"]
            and _parameters(getattr(InlineProcessor, "_InlineProcessor__applyPattern", None))
            == ["self", "pattern", "data", "patternIndex", "startIndex"])


AVAILABLE = _inline_available()
"""Whether this Python-Markdown has the private methods :class:`QuickInline` builds on,
with the parameters it calls them with (else the stock inline processor is kept)."""


# -- processors skipped ---------------------------------------------------------------
_SKIPPABLE: dict[str, dict[str, tuple[str, ...]]] = {
    "treeprocessors": {"attr_list": ("{",), "unescape": ("\\",)},
    "preprocessors": {"html_block": ("<", "&"), "fenced_code_block": ("```", "~~~")},
}
"""Processors that cannot change a document lacking every one of the texts.

``attr_list`` acts on ``{`` and ``unescape`` on what a backslash escaped;
the HTML block preprocessor on ``<`` and ``&`` (its HTML parser gives back
any other text as it was), the fenced code one on a fence.  A document
without them would go through their loops for nothing.
"""


class FastPaths:
    """What :func:`install` set up on one :class:`markdown.Markdown`.

    Call :meth:`prepare` with each document before converting it.
    """

    def __init__(self) -> None:
        self.inline = False
        self.blocks = 0
        self.skippable: list[tuple[tuple[str, ...], list[bool]]] = []

    def prepare(self, text: str) -> None:
        """Turn on the skippable processors that *text* needs, off the others."""
        if "\x02" in text or "\x03" in text:  # what NormalizeWhitespace removes first
            text = text.replace("\x02", "").replace("\x03", "")
        for needs, active in self.skippable:
            active[0] = any(needle in text for needle in needs)


def install(md: markdown.Markdown, inline: bool = True, skip: bool = True,
            blocks: bool = True) -> FastPaths:
    """Put the fast paths on *md* (after its extensions are loaded); each flag
    turns one off, for the benchmark.  A processor that is not the stock one
    (an extension replaced it) is left alone."""
    paths = FastPaths()
    registry = md.treeprocessors
    if inline and AVAILABLE and "inline" in registry \
            and type(registry["inline"]) is InlineProcessor:
        # at the stock priority: with multipub's extensions no other tree processor
        # shares it, so the order stays the stock one (the adapter's test checks it)
        registry.register(QuickInline(md), "inline", _INLINE_PRIORITY)
        paths.inline = True
    if skip:
        for kind, skippable in _SKIPPABLE.items():
            processors = getattr(md, kind)
            for name, needs in skippable.items():
                if name in processors and callable(getattr(processors[name], "run", None)):
                    active = [True]
                    processor = processors[name]
                    processor.run = _only_with(processor.run, active)
                    paths.skippable.append((needs, active))
    if blocks:
        paths.blocks = _guard_blocks(md.parser.blockprocessors)
    return paths


def _only_with(run: Callable[[Any], Any], active: list[bool]) -> Callable[[Any], Any]:
    """*run*, or its argument given back when ``active[0]`` is false (a preprocessor
    gives its lines back, a tree processor its root, unchanged)."""

    def guarded(data: Any) -> Any:
        return run(data) if active[0] else data

    return guarded


# -- block processors asked only about blocks they can take ---------------------------
_BLOCK_TESTS = {"hashheader": "#", "setextheader": "\n=|\n-", "hr": "[-_*]", "quote": ">",
                "table": "\\|"}
"""Block processors whose ``test`` cannot pass on a block without a match of the pattern."""

_BLOCK_RUNS = {"footnote": "[^", "reference": "]:"}
"""Block processors that test every block and whose ``run`` gives up on one without the text."""


def _guard_blocks(registry: Any) -> int:
    """Spare the block processors the regular expressions that cannot match a block;
    the number of processors guarded.

    The parser asks every processor, in order, whether it takes a block; for a
    plain paragraph that is a dozen searches.  A search for one character
    first answers most of them.
    """
    guarded = 0
    for name, pattern in _BLOCK_TESTS.items():
        if name in registry and type(registry[name]) is _STOCK_BLOCKS.get(name):
            processor = registry[name]
            processor.test = _guarded_test(processor.test, re.compile(pattern).search)
            guarded += 1
    for name, needle in _BLOCK_RUNS.items():
        if name in registry and type(registry[name]) is _STOCK_RUNS[name]:
            processor = registry[name]
            processor.run = _guarded_run(processor.run, needle)
            guarded += 1
    return guarded


_STOCK_BLOCKS = {"hashheader": blockprocessors.HashHeaderProcessor,
                 "setextheader": blockprocessors.SetextHeaderProcessor,
                 "hr": blockprocessors.HRProcessor, "quote": blockprocessors.BlockQuoteProcessor,
                 "table": TableProcessor}
"""The stock classes of the processors of :data:`_BLOCK_TESTS` (another one is left alone)."""
_STOCK_RUNS = {"footnote": FootnoteBlockProcessor,
               "reference": blockprocessors.ReferenceProcessor}
"""The stock classes of the processors of :data:`_BLOCK_RUNS`."""


def _guarded_test(test: Callable[[ET.Element, str], bool],
                  search: Callable[[str], re.Match[str] | None]) -> Callable[..., bool]:
    def guarded(parent: ET.Element, block: str) -> bool:
        return search(block) is not None and test(parent, block)

    return guarded


def _guarded_run(run: Callable[[ET.Element, list[str]], bool | None],
                 needle: str) -> Callable[..., bool | None]:
    def guarded(parent: ET.Element, blocks: list[str]) -> bool | None:
        return run(parent, blocks) if needle in blocks[0] else False

    return guarded
