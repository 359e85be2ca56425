"""multipub.content.blocks_ext: the block syntax of extensions, segmented and written back."""

from __future__ import annotations

import re

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from multipub.content.frontmatter import parse_document
from multipub.content.segment import Segment, segment_document
from multipub.content.syntax import MarkdownSyntax
from multipub.content.writeback import apply_translations

DOCS = MarkdownSyntax.of([
    "admonition", "def_list", "abbr", "attr_list", "footnotes", "tables", "toc", "md_in_html",
    "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.details",
])


def tree(text: str, syntax: MarkdownSyntax = DOCS) -> list[str]:
    """Element names of the rendered body, in document order."""
    configs = {n: syntax.config(n) for n in syntax.extensions if syntax.config(n)}
    html = markdown.markdown(parse_document(text, "a.md").body, extensions=list(syntax.extensions),
                             extension_configs=configs)
    return re.findall(r"<([a-z][a-z0-9]*)", html)


def units(text: str, syntax: MarkdownSyntax = DOCS) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in segment_document(text, "a.md", syntax)]


def marked(seg: Segment) -> str:
    """A deterministic translation keeping inline markup: words outside markup get a mark
    (not acronyms, which abbreviations name)."""
    return re.sub(r"(`[^`]*`|\[[^\]]*\]\([^)]*\)|<[^>]*>|\b[A-Z]+\b)|\b([^\W\d_]+)\b",
                  lambda m: m.group(1) or m.group(2) + "ё", seg.text)


def write_back(text: str, syntax: MarkdownSyntax = DOCS) -> str:
    return apply_translations(text, segment_document(text, "a.md", syntax), marked, "a.md")


CASES = {
    "admonition": (
        '!!! note "Uwaga tytuł"\n    Treść uwagi\n    dalej.\n\n    Drugi akapit.\n\nPo.\n',
        [("admonition title", "Uwaga tytuł"), ("admonition", "Treść uwagi dalej."),
         ("admonition", "Drugi akapit."), ("paragraph", "Po.")]),
    "details": (
        '??? tip "Szczegóły"\n    Ukryta treść.\n\n???+ warning\n    Otwarta.\n',
        [("details title", "Szczegóły"), ("details", "Ukryta treść."), ("details", "Otwarta.")]),
    "tabbed": (
        '=== "Zakładka 1"\n    Tekst jeden.\n\n=== "Zakładka 2"\n    ```python\n    x = "kod"\n'
        '\n    y = 2\n    ```\n',
        [("tab title", "Zakładka 1"), ("tab", "Tekst jeden."), ("tab title", "Zakładka 2")]),
    "def_list": (
        "Termin\n:   Definicja terminu\n    dalej.\n\n    Drugi akapit definicji.\n\n"
        "Inny\n:   Druga.\n",
        [("definition term", "Termin"), ("definition", "Definicja terminu dalej."),
         ("definition", "Drugi akapit definicji."), ("definition term", "Inny"),
         ("definition", "Druga.")]),
    "abbr": ("Tekst o HTML.\n\n*[HTML]: Hyper Text Markup Language\n",
             [("paragraph", "Tekst o HTML."), ("abbreviation", "Hyper Text Markup Language")]),
    "attr_list": ("# Nagłówek {: #id .klasa }\n\nAkapit\n{: .klasa }\n\n- punkt {: .x }\n",
                  [("heading", "Nagłówek"), ("paragraph", "Akapit"),
                   ("list item", "punkt {: .x }")]),
    "md_in_html": ('<div markdown="1">\nTekst *w* div.\n\n- punkt\n</div>\n\n'
                   '<div>\nsurowy\n</div>\n',
                   [("paragraph", "Tekst *w* div."), ("list item", "punkt")]),
    "superfences": (
        "- punkt\n\n    ```js run\n    var a = \"tekst\";\n\n    b();\n    ```\n\n    Dalej.\n\n"
        "> ```\n> kod tekst\n>\n> inny kod\n> ```\n> Cytat.\n",
        [("list item", "punkt"), ("list item", "Dalej."), ("blockquote", "Cytat.")]),
    "nested fences": (
        "````md\n```js\ncode text\n```\n````\n\nPo.\n", [("paragraph", "Po.")]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_extension_blocks_give_their_own_units(name: str) -> None:
    source, expected = CASES[name]
    assert units(source) == expected
    out = write_back(source)
    assert tree(out) == tree(source)
    assert [s.text for s in segment_document(out, "a.md", DOCS)] == [
        marked(s) for s in segment_document(source, "a.md", DOCS)]


def test_syntax_is_written_back_around_the_translation() -> None:
    source = '!!! note "Uwaga"\n    Treść.\n\nTermin\n:   Opis.\n\n*[HTML]: Hyper Text\n'
    assert write_back(source) == (
        '!!! note "Uwagaё"\n    Treśćё.\n\nTerminё\n:   Opisё.\n\n*[HTML]: Hyperё Textё\n')


def test_without_the_extension_its_syntax_is_what_python_markdown_makes_of_it() -> None:
    plain = MarkdownSyntax.of(["footnotes"])
    source = '!!! note "Uwaga"\n    Treść.\n\nTermin\n:   Opis.\n'
    assert units(source, plain) == [("paragraph", '!!! note "Uwaga" Treść.'),
                                    ("paragraph", "Termin :   Opis.")]
    assert units("| a | b |\n|---|---|\n", plain) == [("paragraph", "| a | b | |---|---|")]


def test_unknown_extension_blocks_are_kept_whole() -> None:
    syntax = MarkdownSyntax.of(["tables", "pymdownx.blocks.admonition"])
    source = "/// note | Tytuł\nTreść.\n///\n\nZwykły akapit.\n"
    assert units(source, syntax) == [("paragraph", "Zwykły akapit.")]
    assert units(source) != units(source, syntax)


BLOCKS = st.sampled_from([
    '!!! note "Tytuł"\n    Treść uwagi.\n', "??? tip\n    Ukryte.\n",
    '=== "Tab"\n    W zakładce.\n',
    "Termin\n:   Definicja.\n", "*[ABC]: Rozwinięcie skrótu\n", "# Nagłówek {: #x }\n",
    "- punkt\n\n    ```\n    kod\n\n    dalej\n    ```\n", "Zwykły akapit\nw dwóch liniach.\n",
    '<div markdown="1">\nW div.\n</div>\n', "> Cytat.\n> ```\n> kod\n> ```\n",
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(BLOCKS, min_size=1, max_size=6))
def test_generated_extension_documents_round_trip(blocks: list[str]) -> None:
    source = "\n".join(blocks)
    segments = segment_document(source, "a.md", DOCS)
    assert apply_translations(source, segments, lambda s: s.text, "a.md") == source
    assert tree(write_back(source)) == tree(source)
