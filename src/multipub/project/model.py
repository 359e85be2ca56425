"""The project model: configuration, articles, and the articles x languages matrix.

:func:`load_project` reads ``multipub.toml`` and discovers every article
under ``content/``::

    content/<article-id>/pl.md      the source (front matter + Markdown)
    content/<article-id>/ru.md      an optional hand-written translation
    content/<article-id>/*.png      assets shared by every language

Each (article, target language) cell is **hand-written** when the file
exists, **catalogue-backed** when ``locales/<lang>/LC_MESSAGES/articles/<id>.po``
exists, else **missing** (:class:`Mode`).  A hand-written translation is
*outdated* when its ``translated_from`` differs from the hash of the source's
translatable content (see :func:`multipub.content.segment.source_hash`).

All problems found while discovering articles are reported together, each
as ``path:line: message`` with the path relative to the project.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

from ..cache.documents import DocumentCache, SourceHashCache
from ..cache.inputs import file_hash
from ..content.frontmatter import Document, parse_document
from ..content.meta_values import date_problem, kind_of, shown_value
from ..content.packed import pack
from ..content.syntax import DEFAULT_SYNTAX, MarkdownSyntax
from ..errors import ContentError, MultipubError, PathError, Problem
from ..fsio import decode_utf8, display_path, inside, read_bytes
from ..languages import is_known_language
from .config import CONFIG_NAME, Config, load_config

__all__ = [
    "ARTICLE_ID",
    "Article",
    "Mode",
    "Project",
    "ProjectLike",
    "Version",
    "as_project",
    "load_project",
    "validate_front_matter",
]

ARTICLE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
"""Article ids: lowercase ASCII letters, digits and hyphens, not starting with a hyphen."""

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class Mode(enum.StrEnum):
    """How a translation of an article into a language exists."""

    HANDWRITTEN = "handwritten"
    CATALOG = "catalog"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Version:
    """One language version of an article, as read from its Markdown file.

    The text is not kept: :attr:`text` reads the file again when asked (the
    last few are remembered), so a project of any size costs the memory of its
    front matter, not of its articles; the front matter itself is kept packed
    (:class:`~multipub.content.packed.PackedMeta`, a mapping decoded when read).
    A file that changed since it was loaded is an error, never a silent mix of
    two versions."""

    article_id: str
    language: str
    location: str = field(repr=False)
    """The article folder, as a string (shared with the :class:`Article`; see :attr:`path`)."""
    shown: str
    """The path relative to the project, as used in messages and references."""
    meta: Mapping[str, Any] = field(repr=False)
    """The front matter (a read-only mapping)."""
    body_offset: int = field(default=0, repr=False)
    """Where the Markdown body starts in :attr:`text`."""
    digest: bytes = field(default=b"", repr=False, compare=False)
    """The :func:`~multipub.cache.inputs.file_hash` of the file's bytes.

    Caches key by it instead of hashing the text again."""
    documents: DocumentCache | None = field(default=None, repr=False, compare=False)
    """Where :attr:`doc` finds the parsed file again (``None``: it is parsed again)."""

    @property
    def path(self) -> Path:
        """The file: ``<lang>.md`` in the article folder."""
        return Path(self._file)

    @property
    def _file(self) -> str:
        return os.path.join(self.location, f"{self.language}.md")

    @property
    def text(self) -> str:
        """The whole file (front matter and body), read again from :attr:`path`.

        Raises :class:`~multipub.errors.ContentError` when the file changed or went
        away since the project was loaded."""
        return _text_of(self._file, self.shown, self.digest)

    @property
    def doc(self) -> Document:
        """The parsed file (from the document cache when it has it)."""
        return _document_of(self._file, self.shown, self.digest, self.documents)

    @property
    def hashed(self) -> bytes:
        """:attr:`digest`, or where it is not known the hash of the text's UTF-8."""
        return self.digest or file_hash(self.text.encode("utf-8", "surrogatepass"))

    @property
    def title(self) -> str:
        """The title from the front matter."""
        return str(self.meta.get("title", ""))

    @property
    def translated_from(self) -> str | None:
        """The source hash a hand-written translation records, if any."""
        value = self.meta.get("translated_from")
        return str(value) if value is not None else None

    def __repr__(self) -> str:
        return f"<Version {self.language} {self.shown}>"


@functools.lru_cache(maxsize=32)
def _text_of(path: str, shown: str, digest: bytes) -> str:
    """The text of the article file at *path*, which had the hash *digest* when loaded
    (the last few files asked for are remembered: pages ask for a text more than once)."""
    data = read_bytes(Path(path), shown)
    if digest and file_hash(data) != digest:
        raise ContentError("the file changed while multipub was working with it; "
                           "run the command again", path=shown)
    return decode_utf8(data, shown)


@functools.lru_cache(maxsize=32)
def _document_of(path: str, shown: str, digest: bytes,
                 documents: DocumentCache | None) -> Document:
    """The parsed article file at *path* (see :func:`_text_of`)."""
    text = _text_of(path, shown, digest)
    if documents is not None and digest:
        return documents.parse(text, shown, digest)
    return parse_document(text, shown)


@dataclass(frozen=True)
class Article:
    """An article: its source version, hand-written translations and assets."""

    id: str
    location: str = field(repr=False)
    """The article folder as a string (see :attr:`folder`)."""
    source: Version
    handwritten: Mapping[str, Version]
    asset_names: tuple[str, ...]
    """The names of the asset files in the folder, sorted (see :attr:`assets`)."""
    known_hash: str | None = field(default=None, repr=False, compare=False)
    """The source hash when loading already knew it (see :attr:`source_hash`)."""
    syntax: MarkdownSyntax = field(default=DEFAULT_SYNTAX, repr=False, compare=False)
    """The project's ``[markdown]`` syntax, which the source is segmented with."""

    @functools.cached_property
    def source_hash(self) -> str:
        """The hash of the source's translatable content (:func:`~.segment.source_hash`).

        Computed when first asked unless loading knew it: articles with
        hand-written translations get it at load time (from a cache kept
        across runs), since every command asks whether those are outdated.
        """
        if self.known_hash is not None:
            return self.known_hash
        from ..content.segment import source_hash

        return source_hash(self.source.text, self.source.shown, self.syntax)

    @property
    def folder(self) -> Path:
        """The article folder, ``content/<name>`` in the project."""
        return Path(self.location)

    @property
    def assets(self) -> tuple[Path, ...]:
        """The asset files of the folder (every file but the language versions), sorted."""
        return tuple(Path(self.location, name) for name in self.asset_names)

    @property
    def date(self) -> dt.date:
        """Publication date (from the source front matter)."""
        value = self.source.meta["date"]
        if isinstance(value, dt.datetime):
            return value.date()
        assert isinstance(value, dt.date)
        return value

    @property
    def tags(self) -> tuple[str, ...]:
        """Tag names in the source language."""
        return tuple(str(t) for t in self.source.meta.get("tags") or ())

    def is_outdated(self, language: str) -> bool:
        """Whether the hand-written translation into *language* predates the source."""
        version = self.handwritten.get(language)
        return version is not None and version.translated_from != self.source_hash

    def __repr__(self) -> str:
        written = f", hand-written {', '.join(self.handwritten)}" if self.handwritten else ""
        return f"<Article {self.id} ({self.source.language}{written})>"


@dataclass(frozen=True)
class Project:
    """A multipub project on disk: configuration and discovered articles."""

    root: Path
    config: Config
    articles: tuple[Article, ...]
    _by_id: Mapping[str, Article] = field(default_factory=dict, repr=False, compare=False)
    problems: tuple[Problem, ...] = field(default=(), repr=False, compare=False)
    """What :func:`load_project` with ``strict=False`` left out (bad articles), each
    ``path:line: message``; always empty for a strict load."""

    @property
    def left_out(self) -> tuple[str, ...]:
        """The article folders (``content/<name>``) that loading left out for their
        :attr:`problems`, sorted."""
        base = display_path(self.content_dir, self.root) + "/"
        found = {base + problem.path[len(base):].partition("/")[0] for problem in self.problems
                 if problem.path and problem.path.startswith(base)}
        return tuple(sorted(found))

    def __repr__(self) -> str:
        config = self.config
        title = f" {config.title!r}" if config.title else ""
        n = len(self.articles)
        return (f"<Project{title} at {self.root}: {n} article{'' if n == 1 else 's'}, "
                f"{config.source_language} -> {', '.join(config.languages) or 'no language'}>")

    # -- paths ---------------------------------------------------------------
    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def output_dir(self) -> Path:
        return self.root / self.config.output_dir

    def template_path(self, domain: str = "messages") -> Path:
        """``locales/messages.pot``, ``locales/tags.pot`` or ``locales/articles/<id>.pot``."""
        return self.locales_dir / f"{domain}.pot"

    def catalog_path(self, language: str, domain: str = "messages") -> Path:
        """``locales/<lang>/LC_MESSAGES/<domain>.po``; domain ``articles/<id>`` for articles."""
        return Path(os.path.join(self.root, self.catalog_name(language, domain)))

    @staticmethod
    def catalog_name(language: str, domain: str = "messages") -> str:
        """:meth:`catalog_path` relative to the project, with ``/`` between its parts."""
        return f"locales/{language}/LC_MESSAGES/{domain}.po"

    def article_domain(self, article_id: str) -> str:
        """The catalogue domain of an article: ``articles/<id>``."""
        return f"articles/{article_id}"

    def catalog_files(self, suffix: str = ".po") -> list[tuple[str, str, Path]]:
        """``(language, domain, path)`` of every catalogue file of the configured languages.

        Files (``.po`` by default, or ``.mo``) under ``locales/<lang>/LC_MESSAGES``,
        languages in configured order (source first), paths sorted; the domain
        is ``messages``, ``tags`` or ``articles/<id>`` (see :meth:`catalog_path`).
        """
        found: list[tuple[str, str, Path]] = []
        for language in self.config.all_languages:
            folder = self.locales_dir / language / "LC_MESSAGES"
            if folder.is_dir():
                found.extend(
                    (language, path.relative_to(folder).with_suffix("").as_posix(), path)
                    for path in sorted(folder.rglob(f"*{suffix}")) if path.is_file()
                )
        return found

    def shown(self, path: Path) -> str:
        """*path* relative to the project, for messages."""
        return display_path(path, self.root)

    # -- articles ------------------------------------------------------------
    def article(self, article_id: str) -> Article:
        """The article with *article_id*; :class:`ContentError` if there is none."""
        try:
            return self._by_id[article_id]
        except KeyError:
            known = ", ".join(sorted(self._by_id)) or "none"
            raise ContentError(
                f'no article "{article_id}" in content/ (articles: {known})'
            ) from None

    def mode(self, article_id: str, language: str) -> Mode:
        """How *article_id* exists in the target *language*."""
        article = self.article(article_id)
        if language in article.handwritten:
            return Mode.HANDWRITTEN
        if os.path.isfile(self.catalog_path(language, self.article_domain(article_id))):
            return Mode.CATALOG
        return Mode.NONE

    def modes(self) -> dict[tuple[str, str], Mode]:
        """:meth:`mode` of every (article id, target language), as the disk is now.

        One listing of each language's catalogue folder instead of a test per cell
        (what planning a site of thousands of articles asks).
        """
        found: dict[tuple[str, str], Mode] = {}
        for language in self.config.languages:
            folder = os.path.join(self.root, os.path.dirname(
                self.catalog_name(language, self.article_domain("-"))))
            try:
                with os.scandir(folder) as listing:
                    catalogued = {entry.name for entry in listing
                                  if entry.name.endswith(".po") and entry.is_file()}
            except OSError:
                catalogued = set()
            for article in self.articles:
                if language in article.handwritten:
                    found[(article.id, language)] = Mode.HANDWRITTEN
                elif f"{article.id}.po" in catalogued:
                    found[(article.id, language)] = Mode.CATALOG
                else:
                    found[(article.id, language)] = Mode.NONE
        return found

    def cells(self) -> Iterator[tuple[Article, str, Mode]]:
        """Every (article, target language, mode) of the matrix, in a stable order."""
        modes = self.modes()
        for article in self.articles:
            for language in self.config.languages:
                yield article, language, modes[(article.id, language)]


ProjectLike: TypeAlias = "Project | str | os.PathLike[str]"
"""What every verb of the API takes as its project: a loaded :class:`Project` or its folder."""


def as_project(project: ProjectLike, *, strict: bool = True) -> Project:
    """*project* itself if it is loaded, else :func:`load_project` of the folder it names
    (with ``strict=False``: bad articles left out, see :attr:`Project.problems`)."""
    return project if isinstance(project, Project) else load_project(project, strict=strict)


def load_project(path: str | os.PathLike[str] = ".", jobs: int = 1,
                 texts: Mapping[str, bytes] | None = None,
                 digests: Mapping[str, bytes] | None = None, *,
                 strict: bool = True) -> Project:
    """Load the project in the folder *path*.

    With *jobs* > 1 the source hashes that hand-written translations are
    checked against (a segmentation of each such source) are computed by
    that many processes while this one reads the articles.  *texts* are the
    bytes of article files already read (as
    :attr:`~multipub.cache.inputs.Inputs.markdown` holds them, by their names
    relative to the project): those files are not read again.  *digests* are
    the :func:`~multipub.cache.inputs.file_hash` of *texts* by the same names (as
    :attr:`~multipub.cache.inputs.Inputs.files` holds them): not computed again.

    Raises :class:`~multipub.errors.MultipubError` (exit status 2 on the
    command line) listing every problem found in the configuration or the
    articles.  With ``strict=False`` (what ``status`` loads with) bad articles are
    left out instead and their problems kept in :attr:`Project.problems`; a bad
    configuration still raises.
    """
    root = Path(path)
    if not root.is_dir():
        raise ContentError("no such project folder", path=str(path))
    config = load_config(root / CONFIG_NAME)
    articles, problems = _discover(root, config, jobs, texts, digests)
    if problems and strict:
        raise ContentError(problems=problems)
    by_id = {a.id: a for a in articles}
    return Project(root=root, config=config, articles=tuple(articles), _by_id=by_id,
                   problems=tuple(problems))


def _discover(root: Path, config: Config, jobs: int = 1,
              texts: Mapping[str, bytes] | None = None,
              digests: Mapping[str, bytes] | None = None,
              ) -> tuple[list[Article], list[Problem]]:
    hashes = SourceHashCache(root, config.markdown)
    documents = DocumentCache(root)
    try:
        if jobs > 1:
            hashes.start(config, jobs)
        return _discover_with(root, config, hashes, documents, texts, digests)
    finally:
        hashes.stop()
        hashes.save()
        documents.save()


def _discover_with(root: Path, config: Config, source_hash: SourceHashCache,
                   documents: DocumentCache, texts: Mapping[str, bytes] | None,
                   digests: Mapping[str, bytes] | None,
                   ) -> tuple[list[Article], list[Problem]]:
    content = root / "content"
    problems: list[Problem] = []
    articles: list[Article] = []
    if not content.is_dir():
        return articles, problems
    if not inside(content, root):
        return articles, [Problem("content", None, "is a link that points outside the project")]
    base = display_path(content, root)
    entries = sorted(os.scandir(content), key=_name)
    ids = article_ids([e.name for e in entries if e.is_dir() and not e.name.startswith(".")],
                      config.source_language)
    for entry in entries:
        folder = Path(entry.path)
        shown = f"{base}/{entry.name}"
        if entry.name.startswith("."):
            continue
        if not entry.is_dir():
            if entry.name.endswith(".md"):
                problems.append(
                    Problem(shown, None, "articles live in folders: move it to content/<id>/"
                            f"{config.source_language}.md")
                )
            continue
        article_id = ids[entry.name]
        if isinstance(article_id, Problem):
            problems.append(Problem(shown, None, article_id.message))
            continue
        if entry.is_symlink() and not inside(folder, root):
            problems.append(Problem(shown, None, "is a link that points outside the project"))
            continue
        try:
            articles.append(_load_article(folder, shown, config, source_hash, documents, texts,
                                          digests, article_id))
        except MultipubError as exc:
            problems.extend(exc.problems)
    return articles, problems


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def article_ids(names: Sequence[str], language: str) -> dict[str, str | Problem]:
    """The article id of each folder name of ``content/`` (or why it has none).

    A valid name (:data:`ARTICLE_ID`) is its own id.  Any other name falls back
    to a slug of it (:func:`~multipub.content.slug.slugify` in the source
    *language*: ``hugo_config`` -> ``hugo-config``, ``mkdocs-2.0`` ->
    ``mkdocs-2-0``), unless nothing ASCII remains or another folder already
    has that id: only then is the folder refused (a :class:`Problem` without
    a path, in the place of its id).

    >>> article_ids(["hugo_config", "mkdocs-2.0", "ok", "OK"], "pl")
    ... # doctest: +NORMALIZE_WHITESPACE
    {'hugo_config': 'hugo-config', 'mkdocs-2.0': 'mkdocs-2-0', 'ok': 'ok',
     'OK': Problem(path=None, line=None, message='the folder name is not a valid article id and
     its fallback "ok" is the id of content/ok; rename one of the folders (article ids are
     lowercase letters a-z, digits and hyphens)')}
    """
    from ..content.slug import slugify

    found: dict[str, str | Problem] = {}
    claimed: dict[str, str] = {name: name for name in names if ARTICLE_ID.match(name)}
    for name in names:
        if name in claimed:
            found[name] = name
            continue
        derived = slugify(name, language)
        if not derived:
            found[name] = Problem(None, None, "the folder name is not a valid article id and "
                                  "has no letter or digit to make one of; rename the folder "
                                  f"with {_ID_RULE}")
        elif derived in claimed:
            found[name] = Problem(None, None, "the folder name is not a valid article id and "
                                  f'its fallback "{derived}" is the id of content/'
                                  f"{claimed[derived]}; rename one of the folders "
                                  f"(article ids are {_ID_RULE})")
        else:
            found[name] = claimed[derived] = derived
    return found


_ID_RULE = "lowercase letters a-z, digits and hyphens"


def _load_article(folder: Path, base: str, config: Config, hasher: Any,
                  documents: DocumentCache, texts: Mapping[str, bytes] | None,
                  digests: Mapping[str, bytes] | None, article_id: str) -> Article:
    """The article *article_id* in *folder* (shown as *base*), or a ContentError with its
    problems.

    The folder is listed with :func:`os.scandir`, whose entries know whether they
    are links or folders without a system call each.
    """
    problems: list[Problem] = []
    versions: dict[str, Version] = {}
    assets: list[str] = []
    location = os.fspath(folder)  # (one string that the article and its versions share)
    try:
        listed = sorted(os.scandir(folder), key=_name)
    except FileNotFoundError:  # removed (or renamed) after content/ was listed
        raise ContentError("the article folder went away while it was read", path=base) from None
    except NotADirectoryError:
        raise ContentError("is no longer a folder", path=base) from None
    except PermissionError:
        raise ContentError("permission denied", path=base) from None
    for entry in listed:
        name = entry.name
        shown = f"{base}/{name}"
        if name.startswith("."):
            continue
        if entry.is_symlink() and not inside(Path(entry.path), folder):
            problems.append(
                Problem(shown, None, "is a link that points outside the article folder"))
            continue
        if entry.is_dir():
            problems.append(Problem(shown, None, "sub-folders are not supported in an article"))
            continue
        lang, dot, suffix = name.rpartition(".")
        if not dot or suffix != "md" or not lang:
            assets.append(name)
            continue
        if lang not in config.all_languages:
            why = "" if is_known_language(lang) else " and not a language CLDR knows"
            problems.append(
                Problem(shown, None, f'"{lang}" is not a language of this project{why} '
                        f"(languages: {', '.join(config.all_languages)})")
            )
            continue
        try:
            data = texts.get(shown) if texts else None
            hashed = digests.get(shown) if data is not None and digests else None
            if data is None:
                data = read_bytes(Path(entry.path), shown)
            text = decode_utf8(data, shown)
            hashed = hashed or file_hash(data)
            doc = documents.parse(text, shown, hashed)
            is_source = lang == config.source_language
            problems.extend(validate_front_matter(doc, shown, source=is_source))
            versions[lang] = Version(article_id, lang, location, shown,  # (text: read
                                     pack(doc.meta), doc.body_offset, hashed,  # again when
                                     documents)  # asked; the front matter packed)
        except MultipubError as exc:
            problems.extend(exc.problems)
    source = versions.pop(config.source_language, None)
    if source is None and not any(
            p.path == f"{base}/{config.source_language}.md" for p in problems):
        problems.append(
            Problem(base, None,
                    f"no source file {config.source_language}.md in this article folder")
        )
    if problems:
        raise ContentError(problems=problems)
    assert source is not None
    return Article(
        id=article_id,
        location=location,
        source=source,
        handwritten=versions,
        asset_names=tuple(assets),
        known_hash=hasher(source) if versions else None,
        syntax=config.markdown,
    )


def validate_front_matter(doc: Document, shown: str, *, source: bool) -> list[Problem]:
    """Problems of the front matter of an article file (all of them, with lines).

    The source requires ``title`` and ``date``; a translation requires
    ``title`` and inherits the rest.
    """
    meta = doc.meta
    problems: list[Problem] = []

    def line(*keys: str) -> int | None:
        return doc.lines.get(tuple(keys), 1 if not doc.lines else None)

    def bad(message: str, *keys: str) -> None:
        problems.append(Problem(shown, line(*keys) if keys else 1, message))

    def want_text(key: str, value: Any, *keys: str) -> None:
        if not isinstance(value, str) or not value.strip():
            what = "empty" if isinstance(value, str) else _a(kind_of(value))
            bad(f"{'.'.join(keys)}: must be a non-empty text, not {what}", *keys)

    if "title" not in meta:
        bad("front matter: title is missing; every article version needs a title")
    else:
        want_text("title", meta["title"], "title")
    if "date" in meta:
        wrong = date_problem(meta["date"])
        if wrong is not None:
            bad(f"date: {wrong}", "date")
    elif source:
        bad("front matter: date is missing; write the publication date as YYYY-MM-DD")
    for key in ("summary", "translated_from"):
        if key in meta:
            want_text(key, meta[key], key)
    if "slug" in meta:
        slug = meta["slug"]
        if not isinstance(slug, str) or not _SLUG.match(slug):
            bad(f"slug: {shown_value(slug)} is not a valid slug; use lowercase letters a-z, "
                "digits and hyphens", "slug")
    if "tags" in meta:
        tags = meta["tags"]
        if not isinstance(tags, list):
            bad(f"tags: must be a list of tag names, not {_a(kind_of(tags))}", "tags")
        else:
            for i, tag in enumerate(tags):
                if not isinstance(tag, str) or not tag.strip():
                    bad(f"tags: item {i + 1} must be a non-empty tag name", "tags", str(i))
                elif "/" in tag or "\\" in tag or tag.strip() in (".", ".."):
                    bad(f"tags: {shown_value(tag)} may not contain / or \\ or be . or ..",
                        "tags", str(i))
    if "image" in meta:
        image = meta["image"]
        if not isinstance(image, dict):
            bad("image: must be a mapping with src, caption and credit, not "
                f"{_a(kind_of(image))}", "image")
        else:
            if source and "src" not in image:
                bad("image: src is missing; name the image file in the article folder", "image")
            if "src" in image:
                src = image["src"]
                if not isinstance(src, str) or not src or "/" in src or "\\" in src or src in (
                        ".", ".."):
                    bad(f"image.src: {shown_value(src)} must be the name of a file in the "
                        "article folder",
                        "image", "src")
            for key in ("caption", "credit", "alt"):
                if key in image:
                    want_text(key, image[key], "image", key)
    return problems


def _a(kind: str) -> str:
    """*kind* with its article (``a number``; ``nothing`` alone)."""
    return kind if kind == "nothing" else f"a {kind}"


def check_asset(article: Article, name: str, root: Path) -> Path:
    """The path of the asset *name* of *article*, refusing names that leave its folder."""
    from ..fsio import safe_join

    try:
        path = safe_join(article.folder, name, what="asset")
    except PathError as exc:
        raise exc.with_path(article.source.shown) from None
    return path


def reload_article(project: Project, article_id: str) -> Project:
    """*project* with the article *article_id* read again from its folder.

    For a warm process that keeps a project loaded (``multipub serve``): the other
    articles are kept as they are.  Raises :class:`~multipub.errors.ContentError`
    with the article's problems, as :func:`load_project` does, and when the article
    is not one of *project* or its folder is gone.
    """
    old = project.article(article_id)
    base = old.source.shown.rsplit("/", 1)[0]  # content/<folder>: the id may differ
    folder = project.root / base
    if not folder.is_dir():
        raise ContentError("the article folder is gone", path=base)
    documents = DocumentCache(project.root)
    article = _load_article(folder, base, project.config, SourceHashCache(project.root),
                            documents, None, None, article_id)
    articles = tuple(article if a.id == article_id else a for a in project.articles)
    by_id = {**project._by_id, article_id: article}
    return Project(root=project.root, config=project.config, articles=articles, _by_id=by_id,
                   problems=project.problems)
