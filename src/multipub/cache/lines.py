"""The one store of the caches: a file of ``key<TAB>value`` lines, left on disk.

:class:`KeyedLines` is what the document, source-hash and localized-text caches
(:mod:`.documents`, :mod:`.build`) are made of: reading only notes where each
value lies, a value is decoded when asked for, and a build that changes a few
values appends a few lines instead of writing the file again.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from typing import BinaryIO, TypeVar

from ..fsio import _write_all, atomic_file

__all__ = ["KeyedLines"]

_V = TypeVar("_V")


class KeyedLines:
    """A cache file of ``<header>`` then lines ``key<TAB>value``, left on disk.

    Reading only notes where each value lies (the file is scanned once and kept
    open); a value is read from the file and decoded by whoever asks for it,
    and one kept when the file is written again is copied as it is.  So the
    memory a cache costs is its index, whatever the size of the values: a site
    of 30,000 articles does not hold their texts.  A file with another first
    line counts as empty; a line without a key, as absent.

    >>> lines = KeyedLines(b"demo 1\\n", b"demo 1\\nab\\t[1]\\nbroken\\n")
    >>> lines.value("ab"), lines.value("broken")
    (b'[1]', None)
    """

    def __init__(self, header: bytes, data: bytes = b"") -> None:
        self.header = header
        self._data = data if data.startswith(header) else b""
        self._fd: int | None = None
        self.size = len(self._data)
        """The size of the file as read (0: empty, or of another layout)."""
        self.where: dict[str, tuple[int, int]] = {}
        self._ends_line = True
        if self._data:
            self._index(io.BytesIO(self._data))

    def _index(self, fh: BinaryIO) -> None:
        """Note where each value lies, reading *fh* line by line (it is at its start)."""
        pos = len(fh.readline())
        line = b""
        for line in fh:
            tab = line.find(b"\t")
            end = pos + len(line) - (1 if line.endswith(b"\n") else 0)
            if tab > 0 and line[:tab].isascii():
                self.where[line[:tab].decode("ascii")] = (pos + tab + 1, end)
            pos += len(line)
        self.size = pos
        self._ends_line = not line or line.endswith(b"\n")

    @classmethod
    def read(cls, path: Path, header: bytes) -> KeyedLines:
        """The file at *path* (empty if it cannot be read), indexed and kept open."""
        lines = cls(header)
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            return lines
        try:
            with os.fdopen(os.dup(fd), "rb", buffering=1 << 20) as fh:
                if fh.read(len(header)) != header:
                    os.close(fd)
                    return lines
                fh.seek(0)
                lines._index(fh)
        except OSError:
            os.close(fd)
            lines.where.clear()
            lines.size = 0
            return lines
        lines._fd = fd
        return lines

    def close(self) -> None:
        """Let go of the file (values can no longer be read)."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    def __del__(self) -> None:
        self.close()

    def _bytes(self, start: int, end: int) -> bytes | None:
        if self._fd is None:
            return self._data[start:end]
        try:
            data = os.pread(self._fd, end - start, start)
        except OSError:
            return None
        return data if len(data) == end - start else None

    def value(self, key: str) -> bytes | None:
        """The bytes of *key*'s value (``None`` if absent or no longer readable)."""
        found = self.where.get(key)
        return None if found is None else self._bytes(*found)

    def extend(self, path: Path, new: Mapping[str, _V], dump: Callable[[_V], str]) -> bool:
        """Append the *new* lines to *path*, this file, and note where they lie, so that
        their values can be read back at once and need not be held; whether that was
        done (it is not when *path* is no longer the file read, say).  A file that was
        empty or of another layout is started again."""
        if not new or any(key in self.where for key in new):
            return False
        if self._fd is None:
            if self.where:
                return False  # (made from bytes in memory)
            try:
                with atomic_file(path, durable=False) as fh:
                    fh.write(self.header)
                self._fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
            except OSError:
                return False
            self.size, self._ends_line = len(self.header), True
        pos = self.size + (0 if self._ends_line else 1)
        where: dict[str, tuple[int, int]] = {}
        parts = [] if self._ends_line else [b"\n"]
        for key, value in new.items():
            line = (key + "\t" + dump(value) + "\n").encode("utf-8")
            where[key] = (pos + len(key) + 1, pos + len(line) - 1)
            parts.append(line)
            pos += len(line)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            return False
        try:
            mine, theirs = os.fstat(self._fd), os.fstat(fd)
            if (mine.st_dev, mine.st_ino) != (theirs.st_dev, theirs.st_ino) or \
                    theirs.st_size != self.size:
                return False  # replaced or grown by another process: not this file any more
            _write_all(fd, b"".join(parts))
        except OSError:
            return False  # (a line cut short is no value: recomputed when read)
        finally:
            os.close(fd)
        self.where.update(where)
        self.size, self._ends_line = pos, True
        return True

    def save(self, path: Path, used: Collection[str], new: Mapping[str, _V],
             dump: Callable[[_V], str], slack: float = 0.25) -> None:
        """Make *path* hold the values of the *used* keys: the *new* ones given (written
        as *dump* makes them, one at a time), the others as this file has them.
        Errors are ignored (a cache).

        When the lines no longer used would take at most *slack* of the file, the new
        lines are appended to it (one write, at its end) instead of the whole file
        being written again: a large cache of which a build changes a few values
        costs a few lines.  A line cut short by a kill is no value (it is
        recomputed), and the next line starts on a line of its own.
        """
        dead = [key for key in self.where if key not in used]
        if not new and not dead:
            return
        dead_size = sum(self.where[key][1] - self.where[key][0] + len(key) + 2 for key in dead)
        if self.size and dead_size <= slack * self.size and not any(
                key in self.where for key in new) and self._append(path, new, dump):
            return
        self.write(path, ((key, dump(new[key]) if key in new else None) for key in sorted(used)
                          if key in new or key in self.where))

    def _append(self, path: Path, new: Mapping[str, _V], dump: Callable[[_V], str]) -> bool:
        """Append the *new* lines to *path* (which must exist); whether that was done."""
        payload = b"".join((key + "\t" + dump(value) + "\n").encode("utf-8")
                           for key, value in sorted(new.items()))
        if not self._ends_line:
            payload = b"\n" + payload
        try:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            return False
        try:
            _write_all(fd, payload)
        except OSError:
            return True  # what was written is as good as a cut line: recomputed when read
        finally:
            os.close(fd)
        return True

    def write(self, path: Path, lines: Iterable[tuple[str, str | None]]) -> None:
        """Replace *path* atomically (not durably): for each key a new value, or
        ``None`` to keep its value from this file.  Errors are ignored (a cache)."""
        with contextlib.suppress(OSError), atomic_file(path, durable=False) as fh:
            fh.write(self.header)
            for key, value in lines:
                if value is None:
                    kept = self._bytes(*self.where[key])
                    if kept is None:
                        continue
                    fh.write(key.encode("ascii") + b"\t")
                    fh.write(kept)
                else:
                    fh.write((key + "\t" + value).encode("utf-8"))
                fh.write(b"\n")
