"""A translation memory: source texts already translated, and suggestions for new ones.

A :class:`Memory` holds, for one target language, the translated entries of
many catalogues (the article catalogues of a project, compendium files):
source text -> translations, each with its :class:`Origin`.  Only usable
entries count: translated, not fuzzy, not obsolete, not plural.  The
``msgctxt`` is ignored: the memory is about text.

:meth:`Memory.suggest` looks one source text up, in this order:

1. **exact**: the same text was translated elsewhere (a whole entry; then
   one sentence of an entry whose source and translation split into the
   same number of sentences, noted ``exact sentence``);
2. **normalized**: for a text with numbers, the same whole text up to
   numbers, punctuation, case and whitespace (numbers that changed are
   carried over into the translation when each old number appears in it
   exactly once);
3. **assembled**: every sentence of the text has an exact translation; the
   translated sentences are joined in order;
4. **near**: the most similar translated text or sentence
   (:func:`rapidfuzz.fuzz.ratio`, at least :attr:`Memory.similarity`
   percent).  Only texts that begin with the same :data:`_ANCHOR` characters,
   or end with them (the last character aside), are compared: a small edit
   leaves one end alone, and 1,000 articles stay fast.

Ties are broken the same way every time: whole entries before sentences,
the more frequent translation, project articles before compendium files,
then the origin's name (an article's ``articles/<id>``); near matches by
score first.  An origin can be
excluded (the catalogue being filled does not suggest to itself).

A project's memory holds every translated segment of every article: it grows
with the archive, while the texts one run fills are few.  A
:class:`MemorySpool` sets the entries of many catalogues aside (in a
temporary file once they are many) and makes the :class:`Memory` of only
those that can give some texts a suggestion (:meth:`MemorySpool.memory_for`):
its suggestions for those texts are the whole memory's.

:func:`fill` writes suggestions into a catalogue's untranslated entries, as
fuzzy entries with a translator comment naming the origin; entries that
have any ``msgstr`` (fuzzy ones included) and plural entries are never
touched.

>>> from multipub.gettext.catalog import Catalog, Message
>>> memory = Memory()
>>> memory.add(Catalog(messages=[Message("Kot jest czarny.", "Кот черный.")]),
...            Origin("articles/koty"))
1
>>> memory.suggest("Kot jest czarny.").text
'Кот черный.'
>>> s = memory.suggest("Kot jest czarny!")
>>> s.text, s.note
('Кот черный.', '93% similar')
"""

from __future__ import annotations

import functools
import pickle
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from types import TracebackType

from rapidfuzz import fuzz, process

from ..errors import PathError
from .catalog import Catalog, Message

__all__ = [
    "COMMENT",
    "DEFAULT_SIMILARITY",
    "Memory",
    "MemoryEntry",
    "MemorySpool",
    "Origin",
    "Suggestion",
    "fill",
    "fill_all",
    "split_sentences",
    "untranslated",
]

DEFAULT_SIMILARITY = 85.0
"""Least similarity, in percent, of a near match (``[memory] similarity``)."""

COMMENT = "multipub memory:"
"""How the translator comments written by :func:`fill` begin."""

_ALTERNATIVES = 2
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SPACES = re.compile(r"[^\S\0]+")
_LETTER = re.compile(r"[^\W\d_]")
_PUNCTUATION = {ord(c): " " for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~„”“«»‘’‚–—…·•§"}
_ANCHOR = 16
_DIGIT = re.compile(r"\d")
_MAYBE_BREAK = re.compile(r"[.!?…][\"'»”’)\]]?\s")
_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x530)) if ch.isupper() and ch.isalpha())
_SENTENCES = re.compile(rf"(?<=[.!?…\"'»”’)\]])\s+(?=[\"'„«“‘(\[*_]*[{_UPPER}])")
"""The space between two sentences: after an end mark (or a closing quote or bracket), before
a capital (perhaps behind an opening quote or emphasis)."""
_OPENERS = "\"'„«“‘([*_"


@dataclass(frozen=True, order=True)
class Origin:
    """Where a translation came from.

    ``kind`` 0 is an article of the project (``name`` is its domain,
    ``articles/<id>``), 1 a compendium file (``name`` is its path as shown).
    Origins sort by kind, then name: the tie-break of every choice.
    """

    name: str
    kind: int = 0

    @property
    def sort_key(self) -> tuple[int, str]:
        return (self.kind, self.name)


_Record = tuple[str, "Origin", Sequence[str]]
"""A translation, its origin and the references of its entry (plain tuples: fast to make)."""
_NO_REFERENCES: Sequence[str] = ()


@dataclass(frozen=True)
class Suggestion:
    """A translation offered for one source text."""

    text: str
    origins: tuple[Origin, ...]
    """Where it came from (one origin, or one per sentence when assembled)."""
    note: str
    """``exact``, ``93% similar`` or ``assembled from sentences``."""
    source: str | None = None
    """The source text the translation was made for, when it differs (near matches)."""
    alternatives: tuple[tuple[Origin, str], ...] = ()
    """Other origins worth a look, with their notes, best first."""

    def comments(self) -> list[str]:
        """The translator comments :func:`fill` writes for this suggestion."""
        names = ", ".join(dict.fromkeys(o.name for o in self.origins))
        lines = [f"{COMMENT} from {names} ({self.note})"]
        lines += [f"{COMMENT} also {o.name} ({note})" for o, note in self.alternatives]
        return lines


@dataclass(frozen=True)
class MemoryEntry:
    """One source text of the memory with its chosen translation, for a compendium."""

    source: str
    translation: str
    origins: tuple[Origin, ...]
    """Every origin of the chosen translation, sorted."""
    references: tuple[str, ...]
    alternatives: tuple[tuple[str, tuple[Origin, ...]], ...] = ()
    """Other translations of the same text, most frequent first."""


@dataclass
class _Index:
    """What lookups beyond exact ones need, built once, on the first such lookup."""

    wanted: set[str] | None = None
    """The texts it was built for (``None``: any text)."""
    parts: dict[str, list[_Record]] = field(default_factory=dict)
    """Sentence -> translations, from entries that split into as many sentences each side."""
    folded: dict[str, list[str]] = field(default_factory=dict)
    """Folded text (:func:`_fold`) -> the whole texts with numbers that fold to it."""
    anchors: dict[str, list[str]] = field(default_factory=dict)
    """:func:`_head` and :func:`_tail` of each text -> the texts: near-match candidates."""


class Memory:
    """A translation memory of one target language; see the module docs.

    *similarity* is the least :func:`rapidfuzz.fuzz.ratio` (0-100) of a near match.
    *sentences* is a dictionary to share between the memories of several
    languages of one project (the sources are the same): it caches how each
    source text splits into sentences.
    """

    def __init__(self, similarity: float = DEFAULT_SIMILARITY,
                 sentences: dict[str, tuple[str, ...]] | None = None) -> None:
        self.similarity = float(similarity)
        self._table: dict[str, list[_Record]] = {}
        self._index: _Index | None = None
        self._sentences = sentences if sentences is not None else {}
        """Source text -> its sentences (``()`` for one): memories of the same sources in
        other languages may share this, so each source is split once."""

    def __len__(self) -> int:
        """The number of distinct source texts translated as whole entries."""
        return len(self._table)

    # -- building ------------------------------------------------------------
    def add(self, catalog: Catalog, origin: Origin) -> int:
        """Add the usable entries of *catalog*; return how many were added."""
        added = 0
        table = self._table
        for msgid, msgstr, references in _usable(catalog):
            added += 1
            table.setdefault(msgid, []).append((msgstr, origin, references))
        self._index = None
        return added

    # -- choosing -------------------------------------------------------------
    def _best(self, source: str, exclude: str | None,
              parts: bool = True) -> tuple[str, Origin] | None:
        """The chosen translation of *source* and its first origin, without *exclude*.

        Whole entries first; then (with *parts*, once indexed) sentences of entries.
        """
        tables = [self._table]
        if parts and self._index is not None:
            tables.append(self._index.parts)
        for table in tables:
            records = [r for r in table.get(source, ()) if r[1].name != exclude]
            if records:
                translation, origins = _ranked(records)[0]
                return translation, origins[0]
        return None

    def entries(self) -> Iterator[MemoryEntry]:
        """Every source text translated as a whole entry, by its first origin, in the order
        added."""
        found: list[tuple[tuple[int, str], int, MemoryEntry]] = []
        for position, (source, wholes) in enumerate(self._table.items()):
            ranked = _ranked(wholes)
            translation, origins = ranked[0]
            references = tuple(dict.fromkeys(
                ref for r in wholes if r[0] == translation for ref in r[2]))
            entry = MemoryEntry(source, translation, origins, references, tuple(ranked[1:]))
            found.append((origins[0].sort_key, position, entry))
        found.sort(key=lambda item: (item[0], item[1]))
        return (entry for _, _, entry in found)

    # -- looking up -----------------------------------------------------------
    def suggest(self, source: str, exclude: str | None = None) -> Suggestion | None:
        """The best translation to offer for *source*, or ``None``; see the module docs.

        *exclude* is an origin name whose translations are not offered.
        """
        if not source.strip():
            return None
        best = self._best(source, exclude, parts=False)
        if best is not None:
            return Suggestion(best[0], (best[1],), "exact")
        if not self._table:
            return None
        index = self._indexed(source)
        best = self._best(source, exclude)
        if best is not None:
            return Suggestion(best[0], (best[1],), "exact sentence")
        return (self._normalized(source, exclude, index)
                or self._assembled(source, exclude)
                or self._near(source, exclude, index))

    def prepare(self, sources: Iterable[str]) -> None:
        """Build what :meth:`suggest` needs beyond exact lookups, for these *sources* only.

        Optional: it narrows the index to the sentences and near-match candidates
        these texts can use, which is much faster than indexing everything when
        there are few of them.  Suggestions are the same either way; looking up
        a text that was not prepared indexes everything first.
        """
        self._index = self._build(set(sources))

    def _indexed(self, source: str) -> _Index:
        index = self._index
        if index is None or (index.wanted is not None and source not in index.wanted):
            index = self._index = self._build(None)
        return index

    def _build(self, wanted: set[str] | None, look: _Wanted | None = None) -> _Index:
        """The index for looking up *wanted* texts (``None``: any text); *look* is their
        :class:`_Wanted` when the caller has it."""
        index = _Index(wanted=wanted)
        if look is None:
            look = _Wanted(wanted or ())
        sentences, heads, tails = look.sentences, look.heads, look.tails
        everything = wanted is None
        parts: defaultdict[str, list[_Record]] = defaultdict(list)
        split = _SENTENCES.split
        cache = self._sentences
        for source, records in self._table.items():
            mine = cache.get(source)
            if mine is None:
                mine = cache[source] = _split_source(source)
            if not mine:
                continue
            keep = [i for i, one in enumerate(mine)
                    if everything or one in sentences or one[:_ANCHOR] in heads
                    or one[-_ANCHOR - 1:-1] in tails]
            if not keep:
                continue
            for translation, origin, _ in records:
                targets = split(translation)
                if len(targets) == len(mine):
                    for i in keep:
                        parts[mine[i]].append((targets[i].strip(), origin, _NO_REFERENCES))
        numbered = [t for t in self._table if _DIGIT.search(t)] if everything or any(
            _DIGIT.search(text) for text in wanted or ()) else []
        for text, key in zip(numbered, _fold_all(numbered), strict=True):
            if key:
                index.folded.setdefault(key, []).append(text)
        texts = [t for t in self._table if everything or t[:_ANCHOR] in heads
                 or t[-_ANCHOR - 1:-1] in tails]
        index.parts = dict(parts)
        texts += [t for t in parts if t not in self._table]
        anchors: defaultdict[str, list[str]] = defaultdict(list)
        for text in texts:
            anchors["<" + text[:_ANCHOR]].append(text)
            anchors[">" + text[-_ANCHOR - 1:-1]].append(text)
        index.anchors = dict(anchors)
        return index

    def _normalized(self, source: str, exclude: str | None, index: _Index) -> Suggestion | None:
        if not _DIGIT.search(source):
            return None  # other differences in punctuation or case are near matches
        key = _fold(source)
        others = [t for t in index.folded.get(key, ()) if t != source] if key else []
        if not others:
            return None
        found = self._first(source, others, exclude, 0)
        if found is None:
            return None
        score, other, (translation, origin), _ = found
        return Suggestion(_renumber(translation, other, source), (origin,),
                          f"{_percent(score)} similar", source=other)

    def _first(self, source: str, choices: list[str], exclude: str | None, cutoff: float
               ) -> tuple[float, str, tuple[str, Origin], list[tuple[float, Origin]]] | None:
        """The most similar of *choices* with a translation (ties: origin, then text),
        and the origins of the next best (for alternatives)."""
        scored = process.extract(source, choices, scorer=fuzz.ratio, score_cutoff=cutoff,
                                 limit=None)
        found = sorted({(other, score) for other, score, _ in scored if other != source},
                       key=lambda item: (-item[1], item[0]))
        best: tuple[tuple[int, str], float, str, tuple[str, Origin]] | None = None
        others: list[tuple[float, Origin]] = []
        for other, score in found:
            if best is not None and score < best[1] and len(others) >= _ALTERNATIVES * 3:
                break
            chosen = self._best(other, exclude)
            if chosen is None:
                continue
            if best is None or (score == best[1] and chosen[1].sort_key < best[0]):
                if best is not None:
                    others.append((best[1], best[3][1]))
                best = (chosen[1].sort_key, score, other, chosen)
            else:
                others.append((score, chosen[1]))
        if best is None:
            return None
        others.sort(key=lambda item: (-item[0], item[1].sort_key))
        return best[1], best[2], best[3], others

    def _assembled(self, source: str, exclude: str | None) -> Suggestion | None:
        parts = split_sentences(source, keep_space=True)
        if len(parts) < 2:
            return None
        out: list[str] = []
        origins: list[Origin] = []
        for part in parts:
            sentence = part.rstrip()
            best = self._best(sentence, exclude)
            if best is None:
                return None
            out.append(best[0] + part[len(sentence):])
            origins.append(best[1])
        return Suggestion("".join(out), tuple(origins), "assembled from sentences")

    def _near(self, source: str, exclude: str | None, index: _Index) -> Suggestion | None:
        cutoff = self.similarity
        if cutoff > 100:
            return None
        choices = index.anchors.get(_head(source), []) + index.anchors.get(_tail(source), [])
        if not choices:
            return None
        found = self._first(source, choices, exclude, cutoff)
        if found is None:
            return None
        score, other, (translation, origin), rest = found
        alternatives: list[tuple[Origin, str]] = []
        for alt_score, alt_origin in rest:
            if len(alternatives) == _ALTERNATIVES:
                break
            if alt_origin != origin and all(alt_origin != o for o, _ in alternatives):
                alternatives.append((alt_origin, f"{_percent(alt_score)} similar"))
        if _DIGIT.search(source) and _fold(other) == _fold(source):
            translation = _renumber(translation, other, source)  # a sentence, numbers changed
        return Suggestion(translation, (origin,), f"{_percent(score)} similar", source=other,
                          alternatives=tuple(alternatives))


def _usable(catalog: Catalog) -> Iterator[tuple[str, str, Sequence[str]]]:
    """``(msgid, msgstr, references)`` of the entries of *catalog* a memory uses."""
    for message in catalog.messages:  # a hot loop: 45,000 entries a language at 1,000 articles
        # translated (not fuzzy, not obsolete), not plural: Message.translated, inlined
        if (not message.msgstr or not message.msgid or message.obsolete
                or message.msgid_plural is not None or "fuzzy" in message.flags):
            continue
        yield message.msgid, message.msgstr, message.references


def _split_source(source: str) -> tuple[str, ...]:
    """The sentences of a source text as the index splits it (``()``: one sentence)."""
    if _MAYBE_BREAK.search(source) is None:
        return ()
    pieces = _SENTENCES.split(source)
    return tuple(p.strip() for p in pieces) if len(pieces) > 1 else ()


class _Wanted:
    """What the lookups of some texts can use: the texts and their sentences (exact and
    assembled matches), their anchors (near matches), the folds of those with numbers
    (normalized matches)."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.sentences: set[str] = set()
        self.heads: set[str] = set()
        self.tails: set[str] = set()
        self._numbered: list[str] = []
        for text in texts:
            self.sentences.add(text)
            self.sentences.update(split_sentences(text))
            # (as _assembled looks them up: the first part may keep a leading space)
            self.sentences.update(part.rstrip() for part in split_sentences(text, keep_space=True))
            self.heads.add(text[:_ANCHOR])
            self.tails.add(text[-_ANCHOR - 1:-1])
            if _DIGIT.search(text):
                self._numbered.append(text)

    @functools.cached_property
    def folded(self) -> set[str]:
        """The folds (:func:`_fold`) of the texts with numbers (made when first asked:
        :meth:`Memory.prepare` does not need them)."""
        return set(_fold_all(self._numbered)) - {""}

    def _near(self, text: str) -> bool:
        return (text in self.sentences or text[:_ANCHOR] in self.heads
                or text[-_ANCHOR - 1:-1] in self.tails)

    def keeps(self, source: str, split: tuple[str, ...]) -> bool:
        """Whether the lookups could use an entry of *source* (split into *split*)."""
        if self._near(source) or any(self._near(one) for one in split):
            return True
        return bool(self.folded) and _DIGIT.search(source) is not None and \
            _fold(source) in self.folded


class MemorySpool:
    """The usable entries of many catalogues set aside, for the :class:`Memory` of
    only those some texts can use (:meth:`memory_for`); see the module docs.

    The entries stay in memory while they take less than *spill* bytes, then go
    to a temporary file (:class:`tempfile.SpooledTemporaryFile`), removed by
    :meth:`close` (or the end of a ``with`` block).

    >>> from multipub.gettext.catalog import Catalog, Message
    >>> with MemorySpool() as spool:
    ...     spool.add(Catalog(messages=[Message("Kot jest czarny.", "Кот черный."),
    ...                                 Message("Pies.", "Собака.")]), Origin("articles/koty"))
    ...     memory = spool.memory_for(["Kot jest czarny!"])
    2
    >>> len(memory), memory.suggest("Kot jest czarny!").note
    (1, '93% similar')
    """

    def __init__(self, spill: int = 16 << 20) -> None:
        self._file = tempfile.SpooledTemporaryFile(max_size=spill)  # noqa: SIM115 (closed by close)
        self._count = 0

    def __len__(self) -> int:
        """The number of entries set aside."""
        return self._count

    def __enter__(self) -> MemorySpool:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Remove the temporary file."""
        self._file.close()

    def add(self, catalog: Catalog, origin: Origin) -> int:
        """Set the usable entries of *catalog* aside; return how many there were."""
        records = [(msgid, msgstr, tuple(refs)) for msgid, msgstr, refs in _usable(catalog)]
        if records:
            try:
                pickle.dump((origin, records), self._file, pickle.HIGHEST_PROTOCOL)
            except OSError as exc:
                raise PathError(f"cannot set the translation memory aside: {exc.strerror}",
                                path=tempfile.gettempdir()) from None
            self._count += len(records)
        return len(records)

    def memory_for(self, texts: Iterable[str],
                   similarity: float = DEFAULT_SIMILARITY) -> Memory:
        """The memory of the entries set aside that can give *texts* a suggestion,
        prepared for them (:meth:`Memory.prepare`): its suggestions for *texts* are
        those of a memory of every entry."""
        wanted = set(texts)
        look = _Wanted(wanted)
        splits: dict[str, tuple[str, ...]] = {}
        memory = Memory(similarity, splits)
        table = memory._table
        self._file.seek(0)
        load = pickle.load
        while True:
            try:
                origin, records = load(self._file)
            except EOFError:
                break
            for msgid, msgstr, references in records:
                if msgid not in splits:  # (the texts kept so far)
                    split = _split_source(msgid)
                    if not look.keeps(msgid, split):
                        continue
                    splits[msgid] = split
                table.setdefault(msgid, []).append((msgstr, origin, references))
        self._file.seek(0, 2)
        memory._index = memory._build(wanted, look)  # (Memory.prepare, the texts split once)
        return memory


def fill(catalog: Catalog, memory: Memory, exclude: str | None = None) -> int:
    """Offer *memory*'s suggestions to the untranslated entries of *catalog*, in place.

    Each suggestion becomes the entry's ``msgstr``, flagged ``fuzzy``, with
    translator comments naming its origin (earlier ``multipub memory:``
    comments are replaced) and, for a near match, the source it was made for
    as ``#| msgid``.  Entries with any ``msgstr``, plural and obsolete entries
    are left alone.  Returns the number of entries filled.
    """
    return fill_all(memory, [(catalog, exclude)])


def untranslated(catalog: Catalog) -> list[Message]:
    """The entries of *catalog* that :func:`fill` may fill: no ``msgstr``, not plural,
    not obsolete, not blank."""
    return [m for m in catalog.messages
            if not m.msgstr and m.msgid_plural is None and not m.obsolete and m.msgid.strip()]


def fill_all(memory: Memory, catalogs: Iterable[tuple[Catalog, str | None]], *,
             prepare: bool = True) -> int:
    """:func:`fill` for many ``(catalogue, excluded origin)`` pairs, preparing the memory
    (:meth:`Memory.prepare`) for all their untranslated entries at once; with
    ``prepare=False`` the caller has prepared it (for these entries and maybe more)."""
    pending = [(m, exclude) for catalog, exclude in catalogs for m in untranslated(catalog)]
    if not pending or not len(memory):
        return 0
    if prepare:
        memory.prepare(message.msgid for message, _ in pending)
    filled = 0
    for message, exclude in pending:
        suggestion = memory.suggest(message.msgid, exclude)
        if suggestion is None:
            continue
        message.msgstr = suggestion.text
        message.fuzzy = True
        message.translator_comments = [
            c for c in message.translator_comments if not c.startswith(COMMENT)
        ] + suggestion.comments()
        if suggestion.source is not None and message.previous_msgid is None:
            message.previous_msgid = suggestion.source
        filled += 1
    return filled


def split_sentences(text: str, *, keep_space: bool = False) -> list[str]:
    """*text* cut after each ``.``, ``!``, ``?`` or ``…`` followed by space and a capital.

    With *keep_space* the space after each sentence stays with it (the parts
    join back into *text*); otherwise the parts are stripped.

    >>> split_sentences("Ala ma kota. Kot ma 2 r. życia! „Czy to prawda?”")
    ['Ala ma kota.', 'Kot ma 2 r. życia!', '„Czy to prawda?”']
    """
    if not keep_space:
        return [part.strip() for part in _SENTENCES.split(text) if part.strip()]
    parts: list[str] = []
    start = 0
    for match in _SENTENCES.finditer(text):
        parts.append(text[start:match.end()])
        start = match.end()
    parts.append(text[start:])
    return [part for part in parts if part.strip()]


def _ranked(records: Iterable[_Record]) -> list[tuple[str, tuple[Origin, ...]]]:
    """Translations with their origins: most frequent first, ties by their first origin."""
    by_text: dict[str, list[Origin]] = {}
    for record in records:
        by_text.setdefault(record[0], []).append(record[1])
    counts = Counter({text: len(origins) for text, origins in by_text.items()})
    ranked = [(text, tuple(sorted(set(origins), key=lambda o: o.sort_key)))
              for text, origins in by_text.items()]
    ranked.sort(key=lambda item: (-counts[item[0]], item[1][0].sort_key, item[0]))
    return ranked


def _fold(text: str) -> str:
    """*text* with numbers, punctuation, case and runs of whitespace folded ("" if no letter).

    >>> _fold("W 2020 r. – 48 osób!")
    'w 0 r 0 osób'
    """
    return _fold_all([text])[0]


def _head(text: str) -> str:
    """``<`` and the first :data:`_ANCHOR` characters of *text*."""
    return "<" + text[:_ANCHOR]


def _tail(text: str) -> str:
    """``>`` and the :data:`_ANCHOR` characters of *text* before its last one (usually
    the final punctuation, so a changed full stop does not count)."""
    return ">" + text[-_ANCHOR - 1:-1]


def _fold_all(texts: Sequence[str]) -> list[str]:
    """:func:`_fold` of many texts at once (a few passes over one joined string)."""
    if not texts:
        return []
    joined = "\0".join(t.replace("\0", " ") for t in texts).casefold()
    joined = _SPACES.sub(" ", _NUMBER.sub("0", joined.translate(_PUNCTUATION)))
    return [key if _LETTER.search(key) else "" for key in
            (part.strip() for part in joined.split("\0"))]


def _renumber(translation: str, old: str, new: str) -> str:
    """*translation* of *old* with the numbers that changed in *new* replaced.

    Only when both have the same count of numbers and each changed number
    appears exactly once in *translation* (otherwise it is returned as is).

    >>> _renumber("48 человек, 2 дня", "48 osób, 2 dni", "50 osób, 2 dni")
    '50 человек, 2 дня'
    """
    before, after = _NUMBER.findall(old), _NUMBER.findall(new)
    if len(before) != len(after):
        return translation
    changes = {a: b for a, b in zip(before, after, strict=True) if a != b}
    if not changes:
        return translation
    present = Counter(_NUMBER.findall(translation))
    if any(present[a] != 1 for a in changes) or len(set(changes)) != len(
            [a for a, b in zip(before, after, strict=True) if a != b]):
        return translation
    return _NUMBER.sub(lambda m: changes.get(m.group(0), m.group(0)), translation)


def _percent(score: float) -> str:
    return f"{int(score)}%"
