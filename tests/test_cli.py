"""The command line: init, help, exit codes, messages without tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from multipub.cli import main
from multipub.project.model import load_project

from .conftest import snapshot, write


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "multipub", *args], capture_output=True, text=True, cwd=cwd,
        check=False,
    )


def test_help_lists_every_command() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("init", "extract", "update", "compile", "status", "check", "build",
                    "detect", "stamp", "diff"):
        assert f"  {command} " in result.stdout


def test_init_creates_a_loadable_project(tmp_path: Path) -> None:
    result = run("init", "mysite", "--source", "pl", "--languages", "ru,be", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    project = load_project(tmp_path / "mysite")
    assert project.config.languages == ("ru", "be")
    assert [a.id for a in project.articles] == ["welcome"]
    assert project.articles[0].source.title == "Witamy w multipub"
    assert project.config.title == "Mysite"
    # Belarusian in Łacinka is one uncommented line away
    config = tmp_path / "mysite" / "multipub.toml"
    text = config.read_text(encoding="utf-8")
    assert project.config.derived_languages == ()
    config.write_text(text.replace("# derived_languages", "derived_languages"), encoding="utf-8")
    assert [d.code for d in load_project(tmp_path / "mysite").config.derived_languages] == [
        "be-Latn"]


def test_init_title_from_option_or_folder(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path / "nasz-serwis_ngo")]) == 0
    assert load_project(tmp_path / "nasz-serwis_ngo").config.title == "Nasz serwis ngo"
    title = 'Wiadomości "z Grodna" \\ 2024'
    assert main(["init", str(tmp_path / "b"), "--title", title]) == 0
    assert load_project(tmp_path / "b").config.title == title
    (tmp_path / "here").mkdir()
    assert run("init", cwd=tmp_path / "here").returncode == 0
    assert load_project(tmp_path / "here").config.title == "Here"


def test_init_other_languages(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path / "s"), "--source", "de", "--languages", "fr"]) == 0
    project = load_project(tmp_path / "s")
    assert project.config.source_language == "de"
    assert project.articles[0].source.path.name == "de.md"
    assert "derived_languages" not in (tmp_path / "s" / "multipub.toml").read_text("utf-8")


def test_init_refuses_existing_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path)]) == 0
    before = snapshot(tmp_path)
    assert main(["init", str(tmp_path)]) == 2
    assert "exists already" in capsys.readouterr().err
    assert snapshot(tmp_path) == before


def test_init_unknown_language(tmp_path: Path) -> None:
    result = run("init", "x", "--languages", "ru,by", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "multipub: 'by' is not a language CLDR knows\n"
    assert not (tmp_path / "x").exists()


def test_bad_config_exit_2_without_traceback(project_dir: Path) -> None:
    write(project_dir / "multipub.toml", 'source_language = "pl"\nlanguages = ["by"]\n')
    result = run("stamp", "klastry", "ru", "-p", str(project_dir))
    assert result.returncode == 2
    assert result.stderr == "multipub.toml:2: languages: 'by' is not a language CLDR knows\n"
    assert "Traceback" not in result.stderr


def test_usage_error_exit_2() -> None:
    result = run("status", "--format", "pdf")
    assert result.returncode == 2
    assert "Invalid value for '--format'" in result.stderr


def test_stamp(project_dir: Path) -> None:
    translation = write(
        project_dir / "content" / "klastry" / "ru.md",
        "---\ntitle: 'Кластеры в Беларуси'  # keep\n---\n\nТекст.\n",
    )
    project = load_project(project_dir)
    assert project.articles[0].is_outdated("ru")
    result = run("stamp", "klastry", "ru", "-p", str(project_dir))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "stamped: content/klastry/ru.md\n"
    text = translation.read_text(encoding="utf-8")
    digest = load_project(project_dir).articles[0].source_hash
    assert text == (
        "---\ntitle: 'Кластеры в Беларуси'  # keep\n"
        f"translated_from: {digest}\n---\n\nТекст.\n"
    )
    assert not load_project(project_dir).articles[0].is_outdated("ru")
    assert run("stamp", "klastry", "ru", "-p", str(project_dir)).stdout == (
        "already current: content/klastry/ru.md\n")


def test_stamp_errors(project_dir: Path) -> None:
    before = snapshot(project_dir)
    result = run("stamp", "klastry", "be", "-p", str(project_dir))
    assert result.returncode == 2
    assert result.stderr.startswith("no hand-written translation content/klastry/be.md;")
    result = run("stamp", "nope", "be", "-p", str(project_dir))
    assert result.returncode == 2
    assert result.stderr == "no article \"nope\" in content/ (articles: klastry)\n"
    assert snapshot(project_dir) == before


def test_the_command_collects_cycles_seldom(monkeypatch: pytest.MonkeyPatch) -> None:
    """``run`` (the console script, ``python -m multipub``) raises the collector's first
    threshold for its one short process; ``main`` (used by library callers) does not."""
    import gc

    from multipub import cli

    before = gc.get_threshold()
    left: list[int] = []

    def leave(code: int) -> None:
        left.append(code)
        raise SystemExit(code)

    monkeypatch.setattr(cli, "main", lambda argv=None: 3)
    monkeypatch.setattr(cli, "leave", leave)
    try:
        with pytest.raises(SystemExit):
            cli.run()
        assert left == [3] and gc.get_threshold()[0] == 200_000
    finally:
        gc.set_threshold(*before)


def test_the_command_leaves_with_its_status_and_all_its_output(tmp_path: Path) -> None:
    """The console script ends without freeing its objects (``os._exit``), after
    flushing what it printed, even into a pipe, and with the command's exit status."""
    script = ("import sys\nfrom multipub import cli\n"
              "cli.main = lambda argv=None: (sys.stdout.write('x' * 100000), 5)[1]\ncli.run()\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 5 and done.stdout == "x" * 100000
    bad = subprocess.run([sys.executable, "-m", "multipub", "build", "-p",
                          str(tmp_path / "nope")], capture_output=True, text=True)
    assert bad.returncode != 0 and "nope" in bad.stderr


def test_status_of_one_language_and_article(example_copy: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["status", "-p", str(example_copy), "--format", "json", "-l", "be",
                 "szkolenia-dla-ngo"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["languages"] == ["be"]
    assert [a["id"] for a in data["articles"]] == ["szkolenia-dla-ngo"]
    assert list(data["articles"][0]["translations"]) == ["be"]
    assert main(["status", "-p", str(example_copy), "no-such-article"]) == 2
    assert "not an article of this project: no-such-article" in capsys.readouterr().err


def test_one_bad_document_does_not_stop_extract(project_dir: Path) -> None:
    write(project_dir / "content" / "zly" / "pl.md", "---\ntitle: Zły\ndate: 2024-02-30\n---\nX.\n")
    write(project_dir / "content" / "hugo_config" / "pl.md",
          "---\ntitle: Hugo\ndate: 2024-01-01\n---\nTekst.\n")
    result = run("extract", "-p", str(project_dir))
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("extract: 3 written")
    assert lines[1:] == [
        "content/zly/pl.md:3: date: 2024-02-30 is not a date: day is out of range for month; "
        "write a real date as YYYY-MM-DD",
        "multipub: left out content/zly, locales/tags.pot (see above); everything else was done"]
    assert (project_dir / "locales/articles/hugo-config.pot").is_file()
    assert (project_dir / "locales/articles/klastry.pot").is_file()
def test_detect_a_real_lacinka_catalogue(tmp_path: Path) -> None:
    """Debian's GNOME be@latin catalogue of metacity (GPL-2+), through msgunfmt."""
    po = Path(__file__).resolve().parent / "data" / "po" / "metacity-be@latin.po"
    result = run("detect", str(po))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{po}: be-Latn (")
    assert run("detect", "--expect", "be-Latn", str(po)).returncode == 0
    assert run("detect", "--expect", "be@latin", str(po)).returncode == 0
    assert run("detect", "--expect", "pl", str(po)).returncode == 1
    assert run("detect", "--expect", "be", str(po)).returncode == 1


def test_status_json_to_a_file_is_the_printed_report(example_copy: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "-p", str(example_copy), "--format", "json"]) == 0
    printed = capsys.readouterr().out
    target = example_copy / "status.json"
    assert main(["status", "-p", str(example_copy), "--format", "json", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == printed
    # a folder as the output: a clear error, exit 2, nothing written beside it
    before = sorted(p.name for p in example_copy.iterdir())
    assert main(["status", "-p", str(example_copy), "--format", "json", "-o",
                 str(example_copy / "content")]) == 2
    assert "content: is a folder, expected a file" in capsys.readouterr().err
    assert sorted(p.name for p in example_copy.iterdir()) == before
