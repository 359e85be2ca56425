"""The catalogue commands: ``extract``, ``update``, ``compile``, and localized articles.

Each command computes its files one at a time (templates from the sources,
every catalogue read, merged and rendered), compares each with the disk and
stages a changed one in a temporary file beside it, so it holds one catalogue
at a time, not all of them (``update`` sets the translation memory aside in a
temporary file, :class:`~multipub.gettext.memory.MemorySpool`); then, holding the
project lock, it renames the staged files over their targets together (one
flush to disk).
A bad document (an article whose front matter cannot be read, a
broken catalogue) is left out, its files as they were, and the others are
done: :attr:`CatalogChanges.problems` and :attr:`CatalogChanges.left_out` say
what was left out and why (the command line prints them and exits with 2).
A second run without a source change writes nothing: templates carry no
dates, and a catalogue's ``PO-Revision-Date`` is set once, when it is
made.  Every file written is formatted as GNU ``msgcat`` would print it
(:func:`multipub.gettext.pofile.dump_po`); a catalogue whose header and
entries are already right is left as it is, even if a translator's editor
wrapped its lines differently.

:func:`extract`
    ``locales/messages.pot``, ``locales/tags.pot`` and
    ``locales/articles/<id>.pot`` for every article; ``.pot`` files of
    articles that no longer exist are removed (templates are derived files).
:func:`update`
    For every target language: ``messages.po``, ``tags.po`` and
    ``articles/<id>.po`` for every article without a hand-written
    translation in that language, merged with :func:`multipub.gettext.merge.merge`.
    The templates are computed from the sources in memory, so ``update``
    does not need ``extract`` first and does not write ``.pot`` files
    itself.  A new ``messages.po`` is pre-filled with the default theme's
    translations of the same strings.  The untranslated entries of article
    catalogues get the translation memory's suggestions, fuzzy, with a comment
    naming their origin (:mod:`multipub.commands.memory`; ``compendium=``
    adds compendium files, ``memory=False`` turns it off).  The catalogue of an article that now
    has a hand-written translation, or that no longer exists, is left alone:
    it holds a translator's work.  ``check=True`` writes nothing and reports
    the files that would change.
:func:`compile_catalogs`
    A ``.mo`` beside each ``.po`` under ``locales/<lang>/LC_MESSAGES/``
    (fuzzy entries left out); a ``.mo`` whose ``.po`` is gone is removed.
:func:`localized_article`
    The text of one language version of an article, for the site builder
    and the status report.

Paths in :class:`CatalogChanges` are relative to the project, sorted.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..content.frontmatter import Document
from ..content.segment import Segment
from ..errors import CatalogError, MultipubError, PathError, Problem, UsageError
from ..fsio import StagedFiles, inside, project_lock, read_bytes
from ..gettext.catalog import Catalog, Message
from ..gettext.memory import fill_all
from ..gettext.merge import merge
from ..gettext.pofile import dump_po, parse_po
from ..gettext.stats import scan
from ..languages import get_language
from ..project.model import Article, Mode, Project, ProjectLike, Version, as_project
from .templates import (
    article_template,
    source_segments,
    tags_template,
    ui_template,
)

__all__ = [
    "SOURCE_FIELD",
    "CatalogChanges",
    "Localized",
    "compile_catalogs",
    "earlier_translations",
    "extract",
    "localized_article",
    "source_stamp",
    "theme_catalog_path",
    "update",
]


@dataclass(frozen=True)
class CatalogChanges:
    """What a command wrote (or, with ``check``, would write), as project-relative paths."""

    written: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    checked: bool = False
    """True when nothing was written (``check=True``): the lists say what *would* happen."""
    problems: tuple[Problem, ...] = ()
    """What was wrong with the documents the command left out (``path:line: message``);
    the command did everything else.  The command line prints them and exits with 2."""
    left_out: tuple[str, ...] = ()
    """The article folders and catalogues left out for those problems (their files are
    as they were), project-relative, sorted."""

    @property
    def changed(self) -> tuple[str, ...]:
        """Files written or removed, sorted."""
        return tuple(sorted(self.written + self.removed))

    def __repr__(self) -> str:
        verb = "to write" if self.checked else "written"
        left = f", {len(self.left_out)} left out" if self.left_out else ""
        return (f"<CatalogChanges {len(self.written)} {verb}, {len(self.unchanged)} unchanged, "
                f"{len(self.removed)} removed{left}>")


@dataclass(frozen=True)
class Localized:
    """One language version of an article as a reader gets it.

    ``text`` is the whole Markdown file (front matter included).  For a
    catalogue-backed version, segments whose entry is untranslated, fuzzy
    or missing stay in the source language; ``translated`` counts the
    segments (occurrences, not catalogue entries) that were replaced.
    """

    article_id: str
    language: str
    mode: Mode
    text: str
    total: int
    translated: int
    shown: str = field(default="", compare=False)
    """The file the text came from (the ``.md`` or the ``.po``)."""
    changed: int = 0
    """Segments (occurrences) without a current translation that have an earlier one:
    a fuzzy entry, or the entry of an earlier text of the segment that ``update``
    would match (the source changed since the catalogue was merged)."""
    shows: str = "exact"
    """Which text :attr:`text` is (:attr:`multipub.site.policy.Decision.text`): ``exact``,
    or, for a version published outdated, ``keep`` or ``fallback``."""

    @property
    def percent(self) -> float:
        """Share of translated segments, 0.0 to 100.0 (100.0 for an empty article)."""
        return 100.0 if self.total == 0 else 100.0 * self.translated / self.total

    @property
    def reach(self) -> float:
        """Share of segments translated now or earlier (:attr:`changed`), 0.0 to 100.0."""
        if self.total == 0:
            return 100.0
        return 100.0 * (self.translated + self.changed) / self.total

    @property
    def complete(self) -> bool:
        """Whether every segment is translated."""
        return self.translated == self.total


# -- planning and applying ------------------------------------------------------------
class _Keep:
    """Plan marker: the file on disk already says what it should."""


KEEP = _Keep()
Target = bytes | Catalog | _Keep | None
"""What a file should become: new bytes, a catalogue to write unless the file already holds it
(compared entry by entry, so a file formatted differently by a translator's editor is not
rewritten for formatting alone), :data:`KEEP`, or ``None`` to remove the file."""


class _Writer:
    """Files decided one at a time, written together at the end.

    :meth:`decide` compares a file's target with the disk at once and stages a
    changed content in a temporary file beside it (:class:`~multipub.fsio.StagedFiles`),
    so a command over thousands of catalogues holds none of them; :meth:`finish`
    then, under the project lock, renames the staged files over their targets
    (one flush to disk for them all) and removes stale ones.  With *check*
    nothing is staged or written.  Leaving the ``with`` block without
    :meth:`finish` (an error) removes the staged files: every file stays as it was.
    """

    def __init__(self, project: Project, check: bool) -> None:
        self.project = project
        self.check = check
        self.staged = StagedFiles()
        self.written: list[Path] = []
        self.unchanged: list[Path] = []
        self.removed: list[Path] = []
        self.durable = False

    def __enter__(self) -> _Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.staged.discard()

    def decide(self, path: Path, target: Target) -> None:
        """Settle what becomes of the file at *path* (see :data:`Target`)."""
        if target is None:
            if path.exists():
                self.removed.append(path)
            return
        if isinstance(target, _Keep) or (isinstance(target, Catalog) and _holds(path, target)):
            self.unchanged.append(path)
            return
        data = dump_po(target) if isinstance(target, Catalog) else target
        if _same(path, data):
            self.unchanged.append(path)
            return
        self.written.append(path)
        if not self.check:
            self.staged.add(path, data)
            self.durable = self.durable or path.suffix == ".po"

    def finish(self) -> CatalogChanges:
        """Write what was decided (unless checking) and say what changed."""
        if not self.check:
            with project_lock(self.project.root):
                self.staged.commit(durable=self.durable)
                for path in self.removed:
                    path.unlink(missing_ok=True)
        shown = self.project.shown
        return CatalogChanges(tuple(shown(p) for p in sorted(self.written)),
                              tuple(shown(p) for p in sorted(self.unchanged)),
                              tuple(shown(p) for p in sorted(self.removed)), checked=self.check)


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except (FileNotFoundError, IsADirectoryError):
        return False


def _holds(path: Path, catalog: Catalog) -> bool:
    """Whether the catalogue file at *path* has the same entries as *catalog*."""
    try:
        return _equal(parse_po(path.read_bytes(), str(path)), catalog)
    except (OSError, CatalogError):
        return False


def _equal(one: Catalog, two: Catalog) -> bool:
    """Same header and entries (line numbers and display paths aside)."""
    return one.header == two.header and one.messages == two.messages


class _Failures:
    """Problems gathered over many files, raised together once everything was tried."""

    def __init__(self) -> None:
        self.errors: list[MultipubError] = []
        self.left_out: set[str] = set()

    @contextlib.contextmanager
    def collect(self) -> Iterator[None]:
        """Record a :class:`MultipubError` raised in the block and carry on."""
        try:
            yield
        except MultipubError as exc:
            self.errors.append(exc)

    @contextlib.contextmanager
    def skip(self, what: str) -> Iterator[None]:
        """:meth:`collect`, and note *what* (a file or folder) as left out on an error."""
        try:
            yield
        except MultipubError as exc:
            self.errors.append(exc)
            self.left_out.add(what)

    def outcome(self, project: Project, changes: CatalogChanges) -> CatalogChanges:
        """*changes* with the problems of loading *project* and of the files left out."""
        problems = dict.fromkeys([*project.problems, *(p for e in self.errors
                                                      for p in e.problems)])
        if not problems:
            return changes
        left = tuple(sorted({*project.left_out, *self.left_out}))
        return dataclasses.replace(changes, problems=tuple(problems), left_out=left)

    def raise_if_any(self) -> None:
        """Raise one error (of the first error's type) with every distinct problem."""
        if self.errors:
            problems = dict.fromkeys(p for e in self.errors for p in e.problems)
            raise type(self.errors[0])(problems=list(problems))


# -- extract --------------------------------------------------------------------------
def extract(project: ProjectLike, *, check: bool = False) -> CatalogChanges:
    """Write every template (``.pot``) of *project* (a project or its folder); see the
    module docs.  ``check=True`` writes nothing and reports what would change.

    A bad article (unreadable front matter, say) does not stop the others: it is left
    out, its template kept as it was, and :attr:`CatalogChanges.problems` says why."""
    project = as_project(project, strict=False)
    failures = _Failures()
    with _Writer(project, check) as writer:
        with failures.skip(project.shown(project.template_path("messages"))):
            writer.decide(project.template_path("messages"), ui_template(project))
        if project.problems:  # the tags of the articles left out would vanish from it
            failures.left_out.add(project.shown(project.template_path("tags")))
        else:
            with failures.skip(project.shown(project.template_path("tags"))):
                writer.decide(project.template_path("tags"), tags_template(project))
        for article in project.articles:
            with failures.skip(project.shown(article.folder)):
                writer.decide(project.template_path(project.article_domain(article.id)),
                              article_template(project, article))
        folder = project.locales_dir / "articles"
        if folder.is_dir():
            kept = _article_ids_on_disk(project)  # a broken article's template stays
            for stale in sorted(folder.glob("*.pot")):
                if stale.stem not in kept:
                    writer.decide(stale, None)
        return failures.outcome(project, writer.finish())


def _article_ids_on_disk(project: Project) -> set[str]:
    """The ids of every article folder of ``content/``, loaded or left out."""
    from ..project.model import article_ids

    try:
        names = [entry.name for entry in os.scandir(project.content_dir)
                 if entry.is_dir() and not entry.name.startswith(".")]
    except OSError:
        return set()
    ids = article_ids(names, project.config.source_language)
    return {found for found in ids.values() if isinstance(found, str)}


# -- update ---------------------------------------------------------------------------
SOURCE_FIELD = "X-Multipub-Source"
"""The header field of an article's catalogue that names the source it was merged with
(:func:`source_stamp`): ``status`` then knows without segmenting the source that the
catalogue's msgids are the ones the source would extract."""


def source_stamp(source: Version) -> str:
    """The value of :data:`SOURCE_FIELD` for the source version *source*: the hash of
    its bytes (a changed byte only costs ``status`` a segmentation)."""
    return source.hashed.hex()


def theme_catalog_path(language: str) -> Path | None:
    """The default theme's ``messages.po`` for *language*, if the package has one."""
    try:
        candidate = resources.files("multipub") / "locales" / language / "LC_MESSAGES"
        path = Path(str(candidate / "messages.po"))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - zipped installs
        return None
    return path if path.is_file() else None


def update(project: ProjectLike, languages: Sequence[str] | None = None, *,
           check: bool = False, compendium: Sequence[str | os.PathLike[str]] = (),
           memory: bool = True) -> CatalogChanges:
    """Create or merge every ``.po`` of *languages* (default: all targets); see the module docs.

    *project* is a project or its folder.  With *memory* (the default), the
    untranslated entries of article catalogues get the translation memory's
    suggestions (:mod:`multipub.commands.memory`), from the other articles of
    the language and from the *compendium* files.  Raises :class:`CatalogError`
    listing every bad compendium before anything is written, :class:`UsageError`
    for a language that is not a target.  A bad catalogue or article does not stop
    the others: it is left as it was (and so is ``tags.po`` while an article is left
    out), and :attr:`CatalogChanges.problems` says why.
    """
    from ..gettext.memory import MemorySpool, Origin, untranslated
    from .memory import read_compendia

    project = as_project(project, strict=False)
    targets = _targets(project, languages)
    compendia = read_compendia(compendium, targets) if compendium else {}
    templates = _LazyTemplates(project)
    failures = _Failures()
    with _Writer(project, check) as writer:
        for code in targets:
            # One pass merges each catalogue and settles it, unless it has untranslated
            # entries for the memory (every article catalogue of the language, set aside
            # meanwhile) to fill: those are merged again and settled, a batch at a time,
            # each batch from the memory of what its texts can use.
            with MemorySpool() as spool:  # (nothing is written to it without memory)
                waiting: list[_Waiting] = []
                for domain in _domains(project, code):
                    path = project.catalog_path(code, domain)
                    if domain == "tags" and project.problems:  # some articles' tags unknown
                        failures.left_out.add(project.shown(path))
                        continue
                    with failures.skip(project.shown(path)):
                        old, new = _updated(project, path, templates[domain], code, domain)
                        if memory and domain.startswith("articles/"):
                            if old is not None:
                                spool.add(old, Origin(domain))
                            pending = untranslated(new)
                            if pending:
                                waiting.append((domain, [m.msgid for m in pending]))
                                continue
                        writer.decide(path, KEEP if old is not None and _equal(old, new) else new)
                if not waiting:
                    continue
                for shown, catalog in compendia.get(code, ()):
                    spool.add(catalog, Origin(shown, kind=1))
                for batch in _batches(waiting, WANTED_AT_ONCE):
                    known = spool.memory_for((text for _, texts in batch for text in texts),
                                             project.config.memory_similarity)
                    for domain, _ in batch:
                        path = project.catalog_path(code, domain)
                        with failures.skip(project.shown(path)):
                            old, new = _updated(project, path, templates[domain], code, domain)
                            fill_all(known, [(new, domain)], prepare=False)
                            writer.decide(path,
                                          KEEP if old is not None and _equal(old, new) else new)
                    del known  # (not held while the next batch's is made)
        return failures.outcome(project, writer.finish())


WANTED_AT_ONCE = 4000
"""How many untranslated texts ``update`` looks up in one memory: the catalogues that have
them are filled a batch at a time, each from the memory of what its texts can use, so a large
archive's memory is made a few times rather than held whole."""


_Waiting = tuple[str, list[str]]
"""A catalogue's domain and the untranslated texts it wants from the memory."""


def _batches(waiting: Sequence[_Waiting], limit: int) -> Iterator[list[_Waiting]]:
    """*waiting* in order, in batches that want at most *limit* texts (or one catalogue,
    when it alone wants more).

    >>> [[d for d, _ in b] for b in _batches([("a", ["x"] * 3), ("b", ["y"] * 2),
    ...                                       ("c", ["z"] * 5), ("d", [])], 5)]
    [['a', 'b'], ['c', 'd']]
    """
    batch: list[_Waiting] = []
    size = 0
    for one in waiting:
        if batch and size + len(one[1]) > limit:
            yield batch
            batch, size = [], 0
        batch.append(one)
        size += len(one[1])
    if batch:
        yield batch


def _targets(project: Project, languages: Sequence[str] | None) -> list[str]:
    if not languages:
        return list(project.config.languages)
    unknown = [code for code in languages if code not in project.config.languages]
    if unknown:
        raise UsageError(
            f"{', '.join(unknown)}: not a target language of this project "
            f"(languages: {', '.join(project.config.languages)})"
        )
    return list(dict.fromkeys(languages))


def _domains(project: Project, language: str) -> list[str]:
    """The catalogue domains ``update`` maintains for *language*."""
    domains = ["messages", "tags"]
    domains += [project.article_domain(a.id) for a in project.articles
                if language not in a.handwritten]
    return domains


class _LazyTemplates:
    """Templates by domain, made when needed: those of the UI and the tags once, an
    article's each time it is asked (so they are not all held at once)."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.cache: dict[str, Catalog] = {}

    def __getitem__(self, domain: str) -> Catalog:
        if domain.startswith("articles/"):  # asked once or twice a language: not kept
            return self._make(domain)
        if domain not in self.cache:
            self.cache[domain] = self._make(domain)
        return self.cache[domain]

    def _make(self, domain: str) -> Catalog:
        project = self.project
        if domain == "messages":
            return ui_template(project)
        if domain == "tags":
            return tags_template(project)
        return article_template(project, project.article(domain.removeprefix("articles/")))


def _updated(
    project: Project, path: Path, template: Catalog, code: str, domain: str
) -> tuple[Catalog | None, Catalog]:
    """The catalogue at *path* as read (``None``: none yet) and its new content."""
    language = get_language(code)
    old: Catalog | None = None
    shown = project.shown(path)
    if path.is_dir():
        raise CatalogError("is a folder, expected a file", path=shown)
    if (path.exists() or path.is_symlink()) and not inside(path, project.root):
        raise PathError("is a link that points outside the project", path=shown)
    if path.is_file():
        old = parse_po(path.read_bytes(), shown)
    merged = merge(old, template, language)
    if domain.startswith("articles/"):
        merged.set_header(SOURCE_FIELD,
                          source_stamp(project.article(domain.removeprefix("articles/")).source))
    if old is None and domain == "messages":
        theme = theme_catalog_path(code)
        if theme is not None:
            _prefill(merged, parse_po(theme.read_bytes(), f"multipub:locales/{code}/messages.po"))
    return old, merged


def _prefill(catalog: Catalog, source: Catalog) -> None:
    """Copy the translated (not fuzzy) entries of *source* into untranslated ones, in place."""
    for message in catalog.active():
        if message.msgstr or any(message.msgstr_plural):
            continue
        found = source.find(message.msgid, message.msgctxt)
        if found is None or not found.translated or found.plural != message.plural:
            continue
        if message.plural:
            if len(found.msgstr_plural) != len(message.msgstr_plural):
                continue
            message.msgstr_plural = list(found.msgstr_plural)
        else:
            message.msgstr = found.msgstr


# -- compile --------------------------------------------------------------------------
def compile_catalogs(project: ProjectLike) -> CatalogChanges:
    """Write a ``.mo`` beside every ``.po`` of *project* (a project or its folder); see the
    module docs."""
    from ..gettext.mofile import compile_mo

    project = as_project(project)
    failures = _Failures()
    with _Writer(project, check=False) as writer:
        for _, _, po in project.catalog_files(".po"):
            with failures.collect():
                writer.decide(po.with_suffix(".mo"),
                              compile_mo(parse_po(po.read_bytes(), project.shown(po))))
        failures.raise_if_any()
        for _, _, mo in project.catalog_files(".mo"):
            if not mo.with_suffix(".po").is_file():
                writer.decide(mo, None)
        return writer.finish()


# -- localized articles ---------------------------------------------------------------
def localized_article(project: Project, article: Article, language: str) -> Localized | None:
    """The text of *article* in *language*, or ``None`` when that version is missing.

    - the source language: the source text (mode ``HANDWRITTEN``);
    - a hand-written version: its text, counted as fully translated;
    - a catalogue-backed version: the source with every segment whose entry
      in ``locales/<lang>/LC_MESSAGES/articles/<id>.po`` is translated (not
      fuzzy, not empty) replaced by its translation
      (:func:`multipub.content.writeback.apply_translations`); other segments stay
      in the source language.

    Fast enough to call for every cell of the matrix: the source's segments
    are computed once per text and cached; the catalogue is read once per
    call.  Raises :class:`CatalogError` for a bad catalogue.
    """
    source = article.source
    segments = source_segments(source.text, source.shown, project.config.markdown)
    total = len(segments)
    if language == project.config.source_language:
        return Localized(article.id, language, Mode.HANDWRITTEN, source.text, total, total,
                         source.shown)
    version = article.handwritten.get(language)
    if version is not None:
        return Localized(article.id, language, Mode.HANDWRITTEN, version.text, total, total,
                         version.shown)
    path = project.catalog_path(language, project.article_domain(article.id))
    if not path.is_file():
        return None
    shown = project.shown(path)
    data = read_bytes(path, shown, CatalogError)
    table: dict[tuple[str | None, str], str] = {}
    catalog: Catalog | None = None
    if scan(data, table=table) is None:  # not a plain file: the parser reads it (or explains)
        catalog = parse_po(data, shown)
        table = dict(_translations(catalog.messages))
    translated = sum(1 for s in segments if (s.context, s.text) in table)
    earlier: Mapping[tuple[str | None, str], str] = {}
    changed = 0
    if translated < total:
        if catalog is None:
            catalog = parse_po(data, shown)
        earlier = earlier_translations(catalog, segments, language, table)
        changed = sum(1 for seg in segments if (seg.context, seg.text) in earlier)
    from ..site.policy import decide

    shows = "exact"
    if changed:
        shows = decide(project.config, "catalog", percent=100.0 * translated / total,
                       reach=100.0 * (translated + changed) / total, changed=changed).text
    if shows in ("keep", "fallback"):
        table = {**earlier, **table}
    mark = get_language(project.config.source_language).tag
    wrapped = shows == "fallback"

    def translate(segment: Segment) -> str | None:
        key = (segment.context, segment.text)
        if (wrapped and key in earlier and not segment.key
                and segment.kind not in ("image alt", "image title")):
            return f'<span lang="{mark}">{segment.text}</span>'
        # front matter and image texts carry no markup: their last translation (the
        # title, and so the page's address, stays as it was)
        return table.get(key)

    from ..content.writeback import apply_translations

    text = apply_translations(source.text, segments, translate, source.shown, source.doc)
    return Localized(article.id, language, Mode.CATALOG, text, total, translated, shown,
                     changed, shows)


def earlier_translations(
    catalog: Catalog, segments: Sequence[Segment], language: str,
    current: Mapping[tuple[str | None, str], str] | None = None,
) -> Mapping[tuple[str | None, str], str]:
    """``(msgctxt, msgid)`` -> the earlier translation of each segment of *segments* that
    has no current one in *catalog*: what :func:`update` would give it (the msgstr of
    its fuzzy entry, or of the most similar old entry), computed in memory by
    :func:`~multipub.gettext.merge.merge` with the template of *segments*.
    *current*: the catalogue's current translations, if already known."""
    if current is None:
        current = _translations(catalog.messages)
    wanted = dict.fromkeys((s.context, s.text) for s in segments if (s.context, s.text)
                           not in current)
    if not wanted:
        return {}
    template = Catalog(messages=[Message(text, msgctxt=context)
                                 for context, text in dict.fromkeys(
                                     (s.context, s.text) for s in segments)])
    merged = merge(catalog, template, get_language(language))
    return {m.key: m.msgstr for m in merged.messages
            if not m.obsolete and not m.plural and m.fuzzy and m.msgstr and m.key in wanted}


def translate_text(
    text: str, shown: str, segments: Sequence[Segment], catalog: Catalog
) -> tuple[str, int]:
    """*text* with the translated segments of *catalog* applied; and how many were."""
    return _translate_with(text, shown, segments, _translations(catalog.messages))


def _translate_with(
    text: str, shown: str, segments: Sequence[Segment],
    table: Mapping[tuple[str | None, str], str], doc: Document | None = None,
) -> tuple[str, int]:
    from ..content.writeback import apply_translations

    count = sum(1 for s in segments if (s.context, s.text) in table)

    def translate(segment: Segment) -> str | None:
        return table.get((segment.context, segment.text))

    return apply_translations(text, segments, translate, shown, doc), count


def _translations(messages: Iterable[Message]) -> Mapping[tuple[str | None, str], str]:
    """``(msgctxt, msgid)`` -> msgstr of the usable entries (translated, not fuzzy)."""
    return {m.key: m.msgstr for m in messages if m.translated and not m.plural}
