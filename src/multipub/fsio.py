"""File access at the edges: atomic writes, careful reads, paths kept inside.

Every file multipub writes goes through :func:`write_atomic`: the bytes go to
a temporary file in the same folder, are flushed to disk (unless the file can
be derived again: build output, caches), and replace the old file with one
rename, so a reader (or a crash) sees the old file or the new one, never a
mixture.  A file whose bytes would not change is not touched.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from .errors import ContentError, LockedError, MultipubError, PathError

__all__ = [
    "atomic_file",
    "decode_utf8",
    "display_path",
    "inside",
    "project_lock",
    "read_bytes",
    "read_utf8",
    "safe_join",
    "write_atomic",
    "write_atomic_stat",
    "write_many",
    "write_new",
]


def write_atomic(path: Path, data: bytes, durable: bool = True) -> bool:
    """Write *data* to *path* atomically; return ``False`` if it was already so.

    The parent folder is created if needed.  The file keeps its permission
    bits when it is replaced.  With *durable* the bytes are flushed to disk
    before the rename (a power cut then leaves the old or the new file);
    files that can be derived again (caches, build output) may skip that.
    """
    return write_atomic_stat(path, data, durable) is not None


def write_atomic_stat(path: Path, data: bytes, durable: bool = True) -> os.stat_result | None:
    """:func:`write_atomic`, returning the new file's status (``None``: it was unchanged)."""
    mode = -1
    try:
        old = open(path, "rb")  # noqa: SIM115 - closed below; one open for bytes and mode
    except FileNotFoundError:
        pass
    except IsADirectoryError:
        raise PathError("is a folder, expected a file", path=str(path)) from None
    else:
        with old:
            st = os.fstat(old.fileno())
            mode = st.st_mode & 0o7777
            if st.st_size == len(data) and old.read() == data:
                return None
    with atomic_file(path, durable, mode) as fh:
        fh.write(data)
        fh.flush()
        st = os.fstat(fh.fileno())
    return st


def write_new(path: Path, data: bytes) -> os.stat_result:
    """Create *path*, which must not exist, holding *data*; the new file's status.

    No temporary file and no rename: only for files in a folder nobody else
    sees until it is complete (see :class:`multipub.cache.output.Output`, which
    builds a new output folder under another name and renames it when done).
    The parent folders are created if needed.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd = os.open(path, flags, 0o666)
    try:
        _write_all(fd, data)
        return os.fstat(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    """Write all of *data* to the descriptor *fd* (one ``write`` may take less)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


@contextlib.contextmanager
def atomic_file(path: Path, durable: bool = True,
                mode: int | None = None) -> Iterator[BinaryIO]:
    """A binary file to write that replaces *path* atomically when the block ends.

    For contents written piece by piece (a large cache) instead of held in
    memory whole; an error inside the block leaves *path* as it was.  *mode*
    is as for :func:`_stage`.  A *path* that is a folder is a :class:`PathError`.
    """
    if path.is_dir():
        raise PathError("is a folder, expected a file", path=str(path))
    tmp, fd = _stage(path, mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


_STAGED = itertools.count()


def _stage(path: Path, mode: int | None = None) -> tuple[str, int]:
    """A new temporary file beside *path* (its folder made if needed): name and descriptor.

    The file is named ``.<name>.<pid>-<n>.tmp`` and gets the permission bits
    *mode* (those of the file it will replace; ``None``: look them up), or
    for a new file (*mode* -1) those of a file made with the umask.
    """
    if mode is None:
        try:
            mode = os.stat(path).st_mode & 0o7777
        except FileNotFoundError:
            mode = -1
    folder = os.path.dirname(path)
    pid = os.getpid()
    for _ in range(100):
        tmp = os.path.join(folder, f".{path.name}.{pid}-{next(_STAGED)}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                         0o666 if mode < 0 else 0o600)
        except FileExistsError:
            continue  # left by a killed process with our pid: take the next number
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
            continue
        if mode >= 0:
            try:
                os.fchmod(fd, mode)
            except BaseException:
                os.close(fd)
                os.unlink(tmp)
                raise
        return tmp, fd
    raise PathError("cannot create a temporary file beside it", path=str(path))


def write_many(files: Mapping[Path, bytes], durable: bool = True) -> None:
    """Write several files, each atomically, with one flush to disk for them all.

    Every new content goes to a temporary file beside its target first; when
    *durable*, one ``os.sync()`` then makes them all safe on disk (instead
    of one ``fsync`` per file, which dominates the time of writing thousands
    of small catalogues); only then is each renamed over its target.  A crash
    or kill at any moment leaves each target either old or new, never
    partial.  The caller decides which files change (see :func:`write_atomic`).
    """
    with StagedFiles() as staged:
        for path, data in files.items():
            staged.add(path, data)
        staged.commit(durable)


class StagedFiles:
    """New contents staged in temporary files beside their targets, renamed over them together.

    :meth:`add` writes a content to disk at once (so a caller making thousands of
    files holds none of them in memory), :meth:`commit` flushes them (one
    ``os.sync()`` when *durable*) and renames each over its target, as
    :func:`write_many` does.  Leaving the ``with`` block removes whatever was
    not committed: an error before :meth:`commit` leaves every target as it was.
    """

    def __init__(self) -> None:
        self._staged: list[tuple[str, Path]] = []

    def __len__(self) -> int:
        return len(self._staged)

    def __enter__(self) -> StagedFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    def add(self, path: Path, data: bytes) -> None:
        """Stage *data* as the next content of *path*."""
        if path.is_dir():
            raise PathError("is a folder, expected a file", path=str(path))
        tmp, fd = _stage(path)
        self._staged.append((tmp, path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)

    def commit(self, durable: bool = True) -> None:
        """Rename every staged file over its target (after one flush to disk when *durable*)."""
        staged = self._staged
        if durable and staged:
            os.sync()
        done = 0
        try:
            for tmp, path in staged:
                os.replace(tmp, path)
                done += 1
        finally:
            del staged[:done]

    def discard(self) -> None:
        """Remove the staged files not yet committed."""
        for tmp, _ in self._staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        self._staged.clear()


def fork_context() -> Any:
    """The ``fork`` start method where there is one (``None`` elsewhere).

    Worker processes forked from a loaded project inherit it (and compiled
    templates, open catalogues) instead of receiving it pickled.
    """
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def decode_utf8(data: bytes, path: str) -> str:
    """Decode *data* as UTF-8 (a leading BOM is dropped) or explain where it is not.

    >>> decode_utf8("zażółć".encode(), "a.md")
    'zażółć'
    >>> decode_utf8(b"ok\\n\\xb3", "a.md")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    multipub.errors.ContentError: a.md:2: the file is not UTF-8 (byte 0xb3 at column 1); save ...
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = data[exc.start]
        raise ContentError(
            f"the file is not UTF-8 (byte 0x{bad:02x} at column {col}); save it as UTF-8",
            path=path,
            line=line,
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def read_bytes(path: Path, shown: str, error: type[MultipubError] = ContentError) -> bytes:
    """The bytes of the file at *path*; a missing, unreadable or folder path raises
    *error* naming it as *shown*."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise error("no such file", path=shown) from None
    except IsADirectoryError:
        raise error("is a folder, expected a file", path=shown) from None
    except PermissionError:
        raise error("permission denied", path=shown) from None


def read_utf8(path: Path, shown: str) -> str:
    """Read a UTF-8 text file; errors name it as *shown*."""
    return decode_utf8(read_bytes(path, shown), shown)


def inside(path: Path, root: Path) -> bool:
    """Whether *path*, with symlinks resolved, lies within *root*."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def safe_join(root: Path, *parts: str, what: str = "path") -> Path:
    """Join *parts* under *root*, refusing anything that would leave it.

    Absolute parts, ``..`` that climbs out, and symlinks that point outside
    raise :class:`PathError`.

    >>> safe_join(Path("/srv/site"), "ru", "grodna", "index.html").as_posix()
    '/srv/site/ru/grodna/index.html'
    >>> safe_join(Path("/srv/site"), "../etc/passwd", what="slug")
    Traceback (most recent call last):
    ...
    multipub.errors.PathError: slug '../etc/passwd' would leave the folder /srv/site
    """
    return SafeFolder(root).join(*parts, what=what)


class SafeFolder:
    """:func:`safe_join` for many paths under one folder.

    The folder is resolved once, and each sub-folder's symlink check is made
    once and remembered, so joining thousands of output paths costs a few
    system calls each, not a full resolution.  A file in a sub-folder that
    did not exist when it was first checked (so this program made it) is not
    checked at all: nothing in it can be an old link.  (A folder that becomes
    a link while the instance lives is not noticed: use a new instance per
    command.)
    """

    _BAD, _OLD, _NEW = 0, 1, 2

    def __init__(self, root: Path) -> None:
        self.root = root
        self._norm = os.path.normpath(root)
        self._real: str | None = None
        self._folders: dict[str, int] = {}

    def _inside(self, path: str) -> bool:
        """Whether the existing *path*, links resolved, lies within the folder."""
        if self._real is None:
            self._real = os.path.realpath(self.root)
        real = os.path.realpath(path)
        return real == self._real or real.startswith(self._real.rstrip("/") + "/")

    def _folder(self, folder: str) -> int:
        """``_BAD`` (a link that leaves), ``_OLD`` (exists) or ``_NEW`` (did not exist)."""
        state = self._folders.get(folder)
        if state is None:
            if folder == self._norm:
                state = self._OLD if os.path.lexists(folder) else self._NEW
            else:
                state = self._folder(os.path.dirname(folder))
                if state == self._OLD and os.path.lexists(folder):
                    state = self._OLD if self._inside(folder) else self._BAD
                elif state == self._OLD:
                    state = self._NEW
            self._folders[folder] = state
        return state

    def join(self, *parts: str, what: str = "path") -> Path:
        """The path of *parts* under the folder (see :func:`safe_join`)."""
        for part in parts:
            if os.path.isabs(part) or part.startswith("~"):
                raise PathError(
                    f"{what} {part!r} is an absolute path; only relative names are allowed")
        norm = os.path.normpath(os.path.join(self._norm, *parts))
        if norm == self._norm:
            return Path(norm)
        if not norm.startswith(self._norm.rstrip("/") + "/"):
            raise PathError(f"{what} {'/'.join(parts)!r} would leave the folder {self.root}")
        state = self._folder(os.path.dirname(norm))
        if state == self._BAD or (
                state == self._OLD and os.path.islink(norm) and not self._inside(norm)):
            raise PathError(f"{what} {'/'.join(parts)!r} is a link that points outside "
                            f"{self.root}")
        return Path(norm)


def display_path(path: Path, root: Path) -> str:
    """*path* relative to *root* in POSIX form when possible, else as given."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


@contextlib.contextmanager
def project_lock(root: Path, wait: float = 30.0) -> Iterator[None]:
    """Hold the project's lock so that two writing commands serialize.

    A second process waits up to *wait* seconds, then stops with
    :class:`LockedError`.  The lock lives in ``.multipub.lock`` at the
    project root and is released when the process ends, even by a kill.
    """
    import fcntl

    lock_path = root / ".multipub.lock"
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise LockedError(
                        "another multipub command is working on this project; "
                        "try again when it has finished",
                        path=".multipub.lock",
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)
