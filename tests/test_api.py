"""The public surface of the package, pinned."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import multipub

EXPECTED = {
    # verbs
    "load_project", "extract", "update", "compile_catalogs", "status", "check", "stamp",
    "diff", "build",
    # what they return
    "Project", "Article", "Version", "Mode", "Config", "CatalogChanges", "ProjectStatus",
    "ArticleStatus", "Cell", "Counts", "LanguageTotals", "CheckReport", "Finding",
    "BuildReport", "LanguageReport",
    # catalogues
    "read_catalog", "write_catalog", "catalog_stats", "Catalog", "Message", "CatalogStats",
    "to_polib", "from_polib",
    # languages
    "detect_language", "get_language", "Language",
    # errors
    "MultipubError", "CatalogError", "ConfigError", "ContentError", "LockedError",
    "NotAvailableError", "PathError", "Problem", "TemplateError", "UsageError",
    "__version__",
}


def test_all_is_pinned() -> None:
    assert set(multipub.__all__) == EXPECTED
    for name in multipub.__all__:
        assert getattr(multipub, name) is not None


def test_design_names_are_callable() -> None:
    for name in ("load_project", "extract", "update", "compile_catalogs", "status", "check",
                 "stamp", "diff", "build", "read_catalog", "write_catalog", "catalog_stats",
                 "to_polib", "from_polib", "detect_language"):
        assert callable(getattr(multipub, name))


def test_exceptions_share_one_root() -> None:
    for name in ("CatalogError", "ConfigError", "ContentError", "LockedError",
                 "NotAvailableError", "PathError", "TemplateError", "UsageError"):
        assert issubclass(getattr(multipub, name), multipub.MultipubError)


def test_import_is_cheap() -> None:
    """``import multipub`` does not pull in the heavy parts (Markdown, Jinja2, langdetect)."""
    code = ("import sys, multipub; "
            "print(sorted(m for m in ('markdown', 'jinja2', 'langdetect', 'babel') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_python_m_is_the_cli() -> None:
    out = subprocess.run([sys.executable, "-m", "multipub", "--version"], capture_output=True,
                         text=True, check=False)
    assert out.returncode == 0
    assert out.stdout.strip() == f"multipub, version {multipub.__version__}"


# -- the verbs, on a copy of the bundled example -----------------------------------------


def test_verbs_take_a_path_as_str_or_pathlike(example_copy: Path) -> None:
    for given in (str(example_copy), example_copy):
        assert isinstance(multipub.status(given), multipub.ProjectStatus)
        assert isinstance(multipub.extract(given), multipub.CatalogChanges)
        assert isinstance(multipub.check(given), multipub.CheckReport)
    project = multipub.load_project(str(example_copy))
    assert multipub.status(project).articles == multipub.status(example_copy).articles


def test_reprs_are_short(example_copy: Path) -> None:
    project = multipub.load_project(example_copy)
    values = [project, *project.articles, project.articles[0].source,
              multipub.status(project), *multipub.status(project).articles,
              multipub.check(project), multipub.update(project),
              multipub.build(project, example_copy / "out")]
    for value in values:
        text = repr(value)
        assert text.startswith("<") and len(text) < 200, text
    assert repr(project) == (f"<Project 'Polska pomoc' at {example_copy}: 3 articles, "
                             "pl -> ru, be>")


def test_status_walks_article_language_state(example_copy: Path) -> None:
    report = multipub.status(example_copy)
    assert report.languages == ("ru", "be")
    states = {(a.id, lang): cell.state for a in report.articles
              for lang, cell in a.translations.items()}
    assert states[("szkolenia-dla-ngo", "ru")] == "complete"
    assert report.cell("szkolenia-dla-ngo", "ru").mode == "catalog"
    assert report.cell("szkolenia-dla-ngo", "ru").counts.untranslated == 0
    assert report.article("klastry-na-bialorusi").translations["ru"].mode == "handwritten"
    assert "ru" in repr(report) and "be" in repr(report)


def test_status_narrowed_to_languages_and_articles(example_copy: Path) -> None:
    whole = multipub.status(example_copy)
    some = multipub.status(example_copy, languages=["be"], articles=["szkolenia-dla-ngo"])
    assert some.languages == ("be",)
    assert [a.id for a in some.articles] == ["szkolenia-dla-ngo"]
    assert some.cell("szkolenia-dla-ngo", "be") == whole.cell("szkolenia-dla-ngo", "be")
    assert {c.language for c in some.catalogs} == {"be"}
    assert all(c.domain in ("messages", "tags", "articles/szkolenia-dla-ngo")
               for c in some.catalogs)
    with pytest.raises(multipub.UsageError, match="not a target language of this project: de"):
        multipub.status(example_copy, languages=["de"])
    with pytest.raises(multipub.UsageError, match="not an article of this project: nope"):
        multipub.status(example_copy, articles=["nope"])


def test_check_report_iterates_findings(example_copy: Path) -> None:
    report = multipub.check(example_copy)
    assert list(report) == list(report.findings)
    assert len(report) == len(report.findings)
    for finding in report:
        assert str(finding).startswith(finding.path)


def test_build_from_python_equals_the_command_line(example_copy: Path, tmp_path: Path) -> None:
    from multipub.cli import main

    report = multipub.build(str(example_copy), str(tmp_path / "api"))
    assert isinstance(report, multipub.BuildReport) and not report.up_to_date
    assert main(["build", "-q", "-p", str(example_copy), "-o", str(tmp_path / "cli")]) == 0
    api, cli = _files(tmp_path / "api"), _files(tmp_path / "cli")
    assert api.keys() == cli.keys() and api == cli
    assert report.pages == sum(1 for name in api if name.endswith(".html"))
    assert report.written == len(api)  # every file (the manifest is not counted)
    assert sum(lang.written for lang in report.languages.values()) < report.written
    again = multipub.build(example_copy, tmp_path / "api")
    assert again.up_to_date and again.written == 0 and again.unchanged == report.written


def test_build_report_names_versions_that_left_the_site(example_copy: Path,
                                                        tmp_path: Path) -> None:
    out = tmp_path / "site"
    config = example_copy / "multipub.toml"
    config.write_text(config.read_text("utf-8") + 'outdated = "skip"\n', "utf-8")
    first = multipub.build(example_copy, out)
    assert first.left == ()
    source = example_copy / "content" / "szkolenia-dla-ngo" / "pl.md"
    source.write_text(source.read_text("utf-8").replace("48 osób", "50 osób"), "utf-8")
    multipub.update(example_copy)  # the changed paragraph becomes fuzzy: ru is incomplete
    second = multipub.build(example_copy, out)
    assert second.left == (("szkolenia-dla-ngo", "ru"),)
    assert second.languages["ru"].off == {"szkolenia-dla-ngo": "outdated = skip"}
    assert second.languages["ru"].left == ("szkolenia-dla-ngo",)
    assert second.languages["ru"].removed > 0 and second.languages["pl"].removed == 0
    assert "left: szkolenia-dla-ngo" in repr(second.languages["ru"])


def test_command_line_warns_of_versions_that_left(example_copy: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from multipub.cli import main

    out = tmp_path / "site"
    assert main(["build", "-q", "-p", str(example_copy), "-o", str(out)]) == 0
    (example_copy / "locales/ru/LC_MESSAGES/articles/szkolenia-dla-ngo.po").unlink()
    capsys.readouterr()
    assert main(["build", "-q", "-p", str(example_copy), "-o", str(out)]) == 0
    assert ("multipub: ru: szkolenia-dla-ngo is no longer on the site"
            in capsys.readouterr().err)


def test_stamp_and_compile_take_paths(example_copy: Path) -> None:
    assert multipub.stamp(example_copy, "klastry-na-bialorusi", "ru") in (True, False)
    assert multipub.stamp(str(example_copy), "klastry-na-bialorusi", "ru") is False
    compiled = multipub.compile_catalogs(str(example_copy))
    assert compiled.written and all(p.endswith(".mo") for p in compiled.written)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != ".multipub-manifest.json"}
