"""Maintainer script: turn the translations in tools/example-sources/ into the example project.

The example (examples/polska-pomoc) shows every state an editor meets:

=========================  ===========================================  ====================
article                    ru                                           be
=========================  ===========================================  ====================
klastry-na-bialorusi       hand-written, stamped: complete              catalogue: complete
stypendia-dla-studentow    hand-written from an older source: outdated  missing
szkolenia-dla-ngo          catalogue: complete                          catalogue: partial
=========================  ===========================================  ====================

The catalogue-backed versions are made the way a translator would: the
translation of the source version it was made from, entry by entry (the
translations in tools/example-sources/ have the same block structure as the
source, so segment i translates segment i), then ``multipub update`` against
the current source, which turns the changed paragraph of szkolenia-dla-ngo
fuzzy.  Run from the repository root: ``python tools/make_example.py``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from multipub import load_project
from multipub.commands import catalogs
from multipub.content.frontmatter import parse_document
from multipub.content.segment import segment_document, source_hash
from multipub.gettext.pofile import read_catalog, write_catalog

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "polska-pomoc"
SOURCES = ROOT / "tools" / "example-sources"


def aligned(source: str, translation: str, name: str) -> dict[str, str]:
    """msgid -> msgstr from two files of the same structure."""
    src = segment_document(source, name)
    dst = segment_document(translation, name)
    assert [s.kind for s in src] == [d.kind for d in dst], name
    return {s.text: d.text for s, d in zip(src, dst, strict=True)}


def fill(po: Path, pairs: dict[str, str]) -> None:
    catalog = read_catalog(po)
    for message in catalog.messages:
        if not message.obsolete and message.msgid in pairs:
            message.msgstr = pairs[message.msgid]
    write_catalog(catalog, po)


def snapshot(folder: Path, lang: str, source: str) -> None:
    """The stamp snapshot ``multipub stamp`` would have written: the source stamped against."""
    (folder / ".stamps").mkdir(exist_ok=True)
    (folder / ".stamps" / f"{lang}.pl.md").write_text(source, encoding="utf-8")


def main() -> None:
    for stale in ("locales", "site", ".multipub-cache"):
        shutil.rmtree(EXAMPLE / stale, ignore_errors=True)
    for md in EXAMPLE.glob("content/*/[!p]*.md"):
        md.unlink()
    for stamps in EXAMPLE.glob("content/*/.stamps"):
        shutil.rmtree(stamps)
    content = EXAMPLE / "content"
    read = lambda p: p.read_text(encoding="utf-8")  # noqa: E731

    # Hand-written Russian translations: klastry (current), stypendia (of the older source).
    klastry_pl = read(content / "klastry-na-bialorusi" / "pl.md")
    ru = read(SOURCES / "klastry-na-bialorusi" / "ru.md")
    stamp = source_hash(klastry_pl, "pl.md")
    (content / "klastry-na-bialorusi" / "ru.md").write_text(
        re.sub(r"\n---\n", f"\ntranslated_from: {stamp}\n---\n", ru, count=1), encoding="utf-8")
    snapshot(content / "klastry-na-bialorusi", "ru", klastry_pl)
    before = read(SOURCES / "stypendia-dla-studentow" / "pl-before.md")
    ru = read(SOURCES / "stypendia-dla-studentow" / "ru.md")
    stamp = source_hash(before, "pl.md")
    (content / "stypendia-dla-studentow" / "ru.md").write_text(
        re.sub(r"\n---\n", f"\ntranslated_from: {stamp}\n---\n", ru, count=1), encoding="utf-8")
    snapshot(content / "stypendia-dla-studentow", "ru", before)  # `multipub diff` shows 150 -> 200

    # Catalogues: first from the sources the translations were made from.
    project = load_project(EXAMPLE)
    catalogs.update(project)
    article_po = lambda lang, aid: project.catalog_path(lang, f"articles/{aid}")  # noqa: E731
    fill(article_po("be", "klastry-na-bialorusi"),
         aligned(klastry_pl, read(SOURCES / "klastry-na-bialorusi" / "be.md"), "klastry be"))
    szkolenia_pl = read(content / "szkolenia-dla-ngo" / "pl.md")
    fill(article_po("ru", "szkolenia-dla-ngo"),
         aligned(szkolenia_pl, read(SOURCES / "szkolenia-dla-ngo" / "ru.md"), "szkolenia ru"))
    # The Belarusian translator worked on the older source: its entries match pl-before.
    be_before = aligned(read(SOURCES / "szkolenia-dla-ngo" / "pl-before.md"),
                        read(SOURCES / "szkolenia-dla-ngo" / "be.md"), "szkolenia be")
    po = article_po("be", "szkolenia-dla-ngo")
    catalog = read_catalog(po)
    current = {m.msgid for m in catalog.messages}
    for message in catalog.messages:
        message.msgstr = be_before.get(message.msgid, "")
    old = [k for k in be_before if k not in current]
    assert len(old) == 1, old
    # put the old paragraph back as the translator had it, then let update find the change
    for message in catalog.messages:
        if not message.msgstr:
            message.msgid, message.msgstr = old[0], be_before[old[0]]
    write_catalog(catalog, po)

    # Tags, shared by all articles.
    tags: dict[str, dict[str, str]] = {"ru": {}, "be": {}}
    for folder in sorted(SOURCES.iterdir()):
        if not folder.is_dir():
            continue
        src = parse_document(read(content / folder.name / "pl.md"), "pl").meta.get("tags", [])
        for lang in ("ru", "be"):
            for name in (f"{lang}.md", f"{lang}-current.md"):
                if (folder / name).exists():
                    dst = parse_document(read(folder / name), name).meta.get("tags", [])
                    tags[lang].update(zip(src, dst, strict=True))
    for lang in ("ru", "be"):
        fill(project.catalog_path(lang, "tags"), tags[lang])
        fill(project.catalog_path(lang, "messages"),
             {"Polska pomoc": {"ru": "Польская помощь", "be": "Польская дапамога"}[lang]})

    # Now the translators' catalogues meet the current sources.
    catalogs.extract(project)
    catalogs.update(load_project(EXAMPLE))


if __name__ == "__main__":
    main()
