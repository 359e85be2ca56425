"""Adapters: the benchmark corpus in the layouts of other tools (untimed export).

Each function reads ``PLAIN/manifest.json`` written by ``bench/floor.py prepare``
(the versions the multipub site would publish, as plain Markdown bodies) and
writes a ready-to-build project for one tool into *dest*:

- :func:`pelican`: ``content/<lang>/<id>.md`` with Pelican metadata (``Lang``,
  the same ``Slug`` links translations) and ``pelicanconf.py``; with
  ``i18n=True`` the ``i18n_subsites`` plugin makes a sub-site per language.
- :func:`mkdocs`: ``docs/<id>.md`` (Polish) and ``docs/<id>.<lang>.md`` (the
  *suffix* layout of mkdocs-static-i18n) with ``mkdocs.yml`` for three
  languages.  ``nav`` lists only the home page: an automatic nav of every
  article would put the whole list into every page (quadratic output), which
  is not how a news site is laid out.
- :func:`mdpo`: ``sources/<id>.md`` (the Polish sources) for ``mdpo_bench.py``.
- :func:`hugo`: ``content/<lang>/<id>.md`` (a content folder per language) and
  ``hugo.toml`` with minimal layouts, for Hugo's cold build and its server.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

EXTENSIONS = ["tables", "footnotes", "attr_list", "toc"]


def _manifest(plain: Path) -> dict[str, Any]:
    return json.loads((plain / "manifest.json").read_text("utf-8"))  # type: ignore[no-any-return]


def _fresh(dest: Path) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)


def pelican(plain: Path, dest: Path, i18n: bool = False) -> int:
    """Write a Pelican project into *dest*; the number of articles written."""
    data = _manifest(plain)
    _fresh(dest)
    count = 0
    for v in data["versions"]:
        body = (plain / v["path"]).read_text("utf-8")
        head = [f"Title: {v['title']}", f"Date: {v['date']}", f"Lang: {v['lang']}",
                f"Slug: {v['id']}", f"Tags: {', '.join(v['tags'])}",
                f"Summary: {v['summary']}"]
        out = dest / "content" / v["lang"] / f"{v['id']}.md"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("\n".join(head) + "\n\n" + body, "utf-8")
        count += 1
    langs = [data["source"], *data["languages"]]
    conf = [
        "SITENAME = 'Polska pomoc (benchmark)'",
        "SITEURL = ''",
        "PATH = 'content'",
        f"DEFAULT_LANG = {data['source']!r}",
        "TIMEZONE = 'Europe/Warsaw'",
        "DEFAULT_PAGINATION = 20",
        "LOAD_CONTENT_CACHE = False",
        "CACHE_CONTENT = False",
        "RELATIVE_URLS = True",
        "MARKDOWN = {'extension_configs': {"
        + ", ".join(f"'markdown.extensions.{e}': {{}}" for e in EXTENSIONS)
        + "}, 'output_format': 'html5'}",
    ]
    if not i18n:
        conf.append("PLUGINS = []  # Pelican would load every installed namespace plugin")
    else:
        subsites = {lang: {"SITENAME": f"Polska pomoc ({lang})"} for lang in langs[1:]}
        conf += [
            "PLUGINS = ['pelican.plugins.i18n_subsites']",
            f"I18N_SUBSITES = {subsites!r}",
            "JINJA_ENVIRONMENT = {'extensions': ['jinja2.ext.i18n']}",
        ]
    (dest / "pelicanconf.py").write_text("\n".join(conf) + "\n", "utf-8")
    return count


def mkdocs(plain: Path, dest: Path) -> int:
    """Write a MkDocs + mkdocs-static-i18n project (suffix layout) into *dest*."""
    data = _manifest(plain)
    _fresh(dest)
    docs = dest / "docs"
    docs.mkdir()
    source = data["source"]
    count = 0
    for v in data["versions"]:
        body = (plain / v["path"]).read_text("utf-8")
        name = f"{v['id']}.md" if v["lang"] == source else f"{v['id']}.{v['lang']}.md"
        (docs / name).write_text(f"# {v['title']}\n\n{body}", "utf-8")
        count += 1
    (docs / "index.md").write_text("# Polska pomoc\n", "utf-8")
    names = {"pl": "Polski", "ru": "Русский", "be": "Беларуская"}
    lines = [
        "site_name: Polska pomoc (benchmark)",
        "use_directory_urls: true",
        "nav:",
        "  - index.md",
        "markdown_extensions:",
        *[f"  - {e}" for e in EXTENSIONS],
        "plugins:",
        "  - i18n:",
        "      docs_structure: suffix",
        "      fallback_to_default: false",
        "      languages:",
    ]
    for lang in [source, *data["languages"]]:
        lines += [f"        - locale: {lang}",
                  f"          name: {names.get(lang, lang)}",
                  "          build: true"]
        if lang == source:
            lines.append("          default: true")
    (dest / "mkdocs.yml").write_text("\n".join(lines) + "\n", "utf-8")
    return count


def mdpo(plain: Path, dest: Path) -> int:
    """Write the Polish sources (bodies) into ``dest/sources`` for ``mdpo_bench.py``."""
    data = _manifest(plain)
    _fresh(dest)
    (dest / "sources").mkdir()
    count = 0
    for v in data["versions"]:
        if v["lang"] == data["source"]:
            shutil.copyfile(plain / v["path"], dest / "sources" / f"{v['id']}.md")
            count += 1
    return count


_HUGO_LAYOUTS = {
    "baseof.html": """<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}">
<head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title>
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" \
href="{{ .Permalink }}">{{ end }}
<link rel="stylesheet" href="{{ "style.css" | relURL }}"></head>
<body><header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav>{{ range .Translations }}<a hreflang="{{ .Language.Lang }}" \
href="{{ .RelPermalink }}">{{ .Language.Lang }}</a> {{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time>
{{ with .Params.summary }}<p class="lead">{{ . }}</p>{{ end }}
{{ .Content }}
<ul class="tags">{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>\
</li>{{ end }}</ul></article>{{ end }}
""",
    "list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .RegularPages }}
{{ range $pager.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<time>{{ .Date.Format "2006-01-02" }}</time><p>{{ .Params.summary }}</p></article>{{ end }}
{{ with $pager.Prev }}<a href="{{ .URL }}">newer</a>{{ end }}
{{ with $pager.Next }}<a href="{{ .URL }}">older</a>{{ end }}{{ end }}
""",
}


def hugo(plain: Path, dest: Path) -> int:
    """Write a Hugo project into *dest*: ``content/<lang>/<id>.md`` (a content folder per
    language, translations linked by ``translationKey``), a multilingual ``hugo.toml``
    with tag pages and indexes of 20 articles a page, and minimal layouts that show
    what multipub's pages show (title, date, lead, body, tags, language switcher)."""
    data = _manifest(plain)
    _fresh(dest)
    count = 0
    for v in data["versions"]:
        body = (plain / v["path"]).read_text("utf-8")
        meta = {"title": v["title"], "date": v["date"], "summary": v["summary"],
                "tags": v["tags"], "translationKey": v["id"], "slug": v["id"]}
        out = dest / "content" / v["lang"] / f"{v['id']}.md"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("---\n" + json.dumps(meta, ensure_ascii=False) + "\n---\n\n" + body,
                       "utf-8")
        count += 1
    langs = [data["source"], *data["languages"]]
    conf = ['title = "Polska pomoc (benchmark)"', 'baseURL = "http://localhost/"',
            f'defaultContentLanguage = "{data["source"]}"',
            "defaultContentLanguageInSubdir = true",
            'disableKinds = ["RSS"]', "[pagination]", "pagerSize = 20",
            "[taxonomies]", 'tag = "tags"', "[languages]"]
    for weight, lang in enumerate(langs, 1):
        conf += [f"[languages.{lang}]", f'contentDir = "content/{lang}"',
                 f"weight = {weight}"]
    (dest / "hugo.toml").write_text("\n".join(conf) + "\n", "utf-8")
    layouts = dest / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name, text in _HUGO_LAYOUTS.items():
        (layouts / name).write_text(text.replace("\\\n", ""), "utf-8")
    (dest / "static").mkdir()
    (dest / "static" / "style.css").write_text("body{max-width:40rem;margin:auto}\n", "utf-8")
    return count
