"""derived_languages in multipub.toml: validated, every problem with its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from multipub.errors import ConfigError
from multipub.project.config import load_config, parse_config
from multipub.project.derived import DerivedLanguage

BASE = 'source_language = "pl"\nlanguages = ["ru", "be"]\n'


def messages(text: str) -> list[str]:
    with pytest.raises(ConfigError) as info:
        parse_config(text)
    assert info.value.exit_code == 2
    return str(info.value).splitlines()


def test_absent_means_none() -> None:
    cfg = parse_config(BASE)
    assert cfg.derived_languages == ()
    assert cfg.site_languages == ("pl", "ru", "be")


def test_inline_list() -> None:
    cfg = parse_config(BASE + 'derived_languages = [{code = "be-Latn", from = "be", '
                              'script = "lacinka"}]\n')
    assert cfg.derived_languages == (DerivedLanguage("be-Latn", "be", "lacinka"),)
    assert cfg.site_languages == ("pl", "ru", "be", "be-Latn")
    assert cfg.all_languages == ("pl", "ru", "be")


def test_array_of_tables_and_default_code(tmp_path: Path) -> None:
    path = tmp_path / "multipub.toml"
    path.write_text(BASE + '[[derived_languages]]\nfrom = "be"\nscript = "lacinka"\n',
                    encoding="utf-8")
    assert load_config(path).derived_languages == (DerivedLanguage("be-Latn", "be", "lacinka"),)


def test_unknown_script_and_unknown_from_name_their_lines() -> None:
    text = (BASE + "derived_languages = [\n"
            '  {code = "be-Latn", from = "be", script = "latin"},\n'
            '  {code = "be-Latn", from = "uk", script = "lacinka"},\n'
            '  {code = "be-Latn", from = "ru", script = "lacinka", kind = 1},\n'
            "]\n")
    assert messages(text) == [
        "multipub.toml:4: derived_languages[0]: script: 'latin' is not a script multipub "
        "knows; known: lacinka",
        "multipub.toml:5: derived_languages[1]: from: 'uk' is not a language of this project "
        "(pl, ru, be)",
        "multipub.toml:6: derived_languages[2]: from: the lacinka script is made from 'be', "
        "not 'ru'",
        "multipub.toml:6: derived_languages[2]: unknown key 'kind'; known keys: code, from, "
        "script",
    ]


def test_tables_name_their_header_lines() -> None:
    text = (BASE + '[[derived_languages]]\nfrom = "be"\nscript = "lacinka"\n'
            '\n[[derived_languages]]\nfrom = "be"\nscript = "lacinka"\n')
    assert messages(text) == [
        "multipub.toml:7: derived_languages[1]: code: 'be-Latn' is already a language of "
        "this project"]


def test_wrong_shapes() -> None:
    assert messages(BASE + 'derived_languages = "be-Latn"\n') == [
        'multipub.toml:3: derived_languages: must be a list of tables, e.g. [{code = '
        '"be-Latn", from = "be", script = "lacinka"}]']
    assert messages(BASE + 'derived_languages = ["be-Latn"]\n') == [
        "multipub.toml:3: derived_languages[0]: must be a table with code, from and script"]
    assert messages(BASE + 'derived_languages = [{code = "xx-Latn", from = "be", '
                           'script = "lacinka"}]\n') == [
        "multipub.toml:3: derived_languages[0]: code: 'xx-Latn' is not a language tag "
        "multipub knows (use 'be-Latn')"]
    assert messages(BASE + 'derived_languages = [{code = "ru", from = "be", '
                           'script = "lacinka"}]\n') == [
        "multipub.toml:3: derived_languages[0]: code: 'ru' is already a language of this "
        "project"]
    assert messages(BASE + 'derived_languages = [{code = "uk", from = "be", '
                           'script = "lacinka"}]\n') == [
        "multipub.toml:3: derived_languages[0]: code: the lacinka script writes 'be-Latn', "
        "not 'uk'"]


def test_problems_are_reported_with_the_others() -> None:
    text = ('source_language = "pl"\nlanguages = ["ru", "by"]\n'
            'derived_languages = [{from = "be", script = "lacinka"}]\n')
    assert messages(text) == [
        "multipub.toml:2: languages: 'by' is not a language CLDR knows",
        "multipub.toml:3: derived_languages[0]: from: 'be' is not a language of this project "
        "(pl, ru)",
    ]


@given(st.lists(st.sampled_from(["be", "ru", "pl", "uk"]), max_size=4),
       st.lists(st.sampled_from(["lacinka", "latin", ""]), max_size=4))
def test_any_list_validates_or_names_lines(sources: list[str], scripts: list[str]) -> None:
    items = ", ".join(f'{{from = "{f}", script = "{s}"}}' for f, s in zip(sources, scripts,
                                                                          strict=False))
    text = BASE + f"derived_languages = [\n{items}\n]\n"
    try:
        cfg = parse_config(text)
    except ConfigError as exc:
        assert all(p.line in (3, 4) and p.message.startswith("derived_languages")
                   for p in exc.problems)
    else:
        assert len(cfg.derived_languages) <= 1
        assert all(d.source == "be" for d in cfg.derived_languages)


def test_build_with_a_bad_entry_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = tmp_path / "p"
    (root / "content").mkdir(parents=True)
    config = root / "multipub.toml"
    config.write_text(BASE + 'derived_languages = [{from = "be", script = "latinka"}]\n',
                      encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "multipub", "build", "-p", str(root)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr == ("multipub.toml:3: derived_languages[0]: script: 'latinka' is not "
                             "a script multipub knows; known: lacinka\n")
    assert sorted(p.name for p in root.iterdir()) == ["content", "multipub.toml"]
