"""``multipub stamp`` and ``multipub diff``: hand-written translations against their source.

:func:`stamp` records that a hand-written translation matches the current
source: it writes ``translated_from: <source hash>`` into the translation's
front matter and keeps the source text it was stamped against in a
*stamp snapshot*, a file meant to be committed with the article::

    content/<article-id>/.stamps/<lang>.<source>.md   e.g. content/klastry/.stamps/ru.pl.md

The folder's name starts with a dot, so the project loader takes neither it
nor its files for a language version or an asset (nothing under it is
copied to the site).  :func:`diff` compares the snapshot with the source as
it is now: a unified diff of the source text, so that a translator updates
only what changed.
"""

from __future__ import annotations

import difflib

from ..content.frontmatter import parse_document
from ..content.frontmatter_edit import set_scalar
from ..errors import ContentError, MultipubError
from ..fsio import decode_utf8, read_bytes, write_atomic
from ..project.model import Article, Project, ProjectLike, Version, as_project

__all__ = ["NO_CHANGE", "STAMPS_DIR", "diff", "snapshot_name", "stamp"]

STAMPS_DIR = ".stamps"
"""The folder of an article that holds its stamp snapshots."""

NO_CHANGE = "no change since the stamp"
"""What :func:`diff` returns when the source is as it was stamped."""


def snapshot_name(project: Project, article_id: str, language: str) -> str:
    """The stamp snapshot of *article_id* in *language*, relative to the project:
    ``content/<folder>/.stamps/<language>.<source language>.md`` (the folder is the
    article id unless the id falls back from the folder's name)."""
    folder = project.shown(project.article(article_id).folder)
    return f"{folder}/{STAMPS_DIR}/{language}.{project.config.source_language}.md"


def _translation(project: Project, article_id: str, language: str,
                 verb: str = "stamped") -> tuple[Article, Version]:
    article = project.article(article_id)
    if language == project.config.source_language:
        raise ContentError(f"{language!r} is the source language; name a translation instead")
    version = article.handwritten.get(language)
    if version is None:
        path = f"{project.shown(article.folder)}/{language}.md"
        raise ContentError(
            f"no hand-written translation {path}; only hand-written translations are {verb} "
            "(catalogue-backed ones track the source entry by entry)"
        )
    return article, version


def stamp(project: ProjectLike, article_id: str, language: str) -> bool:
    """Write ``translated_from: <source hash>`` into ``content/<id>/<language>.md``
    and the source text into its stamp snapshot (:func:`snapshot_name`).

    *project* is a project or its folder.  Only that front-matter value changes;
    every other byte of the file stays.  Returns whether a file changed.
    """
    project = as_project(project)
    article, version = _translation(project, article_id, language)
    new_text = set_scalar(version.text, "translated_from", article.source_hash, version.shown)
    parse_document(new_text, version.shown)  # the result must still be valid
    snapshot = project.root / snapshot_name(project, article_id, language)
    kept = write_atomic(snapshot, article.source.text.encode("utf-8"))
    return write_atomic(version.path, new_text.encode("utf-8")) or kept


def diff(project: ProjectLike, article_id: str, language: str) -> str:
    """What changed in the source of *article_id* since its translation into *language*
    was stamped: a unified diff of the source text (``a/…/pl.md (stamped)`` against
    ``b/…/pl.md``), or :data:`NO_CHANGE`.

    A translation never stamped, or stamped before snapshots were kept (or whose
    snapshot does not match its ``translated_from``), raises
    :class:`~multipub.errors.ContentError` at the translation's stamp line.
    """
    project = as_project(project)
    article, version = _translation(project, article_id, language, "compared with a stamp")
    name = snapshot_name(project, article_id, language)
    run = f"`multipub stamp {article_id} {language}`"
    stamped = version.translated_from
    if stamped is None:
        raise ContentError(
            f"never stamped: there is no stamped source to compare with; when the "
            f"translation matches the source, run {run}", path=version.shown, line=1)
    line = version.doc.lines.get(("translated_from",), 1)
    path = project.root / name
    if not path.is_file():
        raise ContentError(
            f"stamped before multipub kept the stamped source ({name} is missing), so what "
            f"changed cannot be shown; check the translation against {article.source.shown}, "
            f"then run {run}", path=version.shown, line=line)
    try:
        before = decode_utf8(read_bytes(path, name), name)
    except MultipubError as exc:
        raise exc.with_path(name) from None
    from ..content.segment import source_hash

    try:
        matches = source_hash(before, name, article.syntax) == stamped
    except MultipubError:
        matches = False
    if not matches:
        raise ContentError(
            f"{name} is not the source this translation was stamped against "
            f"(translated_from: {stamped}); check the translation against "
            f"{article.source.shown}, then run {run}", path=version.shown, line=line)
    after = article.source.text
    if before == after:
        return NO_CHANGE
    shown = article.source.shown
    lines = difflib.unified_diff(_lines(before), _lines(after), f"a/{shown} (stamped)",
                                 f"b/{shown}")
    return "".join(lines)


def _lines(text: str) -> list[str]:
    """The lines of *text*, each ending with a newline (a last line without one gets it,
    marked as the ``diff`` program marks it)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1] + "\n\\ No newline at end of file\n")
    return lines

