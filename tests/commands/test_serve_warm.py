"""The warm rebuild of ``multipub serve``: after an edit, the same files as a clean build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from multipub.commands import serve_warm
from multipub.commands.build import MANIFEST, build
from multipub.commands.serve_warm import WarmSite, article_of
from multipub.errors import ContentError
from multipub.fsio import SafeFolder
from multipub.project.model import load_project

from .test_build import make_project


def tree(out: Path) -> dict[str, bytes]:
    """Every file of a built site but the manifest and the search index (which only
    whole builds make), by its path in the site."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != MANIFEST
            and not p.relative_to(out).as_posix().startswith("pagefind/")}


def clean_build(root: Path, out: Path) -> dict[str, bytes]:
    """What a build from scratch of the project as it is now gives."""
    shutil.rmtree(root / ".multipub-cache", ignore_errors=True)
    build(load_project(root), out)
    return tree(out)


@pytest.fixture
def warm(tmp_path: Path) -> WarmSite:
    root = make_project(tmp_path / "proj")
    site = WarmSite(load_project(root), tmp_path / "out")
    site.build()
    return site


def edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path.as_posix()


def test_a_paragraph_of_a_source_is_rebuilt_warm_as_a_clean_build_would(
        warm: WarmSite, tmp_path: Path) -> None:
    root = warm.project.root
    edit(root / "content/grodna/pl.md", "Spotkanie w Grodnie.", "Spotkanie w Grodnie, znowu.")
    written = warm.update(["content/grodna/pl.md"])
    assert written is not None and written > 0
    page = (warm.out / "pl/klastry-w-grodnie/index.html").read_text(encoding="utf-8")
    assert "Spotkanie w Grodnie, znowu." in page
    assert tree(warm.out) == clean_build(root, tmp_path / "clean")


def test_a_msgstr_rebuilds_that_page_and_the_listings_that_show_it(
        warm: WarmSite, tmp_path: Path) -> None:
    root = warm.project.root
    po = root / "locales/ru/LC_MESSAGES/articles/grodna.po"
    before = tree(warm.out)
    edit(po, 'msgstr "Встреча в Гродно."', 'msgstr "Встреча в Гродно, снова."')
    written = warm.update(["locales/ru/LC_MESSAGES/articles/grodna.po"])
    after = tree(warm.out)
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert changed == ["markdown/ru/grodna.md", "ru/klastery-v-grodno/index.html"]
    assert written == len(changed)
    assert "Встреча в Гродно, снова." in after["ru/klastery-v-grodno/index.html"].decode()
    assert after == clean_build(root, tmp_path / "clean")


def test_the_pages_of_the_edited_article_are_written_before_anything_else(
        warm: WarmSite, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the open page waits for comes first; its Markdown and the listings follow."""
    root = warm.project.root
    order: list[str] = []
    real = serve_warm._put

    def put(folder: SafeFolder, name: str, data: bytes) -> int:
        order.append(name)
        return real(folder, name, data)

    monkeypatch.setattr(serve_warm, "_put", put)
    # the first paragraph: the cards of the listings show it, so they change too
    edit(root / "content/grodna/pl.md", "Spotkanie w Grodnie.", "Spotkanie w Grodnie, znowu.")
    assert warm.update(["content/grodna/pl.md"])
    pages = [name for name in order if name.endswith("/index.html") and "/klastr" in name]
    assert pages and order[:len(pages)] == pages
    assert order[0] == "pl/klastry-w-grodnie/index.html"
    assert "pl/index.html" in order[len(pages):]


def test_an_edited_image_is_left_to_the_whole_build(warm: WarmSite) -> None:
    """Images are processed into variants, which only the whole build does."""
    root = warm.project.root
    before = tree(warm.out)
    (root / "content/grodna/foto.png").write_bytes(b"\x89PNG\r\n\x1a\nother")
    assert warm.update(["content/grodna/foto.png"]) is None
    assert tree(warm.out) == before  # nothing written: the caller builds the whole site


def test_a_project_with_a_derived_language_is_left_to_the_whole_build(
        warm: WarmSite) -> None:
    """be-Latn pages are made from the be ones: the swap does not follow them."""
    root = warm.project.root
    config = root / "multipub.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'languages = ["ru", "be"]', 'languages = ["ru", "be"]\n'
        'derived_languages = [{code = "be-Latn", from = "be", script = "lacinka"}]'),
        encoding="utf-8")
    site = WarmSite(load_project(root), warm.out)
    site.build()
    edit(root / "content/grodna/pl.md", "Spotkanie w Grodnie.", "Spotkanie w Grodnie, znowu.")
    assert site.update(["content/grodna/pl.md"]) is None


def test_a_catalogue_below_the_threshold_stays_off_with_its_new_share(
        warm: WarmSite, tmp_path: Path) -> None:
    root = warm.project.root
    po = root / "locales/ru/LC_MESSAGES/articles/brest.po"
    assert warm.site is not None and "33.3%" in warm.site.off["ru"]["brest"]
    edit(po, 'msgid "Drugi akapit."\nmsgstr ""', 'msgid "Drugi akapit."\nmsgstr "Второй абзац."')
    assert warm.update(["locales/ru/LC_MESSAGES/articles/brest.po"]) == 0
    assert "66.6%" in warm.site.off["ru"]["brest"]
    assert tree(warm.out) == clean_build(root, tmp_path / "clean")


@pytest.mark.parametrize(("name", "old", "new"), [
    ("content/grodna/pl.md", "title: Klastry w Grodnie", "title: Klastry w Grodnie 2024"),
    ("content/grodna/pl.md", "date: 2024-03-05", "date: 2022-03-05"),
    ("content/grodna/pl.md", "tags: [Białoruś, gospodarka]", "tags: [gospodarka]"),
    ("content/grodna/pl.md", "summary: Eksperci o klastrach.", "summary: Inne streszczenie."),
    ("content/grodna/be.md", "title: Кластары ў Гродне", "title: Кластары ў Гродне!"),
    ("locales/ru/LC_MESSAGES/articles/grodna.po", 'msgstr "Кластеры в Гродно"',
     'msgstr "Кластеры в Гродно!"'),
    ("locales/ru/LC_MESSAGES/articles/grodna.po", 'msgstr "Встреча в Гродно."', 'msgstr ""'),
])
def test_an_edit_that_changes_the_shape_of_the_site_asks_for_a_whole_build(
        warm: WarmSite, name: str, old: str, new: str) -> None:
    root = warm.project.root
    before = tree(warm.out)
    edit(root / name, old, new)
    assert warm.update([name]) is None
    assert tree(warm.out) == before  # nothing written: the caller builds it all


@pytest.mark.parametrize("name", ["templates/base.html", "multipub.toml",
                                  "locales/ru/LC_MESSAGES/messages.po",
                                  "locales/ru/LC_MESSAGES/tags.po", "content/nowy/pl.md"])
def test_other_files_and_new_articles_ask_for_a_whole_build(warm: WarmSite, name: str) -> None:
    assert warm.update([name]) is None


def test_broken_front_matter_raises_and_keeps_the_site_and_the_warm_state(
        warm: WarmSite, tmp_path: Path) -> None:
    root = warm.project.root
    before = tree(warm.out)
    source = root / "content/grodna/pl.md"
    good = source.read_text(encoding="utf-8")
    source.write_text(good.replace("date: 2024-03-05", "date: [2024"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        warm.update(["content/grodna/pl.md"])
    assert caught.value.path == "content/grodna/pl.md" and caught.value.line is not None
    assert tree(warm.out) == before
    source.write_text(good.replace("Spotkanie w Grodnie.", "Spotkanie."), encoding="utf-8")
    assert warm.update(["content/grodna/pl.md"])
    assert tree(warm.out) == clean_build(root, tmp_path / "clean")


def test_article_of_names_the_article_of_its_files() -> None:
    assert article_of("content/a-b/foto.png") == "a-b"
    assert article_of("locales/be/LC_MESSAGES/articles/a-b.po") == "a-b"
    assert article_of("locales/articles/a-b.pot") == "a-b"
    assert article_of("content/a-b") is None
    assert article_of("locales/be/LC_MESSAGES/tags.po") is None
