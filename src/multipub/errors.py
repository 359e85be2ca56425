"""The one exception tree of multipub.

Every error a user can cause (a bad ``.po`` file, bad front matter, a wrong
encoding, a path that leaves the project) is a :class:`MultipubError`.  It
carries one or more :class:`Problem` values, each with a path (relative to
the project where known), a 1-based line and a message written for the
translator or editor who has to fix it.  ``str(error)`` is the
``path:line: message`` form the command line prints before exiting with 2::

    MultipubError                  base class, exit status 2
    ├── ConfigError                multipub.toml
    ├── ContentError               article files, front matter, assets
    ├── CatalogError               .po / .pot / .mo files
    ├── TemplateError              Jinja2 templates
    ├── PathError                  a path that would leave the project or output
    ├── UsageError                 bad command-line usage
    ├── LockedError                another multipub process holds the project
    └── NotAvailableError          a command that is not available yet

Library code raises these; the command line turns them into messages.  The
context manager :func:`located` attaches a file to errors raised deep inside.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

__all__ = [
    "CatalogError",
    "ConfigError",
    "ContentError",
    "LockedError",
    "MultipubError",
    "NotAvailableError",
    "PathError",
    "Problem",
    "TemplateError",
    "UsageError",
    "located",
]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place of one file.

    ``path`` is shown as given (callers pass project-relative paths);
    ``line`` is 1-based, or ``None`` when the problem concerns the whole file.
    """

    path: str | None
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


class MultipubError(Exception):
    """Base class of every error a user of multipub can cause.

    Build it with a message and an optional location, or with a list of
    :class:`Problem` values when several things are wrong at once::

        >>> str(MultipubError("unterminated string", path="a.po", line=3))
        'a.po:3: unterminated string'
    """

    exit_code = 2

    def __init__(
        self,
        message: str | None = None,
        *,
        path: str | None = None,
        line: int | None = None,
        problems: Sequence[Problem] = (),
    ) -> None:
        found = list(problems)
        if message is not None:
            found.insert(0, Problem(path, line, message))
        if not found:
            raise ValueError("MultipubError needs a message or problems")
        self.problems: tuple[Problem, ...] = tuple(found)
        super().__init__(str(self))

    @property
    def path(self) -> str | None:
        """Path of the first problem."""
        return self.problems[0].path

    @property
    def line(self) -> int | None:
        """1-based line of the first problem, if known."""
        return self.problems[0].line

    @property
    def message(self) -> str:
        """Message of the first problem, without its location."""
        return self.problems[0].message

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    def with_path(self, path: str) -> MultipubError:
        """A copy of this error whose problems without a path get *path*."""
        problems = [
            Problem(path, p.line, p.message) if p.path is None else p for p in self.problems
        ]
        new = type(self).__new__(type(self))
        MultipubError.__init__(new, problems=problems)
        return new


class ConfigError(MultipubError):
    """``multipub.toml`` is unreadable or invalid."""


class ContentError(MultipubError):
    """An article file, its front matter, or an asset is invalid."""


class CatalogError(MultipubError):
    """A ``.po``, ``.pot`` or ``.mo`` file cannot be read or is invalid."""


class TemplateError(MultipubError):
    """A Jinja2 template has a syntax error or fails to render."""


class PathError(MultipubError):
    """A path from the project would read or write outside the project or output."""


class UsageError(MultipubError):
    """The command line was used wrongly."""


class LockedError(MultipubError):
    """Another multipub process is working on the same project."""


class NotAvailableError(MultipubError):
    """The requested command is not available in this version."""


@contextlib.contextmanager
def located(path: str) -> Iterator[None]:
    """Give errors raised inside the block the file *path* if they have none.

    >>> try:
    ...     with located("content/a/pl.md"):
    ...         raise ContentError("bad date", line=2)
    ... except ContentError as e:
    ...     print(e)
    content/a/pl.md:2: bad date
    """
    try:
        yield
    except MultipubError as exc:
        if any(p.path is None for p in exc.problems):
            raise exc.with_path(path) from exc
        raise
