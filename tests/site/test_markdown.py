"""Markdown: article bodies to sanitised HTML, asset links."""

from __future__ import annotations

import lxml.html
import pytest

from multipub.site.markdown import MarkdownRenderer, sanitize


def test_markdown_features_and_cyrillic_anchors() -> None:
    renderer = MarkdownRenderer("ru")
    text = ("## Историческая справка\n\n## Историческая справка\n\nТекст[^1]\n"
            "{: #own-id }\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nx = 1\n```\n\n"
            "1. one\n2. two\n\n[^1]: Сноска.\n")
    doc = lxml.html.fromstring(f"<div>{renderer.render(text)}</div>")
    assert doc.xpath("//h2/@id") == ["istoricheskaia-spravka", "istoricheskaia-spravka_1"]
    assert doc.xpath("//table//td/text()") == ["1", "2"]
    assert doc.xpath("//pre/code/text()") == ["x = 1\n"]
    assert doc.xpath("//ol/li/text()")[:2] == ["one", "two"]
    assert doc.xpath("//p[@id='own-id']")
    assert doc.xpath("//a[@class='footnote-ref']/@href") == ["#fn:1"]
    assert doc.xpath("//li[@id='fn:1']")
    # state does not leak into the next document
    second = lxml.html.fromstring(f"<div>{renderer.render('## Историческая справка')}</div>")
    assert second.xpath("//h2/@id") == ["istoricheskaia-spravka"]
    assert second.xpath("//div[@class='footnote']") == []


def test_asset_links_are_rewritten() -> None:
    html = MarkdownRenderer("pl").render("![a](foto.png) [b](./foto.png#x) [c](other.png) "
                                         "[d](https://x.org/foto.png)",
                                         {"foto.png": "../../assets/a/foto.png"})
    doc = lxml.html.fromstring(html)
    assert doc.xpath("//img/@src") == ["../../assets/a/foto.png"]
    assert doc.xpath("//a/@href") == ["../../assets/a/foto.png#x", "other.png",
                                      "https://x.org/foto.png"]


def test_sanitize_and_trusted_html() -> None:
    evil = ('<p onclick="x()">a</p><script>alert(1)</script><img src=x onerror=alert(1)>'
            '<a href="javascript:alert(1)">j</a><a href="JaVaScRiPt:alert(1)">k</a>'
            '<iframe src="https://x.org"></iframe>'
            '<table><tr><th style="text-align:right;position:fixed">x</th></tr></table>')
    clean = sanitize(evil)
    for bad in ("onclick", "script", "onerror", "javascript", "JaVaScRiPt", "iframe", "position"):
        assert bad not in clean
    assert "text-align:right" in clean
    assert "<script>" in MarkdownRenderer("pl", trusted_html=True).render("<script>x</script>")


def test_sanitize_without_a_reusable_cleaner(monkeypatch: pytest.MonkeyPatch) -> None:
    """An nh3 without ``Cleaner`` sanitises through ``nh3.clean`` with the same rules."""
    import nh3

    from multipub.site.markdown import _cleaner

    html = MarkdownRenderer("pl", trusted_html=True).render(
        "| a | b |\n|:-:|--:|\n| <b onclick=x>c</b> | [d](javascript:x) |\n\n"
        "Tekst[^1] <!-- c --> <img src=x onerror=y>\n\n[^1]: Przypis.\n")
    reusable = sanitize(html)
    assert "onclick" not in reusable and "javascript" not in reusable and "<!--" not in reusable
    _cleaner.cache_clear()
    monkeypatch.delattr(nh3, "Cleaner", raising=False)
    try:
        assert sanitize(html) == reusable
    finally:
        _cleaner.cache_clear()



def test_configured_extensions_are_rendered_and_kept_by_the_sanitiser() -> None:
    from multipub.content.syntax import MarkdownSyntax

    syntax = MarkdownSyntax.of(
        ["admonition", "def_list", "abbr", "pymdownx.details", "pymdownx.tabbed", "toc"],
        {"toc": {"toc_depth": "1-6"}})
    html = MarkdownRenderer("ru", syntax=syntax).render(
        '# Заголовок\n\n!!! note "Внимание"\n    Текст.\n\n??? tip "Подробнее"\n    Скрыто.\n\n'
        '=== "Вкладка"\n    Внутри.\n\nТермин\n:   Определение.\n\n*[HTML]: Язык\n\nО HTML.\n')
    doc = lxml.html.fromstring(f"<div>{html}</div>")
    assert doc.xpath("//h1/@id") == ["zagolovok"]  # multipub's heading ids, toc settings kept
    assert doc.xpath("//div[contains(@class, 'admonition')]/p[1]/text()") == ["Внимание"]
    assert doc.xpath("//details/summary/text()") == ["Подробнее"]
    assert doc.xpath("//input[@type='radio']/@name") and doc.xpath("//label/@for")
    assert doc.xpath("//dl/dt/text()") == ["Термин"]
    assert doc.xpath("//abbr/@title") == ["Язык"]
    plain = MarkdownRenderer("ru").render('!!! note "Внимание"\n    Текст.\n')
    assert "!!! note" in plain  # not configured: the syntax is text
