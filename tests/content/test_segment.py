"""multipub.content.segment: units, kinds, lines, directives, agreement with Python-Markdown."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from multipub.content.frontmatter import parse_document
from multipub.content.segment import (
    KINDS,
    MARKDOWN_EXTENSIONS,
    Segment,
    merge_duplicates,
    segment_document,
    source_hash,
    tags_of,
)
from multipub.errors import ContentError

DATA = Path(__file__).parents[1] / "data" / "md"


def kinds_texts(text: str) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in segment_document(text, "a.md")]


# --------------------------------------------------------------------------- what is extracted


def test_klastry_article() -> None:
    text = (DATA / "klastry.md").read_text(encoding="utf-8")
    segs = segment_document(text, "content/klastry/pl.md")
    assert [s.kind for s in segs[:4]] == ["title", "summary", "image caption", "image credit"]
    assert segs[0].text == "Klastry na Białorusi" and segs[0].line == 2
    assert segs[1].text == (
        "Polscy eksperci opowiadają w sześciu miastach Białorusi o potencjale klastrów."
    )
    body = [s for s in segs if not s.key]
    assert [s.kind for s in body] == ["paragraph", "paragraph", "image alt", "image title"] + [
        "paragraph"
    ] * 3
    # The wrapped second paragraph is one segment over four lines, joined with spaces.
    second = body[1]
    assert second.line == 17 and len(second.spans) == 4 and "\n" not in second.text
    assert second.text.startswith("Ekspertami prowadzącymi spotkania są dr Mariusz Citkowski")
    for seg in body:
        for start, end in seg.spans:
            assert seg.text.find(text[start:end]) >= 0
    # Trailing spaces and no-break spaces are not part of any msgid.
    assert not any(s.text != s.text.strip() for s in segs)
    # The photo caption appears twice (front matter and image alt): one catalogue entry.
    units = merge_duplicates(segs)
    caption = next(u for u in units if u.text == "Uczestnicy spotkania poświęconego klastrom")
    assert caption.kinds == ("image caption", "image alt") and caption.lines == (11, 22)
    assert len(units) == len(segs) - 2


def test_kinds_of_blocks() -> None:
    text = (DATA / "lists-and-quotes.md").read_text(encoding="utf-8")
    got = kinds_texts(text)
    assert ("summary", "Dokument testowy\nw dwóch liniach.") in got
    assert ("image caption", 'Podpis "cytowany"') in got
    assert ("heading", "Heading two") in got
    assert ("heading", "Heading with closing hashes") in got
    assert ("list item", "second item continued lazily") in got
    assert ("list item", "nested item two") in got
    assert ("list item", "Second paragraph of the second item, indented by four spaces.") in got
    assert ("blockquote", "A quote over two lines.") in got
    assert ("blockquote", "Nested quote.") in got
    assert ("list item", "list in quote") in got
    assert [t for k, t in got if k == "table cell"] == ["Name", "Value", "Mińsk", "Grodno"]
    assert ("paragraph", "Line with hard break\nafter it.") in got
    assert ("image alt", "Linked image alt") in got
    assert ("image title", "Linked title") in got
    assert ("footnote", "Footnote text on two lines.") in got
    assert ("link title", "Reference title") in got
    texts = " ".join(t for _, t in got)
    for absent in ("fenced with tildes", "indented code", "Raw HTML", "skipped", "12345",
                   "example.org/raw", "multipub"):
        assert absent not in texts
    assert all(k in KINDS for k, _ in got)
    assert "test" not in [t for _, t in got]  # a tag


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("# Title\nText under it\n", [("heading", "Title"), ("paragraph", "Text under it")]),
        ("#NoSpace\n", [("heading", "NoSpace")]),
        ("Para\n# Heading\nmore\n", [("paragraph", "Para"), ("heading", "Heading"),
                                     ("paragraph", "more")]),
        ("Para\n- not a list\n", [("paragraph", "Para - not a list")]),
        ("Text\n\n---\n\n***\n\n1984\n", [("paragraph", "Text")]),
        ("<https://example.com>\n", []),
        ("Text <!-- inline comment --> more\n",
         [("paragraph", "Text <!-- inline comment --> more")]),
        ("Para\n```\ncode\n```\nafter\n", [("paragraph", "Para"), ("paragraph", "after")]),
        ("```\nunclosed fence\n", [("paragraph", "``` unclosed fence")]),
        ("<div>\n*md* inside\n</div>\n\nafter\n", [("paragraph", "after")]),
        ("<span>inline</span> start\n", [("paragraph", "<span>inline</span> start")]),
        ("![](a.png)\n", []),
        ("![Only alt](a.png)\n", [("image alt", "Only alt")]),
        ("Alt ![in text](a.png) stays\n", [("paragraph", "Alt ![in text](a.png) stays")]),
        ("| a | b |\n|---|---|\n| c | d | extra |\n",
         [("table cell", "a"), ("table cell", "b"), ("table cell", "c"), ("table cell", "d")]),
        ("Same\n\nSame\n", [("paragraph", "Same"), ("paragraph", "Same")]),
    ],
)
def test_small_cases(source: str, expected: list[tuple[str, str]]) -> None:
    assert kinds_texts(source) == expected
    assert_agrees(source)


def test_lines_are_file_lines() -> None:
    text = "---\ntitle: T\nimage:\n  caption: Cap\n---\n\n# H\n\n- a\n- b\n"
    segs = segment_document(text, "a.md")
    assert [(s.kind, s.line) for s in segs] == [
        ("title", 2), ("image caption", 4), ("heading", 7), ("list item", 9), ("list item", 10)
    ]


def test_directives() -> None:
    text = (
        "<!-- multipub: note First note -->\n<!-- multipub: note Second note -->\n\n"
        "* a one\n* a two\n\nfree\n\n<!-- multipub: skip -->\n| x | y |\n|---|---|\n| u | v |\n\n"
        "<!-- multipub: context button -->\nSave\n"
    )
    segs = segment_document(text, "a.md")
    assert [(s.text, s.notes, s.context) for s in segs] == [
        ("a one", ("First note", "Second note"), None),
        ("a two", ("First note", "Second note"), None),
        ("free", (), None),
        ("Save", (), "button"),
    ]


def test_unknown_directive_is_an_error() -> None:
    with pytest.raises(ContentError) as info:
        segment_document("Text\n\n<!-- multipub: skipp -->\nMore\n", "a.md")
    assert info.value.line == 3 and info.value.path == "a.md"
    assert "skipp" in info.value.message


def test_front_matter_field_errors() -> None:
    with pytest.raises(ContentError) as info:
        segment_document("---\ntitle: [a, b]\n---\n", "a.md")
    assert info.value.line == 2
    with pytest.raises(ContentError) as info:
        segment_document("---\ntitle: T\nimage: photo.jpg\n---\n", "a.md")
    assert info.value.line == 3


def test_tags() -> None:
    doc = parse_document("---\ntags:\n  - Białoruś\n  - 2024\n---\n", "a.md")
    assert tags_of(doc) == [("Białoruś", 3), ("2024", 4)]
    assert tags_of(parse_document("---\ntags: solo\n---\n", "a.md")) == [("solo", 2)]
    with pytest.raises(ContentError) as info:
        tags_of(parse_document("---\ntags: {a: 1}\n---\n", "a.md"))
    assert info.value.line == 2


def test_source_hash_ignores_cosmetics() -> None:
    base = (DATA / "klastry.md").read_text(encoding="utf-8")
    h = source_hash(base, "a.md")
    assert re.fullmatch(r"[0-9a-f]{16}", h)
    rewrapped = base.replace(
        "Citkowski (Uniwersytet w Białymstoku) oraz\n",
        "Citkowski\n(Uniwersytet w Białymstoku) oraz ",
    )
    cosmetic = rewrapped.replace("date: 2017-11-20", "date: 2018-01-01").replace(
        "src: uczestnicy-spotkania.jpg", "src: other.jpg"
    ) + "\n<!-- a comment -->\n\n```\ncode\n```\n"
    assert source_hash(cosmetic, "a.md") == h
    assert source_hash(base.replace("Klastry na", "Klastry w"), "a.md") != h
    assert source_hash(base.replace("klastry]", "gospodarka]"), "a.md") != h


# --------------------------------------------------------------------------- agreement


BLOCK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "blockquote"}


def render(text: str) -> str:
    return markdown.markdown(text, extensions=list(MARKDOWN_EXTENSIONS))


def squash(text: str) -> str:
    return " ".join(text.split())


def assert_agrees(text: str) -> None:
    """Each body segment's text is found, rendered, in Python-Markdown's output."""
    doc = parse_document(text, "a.md")
    segs = [s for s in segment_document(text, "a.md") if not s.key]
    refs = "\n".join(re.findall(r"(?m)^ {0,3}\[[^\]^][^\]]*\]:.*$", doc.body))
    full = squash(render(doc.body))
    for seg in segs:
        if seg.kind in ("image alt", "image title", "link title"):
            assert html.escape(seg.text, quote=True) in full, seg
            continue
        fragment = render(seg.text.replace("\n", "  \n") + "\n\n" + refs)
        fragment = squash(re.sub(r"\A<p>(.*?)</p>", r"\1", fragment, flags=re.S))
        fragment = fragment.split("<div class=\"footnote\">")[0].strip()
        assert fragment in full, (seg, fragment, full)
    headings = len(re.findall(r"<h[1-6]", full))
    assert "multipub: skip" in text or headings == sum(1 for s in segs if s.kind == "heading")


# --------------------------------------------------------------------------- generated documents

WORDS = st.sampled_from(
    ["klaster", "Białoruś", "spotkanie", "Гродна", "кластар", "встреча", "Mińsk", "żółw",
     "expert", "news", "dzień", "Sebastian", "rozwój"]
)


@st.composite
def inline(draw: st.DrawFn) -> str:
    word = draw(WORDS)
    form = draw(st.integers(0, 9))
    return [word, word, word, f"**{word}**", f"*{word}*", f"`{word}`",
            f"[{word}](https://example.org/{len(word)})", f"<span>{word}</span>",
            f"![{word}](p.png)", f"{word},"][form]


@st.composite
def text_line(draw: st.DrawFn) -> str:
    return " ".join([draw(WORDS), *draw(st.lists(inline(), min_size=0, max_size=5))])


@st.composite
def paragraph_lines(draw: st.DrawFn, prefix: str = "", first: str = "") -> str:
    lines = draw(st.lists(text_line(), min_size=1, max_size=3))
    out = []
    for i, line in enumerate(lines):
        end = draw(st.sampled_from(["", "", "  ", " "])) if i < len(lines) - 1 else ""
        out.append((first if i == 0 else prefix) + line + end)
    return "\n".join(out)


@st.composite
def block(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 12))
    if kind == 0:
        return "#" * draw(st.integers(1, 6)) + " " + draw(text_line()) + draw(
            st.sampled_from(["", " ##"]))
    if kind == 1:
        return draw(text_line()) + "\n" + draw(st.sampled_from(["===", "-----"]))
    if kind == 2:
        marker = draw(st.sampled_from(["-", "*", "+", "1.", "2."]))
        items = []
        for _ in range(draw(st.integers(1, 4))):
            pad = " " * (len(marker) + 1)
            items.append(draw(paragraph_lines(prefix=pad, first=marker + " ")))
            if draw(st.booleans()):
                items.append(draw(paragraph_lines(prefix="      ", first="    - ")))
        return "\n".join(items)
    if kind == 3:
        cols = draw(st.integers(2, 4))
        rows = [[draw(st.one_of(WORDS, st.just("12"), st.just(""))) for _ in range(cols)]
                for _ in range(draw(st.integers(1, 3)))]
        header = "| " + " | ".join(draw(WORDS) for _ in range(cols)) + " |"
        sep = "|" + "|".join(draw(st.sampled_from(["---", ":--", "--:", ":-:"]))
                             for _ in range(cols)) + "|"
        return "\n".join([header, sep] + ["| " + " | ".join(r) + " |" for r in rows])
    if kind == 4:
        return draw(paragraph_lines(prefix="> ", first="> "))
    if kind == 5:
        fence = draw(st.sampled_from(["```", "~~~"]))
        return f"{fence}\n{draw(text_line())}\n{fence}"
    if kind == 6:
        return "    " + draw(text_line())
    if kind == 7:
        return draw(st.sampled_from([
            "<!-- a comment -->", "<div>\n" + draw(text_line()) + "\n</div>", "* * *",
            "<!-- multipub: note A note -->", "<!-- multipub: skip -->"]))
    if kind == 8:
        return f"![{draw(WORDS)}](a.png \"{draw(WORDS)}\")"
    if kind == 9:
        first = draw(paragraph_lines(prefix="> ", first="> "))
        return first + "\n>\n" + draw(paragraph_lines(prefix="> ", first="> > "))
    return draw(paragraph_lines())


def yaml_value(draw: st.DrawFn, value: str) -> str:
    style = draw(st.integers(0, 2))
    if style == 1:
        return "'" + value.replace("'", "''") + "'"
    if style == 2:
        return '"' + value + '"'
    return value


@st.composite
def documents(draw: st.DrawFn) -> str:
    parts = []
    if draw(st.booleans()):
        fm = [f"title: {yaml_value(draw, draw(text_line()))}", "date: 2024-03-05"]
        if draw(st.booleans()):
            fm.append(f"summary: {yaml_value(draw, draw(text_line()))}")
        if draw(st.booleans()):
            fm.append(f"tags: [{draw(WORDS)}, {draw(WORDS)}]")
        if draw(st.booleans()):
            fm += ["image:", "  src: a.jpg", f"  caption: {yaml_value(draw, draw(text_line()))}",
                   f"  credit: {yaml_value(draw, draw(WORDS))}"]
        parts.append("---\n" + "\n".join(fm) + "\n---\n")
    blocks = draw(st.lists(block(), min_size=1, max_size=8))
    seps = [draw(st.sampled_from(["\n\n", "\n\n", "\n\n\n"])) for _ in blocks]
    parts.append("".join(b + s for b, s in zip(blocks, seps, strict=True)))
    text = "".join(parts)
    return text if draw(st.booleans()) else text.rstrip("\n")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_agree_with_python_markdown(text: str) -> None:
    assert_agrees(text)


TOKENS = [
    *"ab ł#>-*+|`~=_[]()!:.1\\<>/\"'\t\n\r\x02\x03",
    "<!--", "-->", "---\n", "```\n", "    ", "<div>", "</div>", "[^1]:", "\u00a0",
    "<!-- multipub: note n -->\n", '![a](b "t")', "| a | b |\n|---|---|\n",
]
MARKDOWNISH = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join) | st.text(max_size=100)


@settings(max_examples=300, deadline=None)
@given(MARKDOWNISH)
def test_arbitrary_text_only_content_errors(text: str) -> None:
    for candidate in (text, "---\n" + text, "---\ntitle: x\n---\n" + text):
        try:
            segs = segment_document(candidate, "a.md")
        except ContentError as exc:
            assert exc.path == "a.md" and (exc.line is None or exc.line >= 1)
            continue
        for seg in segs:
            assert isinstance(seg, Segment) and seg.text and seg.line >= 1
            assert 0 <= seg.start <= seg.end <= len(candidate)


def test_deep_nesting_is_not_a_recursion_error() -> None:
    for text in (">" * 2000 + " deep\n", "".join("    " * i + "- x\n" for i in range(150)),
                 "- " * 1000 + "x\n"):
        segs = segment_document(text, "a.md")
        assert all(s.text for s in segs)


def test_a_link_of_code_only_is_no_unit() -> None:
    """Found on Python-Markdown's API docs: ``[`name`][label]`` is markup, not prose."""
    text = "- [`detab`][markdown.BlockProcessor.detab]\n- [Tekst][x] i `kod`\n\n[x]: /x\n"
    assert kinds_texts(text) == [("list item", "[Tekst][x] i `kod`")]
