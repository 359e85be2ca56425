"""Packed front matter: a read-only mapping that behaves as the dict it was made of."""

from __future__ import annotations

import datetime as dt
import json
import pickle
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from multipub.content.frontmatter import parse_document
from multipub.content.packed import PackedMeta, pack

_SCALARS = (st.none() | st.booleans() | st.integers() | st.text()
            | st.floats(allow_nan=False) | st.dates()
            | st.datetimes(timezones=st.none() | st.just(dt.UTC)))
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
_META = st.dictionaries(st.text(max_size=12), _VALUES, max_size=8)


def _example() -> dict[str, Any]:
    return {"title": "Klastry na Białorusi", "date": dt.date(2024, 5, 1),
            "tags": ["gospodarka", "Grodno"],
            "image": {"src": "photo.jpg", "caption": "Hala", "credit": "Fot. A."},
            "summary": "Krótko.", "updated": dt.datetime(2024, 5, 2, 8, 30)}


def test_a_packed_meta_reads_as_its_dict() -> None:
    meta = _example()
    packed = pack(meta)
    assert isinstance(packed, PackedMeta)
    assert packed == meta and meta == packed
    assert list(packed) == list(meta) == list(packed.keys())
    assert list(packed.items()) == list(meta.items())
    assert list(packed.values()) == list(meta.values())
    assert len(packed) == 6
    assert packed["date"] == dt.date(2024, 5, 1) and type(packed["date"]) is dt.date
    assert type(packed["updated"]) is dt.datetime
    assert packed.get("slug") is None and packed.get("slug", "x") == "x"
    assert "tags" in packed and "slug" not in packed
    image = packed["image"]
    assert isinstance(image, dict) and image["caption"] == "Hala"
    assert isinstance(packed["tags"], list)
    assert packed != {**meta, "title": "Inny"}
    assert packed != pack({**meta, "title": "Inny"})
    compact = json.dumps(meta, ensure_ascii=False, separators=(",", ":"),
                         default=lambda value: value.isoformat())
    assert packed.nbytes == len(compact.encode("utf-8"))


def test_packed_metas_of_equal_dicts_in_another_order_are_equal() -> None:
    meta = _example()
    turned = dict(reversed(list(meta.items())))
    assert pack(meta) == pack(turned)
    assert list(pack(turned)) == list(turned)


def test_a_missing_key_raises_key_error() -> None:
    packed = pack({"title": "T"})
    try:
        packed["date"]
    except KeyError as exc:
        assert exc.args == ("date",)
    else:
        raise AssertionError("no KeyError")


def test_what_json_cannot_keep_stays_a_dict() -> None:
    odd: dict[Any, Any] = {"title": "T", 3: "three"}
    assert pack(odd) is odd
    nested = {"title": "T", "image": {1: "x"}}
    assert pack(nested) is nested
    nan = {"title": "T", "weight": float("nan")}
    assert pack(nan) is nan


def test_a_packed_meta_pickles_and_is_not_hashable() -> None:
    packed = pack(_example())
    assert pickle.loads(pickle.dumps(packed)) == packed
    try:
        hash(packed)
    except TypeError:
        pass
    else:
        raise AssertionError("hashable")


def test_the_front_matter_of_a_document_packs() -> None:
    doc = parse_document("---\ntitle: Dzień\ndate: 2024-03-05\ntags: [a, b]\n"
                         "image:\n  src: a.png\n  caption: Ü\n---\nTekst.\n", "pl.md")
    packed = pack(doc.meta)
    assert packed == doc.meta
    assert repr(packed) == f"PackedMeta({doc.meta!r})"


@given(_META)
def test_packed_behaves_as_the_plain_dict(meta: dict[str, Any]) -> None:
    packed = pack(meta)
    assert isinstance(packed, PackedMeta)
    assert packed == meta and meta == packed
    assert list(packed) == list(meta)
    assert len(packed) == len(meta)
    for key, value in meta.items():
        assert packed[key] == value
        assert type(packed[key]) is type(value)
        assert packed.get(key) == value
    assert packed.get("\0absent") is None
    assert pickle.loads(pickle.dumps(packed)) == meta
