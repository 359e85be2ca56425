"""Language identification that knows Belarusian.

langdetect has no Belarusian profile: it calls Belarusian text Ukrainian or
Russian.  This module puts a small character n-gram naive Bayes model in front
of it for the languages multipub cares about most (Polish, Russian,
Belarusian in Cyrillic, either orthography, and in Łacinka as ``be-Latn``,
Ukrainian, plus English for UI strings left untranslated) and asks langdetect
only about text that is outside that group.  It abstains (``None``) rather
than guess: a confidence of 0.9 or more is right at least 99% of the time on
held-out text (``bench/langid/README.md``).

* :func:`detect_language` answers a language code or ``None`` when the text
  is too short or too ambiguous to decide;
* :func:`detect` gives a :class:`Detection` with the confidence and the
  normalized scores;
* :func:`detect_texts` identifies a whole catalogue or article by summing the
  log-likelihoods of all its segments;
* :func:`mixed_script_words` finds words that mix Latin and Cyrillic letters;
* :func:`canonical_language` and :func:`same_language` compare codes
  (``be@latin`` is ``be-Latn``, ``be@tarask`` is ``be``), and
  :func:`foreign_letters` gives the letters a language does not write.

Markdown markup, URLs, e-mail addresses, placeholders (``%s``, ``%(name)s``,
``{name}``), HTML tags and entities are removed before detecting.  Everything
is deterministic: the same input always gets the same answer, and no global
state of langdetect is touched.

>>> detect_language("Гэта даволі доўгі сказ на беларускай мове.")
'be'
>>> detect_language("To jest zdanie po polsku.", candidates=["pl", "ru", "be"])
'pl'
>>> detect_language("%(count)s") is None
True

The model (``multipub/data/langid/slavic-nb.bin.gz``) is built by
``bench/langid/train.py``; ``bench/langid/README.md`` names its sources and
gives its accuracy.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from .langid_model import FOREIGN_LETTERS, Model, load_model
from .langid_text import is_cyrillic, is_latin, mixed_script_words, strip_markup, words

__all__ = [
    "Detection",
    "canonical_language",
    "detect",
    "detect_language",
    "detect_texts",
    "foreign_letters",
    "mixed_script_words",
    "same_language",
    "strip_markup",
    "words",
]

MODEL_RESOURCE = "slavic-nb.bin.gz"
#: The small model of Łacinka, Polish and their Latin neighbours (cs, sk, hr, sl).
NEIGHBOUR_RESOURCE = "neighbours-nb.bin.gz"
#: Fewer letters than this (after stripping markup) is always undetermined.
MIN_LETTERS = 3
#: Below this posterior probability the answer is ``None``.
MIN_CONFIDENCE = 0.80
#: Divides summed log-likelihoods before the softmax (naive Bayes is overconfident).
TEMPERATURE = 3.5
#: Without candidates, langdetect's answer for a text shorter than this is not trusted.
SHORT_TEXT = 30
#: The prior probability of the language of the context (``detect(..., context=...)``).
CONTEXT_PRIOR = 0.8
#: Without candidates, both models must be this sure of Łacinka to overrule langdetect.
STRONG_LACINKA = 0.9
#: A short Russian or Ukrainian answer whose text has none of the letters that
#: tell the two apart (:data:`RU_UK_TELLING`) needs this
#: confidence, else it is ``None``: "Том говорив." is Ukrainian by one ending
#: that Russian spelling also allows.  Chosen on the training part of
#: ``bench/langid/eval`` (``bench/langid/README.md``).
UNMARKED_RU_UK_CONFIDENCE = 0.85
#: The letters only one of Russian and Ukrainian counts as foreign
#: (:data:`FOREIGN_LETTERS`: ы э ъ ё and і ї є ґ), and the apostrophe.
RU_UK_TELLING = frozenset(FOREIGN_LETTERS["ru"]) ^ frozenset(FOREIGN_LETTERS["uk"]) | {"'"}
#: Languages written in Cyrillic among those this module may answer.
CYRILLIC_LANGUAGES = frozenset({"ru", "be", "uk", "bg", "mk", "sr", "kk", "ky", "mn", "tg"})

_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _model() -> Model:
    return load_model(
        resources.files("multipub").joinpath("data", "langid", MODEL_RESOURCE).read_bytes()
    )


@lru_cache(maxsize=1)
def _langdetect_factory() -> Any:
    """A private langdetect factory with a fixed seed (global state untouched)."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)
    return factory


@lru_cache(maxsize=64)
def _langdetect(text: str, allowed: tuple[str, ...] | None) -> Mapping[str, float]:
    """langdetect's probabilities for *text*, limited to *allowed* languages."""
    from langdetect.lang_detect_exception import LangDetectException

    with _LOCK:  # a detector instance is cheap, the factory is shared
        factory = _langdetect_factory()
        detector = factory.create()
        if allowed is not None:
            known = [lang for lang in allowed if lang in factory.langlist]
            if not known:
                return {}
            detector.set_prior_map({lang: 1.0 for lang in known})
        detector.append(text)
        try:
            found = {str(p.lang): float(p.prob) for p in detector.get_probabilities()}
        except LangDetectException:
            return {}
        return MappingProxyType(found)


# --- detection -------------------------------------------------------------


@dataclass(frozen=True)
class Detection:
    """The answer of :func:`detect`.

    ``language`` is ``None`` when undetermined; ``confidence`` is the
    probability of the answer (or of the best guess when undetermined);
    ``scores`` are the normalized probabilities of the languages considered.
    """

    language: str | None
    confidence: float
    scores: Mapping[str, float]


_UNDETERMINED = Detection(None, 0.0, MappingProxyType({}))


_LATIN_TAGS = frozenset({"latn", "latin"})


def canonical_language(code: str) -> str:
    """The code this module answers for a language code of a catalogue or a project.

    Region and orthography variants of the model's languages fold to the
    language (``be_BY``, ``be@tarask``, ``ru-RU`` to ``be``, ``be``, ``ru``);
    Belarusian in the Latin alphabet is ``be-Latn`` however it is written
    (``be@latin``, ``be_Latn``, ``be-latn``).

    >>> [canonical_language(c) for c in ("be@latin", "be_Latn", "be@tarask", "pl_PL", "pt_BR")]
    ['be-Latn', 'be-Latn', 'be', 'pl', 'pt-br']
    """
    norm = code.strip().lower().replace("_", "-").replace("@", "-")
    parts = norm.split("-")
    if parts[0] == "be" and _LATIN_TAGS.intersection(parts[1:]):
        return "be-Latn"
    if parts[0] in ("pl", "ru", "be", "uk", "en"):
        return parts[0]
    return norm


def same_language(found: str, expected: str) -> bool:
    """Whether the answer *found* is the language of code *expected*.

    Variants of one language agree (``be`` is right for ``be@tarask``), but
    Belarusian in Cyrillic and in Łacinka are told apart.

    >>> same_language("be", "be_BY"), same_language("be", "be@latin"), same_language("pt", "pt_BR")
    (True, False, True)
    """
    a, b = canonical_language(found), canonical_language(expected)
    if "be-Latn" in (a, b):
        return a == b
    return a.split("-", 1)[0] == b.split("-", 1)[0]


def _normalize_candidates(candidates: Sequence[str] | None) -> tuple[str, ...] | None:
    if candidates is None:
        return None
    out: list[str] = []
    for code in candidates:
        norm = canonical_language(code)
        if norm and norm not in out:
            out.append(norm)
    return tuple(out)


def _softmax(scores: Mapping[str, float]) -> dict[str, float]:
    top = max(scores.values())
    exp = {lang: math.exp((s - top) / TEMPERATURE) for lang, s in scores.items()}
    total = sum(exp.values())
    return {lang: v / total for lang, v in sorted(exp.items())}


def _decide(probs: Mapping[str, float], candidates: Sequence[str] | None = None) -> Detection:
    """The answer for *probs*: the best language if it is sure enough and allowed.

    With *candidates*, a best language outside them gives ``None`` (the text
    is in none of them), and the scores are renormalized over the candidates.
    """
    if not probs:
        return _UNDETERMINED
    best = max(sorted(probs), key=lambda lang: probs[lang])
    conf = probs[best]
    if candidates is not None:
        kept = {lang: p for lang, p in probs.items() if lang in candidates}
        total = sum(kept.values())
        if best not in kept or total <= 0.0:
            return Detection(None, 0.0, MappingProxyType({k: 0.0 for k in kept}))
        probs = {lang: p / total for lang, p in kept.items()}
    frozen = MappingProxyType(dict(probs))
    return Detection(best if conf >= MIN_CONFIDENCE else None, conf, frozen)


def _detect_words(tokens: Sequence[str], raw: str, candidates: tuple[str, ...] | None,
                  context: str | None = None) -> Detection:
    letters = sum(len(w) for w in tokens)
    if letters < MIN_LETTERS:
        return _UNDETERMINED
    cyr = sum(1 for w in tokens for ch in w if is_cyrillic(ch))
    lat = sum(1 for w in tokens for ch in w if is_latin(ch))
    model = _model()
    if cyr >= 0.5 * letters:
        group = [lang for lang in model.languages if lang in CYRILLIC_LANGUAGES]
    elif lat >= 0.5 * letters:
        group = [lang for lang in model.languages if lang not in CYRILLIC_LANGUAGES]
    else:
        group = []
    outside = [] if candidates is None else [c for c in candidates if c not in model.languages]
    wanted = None if candidates is None else [c for c in candidates if c in group]
    # Words of the other script (brand names, code) say nothing about the group.
    same_script = [w for w in tokens if any(is_cyrillic(ch) for ch in w) == (cyr >= lat)]
    if group and (wanted if candidates is not None else _in_group(raw, cyr >= lat)):
        if not outside:
            return _lacinka_gate(_decide(_nb(model, same_script, group, context), candidates),
                                 same_script, raw, candidates)
    elif candidates is not None and not outside:
        return _UNDETERMINED  # only languages of another script were allowed
    elif candidates is None and group and lat > cyr:
        strong = _strong_lacinka(_decide(_nb(model, same_script, group, context)), same_script)
        if strong is not None:
            return strong
    allowed = None if candidates is None else tuple(sorted({*outside, *_GROUP_PROXIES}))
    ld = _langdetect(raw, allowed)
    proxied = (bool(ld) and max(sorted(ld), key=lambda k: ld[k]) in _GROUP_PROXIES
               and not _OUTSIDE_LETTERS.intersection(raw.lower()))
    if group and proxied and (candidates is None or wanted):
        return _lacinka_gate(_decide(_nb(model, same_script, group, context), candidates),
                             same_script, raw, candidates)
    found = _decide(ld, candidates)
    if candidates is None and len(raw) < SHORT_TEXT:
        # langdetect alone is often wrong on short text: abstain rather than accuse
        return Detection(None, found.confidence, found.scores)
    return found


# langdetect answers these for text that is really in the model's group.
_GROUP_PROXIES = frozenset({"ru", "uk", "bg", "mk", "pl", "en", "cs", "sk", "sl", "hr"})
# Letters of Polish and of Łacinka that the usual confusions (cs, sk, sl, hr) do not write.
_POLISH_LETTERS = frozenset("ąćęłńśźżŭĄĆĘŁŃŚŹŻŬ")
_LACINKA_LETTERS = frozenset("łŭśźń")
_OUTSIDE_LETTERS = frozenset("řěůťďľĺŕđ")
_LATIN_NEIGHBOURS = frozenset({"cs", "sk", "sl", "hr", "bs", "sr", "lt", "lv"})
# The languages of both the main model and the neighbour model.
_NEIGHBOUR_MODEL_OWN = frozenset({"be-Latn", "pl", "en"})


def _lacinka_gate(found: Detection, tokens: Sequence[str], raw: str,
                  candidates: tuple[str, ...] | None) -> Detection:
    """*found*, unless it is Łacinka, Polish or English that is rather a Latin neighbour.

    Czech, Slovak, Slovene and Croatian share č š ž (and Croatian ć) with
    Łacinka, and the main model does not know them.  Without candidates, a
    ``be-Latn``, ``pl`` or ``en`` answer goes to the small neighbour model
    (``neighbours-nb.bin.gz``: be-Latn, pl, en, cs, sk, hr, sl): when it is sure
    of the answer, the answer stands, whatever langdetect says (langdetect
    calls real Łacinka Croatian or Slovak); when it is sure that the text
    is one of the neighbours, the answer is that neighbour if langdetect
    agrees with it on which, else ``None``.  When it is unsure, the answer
    is ``None`` if the neighbours together are likelier than the answer, or
    if it is ``be-Latn`` without ł ŭ ś ź ń and langdetect is sure of a
    neighbour.  (With candidates the caller knows
    the text is one of them.)
    """
    if candidates is not None or found.language not in _NEIGHBOUR_MODEL_OWN:
        return found
    near = _neighbour_scores(tokens)
    if near:
        own = near[found.language]
        foreign = sum(p for lang, p in near.items() if lang not in _NEIGHBOUR_MODEL_OWN)
        if own >= MIN_CONFIDENCE:
            return Detection(found.language, min(found.confidence, own), found.scores)
        if foreign >= MIN_CONFIDENCE:
            best = max(sorted(near), key=lambda k: near[k])
            probs = _langdetect(raw, None)
            if probs and max(sorted(probs), key=lambda k: probs[k]) == best:
                return Detection(best, probs[best], MappingProxyType(dict(probs)))
            return Detection(None, found.confidence, found.scores)
        if own < foreign:
            return Detection(None, found.confidence, found.scores)
    if found.language != "be-Latn" or _LACINKA_LETTERS.intersection(raw.lower()):
        return found
    probs = _langdetect(raw, None)
    if probs:
        best = max(sorted(probs), key=lambda k: probs[k])
        if best in _LATIN_NEIGHBOURS and probs[best] >= 0.9:
            return Detection(None, found.confidence, found.scores)
    return found


def _strong_lacinka(found: Detection, tokens: Sequence[str]) -> Detection | None:
    """*found* if both models are sure it is Łacinka, else ``None``.

    langdetect, sure of Lithuanian, Indonesian, Swahili or Welsh for a
    Łacinka text ("Aktyvizuj usie", "Adčyni kataloh"), does not outweigh
    a main model and a neighbour model (be-Latn against pl, en, cs, sk, hr,
    sl) that are both at least :data:`STRONG_LACINKA` sure.
    """
    if found.language != "be-Latn" or found.confidence < STRONG_LACINKA:
        return None
    near = _neighbour_scores(tokens).get("be-Latn", 0.0)
    if near < STRONG_LACINKA:
        return None
    return Detection("be-Latn", min(found.confidence, near), found.scores)


@lru_cache(maxsize=1)
def _neighbour_model() -> Model:
    return load_model(
        resources.files("multipub").joinpath("data", "langid", NEIGHBOUR_RESOURCE).read_bytes()
    )


def _neighbour_scores(tokens: Sequence[str]) -> dict[str, float]:
    """Posterior probabilities of be-Latn, pl, en, cs, sk, hr, sl for Latin *tokens*."""
    model = _neighbour_model()
    latin = [w for w in tokens if all(is_latin(ch) for ch in w)]
    if sum(len(w) for w in latin) < MIN_LETTERS:
        return {}
    sums = [0.0] * len(model.languages)
    for word in latin:
        sums = [a + b for a, b in zip(sums, model.word_score(word), strict=True)]
    return _softmax(dict(zip(model.languages, sums, strict=True)))


def _in_group(raw: str, cyrillic: bool) -> bool:
    """Whether langdetect thinks *raw* belongs to the model's group."""
    probs = _langdetect(raw, None)
    if not probs:
        return True
    best = max(sorted(probs), key=lambda k: probs[k])
    if cyrillic:
        return best in ("ru", "uk", "bg", "mk") or probs[best] < 0.9
    if any(ch in _OUTSIDE_LETTERS for ch in raw.lower()):
        return False  # Czech, Slovak, Croatian: letters no language of the group writes
    if any(ch in _POLISH_LETTERS for ch in raw):
        return True
    return best in _GROUP_PROXIES or probs[best] < 0.9 or probs.get("pl", 0.0) >= 0.1


def _nb(model: Model, tokens: Sequence[str], group: Sequence[str],
        context: str | None = None) -> dict[str, float]:
    """Posterior probabilities of the *group* languages; *context* gets a prior."""
    index = [model.languages.index(lang) for lang in group]
    sums = [0.0] * len(index)
    for word in tokens:
        score = model.word_score(word)
        for j, i in enumerate(index):
            sums[j] += score[i]
    if context in group and len(group) > 1:
        # the prior multiplies the calibrated likelihoods, so it is scaled by the temperature
        others = math.log((1.0 - CONTEXT_PRIOR) / (len(group) - 1))
        sums = [s + TEMPERATURE * (math.log(CONTEXT_PRIOR) if lang == context else others)
                for lang, s in zip(group, sums, strict=True)]
    return _softmax(dict(zip(group, sums, strict=True)))


def detect(text: str, candidates: Sequence[str] | None = None, *,
           context: str | None = None) -> Detection:
    """Identify the language of one text (a sentence, a segment, a title).

    *context* is the language of the text around it (the catalogue's or the
    article's), when known: it gets a prior probability of
    :data:`CONTEXT_PRIOR`, so that a short text is called another language
    only on evidence strong enough to outweigh its surroundings.

    >>> d = detect("Мы ўсе вельмі чакаем лета.", candidates=["pl", "ru", "be", "uk"])
    >>> d.language, round(sum(d.scores.values()), 6)
    ('be', 1.0)
    >>> detect("Łacinka — heta biełaruski łacinski alfabet.").language
    'be-Latn'
    """
    cands = _normalize_candidates(candidates)
    ctx = None if context is None else canonical_language(context)
    tokens = words(text)
    raw = strip_markup(text)
    return _unmarked_ru_uk(_detect_words(tokens, raw, cands, ctx), tokens, raw)


def _unmarked_ru_uk(found: Detection, tokens: Sequence[str], raw: str) -> Detection:
    """*found*, or ``None`` for a short ru or uk answer that no letter backs.

    Under :data:`SHORT_TEXT` characters, a text with none of ы э ъ ё nor
    і ї є ґ and the apostrophe is told Russian from Ukrainian by a few
    endings only; such an answer needs :data:`UNMARKED_RU_UK_CONFIDENCE`.
    """
    if found.language not in ("ru", "uk") or len(raw) >= SHORT_TEXT:
        return found
    if found.confidence >= UNMARKED_RU_UK_CONFIDENCE:
        return found
    letters = set("".join(tokens))
    if letters & RU_UK_TELLING:
        return found
    return Detection(None, found.confidence, found.scores)


def foreign_letters(text: str, language: str) -> str:
    """The letters of *text* that the orthography of *language* does not write.

    Hard evidence for the checks: и щ ъ in Belarusian, і ў in Russian, ы э ъ
    in Ukrainian, ą ę ó ż in Łacinka, ŭ in Polish (each once, in order).

    >>> foreign_letters("Сохранить щит", "be"), foreign_letters("Захаваць", "ru")
    ('ищ', '')
    """
    foreign = FOREIGN_LETTERS.get(canonical_language(language), "")
    return "".join(dict.fromkeys(ch for ch in "".join(words(text)) if ch in foreign))


def detect_language(text: str, candidates: Sequence[str] | None = None) -> str | None:
    """The language code of *text*, or ``None`` when it cannot be decided.

    *candidates* limits the answer to those codes (``["pl", "ru", "be", "uk"]``).

    >>> detect_language("Мы ўсе вельмі чакаем лета.")
    'be'
    >>> detect_language("ok") is None
    True
    """
    return detect(text, candidates).language


def detect_texts(texts: Iterable[str], candidates: Sequence[str] | None = None) -> Detection:
    """Identify the one language of many segments (a whole catalogue or article).

    The log-likelihoods of all segments are summed, so long segments weigh
    more than short ones and a few foreign words do not sway the answer.

    >>> detect_texts(["Адкрыць", "Захаваць як…", "Закрыць акно"]).language
    'be'
    """
    tokens: list[str] = []
    raws: list[str] = []
    size = 0
    for text in texts:
        tokens.extend(words(text))
        if size < 2_000:
            raw = strip_markup(text)
            raws.append(raw)
            size += len(raw)
    return _detect_words(tokens, "\n".join(raws), _normalize_candidates(candidates))
