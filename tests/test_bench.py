"""Smoke test of the benchmark suite (bench/): the generator and the runner work.

No timing assertions: the figures live in bench/README.md.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    return _module("generate")


def test_translate_keeps_markup_and_urls(generate: ModuleType) -> None:
    text = "Projekt **w Mińsku** i [szkolenia](https://example.org/szkolenia-w)."
    assert generate.translate(text, "ru") == (
        "Проект **в Минске** и [тренинги](https://example.org/szkolenia-w).")
    assert generate.translate("współpraca rozwojowa", "be") == "супрацоўніцтва ў мэтах развіцця"


def test_generator_is_deterministic_and_loads(generate: ModuleType, tmp_path: Path) -> None:
    import multipub

    first, second = tmp_path / "a", tmp_path / "b"
    counts = generate.generate(first, 3, seed=7)
    generate.generate(second, 3, seed=7)
    assert _tree(first) == _tree(second)
    assert counts["articles"] == 3

    project = multipub.load_project(first)
    assert len(project.articles) == 3
    for article in project.articles:
        assert article.source.title
        assert 2 <= len(article.tags) <= 4
        assert 250 <= len(article.source.doc.body.split()) <= 900
        for version in article.handwritten.values():
            assert not article.is_outdated(version.language)
    other = tmp_path / "c"
    generate.generate(other, 3, seed=8)
    assert _tree(other) != _tree(first)


def test_runner_prints_the_table(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--articles", "3", "--repeat", "1",
         "--only", "floor", "--work", str(tmp_path / "work")],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[1].startswith("| benchmark")
    floor = next(line for line in lines if "| floor " in line)
    assert "ms/page" in floor and "info" in floor


def test_memory_bench_prints_its_table(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(BENCH / "bench_memory.py"), "--articles", "6", "--repeat", "1",
         "--work", str(tmp_path / "work")],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode in (0, 1), proc.stderr  # 1: over the target (no timing asserted)
    assert "| steady |" in proc.stdout and "steady ratio" in proc.stdout


def test_serve_bench_prints_its_table(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(BENCH / "bench_serve.py"), "--articles", "8", "--edits", "2",
         "--no-hugo", "--work", str(tmp_path / "work")],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode in (0, 1), proc.stderr  # 1: over the target (no timing asserted)
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| multipub serve")]
    assert len(rows) == 3
    assert rows[0].split(" | ")[-1] in ("PASS |", "FAIL |")
    assert not (tmp_path / "work/serve-a8-s1").exists()
