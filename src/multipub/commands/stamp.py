"""``multipub stamp``: record that a hand-written translation matches the source."""

from __future__ import annotations

from ..content.frontmatter import parse_document
from ..content.frontmatter_edit import set_scalar
from ..errors import ContentError
from ..fsio import write_atomic
from ..project.model import ProjectLike, as_project

__all__ = ["stamp"]


def stamp(project: ProjectLike, article_id: str, language: str) -> bool:
    """Write ``translated_from: <source hash>`` into ``content/<id>/<language>.md``.

    *project* is a project or its folder.  Only that front-matter value changes;
    every other byte of the file stays.  Returns whether the file changed.
    """
    project = as_project(project)
    article = project.article(article_id)
    if language == project.config.source_language:
        raise ContentError(f"{language!r} is the source language; stamp a translation instead")
    version = article.handwritten.get(language)
    if version is None:
        path = f"content/{article_id}/{language}.md"
        raise ContentError(
            f"no hand-written translation {path}; only hand-written translations are stamped "
            "(catalogue-backed ones track the source entry by entry)"
        )
    new_text = set_scalar(version.text, "translated_from", article.source_hash, version.shown)
    parse_document(new_text, version.shown)  # the result must still be valid
    return write_atomic(version.path, new_text.encode("utf-8"))
