"""Stable heading ids, and the ``#fragment`` links of a built site that point nowhere.

Every version of an article gives a heading the id its source heading has
(the source language's slug of its text, or the id a ``{#id}`` attribute
sets), so ``[see](#instalacja)`` in a translated text and ``../slug/#instalacja``
from another page resolve in every language.  Headings are matched by
position: the *n*-th heading of a version takes the id of the *n*-th heading
of the source.  Catalogue-backed versions have the source's headings in the
source's order; a hand-written version with more headings than the source
gives the extra ones ids of its own (its language's slugs), one with fewer
uses the first ids.  A heading with an ``{#id}`` of its own keeps it.

:class:`AnchorExtension` does this inside Python-Markdown (a tree processor
after ``attr_list`` and before ``toc``, and one after ``toc`` that records the
ids of the headings).  :func:`page_fragments` and :func:`unresolved` find, in
built pages, the links to a fragment that no element of the target page has.

May import :mod:`multipub.site.plan` and :mod:`multipub.project` (for the
locations of :func:`fragment_problems`) and the shared modules.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

if TYPE_CHECKING:
    from ..errors import Problem
    from ..project.model import Project
    from .plan import Entry, Site

__all__ = ["AnchorExtension", "Fragments", "fragment_problems", "line_of", "page_fragments",
           "unresolved"]

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class _SourceIds(Treeprocessor):
    """Give each heading without an id the id of the source heading at its position."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.ids: Sequence[str] = ()

    def run(self, root: ET.Element) -> None:
        ids = self.ids
        if not ids:
            return
        taken = {e.get("id") for e in root.iter() if e.get("id")}
        n = 0
        for element in root.iter():
            if element.tag not in _HEADINGS:
                continue
            if n < len(ids) and "id" not in element.attrib and ids[n] not in taken:
                element.set("id", ids[n])
                taken.add(ids[n])
            n += 1


class _RecordIds(Treeprocessor):
    """Note the id of every heading, in document order (after ``toc`` gave them)."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.found: tuple[str, ...] = ()

    def run(self, root: ET.Element) -> None:
        self.found = tuple(e.get("id") or "" for e in root.iter() if e.tag in _HEADINGS)


class AnchorExtension(Extension):
    """Headings with the source's ids (:attr:`ids`); :attr:`found` the ids given.

    Set :attr:`ids` before converting a translation (empty for a source);
    read :attr:`found` after converting.
    """

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        self._give = _SourceIds(md)
        self._record = _RecordIds(md)
        md.treeprocessors.register(self._give, "multipub-source-ids", 6)  # attr_list: 8, toc: 5
        md.treeprocessors.register(self._record, "multipub-record-ids", 4)

    @property
    def ids(self) -> Sequence[str]:
        return self._give.ids

    @ids.setter
    def ids(self, value: Sequence[str]) -> None:
        self._give.ids = value

    @property
    def found(self) -> tuple[str, ...]:
        return self._record.found


# -- links that point nowhere -------------------------------------------------------------
_ATTRIBUTE = re.compile(r"""\s(id|name|href)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


@dataclass(frozen=True)
class Fragments:
    """What one built page offers and asks: its element ids, its links with a fragment."""

    ids: frozenset[str] = frozenset()
    links: tuple[str, ...] = field(default=())


def page_fragments(page: str) -> Fragments:
    """The ids (and ``<a name>``) of the HTML text *page*, and its ``href`` values that
    have a fragment (other than an empty one).

    >>> f = page_fragments('<h2 id="a">A</h2><a href="#a">x</a> <a href="../b/#c">y</a>')
    >>> sorted(f.ids), f.links
    (['a'], ('#a', '../b/#c'))
    """
    ids: set[str] = set()
    links: list[str] = []
    for match in _ATTRIBUTE.finditer(page):
        value = html.unescape(match.group(2) if match.group(2) is not None else match.group(3))
        if match.group(1) == "href":
            if "#" in value and not value.endswith("#") and "://" not in value \
                    and not value.startswith(("mailto:", "tel:", "/")):
                links.append(value)
        else:
            ids.add(value)
    return Fragments(frozenset(ids), tuple(links))


def unresolved(pages: Mapping[str, Fragments]) -> Iterable[tuple[str, str]]:
    """``(page, href)`` of every link whose fragment no element of its target has.

    *pages* maps site paths of pages (``ru/kot/index.html``) to what they hold; a
    link to a page that is not among them (another file, a page outside the
    site) is not judged, unless it names a page folder of the site's languages.

    >>> site = {"ru/a/index.html": page_fragments('<h2 id="x"></h2><a href="#y">.</a>'),
    ...         "ru/b/index.html": page_fragments('<a href="../a/#x">.</a>')}
    >>> list(unresolved(site))
    [('ru/a/index.html', '#y')]
    """
    for name in sorted(pages):
        base = posixpath.dirname(name)
        for link in pages[name].links:
            path, _, fragment = link.partition("#")
            target = name if not path else _page(base, path)
            if target is None or target not in pages:
                continue
            if html.unescape(fragment) not in pages[target].ids:
                yield name, link


def _page(base: str, path: str) -> str | None:
    """The site path of the page a relative *path* from the folder *base* names."""
    if "?" in path:
        path = path.partition("?")[0]
    joined = posixpath.normpath(posixpath.join(base, path))
    if joined.startswith(".."):
        return None
    if path.endswith("/") or joined == ".":
        return "index.html" if joined == "." else f"{joined}/index.html"
    return joined if joined.endswith(".html") else None


def line_of(text: str, needle: str) -> int | None:
    """The 1-based line of the first *needle* in *text* (``None``: not there).

    >>> line_of("a\\n[x](#b)\\n", "(#b)")
    2
    """
    at = text.find(needle)
    return None if at < 0 else text.count("\n", 0, at) + 1


def fragment_problems(project: Project, site: Site, out: Path,
                      names: Iterable[str]) -> tuple[Problem, ...]:
    """Every link of the built pages *names* (under *out*) whose fragment does not
    resolve, as warnings at the line of the file that holds the link: the article's
    Markdown file, or for a catalogue-backed version its catalogue."""
    from ..errors import Problem

    # Links within a page are judged as the page is read; links to other pages are kept
    # and their targets read again afterwards (few are): the ids of every page of a large
    # site are never held at once.
    names = [name for name in names if name.endswith(".html")]
    known = set(names)
    bad: list[tuple[str, str]] = []
    elsewhere: dict[str, list[tuple[str, str]]] = {}
    for name in names:
        fragments = _read_fragments(out, name)
        if fragments is None:
            continue
        base = posixpath.dirname(name)
        for link in fragments.links:
            path, _, fragment = link.partition("#")
            target = name if not path else _page(base, path)
            if target is None or target not in known:
                continue
            if target == name:
                if html.unescape(fragment) not in fragments.ids:
                    bad.append((name, link))
            else:
                elsewhere.setdefault(target, []).append((name, link))
    for target, links in elsewhere.items():
        fragments = _read_fragments(out, target)
        if fragments is None:
            continue
        bad += [(name, link) for name, link in links
                if html.unescape(link.partition("#")[2]) not in fragments.ids]
    entries = {e.path + "index.html": e for code in site.languages for e in site.entries[code]}
    found: list[Problem] = []
    for name, link in sorted(bad):
        target = name if link.startswith("#") else _page(posixpath.dirname(name),
                                                          link.partition("#")[0])
        message = (f"warning: the link to {link} finds no heading or anchor with the id "
                   f"{link.partition('#')[2]} on {target}")
        entry = entries.get(name)
        path, text = _file_of(project, entry) if entry is not None else (name, "")
        line = line_of(text, f"({link}") or line_of(text, link)
        found.append(Problem(path, line, message))
    return tuple(sorted(set(found), key=lambda p: (p.path or "", p.line or 0, p.message)))


def _read_fragments(out: Path, name: str) -> Fragments | None:
    """:func:`page_fragments` of the built page *name* (``None``: unreadable)."""
    try:
        return page_fragments((out / name).read_text(encoding="utf-8"))
    except (OSError, UnicodeError):
        return None


def _file_of(project: Project, entry: Entry) -> tuple[str, str]:
    """The file an entry's text comes from, and its text (``""`` if unreadable)."""
    article = project.article(entry.article_id)
    version = article.handwritten.get(entry.language) if entry.mode == "handwritten" else None
    if entry.mode in ("source", "fallback") or (entry.mode == "handwritten" and version is None):
        version = article.source
    if version is not None:
        return version.shown, version.text
    path = project.catalog_path(entry.language, project.article_domain(article.id))
    try:
        return project.shown(path), path.read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return project.shown(path), ""
