"""Checks of one catalogue: header, plural forms and every translated entry."""

from __future__ import annotations

import gettext
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ...gettext.catalog import Catalog, Message
from ...languages import UnknownLanguage, get_language, language_tag
from .model import CHECKS, Finding, check_info
from .text import (
    brace_fields,
    c_directives,
    doubled_words,
    has_common_word,
    markup_of,
    python_directives,
    quote_pairs,
    shorten,
    unbalanced_quotes,
)

__all__ = ["check_catalog"]

Result = list[tuple[str, str]]  # (severity, message)

_N_RANGE = range(1001)


@dataclass(frozen=True)
class _Ctx:
    path: str
    language: str
    domain: str
    catalog: Catalog
    nplurals: int | None
    plural: Callable[[int], int] | None
    single_forms: frozenset[int]
    """Plural forms used for exactly one n in 0..1000 (GNU's relaxation)."""
    candidates: tuple[str, ...]


def _primary(code: str) -> str:
    return code.replace("-", "_").split("_", 1)[0].lower()


def _names(code: str) -> str:
    try:
        return f"{get_language(code).english_name} ({code})"
    except UnknownLanguage:
        return code


# -- catalogue level -------------------------------------------------------------


def _header(ctx: _Ctx) -> list[Finding]:
    cat, path = ctx.catalog, ctx.path
    if cat.header is None:
        return [Finding.make("header", "error", path, 1,
                             "no header entry (msgid \"\"); add one with Language, "
                             "Content-Type and Plural-Forms")]
    line = cat.header.lineno
    out: list[Finding] = []
    lang = cat.language
    if lang is None:
        out.append(Finding.make("header", "error", path, line,
                                f"the header has no Language; add \"Language: {ctx.language}\""))
    elif language_tag(lang) != language_tag(ctx.language):
        severity = "warning" if _primary(lang) == _primary(ctx.language) else "error"
        out.append(Finding.make("header", severity, path, line,
                                f"the header says Language: {lang}, but the catalogue is in "
                                f"the folder of {ctx.language}"))
    charset = cat.charset
    if charset is None or charset.upper() == "CHARSET":
        out.append(Finding.make("header", "error", path, line,
                                "the header declares no charset; add \"Content-Type: "
                                "text/plain; charset=UTF-8\""))
    elif charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        out.append(Finding.make("header", "warning", path, line,
                                f"charset {charset}: multipub projects use UTF-8"))
    if cat.get_header("Plural-Forms") is None:
        has_plurals = any(m.plural for m in cat.active())
        out.append(Finding.make("header", "error" if has_plurals else "warning", path, line,
                                "the header has no Plural-Forms; add \"Plural-Forms: "
                                f"{_canonical(ctx.language) or 'nplurals=...; plural=...;'}\""))
    return out


def _canonical(language: str) -> str | None:
    try:
        return get_language(language).plural_forms
    except UnknownLanguage:
        return None


def _plural_header(ctx: _Ctx) -> list[Finding]:
    cat, path = ctx.catalog, ctx.path
    forms = cat.get_header("Plural-Forms")
    if forms is None or cat.header is None:
        return []  # reported by "header"
    line = cat.header.lineno
    try:
        lang = get_language(ctx.language)
    except UnknownLanguage:
        return []
    declared = cat.nplurals
    expr = cat.plural_expr
    if declared is None or expr is None:
        return [Finding.make("plural-forms", "error", path, line,
                             f"Plural-Forms {forms!r} is incomplete; use {lang.plural_forms!r}")]
    try:
        fn = gettext.c2py(expr)
        got = [fn(n) for n in _N_RANGE]
    except (ValueError, SyntaxError, ZeroDivisionError, RecursionError):
        return [Finding.make("plural-forms", "error", path, line,
                             f"plural={expr} is not a valid C expression; use "
                             f"{lang.plural_forms!r}")]
    out: list[Finding] = []
    if declared != lang.nplurals:
        out.append(Finding.make(
            "plural-forms", "error", path, line,
            f"nplurals={declared}, but {lang.english_name} has {lang.nplurals} plural forms; "
            f"use {lang.plural_forms!r}"))
    wrong = next((n for n in _N_RANGE if got[n] != lang.plural(n)), None)
    if wrong is not None:
        out.append(Finding.make(
            "plural-forms", "error", path, line,
            f"plural={expr} gives form {got[wrong]} for n={wrong}, but {lang.english_name} "
            f"uses form {lang.plural(wrong)}; use {lang.plural_forms!r}"))
    elif max(got) >= declared:
        out.append(Finding.make("plural-forms", "error", path, line,
                                f"plural={expr} gives form {max(got)}, beyond nplurals={declared}"))
    return out


def _plural_entry(ctx: _Ctx, msg: Message) -> Result:
    if not msg.plural or ctx.nplurals is None:
        return []
    out: Result = []
    if len(msg.msgstr_plural) != ctx.nplurals:
        out.append(("error", f"{len(msg.msgstr_plural)} plural forms, but the catalogue's "
                             f"language needs nplurals={ctx.nplurals}"))
    if msg.translated:
        empty = [i for i, s in enumerate(msg.msgstr_plural) if s == ""]
        if empty:
            shown = ", ".join(f"msgstr[{i}]" for i in empty)
            example = _example_n(ctx, empty[0])
            out.append(("error", f"{shown} empty in a translated entry (msgfmt counts it as "
                                 f"translated, and {example} would show nothing)"))
    return out


def _example_n(ctx: _Ctx, form: int) -> str:
    if ctx.plural is not None:
        for n in _N_RANGE:
            if ctx.plural(n) == form:
                return f"n={n}"
    return f"form {form}"


def _wrong_language_catalog(ctx: _Ctx, enabled: bool) -> list[Finding]:
    if not enabled:
        return []
    from ..langid import detect_texts, same_language

    translated = [m for m in ctx.catalog.active() if m.translated and any(_forms(m))]
    texts = [s for m in translated for s in _forms(m) if s]
    if not texts:
        return []
    found = detect_texts(texts, ctx.candidates)
    if found.language is None or same_language(found.language, ctx.language):
        return []
    line = translated[0].lineno  # the first translation, where the editor should look
    return [Finding.make("wrong-language", "error", ctx.path, line,
                         f"the translations are in {_names(found.language)} "
                         f"({found.confidence:.0%} likely), not in {_names(ctx.language)}")]


# -- entry level -------------------------------------------------------------------


def _forms(msg: Message) -> list[str]:
    return list(msg.msgstr_plural) if msg.plural else [msg.msgstr]


def _pairs(msg: Message) -> Iterable[tuple[int | None, str, str]]:
    """(form index or None, source text, translation) for each form."""
    if not msg.plural:
        yield None, msg.msgid, msg.msgstr
        return
    for i, s in enumerate(msg.msgstr_plural):
        yield i, (msg.msgid if i == 0 and len(msg.msgstr_plural) == 1 else
                  msg.msgid_plural or msg.msgid), s


def _where(i: int | None) -> str:
    return "msgstr" if i is None else f"msgstr[{i}]"


def _untranslated_copy(ctx: _Ctx, msg: Message) -> Result:
    sources = {msg.msgid, msg.msgid_plural or msg.msgid}
    if any(s in sources and has_common_word(s) for s in _forms(msg)):
        return [("warning", "msgstr is a copy of the msgid: not translated yet?")]
    return []


def _compare(what: str, a: Counter[str], b: Counter[str], allow_missing: bool) -> str | None:
    missing = a - b
    extra = b - a
    if allow_missing:
        missing = Counter()
    if not missing and not extra:
        return None
    parts = []
    if missing:
        parts.append("lacks " + ", ".join(sorted(missing)))
    if extra:
        parts.append("adds " + ", ".join(sorted(extra)))
    return f"{what}: " + " and ".join(parts) if what else " and ".join(parts)


def _placeholders(ctx: _Ctx, msg: Message) -> Result:
    flags = set(msg.flags)
    kinds = [k for k in ("python-format", "python-brace-format", "c-format") if k in flags]
    if not kinds and ctx.domain != "articles" and "%(" in msg.msgid:
        kinds = ["python-format"]  # named placeholders in an unflagged UI entry
    out: Result = []
    for i, source, target in _pairs(msg):
        if not target:
            continue
        relaxed = i is not None and i in ctx.single_forms
        for kind in kinds:
            problem = _format_problem(kind, source, target, relaxed)
            if problem:
                out.append(("error", f"{_where(i)} {kind} placeholders differ: {problem}"))
    return out


def _format_problem(kind: str, source: str, target: str, relaxed: bool) -> str | None:
    if kind == "python-brace-format":
        return _compare("", brace_fields(source), brace_fields(target), relaxed)
    if kind == "c-format":
        return _compare("", Counter(c_directives(source)), Counter(c_directives(target)), relaxed)
    named_s, unnamed_s = python_directives(source)
    named_t, unnamed_t = python_directives(target)
    if named_s or named_t:
        # named directives may be repeated or reordered; names and types must agree
        return _compare("", Counter(set(named_s)), Counter(set(named_t)), relaxed)
    if unnamed_s == unnamed_t or (relaxed and not unnamed_t):
        return None
    return f"msgid has ({', '.join(unnamed_s) or 'none'}), " \
           f"msgstr has ({', '.join(unnamed_t) or 'none'}) in this order"


def _markup(ctx: _Ctx, msg: Message) -> Result:
    if ctx.domain != "articles":
        return []
    out: Result = []
    for i, source, target in _pairs(msg):
        if not target:
            continue
        a, b = markup_of(source), markup_of(target)
        for key, label in (("destinations", "link/image destinations"), ("code", "code spans"),
                           ("footnotes", "footnote references"), ("emphasis", "emphasis markers"),
                           ("tags", "HTML tags")):
            problem = _compare(label, a[key], b[key], False)
            if problem:
                out.append(("error", f"{_where(i)} {problem} (compared with the msgid)"))
    return out


def _whitespace(ctx: _Ctx, msg: Message) -> Result:
    out: Result = []
    for i, source, target in _pairs(msg):
        if not target:
            continue
        if source.endswith("\n") != target.endswith("\n"):
            out.append(("warning", f"{_where(i)} and the msgid do not both end with a newline"))
        elif (source[:1].isspace(), source[-1:].isspace()) != (target[:1].isspace(),
                                                               target[-1:].isspace()):
            out.append(("warning", f"{_where(i)} leading or trailing whitespace differs from "
                                   "the msgid"))
    return out


def _mixed_script(ctx: _Ctx, msg: Message) -> Result:
    from ..langid import mixed_script_words

    known = set(mixed_script_words(msg.msgid))
    out: Result = []
    for i, _source, target in _pairs(msg):
        bad = [w for w in dict.fromkeys(mixed_script_words(target)) if w not in known]
        if bad:
            out.append(("error", f"{_where(i)}: Latin letters inside a Cyrillic word (or the "
                                 f"reverse): {', '.join(bad)}"))
    return out


def _wrong_language(ctx: _Ctx, msg: Message) -> Result:
    from .language import foreign_passages, severity

    for i, source, target in _pairs(msg):
        if not target or target == source:
            continue
        out: Result = []
        for p in foreign_passages(target, ctx.language, ctx.candidates):
            what = _where(i) if p.whole else f"{_where(i)}: the sentence \"{shorten(p.text, 80)}\""
            out.append((severity(p), f"{what} looks {_names(p.language)} "
                                     f"({p.confidence:.0%} likely), not {_names(ctx.language)}"))
        if out:
            return out
    return []


def _doubled(ctx: _Ctx, msg: Message) -> Result:
    # the msgid's own repeats (a name, a quotation) may be kept in translation
    allowed = len(doubled_words(msg.msgid))
    out: Result = []
    for i, _source, target in _pairs(msg):
        found = doubled_words(target)
        if len(found) > allowed:
            out.append(("warning", f"{_where(i)}: doubled word "
                                   + ", ".join(f"\"{w} {w}\"" for w in found)))
    return out


def _quotes(ctx: _Ctx, msg: Message) -> Result:
    out: Result = []
    for i, source, target in _pairs(msg):
        if not target:
            continue
        problem = unbalanced_quotes(target)
        if problem and problem != unbalanced_quotes(source):
            out.append(("warning", f"{_where(i)}: {problem}"))
        elif quote_pairs(source) and not quote_pairs(target):
            out.append(("warning", f"{_where(i)} lost the quotation marks of the msgid"))
    return out


_ENTRY_CHECKS: tuple[tuple[str, Callable[[_Ctx, Message], Result]], ...] = (
    ("untranslated-copy", _untranslated_copy),
    ("placeholders", _placeholders),
    ("markup", _markup),
    ("mixed-script", _mixed_script),
    ("wrong-language", _wrong_language),
    ("whitespace", _whitespace),
    ("doubled-words", _doubled),
    ("quotes", _quotes),
)


def check_catalog(
    catalog: Catalog,
    path: str,
    language: str,
    *,
    domain: str = "messages",
    candidates: Sequence[str] = (),
    enabled: Iterable[str] | None = None,
) -> list[Finding]:
    """Every finding of the enabled checks on one catalogue, sorted.

    *language* is the catalogue's place (``locales/<language>/...``); *domain*
    is ``messages``, ``tags`` or ``articles`` (only article catalogues get the
    markup check); *candidates* are the languages ``wrong-language`` chooses
    from (the catalogue's own language is always added).  Entry checks look
    at translated entries only (an untranslated or fuzzy entry has nothing to
    check yet), except the number of plural forms.
    """
    on = {c.id for c in CHECKS} if enabled is None else set(enabled)
    cands = tuple(dict.fromkeys([*candidates, language]))
    plural_fn: Callable[[int], int] | None = None
    nplurals: int | None = None
    try:
        lang = get_language(language)
        plural_fn, nplurals = lang.plural, lang.nplurals
    except UnknownLanguage:
        pass
    if catalog.nplurals is not None:
        nplurals = catalog.nplurals  # entries follow the header (a wrong header is reported once)
    single: set[int] = set()
    if plural_fn is not None:
        users: dict[int, list[int]] = {}
        for n in _N_RANGE:
            users.setdefault(plural_fn(n), []).append(n)
        single = {form for form, ns in users.items() if ns == [1]}
    ctx = _Ctx(path, language, "articles" if domain.startswith("articles") else domain, catalog,
               nplurals, plural_fn, frozenset(single), cands)

    findings: list[Finding] = []
    if "header" in on:
        findings += _header(ctx)
    if "plural-forms" in on:
        findings += _plural_header(ctx)
    catalog_level = _wrong_language_catalog(ctx, "wrong-language" in on)
    findings += catalog_level
    for msg in catalog.active():
        if msg.msgid == "" and msg.msgctxt is None:
            continue
        line = msg.lineno
        if "plural-forms" in on:
            for severity, text in _plural_entry(ctx, msg):
                findings.append(Finding.make("plural-forms", severity, path, line, text,
                                             msg.msgid))
        if not msg.translated:
            continue
        fired: set[str] = set()
        if catalog_level:
            fired.add("wrong-language")  # one finding for the file, not one per entry
        for check_id, func in _ENTRY_CHECKS:
            if check_id not in on or check_id in fired:
                continue
            if fired.intersection(check_info(check_id).skip_if):
                continue
            results = func(ctx, msg)
            if results:
                fired.add(check_id)
                findings.extend(Finding.make(check_id, severity, path, line, text, msg.msgid)
                                for severity, text in results)
    return sorted(findings)

