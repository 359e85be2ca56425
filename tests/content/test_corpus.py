"""Real public Markdown (tests/data/corpus): the round trip keeps every document.

For each document of the sample (Python-Markdown's and pymdown-extensions'
own documentation and test documents, segmented with the documentation set
of extensions :data:`DOCS`):

- identity write-back is byte-identical;
- a deterministic translation (:func:`translate`: each word outside inline
  markup gets a mark) written back renders to the same HTML element tree;
- the article's catalogue is what GNU ``msgcat`` prints for it;
- no msgid is pure code or markup: each has a word that the rendered page
  shows as prose (outside ``pre``/``code``).

A project of a few of them is also extracted, translated, written back and
built, and each translated page keeps the source page's element tree.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import markdown
import pytest

import multipub
from multipub.commands.templates import article_template
from multipub.content.segment import Segment, segment_document
from multipub.content.syntax import MarkdownSyntax
from multipub.content.writeback import apply_translations
from multipub.gettext.pofile import dump_po, read_catalog, write_catalog
from multipub.project.model import Project, load_project

from ..conftest import write

CORPUS = Path(__file__).parents[1] / "data" / "corpus"
FILES = sorted(p for p in CORPUS.rglob("*")
               if p.suffix in (".md", ".txt") and p.name not in ("LICENSE.md", "README.md")
               and p.parent != CORPUS)
EXTENSIONS = ["admonition", "def_list", "abbr", "attr_list", "footnotes", "tables", "toc",
              "md_in_html", "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.details"]
DOCS = MarkdownSyntax.of(EXTENSIONS)
GNU = shutil.which("msgcat") is not None

_MARKUP = re.compile(
    r"(`+).+?(?<!`)\1(?!`)"  # code spans
    r"|\]\([^)]*\)|\]\s?\[[^\]]*\]|\[\^[^\]]*\]"  # link destinations and labels, footnotes
    r"|\{[^}]*\}|<[^>]*>|&#?\w+;|\bhttps?://\S+"  # attribute lists, tags, entities, URLs
)


def translate(seg: Segment, keep: frozenset[str] = frozenset()) -> str:
    """*seg*'s text with a mark after each word outside inline markup (words in
    *keep*, the document's abbreviations, stay: the abbreviation names them)."""
    def words(text: str) -> str:
        return re.sub(r"\b[^\W\d_]{2,}\b",
                      lambda m: m.group() if m.group() in keep else m.group() + "ё", text)

    out, pos = [], 0
    for m in _MARKUP.finditer(seg.text):
        out += [words(seg.text[pos:m.start()]), m.group()]
        pos = m.end()
    return "".join([*out, words(seg.text[pos:])])


def abbreviations(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"(?m)^\*\[([^\]]+)\]:", text))


def render(text: str) -> str:
    md = markdown.Markdown(extensions=EXTENSIONS)
    return md.convert(text)


def element_tree(html: str) -> list[str]:
    """Start and end tags in document order: the element tree."""
    return re.findall(r"</?[a-z][a-z0-9]*", html)


def prose_words(html: str) -> set[str]:
    root = lxml.html.fromstring(f"<div>{html}</div>")
    found: set[str] = set()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        inside = any(a.tag in ("pre", "code", "script", "style") for a in (el, *el.iterancestors()))
        texts = [el.get("alt") or "", el.get("title") or ""]
        if not inside:
            texts.append(el.text or "")
        if el.tail and not any(a.tag in ("pre", "code") for a in el.iterancestors()):
            texts.append(el.tail)
        for text in texts:
            found.update(w.casefold() for w in re.findall(r"[^\W\d_]+", text))
    return found


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(CORPUS).as_posix() for p in FILES])
def test_document_survives_the_round_trip(path: Path) -> None:
    text = read(path)
    shown = path.relative_to(CORPUS).as_posix()
    segments = segment_document(text, shown, DOCS)
    assert segments
    assert apply_translations(text, segments, lambda s: s.text, shown) == text
    assert apply_translations(text, segments, lambda s: None, shown) == text
    keep = abbreviations(text)
    translated = apply_translations(text, segments, lambda s: translate(s, keep), shown)
    assert translated != text
    assert element_tree(render(translated)) == element_tree(render(text))
    prose = prose_words(render(text))
    for seg in segments:
        if seg.key:
            continue
        words = {w.casefold() for w in re.findall(r"[^\W\d_]+", _MARKUP.sub(" ", seg.text))}
        assert words & prose, f"{shown}:{seg.line}: msgid without prose: {seg.text!r}"


def article_id(path: Path) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.relative_to(CORPUS).as_posix().lower()).strip("-")


def as_article(path: Path, n: int) -> str:
    """The document as an article: its own front matter (if any) replaced by multipub's."""
    text = read(path)
    if text.startswith("---\n"):
        text = text[text.index("\n---\n", 3) + 5:]
    return f"---\ntitle: Dokument {n}\ndate: 2024-01-01\n---\n{text}"


def corpus_project(root: Path, files: list[Path]) -> Project:
    write(root / "multipub.toml", 'source_language = "pl"\nlanguages = ["ru"]\n'
          f"[markdown]\nextensions = {EXTENSIONS!r}\n".replace("'", '"'))
    for n, path in enumerate(files):
        write(root / "content" / article_id(path) / "pl.md", as_article(path, n))
    return load_project(root)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    yield corpus_project(tmp_path_factory.mktemp("corpus") / "p", FILES)


@pytest.mark.skipif(not GNU, reason="GNU gettext tools not installed")
@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(CORPUS).as_posix() for p in FILES])
def test_catalogue_is_what_msgcat_prints(project: Project, path: Path,
                                         tmp_path: Path) -> None:
    template = article_template(project, project.article(article_id(path)))
    assert len(template.messages) > 1
    data = dump_po(template)
    pot = tmp_path / "a.pot"
    pot.write_bytes(data)
    assert subprocess.run(["msgcat", str(pot)], check=True,
                          capture_output=True).stdout == data


SITE_SAMPLE = [
    "pymdown-extensions/docs/src/markdown/extensions/details.md",
    "pymdown-extensions/docs/src/markdown/extensions/tabbed.md",
    "pymdown-extensions/docs/src/markdown/extensions/superfences.md",
    "python-markdown/docs/extensions/admonition.md",
    "python-markdown/docs/extensions/definition_lists.md",
]


def test_translated_site_keeps_every_element_tree(tmp_path: Path) -> None:
    """extract, update, translate every entry, build: each Russian page's article body
    has the element tree of the Polish one."""
    files = [CORPUS / name for name in SITE_SAMPLE]
    root = tmp_path / "p"
    project = corpus_project(root, files)
    multipub.extract(project)
    multipub.update(project)
    for po in sorted((root / "locales" / "ru" / "LC_MESSAGES" / "articles").glob("*.po")):
        catalog = read_catalog(po)
        source = read(root / "content" / po.stem / "pl.md")
        keep = abbreviations(source)
        for message in catalog.messages:
            if message.msgid and not message.obsolete:
                message.msgstr = translate(Segment(message.msgid, "paragraph", 0, 0, 0), keep)
        write_catalog(catalog, po)
    report = multipub.build(load_project(root), tmp_path / "site")
    assert report is not None
    pages = sorted(p for p in (tmp_path / "site" / "pl").glob("*/index.html")
                   if b'class="body"' in p.read_bytes())
    assert len(pages) == len(files)
    for page in pages:
        pl = lxml.html.fromstring(page.read_bytes())
        (href,) = pl.xpath("//link[@hreflang='ru']/@href")
        ru_page = (page.parent / href).resolve() if not href.startswith("http") else None
        assert ru_page is not None
        ru_page = ru_page / "index.html" if ru_page.is_dir() else ru_page
        ru = lxml.html.fromstring(ru_page.read_bytes())
        bodies = [tree.xpath("//div[@class='body']")[0] for tree in (pl, ru)]
        shapes = [element_tree(lxml.html.tostring(b, encoding="unicode")) for b in bodies]
        assert shapes[0] == shapes[1], page
        assert bodies[0].text_content() != bodies[1].text_content()
