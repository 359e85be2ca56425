"""What loading a project remembers across runs: parsed front matter and source hashes.

Both caches are :class:`~.lines.KeyedLines` files in the project cache
(:func:`~multipub.cache.cache_path`), keyed by :func:`file_key`: a digest of
the multipub version and the hash of the article file's bytes.  A missing,
corrupt or unwritable cache only costs time.

- :class:`DocumentCache`, ``documents.jsonl``: the parsed front matter of
  every article file (a YAML parse is most of what loading a project costs).
- :class:`SourceHashCache`, ``source-hashes.jsonl``: the
  :func:`~multipub.content.segment.source_hash` of every source with
  hand-written translations (computing it means segmenting the source).

Imports no project model at module import time (:mod:`multipub.project`
imports this module).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Mapping
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.frontmatter import Document, document_from_json, document_to_json, parse_document
from ..content.syntax import DEFAULT_SYNTAX, MarkdownSyntax
from ..errors import MultipubError
from ..fsio import display_path, fork_context
from . import cache_path
from .inputs import file_hash
from .lines import KeyedLines

if TYPE_CHECKING:
    from ..project.config import Config
    from ..project.model import Version

__all__ = ["DocumentCache", "SourceHashCache", "file_key"]


def file_key(hashed: bytes) -> str:
    """The cache key of a file whose bytes have the :func:`~.inputs.file_hash` *hashed*."""
    from .. import __version__

    return file_hash(f"{__version__}\0".encode() + hashed).hex()


def _save(lines: KeyedLines, path: Path, used: Mapping[str, str | None]) -> None:
    """Make *path* hold the *used* keys: the new values given, the others as stored."""
    lines.save(path, used.keys(), {key: value for key, value in used.items()
                                   if value is not None}, str)


class SourceHashCache:
    """Source hashes remembered across runs in ``source-hashes.jsonl``.

    A line per source: its :func:`file_key`, a tab and the JSON string of its
    hash (a line cut short by a kill does not decode, so it is computed again).
    Call the instance with a :class:`~multipub.project.model.Version`; with
    :meth:`start`, the sources not in the cache are hashed ahead by worker
    processes.
    """

    NAME = "source-hashes.jsonl"
    HEADER = b"multipub source hashes 1\n"
    OLD_NAME = "source-hashes.json"
    """The earlier cache (one JSON object), removed when this one is first written."""

    def __init__(self, root: Path, syntax: MarkdownSyntax = DEFAULT_SYNTAX) -> None:
        self.root = root
        self.syntax = syntax
        """The project's ``[markdown]`` syntax: the hashes depend on it (it is in the keys)."""
        self._salt = b"" if syntax == DEFAULT_SYNTAX else f"\0{syntax!r}".encode()
        self.path = cache_path(root, self.NAME)
        self.lines = KeyedLines.read(self.path, self.HEADER)
        self.used: dict[str, str | None] = {}
        """Key -> new JSON string (``None``: the one in the file)."""
        self.pending: dict[str, Future[dict[str, str]]] = {}
        self.pool: Executor | None = None

    def known(self, key: str) -> str | None:
        """The stored hash of *key* (``None``: not stored, or damaged)."""
        stored = self.lines.value(key)
        if stored is None:
            return None
        try:
            value = json.loads(stored)
        except ValueError:  # (UnicodeDecodeError included)
            return None
        return value if isinstance(value, str) and value else None

    def __call__(self, version: Version) -> str:
        from ..content.segment import source_hash

        key = file_key(version.hashed + self._salt)
        value = self.known(key)
        if value is not None:
            self.used[key] = None
            return value
        if key in self.pending:
            try:
                value = self.pending.pop(key).result().get(key)
            except Exception:  # a worker that died: the hash is computed here
                value = None
        if value is None:
            value = source_hash(version.text, version.shown, self.syntax)  # not hashed ahead
        self.used[key] = json.dumps(value)
        return value

    def start(self, config: Config, jobs: int) -> None:
        """Hash, in *jobs* processes, the sources that have hand-written translations.

        Only a head start: the articles are read again by the loader, which
        takes a hash from here when its text is the one hashed (the key is
        the text) and reports every problem itself.
        """
        todo: list[tuple[str, str, str]] = []
        targets = [f"{lang}.md" for lang in config.languages]
        with contextlib.suppress(OSError):
            for folder in sorted((self.root / "content").iterdir()):
                source = folder / f"{config.source_language}.md"
                if not any((folder / name).is_file() for name in targets):
                    continue
                with contextlib.suppress(OSError, UnicodeError):
                    data = source.read_bytes()
                    text = data.decode("utf-8")
                    key = file_key(file_hash(data) + self._salt)
                    if self.known(key) is None:
                        todo.append((key, text, display_path(source, self.root)))
        if len(todo) < 16:
            return
        from concurrent.futures import ProcessPoolExecutor

        self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=fork_context())
        size = max(4, len(todo) // (jobs * 4))
        for i in range(0, len(todo), size):
            chunk = todo[i:i + size]
            future = self.pool.submit(_hash_sources, chunk, self.syntax)
            for key, _, _ in chunk:
                self.pending[key] = future

    def stop(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None
        self.pending.clear()

    def save(self) -> None:
        if not self.lines.size:  # first written in this layout: the old file goes
            with contextlib.suppress(OSError):
                os.unlink(cache_path(self.root, self.OLD_NAME))
        _save(self.lines, self.path, self.used)


def _hash_sources(chunk: list[tuple[str, str, str]],
                  syntax: MarkdownSyntax = DEFAULT_SYNTAX) -> dict[str, str]:
    """Source hashes by key; a text that does not segment is left to the loader."""
    from ..content.segment import source_hash

    found = {}
    for key, text, shown in chunk:
        with contextlib.suppress(MultipubError):
            found[key] = source_hash(text, shown, syntax)
    return found


class DocumentCache:
    """Parsed front matter remembered across runs in ``documents.jsonl``.

    A line per document: its :func:`file_key`, a tab and plain JSON
    (:func:`~multipub.content.frontmatter.document_to_json`).  The file is kept
    as bytes and a line decoded when its document is asked for, so a large
    site costs little memory.  A text that does not parse is never kept, so
    its errors are reported every time.
    """

    NAME = "documents.jsonl"
    HEADER = b"multipub documents 2\n"

    def __init__(self, root: Path) -> None:
        self.path = cache_path(root, self.NAME)
        self.lines = KeyedLines.read(self.path, self.HEADER)
        self.used: dict[str, str | None] = {}
        """Key -> new JSON text (``None``: the one in the file)."""
        self._new = 0

    def parse(self, text: str, shown: str, hashed: bytes) -> Document:
        """:func:`~multipub.content.frontmatter.parse_document` of *text*, from the cache if known
        (*hashed* is the :func:`~.inputs.file_hash` of the file)."""
        key = file_key(hashed)
        stored = self.lines.value(key)
        if stored is not None:
            try:
                doc = document_from_json(json.loads(stored), text, shown)
            except (ValueError, TypeError, KeyError, IndexError):
                pass
            else:
                self.used[key] = None
                return doc
        doc = parse_document(text, shown)
        value = document_to_json(doc)
        if value is not None:
            self.used[key] = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            self._new += 1
            if self._new >= self.FLUSH:
                self._flush()
        return doc

    FLUSH = 500
    """New documents are appended to the file once there are this many, not held."""

    def _flush(self) -> None:
        new = {key: value for key, value in self.used.items() if value is not None}
        if self.lines.extend(self.path, new, str):
            self.used.update(dict.fromkeys(new))
        self._new = 0

    def save(self) -> None:
        """Make the file hold the documents parsed or used since it was read; it is then
        read again, so that :meth:`parse` finds them there (not held in memory)."""
        _save(self.lines, self.path, self.used)
        self.lines.close()
        self.lines = KeyedLines.read(self.path, self.HEADER)
        self.used = dict.fromkeys(key for key in self.used if key in self.lines.where)
        self._new = 0
