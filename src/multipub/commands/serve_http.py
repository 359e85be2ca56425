"""The HTTP side of ``multipub serve``: files of the output folder, live reload, errors.

:class:`PreviewServer` is the standard library's
:class:`~http.server.ThreadingHTTPServer` serving one folder (the site a warm build
keeps up to date) with three additions that exist only in preview, never in the files
``build`` writes:

- every HTML page it sends carries a small script (:func:`live_script`) that listens
  to ``/_multipub/events``, a stream of server-sent events, and reloads the page when
  the site is rebuilt (:meth:`LiveState.published`);
- while the last rebuild failed, every HTML page is sent with an overlay naming each
  problem as ``path:line: message`` (:func:`error_overlay`), over the last good
  page, which keeps being served; the next good rebuild reloads it without;
- nothing outside the folder is ever sent (:func:`resolve`): ``..`` and ``.`` path
  segments (encoded or not), absolute paths, NUL bytes and links that lead outside
  the folder all get 404.

Imports only the standard library and :mod:`multipub.errors`.
"""

from __future__ import annotations

import html
import http.server
import mimetypes
import os
import re
import socket
import threading
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import Problem

__all__ = ["EVENTS", "LiveState", "PreviewServer", "error_overlay", "inject", "live_script",
           "resolve"]

EVENTS = "/_multipub/events"
"""The server-sent events stream the live-reload script listens to."""

PING_SECONDS = 15.0
"""An idle event stream sends a comment this often (so proxies and browsers keep it)."""

_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


class LiveState:
    """What the open pages need to know: the site's generation and the last error.

    The generation counts the rebuilds that changed what a page may show (a good
    build after a change, a failed one, a recovery); a page is sent with the
    generation it was made from and reloads as soon as the server's differs.
    """

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self.generation = 0
        self.problems: tuple[Problem, ...] = ()
        self.closing = False

    def published(self, problems: Sequence[Problem] = ()) -> None:
        """A rebuild ended: with *problems* it failed, without them the site is good."""
        with self._changed:
            self.generation += 1
            self.problems = tuple(problems)
            self._changed.notify_all()

    def close(self) -> None:
        """Wake every event stream so that it ends (the server stops)."""
        with self._changed:
            self.closing = True
            self._changed.notify_all()

    def wait(self, since: int, timeout: float) -> int:
        """The generation once it differs from *since* (or after *timeout* seconds)."""
        with self._changed:
            self._changed.wait_for(lambda: self.generation != since or self.closing, timeout)
            return self.generation

    def snapshot(self) -> tuple[int, tuple[Problem, ...]]:
        """The generation and the problems of the last rebuild, read together."""
        with self._changed:
            return self.generation, self.problems


def live_script(generation: int) -> bytes:
    """The live-reload script for a page made at *generation*."""
    return (
        '<script data-multipub-live="">(function(){var s=new EventSource('
        f'"{EVENTS}?since={generation}");s.addEventListener("reload",function(){{'
        's.close();location.reload();});})();</script>'
    ).encode()


def error_overlay(problems: Sequence[Problem]) -> bytes:
    """A full-window overlay listing *problems*, each as ``path:line: message``."""
    items = "".join(f"<li>{html.escape(str(p))}</li>" for p in problems)
    return (
        '<div id="multipub-error" role="alert" style="position:fixed;inset:0;z-index:2147483647;'
        "overflow:auto;background:#fff;color:#1a1a1a;padding:2rem;font:16px/1.5 system-ui,"
        'sans-serif"><h1 style="color:#b00020;font-size:1.5rem">The site could not be '
        'rebuilt</h1><p>The last good version is served; this page reloads when the problem '
        "is fixed.</p><ul style=\"font-family:ui-monospace,monospace;white-space:pre-wrap\">"
        f"{items}</ul></div>"
    ).encode()


def inject(page: bytes, generation: int, problems: Sequence[Problem] = ()) -> bytes:
    """*page* with the live-reload script (and the error overlay) before its last
    ``</body>``, or at its end when it has none."""
    extra = (error_overlay(problems) if problems else b"") + live_script(generation)
    ends = list(_BODY_END.finditer(page))
    if not ends:
        return page + extra
    at = ends[-1].start()
    return page[:at] + extra + page[at:]


def resolve(root: str | os.PathLike[str], target: str) -> tuple[str, str | None]:
    """What the request path *target* names in the folder *root*.

    Returns ``("file", path)``, ``("redirect", location)`` (a folder asked for without
    its final ``/``) or ``("missing", None)``.  Any ``.`` or ``..`` segment (after
    percent-decoding), a backslash or NUL, and any file whose real path (links
    resolved) is not inside *root* is ``missing``: nothing outside the folder is sent.
    """
    raw = urlsplit(target).path
    path = unquote(raw, errors="strict") if "%" in raw else raw
    if not path.startswith("/") or "\x00" in path or "\\" in path:
        return "missing", None
    parts = [part for part in path.split("/") if part]
    if any(part in (".", "..") for part in parts):
        return "missing", None
    real_root = os.path.realpath(root)
    candidate = os.path.join(real_root, *parts) if parts else real_root
    real = os.path.realpath(candidate)
    if real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep):
        return "missing", None
    if os.path.isdir(real):
        if not path.endswith("/"):
            return "redirect", raw + "/"
        real = os.path.realpath(os.path.join(real, "index.html"))
        if not real.startswith(real_root.rstrip(os.sep) + os.sep):
            return "missing", None
    return ("file", real) if os.path.isfile(real) else ("missing", None)


class PreviewServer(http.server.ThreadingHTTPServer):
    """Serves the folder *root* with live reload (see the module docstring)."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, root: Path, state: LiveState, host: str = "127.0.0.1",
                 port: int = 8000) -> None:
        self.root = root
        self.state = state
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), _Handler)

    @property
    def url(self) -> str:
        """The address to open in a browser."""
        host, port = str(self.server_address[0]), self.server_address[1]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"

    def stop(self) -> None:
        """End the event streams, stop serving and close the socket."""
        self.state.close()
        self.shutdown()
        self.server_close()


class _Handler(http.server.BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "multipub-serve"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass  # the command says what it rebuilt; requests are not news

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def do_GET(self) -> None:
        if urlsplit(self.path).path == EVENTS:
            self._events()
        else:
            self._respond(head=False)

    def _respond(self, head: bool) -> None:
        try:
            kind, found = resolve(self.server.root, self.path)
        except UnicodeDecodeError:
            kind, found = "missing", None
        if kind == "redirect":
            assert found is not None
            self._send(301, b"", "text/plain", head, location=found)
            return
        generation, problems = self.server.state.snapshot()
        if kind == "missing" or found is None:
            if problems and not os.path.isdir(self.server.root):  # no good build yet
                page = inject(b"<!DOCTYPE html><title>multipub</title><body></body>",
                              generation, problems)
                self._send(500, page, "text/html; charset=utf-8", head)
                return
            page = inject(b"<!DOCTYPE html><title>Not found</title><body><h1>Not found</h1>"
                          b"</body>", generation, problems)
            self._send(404, page, "text/html; charset=utf-8", head)
            return
        try:
            with open(found, "rb") as fh:
                data = fh.read()
        except OSError:
            self._send(404, b"not found", "text/plain", head)
            return
        kind_of = mimetypes.guess_type(found)[0] or "application/octet-stream"
        if kind_of == "text/html":
            data = inject(data, generation, problems)
        if kind_of.startswith("text/") or kind_of in ("application/xml", "application/json",
                                                       "application/atom+xml"):
            kind_of += "; charset=utf-8"
        self._send(200, data, kind_of, head)

    def _send(self, status: int, data: bytes, kind: str, head: bool,
              location: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        if location is not None:
            self.send_header("Location", location)
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def _events(self) -> None:
        query = urlsplit(self.path).query
        match = re.search(r"(?:^|&)since=(\d+)", query)
        since = int(match.group(1)) if match else self.server.state.generation
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        state = self.server.state
        try:
            self.wfile.write(b": multipub live reload\n\n")
            self.wfile.flush()
            while not state.closing:
                now = state.wait(since, PING_SECONDS)
                if state.closing:
                    break
                if now != since:
                    self.wfile.write(f"event: reload\ndata: {now}\n\n".encode())
                    self.wfile.flush()
                    since = now
                else:
                    self.wfile.write(b": ping\n\n")
                    self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass  # the page went away
