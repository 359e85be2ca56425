"""The project's translation memory: built from its catalogues, exported as a compendium.

The memory of a target language (:class:`multipub.gettext.memory.Memory`) holds
the translated, not fuzzy entries of every article catalogue of that language
(``locales/<lang>/LC_MESSAGES/articles/<id>.po`` of the articles without a
hand-written version in it: a hand-written translation cannot be aligned with
its source segment by segment), plus those of any compendium files given.

:func:`update <multipub.commands.catalogs.update>` offers its suggestions to the
untranslated entries of the article catalogues it writes;
:func:`export_memory` writes it as a compendium ``.po`` (``msgid`` -> ``msgstr``,
with ``#:`` references to the sources the translation was made for), which
``msgmerge -C``, Poedit, Lokalize and Weblate read.  A source text translated
differently in several articles gets the most frequent translation (ties: the
first article by id); the others are listed in translator comments.

Compendium files given to ``update --compendium`` are read whole before
anything is written; a file that is not a catalogue, or whose ``Language``
header names a language that is not being updated, stops the command with
``path:line: message``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from os import PathLike
from pathlib import Path

from ..errors import CatalogError, MultipubError, UsageError
from ..gettext.catalog import Catalog, Message, make_header
from ..gettext.memory import COMMENT, Memory, Origin
from ..gettext.pofile import dump_po, parse_po
from ..languages import get_language
from ..project.model import Project, ProjectLike, as_project
from .templates import project_id

__all__ = [
    "compendium_catalog",
    "export_memory",
    "memory_of",
    "read_compendia",
]

Compendium = tuple[str, Catalog]
"""A compendium file as read: its path as shown, and its catalogue."""


def memory_of(project: Project, language: str,
              catalogs: Iterable[tuple[str, Catalog | None]] | None = None,
              compendia: Sequence[Compendium] = (),
              sentences: dict[str, tuple[str, ...]] | None = None) -> Memory:
    """The memory of *language*: its article catalogues, then *compendia*.

    *catalogs* are ``(domain, catalogue)`` pairs already read (``None``: not on
    disk); by default every article catalogue of *language* is read.  *sentences*
    is shared by the memories of the languages of one run
    (:class:`~multipub.gettext.memory.Memory`).
    """
    memory = Memory(project.config.memory_similarity, sentences)
    if catalogs is None:
        catalogs = _article_catalogs(project, language)
    for domain, catalog in catalogs:
        if catalog is not None:
            memory.add(catalog, Origin(domain))
    for shown, catalog in compendia:
        memory.add(catalog, Origin(shown, kind=1))
    return memory


def _article_catalogs(project: Project, language: str) -> list[tuple[str, Catalog | None]]:
    found: list[tuple[str, Catalog | None]] = []
    errors: list[MultipubError] = []
    for article in sorted(project.articles, key=lambda a: a.id):
        if language in article.handwritten:
            continue
        domain = project.article_domain(article.id)
        path = project.catalog_path(language, domain)
        if not path.is_file():
            continue
        try:
            found.append((domain, parse_po(path.read_bytes(), project.shown(path))))
        except MultipubError as exc:
            errors.append(exc)
    if errors:
        raise CatalogError(problems=[p for e in errors for p in e.problems])
    return found


def read_compendia(paths: Sequence[str | PathLike[str]], languages: Sequence[str]
                   ) -> dict[str, list[Compendium]]:
    """Read compendium files for the target *languages* being updated.

    Returns language -> compendia.  A compendium whose ``Language`` header
    names one of *languages* serves that language; one without a
    ``Language`` serves the only language being updated.  Raises
    :class:`CatalogError` (every problem of every file) otherwise.
    """
    result: dict[str, list[Compendium]] = {code: [] for code in languages}
    problems: list[MultipubError] = []
    for raw in dict.fromkeys(str(p) for p in paths):
        path = Path(raw)
        shown = raw
        try:
            catalog = _read(path, shown)
            result[_language_of(catalog, shown, languages)].append((shown, catalog))
        except MultipubError as exc:
            problems.append(exc)
    if problems:
        raise CatalogError(problems=[p for e in problems for p in e.problems])
    return result


def _read(path: Path, shown: str) -> Catalog:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogError("no such compendium file", path=shown) from None
    except IsADirectoryError:
        raise CatalogError("is a folder, expected a compendium .po file", path=shown) from None
    except PermissionError:
        raise CatalogError("permission denied", path=shown) from None
    return parse_po(data, shown)


def _language_of(catalog: Catalog, shown: str, languages: Sequence[str]) -> str:
    line = catalog.header.lineno if catalog.header is not None else None
    declared = (catalog.language or "").strip()
    if not declared:
        if len(languages) == 1:
            return languages[0]
        raise CatalogError(
            "the compendium has no Language header; say which language it is for with "
            f"-l LANG (languages being updated: {', '.join(languages)})",
            path=shown, line=line or 1)
    wanted = declared.replace("_", "-").split(".")[0].split("@")[0]
    for code in languages:
        if wanted == code or wanted.split("-")[0] == code:
            return code
    raise CatalogError(
        f"the compendium is for {declared!r}, not one of the languages being updated "
        f"({', '.join(languages)})", path=shown, line=line or 1)


def compendium_catalog(memory: Memory, language: str,
                       project_id: str = "PACKAGE VERSION") -> Catalog:
    """*memory* as a compendium catalogue of *language* (see the module docs), its
    ``Project-Id-Version`` *project_id*."""
    lang = get_language(language)
    catalog = Catalog(header=make_header(lang.code, lang.plural_forms, project_id))
    for entry in memory.entries():
        comments = [f"{COMMENT} from {', '.join(o.name for o in entry.origins)}"]
        for text, origins in entry.alternatives:
            shown = text.replace("\\", "\\\\").replace("\n", "\\n")
            comments.append(f"{COMMENT} also translated in "
                            f"{', '.join(o.name for o in origins)}: {shown}")
        catalog.messages.append(Message(entry.source, entry.translation,
                                        translator_comments=comments,
                                        references=list(entry.references)))
    return catalog


def export_memory(project: ProjectLike, language: str) -> bytes:
    """The translation memory of *language* in *project* as compendium ``.po`` bytes.

    *project* is a project or its folder.  Raises :class:`UsageError` for a
    language that is not a target, :class:`CatalogError` for a bad catalogue.
    """
    project = as_project(project)
    if language not in project.config.languages:
        raise UsageError(
            f"{language}: not a target language of this project "
            f"(languages: {', '.join(project.config.languages)})")
    return dump_po(compendium_catalog(memory_of(project, language), language,
                                      project_id(project)))
