"""Discovery of articles and the articles x languages matrix."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from multipub.errors import ContentError
from multipub.project.model import Mode, load_project

from ..conftest import ARTICLE, EXAMPLE, write


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_project(root)
    assert info.value.exit_code == 2
    return str(info.value).splitlines()


def test_discovery(project_dir: Path) -> None:
    write(project_dir / "content" / "klastry" / "ru.md", "---\ntitle: Кластеры\n---\nТекст.\n")
    write(project_dir / "locales" / "be" / "LC_MESSAGES" / "articles" / "klastry.po", "")
    (project_dir / "content" / "klastry" / "photo.png").write_bytes(b"\x89PNG")
    project = load_project(project_dir)
    (article,) = project.articles
    assert article.id == "klastry"
    assert article.tags == ("Białoruś", "gospodarka")
    assert str(article.date) == "2024-03-05"
    assert [p.name for p in article.assets] == ["photo.png"]
    assert [(a.id, lang, mode) for a, lang, mode in project.cells()] == [
        ("klastry", "ru", Mode.HANDWRITTEN),
        ("klastry", "be", Mode.CATALOG),
    ]
    assert article.is_outdated("ru")  # never stamped
    assert not article.is_outdated("be")
    assert project.catalog_path("be", "articles/klastry").relative_to(project_dir).as_posix() == (
        "locales/be/LC_MESSAGES/articles/klastry.po")


def test_paths_of_the_model_are_paths_made_from_one_folder_string(project_dir: Path) -> None:
    """The model keeps the article folder as one string, shared by the article and its
    versions, and makes the paths it gives from it."""
    write(project_dir / "content" / "klastry" / "ru.md", "---\ntitle: Кластеры\n---\nТекст.\n")
    (project_dir / "content" / "klastry" / "b.png").write_bytes(b"\x89PNG")
    (project_dir / "content" / "klastry" / "a.jpg").write_bytes(b"\xff\xd8")
    article = load_project(project_dir).article("klastry")
    folder = project_dir / "content" / "klastry"
    assert isinstance(article.folder, Path) and article.folder == folder
    assert article.assets == (folder / "a.jpg", folder / "b.png")
    assert all(isinstance(p, Path) for p in article.assets)
    assert article.asset_names == ("a.jpg", "b.png")
    source, written = article.source, article.handwritten["ru"]
    assert source.path == folder / "pl.md" and written.path == folder / "ru.md"
    assert source.location is article.location is written.location
    assert written.text == "---\ntitle: Кластеры\n---\nТекст.\n"


def test_modes_lists_each_catalogue_folder_once_and_agrees_with_mode(project_dir: Path) -> None:
    """``modes()`` (one listing per language) says what ``mode()`` (a test per cell) says:
    a folder or a dangling link named like a catalogue is no catalogue; a link to one is."""
    for name in ("b", "c", "d", "e"):
        write(project_dir / "content" / name / "pl.md", "---\ntitle: T\ndate: 2024-01-01\n---\nX\n")
    write(project_dir / "content" / "b" / "be.md", "---\ntitle: Т\n---\nX\n")
    articles = project_dir / "locales" / "be" / "LC_MESSAGES" / "articles"
    write(articles / "b.po", "")  # hand-written wins
    write(articles / "klastry.po", "")
    (articles / "c.po").mkdir()
    (articles / "d.po").symlink_to(articles / "klastry.po")
    (articles / "e.po").symlink_to(articles / "gone.po")
    project = load_project(project_dir)
    modes = project.modes()
    assert modes == {(a.id, lang): project.mode(a.id, lang)
                     for a in project.articles for lang in ("ru", "be")}
    assert [(a, lang) for (a, lang), m in modes.items() if m is not Mode.NONE] == [
        ("b", "be"), ("d", "be"), ("klastry", "be")]
    assert modes[("b", "be")] is Mode.HANDWRITTEN


def test_source_hash_ignores_non_translatable_changes(project_dir: Path) -> None:
    before = load_project(project_dir).articles[0].source_hash
    write(project_dir / "content" / "klastry" / "pl.md",
          ARTICLE.replace("date: 2024-03-05", "date: 2024-03-06"))
    assert load_project(project_dir).articles[0].source_hash == before
    write(project_dir / "content" / "klastry" / "pl.md",
          ARTICLE.replace("cykl spotkań", "cykl spotkań informacyjnych"))
    assert load_project(project_dir).articles[0].source_hash != before


def test_source_hashes_by_several_processes_equal_one(project_dir: Path) -> None:
    """``jobs`` only gives the hashes a head start: same hashes, same errors."""
    content = project_dir / "content"
    for i in range(20):
        text = ARTICLE.replace("cykl spotkań", f"cykl {i} spotkań")
        write(content / f"a{i}" / "pl.md", text)
        write(content / f"a{i}" / "ru.md", "---\ntitle: Кластеры\n---\nТекст.\n")
    one = {a.id: a.known_hash for a in load_project(project_dir).articles}
    shutil.rmtree(project_dir / ".multipub-cache")  # else the hashes come from its cache
    two = {a.id: a.known_hash for a in load_project(project_dir, jobs=2).articles}
    assert one == two and len({one[f"a{i}"] for i in range(20)}) == 20
    for broken in ("---\ntitle: [unclosed\n---\nText.\n",
                   "---\ntitle: T\ndate: 2024-01-01\nimage: foto.png\n---\nText.\n"):
        write(content / "a7" / "pl.md", broken)
        with pytest.raises(ContentError) as one_error:
            load_project(project_dir)
        with pytest.raises(ContentError) as two_errors:
            load_project(project_dir, jobs=2)
        assert str(one_error.value) == str(two_errors.value)
        assert str(one_error.value).startswith("content/a7/pl.md:")


def test_bad_inputs_all_reported(project_dir: Path) -> None:
    content = project_dir / "content"
    write(content / "Bad_Id" / "pl.md", ARTICLE)  # falls back to the id bad-id
    write(content / "Klastry" / "pl.md", ARTICLE)  # would be klastry, which exists
    write(content / "___" / "pl.md", ARTICLE)  # nothing to make an id of
    write(content / "no-source" / "ru.md", "---\ntitle: x\n---\n")
    write(content / "klastry" / "by.md", "---\ntitle: x\n---\n")
    write(content / "no-title" / "pl.md", "---\ndate: 2024-01-01\n---\nText.\n")
    write(content / "bad-date" / "pl.md", "---\ntitle: T\ndate: tomorrow\n---\nText.\n")
    write(content / "bad-tags" / "pl.md",
          "---\ntitle: T\ndate: 2024-01-01\ntags: Białoruś\n---\nText.\n")
    write(content / "bad-yaml" / "pl.md", "---\ntitle: T\ndate: 2024-01-01\n  x: [\n---\n")
    assert problems(project_dir) == [
        "content/Klastry: the folder name is not a valid article id and its fallback "
        "\"klastry\" is the id of content/klastry; rename one of the folders (article ids are "
        "lowercase letters a-z, digits and hyphens)",
        "content/___: the folder name is not a valid article id and has no letter or digit to "
        "make one of; rename the folder with lowercase letters a-z, digits and hyphens",
        "content/bad-date/pl.md:3: date: \"tomorrow\" is not a date in the form YYYY-MM-DD "
        "(year, month, day: 2024-03-05)",
        "content/bad-tags/pl.md:4: tags: must be a list of tag names, not a text",
        *[line for line in problems(project_dir) if line.startswith("content/bad-yaml/pl.md:")],
        "content/klastry/by.md: \"by\" is not a language of this project and not a language "
        "CLDR knows (languages: pl, ru, be)",
        "content/no-source: no source file pl.md in this article folder",
        "content/no-title/pl.md:1: front matter: title is missing; every article version "
        "needs a title",
    ]
    bad_yaml = [p for p in problems(project_dir) if p.startswith("content/bad-yaml/pl.md:")]
    assert len(bad_yaml) == 1 and bad_yaml[0].startswith("content/bad-yaml/pl.md:4: ")


def test_wrong_types(project_dir: Path) -> None:
    write(project_dir / "content" / "klastry" / "pl.md",
          "---\ntitle: 12\ndate: 2024-01-01\nsummary: ''\nslug: ../etc\n"
          "image:\n  caption: c\n---\nText.\n")
    assert problems(project_dir) == [
        "content/klastry/pl.md:2: title: must be a non-empty text, not a number",
        "content/klastry/pl.md:4: summary: must be a non-empty text, not empty",
        "content/klastry/pl.md:5: slug: \"../etc\" is not a valid slug; use lowercase letters a-z, "
        "digits and hyphens",
        "content/klastry/pl.md:6: image: src is missing; name the image file in the article "
        "folder",
    ]


def test_symlink_outside_is_refused(project_dir: Path, tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", "secret")
    os.symlink(secret, project_dir / "content" / "klastry" / "leak.png")
    assert problems(project_dir) == [
        "content/klastry/leak.png: is a link that points outside the article folder"
    ]


def test_not_utf8(project_dir: Path) -> None:
    (project_dir / "content" / "klastry" / "pl.md").write_bytes(
        b"---\ntitle: Klastry\ndate: 2024-01-01\n---\n" + "Zażółć".encode("cp1250"))
    assert problems(project_dir) == [
        "content/klastry/pl.md:5: the file is not UTF-8 (byte 0xbf at column 3); save it as UTF-8"
    ]


@pytest.mark.skipif(not (EXAMPLE / "locales").is_dir(), reason="example catalogues not built yet")
def test_example_matrix() -> None:
    project = load_project(EXAMPLE)
    modes = {(a.id, lang): mode for a, lang, mode in project.cells()}
    assert modes[("klastry-na-bialorusi", "ru")] is Mode.HANDWRITTEN
    assert modes[("klastry-na-bialorusi", "be")] is Mode.CATALOG
    stypendia = project.article("stypendia-dla-studentow")
    assert stypendia.is_outdated("ru")
    assert not project.article("klastry-na-bialorusi").is_outdated("ru")


def test_parsed_front_matter_is_cached(project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second load takes unchanged documents from the cache; the project is the same."""
    import multipub.cache.documents as project_module

    write(project_dir / "content" / "klastry" / "ru.md", "---\ntitle: Кластеры\n---\nТекст.\n")
    first = load_project(project_dir)
    cache = project_dir / ".multipub-cache" / "documents.jsonl"
    assert cache.is_file()
    parsed: list[str] = []
    real = project_module.parse_document

    def counting(text: str, path: str):  # type: ignore[no-untyped-def]
        parsed.append(path)
        return real(text, path)

    monkeypatch.setattr(project_module, "parse_document", counting)
    second = load_project(project_dir)
    assert parsed == []
    assert [(a.source.doc, a.handwritten["ru"].doc) for a in second.articles] == [
        (a.source.doc, a.handwritten["ru"].doc) for a in first.articles]
    # an edited file is parsed again; a damaged cache only costs time
    write(project_dir / "content" / "klastry" / "ru.md", "---\ntitle: Другое\n---\nТекст.\n")
    cache.write_text('{"x": [1, 2]}', encoding="utf-8")
    third = load_project(project_dir)
    assert parsed == ["content/klastry/pl.md", "content/klastry/ru.md"]
    assert third.articles[0].handwritten["ru"].doc.meta["title"] == "Другое"
    # a file that does not parse is never cached: its error is reported every time
    write(project_dir / "content" / "klastry" / "ru.md", "---\ntitle: [x\n---\n")
    for _ in range(2):
        with pytest.raises(ContentError, match=r"content/klastry/ru\.md"):
            load_project(project_dir)


def test_texts_already_read_are_not_read_again(project_dir: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """``load_project(texts=...)`` takes the bytes read_inputs read; others from disk."""
    from multipub.cache.inputs import read_inputs
    from multipub.project import model as project_module

    inputs = read_inputs(project_dir)
    assert inputs is not None and inputs.markdown
    read: list[str] = []
    real = project_module.read_bytes

    def reading(path: Path, shown: str) -> bytes:
        read.append(shown)
        return real(path, shown)

    monkeypatch.setattr(project_module, "read_bytes", reading)
    texts = dict(inputs.markdown)
    name = next(iter(sorted(texts)))
    del texts[name]
    loaded = load_project(project_dir, texts=texts)
    assert read == [name]
    assert {v.shown: v.text for a in loaded.articles
            for v in (a.source, *a.handwritten.values())} == {
        n: data.decode("utf-8") for n, data in inputs.markdown.items()}
    assert {v.shown: v.digest for a in loaded.articles
            for v in (a.source, *a.handwritten.values())} == {
        n: inputs.files[n] for n in inputs.markdown}
    # the digests given with the texts are taken as they are; a file read here is hashed
    given = {n: b"given digest 16b" for n in inputs.files}
    again = load_project(project_dir, texts=texts, digests=given)
    assert {v.shown: v.digest for a in again.articles
            for v in (a.source, *a.handwritten.values())} == {
        n: inputs.files[n] if n == name else b"given digest 16b" for n in inputs.markdown}
    texts[name] = b"\xff not UTF-8"
    with pytest.raises(ContentError, match=name):
        load_project(project_dir, texts=texts)


def test_an_article_folder_removed_while_loading_is_a_problem(
        project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import multipub.project.model as model

    victim = sorted(p for p in (project_dir / "content").iterdir() if p.is_dir())[0]
    real = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if isinstance(path, str | os.PathLike) and Path(path) == victim:
            # removed between the listing of content/ and its own
            shutil.rmtree(victim)
        return real(path)

    monkeypatch.setattr(model.os, "scandir", scandir)
    assert f"content/{victim.name}: the article folder went away while it was read" in \
        problems(project_dir)
