"""Derived versions in the site: every published page of a language, in another script.

:func:`add_derived` takes a planned :class:`~multipub.site.plan.Site` and adds,
for each ``derived_languages`` entry of the configuration (``be-Latn`` from
``be``), a version of every published article of the base language.  Its text
is made from the base version's when the page is rendered
(:func:`multipub.content.derived.derive_document`), so it always shows the
current Belarusian text; its title, summary and caption are transliterated;
its slugs are made from the transliterated title, unique in its own folder
(``be-Latn/<slug>/``); its tags are the base language's, named in the script.
A derived version is a version like the others: in the switcher, ``hreflang``,
the sitemap and the feeds.  A fallback page of the base language (``fallback =
"fallback"``) is one of the derived language too, never advertised.
Catalogue-backed versions of the base language that are not on the site are not
in the derived language either (``off`` says why).

May import :mod:`multipub.site.plan`, :mod:`multipub.content` and the shared modules.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

from ..content.derived import SCRIPTS, derive_document
from ..content.slug import RESERVED, slugify, unique_slug
from ..content.syntax import DEFAULT_SYNTAX, MarkdownSyntax
from ..project.derived import DerivedLanguage
from ..project.model import Project
from .plan import Entry, Image, LazyText, Site, Tag

__all__ = ["add_derived", "derived_entry"]


def add_derived(project: Project, site: Site) -> Site:
    """*site* with the versions of every configured derived language added."""
    derived = project.config.derived_languages
    if not derived:
        return site
    languages = list(site.languages)
    entries = dict(site.entries)
    tags = {code: dict(found) for code, found in site.tags.items()}
    versions = {article: dict(found) for article, found in site._versions.items()}
    off = {code: dict(found) for code, found in site.off.items()}
    for lang in derived:
        if lang.source not in entries:
            continue
        made_tags = _tags(lang, site.tags.get(lang.source, {}))
        made = _entries(lang, entries[lang.source], made_tags, project.config.markdown)
        languages.insert(languages.index(lang.source) + 1, lang.code)
        entries[lang.code] = made
        tags[lang.code] = {key: tag for key, tag in made_tags.items()
                           if any(key in e.tags for e in made)}
        for entry in made:
            if not entry.fallback:
                versions.setdefault(entry.article_id, {})[lang.code] = entry.path
        off[lang.code] = {article: f"{lang.source} is not on the site: {why}"
                          for article, why in site.off.get(lang.source, {}).items()}
    return dataclasses.replace(site, languages=tuple(languages), entries=entries, tags=tags,
                               _versions=versions, off=off)


def _convert(lang: DerivedLanguage) -> Callable[[str], str]:
    script = SCRIPTS[lang.script]
    return lambda text: script.transliterate(text, ())


def _tags(lang: DerivedLanguage, base: Mapping[str, Tag]) -> dict[str, Tag]:
    """The base language's tags, named in the script, with slugs of their own."""
    convert = _convert(lang)
    taken: set[str] = set()
    found: dict[str, Tag] = {}
    for key, tag in base.items():
        name = convert(tag.name)
        slug = unique_slug(slugify(name, lang.code, fallback="tag"), taken)
        taken.add(slug)
        found[key] = Tag(tag.source, name, slug, f"{lang.code}/tag/{slug}/")
    return found


def _entries(lang: DerivedLanguage, base: tuple[Entry, ...],
             tags: Mapping[str, Tag],
             syntax: MarkdownSyntax = DEFAULT_SYNTAX) -> tuple[Entry, ...]:
    """The derived entries, newest first as *base*; slugs claimed oldest article first.

    A fallback page of the base language (the source text, shown where the translation
    is missing) is a fallback page of the derived language too, with the source's text.
    """
    taken = set(RESERVED)
    slugs: dict[str, str] = {}
    for entry in sorted(base, key=lambda e: (e.fallback, e.date, e.article_id)):
        title = entry.title if entry.fallback else _convert(lang)(entry.title)
        language = entry.content_language if entry.fallback else lang.code
        slugs[entry.article_id] = unique_slug(
            slugify(title, language, fallback=entry.article_id), taken)
        taken.add(slugs[entry.article_id])
    return tuple(_fallback(lang, e, slugs[e.article_id]) if e.fallback
                 else derived_entry(lang, e, slugs[e.article_id], syntax) for e in base)


def _fallback(lang: DerivedLanguage, entry: Entry, slug: str) -> Entry:
    """A fallback page of the base language, under the derived language's URL."""
    return dataclasses.replace(entry, language=lang.code, slug=slug,
                               path=f"{lang.code}/{slug}/")


def derived_entry(lang: DerivedLanguage, entry: Entry, slug: str,
                  syntax: MarkdownSyntax = DEFAULT_SYNTAX) -> Entry:
    """*entry* (a version in ``lang.source``) as the derived language shows it."""
    convert = _convert(lang)
    base = entry.source_text
    shown = f"{lang.source}.md"

    def text() -> str:
        return derive_document(base.text, shown, lang.script, front_matter=False,
                               syntax=syntax)

    image = entry.image
    if image is not None:
        image = Image(image.path, convert(image.alt), convert(image.caption),
                      convert(image.credit))
    return dataclasses.replace(
        entry,
        language=lang.code,
        content_language=lang.code,
        mode="derived",
        slug=slug,
        path=f"{lang.code}/{slug}/",
        title=convert(entry.title),
        summary=convert(entry.summary),
        image=image,
        text_key=f"derived {lang.script} {entry.text_key}" if entry.text_key else "",
        source_text=LazyText(text),
    )
