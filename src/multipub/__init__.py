"""multipub: publish articles in several languages through gettext catalogues.

The command line is a thin layer over this API; every verb takes a loaded
:class:`Project` or the path of its folder (``str`` or ``os.PathLike``)::

    >>> import multipub
    >>> project = multipub.load_project("examples/polska-pomoc")   # doctest: +SKIP
    >>> multipub.status(project)                                    # doctest: +SKIP
    <ProjectStatus 'Polska pomoc' from pl: ru 93.0% (...); 3 articles, 8 catalogues>

Public names (pinned by ``tests/test_api.py``):

- verbs: :func:`load_project`, :func:`extract`, :func:`update`,
  :func:`compile_catalogs`, :func:`status`, :func:`check`, :func:`stamp`, :func:`diff`,
  :func:`build`
- their results: :class:`Project` (:class:`Article`, :class:`Version`, :class:`Mode`,
  :class:`Config`), :class:`CatalogChanges`, :class:`ProjectStatus`
  (:class:`ArticleStatus`, :class:`Cell`, :class:`Counts`, :class:`LanguageTotals`),
  :class:`CheckReport` (:class:`Finding`), :class:`BuildReport`
  (:class:`LanguageReport`)
- catalogues: :func:`read_catalog`, :func:`write_catalog` (GNU-identical ``.po``
  output), :func:`catalog_stats` (the counts of ``msgfmt --statistics``),
  :class:`Catalog`, :class:`Message`, :class:`CatalogStats`, and the polib bridge
  :func:`to_polib`, :func:`from_polib`
- languages: :func:`detect_language` (a language code or ``None`` when undetermined),
  :func:`get_language`, :class:`Language`
- the exception tree rooted at :class:`MultipubError` (see :mod:`multipub.errors`)

The package's folders follow the pipeline: :mod:`multipub.project` (configuration,
articles), :mod:`multipub.content` (front matter, segments, write-back),
:mod:`multipub.gettext` (catalogues), :mod:`multipub.commands` (the commands),
:mod:`multipub.quality` (status, checks, language identification),
:mod:`multipub.site` (the site) and :mod:`multipub.cache`.  Submodules are imported
on first use, so ``import multipub`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import (
    CatalogError,
    ConfigError,
    ContentError,
    LockedError,
    MultipubError,
    NotAvailableError,
    PathError,
    Problem,
    TemplateError,
    UsageError,
)

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .commands.build import BuildReport, LanguageReport, build
    from .commands.catalogs import CatalogChanges, compile_catalogs, extract, update
    from .commands.stamp import diff, stamp
    from .gettext.catalog import Catalog, Message
    from .gettext.pofile import read_catalog, write_catalog
    from .gettext.polib_bridge import from_polib, to_polib
    from .gettext.stats import CatalogStats, catalog_stats
    from .languages import Language, get_language
    from .project.config import Config
    from .project.model import Article, Mode, Project, Version, load_project
    from .quality.checks import CheckReport, Finding, check
    from .quality.langid import detect_language
    from .quality.status import ArticleStatus, Cell, Counts, LanguageTotals, ProjectStatus, status

_LAZY = {
    "load_project": "project.model",
    "Project": "project.model",
    "Article": "project.model",
    "Version": "project.model",
    "Mode": "project.model",
    "Config": "project.config",
    "extract": "commands.catalogs",
    "update": "commands.catalogs",
    "compile_catalogs": "commands.catalogs",
    "CatalogChanges": "commands.catalogs",
    "stamp": "commands.stamp",
    "diff": "commands.stamp",
    "build": "commands.build",
    "BuildReport": "commands.build",
    "LanguageReport": "commands.build",
    "status": "quality.status",
    "ProjectStatus": "quality.status",
    "ArticleStatus": "quality.status",
    "Cell": "quality.status",
    "Counts": "quality.status",
    "LanguageTotals": "quality.status",
    "check": "quality.checks",
    "CheckReport": "quality.checks",
    "Finding": "quality.checks",
    "read_catalog": "gettext.pofile",
    "write_catalog": "gettext.pofile",
    "catalog_stats": "gettext.stats",
    "CatalogStats": "gettext.stats",
    "Catalog": "gettext.catalog",
    "Message": "gettext.catalog",
    "to_polib": "gettext.polib_bridge",
    "from_polib": "gettext.polib_bridge",
    "detect_language": "quality.langid",
    "get_language": "languages",
    "Language": "languages",
}

__all__ = [
    "Article",
    "ArticleStatus",
    "BuildReport",
    "Catalog",
    "CatalogChanges",
    "CatalogError",
    "CatalogStats",
    "Cell",
    "CheckReport",
    "Config",
    "ConfigError",
    "ContentError",
    "Counts",
    "Finding",
    "Language",
    "LanguageReport",
    "LanguageTotals",
    "LockedError",
    "Message",
    "Mode",
    "MultipubError",
    "NotAvailableError",
    "PathError",
    "Problem",
    "Project",
    "ProjectStatus",
    "TemplateError",
    "UsageError",
    "Version",
    "__version__",
    "build",
    "catalog_stats",
    "check",
    "compile_catalogs",
    "detect_language",
    "diff",
    "extract",
    "from_polib",
    "get_language",
    "load_project",
    "read_catalog",
    "stamp",
    "status",
    "to_polib",
    "update",
    "write_catalog",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'multipub' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
