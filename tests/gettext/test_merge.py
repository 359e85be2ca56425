"""merge(): msgmerge --previous done right, checked against GNU msgmerge and by a state machine."""

from __future__ import annotations

import copy
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from multipub.gettext.catalog import Catalog, Message, make_template_header, revision_date
from multipub.gettext.merge import has_translation, merge, similarity
from multipub.gettext.pofile import dump_po, parse_po
from multipub.languages import get_language

RU = get_language("ru")
GNU = shutil.which("msgmerge") is not None and shutil.which("msgfmt") is not None
needs_gnu = pytest.mark.skipif(not GNU, reason="GNU gettext tools not installed")

HEADER = (
    'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
    '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && '
    'n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
)
POT_HEADER = (
    'msgid ""\nmsgstr ""\n"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n\n'
)

P1 = "W sześciu największych miastach Białorusi trwa cykl spotkań o klastrach."
P1_EDITED = "W sześciu największych miastach Białorusi trwa cykl spotkań o klastrach gospodarczych."
P2 = "Ekspertami prowadzącymi spotkania są specjaliści z wieloletnim doświadczeniem."
T1 = "В шести крупнейших городах Беларуси проходит цикл встреч о кластерах."
T2 = "Встречи ведут специалисты с многолетним опытом."


def po(body: str) -> Catalog:
    return parse_po((HEADER + body).encode(), "old.po")


def pot(body: str) -> Catalog:
    return parse_po((POT_HEADER + body).encode(), "t.pot")


def msgs(*pairs: tuple[str, str]) -> str:
    return "".join(f'msgid "{a}"\nmsgstr "{b}"\n\n' for a, b in pairs)


def ids(*texts: str) -> str:
    return msgs(*((t, "") for t in texts))


def gnu_merge(tmp: Path, old: str, template: str) -> Catalog:
    (tmp / "old.po").write_text(HEADER + old, encoding="utf-8")
    (tmp / "t.pot").write_text(POT_HEADER + template, encoding="utf-8")
    out = subprocess.run(
        ["msgmerge", "--previous", "-q", "-o", "-", str(tmp / "old.po"), str(tmp / "t.pot")],
        check=True, capture_output=True,
    ).stdout
    return parse_po(out, "gnu.po")


def entries(catalog: Catalog) -> bytes:
    """The entries as GNU writes them, without the header (msgmerge reorders header fields)."""
    return dump_po(Catalog(messages=catalog.messages))


def msgfmt_check(tmp: Path, catalog: Catalog) -> None:
    path = tmp / "check.po"
    path.write_bytes(dump_po(catalog))
    run = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def all_msgstrs(catalog: Catalog) -> set[str]:
    found: set[str] = set()
    for m in catalog.messages:
        found.update(s for s in [m.msgstr, *m.msgstr_plural] if s)
    return found


# -- the rules one by one -------------------------------------------------------
def test_new_catalog_gets_language_header_and_empty_entries() -> None:
    template = pot('#. heading\n#: content/a/pl.md:5\nmsgid "Eksperci"\nmsgstr ""\n')
    result = merge(None, template, RU)
    assert result.language == "ru"
    assert result.get_header("Plural-Forms") == RU.plural_forms
    (m,) = result.messages
    assert (m.msgid, m.msgstr, m.references, m.extracted_comments) == (
        "Eksperci", "", ["content/a/pl.md:5"], ["heading"])


def test_exact_match_keeps_translation_and_translator_data() -> None:
    old = po('# sprawdzone przez Annę\n#: content/a/pl.md:3\n#, fuzzy\n#| msgid "Ekspert"\n'
             'msgid "Eksperci"\nmsgstr "Эксперты"\n')
    template = pot('#. heading\n#: content/a/pl.md:9\nmsgid "Eksperci"\nmsgstr ""\n')
    (m,) = merge(old, template, RU).messages
    assert m.msgstr == "Эксперты"
    assert m.translator_comments == ["sprawdzone przez Annę"]
    assert m.references == ["content/a/pl.md:9"]
    assert m.extracted_comments == ["heading"]
    assert m.fuzzy and m.previous_msgid == "Ekspert"


def test_exact_match_not_fuzzy_drops_stray_previous() -> None:
    old = po('#| msgid "Ekspert"\nmsgid "Eksperci"\nmsgstr "Эксперты"\n')
    (m,) = merge(old, pot(ids("Eksperci")), RU).messages
    assert not m.fuzzy and m.previous_msgid is None


def test_changed_text_becomes_fuzzy_with_previous_msgid() -> None:
    old = po(msgs((P1, T1), (P2, T2)))
    result = merge(old, pot(ids(P1_EDITED, P2)), RU)
    first, second = result.messages
    assert (first.msgid, first.msgstr, first.fuzzy, first.previous_msgid) == (
        P1_EDITED, T1, True, P1)
    assert (second.msgstr, second.fuzzy) == (T2, False)
    assert not list(result.obsolete())


def test_fuzzy_of_fuzzy_keeps_the_previous_msgid_the_translation_was_made_for() -> None:
    old = po(f'#, fuzzy\n#| msgid "{P1}"\nmsgid "{P1_EDITED}"\nmsgstr "{T1}"\n')
    newer = P1_EDITED.replace("sześciu", "siedmiu")
    (m,) = merge(old, pot(ids(newer)), RU).messages
    assert (m.msgid, m.previous_msgid, m.fuzzy) == (newer, P1, True)


def test_vanished_entries_become_obsolete_and_untranslated_ones_are_dropped() -> None:
    old = po('# uwaga\n#. paragraph\n#: content/a/pl.md:3\nmsgid "Pies"\nmsgstr "Собака"\n\n'
             + msgs(("Kot", ""), ("Eksperci", "Эксперты")) + '#~ msgid "Stary"\n#~ msgstr ""\n')
    result = merge(old, pot(ids("Eksperci")), RU)
    assert [m.msgid for m in result.active()] == ["Eksperci"]
    (gone,) = result.obsolete()
    assert (gone.msgid, gone.msgstr, gone.translator_comments) == ("Pies", "Собака", ["uwaga"])
    assert gone.references == [] and gone.extracted_comments == []


def test_obsolete_entry_is_revived_exactly_and_fuzzily() -> None:
    old = po(f'#~ msgid "Eksperci"\n#~ msgstr "Эксперты"\n\n#~ msgid "{P1}"\n#~ msgstr "{T1}"\n')
    result = merge(old, pot(ids("Eksperci", P1_EDITED)), RU)
    a, b = result.messages
    assert (a.msgstr, a.fuzzy, a.obsolete) == ("Эксперты", False, False)
    assert (b.msgstr, b.fuzzy, b.previous_msgid, b.obsolete) == (T1, True, P1, False)


def test_a_candidate_is_never_used_twice() -> None:
    old = po(msgs((P1, T1)))
    twin = P1_EDITED.replace("spotkań", "spotkań i warsztatów")
    result = merge(old, pot(ids(P1_EDITED, twin)), RU)
    first, second = result.messages
    assert (first.msgstr, first.fuzzy) == (T1, True)
    assert (second.msgstr, second.fuzzy) == ("", False)


def test_best_pairs_win_regardless_of_order() -> None:
    a = "Spotkanie w Grodnie odbędzie się w piątek."
    b = "Spotkanie w Brześciu odbędzie się w sobotę."
    old = po(msgs((a, "A"), (b, "B")))
    a2, b2 = a.replace("piątek", "czwartek"), b.replace("sobotę", "niedzielę")
    result = merge(old, pot(ids(b2, a2)), RU)
    assert [(m.msgid, m.msgstr) for m in result.messages] == [(b2, "B"), (a2, "A")]


def test_template_order_and_obsolete_at_the_end() -> None:
    old = po(msgs(("c", "C"), ("x", "X"), ("a", "A")))
    result = merge(old, pot(ids("a", "b", "c")), RU)
    assert [(m.msgid, m.obsolete) for m in result.messages] == [
        ("a", False), ("b", False), ("c", False), ("x", True)]


def test_existing_header_is_kept_and_missing_fields_filled() -> None:
    text = 'msgid ""\nmsgstr ""\n"Project-Id-Version: Serwis 1\\n"\n"Last-Translator: Ola\\n"\n\n'
    old = parse_po(text.encode(), "old.po")
    result = merge(old, pot(""), RU, now=NOW)
    assert result.metadata() == {
        "Project-Id-Version": "Serwis 1", "PO-Revision-Date": "2024-05-01 09:30+0000",
        "Last-Translator": "Ola", "Language-Team": "", "Language": "ru", "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": RU.plural_forms}
    again = merge(result, pot(""), get_language("be"), now=LATER)
    assert again.header == result.header


NOW = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
LATER = datetime(2025, 1, 2, 3, 4, tzinfo=UTC)
TRANSLATOR_HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: Stary serwis 0.9\\n"\n'
    '"POT-Creation-Date: 2023-01-01 10:00+0100\\n"\n'
    '"PO-Revision-Date: 2023-02-03 04:05+0300\\n"\n'
    '"Last-Translator: Ivan Petrov <ivan@example.org>\\n"\n'
    '"Language-Team: Russian <ru@example.org>\\n"\n"Language: ru\\n"\n"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
    '"Plural-Forms: nplurals=3; plural=(n%10==1 ? 0 : 1);\\n"\n"X-Generator: Poedit 3.4\\n"\n\n'
)


def project_pot(body: str, project: str = "Serwis 2.0") -> Catalog:
    return Catalog(header=make_template_header(project, "pl"), messages=parse_po(
        (POT_HEADER + body).encode(), "t.pot").messages)


def test_new_catalogue_header_names_project_and_date() -> None:
    result = merge(None, project_pot(ids("Kot")), RU, now=NOW)
    fields = result.metadata()
    assert fields["Project-Id-Version"] == "Serwis 2.0"
    assert fields["PO-Revision-Date"] == "2024-05-01 09:30+0000"
    assert fields["Last-Translator"] == "" and fields["Language-Team"] == ""
    assert fields["Language"] == "ru" and fields["Plural-Forms"] == RU.plural_forms
    # merging again later keeps the date: only a translator's editor changes it
    again = merge(result, project_pot(ids("Kot", "Pies"), "Serwis 3.0"), RU, now=LATER)
    assert again.header == result.header


def test_translator_header_values_are_kept_byte_for_byte() -> None:
    old = parse_po((TRANSLATOR_HEADER + msgs(("Kot", "Кот"))).encode(), "old.po")
    result = merge(old, project_pot(ids("Kot", "Pies")), RU, now=LATER)
    assert result.header is not None and old.header is not None
    assert result.header.msgstr == old.header.msgstr


def test_placeholders_are_replaced_in_their_gnu_place() -> None:
    text = ('msgid ""\nmsgstr ""\n"Project-Id-Version: PACKAGE VERSION\\n"\n'
            '"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"\n'
            '"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"\n'
            '"Language-Team: LANGUAGE <LL@li.org>\\n"\n"Language: \\n"\n"MIME-Version: 1.0\\n"\n'
            '"Content-Type: text/plain; charset=UTF-8\\n"\n'
            '"Content-Transfer-Encoding: 8bit\\n"\n\n')
    result = merge(parse_po(text.encode(), "old.po"), project_pot(ids("Kot")), RU, now=NOW)
    assert list(result.metadata().items()) == [
        ("Project-Id-Version", "Serwis 2.0"), ("PO-Revision-Date", "2024-05-01 09:30+0000"),
        ("Last-Translator", ""), ("Language-Team", ""), ("Language", "ru"),
        ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"), ("Plural-Forms", RU.plural_forms)]


def test_missing_date_is_inserted_after_the_fields_before_it() -> None:
    text = ('msgid ""\nmsgstr ""\n"Project-Id-Version: X 1\\n"\n"Report-Msgid-Bugs-To: \\n"\n'
            '"Last-Translator: Ola\\n"\n"Language-Team: \\n"\n"Language: ru\\n"\n\n')
    result = merge(parse_po(text.encode(), "old.po"), project_pot(ids("Kot")), RU, now=NOW)
    assert list(result.metadata())[:4] == [
        "Project-Id-Version", "Report-Msgid-Bugs-To", "PO-Revision-Date", "Last-Translator"]


def test_source_date_epoch_sets_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714555800")
    assert revision_date() == "2024-05-01 09:30+0000"
    result = merge(None, project_pot(ids("Kot")), RU)
    assert result.get_header("PO-Revision-Date") == "2024-05-01 09:30+0000"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert revision_date() != "2024-05-01 09:30+0000"


@needs_gnu
def test_msgfmt_check_header_is_silent_on_merged_headers(tmp_path: Path) -> None:
    old = parse_po(('msgid ""\nmsgstr ""\n"Language: ru\\n"\n\n' + msgs(("Kot", "Кот"))).encode(),
                   "old.po")
    for name, catalog in (("new.po", merge(None, project_pot(ids("Kot")), RU, now=NOW)),
                          ("old.po", merge(old, project_pot(ids("Kot")), RU, now=NOW)),
                          ("t.pot", project_pot(ids("Kot")))):
        path = tmp_path / name
        path.write_bytes(dump_po(catalog))
        for option in ("--check", "--check-header"):
            done = subprocess.run(["msgfmt", "-v", option, "-o", "/dev/null", str(path)],
                                  capture_output=True, text=True, env={"LC_ALL": "C"})
            assert done.returncode == 0, done.stderr
            assert "warning" not in done.stderr, (name, done.stderr)


def test_inputs_are_not_modified() -> None:
    old = po(msgs((P1, T1), ("Pies", "Собака")))
    template = pot(ids(P1_EDITED))
    before = (copy.deepcopy(old), copy.deepcopy(template))
    result = merge(old, template, RU)
    assert (old, template) == before
    result.messages[0].flags.append("no-wrap")
    assert old.messages[0].flags == []


def test_plural_changes_like_msgmerge() -> None:
    old = po('msgid "apple"\nmsgid_plural "apples"\nmsgstr[0] "яблоко"\nmsgstr[1] "яблока"\n'
             'msgstr[2] "яблок"\n\n' + msgs(("pear", "груша")))
    template = pot('msgid "apple"\nmsgstr ""\n\n'
                   'msgid "pear"\nmsgid_plural "pears"\nmsgstr[0] ""\nmsgstr[1] ""\n')
    apple, pear = merge(old, template, RU).messages
    assert (apple.msgstr, apple.fuzzy, apple.previous_msgid, apple.previous_msgid_plural) == (
        "яблоко", True, "apple", "apples")
    assert apple.translator_comments == ["msgstr[1] was: яблока", "msgstr[2] was: яблок"]
    assert (pear.msgstr_plural, pear.fuzzy, pear.previous_msgid) == (
        ["груша"] * 3, True, "pear")


def test_similarity_is_case_insensitive() -> None:
    assert similarity("Eksperci", "EKSPERCI") == 1.0
    assert similarity("Eksperci", "Klastry") < 0.6


def test_paragraph_sized_ids_still_match() -> None:
    # difflib's autojunk would treat frequent characters as junk in texts over 200
    # characters and miss this match.
    para = " ".join([P1, P2] * 3)
    edited = para.replace("cykl", "drugi cykl", 1) + " Zapraszamy."
    assert len(para) > 400
    (m,) = merge(po(msgs((para, T1))), pot(ids(edited)), RU).messages
    assert (m.msgstr, m.fuzzy, m.previous_msgid) == (T1, True, para)


def test_long_paragraph_with_changed_endings_still_matches() -> None:
    # The word-stem filter in front of the character ratio must let inflection through.
    para = "Polscy eksperci opowiadają przedstawicielom administracji o klastrach i biznesie."
    inflected = "Polski ekspert opowiadał przedstawicielowi administracji o klastrze i biznesie."
    assert similarity(para, inflected) >= 0.6
    (m,) = merge(po(msgs((para, T1))), pot(ids(inflected)), RU).messages
    assert (m.msgstr, m.fuzzy, m.previous_msgid) == (T1, True, para)


def test_unrelated_long_paragraphs_do_not_match() -> None:
    other = "Program stypendialny obejmuje studentów uczelni technicznych z całego kraju."
    (m, gone) = merge(po(msgs((P2, T2))), pot(ids(other)), RU).messages
    assert (m.msgstr, m.fuzzy, gone.obsolete, gone.msgstr) == ("", False, True, T2)


# -- against GNU msgmerge --------------------------------------------------------
CASES = {
    "edit-one-of-two": (msgs((P1, T1), (P2, T2)), ids(P1_EDITED, P2)),
    "vanish-and-new": (msgs(("Pies", "Собака"), (P2, T2)), ids(P2, "Zupełnie nowy tekst.")),
    "revive-obsolete": (f'#~ msgid "{P2}"\n#~ msgstr "{T2}"\n\n', ids(P2)),
    "fuzzy-of-fuzzy": (f'#, fuzzy\n#| msgid "{P1}"\nmsgid "{P1_EDITED}"\nmsgstr "{T1}"\n\n',
                       ids(P1_EDITED.replace("sześciu", "siedmiu"))),
    "plural-change": ('msgid "apple"\nmsgid_plural "apples"\nmsgstr[0] "яблоко"\n'
                      'msgstr[1] "яблока"\nmsgstr[2] "яблок"\n\n' + msgs(("pear", "груша")),
                      'msgid "apple"\nmsgstr ""\n\nmsgid "pear"\nmsgid_plural "pears"\n'
                      'msgstr[0] ""\nmsgstr[1] ""\n\n'),
    "comments-and-refs": ('# uwaga\n#: a.md:1\nmsgid "Kot"\nmsgstr "Кот"\n\n',
                          '#. heading\n#: a.md:7\nmsgid "Kot"\nmsgstr ""\n\n'),
}


@needs_gnu
@pytest.mark.parametrize("name", sorted(CASES))
def test_same_result_as_msgmerge_on_clear_cases(tmp_path: Path, name: str) -> None:
    old, template = CASES[name]
    ours = merge(po(old), pot(template), RU)
    gnu = gnu_merge(tmp_path, old, template)
    if name == "plural-change":
        # msgmerge drops msgstr[1] and msgstr[2]; we keep them as translator comments.
        for m in ours.messages:
            m.translator_comments = [c for c in m.translator_comments if " was: " not in c]
    assert entries(ours).decode() == entries(gnu).decode()
    msgfmt_check(tmp_path, ours)


@needs_gnu
def test_msgmerge_hands_one_translation_to_two_entries_we_do_not(tmp_path: Path) -> None:
    twin = P1_EDITED.replace("spotkań", "spotkań i warsztatów")
    old, template = msgs((P1, T1)), ids(P1_EDITED, twin)
    gnu = gnu_merge(tmp_path, old, template)
    assert [m.msgstr for m in gnu.messages] == [T1, T1]
    ours = merge(po(old), pot(template), RU)
    assert [m.msgstr for m in ours.messages] == [T1, ""]
    msgfmt_check(tmp_path, ours)


@needs_gnu
def test_output_round_trips_and_passes_msgfmt(tmp_path: Path) -> None:
    old = po(msgs((P1, T1), (P2, T2), ("Pies", "Собака")))
    result = merge(old, pot(ids(P1_EDITED, "Nowy")), RU)
    msgfmt_check(tmp_path, result)
    reread = parse_po(dump_po(result), "x.po")
    assert merge(reread, pot(ids(P1_EDITED, "Nowy")), RU).messages == reread.messages


# -- a state machine of source edits, translations and merges -----------------------
WORDS = ("kot", "pies", "dom", "las", "rzeka", "miasto", "spotkanie", "ekspert", "klaster",
         "Białoruś", "Grodno", "szkolenie", "ogród", "praca", "nauka")
sentences = st.lists(st.sampled_from(WORDS), min_size=2, max_size=8).map(
    lambda ws: " ".join(ws).capitalize() + ".")


class MergeMachine(RuleBasedStateMachine):
    """Random edits of a source, translations and merges; nothing translated is lost."""

    def __init__(self) -> None:
        super().__init__()
        self.source: list[str] = ["Kot i pies.", "Dom nad rzeką."]
        self.history: list[list[str]] = []
        self.catalog: Catalog | None = None
        self.counter = 0

    def template(self) -> Catalog:
        messages: dict[str, Message] = {}
        for line, text in enumerate(self.source, 1):
            if text in messages:
                messages[text].references.append(f"content/a/pl.md:{line}")
            else:
                messages[text] = Message(text, references=[f"content/a/pl.md:{line}"],
                                         extracted_comments=["paragraph"])
        return Catalog(header=make_template_header(), messages=list(messages.values()))

    def remember(self) -> None:
        self.history.append(list(self.source))

    @rule(i=st.integers(0, 50), word=st.sampled_from(WORDS))
    def edit(self, i: int, word: str) -> None:
        if self.source:
            self.remember()
            k = i % len(self.source)
            self.source[k] = self.source[k][:-1] + " " + word + "."

    @rule(i=st.integers(0, 50), text=sentences)
    def add(self, i: int, text: str) -> None:
        self.remember()
        self.source.insert(i % (len(self.source) + 1), text)

    @rule(i=st.integers(0, 50))
    def delete(self, i: int) -> None:
        if self.source:
            self.remember()
            del self.source[i % len(self.source)]

    @rule(back=st.integers(1, 5))
    def revert(self, back: int) -> None:
        if self.history:
            self.source = self.history[-min(back, len(self.history))]

    @precondition(lambda self: self.catalog is not None)
    @rule(i=st.integers(0, 50), review=st.booleans())
    def translate(self, i: int, review: bool) -> None:
        assert self.catalog is not None
        active = list(self.catalog.active())
        if not active:
            return
        m = active[i % len(active)]
        if m.fuzzy and review:
            m.fuzzy = False
            m.previous_msgid = None
        elif not m.msgstr or m.fuzzy:
            self.counter += 1
            m.msgstr = f"T{self.counter} {m.msgid}"
            m.fuzzy = False
            m.previous_msgid = None

    @rule(through_file=st.booleans())
    def update(self, through_file: bool) -> None:
        before = all_msgstrs(self.catalog) if self.catalog is not None else set()
        template = self.template()
        result = merge(self.catalog, template, RU)
        assert before <= all_msgstrs(result), "a translation was lost"
        assert [m.msgid for m in result.active()] == [m.msgid for m in template.messages]
        again = merge(result, template, RU)
        assert again == result, "a second merge changed the catalogue"
        if through_file:
            result = parse_po(dump_po(result), "x.po")
            assert before <= all_msgstrs(result), "a translation was lost in the file"
            assert merge(result, template, RU).messages == result.messages
        self.catalog = result

    @invariant()
    def no_duplicate_keys_and_no_empty_obsolete(self) -> None:
        if self.catalog is not None:
            keys = [m.key for m in self.catalog.messages]
            assert len(keys) == len(set(keys))
            assert all(has_translation(m) for m in self.catalog.obsolete())


MergeMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)
TestMergeMachine = MergeMachine.TestCase
