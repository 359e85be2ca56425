"""The corpus of bad inputs: every case is a delta on a small valid project.

The cases live in ``corpus/cases.toml`` (a table, easy to extend); each names
the files to write, replace or remove, symlinks to make, the command to run,
and the exact exit status and standard error expected.  Every case runs the
real command line in a subprocess (``python -m multipub <cmd> -p <project>``)
and checks:

- the exit status (2 for bad input, 0 for input that must be read correctly);
- standard error, exactly: ``path:line: message`` lines, paths relative to the
  project, 1-based lines, no traceback;
- every file of the project (and of a folder outside it) byte-identical
  afterwards, the cache and the lock excepted; a command that goes on with
  the other documents after a bad one (``extract``, ``update``, ``build``) may
  write their files, but never one under ``content/`` nor one a problem names;
- for commands that go on after a bad file (``status``, ``check``): the report
  of the other files is still printed (``stdout_has`` / ``catalogs``).

The line a command prints at its end (``update: 3 written, ... (0.41 s)``)
holds a time, so it is left out of the comparison of standard error.

Case keys (all optional but ``name``, ``cmd``, ``exit``)::

    name      unique id                    cmd      arguments after ``-p <project>`` is added
    exit      expected exit status         stderr   exact standard error (placeholders below)
    files     {path: text} to write        encode   {path: codec} to encode that text with
    replace   [{path, old, new}] edits     crlf     [path]: LF -> CRLF after the other edits
    remove    [path]                       mkdir    [path]
    symlinks  {path: target}               generate name of a generator function below
    stdout_has [text] in stdout            catalogs {po path: [translated, fuzzy,
    unchanged  bool (default true)                    untranslated, obsolete]} (status json)
    after_has {path: text} in that file afterwards (UTF-8)
    site_has  {path: text} in the built site (build with ``-o {outside}/../site``)
    xfail     "BUG: ..." (strict)

Placeholders in texts, targets and ``stderr``: ``{project}`` (absolute path of
the project), ``{outside}`` (a folder next to it that must never be touched),
``{header_ru}`` (the standard ``ru`` catalogue header, 12 lines).
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from .helpers import (
    CORPUS,
    Run,
    copy_base,
    diff_snapshots,
    has_traceback,
    multipub,
    snapshot,
)

CASES: list[dict[str, Any]] = tomllib.loads(
    (CORPUS / "cases.toml").read_text(encoding="utf-8"))["case"]

HEADER_RU = (CORPUS / "base" / "locales" / "ru" / "LC_MESSAGES" / "articles" / "kot.po").read_text(
    encoding="utf-8").split("\n\n", 1)[0]


def _expand(text: str, project: Path, outside: Path) -> str:
    return (text.replace("{project}", str(project)).replace("{outside}", str(outside))
            .replace("{header_ru}", HEADER_RU))


# -- generators of inputs too big or too odd for the table --------------------------------
def _big_po(project: Path) -> None:
    """A ~50 MB catalogue (about 200,000 entries) in place of the ru article catalogue."""
    path = project / "locales/ru/LC_MESSAGES/articles/kot.po"
    head = path.read_bytes()
    chunk = []
    for i in range(200_000):
        chunk.append(
            f'#. paragraph\n#: content/kot/pl.md:{i + 20}\n'
            f'msgid "Zdanie numer {i} o kocie, który siedział na dachu przez cały dzień i noc."\n'
            f'msgstr "Предложение номер {i} о коте, который сидел на крыше весь день и ночь."\n\n'
        )
    with path.open("wb") as fh:
        fh.write(head.rstrip(b"\n") + b"\n\n")
        fh.write("".join(chunk).rstrip("\n").encode("utf-8") + b"\n")
    assert path.stat().st_size > 50_000_000


def _yaml_bomb(project: Path) -> None:
    """Front matter with nested aliases ("billion laughs")."""
    lines = ["---", "title: Kot", "date: 2024-03-05", 'a0: &a0 ["x", "x", "x", "x"]']
    for i in range(1, 12):
        refs = ", ".join([f"*a{i - 1}"] * 8)
        lines.append(f"a{i}: &a{i} [{refs}]")
    lines += ["---", "Tekst.", ""]
    (project / "content/kot/pl.md").write_text("\n".join(lines), encoding="utf-8")


RU_KOT = "locales/ru/LC_MESSAGES/articles/kot.po"


def _bom(project: Path) -> None:
    path = project / RU_KOT
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


def _md_bom(project: Path) -> None:
    path = project / "content/kot/pl.md"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


def _binary_po(project: Path) -> None:
    """Bytes that are no text at all (a .mo-like binary) in place of a catalogue."""
    data = b"\xde\x12\x04\x95\x00\x00\x00\x00" + bytes(range(256)) * 4
    (project / "locales/ru/LC_MESSAGES/tags.po").write_bytes(data)


GENERATORS: dict[str, Callable[[Path], None]] = {
    "big_po": _big_po, "yaml_bomb": _yaml_bomb,
    "bom": _bom, "md_bom": _md_bom, "mo_as_po": _binary_po,
}


# -- preparing and running a case ---------------------------------------------------------
def prepare(case: dict[str, Any], workdir: Path) -> tuple[Path, Path]:
    """Make the project of *case* under *workdir*; return (project, outside)."""
    project = copy_base(workdir / "project")
    outside = workdir / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("do not read me\n", encoding="utf-8")
    (outside / "stolen.po").write_text(HEADER_RU + "\n", encoding="utf-8")
    (outside / "article").mkdir()
    (outside / "article" / "pl.md").write_text("---\ntitle: Obcy\ndate: 2024-01-01\n---\nX\n",
                                              encoding="utf-8")
    for rel in case.get("remove", []):
        target = project / rel
        if target.is_dir():
            import shutil

            shutil.rmtree(target)
        else:
            target.unlink()
    for rel in case.get("mkdir", []):
        (project / rel).mkdir(parents=True, exist_ok=True)
    for edit in case.get("replace", []):
        path = project / edit["path"]
        text = path.read_text(encoding="utf-8")
        old = _expand(edit["old"], project, outside)
        assert old in text, f"{case['name']}: {old!r} not in {edit['path']}"
        path.write_text(text.replace(old, _expand(edit["new"], project, outside), 1),
                        encoding="utf-8")
    for rel, text in case.get("files", {}).items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        codec = case.get("encode", {}).get(rel, "utf-8")
        path.write_bytes(_expand(text, project, outside).encode(codec))
    for rel in case.get("crlf", []):
        path = project / rel
        path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    for rel, target in case.get("symlinks", {}).items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            path.unlink()
        os.symlink(_expand(target, project, outside), path)
    if "generate" in case:
        GENERATORS[case["generate"]](project)
    return project, outside


_RESULTS: dict[str, tuple[Run, list[str], list[str], Path]] = {}


def _run_case(case: dict[str, Any], workdir: Path) -> tuple[Run, list[str], list[str], Path]:
    project, outside = prepare(case, workdir)
    before, before_out = snapshot(project), snapshot(outside)
    args = [_expand(a, project, outside) for a in case["cmd"]]
    run = multipub(args[0], "-p", str(project), *args[1:], cwd=workdir)
    changed = diff_snapshots(before, snapshot(project))
    changed_out = diff_snapshots(before_out, snapshot(outside))
    return run, changed, changed_out, project


@pytest.fixture(scope="session")
def corpus_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Run every case once, two at a time (the machine has two cores)."""
    if not _RESULTS:
        root = tmp_path_factory.mktemp("corpus")
        jobs = max(1, min(4, os.cpu_count() or 1))
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = {c["name"]: pool.submit(_run_case, c, root / c["name"]) for c in CASES}
            for name, future in futures.items():
                _RESULTS[name] = future.result()
    return _RESULTS


_GOES_ON = ("extract", "update", "build")
"""Commands that leave a bad document out and do the others (and then exit with 2)."""

_TIMING = re.compile(r"^(extract|update|build|compile): .* \(\d+\.\d+ s\)$")


def _without_timing(stderr: str) -> str:
    """*stderr* without the summary line that holds a time."""
    return "".join(line for line in stderr.splitlines(keepends=True)
                   if not _TIMING.match(line.rstrip("\n")))


def _param(case: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
    return pytest.param(case, id=case["name"], marks=marks)


def test_corpus_is_large_and_unique() -> None:
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))
    assert len(names) >= 40


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case(case: dict[str, Any], corpus_results: dict[str, Any]) -> None:
    run, changed, changed_outside, project = corpus_results[case["name"]]
    outside = project.parent / "outside"
    context = (f"{case['name']}: rc={run.returncode}\nstdout={run.stdout[:2000]}\n"
               f"stderr={run.stderr}")
    assert not has_traceback(run.stderr), context
    expected = _expand(case.get("stderr", ""), project, outside)
    assert _without_timing(run.stderr).rstrip("\n") == expected.rstrip("\n"), context
    assert run.returncode == case["exit"], context
    if run.returncode != 0:
        for line in run.stderr.splitlines():
            assert line.startswith(("multipub: ", "Error: ", "Usage: ")) or ":" in line, line
    if case.get("unchanged", True):
        goes_on = run.returncode == 2 and case["cmd"][0] in _GOES_ON
        named = {line.split(":", 1)[0] for line in run.stderr.splitlines()}
        wrong = [change for change in changed if not goes_on
                 or change.split(": ", 1)[1].startswith("content/")
                 or change.split(": ", 1)[1] in named]
        assert wrong == [], f"{case['name']}: files changed: {wrong}"
    assert changed_outside == [], f"{case['name']}: files outside changed: {changed_outside}"
    for text in case.get("stdout_has", []):
        assert _expand(text, project, outside) in run.stdout, context
    for rel, text in case.get("after_has", {}).items():
        assert text in (project / rel).read_text(encoding="utf-8"), rel
    for rel, text in case.get("site_has", {}).items():
        assert text in (project.parent / "site" / rel).read_text(encoding="utf-8"), rel
    if "catalogs" in case:
        report = json.loads(run.stdout)
        found = {c["path"]: [c["translated"], c["fuzzy"], c["untranslated"], c["obsolete"]]
                 for c in report["catalogs"]}
        for path, counts in case["catalogs"].items():
            assert found.get(path) == counts, (path, found)
