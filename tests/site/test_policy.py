"""The publish policy: a catalogue-backed version whose source changed (``outdated``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from multipub import build, update
from multipub.project.config import Config
from multipub.site.policy import decide

ARTICLE = "szkolenia-dla-ngo"
RU_PAGE = "ru/treningi-dlia-belorusskikh-nepravitelstvennykh-organizatsii/index.html"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "multipub", *args], capture_output=True,
                          text=True, check=False)


def edit_source(project: Path) -> None:
    source = project / "content" / ARTICLE / "pl.md"
    text = source.read_text(encoding="utf-8")
    assert "48 osób" in text
    source.write_text(text.replace("48 osób", "50 osób"), encoding="utf-8")


def set_outdated(project: Path, value: str) -> None:
    config = project / "multipub.toml"
    config.write_text(config.read_text(encoding="utf-8") + f'outdated = "{value}"\n',
                      encoding="utf-8")


def test_edited_source_keeps_the_russian_version_online_marked_outdated(
        example_copy: Path) -> None:
    first = run("build", "-p", str(example_copy))
    assert first.returncode == 0, first.stderr
    edit_source(example_copy)
    result = run("build", "-p", str(example_copy))
    assert result.returncode == 0, result.stderr
    assert f"ru: {ARTICLE} is shown outdated" in result.stderr
    assert "no longer on the site" not in result.stderr
    page = (example_copy / "site" / RU_PAGE).read_text(encoding="utf-8")
    assert 'class="notice"' in page and "Читать оригинал" in page
    assert "48 человек" in page  # the last translation of the changed paragraph
    assert "50 osób" not in page
    sitemap = (example_copy / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert RU_PAGE.removesuffix("index.html") in sitemap
    feed = (example_copy / "site" / "ru" / "feed.xml").read_text(encoding="utf-8")
    assert "treningi-dlia" in feed


def test_the_build_report_lists_outdated_versions(example_copy: Path) -> None:
    edit_source(example_copy)
    report = build(example_copy)
    assert ARTICLE in report.languages["ru"].outdated
    assert (ARTICLE, "ru") in report.outdated
    assert report.published["ru"] == 3


def test_outdated_skip_removes_the_version_and_build_says_so(example_copy: Path) -> None:
    set_outdated(example_copy, "skip")
    first = run("build", "-p", str(example_copy))
    assert first.returncode == 0, first.stderr
    assert (example_copy / "site" / RU_PAGE).is_file()
    edit_source(example_copy)
    result = run("build", "-p", str(example_copy))
    assert result.returncode == 0, result.stderr
    assert f"ru: {ARTICLE} is no longer on the site" in result.stderr
    assert "outdated = skip" in result.stderr
    assert not (example_copy / "site" / RU_PAGE).exists()
    sitemap = (example_copy / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "treningi-dlia" not in sitemap
    source_page = next((example_copy / "site" / "pl").glob("szkolenia-*/index.html"))
    assert 'hreflang="ru"' not in source_page.read_text(encoding="utf-8")
    again = run("build", "-p", str(example_copy))  # nothing changed: still said
    assert f"ru: {ARTICLE} is off the site" in again.stderr


def test_outdated_skip_is_in_the_report(example_copy: Path) -> None:
    set_outdated(example_copy, "skip")
    edit_source(example_copy)
    report = build(example_copy)
    assert report.languages["ru"].off == {ARTICLE: "outdated = skip"}
    assert report.published["ru"] == 2


def test_outdated_fallback_shows_the_changed_segment_in_polish(example_copy: Path) -> None:
    set_outdated(example_copy, "fallback")
    edit_source(example_copy)
    report = build(example_copy)
    assert ARTICLE in report.languages["ru"].outdated
    page = (example_copy / "site" / RU_PAGE).read_text(encoding="utf-8")
    assert '<span lang="pl">' in page and "50 osób" in page
    assert 'class="notice"' in page
    assert "Гродно" in page  # the other segments stay translated


def test_keep_after_update_uses_the_fuzzy_entry(example_copy: Path) -> None:
    edit_source(example_copy)
    update(example_copy)
    po = example_copy / "locales/ru/LC_MESSAGES/articles" / f"{ARTICLE}.po"
    assert "#, fuzzy" in po.read_text(encoding="utf-8")
    report = build(example_copy)
    assert ARTICLE in report.languages["ru"].outdated
    page = (example_copy / "site" / RU_PAGE).read_text(encoding="utf-8")
    assert "48 человек" in page


def test_an_unknown_outdated_value_names_the_line(example_copy: Path) -> None:
    set_outdated(example_copy, "drop")
    before = (example_copy / "multipub.toml").read_bytes()
    result = run("build", "-p", str(example_copy))
    assert result.returncode == 2
    line = before.decode().splitlines().index('outdated = "drop"') + 1
    assert f"multipub.toml:{line}: outdated: 'drop' is not one of: keep, fallback, skip" \
        in result.stderr
    assert not (example_copy / "site").exists()


@pytest.mark.parametrize(("policy", "site"), [("keep", "published-outdated"),
                                              ("fallback", "published-outdated"),
                                              ("skip", "off")])
def test_decide_follows_the_policy(policy: str, site: str) -> None:
    cfg = Config("pl", ("ru",), outdated=policy)
    decision = decide(cfg, "catalog", percent=90.0, reach=100.0, changed=2)
    assert decision.site == site
    assert decision.advertised is (site != "off")


def test_decide_a_partial_translation_is_off_whatever_the_policy() -> None:
    cfg = Config("pl", ("ru",), outdated="keep")
    decision = decide(cfg, "catalog", percent=50.0, reach=80.0, changed=1)
    assert (decision.site, decision.reason) == ("off", "below publish_threshold 100%: 50%")
    fallback = decide(Config("pl", ("ru",), fallback="fallback"), "none")
    assert fallback.site == "fallback" and not fallback.advertised


def test_outdated_fallback_keeps_the_title_and_address(example_copy: Path) -> None:
    set_outdated(example_copy, "fallback")
    source = example_copy / "content" / ARTICLE / "pl.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("## Program warsztatów", "## Program warsztatów 2024")
                      .replace("pozarządowych\n", "pozarządowych 2024\n", 1), encoding="utf-8")
    build(example_copy)
    page = (example_copy / "site" / RU_PAGE).read_text(encoding="utf-8")  # the same address
    assert '<span lang="pl">Program warsztatów 2024</span>' in page
    assert "<h1>Тренинги" in page  # the title keeps its last translation


def test_outdated_skip_with_fallback_pages_gives_a_fallback_page(example_copy: Path) -> None:
    from multipub import status

    config = example_copy / "multipub.toml"
    config.write_text(config.read_text(encoding="utf-8")
                      + 'outdated = "skip"\nfallback = "fallback"\n', encoding="utf-8")
    edit_source(example_copy)
    report = build(example_copy)
    assert report.fallbacks["ru"] == 1 and ARTICLE not in report.languages["ru"].outdated
    cell = status(example_copy).cell(ARTICLE, "ru")
    assert (cell.site, cell.reason) == ("fallback", "outdated = skip; the original is shown")
    sitemap = (example_copy / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "/ru/szkolenia" not in sitemap and "treningi-dlia" not in sitemap
