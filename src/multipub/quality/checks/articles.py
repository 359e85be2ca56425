"""Checks of article files: stamps, outdated translations, the language of the text,
the tag names of hand-written translations."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ...errors import MultipubError, Problem
from ...languages import UnknownLanguage, get_language
from ...project.model import Article, Project, Version
from .model import Finding

__all__ = ["check_articles"]


def _name(code: str) -> str:
    try:
        return f"{get_language(code).english_name} ({code})"
    except UnknownLanguage:
        return code


def _line(version: Version, key: str) -> int:
    return version.doc.lines.get((key,), 1)


def _diff_hint(project: Project, article_id: str, lang: str) -> str:
    """Where ``multipub diff`` can show what changed (it needs the stamp snapshot)."""
    from ...commands.stamp import snapshot_name

    if not (project.root / snapshot_name(project, article_id, lang)).is_file():
        return ""
    return f" `multipub diff {article_id} {lang}` shows what changed;"


def check_articles(project: Project, enabled: Iterable[str],
                   candidates: Sequence[str]) -> tuple[list[Finding], list[Problem]]:
    """Findings about every article file of *project*, and files that could not be read."""
    on = set(enabled)
    findings: list[Finding] = []
    problems: list[Problem] = []
    for article in project.articles:
        for lang in sorted(article.handwritten):
            version = article.handwritten[lang]
            fired = False
            if "front-matter" in on and version.translated_from is None:
                fired = True
                findings.append(Finding.make(
                    "front-matter", "error", version.shown, 1,
                    "never stamped: no translated_from in the front matter; when the "
                    f"translation matches the source, run `multipub stamp {article.id} {lang}`"))
            if "outdated" in on and not fired and article.is_outdated(lang):
                findings.append(Finding.make(
                    "outdated", "warning", version.shown, _line(version, "translated_from"),
                    f"outdated: {article.source.shown} changed since this translation was "
                    f"stamped;{_diff_hint(project, article.id, lang)} bring it up to date, "
                    f"then run `multipub stamp {article.id} {lang}`"))
        if "article-language" in on:
            for version in (article.source, *(article.handwritten[k]
                                              for k in sorted(article.handwritten))):
                found = _language_finding(article, version, candidates, problems)
                if found is not None:
                    findings.append(found)
    if "tag-name" in on:
        findings += _tag_findings(project, problems)
    return findings, problems


def _tag_findings(project: Project, problems: list[Problem]) -> list[Finding]:
    """A hand-written name of a tag that differs from tags.po or an earlier translation's."""
    from ...site.tags import tag_names

    findings: list[Finding] = []
    for language in project.config.languages:
        if not any(language in article.handwritten for article in project.articles):
            continue
        try:
            names = tag_names(project, language)
        except MultipubError as exc:
            problems.extend(exc.problems)
            continue
        for c in names.conflicts:
            findings.append(Finding.make(
                "tag-name", "warning", c.path, c.line,
                f"tag {c.source!r} is {c.name!r} here but {c.other_name!r} in {c.other}; "
                f"the pages of {_name(language)} show {c.shown!r}"))
    return findings


def _language_finding(article: Article, version: Version, candidates: Sequence[str],
                      problems: list[Problem]) -> Finding | None:
    from ...content.segment import segment_document
    from ..langid import detect_texts, same_language

    try:
        segments = segment_document(version.text, version.shown, article.syntax)
    except MultipubError as exc:
        problems.extend(exc.with_path(version.shown).problems)
        return None
    cands = tuple(dict.fromkeys([*candidates, version.language]))
    found = detect_texts([s.text for s in segments], cands)
    if found.language is None or same_language(found.language, version.language):
        return None
    del article
    # the first segment in that language, where the editor should look (else the first)
    line = next((s.line for s in segments
                 if detect_texts([s.text], cands).language == found.language),
                segments[0].line if segments else None)
    return Finding.make(
        "article-language", "error", version.shown, line,
        f"the text is in {_name(found.language)} ({found.confidence:.0%} likely), but the file "
        f"name says {_name(version.language)}")
