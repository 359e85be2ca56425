"""Tests of multipub.content.derived: whole articles made in another script."""
# ruff: noqa: E501  (an expected article has a paragraph written on one line)

from __future__ import annotations

from pathlib import Path

from multipub.content.derived import SCRIPTS, derive_document, reference_labels
from multipub.content.frontmatter import parse_document

ARTICLE = """---
title: "Навіны: з'езд у Менску"
date: 2026-12-03
tags: [навіны, Беларусь]
image:
  src: фота.jpg
  caption: Удзельнікі з'езду
  credit: Фота — Янка
---
# Дзень першы

Сёння ў [Менску][горад] пачаўся з'езд. Гл. [Мінск] і `код-ёлка`,
а таксама <abbr title="Беларуская">БНФ</abbr>.

- пункт адзін
- пункт **два**

| Горад | Колькасць |
| --- | --- |
| Гродна | 5 |

```python
print("прывітанне")
```

<div class="ціха">Сыры HTML-блок</div>

![Людзі на плошчы](людзі.jpg "Плошча")

[горад]: https://example.org/менск "Менск"
[Мінск]: https://example.org/мінск
"""


def test_every_segment_is_transliterated_and_the_rest_kept() -> None:
    out = derive_document(ARTICLE, "content/a/be.md", "lacinka")
    assert out == """---
title: "Naviny: zjezd u Miensku"
date: 2026-12-03
tags: [навіны, Беларусь]
image:
  src: фота.jpg
  caption: Udzielniki zjezdu
  credit: Fota — Janka
---
# Dzień pieršy

Siońnia ŭ [Miensku][горад] pačaŭsia zjezd. Hł. [Мінск] i `код-ёлка`, a taksama <abbr title="Беларуская">BNF</abbr>.

- punkt adzin
- punkt **dva**

| Horad | Kolkaść |
| --- | --- |
| Hrodna | 5 |

```python
print("прывітанне")
```

<div class="ціха">Сыры HTML-блок</div>

![Ludzi na płoščy](людзі.jpg "Płošča")

[горад]: https://example.org/менск "Miensk"
[Мінск]: https://example.org/мінск
"""
    doc = parse_document(out, "be-Latn.md")
    assert doc.meta["title"] == "Naviny: zjezd u Miensku"
    assert doc.meta["tags"] == ["навіны", "Беларусь"]  # tags are named per language elsewhere


def test_labels_and_registry() -> None:
    assert reference_labels(ARTICLE) == {"горад", "мінск"}
    script = SCRIPTS["lacinka"]
    assert (script.source, script.code) == ("be", "be-Latn")


def test_example_project_articles(tmp_path: Path) -> None:
    """The bundled example's Belarusian articles (catalogue-backed) come out without Cyrillic
    outside front-matter keys' values that are not text (tags, image paths)."""
    from multipub.commands.catalogs import localized_article
    from multipub.project.model import load_project

    root = Path(__file__).resolve().parents[2] / "examples" / "polska-pomoc"
    project = load_project(root)
    for article in project.articles:
        found = localized_article(project, article, "be")
        assert found is not None
        out = derive_document(found.text, "be.md", "lacinka")
        doc = parse_document(out, "be-Latn.md")
        body = out[doc.body_offset:]
        assert not any("\u0400" <= c <= "\u04ff" for c in body + doc.meta["title"])
        assert out.count("\n") == found.text.count("\n")
