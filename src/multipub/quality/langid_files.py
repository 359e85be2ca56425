"""Language of whole files: Markdown articles, ``.po`` catalogues and templates.

:func:`detect_file` reads one file and identifies the language of its
translatable text with :func:`multipub.quality.langid.detect_texts`:

- a ``.po`` file: the translations (``msgstr``) of its non-obsolete entries;
- a ``.pot`` file: the source texts (``msgid``);
- a Markdown file: its segments (title, headings, paragraphs, ...);
- anything else: the whole text.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..fsio import read_utf8
from .langid import Detection, detect_texts

__all__ = ["detect_file", "file_texts"]


def file_texts(path: Path, shown: str | None = None) -> list[str]:
    """The texts of *path* whose language matters, as described in the module docs."""
    shown = shown or str(path)
    suffix = path.suffix.lower()
    if suffix in (".po", ".pot"):
        from ..gettext.pofile import read_catalog

        catalog = read_catalog(path, shown)
        texts: list[str] = []
        for message in catalog.messages:
            if message.obsolete:
                continue
            if suffix == ".pot":
                texts.append(message.msgid)
            elif message.plural:
                texts.extend(form for form in message.msgstr_plural if form)
            elif message.msgstr:
                texts.append(message.msgstr)
        return texts
    text = read_utf8(path, shown)
    if suffix in (".md", ".markdown"):
        from ..content.segment import segment_document

        return [segment.text for segment in segment_document(text, shown)]
    return [text]


def detect_file(path: Path, candidates: Sequence[str] | None = None,
                shown: str | None = None) -> Detection:
    """The language of the file at *path* (``Detection.language`` is ``None`` if undetermined)."""
    return detect_texts(file_texts(path, shown), candidates)
