"""UI translations: the theme's catalogues and the project's over them."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2.ext import babel_extract

from multipub.cache.inputs import THEME_DIR, THEME_LOCALES
from multipub.languages import get_language
from multipub.site.translations import catalog_layer, load_ui_translations

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


