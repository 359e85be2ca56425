"""Tags of hand-written translations: their own names, that language's tag pages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html

from multipub.commands.build import build
from multipub.project.model import load_project
from multipub.quality.checks import run_checks
from multipub.site.plan import plan_site
from multipub.site.tags import tag_names

from ..conftest import CONFIG, snapshot, write

SOURCE = """---
title: {title}
date: {date}
tags: [{tags}]
---

Tekst.
"""

TAGS_PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Białoruś"
msgstr "Беларусь"

msgid "gospodarka"
msgstr "экономика"
"""


def _project(root: Path) -> Path:
    write(root / "multipub.toml", CONFIG)
    write(root / "content/a/pl.md", SOURCE.format(title="A", date="2024-01-01",
                                                  tags="Białoruś, gospodarka"))
    write(root / "content/b/pl.md", SOURCE.format(title="B", date="2024-02-01",
                                                  tags="Białoruś, klastry"))
    write(root / "locales/ru/LC_MESSAGES/tags.po", TAGS_PO)
    return root


def _ru(root: Path, article: str, tags: str) -> None:
    write(root / f"content/{article}/ru.md",
          f"---\ntitle: Т {article}\ntags: [{tags}]\n---\n\nТ.\n")


def test_paired_by_position(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _ru(root, "b", "Беларусь, кластеры")
    names = tag_names(load_project(root), "ru")
    assert names.handwritten == {"b": ("Białoruś", "klastry")}
    assert names.names == {"Białoruś": "Беларусь", "gospodarka": "экономика",
                           "klastry": "кластеры"}
    assert names.conflicts == ()
    site = plan_site(load_project(root))
    ru = {e.article_id: e for e in site.entries["ru"]}
    assert [(t.name, t.path) for t in site.tag_refs(ru["b"])] == [
        ("Беларусь", "ru/tag/belarus/"), ("кластеры", "ru/tag/klastery/")]
    assert {t.source for t in site.tag_refs(ru["b"])} == {"Białoruś", "klastry"}


def test_a_hand_written_name_beats_tags_po_and_check_warns(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _ru(root, "a", "Беларусь, хозяйство")
    project = load_project(root)
    site = plan_site(project)
    assert site.tags["ru"]["gospodarka"].name == "хозяйство"
    assert site.tags["ru"]["gospodarka"].path == "ru/tag/khoziaistvo/"
    report = run_checks(project, select=["tag-name"])
    assert [str(f) for f in report.findings] == [
        "content/a/ru.md:3: warning: tag 'gospodarka' is 'хозяйство' here but "
        "'экономика' in locales/ru/LC_MESSAGES/tags.po; the pages of Russian (ru) show "
        "'хозяйство' [tag-name]"]


def test_two_translations_disagree_the_older_wins(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _ru(root, "a", "Беларусь, экономика")
    _ru(root, "b", "Белоруссия, кластеры")
    names = tag_names(load_project(root), "ru")
    assert names.names["Białoruś"] == "Беларусь"
    assert [(c.path, c.line, c.name, c.other, c.shown) for c in names.conflicts] == [
        ("content/b/ru.md", 3, "Белоруссия", "content/a/ru.md", "Беларусь")]


def test_other_length_uses_the_translation_s_own_tags(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _ru(root, "b", "экономика, Минск, Минск, klastry")
    names = tag_names(load_project(root), "ru")
    # named so by tags.po, a tag of its own (once), a source tag written as it is
    assert names.handwritten["b"] == ("gospodarka", "ru:Минск", "klastry")
    site = plan_site(load_project(root))
    ru = {e.article_id: e for e in site.entries["ru"]}
    assert [(t.source, t.name, t.path) for t in site.tag_refs(ru["b"])] == [
        ("gospodarka", "экономика", "ru/tag/ekonomika/"), ("", "Минск", "ru/tag/minsk/"),
        ("klastry", "klastry", "ru/tag/klastry/")]
    assert "ru:Минск" not in site.tags["pl"] and "ru:Минск" not in site.tags["be"]


def test_no_tags_key_inherits_the_source_s(tmp_path: Path) -> None:
    root = _project(tmp_path)
    write(root / "content/a/ru.md", "---\ntitle: Т\n---\n\nТ.\n")
    site = plan_site(load_project(root))
    ru = {e.article_id: e for e in site.entries["ru"]}
    assert [t.name for t in site.tag_refs(ru["a"])] == ["Беларусь", "экономика"]


def _tags_of(page: Path) -> list[tuple[str, str]]:
    doc = lxml.html.parse(str(page)).getroot()
    return [(a.text_content(), a.get("href")) for a in doc.xpath('//nav[@class="tags"]//a')]


def _listed(page: Path) -> list[str]:
    doc = lxml.html.parse(str(page)).getroot()
    return [a.get("href") for a in doc.xpath("//main//a") if "/tag/" not in a.get("href", "")]


def test_the_example_s_hand_written_translations_show_their_tags(example_copy: Path,
                                                                  tmp_path: Path) -> None:
    root = example_copy
    # a hand-written Belarusian translation where tags.po knows none of its tags
    be = root / "content/stypendia-dla-studentow/be.md"
    shutil.copy(Path(__file__).parents[2] / "tools/example-sources/stypendia-dla-studentow/be.md",
                be)
    (root / "locales/be/LC_MESSAGES/tags.po").unlink()
    ru = root / "content/klastry-na-bialorusi/ru.md"
    ru.write_text(ru.read_text(encoding="utf-8").replace("  - экономика\n", "  - хозяйство\n"),
                  encoding="utf-8")
    out = tmp_path / "a"
    build(load_project(root), out=out)
    be_tags = _tags_of(out / "be/stypiendyi-dlia-studentaw-z-bielarusi/index.html")
    assert be_tags == [("Беларусь", "../tag/bielarus/"), ("адукацыя", "../tag/adukatsyja/"),
                       ("стыпендыі", "../tag/stypiendyi/"),
                       ("супрацоўніцтва дзеля развіцця",
                        "../tag/supratsownitstva-dzielia-razvitstsia/")]
    for _, href in be_tags:
        listed = _listed(out / "be/tag" / href.split("/")[2] / "index.html")
        assert "../../stypiendyi-dlia-studentaw-z-bielarusi/" in listed, (href, listed)
    ru_tags = _tags_of(out / "ru/klastery-v-belarusi/index.html")
    assert ("хозяйство", "../tag/khoziaistvo/") in ru_tags
    assert ("Беларусь", "../tag/belarus/") in ru_tags
    assert not (out / "ru/tag/ekonomika").exists()
    assert "../../klastery-v-belarusi/" in _listed(out / "ru/tag/khoziaistvo/index.html")
    # the localized Markdown and the feed name them too
    md = (out / "markdown/ru/klastry-na-bialorusi.md").read_text(encoding="utf-8")
    assert "хозяйство" in md and "экономика" not in md
    assert re.search(r'<category term="хозяйство"/>',
                     (out / "ru/feed.xml").read_text(encoding="utf-8"))
    # built again, the site is the same
    build(load_project(root), out=tmp_path / "b")
    assert snapshot(out) == snapshot(tmp_path / "b")
