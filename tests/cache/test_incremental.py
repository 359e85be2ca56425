"""Incremental builds: only what depends on a change is rendered and written, and the
result is byte for byte the site a clean build makes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from multipub.cache import output as buildcache
from multipub.cache.inputs import CACHE_DIR, THEME_DIR, builds, code_fingerprint
from multipub.cache.localized import LocalizedCache
from multipub.cache.output import Output, stats_path
from multipub.commands.build import MANIFEST, BuildReport, build
from multipub.commands.catalogs import update
from multipub.gettext.pofile import read_catalog, write_catalog
from multipub.project.model import load_project

from ..commands.test_build import CONFIG, make_project
from ..conftest import png, snapshot, write


def clean_build(root: Path, tmp: Path, jobs: int = 1) -> dict[str, bytes]:
    """The site of a copy of the project at *root* built from nothing (no cache, no output)."""
    copy = tmp / "clean" / root.name
    if copy.parent.exists():
        shutil.rmtree(copy.parent)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".multipub-cache", "site"))
    build(load_project(copy), out=tmp / "clean" / "out", jobs=jobs)
    return snapshot(tmp / "clean" / "out")


class Site:
    """A project and its output, rebuilt after each change and checked against a clean build."""

    def __init__(self, tmp: Path, config: str = CONFIG) -> None:
        self.tmp = tmp
        # (the search index follows every page edit; tests/site/test_search.py checks it)
        self.root = make_project(tmp / "proj", config + "\n[search]\nenabled = false\n")
        self.out = self.root / "site"
        self.first = build(load_project(self.root))
        self.files = snapshot(self.out)

    def rebuild(self, jobs: int = 1) -> tuple[BuildReport, set[str], set[str]]:
        """Build again; the result, the files whose bytes changed or appeared, those removed.

        Checks that the build counted exactly those and that the output equals a clean build.
        """
        result = build(load_project(self.root), jobs=jobs)
        now = snapshot(self.out)
        changed = {n for n in now if self.files.get(n) != now[n]} - {MANIFEST}
        removed = set(self.files) - set(now)
        assert result.removed == len(removed)
        assert result.written == len(changed)
        assert result.written + result.unchanged == len(now) - 1  # the manifest aside
        assert now == clean_build(self.root, self.tmp), "incremental output differs from clean"
        self.files = now
        return result, changed, removed


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path)


def test_nothing_changed_renders_and_writes_nothing(site: Site) -> None:
    result, changed, removed = site.rebuild()
    assert (result.written, result.removed, result.rendered) == (0, 0, 0)
    assert result.unchanged == site.first.written
    assert changed == removed == set()


def test_editing_a_source_rewrites_its_page_and_markdown(site: Site) -> None:
    path = site.root / "content/brest/pl.md"
    path.write_text(path.read_text("utf-8").replace("Drugi akapit.", "Drugi, nowy akapit."),
                    "utf-8")
    update(load_project(site.root))
    result, changed, removed = site.rebuild()
    assert changed == {"pl/szkolenia-w-brzesciu/index.html", "markdown/pl/brest.md"}
    # rendered again: the page, and the listings showing it (a template may show its text);
    # only the page's bytes changed
    assert result.rendered == 3 and not removed


def test_a_catalogue_edit_rewrites_that_version_only(site: Site) -> None:
    po = site.root / "locales/ru/LC_MESSAGES/articles/grodna.po"
    catalog = read_catalog(po)
    for message in catalog.messages:
        if message.msgid == "Spotkanie w Grodnie.":
            message.msgstr = "Встреча в городе Гродно."
    write_catalog(catalog, po)
    result, changed, _ = site.rebuild()
    assert changed == {"ru/klastery-v-grodno/index.html", "markdown/ru/grodna.md"}
    assert result.rendered == 4  # the page, ru/index.html and its two tag pages (unchanged)


def test_a_version_reaching_the_threshold_appears_everywhere(site: Site) -> None:
    po = site.root / "locales/ru/LC_MESSAGES/articles/brest.po"
    catalog = read_catalog(po)
    for message in catalog.messages:
        if message.msgid and not message.msgstr:
            message.msgstr = "перевод: " + message.msgid
    write_catalog(catalog, po)
    _, changed, _ = site.rebuild()
    assert {"ru/treningi-v-breste/index.html", "markdown/ru/brest.md", "ru/index.html",
            "ru/feed.xml", "sitemap.xml", "pl/szkolenia-w-brzesciu/index.html"} <= changed
    assert "be/klastary-w-grodnie/index.html" not in changed


def test_a_template_override_rebuilds_the_pages_it_shapes(site: Site) -> None:
    theme = (THEME_DIR / "article.html").read_text("utf-8")
    write(site.root / "templates/article.html",
          theme.replace("</article>", "</article>\n<p>override</p>"))
    result, changed, _ = site.rebuild()
    articles = {n for n in site.files if n.count("/") == 2 and n.endswith("/index.html")
                and "/tag/" not in n and "/page/" not in n}
    assert changed == articles and len(articles) == 6
    assert all(b"<p>override</p>" in site.files[n] for n in articles)
    result, changed, _ = site.rebuild()  # and nothing more the next time
    assert result.rendered == 0 and changed == set()


def test_a_configuration_change_rebuilds_every_page(site: Site) -> None:
    config = site.root / "multipub.toml"
    config.write_text(config.read_text("utf-8").replace("Polska pomoc", "Pomoc z Polski"),
                      "utf-8")
    result, changed, _ = site.rebuild()
    html = {n for n in site.files if n.endswith(".html")}
    assert html <= changed | {n for n in html if b"Pomoc z Polski" not in site.files[n]}
    assert {"pl/feed.xml", "pl/index.html", "pl/klastry-w-grodnie/index.html"} <= changed
    assert result.rendered == len(html)


def test_a_deleted_article_loses_its_pages(site: Site) -> None:
    shutil.rmtree(site.root / "content/minsk")
    _, changed, removed = site.rebuild()
    assert removed == {"pl/stypendia-w-minsku/index.html", "ru/stipendii-v-minske/index.html",
                       "markdown/pl/minsk.md", "markdown/ru/minsk.md",
                       "pl/page/2/index.html"}  # two Polish articles left: one page of two
    assert {"pl/index.html", "ru/index.html", "sitemap.xml"} <= changed
    assert "pl/klastry-w-grodnie/index.html" not in changed


def test_a_new_tag_gets_its_pages(site: Site) -> None:
    path = site.root / "content/brest/pl.md"
    path.write_text(path.read_text("utf-8").replace("tags: [gospodarka]",
                                                    "tags: [gospodarka, szkolenia]"), "utf-8")
    _, changed, _ = site.rebuild()
    assert "pl/tag/szkolenia/index.html" in changed
    assert "pl/szkolenia-w-brzesciu/index.html" in changed
    assert "be/klastary-w-grodnie/index.html" not in changed


def test_damaged_or_deleted_output_is_restored(site: Site) -> None:
    page = site.out / "pl/klastry-w-grodnie/index.html"
    page.write_bytes(b"edited by hand")
    (site.out / "ru/index.html").unlink()
    site.files = snapshot(site.out)
    result, changed, _ = site.rebuild()
    assert changed == {"pl/klastry-w-grodnie/index.html", "ru/index.html"}
    assert result.written == 2


def test_an_asset_is_copied_again_only_when_its_bytes_change(
        site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    foto = site.root / "content/grodna/foto.png"
    foto.write_bytes(png(shade=99))  # other pixels, same size: no page changes
    result, changed, _ = site.rebuild()
    assert changed == {"assets/grodna/foto.png", "assets/grodna/foto-64w.webp"}
    assert result.rendered == 0
    # another text changes: the unchanged asset, known by the digest of the inputs, is not read
    path = site.root / "content/minsk/pl.md"
    path.write_text(path.read_text("utf-8") + "\nNowy akapit.\n", "utf-8")
    read: list[str] = []
    real = Path.read_bytes

    def reading(self: Path) -> bytes:
        read.append(self.name)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", reading)
    result = build(load_project(site.root))
    monkeypatch.undo()
    assert result.written == 2 and "foto.png" not in read


def test_lost_output_sizes_and_times_are_recorded_again(
        site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the project's record of output sizes and times a build compares the
    files by their bytes, once: it records them again for the next build."""
    stats = stats_path(load_project(site.root), site.out)
    stats.unlink()
    site.rebuild()
    recorded = json.loads(stats.read_text("utf-8"))
    assert recorded == {name: [(site.out / name).stat().st_size,
                               (site.out / name).stat().st_mtime_ns] for name in recorded}
    assert len(recorded) == len(site.files) - 1  # the manifest aside
    reads: list[bytes] = []
    real = buildcache.content_hash

    def counting(data: bytes) -> str:
        reads.append(data)
        return real(data)

    monkeypatch.setattr(buildcache, "content_hash", counting)
    output = Output(site.out, stats)
    assert all(output._matches(name, record) == record
               for name, record in output.previous.items() if record is not None)
    assert reads == [], "a file was read although its size and time were recorded"


def test_parallel_incremental_build_matches_clean(site: Site) -> None:
    path = site.root / "content/grodna/pl.md"
    path.write_text(path.read_text("utf-8").replace("Eksperci z Białegostoku.",
                                                    "Eksperci z Białegostoku i Lublina."),
                    "utf-8")
    update(load_project(site.root))
    result, changed, _ = site.rebuild(jobs=2)
    assert "pl/klastry-w-grodnie/index.html" in changed and result.rendered < 20


def test_localized_texts_come_from_the_cache(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    build(load_project(root))
    pack = root / CACHE_DIR / "localized.jsonl"
    lines = pack.read_text("utf-8").splitlines()
    assert len(lines) == 1 + 4  # ru: grodna, brest (below the threshold); be: brest, minsk
    saved = pack.stat().st_mtime_ns
    build(load_project(root))
    assert pack.stat().st_mtime_ns == saved, "an unchanged cache is not written again"
    project = load_project(root)
    cache = LocalizedCache(project, code_fingerprint())
    grodna = project.article("grodna")
    found = cache(project, grodna, "ru")
    assert found is not None and not isinstance(found.lazy_text, str)  # not decoded yet
    assert found.meta["title"] == "Кластеры в Гродно"
    assert "Встреча в Гродно." in found.body and found.lazy_text == found.text
    assert (cache.hits, cache.misses) == (1, 0)
    # a damaged text (its front matter intact) is computed again when it is asked for
    pack.write_text("\n".join([lines[0]] + [line.rpartition("\t")[0] + '\t"short"'
                                             for line in lines[1:]]) + "\n", "utf-8")
    project = load_project(root)
    cache = LocalizedCache(project, code_fingerprint())
    grodna = project.article("grodna")
    again = cache(project, grodna, "ru")
    assert again is not None and again.text == found.text
    pack.write_text("\n".join(lines) + "\n", "utf-8")
    # a damaged cache costs time, never correctness
    for damaged in (
        "\n".join([lines[0]] + [line.split("\t")[0] + '\t["not", "a", "text"]'
                                 for line in lines[1:]]),
        "\n".join([lines[0]] + [line[:-9] for line in lines[1:]]),  # cut short
        "another format\n" + "\n".join(lines[1:]),
        "\xff\xfe",
    ):
        pack.write_bytes(damaged.encode("utf-8", "surrogateescape") if damaged != "\xff\xfe"
                         else b"\xff\xfe")
        (root / "site" / MANIFEST).unlink()  # else the build sees that no input changed
        result = build(load_project(root))
        assert result.written == 0
        assert pack.read_text("utf-8").splitlines()[0] == lines[0]


def test_cache_keys_come_from_the_digests_read_before_loading(tmp_path: Path) -> None:
    """A catalogue known by the inputs' digest is not read again for its key; a text
    computed from a catalogue edited after that read is not kept under the old key."""
    from multipub.cache.inputs import read_inputs

    root = make_project(tmp_path / "p")
    project = load_project(root)
    inputs = read_inputs(root)
    assert inputs is not None
    po = project.catalog_path("ru", project.article_domain("grodna"))
    by_digest = LocalizedCache(project, code_fingerprint(), inputs)
    by_bytes = LocalizedCache(project, code_fingerprint())
    grodna = project.article("grodna")
    assert by_digest.key(project, grodna, "ru") == by_bytes.key(project, grodna, "ru")

    # the catalogue changes after the inputs were read: its text is computed from the new
    # bytes, so it must not be stored under the key of the old ones
    catalog = read_catalog(po)
    for message in catalog.messages:
        if message.msgid == "Spotkanie w Grodnie.":
            message.msgstr = "Изменено."
    write_catalog(catalog, po)
    cache = LocalizedCache(project, code_fingerprint(), inputs)
    found = cache(project, grodna, "ru")
    assert found is not None and "Изменено." in found.text
    cache.save()
    pack = root / CACHE_DIR / "localized.jsonl"
    stored = pack.read_text("utf-8") if pack.exists() else ""
    assert "Изменено." not in stored
    # with inputs read after the edit the text is kept
    project = load_project(root)
    cache = LocalizedCache(project, code_fingerprint(), read_inputs(root))
    assert cache(project, project.article("grodna"), "ru") is not None
    cache.save()
    assert "Изменено." in pack.read_text("utf-8")


def test_the_fingerprint_covers_every_module_the_build_uses() -> None:
    code = ("import sys, multipub.commands.build, multipub.commands.catalogs, multipub.site.plan;"
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('multipub'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.split()
    names = [m.removeprefix("multipub.") for m in loaded if m != "multipub"]
    assert names and all(builds(m) for m in names), [m for m in names if not builds(m)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_texts_made_by_a_first_build_are_written_as_they_are_made(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    """A first build appends the catalogue-backed texts it makes to the cache as it goes
    (here after every text) and reads them back for the pages: the site is the one a
    build holding every text makes, and the cache holds each text once."""
    root = make_project(tmp_path / "p", CONFIG + "\n[search]\nenabled = false\n")
    expected = clean_build(root, tmp_path / "held", jobs)
    monkeypatch.setattr(LocalizedCache, "FLUSH", 1)
    assert clean_build(root, tmp_path / "flushed", jobs) == expected
    pack = tmp_path / "flushed" / "clean" / "p" / CACHE_DIR / "localized.jsonl"
    keys = [line.partition("\t")[0] for line in pack.read_text("utf-8").splitlines()[1:]]
    assert keys and len(keys) == len(set(keys))
