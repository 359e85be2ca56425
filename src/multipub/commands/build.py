"""``multipub build``: the multilingual static site and the localized Markdown.

:func:`build` reads as the build's steps:

0. **Nothing changed?** When the digest of every input
   (:mod:`multipub.cache.inputs`) equals the one the last build recorded and the
   output is as that build left it, there is nothing to do.
1. **Plan** (:func:`~multipub.site.plan.plan_site`): every published version of
   every article in every language, with its slug, title, tags and lead
   photo.  Catalogue-backed texts come from the build cache
   (:class:`~multipub.cache.localized.LocalizedCache`): an unchanged source and
   catalogue are not merged again; missing ones are computed by ``jobs``
   processes.
2. **Article pages** (:class:`~multipub.site.pages.Pages`): for each page, the
   *dependency key*, a hash of
   everything it shows (its text, front matter, the versions in the
   switcher, its tags) and of what shapes it (templates, UI catalogue of its
   language, configuration, multipub's code).  A page whose key and file are
   unchanged since the last build is neither rendered nor read; the others
   get their Markdown body rendered and sanitised and go through the theme's
   templates, in ``jobs`` processes when there are many.
3. **Listings**: paginated indexes, tag pages and the root language choice,
   keyed the same way.
4. **Feeds**, the **sitemap**, **localized Markdown**, **assets** (once per
   article under ``assets/<id>/``) and the stylesheet.  The sitemap is keyed
   by the URLs, dates and language versions it lists, localized Markdown by
   its entry, assets by their input's hash; feeds and the stylesheet are
   cheap, so made every time and compared by content hash.
5. **Finish**: files an earlier build wrote that this one did not are
   removed; ``.multipub-manifest.json`` records every file with its key and
   content hash (:class:`~multipub.cache.output.Output`).

Every file goes through :func:`~multipub.fsio.write_atomic_stat` (unchanged
files are not touched; pages are not flushed to disk one by one: the site can
be made again, and the next build notices a damaged file by its manifest).
Output layout (``<lang>`` is the language code, URLs end in ``/``)::

    index.html                      language choice
    <lang>/index.html               newest articles, then <lang>/page/<n>/index.html
    <lang>/<slug>/index.html        an article
    <lang>/tag/<tag-slug>/index.html
    <lang>/feed.xml                 Atom
    sitemap.xml, style.css
    assets/<article-id>/<file>      shared by every language
    markdown/<lang>/<article-id>.md the article's Markdown with a reader's front matter
                                    (:func:`~multipub.site.pages.reader_markdown`)

Every page is a pure function of its inputs: no clock, no randomness, so
two builds of the same project give the same bytes, and an incremental
build gives the bytes of a clean one.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..cache.fingerprints import Fingerprints
from ..cache.inputs import (
    Inputs,
    InputsAhead,
    Summary,
    default_output,
    digest,
    has_digest,
    read_inputs,
    up_to_date,
)
from ..cache.localized import LocalizedCache
from ..cache.output import MANIFEST, Output, Record, stats_path, store
from ..content.segment import analyse
from ..errors import ConfigError, PathError, Problem
from ..fsio import SafeFolder, fork_context, inside
from ..languages import get_language
from ..project.config import CONFIG_NAME
from ..project.model import Project, ProjectLike, load_project
from ..site.anchors import fragment_problems
from ..site.derived import add_derived
from ..site.feeds import site_feeds, site_sitemaps, sitemap_key
from ..site.images import ImageSet, Picture, image_sources
from ..site.pages import Pages, Progress, Task, assets, localized_markdown
from ..site.plan import Entry, Image, Site, Tag, plan_site
from ..site.search import EXTRA_HINT, pagefind_files, pagefind_version, search_setting
from ..site.templates import Theme

if TYPE_CHECKING:  # a process pool is imported when one is started
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = ["MANIFEST", "BuildReport", "Entry", "Image", "LanguageReport", "Site", "Tag", "build",
           "plan_site"]

PARALLEL_MIN = 24
"""Fewer article pages than this to render are rendered in the main process."""


@dataclass(frozen=True)
class LanguageReport:
    """What a build did for one language."""

    language: str
    published: int
    """Article versions on the site in this language (fallback pages not counted)."""
    fallbacks: int = 0
    """Pages shown in the source language in place of a missing translation."""
    written: int = 0
    """Files of this language written (its pages, feed and localized Markdown)."""
    removed: int = 0
    """Files of this language an earlier build made that this one removed."""
    left: tuple[str, ...] = ()
    """Ids of the articles the previous build published in this language and this one
    did not (a translation fell below the threshold, a file was removed, ...)."""
    outdated: tuple[str, ...] = ()
    """Ids of the articles published in this language with the notice that the original
    has changed (a hand-written translation older than its source, or a catalogue-backed
    one kept by ``outdated = "keep"`` or ``"fallback"``)."""
    off: Mapping[str, str] = field(default_factory=dict)
    """Catalogue-backed versions of this language not on the site: article id -> why
    (``"outdated = skip"``, ``"below publish_threshold 100%: 92.3%"``), every build."""

    def __repr__(self) -> str:
        left = f", left: {', '.join(self.left)}" if self.left else ""
        outdated = f", outdated: {', '.join(self.outdated)}" if self.outdated else ""
        return (f"<LanguageReport {self.language}: {self.published} published, "
                f"{self.written} written, {self.removed} removed{left}{outdated}>")


@dataclass(frozen=True)
class BuildReport:
    """What :func:`build` did: files written, unchanged and removed, per language too."""

    output: Path
    written: int
    unchanged: int
    removed: int
    pages: int
    """HTML pages of the site."""
    published: Mapping[str, int] = field(default_factory=dict)
    """Published article versions per language (fallback pages not counted)."""
    fallbacks: Mapping[str, int] = field(default_factory=dict)
    """Fallback pages per language."""
    rendered: int = 0
    """HTML pages rendered through the templates (the others were kept as they were)."""
    up_to_date: bool = False
    """No input had changed since the last build: nothing was loaded, read or written."""
    languages: Mapping[str, LanguageReport] = field(default_factory=dict)
    """The same per language of the site (source language first)."""
    search: str = ""
    """Why the site has no search pages (``""``: it has them, or no input changed)."""
    problems: tuple[Problem, ...] = ()
    """Why the articles of :attr:`left_out` are not on the site (``path:line: message``);
    the build made everything else.  The command line prints them and exits with 2."""
    left_out: tuple[str, ...] = ()
    """The article folders (``content/<name>``) left out for their :attr:`problems`."""
    fragments: tuple[Problem, ...] = ()
    """Warnings: links to a ``#fragment`` (on the page or another one of the site) that
    no heading or anchor of the target page has, at the line of the file that holds
    the link (see :func:`~multipub.site.anchors.fragment_problems`)."""

    @property
    def files(self) -> int:
        """Files of the site (written or unchanged)."""
        return self.written + self.unchanged

    @property
    def left(self) -> tuple[tuple[str, str], ...]:
        """``(article id, language)`` of every version that left the site in this build."""
        return tuple((article, code) for code, report in self.languages.items()
                     for article in report.left)

    @property
    def outdated(self) -> tuple[tuple[str, str], ...]:
        """``(article id, language)`` of every version shown with the outdated notice."""
        return tuple((article, code) for code, report in self.languages.items()
                     for article in report.outdated)

    @property
    def off(self) -> tuple[tuple[str, str, str], ...]:
        """``(article id, language, why)`` of every catalogue-backed version not on the
        site."""
        return tuple((article, code, why) for code, report in self.languages.items()
                     for article, why in report.off.items())

    def __repr__(self) -> str:
        langs = ", ".join(f"{code} {n}" for code, n in self.published.items())
        state = " (no input changed)" if self.up_to_date else ""
        return (f"<BuildReport {self.output}: {self.pages} pages ({langs}), "
                f"{self.written} written, {self.unchanged} unchanged, "
                f"{self.removed} removed{state}>")


def build(project: ProjectLike, out: str | os.PathLike[str] | None = None, *, jobs: int = 1,
          progress: Progress | None = None,
          inputs: Inputs | InputsAhead | None = None) -> BuildReport:
    """Build the site of *project* into *out* (default: the configured output folder).

    *project* is a loaded :class:`~multipub.project.model.Project` or its folder.  Given
    the folder, the build first asks whether any input changed since the last build
    into *out* (a digest of every input, compared with the one that build recorded):
    if none did, it returns at once, without loading the project
    (:attr:`BuildReport.up_to_date`).  With *jobs* > 1, pages are rendered and
    catalogue-backed texts merged by that many processes.  *progress* is called as
    ``progress(stage, done, total)``.

    *inputs* is for callers that load the project themselves:
    :func:`~multipub.cache.inputs.read_inputs` of the project if the caller read them
    before loading it and found with :func:`~multipub.cache.inputs.up_to_date` that the
    output is not up to date, or :class:`~multipub.cache.inputs.InputsAhead` started
    before loading it; otherwise they are read and checked here.
    """
    target = Path(out) if out is not None else None
    if isinstance(project, Project):
        return _build(project, target, jobs, progress, inputs)
    root = Path(project)
    if inputs is None and root.is_dir():
        guess = target if target is not None else default_output(root)
        if guess is not None:
            if jobs > 1 and not has_digest(guess):  # it will build: read them while it loads
                inputs = InputsAhead.start(root)
            else:
                inputs = read_inputs(root)
                same = up_to_date(root, guess, inputs) if inputs else None
                if same is not None:
                    return _unchanged(guess, same)
    try:
        read = inputs if isinstance(inputs, Inputs) else None
        loaded = load_project(root, jobs, read.markdown if read else None,
                              read.files if read else None, strict=False)
    except BaseException:
        if isinstance(inputs, InputsAhead):
            inputs.cancel()
        raise
    return _build(loaded, target, jobs, progress, inputs)


def _unchanged(out: Path, summary: Summary) -> BuildReport:
    """The report of a build that found no input changed since the last one."""
    languages = {code: LanguageReport(code, count, summary.fallbacks.get(code, 0),
                                      outdated=tuple(summary.outdated.get(code, ())),
                                      off=summary.off.get(code, {}))
                 for code, count in summary.published.items()}
    return BuildReport(output=out, written=0, unchanged=summary.files, removed=0,
                       pages=summary.pages, published=summary.published,
                       fallbacks=summary.fallbacks, rendered=0, up_to_date=True,
                       languages=languages)


def _build(project: Project, out: Path | None, jobs: int, progress: Progress | None,
           inputs: Inputs | InputsAhead | None) -> BuildReport:
    """:func:`build` of a loaded project: the steps of the module docstring."""
    configured = out is None
    out = out if out is not None else project.output_dir
    _check_output(project, out, configured)
    report = progress or (lambda stage, done, total: None)

    # 0. Nothing changed since the last build (by the inputs digest): nothing to do.
    checked = inputs is not None  # the caller already asked up_to_date
    if isinstance(inputs, InputsAhead):
        inputs = inputs.result()
    elif inputs is None:
        inputs = read_inputs(project.root)
    if inputs is not None and not inputs.verified and not _consistent(project, inputs):
        inputs = None  # a file changed since the project was loaded: no digest this time
    if inputs is not None:
        inputs.markdown.clear()  # checked; the project holds the texts
    summary = up_to_date(project.root, out, inputs) if inputs and not checked else None
    if summary is not None:
        return _unchanged(out, summary)

    # 1. What exists: the published versions, slugs, tags.
    prints = Fingerprints(project)
    cache = LocalizedCache(project, prints.code, inputs)
    cache.prefetch(project, jobs)
    site = add_derived(project, plan_site(project, cache))  # be-Latn made from be
    cache.save()
    analyse.cache_clear()  # the segments of every source: not needed to render
    report("plan", 1, 1)

    images = _images(project, inputs, jobs, prints.code)
    report("images", images.processed, len(images.pictures))

    pages = site_pages(project, site, images.pictures, prints)
    theme = pages.theme
    output = Output(out, stats=stats_path(project, out))
    pool: ProcessPoolExecutor | None = None
    try:
        # 2. Article pages whose inputs changed, by *jobs* processes when many.
        todo = [(code, index, name, key) for code, index, name, key in pages.article_keys()
                if not output.fresh(name, key)]
        rendered = len(todo)
        if todo:
            output.begin()
        pool, futures = _start_articles(pages, output, todo, jobs)
        if pool is None:
            for done, (code, index, name, key) in enumerate(todo, 1):
                output.put(name, pages.article(site.entries[code][index]), key)
                if done % 100 == 0 or done == len(todo):
                    report("pages", done, len(todo))

        # 3. Listings and the root page (meanwhile the workers render articles).
        for name, key, make in pages.listings():
            if not output.fresh(name, key):
                output.put(name, make(), key)
                rendered += 1

        # 4. Feeds, sitemap, localized Markdown, assets, stylesheet: compared by content.
        names = {code: pages.site_name(get_language(code)) for code in site.languages}
        for name, data in site_feeds(site, names):
            output.put(name, data)
        for name, data in pages.news.feeds(names):
            output.put(name, data)
        key = digest(prints.code, sitemap_key(site))
        parts = [name for name in output.previous if _SITEMAP_PART.fullmatch(name)]
        if not output.fresh_all(["sitemap.xml", *parts], key):
            for name, data in site_sitemaps(site):
                output.put(name, data, key)
        # (keyed by the code too: a change of multipub rewrites them)
        for name, key, make in localized_markdown(site, pages.entry_digest):
            key = digest(prints.code, key)
            if not output.fresh(name, key):
                output.put(name, make(), key)
        for name, key, make in assets(site, project.root, inputs, images.pictures):
            key = digest(prints.code, key) if key else ""
            if not key or not output.fresh(name, key):
                output.put(name, make(), key)
        _write_images(images, output)
        output.put("style.css", theme.static("style.css"))

        if pool is not None:
            _collect_articles(pool, futures, output, report)
        if pages.search:
            output.put("search.js", theme.static("search.js"))
            _write_search(site, output, prints.code)
            report("search", 1, 1)
    except BaseException:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        output.abort()
        raise

    # 5. Remove what is stale, record what we made (and from which inputs, if none
    #    changed while we read them).
    pages_made = sum(1 for name in output.records if name.endswith(".html"))
    versions = {lang: [e.article_id for e in site.entries[lang] if not e.fallback]
                for lang in site.languages}
    published = {lang: len(ids) for lang, ids in versions.items()}
    fallbacks = {lang: sum(1 for e in site.entries[lang] if e.fallback)
                 for lang in site.languages}
    extra: dict[str, Any] = {}
    if inputs is not None and inputs.unchanged(project.root) and not project.problems:
        extra["inputs"] = inputs.digest  # (with articles left out, the next build tries again)
    outdated = {lang: sorted(e.article_id for e in site.entries[lang] if e.outdated
                             and not e.fallback) for lang in site.languages}
    extra["summary"] = {"pages": pages_made, "published": published, "fallbacks": fallbacks,
                        "versions": {lang: sorted(ids) for lang, ids in versions.items()},
                        "outdated": outdated,
                        "off": {lang: dict(site.off.get(lang, {})) for lang in site.languages}}
    try:
        removed = output.finish(extra=extra)
    except BaseException:
        output.abort()
        raise
    report("write", len(output.records), len(output.records))
    fragments = fragment_problems(project, site, out, sorted(output.records))
    before = _versions(output.previous_summary)
    written_in = Counter(map(_language_of, output.written_names))
    removed_in = Counter(map(_language_of, output.removed_names))
    languages = {}
    for lang in site.languages:
        now = set(versions[lang])
        languages[lang] = LanguageReport(
            lang, published[lang], fallbacks[lang],
            written=written_in[lang], removed=removed_in[lang],
            left=tuple(sorted(i for i in before.get(lang, ()) if i not in now)),
            outdated=tuple(outdated[lang]), off=dict(site.off.get(lang, {})))
    return BuildReport(
        output=out,
        written=output.written,
        unchanged=output.unchanged,
        removed=removed,
        pages=pages_made,
        published=published,
        fallbacks=fallbacks,
        rendered=rendered,
        languages=languages,
        search="" if pages.search else _no_search(project),
        problems=project.problems,
        left_out=project.left_out,
        fragments=fragments,
    )


_SITEMAP_PART = re.compile(r"sitemap-[1-9][0-9]*\.xml")
"""The parts of a sitemap of more URLs than one file may list (:func:`site_sitemaps`)."""


def site_pages(project: Project, site: Site, pictures: Mapping[str, Picture],
               prints: Fingerprints) -> Pages:
    """The pages of *site* as the build renders them: the project's theme, Markdown
    extensions, processed images (*pictures*) and search setting."""
    theme = Theme(project.templates_dir, project.locales_dir, project.shown)
    pages = Pages(site, theme, trusted=project.config.trusted_html, prints=prints,
                  syntax=project.config.markdown, images=pictures)
    pages.search = search_setting(project.config)
    return pages


def _images(project: Project, inputs: Inputs | None, jobs: int, code: str) -> ImageSet:
    """Every image of the articles processed (variants, WebP, no metadata), each image
    content once: from the cache, or by *jobs* processes (:mod:`multipub.site.images`)."""
    images = ImageSet(project.root, project.config.site.image_widths, code)
    images.prepare(image_sources(project, inputs), jobs)
    return images


def _write_images(images: ImageSet, output: Output) -> None:
    """The files of the processed images: hard links to the cached ones (none is read)."""
    for name, key, file, hash in images.outputs():
        if not output.fresh(name, key):
            output.link(name, file, key, hash)


def _write_search(site: Site, output: Output, code: str) -> None:
    """``pagefind/``: the Pagefind index of the published article pages as this build left
    them, made again only when one of them changed (:mod:`multipub.site.search`)."""
    names = [e.path + "index.html" for lang in site.languages for e in site.entries[lang]
             if not e.fallback]
    key = digest(code, "pagefind", pagefind_version(),
                 *(f"{name} {output.records[name].hash}" for name in names))
    before = {name: record for name, record in output.previous.items()
              if name.startswith("pagefind/")}
    if before and all(r is not None and r.key == key for r in before.values()) and all(
            output.fresh(name, key) for name in before):
        return
    for name in before:  # (some may have been kept by the check above)
        if output.records.pop(name, None) is not None:
            output.unchanged -= 1
    if not names:  # no article on the site (all left out): nothing to index
        return
    pages = [(name.removesuffix("index.html"), (output.root / name).read_bytes())
             for name in names]
    for name, data in pagefind_files(pages).items():
        output.put(name, data, key)


def _no_search(project: Project) -> str:
    """Why a build made no search pages."""
    if project.config.site.search is False:
        return "search is off ([search] enabled = false)"
    return ("no search pages: Pagefind, the optional `search` extra, is not installed "
            f"({EXTRA_HINT})")


def _versions(summary: Any) -> dict[str, list[str]]:
    """The published article ids per language a manifest's summary lists (none if absent)."""
    found = summary.get("versions") if isinstance(summary, dict) else None
    if not isinstance(found, dict):
        return {}
    return {str(lang): [str(i) for i in ids] for lang, ids in found.items()
            if isinstance(ids, list)}


def _language_of(name: str) -> str | None:
    """The language an output file belongs to (``None``: the whole site's, or an asset).

    >>> _language_of("ru/a/index.html"), _language_of("markdown/be/a.md"), _language_of("x.css")
    ('ru', 'be', None)
    """
    first, _, rest = name.partition("/")
    if first == "markdown":
        first, _, rest = rest.partition("/")
    return first if rest and first not in ("assets", "markdown") else None


def _consistent(project: Project, inputs: Inputs) -> bool:
    """Whether the Markdown files *inputs* read are the ones *project* was loaded from
    (by the hashes of their bytes)."""
    loaded = {version.shown: version for article in project.articles
              for version in (article.source, *article.handwritten.values())}
    on_disk = {name for name in inputs.files
               if name.startswith("content/") and name.endswith(".md")
               and not any(part.startswith(".") for part in name.split("/"))}
    if set(loaded) != on_disk:
        return False
    return all(version.digest and inputs.files.get(name) == version.digest
               for name, version in loaded.items())


def _check_output(project: Project, out: Path, configured: bool) -> None:
    """Refuse an output folder that holds the project or lies in its sources.

    When the folder comes from ``output_dir`` of ``multipub.toml`` the error
    names that line; when it comes from ``-o`` it names the folder.
    """
    root = project.root.resolve()
    target = out.resolve()
    name = project.config.output_dir if configured else str(out)
    problem: str | None = None
    if target == root or root.is_relative_to(target):
        problem = f"the output folder {name} would contain the project; choose another"
    for source in (project.content_dir, project.locales_dir, project.templates_dir):
        if problem is None and inside(target, source):
            problem = f"the output folder {name} lies inside {project.shown(source)}/"
    if problem is None:
        return
    if configured:
        raise ConfigError(f"output_dir: {problem}", path=CONFIG_NAME,
                          line=project.config.lines.get("output_dir"))
    raise PathError(problem, path=str(out))


# -- article pages in worker processes ---------------------------------------------------------
_WORKER: dict[str, Any] = {}


def _init_worker(pages: Pages, root: Path, new: bool) -> None:
    # *pages* is the parent's, inherited by fork with its compiled templates
    _WORKER["pages"] = pages
    _WORKER["out"] = SafeFolder(root)
    _WORKER["new"] = new


def _article_chunk(tasks: Sequence[Task]) -> list[tuple[str, bool, Record]]:
    pages: Pages = _WORKER["pages"]
    out: SafeFolder = _WORKER["out"]
    new: bool = _WORKER["new"]
    done = []
    for code, index, name, key in tasks:
        data = pages.article(pages.site.entries[code][index])
        target = Output.safe_target(out, name)
        written, record = store(target, data, key, new)
        done.append((name, written, record))
    return done


def _start_articles(pages: Pages, output: Output, todo: Sequence[Task],
                    jobs: int) -> tuple[ProcessPoolExecutor | None,
                                        list[Future[list[tuple[str, bool, Record]]]]]:
    """Submit the article pages to *jobs* worker processes (``None``: render them here)."""
    context = fork_context()  # workers inherit *pages* (templates, renderers): no pickling
    if jobs < 2 or len(todo) < PARALLEL_MIN or context is None:
        return None, []
    entries = pages.site.entries  # an article's versions together, its source first: a
    todo = sorted(todo, key=lambda t: entries[t[0]][t[1]].article_id)  # worker has its ids
    folder = SafeFolder(output.root)
    for _, _, name, _ in todo:  # refuse a path that leaves the folder before any worker starts
        Output.safe_target(folder, name)
    pages.prepare("article.html")  # made once here, not once per worker
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                               initializer=_init_worker,
                               initargs=(pages, output.root, output.staged is not None))
    size = max(4, min(64, len(todo) // (jobs * 8)))
    futures = [pool.submit(_article_chunk, todo[i:i + size]) for i in range(0, len(todo), size)]
    return pool, futures


def _collect_articles(pool: ProcessPoolExecutor,
                      futures: Sequence[Future[list[tuple[str, bool, Record]]]],
                      output: Output, report: Progress) -> None:
    total = sum(1 for _ in futures)
    try:
        for done, future in enumerate(futures, 1):
            for name, written, record in future.result():
                output.add(name, written, record)
            report("pages", done, total)
    finally:
        pool.shutdown(cancel_futures=True)


# -- 5. writing ------------------------------------------------------------------------------
def write_output(out: Path, files: Mapping[str, bytes],
                 report: Progress | None = None) -> tuple[int, int, int]:
    """Write *files* under *out*; remove files the previous build wrote and this one did not.

    Returns ``(written, unchanged, removed)``.
    """
    output = Output(out)
    total = len(files)
    try:
        for done, name in enumerate(sorted(files), 1):
            output.put(name, files[name])
            if report is not None and (done % 200 == 0 or done == total):
                report("write", done, total)
    except BaseException:
        output.abort()
        raise
    removed = output.finish()
    return output.written, output.unchanged, removed
