"""Benchmark: ``multipub status`` against ``msgfmt --statistics``.

Generates a project with 150 catalogues of 2,000 entries each (2 target
languages x (73 articles + messages.po + tags.po); realistic entries: paragraph-
sized msgids wrapped like GNU, 10 % plural, 5 % msgctxt, 10 % fuzzy with a
previous msgid, 5 % obsolete, 20 % untranslated), then times, median of N runs:

- ``msgfmt --statistics``, one process per catalogue, run one after another;
- multipub status *cold*: a new Python process, no ``.multipub-cache``;
- multipub status *warm*: a new Python process, the cache of the previous run,
  nothing changed.

Each multipub run is a whole process (``python -c``), interpreter start-up and
imports included, producing the JSON report, like the command line does.

    python bench/bench_status.py [--runs 5] [--keep DIR]

Not a test: timings depend on the machine; nothing here asserts.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LANGS = ("ru", "be")
ARTICLES = 73
ENTRIES = 2000
PLURALS = {
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
    "be": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
}
PL = (
    "spotkanie", "eksperci", "klastry", "gospodarka", "rozwój", "współpraca", "miasto",
    "administracja", "biznes", "projekt", "fundacja", "szkolenia", "organizacje", "studenci",
    "stypendia", "program", "ministerstwo", "doświadczenie", "przedsiębiorstwa", "inicjatywa",
    "wsparcie", "rozwiązania", "region"
)
RU = (
    "встреча", "эксперты", "кластеры", "экономика", "развитие", "сотрудничество", "город",
    "администрация", "бизнес", "проект", "фонд", "обучение", "организации", "студенты",
    "стипендии", "программа", "министерство", "опыт", "предприятия", "инициатива", "поддержка",
    "решения", "регион"
)


def _wrap(keyword: str, text: str, prefix: str = "") -> list[str]:
    if len(keyword) + len(text) + 3 <= 79:
        return [f'{prefix}{keyword} "{text}"']
    lines = [f'{prefix}{keyword} ""']
    while text:
        cut = len(text) if len(text) <= 76 else text.rfind(" ", 0, 76) + 1 or 76
        lines.append(f'{prefix}"{text[:cut]}"')
        text = text[cut:]
    return lines


def catalogue(lang: str, seed: int) -> str:
    rng = random.Random(seed)
    out = [
        'msgid ""', 'msgstr ""', '"Project-Id-Version: bench\\n"', f'"Language: {lang}\\n"',
        '"MIME-Version: 1.0\\n"', '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"', f'"Plural-Forms: {PLURALS[lang]}\\n"', "",
    ]
    for i in range(ENTRIES):
        r = rng.random()
        words = rng.randint(2, 70)
        msgid = " ".join(rng.choice(PL) for _ in range(words)).capitalize() + f" {i}."
        msgstr = " ".join(rng.choice(RU) for _ in range(words)).capitalize() + f" {i}."
        obsolete = r > 0.95
        fuzzy = 0.85 < r <= 0.95
        untranslated = r < 0.20
        lines: list[str] = []
        if not obsolete:
            lines += ["#. paragraph", f"#: content/a/pl.md:{i + 1}"]
        if fuzzy:
            lines += ["#, fuzzy", *_wrap("msgid", msgid[: len(msgid) // 2], "#| ")]
        if rng.random() < 0.05:
            lines.append(f'msgctxt "section {i}"')
        if rng.random() < 0.10:
            lines += _wrap("msgid", f"%(count)d {msgid}")
            lines += _wrap("msgid_plural", f"%(count)d {msgid} (many)")
            for k in range(3):
                lines += _wrap(f"msgstr[{k}]", "" if untranslated else f"%(count)d {msgstr}")
        else:
            lines += _wrap("msgid", msgid)
            lines += _wrap("msgstr", "" if untranslated else msgstr)
        if obsolete:
            lines = [f"#~ {line}" for line in lines if not line.startswith("#|")]
        out += lines
        out.append("")
    return "\n".join(out)


def make_project(root: Path) -> list[Path]:
    (root / "multipub.toml").write_text(
        'source_language = "pl"\nlanguages = ["ru", "be"]\ntitle = "Bench"\n', encoding="utf-8")
    files: list[Path] = []
    for a in range(ARTICLES):
        folder = root / "content" / f"artykul-{a:03d}"
        folder.mkdir(parents=True)
        (folder / "pl.md").write_text(
            f"---\ntitle: Artykuł {a}\ndate: 2024-01-{a % 28 + 1:02d}\n---\n\n"
            "Pierwszy akapit artykułu.\n\nDrugi akapit artykułu.\n", encoding="utf-8")
    seed = 0
    for lang in LANGS:
        base = root / "locales" / lang / "LC_MESSAGES"
        (base / "articles").mkdir(parents=True)
        targets = [base / "messages.po", base / "tags.po"]
        targets += [base / "articles" / f"artykul-{a:03d}.po" for a in range(ARTICLES)]
        for path in targets:
            seed += 1
            path.write_text(catalogue(lang, seed), encoding="utf-8")
            files.append(path)
    return files


STATUS_CODE = (
    "import sys\n"
    "from multipub.project.model import load_project\n"
    "from multipub.quality.status import project_status\n"
    "from multipub.quality.reports import render_status\n"
    "status = project_status(load_project(sys.argv[1]))\n"
    "sys.stdout.write(render_status(status, 'json'))\n"
)


def time_msgfmt(files: list[Path]) -> float:
    env = {**os.environ, "LC_ALL": "C"}
    start = time.perf_counter()
    for path in files:
        subprocess.run(["msgfmt", "--statistics", "-o", os.devnull, str(path)], env=env,
                       check=True, capture_output=True)
    return time.perf_counter() - start


def time_status(root: Path, cold: bool) -> float:
    if cold:
        shutil.rmtree(root / ".multipub-cache", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", STATUS_CODE, str(root)], check=True,
                   capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, default=None, help="generate the project here")
    args = parser.parse_args()
    if shutil.which("msgfmt") is None:
        sys.exit("GNU msgfmt is needed for the comparison")
    tmp = None
    if args.keep is not None:
        root = args.keep
        root.mkdir(parents=True, exist_ok=False)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="multipub-bench-")
        root = Path(tmp.name)
    try:
        t0 = time.perf_counter()
        files = make_project(root)
        size = sum(p.stat().st_size for p in files)
        print(f"{len(files)} catalogues x {ENTRIES} entries, {size / 1e6:.1f} MB, "
              f"generated in {time.perf_counter() - t0:.1f} s; median of {args.runs} runs")
        time_msgfmt(files[:5])  # warm the OS file cache for everyone alike
        runs: dict[str, list[float]] = {"msgfmt": [], "cold": [], "warm": []}
        for _ in range(args.runs):  # interleaved, so machine load hits all alike
            runs["msgfmt"].append(time_msgfmt(files))
            runs["cold"].append(time_status(root, cold=True))
            runs["warm"].append(time_status(root, cold=False))
        base = statistics.median(runs["msgfmt"])
        print(f"{'run':<44} {'median s':>9} {'min s':>7} {'ratio':>7}")
        labels = {"msgfmt": "msgfmt --statistics, 1 process per file",
                  "cold": "multipub status, cold (no cache)",
                  "warm": "multipub status, warm (cache, no change)"}
        for key, label in labels.items():
            med = statistics.median(runs[key])
            print(f"{label:<44} {med:>9.3f} {min(runs[key]):>7.3f} {med / base:>6.3f}x")
    finally:
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    main()
