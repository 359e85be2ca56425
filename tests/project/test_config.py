"""multipub.toml: validated whole, every problem with key and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from multipub.errors import ConfigError
from multipub.project.config import load_config, parse_config


def test_minimal() -> None:
    cfg = parse_config('source_language = "pl"\nlanguages = ["ru", "be"]\n')
    assert cfg.source_language == "pl"
    assert cfg.languages == ("ru", "be")
    assert cfg.all_languages == ("pl", "ru", "be")
    assert (cfg.fallback, cfg.publish_threshold, cfg.output_dir) == ("skip", 100.0, "site")


def test_full() -> None:
    cfg = parse_config(
        'source_language = "pl"\nlanguages = ["ru"]\ntitle = "T"\n'
        'base_url = "https://example.org/x"\nfallback = "fallback"\npublish_threshold = 80\n'
        'per_page = 5\ntrusted_html = true\n[check]\nselect = ["a"]\nignore = ["b"]\n'
    )
    assert cfg.base_url == "https://example.org/x/"
    assert (cfg.fallback, cfg.publish_threshold, cfg.per_page, cfg.trusted_html) == (
        "fallback", 80.0, 5, True)
    assert (cfg.check_select, cfg.check_ignore) == (("a",), ("b",))


def test_version_is_optional_and_must_be_text() -> None:
    base = 'source_language = "pl"\nlanguages = ["ru"]\n'
    assert parse_config(base).version == ""
    assert parse_config(base + 'version = " 2.1 "\n').version == "2.1"
    assert messages(base + "version = 2\n") == [
        "multipub.toml:3: version: must be a string, not a number"]


def messages(text: str) -> list[str]:
    with pytest.raises(ConfigError) as info:
        parse_config(text)
    assert info.value.exit_code == 2
    return str(info.value).splitlines()


def test_unknown_language_named_with_line() -> None:
    assert messages('source_language = "pl"\nlanguages = ["ru", "by"]\n') == [
        "multipub.toml:2: languages: 'by' is not a language CLDR knows"
    ]


def test_every_problem_at_once() -> None:
    text = (
        'source_language = "xx"\n'
        "languages = []\n"
        'titel = "Polska pomoc"\n'
        'fallback = "never"\n'
        "publish_threshold = 150\n"
        'base_url = "example.org"\n'
        "[check]\n"
        'selct = ["x"]\n'
    )
    assert messages(text) == [
        "multipub.toml:1: source_language: 'xx' is not a language CLDR knows",
        "multipub.toml:2: languages: must be a non-empty list of language codes",
        "multipub.toml:3: titel: unknown key; did you mean 'title'?",
        "multipub.toml:4: fallback: 'never' is not one of: skip, fallback",
        "multipub.toml:5: publish_threshold: must be a number of percent from 0 to 100",
        "multipub.toml:6: base_url: 'example.org' must be an absolute http(s) URL",
        "multipub.toml:8: check.selct: unknown key; did you mean 'select'?",
    ]


def test_missing_required() -> None:
    assert messages('title = "x"\n') == [
        'multipub.toml: languages: missing; list the target languages (e.g. ["ru", "be"])',
        'multipub.toml: source_language: missing; this key is required (e.g. "pl")',
    ]


def test_duplicate_and_source_in_targets() -> None:
    assert messages('source_language = "pl"\nlanguages = ["ru", "ru", "pl"]\n') == [
        "multipub.toml:2: languages: 'pl' is the source language; list only targets",
        "multipub.toml:2: languages: 'ru' is listed twice",
    ]


def test_syntax_error_has_line() -> None:
    assert messages('source_language = "pl"\nlanguages = ["ru"\n') == [
        "multipub.toml:2: TOML syntax error: Unclosed array"
    ]


def test_syntax_error_mid_file() -> None:
    assert messages('source_language = "pl"\nlanguages = ["ru"]\ntitle = "a" "b"\n') == [
        "multipub.toml:3: TOML syntax error: Expected newline or end of document after a statement"
    ]


def test_wrong_types() -> None:
    assert messages('source_language = 1\nlanguages = "ru"\nper_page = 0\n') == [
        "multipub.toml:1: source_language: must be a language code string, not a number",
        "multipub.toml:2: languages: must be a non-empty list of language codes",
        "multipub.toml:3: per_page: must be a whole number of at least 1",
    ]


def test_load_missing_and_not_utf8(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"no multipub\.toml here"):
        load_config(tmp_path / "multipub.toml")
    bad = tmp_path / "multipub.toml"
    bad.write_bytes(b'source_language = "pl"\ntitle = "Polska pomoc \xb3"\n')
    with pytest.raises(ConfigError) as info:
        load_config(bad)
    assert str(info.value) == "multipub.toml:2: the file is not UTF-8; save it as UTF-8"
