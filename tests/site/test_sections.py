"""Summaries cut at a sentence, first paragraphs, the lead story, section ids."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from multipub.commands.build import build
from multipub.errors import ContentError
from multipub.project.model import load_project
from multipub.site.sections import first_paragraph, front_order, shorten

from ..conftest import write


def test_first_paragraph_skips_headings_images_lists_and_code() -> None:
    body = ("# Tytuł\n\n![Foto](a.png)\n\n- punkt\n- drugi\n\n```\nkod\n```\n\n"
            "Pierwszy *akapit* z [linkiem](https://x.org) i przypisem[^1].\nDruga linia.\n\n"
            "Drugi akapit.\n\n[^1]: Przypis.\n")
    assert first_paragraph(body) == "Pierwszy akapit z linkiem i przypisem. Druga linia."
    assert first_paragraph("## Tylko nagłówek\n") == ""


def test_shorten_cuts_after_a_sentence_within_the_limit() -> None:
    text = ("W Grodnie zakończył się cykl warsztatów dla organizacji, m.in. z obwodu "
            "grodzieńskiego. Wzięło w nim udział 48 osób. Zajęcia prowadzili trenerzy.")
    assert shorten(text, 120) == ("W Grodnie zakończył się cykl warsztatów dla organizacji, "
                                  "m.in. z obwodu grodzieńskiego. Wzięło w nim udział 48 osób.")
    assert shorten(text, 60) == ("W Grodnie zakończył się cykl warsztatów dla organizacji, "
                                 "m.in. z obwodu grodzieńskiego.")
    assert shorten("Слово " * 100, 50).endswith("Слово…")


@given(st.text(st.sampled_from("ab .!?\n«»"), max_size=400), st.integers(10, 200))
def test_shorten_gives_a_prefix_or_a_cut_with_an_ellipsis(text: str, limit: int) -> None:
    text = " ".join(text.split())
    found = shorten(text, limit)
    if found.endswith("…") and not text.endswith("…"):
        assert len(found) <= limit + 1 and text.startswith(found[:-1].rstrip())
    else:
        assert text.startswith(found) and (found == text or len(found) <= 2 * limit)


def test_the_lead_story_is_the_newest_featured_one() -> None:
    a, b, c = (SimpleNamespace(featured=f) for f in (False, True, True))
    assert front_order([a, b, c]) == [b, a, c]  # type: ignore[list-item]
    assert front_order([a]) == [a]  # type: ignore[list-item]


@pytest.mark.parametrize(("front", "message"), [
    ("section: sport\n", "content/a/pl.md:4: section: 'sport' is not a section of the site; "
     "known: aktualnosci"),
    ("featured: tak\n", "content/a/pl.md:4: featured: must be true or false, not 'tak'"),
])
def test_a_wrong_section_or_featured_is_an_error_at_its_line(tmp_path: Path, front: str,
                                                             message: str) -> None:
    write(tmp_path / "multipub.toml", 'source_language = "pl"\nlanguages = ["ru"]\n'
          '[[sections]]\nid = "aktualnosci"\nname = "Aktualności"\n')
    write(tmp_path / "content/a/pl.md", f"---\ntitle: A\ndate: 2024-01-01\n{front}---\nTekst.\n")
    with pytest.raises(ContentError) as caught:
        build(load_project(tmp_path))
    assert str(caught.value) == message
    assert not (tmp_path / "site").exists()
