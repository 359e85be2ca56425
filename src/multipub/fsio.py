"""File access at the edges: atomic writes, careful reads, paths kept inside.

Every file multipub writes goes through :func:`write_atomic`: the bytes go to
a temporary file in the same folder, are flushed to disk, and replace the old
file with one rename, so a reader (or a crash) sees the old file or the new
one, never a mixture.  A file whose bytes would not change is not touched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

from .errors import ContentError, LockedError, MultipubError, PathError

__all__ = [
    "decode_utf8",
    "display_path",
    "inside",
    "project_lock",
    "read_bytes",
    "read_utf8",
    "safe_join",
    "write_atomic",
    "write_many",
]


def write_atomic(path: Path, data: bytes, durable: bool = True) -> bool:
    """Write *data* to *path* atomically; return ``False`` if it was already so.

    The parent folder is created if needed.  The file keeps its permission
    bits when it is replaced.  With *durable* the bytes are flushed to disk
    before the rename (a power cut then leaves the old or the new file);
    files that can be derived again (caches, build output) may skip that.
    """
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    except IsADirectoryError:
        raise PathError("is a folder, expected a file", path=str(path)) from None
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return True


def write_many(files: Mapping[Path, bytes], durable: bool = True) -> None:
    """Write several files, each atomically, with one flush to disk for them all.

    Every new content goes to a temporary file beside its target first; when
    *durable*, one ``os.sync()`` then makes them all safe on disk (instead
    of one ``fsync`` per file, which dominates the time of writing thousands
    of small catalogues); only then is each renamed over its target.  A crash
    or kill at any moment leaves each target either old or new, never
    partial.  The caller decides which files change (see :func:`write_atomic`).
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            if path.is_dir():
                raise PathError("is a folder, expected a file", path=str(path))
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((tmp, path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            try:
                mode = path.stat().st_mode & 0o7777
            except FileNotFoundError:
                mode = 0o666 & ~_umask()
            os.chmod(tmp, mode)
        if durable and staged:
            os.sync()
        while staged:
            tmp, path = staged[0]
            os.replace(tmp, path)
            staged.pop(0)
    finally:
        for tmp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
    for part in parts:
        if os.path.isabs(part) or part.startswith("~"):
            raise PathError(f"{what} {part!r} is an absolute path; only relative names are allowed")
    candidate = root.joinpath(*parts)
    norm = Path(os.path.normpath(candidate))
    root_norm = Path(os.path.normpath(root))
    if norm != root_norm and root_norm not in norm.parents:
        raise PathError(f"{what} {'/'.join(parts)!r} would leave the folder {root}")
    if (candidate.exists() or candidate.is_symlink()) and not inside(candidate, root):
        raise PathError(f"{what} {'/'.join(parts)!r} is a link that points outside {root}")
    return norm


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
