"""``status`` compares every translation with the source as it is now, and says what the
site shows (the decision ``build`` makes)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from multipub import status, update
from multipub.project.model import load_project
from multipub.quality import status as status_mod
from multipub.quality.reports import render_status
from multipub.site.plan import plan_site

ARTICLE = "szkolenia-dla-ngo"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "multipub", *args], capture_output=True,
                          text=True, check=False)


def edit_source(project: Path) -> None:
    source = project / "content" / ARTICLE / "pl.md"
    source.write_text(source.read_text(encoding="utf-8").replace("48 osób", "50 osób"),
                      encoding="utf-8")


def test_a_source_edit_shows_as_outdated_before_extract_or_update(example_copy: Path) -> None:
    assert status(example_copy).cell(ARTICLE, "ru").state == "complete"
    edit_source(example_copy)
    locales = {p: p.read_bytes() for p in (example_copy / "locales").rglob("*") if p.is_file()}
    result = run("status", "-p", str(example_copy), "--format", "json")
    assert result.returncode == 0, result.stderr
    ru = json.loads(result.stdout)["articles"][2]["translations"]["ru"]
    assert ru["state"] == "outdated"
    assert ru["changed"] == {"segments": 1, "words": 34}
    assert (ru["translated"], ru["fuzzy"], ru["untranslated"]) == (12, 1, 0)
    assert ru["site"] == "published-outdated"
    assert ru["reason"] == "source changed: 1 segment (outdated = keep)"
    assert locales == {p: p.read_bytes() for p in (example_copy / "locales").rglob("*")
                       if p.is_file()}  # nothing extracted or merged


def test_after_update_the_same_cell_stays_outdated(example_copy: Path) -> None:
    edit_source(example_copy)
    before = status(example_copy).cell(ARTICLE, "ru")
    update(example_copy)
    after = status(example_copy).cell(ARTICLE, "ru")
    assert (after.state, after.changed, after.site) == (before.state, before.changed,
                                                        before.site)
    assert after.counts.fuzzy == 1


def test_with_outdated_skip_status_says_off_and_why(example_copy: Path) -> None:
    config = example_copy / "multipub.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'outdated = "skip"\n',
                      encoding="utf-8")
    edit_source(example_copy)
    cell = status(example_copy).cell(ARTICLE, "ru")
    assert (cell.state, cell.site, cell.reason) == ("outdated", "off", "outdated = skip")
    table = render_status(status(example_copy), "table")
    assert "outdated = skip" in table and "[off the site]" in table
    html = render_status(status(example_copy), "html")
    assert "off: outdated = skip" in html and "changed: 1\n segment, 34 words" in html
    data = json.loads(render_status(status(example_copy), "json"))
    assert list(data["totals"]["ru"]["articles"]) == ["complete", "outdated", "partial",
                                                      "unstamped", "missing"]


@pytest.mark.parametrize("policy", ["keep", "fallback", "skip"])
def test_status_and_build_make_the_same_decision(example_copy: Path, policy: str) -> None:
    config = example_copy / "multipub.toml"
    config.write_text(config.read_text(encoding="utf-8") + f'outdated = "{policy}"\n',
                      encoding="utf-8")
    edit_source(example_copy)
    project = load_project(example_copy)
    site = plan_site(project)
    report = status(project)
    for art in report.articles:
        for cell in art.cells:
            entry = next((e for e in site.entries[cell.language]
                          if e.article_id == art.id), None)
            on_site = entry is not None and not entry.fallback
            assert on_site is (cell.site in ("published", "published-outdated")), (art.id, cell)
            if entry is not None and not entry.fallback:
                assert entry.outdated is (cell.site == "published-outdated"), (art.id, cell)


def test_an_unused_catalogue_is_listed_and_left_out_of_totals(example_copy: Path) -> None:
    before = status(example_copy).total("ru")
    po = example_copy / "locales/ru/LC_MESSAGES/articles/klastry-na-bialorusi.po"
    po.write_text(
        (example_copy / "locales/be/LC_MESSAGES/articles/stypendia-dla-studentow.po")
        .read_text(encoding="utf-8").replace("Language: be", "Language: ru"), encoding="utf-8")
    report = status(example_copy)
    found = next(c for c in report.catalogs if c.path.endswith("ru/LC_MESSAGES/articles/"
                                                              "klastry-na-bialorusi.po"))
    assert found.unused
    assert report.total("ru") == before
    assert report.cell("klastry-na-bialorusi", "ru").mode == "handwritten"
    data = json.loads(render_status(report, "json"))
    assert [c["unused"] for c in data["catalogs"]].count(True) == 1
    assert "(unused)" in render_status(report, "table")
    assert "unused: left out of totals" in render_status(report, "html")


def test_one_broken_article_is_an_error_row_and_the_rest_is_reported(
        example_copy: Path) -> None:
    bad = example_copy / "content" / "stypendia-dla-studentow" / "pl.md"
    text = bad.read_text(encoding="utf-8")
    bad.write_text(text.replace("title:", "title: [unclosed", 1), encoding="utf-8")
    snapshot = {p: p.read_bytes() for p in example_copy.rglob("*") if p.is_file()}
    result = run("status", "-p", str(example_copy), "--format", "json")
    assert result.returncode == 2
    assert "content/stypendia-dla-studentow/pl.md:" in result.stderr
    data = json.loads(result.stdout)
    rows = {art["id"]: art for art in data["articles"]}
    assert set(rows) == {"klastry-na-bialorusi", "stypendia-dla-studentow", ARTICLE}
    broken = rows["stypendia-dla-studentow"]
    assert broken["translations"] == {}
    assert broken["problem"].startswith("content/stypendia-dla-studentow/pl.md:")
    assert rows[ARTICLE]["translations"]["ru"]["state"] == "complete"
    table = run("status", "-p", str(example_copy))
    assert table.returncode == 2 and "error: content/stypendia-dla-studentow/pl.md:" \
        in table.stdout
    html = run("status", "-p", str(example_copy), "--format", "html")
    assert "content/stypendia-dla-studentow/pl.md:" in html.stdout
    changed = {p for p in example_copy.rglob("*") if p.is_file()
               and ".multipub-cache" not in p.parts and snapshot.get(p) != p.read_bytes()}
    assert changed == set()
    # other commands stay strict
    build = run("build", "-p", str(example_copy))
    assert build.returncode == 2 and "content/stypendia-dla-studentow/pl.md:" in build.stderr


def test_a_catalogue_merged_with_this_source_is_not_compared_again(
        example_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = status_mod._compare

    def counting(*args: object) -> object:
        calls.append(str(args[3]))
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(status_mod, "_compare", counting)
    status_mod.project_status(load_project(example_copy), cache=False)
    assert calls == []  # every catalogue of the example names its source
    edit_source(example_copy)
    status_mod.project_status(load_project(example_copy), cache=False)
    assert sorted(calls) == [f"locales/be/LC_MESSAGES/articles/{ARTICLE}.po",
                             f"locales/ru/LC_MESSAGES/articles/{ARTICLE}.po"]


def test_the_comparison_is_cached(example_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit_source(example_copy)
    first = status(example_copy)
    calls: list[object] = []
    monkeypatch.setattr(status_mod, "_compare", lambda *args: calls.append(args))
    assert status(example_copy) == first and calls == []
