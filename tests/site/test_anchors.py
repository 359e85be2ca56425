"""Stable heading ids across versions, and the build's report of fragment links."""

from __future__ import annotations

from pathlib import Path

from multipub.commands.build import build
from multipub.commands.catalogs import update
from multipub.gettext.pofile import read_catalog, write_catalog
from multipub.project.model import load_project
from multipub.site.anchors import page_fragments, unresolved
from multipub.site.markdown import MarkdownRenderer

from ..conftest import write

SOURCE = """---
title: Instalacja programu
date: 2024-03-05
---

Zobacz [instalację](#instalacja) i [koniec](#brak).

## Instalacja

Tekst.

## Konfiguracja {#config}

Tekst.

## Uwagi
"""

RU = """---
title: Установка программы
---

Смотрите [установку](#instalacja).

## Установка

Текст.

## Настройка {#config}

## Замечания

## Лишний раздел
"""


def test_translated_headings_take_the_source_ids_by_position() -> None:
    source = MarkdownRenderer("pl")
    source.render(SOURCE.split("---\n", 2)[2])
    assert source.heading_ids == ("instalacja", "config", "uwagi")
    ru = MarkdownRenderer("ru")
    html = ru.render(RU.split("---\n", 2)[2], anchors=source.heading_ids)
    # the extra heading of the hand-written version keeps an id of its own
    assert ru.heading_ids == ("instalacja", "config", "uwagi", "lishnii-razdel")
    assert '<h2 id="instalacja">Установка</h2>' in html
    assert ru.render("## Установка\n").startswith('<h2 id="ustanovka">')  # no anchors given


def test_unresolved_links_within_and_across_pages() -> None:
    pages = {
        "pl/a/index.html": page_fragments('<h2 id="x">X</h2><a href="#x">.</a>'
                                          '<a href="#nie">.</a><a href="../b/#y">.</a>'),
        "pl/b/index.html": page_fragments('<p id="z"></p><a href="../a/#x">.</a>'
                                          '<a href="https://e.org/#q">.</a>'),
    }
    assert list(unresolved(pages)) == [("pl/a/index.html", "#nie"),
                                       ("pl/a/index.html", "../b/#y")]


def test_build_reports_fragment_links_that_point_nowhere(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write(root / "multipub.toml", 'source_language = "pl"\nlanguages = ["ru", "be"]\n')
    write(root / "content" / "inst" / "pl.md", SOURCE)
    write(root / "content" / "inst" / "ru.md", RU)
    update(load_project(root))
    po = root / "locales/be/LC_MESSAGES/articles/inst.po"
    catalog = read_catalog(po)
    names = {"Instalacja programu": "Устаноўка праграмы", "Instalacja": "Устаноўка",
             "Konfiguracja {#config}": "Налады {#config}", "Uwagi": "Заўвагі",
             "Tekst.": "Тэкст.",
             "Zobacz [instalację](#instalacja) i [koniec](#brak).":
                 "Глядзі [устаноўку](#instalacja) і [канец](#niama)."}
    for message in catalog.messages:
        message.msgstr = names.get(message.msgid, message.msgid)
    write_catalog(catalog, po)
    report = build(root, tmp_path / "site")
    be = (tmp_path / "site/be/ustanowka-pragramy/index.html").read_text(encoding="utf-8")
    assert '<h2 id="instalacja">Устаноўка</h2>' in be and '<h2 id="uwagi">' in be
    ru = (tmp_path / "site/ru/ustanovka-programmy/index.html").read_text(encoding="utf-8")
    assert '<h2 id="instalacja">Установка</h2>' in ru
    shown = [str(p) for p in report.fragments]
    assert shown == [
        "content/inst/pl.md:6: warning: the link to #brak finds no heading or anchor with "
        "the id brak on pl/instalacja-programu/index.html",
        f"locales/be/LC_MESSAGES/articles/inst.po:{_line(po, '(#niama)')}: warning: the link "
        "to #niama finds no heading or anchor with the id niama on "
        "be/ustanowka-pragramy/index.html",
    ]


def _line(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text[:text.index(needle)].count("\n") + 1
