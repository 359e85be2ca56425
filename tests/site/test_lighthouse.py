"""Lighthouse-style basics over every page the bundled example and a generated project
build to, without running Lighthouse: every image has a width, a height and an alt
text; every page has one ``<h1>``, a ``lang``, a meta description, a title; no page
is over 100 KB of HTML; every image a page names exists."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest

from multipub.commands.build import build
from multipub.project.model import load_project

from ..commands.test_build import CONFIG, make_project
from ..conftest import EXAMPLE

LIMIT = 100 * 1024


def built(kind: str, tmp: Path) -> Path:
    if kind == "example":
        root = tmp / "polska-pomoc"
        shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("site", ".multipub-cache"))
    else:
        root = make_project(tmp / "p", CONFIG + 'fallback = "fallback"\n')
    build(load_project(root))
    return root / "site"


@pytest.mark.parametrize("kind", ["example", "generated"])
def test_every_page_meets_the_basics(kind: str, tmp_path: Path) -> None:
    site = built(kind, tmp_path)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 15
    for path in pages:
        rel = path.relative_to(site).as_posix()
        data = path.read_bytes()
        assert len(data) < LIMIT, rel
        doc = lxml.html.fromstring(data)
        assert doc.get("lang"), rel
        assert len(doc.xpath("//h1")) == 1, rel
        assert doc.xpath("string(//title)").strip(), rel
        assert [d.strip() != "" for d in doc.xpath("//meta[@name='description']/@content")] == [
            True], rel
        assert doc.xpath("//meta[@name='viewport']"), rel
        for img in doc.xpath("//img"):
            assert img.get("width") and img.get("height"), (rel, img.get("src"))
            assert img.get("alt"), (rel, img.get("src"))
            for url in [img.get("src"), *(part.split()[0] for part in
                                          (img.get("srcset") or "").split(",") if part)]:
                target = (path.parent / unquote(urlsplit(url).path)).resolve()
                assert target.is_file(), (rel, url)
        for source in doc.xpath("//source"):
            for part in source.get("srcset").split(","):
                target = (path.parent / unquote(part.split()[0])).resolve()
                assert target.is_file(), (rel, part)
