"""``status --format html``: one self-contained HTML file for editors.

The page has no external resources at all (no fonts, scripts, styles or
images from elsewhere): inline CSS, and a few lines of inline JavaScript that
sort a table when a column header's button is clicked.  Without JavaScript
the page is complete and readable.  Every table has a caption and header
cells with ``scope``; each cell shows the state *word* and its percentage
besides the colour and the progress bar.  Everything from the project
(titles come from authors) goes through Jinja2 with autoescaping.
"""

from __future__ import annotations

import jinja2

from .status import STATES, ProjectStatus

__all__ = ["render_html"]


def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env.from_string(_TEMPLATE)


def render_html(status: ProjectStatus, title: str | None = None) -> str:
    """The status report as a single HTML document (deterministic: no dates).

    *title* defaults to the site title of the project.
    """
    rank = {state: str(i) for i, state in enumerate(reversed(STATES))}
    return _template().render(status=status, title=status.title if title is None else title,
                              states=STATES, state_rank=rank)


# Kept here rather than under templates/, so that theme tools never take it for
# a theme template and no package data is needed.
_TEMPLATE = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Translation status{% if title %}: {{ title }}{% endif %}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a;
  background: #fff; line-height: 1.4; }
h1 { font-size: 1.5rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid #ccc; padding: .35rem .6rem; text-align: left;
  vertical-align: top; }
thead th { background: #f2f2f2; }
th[scope=row] { font-weight: normal; }
.id { display: block; color: #555; font-size: .85em; font-family: monospace; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.sort { font: inherit; font-weight: 600; background: none; border: 0; padding: 0;
  cursor: pointer; color: inherit; }
.sort::after { content: " \2195"; color: #888; }
th[aria-sort=ascending] .sort::after { content: " \2191"; }
th[aria-sort=descending] .sort::after { content: " \2193"; }
.state { font-weight: 600; }
.complete { background: #e9f7ea; } .complete .state { color: #176b1f; }
.partial { background: #fff7dc; } .partial .state { color: #7a5a00; }
.outdated { background: #f8e9f8; } .outdated .state { color: #8a2f8a; }
.missing { background: #fdeaea; } .missing .state { color: #b01c1c; }
.unstamped { background: #eef2fb; } .unstamped .state { color: #2b4c8c; }
.site { display: block; font-size: .85em; font-style: italic; }
.unused { color: #666; }
.bar { display: block; height: .45rem; background: #ddd; border-radius: .2rem;
  margin-top: .25rem; min-width: 6rem; overflow: hidden; }
.bar > span { display: block; height: 100%; background: #2e7d32; }
.partial .bar > span { background: #b58900; }
.outdated .bar > span { background: #8a2f8a; }
.missing .bar > span { background: #c62828; }
.detail { display: block; font-size: .85em; color: #444; }
.problems { color: #b01c1c; }
</style>
</head>
<body>
{% macro bar(value) %}
<span class="bar" aria-hidden="true"><span style="width: {{ '%.1f'|format(value) }}%">
</span></span>
{%- endmacro %}
{% macro sortable(label) %}
<th scope="col"><button type="button" class="sort">{{ label }}</button></th>
{% endmacro %}
<h1>Translation status{% if title %}: {{ title }}{% endif %}</h1>
<p>Source language: <strong>{{ status.source_language }}</strong>.
Target languages: {{ status.languages|join(', ') }}.
States: <em>complete</em> (translated and current), <em>outdated</em> (the source
changed since it was translated), <em>partial</em> (some segments translated),
<em>unstamped</em> (hand-written, never stamped), <em>missing</em> (nothing translated).
Under each state: whether the version is on the site (<em>published</em>,
<em>published-outdated</em>, <em>fallback</em>, <em>off</em>) and why.</p>

<table class="sortable" id="matrix">
<caption>Articles by language: state and share of translated segments</caption>
<thead><tr>
{{ sortable('Article') }}
{% for lang in status.languages %}
{{ sortable(lang) }}
{% endfor %}
</tr></thead>
<tbody>
{% for art in status.articles %}
<tr>
<th scope="row" data-sort="{{ art.title or art.id }}">{{ art.title }}
<span class="id">{{ art.id }}</span></th>
{% if art.problem %}
<td class="missing problems" colspan="{{ status.languages|length }}">
<span class="state">error</span> {{ art.problem }}</td>
{% endif %}
{% for cell in art.cells %}
{% set c = cell.counts %}
<td class="{{ cell.state }}"
 data-sort="{{ '%05.1f'|format(cell.percent) }}{{ state_rank[cell.state] }}">
<span class="state">{{ cell.state }}</span>
{% if cell.mode == 'catalog' %}{{ '%.1f'|format(cell.percent) }}%{% endif %}
{{ bar(cell.percent) }}
<span class="detail">{{ cell.mode }}
{%- if cell.mode == 'catalog' %}: {{ c.translated }}/{{ c.total }} segments{% endif %}
{%- if c.fuzzy %}, {{ c.fuzzy }} fuzzy{% endif %}
{%- if c.words_todo %}; {{ c.words_todo }} words to do{% endif %}
{%- if cell.changed and cell.changed[0] %}; changed: {{ cell.changed[0] }}
 segment{{ '' if cell.changed[0] == 1 else 's' }}, {{ cell.changed[1] }} words{% endif %}
{%- if cell.outdated_since %}; since {{ cell.outdated_since[:10] }}{% endif %}
{%- if cell.problem %}; unreadable: {{ cell.problem }}{% endif %}</span>
<span class="site">{{ cell.site }}{% if cell.reason %}: {{ cell.reason }}{% endif %}</span>
</td>
{% endfor %}
</tr>
{% endfor %}
</tbody>
</table>

<h2>Languages</h2>
<table class="sortable" id="totals">
<caption>Totals per language: UI and tag catalogues and every article</caption>
<thead><tr>
{{ sortable('Language') }}
{{ sortable('Messages translated') }}
{{ sortable('Words translated') }}
{% for state in states %}
{{ sortable(state) }}
{% endfor %}
</tr></thead>
<tbody>
{% for t in status.totals %}
<tr>
<th scope="row">{{ t.language }}</th>
<td class="num" data-sort="{{ '%05.1f'|format(t.percent) }}">
{{ '%.1f'|format(t.percent) }}% ({{ t.counts.translated }} of {{ t.counts.total }})
{{ bar(t.percent) }}</td>
<td class="num" data-sort="{{ '%05.1f'|format(t.words_percent) }}">
{{ '%.1f'|format(t.words_percent) }}%
({{ t.counts.words_translated }} of {{ t.counts.words_total }})</td>
{% for state in states %}
<td class="num" data-sort="{{ '%06d'|format(t.states[state]) }}">{{ t.states[state] }}</td>
{% endfor %}
</tr>
{% endfor %}
</tbody>
</table>

<h2>Catalogues</h2>
<table class="sortable" id="catalogs">
<caption>Catalogues, counted as msgfmt --statistics counts them</caption>
<thead><tr>
{% for label in ('Catalogue', 'Language', 'Translated', 'Fuzzy', 'Untranslated',
                 'Obsolete', 'Percent') %}
{{ sortable(label) }}
{% endfor %}
</tr></thead>
<tbody>
{% for cat in status.catalogs %}
{% set c = cat.counts %}
<tr{% if cat.unused %} class="unused"{% endif %}>
<th scope="row">{{ cat.path }}{% if cat.unused %} (unused: left out of totals){% endif %}</th>
<td>{{ cat.language }}</td>
{% for value in (c.translated, c.fuzzy, c.untranslated, c.obsolete) %}
<td class="num" data-sort="{{ '%09d'|format(value) }}">{{ value }}</td>
{% endfor %}
<td class="num" data-sort="{{ '%05.1f'|format(c.percent) }}">
{{ '%.1f'|format(c.percent) }}%</td>
</tr>
{% endfor %}
</tbody>
</table>
{% if status.problems %}

<h2>Problems</h2>
<ul class="problems">
{% for p in status.problems %}
<li>{{ p }}</li>
{% endfor %}
</ul>
{% endif %}
<script>
document.querySelectorAll("table.sortable").forEach(function (table) {
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, col) {
    var button = th.querySelector("button.sort");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var asc = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      function key(row) {
        var cell = row.cells[col];
        return cell.getAttribute("data-sort") || cell.textContent.trim();
      }
      rows.sort(function (a, b) {
        var r = key(a).localeCompare(key(b));
        return asc ? r : -r;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
</script>
</body>
</html>
"""
