"""Agreement of :func:`multipub.content.lacinka.markup_to_lacinka` with hand-made Łacinka.

    python bench/bench_lacinka.py [--locale-dir /usr/share/locale] [--show N] [CATALOG...]

A script, not a test.  Projects such as GNOME keep a hand-made ``be@latin``
catalogue beside their Cyrillic ``be`` one (Debian installs them as ``.mo``
under ``/usr/share/locale/be@latin/LC_MESSAGES/``).  For every domain found in
both (or the domains named), each entry translated in both catalogues (same
msgctxt and msgid; every plural form) is transliterated from ``be`` and
compared with ``be@latin`` after NFC normalisation:

``exact``       share of entries whose transliteration equals the hand-made text
``similarity``  character-level similarity, ``1 - Levenshtein / length`` summed over
                all entries (rapidfuzz's Indel ratio, weighted by length)
``words``       share of equal words, position by position, in the entries whose two
                texts have as many words (mostly the same wording): the rules' own
                agreement, with less of the two teams' different choices of words
``speed``       characters transliterated per second (all the ``be`` texts at once, with
                empty word caches; median of 5)

The two catalogues are translated separately (by different people, at
different times, some in the classical orthography), so 100% is out of reach:
the figures measure how far the rules carry, not a pass mark.  ``--show N``
prints the N most different entries.  ``--sample DOMAIN N DIR`` writes the
first N entries translated in both catalogues of DOMAIN as ``DIR/DOMAIN.be.po``
and ``DIR/DOMAIN.be@latin.po`` (how ``tests/data/lacinka/`` was made).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

import polib  # noqa: E402
from rapidfuzz.distance import Indel  # noqa: E402

from multipub.content import lacinka  # noqa: E402
from multipub.content.lacinka import markup_to_lacinka  # noqa: E402


def _catalog(path: Path) -> polib._BaseFile:
    return polib.mofile(str(path)) if path.suffix == ".mo" else polib.pofile(str(path))


def _strings(entry: polib._BaseEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def _usable(entry: polib._BaseEntry) -> bool:
    """Translated, current and not fuzzy (a ``.mo`` holds only such entries)."""
    return bool(entry.msgid) and not entry.obsolete and "fuzzy" not in entry.flags and any(
        _strings(entry))


def pairs(cyrillic: Path, latin: Path) -> Iterator[tuple[str, str, str]]:
    """(msgid, be text, be@latin text) of every entry translated in both."""
    latin_entries = {(e.msgctxt, e.msgid): e for e in _catalog(latin) if _usable(e)}
    for entry in _catalog(cyrillic):
        if not _usable(entry):
            continue
        other = latin_entries.get((entry.msgctxt, entry.msgid))
        if other is None:
            continue
        ours, theirs = _strings(entry), _strings(other)
        if len(ours) != len(theirs):
            continue
        for be, lat in zip(ours, theirs, strict=True):
            if be and lat:
                yield entry.msgid, be, lat


def sample(cyrillic: Path, latin: Path, count: int, be_out: Path, latin_out: Path) -> None:
    """The first *count* entries (not plural) translated in both catalogues, as two ``.po``."""
    latin_cat = _catalog(latin)
    by_id = {(e.msgctxt, e.msgid): e for e in latin_cat if _usable(e) and not e.msgid_plural}
    be_cat = _catalog(cyrillic)
    picked = [e for e in be_cat if _usable(e) and not e.msgid_plural
              and (e.msgctxt, e.msgid) in by_id][:count]
    for source, entries, out in ((be_cat, picked, be_out),
                                 (latin_cat, [by_id[(e.msgctxt, e.msgid)] for e in picked],
                                  latin_out)):
        po = polib.POFile(wrapwidth=79)
        po.metadata = dict(source.metadata)
        for e in entries:
            po.append(polib.POEntry(msgctxt=e.msgctxt, msgid=e.msgid, msgstr=e.msgstr))
        po.save(str(out))


_WORDS = re.compile(r"[^\W\d_]+")


def same_words(scored: list[tuple[float, str, str, str]]) -> tuple[float, int]:
    """Share of equal words, position by position, over the entries whose transliteration
    and hand-made text have as many words (and so, mostly, the same wording); and the
    number of words compared."""
    equal = total = 0
    for _, _, ours, theirs in scored:
        a, b = _WORDS.findall(ours), _WORDS.findall(theirs)
        if len(a) == len(b):
            equal += sum(x == y for x, y in zip(a, b, strict=True))
            total += len(a)
    return equal / max(total, 1), total


def agreement(rows: list[tuple[str, str, str]]) -> tuple[float, float, list[tuple[float, str,
                                                                                  str, str]]]:
    """Exact share, character similarity, and the rows as (similarity, be, ours, theirs)."""
    exact = 0
    distance = 0
    length = 0
    scored = []
    for _msgid, be, lat in rows:
        ours = unicodedata.normalize("NFC", markup_to_lacinka(be))
        theirs = unicodedata.normalize("NFC", lat)
        exact += ours == theirs
        distance += Indel.distance(ours, theirs)
        length += len(ours) + len(theirs)
        scored.append((Indel.normalized_similarity(ours, theirs), be, ours, theirs))
    n = max(len(rows), 1)
    return exact / n, 1 - distance / max(length, 1), scored


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("domains", nargs="*", help="gettext domains (default: every one found)")
    parser.add_argument("--locale-dir", type=Path, default=Path("/usr/share/locale"))
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--sample", nargs=3, metavar=("DOMAIN", "N", "DIR"))
    args = parser.parse_args(argv)
    latin_dir = args.locale_dir / "be@latin" / "LC_MESSAGES"
    cyrillic_dir = args.locale_dir / "be" / "LC_MESSAGES"
    if args.sample:
        domain, count, out = args.sample
        sample(cyrillic_dir / f"{domain}.mo", latin_dir / f"{domain}.mo", int(count),
               Path(out) / f"{domain}.be.po", Path(out) / f"{domain}.be@latin.po")
        return 0
    domains = args.domains or sorted(p.stem for p in latin_dir.glob("*.mo")
                                     if (cyrillic_dir / p.name).exists())
    if not domains:
        print(f"no domain has both {cyrillic_dir} and {latin_dir} catalogues", file=sys.stderr)
        return 2
    every: list[tuple[str, str, str]] = []
    print(f"{'domain':<20} {'entries':>7} {'exact':>7} {'similarity':>10} {'words':>7}")
    for domain in domains:
        rows = list(pairs(cyrillic_dir / f"{domain}.mo", latin_dir / f"{domain}.mo"))
        if not rows:
            print(f"{domain:<20} {0:>7}  (no entry translated in both)")
            continue
        every += rows
        exact, similar, scored = agreement(rows)
        words, _ = same_words(scored)
        print(f"{domain:<20} {len(rows):>7} {exact:>7.1%} {similar:>10.1%} {words:>7.1%}")
    exact, similar, scored = agreement(every)
    words, compared = same_words(scored)
    print(f"{'all':<20} {len(every):>7} {exact:>7.1%} {similar:>10.1%} {words:>7.1%}")
    print(f"(words: {compared:,} words of entries with as many words in both)")
    text = "\n".join(be for _, be, _ in every)
    runs = []
    for _ in range(5):  # each run with empty word caches: every word transliterated anew
        lacinka._word.cache_clear()
        lacinka._cased_word.cache_clear()
        started = time.perf_counter()
        markup_to_lacinka(text)
        runs.append(time.perf_counter() - started)
    seconds = statistics.median(runs)
    print(f"speed: {len(text) / seconds / 1e6:.2f} M characters/s "
          f"({len(text):,} characters of these catalogues in {seconds:.3f} s, median of 5)")
    for score, be, ours, theirs in sorted(scored)[: args.show]:
        print(f"\n{score:.2f}\n  be:    {be!r}\n  ours:  {ours!r}\n  hand:  {theirs!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
