"""``multipub.toml``: the project configuration, read with tomllib and validated whole.

Every problem is reported at once, each naming the key and its line::

    multipub.toml:3: languages: 'by' is not a language CLDR knows
    multipub.toml:7: titel: unknown key; did you mean 'title'?

A minimal file::

    source_language = "pl"
    languages = ["ru", "be"]
    title = "Polska pomoc"
    base_url = "https://example.org/"

All keys:

=====================  =========  ===========================================
key                    default    meaning
=====================  =========  ===========================================
``source_language``    (required) the language articles are written in
``languages``          (required) the target languages, in switcher order
``title``              ``""``     site name (translated through the UI catalogue);
                                  with ``version``, the catalogues'
                                  ``Project-Id-Version``
``version``            ``""``     the project's version, if it has one
                                  (``Project-Id-Version: <title> <version>``)
``base_url``           ``""``     absolute URL of the published site, for feeds,
                                  sitemap and hreflang (``/`` appended)
``output_dir``         ``site``   where ``build`` writes, relative to the project
``fallback``           ``skip``   ``skip``: a missing translation has no page;
                                  ``fallback``: the source text is shown, marked
``publish_threshold``  ``100``    percent of translated segments from which a
                                  catalogue-backed version is published
``outdated``           ``keep``   a catalogue-backed version below the threshold
                                  because its source changed: ``keep`` (the last
                                  translation of each changed segment, with a
                                  notice), ``fallback`` (changed body segments
                                  in the source language, marked, with the
                                  notice; title and captions as ``keep``) or
                                  ``skip`` (off the site); ``build`` names them
``per_page``           ``20``     articles per index page
``trusted_html``       ``false``  keep raw HTML of articles without sanitising
``[check] select``     all        check ids to run
``[check] ignore``     none       check ids to skip
``[memory] similarity`` ``85``    least similarity, in percent (50 to 100), of a
                                  near match the translation memory offers
``derived_languages``  ``[]``     versions made by transliteration, e.g.
                                  ``[{code = "be-Latn", from = "be",
                                  script = "lacinka"}]`` (see :mod:`.derived`)
``[markdown]``         news-site  ``extensions`` (Python-Markdown entry-point
``extensions``         set        names, ``pymdownx.*`` with the
                                  ``multipub[extensions]`` extra) and
                                  ``extension_configs`` (a table per name), for
                                  rendering and segmentation alike
                                  (:mod:`multipub.content.syntax`)
``[[sections]]``       none       ``id`` and ``name`` (a UI msgid) of each section
``[images] widths``    see below  widths of responsive image variants
                                  (``[480, 960, 1600]``)
``[search] enabled``   see below  Pagefind index (on when the extra is installed)
=====================  =========  ===========================================

The site's keys are read by :mod:`multipub.project.site_config`.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.syntax import DEFAULT_SYNTAX, MarkdownSyntax, parse_markdown_table
from ..errors import ConfigError, Problem
from ..languages import Language, get_language, is_known_language
from .derived import DerivedLanguage, parse_derived_languages
from .site_config import SITE_KEYS, Section, SiteKeys, parse_site_keys, table_key_line

__all__ = ["CONFIG_NAME", "OUTDATED", "Config", "load_config", "parse_config"]

CONFIG_NAME = "multipub.toml"

_TOP_KEYS = (
    "source_language",
    "languages",
    "title",
    "version",
    "base_url",
    "output_dir",
    "fallback",
    "publish_threshold",
    "outdated",
    "per_page",
    "trusted_html",
    "check",
    "memory",
    "derived_languages",
    "markdown",
    *SITE_KEYS,
)
_CHECK_KEYS = ("select", "ignore")
_MEMORY_KEYS = ("similarity",)
_FALLBACKS = ("skip", "fallback")
OUTDATED = ("keep", "fallback", "skip")
"""The values of ``outdated``."""


@dataclass(frozen=True)
class Config:
    """A validated project configuration."""

    source_language: str
    languages: tuple[str, ...]
    title: str = ""
    version: str = ""
    base_url: str = ""
    output_dir: str = "site"
    fallback: str = "skip"
    publish_threshold: float = 100.0
    outdated: str = "keep"
    per_page: int = 20
    trusted_html: bool = False
    check_select: tuple[str, ...] = ()
    check_ignore: tuple[str, ...] = ()
    memory_similarity: float = 85.0
    """``[memory] similarity``: least similarity (percent) of a translation-memory near match."""
    derived_languages: tuple[DerivedLanguage, ...] = ()
    """Languages made from another by transliteration (``be-Latn`` from ``be``)."""
    markdown: MarkdownSyntax = DEFAULT_SYNTAX
    """``[markdown]``: the Markdown extensions articles are rendered and segmented with."""
    site: SiteKeys = field(default_factory=SiteKeys)
    """``[[sections]]``, ``[images]``, ``[search]`` (:mod:`multipub.project.site_config`)."""
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    lines: Mapping[str, int] = field(default_factory=dict, repr=False, compare=False)
    """1-based line of each top-level key in the file, for messages about its value."""

    @property
    def sections(self) -> tuple[Section, ...]:
        """``[[sections]]``: the sections of the site, in the configured order."""
        return self.site.sections

    @property
    def all_languages(self) -> tuple[str, ...]:
        """The source language followed by the target languages."""
        return (self.source_language, *self.languages)

    @property
    def site_languages(self) -> tuple[str, ...]:
        """The languages of the built site: :attr:`all_languages`, then the derived ones."""
        return (*self.all_languages, *(d.code for d in self.derived_languages))

    def language(self, code: str) -> Language:
        """The :class:`~multipub.languages.Language` of a configured code."""
        return get_language(code)


def load_config(path: Path, shown: str = CONFIG_NAME) -> Config:
    """Read and validate the configuration file at *path*."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            "no multipub.toml here; is this a multipub project? (create one with `multipub init`)",
            path=shown,
        ) from None
    except IsADirectoryError:
        raise ConfigError("is a folder, expected a file", path=shown) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(
            "the file is not UTF-8; save it as UTF-8", path=shown, line=line
        ) from None
    return parse_config(text, shown)


def parse_config(text: str, shown: str = CONFIG_NAME) -> Config:
    """Validate the TOML *text*; raise :class:`ConfigError` listing every problem.

    >>> parse_config('source_language = "pl"\\nlanguages = ["ru", "by"]\\n')
    Traceback (most recent call last):
    ...
    multipub.errors.ConfigError: multipub.toml:2: languages: 'by' is not a language CLDR knows
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg) or re.search(
            r"\(at end of document\)", msg)
        line = (int(m.group(1)) if m.groups() else max(1, len(text.splitlines()))) if m else None
        reason = msg[: m.start()].strip() if m else msg
        raise ConfigError(f"TOML syntax error: {reason}", path=shown, line=line) from None
    return _Validator(raw, text, shown).run()


class _Validator:
    def __init__(self, raw: dict[str, Any], text: str, shown: str) -> None:
        self.raw = raw
        self.lines = text.splitlines()
        self.shown = shown
        self.problems: list[Problem] = []

    def line_of(self, key: str, table: str | None = None) -> int | None:
        current: str | None = None
        pattern = re.compile(rf"^\s*(?:\"{re.escape(key)}\"|{re.escape(key)})\s*=")
        for i, line in enumerate(self.lines, 1):
            header = re.match(r"^\s*\[([^\]]+)\]", line)
            if header:
                current = header.group(1).strip()
                if table is None and current == key:
                    return i
                continue
            if current == table and pattern.match(line):
                return i
            if table is not None and current is None and re.match(
                rf"^\s*{re.escape(table)}\.{re.escape(key)}\s*=", line
            ):
                return i
        return None

    def problem(self, key: str, message: str, table: str | None = None) -> None:
        name = f"{table}.{key}" if table else key
        self.problems.append(Problem(self.shown, self.line_of(key, table), f"{name}: {message}"))

    def unknown(self, data: Mapping[str, Any], known: tuple[str, ...], table: str | None) -> None:
        for key in data:
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                hint = (f"; did you mean {close[0]!r}?" if close
                        else f"; known keys: {', '.join(known)}")
                self.problem(key, f"unknown key{hint}", table)

    def string(self, key: str, default: str | None) -> str | None:
        value = self.raw.get(key, default)
        if key not in self.raw and default is None:
            self.problem(key, "missing; this key is required")
            return None
        if not isinstance(value, str):
            self.problem(key, f"must be a string, not {_kind(value)}")
            return None
        return value

    def language(self, key: str, value: Any) -> str | None:
        if not isinstance(value, str):
            self.problem(key, f"must be a language code string, not {_kind(value)}")
            return None
        if not is_known_language(value):
            self.problem(key, f"{value!r} is not a language CLDR knows")
            return None
        return value

    def run(self) -> Config:
        raw = self.raw
        self.unknown(raw, _TOP_KEYS, None)

        source: str | None = None
        if "source_language" not in raw:
            self.problem("source_language", "missing; this key is required (e.g. \"pl\")")
        else:
            source = self.language("source_language", raw["source_language"])

        languages: list[str] = []
        langs = raw.get("languages")
        if langs is None:
            self.problem("languages", "missing; list the target languages (e.g. [\"ru\", \"be\"])")
        elif not isinstance(langs, list) or not langs:
            self.problem("languages", "must be a non-empty list of language codes")
        else:
            seen: set[str] = set()
            for item in langs:
                code = self.language("languages", item)
                if code is None:
                    continue
                if code in seen:
                    self.problem("languages", f"{code!r} is listed twice")
                elif code == source:
                    self.problem("languages", f"{code!r} is the source language; list only targets")
                else:
                    seen.add(code)
                    languages.append(code)

        title = self.string("title", "") or ""
        version = (self.string("version", "") or "").strip()
        base_url = self.string("base_url", "") or ""
        if base_url:
            if not re.match(r"^https?://[^/\s]+", base_url):
                self.problem("base_url", f"{base_url!r} must be an absolute http(s) URL")
            elif not base_url.endswith("/"):
                base_url += "/"
        output_dir = self.string("output_dir", "site") or "site"
        fallback = self.string("fallback", "skip") or "skip"
        if fallback not in _FALLBACKS:
            self.problem("fallback", f"{fallback!r} is not one of: {', '.join(_FALLBACKS)}")

        outdated = self.string("outdated", "keep") or "keep"
        if outdated not in OUTDATED:
            self.problem("outdated", f"{outdated!r} is not one of: {', '.join(OUTDATED)}")

        threshold = raw.get("publish_threshold", 100)
        if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not (
            0 <= threshold <= 100
        ):
            self.problem("publish_threshold", "must be a number of percent from 0 to 100")
            threshold = 100
        per_page = raw.get("per_page", 20)
        if isinstance(per_page, bool) or not isinstance(per_page, int) or per_page < 1:
            self.problem("per_page", "must be a whole number of at least 1")
            per_page = 20
        trusted = raw.get("trusted_html", False)
        if not isinstance(trusted, bool):
            self.problem("trusted_html", "must be true or false")
            trusted = False

        select: list[str] = []
        ignore: list[str] = []
        check = raw.get("check", {})
        if not isinstance(check, dict):
            self.problem("check", "must be a table: [check] with select/ignore lists")
        else:
            self.unknown(check, _CHECK_KEYS, "check")
            for key, target in (("select", select), ("ignore", ignore)):
                value = check.get(key, [])
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    self.problem(key, "must be a list of check ids", "check")
                else:
                    target.extend(value)

        similarity = self.memory()
        derived: tuple[DerivedLanguage, ...] = ()
        if "derived_languages" in raw:
            derived, found = parse_derived_languages(
                raw["derived_languages"], self.lines, self.shown,
                [code for code in (source, *languages) if code])
            self.problems.extend(found)
        syntax = self.markdown()
        site = parse_site_keys(raw, self.site_problem)

        if self.problems or source is None:
            ordered = sorted(self.problems, key=lambda p: (p.line or 0, p.message))
            raise ConfigError(problems=ordered)
        return Config(
            source_language=source,
            languages=tuple(languages),
            title=title,
            version=version,
            base_url=base_url,
            output_dir=output_dir,
            fallback=fallback,
            publish_threshold=float(threshold),
            outdated=outdated,
            per_page=per_page,
            trusted_html=trusted,
            check_select=tuple(select),
            check_ignore=tuple(ignore),
            memory_similarity=similarity,
            derived_languages=derived,
            markdown=syntax,
            site=site,
            raw=raw,
            lines={key: line for key in raw if (line := self.line_of(key)) is not None},
        )

    def site_problem(self, key: str, message: str, table: str | None) -> None:
        """A problem of a site key (a table of ``[[sections]]`` is ``sections[N]``)."""
        if table is not None and table.startswith("sections["):
            line = (table_key_line(self.lines, int(table[9:-1]), key)
                    or self.line_of("sections"))  # (an array of inline tables)
            self.problems.append(Problem(self.shown, line, f"{table}.{key}: {message}"))
        else:
            self.problem(key, message, table)

    def memory(self) -> float:
        """``[memory] similarity``, validated (the default when absent or wrong)."""
        default = 85.0
        table = self.raw.get("memory", {})
        if not isinstance(table, dict):
            self.problem("memory", "must be a table: [memory] with similarity = <percent>")
            return default
        self.unknown(table, _MEMORY_KEYS, "memory")
        value = table.get("similarity", default)
        number = not isinstance(value, bool) and isinstance(value, int | float)
        if not number or not 50 <= value <= 100:
            shown = f", not {value!r}" if number else f", not {_kind(value)}"
            self.problem("similarity", f"must be a number of percent from 50 to 100{shown}",
                         "memory")
            return default
        return float(value)


    def markdown(self) -> MarkdownSyntax:
        """``[markdown] extensions`` and ``extension_configs``, validated."""
        syntax, problems = parse_markdown_table(self.raw.get("markdown", {}))
        for key, message in problems:
            self.problem(key, message, None if key == "markdown" else "markdown")
        return syntax


def _kind(value: Any) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)
