"""The ``markdown-extension`` check: extensions the segmenter does not understand.

An extension of ``[markdown] extensions`` whose block syntax the segmenter
does not know is rendered, and the blocks it changes are kept whole and
untranslated (:mod:`multipub.content.foreign`).  That is said once per
project, at the ``[markdown]`` line of ``multipub.toml``, not silently.
"""

from __future__ import annotations

from ...content.syntax import unsupported
from ...project.config import CONFIG_NAME
from ...project.model import Project
from .model import Finding

__all__ = ["check_syntax"]


def check_syntax(project: Project, enabled: tuple[str, ...]) -> list[Finding]:
    """One finding naming the project's unsupported extensions (none when all are known)."""
    names = unsupported(project.config.markdown)
    if "markdown-extension" not in enabled or not names:
        return []
    listed = ", ".join(repr(n) for n in names)
    return [Finding.make(
        "markdown-extension", "warning", CONFIG_NAME, project.config.lines.get("markdown"),
        f"multipub does not segment the block syntax of {listed}: the blocks it changes "
        "are rendered but kept whole and untranslated")]
