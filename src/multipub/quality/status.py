"""Completeness of a project, for editors: ``multipub status``.

:func:`project_status` looks at every (article, target language) cell and
every catalogue and returns a :class:`ProjectStatus`, a tree of frozen
values that :mod:`multipub.quality.reports` renders as a table, JSON, HTML or SVG.

States of a cell (article x target language):

=============  =================================================================
``complete``   hand-written and current, or every segment of the source as it is
               now translated in its catalogue
``outdated``   hand-written, and the source changed since ``translated_from``; or
               catalogue-backed, and every segment that is not translated has an
               earlier translation (the source changed since the catalogue was
               merged, or ``update`` marked the entries fuzzy)
``partial``    catalogue-backed, some but not all segments translated
``unstamped``  hand-written, never stamped (no ``translated_from``)
``missing``    no hand-written file and no translated segment
=============  =================================================================

A catalogue-backed cell compares the catalogue with the source *as it is now*:
the segments the source would extract against the catalogue's msgids, so a
source edit shows at once, without ``extract`` or ``update``.  A segment
whose text has no translated entry but an earlier translation (a fuzzy
entry, or the entry of its former text that ``update`` would match: the
merge is computed in memory) is *changed*: counted as fuzzy, and listed in
:attr:`Cell.changed` (segments and source words).  The catalogue records the
source it was merged with (:data:`~multipub.commands.catalogs.SOURCE_FIELD`):
while the source is that one, the catalogue's own counts are the cell's and
the source is not segmented.

Every cell also says where the version stands on the site (:attr:`Cell.site`:
``published``, ``published-outdated``, ``fallback`` or ``off``) and why
(:attr:`Cell.reason`), by :func:`multipub.site.policy.decide`, the function
``build`` decides with.

Counts of catalogues mean exactly what ``msgfmt --statistics`` means: a fuzzy
entry is never translated (a fuzzy entry with an empty ``msgstr`` counts as
untranslated), only the first form of a plural entry decides, the header
(``msgid ""`` without ``msgctxt``) and obsolete (``#~``) entries are not
counted; ``obsolete`` counts the ``#~`` entries separately.  *Words* are
source words: the words of the ``msgid`` (runs of letters and digits).

A hand-written translation counts all its source segments as translated,
current or outdated (its state says which; it has no fuzzy entries).  A
missing translation counts them as untranslated.  Language totals add up the
UI (``messages``) and ``tags`` catalogues (or their templates, all
untranslated, when the ``.po`` does not exist yet) and every article cell.
An article catalogue that no version uses (beside a hand-written translation,
or of an article that does not exist) is listed as ``unused`` and counted
nowhere else.

A project with a broken article (a YAML error, say) still gets its report:
the article is an error row (:attr:`ArticleStatus.problem`, ``path:line:
message``), its problems are in :attr:`ProjectStatus.problems`, and the
other articles are reported as usual.

Catalogues are counted by the fast scanner of :mod:`multipub.gettext.stats`, which
keeps only the counts (no model is built) and hands every file it has not
fully checked to the full parser, so ``status`` accepts and refuses exactly
what the other commands do and stays faster than ``msgfmt --statistics``;
the results are cached in ``.multipub-cache/status.json`` by path, size,
modification time and inode, so an unchanged project is answered from the
cache.  A corrupt cache is ignored and rebuilt.  One bad catalogue does not
stop the report: it becomes a :class:`~multipub.errors.Problem` in
:attr:`ProjectStatus.problems` and is left out of the counts.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..cache import CACHE_ROOT, cache_path
from ..errors import MultipubError, Problem, UsageError
from ..fsio import write_atomic
from ..gettext.catalog import Catalog
from ..gettext.stats import scan
from ..project.model import Article, Mode, Project, ProjectLike

__all__ = [
    "CACHE_NAME",
    "CACHE_PATH",
    "STATES",
    "ArticleStatus",
    "CatalogStatus",
    "Cell",
    "Counts",
    "LanguageTotals",
    "ProjectStatus",
    "catalog_counts",
    "count_words",
    "percent",
    "project_status",
    "scan_po",
    "status",
]

CACHE_NAME = "status.json"
"""The counts' file in the project cache (see :func:`multipub.cache.cache_path`)."""
CACHE_PATH = f"{CACHE_ROOT}/{CACHE_NAME}"
"""The same, relative to the project root."""
"""Where the status cache lives, relative to the project."""

STATES = ("complete", "outdated", "partial", "unstamped", "missing")
"""The states of a cell."""

_CACHE_FORMAT = 3  # 3: the source stamp of catalogues; cells compared with their source
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def count_words(text: str) -> int:
    """The number of words of *text*: runs of letters and digits.

    Apostrophes and hyphens inside a word keep it one word; markup, escapes
    (``\\n``) and punctuation do not count.

    >>> count_words("Spotkania w **Grodnie**, Witebsku i Mohylewie.")
    6
    >>> count_words("Paul's e-mail\\\\nnext")
    3
    """
    if "\\" in text:
        text = text.replace("\\n", " ").replace("\\t", " ")
    return len(_WORD.findall(text))


def percent(part: int, whole: int) -> float:
    """*part* of *whole* in percent, rounded *down* to one decimal.

    Rounding down means 100.0 is shown only when everything is done, and
    ``whole == 0`` gives 0.0.

    >>> percent(1999, 2000), percent(2, 3), percent(0, 0), percent(5, 5)
    (99.9, 66.6, 0.0, 100.0)
    """
    if whole <= 0:
        return 0.0
    return math.floor(part * 1000 / whole) / 10


# -- values --------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """Entries of a catalogue (``msgfmt --statistics`` meaning) and their source words."""

    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0
    words_translated: int = 0
    words_fuzzy: int = 0
    words_untranslated: int = 0

    @property
    def total(self) -> int:
        """Entries that count: translated + fuzzy + untranslated."""
        return self.translated + self.fuzzy + self.untranslated

    @property
    def words_total(self) -> int:
        """Source words of the entries that count."""
        return self.words_translated + self.words_fuzzy + self.words_untranslated

    @property
    def words_todo(self) -> int:
        """Source words still to translate (fuzzy and untranslated entries)."""
        return self.words_fuzzy + self.words_untranslated

    @property
    def percent(self) -> float:
        """Translated entries in percent of :attr:`total` (rounded down)."""
        return percent(self.translated, self.total)

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(self.as_tuple(), other.as_tuple(), strict=True)))

    def as_tuple(self) -> tuple[int, int, int, int, int, int, int]:
        """The seven numbers in field order (the cache's form)."""
        return (self.translated, self.fuzzy, self.untranslated, self.obsolete,
                self.words_translated, self.words_fuzzy, self.words_untranslated)


@dataclass(frozen=True)
class CatalogStatus:
    """One ``.po`` file of the project and its counts."""

    path: str
    """Relative to the project, POSIX form."""
    language: str
    domain: str
    """``messages``, ``tags`` or ``articles/<id>``."""
    counts: Counts
    unused: bool = False
    """An article catalogue that no version uses (the article has a hand-written
    translation in its language, or does not exist): left out of the totals."""


@dataclass(frozen=True)
class Cell:
    """One article in one target language."""

    language: str
    state: str
    """One of :data:`STATES`."""
    mode: str
    """``handwritten``, ``catalog`` or ``none`` (:class:`~multipub.project.model.Mode`)."""
    counts: Counts
    """Segments of the article: from its catalogue, or from the source segments."""
    path: str | None
    """The hand-written file or the catalogue, relative to the project."""
    outdated_since: str | None = None
    """ISO 8601 date of the first commit that changed the source after the
    translation's last commit, when the project is in git; else ``None``."""
    problem: str | None = None
    """Why the counts are unknown (a bad catalogue), else ``None``."""
    site: str = "off"
    """Where the version stands on the site: ``published``, ``published-outdated``,
    ``fallback`` or ``off`` (:func:`multipub.site.policy.decide`)."""
    reason: str = ""
    """Why, in a few words (``"below publish_threshold 100%: 92.3%"``, ``"outdated =
    skip"``)."""
    changed: tuple[int, int] | None = None
    """Of a catalogue-backed version: (segments, source words) whose text changed since
    they were translated (they have only an earlier translation); ``None`` when not
    known (hand-written, or no catalogue)."""

    @property
    def percent(self) -> float:
        """Translated segments in percent."""
        return self.counts.percent

    def __repr__(self) -> str:
        why = f", {self.problem}" if self.problem else ""
        return f"<Cell {self.language} {self.state} {self.mode} {self.percent:.1f}%{why}>"


@dataclass(frozen=True)
class ArticleStatus:
    """An article and its cells, in the order of the configured languages."""

    id: str
    title: str
    path: str
    cells: tuple[Cell, ...]
    problem: str | None = None
    """Why the article could not be read (``path:line: message``): an error row, with
    no cells."""

    @property
    def translations(self) -> Mapping[str, Cell]:
        """The cells by language."""
        return {cell.language: cell for cell in self.cells}

    def __repr__(self) -> str:
        if self.problem:
            return f"<ArticleStatus {self.id}: error {self.problem}>"
        cells = ", ".join(f"{c.language} {c.state}" + ("" if c.state in ("complete", "missing",
                                                                          "unstamped")
                                                       else f" {c.percent:.1f}%")
                          for c in self.cells)
        return f"<ArticleStatus {self.id}: {cells}>"


@dataclass(frozen=True)
class LanguageTotals:
    """Everything of one target language added up."""

    language: str
    counts: Counts
    states: Mapping[str, int] = field(default_factory=dict)
    """Number of articles in each state (every state present, 0 included)."""

    @property
    def percent(self) -> float:
        """Translated messages in percent of all counted messages."""
        return self.counts.percent

    @property
    def words_percent(self) -> float:
        """Translated source words in percent of all counted source words."""
        return percent(self.counts.words_translated, self.counts.words_total)

    def __repr__(self) -> str:
        return f"<LanguageTotals {self.language} {self.percent:.1f}%: {self._states()}>"

    def _states(self) -> str:
        return ", ".join(f"{n} {state}" for state, n in self.states.items() if n) or "no article"


@dataclass(frozen=True)
class ProjectStatus:
    """The whole answer of :func:`project_status`."""

    source_language: str
    languages: tuple[str, ...]
    catalogs: tuple[CatalogStatus, ...]
    articles: tuple[ArticleStatus, ...]
    totals: tuple[LanguageTotals, ...]
    problems: tuple[Problem, ...] = ()
    """Bad catalogues or sources, each ``path:line: message``; the CLI prints them on
    standard error and exits 2 after printing the report."""
    title: str = ""
    """The site title from the configuration."""

    def total(self, language: str) -> LanguageTotals:
        """The totals of one target language."""
        for t in self.totals:
            if t.language == language:
                return t
        raise KeyError(language)

    def article(self, article_id: str) -> ArticleStatus:
        """The status of one article (``KeyError`` if the report has no such article)."""
        for art in self.articles:
            if art.id == article_id:
                return art
        raise KeyError(article_id)

    def cell(self, article_id: str, language: str) -> Cell:
        """One article in one language: its state, mode, counts and reasons."""
        return self.article(article_id).translations[language]

    def __repr__(self) -> str:
        title = f" {self.title!r}" if self.title else ""
        langs = "; ".join(f"{t.language} {t.percent:.1f}% ({t._states()})" for t in self.totals)
        problems = f", {len(self.problems)} problems" if self.problems else ""
        return (f"<ProjectStatus{title} from {self.source_language}: {langs or 'no language'}; "
                f"{_count(len(self.articles), 'article')}, "
                f"{_count(len(self.catalogs), 'catalogue')}{problems}>")


# -- counting catalogues ----------------------------------------------------------


def scan_po(text: str | bytes, path: str | None = None,
            header: list[str] | None = None) -> Counts:
    """Count the entries of the PO *text* as ``msgfmt --statistics`` does.

    The fast scanner of :func:`multipub.gettext.stats.scan` counts files it fully
    checks; any other file is read by :func:`~multipub.gettext.pofile.parse_po`, so a
    catalogue is accepted or refused exactly as everywhere else, and a bad
    one raises :class:`~multipub.errors.CatalogError` naming *path* and the
    1-based line.

    >>> scan_po('msgid ""\\nmsgstr "Language: ru\\\\n"\\n\\n'
    ...         '#, fuzzy\\nmsgid "Dwa słowa"\\nmsgstr "Два слова"\\n\\n'
    ...         'msgid "Kot"\\nmsgstr ""\\n\\n#~ msgid "Pies"\\n#~ msgstr "Пёс"\\n')
    Counts(translated=0, fuzzy=1, untranslated=1, obsolete=1, words_translated=0, \
words_fuzzy=2, words_untranslated=1)
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    found = scan(data, count_words, header=header)
    if found is not None:
        return Counts(*found)
    from ..gettext.pofile import parse_po

    catalog = parse_po(data, path)
    if header is not None:
        header[:] = [catalog.header.msgstr] if catalog.header is not None else []
    return catalog_counts(catalog)


def catalog_counts(catalog: Catalog) -> Counts:
    """The :class:`Counts` of a parsed catalogue (same meaning as :func:`scan_po`)."""
    n = [0, 0, 0, 0, 0, 0, 0]
    for msg in catalog.messages:
        if msg.obsolete:
            n[3] += 1
            continue
        if msg.msgid == "" and msg.msgctxt is None:
            continue
        kind = 2 if not msg.first_form else 1 if msg.fuzzy else 0
        n[kind] += 1
        n[4 + kind] += count_words(msg.msgid)
    return Counts(*n)


# -- the cache ------------------------------------------------------------------


def _file_key(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]


class _Cache:
    """``.multipub-cache/status.json``: counts by path, size, mtime_ns and inode."""

    def __init__(self, root: Path, enabled: bool) -> None:
        self.path = cache_path(root, CACHE_NAME)
        self.enabled = enabled
        self.old_catalogs: dict[str, Any] = {}
        self.old_sources: dict[str, Any] = {}
        self.catalogs: dict[str, Any] = {}
        self.sources: dict[str, Any] = {}
        if enabled:
            self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_bytes())
            if data.get("format") != _CACHE_FORMAT:
                return
            catalogs, sources = data["catalogs"], data["sources"]
            if isinstance(catalogs, dict) and isinstance(sources, dict):
                self.old_catalogs, self.old_sources = catalogs, sources
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # no cache or a corrupt one: rebuild

    def counts(self, rel: str, key: list[int] | None) -> tuple[Counts, str | None] | None:
        entry = self.old_catalogs.get(rel)
        if key is None or not isinstance(entry, dict) or entry.get("key") != key:
            return None
        try:
            values = [int(v) for v in entry["counts"]]
            found = Counts(*values)
            stamp = entry.get("stamp")
        except (KeyError, TypeError, ValueError):
            return None
        if stamp is not None and not isinstance(stamp, str):
            return None
        self.catalogs[rel] = entry
        return found, stamp

    def put(self, rel: str, key: list[int] | None, counts: Counts, stamp: str | None) -> None:
        if key is not None:
            self.catalogs[rel] = {"key": key, "counts": list(counts.as_tuple()), "stamp": stamp}

    def compared(self, rel: str, key: list[int] | None, source: str) -> _Compared | None:
        """A catalogue compared with a source, if neither changed since."""
        entry = self.old_catalogs.get(rel)
        if key is None or not isinstance(entry, dict) or entry.get("key") != key:
            return None
        value: Any = entry.get("compared")
        try:
            if value[0] != source:
                return None
            found = _Compared(Counts(*(int(v) for v in value[1])), int(value[2]),
                              int(value[3]), float(value[4]), float(value[5]), int(value[6]))
        except (TypeError, ValueError, IndexError, KeyError):
            return None
        return found

    def put_compared(self, rel: str, source: str, compared: _Compared) -> None:
        entry = self.catalogs.get(rel)
        if entry is not None:
            c = compared
            entry["compared"] = [source, list(c.counts.as_tuple()), c.changed, c.changed_words,
                                 c.percent, c.reach, c.changed_occurrences]

    def source(self, digest: str) -> Counts | None:
        entry = self.old_sources.get(digest)
        try:
            found = Counts(*(int(v) for v in entry))  # type: ignore[union-attr]
        except (TypeError, ValueError):
            return None
        self.sources[digest] = entry
        return found

    def put_source(self, digest: str, counts: Counts) -> None:
        self.sources[digest] = list(counts.as_tuple())

    def save(self) -> None:
        if not self.enabled:
            return
        data = {"format": _CACHE_FORMAT,
                "catalogs": dict(sorted(self.catalogs.items())),
                "sources": dict(sorted(self.sources.items()))}
        blob = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        with contextlib.suppress(OSError, MultipubError):  # read-only: report anyway
            write_atomic(self.path, blob + b"\n")


# -- putting it together ----------------------------------------------------------


@dataclass(frozen=True)
class _Compared:
    """A catalogue compared with the source as it is now."""

    counts: Counts
    """Units of the source: translated, changed (as fuzzy), untranslated; the
    catalogue's obsolete entries."""
    changed: int
    changed_words: int
    percent: float
    """Occurrences translated, in percent (what the build decides with)."""
    reach: float
    """Occurrences translated now or earlier, in percent."""
    changed_occurrences: int


class _Collector:
    def __init__(self, project: Project, cache: _Cache) -> None:
        self.project = project
        self.cache = cache
        self.problems: list[Problem] = []
        self.bad: dict[str, str] = {}
        self.stamps: dict[str, str | None] = {}
        self.keys: dict[str, list[int] | None] = {}

    def counts_of(self, path: Path) -> Counts | None:
        """Counts of a .po/.pot, from the cache when the file did not change."""
        rel = self.project.shown(path)
        key = _file_key(path)
        self.keys[rel] = key
        cached = self.cache.counts(rel, key)
        if cached is not None:
            self.stamps[rel] = cached[1]
            return cached[0]
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.problems.append(Problem(rel, None, f"cannot read: {exc.strerror}"))
            self.bad[rel] = f"{rel}: cannot read"
            return None
        header: list[str] = []
        try:
            found = scan_po(data, rel, header)
        except MultipubError as exc:
            problems = exc.with_path(rel).problems
            self.problems.extend(problems)
            self.bad[rel] = str(problems[0])
            return None
        from ..commands.catalogs import SOURCE_FIELD
        from ..gettext.catalog import parse_header

        stamp = parse_header(header[0]).get(SOURCE_FIELD) if header else None
        self.stamps[rel] = stamp
        self.cache.put(rel, key, found, stamp)
        return found

    def compared(self, article: Article, language: str, path: Path) -> _Compared | None:
        """The catalogue at *path* compared with the source of *article* as it is now
        (``None``: the catalogue is bad)."""
        rel = self.project.shown(path)
        source = article.source.hashed.hex()
        found = self.cache.compared(rel, self.keys.get(rel), source)
        if found is not None:
            return found
        try:
            found = _compare(article, language, path, rel)
        except MultipubError as exc:
            problems = exc.with_path(rel).problems
            self.problems.extend(problems)
            self.bad[rel] = str(problems[0])
            return None
        self.cache.put_compared(rel, source, found)
        return found

    def source_counts(self, article: Article) -> Counts:
        """Segments and words of the current source, all counted as untranslated."""
        found = self.cache.source(article.source_hash)
        if found is not None:
            return found
        from ..content.segment import segment_document

        try:
            segments = segment_document(article.source.text, article.source.shown,
                                        article.syntax)
        except MultipubError as exc:
            self.problems.extend(exc.with_path(article.source.shown).problems)
            return Counts()
        texts = [s.text for s in segments]
        found = Counts(untranslated=len(texts), words_untranslated=sum(map(count_words, texts)))
        self.cache.put_source(article.source_hash, found)
        return found


def _compare(article: Article, language: str, path: Path, rel: str) -> _Compared:
    """Segments of the source now against the entries of the catalogue at *path*."""
    from ..commands.catalogs import _translations, earlier_translations
    from ..commands.templates import source_segments
    from ..gettext.pofile import parse_po

    source = article.source
    segments = source_segments(source.text, source.shown, article.syntax)
    catalog = parse_po(path.read_bytes(), rel)
    current = _translations(catalog.messages)
    earlier = earlier_translations(catalog, segments, language, current)
    n = [0, 0, 0, 0, 0, 0, 0]
    n[3] = sum(1 for m in catalog.messages if m.obsolete)
    for key in dict.fromkeys((s.context, s.text) for s in segments):
        kind = 0 if key in current else 1 if key in earlier else 2
        n[kind] += 1
        n[4 + kind] += count_words(key[1])
    total = len(segments)
    translated = sum(1 for s in segments if (s.context, s.text) in current)
    changed = sum(1 for s in segments if (s.context, s.text) in earlier)
    percent_now = 100.0 if total == 0 else 100.0 * translated / total
    reach = 100.0 if total == 0 else 100.0 * (translated + changed) / total
    return _Compared(Counts(*n), n[1], n[5], percent_now, reach, changed)


def status(project: ProjectLike, *, languages: Sequence[str] | None = None,
           articles: Sequence[str] | None = None) -> ProjectStatus:
    """The completeness of *project* (a project or its folder), for editors and scripts.

    *languages* (target language codes) and *articles* (article ids) narrow the report
    to those cells, and the totals and catalogues to them; unknown ones are a
    :class:`~multipub.errors.UsageError`.  See :func:`project_status`.
    """
    if not isinstance(project, Project):  # one broken article: an error row, not no report
        from ..project.model import load_project

        project = load_project(project, strict=False)
    return project_status(project, languages=languages, articles=articles)


def project_status(project: Project, *, cache: bool = True, history: bool = True,
                   languages: Sequence[str] | None = None,
                   articles: Sequence[str] | None = None) -> ProjectStatus:
    """The completeness of *project*: every cell, every catalogue, per-language totals.

    *cache*: read and update ``.multipub-cache/status.json`` (``False``: neither).
    *history*: for outdated hand-written translations, ask git (when the project
    is in a git work tree) since when the source has changed.
    *languages*, *articles*: only these target languages and article ids (see :func:`status`).
    Never raises for a bad catalogue; see :attr:`ProjectStatus.problems`.
    """
    config = project.config
    targets = _chosen(languages, config.languages, "a target language")
    chosen = _chosen(articles, tuple(a.id for a in project.articles)
                     + tuple(_broken(project, project.problems)), "an article")
    store = _Cache(project.root, cache)
    col = _Collector(project, store)
    domains = None if articles is None else {"messages", "tags",
                                              *(project.article_domain(i) for i in chosen)}

    catalogs: list[CatalogStatus] = []
    by_path: dict[str, CatalogStatus] = {}
    modes = project.modes()
    for language, domain, path in project.catalog_files():
        if (languages is not None and language not in targets) or (
                domains is not None and domain not in domains):
            continue
        counts = col.counts_of(path)
        if counts is None:
            continue
        unused = False
        if domain.startswith("articles/"):
            article_id = domain.removeprefix("articles/")
            unused = modes.get((article_id, language), Mode.NONE) is not Mode.CATALOG
        entry = CatalogStatus(project.shown(path), language, domain, counts, unused)
        catalogs.append(entry)
        by_path[entry.path] = entry

    git = _Git(project.root) if history else None
    reports: list[ArticleStatus] = []
    wanted = set(chosen)
    for article in project.articles:
        if article.id not in wanted:
            continue
        cells = tuple(_cell(project, article, lang, modes[(article.id, lang)], col, by_path,
                            git) for lang in targets)
        reports.append(ArticleStatus(article.id, article.source.title, article.source.shown,
                                      cells))
    broken = _broken(project, project.problems)
    for article_id, problem in broken.items():
        if articles is None or article_id in articles:
            reports.append(ArticleStatus(article_id, "", problem.path or "", (), str(problem)))
    reports.sort(key=lambda art: art.id)

    totals: list[LanguageTotals] = []
    for lang in targets:
        total = Counts()
        for domain in ("messages", "tags"):
            po = by_path.get(project.shown(project.catalog_path(lang, domain)))
            if po is not None:
                total += po.counts
            elif not project.catalog_path(lang, domain).exists():
                pot = project.template_path(domain)
                if pot.is_file():
                    template = col.counts_of(pot)
                    if template is not None:
                        total += _all_untranslated(template)
        states = dict.fromkeys(STATES, 0)
        for art in reports:
            if art.problem:
                continue
            cell = art.translations[lang]
            total += cell.counts
            states[cell.state] += 1
        totals.append(LanguageTotals(lang, total, states))

    store.save()
    return ProjectStatus(
        source_language=config.source_language,
        languages=targets,
        catalogs=tuple(catalogs),
        articles=tuple(reports),
        totals=tuple(totals),
        title=config.title,
        problems=tuple(sorted(set(col.problems) | set(project.problems),
                              key=lambda p: (p.path or "", p.line or 0, p.message))),
    )


def _broken(project: Project, problems: Sequence[Problem]) -> dict[str, Problem]:
    """Article id -> its first problem, for the articles loading left out."""
    base = project.shown(project.content_dir) + "/"
    found: dict[str, Problem] = {}
    for problem in problems:
        path = problem.path or ""
        if path.startswith(base):
            article_id = path[len(base):].partition("/")[0]
            if article_id and article_id not in project._by_id:
                found.setdefault(article_id, problem)
    return found


def _count(n: int, noun: str) -> str:
    """*n* *noun*, plural when *n* is not 1 (English, for reprs)."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _chosen(asked: Sequence[str] | None, known: tuple[str, ...], what: str) -> tuple[str, ...]:
    """The *asked* items in the order of *known* (all of them when not asked)."""
    if asked is None:
        return known
    unknown = [item for item in asked if item not in known]
    if unknown:
        raise UsageError(f"not {what} of this project: {', '.join(unknown)} "
                         f"(known: {', '.join(known) or 'none'})")
    return tuple(item for item in known if item in asked)


def _all_untranslated(c: Counts) -> Counts:
    return Counts(untranslated=c.total, words_untranslated=c.words_total)


def _cell(project: Project, article: Article, lang: str, mode: Mode, col: _Collector,
          catalogs: Mapping[str, CatalogStatus], git: _Git | None) -> Cell:
    from ..site.policy import decide

    config = project.config
    if mode is Mode.HANDWRITTEN:
        version = article.handwritten[lang]
        src = col.source_counts(article)
        counts = Counts(translated=src.total, words_translated=src.words_total)
        outdated = article.is_outdated(lang)
        decision = decide(config, "handwritten", outdated=outdated)
        reason = decision.reason
        if version.translated_from is None:
            return Cell(lang, "unstamped", mode.value, counts, version.shown, site=decision.site,
                        reason="hand-written; never stamped (multipub stamp)")
        if outdated:
            since = git.since(article.source.shown, version.shown) if git else None
            return Cell(lang, "outdated", mode.value, counts, version.shown, since,
                        site=decision.site, reason=reason)
        return Cell(lang, "complete", mode.value, counts, version.shown, site=decision.site,
                    reason=reason)
    if mode is Mode.CATALOG:
        path = project.catalog_path(lang, project.article_domain(article.id))
        rel = project.shown(path)
        entry = catalogs.get(rel)
        if entry is None:
            problem = col.bad.get(rel, f"{rel}: cannot read")
            decision = decide(config, "none")
            return Cell(lang, "missing", mode.value, Counts(), rel, problem=problem,
                        site=decision.site, reason=f"unreadable catalogue; {decision.reason}")
        from ..commands.catalogs import source_stamp

        if col.stamps.get(rel) == source_stamp(article.source):
            c = entry.counts  # merged with this very source: its msgids are the segments
            whole = c.total or 1
            compared = _Compared(c, c.fuzzy, c.words_fuzzy,
                                 100.0 * c.translated / whole if c.total else 100.0,
                                 100.0 * (c.translated + c.fuzzy) / whole if c.total else 100.0,
                                 c.fuzzy)
        else:
            found = col.compared(article, lang, path)
            if found is None:
                decision = decide(config, "none")
                return Cell(lang, "missing", mode.value, Counts(), rel, problem=col.bad.get(rel),
                            site=decision.site, reason=f"unreadable catalogue; {decision.reason}")
            compared = found
        c = compared.counts
        state = ("complete" if c.total and c.translated == c.total
                 else "outdated" if c.fuzzy and not c.untranslated
                 else "partial" if c.translated or c.fuzzy else "missing")
        decision = decide(config, "catalog", percent=compared.percent, reach=compared.reach,
                          changed=compared.changed_occurrences)
        return Cell(lang, state, mode.value, c, rel, site=decision.site, reason=decision.reason,
                    changed=(compared.changed, compared.changed_words))
    decision = decide(config, "none")
    return Cell(lang, "missing", mode.value, col.source_counts(article), None,
                site=decision.site, reason=decision.reason)


class _Git:
    """Dates of commits, when the project is in a git work tree and git is installed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.exe = shutil.which("git")
        self.ok: bool | None = None

    def _run(self, *args: str) -> list[str] | None:
        if self.exe is None:
            return None
        try:
            out = subprocess.run(
                [self.exe, "-C", str(self.root), *args], capture_output=True, text=True,
                timeout=10, check=False, env={**os.environ, "LC_ALL": "C"},
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return out.stdout.splitlines() if out.returncode == 0 else None

    def since(self, source: str, translation: str) -> str | None:
        """Date of the oldest commit of *source* newer than the last one of *translation*."""
        if self.ok is None:
            self.ok = self._run("rev-parse", "--is-inside-work-tree") == ["true"]
        if not self.ok:
            return None
        last = self._run("log", "-1", "--format=%ct", "--", translation)
        if not last:
            return None
        changes = self._run("log", "--format=%ct %cI", "--", source)
        if not changes:
            return None
        stamp = int(last[0])
        newer = [line.split(" ", 1) for line in changes if int(line.split(" ", 1)[0]) > stamp]
        return newer[-1][1] if newer else None

