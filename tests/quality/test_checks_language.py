"""multipub.quality.checks.language and the wrong-language check: no false accusations.

The sentences are real: Tatoeba (CC BY 2.0 FR) for Belarusian, Russian and
Taraškievica, Debian's GNOME ``be@latin`` catalogues (GPL-2+) for Łacinka.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from multipub.gettext.pofile import parse_po
from multipub.languages import get_language
from multipub.project.model import load_project
from multipub.quality.checks import check_catalog, run_checks
from multipub.quality.checks.language import Passage, foreign_passages, severity
from multipub.quality.checks.text import sentences

from ..conftest import write
from .test_status import entry, header

BE_PLURALS = get_language("be").plural_forms
CANDIDATES = ("pl", "ru", "be", "uk")
DATA = Path(__file__).resolve().parents[1] / "data" / "po"

BE_SENTENCES = [
    "Раней я гуляў з сваёй сястрой у парку, а цяпер няма часу.",
    "Аня заўсёды прыслухваецца да Дашыных парад.",
    "Сёння першы дзень вясны, і ўсе вельмі чакаюць цяпла.",
]
RU_SENTENCE = "Аня всегда прислушивается к Дашиным советам."
TARASK = [
    "Большасьць людзей ня ведае, што існуе мова ложбан.",
    "Мы пагаварым пра гэта пазьней.",
    "Раніцай я прачнуўся і ўжо ня змог зноў заснуць.",
]


def be_catalogue(*msgstrs: str, lang: str = "be") -> str:
    return header(lang, BE_PLURALS) + "".join(
        entry(f"Akapit {i}.", text) for i, text in enumerate(msgstrs))


def wrong_language(text: str, lang: str = "be") -> list[tuple[str, str]]:
    found = check_catalog(parse_po(text.encode(), "x.po"), "x.po", lang,
                          candidates=CANDIDATES, enabled=["wrong-language"])
    return [(f.severity, f.message) for f in found]


def test_sentences_of_a_paragraph() -> None:
    paragraph = " ".join([BE_SENTENCES[0], RU_SENTENCE, BE_SENTENCES[1]])
    assert sentences(paragraph) == [BE_SENTENCES[0], RU_SENTENCE, BE_SENTENCES[1]]
    assert sentences("Адзін сказ без канца") == ["Адзін сказ без канца"]
    assert sentences("Першы абзац.\n\nдругі абзац") == ["Першы абзац.", "другі абзац"]


def test_a_russian_sentence_in_a_belarusian_paragraph_is_quoted() -> None:
    paragraph = " ".join([BE_SENTENCES[0], RU_SENTENCE, BE_SENTENCES[1], BE_SENTENCES[2]])
    found = foreign_passages(paragraph, "be", CANDIDATES)
    assert [(p.text, p.language, p.whole) for p in found] == [(RU_SENTENCE, "ru", False)]
    assert found[0].confidence >= 0.9
    text = be_catalogue(paragraph, *BE_SENTENCES)
    [(level, message)] = wrong_language(text)
    assert RU_SENTENCE in message and "Russian (ru)" in message and "Belarusian (be)" in message
    assert level == severity(found[0])


def test_belarusian_paragraphs_and_taraskievica_give_nothing() -> None:
    assert wrong_language(be_catalogue(" ".join(BE_SENTENCES), *BE_SENTENCES)) == []
    assert wrong_language(be_catalogue(" ".join(TARASK), *TARASK)) == []
    assert wrong_language(be_catalogue(*TARASK, lang="be@tarask"), "be-tarask") == []


def test_short_entries_need_letters_the_language_does_not_write() -> None:
    # "Правда" and "Хорошо" could be typed in a Belarusian catalogue only by mistake,
    # but nothing in their letters proves it: no finding. "Сохранить" has и.
    text = be_catalogue(*BE_SENTENCES, "Правда?", "Сохранить изменения")
    found = wrong_language(text)
    assert len(found) == 1 and "Russian" in found[0][1]
    assert wrong_language(be_catalogue(*BE_SENTENCES, "Правда?", "Дом")) == []


def test_severity_follows_the_confidence() -> None:
    assert severity(Passage("x", "ru", 0.995, True)) == "warning"
    assert severity(Passage("x", "ru", 0.93, True)) == "info"


def test_real_lacinka_catalogue_in_its_folder_has_no_language_finding(tmp_path: Path) -> None:
    """A project with a real be@latin catalogue and a Taraškievica one: no false accusation."""
    root = tmp_path / "p"
    write(root / "multipub.toml",
          'source_language = "pl"\nlanguages = ["be-Latn", "be-tarask", "be"]\n')
    write(root / "content/a/pl.md",
          "---\ntitle: Artykuł\ndate: 2024-03-05\n---\n\nTo jest krótki artykuł.\n")
    latin = root / "locales/be-Latn/LC_MESSAGES/messages.po"
    latin.parent.mkdir(parents=True)
    shutil.copy(DATA / "metacity-be@latin.po", latin)  # says Language: be@latin
    write(root / "locales/be-tarask/LC_MESSAGES/messages.po",
          be_catalogue(*TARASK, lang="be@tarask"))
    write(root / "locales/be/LC_MESSAGES/messages.po", be_catalogue(*BE_SENTENCES))
    report = run_checks(load_project(root))
    assert report.problems == ()
    assert [f for f in report.findings if f.check == "wrong-language"] == []
    assert [f for f in report.findings if f.check == "header"
            and "folder" in f.message] == []  # be@latin is the folder's be-Latn
    # the same Łacinka catalogue in the folder of Cyrillic Belarusian is reported
    shutil.copy(DATA / "metacity-be@latin.po", root / "locales/be/LC_MESSAGES/messages.po")
    report = run_checks(load_project(root), select=["wrong-language"])
    assert [(f.path, f.severity) for f in report.findings] == [
        ("locales/be/LC_MESSAGES/messages.po", "error")]
    assert "Belarusian (Latin) (be-Latn)" in report.findings[0].message


def test_a_long_russian_sentence_between_short_belarusian_ones() -> None:
    """The paragraph as a whole looks Russian; the finding still names the one sentence."""
    ru = "Раньше я играл со своей сестрой в парке, а теперь нет времени."
    paragraph = f"Мы ішлі праз лес. {ru} Потым была рака."
    found = foreign_passages(paragraph, "be", CANDIDATES)
    assert [(p.text, p.language, p.whole) for p in found] == [(ru, "ru", False)]
    # a paragraph that is Russian throughout is reported whole
    whole = foreign_passages(f"{ru} {RU_SENTENCE}", "be", CANDIDATES)
    assert [(p.language, p.whole) for p in whole] == [("ru", True)]
