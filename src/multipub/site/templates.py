"""Templates: the Jinja2 environment of each language and the theme that holds them.

:func:`make_environment` gives a Jinja2 environment with autoescaping,
:class:`jinja2.StrictUndefined`, the ``i18n`` extension bound to one
language (``_``, ``gettext``, ``ngettext``, ``pgettext``, ``npgettext``)
and Babel filters.  Templates load from the project's ``templates/`` first,
then from the default theme.  UI translations are text: they are escaped
like any other value, never trusted as markup.  :class:`Theme` makes one
environment per language on first use and keeps it.

Template errors become :class:`~multipub.errors.TemplateError` naming the
template file and line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import traceback
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from ..cache.inputs import THEME_DIR  # the default theme
from ..errors import MultipubError, TemplateError
from ..languages import Language
from .scripts import base_code, script_filters, ui_in_script
from .translations import UITranslations, load_ui_translations

__all__ = ["Theme", "group_by_month", "make_environment", "markup", "render_template"]


class _SharedBytecode(jinja2.BytecodeCache):
    """Compiled templates kept in memory and shared by the environments of one theme.

    Every language has its own environment (its own gettext and date
    filters) with the same settings, so a template compiles to the same code
    in each: compiled once, it is loaded from here by the others.  Nothing
    is written to disk: compiled code in a project folder would run when the
    folder is built, wherever it came from.
    """

    def __init__(self) -> None:
        self._codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._codes.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._codes[bucket.key] = bucket.bytecode_to_string()


def make_environment(language: Language, translations: UITranslations,
                     project_templates: Path | None = None,
                     bytecode: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """A Jinja2 environment for pages in *language*.

    Autoescaping is on, undefined names are errors, and gettext calls are
    bound to *translations* (new-style: ``_("Page %(page)s", page=2)``).
    *bytecode* is shared by environments that may reuse each other's
    compiled templates (same settings, same template folders).
    """
    loaders: list[jinja2.BaseLoader] = []
    if project_templates is not None and project_templates.is_dir():
        loaders.append(jinja2.FileSystemLoader(project_templates))
    loaders.append(jinja2.FileSystemLoader(THEME_DIR))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,
        keep_trailing_newline=True,
        cache_size=-1,
        bytecode_cache=bytecode,
    )
    ui = translations
    # UI strings are text: escape them, so a translation can never inject markup.
    # Every page asks for the same few strings and dates: each answer is kept.
    gettext = _memo(lambda s: escape(ui.gettext(s)))
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=gettext,
        ngettext=_memo(lambda s, p, n: escape(ui.ngettext(s, p, n))),
        pgettext=_memo(lambda c, s: escape(ui.pgettext(c, s))),
        npgettext=_memo(lambda c, s, p, n: escape(ui.npgettext(c, s, p, n))),
        newstyle=True,
    )
    env.globals["_"] = _quick_gettext(gettext)
    locale = language.locale
    env.filters["format_date"] = _memo(lambda d, fmt="long": format_date(d, fmt, locale=locale))
    env.filters["format_month"] = _memo(lambda d: format_skeleton("yMMMM", d, locale=locale))
    env.filters["format_number"] = lambda n: format_decimal(n, locale=locale)
    env.filters["groupby_month"] = lambda entries: group_by_month(entries, language)
    script_filters(env, language)  # a derived language (be-Latn): its dates transliterated
    return env


def _quick_gettext(gettext: Callable[[str], Markup]) -> Callable[..., str]:
    """``_()`` as Jinja2's new-style ``gettext`` answers it, in one call instead of three.

    Jinja2's ``_`` looks ``gettext`` up in the context and calls it, which
    calls *gettext* through the context, marks the answer safe and %-formats
    it.  *gettext* answers escaped markup already, so this does the same.
    """

    def quick(__string: str, **variables: Any) -> str:
        found = gettext(__string)
        return found % variables if variables or "%" in found else found

    return quick


def _memo(function: Callable[..., Any]) -> Callable[..., Any]:
    """*function* remembering its answers (its arguments are few and hashable: strings,
    counts, dates); one cache per environment, so per language and build."""
    return functools.lru_cache(maxsize=4096)(function)


def group_by_month(entries: Iterable[Any], language: Language) -> list[tuple[str, list[Any]]]:
    """Consecutive entries grouped under CLDR's stand-alone month and year.

    >>> from types import SimpleNamespace as E
    >>> from multipub.languages import get_language
    >>> es = [E(date=dt.date(2024, 3, 5)), E(date=dt.date(2024, 3, 1)), E(date=dt.date(2023, 1, 9))]
    >>> [(m, len(g)) for m, g in group_by_month(es, get_language("pl"))]
    [('marzec 2024', 2), ('styczeń 2023', 1)]
    """
    groups: list[tuple[str, list[Any]]] = []
    last: tuple[int, int] | None = None
    for entry in entries:
        date: dt.date = entry.date
        if (date.year, date.month) != last:
            last = (date.year, date.month)
            label = _month_label(date.year, date.month, language.code)
            groups.append((label, []))
        groups[-1][1].append(entry)
    return groups


def render_template(env: jinja2.Environment, name: str, context: Mapping[str, Any],
                    shown: Callable[[Path], str] = str) -> str:
    """Render the template *name*; Jinja2 errors become :class:`TemplateError`."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        where = shown(Path(exc.filename)) if exc.filename else (exc.name or name)
        raise TemplateError(f"template syntax error: {exc.message}", path=where,
                            line=exc.lineno) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template {exc.name!r} not found", path=name) from None
    except MultipubError:
        raise
    except Exception as exc:  # a template failing at run time (undefined name, bad filter)
        path, line = _template_frame(exc)
        where = shown(Path(path)) if path else name
        raise TemplateError(f"template error: {type(exc).__name__}: {exc}", path=where,
                            line=line) from None


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """File and line of the innermost template frame in *exc*'s traceback."""
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith((".html", ".xml", ".txt", ".j2")):
            found = (frame.filename, frame.lineno)
    return found


@functools.lru_cache(maxsize=4096)
def _month_label(year: int, month: int, code: str) -> str:
    from ..languages import get_language

    return format_skeleton("yMMMM", dt.date(year, month, 1), locale=get_language(code).locale)


def markup(html: str) -> Markup:
    """Mark already-sanitised *html* as safe for templates."""
    return Markup(html)


class Theme:
    """The templates and UI strings of a project, one environment per language.

    Environments, compiled templates and parsed catalogues are made on first
    use and kept, so a build parses each catalogue and compiles each template
    once per language.
    """

    def __init__(self, templates: Path | None, locales: Path | None,
                 shown: Callable[[Path], str] = str) -> None:
        self.templates = templates
        self.locales = locales
        self.shown = shown
        self._ui: dict[str, UITranslations] = {}
        self._env: dict[str, jinja2.Environment] = {}
        self._bytecode = _SharedBytecode()

    def ui(self, language: Language) -> UITranslations:
        """The UI translations of *language*."""
        if language.code not in self._ui:
            base = base_code(language)
            if base is not None:  # a derived language: its base's strings, transliterated
                from ..languages import get_language

                self._ui[language.code] = ui_in_script(self.ui(get_language(base)), language)
            else:
                self._ui[language.code] = load_ui_translations(language, self.locales,
                                                               self.shown)
        return self._ui[language.code]

    def environment(self, language: Language) -> jinja2.Environment:
        """The Jinja2 environment of *language*."""
        if language.code not in self._env:
            self._env[language.code] = make_environment(language, self.ui(language),
                                                        self.templates, self._bytecode)
        return self._env[language.code]

    def template(self, language: Language, name: str) -> None:
        """Compile the template *name* for *language* now (errors are reported when it renders)."""
        with contextlib.suppress(jinja2.TemplateError):
            self.environment(language).get_template(name)

    def render(self, language: Language, name: str, context: Mapping[str, Any]) -> str:
        """Render the template *name* for *language*."""
        return render_template(self.environment(language), name, context, self.shown)

    def static(self, name: str) -> bytes:
        """A static file of the theme (``style.css``): the project's copy first."""
        for folder in (self.templates, THEME_DIR):
            if folder is not None and (folder / name).is_file():
                return (folder / name).read_bytes()
        raise TemplateError(f"the theme has no file {name!r}", path=name)
