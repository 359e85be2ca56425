"""Images with Pillow: variants, WebP, orientation, metadata stripped, cache, errors."""

from __future__ import annotations

import io
import json
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import ExifTags, Image

from multipub.commands.build import build
from multipub.errors import ContentError
from multipub.project.model import load_project
from multipub.site.images import ImageSet, Source, image_sources, process_image, widths_for

from ..conftest import png, snapshot, write

GPS = ExifTags.IFD.GPSInfo


def photo(width: int = 2000, height: int = 1000, *, orientation: int | None = None,
          gps: bool = True) -> bytes:
    """A JPEG such as a reporter's phone makes: EXIF with a GPS position (Minsk) and a
    camera model, an orientation tag, an ICC profile and a comment."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, width // 2, height // 4))  # a mark at the top left
    exif = Image.Exif()
    exif[ExifTags.Base.Model] = "Reporter Phone"
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    if gps:
        exif[GPS] = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (53.0, 54.0, 0.0),
                     ExifTags.GPS.GPSLongitudeRef: "E",
                     ExifTags.GPS.GPSLongitude: (27.0, 33.0, 0.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, icc_profile=b"\0" * 128, comment=b"Minsk, 53.9N 27.56E")
    return out.getvalue()


def test_a_jpeg_with_gps_exif_comes_out_without_any_metadata() -> None:
    data = photo()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS)  # the input has a position
    info, files = process_image(data, "foto.jpg", [480, 960, 1600])
    assert sorted(files) == ["foto-1600w.webp", "foto-480w.jpg", "foto-480w.webp",
                             "foto-960w.jpg", "foto-960w.webp", "foto.jpg"]
    for name, payload in files.items():
        out = Image.open(io.BytesIO(payload))
        assert not out.getexif(), name
        assert not {"exif", "icc_profile", "xmp", "comment"} & set(out.info), (name, out.info)
        assert b"Exif" not in payload[:4096] and b"Reporter Phone" not in payload
        assert b"Minsk" not in payload
    assert info["width"] == 2000 and info["height"] == 1000
    assert info["variants"] == [["foto-480w.jpg", 480, 240, "image/jpeg"],
                                ["foto-960w.jpg", 960, 480, "image/jpeg"],
                                ["foto.jpg", 1600, 800, "image/jpeg"]]  # not the full 2000
    assert [v[3] for v in info["webp"]] == ["image/webp"] * 3


def test_orientation_is_applied() -> None:
    # orientation 6: the camera was turned; the picture must be shown rotated 90° clockwise
    info, files = process_image(photo(400, 200, orientation=6, gps=False), "a.jpg", [100, 200])
    assert (info["width"], info["height"]) == (200, 400)
    out = Image.open(io.BytesIO(files["a.jpg"])).convert("RGB")
    assert out.size == (200, 400)
    blue, red = out.getpixel((190, 40)), out.getpixel((10, 390))
    assert blue[2] > 150 > blue[0] and red[0] > 150 > red[2]  # the top-left mark is top right


def test_never_upscaled_and_png_keeps_its_format() -> None:
    info, files = process_image(png(320, 200), "mapa.png", [480, 960])
    assert sorted(files) == ["mapa-320w.webp", "mapa.png"]
    assert info["variants"] == [["mapa.png", 320, 200, "image/png"]]


@given(width=st.integers(1, 5000), widths=st.lists(st.integers(16, 3000), min_size=1,
                                                      max_size=5))
def test_variant_widths(width: int, widths: list[int]) -> None:
    found = widths_for(width, widths)
    assert found == sorted(set(found)) and max(found) <= width
    assert max(found) == min(width, max(widths))
    assert set(found) - {min(width, max(widths))} <= set(widths)


def bomb() -> bytes:
    """A PNG that says it is 30000 x 30000 pixels (900 megapixels) in a few bytes."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 30000, 30000, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))


ARTICLE = """---
title: Zdjęcie
date: 2024-03-05
image:
  src: foto.jpg
  caption: Podpis
---

Tekst.

![Mapa](mapa.png)
"""


def project(root: Path, foto: bytes, mapa: bytes) -> Path:
    write(root / "multipub.toml", 'source_language = "pl"\nlanguages = ["ru"]\n'
          "[images]\nwidths = [100, 200]\n")
    write(root / "content/art/pl.md", ARTICLE)
    (root / "content/art/foto.jpg").write_bytes(foto)
    (root / "content/art/mapa.png").write_bytes(mapa)
    return root


@pytest.mark.parametrize(("foto", "mapa", "where", "why"), [
    (b"not a picture", png(), "content/art/pl.md:5: foto.jpg: ",
     "Pillow cannot read this file as an image"),
    (photo(300, 150), bomb(), "content/art/pl.md:11: mapa.png: ", "decompression bomb"),
    (photo(300, 150), png()[:60], "content/art/pl.md:11: mapa.png: ", "cannot be read"),
])
def test_a_bad_image_is_an_error_at_its_article_line(tmp_path: Path, foto: bytes, mapa: bytes,
                                                     where: str, why: str) -> None:
    root = project(tmp_path / "p", foto, mapa)
    before = snapshot(root)
    with pytest.raises(ContentError) as caught:
        build(load_project(root))
    assert str(caught.value).startswith(where) and why in str(caught.value)
    assert snapshot(root) == before


def test_each_image_content_is_processed_once(tmp_path: Path) -> None:
    root = project(tmp_path / "p", photo(300, 150), png(250, 100))
    first = ImageSet(root, [100, 200])
    first.prepare(image_sources(load_project(root)), jobs=2)  # two workers, one image each
    assert first.processed == 2 and len(first.workers) == 2
    again = ImageSet(root, [100, 200])
    again.prepare(image_sources(load_project(root)))
    assert again.processed == 0 and again.pictures == first.pictures
    # other widths: processed again
    other = ImageSet(root, [100, 150])
    other.prepare([Source("assets/art/mapa.png", root / "content/art/mapa.png", "x", None)])
    assert other.processed == 1
    assert [v.width for v in other.pictures["assets/art/mapa.png"].variants] == [100, 150]


def test_build_publishes_variants_without_metadata_and_never_the_original(
        tmp_path: Path) -> None:
    root = project(tmp_path / "p", photo(300, 150), png(250, 100))
    build(load_project(root), jobs=2)
    site = root / "site"
    names = sorted(p.name for p in (site / "assets/art").iterdir())
    assert names == ["foto-100w.jpg", "foto-100w.webp", "foto-200w.webp", "foto.jpg",
                     "mapa-100w.png", "mapa-100w.webp", "mapa-200w.webp", "mapa.png"]
    assert (site / "assets/art/foto.jpg").read_bytes() != (root / "content/art/foto.jpg"
                                                          ).read_bytes()
    for path in (site / "assets/art").iterdir():
        assert b"Reporter Phone" not in path.read_bytes()
        assert not Image.open(path).getexif()
    html = (site / "pl/zdjecie/index.html").read_text("utf-8")
    assert 'srcset="../../assets/art/foto-100w.webp 100w, ../../assets/art/foto-200w.webp 200w"' \
        in html
    assert 'width="200" height="100" alt="Podpis">' in html  # the lead photo: not lazy
    assert ('srcset="../../assets/art/mapa-100w.png 100w, ../../assets/art/mapa.png 200w"'
            in html)
    assert 'height="80" alt="Mapa" loading="lazy" decoding="async">' in html


def _cached_files(root: Path) -> dict[str, Path]:
    """The cached files of the processed images, by name."""
    return {p.name: p for p in (root / ".multipub-cache/images").rglob("*")
            if p.is_file() and p.name != "info.json"}


def test_the_output_variants_are_hard_links_to_the_cached_files(tmp_path: Path) -> None:
    root = project(tmp_path / "p", photo(300, 150), png(250, 100))
    build(load_project(root))
    cached = _cached_files(root)
    site = root / "site/assets/art"
    assert sorted(p.name for p in site.iterdir()) == sorted(cached)
    for path in site.iterdir():
        assert path.samefile(cached[path.name])
    # into an emptied folder: the same links, the same site as the first build
    first = snapshot(root / "site")
    shutil.rmtree(root / "site")
    report = build(load_project(root))
    assert snapshot(root / "site") == first and report.written == len(first) - 1
    assert all(p.samefile(cached[p.name]) for p in site.iterdir())


def test_a_variant_edited_in_place_in_the_output_is_made_again(tmp_path: Path) -> None:
    root = project(tmp_path / "p", photo(300, 150), png(250, 100))
    build(load_project(root))
    clean = snapshot(root / "site")
    with open(root / "site/assets/art/foto-100w.webp", "r+b") as fh:  # (as an editor may)
        fh.write(b"RIFX")
    report = build(load_project(root))
    assert snapshot(root / "site") == clean and report.written == 1
    again = ImageSet(root, [100, 200])
    again.prepare(image_sources(load_project(root)))
    assert again.processed == 0  # the cache holds the right file again


def test_a_cache_without_file_records_gets_them_once(tmp_path: Path) -> None:
    root = project(tmp_path / "p", photo(300, 150), png(250, 100))
    first = ImageSet(root, [100, 200])
    first.prepare(image_sources(load_project(root)))
    infos = list((root / ".multipub-cache/images").rglob("info.json"))
    for info in infos:  # as an earlier multipub wrote them
        data = json.loads(info.read_bytes())
        del data["files"]
        info.write_text(json.dumps(data), "utf-8")
    again = ImageSet(root, [100, 200])
    again.prepare(image_sources(load_project(root)))
    assert again.processed == 0 and again.pictures == first.pictures
    assert list(again.outputs()) == list(first.outputs())
    assert all("files" in json.loads(info.read_bytes()) for info in infos)
