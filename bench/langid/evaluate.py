"""Evaluate multipub.quality.langid on the held-out sentences.

Usage::

    python bench/langid/evaluate.py [--part test|train] [--errors] [--baseline]
                                    [--speed] [--model PATH]

Prints Markdown tables on the held-out part (``--part test``, the default):

* accuracy per language and length band (< 30 and >= 30 characters): the
  share correct, abstained (``None``) and wrong (a wrong label), with the
  wrong labels counted, for ``candidates=CANDIDATES`` and for no candidates;
* calibration: per confidence band, how many answers fell in it and the
  share of them that were right, and the share right of the answers with
  confidence >= 0.9 per language and band (the target is 99%);
* the same accuracy and calibration tables with ``context=`` each set's own
  language, as ``multipub check`` asks (its false accusations), and the
  other side of that prior: each language's sentences with the context of
  another, the share still found (``planted``);
* whole "documents" (groups of 10 consecutive sentences) through
  ``detect_texts``;
* with ``--baseline``, the same accuracy and calibration tables for
  langdetect (seeded) and, when it is importable, lingua
  (``lingua-language-detector``) restricted to the same languages;
* with ``--speed``, the processor time per 1,000 sentences of each detector.

The test sets: ``pl``, ``ru``, ``be``, ``uk`` are Tatoeba sentences;
``be-Latn`` are the held-out GNOME ``be@latin`` catalogues (real Łacinka,
``prepare_lacinka.py``); ``be-Latn*`` is the Belarusian test part
transliterated by ``translit.py``; ``be-tarask`` (expected answer ``be``)
are the held-out Xfce ``be@tarask`` catalogues (``prepare_heldout.py``) and
the Belarusian test sentences in Taraškievica (by its spellings сьць, ня,
[сз]ь before в н л п, ...; Tatoeba has few).  The neighbours (Czech,
Slovak, Croatian, Slovene catalogues, ``eval/neighbours``) are reported
apart: how often they are called ``be-Latn`` (the target: at most 1%) or
Polish, without candidates.
"""

from __future__ import annotations

import argparse
import itertools
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from translit import to_lacinka

import multipub.quality.langid as det
from multipub.quality.langid import detect, detect_texts

HERE = Path(__file__).resolve().parent
LANGS = ("pl", "ru", "be", "uk", "be-Latn")
CANDIDATES = ("pl", "ru", "be", "uk", "be-Latn")
#: Test set name -> the answer expected for it.
EXPECTED = {"be-Latn*": "be-Latn", "be-tarask": "be"}
CONF_BANDS = (0.0, 0.6, 0.8, 0.9, 0.95, 0.99, 1.01)
_TARASK = re.compile(r"(?:сьць|\bня\b|ньн|льл|[сз]ь[внлп]|ць[вл])", re.I)

Guess = Callable[[str], tuple[str | None, float]]


def load(part: str) -> dict[str, list[str]]:
    """The test sets of *part*, by name."""
    out: dict[str, list[str]] = {}
    for lang in LANGS:
        path = HERE / "eval" / part / f"{lang}.txt"
        if path.exists():
            out[lang] = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    out["be-Latn*"] = [to_lacinka(s) for s in out["be"]]
    tarask = HERE / "eval" / part / "be-tarask.txt"
    out["be-tarask"] = [s for s in out["be"] if _TARASK.search(s)] + (
        [x for x in tarask.read_text(encoding="utf-8").splitlines() if x.strip()]
        if tarask.exists() else [])
    return out


def load_neighbours() -> dict[str, list[str]]:
    """Real Czech, Slovak, Croatian and Slovene texts (``prepare_heldout.py``), by language."""
    folder = HERE / "eval" / "neighbours"
    return {path.stem: [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
            for path in sorted(folder.glob("*.txt"))}


def neighbours(data: dict[str, list[str]], guess: Guess, title: str) -> bool:
    """What *guess* calls the neighbours' texts; whether <= 1% are called be-Latn everywhere."""
    print(f"\n### {title} on the neighbours: how often called Łacinka\n")
    print("| language | band | texts | be-Latn | pl | own language | abstained | other |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    met = True
    for name, items in data.items():
        for band, short in (("< 30", True), (">= 30", False)):
            got = [guess(s)[0] for s in items if (len(s) < 30) == short]
            n = len(got)
            if not n:
                continue
            lat, pl = got.count("be-Latn"), got.count("pl")
            own, und = got.count(name), got.count(None)
            met &= lat / n <= 0.01
            print(f"| {name} | {band} | {n} | {lat / n:.1%} | {pl / n:.1%} | {own / n:.1%} "
                  f"| {und / n:.1%} | {(n - lat - pl - own - und) / n:.1%} |")
    return met


def expected(name: str) -> str:
    return EXPECTED.get(name, name)


def answers(data: dict[str, list[str]],
            guess: Guess | InContext) -> dict[str, list[tuple[str | None, float]]]:
    """Each set's answers; a :class:`InContext` *guess* is made for each set's language."""
    out = {}
    for name, items in data.items():
        g = guess.for_language(expected(name)) if isinstance(guess, InContext) else guess
        out[name] = [g(s) for s in items]
    return out


class InContext:
    """``detect(text, candidates, context=LANG)`` with LANG the set's own language.

    This is what ``multipub check`` asks of an entry of a catalogue (or an
    article) in that language: the figures are its false accusations.
    """

    def __init__(self, candidates: Sequence[str]) -> None:
        self.candidates = candidates

    def for_language(self, language: str) -> Guess:
        def guess(text: str) -> tuple[str | None, float]:
            d = detect(text, self.candidates, context=language)
            return d.language, d.confidence
        return guess


def planted(data: dict[str, list[str]], candidates: Sequence[str]) -> None:
    """Sentences of one language in a catalogue of another: the share found.

    ``found`` is the share answered with the sentence's own language, which
    is what the wrong-language check reports; ``missed`` the share answered
    with the catalogue's language.
    """
    print(f"\n### A sentence in the wrong catalogue: detect(text, {candidates}, "
          "context=CATALOGUE)\n")
    print("| sentence | catalogue | band | sentences | found | abstained | missed |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: |")
    for name in ("pl", "ru", "be", "uk"):
        for other in ("ru", "be", "uk", "be-Latn", "pl"):
            if other == name or name not in data:
                continue
            for band, short in (("< 30", True), (">= 30", False)):
                items = [s for s in data[name] if (len(s) < 30) == short]
                if not items:
                    continue
                got = [detect(s, candidates, context=other).language for s in items]
                n = len(got)
                print(f"| {name} | {other} | {band} | {n} | {got.count(name) / n:.1%} "
                      f"| {got.count(None) / n:.1%} | {got.count(other) / n:.1%} |")


def accuracy(title: str, data: dict[str, list[str]],
             got: dict[str, list[tuple[str | None, float]]], errors: bool) -> dict[str, bool]:
    """The accuracy table; returns whether each target was met, by name."""
    print(f"\n### {title}\n")
    print("| language | band | sentences | correct | abstained | wrong | wrong answers |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- |")
    met: dict[str, bool] = {}
    for name, items in data.items():
        for band, short in (("< 30", True), (">= 30", False)):
            pairs = [(s, a) for s, (a, _c) in zip(items, got[name], strict=True)
                     if (len(s) < 30) == short]
            n = len(pairs)
            if not n:
                continue
            ok = sum(a == expected(name) for _s, a in pairs)
            und = sum(a is None for _s, a in pairs)
            wrong = Counter(a for _s, a in pairs if a is not None and a != expected(name))
            bad = sum(wrong.values())
            if short:
                met[f"{name} {band}"] = ok / n >= 0.95 and bad / n <= 0.01
            else:
                met[f"{name} {band}"] = ok / n >= 0.99
            listed = ", ".join(f"{k}:{v}" for k, v in wrong.most_common()) or "-"
            print(f"| {name} | {band} | {n} | {ok / n:.1%} | {und / n:.1%} | {bad / n:.1%} "
                  f"| {listed} |")
            if errors:
                for s, a in pairs:
                    if a != expected(name):
                        print(f"|   | {a} | {s} | | | | |")
    return met


def calibration(title: str, data: dict[str, list[str]],
                got: dict[str, list[tuple[str | None, float]]]) -> bool:
    """The calibration tables; returns whether confidence >= 0.9 was right >= 99% everywhere."""
    print(f"\n### {title}\n")
    print("| confidence | answers | right |")
    print("| --- | ---: | ---: |")
    for lo, hi in itertools.pairwise(CONF_BANDS):
        hits = [a == expected(name) for name in data for (a, c) in got[name]
                if a is not None and lo <= c < hi]
        label = f"{lo:.2f}-{min(hi, 1.0):.2f}"
        print(f"| {label} | {len(hits)} | {sum(hits) / len(hits):.1%} |" if hits else
              f"| {label} | 0 | - |")
    print("\n| language | band | answers with confidence >= 0.9 | right |")
    print("| --- | --- | ---: | ---: |")
    met = True
    for name, items in data.items():
        for band, short in (("< 30", True), (">= 30", False)):
            hits = [a == expected(name) for s, (a, c) in zip(items, got[name], strict=True)
                    if (len(s) < 30) == short and a is not None and c >= 0.9]
            if hits:
                share = sum(hits) / len(hits)
                met &= share >= 0.99
                print(f"| {name} | {band} | {len(hits)} | {share:.1%} |")
    return met


def documents(data: dict[str, list[str]], candidates: Sequence[str] | None) -> None:
    print(f"\n### Whole documents, detect_texts(candidates={candidates})\n")
    print("| language | groups of 10 sentences | correct |")
    print("| --- | ---: | ---: |")
    for name, items in data.items():
        groups = [items[i : i + 10] for i in range(0, len(items) - 9, 10)]
        if groups:
            ok = sum(detect_texts(g, candidates).language == expected(name) for g in groups)
            print(f"| {name} | {len(groups)} | {ok / len(groups):.1%} |")


def ours(candidates: Sequence[str] | None) -> Guess:
    def guess(text: str) -> tuple[str | None, float]:
        d = detect(text, candidates)
        return d.language, d.confidence
    return guess


def langdetect_guess() -> Guess:
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)

    def guess(text: str) -> tuple[str | None, float]:
        d = factory.create()
        d.append(text)
        try:
            best = d.get_probabilities()[0]
        except (LangDetectException, IndexError):
            return None, 0.0
        return str(best.lang), float(best.prob)
    return guess


def lingua_guess() -> Guess | None:
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        return None
    langs = [Language.POLISH, Language.RUSSIAN, Language.BELARUSIAN, Language.UKRAINIAN,
             Language.ENGLISH, Language.CZECH, Language.CROATIAN, Language.SLOVAK]
    detector = LanguageDetectorBuilder.from_languages(*langs).build()
    codes = {Language.POLISH: "pl", Language.RUSSIAN: "ru", Language.BELARUSIAN: "be",
             Language.UKRAINIAN: "uk", Language.ENGLISH: "en", Language.CZECH: "cs",
             Language.CROATIAN: "hr", Language.SLOVAK: "sk"}

    def guess(text: str) -> tuple[str | None, float]:
        values = detector.compute_language_confidence_values(text)
        if not values:
            return None, 0.0
        best = values[0]
        return codes[best.language], float(best.value)
    return guess


def timed(data: dict[str, list[str]], guess: Guess) -> float:
    """Processor seconds per 1,000 sentences (after one warm-up sentence)."""
    items = [s for name in ("pl", "ru", "be", "uk", "be-Latn") for s in data.get(name, [])]
    guess(items[0])
    start = time.process_time()
    for s in items:
        guess(s)
    return (time.process_time() - start) / len(items) * 1000


def use_model(path: Path) -> None:
    """Evaluate the model at *path* instead of the shipped one."""
    model = det.load_model(path.read_bytes())
    det._model.cache_clear()
    det._model = lambda: model  # type: ignore[assignment]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", choices=("train", "test"), default="test")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--baseline", action="store_true")
    ap.add_argument("--speed", action="store_true")
    ap.add_argument("--model", type=Path, default=None)
    args = ap.parse_args()
    if args.model is not None:
        use_model(args.model)
    data = load(args.part)
    start = time.perf_counter()
    detectors: list[tuple[str, Guess | InContext]] = [
        (f"multipub detect(text, candidates={CANDIDATES})", ours(CANDIDATES)),
        ("multipub detect(text) (no candidates)", ours(None)),
        (f"multipub detect(text, candidates={CANDIDATES}, context=its own language)",
         InContext(CANDIDATES)),
    ]
    if args.baseline:
        detectors.append(("langdetect 1.0.9 alone", langdetect_guess()))
        lingua = lingua_guess()
        if lingua is not None:
            detectors.append(("lingua (pl ru be uk en cs hr sk)", lingua))
        else:
            print("\n(lingua is not installed: `pip install lingua-language-detector` to compare)")
    results: list[tuple[str, dict[str, bool], bool]] = []
    guess: Guess | InContext
    for title, guess in detectors:
        got = answers(data, guess)
        met = accuracy(f"{title} on {args.part}: accuracy", data, got, args.errors)
        calibrated = calibration(f"{title} on {args.part}: calibration", data, got)
        results.append((title, met, calibrated))
    near = load_neighbours()
    near_met = neighbours(near, ours(None), "multipub detect(text) (no candidates)") \
        if near else True
    planted(data, CANDIDATES)
    documents(data, CANDIDATES)
    if args.speed:
        print("\n### Speed (processor time per 1,000 sentences, model loaded)\n")
        for title, guess in detectors:
            if not isinstance(guess, InContext):
                print(f"- {title}: {timed(data, guess):.2f} s")
    print()
    for title, met, calibrated in results[:3]:
        missed = [k for k, v in met.items() if not v]
        print(f"{title}: accuracy targets met: {not missed}"
              f"{' (missed: ' + ', '.join(missed) + ')' if missed else ''}; "
              f"confidence >= 0.9 right >= 99% everywhere: {calibrated}")
    print(f"neighbours called be-Latn <= 1% (no candidates): {near_met}")
    print(f"time: {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
