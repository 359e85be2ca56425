"""Renderers of a :class:`~multipub.quality.status.ProjectStatus`: table, JSON, HTML and SVG.

:func:`render_status` returns the whole report as text; :func:`print_status`
writes it to a terminal through rich (colour only where the terminal supports
it, ``NO_COLOR`` honoured).  :func:`fail_under` implements ``--fail-under``.

The JSON object (``--format json``), schema 1.  Keys appear in this order and
are always present; lists are in a stable order (languages as configured,
articles by id, catalogues by language then path)::

    {"schema": 1,
     "source_language": "pl",
     "languages": ["ru", "be"],
     "catalogs": [                      # every .po under locales/<lang>/LC_MESSAGES/
       {"path": "locales/ru/LC_MESSAGES/messages.po", "language": "ru",
        "domain": "messages",           # messages | tags | articles/<id>
        "translated": 0, "fuzzy": 0, "untranslated": 0, "obsolete": 0,   # msgfmt --statistics
        "total": 0,                     # translated + fuzzy + untranslated
        "percent": 0.0,                 # translated / total, rounded down to 0.1
        "words_total": 0, "words_translated": 0, "words_todo": 0,        # source words
        "unused": false}],              # no version uses it: left out of the totals
     "articles": [
       {"id": "klastry-na-bialorusi", "title": "Klastry na Białorusi",
        "path": "content/klastry-na-bialorusi/pl.md",
        "translations": {
          "ru": {"state": "complete|outdated|partial|unstamped|missing",
                 "mode": "handwritten|catalog|none",
                 "percent": 100.0,
                 "translated": 12, "fuzzy": 0, "untranslated": 0,     # segments
                 "words_total": 250, "words_todo": 0,                 # source words
                 "outdated_since": null,        # ISO date from git, when known
                 "path": "content/klastry-na-bialorusi/ru.md",        # or the .po, or null
                 "problem": null,               # why counts are unknown, or null
                 "site": "published|published-outdated|fallback|off",
                 "reason": "hand-written",      # why, in a few words
                 "changed": null}},             # or {"segments": 1, "words": 34}
        "problem": null}],              # or "content/x/pl.md:3: ...": an error row
     "totals": {
       "ru": {"percent": 87.5,                  # by messages: what --fail-under compares
              "words_percent": 85.1,
              "messages": {"translated": 0, "fuzzy": 0, "untranslated": 0, "total": 0},
              "words": {"translated": 0, "fuzzy": 0, "untranslated": 0, "total": 0},
              "articles": {"complete": 0, "outdated": 0, "partial": 0, "unstamped": 0,
                           "missing": 0}}},
     "problems": ["locales/be/LC_MESSAGES/articles/x.po:12: ..."]}

The cells compare each translation with the source as it is now (see
:mod:`multipub.quality.status`): for a catalogue-backed one, ``fuzzy`` counts
the segments whose text changed since they were translated (``changed``
gives them with their source words), before or after ``update``.
Hand-written translations count every source segment as translated (their
``state`` says whether they are current).  ``site`` and ``reason`` come from
:func:`multipub.site.policy.decide`, the decision ``build`` makes.  An article
that could not be read is an error row: ``translations`` is empty and
``problem`` says where and why.

Totals add the UI (``messages``) and ``tags`` catalogues and every article
cell (see :mod:`multipub.quality.status`); ``unused`` catalogues are not counted.
Schema 1 still: ``site``, ``reason``, ``changed``, ``unused`` and the articles'
``problem`` were added (the states ``unstamped`` too); no key changed meaning.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from ..errors import UsageError
from ..site.xmltext import xml_attr, xml_text
from .status import STATES, ArticleStatus, CatalogStatus, Cell, Counts, ProjectStatus

__all__ = [
    "FORMATS",
    "SCHEMA",
    "badge_color",
    "fail_under",
    "iter_json",
    "print_status",
    "render_json",
    "render_status",
    "render_svg",
    "render_table",
    "status_to_json",
]

SCHEMA = 1
FORMATS = ("table", "json", "html", "svg")

STATE_STYLES = {
    "complete": "green",
    "partial": "yellow",
    "outdated": "magenta",
    "unstamped": "blue",
    "missing": "red",
}


# -- JSON -----------------------------------------------------------------------


def _words(c: Counts) -> dict[str, int]:
    return {"translated": c.words_translated, "fuzzy": c.words_fuzzy,
            "untranslated": c.words_untranslated, "total": c.words_total}


def _cell_json(cell: Cell) -> dict[str, Any]:
    c = cell.counts
    return {
        "state": cell.state,
        "mode": cell.mode,
        "percent": cell.percent,
        "translated": c.translated,
        "fuzzy": c.fuzzy,
        "untranslated": c.untranslated,
        "words_total": c.words_total,
        "words_todo": c.words_todo,
        "outdated_since": cell.outdated_since,
        "path": cell.path,
        "problem": cell.problem,
        "site": cell.site,
        "reason": cell.reason,
        "changed": None if cell.changed is None else {"segments": cell.changed[0],
                                                      "words": cell.changed[1]},
    }


def status_to_json(status: ProjectStatus) -> dict[str, Any]:
    """The schema-1 object of ``status --format json`` (see the module docstring)."""
    return {**_json_head(status), "catalogs": [_catalog_json(cat) for cat in status.catalogs],
            "articles": [_article_json(art) for art in status.articles], **_json_tail(status)}


def _json_head(status: ProjectStatus) -> dict[str, Any]:
    return {"schema": SCHEMA, "source_language": status.source_language,
            "languages": list(status.languages)}


def _catalog_json(cat: CatalogStatus) -> dict[str, Any]:
    return {
        "path": cat.path,
        "language": cat.language,
        "domain": cat.domain,
        "translated": cat.counts.translated,
        "fuzzy": cat.counts.fuzzy,
        "untranslated": cat.counts.untranslated,
        "obsolete": cat.counts.obsolete,
        "total": cat.counts.total,
        "percent": cat.counts.percent,
        "words_total": cat.counts.words_total,
        "words_translated": cat.counts.words_translated,
        "words_todo": cat.counts.words_todo,
        "unused": cat.unused,
    }


def _article_json(art: ArticleStatus) -> dict[str, Any]:
    return {
        "id": art.id,
        "title": art.title,
        "path": art.path,
        "translations": {cell.language: _cell_json(cell) for cell in art.cells},
        "problem": art.problem,
    }


def _json_tail(status: ProjectStatus) -> dict[str, Any]:
    return {
        "totals": {
            t.language: {
                "percent": t.percent,
                "words_percent": t.words_percent,
                "messages": {"translated": t.counts.translated, "fuzzy": t.counts.fuzzy,
                             "untranslated": t.counts.untranslated, "total": t.counts.total},
                "words": _words(t.counts),
                "articles": dict(t.states),
            }
            for t in status.totals
        },
        "problems": [str(p) for p in status.problems],
    }


def render_json(status: ProjectStatus) -> str:
    """The JSON report: indented, UTF-8 text (not ``\\u`` escapes), ending with a newline."""
    return "".join(iter_json(status))


def iter_json(status: ProjectStatus) -> Iterator[str]:
    """:func:`render_json` in pieces, one catalogue or article at a time.

    The text is the same as ``json.dumps(status_to_json(status), ensure_ascii=False,
    indent=2)`` and a newline, but neither the whole object nor the whole text is
    made at once: the report of an archive of 30,000 articles is tens of megabytes.
    """
    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, indent=2)

    def items(key: str, values: Iterable[dict[str, Any]], last: bool) -> Iterator[str]:
        yield f"  {dumps(key)}: ["
        first = True
        for value in values:
            yield ("\n    " if first else ",\n    ") + dumps(value).replace("\n", "\n    ")
            first = False
        yield ("]" if first else "\n  ]") + ("" if last else ",\n")

    head = dumps(_json_head(status))
    yield head[:-2] + ",\n"  # without the closing "\n}"
    yield from items("catalogs", (_catalog_json(cat) for cat in status.catalogs), last=False)
    yield from items("articles", (_article_json(art) for art in status.articles), last=False)
    tail = dumps(_json_tail(status))
    yield tail[2:] + "\n"  # without the opening "{\n"


# -- table (rich) ------------------------------------------------------------------


_SITE_MARKS = {"published": "", "published-outdated": "", "fallback": " [fallback page]",
               "off": " [off the site]"}


def _cell_text(cell: Cell) -> str:
    return _state_text(cell) + _SITE_MARKS.get(cell.site, "")


def _state_text(cell: Cell) -> str:
    if cell.problem:
        return f"{cell.state} (unreadable)"
    if cell.state == "partial":
        return f"partial {cell.percent:.1f}%"
    if cell.state == "outdated" and cell.changed and cell.changed[0]:
        n, words = cell.changed
        return f"outdated: {n} segment{'' if n == 1 else 's'}, {words} words changed"
    if cell.state == "outdated" and cell.outdated_since:
        return f"outdated since {cell.outdated_since[:10]}"
    return cell.state


def _tables(status: ProjectStatus, plain: bool) -> list[Any]:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    style_box = box.ASCII2 if plain else box.SIMPLE_HEAVY
    matrix = Table(title="Articles", box=style_box, title_justify="left")
    matrix.add_column("article")
    for lang in status.languages:
        matrix.add_column(lang)
    site = Table(title="Not plainly published", box=style_box, title_justify="left")
    for name in ("article", "language", "site", "reason"):
        site.add_column(name, overflow="fold")
    for art in status.articles:
        row: list[Any] = [Text(art.id)]
        if art.problem:
            row.append(Text(f"error: {art.problem}", style="" if plain else "red"))
            row += [Text("")] * (len(status.languages) - 1)
        for cell in art.cells:
            row.append(Text(_cell_text(cell), style="" if plain else STATE_STYLES[cell.state]))
            if cell.site != "published":
                site.add_row(art.id, cell.language, cell.site, cell.reason)
        matrix.add_row(*row)

    catalogs = Table(title="Catalogues", box=style_box, title_justify="left")
    catalogs.add_column("catalogue", overflow="fold")
    for name in ("translated", "fuzzy", "untranslated", "obsolete", "%"):
        catalogs.add_column(name, justify="right")
    for cat in status.catalogs:
        c = cat.counts
        catalogs.add_row(Text(cat.path + (" (unused)" if cat.unused else "")),
                         str(c.translated), str(c.fuzzy), str(c.untranslated),
                         str(c.obsolete), f"{c.percent:.1f}")

    totals = Table(title="Languages", box=style_box, title_justify="left")
    for name in ("language", "%", "messages", "words %", "words", *STATES):
        totals.add_column(name, justify="left" if name == "language" else "right")
    for t in status.totals:
        c = t.counts
        totals.add_row(
            t.language,
            Text(f"{t.percent:.1f}", style="" if plain else _percent_style(t.percent)),
            f"{c.translated}/{c.total}",
            f"{t.words_percent:.1f}",
            f"{c.words_translated}/{c.words_total}",
            *(str(t.states.get(s, 0)) for s in STATES),
        )
    tables = [matrix]
    if site.row_count:
        tables.append(site)
    return [*tables, catalogs, totals]


def _percent_style(value: float) -> str:
    return "green" if value >= 100 else "yellow" if value >= 50 else "red"


def render_table(status: ProjectStatus, *, color: bool = False, width: int | None = None) -> str:
    """The editors' report as text: the article x language matrix, catalogues, totals.

    With ``color=False`` (files, pipes) the result is plain ASCII-framed text,
    trailing spaces removed.  *width* defaults to what the longest catalogue
    path needs (at least 100 columns), so nothing is wrapped.
    """
    import io

    from rich.console import Console

    if width is None:
        longest = max((len(c.path) for c in status.catalogs), default=0)
        width = max(100, longest + 62, 14 * (len(status.languages) + 2))
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False,
                      emoji=False, markup=False)
    for table in _tables(status, plain=not color):
        console.print(table)
    text = buffer.getvalue()
    return text if color else "".join(line.rstrip() + "\n" for line in text.splitlines())


def print_status(status: ProjectStatus, fmt: str = "table", file: IO[str] | None = None) -> None:
    """Write the report in *fmt* to *file* (standard output by default).

    For ``table`` rich decides about colour: only on a terminal that supports
    it, never with ``NO_COLOR`` set; piped output is a plain table.
    """
    import sys

    out = file if file is not None else sys.stdout
    if fmt == "json":
        for piece in iter_json(status):
            out.write(piece)
        return
    if fmt != "table":
        out.write(render_status(status, fmt))
        return
    from rich.console import Console

    console = Console(file=out, highlight=False, emoji=False, markup=False)
    if not console.is_terminal:
        out.write(render_table(status, color=False))
        return
    for table in _tables(status, plain=console.no_color):
        console.print(table)


# -- SVG badges ---------------------------------------------------------------------


def badge_color(value: float) -> str:
    """The shields.io colour for a completeness in percent.

    >>> badge_color(100.0), badge_color(87.0), badge_color(10.0)
    ('#4c1', '#a4a61d', '#e05d44')
    """
    for limit, colour in ((100, "#4c1"), (90, "#97ca00"), (75, "#a4a61d"), (50, "#dfb317"),
                          (25, "#fe7d37")):
        if value >= limit:
            return colour
    return "#e05d44"


def _text_width(text: str) -> int:
    # Verdana 11px averages: narrow glyphs ~4px, digits and most letters ~7px.
    narrow = sum(1 for ch in text if ch in "ijlrtf.,:;|!' 1")
    return round(4 * narrow + 7 * (len(text) - narrow))


def render_svg(status: ProjectStatus) -> str:
    """One SVG with one shields.io-like badge per language, stacked: ``ru | 87%``."""
    height, gap = 20, 4
    badges: list[str] = []
    widths: list[int] = []
    for i, t in enumerate(status.totals):
        label = t.language
        value = f"{t.percent:g}%" if t.percent == int(t.percent) else f"{t.percent:.1f}%"
        lw, vw = _text_width(label) + 12, _text_width(value) + 12
        width = lw + vw
        widths.append(width)
        y = i * (height + gap)
        colour = badge_color(t.percent)
        el, ev = xml_text(label), xml_text(value)
        aria = xml_attr(f"{label}: {value}")
        badges.append(
            f'  <g transform="translate(0,{y})" role="img" aria-label={aria}>\n'
            f"    <title>{el}: {ev} translated</title>\n"
            f'    <rect width="{lw}" height="{height}" rx="3" fill="#555"/>\n'
            f'    <rect x="{lw}" width="{vw}" height="{height}" rx="3" fill="{colour}"/>\n'
            f'    <rect x="{lw}" width="4" height="{height}" fill="{colour}"/>\n'
            f'    <rect width="{width}" height="{height}" rx="3" fill="url(#shine)"/>\n'
            f'    <g fill="#fff" text-anchor="middle" font-size="11" '
            f'font-family="Verdana,DejaVu Sans,Geneva,sans-serif">\n'
            f'      <text x="{lw / 2:g}" y="15" fill="#010101" fill-opacity=".3">{el}</text>\n'
            f'      <text x="{lw / 2:g}" y="14">{el}</text>\n'
            f'      <text x="{lw + vw / 2:g}" y="15" fill="#010101" fill-opacity=".3">{ev}</text>\n'
            f'      <text x="{lw + vw / 2:g}" y="14">{ev}</text>\n'
            "    </g>\n"
            "  </g>\n"
        )
    total_w = max(widths, default=0)
    total_h = max(len(badges) * (height + gap) - gap, 0)
    summary = ", ".join(f"{t.language} {t.percent:g}%" for t in status.totals)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_w}" height="{total_h}" '
        f'viewBox="0 0 {total_w} {total_h}" role="img" '
        f"aria-label={xml_attr('translation status: ' + summary)}>\n"
        f"  <title>translation status: {xml_text(summary)}</title>\n"
        '  <defs><linearGradient id="shine" x2="0" y2="100%">'
        '<stop offset="0" stop-color="#bbb" stop-opacity=".1"/>'
        '<stop offset="1" stop-opacity=".1"/></linearGradient></defs>\n'
        + "".join(badges)
        + "</svg>\n"
    )


# -- dispatch and --fail-under -------------------------------------------------------


def render_status(status: ProjectStatus, fmt: str, *, color: bool = False,
                  width: int | None = None) -> str:
    """The report in *fmt* (``table``, ``json``, ``html``, ``svg``) as text.

    ``color`` and ``width`` only concern ``table``.  An unknown format is a
    :class:`~multipub.errors.UsageError`.
    """
    if fmt == "table":
        return render_table(status, color=color, width=width)
    if fmt == "json":
        return render_json(status)
    if fmt == "html":
        from .report_html import render_html

        return render_html(status)
    if fmt == "svg":
        return render_svg(status)
    raise UsageError(f"unknown status format {fmt!r}; use one of: {', '.join(FORMATS)}")


_SPEC = re.compile(r"^(?:(?P<lang>[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*)=)?"
                   r"(?P<pct>\d+(?:\.\d+)?)%?$")


def fail_under(status: ProjectStatus, specs: Sequence[str]) -> list[str]:
    """The target languages whose total percent is below what *specs* require.

    A spec is ``PCT`` (every language) or ``LANG=PCT`` (one language; it wins
    over a plain ``PCT`` whatever the order); a later spec for the same
    language replaces an earlier one.  The percent compared is
    :attr:`~multipub.quality.status.LanguageTotals.percent` (by messages).  Languages
    are returned in configured order.  A malformed spec, a percent above 100
    or a language not in the project is a :class:`~multipub.errors.UsageError`.
    """
    general: float | None = None
    specific: dict[str, float] = {}
    for spec in specs:
        m = _SPEC.match(spec.strip())
        if m is None:
            raise UsageError(f"--fail-under {spec!r}: expected PCT or LANG=PCT, e.g. 90 or be=90")
        value = float(m.group("pct"))
        if value > 100:
            raise UsageError(f"--fail-under {spec!r}: a percent is at most 100")
        lang = m.group("lang")
        if lang is None:
            general = value
        elif lang not in status.languages:
            raise UsageError(f"--fail-under {spec!r}: {lang!r} is not a target language of this "
                             f"project ({', '.join(status.languages)})")
        else:
            specific[lang] = value
    below: list[str] = []
    for t in status.totals:
        required = specific.get(t.language, general)
        if required is not None and t.percent < required:
            below.append(t.language)
    return below
