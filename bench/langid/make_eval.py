"""Split the sentence corpora into bench/langid/eval/{train,test}/<lang>.txt.

Usage::

    python bench/langid/make_eval.py [--train DIR]

Reads the sentence pairs transcribed from the Tatoeba Challenge test files
(``raw/tatoeba-<l1>-<l2>.tsv``: two columns, sentence in l1 TAB its
translation in l2), keeps each sentence once per language, drops
Belarusian written in the Latin alphabet (Łacinka) and every sentence whose
words equal those of a training segment (``DIR/<lang>.txt``, the UI strings
made by ``prepare_training.py``), then splits by a hash of the text: about
40% ``train`` (added to the training text by ``train.py``, also used to tune
the detector's few constants) and 60% ``test`` (reported in README.md).  No
sentence is in both.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from multipub.quality.langid import words

HERE = Path(__file__).resolve().parent
CODES = {"bel": "be", "rus": "ru", "ukr": "uk", "pol": "pl"}


def is_train(text: str) -> bool:
    return hashlib.sha1(text.encode("utf-8")).digest()[0] % 10 < 4


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", type=Path, default=Path("/tmp/langid/train"))
    args = ap.parse_args()
    sentences: dict[str, list[str]] = {lang: [] for lang in CODES.values()}
    for tsv in sorted((HERE / "raw").glob("tatoeba-*.tsv")):
        l1, l2 = (CODES[x] for x in tsv.stem.split("-")[1:3])
        for line in tsv.read_text(encoding="utf-8").splitlines():
            for lang, text in zip((l1, l2), line.split("\t"), strict=True):
                text = text.strip()
                if (
                    lang == "be"
                    and sum(ch.isascii() and ch.isalpha() for ch in text) > len(text) / 2
                ):
                    continue  # Łacinka
                if text and text not in sentences[lang]:
                    sentences[lang].append(text)
    for lang, items in sentences.items():
        seen_train: set[tuple[str, ...]] = set()
        train = args.train / f"{lang}.txt"
        if train.exists():
            seen_train = {tuple(words(x)) for x in train.read_text(encoding="utf-8").splitlines()}
        kept = [s for s in items if tuple(words(s)) not in seen_train]
        for part in ("train", "test"):
            folder = HERE / "eval" / part
            folder.mkdir(parents=True, exist_ok=True)
            chosen = [s for s in kept if is_train(s) == (part == "train")]
            (folder / f"{lang}.txt").write_text("\n".join(chosen) + "\n", encoding="utf-8")
        print(lang, len(items), "sentences,", len(items) - len(kept), "dropped (in training)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
