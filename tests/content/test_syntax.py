"""multipub.content.syntax: the [markdown] table, extension names and the optional extra."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import multipub
from multipub.content.syntax import (
    DEFAULT_EXTENSIONS,
    DEFAULT_SYNTAX,
    EXTRA,
    MarkdownSyntax,
    missing_requirement,
    parse_markdown_table,
    unsupported,
)
from multipub.errors import ConfigError
from multipub.project.config import parse_config
from tests.conftest import ARTICLE, write

BASE = 'source_language = "pl"\nlanguages = ["ru"]\n'


def test_default_is_the_news_site_set() -> None:
    assert parse_config(BASE).markdown == DEFAULT_SYNTAX
    assert DEFAULT_SYNTAX.extensions == DEFAULT_EXTENSIONS
    assert unsupported(DEFAULT_SYNTAX) == ()


def test_table_with_configs() -> None:
    config = parse_config(BASE + '[markdown]\nextensions = ["markdown.extensions.admonition", '
                          '"pymdownx.tabbed"]\n[markdown.extension_configs."pymdownx.tabbed"]\n'
                          "alternate_style = true\n")
    assert config.markdown.extensions == ("admonition", "pymdownx.tabbed")
    assert config.markdown.config("pymdownx.tabbed") == {"alternate_style": True}
    assert config.markdown.config("admonition") == {}
    hash(config.markdown)  # a cache key


@pytest.mark.parametrize(("table", "message"), [
    ('extensions = "admonition"', "4: markdown.extensions: must be a list of extension names"),
    ('extensions = ["no_such_extension"]', "4: markdown.extensions: unknown Markdown extension "
     "'no_such_extension'"),
    ('extension = ["toc"]', "4: markdown.extension: unknown key"),
    ('extensions = ["toc"]\nextension_configs = {tables = {}}',
     "5: markdown.extension_configs: 'tables' is not in extensions"),
])
def test_problems_name_the_key_and_line(table: str, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(BASE + "[markdown]\n" + table + "\n")
    assert str(info.value).startswith("multipub.toml:" + message)


def test_pymdownx_without_the_extra_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "pymdownx" else real(name, *a))
    syntax = MarkdownSyntax.of(["pymdownx.superfences"])
    assert EXTRA in (missing_requirement(syntax) or "")
    _, problems = parse_markdown_table({"extensions": ["pymdownx.superfences"]})
    assert problems and EXTRA in problems[0][1]


def test_unknown_extension_is_named_once_by_check(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write(root / "multipub.toml", BASE + '[markdown]\nextensions = ["tables", '
          '"pymdownx.blocks.admonition", "pymdownx.blocks.tab"]\n')
    write(root / "content" / "a" / "pl.md", ARTICLE + "\n/// note | Tytuł\nTreść.\n///\n")
    write(root / "content" / "b" / "pl.md", ARTICLE)
    found = [f for f in multipub.check(root) if f.check == "markdown-extension"]
    assert len(found) == 1
    assert found[0].path == "multipub.toml" and found[0].line == 3
    assert "'pymdownx.blocks.admonition', 'pymdownx.blocks.tab'" in found[0].message
    assert not [f for f in multipub.check(_plain(tmp_path)) if f.check == "markdown-extension"]


def _plain(tmp_path: Path) -> Path:
    root = tmp_path / "plain"
    write(root / "multipub.toml", BASE)
    write(root / "content" / "a" / "pl.md", ARTICLE)
    return root
