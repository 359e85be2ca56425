"""Output.link: output files that are the project cache's files (processed images)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from multipub.cache.output import Output, content_hash, read_manifest


def _cached(tmp_path: Path, data: bytes = b"variant bytes") -> tuple[Path, str]:
    source = tmp_path / "cache" / "foto-100w.webp"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_bytes(data)
    return source, content_hash(data)


def _link_build(out: Path, source: Path, hash: str) -> Output:
    output = Output(out)
    output.link("assets/a/foto-100w.webp", source, "key", hash)
    output.finish()
    return output


def test_a_new_folder_gets_a_hard_link_and_its_record(tmp_path: Path) -> None:
    source, hash = _cached(tmp_path)
    output = _link_build(tmp_path / "out", source, hash)
    target = tmp_path / "out/assets/a/foto-100w.webp"
    assert target.samefile(source) and output.written == 1
    record = read_manifest(tmp_path / "out")["assets/a/foto-100w.webp"]
    assert record is not None and (record.key, record.hash) == ("key", hash)


def test_an_existing_file_is_replaced_and_the_same_file_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "assets/a").mkdir(parents=True)
    (out / "assets/a/foto-100w.webp").write_bytes(b"an older variant")
    source, hash = _cached(tmp_path)
    output = _link_build(out, source, hash)
    assert (out / "assets/a/foto-100w.webp").samefile(source) and output.written == 1
    assert sorted(p.name for p in (out / "assets/a").iterdir()) == ["foto-100w.webp"]
    again = _link_build(out, source, hash)  # the manifest says it is that file
    assert (again.written, again.unchanged) == (0, 1)
    (out / ".multipub-manifest.json").unlink()  # no record: it is that file all the same
    last = _link_build(out, source, hash)
    assert (last.written, last.unchanged) == (0, 1)
    assert sorted(p.name for p in (out / "assets/a").iterdir()) == ["foto-100w.webp"]


@pytest.mark.parametrize("fresh", [True, False])
def test_where_no_link_can_be_made_the_file_is_copied(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: bool) -> None:
    source, hash = _cached(tmp_path)
    out = tmp_path / "out"
    if not fresh:
        out.mkdir()

    def across_devices(src: object, dst: object) -> None:
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

    monkeypatch.setattr(os, "link", across_devices)
    output = _link_build(out, source, hash)
    target = out / "assets/a/foto-100w.webp"
    assert target.read_bytes() == source.read_bytes() and not target.samefile(source)
    assert output.written == 1 and sorted(p.name for p in target.parent.iterdir()) == [
        target.name]
