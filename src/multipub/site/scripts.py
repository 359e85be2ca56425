"""The theme of a derived language: UI strings and dates of its base, transliterated.

A derived language (``be-Latn``, see :mod:`multipub.content.derived`) has no
UI catalogue and no CLDR data of its own.  Its UI strings are those of the
language it is made from (the project's catalogue over the theme's), each
form transliterated with its placeholders kept; dates, months and plurals
come from the base language's CLDR data through Babel (``be``), and the
formatted text is transliterated.

>>> from multipub.languages import get_language
>>> from multipub.site.translations import UITranslations
>>> be = UITranslations(get_language("be"), [{(None, "%(num)s article"): (
...     "%(num)s артыкул", "%(num)s артыкулы", "%(num)s артыкулаў")}])
>>> latn = ui_in_script(be, get_language("be-Latn"))
>>> [latn.ngettext("%(num)s article", "%(num)s articles", n) for n in (1, 3, 5)]
['%(num)s artykuł', '%(num)s artykuły', '%(num)s artykułaŭ']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jinja2
from markupsafe import Markup

from ..content.derived import Script, script_for
from ..languages import Language
from .translations import UITranslations

__all__ = ["base_code", "script_filters", "ui_in_script"]


def base_code(language: Language) -> str | None:
    """The code of the language *language* is derived from (``None``: not derived)."""
    script = script_for(language.code)
    return script.source if script is not None else None


def _convert(script: Script) -> Callable[[str], str]:
    return lambda text: script.transliterate(text, ())


def ui_in_script(base: UITranslations, language: Language) -> UITranslations:
    """The UI strings of *base* (the language *language* is made from), transliterated."""
    script = script_for(language.code)
    if script is None:
        return base
    convert = _convert(script)
    layers = [{key: tuple(convert(form) for form in forms) for key, forms in layer.items()}
              for layer in base.layers]
    return UITranslations(language, layers)


def script_filters(env: jinja2.Environment, language: Language) -> None:
    """Wrap the formatting filters of *env* (``format_*``, ``groupby_month``) so that the
    text they make is in *language*'s script.

    Does nothing for a language that is not derived.  Markup a filter returns stays
    markup: only its text is transliterated.
    """
    script = script_for(language.code)
    if script is None:
        return
    convert = _convert(script)
    filters = env.filters
    for name in [n for n in filters if n.startswith("format_")]:
        filters[name] = _wrapped(filters[name], convert)
    if "groupby_month" in filters:
        group = filters["groupby_month"]
        filters["groupby_month"] = lambda entries: [(convert(label), items)
                                                   for label, items in group(entries)]


def _wrapped(function: Callable[..., Any], convert: Callable[[str], str]) -> Callable[..., Any]:
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        result = function(*args, **kwargs)
        if isinstance(result, Markup):
            return Markup(convert(str(result)))
        return convert(result) if isinstance(result, str) else result

    return wrapped
