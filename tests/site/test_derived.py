"""Derived versions (Belarusian in Łacinka) in the built site: pages, URLs, switcher,
hreflang, sitemap, feeds, dates, plurals and UI strings, made from the Cyrillic text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from multipub.commands.build import build
from multipub.project.model import load_project

from ..conftest import write

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "polska-pomoc"
DERIVED = '\nderived_languages = [{code = "be-Latn", from = "be", script = "lacinka"}]\n'
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def example(root: Path, derived: bool = True) -> Path:
    """A copy of the bundled example, which has a be-Latn version (or not, if not *derived*)."""
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("site", ".multipub-cache"))
    config = root / "multipub.toml"
    text = config.read_text(encoding="utf-8")
    assert DERIVED.strip() in text
    if not derived:
        config.write_text(text.replace(DERIVED.strip(), ""), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = example(tmp_path_factory.mktemp("derived") / "proj")
    report = build(root)
    assert report.published["be-Latn"] == report.published["be"] == 2
    assert list(report.languages) == ["pl", "ru", "be", "be-Latn"]
    return root / "site"


def page(site: Path, rel: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / rel).read_bytes())


def test_every_belarusian_page_has_its_lacinka_version(site: Path) -> None:
    be = sorted(p.parent.name for p in (site / "be").glob("*/index.html")
                if p.parent.name not in ("tag", "page", "search", "section"))
    latn = sorted(p.parent.name for p in (site / "be-Latn").glob("*/index.html")
                  if p.parent.name not in ("tag", "page", "search", "section"))
    assert be == ["klastary-w-bielarusi",
                  "treningi-dlia-bielaruskikh-niedziarzhawnykh-arganizatsyj"]
    assert latn == ["klastary-u-bielarusi", "treninhi-dla-bielaruskich-niedziarzaunych-arhanizacyj"]
    for rel in ("be-Latn/index.html", "be-Latn/feed.xml",
                "markdown/be-Latn/klastry-na-bialorusi.md", "be-Latn/tag/klastary/index.html"):
        assert (site / rel).is_file(), rel


def test_article_is_written_in_lacinka(site: Path) -> None:
    doc = page(site, "be-Latn/klastary-u-bielarusi/index.html")
    assert doc.get("lang") == "be-Latn"
    assert doc.findtext(".//h1") == "Kłastary ŭ Biełarusi"
    assert doc.findtext(".//title") == "Kłastary ŭ Biełarusi – Polskaja dapamoha"
    assert doc.findtext(".//time") == "20 listapada 2019\u202fh."  # Babel's be date, transliterated
    assert doc.findtext(".//figcaption/span[@class='caption']") == (
        "Udzielniki sustrečy, pryśviečanaj kłastaram")
    assert doc.findtext(".//h2[@id='tags-heading']") == "Tehi"  # the be UI catalogue's "Тэгі"
    body = doc.find(".//div[@class='body']").text_content().strip()
    assert body.startswith("U šaści najbujniejšych haradach Biełarusi (Hrodna, Viciebsk,")
    main = doc.find(".//main").text_content()
    assert not CYRILLIC.search(main)
    assert [a.text for a in doc.findall(".//nav[@class='tags']//a")] == [
        "Biełaruś", "ekanomika", "kłastary", "supracoŭnictva dziela raźvićcia"]
    assert doc.find(".//meta[@name='description']").get("content").startswith("U šaści ")


def test_switcher_hreflang_and_root(site: Path) -> None:
    base = "https://example.org/polska-pomoc/"
    for rel, current in (("be/klastary-w-bielarusi/index.html", "be"),
                         ("be-Latn/klastary-u-bielarusi/index.html", "be-Latn")):
        doc = page(site, rel)
        links = {link.get("hreflang"): link.get("href")
                 for link in doc.findall(".//link[@rel='alternate']") if link.get("hreflang")
                 and link.get("type") is None}
        assert links["be-Latn"] == base + "be-Latn/klastary-u-bielarusi/"
        assert links["be"] == base + "be/klastary-w-bielarusi/"
        switcher = [(li.text_content(), li.find("span") is not None)
                    for li in doc.findall(".//nav[@class='switcher']//li")]
        assert switcher == [("polski", False), ("русский", False),
                            ("беларуская", current == "be"), ("Łacinka", current == "be-Latn")]
    # an article with no Belarusian version has no Łacinka one
    doc = page(site, "pl/stypendia-dla-studentow-z-bialorusi/index.html")
    assert "be-Latn" not in {link.get("hreflang") for link in doc.findall(".//link")}
    root = page(site, "index.html")
    assert [a.get("hreflang") for a in root.findall(".//main//a")][-1] == "be-Latn"


def test_listings_count_with_belarusian_plurals(site: Path) -> None:
    doc = page(site, "be-Latn/index.html")
    assert doc.findtext(".//p[@class='count']") == "2 artykuły"
    doc = page(site, "be-Latn/tag/bielarus/index.html")  # listed newest first, by month
    assert [t.text for t in doc.findall(".//time")] == ["18 červienia 2020\u202fh.",
                                                        "20 listapada 2019\u202fh."]
    months = [h.text for h in doc.findall(".//h2")]
    assert "červień 2020" in months


def test_sitemap_and_feed(site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = etree.parse(str(site / "sitemap.xml"))
    locs = [u.findtext("s:loc", namespaces=ns) for u in tree.findall("s:url", ns)]
    assert "https://example.org/polska-pomoc/be-Latn/klastary-u-bielarusi/" in locs
    url = next(u for u in tree.findall("s:url", ns)
               if u.findtext("s:loc", namespaces=ns).endswith("/be/klastary-w-bielarusi/"))
    langs = {link.get("hreflang") for link in url.findall("x:link", ns)}
    assert {"pl", "ru", "be", "be-Latn"} <= langs
    feed = etree.parse(str(site / "be-Latn/feed.xml")).getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "be-Latn"
    assert [e.findtext(f"{atom}title") for e in feed.iter(f"{atom}entry")] == [
        "Treninhi dla biełaruskich niedziaržaŭnych arhanizacyj", "Kłastary ŭ Biełarusi"]


def test_markdown_of_the_derived_version(site: Path) -> None:
    text = (site / "markdown/be-Latn/klastry-na-bialorusi.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Kłastary ŭ Biełarusi\ndate: 2019-11-20\n")
    assert not CYRILLIC.search(text)


ARTICLE_PL = "---\ntitle: Nowości\ndate: 2026-12-01\ntags: [Mińsk]\n---\nTekst.\n"
ARTICLE_BE = """---
title: Навіны з Менску
date: 2026-12-01
---
Сёння `код` і [спасылка](https://example.org/навіны).

```
прывітанне
```
"""


def test_derived_text_follows_the_base_at_every_build(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write(root / "multipub.toml", 'source_language = "pl"\nlanguages = ["be"]\n' + DERIVED)
    write(root / "content/a/pl.md", ARTICLE_PL)
    write(root / "content/a/be.md", ARTICLE_BE)
    build(load_project(root))
    html = (root / "site/be-Latn/naviny-z-miensku/index.html").read_text(encoding="utf-8")
    assert ('<p>Siońnia <code>код</code> i <a href="https://example.org/навіны">spasyłka</a>.</p>\n'
            '<pre><code>прывітанне\n</code></pre>') in html
    write(root / "content/a/be.md", ARTICLE_BE.replace("Сёння", "Учора"))
    report = build(root)
    assert not report.up_to_date
    html = (root / "site/be-Latn/naviny-z-miensku/index.html").read_text(encoding="utf-8")
    assert "<p>Učora <code>код</code>" in html
    # the UI catalogue of the base language shows through
    write(root / "locales/be/LC_MESSAGES/messages.po",
          'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
          'msgid "Tags"\nmsgstr "Цэтлікі"\n')
    build(root)
    doc = page(root / "site", "be-Latn/naviny-z-miensku/index.html")
    assert doc.findtext(".//h2[@id='tags-heading']") == "Cetliki"


def test_no_derived_language_without_the_key(tmp_path: Path) -> None:
    root = example(tmp_path / "p", derived=False)
    report = build(root)
    assert "be-Latn" not in report.published
    assert not (root / "site/be-Latn").exists()


def test_fallback_pages_of_the_base_are_fallback_pages_of_the_derived(tmp_path: Path) -> None:
    root = example(tmp_path / "p")
    config = root / "multipub.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'fallback = "fallback"\n',
                      encoding="utf-8")
    report = build(root)
    assert report.fallbacks["be-Latn"] == report.fallbacks["be"] == 1
    assert report.published["be-Latn"] == 2
    doc = page(root / "site", "be-Latn/stypendia-dla-studentow-z-bialorusi/index.html")
    assert doc.get("lang") == "be-Latn"
    assert doc.xpath("//article/@lang") == ["pl"]
    assert doc.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert doc.xpath("//link[@hreflang]") == []
    assert b"be-Latn/stypendia" not in (root / "site/sitemap.xml").read_bytes()
    assert not (root / "site/markdown/be-Latn/stypendia-dla-studentow.md").exists()


def test_a_base_version_off_the_site_is_off_in_the_derived_language(tmp_path: Path) -> None:
    root = example(tmp_path / "p")
    config = root / "multipub.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'outdated = "skip"\n',
                      encoding="utf-8")
    report = build(root)
    off = {(article, code): why for article, code, why in report.off}
    assert ("szkolenia-dla-ngo", "be") in off
    assert off[("szkolenia-dla-ngo", "be-Latn")] == (
        f"be is not on the site: {off[('szkolenia-dla-ngo', 'be')]}")
    assert report.published["be-Latn"] == report.published["be"] == 1
