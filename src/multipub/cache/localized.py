"""The texts of catalogue-backed versions, kept across builds.

:class:`LocalizedCache`, ``<project>/.multipub-cache/build/localized.jsonl``:
the text of every catalogue-backed version (and its front matter), keyed by the
hash of the source text, the ``.po`` bytes, the language and the code of
multipub, all **content hashes** (:func:`~multipub.cache.inputs.file_hash`), never
file times.  An unchanged source and catalogue are not parsed and merged again.
It holds plain JSON, never pickles: a project folder from someone else cannot
run code through it.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..fsio import (
    fork_context,
)
from ..project.model import Article, Mode, Project
from ..site.plan import LazyText, Localized, localize
from . import cache_path
from .inputs import (
    BUILD_CACHE,
    Inputs,
    digest,
    file_hash,
)
from .lines import KeyedLines

__all__ = ["LocalizedCache"]


_META_KEYS = ("title", "summary", "slug", "image")


def _portable(localized: Localized) -> list[Any] | None:
    """*localized* as JSON values, or ``None`` if its front matter does not survive JSON."""
    meta = {k: localized.meta[k] for k in _META_KEYS if k in localized.meta}
    try:
        if json.loads(json.dumps(meta)) != meta:
            return None
    except (TypeError, ValueError):
        return None
    return [localized.text, localized.percent, meta, localized.body_offset, localized.shown,
            localized.reach, localized.changed, localized.shows]


def _from_portable(value: Any, key: str = "") -> Localized | None:
    try:
        text, percent, meta, offset, shown, reach, changed, shows = value
    except (TypeError, ValueError):
        return None
    if not (isinstance(text, str) and _good_head(percent, meta, offset, shown, reach, changed,
                                                 shows)
            and offset <= len(text)):
        return None
    return Localized(text, float(percent), meta, offset, shown, key, reach=float(reach),
                     changed=changed, shows=shows)


def _good_head(percent: Any, meta: Any, offset: Any, shown: Any, reach: Any = 0.0,
               changed: Any = 0, shows: Any = "exact") -> bool:
    return (isinstance(percent, int | float) and isinstance(meta, dict)
            and isinstance(offset, int) and offset >= 0 and isinstance(shown, str)
            and isinstance(reach, int | float) and isinstance(changed, int)
            and isinstance(shows, str))


def _line(value: list[Any]) -> str:
    """A stored line's value: the JSON of all but the text, a tab, the JSON of the text
    (so that the text is decoded only if a page needs it)."""
    text, *head = value
    return json.dumps(head, ensure_ascii=False) + "\t" + json.dumps(text, ensure_ascii=False)


def _decoded(data: bytes | None, offset: int) -> str | None:
    """The text of a stored line's value (``None``: absent or damaged)."""
    _, _, text = (data or b"").partition(b"\t")
    try:
        found = json.loads(text)
    except ValueError:  # (UnicodeDecodeError included)
        return None
    return found if isinstance(found, str) and offset <= len(found) else None


_WORKER_PROJECT: Project | None = None


def _init_localize(project: Project) -> None:
    global _WORKER_PROJECT
    _WORKER_PROJECT = project


def _localize_many(cells: list[tuple[str, str]]) -> list[list[Any] | None]:
    assert _WORKER_PROJECT is not None
    out: list[list[Any] | None] = []
    for article_id, language in cells:
        found = localize(_WORKER_PROJECT, _WORKER_PROJECT.article(article_id), language)
        out.append(None if found is None else _portable(found))
    return out


class LocalizedCache:
    """Catalogue-backed texts by the hash of their inputs; a :data:`~multipub.site.plan.Localizer`.

    One file, ``localized.jsonl``: a line per text, its key, a tab, the JSON
    of its front matter and percentage, a tab and the JSON of the text.  A
    line is decoded when its version is asked for, and its text only when a
    page needs it, so a build that renders a few pages decodes a few texts.
    Call :meth:`prefetch` to compute every missing text (in parallel with
    ``jobs > 1``), use the instance as the planner's localizer, then
    :meth:`save`: the file then holds the texts this build used.
    """

    def __init__(self, project: Project, code: str, inputs: Inputs | None = None) -> None:
        self.root = project.root
        self.path = cache_path(project.root, f"{BUILD_CACHE}/localized.jsonl")
        self.code = code
        self.inputs = inputs
        """When given, the ``.po`` files are known by the digests it read (not read again)."""
        self._digested: list[str] = []
        self._stored: KeyedLines | None = None
        self._new: dict[str, list[Any]] = {}
        self._flushed: set[str] = set()
        """Keys of texts made by this build and already appended to the file."""
        self._used: set[str] = set()
        self._keys: dict[tuple[str, str], str | None] = {}
        self.hits = self.misses = 0

    def _lines(self) -> KeyedLines:
        """The stored texts (read on first use; a text is decoded when asked for)."""
        if self._stored is None:
            self._stored = KeyedLines.read(self.path, _PACK_HEADER)
        return self._stored

    def key(self, project: Project, article: Article, language: str) -> str | None:
        """The hash of what the version depends on; ``None`` without a catalogue."""
        cell = (article.id, language)
        if cell not in self._keys:
            name = project.catalog_name(language, project.article_domain(article.id))
            known = self.inputs.files.get(name) if self.inputs else None
            if known is not None:
                self._digested.append(name)
            else:
                try:
                    known = file_hash(Path(project.root, name).read_bytes())
                except (FileNotFoundError, IsADirectoryError):
                    self._keys[cell] = None
                    return None
            source = article.source
            cfg = project.config  # the policy decides the text of an outdated version
            self._keys[cell] = digest(self.code, language, source.shown, source.hashed, known,
                                      cfg.outdated, repr(cfg.publish_threshold))
        return self._keys[cell]

    def _text(self, key: str, offset: int,
              remake: Callable[[], Localized | None]) -> Callable[[], str]:
        """The function that finds the text of *key* when a page asks for it: a text
        made in this build until :meth:`save`, then the stored one (*remake* computes it
        again should the stored one be damaged or missing)."""

        def text() -> str:
            value = self._new.get(key)
            if value is not None and isinstance(value[0], str):
                return value[0]
            found = _decoded(self._lines().value(key), offset)
            if found is not None:
                return found
            again = remake()
            return again.text if again is not None else ""

        return text

    def _lazy(self, found: Localized, key: str,
              remake: Callable[[], Localized | None]) -> Localized:
        """*found* (made in this build), its text then read back as :meth:`_text` says."""
        found.key = key
        text = LazyText(self._text(key, found.body_offset, remake), made=found.text)
        return Localized(text, found.percent, found.meta, found.body_offset, found.shown, key,
                         reach=found.reach, changed=found.changed, shows=found.shows)

    def _cached(self, key: str, remake: Callable[[], Localized | None]) -> Localized | None:
        value = self._new.get(key)
        if value is not None:
            found = _from_portable(value, key)
            return None if found is None else self._lazy(found, key, remake)
        lines = self._lines()
        stored = lines.value(key)
        if stored is None:
            return None
        head, tab, _ = stored.partition(b"\t")
        try:
            percent, meta, offset, shown, reach, changed, shows = json.loads(head)
        except (ValueError, TypeError):  # (UnicodeDecodeError included)
            return None
        if not tab or not _good_head(percent, meta, offset, shown, reach, changed, shows):
            return None
        return Localized(self._text(key, offset, remake), float(percent), meta, offset,
                         shown, key, reach=float(reach), changed=changed, shows=shows)

    def _exists(self, key: str) -> bool:
        return key in self._new or key in self._lines().where

    def prefetch(self, project: Project, jobs: int = 1) -> None:
        """Compute the texts the cache lacks, by *jobs* processes."""
        missing: list[tuple[str, str]] = []
        for article, language, mode in project.cells():
            if mode is not Mode.CATALOG:
                continue
            key = self.key(project, article, language)
            if key is not None and not self._exists(key):
                missing.append((article.id, language))
        if jobs < 2 or len(missing) < 8:
            return  # computed on demand by __call__
        from concurrent.futures import ProcessPoolExecutor

        size = max(1, len(missing) // (jobs * 4))
        chunks = [missing[i:i + size] for i in range(0, len(missing), size)]
        with ProcessPoolExecutor(max_workers=jobs, mp_context=fork_context(),
                                 initializer=_init_localize, initargs=(project,)) as pool:
            for chunk, values in zip(chunks, pool.map(_localize_many, chunks), strict=True):
                for (article_id, language), value in zip(chunk, values, strict=True):
                    key = self._keys[(article_id, language)]
                    if key is not None and value is not None:
                        self._new[key] = value
                self._flush_some()

    def __call__(self, project: Project, article: Article, language: str) -> Localized | None:
        key = self.key(project, article, language)
        if key is None:
            return None
        self._used.add(key)
        fresh = key in self._new
        found = self._cached(key, lambda: localize(project, article, language))
        if found is not None:
            if fresh:
                self.misses += 1
            else:
                self.hits += 1
            return found
        computed = localize(project, article, language)
        if computed is None:
            return None
        self.misses += 1
        value = _portable(computed)
        if value is None:
            computed.key = key
            return computed  # (kept as it is: it cannot be stored)
        self._new[key] = value
        self._flush_some()
        return self._lazy(computed, key, lambda: localize(project, article, language))

    FLUSH = 200
    """Texts made are appended to the file once there are this many (then read back from
    it when a page needs them), so that a first build of a large site does not hold them."""

    def _flush_some(self) -> None:
        if len(self._new) >= self.FLUSH and self._lines().extend(self.path, self._new, _line):
            self._flushed.update(self._new)
            self._new.clear()

    def save(self) -> None:
        """Make the file hold the texts this build used (new ones appended while the
        unused ones are few, else the file is written again).

        Texts computed from a catalogue known by its digest in :attr:`inputs` are
        kept only if that file is still the one hashed (else the text may come
        from newer bytes than its key says).
        """
        stored = self._lines()
        new = {key: value for key, value in self._new.items() if key in self._used}
        used: set[str] = self._used
        if (new or self._flushed) and self.inputs is not None and not self.inputs.unchanged(
                self.root, self._digested):
            new, used = {}, used - self._flushed
        # appended when few change; else line by line: a large site's texts are never
        # joined in memory
        stored.save(self.path, used, new, _line)
        old_layout = self.path.parent / "localized"  # the earlier layout: a file per text
        if old_layout.is_dir() and not old_layout.is_symlink():
            shutil.rmtree(old_layout, ignore_errors=True)
        self._stored = None
        self._new.clear()
        self._flushed.clear()


_PACK_HEADER = b"multipub localized texts 3\n"
"""The first line of ``localized.jsonl``: another first line means another format."""
