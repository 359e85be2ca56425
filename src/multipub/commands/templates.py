"""Templates (``.pot``) computed from a project's sources, in memory.

Three kinds of template, each a :class:`~multipub.gettext.catalog.Catalog` with the
dateless header of :func:`~multipub.gettext.catalog.make_template_header`
(``Project-Id-Version`` from :func:`project_id`, ``Language`` the source
language), so the same sources always give the same bytes:

:func:`article_template`
    ``locales/articles/<id>.pot``: the segments of the source article
    (:func:`multipub.content.segment.segment_document`), one entry per distinct
    ``(context, text)`` in order of first appearance, with a reference
    ``content/<id>/pl.md:LINE`` per occurrence, an extracted comment naming
    the block kind(s) (``#. heading``) and one per translator note of a
    ``<!-- multipub: note ... -->`` directive.
:func:`tags_template`
    ``locales/tags.pot``: every tag name of every source article once,
    referenced to each article file and line (``#. tag``), sorted by name
    (case-folded, then exact) so the order never depends on the articles.
:func:`ui_template`
    ``locales/messages.pot``: the UI strings of the Jinja2 templates, found
    by Babel's extraction with Jinja2's ``babel_extract`` (``_()``,
    ``gettext``, ``ngettext``, ``pgettext``, ``npgettext``, ``{% trans %}``
    with ``count`` giving a plural entry), and the site ``title`` of
    ``multipub.toml``.  Templates come from the default theme and from the
    project's ``templates/`` folder; a project template with the same
    relative name as a theme template replaces it.  References: project
    files relative to the project (``templates/base.html:12``), theme files
    as ``multipub:templates/base.html:12`` (the ``multipub:`` prefix says "in
    the installed package").  Comments starting with ``Translators:`` next to
    a call become extracted comments (Jinja2 drops the tag itself);
    ``python-format`` is set where Babel detects ``%(name)s`` placeholders.

Only files whose suffix is in :data:`TEMPLATE_SUFFIXES` are scanned.  A
template with a syntax error raises :class:`~multipub.errors.TemplateError`
naming the file and line.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from babel.messages.catalog import Message as BabelMessage
from babel.messages.extract import DEFAULT_KEYWORDS
from babel.messages.extract import extract as babel_extract_messages
from jinja2 import TemplateSyntaxError
from jinja2.ext import babel_extract

from ..content.segment import Segment, analyse, merge_duplicates, tags_of
from ..content.syntax import DEFAULT_SYNTAX, MarkdownSyntax
from ..errors import TemplateError
from ..fsio import decode_utf8
from ..gettext.catalog import Catalog, Message, make_template_header
from ..project.config import CONFIG_NAME
from ..project.model import Article, Project
from ..project.site_config import table_key_line

__all__ = [
    "COMMENT_TAGS",
    "TEMPLATE_SUFFIXES",
    "THEME_PREFIX",
    "TemplateSource",
    "all_templates",
    "article_template",
    "messages_from_templates",
    "project_id",
    "source_segments",
    "tags_template",
    "template_sources",
    "theme_dir",
    "ui_template",
]

TEMPLATE_SUFFIXES = frozenset({".html", ".htm", ".xml", ".txt", ".j2", ".jinja", ".jinja2"})
"""File suffixes scanned for UI strings (``style.css`` and images are not)."""
THEME_PREFIX = "multipub:templates/"
"""How references name a file of the default theme."""
COMMENT_TAGS = ("Translators:",)
"""``{# Translators: ... #}`` before a call becomes an extracted comment (tag removed)."""

_JINJA_OPTIONS = {"silent": "false", "newstyle_gettext": "true", "encoding": "utf-8"}
_TITLE_LINE = re.compile(r"^\s*(?:title|\"title\")\s*=", re.M)


@dataclass(frozen=True)
class TemplateSource:
    """A Jinja2 template to extract from: its reference name and its bytes."""

    name: str
    """The reference name, e.g. ``templates/base.html`` or ``multipub:templates/base.html``."""
    data: bytes


def project_id(project: Project) -> str:
    """The ``Project-Id-Version`` of *project*'s catalogues: its ``title`` and
    ``version`` from ``multipub.toml`` (the folder's name without a title)."""
    config = project.config
    name = config.title.strip() or project.root.name or "multipub"
    return f"{name} {config.version}" if config.version else name


def _header(project: Project) -> Message:
    return make_template_header(project_id(project), project.config.source_language)


# -- articles -------------------------------------------------------------------------
def source_segments(text: str, shown: str,
                    syntax: MarkdownSyntax = DEFAULT_SYNTAX) -> tuple[Segment, ...]:
    """The segments of a source, computed once per text (:func:`~.segment.analyse`)."""
    return analyse(text, shown, syntax)[0]


def article_template(project: Project, article: Article) -> Catalog:
    """The template of one article's source version (see the module docs)."""
    source = article.source
    segments = source_segments(source.text, source.shown, project.config.markdown)
    messages = []
    for unit in merge_duplicates(segments):
        messages.append(
            Message(
                unit.text,
                msgctxt=unit.context,
                references=[f"{source.shown}:{line}" for line in unit.lines],
                extracted_comments=[*unit.kinds, *unit.notes],
            )
        )
    return Catalog(header=_header(project), messages=messages)


# -- tags -----------------------------------------------------------------------------
def tags_template(project: Project) -> Catalog:
    """Every tag name of every source article once, sorted by name."""
    refs: dict[str, list[str]] = {}
    for article in project.articles:
        source = article.source
        for name, line in tags_of(source.doc, source.shown):
            refs.setdefault(name, []).append(f"{source.shown}:{line}")
    messages = [
        Message(name, references=refs[name], extracted_comments=["tag"])
        for name in sorted(refs, key=lambda n: (n.casefold(), n))
    ]
    return Catalog(header=_header(project), messages=messages)


# -- UI strings -----------------------------------------------------------------------
def theme_dir() -> Path:
    """The folder of the default theme's templates, inside the package."""
    return Path(__file__).resolve().parents[1] / "templates"


def template_sources(project: Project, theme: Path | None = None) -> list[TemplateSource]:
    """The templates to scan, sorted by relative name; project files replace theme files."""
    found: dict[str, TemplateSource] = {}
    for rel, path in _template_files(theme if theme is not None else theme_dir()):
        found[rel] = TemplateSource(THEME_PREFIX + rel, path.read_bytes())
    for rel, path in _template_files(project.templates_dir):
        found[rel] = TemplateSource(project.shown(path), path.read_bytes())
    return [found[rel] for rel in sorted(found)]


def _template_files(folder: Path) -> list[tuple[str, Path]]:
    if not folder.is_dir():
        return []
    return sorted(
        (path.relative_to(folder).as_posix(), path)
        for path in folder.rglob("*")
        if path.is_file() and path.suffix in TEMPLATE_SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def ui_template(project: Project, theme: Path | None = None) -> Catalog:
    """The UI strings of the theme and project templates, and the site title.

    *theme* replaces the default theme folder (tests use their own).
    """
    messages = messages_from_templates(template_sources(project, theme))
    title = project.config.title.strip()
    if title:
        reference = CONFIG_NAME + _title_line(project.root / CONFIG_NAME)
        _add(messages, Message(title, references=[reference], extracted_comments=["site title"]))
    for name, line in _section_names(project):
        _add(messages, Message(name, references=[f"{CONFIG_NAME}:{line}" if line else CONFIG_NAME],
                               extracted_comments=["section name"]))
    return Catalog(header=_header(project), messages=list(messages.values()))


def _section_names(project: Project) -> list[tuple[str, int | None]]:
    """The name of every ``[[sections]]`` table with the line of its ``name`` key."""
    try:
        lines = (project.root / CONFIG_NAME).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    found = []
    for number, section in enumerate(project.config.sections, 1):
        line = table_key_line(lines, number, "name")
        if line is None:  # sections = [{id = ..., name = ...}, ...]: the line naming it
            line = next((i for i, text in enumerate(lines, 1)
                         if re.search(rf"""name\s*=\s*["']{re.escape(section.name)}["']""",
                                      text)), None)
        found.append((section.name, line))
    return found


def _title_line(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    m = _TITLE_LINE.search(text)
    return f":{text.count(chr(10), 0, m.start()) + 1}" if m else ""


def messages_from_templates(
    sources: Iterable[TemplateSource],
) -> dict[tuple[str | None, str], Message]:
    """UI messages of Jinja2 *sources*, keyed by ``(msgctxt, msgid)``, in order found.

    >>> found = messages_from_templates([TemplateSource("t.html",
    ...     b'{{ _("Tags") }}\\n{% trans count=n %}{{ count }} article{% pluralize %}'
    ...     b'{{ count }} articles{% endtrans %}')])
    >>> [(m.msgid, m.msgid_plural, m.references, m.flags) for m in found.values()]
    [('Tags', None, ['t.html:1'], []), \
('%(count)s article', '%(count)s articles', ['t.html:2'], ['python-format'])]
    """
    messages: dict[tuple[str | None, str], Message] = {}
    for source in sources:
        for message in _extract_one(source):
            _add(messages, message)
    return messages


def _extract_one(source: TemplateSource) -> list[Message]:
    text = decode_utf8(source.data, source.name)
    try:
        found = list(
            babel_extract_messages(
                cast(Any, babel_extract),
                io.BytesIO(text.encode("utf-8")),
                keywords=DEFAULT_KEYWORDS,
                comment_tags=COMMENT_TAGS,
                options=_JINJA_OPTIONS,
            )
        )
    except TemplateSyntaxError as exc:
        raise TemplateError(exc.message or "syntax error", path=source.name,
                            line=exc.lineno) from None
    return [_to_message(source.name, *item) for item in found]


def _to_message(
    name: str, lineno: int, text: str | Sequence[str], comments: Sequence[str],
    context: str | None,
) -> Message:
    singular, plural = (text, None) if isinstance(text, str) else (text[0], text[1])
    ids: Any = text if isinstance(text, str) else tuple(text)
    flags = ["python-format"] if BabelMessage(ids).python_format else []
    return Message(
        singular,
        msgid_plural=plural,
        msgstr_plural=["", ""] if plural is not None else [],
        msgctxt=context,
        flags=flags,
        references=[f"{name}:{lineno}"],
        extracted_comments=list(comments),
    )


def _add(messages: dict[tuple[str | None, str], Message], new: Message) -> None:
    """Add *new*, or fold its references, comments and flags into the entry of its key."""
    old = messages.get(new.key)
    if old is None:
        messages[new.key] = new
        return
    old.references.extend(r for r in new.references if r not in old.references)
    old.extracted_comments.extend(c for c in new.extracted_comments
                                  if c not in old.extracted_comments)
    old.flags.extend(f for f in new.flags if f not in old.flags)
    if old.msgid_plural is None and new.msgid_plural is not None:
        old.msgid_plural = new.msgid_plural


# -- everything -----------------------------------------------------------------------
def all_templates(project: Project, theme: Path | None = None) -> Mapping[str, Catalog]:
    """Every template of the project by domain: ``messages``, ``tags``, ``articles/<id>``."""
    result: dict[str, Catalog] = {
        "messages": ui_template(project, theme),
        "tags": tags_template(project),
    }
    for article in project.articles:
        result[project.article_domain(article.id)] = article_template(project, article)
    return result
