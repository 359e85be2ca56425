"""The site builder on generated projects: pages, links, languages, fallback, safety, hygiene."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest
from lxml import etree

from multipub.commands.build import MANIFEST, build, write_output
from multipub.commands.catalogs import update
from multipub.errors import ContentError, PathError, TemplateError
from multipub.gettext.pofile import read_catalog, write_catalog
from multipub.project.model import load_project
from multipub.site.pages import Pages
from multipub.site.plan import Entry, plan_site

from ..conftest import png, snapshot, write

CONFIG = """source_language = "pl"
languages = ["ru", "be"]
title = "Polska pomoc"
base_url = "https://example.org/pp/"
per_page = 2
"""

GRODNA = """---
title: Klastry w Grodnie
date: 2024-03-05
tags: [Białoruś, gospodarka]
summary: Eksperci o klastrach.
image:
  src: foto.png
  caption: Uczestnicy spotkania
  credit: Jan Kowalski
---

Spotkanie w Grodnie.

## Eksperci

Eksperci z Białegostoku.
"""

GRODNA_BE = """---
title: Кластары ў Гродне
summary: Эксперты пра кластары.
image:
  caption: Удзельнікі сустрэчы
---

Сустрэча ў Гродне.
"""

GRODNA_RU = {
    "Klastry w Grodnie": "Кластеры в Гродно",
    "Eksperci o klastrach.": "Эксперты о кластерах.",
    "Uczestnicy spotkania": "Участники встречи",
    "Jan Kowalski": "Ян Ковальский",
    "Spotkanie w Grodnie.": "Встреча в Гродно.",
    "Eksperci": "Эксперты",
    "Eksperci z Białegostoku.": "Эксперты из Белостока.",
}

BREST = """---
title: Szkolenia w Brześciu
date: 2024-02-10
tags: [gospodarka]
---

Szkolenia dla organizacji.

Drugi akapit.
"""

MINSK = """---
title: Stypendia w Mińsku
date: 2023-12-01
---

Stypendia dla studentów.
"""

MINSK_RU = """---
title: Стипендии в Минске
---

Стипендии для студентов.
"""

TAGS = {"ru": {"Białoruś": "Беларусь", "gospodarka": "экономика"},
        "be": {"Białoruś": "Беларусь", "gospodarka": "эканоміка"}}


def fill(path: Path, translations: dict[str, str]) -> None:
    """Translate the entries of the catalogue at *path* found in *translations*."""
    catalog = read_catalog(path)
    for message in catalog.messages:
        if message.msgid in translations:
            message.msgstr = translations[message.msgid]
            message.fuzzy = False
    write_catalog(catalog, path)


def make_project(root: Path, config: str = CONFIG) -> Path:
    """pl source; grodna: be hand-written + ru from a full catalogue; brest: ru catalogue
    with one segment of three; minsk: ru hand-written."""
    write(root / "multipub.toml", config)
    write(root / "content/grodna/pl.md", GRODNA)
    (root / "content/grodna/foto.png").write_bytes(png())
    write(root / "content/grodna/be.md", GRODNA_BE)
    write(root / "content/brest/pl.md", BREST)
    write(root / "content/minsk/pl.md", MINSK)
    write(root / "content/minsk/ru.md", MINSK_RU)
    update(load_project(root))
    fill(root / "locales/ru/LC_MESSAGES/articles/grodna.po", GRODNA_RU)
    fill(root / "locales/ru/LC_MESSAGES/articles/brest.po",
         {"Szkolenia w Brześciu": "Тренинги в Бресте"})
    for code, names in TAGS.items():
        fill(root / f"locales/{code}/LC_MESSAGES/tags.po", names)
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("build") / "proj")
    build(load_project(root))
    return root / "site"


def page(site: Path, rel: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / rel).read_bytes())


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def target_of(site: Path, source: Path, href: str) -> tuple[Path, str] | None:
    """The file a relative link from *source* names (``None`` for external links)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return source, parts.fragment
    target = (source.parent / unquote(parts.path)).resolve()
    if href.split("#")[0].endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


def test_pages_of_every_published_version(built: Path) -> None:
    for rel in ("index.html", "sitemap.xml", "style.css", "pl/index.html", "pl/page/2/index.html",
                "pl/klastry-w-grodnie/index.html", "ru/klastery-v-grodno/index.html",
                "be/klastary-w-grodnie/index.html", "ru/stipendii-v-minske/index.html",
                "pl/feed.xml", "ru/feed.xml", "be/feed.xml", "assets/grodna/foto.png",
                "markdown/pl/grodna.md", "markdown/ru/grodna.md", "markdown/be/grodna.md",
                "markdown/ru/minsk.md", "ru/tag/ekonomika/index.html",
                "be/tag/ekanomika/index.html", "pl/tag/bialorus/index.html"):
        assert (built / rel).is_file(), rel
    # below the threshold (1 of 3 segments): missing, no page, no Markdown
    assert not (built / "ru/treningi-v-breste").exists()
    assert not (built / "markdown/ru/brest.md").exists()
    assert not (built / "markdown/be/brest.md").exists()
    assert sorted(p.name for p in (built / "assets").rglob("*") if p.is_file()) == [
        "foto-64w.webp", "foto.png"]


def test_article_page_structure_and_language(built: Path) -> None:
    for rel, lang, title, date, caption, credit, tags_heading, top in [
        ("pl/klastry-w-grodnie/index.html", "pl", "Klastry w Grodnie", "5 marca 2024",
         "Uczestnicy spotkania", "Fot. Jan Kowalski", "Tagi", "w górę"),
        ("ru/klastery-v-grodno/index.html", "ru", "Кластеры в Гродно", "5 марта 2024\u202fг.",
         "Участники встречи", "Фото: Ян Ковальский", "Теги", "наверх"),
        ("be/klastary-w-grodnie/index.html", "be", "Кластары ў Гродне",
         "5 сакавіка 2024\u202fг.", "Удзельнікі сустрэчы", "Фота: Jan Kowalski", "Тэгі", "уверх"),
    ]:
        doc = page(built, rel)
        assert doc.get("lang") == lang
        assert [h.text_content() for h in doc.iter("h1")] == [title]
        assert doc.xpath("//header//time")[0].text_content() == date
        for tag in ("header", "nav", "main", "article", "footer"):
            assert doc.xpath(f"//{tag}"), tag
        assert doc.xpath("//a[@class='skip-link']/@href") == ["#main"]
        assert doc.xpath("//main/@id") == ["main"]
        figcaption = doc.xpath("//figure/figcaption")[0]
        assert figcaption.xpath("span[@class='caption']")[0].text_content() == caption
        assert [child.get("class") for child in figcaption] == ["caption", "credit"]
        assert figcaption.xpath("span[@class='credit']")[0].text_content() == credit
        img = doc.xpath("//figure/picture//img")[0]
        assert img.get("src") == "../../assets/grodna/foto.png" and img.get("alt")
        assert (img.get("width"), img.get("height"), img.get("loading")) == ("64", "40", None)
        assert doc.xpath("//nav[@class='tags']/h2")[0].text_content() == tags_heading
        assert doc.xpath("//p[@class='to-top']/a")[0].text_content() == top
    site_names = {code: page(built, f"{code}/index.html").xpath("//p[@class='site-name']/a")[0]
                  .text_content() for code in ("pl", "ru", "be")}
    assert site_names == {"pl": "Polska pomoc", "ru": "Польская помощь",
                          "be": "Польская дапамога"}
    ru_tags = page(built, "ru/klastery-v-grodno/index.html").xpath("//nav[@class='tags']//a")
    assert [a.text_content() for a in ru_tags] == ["Беларусь", "экономика"]


def test_switcher_and_alternates_name_exactly_existing_versions(built: Path) -> None:
    expected = {  # article -> its published versions
        "grodna": {"pl": "pl/klastry-w-grodnie/", "ru": "ru/klastery-v-grodno/",
                   "be": "be/klastary-w-grodnie/"},
        "brest": {"pl": "pl/szkolenia-w-brzesciu/"},
        "minsk": {"pl": "pl/stypendia-w-minsku/", "ru": "ru/stipendii-v-minske/"},
    }
    base = "https://example.org/pp/"
    for versions in expected.values():
        for code, path in versions.items():
            source = built / path / "index.html"
            doc = page(built, f"{path}index.html")
            links = {link.get("hreflang"): link.get("href")
                     for link in doc.xpath("//head/link[@rel='alternate'][@hreflang]")}
            if len(versions) == 1:
                assert links == {}
            else:
                want = {c: base + p for c, p in versions.items()}
                want["x-default"] = base + versions["pl"]
                assert links == want
            switcher = doc.xpath("//nav[@class='switcher']//li")
            if len(versions) == 1:
                assert switcher == []
                continue
            names = [li.get("lang") or li[0].get("lang") for li in switcher]
            assert names == [c for c in ("pl", "ru", "be") if c in versions]
            for a in doc.xpath("//nav[@class='switcher']//a"):
                target, _ = target_of(built, source, a.get("href")) or (None, "")
                assert target is not None and target.is_file()
                assert page(built, str(target.relative_to(built))).get("lang") == a.get("lang")
            current = doc.xpath("//nav[@class='switcher']//*[@aria-current='page']")
            assert [c.get("lang") for c in current] == [code]
    sitemap = etree.fromstring((built / "sitemap.xml").read_bytes())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for url in sitemap.findall("s:url", ns):
        loc = url.findtext("s:loc", namespaces=ns)
        alts = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", ns)}
        for versions in expected.values():
            if loc in {base + p for p in versions.values()}:
                assert set(alts) == (set(versions) | {"x-default"} if len(versions) > 1 else set())
                # every alternate lists this page back
                for other in alts.values():
                    assert (built / other.removeprefix(base) / "index.html").is_file()


def test_every_internal_link_resolves(built: Path) -> None:
    checked = 0
    for source in html_files(built):
        doc = lxml.html.fromstring(source.read_bytes())
        for element, attr in [(e, "href") for e in doc.xpath("//a[@href] | //link[@href]")] + \
                [(e, "src") for e in doc.xpath("//img[@src]")]:
            found = target_of(built, source, element.get(attr))
            if found is None:
                assert element.get(attr).startswith("https://example.org/pp/")
                continue
            target, fragment = found
            assert target.is_file(), (source, element.get(attr))
            assert built in target.parents
            if fragment and fragment != "top" and target.suffix == ".html":
                ids = lxml.html.fromstring(target.read_bytes()).xpath("//@id")
                assert fragment in ids, (source, element.get(attr))
            checked += 1
    assert checked > 100


def test_counts_months_and_pagination(built: Path) -> None:
    assert page(built, "pl/index.html").xpath("//p[@class='count']")[0].text == "3 artykuły"
    assert page(built, "ru/index.html").xpath("//p[@class='count']")[0].text == "2 статьи"
    assert page(built, "be/index.html").xpath("//p[@class='count']")[0].text == "1 артыкул"
    front = page(built, "pl/index.html")
    assert front.xpath("//article[@class='lead-story']/h2/a/text()") == ["Klastry w Grodnie"]
    assert front.xpath("//article[@class='card']/h2/a/text()") == ["Szkolenia w Brześciu"]
    assert front.xpath("//article[@class='card']//time/text()") == ["10 lutego 2024"]
    later = page(built, "pl/page/2/index.html")
    assert later.xpath("//article[@class='lead-story']") == []
    assert later.xpath("//article[@class='card']/h2/a/text()") == ["Stypendia w Mińsku"]
    ru = page(built, "ru/index.html")
    assert ru.xpath("//article/h2/a/text()") == ["Кластеры в Гродно", "Стипендии в Минске"]
    assert ru.xpath("//article//time/text()") == ["5 марта 2024\u202fг.",
                                                  "1 декабря 2023\u202fг."]
    nav = page(built, "pl/index.html").xpath("//nav[@class='pagination']")[0]
    assert nav.xpath(".//a[@rel='next']/@href") == ["page/2/"]
    assert "Strona 1 z 2" in nav.text_content()


def test_feeds_list_published_versions(built: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = etree.fromstring((built / "ru/feed.xml").read_bytes())
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    assert [e.findtext(f"{atom}title") for e in feed.iter(f"{atom}entry")] == [
        "Кластеры в Гродно", "Стипендии в Минске"]
    assert feed.findtext(f"{atom}updated") == "2024-03-05T00:00:00Z"


def test_localized_markdown(built: Path) -> None:
    # a hand-written translation: what it leaves out comes from the source, tags translated
    assert (built / "markdown/be/grodna.md").read_text(encoding="utf-8") == (
        "---\ntitle: Кластары ў Гродне\ndate: 2024-03-05\nsummary: Эксперты пра кластары.\n"
        "tags:\n- Беларусь\n- эканоміка\nimage:\n  src: foto.png\n"
        "  caption: Удзельнікі сустрэчы\n  credit: Jan Kowalski\n---\n\nСустрэча ў Гродне.\n")
    assert (built / "markdown/pl/brest.md").read_text(encoding="utf-8") == (
        "---\ntitle: Szkolenia w Brześciu\ndate: 2024-02-10\ntags:\n- gospodarka\n---\n"
        + BREST.split("---\n", 2)[2])
    ru = (built / "markdown/ru/grodna.md").read_text(encoding="utf-8")
    assert "Встреча в Гродно." in ru and "title: Кластеры в Гродно" in ru
    assert "tags:\n- Беларусь\n- экономика\n" in ru and "  credit: Ян Ковальский\n" in ru


def test_localized_markdown_leaves_out_internal_keys(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    write(root / "content/minsk/ru.md",
          "---\ntitle: Стипендии в Минске\ntranslated_from: 0123abcd\nslug: stipendii\n"
          "editor_note: sprawdzić nazwiska\n---\n\nСтипендии для студентов.\n")
    build(load_project(root))
    text = (root / "site/markdown/ru/minsk.md").read_text(encoding="utf-8")
    assert text == ("---\ntitle: Стипендии в Минске\ndate: 2023-12-01\n---\n\n"
                    "Стипендии для студентов.\n")


def test_fallback_pages_are_marked_and_never_advertised(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", CONFIG + 'fallback = "fallback"\n')
    build(load_project(root))
    site = root / "site"
    doc = page(site, "ru/szkolenia-w-brzesciu/index.html")
    assert doc.get("lang") == "ru"
    assert doc.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert doc.xpath("//article/@lang") == ["pl"]
    assert "недоступна на русском" in doc.xpath("//p[@class='notice']")[0].text_content()
    assert doc.xpath("//link[@hreflang]") == []
    assert not doc.xpath("//nav[@class='switcher']//*[@lang='ru']")
    assert b"ru/szkolenia-w-brzesciu" not in (site / "sitemap.xml").read_bytes()
    assert b"szkolenia-w-brzesciu" not in (site / "ru/feed.xml").read_bytes()
    pl_page = page(site, "pl/szkolenia-w-brzesciu/index.html")
    assert pl_page.xpath("//link[@hreflang]") == []
    assert pl_page.xpath("//nav[@class='switcher']") == []
    assert not (site / "markdown/ru/brest.md").exists()
    assert (site / "be/stypendia-w-minsku/index.html").is_file()
    ru_index = page(site, "ru/index.html")
    assert ru_index.xpath("//article[@lang='pl']/h2/a/@href") == ["szkolenia-w-brzesciu/"]


def test_publish_threshold(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", CONFIG + "publish_threshold = 30\n")
    build(load_project(root))
    doc = page(root / "site", "ru/treningi-v-breste/index.html")
    assert doc.xpath("//h1")[0].text == "Тренинги в Бресте"
    assert doc.xpath("//meta[@name='robots']") == []


EVIL = """---
title: Zły <script>alert(1)</script>
date: 2024-01-01
tags: ["<img src=x onerror=alert(1)>"]
image:
  src: foto.png
  caption: <script>alert(2)</script>
  credit: "<b onmouseover=alert(3)>x</b>"
---

Tekst <script>alert(4)</script> <img src="x" onerror="alert(5)">
[klik](javascript:alert(6)) <a href="javascript:alert(7)">a</a> <p onclick="x()">p</p>
"""


def test_nothing_from_content_or_translations_becomes_markup(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write(root / "multipub.toml", CONFIG)
    write(root / "content/evil/pl.md", EVIL)
    (root / "content/evil/foto.png").write_bytes(png())
    write(root / "locales/pl/LC_MESSAGES/messages.po",
          'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
          'msgid "Tags"\nmsgstr "<script>alert(8)</script>"\n\n'
          'msgid "Polska pomoc"\nmsgstr "<i onclick=alert(9)>Pomoc</i>"\n')
    build(load_project(root))
    for path in html_files(root / "site"):
        doc = lxml.html.fromstring(path.read_bytes())
        for data in doc.xpath("//script[@type='application/ld+json']/text()"):
            assert "<" not in data and json.loads(data)["@type"] == "NewsArticle"
        scripts = doc.xpath("//script[not(@type='application/ld+json')]")
        assert [s.get("src") for s in scripts] == (  # the search page's, none of the texts
            ["../../pagefind/pagefind-ui.js", "../../search.js"]
            if path.parent.name == "search" else [])
        assert all(not s.text for s in scripts)
        assert doc.xpath("//i | //b") == []
        assert [a for e in doc.iter() if isinstance(e.tag, str) for a in e.attrib
                if a.startswith("on")] == []
        assert [h for h in doc.xpath("//@href | //@src") if "javascript:" in h.lower()] == []
    doc = page(root / "site", "pl/zly-script-alert-1-script/index.html")
    assert doc.xpath("//h1")[0].text == "Zły <script>alert(1)</script>"
    assert doc.xpath("//nav[@class='tags']/h2")[0].text == "<script>alert(8)</script>"


def test_paths_cannot_escape_the_output(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write(root / "multipub.toml", CONFIG)
    write(root / "content/a/pl.md", "---\ntitle: A\ndate: 2024-01-01\nslug: ../x\n---\n")
    with pytest.raises(ContentError, match="slug"):
        load_project(root)
    write(root / "content/a/pl.md", "---\ntitle: A\ndate: 2024-01-01\ntags: [a/../../b]\n---\n")
    with pytest.raises(ContentError, match="tags"):
        load_project(root)
    with pytest.raises(PathError):
        write_output(tmp_path / "out", {"../escaped.html": b"x"})
    assert not (tmp_path / "escaped.html").exists()
    write(root / "content/a/pl.md", "---\ntitle: A\ndate: 2024-01-01\n---\n")
    with pytest.raises(PathError):
        build(load_project(root), out=root / "content" / "site")
    with pytest.raises(PathError):
        build(load_project(root), out=root)


def test_two_builds_are_byte_identical_and_unchanged_files_stay(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    first = build(load_project(root), out=tmp_path / "a")
    second = build(load_project(root), out=tmp_path / "b", jobs=2)
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    assert first.written == second.written > 20 and first.removed == 0
    again = build(load_project(root), out=tmp_path / "a")
    assert (again.written, again.unchanged, again.removed) == (0, first.written, 0)


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_new_output_folder_appears_whole(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder that does not exist is built under another name and renamed when
    complete: a failed build leaves no folder, a killed one's staging is removed."""
    root = make_project(tmp_path / "p")
    web = tmp_path / "web"
    out = web / "site"
    real = Pages.article
    calls = [0]

    def failing(self: Pages, entry: Entry) -> bytes:
        calls[0] += 1
        if calls[0] == 3:
            raise RuntimeError("disk on fire")
        return real(self, entry)

    monkeypatch.setattr(Pages, "article", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        build(load_project(root), out=out)
    assert list(web.iterdir()) == []
    monkeypatch.setattr(Pages, "article", real)

    stale = web / f".site.{_dead_pid()}.building"
    write(stale / "pl/index.html", "half a site")
    (web / ".site.x.building").mkdir()  # not ours by its name: left alone
    first = build(load_project(root), out=out)
    assert sorted(p.name for p in web.iterdir()) == [".site.x.building", "site"]
    monkeypatch.setattr("multipub.commands.build.PARALLEL_MIN", 1)  # workers write into the staging
    second = build(load_project(root), out=web / "other", jobs=2)
    assert snapshot(out) == snapshot(web / "other")
    assert first.written == second.written == len(snapshot(out)) - 1  # and the manifest
    assert (build(load_project(root), out=out).written,
            build(load_project(root), out=web / "other").written) == (0, 0)


def test_a_folder_made_during_a_new_build_is_not_replaced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path / "p")
    out = tmp_path / "site"
    real = Pages.article

    def intruder(self: Pages, entry: Entry) -> bytes:
        write(out / "theirs.txt", "someone else's")
        return real(self, entry)

    monkeypatch.setattr(Pages, "article", intruder)
    with pytest.raises(PathError, match="during the build"):
        build(load_project(root), out=out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p", "site"]
    assert [p.name for p in out.iterdir()] == ["theirs.txt"]


def test_stale_pages_are_removed_and_foreign_files_kept(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    build(load_project(root))
    site = root / "site"
    write(site / "CNAME", "example.org\n")
    assert (site / "pl/szkolenia-w-brzesciu/index.html").is_file()
    shutil.rmtree(root / "content/brest")
    result = build(load_project(root))
    assert result.removed >= 2
    assert not (site / "pl/szkolenia-w-brzesciu").exists()
    assert not (site / "markdown/pl/brest.md").exists()
    assert (site / "CNAME").is_file()
    assert "pl/szkolenia-w-brzesciu/index.html" not in (site / MANIFEST).read_text()


def test_slugs_unique_per_language_by_date(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write(root / "multipub.toml", CONFIG)
    write(root / "content/b-new/pl.md", "---\ntitle: Łódź\ndate: 2024-05-01\n---\n")
    write(root / "content/a-old/pl.md", "---\ntitle: Łódź\ndate: 2024-01-01\n---\n")
    write(root / "content/c/pl.md", "---\ntitle: Page\ndate: 2024-01-02\n---\n")
    write(root / "content/d/pl.md", "---\ntitle: 東京\ndate: 2024-01-03\n---\n")
    site = plan_site(load_project(root))
    slugs = {e.article_id: e.slug for e in site.entries["pl"]}
    assert slugs == {"a-old": "lodz", "b-new": "lodz-2", "c": "page-2", "d": "d"}


def test_project_templates_and_catalogue_override_the_theme(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    write(root / "locales/ru/LC_MESSAGES/messages.po",
          'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
          'msgid "Tags"\nmsgstr "Метки"\n\nmsgid "Back to top"\nmsgstr ""\n')
    build(load_project(root))
    doc = page(root / "site", "ru/klastery-v-grodno/index.html")
    assert doc.xpath("//nav[@class='tags']/h2")[0].text == "Метки"
    assert doc.xpath("//p[@class='to-top']/a")[0].text == "наверх"
    write(root / "templates/article.html", '{% extends "base.html" %}\n{% block main %}\n'
          "{{ article.title }\n{% endblock %}\n")
    with pytest.raises(TemplateError) as info:
        build(load_project(root))
    assert info.value.path == "templates/article.html" and info.value.line == 3


def test_localized_markdown_follows_a_tag_translation(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    build(load_project(root))
    fill(root / "locales/ru/LC_MESSAGES/tags.po", {"gospodarka": "хозяйство"})
    build(load_project(root))
    text = (root / "site/markdown/ru/grodna.md").read_text(encoding="utf-8")
    assert "tags:\n- Беларусь\n- хозяйство\n" in text


def test_a_bad_article_is_left_out_and_the_rest_built(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    source = root / "content/brest/pl.md"
    write(source, BREST.replace("date: 2024-02-10", "date: 10.02.2024r"))
    before = snapshot(root / "content")
    report = build(root, tmp_path / "site")
    assert [str(p) for p in report.problems] == [
        'content/brest/pl.md:3: date: "10.02.2024r" is not a date in the form YYYY-MM-DD '
        "(year, month, day: 2024-03-05)"]
    assert report.left_out == ("content/brest",)
    assert report.published["pl"] == 2  # grodna and minsk
    assert (tmp_path / "site/pl/klastry-w-grodnie/index.html").is_file()
    assert snapshot(root / "content") == before
    again = build(root, tmp_path / "site")  # not "no input changed": it says so again
    assert not again.up_to_date and again.problems == report.problems
