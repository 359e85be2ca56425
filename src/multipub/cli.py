"""The ``multipub`` command line: a thin layer over the Python API.

Exit status: 0 success; 1 the check failed (error findings, ``--fail-under``
not met, ``update --check`` would change files); 2 bad usage or bad input,
with ``path:line: message`` on standard error and no traceback.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from . import __version__
from .errors import MultipubError, NotAvailableError, Problem, UsageError

if TYPE_CHECKING:
    from .commands.catalogs import CatalogChanges

F = TypeVar("F", bound=Callable[..., Any])

_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def project_option(func: F) -> F:
    """``-p/--project DIR`` on a command (default: the current folder)."""
    return click.option(
        "-p",
        "--project",
        "project",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("."),
        show_default=True,
        help="The project folder (the one with multipub.toml).",
    )(func)


def quiet_option(func: F) -> F:
    return click.option("-q", "--quiet", is_flag=True, help="Print nothing but problems.")(func)


@click.group(context_settings=_CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="multipub")
def cli() -> None:
    """Publish articles in several languages through gettext catalogues.

    \b
    Typical session:
      multipub init mysite --source pl --languages ru,be
      multipub extract -p mysite    # templates (.pot) from articles and templates
      multipub update -p mysite     # create or merge the .po files for translators
      multipub status -p mysite     # what is complete, partial, outdated, missing
      multipub check -p mysite      # quality findings for translators and CI
      multipub build -p mysite      # the multilingual site and localized Markdown
      multipub serve -p mysite      # live preview: rebuilds and reloads on every save
      multipub diff ARTICLE LANG    # source changes since a translation was stamped

    Exit status: 0 success, 1 a check failed, 2 bad usage or bad input.
    """


@cli.command(context_settings=_CONTEXT)
@click.argument("folder", required=False, type=click.Path(path_type=Path), default=Path("."))
@click.option("--source", default="pl", show_default=True, help="Source language (CLDR code).")
@click.option("--languages", default="ru,be", show_default=True,
              help="Target languages, comma-separated.")
@click.option("--title", default=None,
              help="Site title (default: from the folder's name, e.g. mysite -> Mysite).")
def init(folder: Path, source: str, languages: str, title: str | None) -> None:
    """Create a new project in FOLDER with configuration, folders and a sample article."""
    from .commands.init import init_project

    targets = [code.strip() for code in languages.split(",") if code.strip()]
    written = init_project(folder, source=source, languages=targets, title=title)
    for path in written:
        click.echo(f"created {path}")
    click.echo(f"next: multipub extract -p {folder} && multipub update -p {folder}")


@cli.command(context_settings=_CONTEXT)
@project_option
@quiet_option
def extract(project: Path, quiet: bool) -> None:
    """Write locales/messages.pot and locales/articles/<id>.pot from the sources."""
    from .commands import catalogs

    with _timed("extract", quiet) as done:
        result = catalogs.extract(project)
        done(_summary(result))
    _left_out(result.problems, result.left_out)


@cli.command(context_settings=_CONTEXT)
@project_option
@click.option("-l", "--language", "languages", multiple=True,
              help="Only this language (repeatable).")
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 if a catalogue would change.")
@click.option("--compendium", "compendia", multiple=True, metavar="FILE",
              type=click.Path(path_type=Path),
              help="Also suggest translations from this compendium .po (repeatable).")
@quiet_option
def update(project: Path, languages: Sequence[str], check_only: bool,
           compendia: Sequence[Path], quiet: bool) -> None:
    """Create or merge every .po from the templates, losing no translation.

    Untranslated segments of articles get suggestions (fuzzy) from the
    translation memory: the other articles of the language and the compendia.
    """
    from .commands import catalogs

    with _timed("update", quiet) as done:
        result = catalogs.update(project, list(languages) or None, check=check_only,
                                 compendium=list(compendia))
        if check_only:
            for path in result.changed:
                click.echo(f"would change: {path}")
            if not result.changed:
                done("up to date")
        else:
            done(_summary(result))
    _left_out(result.problems, result.left_out)
    if check_only and result.changed:
        raise SystemExit(1)


@cli.command(name="compile", context_settings=_CONTEXT)
@project_option
@quiet_option
def compile_(project: Path, quiet: bool) -> None:
    """Write a .mo beside each .po (fuzzy entries left out)."""
    from .commands import catalogs

    with _timed("compile", quiet) as done:
        done(_summary(catalogs.compile_catalogs(project)))


@cli.command(context_settings=_CONTEXT)
@project_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "html", "svg"]),
              default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write to this file instead of standard output.")
@click.option("--fail-under", "fail_under", multiple=True, metavar="PCT|LANG=PCT",
              help="Exit 1 when a language is below PCT percent (repeatable).")
@click.option("-l", "--language", "languages", multiple=True,
              help="Only this target language (repeatable).")
@click.argument("articles", nargs=-1, metavar="[ARTICLE]...")
def status(project: Path, fmt: str, output: Path | None, fail_under: Sequence[str],
           languages: Sequence[str], articles: Sequence[str]) -> None:
    """Completeness of every article and catalogue (or of the ARTICLEs given), for editors."""
    from .quality import reports
    from .quality.status import status as project_status

    report = project_status(project, languages=list(languages) or None,
                            articles=list(articles) or None)
    below = reports.fail_under(report, fail_under)  # bad specs fail before any output
    if output is not None and fmt == "json":  # tens of megabytes for a large archive: streamed
        from .fsio import atomic_file

        with atomic_file(output) as fh:
            for piece in reports.iter_json(report):
                fh.write(piece.encode("utf-8"))
    elif output is not None:
        from .fsio import write_atomic

        write_atomic(output, reports.render_status(report, fmt).encode("utf-8"))
    else:
        reports.print_status(report, fmt)
    for language in below:
        click.echo(f"multipub: {language}: {report.total(language).percent:.1f}% is below "
                   "--fail-under", err=True)
    _problems(report.problems)
    if below:
        raise SystemExit(1)


@cli.command(context_settings=_CONTEXT)
@project_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]),
              default="text", show_default=True)
@click.option("--select", default=None, help="Only these check ids (comma-separated).")
@click.option("--ignore", default=None, help="Skip these check ids (comma-separated).")
def check(project: Path, fmt: str, select: str | None, ignore: str | None) -> None:
    """Quality findings for translators and CI (exit 1 on errors)."""
    from .quality.checks import check as check_project
    from .quality.checks import exit_status, render_findings

    report = check_project(project, select=_ids(select), ignore=_ids(ignore))
    click.echo(render_findings(report.findings, fmt), nl=False)
    for problem in report.problems:
        click.echo(str(problem), err=True)
    code = exit_status(report)
    if code:
        raise SystemExit(code)


@cli.command(context_settings=_CONTEXT)
@project_option
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: output_dir of multipub.toml).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes.")
@quiet_option
def build(project: Path, output: Path | None, jobs: int, quiet: bool) -> None:
    """Build the multilingual site and the localized Markdown."""
    from .commands.build import build as build_site

    with _timed("build", quiet) as done, _progress(quiet) as progress:
        result = build_site(project, output, jobs=jobs, progress=progress)
        langs = ", ".join(f"{code} {n}" for code, n in result.published.items())
        done(f"{result.pages} pages ({langs}): {result.written} written, "
             f"{result.unchanged} unchanged, {result.removed} removed, in {result.output}"
             + (" (no input changed)" if result.up_to_date else ""))
    left = set(result.left)
    for article, language in result.left:
        why = result.languages[language].off.get(article)
        click.echo(f"multipub: {language}: {article} is no longer on the site "
                   f"(the last build published it){f': {why}' if why else ''}", err=True)
    for article, language, why in result.off:
        if (article, language) not in left and why == "outdated = skip":
            click.echo(f"multipub: {language}: {article} is off the site: its source changed "
                       "(outdated = skip)", err=True)
    for article, language in result.outdated:
        click.echo(f"multipub: {language}: {article} is shown outdated: the original has "
                   "changed since it was translated", err=True)
    if result.search and not quiet:
        click.echo(f"multipub: {result.search}", err=True)
    for warning in result.fragments:
        click.echo(str(warning), err=True)
    _left_out(result.problems, result.left_out)


@cli.command(context_settings=_CONTEXT)
@project_option
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Build into this folder (default: a temporary one, removed on exit).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (another than localhost shows the site to others).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free one).")
def serve(project: Path, output: Path | None, host: str, port: int) -> None:
    """Preview the site: build, serve, rebuild on every save and reload the browser."""
    from .commands.serve import serve as serve_site

    def say(line: str) -> None:  # the address on standard output, at once; the rest on errors
        address = line.startswith("serving ")
        click.echo(line, err=not address)
        if address:
            sys.stdout.flush()

    with _terminate_as_interrupt():
        serve_site(project, output, host=host, port=port, say=say)


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Stop on SIGTERM as on Ctrl-C (so that ``serve`` cleans up either way)."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (tests): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@cli.command(context_settings=_CONTEXT)
@click.option("--expect", default=None, metavar="LANG",
              help="Exit 1 when a file is not in this language.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def detect(expect: str | None, paths: Sequence[Path]) -> None:
    """Tell the language of Markdown files or catalogues (be-Latn: Belarusian in Łacinka)."""
    from .quality.langid import same_language
    from .quality.langid_files import detect_file

    wrong = False
    for path in paths:
        found = detect_file(path)
        name = found.language or "undetermined"
        click.echo(f"{path}: {name} ({found.confidence:.2f})")
        wrong = wrong or (expect is not None and (
            found.language is None or not same_language(found.language, expect)))
    if wrong:
        raise SystemExit(1)


@cli.command(context_settings=_CONTEXT)
@project_option
@click.argument("article")
@click.argument("language")
def stamp(project: Path, article: str, language: str) -> None:
    """Record that the hand-written translation ARTICLE/LANGUAGE matches the current source."""
    from .commands.stamp import stamp as stamp_version
    from .project.model import load_project

    proj = load_project(project)
    changed = stamp_version(proj, article, language)
    version = proj.article(article).handwritten[language]
    click.echo(f"{'stamped' if changed else 'already current'}: {version.shown}")


@cli.group(context_settings=_CONTEXT)
def memory() -> None:
    """The translation memory: every translated segment of the project's articles."""


@memory.command(name="export", context_settings=_CONTEXT)
@project_option
@click.option("-l", "--language", "language", required=True, help="The target language.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
def memory_export(project: Path, language: str, output: Path | None) -> None:
    """Write the memory of LANGUAGE as a compendium .po (for msgmerge -C, Poedit, Weblate)."""
    from .commands.memory import export_memory

    data = export_memory(project, language)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        from .fsio import write_atomic

        write_atomic(output, data)


@cli.command(context_settings=_CONTEXT)
@project_option
@click.argument("article")
@click.argument("language")
def diff(project: Path, article: str, language: str) -> None:
    """Show what changed in the source since ARTICLE/LANGUAGE was stamped (a unified diff)."""
    from .commands.stamp import diff as source_diff

    text = source_diff(project, article, language)
    click.echo(text, nl=not text.endswith("\n"))


def _ids(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def _summary(result: CatalogChanges) -> str:
    return (f"{len(result.written)} written, {len(result.unchanged)} unchanged, "
            f"{len(result.removed)} removed")


def _left_out(problems: Sequence[Problem], left: Sequence[str]) -> None:
    """Report the documents a command left out and why, then exit 2 (nothing if none)."""
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        what = f"left out {', '.join(left)}" if left else "problems"
        click.echo(f"multipub: {what} (see above); everything else was done", err=True)
        raise SystemExit(2)


def _problems(problems: Sequence[Problem]) -> None:
    """Report problems of files that did not stop the command, then exit 2."""
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise SystemExit(2)


@contextlib.contextmanager
def _timed(command: str, quiet: bool) -> Iterator[Callable[[str], None]]:
    """Say at the end what the command did and how long it took (unless quiet)."""
    start = time.perf_counter()
    said: list[str] = []
    yield said.append
    if not quiet and said:
        click.echo(f"{command}: {said[-1]} ({time.perf_counter() - start:.2f} s)", err=True)


@contextlib.contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[str, int, int], None] | None]:
    """A rich progress bar on a terminal; nothing when piped or quiet."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        tasks: dict[str, Any] = {}

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield report


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status instead of raising SystemExit."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="multipub",
                 standalone_mode=False)
    except MultipubError as exc:
        for line in str(exc).splitlines():
            click.echo(f"multipub: {line}" if isinstance(exc, UsageError | NotAvailableError)
                       else line, err=True)
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    except click.ClickException as exc:
        exc.show()
        return 2
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        return 130
    except BrokenPipeError:
        return 0
    return 0


def run() -> NoReturn:
    """Entry point of the console script (and of ``python -m multipub``)."""
    # A command is one short process that builds large, long-lived structures (a
    # project, a plan, catalogues): collecting cycles every 700 allocations would
    # walk them again and again.  Loading and planning 1,000 articles allocates
    # some 150,000 of them, so a rebuild after an edit collects nothing.  (Library
    # users keep their own settings.)
    gc.set_threshold(200_000, 50, 50)
    leave(main())


def leave(code: int) -> NoReturn:
    """End the process with *code* once its output is flushed, without freeing its objects.

    By the time a command returns, every file it wrote is closed and every worker
    process has been waited for; what is left is hundreds of thousands of objects
    (a project, a plan, catalogues) that the interpreter would free one by one on
    the way out: tens of milliseconds at 1,000 articles, for nothing.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nobody to tell
            stream.flush()
    os._exit(code)
