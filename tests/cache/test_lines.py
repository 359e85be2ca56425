"""Tests of multipub.cache.lines: the keyed-lines store the caches share."""

from __future__ import annotations

from pathlib import Path

from multipub.cache.lines import KeyedLines


def test_keyed_lines_keep_and_replace_values(tmp_path: Path) -> None:
    path = tmp_path / "cache.jsonl"
    KeyedLines(b"h 1\n").write(path, [("a", '"ą"'), ("b", "[1, 2]")])
    lines = KeyedLines.read(path, b"h 1\n")
    assert lines.value("a") == '"ą"'.encode() and lines.value("b") == b"[1, 2]"
    lines.write(path, [("b", None), ("c", "3")])  # b kept as it was, a dropped
    again = KeyedLines.read(path, b"h 1\n")
    assert sorted(again.where) == ["b", "c"] and again.value("b") == b"[1, 2]"
    assert KeyedLines.read(path, b"h 2\n").where == {}  # another format: empty
    assert KeyedLines.read(tmp_path / "missing", b"h 1\n").where == {}
    path.write_bytes(b"h 1\nno tab here\n\tno key\nok\tyes")  # damaged lines are absent
    assert KeyedLines.read(path, b"h 1\n").where.keys() == {"ok"}


def test_keyed_lines_append_a_few_new_values_and_rewrite_when_many_are_dead(
        tmp_path: Path) -> None:
    """``save`` appends new lines while the unused ones are few (a line cut short by a
    kill is no value, and the next line starts on its own); otherwise it writes the
    file again with the used values only."""
    path = tmp_path / "cache.jsonl"
    keys = [f"k{i:02d}" for i in range(20)]
    KeyedLines(b"h 1\n").write(path, [(k, f'"{k}"') for k in keys])
    before = path.read_bytes()
    lines = KeyedLines.read(path, b"h 1\n")
    lines.save(path, keys, {}, str)  # nothing new, nothing unused: untouched
    assert path.read_bytes() == before
    lines.save(path, [*keys[1:], "new"], {"new": [1, 2]}, lambda v: str(v))  # one dead of 20
    assert path.read_bytes() == before + b"new\t[1, 2]\n"  # appended
    again = KeyedLines.read(path, b"h 1\n")
    assert again.value("new") == b"[1, 2]" and again.value("k00") == b'"k00"'
    # a kill cut the last line short: the next append starts a line of its own
    path.write_bytes(path.read_bytes() + b"cut\t[1, ")
    torn = KeyedLines.read(path, b"h 1\n")
    torn.save(path, [*keys[1:], "new", "more"], {"more": "3"}, str)
    after = KeyedLines.read(path, b"h 1\n")
    assert after.value("more") == b"3" and after.value("cut") == b"[1, "
    # most values unused: written again with the used ones (in key order)
    after.save(path, ["k05", "more", "last"], {"last": "4"}, str)
    assert path.read_bytes() == b'h 1\nk05\t"k05"\nlast\t4\nmore\t3\n'
    # a new value for a key the file has: written again, never two lines for one key
    final = KeyedLines.read(path, b"h 1\n")
    final.save(path, ["k05", "more", "last"], {"k05": "5"}, str)
    assert path.read_bytes() == b"h 1\nk05\t5\nlast\t4\nmore\t3\n"


def test_values_are_read_from_the_file_not_held(tmp_path: Path) -> None:
    """A read file is indexed, not held: a value is read from the file when asked, and a
    file replaced meanwhile (a cache another build wrote) does not change what is read."""
    path = tmp_path / "cache.jsonl"
    KeyedLines(b"h 1\n").write(path, [("a", '"ą"'), ("b", "x" * 10_000)])
    lines = KeyedLines.read(path, b"h 1\n")
    assert lines.size == path.stat().st_size
    KeyedLines(b"h 1\n").write(path, [("a", '"other"')])  # replaced: the old one is read
    assert lines.value("a") == '"ą"'.encode() and lines.value("b") == b"x" * 10_000


def test_extend_appends_and_indexes_new_lines(tmp_path: Path) -> None:
    path = tmp_path / "cache.jsonl"
    lines = KeyedLines.read(path, b"h 1\n")  # no file yet: started
    assert lines.extend(path, {"a": [1], "b": "ż"}, lambda v: str(v))
    assert lines.value("a") == b"[1]" and lines.value("b") == "ż".encode()
    assert lines.extend(path, {"c": 3}, str) and lines.value("c") == b"3"
    assert not lines.extend(path, {"a": 9}, str)  # a key it has: never two lines
    assert path.read_bytes() == "h 1\na\t[1]\nb\tż\nc\t3\n".encode()
    again = KeyedLines.read(path, b"h 1\n")
    assert {k: again.value(k) for k in again.where} == {
        "a": b"[1]", "b": "ż".encode(), "c": b"3"}
    # a file another process replaced or grew is not appended to
    KeyedLines(b"h 1\n").write(path, [("z", "0")])
    assert not again.extend(path, {"d": 4}, str)
    assert path.read_bytes() == b"h 1\nz\t0\n" and again.value("a") == b"[1]"
