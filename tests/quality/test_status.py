"""multipub.quality.status: counts equal to msgfmt --statistics, states, totals, cache."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from multipub.commands.stamp import stamp
from multipub.errors import CatalogError
from multipub.project.model import load_project
from multipub.quality import status as status_mod
from multipub.quality.status import (
    CACHE_PATH,
    Counts,
    count_words,
    percent,
    project_status,
    scan_po,
)

from ..conftest import EXAMPLE, write

MSGFMT = shutil.which("msgfmt")
needs_msgfmt = pytest.mark.skipif(MSGFMT is None, reason="GNU msgfmt is not installed")

RU_PLURALS = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
              "(n%100<10 || n%100>=20) ? 1 : 2);")


def header(lang: str = "ru", plural_forms: str = RU_PLURALS, fuzzy: bool = False) -> str:
    return (("#, fuzzy\n" if fuzzy else "") + 'msgid ""\nmsgstr ""\n'
            '"Project-Id-Version: test\\n"\n'
            f'"Language: {lang}\\n"\n'
            '"MIME-Version: 1.0\\n"\n'
            '"Content-Type: text/plain; charset=UTF-8\\n"\n'
            '"Content-Transfer-Encoding: 8bit\\n"\n'
            f'"Plural-Forms: {plural_forms}\\n"\n\n')


def msgfmt_stats(path: Path) -> tuple[int, int, int]:
    """(translated, fuzzy, untranslated) as GNU msgfmt --statistics prints them."""
    assert MSGFMT is not None
    out = subprocess.run([MSGFMT, "--statistics", "-o", os.devnull, str(path)],
                         capture_output=True, text=True, env={**os.environ, "LC_ALL": "C"},
                         check=False)
    assert out.returncode == 0, out.stderr
    text = out.stderr

    def number(kind: str) -> int:
        m = re.search(rf"(\d+) {kind}", text)
        return int(m.group(1)) if m else 0

    return number("translated"), number("fuzzy"), number("untranslated")


def q(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def entry(msgid: str, msgstr: str = "", *, fuzzy: bool = False, ctxt: str | None = None,
          plural: str | None = None, forms: tuple[str, ...] = (), obsolete: bool = False,
          wrap: bool = False) -> str:
    lines = ["#. paragraph", "#: content/a/pl.md:3"] if not obsolete else []
    if fuzzy:
        lines += ["#, fuzzy", f'#| msgid "{q(msgid[:10])}"']
    if ctxt is not None:
        lines.append(f'msgctxt "{q(ctxt)}"')
    if wrap and len(msgid) > 6:
        lines += ['msgid ""', f'"{q(msgid[:5])}"', f'"{q(msgid[5:])}"']
    else:
        lines.append(f'msgid "{q(msgid)}"')
    if plural is not None:
        lines.append(f'msgid_plural "{q(plural)}"')
        lines += [f'msgstr[{i}] "{q(f)}"' for i, f in enumerate(forms)]
    else:
        lines.append(f'msgstr "{q(msgstr)}"')
    if obsolete:
        lines = [line if line.startswith("#,") else f"#~ {line}" for line in lines
                 if not line.startswith("#|")]
    return "\n".join(lines) + "\n\n"


EDGE = header() + "".join([
    entry("Kot", "Кот"),
    entry("Pies", ""),
    entry("Zmieniony tekst", "Изменённый", fuzzy=True),
    entry("Pusty i fuzzy", "", fuzzy=True),
    entry("menu", "меню", ctxt="nav"),
    entry("", "пустой msgid с контекстом", ctxt="odd"),
    entry("%d plik", forms=("%d файл", "", "%d файлов"), plural="%d pliki"),
    entry("%d kot", forms=("", "%d кота", "%d котов"), plural="%d koty"),
    entry("Długi akapit z \"cudzysłowem\" i \\ ukośnikiem", "Длинный абзац", wrap=True),
    entry("Stary", "Старый", obsolete=True),
    entry("Stary fuzzy", "Старый", obsolete=True, fuzzy=True),
])


def test_edge_cases_match_msgfmt(tmp_path: Path) -> None:
    path = write(tmp_path / "edge.po", EDGE)
    counts = scan_po(EDGE)
    assert (counts.translated, counts.fuzzy, counts.untranslated, counts.obsolete) == (5, 1, 3, 2)
    if MSGFMT:
        assert msgfmt_stats(path) == (counts.translated, counts.fuzzy, counts.untranslated)


def test_fuzzy_header_and_no_entries(tmp_path: Path) -> None:
    text = header(fuzzy=True) + entry("Kot", "Кот")
    assert scan_po(text).translated == 1
    assert scan_po(header()) == Counts()
    if MSGFMT:
        assert msgfmt_stats(write(tmp_path / "h.po", text)) == (1, 0, 0)


def test_words_of_msgids() -> None:
    text = header() + entry("Dwa słowa", "Два слова") + entry("Trzy krótkie słowa") + entry(
        "Jedno", "Одно", fuzzy=True)
    c = scan_po(text)
    assert (c.words_translated, c.words_untranslated, c.words_fuzzy) == (2, 3, 1)
    assert c.words_todo == 4 and c.words_total == 6
    assert count_words("**Ala** ma [kota](https://x.pl)\\n i psa") == 8  # URL parts count
    assert percent(2, 3) == 66.6 and percent(1999, 2000) == 99.9 and percent(3, 3) == 100.0


@pytest.mark.parametrize("bad, line", [
    ('msgid "a"\nmsgstr "b\n', 2),
    ('msgid "a"\nmsgstr "b"\nbogus line\n', 3),
    ('"orphan"\n', 1),
    ('msgid "a"\n', 1),
])
def test_syntax_errors_name_the_line(bad: str, line: int) -> None:
    with pytest.raises(CatalogError) as info:
        scan_po(bad)
    assert info.value.line == line


_TEXT = st.text(alphabet="abcąęł żźй ыў\"\\\t%", max_size=12)


@st.composite
def catalogues(draw: st.DrawFn) -> str:
    parts = [header(fuzzy=draw(st.booleans()))]
    seen: set[tuple[str | None, str, bool]] = set()
    for i in range(draw(st.integers(0, 12))):
        msgid = draw(_TEXT) + f" {i}"
        ctxt = draw(st.one_of(st.none(), _TEXT))
        obsolete = draw(st.booleans()) and draw(st.booleans())
        if (ctxt, msgid, obsolete) in seen:
            continue
        seen.add((ctxt, msgid, obsolete))
        fuzzy = draw(st.booleans())
        if draw(st.booleans()):
            forms = tuple(draw(st.sampled_from(["", "x", "форма"])) for _ in range(3))
            parts.append(entry(msgid, ctxt=ctxt, plural=msgid + "s", forms=forms, fuzzy=fuzzy,
                               obsolete=obsolete))
        else:
            parts.append(entry(msgid, draw(st.sampled_from(["", "y", "перевод"])), ctxt=ctxt,
                               fuzzy=fuzzy, obsolete=obsolete, wrap=draw(st.booleans())))
    return "".join(parts)


@needs_msgfmt
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=catalogues())
def test_random_catalogues_match_msgfmt(tmp_path: Path, text: str) -> None:
    path = write(tmp_path / "random.po", text)
    c = scan_po(text)
    assert msgfmt_stats(path) == (c.translated, c.fuzzy, c.untranslated)


def _stats_module_counts(path: Path) -> tuple[int, int, int, int]:
    from multipub.gettext.stats import catalog_stats

    s = catalog_stats(path)
    return (s.translated, s.fuzzy, s.untranslated, s.obsolete)


@needs_msgfmt
def test_generated_catalogues_match_msgfmt_and_stats(tmp_path: Path) -> None:
    rng = random.Random(7)
    for k in range(12):
        parts = [header()]
        for i in range(rng.randint(0, 60)):
            r = rng.random()
            text = f"Akapit {i} " + " ".join(rng.choice(["ala", "ma", "kota", "psa"])
                                             for _ in range(rng.randint(1, 9)))
            if r < 0.1:
                parts.append(entry(text, plural=text + " wiele",
                                   forms=tuple(rng.choice(["", "f"]) for _ in range(3))))
            else:
                parts.append(entry(text, rng.choice(["", "перевод"]), fuzzy=r > 0.8,
                                   ctxt="c" if r > 0.9 else None, obsolete=0.85 < r < 0.9,
                                   wrap=r < 0.5))
        path = write(tmp_path / f"g{k}.po", "".join(parts))
        c = scan_po(path.read_text(encoding="utf-8"))
        assert msgfmt_stats(path) == (c.translated, c.fuzzy, c.untranslated)
        assert _stats_module_counts(path) == (c.translated, c.fuzzy, c.untranslated,
                                              c.obsolete)


# -- projects -----------------------------------------------------------------------

SOURCE = """---
title: Klastry na Białorusi
date: 2024-03-05
---

Pierwszy akapit o klastrach.

Drugi akapit o spotkaniach.
"""


def make_project(root: Path) -> Path:
    write(root / "multipub.toml", 'source_language = "pl"\nlanguages = ["ru", "be"]\n'
          'title = "Test <&> site"\n')
    write(root / "content" / "klastry" / "pl.md", SOURCE)
    write(root / "content" / "puste" / "pl.md", SOURCE.replace("Klastry", "Puste"))
    return root


def article_po(lang: str, translated: int) -> str:
    texts = ["Klastry na Białorusi", "Pierwszy akapit o klastrach.", "Drugi akapit o spotkaniach."]
    return header(lang) + "".join(entry(t, f"Перевод {i}" if i < translated else "")
                                  for i, t in enumerate(texts))


def cell(status: status_mod.ProjectStatus, article: str, lang: str) -> status_mod.Cell:
    art = next(a for a in status.articles if a.id == article)
    return art.translations[lang]


def test_states_of_cells(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    write(root / "locales/ru/LC_MESSAGES/articles/klastry.po", article_po("ru", 3))
    write(root / "locales/be/LC_MESSAGES/articles/klastry.po", article_po("be", 1))
    write(root / "locales/ru/LC_MESSAGES/articles/puste.po", article_po("ru", 0))
    result = project_status(load_project(root), cache=False)

    ru = cell(result, "klastry", "ru")
    assert (ru.state, ru.mode, ru.percent) == ("complete", "catalog", 100.0)
    be = cell(result, "klastry", "be")
    assert (be.state, be.mode, be.percent) == ("partial", "catalog", 33.3)
    assert (be.counts.translated, be.counts.untranslated) == (1, 2)
    assert be.counts.words_todo == 8
    empty = cell(result, "puste", "ru")
    assert (empty.state, empty.mode, empty.percent) == ("missing", "catalog", 0.0)
    none = cell(result, "puste", "be")
    assert (none.state, none.mode, none.path) == ("missing", "none", None)
    assert none.counts.untranslated == 3  # title and two paragraphs of the source
    assert result.problems == ()
    assert [c.path for c in result.catalogs] == [
        "locales/ru/LC_MESSAGES/articles/klastry.po",
        "locales/ru/LC_MESSAGES/articles/puste.po",
        "locales/be/LC_MESSAGES/articles/klastry.po",
    ]


def test_handwritten_complete_and_outdated(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    write(root / "content/klastry/ru.md", "---\ntitle: Кластеры в Беларуси\n---\n\nТекст.\n")
    write(root / "content/klastry/be.md", "---\ntitle: Кластары ў Беларусі\n---\n\nТэкст.\n")
    project = load_project(root)
    stamp(project, "klastry", "ru")
    stamp(project, "klastry", "be")
    result = project_status(load_project(root), cache=False)
    assert cell(result, "klastry", "ru").state == "complete"
    assert cell(result, "klastry", "ru").mode == "handwritten"
    assert cell(result, "klastry", "ru").percent == 100.0

    source = root / "content/klastry/pl.md"
    source.write_text(SOURCE + "\nTrzeci akapit.\n", encoding="utf-8")
    result = project_status(load_project(root), cache=False)
    old = cell(result, "klastry", "be")
    assert (old.state, old.mode, old.path) == ("outdated", "handwritten", "content/klastry/be.md")
    # counted in the source's segments, as translated: a hand-written file has no fuzzy entry
    assert old.counts.fuzzy == 0 and old.counts.translated == 4
    assert old.outdated_since is None  # not a git work tree
    assert (old.site, old.reason) == ("published-outdated",
                                      "hand-written; source changed since its stamp")
    assert result.total("be").states == {"complete": 0, "outdated": 1, "partial": 0,
                                         "unstamped": 0, "missing": 1}


def test_never_stamped_is_unstamped(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    write(root / "content/klastry/ru.md", "---\ntitle: Кластеры\n---\n\nТекст.\n")
    result = project_status(load_project(root), cache=False)
    found = cell(result, "klastry", "ru")
    assert found.state == "unstamped" and found.counts.fuzzy == 0
    assert "never stamped" in found.reason


def test_totals_count_ui_templates_and_articles(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    write(root / "locales/messages.pot", header("") + entry("Home") + entry("About us"))
    write(root / "locales/ru/LC_MESSAGES/messages.po",
          header("ru") + entry("Home", "Главная") + entry("About us", "", fuzzy=False))
    write(root / "locales/ru/LC_MESSAGES/articles/klastry.po", article_po("ru", 3))
    result = project_status(load_project(root), cache=False)
    ru = result.total("ru")
    # messages.po 1/2 + klastry 3/3 + puste 0/3 (no catalogue: source segments)
    assert (ru.counts.translated, ru.counts.total) == (4, 8)
    assert ru.percent == 50.0
    be = result.total("be")
    # the UI template counts as untranslated where no messages.po exists yet
    assert (be.counts.translated, be.counts.untranslated) == (0, 8)


def test_bad_catalogue_is_a_problem_not_a_stop(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    write(root / "locales/ru/LC_MESSAGES/articles/klastry.po", 'msgid "a"\nmsgstr "b\n')
    write(root / "locales/be/LC_MESSAGES/articles/klastry.po", article_po("be", 3))
    (root / "locales/be/LC_MESSAGES/tags.po").write_bytes(b'msgid "a"\nmsgstr "\xb3"\n')
    result = project_status(load_project(root))
    assert [(p.path, p.line) for p in result.problems] == [
        ("locales/be/LC_MESSAGES/tags.po", 2),
        ("locales/ru/LC_MESSAGES/articles/klastry.po", 2),
    ]
    assert "UTF-8" in result.problems[0].message
    bad = cell(result, "klastry", "ru")
    assert bad.state == "missing" and bad.problem is not None and bad.mode == "catalog"
    assert cell(result, "klastry", "be").state == "complete"
    cached = json.loads((root / CACHE_PATH).read_text(encoding="utf-8"))
    assert "locales/ru/LC_MESSAGES/articles/klastry.po" not in cached["catalogs"]


def test_other_charsets_are_counted_by_the_full_parser(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    text = header("ru").replace("UTF-8", "ISO-8859-2") + entry("Łódź", "Lodz") + entry("Kot")
    (root / "locales/ru/LC_MESSAGES").mkdir(parents=True)
    (root / "locales/ru/LC_MESSAGES/messages.po").write_bytes(text.encode("iso-8859-2"))
    result = project_status(load_project(root), cache=False)
    assert result.problems == ()
    c = result.catalogs[0].counts
    assert (c.translated, c.untranslated, c.words_total) == (1, 1, 2)


def test_catalog_counts_equal_scan() -> None:
    from multipub.gettext.pofile import parse_po
    from multipub.quality.status import catalog_counts

    assert catalog_counts(parse_po(EDGE.encode("utf-8"), "edge.po")) == scan_po(EDGE)


def test_cache_is_used_refreshed_and_survives_corruption(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path / "p")
    po = write(root / "locales/ru/LC_MESSAGES/articles/klastry.po", article_po("ru", 1))
    first = project_status(load_project(root))
    assert (root / CACHE_PATH).is_file()

    calls: list[str | bytes] = []
    real = status_mod.scan_po

    def counting(text: str | bytes, path: str | None = None,
                 header: list[str] | None = None) -> Counts:
        calls.append(text)
        return real(text, path, header)

    monkeypatch.setattr(status_mod, "scan_po", counting)
    again = project_status(load_project(root))
    assert calls == [] and again == first

    po.write_text(article_po("ru", 2), encoding="utf-8")
    changed = project_status(load_project(root))
    assert len(calls) == 1 and cell(changed, "klastry", "ru").counts.translated == 2

    (root / CACHE_PATH).write_text("{not json", encoding="utf-8")
    rebuilt = project_status(load_project(root))
    assert rebuilt == changed and len(calls) == 2
    assert json.loads((root / CACHE_PATH).read_text(encoding="utf-8"))["format"] == 3

    (root / CACHE_PATH).write_text('{"format": 3, "catalogs": {"locales/ru/LC_MESSAGES/'
                                   'articles/klastry.po": {"key": 5}}, "sources": []}',
                                   encoding="utf-8")
    assert project_status(load_project(root)) == changed


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    write(root / "locales/ru/LC_MESSAGES/articles/klastry.po", article_po("ru", 1))
    project_status(load_project(root), cache=False)
    # load_project may keep its own source-hash cache there now; status writes nothing
    assert not (root / CACHE_PATH).exists()


GIT = shutil.which("git")


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_outdated_since_from_git(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    write(root / "content/klastry/ru.md", "---\ntitle: Кластеры\n---\n\nТекст.\n")
    stamp(load_project(root), "klastry", "ru")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args: str, date: str | None = None) -> None:
        extra = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {}
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                       env={**env, **extra})

    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "first", date="2024-01-10T10:00:00+00:00")
    (root / "content/klastry/pl.md").write_text(SOURCE + "\nNowy.\n", encoding="utf-8")
    git("commit", "-q", "-am", "source changed", date="2024-02-01T12:00:00+00:00")
    (root / "content/klastry/pl.md").write_text(SOURCE + "\nNowszy.\n", encoding="utf-8")
    git("commit", "-q", "-am", "source changed again", date="2024-03-01T12:00:00+00:00")
    result = project_status(load_project(root), cache=False)
    since = cell(result, "klastry", "ru").outdated_since
    assert since is not None and since.startswith("2024-02-01T12:00:00")
    quiet = project_status(load_project(root), cache=False, history=False)
    assert cell(quiet, "klastry", "ru").outdated_since is None


@pytest.mark.skipif(not EXAMPLE.is_dir(), reason="the bundled example is not present")
def test_example_project(example_copy: Path) -> None:
    result = project_status(load_project(example_copy), cache=False)
    assert result.problems == ()
    assert result.languages == ("ru", "be")
    for art in result.articles:
        for c in art.cells:
            assert c.state in status_mod.STATES
    if MSGFMT:
        for cat in result.catalogs:
            c = cat.counts
            assert msgfmt_stats(example_copy / cat.path) == (c.translated, c.fuzzy,
                                                             c.untranslated)


# -- status refuses exactly what parse_po refuses -------------------------------------------

BAD_CATALOGUES = {
    "escape.po": header() + entry("Kot", "Кот").replace('"Кот"', '"Ко\\qт"'),
    "duplicate.po": header() + entry("Kot", "Кот") + entry("Pies") + entry("Kot", "Котик"),
    "wrapped-duplicate.po": header() + entry("Kot i pies", "Кот") + entry("Kot i pies", wrap=True),
    "too-many-forms.po": header() + entry("%d kot", plural="%d koty",
                                          forms=("%d кот", "%d кота", "%d котов", "%d котиков")),
    "form-gap.po": header() + entry("%d kot", plural="%d koty", forms=("a", "b")).replace(
        "msgstr[1]", "msgstr[2]"),
    "comment-inside.po": header() + entry("Kot", "Кот").replace('msgstr "', '# x\nmsgstr "'),
    "no-msgstr-at-end.po": header() + 'msgid "Kot"\n',
    "nul.po": header() + entry("Kot", "Ко\x00т"),
}


def test_status_reports_bad_catalogues_exactly_like_parse_po(tmp_path: Path) -> None:
    from multipub.gettext.pofile import parse_po

    root = make_project(tmp_path / "p")
    folder = root / "locales/ru/LC_MESSAGES"
    expected: list[str] = []
    for name, text in BAD_CATALOGUES.items():
        path = write(folder / name, text)
        with pytest.raises(CatalogError) as err:
            parse_po(path.read_bytes(), f"locales/ru/LC_MESSAGES/{name}")
        expected.extend(str(p) for p in err.value.problems)
        with pytest.raises(CatalogError) as again:
            scan_po(text, "x.po")
        assert [(p.line, p.message) for p in again.value.problems] == [
            (p.line, p.message) for p in err.value.problems]
        if MSGFMT:  # and GNU refuses them too
            done = subprocess.run([MSGFMT, "-c", "-o", os.devnull, str(path)], capture_output=True,
                                  env={**os.environ, "LC_ALL": "C"}, check=False)
            assert done.returncode != 0 or name in ("nul.po",), name  # GNU cuts at a NUL
    write(folder / "good.po", header() + entry("Kot", "Кот"))
    result = project_status(load_project(root), cache=False)
    assert sorted(str(p) for p in result.problems) == sorted(expected)
    assert [c.path for c in result.catalogs] == ["locales/ru/LC_MESSAGES/good.po"]


def test_scanner_takes_the_fast_path_only_for_what_it_checked() -> None:
    from multipub.gettext.stats import scan

    assert scan(EDGE.encode()) is not None
    slow = [
        header() + 'msgid "K\\157t"\nmsgstr ""\n\n',  # octal escape: parse_po decodes it
        header().replace("UTF-8", "ISO-8859-2") + entry("Kot"),
        header() + 'msgid "Kot"\n\nmsgstr ""\n',  # a blank line inside an entry
        header() + "# uwaga\rtu\n" + entry("Kot"),  # a lone CR (kept in the comment)
    ]
    for text in slow:
        assert scan(text.encode()) is None, text
        assert scan_po(text) == catalog_counts_of(text)


def catalog_counts_of(text: str) -> Counts:
    from multipub.gettext.pofile import parse_po
    from multipub.quality.status import catalog_counts

    return catalog_counts(parse_po(text.encode(), "x.po"))


_MUTATIONS = st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from([
    "", "\n", "\\q", "\\n", "\\101", '"', "msgstr[1] \"x\"\n", "msgstr[3] \"x\"\n", "#~ ",
    "#, fuzzy\n", "msgid \"Kot 1\"\nmsgstr \"\"\n", "msgctxt \"c\"\n", " ", "\t", "\xa0", "#| ",
    "\r\n", "\x0c", "msgid_plural \"p\"\n", '""\n', "\x00",
])), min_size=1, max_size=4)


@settings(max_examples=150, deadline=None)
@given(text=catalogues(), edits=_MUTATIONS, cut=st.integers(0, 3))
def test_scanner_agrees_with_parse_po_on_mutated_catalogues(
        text: str, edits: list[tuple[int, str]], cut: int) -> None:
    from multipub.errors import MultipubError

    for at, piece in edits:
        at %= len(text) + 1
        text = text[:at] + piece + text[at + cut * (piece == ""):]
    try:
        expected: Counts | str = catalog_counts_of(text)
    except MultipubError as exc:
        expected = str(exc)
    try:
        found: Counts | str = scan_po(text, "x.po")
    except MultipubError as exc:
        found = str(exc)
    assert found == expected
