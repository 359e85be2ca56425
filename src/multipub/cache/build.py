"""What makes a rebuild cheap: content hashes of inputs and a record of the outputs.

Two stores, both decided by **content hashes** (:func:`~multipub.cache.inputs.file_hash`),
never by file times:

- :class:`LocalizedCache`, ``<project>/.multipub-cache/build/localized.jsonl``:
  the text of every catalogue-backed version (and its front matter), keyed by
  the hash of the source text, the ``.po`` bytes, the language and the code
  of multipub.  An unchanged source and catalogue are not parsed and merged
  again.  It holds plain JSON, never pickles: a project folder from someone
  else cannot run code through it.
- :class:`Output`, the manifest ``<out>/.multipub-manifest.json``: for every
  file the build wrote, the hash of everything the file depends on (its
  *dependency key*) and the hash of its bytes; the manifest is as
  deterministic as the site.  Beside it, in the project's cache
  (``outputs-<hash of the output folder>.json``), the size and modification
  time of each file after writing.  A page whose dependency key is unchanged
  and whose file is still the one recorded is neither rendered nor read.
  Size and time only confirm that the file on disk is the one the manifest
  describes (nobody edited the output); when they differ or are unknown the
  file is read and its hash compared.

:class:`Fingerprints` gives the hashes every page depends on: the code of
multipub and the versions of its rendering libraries, the configuration, the
templates (the project's and the theme's) and, per language, the UI
catalogues.  A change of any of them changes the keys of the pages it
affects, so they are rendered again.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import PathError
from ..fsio import (
    SafeFolder,
    fork_context,
    write_atomic,
    write_atomic_stat,
    write_new,
)
from ..project.model import Article, Mode, Project
from ..site.plan import Localized, localize
from . import cache_path
from . import inputs as _snapshot
from .inputs import (
    BUILD_CACHE,
    NOT_BUILD_MODULES,
    THEME_DIR,
    THEME_LOCALES,
    Inputs,
    code_fingerprint,
    digest,
    file_hash,
)
from .lines import KeyedLines

__all__ = [
    "CACHE_DIR",
    "MANIFEST",
    "NOT_BUILD_MODULES",
    "Fingerprints",
    "LocalizedCache",
    "Output",
    "Record",
    "code_fingerprint",
    "digest",
]

MANIFEST = _snapshot.MANIFEST
"""The files the last build wrote (with their records), relative to the output folder."""

BUILDING = _snapshot.BUILDING
"""Present in the output folder while a build writes into it: if the next build finds it,
the last one was interrupted and may have left temporary files behind."""

CACHE_DIR = _snapshot.CACHE_DIR
"""The build cache of a project, relative to its root."""


def _tree(folder: Path | None) -> list[str | bytes]:
    """Names and bytes of every file under *folder*, sorted (nothing if it does not exist)."""
    if folder is None or not folder.is_dir():
        return ["-"]
    parts: list[str | bytes] = []
    for name, path in _snapshot.files_under(folder):
        parts += [name, path.read_bytes()]
    return parts


def _bytes_of(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return b"\0missing"


class Fingerprints:
    """The hashes pages depend on, computed once per build."""

    def __init__(self, project: Project) -> None:
        cfg = project.config
        settings = repr((cfg.source_language, cfg.languages, cfg.title, cfg.base_url,
                         cfg.fallback, cfg.publish_threshold, cfg.outdated, cfg.per_page,
                         cfg.trusted_html,
                         project.root.resolve().name))
        self.project = project
        self.code = code_fingerprint()
        self.common = digest(self.code, settings, *_tree(project.templates_dir),
                             *_tree(THEME_DIR))
        """Code, configuration and templates: what every page depends on."""
        self._languages: dict[str, str] = {}

    def language(self, code: str) -> str:
        """:attr:`common` and the UI catalogues of *code* (the project's and the theme's)."""
        if code not in self._languages:
            project_po = self.project.catalog_path(code, "messages")
            theme_po = THEME_LOCALES / code / "LC_MESSAGES" / "messages.po"
            self._languages[code] = digest(self.common, code, _bytes_of(project_po),
                                           _bytes_of(theme_po))
        return self._languages[code]


# -- localized texts ---------------------------------------------------------------------
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


def _stored_text(lines: KeyedLines, key: str, offset: int,
                 remake: Callable[[], Localized | None]) -> Callable[[], str]:
    """The function that decodes the text of *key* from *lines* when it is asked for
    (*remake* computes it again should the stored one be damaged)."""

    def text() -> str:
        _, _, data = (lines.value(key) or b"").partition(b"\t")
        try:
            found = json.loads(data)
        except ValueError:  # (UnicodeDecodeError included)
            found = None
        if isinstance(found, str) and offset <= len(found):
            return found
        again = remake()
        return again.text if again is not None else ""

    return text


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

    def _cached(self, key: str, remake: Callable[[], Localized | None]) -> Localized | None:
        value = self._new.get(key)
        if value is not None:
            return _from_portable(value, key)
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
        return Localized(_stored_text(lines, key, offset, remake), float(percent), meta, offset,
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
        if value is not None:
            self._new[key] = value
        computed.key = key
        return computed

    def save(self) -> None:
        """Make the file hold the texts this build used (new ones appended while the
        unused ones are few, else the file is written again).

        Texts computed from a catalogue known by its digest in :attr:`inputs` are
        kept only if that file is still the one hashed (else the text may come
        from newer bytes than its key says).
        """
        stored = self._lines()
        new = {key: value for key, value in self._new.items() if key in self._used}
        if new and self.inputs is not None and not self.inputs.unchanged(
                self.root, self._digested):
            new = {}
        # appended when few change; else line by line: a large site's texts are never
        # joined in memory
        stored.save(self.path, self._used, new, _line)
        old_layout = self.path.parent / "localized"  # the earlier layout: a file per text
        if old_layout.is_dir() and not old_layout.is_symlink():
            shutil.rmtree(old_layout, ignore_errors=True)
        self._stored = None
        self._new.clear()


_PACK_HEADER = b"multipub localized texts 3\n"
"""The first line of ``localized.jsonl``: another first line means another format."""


def stats_path(project: Project, out: Path) -> Path:
    """Where the sizes and times of the files of the output folder *out* are kept."""
    return _snapshot.stats_path(project.root, out)


# -- the output and its manifest -----------------------------------------------------------
class Record(NamedTuple):
    """What the manifest knows of one output file."""

    key: str
    """The dependency key the file was made from (``""``: compared by content only)."""
    hash: str
    size: int
    mtime: int
    """``st_mtime_ns`` after writing: with the size, proof that nobody changed the file."""



def read_manifest(out: Path, stats: Path | None = None) -> dict[str, Record | None]:
    """The files of the previous build with their records (``None`` when not recorded).

    *stats* is the file with the sizes and times of the outputs (see :class:`Output`);
    without it every record has size -1, so the files will be compared by content.
    """
    return manifest_records(_snapshot.read_manifest_data(out), stats)


def manifest_records(data: Mapping[str, Any] | None,
                     stats: Path | None = None) -> dict[str, Record | None]:
    """:func:`read_manifest` of the manifest *data* already read."""
    files = data.get("files") if data is not None else None
    if isinstance(files, list):  # schema 1: names only
        return {n: None for n in files if isinstance(n, str)}
    if not isinstance(files, dict):
        return {}
    seen: dict[str, Any] = {}
    if stats is not None:
        try:
            loaded = json.loads(stats.read_bytes())
            seen = loaded if isinstance(loaded, dict) else {}
        except (OSError, ValueError):
            pass
    found: dict[str, Record | None] = {}
    for name, value in files.items():
        record = None
        if (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)
                and isinstance(value[1], str)):
            size, mtime = -1, -1
            stat = seen.get(name)
            if (isinstance(stat, list) and len(stat) == 2
                    and all(isinstance(v, int) for v in stat)):
                size, mtime = stat
            record = Record(value[0], value[1], size, mtime)
        found[name] = record
    return found


def content_hash(data: bytes) -> str:
    """The hash of a file's bytes as the manifest records it."""
    return file_hash(data).hex()


def store(target: Path, data: bytes, key: str, new: bool = False) -> tuple[bool, Record]:
    """Write *data* to *target* (unless it already holds it); whether it was written, its record.

    The write is atomic but not flushed to disk: the site can be made again,
    and after a power cut the next build finds any page whose size, time or
    hash is not what the manifest records, and writes it again.  *new* says
    that *target* is in a folder nobody sees yet (:attr:`Output.staged`):
    then the file is simply created.
    """
    changed = write_new(target, data) if new else write_atomic_stat(target, data, durable=False)
    st = changed if changed is not None else target.stat()
    return changed is not None, Record(key, content_hash(data), st.st_size, st.st_mtime_ns)


class Output:
    """The output folder of one build: what to skip, what to write, what to remove.

    Into an existing folder, writes go through
    :func:`~multipub.fsio.write_atomic_stat`, in the calling thread: without a
    flush to disk per file a write is a few system calls, and writer threads
    cost more in contention for the interpreter lock than they save
    (measured on the 1,000-article bench).

    A folder that does not exist yet is built whole under another name
    beside it (:attr:`staged`, ``.<name>.<pid>.building``), its files simply
    created, and renamed to *out* by :meth:`finish`: a reader sees no site or
    the whole site, a failed build (see :meth:`abort`) leaves no folder, and
    no file needs a temporary twin of its own.
    """

    def __init__(self, out: Path, stats: Path | None = None) -> None:
        self.out = out
        self.stats = stats
        self.staged: Path | None = None
        """The folder the files go to until :meth:`finish` (``None``: *out* itself)."""
        if not os.path.lexists(out):
            _remove_stale_stages(out)
            self.staged = out.parent / f".{out.name}.{os.getpid()}.building"
            self.previous: dict[str, Record | None] = {}
            self.previous_summary: Any = None
        else:
            data = _snapshot.read_manifest_data(out)
            self.previous = manifest_records(data, stats)
            self.previous_summary = data.get("summary") if data is not None else None
            """What the previous build's manifest says it published (see :mod:`.inputs`)."""
        self.root = self.staged or out
        """Where the files are written now."""
        self.records: dict[str, Record] = {}
        self.written = self.unchanged = 0
        self.written_names: list[str] = []
        """The files this build wrote, in the order written."""
        self.removed_names: list[str] = []
        """The files of the previous build this one removed (see :meth:`finish`)."""
        self._folder = SafeFolder(self.root)
        self._begun = False
        self._sweep = self.staged is None and ((out / BUILDING).exists() or (
            out.is_dir() and not (out / MANIFEST).is_file()))
        """Whether to look for temporary files an interrupted build left (see :meth:`begin`)."""

    def begin(self) -> None:
        """Make the staged folder, or mark the existing one as being written (before
        the first write of this build).

        The mark is removed when :meth:`finish` has written the manifest; a
        build killed in between leaves it, and the next build then removes the
        temporary files the killed one left (otherwise it need not walk the
        whole folder for them).  A killed build's staged folder is removed by
        the next build of the same folder.
        """
        if not self._begun:
            self._begun = True
            if self.staged is not None:  # (one of a killed build with our pid: removed already)
                self.staged.mkdir(parents=True)
            else:
                write_atomic(self.out / BUILDING, b"", durable=False)

    def abort(self) -> None:
        """Give up this build: remove the staged folder (an existing one is left as it is)."""
        if self.staged is not None and self._begun:
            shutil.rmtree(self.staged, ignore_errors=True)
            self._begun = False

    @staticmethod
    def safe_target(out: Path | SafeFolder, name: str) -> Path:
        """The file of the output path *name* under *out* (never outside it)."""
        folder = out if isinstance(out, SafeFolder) else SafeFolder(out)
        return folder.join(*name.split("/"), what="output path")

    def target(self, name: str) -> Path:
        """The file of the output path *name* (never outside the folder)."""
        return self.safe_target(self._folder, name)

    def _matches(self, name: str, record: Record) -> Record | None:
        """*record* with the file's size and time, if the file on disk is still the one
        *record* describes (``None``: it is not).

        Size and time equal to the recorded ones are proof enough; otherwise (the
        file was touched or copied, or the sizes and times were lost with the
        project's cache) its bytes are hashed, and if they match, its size and
        time are recorded again, so the next build need not read it.
        """
        path = os.path.join(self.out, name)
        try:
            st = os.stat(path)
        except OSError:
            return None
        if record.size >= 0 and st.st_size != record.size:
            return None
        if st.st_size == record.size and st.st_mtime_ns == record.mtime:
            return record
        try:
            with open(path, "rb") as fh:
                st = os.fstat(fh.fileno())
                same = content_hash(fh.read()) == record.hash
        except OSError:
            return None
        return record._replace(size=st.st_size, mtime=st.st_mtime_ns) if same else None

    def fresh(self, name: str, key: str) -> bool:
        """Whether *name* was made from *key* and is still on disk as made: then keep it.

        Nothing is written for a fresh file, so a lexical check of the name is enough.
        """
        record = self.previous.get(name)
        if record is None or record.key != key or not _plain(name):
            return False
        found = self._matches(name, record)
        if found is None:
            return False
        self.keep(name, found)
        return True

    def keep(self, name: str, record: Record) -> None:
        """Count *name* as unchanged with *record*."""
        self.records[name] = record
        self.unchanged += 1

    def add(self, name: str, written: bool, record: Record) -> None:
        """Count a file another process wrote."""
        self.records[name] = record
        if written:
            self.written += 1
            self.written_names.append(name)
        else:
            self.unchanged += 1

    def put(self, name: str, data: bytes, key: str = "") -> None:
        """Make *name* hold *data* (skipped when the manifest says it already does)."""
        record = self.previous.get(name)
        if record is not None and _plain(name) and record.hash == content_hash(data):
            found = self._matches(name, record)
            if found is not None:
                self.keep(name, found._replace(key=key))
                return
        target = self.target(name)
        self.begin()
        self.add(name, *store(target, data, key, self.staged is not None))

    def finish(self, names: Iterable[str] = (), extra: Mapping[str, Any] | None = None) -> int:
        """Remove the files of the previous build this one did not make, write the
        manifest; the number of files removed.

        *names* are further files this build made that are not yet recorded;
        *extra* are further keys of the manifest (see :mod:`multipub.cache.inputs`).
        """
        made = set(self.records) | set(names)
        removed = _remove_leftovers(self.out) if self._sweep else 0
        for name in sorted(set(self.previous) - made):
            try:
                stale = self.target(name)
            except PathError:
                continue  # a manifest entry that leaves the folder: never delete it
            if stale.is_file() and not stale.is_symlink():
                stale.unlink()
                removed += 1
                self.removed_names.append(name)
                _remove_empty_parents(stale.parent, self.out)
        names = sorted(self.records)
        files = {name: [self.records[name].key, self.records[name].hash] for name in names}
        manifest: dict[str, Any] = {"schema": 2, **(extra or {}), "files": files}
        if self.staged is not None:
            self.begin()  # a new site of no files is still a folder with its manifest
        # a line per value, by the C encoder (``indent`` would take the slow Python one)
        write_atomic(self.root / MANIFEST,
                     (json.dumps(manifest, separators=(",\n", ": ")) + "\n").encode())
        if self.staged is not None:
            try:
                os.rename(self.staged, self.out)
            except OSError as exc:
                self.abort()
                raise PathError(f"cannot move the new site into place ({exc.strerror}); "
                                "was the folder made during the build?",
                                path=str(self.out)) from None
            self.staged = None
        if self.stats is not None:
            stats = {name: [self.records[name].size, self.records[name].mtime] for name in names}
            with contextlib.suppress(OSError):  # without it the next build compares contents
                write_atomic(self.stats, json.dumps(stats, separators=(",", ":")).encode())
        with contextlib.suppress(FileNotFoundError):
            (self.out / BUILDING).unlink()
        return removed


def _plain(name: str) -> bool:
    """Whether *name* is a normalised relative path (no ``..`` or ``.``, not absolute).

    >>> _plain("ru/a/index.html"), _plain("../x"), _plain("/x"), _plain("a//b"), _plain("a/")
    (True, False, False, False, False)
    """
    return bool(name) and not any(part in ("", ".", "..") for part in name.split("/"))


def _remove_stale_stages(out: Path) -> None:
    """Remove the staged folders (see :class:`Output`) of killed builds of *out*."""
    try:
        names = os.listdir(out.parent)
    except OSError:
        return
    prefix = f".{out.name}."
    for name in names:
        pid = name[len(prefix):-len(".building")]
        if not (name.startswith(prefix) and name.endswith(".building") and pid.isdigit()):
            continue
        if int(pid) != os.getpid() and _alive(int(pid)):
            continue
        folder = out.parent / name
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but not ours to signal
    return True


def _remove_leftovers(out: Path) -> int:
    """Delete the temporary files an interrupted build left in *out*; how many.

    :func:`multipub.fsio.write_atomic` stages each file as ``.<name>.<pid>-<n>.tmp``
    beside its target; a build killed meanwhile leaves one behind, which must
    not be published.  (Article files starting with ``.`` are never published,
    so no page of the site has such a name.)
    """
    count = 0
    for leftover in out.rglob(".*.tmp"):
        if leftover.is_file() and not leftover.is_symlink():
            leftover.unlink()
            count += 1
    return count


def _remove_empty_parents(folder: Path, out: Path) -> None:
    while folder != out and out in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def snapshot_records(records: Mapping[str, Record]) -> dict[str, str]:
    """Name -> content hash, for tests and diagnostics."""
    return {name: record.hash for name, record in records.items()}
