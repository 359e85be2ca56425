"""Templates: the Jinja2 environment of each language and the theme."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
import pytest

from multipub.errors import TemplateError
from multipub.languages import get_language
from multipub.site.templates import Theme, make_environment
from multipub.site.translations import UITranslations, load_ui_translations

from ..conftest import write


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


def test_quick_underscore_answers_as_jinja_gettext() -> None:
    """``_()`` skips Jinja2's alias and wrapper; its answers are those of ``gettext()``."""
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
