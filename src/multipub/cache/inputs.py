"""Whether a build would change nothing, known without loading the project.

A build that finishes records in its manifest the **inputs digest**: one
hash (:func:`file_hash`) over the bytes of every file the build can read (the
configuration, everything under ``content/``, ``locales/`` (``.mo`` and ``.pot``
files excepted) and ``templates/``, the default theme) and over multipub's own
code and the versions of its rendering libraries (:func:`code_fingerprint`).
:func:`up_to_date` computes the digest again from the files as they are now;
when it equals the recorded one and every output file is still the one the
manifest describes, the build is a pure function of the same inputs, so it
would write the same bytes: nothing needs doing.  That costs reading the
inputs (no parsing, no planning) and one ``stat`` per output file, where a
no-change build otherwise loads, plans and keys every page.

The decision is made by content hashes only; file times merely confirm that
an output file is the one recorded (a changed or unknown time makes
:func:`up_to_date` answer ``None`` and the normal build compares contents).

This module imports nothing heavy (no Markdown, Jinja2 or Babel), so that a
no-change ``multipub build`` starts fast.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from . import CACHE_ROOT, cache_path

__all__ = [
    "NOT_BUILD_MODULES",
    "Inputs",
    "Summary",
    "code_fingerprint",
    "digest",
    "files_under",
    "read_inputs",
    "up_to_date",
]

PACKAGE_DIR = Path(__file__).resolve().parents[1]
THEME_DIR = PACKAGE_DIR / "templates"
"""The default theme (templates and ``style.css``)."""
THEME_LOCALES = PACKAGE_DIR / "locales"
"""The default theme's UI catalogues: ``<lang>/LC_MESSAGES/messages.po``."""
MANIFEST = ".multipub-manifest.json"
BUILDING = ".multipub-building"
BUILD_CACHE = "build"
"""The build's folder in the project cache (see :func:`multipub.cache.cache_path`)."""
CACHE_DIR = f"{CACHE_ROOT}/{BUILD_CACHE}"
"""The same, relative to the project root."""

_LIBRARIES = ("markdown", "nh3", "jinja2", "babel", "markupsafe", "pyyaml")
NOT_BUILD_MODULES = frozenset({
    "__main__", "cli", "commands.init", "commands.stamp", "gettext.mofile", "quality",
})
"""Modules and sub-packages (dotted, below ``multipub``) the build never imports; every other
module's code is part of :func:`code_fingerprint` (a new module counts until it is listed here;
a test checks the list)."""


def module_name(relative: Path) -> str:
    """The dotted name below ``multipub`` of a module file at *relative* (``site/plan.py``)."""
    parts = relative.with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def builds(module: str) -> bool:
    """Whether *module* (dotted, below ``multipub``) is code the build may run."""
    parts = module.split(".")
    return not any(".".join(parts[:i]) in NOT_BUILD_MODULES for i in range(1, len(parts) + 1))


def file_hash(data: bytes) -> bytes:
    """The hash multipub keys everything by: SHA-256, cut to 128 bits.

    SHA-256 rather than BLAKE2b because current processors compute it in
    hardware (about 1.5 GB/s against 0.6 GB/s for BLAKE2b on the bench
    machines), and a build hashes every input and every output.

    >>> file_hash(b"").hex()
    'e3b0c44298fc1c149afbf4c8996fb924'
    """
    return hashlib.sha256(data).digest()[:16]


def digest(*parts: str | bytes) -> str:
    """A hex digest (SHA-256, 128 bits) of *parts*, each length-prefixed so that no two
    splits collide.

    >>> digest("ab", "c") == digest("a", "bc")
    False
    """
    h = hashlib.sha256()
    for part in parts:
        _feed(h, part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
    return h.hexdigest()[:32]


def _feed(h: Any, data: bytes) -> None:
    """Add *data* to the hash *h*, length first (see :func:`digest`)."""
    h.update(len(data).to_bytes(8, "little"))
    h.update(data)


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The hash of multipub's own code and the versions of the libraries that render.

    Any change of the program (an upgrade, a patched module) rebuilds everything.
    """
    parts: list[str | bytes] = [sys.version]
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        relative = path.relative_to(PACKAGE_DIR)
        if builds(module_name(relative)):
            parts += [relative.as_posix(), path.read_bytes()]
    for name in _LIBRARIES:
        try:
            parts += [name, metadata.version(name)]
        except metadata.PackageNotFoundError:
            parts += [name, "-"]
    return digest(*parts)


def files_under(folder: Path, skip_suffix: str | tuple[str, ...] = ""
                ) -> list[tuple[str, Path]]:
    """``(relative POSIX name, path)`` of every file under *folder*, sorted by name.

    Links to folders are not followed (the project loader refuses links that
    leave an article, and a digest that misses a file only means a normal build).
    """
    return [(name, Path(path)) for name, path in _files_under(str(folder), skip_suffix)]


def _files_under(folder: str, skip_suffix: str | tuple[str, ...] = "") -> list[tuple[str, str]]:
    """:func:`files_under` with the paths as strings (no ``Path`` per file)."""
    found: list[tuple[str, str]] = []
    stack = [(folder, "")]
    while stack:
        current, prefix = stack.pop()
        try:
            entries = list(os.scandir(current))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, prefix + entry.name + "/"))
            elif entry.is_file() and not (skip_suffix and entry.name.endswith(skip_suffix)):
                found.append((prefix + entry.name, entry.path))
    found.sort()
    return found


KEEP_MARKDOWN = 16 << 20
"""How many bytes of Markdown :func:`read_inputs` keeps for loading the project."""


@dataclass(frozen=True)
class Inputs:
    """The digest of a project's build inputs, and the bytes of its Markdown files."""

    digest: str
    markdown: dict[str, bytes] = field(repr=False)
    """``content/<id>/<lang>.md`` (relative to the project) -> bytes, for the first
    :data:`KEEP_MARKDOWN` bytes of them (loading the project need not read those again;
    a large site's Markdown is not held whole)."""
    stats: dict[str, tuple[int, int, int]] = field(repr=False, default_factory=dict)
    """Every input file -> (size, modification time in ns, inode) when it was read."""
    files: dict[str, bytes] = field(repr=False, default_factory=dict)
    """Every input file -> the :func:`file_hash` of its bytes when it was read.

    Whoever keys a cache by one of these must not keep what it computed from
    the file unless :meth:`unchanged` says the file is still the one hashed.
    """

    verified: bool = False
    """Read by :class:`InputsAhead`: :attr:`markdown` is empty, and :meth:`unchanged`
    alone tells whether the project was loaded from these bytes."""

    def file_digest(self, root: Path, path: Path) -> bytes | None:
        """The digest of the input file *path* (``None`` if it was not read)."""
        try:
            rel = path.relative_to(root).as_posix()
        except ValueError:
            return None
        return self.files.get(rel)

    def unchanged(self, root: Path, names: Iterable[str] | None = None) -> bool:
        """Whether no input file (of *names*, default all) was touched or removed since read.

        A build checks this at its end before recording :attr:`digest`: a file
        edited while the build read it (even edited back) keeps the digest out
        of the manifest, so the next build does its normal work.  (A file
        added meanwhile needs no check: the next digest includes it, so it
        differs from the recorded one.)
        """
        places = {label: folder for label, folder, _ in _folders(root)}
        for name in self.stats if names is None else names:
            signature = self.stats[name]
            label, _, rel = name.partition("/")
            path = os.path.join(places[label + "/"], rel) if rel else os.path.join(root, name)
            try:
                if _signature(os.stat(path)) != signature:
                    return False
            except OSError:
                return False
        return True


def _folders(root: Path) -> tuple[tuple[str, Path, str | tuple[str, ...]], ...]:
    # compiled catalogues and templates (.mo, .pot) are never read by a build
    return (("content/", root / "content", ""), ("locales/", root / "locales", (".mo", ".pot")),
            ("templates/", root / "templates", ""), ("theme/", THEME_DIR, ""),
            ("theme-locales/", THEME_LOCALES, ".mo"))


def _signature(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def read_inputs(root: Path) -> Inputs | None:
    """Read every build input of the project at *root* (``None`` if one cannot be read)."""
    try:
        return _read(root, _entries(root), None)
    except (OSError, UnicodeError):
        return None


Entry = tuple[str, str]
"""``(name, path)`` of an input file; ``(label, "")`` where a folder's files begin."""


def _entries(root: Path) -> list[Entry]:
    """Every input file of the project at *root*, in the order the digest takes them."""
    entries: list[Entry] = [("multipub.toml", str(root / "multipub.toml"))]
    for label, folder, skip in _folders(root):
        entries.append((label, ""))
        entries += [(label + rel, path) for rel, path in _files_under(str(folder), skip)]
    return entries


def _read(root: Path, entries: list[Entry],
          expected: dict[str, tuple[int, int, int]] | None) -> Inputs | None:
    """Read and hash *entries*; with *expected* signatures, ``None`` if a file differs."""
    h = hashlib.sha256()

    def add(name: str, data: bytes) -> None:
        _feed(h, name.encode("utf-8", "surrogatepass"))
        _feed(h, data)

    markdown: dict[str, bytes] = {}
    kept = 0
    stats: dict[str, tuple[int, int, int]] = {}
    files: dict[str, bytes] = {}
    add("code", code_fingerprint().encode())
    add("root", root.resolve().name.encode("utf-8", "surrogatepass"))
    for name, path in entries:
        if not path:
            add("folder", name.encode())
            continue
        stats[name], data = _read_file(path)
        if expected is not None and expected.get(name) != stats[name]:
            return None  # changed since it was listed
        files[name] = file_hash(data)
        add(name, files[name])
        if expected is None and name.startswith("content/") and name.endswith(".md") \
                and kept + len(data) <= KEEP_MARKDOWN:
            markdown[name] = data
            kept += len(data)
    return Inputs(h.hexdigest()[:32], markdown, stats, files, verified=expected is not None)


_ONE_READ = 1 << 30
"""Files this large are read until the end: one ``read`` may return less (Linux: ~2 GB)."""


def _read_file(path: str) -> tuple[tuple[int, int, int], bytes]:
    """The signature and bytes of the file *path* (read through its descriptor:
    thousands of inputs are read on every build, and a Python file object per
    file would cost as much as the reading)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        data = os.read(fd, st.st_size + 1)  # a short read of a file is its end...
        if len(data) > st.st_size or st.st_size >= _ONE_READ:  # ...unless it grew, or is huge
            chunks = [data]
            while chunks[-1]:
                chunks.append(os.read(fd, 1 << 20))
            data = b"".join(chunks)
        return _signature(st), data
    finally:
        os.close(fd)


class InputsAhead:
    """:func:`read_inputs` by another process while this one loads the project.

    Every input's size, time and inode are taken here, before loading; the
    other process reads the files and gives up on one that no longer has
    them.  A build that finds them all so at its end (:meth:`Inputs.unchanged`)
    loaded the very bytes that were hashed, in whatever order both read, so
    its Markdown need not be compared (:attr:`Inputs.verified`).
    """

    def __init__(self, root: Path, context: Any) -> None:
        from concurrent.futures import ProcessPoolExecutor

        entries = _entries(root)
        expected = {name: _signature(os.stat(path)) for name, path in entries if path}
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
        self._future = self._pool.submit(_read, root, entries, expected)

    @classmethod
    def start(cls, root: Path) -> InputsAhead | None:
        """Start reading, or ``None`` where that cannot be done (no ``fork``, a file gone)."""
        from ..fsio import fork_context

        context = fork_context()
        if context is None:
            return None
        try:
            return cls(root, context)
        except OSError:
            return None

    def cancel(self) -> None:
        """Stop waiting for the other process (the project did not load)."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    def result(self) -> Inputs | None:
        """The inputs as read (``None``: a file changed or could not be read)."""
        try:
            return self._future.result()
        except Exception:  # the file that failed is reported by the build itself
            return None
        finally:
            self._pool.shutdown()


def has_digest(out: Path) -> bool:
    """Whether the manifest in *out* records an inputs digest (a finished build's)."""
    data = read_manifest_data(out)
    return data is not None and isinstance(data.get("inputs"), str)


@dataclass(frozen=True)
class Summary:
    """What the last build made, as its manifest records it (for the command line)."""

    pages: int
    files: int
    published: dict[str, int]
    fallbacks: dict[str, int]
    outdated: dict[str, list[str]] = field(default_factory=dict)
    """Per language, the article versions shown outdated."""
    off: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per language, catalogue-backed versions not on the site: article id -> why."""


def read_manifest_data(out: Path) -> dict[str, Any] | None:
    """The manifest of the output folder *out* as JSON (``None`` if absent or damaged)."""
    try:
        data = json.loads((out / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def stats_path(root: Path, out: Path) -> Path:
    """Where the sizes and times of the files of the output folder *out* are kept."""
    return cache_path(root, f"{BUILD_CACHE}/outputs-{digest(str(out.resolve()))}.json")


def _summary(data: dict[str, Any]) -> Summary | None:
    value = data.get("summary")
    files = data.get("files")
    if not (isinstance(value, dict) and isinstance(files, dict)):
        return None
    try:
        outdated = value.get("outdated", {})
        off = value.get("off", {})
        return Summary(int(value["pages"]), len(files),
                       {str(k): int(v) for k, v in value["published"].items()},
                       {str(k): int(v) for k, v in value["fallbacks"].items()},
                       {str(k): [str(i) for i in v] for k, v in outdated.items()},
                       {str(k): {str(i): str(r) for i, r in v.items()}
                        for k, v in off.items()})
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def default_output(root: Path) -> Path | None:
    """The output folder ``multipub.toml`` names (``None`` if the file does not read)."""
    try:
        config = tomllib.loads((root / "multipub.toml").read_text("utf-8"))
    except (OSError, UnicodeError, tomllib.TOMLDecodeError):
        return None
    value = config.get("output_dir", "site")
    return root / value if isinstance(value, str) else None


def up_to_date(root: Path, out: Path | None = None,
               inputs: Inputs | None = None) -> Summary | None:
    """The summary of the last build into *out* if building again would change nothing.

    ``None`` means: build (something changed, or this cannot be told cheaply).
    """
    if out is None:
        out = default_output(root)
        if out is None:
            return None
    data = read_manifest_data(out)
    if data is None or not isinstance(data.get("inputs"), str):
        return None
    if inputs is not None and inputs.digest != data["inputs"]:
        return None  # known already: no need to look at the outputs
    if os.path.lexists(out / BUILDING):
        return None
    summary = _summary(data)
    if summary is None:
        return None
    try:
        stats = json.loads(stats_path(root, out).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(stats, dict) or set(stats) != set(data["files"]):
        return None
    for name, value in stats.items():
        if not (isinstance(value, list) and len(value) == 2):
            return None
        try:
            st = os.stat(os.path.join(out, name), follow_symlinks=False)
        except (OSError, ValueError):
            return None
        if st.st_size != value[0] or st.st_mtime_ns != value[1]:
            return None
    if inputs is None:
        inputs = read_inputs(root)
    if inputs is None or inputs.digest != data["inputs"]:
        return None
    return summary
