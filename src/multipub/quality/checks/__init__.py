"""``multipub check``: quality findings for translators and CI.

:func:`run_checks` reads every catalogue under ``locales/<lang>/LC_MESSAGES/``
(of the source and the target languages) and every article file, runs the
selected checks and returns a :class:`CheckReport`: the findings, sorted by
path, line and check, and the files that could not be read at all.
:func:`render_findings` prints them as ``text``, ``json`` or ``github``.

The checks (``multipub check --select`` / ``--ignore`` take ids, the
categories ``critical``, ``functional``, ``cosmetic``, or ``all``):

====================  ==========  ==========================================================
id                    category    what it reports
====================  ==========  ==========================================================
header                critical    Language missing or not the folder's language, charset not
                                  UTF-8, Plural-Forms missing
plural-forms          critical    Plural-Forms not equal in meaning to CLDR's rule for
                                  n = 0..1000 (GNU's and Babel's texts of one rule both
                                  pass); wrong number of forms; an empty form in a
                                  translated entry (msgfmt counts it as translated)
placeholders          critical    python-format, python-brace-format, c-format directives of
                                  msgid and msgstr differ (a form used only for n == 1 may
                                  omit the number, as GNU allows)
markup                functional  article catalogues: links, images, code spans, footnotes,
                                  emphasis markers, HTML tags differ from the msgid
mixed-script          functional  a word mixes Latin and Cyrillic letters
wrong-language        functional  a catalogue (error), an entry or one sentence of it
                                  (warning at confidence >= 0.99, else info) is not in the
                                  catalogue's language
untranslated-copy     cosmetic    msgstr copies a msgid with common words (names are fine)
whitespace            cosmetic    leading/trailing whitespace or final newline differ
doubled-words         cosmetic    a word written twice in a row ("и и")
quotes                cosmetic    unbalanced or lost quotation marks („…” = «…» = "…")
front-matter          functional  a hand-written translation was never stamped
outdated              functional  a hand-written translation predates its source (warning)
article-language      functional  an article file is written in another language
tag-name              functional  a hand-written translation names a tag otherwise than
                                  tags.po or an earlier translation (warning; its page
                                  shows its own name)
markdown-extension    functional  a ``[markdown]`` extension whose blocks are kept whole and
                                  untranslated (once per project; warning)
====================  ==========  ==========================================================

Entry checks look only at translated entries (msgfmt's meaning): an
untranslated or fuzzy entry has nothing to check yet.  A check is skipped on
an entry when one it depends on fired there (see
:attr:`~multipub.quality.checks.model.Check.skip_if`): a copy of the msgid gets no
markup, placeholder or language finding, and a catalogue that is entirely
in another language gets one finding, not one per entry.

Selection: ``select`` (the CLI's ``--select``) *replaces* ``[check] select``
of ``multipub.toml``; ``ignore`` (``--ignore``) *adds to* ``[check] ignore``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...errors import MultipubError, Problem
from ...gettext.catalog import Catalog
from ...project.model import Project, ProjectLike, as_project
from .articles import check_articles
from .model import CATEGORIES, CHECKS, Check, CheckReport, Finding, resolve_selection
from .output import FORMATS, render_findings
from .po import check_catalog
from .syntax import check_syntax

__all__ = [
    "CATEGORIES",
    "CHECKS",
    "FORMATS",
    "Check",
    "CheckReport",
    "Finding",
    "check",
    "check_catalog",
    "exit_status",
    "render_findings",
    "run_checks",
]


def _candidates(project: Project) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*project.config.all_languages, "uk"]))


def check(project: ProjectLike, *, select: Sequence[str] | None = None,
          ignore: Sequence[str] | None = None) -> CheckReport:
    """The quality findings of *project* (a project or its folder): :func:`run_checks`.

    The report iterates over its findings, sorted by file, line and check id.
    """
    return run_checks(as_project(project), select=select, ignore=ignore)


def run_checks(project: Project, select: Sequence[str] | None = None,
               ignore: Sequence[str] | None = None) -> CheckReport:
    """Run the selected checks over the whole project.

    *select* and *ignore* are lists of ids or categories (comma-separated
    items allowed, as the CLI passes them); ``None`` means "as configured".
    Unknown ids are a :class:`~multipub.errors.UsageError`.  A catalogue that
    cannot be read becomes a problem of the report; the others are checked.
    """
    from ...gettext.pofile import read_catalog

    config = project.config
    enabled = resolve_selection(config.check_select, config.check_ignore, select, ignore)
    candidates = _candidates(project)
    findings: list[Finding] = []
    problems: list[Problem] = []
    for language, domain, path in project.catalog_files():
        shown = project.shown(path)
        try:
            catalog: Catalog = read_catalog(path, shown)
        except MultipubError as exc:
            problems.extend(exc.with_path(shown).problems)
            continue
        # UI msgids come from the (English) theme: English left in place is then
        # recognised as English, not as the nearest project language
        cands = (*candidates, "en") if domain == "messages" else candidates
        findings += check_catalog(catalog, shown, language, domain=domain,
                                  candidates=cands, enabled=enabled)
    article_findings, article_problems = check_articles(project, enabled, candidates)
    findings += article_findings
    findings += check_syntax(project, enabled)
    problems += article_problems
    return CheckReport(tuple(sorted(findings)), tuple(sorted(set(problems), key=_problem_key)),
                       enabled)


def _problem_key(p: Problem) -> tuple[str, int, str]:
    return (p.path or "", p.line or 0, p.message)


def exit_status(report: CheckReport) -> int:
    """The CLI's exit status: 2 if a file could not be read, 1 on error findings, else 0."""
    if report.problems:
        return 2
    return 1 if report.errors else 0
