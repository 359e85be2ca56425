"""multipub: publish articles in several languages through gettext catalogues.

The command line is a thin layer over this API::

    >>> import multipub
    >>> project = multipub.load_project("examples/polska-pomoc")   # doctest: +SKIP
    >>> [a.id for a in project.articles]                            # doctest: +SKIP
    ['klastry-na-bialorusi', ...]

Public names (pinned by ``tests/test_api.py``):

- :func:`load_project` -> :class:`Project` (config, articles x languages, catalogues)
- :func:`read_catalog`, :func:`write_catalog` (GNU-identical ``.po`` output),
  :func:`catalog_stats` (the counts of ``msgfmt --statistics``)
- :func:`detect_language` (a language code or ``None`` when undetermined)
- the exception tree rooted at :class:`MultipubError` (see :mod:`multipub.errors`)

Submodules are imported on first use, so ``import multipub`` stays cheap.
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
    from .gettext.catalog import Catalog, Message
    from .gettext.pofile import read_catalog, write_catalog
    from .gettext.stats import CatalogStats, catalog_stats
    from .languages import Language, get_language
    from .project.config import Config
    from .project.model import Article, Mode, Project, Version, load_project
    from .quality.langid import detect_language

_LAZY = {
    "Catalog": "gettext.catalog",
    "Message": "gettext.catalog",
    "Config": "project.config",
    "detect_language": "quality.langid",
    "Language": "languages",
    "get_language": "languages",
    "read_catalog": "gettext.pofile",
    "write_catalog": "gettext.pofile",
    "Article": "project.model",
    "Mode": "project.model",
    "Project": "project.model",
    "Version": "project.model",
    "load_project": "project.model",
    "CatalogStats": "gettext.stats",
    "catalog_stats": "gettext.stats",
}

__all__ = [
    "Article",
    "Catalog",
    "CatalogError",
    "CatalogStats",
    "Config",
    "ConfigError",
    "ContentError",
    "Language",
    "LockedError",
    "Message",
    "Mode",
    "MultipubError",
    "NotAvailableError",
    "PathError",
    "Problem",
    "Project",
    "TemplateError",
    "UsageError",
    "Version",
    "__version__",
    "catalog_stats",
    "detect_language",
    "get_language",
    "load_project",
    "read_catalog",
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
