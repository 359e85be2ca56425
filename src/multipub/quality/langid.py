"""Language identification that knows Belarusian.

langdetect has no Belarusian profile: it calls Belarusian text Ukrainian or
Russian.  This module puts a small character n-gram naive Bayes model in front
of it for the languages multipub cares about most (Polish, Russian,
Belarusian, Ukrainian, plus English for UI strings left untranslated) and asks
langdetect only about text that is outside that group.

* :func:`detect_language` answers a language code or ``None`` when the text
  is too short or too ambiguous to decide;
* :func:`detect` gives a :class:`Detection` with the confidence and the
  normalized scores;
* :func:`detect_texts` identifies a whole catalogue or article by summing the
  log-likelihoods of all its segments;
* :func:`mixed_script_words` finds words that mix Latin and Cyrillic letters.

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

import gzip
import json
import math
import re
import sys
import threading
import unicodedata
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

__all__ = [
    "Detection",
    "detect",
    "detect_language",
    "detect_texts",
    "mixed_script_words",
    "strip_markup",
    "words",
]

MODEL_RESOURCE = "slavic-nb.bin.gz"
#: Fewer letters than this (after stripping markup) is always undetermined.
MIN_LETTERS = 3
#: Below this posterior probability the answer is ``None``.
MIN_CONFIDENCE = 0.60
#: Weights of the feature classes: 0 is whole words, n > 0 character n-grams.
ORDERS = (1, 2, 3, 4, 5)
WORD_CLASS = 0
CLASS_WEIGHTS: Mapping[int, float] = MappingProxyType(
    {0: 1.0, 1: 0.2, 2: 0.35, 3: 0.5, 4: 0.6, 5: 0.6}
)
#: Divides summed log-likelihoods before the softmax (naive Bayes is overconfident).
TEMPERATURE = 2.0
#: Languages written in Cyrillic among those this module may answer.
CYRILLIC_LANGUAGES = frozenset({"ru", "be", "uk", "bg", "mk", "sr", "kk", "ky", "mn", "tg"})

# --- stripping -------------------------------------------------------------

_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.M)
_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"')\]]+", re.I)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PLACEHOLDER = re.compile(
    r"%%|%\([^)\s]*\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%\d+\$[-#0 +]*\d*[a-zA-Z]"
    r"|%[-#0 +]*\d*(?:\.\d+)?(?:l{0,2}|h{0,2}|[zjt])[diouxXeEfFgGcsrpa]|%\d+"
    r"|\{\{[^{}]*\}\}|\{[^{}\s]*\}|\$\{[^}]*\}|\$\([^)]*\)"
)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "ʹ": "'", "‘": "'"})
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_LETTERS = re.compile(r"[^\W\d_]+")

# Latin letters that look like Cyrillic ones, for words that are mostly Cyrillic.
_HOMOGLYPHS = str.maketrans(
    {"a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і"}
)


def strip_markup(text: str) -> str:
    """Remove Markdown, URLs, e-mail addresses, placeholders, HTML tags and entities.

    >>> strip_markup("**Вітаем**, %(name)s! See [docs](https://example.org) &amp; <b>more</b>")
    'Вітаем , ! See docs more'
    """
    text = _FENCE.sub(" ", text)
    text = _HTML_COMMENT.sub(" ", text)
    text = _INLINE_CODE.sub(" ", text)
    text = _REF_LINK.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _URL.sub(" ", text)
    text = _EMAIL.sub(" ", text)
    text = _PLACEHOLDER.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = _ENTITY.sub(" ", text)
    text = re.sub(r"[*_#>|~=\[\]]+", " ", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u052f" or "\u1c80" <= ch <= "\u1c8f" or "\ua640" <= ch <= "\ua69f"


def _is_latin(ch: str) -> bool:
    return ch.isascii() or "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff"


def _fold_word(word: str) -> str:
    """Fold Latin look-alikes into Cyrillic in a word that is mostly Cyrillic."""
    cyr = sum(_is_cyrillic(ch) for ch in word)
    if cyr and cyr < len(word) and cyr >= len(word) - cyr:
        return word.translate(_HOMOGLYPHS)
    return word


def words(text: str) -> list[str]:
    """The lower-cased words of *text* after :func:`strip_markup`.

    Apostrophes inside words are kept (and unified): Belarusian and Ukrainian
    write them in words such as ``з'ява``.

    >>> words("П’ять <i>книжок</i>, 3 {count} i ўсё")
    ["п'ять", 'книжок', 'i', 'ўсё']
    """
    clean = unicodedata.normalize("NFC", strip_markup(text)).translate(_APOSTROPHES).lower()
    return [_fold_word(w) for w in _WORD.findall(clean)]


def mixed_script_words(text: str) -> list[str]:
    """Words that mix Latin and Cyrillic letters, in order of appearance.

    Such words usually hide a typo (a Latin ``o`` or ``c`` typed on the wrong
    keyboard layout) that breaks search and spell-checking.

    >>> mixed_script_words("Гэта cлова i слова, and nothing else")
    ['cлова']
    """
    found: list[str] = []
    for token in _LETTERS.findall(strip_markup(text)):
        if any(_is_cyrillic(ch) for ch in token) and any(
            _is_latin(ch) and ch.isalpha() for ch in token
        ):
            found.append(token)
    return found


# --- features --------------------------------------------------------------


def word_features(word: str) -> list[tuple[int, str]]:
    """Feature classes and keys of one lower-cased word.

    Class 0 is the word itself; class n is a character n-gram of the word
    padded with a space on both sides.

    >>> word_features("ab")[:4]
    [(0, 'ab'), (1, 'a'), (1, 'b'), (2, ' a')]
    """
    feats: list[tuple[int, str]] = [(WORD_CLASS, word)]
    padded = f" {word} "
    for n in ORDERS:
        for i in range(len(padded) - n + 1):
            gram = padded[i : i + n]
            if gram != " ":
                feats.append((n, gram))
    return feats


# --- the model -------------------------------------------------------------


# Letters a language does not write: each one costs that language this much.
FOREIGN_LETTERS: Mapping[str, str] = MappingProxyType(
    {
        "be": "ищъїєґ",
        "ru": "іїєґў",
        "uk": "ыэъёў",
        "en": "ąęłńśźżćóšžčřěůýá",
        "pl": "ыэъёўіїєґšžčřěůýá",
    }
)
FOREIGN_PENALTY = 12.0


WORD_PREFIX = "\x01"


def feature_key(cls: int, gram: str) -> str:
    """The model's key of a feature: n-grams as they are, words prefixed."""
    return WORD_PREFIX + gram if cls == WORD_CLASS else gram


@dataclass(frozen=True)
class _Model:
    languages: tuple[str, ...]
    index: Mapping[str, int]  # feature key -> row; rows count + class: unseen of a class
    tables: tuple[array[float], ...]  # one column of weighted log-probabilities a language
    count: int
    _cache: dict[str, tuple[float, ...]] = field(default_factory=dict, compare=False)

    def word_score(self, word: str) -> tuple[float, ...]:
        """Weighted log-likelihood of one word for every language (cached)."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        get, count = self.index.get, self.count
        rows = [get(WORD_PREFIX + word, count + WORD_CLASS)]
        padded = f" {word} "
        size = len(padded)
        rows.extend(get(padded[i], count + 1) for i in range(1, size - 1))
        for n in ORDERS[1:] if ORDERS[0] == 1 else ORDERS:
            unseen = count + n
            rows.extend(get(padded[i : i + n], unseen) for i in range(size - n + 1))
        totals = []
        for lang, table in zip(self.languages, self.tables, strict=True):
            total = sum(map(table.__getitem__, rows))
            foreign = FOREIGN_LETTERS.get(lang, "")
            if foreign:
                total -= FOREIGN_PENALTY * sum(1 for ch in word if ch in foreign)
            totals.append(total)
        result = tuple(totals)
        if len(self._cache) < 200_000:
            self._cache[word] = result
        return result


def dump_model(
    languages: Sequence[str],
    logprob: Mapping[str, Sequence[float]],
    unseen: Mapping[int, Sequence[float]],
) -> bytes:
    """The binary form of a model (used by ``bench/langid/train.py``).

    *logprob* maps :func:`feature_key` keys to one log-probability a
    language, *unseen* gives those of an unseen feature of each class; both
    are multiplied here by :data:`CLASS_WEIGHTS`.  The result is gzip of a
    JSON header line, the keys joined by newlines, a newline, and float32
    columns (one a language, the unseen rows last).
    """
    keys = sorted(logprob)
    classes = (WORD_CLASS, *ORDERS)
    header = {"languages": list(languages), "count": len(keys), "classes": len(classes)}

    def weight(key: str) -> float:
        return CLASS_WEIGHTS[WORD_CLASS if key.startswith(WORD_PREFIX) else len(key)]

    values = array("f")
    for j in range(len(languages)):
        values.extend(weight(key) * logprob[key][j] for key in keys)
        values.extend(CLASS_WEIGHTS[c] * unseen[c][j] for c in classes)
    if sys.byteorder != "little":
        values.byteswap()
    blob = b"\n".join((json.dumps(header).encode(), "\n".join(keys).encode(), values.tobytes()))
    return gzip.compress(blob, compresslevel=9, mtime=0)


def load_model(data: bytes) -> _Model:
    """Read a model written by :func:`dump_model`."""
    blob = gzip.decompress(data)
    head_end = blob.index(b"\n")
    header = json.loads(blob[:head_end])
    languages = tuple(header["languages"])
    count = int(header["count"])
    rows = count + int(header["classes"])
    size = 4 * rows * len(languages)
    keys = blob[head_end + 1 : len(blob) - size - 1].decode("utf-8").split("\n")
    if len(keys) != count or header["classes"] != len(ORDERS) + 1:
        raise ValueError("corrupt language model")
    values = array("f")
    values.frombytes(blob[len(blob) - size :])
    if sys.byteorder != "little":
        values.byteswap()
    tables = tuple(values[j * rows : (j + 1) * rows] for j in range(len(languages)))
    return _Model(languages, dict(zip(keys, range(count), strict=True)), tables, count)


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _model() -> _Model:
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


def _normalize_candidates(candidates: Sequence[str] | None) -> tuple[str, ...] | None:
    if candidates is None:
        return None
    out: list[str] = []
    for code in candidates:
        norm = code.strip().lower().replace("_", "-")
        primary = norm.split("-", 1)[0]
        if primary in ("pl", "ru", "be", "uk", "en"):
            norm = primary
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


def _detect_words(tokens: Sequence[str], raw: str, candidates: tuple[str, ...] | None) -> Detection:
    letters = sum(len(w) for w in tokens)
    if letters < MIN_LETTERS:
        return _UNDETERMINED
    cyr = sum(1 for w in tokens for ch in w if _is_cyrillic(ch))
    lat = sum(1 for w in tokens for ch in w if _is_latin(ch))
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
    same_script = [w for w in tokens if any(_is_cyrillic(ch) for ch in w) == (cyr >= lat)]
    if group and (wanted if candidates is not None else _in_group(raw, cyr >= lat)):
        if not outside:
            return _decide(_nb(model, same_script, group), candidates)
    elif candidates is not None and not outside:
        return _UNDETERMINED  # only languages of another script were allowed
    allowed = None if candidates is None else tuple(sorted({*outside, *_GROUP_PROXIES}))
    ld = _langdetect(raw, allowed)
    proxied = bool(ld) and max(sorted(ld), key=lambda k: ld[k]) in _GROUP_PROXIES
    if group and proxied and (candidates is None or wanted):
        return _decide(_nb(model, same_script, group), candidates)
    return _decide(ld, candidates)


# langdetect answers these for text that is really in the model's group.
_GROUP_PROXIES = frozenset({"ru", "uk", "bg", "mk", "pl", "en", "cs", "sk", "sl", "hr"})
_POLISH_LETTERS = frozenset("ąćęłńśźżĄĆĘŁŃŚŹŻ")


def _in_group(raw: str, cyrillic: bool) -> bool:
    """Whether langdetect thinks *raw* belongs to the model's group."""
    probs = _langdetect(raw, None)
    if not probs:
        return True
    best = max(sorted(probs), key=lambda k: probs[k])
    if cyrillic:
        return best in ("ru", "uk", "bg", "mk") or probs[best] < 0.9
    if any(ch in _POLISH_LETTERS for ch in raw):
        return True
    return best in _GROUP_PROXIES or probs[best] < 0.9 or probs.get("pl", 0.0) >= 0.1


def _nb(model: _Model, tokens: Sequence[str], group: Sequence[str]) -> dict[str, float]:
    index = [model.languages.index(lang) for lang in group]
    sums = [0.0] * len(index)
    for word in tokens:
        score = model.word_score(word)
        for j, i in enumerate(index):
            sums[j] += score[i]
    return _softmax(dict(zip(group, sums, strict=True)))


def detect(text: str, candidates: Sequence[str] | None = None) -> Detection:
    """Identify the language of one text (a sentence, a segment, a title).

    >>> d = detect("Мы ўсе вельмі чакаем лета.", candidates=["pl", "ru", "be", "uk"])
    >>> d.language, round(sum(d.scores.values()), 6)
    ('be', 1.0)
    """
    return _detect_words(words(text), strip_markup(text), _normalize_candidates(candidates))


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
