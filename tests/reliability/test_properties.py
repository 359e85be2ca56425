"""No data loss: round trips and the translator's work survive every sequence of edits.

- reading and writing a catalogue is the identity on GNU-formatted files
  (generated catalogues normalised once with ``msgcat``);
- extract then write-back with identity translations gives the source back
  (through :func:`multipub.commands.catalogs.localized_article`, msgstr = msgid), and
  write-back of any translation keeps the document's structure;
- ``update`` is idempotent;
- a state machine edits, adds, deletes and reverts paragraphs of a real project,
  fills translations with unique markers and runs ``update``: every marker ever
  written is still in the article's catalogue (active, fuzzy or obsolete).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
)

from multipub.commands import catalogs
from multipub.commands.templates import article_template
from multipub.content.segment import segment_document
from multipub.content.writeback import apply_translations
from multipub.gettext.catalog import Catalog, Message
from multipub.gettext.pofile import dump_po, parse_po, read_catalog, write_catalog
from multipub.project.model import load_project

from ..conftest import png
from .strategies import WORDS, markdown_document, po_text

MSGCAT = shutil.which("msgcat")
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CONFIG = 'source_language = "pl"\nlanguages = ["ru", "be"]\ntitle = "Próba"\n'


# -- catalogues: read + write is the identity on GNU-formatted files ----------------------
def _quote(text: str) -> str:
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + out.replace("\t", "\\t") + '"'


@st.composite
def _entries(draw: st.DrawFn) -> list[str]:
    """PO entries as text (unique keys), in a deliberately non-GNU layout."""
    entries: list[str] = []
    seen: set[tuple[str | None, str]] = set()
    for _ in range(draw(st.integers(0, 8))):
        msgid = draw(po_text(200).filter(bool))
        ctxt = draw(st.one_of(st.none(), po_text(20)))
        if (ctxt, msgid) in seen:
            continue
        seen.add((ctxt, msgid))
        obsolete = draw(st.integers(0, 5)) == 0
        lines: list[str] = []
        if draw(st.booleans()):
            lines.append("# " + draw(st.text(alphabet="abc żółw кот-", max_size=30)))
        if draw(st.booleans()):
            lines.append("#. paragraph")
        if not obsolete and draw(st.booleans()):
            refs = draw(st.lists(st.integers(1, 999), min_size=1, max_size=12))
            lines.append("#: " + " ".join(f"./content/art-{n % 7}/pl.md:{n}" for n in refs))
        flags = draw(st.lists(st.sampled_from(
            ["fuzzy", "python-format", "no-python-format", "c-format", "no-wrap",
             "python-brace-format"]), max_size=3, unique=True))
        if flags:
            lines.append("#, " + ", ".join(flags))
        prefix = "#~ " if obsolete else ""
        if "fuzzy" in flags and draw(st.booleans()):
            lines.append(("#~| " if obsolete else "#| ") + "msgid " + _quote(draw(po_text(80))))
        if ctxt is not None:
            lines.append(prefix + "msgctxt " + _quote(ctxt))
        lines.append(prefix + "msgid " + _quote(msgid))
        if draw(st.integers(0, 4)) == 0:
            lines.append(prefix + "msgid_plural " + _quote(draw(po_text(60)) or "x"))
            for i in range(3):
                lines.append(prefix + f"msgstr[{i}] " + _quote(draw(po_text(100))))
        else:
            lines.append(prefix + "msgstr " + _quote(draw(po_text(300))))
        entries.append("\n".join(lines))
    return entries


HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: test\\n"\n"Language: ru\\n"\n'
    '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n'
    '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && '
    'n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n'
)


def _msgcat(data: bytes, tmp: Path) -> bytes | None:
    src = tmp / "in.po"
    src.write_bytes(data)
    proc = subprocess.run([MSGCAT, "-o", "-", str(src)], capture_output=True, check=False)
    return proc.stdout if proc.returncode == 0 else None


@pytest.mark.skipif(MSGCAT is None, reason="GNU gettext is not installed")
@SETTINGS
@given(entries=_entries(), header=st.booleans())
def test_read_write_is_identity_on_gnu_files(entries: list[str], header: bool) -> None:
    raw = ((HEADER + "\n") if header else "") + "\n\n".join(entries) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        gnu = _msgcat(raw.encode("utf-8"), Path(tmp))
        assume(gnu is not None)
        assert gnu is not None
        ours = dump_po(parse_po(gnu, "in.po"))
        assert ours == gnu
        # and through the file edges too
        (Path(tmp) / "gnu.po").write_bytes(gnu)
        path = Path(tmp) / "out.po"
        write_catalog(read_catalog(Path(tmp) / "gnu.po"), path)
        assert path.read_bytes() == gnu


# -- Markdown: extract + identity write-back ----------------------------------------------
def _project(tmp: Path, text: str) -> Path:
    root = tmp / "p"
    (root / "content" / "art").mkdir(parents=True)
    (root / "multipub.toml").write_text(CONFIG, encoding="utf-8")
    (root / "content" / "art" / "pl.md").write_bytes(text.encode("utf-8"))
    (root / "content" / "art" / "kot.png").write_bytes(png())
    return root


@SETTINGS
@given(text=markdown_document())
def test_identity_translations_give_the_source_back(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = _project(Path(tmp), text)
        project = load_project(root)
        article = project.article("art")
        template = article_template(project, article)
        filled = Catalog(header=template.header, messages=[
            Message(m.msgid, m.msgid, msgctxt=m.msgctxt, references=m.references)
            for m in template.messages])
        po = project.catalog_path("ru", "articles/art")
        po.parent.mkdir(parents=True)
        po.write_bytes(dump_po(filled))
        localized = catalogs.localized_article(project, article, "ru")
        assert localized is not None
        assert localized.text == text
        assert localized.translated == localized.total


def _swap(text: str) -> str:
    """A 'translation' that changes every Latin letter and keeps all markup."""
    table = str.maketrans("abcdefghijklmnoprstuwyz", "абцдефгхийклмнопрстувыз")
    return text.translate(table)


@SETTINGS
@given(text=markdown_document())
def test_write_back_keeps_the_structure(text: str) -> None:
    segments = segment_document(text, "a.md")
    out = apply_translations(text, segments, lambda s: _swap(s.text), "a.md")
    again = segment_document(out, "a.md")
    assert [(s.kind, s.text) for s in again] == [(s.kind, _swap(s.text)) for s in segments]


# -- update is idempotent ----------------------------------------------------------------
@SETTINGS
@given(first=markdown_document(), second=markdown_document(), fill=st.integers(0, 5))
def test_update_is_idempotent(first: str, second: str, fill: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = _project(Path(tmp), first)
        catalogs.update(load_project(root))
        po = root / "locales/ru/LC_MESSAGES/articles/art.po"
        cat = read_catalog(po)
        for i, message in enumerate(cat.messages):
            if i % (fill + 1) == 0:
                message.msgstr = f"T{i}"
        write_catalog(cat, po)
        (root / "content/art/pl.md").write_bytes(second.encode("utf-8"))
        catalogs.update(load_project(root))
        files = {p: p.read_bytes() for p in sorted((root / "locales").rglob("*.po"))}
        result = catalogs.update(load_project(root))
        assert result.written == ()
        assert {p: p.read_bytes() for p in sorted((root / "locales").rglob("*.po"))} == files


# -- the state machine --------------------------------------------------------------------
SENTENCES = st.lists(st.sampled_from(WORDS[:20]), min_size=3, max_size=10).map(
    lambda ws: " ".join(ws).capitalize() + ".")


class TranslatorsWork(RuleBasedStateMachine):
    """Authors edit, translators translate, ``update`` runs: no translation is ever lost."""

    versions = Bundle("versions")

    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="multipub-state-"))
        self.root = self.tmp / "p"
        self.paragraphs: dict[str, list[str]] = {}
        self.markers: dict[str, set[str]] = {"a": set(), "b": set()}
        self.counter = 0

    @initialize(target=versions, a=st.lists(SENTENCES, min_size=1, max_size=5),
                b=st.lists(SENTENCES, min_size=1, max_size=5))
    def start(self, a: list[str], b: list[str]) -> tuple[str, tuple[str, ...]]:
        (self.root / "content").mkdir(parents=True)
        (self.root / "multipub.toml").write_text(CONFIG, encoding="utf-8")
        self.paragraphs = {"a": list(a), "b": list(b)}
        self._write("a")
        self._write("b")
        self._update()
        return ("a", tuple(a))

    def teardown(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _write(self, art: str) -> None:
        folder = self.root / "content" / art
        folder.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join(self.paragraphs[art])
        (folder / "pl.md").write_text(
            f"---\ntitle: Artykuł {art}\ndate: 2024-03-0{1 if art == 'a' else 2}\n---\n{body}\n",
            encoding="utf-8")

    def _update(self) -> None:
        catalogs.update(load_project(self.root))
        self.check_markers()

    def _po(self, art: str, lang: str) -> Path:
        return self.root / "locales" / lang / "LC_MESSAGES" / "articles" / f"{art}.po"

    # -- authors ----------------------------------------------------------------------
    @rule(target=versions, art=st.sampled_from(["a", "b"]), data=st.data())
    def change_a_word(self, art: str, data: st.DataObject) -> tuple[str, tuple[str, ...]]:
        paras = self.paragraphs[art]
        i = data.draw(st.integers(0, len(paras) - 1))
        words = paras[i].rstrip(".").split(" ")
        j = data.draw(st.integers(0, len(words) - 1))
        words[j] = data.draw(st.sampled_from(WORDS[:20]))
        paras[i] = " ".join(words) + "."
        self._write(art)
        return (art, tuple(paras))

    @rule(target=versions, art=st.sampled_from(["a", "b"]), text=SENTENCES, data=st.data())
    def add_paragraph(self, art: str, text: str, data: st.DataObject
                      ) -> tuple[str, tuple[str, ...]]:
        paras = self.paragraphs[art]
        paras.insert(data.draw(st.integers(0, len(paras))), text)
        self._write(art)
        return (art, tuple(paras))

    @rule(target=versions, art=st.sampled_from(["a", "b"]), data=st.data())
    def delete_paragraph(self, art: str, data: st.DataObject) -> tuple[str, tuple[str, ...]]:
        paras = self.paragraphs[art]
        if len(paras) > 1:
            paras.pop(data.draw(st.integers(0, len(paras) - 1)))
            self._write(art)
        return (art, tuple(paras))

    @rule(version=versions)
    def revert(self, version: tuple[str, tuple[str, ...]]) -> None:
        art, paras = version
        self.paragraphs[art] = list(paras)
        self._write(art)

    # -- translators and the tool -------------------------------------------------------
    @rule(art=st.sampled_from(["a", "b"]), lang=st.sampled_from(["ru", "be"]), data=st.data())
    def translate(self, art: str, lang: str, data: st.DataObject) -> None:
        path = self._po(art, lang)
        if not path.is_file():
            return
        cat = read_catalog(path)
        empty = [m for m in cat.messages if not m.obsolete and not m.msgstr and not m.plural]
        if not empty:
            return
        message = data.draw(st.sampled_from(empty))
        self.counter += 1
        marker = f"ZNACZNIK{self.counter}"
        message.msgstr = marker
        write_catalog(cat, path)
        self.markers[art].add(marker)

    @rule()
    def update(self) -> None:
        self._update()

    @invariant()
    def check_markers(self) -> None:
        for art, markers in self.markers.items():
            if not markers:
                continue
            found: set[str] = set()
            for lang in ("ru", "be"):
                path = self._po(art, lang)
                if path.is_file():
                    cat = read_catalog(path)
                    found.update(m.msgstr for m in cat.messages)
            lost = markers - found
            assert not lost, f"translations lost in {art}: {sorted(lost)}"


TranslatorsWork.TestCase.settings = settings(
    max_examples=25, stateful_step_count=20, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
test_translators_work_is_never_lost = TranslatorsWork.TestCase
