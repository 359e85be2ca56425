"""extract, update, compile and localized articles on real projects, checked with GNU gettext."""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest

from multipub.commands.catalogs import (
    compile_catalogs,
    extract,
    localized_article,
    theme_catalog_path,
    update,
)
from multipub.commands.init import init_project
from multipub.errors import CatalogError, UsageError
from multipub.gettext.catalog import Catalog
from multipub.gettext.pofile import dump_po, parse_po, read_catalog
from multipub.project.model import Mode, Project, load_project

from ..conftest import CONFIG, snapshot, write

GNU = all(shutil.which(tool) for tool in ("msgfmt", "msgcat", "msgmerge"))
needs_gnu = pytest.mark.skipif(not GNU, reason="GNU gettext tools not installed")

FIRST = """---
title: Klastry na Białorusi
date: 2024-03-05
tags: [Białoruś, gospodarka]
summary: Polscy eksperci opowiadają o klastrach.
---

W sześciu największych miastach Białorusi trwa cykl spotkań informacyjnych,
podczas których polscy eksperci opowiadają o klastrach.

## Eksperci

Ekspertami prowadzącymi spotkania są specjaliści z wieloletnim doświadczeniem.

- Grodno
- Witebsk, Homel
  i Brześć

> Wysoka frekwencja świadczy o tym, że inicjatywa jest potrzebna.

| Miasto | Data |
| ------ | ---- |
| Grodno | 5 marca |
"""

SECOND = """---
title: Stypendia dla studentów
date: 2024-05-01
tags: [edukacja, Białoruś]
---

Program stypendialny dla studentów z Białorusi.

## Eksperci
"""

PARAGRAPH = "Ekspertami prowadzącymi spotkania są specjaliści z wieloletnim doświadczeniem."
EDITED = PARAGRAPH.replace("wieloletnim", "wieloletnim, praktycznym")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "site"
    write(root / "multipub.toml", CONFIG)
    write(root / "content" / "klastry" / "pl.md", FIRST)
    write(root / "content" / "stypendia" / "pl.md", SECOND)
    return load_project(root)


def po_files(root: Path) -> list[Path]:
    return sorted(root.glob("locales/**/*.po"))


def gnu_checks(root: Path) -> None:
    """msgfmt --check passes on every .po and msgcat prints every .po/.pot unchanged."""
    files = sorted(root.glob("locales/**/*.po")) + sorted(root.glob("locales/**/*.pot"))
    assert files
    for path in files:
        if path.suffix == ".po":
            run = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                                 capture_output=True, text=True)
            assert run.returncode == 0, run.stderr
        out = subprocess.run(["msgcat", str(path)], check=True, capture_output=True).stdout
        assert out == path.read_bytes(), path


def translate_all(root: Path, how: str = "prefix") -> None:
    """Fill every empty msgstr like a translator would (prefix) or with the msgid (identity)."""
    for path in po_files(root):
        catalog = read_catalog(path)
        for m in catalog.active():
            if m.plural:
                m.msgstr_plural = [f"ru {m.msgid}"] * len(m.msgstr_plural)
            elif not m.msgstr:
                m.msgstr = m.msgid if how == "identity" else f"RU {m.msgid}"
        path.write_bytes(dump_po(catalog))


# -- extract -------------------------------------------------------------------------
def test_extract_writes_templates_and_nothing_the_second_time(project: Project) -> None:
    result = extract(project)
    assert result.written == (
        "locales/articles/klastry.pot", "locales/articles/stypendia.pot",
        "locales/messages.pot", "locales/tags.pot",
    )
    before = snapshot(project.root)
    again = extract(load_project(project.root))
    assert again.written == () and again.removed == ()
    assert len(again.unchanged) == 4
    assert snapshot(project.root) == before


@needs_gnu
def test_extract_output_is_gnu_identical(project: Project) -> None:
    extract(project)
    gnu_checks(project.root)


def test_extract_removes_templates_of_vanished_articles(project: Project) -> None:
    extract(project)
    shutil.rmtree(project.root / "content" / "stypendia")
    result = extract(load_project(project.root))
    assert result.removed == ("locales/articles/stypendia.pot",)
    assert not (project.root / "locales" / "articles" / "stypendia.pot").exists()


# -- update --------------------------------------------------------------------------
def test_update_creates_catalogues_without_extract_first(project: Project) -> None:
    result = update(project)
    assert result.written == tuple(sorted(
        f"locales/{lang}/LC_MESSAGES/{domain}.po"
        for lang in ("ru", "be")
        for domain in ("messages", "tags", "articles/klastry", "articles/stypendia")
    ))
    assert not list(project.root.glob("locales/**/*.pot"))
    ru = read_catalog(project.catalog_path("ru", "articles/klastry"))
    assert ru.language == "ru" and ru.nplurals == 3
    assert ru.find(PARAGRAPH) is not None
    before = snapshot(project.root)
    again = update(load_project(project.root))
    assert again.written == () and snapshot(project.root) == before


@needs_gnu
def test_update_output_passes_msgfmt_and_equals_msgcat(project: Project) -> None:
    extract(project)
    update(project)
    gnu_checks(project.root)
    translate_all(project.root)
    update(load_project(project.root))
    gnu_checks(project.root)


def test_check_writes_nothing_and_lists_what_would_change(project: Project) -> None:
    before = snapshot(project.root)
    result = update(project, check=True)
    assert result.checked and len(result.changed) == 8
    assert snapshot(project.root) == before
    update(project)
    assert update(load_project(project.root), check=True).changed == ()


def test_only_the_given_languages(project: Project) -> None:
    result = update(project, languages=["be"])
    assert all(path.startswith("locales/be/") for path in result.written)
    with pytest.raises(UsageError, match="de: not a target language"):
        update(project, languages=["de"])


def test_handwritten_translation_means_no_article_catalogue(project: Project) -> None:
    write(project.root / "content" / "klastry" / "ru.md", "---\ntitle: Кластеры\n---\nТекст.\n")
    update(load_project(project.root))
    assert not project.catalog_path("ru", "articles/klastry").exists()
    assert project.catalog_path("be", "articles/klastry").exists()


def test_existing_catalogue_of_a_handwritten_version_is_left_alone(project: Project) -> None:
    update(project)
    path = project.catalog_path("ru", "articles/klastry")
    data = path.read_bytes()
    write(project.root / "content" / "klastry" / "pl.md", FIRST.replace(PARAGRAPH, EDITED))
    write(project.root / "content" / "klastry" / "ru.md", "---\ntitle: Кластеры\n---\nТекст.\n")
    update(load_project(project.root))
    assert path.read_bytes() == data


def test_edit_translate_edit_scenario(project: Project) -> None:
    update(project)
    translate_all(project.root)
    translated = {p: read_catalog(p) for p in po_files(project.root)}
    write(project.root / "content" / "klastry" / "pl.md", FIRST.replace(PARAGRAPH, EDITED))
    result = update(load_project(project.root))
    assert result.written == (
        "locales/be/LC_MESSAGES/articles/klastry.po", "locales/ru/LC_MESSAGES/articles/klastry.po")
    for lang in ("ru", "be"):
        catalog = read_catalog(project.catalog_path(lang, "articles/klastry"))
        changed = catalog.find(EDITED)
        assert changed is not None
        assert (changed.fuzzy, changed.previous_msgid, changed.msgstr) == (
            True, PARAGRAPH, f"RU {PARAGRAPH}")
        assert catalog.find(PARAGRAPH) is None
        old = translated[project.catalog_path(lang, "articles/klastry")]
        for m in old.active():
            if m.msgid != PARAGRAPH:
                now = catalog.find(m.msgid)
                assert now is not None and (now.msgstr, now.fuzzy) == (m.msgstr, False)
    again = update(load_project(project.root))
    assert again.written == ()


def test_removed_paragraph_becomes_obsolete_and_comes_back(project: Project) -> None:
    update(project)
    translate_all(project.root)
    path = project.catalog_path("ru", "articles/klastry")
    write(project.root / "content" / "klastry" / "pl.md", FIRST.replace(PARAGRAPH + "\n", ""))
    update(load_project(project.root))
    gone = read_catalog(path).find(PARAGRAPH)
    assert gone is not None and gone.obsolete and gone.msgstr == f"RU {PARAGRAPH}"
    write(project.root / "content" / "klastry" / "pl.md", FIRST)
    update(load_project(project.root))
    back = read_catalog(path).find(PARAGRAPH)
    assert back is not None and not back.obsolete and not back.fuzzy


def test_bad_catalogue_is_left_out_and_the_others_merged(project: Project) -> None:
    update(project)
    translate_all(project.root)
    bad = project.catalog_path("be", "tags")
    bad.write_text(bad.read_text(encoding="utf-8") + '\nmsgid "x\nmsgstr ""\n', encoding="utf-8")
    write(project.root / "content" / "klastry" / "pl.md", FIRST.replace(PARAGRAPH, EDITED))
    before = snapshot(project.root)
    result = update(load_project(project.root))
    (problem,) = result.problems
    assert problem.path == "locales/be/LC_MESSAGES/tags.po"
    assert problem.line is not None and problem.line > 1
    assert result.left_out == ("locales/be/LC_MESSAGES/tags.po",)
    after = snapshot(project.root)
    assert after["locales/be/LC_MESSAGES/tags.po"] == before["locales/be/LC_MESSAGES/tags.po"]
    assert after["content/klastry/pl.md"] == before["content/klastry/pl.md"]
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert "locales/be/LC_MESSAGES/articles/klastry.po" in changed  # the rest was merged
    assert "locales/ru/LC_MESSAGES/articles/klastry.po" in changed


def test_bad_project_template_is_reported_once_and_the_rest_written(project: Project) -> None:
    write(project.root / "templates" / "extra.html", '{{ _("x") }}\n{% if %}\n')
    result = update(project)
    assert [str(p) for p in result.problems] == [
        "templates/extra.html:2: Expected an expression, got 'end of statement block'"]
    assert result.left_out == ("locales/be/LC_MESSAGES/messages.po",
                               "locales/ru/LC_MESSAGES/messages.po")
    assert not project.catalog_path("ru", "messages").exists()
    assert project.catalog_path("ru", "articles/klastry").is_file()


def test_extract_leaves_a_bad_article_out_and_its_template_as_it_was(project: Project) -> None:
    write(project.root / "content" / "druga" / "pl.md", FIRST.replace("Klastry", "Druga"))
    extract(project.root)
    kept = project.root / "locales" / "articles" / "druga.pot"
    tags = project.root / "locales" / "tags.pot"
    before = snapshot(project.root)
    write(project.root / "content" / "druga" / "pl.md",
          FIRST.replace("date: 2024-03-05", "date: 5 marca 2024"))
    write(project.root / "content" / "klastry" / "pl.md", FIRST.replace(PARAGRAPH, EDITED))
    sources = {name: data for name, data in snapshot(project.root).items()
               if name.startswith("content/")}
    result = extract(project.root)
    assert [str(p) for p in result.problems] == [
        'content/druga/pl.md:3: date: "5 marca 2024" is not a date in the form YYYY-MM-DD '
        "(year, month, day: 2024-03-05)"]
    assert result.left_out == ("content/druga", "locales/tags.pot")
    assert result.written == ("locales/articles/klastry.pot",)
    assert kept.read_bytes() == before["locales/articles/druga.pot"]  # not removed as stale
    assert tags.read_bytes() == before["locales/tags.pot"]
    assert {name: data for name, data in snapshot(project.root).items()
            if name.startswith("content/")} == sources


def test_folder_names_that_are_not_ids_fall_back_to_slugs(project: Project) -> None:
    for name in ("hugo_config", "mkdocs-2.0"):
        write(project.root / "content" / name / "pl.md", FIRST.replace("Klastry", name))
    loaded = load_project(project.root)
    assert sorted(a.id for a in loaded.articles) == ["hugo-config", "klastry", "mkdocs-2-0",
                                                     "stypendia"]
    assert loaded.article("hugo-config").folder.name == "hugo_config"
    result = extract(loaded)
    assert "locales/articles/hugo-config.pot" in result.written
    assert "locales/articles/mkdocs-2-0.pot" in result.written
    template = read_catalog(project.root / "locales" / "articles" / "mkdocs-2-0.pot")
    assert any("content/mkdocs-2.0/pl.md:" in ref for m in template.messages
               for ref in m.references)
    update(loaded)
    assert project.catalog_path("ru", "articles/hugo-config").is_file()


def test_compile_reports_every_bad_catalogue(project: Project) -> None:
    update(project)
    for lang in ("ru", "be"):
        project.catalog_path(lang, "tags").write_text('msgid "x"\n', encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        compile_catalogs(project)
    assert sorted(p.path or "" for p in info.value.problems) == [
        "locales/be/LC_MESSAGES/tags.po", "locales/ru/LC_MESSAGES/tags.po"]
    assert not list(project.root.glob("locales/**/*.mo"))


def test_new_messages_po_is_prefilled_from_the_theme(project: Project) -> None:
    theme = theme_catalog_path("ru")
    if theme is None:
        pytest.skip("the default theme has no Russian catalogue")
    reference = parse_po(theme.read_bytes(), "theme.po")
    update(project)
    catalog = read_catalog(project.catalog_path("ru", "messages"))
    prefilled = [m for m in catalog.active() if m.translated]
    assert prefilled
    for m in prefilled:
        found = reference.find(m.msgid, m.msgctxt)
        assert found is not None and found.msgstr == m.msgstr


# -- localized articles -----------------------------------------------------------------
def test_identity_translations_give_the_source_byte_for_byte(project: Project) -> None:
    update(project)
    translate_all(project.root, "identity")
    fresh = load_project(project.root)
    for article in fresh.articles:
        for lang in ("ru", "be"):
            localized = localized_article(fresh, article, lang)
            assert localized is not None
            assert localized.text == article.source.text
            assert localized.mode is Mode.CATALOG
            assert localized.translated == localized.total and localized.percent == 100.0


def test_fuzzy_and_untranslated_segments_stay_in_the_source_language(project: Project) -> None:
    update(project)
    translate_all(project.root)
    write(project.root / "content" / "klastry" / "pl.md", FIRST.replace(PARAGRAPH, EDITED))
    update(load_project(project.root))
    path = project.catalog_path("ru", "articles/klastry")
    catalog = read_catalog(path)
    heading = catalog.find("Eksperci")
    assert heading is not None
    heading.msgstr = ""
    path.write_bytes(dump_po(catalog))
    fresh = load_project(project.root)
    localized = localized_article(fresh, fresh.article("klastry"), "ru")
    assert localized is not None
    assert EDITED in localized.text and "## Eksperci\n" in localized.text
    assert "RU Klastry na Białorusi" in localized.text
    assert localized.translated == localized.total - 2
    assert 0 < localized.percent < 100


def test_localized_handwritten_source_and_missing(project: Project) -> None:
    text = "---\ntitle: Кластеры\n---\nТекст.\n"
    write(project.root / "content" / "klastry" / "ru.md", text)
    fresh = load_project(project.root)
    article = fresh.article("klastry")
    hand = localized_article(fresh, article, "ru")
    assert hand is not None and hand.text == text and hand.mode is Mode.HANDWRITTEN
    assert hand.percent == 100.0
    source = localized_article(fresh, article, "pl")
    assert source is not None and source.text == FIRST
    assert localized_article(fresh, article, "be") is None


# -- compile -------------------------------------------------------------------------
@needs_gnu
def test_compiled_catalogues_answer_like_msgfmt(project: Project, tmp_path: Path) -> None:
    pytest.importorskip("multipub.gettext.mofile")
    update(project)
    translate_all(project.root)
    write(project.root / "content" / "klastry" / "pl.md", FIRST.replace(PARAGRAPH, EDITED))
    update(load_project(project.root))
    result = compile_catalogs(load_project(project.root))
    assert len(result.written) == len(po_files(project.root))
    for po in po_files(project.root):
        mo = po.with_suffix(".mo")
        gnu = tmp_path / "gnu.mo"
        subprocess.run(["msgfmt", "-o", str(gnu), str(po)], check=True)
        ours_t = gettext.GNUTranslations(mo.open("rb"))
        gnu_t = gettext.GNUTranslations(gnu.open("rb"))
        catalog: Catalog = read_catalog(po)
        for m in catalog.active():
            if m.plural:
                for n in (1, 2, 5, 21):
                    assert ours_t.ngettext(m.msgid, m.msgid_plural or "", n) == gnu_t.ngettext(
                        m.msgid, m.msgid_plural or "", n)
            elif m.msgctxt is not None:
                assert ours_t.pgettext(m.msgctxt, m.msgid) == gnu_t.pgettext(m.msgctxt, m.msgid)
            else:
                assert ours_t.gettext(m.msgid) == gnu_t.gettext(m.msgid)
        assert ours_t.gettext(EDITED) == EDITED  # fuzzy entries are left out
    assert compile_catalogs(load_project(project.root)).written == ()


def test_compile_removes_mo_without_po(project: Project) -> None:
    pytest.importorskip("multipub.gettext.mofile")
    update(project)
    compile_catalogs(project)
    po = project.catalog_path("be", "articles/stypendia")
    po.unlink()
    result = compile_catalogs(load_project(project.root))
    assert result.removed == ("locales/be/LC_MESSAGES/articles/stypendia.mo",)


def test_a_scaffolded_project_works_end_to_end(tmp_path: Path) -> None:
    init_project(tmp_path / "new")
    project = load_project(tmp_path / "new")
    extract(project)
    update(project)
    assert update(load_project(project.root), check=True).changed == ()
    article = project.articles[0]
    localized = localized_article(project, article, "ru")
    assert localized is not None and localized.text == article.source.text
    assert localized.translated == 0 < localized.total


# -- headers: msgfmt --check-header is silent -----------------------------------------
def _msgfmt_warnings(root: Path) -> list[str]:
    """Every line ``msgfmt -v --check`` and ``--check-header`` print about a warning or
    error, for every ``.po`` and ``.pot`` under *root*."""
    found: list[str] = []
    files = sorted(root.rglob("*.po")) + sorted(root.rglob("*.pot"))
    assert files
    for path in files:
        for option in ("--check", "--check-header"):
            done = subprocess.run(["msgfmt", "-v", option, "-o", "/dev/null", str(path)],
                                  capture_output=True, text=True, env={"LC_ALL": "C"})
            assert done.returncode == 0, done.stderr
            found += [line for line in done.stderr.splitlines()
                      if "warning" in line or "error" in line]
    return found


@needs_gnu
def test_msgfmt_check_is_silent_on_the_example_after_update(example_copy: Path) -> None:
    extract(example_copy)
    update(example_copy)
    assert _msgfmt_warnings(example_copy / "locales") == []
    again = (extract(example_copy), update(example_copy))
    assert again[0].written == () and again[1].written == ()


@needs_gnu
def test_msgfmt_check_is_silent_on_a_new_project(tmp_path: Path) -> None:
    root = tmp_path / "mysite"
    init_project(root)
    extract(root)
    update(root)
    assert _msgfmt_warnings(root / "locales") == []
    po = read_catalog(root / "locales" / "ru" / "LC_MESSAGES" / "messages.po")
    assert po.get_header("Project-Id-Version") == "Mysite"
    assert (po.get_header("PO-Revision-Date") or "").endswith("+0000")


def test_templates_name_the_project_and_its_version(tmp_path: Path) -> None:
    root = tmp_path / "site"
    init_project(root, title="Nasz serwis")
    config = root / "multipub.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'version = "2.1"\n',
                      encoding="utf-8")
    extract(root)
    pot = read_catalog(root / "locales" / "messages.pot")
    assert pot.get_header("Project-Id-Version") == "Nasz serwis 2.1"
    assert pot.get_header("Language") == "pl" and pot.get_header("PO-Revision-Date") == ""


def test_new_catalogue_date_comes_from_the_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "site"
    init_project(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714555800")
    update(root)
    path = root / "locales" / "ru" / "LC_MESSAGES" / "articles" / "welcome.po"
    assert read_catalog(path).get_header("PO-Revision-Date") == "2024-05-01 09:30+0000"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    before = snapshot(root)
    assert update(root).written == ()
    assert snapshot(root) == before


def test_update_keeps_a_translators_header(example_copy: Path) -> None:
    path = example_copy / "locales" / "ru" / "LC_MESSAGES" / "articles" / "szkolenia-dla-ngo.po"
    catalog = read_catalog(path)
    for name, value in (("Project-Id-Version", "Tłumaczenia 0.9"),
                        ("PO-Revision-Date", "2023-02-03 04:05+0300"),
                        ("Last-Translator", "Ivan Petrov <ivan@example.org>"),
                        ("Language-Team", "Russian <ru@example.org>"),
                        ("X-Generator", "Poedit 3.4")):
        catalog.set_header(name, value)
    path.write_bytes(dump_po(catalog))
    source = example_copy / "content" / "szkolenia-dla-ngo" / "pl.md"
    source.write_text(source.read_text(encoding="utf-8").replace("48 osób", "50 osób"),
                      encoding="utf-8")
    changes = update(example_copy)
    assert "locales/ru/LC_MESSAGES/articles/szkolenia-dla-ngo.po" in changes.written
    merged = read_catalog(path)
    stamp = merged.get_header("X-Multipub-Source")
    assert stamp is not None and stamp != catalog.get_header("X-Multipub-Source")
    catalog.set_header("X-Multipub-Source", stamp)  # the one field update keeps current
    assert merged.header == catalog.header


@needs_gnu
def test_msgfmt_check_is_silent_on_the_default_themes_catalogues() -> None:
    path = theme_catalog_path("ru")
    assert path is not None
    assert _msgfmt_warnings(path.parent.parent.parent) == []
