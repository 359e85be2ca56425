"""``[[sections]]``, ``[images]`` and ``[search]`` of multipub.toml."""

from __future__ import annotations

import pytest

from multipub.errors import ConfigError
from multipub.project.config import parse_config
from multipub.project.site_config import DEFAULT_WIDTHS, Section

HEAD = 'source_language = "pl"\nlanguages = ["ru", "be"]\n'


def test_sections_images_and_search() -> None:
    config = parse_config(HEAD + '[[sections]]\nid = "aktualnosci"\nname = "Aktualności"\n\n'
                          '[[sections]]\nid = "kultura"\nname = "Kultura"\n\n'
                          "[images]\nwidths = [960, 480, 480]\n\n[search]\nenabled = false\n")
    assert config.sections == (Section("aktualnosci", "Aktualności"), Section("kultura", "Kultura"))
    assert config.site.image_widths == (480, 960)
    assert config.site.search is False


def test_defaults() -> None:
    config = parse_config(HEAD)
    assert config.sections == ()
    assert config.site.image_widths == DEFAULT_WIDTHS == (480, 960, 1600)
    assert config.site.search is None


@pytest.mark.parametrize(("tail", "message"), [
    ('[[sections]]\nid = "a"\nname = "A"\n[[sections]]\nid = "Zła nazwa"\nname = "B"\n',
     "multipub.toml:7: sections[2].id: 'Zła nazwa' is not a section id"),
    ('[[sections]]\nid = "a"\nname = "A"\n[[sections]]\nid = "a"\nname = "B"\n',
     "multipub.toml:7: sections[2].id: 'a' is used by two sections"),
    ('[[sections]]\nid = "a"\nname = ""\n', "multipub.toml:5: sections[1].name: must be"),
    ('[[sections]]\nid = "a"\nname = "A"\ncolour = "red"\n',
     "multipub.toml:6: sections[1].colour: unknown key"),
    ("sections = 3\n", "multipub.toml:3: sections: must be an array of tables"),
    ("[images]\nwidths = [0]\n", "multipub.toml:4: images.widths: must be a non-empty list"),
    ("[images]\nwidht = [100]\n", "multipub.toml:4: images.widht: unknown key"),
    ('[search]\nenabled = "yes"\n', "multipub.toml:4: search.enabled: must be true or false"),
])
def test_problems_name_key_and_line(tail: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(HEAD + tail)
    assert str(caught.value).startswith(message), str(caught.value)
