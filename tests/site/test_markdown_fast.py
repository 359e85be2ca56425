"""The Markdown adapter: what it builds on is still there, and it renders as stock does.

:data:`TESTED` holds fingerprints of the Python-Markdown internals that
:mod:`multipub.site.markdown_fast` relies on, one set per version it was
tested against.  When a new Python-Markdown changes one of them,
``test_the_internals_are_those_tested`` fails: read the change, check the
fast path against it (the property tests below, ``bench/bench_markdown.py``),
then add the new version's fingerprints (``python -m tests.site.test_markdown_fast``
prints them) and name the version in the adapter's docstring.
"""

from __future__ import annotations

import hashlib
import inspect
import sys
from collections.abc import Callable

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions.toc import TocExtension
from markdown.treeprocessors import InlineProcessor

from multipub.content.slug import slugify
from multipub.site import markdown_fast
from multipub.site.markdown import MarkdownRenderer, _AssetExtension

EXTENSIONS = ["tables", "footnotes", "attr_list", "fenced_code", "sane_lists"]

TESTED = {
    "3.5.2": {
        "InlineProcessor.__handleInline": "fe27babc114aed0a",
        "InlineProcessor.__applyPattern": "a05b426e2d87e760",
        "inline patterns": "00f2c2922089b9e9",
        "skipped processors": "f0c25676dd722c5f",
        "guarded block processors": "a742cfa92f1a3574",
    },
    "3.8.1": {
        "InlineProcessor.__handleInline": "fe27babc114aed0a",
        "InlineProcessor.__applyPattern": "a05b426e2d87e760",
        "inline patterns": "0f47c6768340c02c",
        "skipped processors": "d0128dde6b82f92c",
        "guarded block processors": "a742cfa92f1a3574",
    },
    "3.9": {
        "InlineProcessor.__handleInline": "fe27babc114aed0a",
        "InlineProcessor.__applyPattern": "a05b426e2d87e760",
        "inline patterns": "0f47c6768340c02c",
        "skipped processors": "d0128dde6b82f92c",
        "guarded block processors": "82686999340bf09c",
    },
    "3.10.3": {
        "InlineProcessor.__handleInline": "fe27babc114aed0a",
        "InlineProcessor.__applyPattern": "a05b426e2d87e760",
        "inline patterns": "0f47c6768340c02c",
        "skipped processors": "d0128dde6b82f92c",
        "guarded block processors": "e0669fb6f3cb3aa4",
    },
    "3.11.3": {
        "InlineProcessor.__handleInline": "fe27babc114aed0a",
        "InlineProcessor.__applyPattern": "8862b35197c0e614",
        "inline patterns": "4ae7f06531f81894",
        "skipped processors": "cc395e38fb1345c8",
        "guarded block processors": "be7b1101951767c9",
    },
}
"""Fingerprints of the internals, per Python-Markdown version tested."""


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def fingerprints() -> dict[str, str]:
    """The fingerprints of this Python-Markdown's internals that the adapter relies on."""
    md = markdown.Markdown(extensions=[*EXTENSIONS, "toc"])
    patterns = md.inlinePatterns
    regexes = [(name, patterns[name].compiled_re.pattern)  # type: ignore[attr-defined]
               for name in sorted(markdown_fast._INLINE_NEEDS) if name in patterns]
    skipped = [(name, inspect.getsource(type(getattr(md, kind)[name]).run))
               for kind, names in markdown_fast._SKIPPABLE.items() for name in sorted(names)]
    blocks = md.parser.blockprocessors
    guarded = [(name, getattr(getattr(blocks[name], "RE", None), "pattern", None),
                inspect.getsource(type(blocks[name]).test if name in markdown_fast._BLOCK_TESTS
                                  else type(blocks[name]).run))
               for name in [*markdown_fast._BLOCK_TESTS, *markdown_fast._BLOCK_RUNS]]
    return {
        "InlineProcessor.__handleInline": _hash(inspect.getsource(
            InlineProcessor._InlineProcessor__handleInline)),  # type: ignore[attr-defined]
        "InlineProcessor.__applyPattern": _hash(inspect.getsource(
            InlineProcessor._InlineProcessor__applyPattern)),  # type: ignore[attr-defined]
        "inline patterns": _hash(repr(regexes)),
        "skipped processors": _hash(repr(skipped)),
        "guarded block processors": _hash(repr(guarded)),
    }


def stock(language: str) -> markdown.Markdown:
    return markdown.Markdown(extensions=[
        *EXTENSIONS,
        TocExtension(slugify=lambda value, sep: slugify(value, language) or "section",
                     toc_depth="2-6"), _AssetExtension()], output_format="html")


def outcome(render: Callable[[str], str], text: str) -> str:
    """What *render* gives for *text*: its HTML, or the error it raises
    (Python-Markdown 3.5.2's HTML parser fails on some inputs, ours too then)."""
    try:
        return render(text)
    except Exception as exc:  # the same error from both is the same outcome
        return f"{type(exc).__name__}: {exc}"


def test_the_internals_are_those_tested() -> None:
    found = fingerprints()
    assert found in TESTED.values(), (
        f"Python-Markdown {markdown.__version__} changed internals that "
        f"multipub.site.markdown_fast relies on: {found}")


def test_every_fast_path_is_on() -> None:
    assert markdown_fast.AVAILABLE, "this Python-Markdown lacks what QuickInline builds on"
    ours = MarkdownRenderer("pl", trusted_html=True)
    paths = ours._fast
    assert paths.inline and len(paths.skippable) == 4 and paths.blocks == 7
    assert type(ours._md.treeprocessors["inline"]) is markdown_fast.QuickInline
    # the processors run in the stock order
    assert [type(p) for p in ours._md.treeprocessors
            if type(p).__module__ != "multipub.site.anchors"] == [
        markdown_fast.QuickInline if type(p) is InlineProcessor else type(p)
        for p in stock("pl").treeprocessors]


@pytest.mark.parametrize("name", ["_InlineProcessor__handleInline",
                                  "_InlineProcessor__applyPattern"])
def test_a_missing_private_method_is_noticed(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    assert markdown_fast._inline_available()
    monkeypatch.delattr(InlineProcessor, name)
    assert not markdown_fast._inline_available()


def test_without_the_internals_rendering_is_stock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Python-Markdown without the private methods gets its own inline processor."""
    monkeypatch.setattr(markdown_fast, "AVAILABLE", False)
    ours = MarkdownRenderer("pl", trusted_html=True)
    assert not ours._fast.inline
    assert type(ours._md.treeprocessors["inline"]) is InlineProcessor
    text = "## Nagłówek\n\nTekst *a* [b](c) `d`\\*[^1]\n\n[^1]: Przypis.\n"
    assert ours.render(text) == stock("pl").convert(text)


def test_a_processor_an_extension_replaced_is_left_alone() -> None:
    class Other(InlineProcessor):
        pass

    md = markdown.Markdown(extensions=EXTENSIONS)
    md.treeprocessors.register(Other(md), "inline", 20)
    assert not markdown_fast.install(md).inline
    assert type(md.treeprocessors["inline"]) is Other


_HEADINGS = st.lists(st.sampled_from([
    "Гродна", "Гродна", "Kraków i *Grodno*", "`code` w tytule", "Przypis[^1]", "A &amp; B",
    "Własny {#wlasny}", "Etykieta {data-toc-label='Krótko'}", "<em>HTML</em> w tytule", "1", "",
    "Spotkanie_1", "Spotkanie", "Spotkanie", "Dwa  słowa\u00a0i\tspacja ", "A > B", "x & y",
    "Spotkanie \\_2", "Nagłówek #",
]), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(_HEADINGS, st.sampled_from(["pl", "ru", "be"]))
def test_heading_ids_equal_the_toc_extension(headings: list[str], language: str) -> None:
    text = "\n\n".join(f"{'#' * (i % 3 + 1)} {h}\n\nTekst {i}." for i, h in enumerate(headings))
    text += "\n\n[^1]: Przypis.\n"
    ours = MarkdownRenderer(language, trusted_html=True)
    assert outcome(ours.render, text) == outcome(stock(language).convert, text)


_INLINE_PIECES = st.sampled_from([
    "słowo", "Гродна", " ", " ", "\n", "  \n", "*", "**", "_", "__", "`", "``", "\\", "\\*",
    "[", "]", "(", ")", "[link](https://example.org)", "![alt](foto.png)", "[ref][r]", "[r]",
    "<https://example.org>", "<ktos@example.org>", "<b>", "</b>", "<!-- c -->", "&amp;",
    "&#1043;", "&", "<", "[^1]", "[^x]", "{#id}", "{: .k}", "\\{", "~~", "|", "#", "- ", "1. ",
    "> ", "!", "^",
    # what the block processors and preprocessors look for
    "\n\n", "```", "~~~", "---", "***", "___", "\n===", "\n---", "    ", "\t", " \n", "\r\n",
    "\x02", "[r]: /x", "[^2]: Drugi", "| a | b |\n|---|---|\n| c | d |", "## ", "Tytuł\n",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_INLINE_PIECES, min_size=1, max_size=14).map("".join),
                min_size=1, max_size=5))
def test_quick_markdown_equals_stock_python_markdown(paragraphs: list[str]) -> None:
    """QuickInline, the skipped processors and the guarded block processors
    change no output."""
    assert markdown_fast.AVAILABLE, "this Python-Markdown lacks what QuickInline builds on"
    text = "\n\n".join(paragraphs) + "\n\n[r]: https://example.org/r\n\n[^1]: Przypis *a*.\n"
    ours = MarkdownRenderer("pl", trusted_html=True)
    assert ours._fast.inline and len(ours._fast.skippable) == 4 and ours._fast.blocks == 7
    assert outcome(ours.render, text) == outcome(stock("pl").convert, text)


if __name__ == "__main__":
    sys.stdout.write(f'"{markdown.__version__}": {fingerprints()!r}\n')
