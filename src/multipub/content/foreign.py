"""Blocks written in the syntax of an extension the segmenter does not know.

A project may list any Python-Markdown extension in ``[markdown]
extensions``; the segmenter follows the block syntax of those in
:data:`~.syntax.BLOCK_EXTENSIONS` only.  For the others it cannot tell which
text is prose, so the blocks they change are kept whole and untranslated:
:func:`foreign_spans` renders each top-level block (blank-line separated, as
the segmenter sees it) with the project's extensions and with the known ones
alone, and returns the source ranges of the blocks whose HTML differs.
Nothing is rendered when every extension is known.
"""

from __future__ import annotations

import functools

import markdown

from .syntax import BLOCK_EXTENSIONS, INLINE_EXTENSIONS, MarkdownSyntax, unsupported
from .tracked import Tracked

__all__ = ["foreign_spans"]


@functools.lru_cache(maxsize=8)
def _renderers(syntax: MarkdownSyntax) -> tuple[markdown.Markdown, markdown.Markdown]:
    known = [n for n in syntax.extensions if n in BLOCK_EXTENSIONS | INLINE_EXTENSIONS]
    configs = {name: syntax.config(name) for name in syntax.extensions if syntax.config(name)}
    full = markdown.Markdown(extensions=list(syntax.extensions), extension_configs=configs)
    part = markdown.Markdown(extensions=known,
                             extension_configs={k: v for k, v in configs.items() if k in known})
    return full, part


def foreign_spans(text: str, body: Tracked, syntax: MarkdownSyntax) -> list[tuple[int, int]]:
    """Source ranges of the top-level blocks of *body* an unknown extension renders otherwise.

    *body* is the preprocessed body (:func:`.tracked.normalize` and the raw
    blocks set aside); *text* the whole source file.
    """
    if not unsupported(syntax):
        return []
    full, part = _renderers(syntax)
    spans = []
    for block in body.split("\n\n"):
        real = block.real()
        if real is None or not text[real[0]:real[1]].strip():
            continue
        source = text[real[0]:real[1]]
        html = []
        for md in (full, part):
            md.reset()
            html.append(md.convert(source))
        if html[0] != html[1]:
            spans.append(real)
    return spans
