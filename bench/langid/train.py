"""Train the naive Bayes model shipped as multipub/data/langid/slavic-nb.bin.gz.

Usage (the shipped model: ``--forms-max-word 6``, defaults otherwise)::

    python bench/langid/train.py [--ui DIR] [--forms DIR] [--forms-max-word N] [-o PATH]

Training text, one segment a line, per language ``<lang>.txt``:

* ``DIR`` (default ``/tmp/langid/train``): UI strings from Debian packages,
  made by ``prepare_training.py``;
* ``bench/langid/eval/train/<lang>.txt``: the training part of the sentence
  corpora (``make_eval.py``), counted ``--sentence-weight`` times;
* ``--forms DIR`` (default ``/tmp/langid``): ``be_BY.forms``, ``ru_RU.forms``,
  ``uk_UA.forms``, the hunspell dictionaries expanded by ``unmunch``; every
  k-th form so that about ``--forms-count`` are used, for character n-grams
  and, up to ``--forms-max-word`` letters, as whole words.

Features are those of :func:`multipub.quality.langid.word_features`; a feature is kept
when seen at least ``--min-count`` times in all languages together.
"""

from __future__ import annotations

import argparse
import math
from collections import Counter
from pathlib import Path

from translit import to_lacinka

from multipub.quality.langid import words
from multipub.quality.langid_model import (
    ORDERS,
    WORD_CLASS,
    dump_model,
    feature_key,
    word_features,
)

LANGS = ("pl", "ru", "be", "uk", "en", "be-Latn")
HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE.parents[1] / "src/multipub/data/langid/slavic-nb.bin.gz"
FORMS = {"pl": "pl_PL", "be": "be_BY", "ru": "ru_RU", "uk": "uk_UA", "be-Latn": "be_BY"}
#: Łacinka is also trained on the Cyrillic Belarusian text, transliterated.
TRANSLIT_FROM = {"be-Latn": "be"}


def count(lines: list[str], weight: int, into: Counter[tuple[int, str]],
          translit: bool = False) -> None:
    for line in lines:
        if translit:
            line = to_lacinka(line)
        for word in words(line):
            for feat in word_features(word):
                into[feat] += weight


def count_forms(
    path: Path, step: int, weight: int, into: Counter[tuple[int, str]], max_word: int,
    translit: bool = False,
) -> None:
    """Character n-grams of every *step*-th dictionary form; whole words up to *max_word*."""
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % step:
                continue
            form = line.split("/", 1)[0]
            for word in words(to_lacinka(form) if translit else form):
                for feat in word_features(word):
                    if feat[0] != WORD_CLASS or len(word) <= max_word:
                        into[feat] += weight


def balance(per_lang: dict[str, Counter[tuple[int, str]]]) -> None:
    """Scale each language's counts so that all have as many letters as the largest.

    With add-alpha smoothing, a feature a language has not seen costs it
    less the less text it was trained on: English (a tenth of the others)
    won every short text of unknown words ("Madem", "Beton").
    """
    letters = {lang: sum(v for (k, _), v in c.items() if k == 1) for lang, c in per_lang.items()}
    top = max(letters.values())
    for lang, c in per_lang.items():
        scale = top / letters[lang] if letters[lang] else 1.0
        for key in c:
            c[key] = round(c[key] * scale)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ui", type=Path, default=Path("/tmp/langid/train"))
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-word-count", type=int, default=2)
    ap.add_argument("--sentence-weight", type=int, default=8)
    ap.add_argument("--real-weight", type=int, default=4,
                    help="weight of the real be@latin catalogues against transliterated text")
    ap.add_argument("--alpha", type=float, default=0.5)
    ap.add_argument("--forms", type=Path, default=Path("/tmp/langid"))
    ap.add_argument("--forms-count", type=int, default=250_000)
    ap.add_argument("--forms-weight", type=int, default=1)
    ap.add_argument("--forms-max-word", type=int, default=0)
    ap.add_argument("--no-balance", dest="balance", action="store_false",
                    help="keep the raw counts (see balance())")
    ap.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    per_lang: dict[str, Counter[tuple[int, str]]] = {}
    for lang in LANGS:
        c: Counter[tuple[int, str]] = Counter()
        ui = args.ui / f"{lang}.txt"
        if ui.exists():
            count(ui.read_text(encoding="utf-8").splitlines(), args.real_weight
                  if lang in TRANSLIT_FROM else 1, c)
        source = TRANSLIT_FROM.get(lang)
        tr = source is not None
        if source is not None and (args.ui / f"{source}.txt").exists():
            count((args.ui / f"{source}.txt").read_text(encoding="utf-8").splitlines(), 1, c, tr)
        sent = HERE / "eval" / "train" / f"{source or lang}.txt"
        if sent.exists():
            count(sent.read_text(encoding="utf-8").splitlines(), args.sentence_weight, c, tr)
        forms = args.forms / f"{FORMS.get(lang, '-')}.forms"
        if forms.exists() and args.forms_count > 0:
            n = sum(1 for _ in forms.open(encoding="utf-8"))
            count_forms(
                forms, max(1, n // args.forms_count), args.forms_weight, c, args.forms_max_word,
                tr,
            )
        per_lang[lang] = c
        print(lang, sum(v for (k, _), v in c.items() if k == 1), "letters")
    total: Counter[tuple[int, str]] = Counter()
    for c in per_lang.values():
        total.update(c)
    rows = []
    for feat, n in total.items():
        cls, gram = feat
        limit = args.min_word_count if cls == 0 else args.min_count
        if n < limit or "\t" in gram or "\n" in gram:
            continue
        rows.append((cls, gram))
    keys = {(cls, gram) for cls, gram in rows}
    if args.balance:  # after choosing the features, which the raw counts decide
        balance(per_lang)
    totals = {cls: [0] * len(LANGS) for cls in (WORD_CLASS, *ORDERS)}
    distinct = dict.fromkeys(totals, 0)
    for cls, _gram in keys:
        distinct[cls] += 1
    for j, lang in enumerate(LANGS):
        for (cls, _g), v in per_lang[lang].items():
            totals[cls][j] += v
    alpha = args.alpha
    den = {cls: [t + alpha * (distinct[cls] + 1) for t in tot] for cls, tot in totals.items()}
    unseen = {cls: [math.log(alpha / d) for d in den[cls]] for cls in den}
    logprob = {
        feature_key(cls, gram): [
            math.log((per_lang[lang][(cls, gram)] + alpha) / den[cls][j])
            for j, lang in enumerate(LANGS)
        ]
        for cls, gram in keys
    }
    data = dump_model(LANGS, logprob, unseen)
    args.out.write_bytes(data)
    print(len(keys), "features,", len(data), "bytes ->", args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
