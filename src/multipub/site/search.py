"""Search that works on a static host: a Pagefind index per language, over the built
article pages.

Pagefind (the optional ``multipub[search]`` extra, the ``pagefind`` package with its
binary) reads the HTML of every published article page (fallback pages are left out:
their text is not in the page's language) and writes ``pagefind/``: one index per
``<html lang>``, so a Russian query on the Russian search page finds Russian pages.
Each language's search page ``<lang>/search/`` runs Pagefind's UI (``search.js`` of
the theme) with its strings from the UI catalogue (``templates/search.html``).

:func:`search_setting` says whether the build makes search (``[search] enabled``, by
default when the extra is installed; ``enabled = true`` without it is an error naming
the extra). :func:`pagefind_files` makes the bundle in memory.

May import the shared modules.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..errors import ConfigError, ContentError
from ..project.config import CONFIG_NAME, Config

__all__ = ["EXTRA_HINT", "SKIPPED", "available", "pagefind_files", "pagefind_version",
           "search_setting"]

EXTRA_HINT = "pip install 'multipub[search]'"
SKIPPED = ("pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.js")
"""Files of Pagefind's bundle the search page does not use (not published)."""

def available() -> bool:
    """Whether the ``search`` extra (Pagefind and its binary) is installed."""
    return importlib.util.find_spec("pagefind") is not None and any(
        importlib.util.find_spec(name) is not None
        for name in ("pagefind_bin", "pagefind_bin_extended"))


def pagefind_version() -> str:
    """The installed Pagefind's version (part of the index's dependency key)."""
    from importlib.metadata import PackageNotFoundError, version

    for name in ("pagefind_bin_extended", "pagefind_bin", "pagefind"):
        try:
            return version(name)
        except PackageNotFoundError:
            continue
    return ""


def search_setting(config: Config) -> bool:
    """Whether this build makes the search index and pages."""
    wanted = config.site.search
    if wanted is None:
        return available()
    if wanted and not available():
        raise ConfigError("search.enabled: search needs Pagefind, the optional `search` extra: "
                          f"{EXTRA_HINT} (or set enabled = false)", path=CONFIG_NAME,
                          line=config.lines.get("search"))
    return wanted


def pagefind_files(pages: Iterable[tuple[str, bytes]]) -> dict[str, bytes]:
    """The Pagefind bundle of *pages* (site path of the page's folder, its HTML):
    ``pagefind/<file>`` -> bytes.

    The pages are copied into a temporary folder and Pagefind's program indexes it
    (``python -m pagefind``; its Python service, answering one page at a time, took
    five minutes for the 3,475 pages of the 1,000-article bench corpus).
    """
    with tempfile.TemporaryDirectory(prefix="multipub-pagefind-") as folder:
        site = Path(folder, "site")
        for path, html in pages:
            target = site / path / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(html)
        out = Path(folder, "pagefind")
        site.mkdir(exist_ok=True)
        done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site),
                               "--output-path", str(out), "--silent"],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise ContentError(f"Pagefind failed ({done.returncode}): "
                               f"{(done.stderr or done.stdout).strip()[-500:]}")
        return _read_bundle(out)


def _read_bundle(folder: Path) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for root, _, files in os.walk(folder):
        for name in files:
            if name.startswith(SKIPPED):
                continue
            path = Path(root, name)
            data = path.read_bytes()
            if name == "pagefind-entry.json":  # its languages come in a random order
                data = json.dumps(json.loads(data), sort_keys=True, ensure_ascii=False,
                                  separators=(",", ":")).encode()
            found["pagefind/" + path.relative_to(folder).as_posix()] = data
    return dict(sorted(found.items()))

