"""multipub.site.pages: bodies rendered once, pages keyed by what they show."""

from __future__ import annotations

from pathlib import Path

from multipub.project.model import load_project
from multipub.site.markdown import MarkdownRenderer
from multipub.site.pages import body_key, localized_markdown, render_bodies
from multipub.site.plan import plan_site

from ..commands.test_build import make_project


def test_render_bodies_renders_every_distinct_body_once(tmp_path: Path) -> None:
    site = plan_site(load_project(make_project(tmp_path / "p")))
    seen: list[tuple[str, int, int]] = []
    bodies = render_bodies(site, trusted=False, report=lambda *a: seen.append(a))
    keys = {body_key(e) for lang in site.languages for e in site.entries[lang]}
    assert set(bodies) == keys
    assert seen == [("bodies", len(keys), len(keys))]
    for (language, body, urls), html in bodies.items():
        assert html == MarkdownRenderer(language, False).render(body, dict(urls))
    assert render_bodies(site, trusted=False, jobs=2) == bodies


def test_localized_markdown_lists_published_versions_only(tmp_path: Path) -> None:
    site = plan_site(load_project(make_project(tmp_path / "p")))
    names = [name for name, _, _ in localized_markdown(site, lambda entry: entry.path)]
    published = [f"markdown/{code}/{e.article_id}.md" for code in site.languages
                 for e in site.entries[code] if not e.fallback]
    assert names == published and len(set(names)) == len(names)
