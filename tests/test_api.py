"""The public surface of the package, pinned."""

from __future__ import annotations

import subprocess
import sys

import multipub

EXPECTED = {
    "Article", "Catalog", "CatalogError", "CatalogStats", "Config", "ConfigError",
    "ContentError", "Language", "LockedError", "Message", "Mode", "MultipubError",
    "NotAvailableError", "PathError", "Problem", "Project", "TemplateError", "UsageError",
    "Version", "__version__", "catalog_stats", "detect_language", "get_language", "load_project",
    "read_catalog", "write_catalog",
}


def test_all_is_pinned() -> None:
    assert set(multipub.__all__) == EXPECTED
    for name in multipub.__all__:
        assert getattr(multipub, name) is not None


def test_design_names_are_callable() -> None:
    for name in ("load_project", "read_catalog", "write_catalog", "catalog_stats",
                 "detect_language"):
        assert callable(getattr(multipub, name))


def test_exceptions_share_one_root() -> None:
    for name in ("CatalogError", "ConfigError", "ContentError", "LockedError",
                 "NotAvailableError", "PathError", "TemplateError", "UsageError"):
        assert issubclass(getattr(multipub, name), multipub.MultipubError)


def test_import_is_cheap() -> None:
    """``import multipub`` does not pull in the heavy parts (Markdown, Jinja2, langdetect)."""
    code = ("import sys, multipub; "
            "print(sorted(m for m in ('markdown', 'jinja2', 'langdetect', 'babel') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_python_m_is_the_cli() -> None:
    out = subprocess.run([sys.executable, "-m", "multipub", "--version"], capture_output=True,
                         text=True, check=False)
    assert out.returncode == 0
    assert out.stdout.strip() == f"multipub, version {multipub.__version__}"
