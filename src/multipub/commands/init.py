"""``multipub init``: a new project with configuration, folders and a sample article."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..cache import CACHE_ROOT
from ..errors import UsageError
from ..fsio import write_atomic
from ..languages import get_language, is_known_language
from ..project.config import CONFIG_NAME, parse_config

__all__ = ["init_project"]

_SAMPLES = {
    "pl": (
        "Witamy w multipub",
        "Pierwszy artykuł nowego serwisu.",
        "To jest przykładowy artykuł. Zastąp go własnym tekstem.",
        ["Przetłumacz ten artykuł: `multipub extract`, a potem `multipub update`.",
         "Sprawdź postęp tłumaczy: `multipub status`.",
         "Zbuduj serwis: `multipub build`."],
        ["nowości"],
    ),
    "en": (
        "Welcome to multipub",
        "The first article of a new site.",
        "This is a sample article. Replace it with your own text.",
        ["Translate it: `multipub extract`, then `multipub update`.",
         "See how the translators are doing: `multipub status`.",
         "Build the site: `multipub build`."],
        ["news"],
    ),
}


def _config_text(source: str, languages: list[str], title: str) -> str:
    langs = ", ".join(f'"{code}"' for code in languages)
    return (
        "# multipub project configuration; see `multipub --help` and the README.\n"
        f'source_language = "{source}"\n'
        f"languages = [{langs}]\n"
        f"title = {_toml_string(title)}\n"
        'base_url = "https://example.org/"\n'
        'output_dir = "site"\n'
        "# skip: a missing translation has no page; fallback: the source text, marked\n"
        'fallback = "skip"\n'
        "# percent of translated segments from which a catalogue-backed version is published\n"
        "publish_threshold = 100\n"
        + _derived_hint(languages)
    )


def _derived_hint(languages: list[str]) -> str:
    """A commented ``derived_languages`` line for a project that has Belarusian."""
    if "be" not in languages:
        return ""
    return ("# Belarusian in Łacinka too, made from the Cyrillic pages at every build:\n"
            '# derived_languages = [{code = "be-Latn", from = "be", script = "lacinka"}]\n')


def _toml_string(text: str) -> str:
    """*text* as a TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def title_from_folder(folder: Path) -> str:
    """A site title made from the project folder's name.

    >>> title_from_folder(Path("mysite")), title_from_folder(Path("/tmp/nasz_serwis-ngo"))
    ('Mysite', 'Nasz serwis ngo')
    """
    name = folder.resolve().name
    words = re.sub(r"[-_.\s]+", " ", name).strip()
    return (words[:1].upper() + words[1:]) if words else "My multilingual site"


def _sample_article(source: str) -> str:
    title, summary, para, items, tags = _SAMPLES.get(source, _SAMPLES["en"])
    bullet_lines = "".join(f"- {item}\n" for item in items)
    tag_lines = "".join(f"  - {tag}\n" for tag in tags)
    return (
        "---\n"
        f"title: {title}\n"
        "date: 2024-01-15\n"
        f"summary: {summary}\n"
        f"tags:\n{tag_lines}"
        "---\n"
        "\n"
        f"{para}\n"
        "\n"
        f"{bullet_lines}"
    )


def init_project(folder: Path, source: str = "pl", languages: list[str] | None = None,
                 title: str | None = None) -> list[Path]:
    """Create a project in *folder*; return the files written.

    The site title is *title*, or else made from the folder's name
    (:func:`title_from_folder`: ``mysite`` gives ``Mysite``).  Refuses to
    overwrite an existing ``multipub.toml``.  The folder may
    exist (an empty repository, say) but must not already be a project.
    """
    languages = list(languages if languages is not None else ["ru", "be"])
    for code in [source, *languages]:
        if not is_known_language(code):
            raise UsageError(f"{code!r} is not a language CLDR knows")
    if source in languages:
        raise UsageError(f"{source!r} is the source language; list only target languages")
    if not languages:
        raise UsageError("give at least one target language (--languages ru,be)")
    config_path = folder / CONFIG_NAME
    if config_path.exists():
        raise UsageError(f"{config_path} exists already; not overwriting a project")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} exists and is not a folder")
    site_title = (title or "").strip() or title_from_folder(folder)
    text = _config_text(source, languages, site_title)
    parse_config(text)  # what we write must be valid
    written: list[Path] = []
    for sub in ("content", "locales", "templates"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    article = folder / "content" / "welcome" / f"{source}.md"
    if not article.exists():
        write_atomic(article, _sample_article(source).encode("utf-8"))
        written.append(article)
    gitignore = folder / ".gitignore"
    if not gitignore.exists():
        write_atomic(gitignore, f"/site/\n/{CACHE_ROOT}/\n/.multipub.lock\n".encode())
        written.append(gitignore)
    write_atomic(config_path, text.encode("utf-8"))
    written.append(config_path)
    get_language(source)
    return written
