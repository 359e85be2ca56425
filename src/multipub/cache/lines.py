"""The one store of the caches: a file of ``key<TAB>value`` lines, kept as bytes.

:class:`KeyedLines` is what the document, source-hash and localized-text caches
(:mod:`.documents`, :mod:`.build`) are made of: reading only notes where each
value lies, a value is decoded when asked for, and a build that changes a few
values appends a few lines instead of writing the file again.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from typing import TypeVar

from ..fsio import _write_all, atomic_file

__all__ = ["KeyedLines"]

_V = TypeVar("_V")


class KeyedLines:
    """A cache file of ``<header>`` then lines ``key<TAB>value``, kept as bytes.

    Reading only notes where each value lies; a value is decoded by whoever
    asks for it, and one kept when the file is written again is copied as it
    is.  A file with another first line counts as empty; a line without a key,
    as absent.

    >>> lines = KeyedLines(b"demo 1\\n", b"demo 1\\nab\\t[1]\\nbroken\\n")
    >>> lines.value("ab"), lines.value("broken")
    (b'[1]', None)
    """

    def __init__(self, header: bytes, data: bytes = b"") -> None:
        self.header = header
        self.data = data if data.startswith(header) else b""
        self.where: dict[str, tuple[int, int]] = {}
        data = self.data
        pos, size = len(header), len(data)
        while pos < size:
            end = data.find(b"\n", pos)
            end = size if end < 0 else end
            tab = data.find(b"\t", pos, end)
            if tab > pos and data[pos:tab].isascii():
                self.where[data[pos:tab].decode("ascii")] = (tab + 1, end)
            pos = end + 1

    @classmethod
    def read(cls, path: Path, header: bytes) -> KeyedLines:
        """The file at *path* (empty if it cannot be read)."""
        try:
            return cls(header, path.read_bytes())
        except OSError:
            return cls(header)

    def value(self, key: str) -> bytes | None:
        """The bytes of *key*'s value (``None`` if absent)."""
        found = self.where.get(key)
        return None if found is None else self.data[found[0]:found[1]]

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
        if self.data and dead_size <= slack * len(self.data) and not any(
                key in self.where for key in new) and self._append(path, new, dump):
            return
        self.write(path, ((key, dump(new[key]) if key in new else None) for key in sorted(used)
                          if key in new or key in self.where))

    def _append(self, path: Path, new: Mapping[str, _V], dump: Callable[[_V], str]) -> bool:
        """Append the *new* lines to *path* (which must exist); whether that was done."""
        payload = b"".join((key + "\t" + dump(value) + "\n").encode("utf-8")
                           for key, value in sorted(new.items()))
        if not self.data.endswith(b"\n"):
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
        data = memoryview(self.data)
        with contextlib.suppress(OSError), atomic_file(path, durable=False) as fh:
            fh.write(self.header)
            for key, value in lines:
                if value is None:
                    start, end = self.where[key]
                    fh.write(key.encode("ascii") + b"\t")
                    fh.write(data[start:end])
                else:
                    fh.write((key + "\t" + value).encode("utf-8"))
                fh.write(b"\n")
