"""Findings, checks and their registry (values only, no I/O)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ...errors import Problem, UsageError
from .text import shorten

__all__ = [
    "CATEGORIES",
    "CHECKS",
    "SEVERITIES",
    "Check",
    "CheckReport",
    "Finding",
    "resolve_selection",
]

SEVERITIES = ("error", "warning", "info")
CATEGORIES = ("critical", "functional", "cosmetic")


@dataclass(frozen=True)
class Finding:
    """One thing a check found.

    ``line`` is the 1-based line of the entry (or front-matter key) in the
    file, ``None`` for the whole file; ``msgid`` is shortened to about 60
    characters ("" for findings about a whole file).  Findings sort by
    path, line (whole-file findings first), check, then the rest.
    """

    check: str
    severity: str
    path: str
    line: int | None
    msgid: str
    message: str

    @classmethod
    def make(cls, check: str, severity: str, path: str, line: int | None, message: str,
             msgid: str = "") -> Finding:
        """A finding with *msgid* shortened."""
        assert severity in SEVERITIES, severity
        return cls(check, severity, path, line, shorten(msgid), message)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message} [{self.check}]"

    def sort_key(self) -> tuple[str, int, str, str, str, str]:
        """The deterministic order of reports: path, line (file-level first), check."""
        return (self.path, self.line or 0, self.check, self.severity, self.message, self.msgid)

    def __lt__(self, other: Finding) -> bool:
        return self.sort_key() < other.sort_key()


@dataclass(frozen=True)
class CheckReport:
    """What :func:`~multipub.quality.checks.run_checks` returns.

    ``problems`` are files that could not be read at all (the CLI prints them
    and exits 2); ``checks`` are the ids that ran.
    """

    findings: tuple[Finding, ...]
    problems: tuple[Problem, ...] = ()
    checks: tuple[str, ...] = field(default=())

    @property
    def errors(self) -> int:
        """Number of findings at error severity (the CLI exits 1 if there are any)."""
        return sum(1 for f in self.findings if f.severity == "error")

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def __repr__(self) -> str:
        by = {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}
        counts = ", ".join(f"{n} {s}" for s, n in by.items() if n) or "no finding"
        problems = f", {len(self.problems)} unreadable files" if self.problems else ""
        return f"<CheckReport {counts}{problems}; {len(self.checks)} checks ran>"


@dataclass(frozen=True)
class Check:
    """A named check.

    ``skip_if``: on the same entry (or file), this check does not run when one
    of these fired, so one mistake is reported once (pofilter's dependencies).
    """

    id: str
    category: str
    severity: str
    scope: str  # "catalog", "entry", "article" or "project"
    description: str
    skip_if: tuple[str, ...] = ()


CHECKS: tuple[Check, ...] = (
    Check("header", "critical", "error", "catalog",
          "the header names the catalogue's language (as its folder), charset UTF-8 and "
          "Plural-Forms (a charset other than UTF-8 or a region variant: warning)"),
    Check("plural-forms", "critical", "error", "catalog",
          "Plural-Forms gives the same form as CLDR's rule for n = 0..1000; every plural "
          "entry has nplurals forms, none empty when translated"),
    Check("placeholders", "critical", "error", "entry",
          "python-format, python-brace-format and c-format placeholders of msgid and msgstr "
          "agree (a plural form used only for n == 1 may omit the number)",
          ("untranslated-copy",)),
    Check("markup", "functional", "error", "entry",
          "article catalogues: link and image destinations, code spans, footnote references, "
          "emphasis markers and inline HTML tags agree", ("untranslated-copy",)),
    Check("mixed-script", "functional", "error", "entry",
          "no word mixes Latin and Cyrillic letters"),
    Check("wrong-language", "functional", "warning", "entry",
          "the translations are in the catalogue's language (the whole catalogue: error; "
          "an entry or one of its sentences: warning from 99% confidence, else info)",
          ("untranslated-copy",)),
    Check("untranslated-copy", "cosmetic", "warning", "entry",
          "msgstr is not a copy of a msgid with common words (names alone are fine)"),
    Check("whitespace", "cosmetic", "warning", "entry",
          "leading and trailing whitespace and final newline as in the msgid",
          ("untranslated-copy",)),
    Check("doubled-words", "cosmetic", "warning", "entry",
          "no word written twice in a row (\"и и\") unless the msgid does so",
          ("untranslated-copy",)),
    Check("quotes", "cosmetic", "warning", "entry",
          "quotation marks pair up and are not lost; „…” «…» “…” and \"…\" are equivalent "
          "(adding quotes, as Russian and Belarusian do around names, is fine)",
          ("untranslated-copy", "markup")),
    Check("front-matter", "functional", "error", "article",
          "a hand-written translation records translated_from (run multipub stamp)"),
    Check("outdated", "functional", "warning", "article",
          "a hand-written translation matches the current source", ("front-matter",)),
    Check("article-language", "functional", "error", "article",
          "an article file is written in the language its name says"),
    Check("tag-name", "functional", "warning", "article",
          "a hand-written translation names each source tag as tags.po and the other "
          "translations of that language do"),
    Check("markdown-extension", "functional", "warning", "project",
          "every [markdown] extension is one whose block syntax the segmenter follows "
          "(the blocks of any other are kept whole and untranslated)"),
)

_BY_ID = {c.id: c for c in CHECKS}


def _expand(items: Iterable[str], where: str) -> set[str]:
    out: set[str] = set()
    for raw in items:
        for item in (part.strip() for part in raw.split(",")):
            if not item:
                continue
            if item == "all":
                out.update(_BY_ID)
            elif item in CATEGORIES:
                out.update(c.id for c in CHECKS if c.category == item)
            elif item in _BY_ID:
                out.add(item)
            else:
                known = ", ".join([*CATEGORIES, *_BY_ID])
                raise UsageError(f"{where}: unknown check {item!r}; known: all, {known}")
    return out


def resolve_selection(
    config_select: Sequence[str], config_ignore: Sequence[str],
    select: Sequence[str] | None, ignore: Sequence[str] | None,
) -> tuple[str, ...]:
    """The check ids to run, in registry order.

    ``select`` (the CLI's ``--select``) *replaces* the configuration's
    ``[check] select``; ``ignore`` (``--ignore``) *adds to* ``[check] ignore``.
    Items are check ids, categories (``critical``, ``functional``,
    ``cosmetic``) or ``all``, comma-separated or as a list.  No selection at
    all means every check.

    >>> resolve_selection([], ["cosmetic"], None, ["markup"])[:3]
    ('header', 'plural-forms', 'placeholders')
    >>> resolve_selection(["critical"], [], ["header"], None)
    ('header',)
    """
    if select is not None:
        chosen = _expand(select, "--select")
    elif config_select:
        chosen = _expand(config_select, "multipub.toml [check] select")
    else:
        chosen = set(_BY_ID)
    dropped = _expand(config_ignore, "multipub.toml [check] ignore") | _expand(
        ignore or (), "--ignore")
    return tuple(c.id for c in CHECKS if c.id in chosen and c.id not in dropped)


def check_info(check_id: str) -> Check:
    """The registered :class:`Check` with this id."""
    return _BY_ID[check_id]
