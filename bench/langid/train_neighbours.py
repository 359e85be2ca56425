"""Train the small model that tells Łacinka, Polish and English from Latin neighbours.

Usage (the shipped model: defaults)::

    python bench/langid/train_neighbours.py [--ui DIR] [-o PATH]

Without candidates, ``multipub.quality.langid`` asks this model whether a
text that its main model calls ``be-Latn``, ``pl`` or ``en`` is rather Czech,
Slovak, Croatian or Slovene: languages the main model does not know, that
share č š ž (and Croatian ć) with Łacinka and that langdetect confuses
with it.  The model has the classes be-Latn, pl, en, cs, sk, hr, sl and only
the character 1- to 3-grams and the whole words of their UI text (``DIR``,
default ``/tmp/langid/train``, made by ``prepare_training.py`` and
``prepare_lacinka.py``; the Łacinka text is the real ``be@latin``
catalogues, counted twice, and the Belarusian UI text transliterated), so
it stays small; its 4- and 5-grams are all unseen and weigh nothing.
"""

from __future__ import annotations

import argparse
import math
from collections import Counter
from pathlib import Path

from train import count

from multipub.quality.langid_model import ORDERS, WORD_CLASS, dump_model, feature_key

LANGS = ("be-Latn", "pl", "en", "cs", "sk", "hr", "sl")
HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE.parents[1] / "src/multipub/data/langid/neighbours-nb.bin.gz"
#: The n-gram orders kept (the others are left unseen, with no weight).
KEPT = (WORD_CLASS, 1, 2, 3)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ui", type=Path, default=Path("/tmp/langid/train"))
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-word-count", type=int, default=3)
    ap.add_argument("--alpha", type=float, default=0.5)
    ap.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    per_lang: dict[str, Counter[tuple[int, str]]] = {}
    for lang in LANGS:
        c: Counter[tuple[int, str]] = Counter()
        lines = (args.ui / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
        count(lines, 2 if lang == "be-Latn" else 1, c)
        if lang == "be-Latn":
            count((args.ui / "be.txt").read_text(encoding="utf-8").splitlines(), 1, c, True)
        per_lang[lang] = Counter({k: v for k, v in c.items() if k[0] in KEPT})
        print(lang, sum(v for (k, _), v in c.items() if k == 1), "letters")
    total: Counter[tuple[int, str]] = Counter()
    for c in per_lang.values():
        total.update(c)
    keys = {feat for feat, n in total.items()
            if n >= (args.min_word_count if feat[0] == WORD_CLASS else args.min_count)
            and "\t" not in feat[1] and "\n" not in feat[1]}
    classes = (WORD_CLASS, *ORDERS)
    distinct = {cls: sum(1 for k in keys if k[0] == cls) for cls in classes}
    totals = {cls: [sum(v for k, v in per_lang[lang].items() if k[0] == cls) for lang in LANGS]
              for cls in classes}
    alpha = args.alpha
    den = {cls: [t + alpha * (distinct[cls] + 1) for t in totals[cls]] for cls in classes}
    unseen = {cls: [math.log(alpha / d) if cls in KEPT else 0.0 for d in den[cls]]
              for cls in classes}
    logprob = {
        feature_key(cls, gram): [math.log((per_lang[lang][(cls, gram)] + alpha) / den[cls][j])
                                 for j, lang in enumerate(LANGS)]
        for cls, gram in keys
    }
    data = dump_model(LANGS, logprob, unseen)
    args.out.write_bytes(data)
    print(len(keys), "features,", len(data), "bytes ->", args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
