"""Shared fixtures: small real projects on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "polska-pomoc"


def write(path: Path, text: str) -> Path:
    """Write UTF-8 *text* to *path*, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def png(width: int = 64, height: int = 40, shade: int = 0) -> bytes:
    """The bytes of a real PNG image (a gradient; *shade* makes another one)."""
    import io

    from PIL import Image

    image = Image.new("RGB", (width, height))
    image.putdata([((x * 255 // width + shade) % 256, (y * 255 // height) % 256, shade % 256)
                   for y in range(height) for x in range(width)])
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under *root* with its bytes, to prove nothing changed."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".multipub-cache" not in p.parts and p.name != ".multipub.lock"
    }


CONFIG = 'source_language = "pl"\nlanguages = ["ru", "be"]\ntitle = "Polska pomoc"\n'

ARTICLE = """---
title: Klastry na Białorusi
date: 2024-03-05
tags: [Białoruś, gospodarka]
summary: Polscy eksperci opowiadają o klastrach.
---

W sześciu największych miastach Białorusi trwa cykl spotkań.

## Eksperci

Ekspertami prowadzącymi spotkania są specjaliści z doświadczeniem.
"""


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    """A minimal valid project with one article."""
    root = tmp_path / "site-project"
    write(root / "multipub.toml", CONFIG)
    write(root / "content" / "klastry" / "pl.md", ARTICLE)
    return root


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled example project."""
    if not EXAMPLE.is_dir():
        pytest.skip("the bundled example is not present")
    dest = tmp_path / "polska-pomoc"
    shutil.copytree(EXAMPLE, dest, ignore=shutil.ignore_patterns("site", ".multipub-cache"))
    return dest
