"""Rendering pieces: UI catalogues, the Jinja2 environment, Markdown and sanitising."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2.ext import babel_extract

from multipub.errors import TemplateError
from multipub.languages import get_language
from multipub.site.render import (
    THEME_DIR,
    THEME_LOCALES,
    MarkdownRenderer,
    Theme,
    UITranslations,
    catalog_layer,
    load_ui_translations,
    make_environment,
    relative_url,
    sanitize,
)

from ..conftest import write


def theme_msgids() -> set[tuple[str, str | None]]:
    found = set()
    for template in sorted(THEME_DIR.glob("*.html")):
        with template.open("rb") as fh:
            for _line, _func, message, _comments in babel_extract(
                    fh, ("_", "gettext", "ngettext", "pgettext", "npgettext"), [], {}):
                if isinstance(message, tuple):
                    found.add((message[0], message[1]))
                else:
                    found.add((message, None))
    return found


@pytest.mark.parametrize("code", ["pl", "ru", "be"])
def test_theme_catalogues_translate_every_template_string(code: str) -> None:
    layer = catalog_layer(THEME_LOCALES / code / "LC_MESSAGES" / "messages.po", code)
    nplurals = get_language(code).nplurals
    for msgid, plural in theme_msgids():
        forms = layer.get((None, msgid))
        assert forms, (code, msgid)
        assert len(forms) == (nplurals if plural else 1) and all(forms), (code, msgid)


@pytest.mark.parametrize(("code", "expected"), [
    ("pl", ["1 artykuł", "2 artykuły", "5 artykułów", "22 artykuły", "1000 artykułów"]),
    ("ru", ["1 статья", "2 статьи", "5 статей", "22 статьи", "1000 статей"]),
    ("be", ["1 артыкул", "2 артыкулы", "5 артыкулаў", "22 артыкулы", "1000 артыкулаў"]),
])
def test_plural_forms_and_dates(code: str, expected: list[str]) -> None:
    language = get_language(code)
    env = make_environment(language, load_ui_translations(language, None))
    template = env.from_string(
        '{% for n in [1, 2, 5, 22, 1000] %}{{ ngettext("%(num)s article", "%(num)s articles", n)'
        ' }}|{% endfor %}{{ d|format_date }}|{{ d|format_month }}')
    *counts, date, month = template.render(d=dt.date(2024, 3, 5)).split("|")
    assert counts == expected
    assert date == {"pl": "5 marca 2024", "ru": "5 марта 2024\u202fг.",
                    "be": "5 сакавіка 2024\u202fг."}[code]
    assert month == {"pl": "marzec 2024", "ru": "март 2024\u202fг.", "be": "сакавік 2024"}[code]


def test_project_catalogue_overrides_theme_string_by_string(tmp_path: Path) -> None:
    write(tmp_path / "ru/LC_MESSAGES/messages.po",
          'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
          'msgid "Tags"\nmsgstr "Метки"\n\n'
          '#, fuzzy\nmsgid "Language"\nmsgstr "Языки"\n\n'
          'msgid "Back to top"\nmsgstr ""\n\n'
          'msgid "Photo: %(credit)s"\nmsgstr "Фото: %(автор)s"\n')
    ui = load_ui_translations(get_language("ru"), tmp_path)
    assert ui.gettext("Tags") == "Метки"                   # project wins
    assert ui.gettext("Language") == "Язык"                # fuzzy: theme
    assert ui.gettext("Back to top") == "наверх"           # untranslated: theme
    assert ui.gettext("Photo: %(credit)s") == "Фото: %(credit)s"  # broken placeholder: theme
    assert ui.gettext("Not in any catalogue") == "Not in any catalogue"


def test_ui_translations_are_escaped() -> None:
    ui = UITranslations(get_language("pl"), [{(None, "Tags"): ("<script>x</script>",)}])
    env = make_environment(get_language("pl"), ui)
    html = env.from_string('{{ _("Tags") }} {{ _("Photo: %(credit)s", credit=c) }}').render(
        c="<b>")
    assert html == "&lt;script&gt;x&lt;/script&gt; Photo: &lt;b&gt;"


def test_template_errors_name_file_and_line(tmp_path: Path) -> None:
    write(tmp_path / "templates/article.html", "line 1\n{% if %}\n")
    write(tmp_path / "templates/tag.html", "ok\n{{ missing_name }}\n")
    theme = Theme(tmp_path / "templates", None, lambda p: p.relative_to(tmp_path).as_posix())
    pl = get_language("pl")
    with pytest.raises(TemplateError) as syntax:
        theme.render(pl, "article.html", {})
    assert (syntax.value.path, syntax.value.line) == ("templates/article.html", 2)
    with pytest.raises(TemplateError) as undefined:
        theme.render(pl, "tag.html", {})
    assert (undefined.value.path, undefined.value.line) == ("templates/tag.html", 2)
    assert "missing_name" in str(undefined.value)
    assert isinstance(theme.environment(pl).undefined(), jinja2.StrictUndefined)


def test_a_template_compiles_once_for_every_language(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The environments of one theme share compiled templates; each still translates."""
    write(tmp_path / "templates/page.html", "{{ _('Tags') }}: {{ n|format_number }}\n")
    compiled: list[str] = []
    real = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None,
                 filename: str | None = None, *args: object, **kwargs: object) -> object:
        compiled.append(str(name))
        return real(self, source, name, filename, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    theme = Theme(tmp_path / "templates", None)
    pages = {code: theme.render(get_language(code), "page.html", {"n": 12345})
             for code in ("pl", "ru", "be")}
    assert compiled == ["page.html"]
    assert pages["pl"] == "Tagi: 12\xa0345\n" and pages["ru"].startswith("Теги: ")
    assert pages["be"].startswith("Тэгі: ")
    other = Theme(tmp_path / "templates", None)  # another theme compiles its own
    other.render(get_language("pl"), "page.html", {"n": 1})
    assert compiled == ["page.html", "page.html"]


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

    from multipub.site.render import _cleaner

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


def test_relative_urls() -> None:
    assert relative_url("be/grodna/", "pl/grodna/index.html") == "../../be/grodna/"
    assert relative_url("pl/", "pl/index.html") == "./"
    assert relative_url("assets/a/zdjęcie 1.png", "pl/a/index.html") == (
        "../../assets/a/zdj%C4%99cie%201.png")


_SEGMENT = st.sampled_from(["pl", "ru", "be", "a", "b", "tag", "page", "2", "x.y", "..", "."])


@given(st.lists(_SEGMENT, max_size=5), st.booleans(),
       st.lists(_SEGMENT.filter(lambda s: s != ".."), max_size=4),
       st.sampled_from(["index.html", "feed.xml"]))
def test_relative_url_equals_relpath(target_parts: list[str], folder: bool,
                                     page_parts: list[str], page_file: str) -> None:
    import posixpath
    from urllib.parse import quote

    target = "/".join(target_parts) + ("/" if folder and target_parts else "")
    if posixpath.normpath(target or ".").startswith(".."):
        return  # above the site: not a site path
    page = "/".join([*page_parts, page_file])
    rel = posixpath.relpath(target.rstrip("/") or ".", posixpath.dirname(page) or ".")
    if target.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    assert relative_url(target, page) == quote(rel, safe="/#.-_~")


_HEADINGS = st.lists(st.sampled_from([
    "Гродна", "Гродна", "Kraków i *Grodno*", "`code` w tytule", "Przypis[^1]", "A &amp; B",
    "Własny {#wlasny}", "Etykieta {data-toc-label='Krótko'}", "<em>HTML</em> w tytule", "1", "",
    "Spotkanie_1", "Spotkanie", "Spotkanie", "Dwa  słowa\u00a0i\tspacja ", "A > B", "x & y",
    "Spotkanie \\_2", "Nagłówek #",
]), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(_HEADINGS, st.sampled_from(["pl", "ru", "be"]))
def test_heading_ids_equal_the_toc_extension(headings: list[str], language: str) -> None:
    import markdown
    from markdown.extensions.toc import TocExtension

    from multipub.content.slug import slugify
    from multipub.site.render import _AssetExtension

    text = "\n\n".join(f"{'#' * (i % 3 + 1)} {h}\n\nTekst {i}." for i, h in enumerate(headings))
    text += "\n\n[^1]: Przypis.\n"
    stock = markdown.Markdown(extensions=[
        "tables", "footnotes", "attr_list", "fenced_code", "sane_lists",
        TocExtension(slugify=lambda value, sep: slugify(value, language) or "section",
                     toc_depth="2-6"), _AssetExtension()], output_format="html")
    ours = MarkdownRenderer(language, trusted_html=True)
    assert ours.render(text) == stock.convert(text)


_INLINE_PIECES = st.sampled_from([
    "słowo", "Гродна", " ", " ", "\n", "  \n", "*", "**", "_", "__", "`", "``", "\\", "\\*",
    "[", "]", "(", ")", "[link](https://example.org)", "![alt](foto.png)", "[ref][r]", "[r]",
    "<https://example.org>", "<ktos@example.org>", "<b>", "</b>", "<!-- c -->", "&amp;",
    "&#1043;", "&", "<", "[^1]", "[^x]", "{#id}", "{: .k}", "\\{", "~~", "|", "#", "- ", "1. ",
    "> ", "!", "^",
    # what the block processors and preprocessors look for (see render._guard_blocks)
    "\n\n", "```", "~~~", "---", "***", "___", "\n===", "\n---", "    ", "\t", " \n", "\r\n",
    "\x02", "[r]: /x", "[^2]: Drugi", "| a | b |\n|---|---|\n| c | d |", "## ", "Tytuł\n",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_INLINE_PIECES, min_size=1, max_size=14).map("".join),
                min_size=1, max_size=5))
def test_quick_markdown_equals_stock_python_markdown(paragraphs: list[str]) -> None:
    """_QuickInline, the skipped processors (_OnlyWith) and the guarded block
    processors change no output."""
    import markdown
    from markdown.extensions.toc import TocExtension

    from multipub.content.slug import slugify
    from multipub.site.render import _QUICK_INLINE, _AssetExtension, _OnlyWith

    assert _QUICK_INLINE, "this Python-Markdown lacks what _QuickInline builds on"
    text = "\n\n".join(paragraphs) + "\n\n[r]: https://example.org/r\n\n[^1]: Przypis *a*.\n"
    ours = MarkdownRenderer("pl", trusted_html=True)
    assert {type(p) for p in ours._md.treeprocessors} >= {_OnlyWith}
    assert {type(p) for p in ours._md.preprocessors} >= {_OnlyWith}
    stock = markdown.Markdown(extensions=[
        "tables", "footnotes", "attr_list", "fenced_code", "sane_lists",
        TocExtension(slugify=lambda value, sep: slugify(value, "pl") or "section",
                     toc_depth="2-6"), _AssetExtension()], output_format="html")
    assert ours.render(text) == stock.convert(text)


def test_quick_underscore_answers_as_jinja_gettext() -> None:
    """``_()`` skips Jinja2's alias and wrapper; its answers are those of ``gettext()``."""
    from multipub.languages import get_language
    from multipub.site.render import UITranslations, make_environment

    language = get_language("ru")
    ui = UITranslations(language, [{
        (None, "Tags"): ("Теги <b>",), (None, "100%% sure"): ("100%% точно",),
        (None, "Photo: %(credit)s"): ("Фото: %(credit)s",), (None, "a & b"): ("а & б",)}])
    env = make_environment(language, ui)
    calls = ['"Tags"', '"100%% sure"', '"Photo: %(credit)s", credit="<i>x</i>"', '"a & b"',
             '"Missing"', '"Missing %(n)s", n=3']
    for call in calls:
        quick = env.from_string("{{ _(" + call + ") }}").render()
        stock = env.from_string("{{ gettext(" + call + ") }}").render()
        assert quick == stock, call
    assert env.from_string('{{ _("Tags") }}').render() == "Теги &lt;b&gt;"
