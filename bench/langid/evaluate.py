"""Evaluate multipub.quality.langid on the held-out sentences.

Usage::

    python bench/langid/evaluate.py [--part test|train] [--errors] [--baseline] [--speed]

Prints Markdown tables: per language and length band (< 30 and >= 30
characters), the share answered correctly (undetermined counts as wrong) and
the share undetermined, for ``candidates=("pl", "ru", "be", "uk")`` and for
``candidates=None``; then whole "documents" (groups of 10 consecutive
sentences, and each language's whole set) through ``detect_texts``; with
``--baseline``, langdetect alone (seeded) for comparison; with ``--speed``,
the processor time of loading the model and identifying a catalogue.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from multipub.quality.langid import detect, detect_texts

HERE = Path(__file__).resolve().parent
LANGS = ("pl", "ru", "be", "uk")
CANDIDATES = ("pl", "ru", "be", "uk")


def load(part: str) -> dict[str, list[str]]:
    parts = (part,)
    out: dict[str, list[str]] = {}
    for lang in LANGS:
        out[lang] = []
        for p in parts:
            path = HERE / "eval" / p / f"{lang}.txt"
            out[lang] += [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return out


def table(
    title: str, data: dict[str, list[str]], guess: Callable[[str], str | None], errors: bool
) -> bool:
    print(f"\n### {title}\n")
    print("| language | band | sentences | correct | undetermined | wrong |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    met = True
    for lang in LANGS:
        for band, test in (("< 30", lambda s: len(s) < 30), (">= 30", lambda s: len(s) >= 30)):
            items = [s for s in data[lang] if test(s)]
            answers = [guess(s) for s in items]
            n = len(items)
            ok = sum(a == lang for a in answers)
            und = sum(a is None for a in answers)
            wrong = Counter(a for a in answers if a is not None and a != lang)
            acc = ok / n if n else 0.0
            met &= acc >= (0.95 if band == "< 30" else 0.99)
            wrong_s = ", ".join(f"{k}:{v}" for k, v in wrong.most_common()) or "-"
            print(f"| {lang} | {band} | {n} | {acc:.1%} | {und / n if n else 0:.1%} | {wrong_s} |")
            if errors:
                for s, a in zip(items, answers, strict=True):
                    if a != lang:
                        print(f"|   | {a} | {s} | | | |")
    return met


def documents(data: dict[str, list[str]], candidates: Sequence[str] | None) -> None:
    print(f"\n### Whole documents, detect_texts(candidates={candidates})\n")
    print("| language | groups of 10 sentences | correct | whole set |")
    print("| --- | ---: | ---: | --- |")
    for lang in LANGS:
        items = data[lang]
        groups = [items[i : i + 10] for i in range(0, len(items) - 9, 10)]
        ok = sum(detect_texts(g, candidates).language == lang for g in groups)
        whole = detect_texts(items, candidates).language
        print(f"| {lang} | {len(groups)} | {ok / len(groups):.1%} | {whole} |")


def speed() -> None:
    """Processor time of loading the model and of a 2,000-segment catalogue."""
    import multipub.quality.langid as det

    det._model.cache_clear()
    det._langdetect_factory.cache_clear()
    start = time.process_time()
    det._model()
    loaded = time.process_time() - start
    segments: list[str] = []
    for part in ("train", "test"):
        segments += load(part)["be"]
    catalogue = (segments * 3)[:2000]
    print("\n### Speed (processor time)\n")
    print(f"- loading the model (once): {loaded:.2f} s")
    for cands in (CANDIDATES, None):
        det._model()._cache.clear()
        start = time.process_time()
        answer = detect_texts(catalogue, cands).language
        took = time.process_time() - start
        print(f"- detect_texts, 2,000 segments, candidates={cands}: {took:.2f} s ({answer})")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", choices=("train", "test"), default="test")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--baseline", action="store_true")
    ap.add_argument("--speed", action="store_true")
    args = ap.parse_args()
    data = load(args.part)
    start = time.perf_counter()
    met = table(
        f"detect(text, candidates={CANDIDATES}) on {args.part}",
        data,
        lambda s: detect(s, CANDIDATES).language,
        args.errors,
    )
    table(
        f"detect(text) (no candidates) on {args.part}",
        data,
        lambda s: detect(s).language,
        args.errors,
    )
    documents(data, CANDIDATES)
    documents(data, None)
    if args.speed:
        speed()
    if args.baseline:
        from langdetect import DetectorFactory
        from langdetect import detect as ld_detect
        from langdetect.lang_detect_exception import LangDetectException

        DetectorFactory.seed = 0

        def baseline(text: str) -> str | None:
            try:
                return str(ld_detect(text))
            except LangDetectException:
                return None

        table(f"baseline: langdetect alone on {args.part}", data, baseline, False)
    print(
        f"\ntargets (>= 99% for >= 30, >= 95% for < 30, each language, with candidates) met: {met}"
    )
    print(f"time: {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
