"""quality.reports and quality.report_html: JSON schema, table, HTML, SVG, --fail-under."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import lxml.html
import pytest

from multipub.errors import UsageError
from multipub.project.model import load_project
from multipub.quality.reports import (
    badge_color,
    fail_under,
    print_status,
    render_status,
    status_to_json,
)
from multipub.quality.status import ProjectStatus, project_status

from ..conftest import EXAMPLE, write
from .test_status import article_po, header, make_project, q

EVIL = '<script>alert("x")</script> & [bold]rich[/bold]'


@pytest.fixture
def status(tmp_path: Path) -> ProjectStatus:
    root = make_project(tmp_path / "p")
    source = root / "content/klastry/pl.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Klastry na Białorusi", f"'{EVIL}'"), encoding="utf-8")
    for lang, translated in (("ru", 3), ("be", 1)):  # catalogues of the source as it is
        write(root / f"locales/{lang}/LC_MESSAGES/articles/klastry.po",
              article_po(lang, translated).replace('msgid "Klastry na Białorusi"',
                                                   f'msgid "{q(EVIL)}"'))
    write(root / "locales/ru/LC_MESSAGES/messages.po", header("ru"))
    return project_status(load_project(root), cache=False)


def test_json_schema_keys_and_order(status: ProjectStatus) -> None:
    text = render_status(status, "json")
    data = json.loads(text)
    assert list(data) == ["schema", "source_language", "languages", "catalogs", "articles",
                          "totals", "problems"]
    assert data["schema"] == 1 and data["source_language"] == "pl"
    assert data["languages"] == ["ru", "be"]
    cat = data["catalogs"][0]
    assert list(cat)[:8] == ["path", "language", "domain", "translated", "fuzzy",
                             "untranslated", "obsolete", "total"]
    assert cat["path"] == "locales/ru/LC_MESSAGES/articles/klastry.po"
    art = data["articles"][0]
    assert list(art) == ["id", "title", "path", "translations", "problem"]
    assert art["problem"] is None and cat["unused"] is False
    assert list(art["translations"]) == ["ru", "be"]
    ru = art["translations"]["ru"]
    assert {"state", "mode", "percent"} <= set(ru)
    assert (ru["state"], ru["mode"], ru["percent"]) == ("complete", "catalog", 100.0)
    assert art["translations"]["be"]["state"] == "partial"
    assert data["articles"][1]["translations"]["ru"] == {
        "state": "missing", "mode": "none", "percent": 0.0, "translated": 0, "fuzzy": 0,
        "untranslated": 3, "words_total": 11, "words_todo": 11, "outdated_since": None,
        "path": None, "problem": None, "site": "off", "reason": "no translation",
        "changed": None}
    assert ru["site"] == "published" and ru["changed"] == {"segments": 0, "words": 0}
    assert art["translations"]["be"]["reason"] == "below publish_threshold 100%: 33.3%"
    assert list(data["totals"]) == ["ru", "be"]
    assert list(data["totals"]["ru"]) == ["percent", "words_percent", "messages", "words",
                                          "articles"]
    assert data["problems"] == []
    assert text.endswith("\n") and "\\u" not in text  # UTF-8 text, not escapes
    assert text == render_status(status, "json") and data == status_to_json(status)


def test_table_plain_and_coloured(status: ProjectStatus) -> None:
    plain = render_status(status, "table")
    assert "\x1b[" not in plain
    for word in ("klastry", "puste", "complete", "partial 33.3%", "missing",
                 "locales/ru/LC_MESSAGES/articles/klastry.po", "Languages"):
        assert word in plain
    coloured = render_status(status, "table", color=True)
    assert "\x1b[" in coloured and "partial 33.3%" in coloured


def test_print_status_to_a_pipe_is_plain(status: ProjectStatus) -> None:
    import io

    out = io.StringIO()
    print_status(status, "table", file=out)
    assert "\x1b[" not in out.getvalue() and "partial 33.3%" in out.getvalue()
    out = io.StringIO()
    print_status(status, "json", file=out)
    assert json.loads(out.getvalue())["schema"] == 1


def test_html_is_self_contained_accessible_and_escaped(status: ProjectStatus) -> None:
    html = render_status(status, "html")
    doc = lxml.html.document_fromstring(html)
    matrix = doc.get_element_by_id("matrix")
    assert matrix.find("caption") is not None
    heads = [th.text_content().strip() for th in matrix.findall("thead/tr/th")]
    assert heads == ["Article", "ru", "be"]
    assert all(th.get("scope") == "col" for th in matrix.findall("thead/tr/th"))
    rows = matrix.findall("tbody/tr")
    assert len(rows) == 2
    assert rows[0].find("th").get("scope") == "row"
    cells = rows[0].findall("td")
    assert [c.get("class") for c in cells] == ["complete", "partial"]
    assert "partial" in cells[1].text_content() and "33.3%" in cells[1].text_content()
    # the author's title is text, never markup
    assert EVIL in rows[0].find("th").text_content()
    assert len(doc.findall(".//script")) == 1 and "alert" not in doc.findall(".//script")[0].text
    # nothing is loaded from elsewhere
    for el in doc.iter():
        for attr in ("src", "href"):
            assert not el.get(attr), (el.tag, attr)
    assert doc.findall(".//link") == [] and "@import" not in html and "url(" not in html
    assert doc.get_element_by_id("totals").find("caption") is not None
    assert html == render_status(status, "html")


def test_svg_badges_parse(status: ProjectStatus) -> None:
    svg = render_status(status, "svg")
    root = ET.fromstring(svg.encode("utf-8"))
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    badges = root.findall(f"{ns}g")
    assert len(badges) == 2
    texts = ["".join(t.itertext()) for t in badges[0].iter(f"{ns}text")]
    assert "ru" in texts and any(t.endswith("%") for t in texts)
    assert badges[0].get("aria-label") == f"ru: {status.total('ru').percent:g}%"
    assert badge_color(100) == "#4c1" and badge_color(0) == "#e05d44"


def test_fail_under(status: ProjectStatus) -> None:
    ru, be = status.total("ru").percent, status.total("be").percent
    assert ru > be
    assert fail_under(status, []) == []
    assert fail_under(status, ["0"]) == []
    assert fail_under(status, ["100"]) == ["ru", "be"] or ru == 100.0
    assert fail_under(status, [f"{be + 0.1:.1f}"]) == ["be"]
    assert fail_under(status, [f"be={be:.1f}"]) == []
    # a language's own threshold wins over the general one, in any order
    assert fail_under(status, ["be=0", "100"]) == ["ru"]
    assert fail_under(status, ["100", "be=0"]) == ["ru"]
    for bad in ("abc", "be=", "=90", "101", "by=90", "ru=90=1", "-5"):
        with pytest.raises(UsageError):
            fail_under(status, [bad])


def test_unknown_format(status: ProjectStatus) -> None:
    with pytest.raises(UsageError):
        render_status(status, "pdf")


def test_json_in_pieces_is_json_dumps_of_the_whole_object(status: ProjectStatus) -> None:
    import dataclasses

    from multipub.quality.reports import iter_json, status_to_json

    empty = dataclasses.replace(status, catalogs=(), articles=())
    for report in (status, empty, load_and_status(EXAMPLE)):
        whole = json.dumps(status_to_json(report), ensure_ascii=False, indent=2) + "\n"
        pieces = list(iter_json(report))
        assert "".join(pieces) == whole
        assert len(pieces) >= 6 + len(report.catalogs) + len(report.articles)


def load_and_status(root: Path) -> ProjectStatus:
    return project_status(load_project(root))
