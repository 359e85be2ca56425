"""Tests of multipub.cache.documents and the one place of the project cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from multipub.cache import CACHE_ROOT, cache_path
from multipub.content.syntax import DEFAULT_SYNTAX, MarkdownSyntax
from multipub.project.model import load_project

from ..conftest import ARTICLE, write


def test_every_cache_lives_under_the_one_cache_root(project_dir: Path) -> None:
    from multipub.cache.documents import DocumentCache, SourceHashCache
    from multipub.cache.inputs import CACHE_DIR, stats_path
    from multipub.quality.status import CACHE_PATH

    root = cache_path(project_dir, "")
    assert root == project_dir / CACHE_ROOT
    assert (project_dir / CACHE_DIR).parent == root and (project_dir / CACHE_PATH).parent == root
    assert stats_path(project_dir, project_dir / "site").parent == project_dir / CACHE_DIR
    for cache in (DocumentCache(project_dir), SourceHashCache(project_dir)):
        assert cache.path.parent == root


def test_source_hashes_come_from_the_cache(project_dir: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A second load takes the source hash of an unchanged source from
    ``source-hashes.jsonl``; a damaged line (say, cut short by a kill) is computed
    again; the earlier cache file (one JSON object) is removed."""
    import multipub.content.segment as segment

    write(project_dir / "content" / "klastry" / "ru.md", "---\ntitle: Кластеры\n---\nТекст.\n")
    old = cache_path(project_dir, "source-hashes.json")
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_text("{}", encoding="utf-8")
    first = load_project(project_dir).article("klastry").known_hash
    path = cache_path(project_dir, "source-hashes.jsonl")
    assert path.is_file() and not old.exists()
    hashed: list[str] = []
    real = segment.source_hash

    def counting(text: str, shown: str, syntax: MarkdownSyntax = DEFAULT_SYNTAX) -> str:
        hashed.append(shown)
        return real(text, shown, syntax)

    monkeypatch.setattr(segment, "source_hash", counting)
    assert load_project(project_dir).article("klastry").known_hash == first
    assert hashed == []
    header, line = path.read_bytes().split(b"\n")[:2]
    path.write_bytes(header + b"\n" + line[:-3])  # the line cut short
    assert load_project(project_dir).article("klastry").known_hash == first
    assert hashed == ["content/klastry/pl.md"]
    # an edited source is hashed again
    write(project_dir / "content" / "klastry" / "pl.md",
          ARTICLE.replace("cykl spotkań", "cykl spotkań informacyjnych"))
    assert load_project(project_dir).article("klastry").known_hash != first
