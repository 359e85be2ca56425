"""The hashes every page of a build depends on, besides its own content.

:class:`Fingerprints` hashes the code of multipub and the versions of its
rendering libraries, the configuration, the templates (the project's and the
theme's) and, per language, the UI catalogues.  A change of any of them changes
the dependency keys of the pages it affects, so they are rendered again.
"""

from __future__ import annotations

from pathlib import Path

from ..project.model import Project
from . import inputs as _snapshot
from .inputs import (
    THEME_DIR,
    THEME_LOCALES,
    code_fingerprint,
    digest,
)

__all__ = ["Fingerprints"]


def _tree(folder: Path | None) -> list[str | bytes]:
    """Names and bytes of every file under *folder*, sorted (nothing if it does not exist)."""
    if folder is None or not folder.is_dir():
        return ["-"]
    parts: list[str | bytes] = []
    for name, path in _snapshot.files_under(folder):
        parts += [name, path.read_bytes()]
    return parts


def _bytes_of(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return b"\0missing"


class Fingerprints:
    """The hashes pages depend on, computed once per build."""

    def __init__(self, project: Project) -> None:
        cfg = project.config
        settings = repr((cfg.source_language, cfg.languages, cfg.title, cfg.base_url,
                         cfg.fallback, cfg.publish_threshold, cfg.outdated, cfg.per_page,
                         cfg.trusted_html, cfg.markdown,
                         project.root.resolve().name, cfg.derived_languages, cfg.site))
        self.project = project
        self.code = code_fingerprint()
        self.common = digest(self.code, settings, *_tree(project.templates_dir),
                             *_tree(THEME_DIR))
        """Code, configuration and templates: what every page depends on."""
        self._languages: dict[str, str] = {}

    def language(self, code: str) -> str:
        """:attr:`common` and the UI catalogues of *code* (the project's and the theme's)."""
        if code not in self._languages:
            base = next((d.source for d in self.project.config.derived_languages
                         if d.code == code), None)
            if base is not None:  # made from its base language's catalogues
                self._languages[code] = digest(self.language(base), "derived", code)
                return self._languages[code]
            project_po = self.project.catalog_path(code, "messages")
            theme_po = THEME_LOCALES / code / "LC_MESSAGES" / "messages.po"
            self._languages[code] = digest(self.common, code, _bytes_of(project_po),
                                           _bytes_of(theme_po))
        return self._languages[code]
