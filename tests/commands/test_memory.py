"""The translation memory in ``update``, ``memory export`` and ``update --compendium``."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from multipub.cli import main
from multipub.commands.catalogs import update
from multipub.commands.memory import export_memory
from multipub.errors import CatalogError, UsageError
from multipub.gettext.memory import COMMENT
from multipub.gettext.pofile import dump_po, parse_po

from ..conftest import snapshot, write

GNU = all(shutil.which(tool) for tool in ("msgfmt", "msgmerge"))
needs_gnu = pytest.mark.skipif(not GNU, reason="GNU gettext tools not installed")

# The closing paragraph of szkolenia-dla-ngo in the example, translated in ru and be.
CLOSING = ("Warsztaty zorganizowano w ramach programu polskiej współpracy rozwojowej "
           "Ministerstwa Spraw Zagranicznych RP. Więcej informacji o programie można znaleźć "
           "na stronie [Polskiej pomocy](https://www.gov.pl/web/polskapomoc).")
CLOSING_RU = ("Семинары организованы в рамках программы польского сотрудничества в целях "
              "развития Министерства иностранных дел Республики Польша. Подробнее о программе "
              "можно узнать на сайте [«Польская помощь»](https://www.gov.pl/web/polskapomoc).")

NEAR = ("Konferencję zorganizowano w ramach programu polskiej współpracy rozwojowej "
        "Ministerstwa Spraw Zagranicznych RP.")

NEW = f"""---
title: Konferencja w Mińsku
date: 2021-03-01
---

Zupełnie nowy akapit, którego nikt jeszcze nie przetłumaczył.

{CLOSING}

{NEAR}
"""


def entry(root: Path, lang: str, article: str, msgid: str):  # type: ignore[no-untyped-def]
    path = root / "locales" / lang / "LC_MESSAGES" / "articles" / f"{article}.po"
    found = parse_po(path.read_bytes(), str(path)).find(msgid)
    assert found is not None, msgid
    return found


def test_a_new_article_repeating_a_paragraph_gets_it_prefilled(example_copy: Path) -> None:
    write(example_copy / "content" / "konferencja" / "pl.md", NEW)
    before = snapshot(example_copy / "locales")
    assert main(["update", "-q", "-p", str(example_copy)]) == 0

    closing = entry(example_copy, "ru", "konferencja", CLOSING)
    assert closing.msgstr == CLOSING_RU and closing.fuzzy
    assert closing.translator_comments == [
        f"{COMMENT} from articles/szkolenia-dla-ngo (exact)"]
    near = entry(example_copy, "ru", "konferencja",
                 NEAR)
    assert near.fuzzy and near.msgstr.startswith("Семинары организованы в рамках программы")
    assert near.translator_comments[0].startswith(
        f"{COMMENT} from articles/szkolenia-dla-ngo (") and "% similar)" in near.msgstr + \
        near.translator_comments[0]
    assert near.previous_msgid is not None
    assert entry(example_copy, "be", "konferencja", CLOSING).fuzzy
    untouched = entry(example_copy, "ru", "konferencja",
                      "Zupełnie nowy akapit, którego nikt jeszcze nie przetłumaczył.")
    assert untouched.msgstr == "" and not untouched.fuzzy

    # nothing else changed: every existing catalogue is as it was
    after = snapshot(example_copy / "locales")
    assert {k for k in after if after[k] != before.get(k)} == {
        "ru/LC_MESSAGES/articles/konferencja.po", "be/LC_MESSAGES/articles/konferencja.po"}
    # and a second update writes nothing
    result = update(example_copy)
    assert result.written == () and result.removed == ()


def test_nothing_translated_or_fuzzy_is_overwritten(example_copy: Path) -> None:
    write(example_copy / "content" / "konferencja" / "pl.md", NEW)
    path = example_copy / "locales" / "ru" / "LC_MESSAGES" / "articles" / "konferencja.po"
    update(example_copy, ["ru"], memory=False)
    ours = parse_po(path.read_bytes(), str(path))
    title, paragraph = ours.messages[0], ours.find(CLOSING)
    assert title is not None and paragraph is not None
    title.msgstr = "Моя конференция"
    paragraph.msgstr, paragraph.fuzzy = "Мой черновик", True
    path.write_bytes(dump_po(ours))
    update(example_copy, ["ru"])
    catalog = parse_po(path.read_bytes(), str(path))
    title = catalog.find("Konferencja w Mińsku")
    assert title is not None and (title.msgstr, title.fuzzy) == ("Моя конференция", False)
    draft = catalog.find(CLOSING)
    assert draft is not None
    assert draft.msgstr == "Мой черновик" and draft.fuzzy and not draft.translator_comments


def test_memory_false_leaves_untranslated_entries_empty(example_copy: Path) -> None:
    write(example_copy / "content" / "konferencja" / "pl.md", NEW)
    update(example_copy, memory=False)
    assert entry(example_copy, "ru", "konferencja", CLOSING).msgstr == ""


@needs_gnu
def test_export_is_a_compendium_msgmerge_and_msgfmt_accept(example_copy: Path,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "ru-memory.po"
    assert main(["memory", "export", "-p", str(example_copy), "-l", "ru", "-o", str(out)]) == 0
    compendium = parse_po(out.read_bytes(), str(out))
    assert compendium.language == "ru" and compendium.nplurals == 3
    found = compendium.find(CLOSING)
    assert found is not None and found.msgstr == CLOSING_RU and not found.fuzzy
    assert found.references == ["content/szkolenia-dla-ngo/pl.md:29"]
    check = subprocess.run(["msgfmt", "-v", "--check", "-o", "/dev/null", str(out)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert "warning" not in check.stderr, check.stderr

    # msgmerge -C fills a new article's catalogue from the compendium
    write(example_copy / "content" / "konferencja" / "pl.md", NEW)
    assert main(["extract", "-q", "-p", str(example_copy)]) == 0
    pot = example_copy / "locales" / "articles" / "konferencja.pot"
    empty = tmp_path / "new.po"
    subprocess.run(["msginit", "--no-translator", "-l", "ru", "-i", str(pot), "-o", str(empty)],
                   check=True, capture_output=True)
    merged = tmp_path / "merged.po"
    subprocess.run(["msgmerge", "-q", "-C", str(out), "-o", str(merged), str(empty), str(pot)],
                   check=True, capture_output=True)
    filled = parse_po(merged.read_bytes(), str(merged)).find(CLOSING)
    assert filled is not None and filled.msgstr == CLOSING_RU


def test_export_to_standard_output_and_is_deterministic(
        example_copy: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["memory", "export", "-p", str(example_copy), "-l", "be"]) == 0
    printed = capsysbinary.readouterr().out
    assert printed == export_memory(example_copy, "be")
    assert b'"Language: be\\n"' in printed
    assert b"#: content/klastry-na-bialorusi/pl.md:" in printed


def test_conflicting_translations_keep_the_most_frequent(example_copy: Path) -> None:
    for name in ("a-jeden", "b-dwa", "c-trzy"):
        write(example_copy / "content" / name / "pl.md",
              f"---\ntitle: Świat\ndate: 2021-01-01\n---\n\nTekst {name}.\n")
    update(example_copy, ["ru"])
    for name, title in (("a-jeden", "Свет"), ("b-dwa", "Мир"), ("c-trzy", "Мир")):
        path = example_copy / "locales" / "ru" / "LC_MESSAGES" / "articles" / f"{name}.po"
        catalog = parse_po(path.read_bytes(), str(path))
        catalog.messages[0].msgstr = title
        path.write_bytes(dump_po(catalog))
    data = export_memory(example_copy, "ru").decode()
    block = data[data.index('msgid "Świat"') - 200:data.index('msgid "Świat"') + 40]
    assert 'msgstr "Мир"' in block
    assert f"# {COMMENT} from articles/b-dwa, articles/c-trzy" in block
    assert f"# {COMMENT} also translated in articles/a-jeden: Свет" in block


def test_export_unknown_language(example_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["memory", "export", "-p", str(example_copy), "-l", "de"]) == 2
    assert "de: not a target language" in capsys.readouterr().err
    with pytest.raises(UsageError):
        export_memory(example_copy, "pl")


def _compendium(path: Path, language: str | None, msgid: str, msgstr: str) -> Path:
    head = f'"Language: {language}\\n"\n' if language else ""
    return write(path, f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                       f'{head}\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n')


def test_update_reads_a_compendium(example_copy: Path, tmp_path: Path) -> None:
    write(example_copy / "content" / "konferencja" / "pl.md", NEW)
    ru = _compendium(tmp_path / "ru.po", "ru", "Konferencja w Mińsku", "Конференция в Минске")
    be = _compendium(tmp_path / "be.po", "be_BY", "Konferencja w Mińsku", "Канферэнцыя ў Мінску")
    assert main(["update", "-q", "-p", str(example_copy), "--compendium", str(ru),
                 "--compendium", str(be)]) == 0
    title = entry(example_copy, "ru", "konferencja", "Konferencja w Mińsku")
    assert (title.msgstr, title.fuzzy) == ("Конференция в Минске", True)
    assert title.translator_comments == [f"{COMMENT} from {ru} (exact)"]
    assert entry(example_copy, "be", "konferencja", "Konferencja w Mińsku").msgstr == \
        "Канферэнцыя ў Мінску"


def test_a_compendium_without_language_needs_one_language(example_copy: Path,
                                                          tmp_path: Path) -> None:
    write(example_copy / "content" / "konferencja" / "pl.md", NEW)
    plain = _compendium(tmp_path / "plain.po", None, "Konferencja w Mińsku", "Конференция")
    before = snapshot(example_copy)
    with pytest.raises(CatalogError, match="no Language header"):
        update(example_copy, compendium=[plain])
    assert snapshot(example_copy) == before
    update(example_copy, ["ru"], compendium=[plain])
    assert entry(example_copy, "ru", "konferencja", "Konferencja w Mińsku").msgstr == \
        "Конференция"


@pytest.mark.parametrize(("text", "message"), [
    ('msgid "a"\nmsgstr "b"\nmsgid "c\n', ":3: "),
    ('msgid ""\nmsgstr "Language: de\\n"\n', ":1: the compendium is for 'de'"),
    (None, ": no such compendium file"),
])
def test_bad_compendium_exit_2_and_nothing_written(
        example_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        text: str | None, message: str) -> None:
    write(example_copy / "content" / "konferencja" / "pl.md", NEW)
    bad = tmp_path / "bad.po"
    if text is not None:
        write(bad, text)
    before = snapshot(example_copy)
    assert main(["update", "-p", str(example_copy), "-l", "ru", "--compendium", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{bad}{message}" if message.startswith(":") else str(bad)), err
    assert message.lstrip(":0123456789 ") in err
    assert snapshot(example_copy) == before


def test_bad_similarity_in_config_exit_2(example_copy: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    config = example_copy / "multipub.toml"
    lines = config.read_text(encoding="utf-8").splitlines()
    config.write_text("\n".join([*lines, "", "[memory]", "similarity = 120", ""]),
                      encoding="utf-8")
    assert main(["update", "-p", str(example_copy)]) == 2
    err = capsys.readouterr().err
    assert f"multipub.toml:{len(lines) + 3}: memory.similarity: must be a number of percent" in err


def test_similarity_from_the_config_is_used(example_copy: Path) -> None:
    config = example_copy / "multipub.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[memory]\nsimilarity = 99\n",
                      encoding="utf-8")
    write(example_copy / "content" / "konferencja" / "pl.md", NEW)
    update(example_copy, ["ru"])
    near = entry(example_copy, "ru", "konferencja",
                 NEAR)
    assert near.msgstr == ""
    assert entry(example_copy, "ru", "konferencja", CLOSING).msgstr == CLOSING_RU


def test_catalogues_of_handwritten_versions_are_not_in_the_memory(example_copy: Path) -> None:
    # klastry-na-bialorusi has a hand-written ru.md; a stale catalogue beside it does not count
    stale = example_copy / "locales" / "ru" / "LC_MESSAGES" / "articles" / "klastry-na-bialorusi.po"
    be = example_copy / "locales" / "be" / "LC_MESSAGES" / "articles" / "klastry-na-bialorusi.po"
    catalog = parse_po(be.read_bytes(), str(be))
    catalog.set_header("Language", "ru")
    stale.write_bytes(dump_po(catalog))
    data = export_memory(example_copy, "ru")
    assert b"klastry-na-bialorusi" not in data
    assert b"articles/szkolenia-dla-ngo" in data


def test_filling_in_batches_writes_what_one_batch_does(example_copy: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from multipub.commands import catalogs

    for name in ("konferencja", "konferencja-druga", "konferencja-trzecia"):
        write(example_copy / "content" / name / "pl.md", NEW)
    other = tmp_path / "other"
    shutil.copytree(example_copy, other)
    assert update(example_copy).written
    monkeypatch.setattr(catalogs, "WANTED_AT_ONCE", 1)  # a memory made for each catalogue
    assert update(other).written
    one, many = snapshot(example_copy / "locales"), snapshot(other / "locales")
    assert one == many
    for name in ("konferencja", "konferencja-druga", "konferencja-trzecia"):
        assert entry(other, "ru", name, CLOSING).msgstr == CLOSING_RU
