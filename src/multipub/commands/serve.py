"""``multipub serve``: a live preview that rebuilds on every save and reloads the browser.

:func:`serve` reads as the command's steps:

1. **Build** the site into a temporary folder (or the one given) with
   :func:`multipub.commands.build.build`, reusing the project's build cache.
2. **Serve** that folder on localhost (:class:`~.serve_http.PreviewServer`, the
   standard library's threading HTTP server), with a live-reload script and, while
   a rebuild fails, an overlay naming the problems in every HTML page it sends
   (never in the files on disk: they are exactly what ``build`` writes).
3. **Watch** ``content/``, ``templates/``, ``locales/`` and ``multipub.toml`` with
   watchfiles (:func:`changes`), and **rebuild** in this warm process
   (:class:`Preview`): an edit of one article's files or catalogues goes through
   :class:`~.serve_warm.WarmSite`, which re-plans and re-renders only that article's
   pages and the listings that show it; anything else through the whole build,
   whose page keys still skip every page that did not change.  A failed rebuild
   keeps the last good site and shows the problems; the next good one clears them.
4. **Stop** on Ctrl-C: the server closes, the temporary folder is removed.

watchfiles comes with the ``serve`` extra (``pip install 'multipub[serve]'``); the
rest of multipub does not need it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cache.inputs import stats_path
from ..errors import MultipubError, Problem, UsageError
from ..project.config import CONFIG_NAME
from ..project.model import load_project
from .serve_http import LiveState, PreviewServer
from .serve_warm import WarmSite

__all__ = ["Preview", "Rebuild", "changes", "serve", "watched"]

WATCHED = ("content", "templates", "locales")
"""The folders of a project whose files the site is made from (and ``multipub.toml``)."""

STEP_MS = 20
"""How long the watcher waits for more changes after one before rebuilding."""


@dataclass(frozen=True)
class Rebuild:
    """One rebuild of the preview: what started it and how it went."""

    changed: tuple[str, ...]
    """Project-relative paths of the files whose change started it (none: the first)."""
    seconds: float
    written: int = 0
    """Files written (none when it failed)."""
    problems: tuple[Problem, ...] = ()
    """Why it failed (``()``: it succeeded)."""
    warm: bool = False
    """Whether only the pages of the changed articles were re-planned."""

    @property
    def ok(self) -> bool:
        return not self.problems

    def __repr__(self) -> str:
        how = "warm" if self.warm else "full"
        state = f"{len(self.problems)} problems" if self.problems else (
            f"{self.written} written")
        return f"<Rebuild {how} {state} in {self.seconds:.3f} s>"


def watched(root: Path, relative: str) -> bool:
    """Whether a change of the project file *relative* (``/``-separated) can change the
    site: files under :data:`WATCHED` and ``multipub.toml``, not hidden ones.

    >>> watched(Path("p"), "content/a/pl.md"), watched(Path("p"), "site/index.html")
    (True, False)
    >>> watched(Path("p"), "content/a/.pl.md.swp"), watched(Path("p"), "multipub.toml")
    (False, True)
    """
    parts = relative.split("/")
    if relative == CONFIG_NAME:
        return True
    return parts[0] in WATCHED and not any(part.startswith(".") for part in parts)


def changes(root: Path, stop: threading.Event | None = None,
            step_ms: int = STEP_MS) -> Iterator[tuple[str, ...]]:
    """Project-relative paths of the source files changed, one batch at a time, until
    *stop* is set.  A batch is yielded *step_ms* after its last change (watchfiles);
    an empty batch after each idle half second (so the first says the watch is on)."""
    try:
        import watchfiles
    except ImportError:
        raise UsageError("multipub serve needs watchfiles: pip install 'multipub[serve]'"
                         ) from None
    base = os.path.realpath(root)

    def relative(path: str) -> str | None:
        real = os.path.realpath(path) if os.path.lexists(path) else os.path.abspath(path)
        if not real.startswith(base + os.sep):
            real = os.path.abspath(path)
            if not real.startswith(os.path.abspath(root) + os.sep):
                return None
            return os.path.relpath(real, os.path.abspath(root)).replace(os.sep, "/")
        return os.path.relpath(real, base).replace(os.sep, "/")

    def keep(change: Any, path: str) -> bool:
        name = relative(path)
        return name is not None and (watched(root, name) or name in WATCHED)

    for batch in watchfiles.watch(root, watch_filter=keep, step=step_ms, debounce=1600,
                                  stop_event=stop, raise_interrupt=True, rust_timeout=500,
                                  yield_on_timeout=True):
        yield tuple(sorted({name for _, path in batch if (name := relative(path)) is not None}))


def changed_since(root: Path, since_ns: int) -> tuple[str, ...]:
    """The watched files of *root* modified at or after *since_ns* (``time.time_ns``)."""
    found: list[str] = []
    for folder in (*WATCHED, CONFIG_NAME):
        base = root / folder
        paths = [base] if base.is_file() else (base.rglob("*") if base.is_dir() else [])
        for path in paths:
            name = path.relative_to(root).as_posix()
            with contextlib.suppress(OSError):
                if watched(root, name) and path.is_file() and path.stat().st_mtime_ns >= since_ns:
                    found.append(name)
    return tuple(sorted(found))


class Preview:
    """The warm build of one project into one folder, rebuilt on every change.

    The first :meth:`rebuild` builds the whole site; later ones are given the changed
    files and rebuild what they touch (see the module docstring).
    """

    def __init__(self, root: Path, out: Path) -> None:
        self.root = root
        self.out = out
        self.warm: WarmSite | None = None
        self.last: Rebuild | None = None
        self._failed: tuple[str, ...] = ()
        """The changes of the rebuilds that failed since the last good one (tried again
        with the next, so that a fix elsewhere does not hide a file still broken)."""

    def rebuild(self, changed: Iterable[str] = ()) -> Rebuild:
        """Bring the site up to date with the project as it is now.

        A rebuild that fails leaves the site as the last good one made it and returns
        the problems; the warm state stays as it was, so the fix is rebuilt warm too.
        """
        names = tuple(dict.fromkeys((*self._failed, *changed)))
        start = time.perf_counter()
        try:
            written = self.warm.update(names) if self.warm is not None and names else None
            warm = written is not None
            if written is None:
                self.warm = None  # (kept only once a whole build succeeded)
                written = self._full()
        except MultipubError as exc:
            self._failed = names
            result = Rebuild(names, time.perf_counter() - start, problems=exc.problems)
        else:
            self._failed = ()
            result = Rebuild(names, time.perf_counter() - start, written, warm=warm)
        self.last = result
        return result

    def _full(self) -> int:
        """The whole build, then the warm state for the next edits."""
        project = load_project(self.root)
        warm = WarmSite(project, self.out)
        written = warm.build()
        self.warm = warm
        return written


def serve(project: str | os.PathLike[str], out: str | os.PathLike[str] | None = None, *,
          host: str = "127.0.0.1", port: int = 8000,
          say: Callable[[str], None] = print,
          ready: Callable[[PreviewServer], None] | None = None,
          stop: threading.Event | None = None) -> None:
    """Build *project*, serve it on *host*:*port*, rebuild on changes until Ctrl-C.

    *out* is the folder to build into (default: a temporary folder, removed when
    the preview stops).  *say* gets one line per event (the address, each rebuild,
    each problem); *ready* is called with the server once it listens.  Setting
    *stop* ends the preview as Ctrl-C does.
    """
    root = Path(project)
    if not (root / CONFIG_NAME).is_file():
        raise UsageError(f"{root}: no {CONFIG_NAME} here; pass the project with -p")
    scratch: Path | None = None
    if out is None:
        scratch = Path(tempfile.mkdtemp(prefix="multipub-serve-"))
        target = scratch / "site"
    else:
        target = Path(out)
    state = LiveState()
    server: PreviewServer | None = None
    try:
        preview = Preview(root, target)
        since = time.time_ns() - 50_000_000  # (file times are coarser than the clock)
        first = preview.rebuild()
        _report(first, say)
        state.published(first.problems)
        try:
            server = PreviewServer(target, state, host, port)
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}"
                             ) from None
        threading.Thread(target=server.serve_forever, name="multipub-serve",
                         daemon=True).start()
        announced = False
        with contextlib.suppress(KeyboardInterrupt):
            for batch in changes(root, stop):
                if not announced:  # the watch is on: catch up with saves made before it
                    announced = True
                    batch = tuple(sorted({*batch, *changed_since(root, since)}))
                    say(f"serving {server.url} (site in {target}); Ctrl-C stops")
                    if ready is not None:
                        ready(server)
                if not batch:
                    continue
                result = preview.rebuild(batch)
                _report(result, say)
                if result.problems != state.problems or result.written:
                    state.published(result.problems)  # open pages reload
    finally:
        if server is not None:
            server.stop()
        if scratch is not None:
            with contextlib.suppress(OSError):
                os.unlink(stats_path(root, target))
            shutil.rmtree(scratch, ignore_errors=True)
    say("stopped")


def _report(result: Rebuild, say: Callable[[str], None]) -> None:
    what = ", ".join(result.changed[:3]) + (" ..." if len(result.changed) > 3 else "")
    cause = f" after {what}" if what else ""
    if result.problems:
        say(f"rebuild failed{cause}; serving the last good site:")
        for problem in result.problems:
            say(f"  {problem}")
    else:
        say(f"{'rebuilt' if result.changed else 'built'}{cause}: {result.written} "
            f"written in {result.seconds * 1000:.0f} ms")
