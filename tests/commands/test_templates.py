"""Templates from articles, tags, Jinja2 templates and the configuration."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from multipub.commands.templates import (
    TemplateSource,
    article_template,
    messages_from_templates,
    tags_template,
    ui_template,
)
from multipub.errors import ContentError, TemplateError
from multipub.gettext.catalog import Catalog
from multipub.gettext.pofile import dump_po
from multipub.project.model import Project, load_project

from ..conftest import CONFIG, write

GNU = shutil.which("msgcat") is not None
needs_gnu = pytest.mark.skipif(not GNU, reason="GNU gettext tools not installed")

ARTICLE = """---
title: Szkolenia dla NGO
date: 2024-04-02
tags: [szkolenia, Białoruś]
summary: Warsztaty dla organizacji pozarządowych.
image:
  src: warsztaty.png
  caption: Uczestnicy warsztatów
---

# Program

Pierwszy dzień poświęcono **planowaniu** projektów.

- Planowanie budżetu
- Zapraszamy serdecznie.

<!-- multipub: note "Grodno" to nazwa miasta; nie tłumaczyć na "Hrodna" -->
Spotkanie odbędzie się w Grodnie.

```
kod = "nie do tłumaczenia"
```

Zapraszamy serdecznie.

<!-- multipub: context przycisk -->
Zapraszamy serdecznie.
"""

OTHER = """---
title: Stypendia
date: 2024-05-01
tags:
  - edukacja
  - białoruś
  - Białoruś
---

Tekst.
"""


def project_with(tmp_path: Path, articles: dict[str, str], config: str = CONFIG) -> Project:
    root = tmp_path / "p"
    write(root / "multipub.toml", config)
    for article_id, text in articles.items():
        write(root / "content" / article_id / "pl.md", text)
    return load_project(root)


def msgcat_identical(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "check.pot"
    data = dump_po(catalog)
    path.write_bytes(data)
    out = subprocess.run(["msgcat", str(path)], check=True, capture_output=True).stdout
    assert out.decode() == data.decode()


# -- articles ----------------------------------------------------------------------
def test_article_template_entries_references_and_comments(tmp_path: Path) -> None:
    project = project_with(tmp_path, {"szkolenia": ARTICLE})
    template = article_template(project, project.article("szkolenia"))
    got = [(m.msgctxt, m.msgid, m.references, m.extracted_comments) for m in template.messages]
    ref = "content/szkolenia/pl.md:"
    assert got == [
        (None, "Szkolenia dla NGO", [ref + "2"], ["title"]),
        (None, "Warsztaty dla organizacji pozarządowych.", [ref + "5"], ["summary"]),
        (None, "Uczestnicy warsztatów", [ref + "8"], ["image caption"]),
        (None, "Program", [ref + "11"], ["heading"]),
        (None, "Pierwszy dzień poświęcono **planowaniu** projektów.", [ref + "13"],
         ["paragraph"]),
        (None, "Planowanie budżetu", [ref + "15"], ["list item"]),
        (None, "Zapraszamy serdecznie.", [ref + "16", ref + "25"], ["list item", "paragraph"]),
        (None, "Spotkanie odbędzie się w Grodnie.", [ref + "19"],
         ["paragraph", '"Grodno" to nazwa miasta; nie tłumaczyć na "Hrodna"']),
        ("przycisk", "Zapraszamy serdecznie.", [ref + "28"], ["paragraph"]),
    ]
    assert template.get_header("Content-Type") == "text/plain; charset=UTF-8"
    assert "POT-Creation-Date" not in template.metadata()


@needs_gnu
def test_article_template_is_what_msgcat_prints(tmp_path: Path) -> None:
    project = project_with(tmp_path, {"szkolenia": ARTICLE})
    msgcat_identical(tmp_path, article_template(project, project.article("szkolenia")))


def test_templates_are_deterministic(tmp_path: Path) -> None:
    project = project_with(tmp_path, {"szkolenia": ARTICLE, "stypendia": OTHER})
    again = load_project(project.root)
    for one, two in ((project, again),):
        assert dump_po(article_template(one, one.article("szkolenia"))) == dump_po(
            article_template(two, two.article("szkolenia")))
        assert dump_po(tags_template(one)) == dump_po(tags_template(two))


# -- tags --------------------------------------------------------------------------
def test_tags_template_sorted_with_every_reference(tmp_path: Path) -> None:
    project = project_with(tmp_path, {"szkolenia": ARTICLE, "stypendia": OTHER})
    template = tags_template(project)
    got = [(m.msgid, m.references, m.extracted_comments) for m in template.messages]
    assert got == [
        ("Białoruś", ["content/stypendia/pl.md:7", "content/szkolenia/pl.md:4"], ["tag"]),
        ("białoruś", ["content/stypendia/pl.md:6"], ["tag"]),
        ("edukacja", ["content/stypendia/pl.md:5"], ["tag"]),
        ("szkolenia", ["content/szkolenia/pl.md:4"], ["tag"]),
    ]


@needs_gnu
def test_tags_template_is_what_msgcat_prints(tmp_path: Path) -> None:
    project = project_with(tmp_path, {"szkolenia": ARTICLE, "stypendia": OTHER})
    msgcat_identical(tmp_path, tags_template(project))


# -- UI strings --------------------------------------------------------------------
BASE = """<html><body>
{# Translators: the heading above the list of tags #}
<h2>{{ _("Tags") }}</h2>
<p>{{ gettext("Page %(page)s of %(pages)s", page=1, pages=2) }}</p>
{% trans count=n %}{{ count }} article{% pluralize %}{{ count }} articles{% endtrans %}
<p>{{ ngettext("%(num)s comment", "%(num)s comments", 3) }}</p>
<p>{{ pgettext("month name", "May") }}</p>
{% trans %}Hello {{ name }}!{% endtrans %}
<p>{{ _("Tags") }}</p>
</body></html>
"""


def theme(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "theme"
    for name, text in files.items():
        write(folder / name, text)
    return folder


def test_ui_strings_from_templates(tmp_path: Path) -> None:
    project = project_with(tmp_path, {"szkolenia": ARTICLE})
    folder = theme(tmp_path, {"base.html": BASE, "style.css": '.a:after{content:"_(\\"x\\")"}'})
    template = ui_template(project, folder)
    got = [(m.msgctxt, m.msgid, m.msgid_plural, m.references, m.flags, m.extracted_comments)
           for m in template.messages]
    base = "multipub:templates/base.html:"
    assert got == [
        (None, "Tags", None, [base + "3", base + "9"], [],
         ["the heading above the list of tags"]),
        (None, "Page %(page)s of %(pages)s", None, [base + "4"], ["python-format"], []),
        (None, "%(count)s article", "%(count)s articles", [base + "5"], ["python-format"], []),
        (None, "%(num)s comment", "%(num)s comments", [base + "6"], ["python-format"], []),
        ("month name", "May", None, [base + "7"], [], []),
        (None, "Hello %(name)s!", None, [base + "8"], ["python-format"], []),
        (None, "Polska pomoc", None, ["multipub.toml:3"], [], ["site title"]),
    ]
    plural = template.messages[2]
    assert plural.msgstr_plural == ["", ""]


@needs_gnu
def test_ui_template_is_what_msgcat_prints(tmp_path: Path) -> None:
    project = project_with(tmp_path, {"szkolenia": ARTICLE})
    msgcat_identical(tmp_path, ui_template(project, theme(tmp_path, {"base.html": BASE})))


def test_project_template_replaces_theme_template_of_the_same_name(tmp_path: Path) -> None:
    project = project_with(tmp_path, {"szkolenia": ARTICLE})
    folder = theme(tmp_path, {"base.html": BASE, "partials/foot.html": '{{ _("Footer") }}\n'})
    write(project.root / "templates" / "base.html", '\n{{ _("Own heading") }}\n')
    write(project.root / "templates" / "extra.html", '{{ _("Extra") }}\n')
    template = ui_template(project, folder)
    assert [(m.msgid, m.references) for m in template.messages] == [
        ("Own heading", ["templates/base.html:2"]),
        ("Extra", ["templates/extra.html:1"]),
        ("Footer", ["multipub:templates/partials/foot.html:1"]),
        ("Polska pomoc", ["multipub.toml:3"]),
    ]


def test_no_title_no_entry(tmp_path: Path) -> None:
    config = 'source_language = "pl"\nlanguages = ["ru"]\n'
    project = project_with(tmp_path, {"szkolenia": ARTICLE}, config)
    assert ui_template(project, theme(tmp_path, {})).messages == []


def test_template_syntax_error_names_file_and_line() -> None:
    bad = TemplateSource("templates/bad.html", b'<p>\n{{ _("x") }}\n{% if %}\n')
    with pytest.raises(TemplateError) as info:
        messages_from_templates([bad])
    assert info.value.path == "templates/bad.html" and info.value.line == 3


def test_template_not_utf8_names_file_and_line() -> None:
    with pytest.raises(ContentError) as info:
        messages_from_templates([TemplateSource("templates/x.html", b"ok\n\xb3\n")])
    assert str(info.value).startswith("templates/x.html:2:")


def test_default_theme_strings_are_found(tmp_path: Path) -> None:
    project = project_with(tmp_path, {"szkolenia": ARTICLE})
    template = ui_template(project)
    refs = [r for m in template.messages for r in m.references]
    if not any(r.startswith("multipub:templates/") for r in refs):
        pytest.skip("the default theme has no translatable strings yet")
    assert all(m.msgid for m in template.messages)
