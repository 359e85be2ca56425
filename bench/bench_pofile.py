"""Benchmark: multipub's PO codec and statistics against GNU gettext.

Run: ``python bench/bench_pofile.py [--entries 50000] [--files 150] [--per-file 2000]``

1. A ~50,000-entry catalogue (Polish sources, Russian/Belarusian translations,
   plurals, fuzzy, obsolete, msgctxt) is loaded and saved by multipub and by
   ``msgcat`` (median of 5 runs each, same process run).
2. ``catalog_stats`` over 150 catalogues of 2,000 entries against one
   ``msgfmt --statistics`` process per file.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from multipub.gettext.catalog import Catalog, Message, make_header
from multipub.gettext.pofile import dump_po, read_catalog, write_catalog
from multipub.gettext.stats import catalog_stats

PL = [
    "Zażółć",
    "gęślą",
    "jaźń",
    "w",
    "Grodnie",
    "i",
    "Białymstoku,",
    "gdzie",
    "klastry",
    "przemysłowe",
    "rosną",
    "szybko;",
    "więcej",
    "na",
    "https://example.pl/artykuly/klastry-na-bialorusi",
    "oraz",
    "w",
    "**raporcie**",
    "rocznym.",
]
RU = [
    "Промышленные",
    "кластеры",
    "в",
    "Гродно",
    "и",
    "Белостоке",
    "быстро",
    "растут",
    "—",
    "подробнее",
    "на",
    "https://example.ru/stati/klastery",
    "«в",
    "годовом",
    "отчёте»",
    "и",
    "в",
    "таблицах",
    "ниже.",
]
BE = [
    "Прамысловыя",
    "кластары",
    "ў",
    "Гродне",
    "і",
    "Беластоку",
    "хутка",
    "растуць;",
    "гл.",
    "таксама",
    "справаздачу.",
]
RU_PLURAL = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)


def sentence(rng: random.Random, words: list[str], lo: int, hi: int) -> str:
    return " ".join(rng.choice(words) for _ in range(rng.randint(lo, hi)))


def make_catalog(n: int, seed: int) -> Catalog:
    rng = random.Random(seed)
    msgs = []
    for i in range(n):
        msgid = f"{i}. " + sentence(rng, PL, 2, 60)
        r = rng.random()
        m = Message(
            msgid,
            references=[f"content/artykul-{i % 300}/pl.md:{rng.randint(1, 400)}"],
            extracted_comments=["paragraph"],
        )
        if r < 0.05:
            m.msgid_plural = msgid + " (mn.)"
            m.msgstr_plural = [sentence(rng, RU, 1, 20) for _ in range(3)]
        elif r < 0.75:
            m.msgstr = sentence(rng, RU if r < 0.6 else BE, 2, 60)
        if rng.random() < 0.08 and m.first_form:
            m.fuzzy = True
            m.previous_msgid = sentence(rng, PL, 2, 30)
        if rng.random() < 0.05:
            m.msgctxt = f"title {i}"
        if rng.random() < 0.03 and m.first_form:
            m.obsolete = True
            m.references = []
        msgs.append(m)
    msgs.sort(key=lambda m: m.obsolete)
    return Catalog(header=make_header("ru", RU_PLURAL), messages=msgs)


def median_time(fn: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--entries", type=int, default=50_000)
    ap.add_argument("--files", type=int, default=150)
    ap.add_argument("--per-file", type=int, default=2_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = folder / "big.po"
        big.write_bytes(dump_po(make_catalog(args.entries, 1)))
        out = folder / "out.po"

        def ours() -> None:
            out.unlink(missing_ok=True)
            write_catalog(read_catalog(big), out)

        def gnu() -> None:
            subprocess.run(["msgcat", "-o", str(out), str(big)], check=True)

        t_ours = median_time(ours)
        same = out.read_bytes() == big.read_bytes()
        t_gnu = median_time(gnu)
        gnu_same = out.read_bytes() == big.read_bytes()
        size = big.stat().st_size / 1e6

        files = []
        for k in range(args.files):
            p = folder / f"c{k}.po"
            p.write_bytes(dump_po(make_catalog(args.per_file, 100 + k)))
            files.append(p)

        def stats_ours() -> None:
            for p in files:
                catalog_stats(p)

        def stats_gnu() -> None:
            for p in files:
                subprocess.run(
                    ["msgfmt", "--statistics", "-o", "/dev/null", str(p)],
                    check=True,
                    capture_output=True,
                )

        s_ours = median_time(stats_ours)
        s_gnu = median_time(stats_gnu)

    print(f"{'task':<52} {'multipub':>9} {'GNU':>9} {'ratio':>7}")
    print(
        f"{f'load+save {args.entries} entries ({size:.1f} MB)':<52} "
        f"{t_ours:>8.2f}s {t_gnu:>8.2f}s {t_ours / t_gnu:>6.2f}x"
    )
    print(
        f"{f'catalog_stats {args.files} x {args.per_file} entries':<52} "
        f"{s_ours:>8.2f}s {s_gnu:>8.2f}s {s_ours / s_gnu:>6.2f}x"
    )
    print(f"output identical to input: multipub {same}, msgcat {gnu_same}")


if __name__ == "__main__":
    main()
