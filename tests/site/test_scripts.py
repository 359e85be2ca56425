"""Tests of multipub.site.scripts: a derived language's UI strings and dates."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from multipub.languages import get_language
from multipub.site.scripts import base_code, script_filters, ui_in_script
from multipub.site.templates import make_environment
from multipub.site.translations import UITranslations

BE = {(None, "Tags"): ("Тэгі",), (None, "Page %(page)s of %(pages)s"): (
    "Старонка %(page)s з %(pages)s",), ("menu", "Search"): ("Пошук",)}


def test_ui_strings_of_the_base_transliterated_with_placeholders_kept() -> None:
    latn = ui_in_script(UITranslations(get_language("be"), [BE]), get_language("be-Latn"))
    assert latn.gettext("Tags") == "Tehi"
    assert latn.gettext("Page %(page)s of %(pages)s") == "Staronka %(page)s z %(pages)s"
    assert latn.pgettext("menu", "Search") == "Pošuk"
    assert latn.gettext("Missing") == "Missing"
    be = UITranslations(get_language("be"), [BE])
    assert ui_in_script(be, get_language("be")) is be
    assert (base_code(get_language("be-Latn")), base_code(get_language("be"))) == ("be", None)


def test_dates_months_and_plurals_from_belarusian_data() -> None:
    language = get_language("be-Latn")
    ui = UITranslations(language, [{(None, "%(num)s article"): (
        "%(num)s artykuł", "%(num)s artykuły", "%(num)s artykułaŭ")}])
    env = make_environment(language, ui)
    template = env.from_string(
        "{{ d|format_date }}|{{ d|format_month }}|{% for m, _ in es|groupby_month %}{{ m }}"
        "{% endfor %}|{{ ngettext('%(num)s article', '%(num)s articles', 22) }}")
    entries = [type("E", (), {"date": dt.date(2026, 2, 1)})()]
    assert template.render(d=dt.date(2026, 12, 3), es=entries) == (
        "3 śniežnia 2026\u202fh.|śniežań 2026|luty 2026|22 artykuły")


def test_markup_from_a_filter_stays_markup() -> None:
    env = make_environment(get_language("be"), UITranslations(get_language("be"), []))
    env.filters["format_badge"] = lambda text: Markup('<b class="зорка">') + text + Markup("</b>")
    script_filters(env, get_language("be-Latn"))
    out = env.filters["format_badge"]("Навіны")
    assert isinstance(out, Markup) and out == '<b class="зорка">Naviny</b>'
    assert env.filters["format_number"](1234) == "1\xa0234"
