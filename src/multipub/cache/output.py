"""The output folder of a build and its manifest: what to skip, write and remove.

:class:`Output`, the manifest ``<out>/.multipub-manifest.json``: for every file the
build wrote, the hash of everything the file depends on (its *dependency key*)
and the hash of its bytes; the manifest is as deterministic as the site.  Beside
it, in the project's cache (``outputs-<hash of the output folder>.json``), the
size and modification time of each file after writing.  A page whose dependency
key is unchanged and whose file is still the one recorded is neither rendered
nor read.  Size and time only confirm that the file on disk is the one the
manifest describes (nobody edited the output); when they differ or are unknown
the file is read and its hash compared.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from ..errors import PathError
from ..fsio import (
    SafeFolder,
    atomic_file,
    write_atomic_stat,
    write_new,
)
from ..project.model import Project
from . import inputs as _snapshot
from .inputs import (
    BUILDING,
    MANIFEST,
    file_hash,
)

__all__ = ["BUILDING", "MANIFEST", "Output", "Record", "content_hash", "manifest_records",
           "read_manifest", "snapshot_records", "stats_path", "store"]


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


def _write_json_items(fh: BinaryIO, items: Iterable[tuple[str, Any]],
                     separators: tuple[str, str]) -> None:
    """Write the members of a JSON object (``"name": value`` joined by *separators*),
    as :func:`json.dumps` would between the braces, a thousand at a time."""
    comma, colon = separators
    batch: list[str] = []
    first = True
    for name, value in items:
        batch.append(json.dumps(name) + colon + json.dumps(value, separators=separators))
        if len(batch) == 1000:
            fh.write(((comma if not first else "") + comma.join(batch)).encode())
            first, batch = False, []
    if batch:
        fh.write(((comma if not first else "") + comma.join(batch)).encode())


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
                # created in place, not staged: an empty mark needs no atomic write, and a
                # build killed while staging it would leave a temporary file no later
                # build knew to look for
                os.close(os.open(self.out / BUILDING, os.O_WRONLY | os.O_CREAT, 0o666))

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

    def fresh_all(self, names: Sequence[str], key: str) -> bool:
        """Whether every one of *names* is :meth:`fresh` with *key* (then all are kept;
        else none is)."""
        found = []
        for name in names:
            record = self.previous.get(name)
            if record is None or record.key != key or not _plain(name):
                return False
            matched = self._matches(name, record)
            if matched is None:
                return False
            found.append(matched)
        for name, record in zip(names, found, strict=True):
            self.keep(name, record)
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

    def link(self, name: str, source: Path, key: str, hash: str) -> None:
        """Make *name* the file *source*, whose bytes have the content hash *hash*: a hard
        link to it (a copy where the two folders cannot share a file), skipped when the
        manifest says *name* already holds those bytes.

        For the variants of processed images, which the project's cache holds
        (:meth:`~multipub.site.images.ImageSet.outputs`): a build into an emptied folder
        then reads and writes none of their bytes.  *source* must never be changed in
        place (the cache replaces its files, it does not rewrite them).
        """
        record = self.previous.get(name)
        if record is not None and _plain(name) and record.hash == hash:
            found = self._matches(name, record)
            if found is not None:
                self.keep(name, found._replace(key=key))
                return
        target = self.target(name)
        self.begin()
        made, st = _place(source, target, self.staged is not None)
        self.add(name, made, Record(key, hash, st.st_size, st.st_mtime_ns))

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
        if self.staged is not None:
            self.begin()  # a new site of no files is still a folder with its manifest
        # a line per value, by the C encoder (``indent`` would take the slow Python one),
        # written piece by piece: a large site's manifest is never one string in memory
        head = json.dumps({"schema": 2, **(extra or {})}, separators=(",\n", ": "))
        records = self.records
        with atomic_file(self.root / MANIFEST) as fh:
            fh.write(head[:-1].encode() + b',\n"files": {')
            _write_json_items(fh, ((name, [records[name].key, records[name].hash])
                                   for name in names), (",\n", ": "))
            fh.write(b"}}\n")
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
            with contextlib.suppress(OSError), atomic_file(self.stats) as fh:
                # (without it the next build compares contents)
                fh.write(b"{")
                _write_json_items(fh, ((name, [records[name].size, records[name].mtime])
                                       for name in names), (",", ":"))
                fh.write(b"}")
        with contextlib.suppress(FileNotFoundError):
            (self.out / BUILDING).unlink()
        return removed


def _place(source: Path, target: Path, new: bool) -> tuple[bool, os.stat_result]:
    """*target* made a hard link to *source* (a copy of it where a link cannot be made:
    another file system, one without links, too many links): whether it was made (not:
    *target* is that file already), its status.

    *new* says that *target* does not exist and nobody sees its folder yet (see
    :attr:`Output.staged`); otherwise the link is made under a temporary name beside
    *target* and renamed over it, so that a reader sees the old file or the new one.
    """
    if not new:
        with contextlib.suppress(OSError):
            st = os.stat(target)
            if os.path.samestat(st, os.stat(source)):
                return False, st  # (a rename onto the same file would do nothing)
    tmp = target if new else target.with_name(f".{target.name}.{os.getpid()}-link.tmp")
    os.makedirs(tmp.parent, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        if not new:
            os.unlink(tmp)  # (left by a killed build that had our pid)
    try:
        os.link(source, tmp)
    except FileNotFoundError:
        raise
    except OSError:  # EXDEV, EPERM, EMLINK, ENOTSUP...: the bytes themselves
        shutil.copyfile(source, tmp)
    if not new:
        os.replace(tmp, target)
    return True, os.stat(target)


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
