"""``stamp`` keeps the source it was stamped against; ``diff`` shows what changed since."""

from __future__ import annotations

from pathlib import Path

import pytest

from multipub.cli import main
from multipub.commands.stamp import NO_CHANGE, diff, snapshot_name, stamp
from multipub.errors import ContentError
from multipub.project.model import load_project

from ..conftest import ARTICLE, snapshot, write

TRANSLATION = "---\ntitle: Кластеры в Беларуси\n---\n\nТекст.\n"


def _project(project_dir: Path) -> Path:
    write(project_dir / "content" / "klastry" / "ru.md", TRANSLATION)
    return project_dir


def test_stamp_writes_the_snapshot(project_dir: Path) -> None:
    root = _project(project_dir)
    assert stamp(root, "klastry", "ru") is True
    name = snapshot_name(load_project(root), "klastry", "ru")
    assert name == "content/klastry/.stamps/ru.pl.md"
    assert (root / name).read_text(encoding="utf-8") == ARTICLE
    assert stamp(root, "klastry", "ru") is False
    # the snapshot is neither a language version nor an asset
    article = load_project(root).article("klastry")
    assert set(article.handwritten) == {"ru"} and article.assets == ()
    assert diff(root, "klastry", "ru") == NO_CHANGE


def test_stamp_restores_a_missing_snapshot(project_dir: Path) -> None:
    root = _project(project_dir)
    stamp(root, "klastry", "ru")
    (root / "content" / "klastry" / ".stamps" / "ru.pl.md").unlink()
    assert stamp(root, "klastry", "ru") is True
    assert diff(root, "klastry", "ru") == NO_CHANGE


def test_diff_shows_the_source_change(project_dir: Path) -> None:
    root = _project(project_dir)
    stamp(root, "klastry", "ru")
    source = root / "content" / "klastry" / "pl.md"
    source.write_text(ARTICLE.replace("sześciu", "siedmiu"), encoding="utf-8")
    assert diff(root, "klastry", "ru") == (
        "--- a/content/klastry/pl.md (stamped)\n"
        "+++ b/content/klastry/pl.md\n"
        "@@ -5,7 +5,7 @@\n"
        " summary: Polscy eksperci opowiadają o klastrach.\n"
        " ---\n"
        " \n"
        "-W sześciu największych miastach Białorusi trwa cykl spotkań.\n"
        "+W siedmiu największych miastach Białorusi trwa cykl spotkań.\n"
        " \n"
        " ## Eksperci\n"
        " \n"
    )


def test_diff_marks_a_missing_final_newline(project_dir: Path) -> None:
    root = _project(project_dir)
    stamp(root, "klastry", "ru")
    source = root / "content" / "klastry" / "pl.md"
    source.write_text(ARTICLE.rstrip("\n"), encoding="utf-8")
    assert diff(root, "klastry", "ru").endswith(
        "-Ekspertami prowadzącymi spotkania są specjaliści z doświadczeniem.\n"
        "+Ekspertami prowadzącymi spotkania są specjaliści z doświadczeniem.\n"
        "\\ No newline at end of file\n")


def test_diff_of_a_translation_never_stamped(project_dir: Path) -> None:
    root = _project(project_dir)
    with pytest.raises(ContentError) as caught:
        diff(root, "klastry", "ru")
    assert str(caught.value) == (
        "content/klastry/ru.md:1: never stamped: there is no stamped source to compare with; "
        "when the translation matches the source, run `multipub stamp klastry ru`")


def test_diff_of_a_stamp_without_snapshot(project_dir: Path) -> None:
    root = _project(project_dir)
    stamp(root, "klastry", "ru")
    (root / "content" / "klastry" / ".stamps" / "ru.pl.md").unlink()
    with pytest.raises(ContentError) as caught:
        diff(root, "klastry", "ru")
    assert str(caught.value) == (
        "content/klastry/ru.md:3: stamped before multipub kept the stamped source "
        "(content/klastry/.stamps/ru.pl.md is missing), so what changed cannot be shown; "
        "check the translation against content/klastry/pl.md, then run "
        "`multipub stamp klastry ru`")


def test_diff_of_a_snapshot_that_is_not_the_stamped_source(project_dir: Path) -> None:
    root = _project(project_dir)
    stamp(root, "klastry", "ru")
    write(root / "content" / "klastry" / ".stamps" / "ru.pl.md", "---\ntitle: Inny\n---\n")
    with pytest.raises(ContentError, match=r"^content/klastry/ru\.md:3: content/klastry/"
                       r"\.stamps/ru\.pl\.md is not the source this translation was stamped"):
        diff(root, "klastry", "ru")


def test_diff_of_a_catalogue_backed_or_source_version(project_dir: Path) -> None:
    root = _project(project_dir)
    with pytest.raises(ContentError, match=r"^no hand-written translation content/klastry/"
                       r"be\.md; only hand-written translations are compared with a stamp"):
        diff(root, "klastry", "be")
    with pytest.raises(ContentError, match="'pl' is the source language"):
        diff(root, "klastry", "pl")


def test_diff_command(project_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(project_dir)
    before = snapshot(root)
    assert main(["diff", "klastry", "ru", "-p", str(root)]) == 2
    assert capsys.readouterr().err.startswith("content/klastry/ru.md:1: never stamped")
    assert snapshot(root) == before
    assert main(["stamp", "klastry", "ru", "-p", str(root)]) == 0
    capsys.readouterr()
    assert main(["diff", "klastry", "ru", "-p", str(root)]) == 0
    assert capsys.readouterr().out == "no change since the stamp\n"
    source = root / "content" / "klastry" / "pl.md"
    source.write_text(ARTICLE.replace("## Eksperci", "## Prowadzący"), encoding="utf-8")
    assert main(["diff", "klastry", "ru", "-p", str(root)]) == 0
    out = capsys.readouterr().out
    assert "-## Eksperci\n+## Prowadzący\n" in out and out.endswith("\n")


def test_the_example_shows_what_its_outdated_translation_missed(example_copy: Path) -> None:
    assert diff(example_copy, "klastry-na-bialorusi", "ru") == NO_CHANGE
    changes = diff(example_copy, "stypendia-dla-studentow", "ru")
    assert "-W roku akademickim 2020/2021 przewidziano 150 stypendiów." in changes
    assert "+W roku akademickim 2020/2021 przewidziano 200 stypendiów." in changes
    assert changes.count("\n-") == 2 and changes.count("\n+") == 3  # 2 lines, +++ header


def test_check_points_an_outdated_translation_to_diff(project_dir: Path) -> None:
    from multipub.quality.checks import run_checks

    root = _project(project_dir)
    stamp(root, "klastry", "ru")
    source = root / "content" / "klastry" / "pl.md"
    source.write_text(ARTICLE.replace("sześciu", "siedmiu"), encoding="utf-8")
    [finding] = run_checks(load_project(root), select=["outdated"]).findings
    assert "; `multipub diff klastry ru` shows what changed; bring it up to date" in str(finding)
    (root / "content" / "klastry" / ".stamps" / "ru.pl.md").unlink()
    [finding] = run_checks(load_project(root), select=["outdated"]).findings
    assert "multipub diff" not in str(finding)
