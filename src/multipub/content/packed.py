"""Front matter kept packed: a read-only mapping over its compact JSON.

A loaded project keeps the front matter of every article file
(:attr:`multipub.project.model.Version.meta`).  As Python objects a typical
one (title, date, tags, summary, image) costs about 1.4 KB; as compact UTF-8
JSON about 400 bytes.  :func:`pack` turns a front-matter dict into a
:class:`PackedMeta`, which holds only those bytes (and where its dates are)
and decodes them when a value is asked for; the last few decoded are
remembered, since a page asks for several values of the same article.

A :class:`PackedMeta` behaves as the dict it was made of: same keys in the
same order, same values (dates and times come back as
:class:`datetime.date` and :class:`datetime.datetime`, nested mappings and
lists as ``dict`` and ``list``), and equal to it.  Treat the values as
read-only, as the front matter always was: a value is shared with the
other readers of the same front matter.

>>> import datetime as dt
>>> meta = pack({"title": "Dzień", "date": dt.date(2024, 5, 1), "tags": ["a", "b"]})
>>> meta["date"], meta.get("tags"), list(meta)
(datetime.date(2024, 5, 1), ['a', 'b'], ['title', 'date', 'tags'])
>>> meta == {"title": "Dzień", "date": dt.date(2024, 5, 1), "tags": ["a", "b"]}
True
"""

from __future__ import annotations

import functools
import json
from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from typing import Any

from .frontmatter import _FROM_ISO, _json_value

__all__ = ["PackedMeta", "pack"]

_Dates = tuple[tuple[tuple[str | int, ...], str], ...]
"""Where the dates and times of a front matter are: (key path, ``"d"`` or ``"t"``)."""

_DUMP = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False,
                         allow_nan=True).encode
_SHARED: dict[_Dates, _Dates] = {}
"""One object for each date layout seen (nearly every article has ``date`` alone)."""


class PackedMeta(Mapping[str, Any]):
    """A front-matter mapping kept as compact JSON bytes, decoded when read (see the module).

    Made by :func:`pack`; equal to the dict it was made of, and to any mapping
    with the same items.
    """

    __slots__ = ("_data", "_dates")

    def __init__(self, data: bytes, dates: _Dates = ()) -> None:
        self._data = data
        self._dates = dates

    def _dict(self) -> dict[str, Any]:
        return _unpack(self._data, self._dates)

    def __getitem__(self, key: str) -> Any:
        return self._dict()[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self._dict().get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self._dict()

    def __iter__(self) -> Iterator[str]:
        return iter(self._dict())

    def __len__(self) -> int:
        return len(self._dict())

    def keys(self) -> KeysView[str]:
        return self._dict().keys()

    def items(self) -> ItemsView[str, Any]:
        return self._dict().items()

    def values(self) -> ValuesView[Any]:
        return self._dict().values()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PackedMeta):
            if self._data == other._data and self._dates == other._dates:
                return True
            return self._dict() == other._dict()
        if isinstance(other, dict):
            return self._dict() == other
        if isinstance(other, Mapping):
            return self._dict() == dict(other.items())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # (a dict is not hashable either)

    def __repr__(self) -> str:
        return f"PackedMeta({self._dict()!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (PackedMeta, (self._data, self._dates))

    @property
    def nbytes(self) -> int:
        """The size of the packed JSON."""
        return len(self._data)


def pack(meta: Mapping[str, Any]) -> Mapping[str, Any]:
    """*meta* (a front-matter dict) as a :class:`PackedMeta`, or *meta* itself when it
    does not survive JSON (a key that is not text, a value YAML alone has).

    >>> pack({1: "one"})
    {1: 'one'}
    """
    if isinstance(meta, PackedMeta):
        return meta
    found: list[list[Any]] = []
    try:
        plain = _json_value(meta, [], found)
        data = _DUMP(plain).encode("utf-8")
    except (TypeError, ValueError, RecursionError):
        return meta
    dates: _Dates = tuple((tuple(where), kind) for where, kind in found)
    if dates:
        shared = _SHARED.get(dates)
        if shared is None and len(_SHARED) < 256:
            shared = _SHARED[dates] = dates
        dates = shared or dates
    packed = PackedMeta(data, dates)
    if packed._dict() != meta:  # (a float that JSON does not give back, say)
        return meta
    return packed


@functools.lru_cache(maxsize=256)
def _unpack(data: bytes, dates: _Dates) -> dict[str, Any]:
    """The dict of a :class:`PackedMeta` (the last ones decoded are remembered)."""
    meta: dict[str, Any] = json.loads(data)
    for where, kind in dates:
        holder: Any = meta
        for step in where[:-1]:
            holder = holder[step]
        holder[where[-1]] = _FROM_ISO[kind](holder[where[-1]])
    return meta
