"""The character n-gram naive Bayes model of :mod:`multipub.quality.langid`.

The features of a word (the word itself and its character 1- to 5-grams),
the letters each language does not write, and the binary form of the model
(``multipub/data/langid/slavic-nb.bin.gz``, built by
``bench/langid/train.py``): :func:`dump_model` writes it, :func:`load_model`
reads it into a :class:`Model` whose :meth:`Model.word_score` gives the
weighted log-likelihood of one word for every language.
"""

from __future__ import annotations

import gzip
import json
import sys
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = [
    "CLASS_WEIGHTS",
    "FOREIGN_LETTERS",
    "FOREIGN_PENALTY",
    "ORDERS",
    "WORD_CLASS",
    "Model",
    "dump_model",
    "feature_key",
    "load_model",
    "word_features",
]

#: Weights of the feature classes: 0 is whole words, n > 0 character n-grams.
ORDERS = (1, 2, 3, 4, 5)
WORD_CLASS = 0
CLASS_WEIGHTS: Mapping[int, float] = MappingProxyType(
    {0: 1.0, 1: 0.2, 2: 0.35, 3: 0.5, 4: 0.6, 5: 0.6}
)

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
        "en": "ąęłńśźżćóšžčřěůýáŭ",
        "pl": "ыэъёўіїєґšžčřěůýáŭ",
        "be-Latn": "ąęóżřěůýáéíúw",
    }
)
FOREIGN_PENALTY = 12.0


WORD_PREFIX = "\x01"


def feature_key(cls: int, gram: str) -> str:
    """The model's key of a feature: n-grams as they are, words prefixed."""
    return WORD_PREFIX + gram if cls == WORD_CLASS else gram


@dataclass(frozen=True)
class Model:
    """A loaded model: feature rows and one column of log-probabilities a language."""

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


def load_model(data: bytes) -> Model:
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
    return Model(languages, dict(zip(keys, range(count), strict=True)), tables, count)
