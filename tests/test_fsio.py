"""Atomic writes, careful reads, paths kept inside."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from multipub.errors import ContentError, LockedError, PathError
from multipub.fsio import (
    SafeFolder,
    StagedFiles,
    decode_utf8,
    project_lock,
    safe_join,
    write_atomic,
    write_many,
)


def test_write_atomic_skips_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.po"
    assert write_atomic(target, b"one") is True
    before = target.stat().st_mtime_ns
    os.utime(target, ns=(before - 10_000_000, before - 10_000_000))
    assert write_atomic(target, b"one") is False
    assert target.stat().st_mtime_ns == before - 10_000_000
    assert write_atomic(target, b"two") is True
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["b.po"]  # no temporary left


def test_write_atomic_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "x"
    target.write_bytes(b"a")
    target.chmod(0o600)
    write_atomic(target, b"b")
    assert target.stat().st_mode & 0o777 == 0o600


def test_decode_utf8_names_line_and_byte() -> None:
    with pytest.raises(ContentError) as info:
        decode_utf8("a\nb\nzaż".encode() + b"\xf3\n", "content/x/pl.md")
    assert str(info.value) == (
        "content/x/pl.md:3: the file is not UTF-8 (byte 0xf3 at column 5); save it as UTF-8"
    )
    assert decode_utf8(b"\xef\xbb\xbfok", "x") == "ok"


def test_safe_join(tmp_path: Path) -> None:
    assert safe_join(tmp_path, "a", "b") == tmp_path / "a" / "b"
    for bad in ("../x", "/etc/passwd", "a/../../x"):
        with pytest.raises(PathError):
            safe_join(tmp_path, bad)
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (tmp_path / "link").symlink_to(outside)
    with pytest.raises(PathError, match="link that points outside"):
        safe_join(tmp_path, "link")


def test_safe_folder_checks_every_folder_once(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "site"
    (root / "ru" / "a").mkdir(parents=True)
    (root / "ru" / "inner").symlink_to(root / "ru" / "a")  # a link that stays inside: fine
    (root / "ru" / "away").symlink_to(outside)
    (root / "ru" / "file.html").symlink_to(outside / "f.html")  # dangling, points outside
    folder = SafeFolder(root)
    assert folder.join("ru", "a", "index.html") == root / "ru" / "a" / "index.html"
    assert folder.join("ru/new/deeper/x.html") == root / "ru" / "new" / "deeper" / "x.html"
    assert folder.join("ru", "inner", "index.html") == root / "ru" / "inner" / "index.html"
    for bad in (("ru", "away", "index.html"), ("ru", "away"), ("ru", "file.html")):
        with pytest.raises(PathError, match="link that points outside"):
            folder.join(*bad)
    with pytest.raises(PathError, match="would leave"):
        folder.join("ru", "..", "..", "outside", "x")
    for _ in range(3):  # remembered answers stay the same
        assert folder.join("ru", "a", "b.html") == root / "ru" / "a" / "b.html"
        with pytest.raises(PathError):
            folder.join("ru", "away", "b.html")


def test_project_lock_serializes(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys, time; from pathlib import Path; from multipub.fsio import project_lock\n"
        "with project_lock(Path(sys.argv[1])):\n"
        "    print('locked', flush=True); time.sleep(3)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == b"locked"
    try:
        with pytest.raises(LockedError, match="another multipub command"), project_lock(
            tmp_path, wait=0.2
        ):
            pass
    finally:
        proc.wait()
    with project_lock(tmp_path, wait=0.2):
        pass


def test_atomic_file_replaces_only_on_success(tmp_path: Path) -> None:
    from multipub.fsio import atomic_file

    path = tmp_path / "deep" / "cache.jsonl"
    with atomic_file(path, durable=False) as fh:
        fh.write(b"one\n")
        fh.write(b"two\n")
    assert path.read_bytes() == b"one\ntwo\n"
    with pytest.raises(RuntimeError), atomic_file(path) as fh:
        fh.write(b"half")
        raise RuntimeError("stopped midway")
    assert path.read_bytes() == b"one\ntwo\n"
    assert [p.name for p in path.parent.iterdir()] == ["cache.jsonl"]  # no temporary file left
    with pytest.raises(PathError, match="is a folder, expected a file"), \
            atomic_file(path.parent):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep"]


def test_staged_files_change_nothing_until_committed(tmp_path: Path) -> None:
    old = tmp_path / "a.po"
    old.write_bytes(b"old\n")
    new = tmp_path / "sub" / "b.po"
    with StagedFiles() as staged:
        staged.add(old, b"new a\n")
        staged.add(new, b"new b\n")
        assert len(staged) == 2
        assert old.read_bytes() == b"old\n" and not new.exists()
        with pytest.raises(PathError, match="is a folder"):
            staged.add(tmp_path / "sub", b"x")
    # left without commit: the temporary files are gone, the targets as they were
    assert old.read_bytes() == b"old\n" and not new.exists()
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.po", "sub"]
    with StagedFiles() as staged:
        staged.add(old, b"new a\n")
        staged.add(new, b"new b\n")
        staged.commit(durable=False)
        assert len(staged) == 0
    assert old.read_bytes() == b"new a\n" and new.read_bytes() == b"new b\n"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.po", "b.po", "sub"]


def test_write_many_keeps_the_mode_of_what_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "m.po"
    target.write_bytes(b"x")
    target.chmod(0o640)
    write_many({target: b"y", tmp_path / "n.po": b"z"}, durable=False)
    assert target.read_bytes() == b"y" and (tmp_path / "n.po").read_bytes() == b"z"
    assert target.stat().st_mode & 0o777 == 0o640
