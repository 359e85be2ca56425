"""Hypothesis strategies shared by the property tests and the fuzzers."""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = (
    "kot", "dach", "Grodno", "spotkanie", "zażółć", "gęślą", "jaźń", "współpraca", "Białoruś",
    "rozwój", "eksperci", "miasto", "szkolenie", "organizacja", "program", "dzień", "noc",
    "Кот", "крыша", "встреча", "ў", "сустрэча", "2024", "48", "m.in.", "itd.",
)
INLINE = (
    "**pogrubienie**", "_kursywa_", "`kod`", "[link](https://example.org/a)",
    "![obraz](kot.png)", "<b>html</b>", "&amp;", "%(num)s", "{name}", "\\*", "\"cytat\"",
    "„cudzysłów”", "«кавычки»", "a\\_b",
)
MARKUP_CHARS = "*_[]()#>|-`!<>&\\\"' \t:.,1=+~^"


def word() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(WORDS), st.sampled_from(INLINE))


def sentence(min_size: int = 1, max_size: int = 12) -> st.SearchStrategy[str]:
    return st.lists(word(), min_size=min_size, max_size=max_size).map(" ".join)


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    lines = draw(st.lists(sentence(), min_size=1, max_size=3))
    hard = draw(st.booleans())
    return ("  \n" if hard else "\n").join(lines)


@st.composite
def block(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(
        ["p", "p", "h", "ul", "ol", "quote", "table", "code", "comment", "hr", "setext",
         "nested", "footnote", "image"]))
    if kind == "p":
        return draw(paragraph())
    if kind == "h":
        return "#" * draw(st.integers(1, 6)) + " " + draw(sentence(1, 6))
    if kind == "setext":
        return draw(sentence(1, 5)) + "\n" + draw(st.sampled_from(["===", "---", "======"]))
    if kind == "ul":
        items = draw(st.lists(sentence(1, 6), min_size=1, max_size=4))
        marker = draw(st.sampled_from(["-", "*", "+"]))
        return "\n".join(f"{marker} {i}" for i in items)
    if kind == "ol":
        items = draw(st.lists(sentence(1, 6), min_size=1, max_size=4))
        return "\n".join(f"{n}. {i}" for n, i in enumerate(items, 1))
    if kind == "nested":
        return f"- {draw(sentence(1, 4))}\n    - {draw(sentence(1, 4))}\n- {draw(sentence(1, 4))}"
    if kind == "quote":
        lines = draw(st.lists(sentence(1, 6), min_size=1, max_size=3))
        return "\n".join(f"> {line}" for line in lines)
    if kind == "table":
        a, b, c, d = (draw(st.sampled_from(WORDS)) for _ in range(4))
        return f"| {a} | {b} |\n|---|:--:|\n| {c} | {d} |"
    if kind == "code":
        return "```\n" + draw(sentence(1, 5)) + "\n```"
    if kind == "comment":
        return draw(st.sampled_from([
            "<!-- komentarz -->", "<!-- multipub: skip -->\n" + draw(sentence(1, 4)),
            "<!-- multipub: note Uwaga dla tłumacza -->\n" + draw(sentence(1, 4)),
            "<!-- multipub: context menu -->\n" + draw(sentence(1, 4))]))
    if kind == "footnote":
        return f"{draw(sentence(1, 4))}[^1]\n\n[^1]: {draw(sentence(1, 4))}"
    if kind == "image":
        return f'![{draw(sentence(1, 3))}](kot.png "{draw(st.sampled_from(WORDS))}")'
    return draw(st.sampled_from(["---", "* * *", "***"]))


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    lines = ["---", f"title: {draw(st.sampled_from(WORDS))} {draw(st.sampled_from(WORDS))}",
             "date: 2024-03-05"]
    if draw(st.booleans()):
        lines.append(f"summary: {draw(st.sampled_from(WORDS))} i {draw(st.sampled_from(WORDS))}")
    if draw(st.booleans()):
        lines += ["image:", "  src: kot.png",
                  f"  caption: \"{draw(st.sampled_from(WORDS))} na dachu\"",
                  "  credit: Archiwum"]
    if draw(st.booleans()):
        lines += ["tags:", "  - zwierzęta"]
    lines.append("---")
    return "\n".join(lines) + "\n"


@st.composite
def markdown_document(draw: st.DrawFn) -> str:
    """A valid article: front matter and a few Markdown blocks."""
    head = draw(front_matter())
    blocks = draw(st.lists(block(), min_size=0, max_size=7))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    body = "\n\n".join(blocks) + draw(st.sampled_from(["\n", "", "\n\n"]))
    text = head + body
    return text.replace("\n", newline) if newline != "\n" else text


@st.composite
def mutated_markdown(draw: st.DrawFn) -> str:
    """A document with random edits: insertions of markup characters, deletions, swaps."""
    text = draw(markdown_document())
    for _ in range(draw(st.integers(0, 6))):
        if not text:
            break
        pos = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "dup"]))
        if op == "insert":
            piece = draw(st.text(alphabet=MARKUP_CHARS + "\nazŁЖ\x00\u2028\ufeff", max_size=6))
            text = text[:pos] + piece + text[pos:]
        elif op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 8)):]
        else:
            end = min(len(text), pos + draw(st.integers(1, 30)))
            text = text[:pos] + text[pos:end] + text[pos:]
    return text


PO_ALPHABET = (
    "abcdefghijklmnopqrstuvwxyz ABCKLMZ0123456789 .,;:!?-()%{}[]/'\"\\\n\t"
    "ąęłóżźćńśĄŁŻ абвгдежзийклмнопрстуфхцчшщъыьэюяёўіАБВЖЎІ «»„”—–…"
)


def po_text(max_size: int = 120) -> st.SearchStrategy[str]:
    return st.text(alphabet=PO_ALPHABET, max_size=max_size)
