"""URLs between the pages of the site: relative links and quoting of site paths."""

from __future__ import annotations

import functools
import posixpath
import re
from urllib.parse import quote

__all__ = ["quote_path", "relative_url"]


def relative_url(target: str, page: str) -> str:
    """The URL of the site path *target* from the page file *page*.

    Both are paths inside the site (relative, ``/``-separated); the answer is
    :func:`posixpath.relpath`'s, computed on the strings alone (``relpath``
    asks the operating system for the working folder twice per call).

    >>> relative_url("ru/", "pl/grodna/index.html"), relative_url("style.css", "index.html")
    ('../../ru/', 'style.css')
    >>> relative_url("pl/grodna/", "pl/grodna/index.html")
    './'
    """
    folder = target.endswith("/")
    parts = _site_parts(target)
    base = _site_parts(page)[:-1]
    common = 0
    for mine, theirs in zip(base, parts, strict=False):
        if mine != theirs:
            break
        common += 1
    rel = "/".join([*[".."] * (len(base) - common), *parts[common:]]) or "."
    if folder:
        rel = "./" if rel == "." else rel + "/"
    return quote_path(rel)


def quote_path(path: str) -> str:
    """A site path as it goes into a URL (``/`` and ``#`` kept).

    >>> quote_path("pl/łódź/"), quote_path("ru/tag/a-b/")
    ('pl/%C5%82%C3%B3d%C5%BA/', 'ru/tag/a-b/')
    """
    return path if _URL_SAFE.fullmatch(path) else quote(path, safe="/#.-_~")


_URL_SAFE = re.compile(r"[A-Za-z0-9/#._~-]*")
"""What :func:`urllib.parse.quote` with ``safe="/#.-_~"`` leaves as it is."""


@functools.lru_cache(maxsize=8192)
def _site_parts(path: str) -> tuple[str, ...]:
    """The folder names of a site path, normalised like :func:`posixpath.normpath`."""
    if "." in path or "//" in path:
        path = posixpath.normpath(path)
    return tuple(part for part in path.split("/") if part and part != ".")

