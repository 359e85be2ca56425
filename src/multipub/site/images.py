"""Images done with Pillow: responsive variants, WebP beside the original format, no
metadata.

Every JPEG, PNG and WebP file of an article folder is published as:

- ``assets/<id>/<stem>-<w>w.<ext>`` and ``assets/<id>/<stem>-<w>w.webp``: a variant
  for each width of ``[images] widths`` narrower than the image, and one at the
  image's own width (or the largest configured one) -- never upscaled;
- ``assets/<id>/<name>``: the widest variant in the original format keeps the file's
  name (a link to the file still works; no full-size original is published).

Every file has the EXIF orientation applied and no metadata at all (EXIF with its GPS
position, XMP, ICC profile, comments).

:func:`process_image` makes them from the file's bytes (a pure function: same bytes,
same widths, same Pillow -> same output).  :class:`ImageSet` processes each image
content once: the results live in the project cache (``images/<key>/``, keyed by
the hash of the bytes, the widths and the code), are made by ``jobs`` processes
when many are missing, and a warm build only looks their records up.  A file Pillow
cannot read, or one larger than :data:`MAX_PIXELS` (a decompression bomb), is a
:class:`~multipub.errors.ContentError` at the article line that names it.

May import the shared modules and :mod:`multipub.cache`.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cache import cache_path
from ..cache.inputs import Inputs, digest, file_hash
from ..errors import ContentError
from ..fsio import fork_context, write_atomic
from ..project.model import Article, Project

__all__ = ["IMAGE_SUFFIXES", "MAX_PIXELS", "ImageProblem", "ImageSet", "Picture", "Source",
           "Variant", "image_sources", "is_image", "process_image", "widths_for"]

IMAGE_SUFFIXES = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
"""File suffixes processed, with Pillow's format name; other files are copied as they are."""
MAX_PIXELS = 40_000_000
"""Largest image processed, in pixels (a 40-megapixel photo); larger is refused."""
_VERSION = "2"
"""Changed when the output of :func:`process_image` changes."""
_MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
_EXT = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


class ImageProblem(ValueError):
    """An image that cannot be published (unreadable, too large); the message says why."""


@dataclass(frozen=True)
class Variant:
    """One file of a processed image."""

    name: str
    """File name beside the original: ``<stem>-<width>w.<ext>``."""
    width: int
    height: int
    mime: str


@dataclass(frozen=True)
class Picture:
    """A processed image as pages reference it."""

    path: str
    """Site path of the image's file: ``assets/<id>/<name>`` (its widest variant)."""
    width: int
    height: int
    variants: tuple[Variant, ...]
    """In the original format, narrowest first."""
    webp: tuple[Variant, ...]
    """WebP variants, narrowest first (empty when the original is WebP)."""

    @property
    def folder(self) -> str:
        """The site folder of the image's files (``assets/<id>/``)."""
        return self.path.rsplit("/", 1)[0] + "/"

    @property
    def largest(self) -> Variant:
        """The widest variant in the original format (the ``src`` of an ``<img>``)."""
        return self.variants[-1]


def _load(data: bytes) -> Any:
    from PIL import Image, ImageOps, UnidentifiedImageError

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            opened = Image.open(io.BytesIO(data))
            if opened.width * opened.height > MAX_PIXELS:
                raise ImageProblem(f"the image is {opened.width}×{opened.height} pixels, more "
                                   f"than the {MAX_PIXELS:,} multipub processes "
                                   "(a decompression bomb?); make it smaller")
            opened.load()
            image = ImageOps.exif_transpose(opened)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise ImageProblem(f"the image is too large to process: {exc}") from None
        except UnidentifiedImageError:
            raise ImageProblem("Pillow cannot read this file as an image") from None
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise ImageProblem(f"the image cannot be read: {exc}") from None
    return image


def _encode(image: Any, form: str) -> bytes:
    mode = image.mode
    if form == "JPEG":
        image = image.convert("RGB") if mode not in ("RGB", "L") else image
    elif form == "WEBP":
        alpha = mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        image = image.convert("RGBA" if alpha else "RGB") if mode not in ("RGB", "RGBA") else image
    image.info = {}  # no EXIF, XMP, ICC profile, comment, DPI: nothing but the pixels
    out = io.BytesIO()
    if form == "JPEG":
        image.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    elif form == "WEBP":
        image.save(out, "WEBP", quality=80, method=4)
    else:
        image.save(out, "PNG", optimize=False)
    return out.getvalue()


def widths_for(width: int, widths: Sequence[int]) -> list[int]:
    """The variant widths of an image *width* pixels wide: the configured ones narrower
    than it, and its own (or the largest configured, if narrower).

    >>> widths_for(1200, [480, 960, 1600]), widths_for(320, [480, 960])
    ([480, 960, 1200], [320])
    """
    top = min(width, max(widths))
    return sorted({w for w in widths if w < top} | {top})


def process_image(data: bytes, name: str, widths: Sequence[int]
                  ) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The processed files of the image *data* (file *name*) and their description.

    Returns ``(info, files)``: *info* is JSON-able (size and variants), *files* maps
    each output file name (the variants', the widest in the original format named
    *name*) to its bytes.  Raises
    :class:`ImageProblem` for a file that cannot be published.
    """
    from PIL import Image

    stem, _, suffix = name.rpartition(".")
    form = IMAGE_SUFFIXES[f".{suffix.lower()}"]
    image = _load(data)
    if image.mode == "P" or image.mode == "1":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGB")
    files: dict[str, bytes] = {}
    info: dict[str, Any] = {"width": image.width, "height": image.height, "variants": [],
                            "webp": []}
    sizes = widths_for(image.width, widths)
    for width in sizes:
        height = max(1, round(image.height * width / image.width))
        scaled = image if width == image.width else image.resize(
            (width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        forms = [form] if form == "WEBP" else [form, "WEBP"]
        for each in forms:
            # the widest variant in the original format keeps the file's own name
            file = name if each == form and width == sizes[-1] else f"{stem}-{width}w.{_EXT[each]}"
            files[file] = _encode(scaled, each)
            info["variants" if each == form else "webp"].append(
                [file, width, height, _MIME[each]])
    return info, files


def _picture(path: str, info: Mapping[str, Any]) -> Picture:
    return Picture(path, info["width"], info["height"],
                   tuple(Variant(*v) for v in info["variants"]),
                   tuple(Variant(*v) for v in info["webp"]))


@dataclass(frozen=True)
class Source:
    """An image file of an article and where an error about it is reported."""

    path: str
    """Site path: ``assets/<id>/<name>``."""
    file: Path
    shown: str
    """The article file (or the image itself) an error names."""
    line: int | None
    content: bytes | None = None
    """The hash of the file's bytes when the caller knows it (else it is read)."""


def _work(task: tuple[str, str, tuple[int, ...], str]
          ) -> tuple[dict[str, Any] | None, str, int]:
    """In a worker: process one image into its cache folder; ``(info, "", pid)`` or
    ``(None, why, pid)``."""
    info, why = _process(task)
    return info, why, os.getpid()


def _process(task: tuple[str, str, tuple[int, ...], str]) -> tuple[dict[str, Any] | None, str]:
    file, name, widths, folder = task
    try:
        data = Path(file).read_bytes()
    except OSError as exc:
        return None, f"the image cannot be read: {exc.strerror or exc}"
    try:
        info, files = process_image(data, name, widths)
    except ImageProblem as exc:
        return None, str(exc)
    except Exception as exc:  # any other failure of a decoder is still this file's problem
        return None, f"the image cannot be processed: {type(exc).__name__}: {exc}"
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    for each, payload in files.items():
        write_atomic(target / each, payload, durable=False)
    info["files"] = {each: _file_record(target / each, payload) for each, payload in files.items()}
    write_atomic(target / "info.json", json.dumps(info, sort_keys=True).encode(), durable=False)
    return info, ""


def _file_record(path: Path, data: bytes) -> list[Any]:
    """``[content hash, size, mtime_ns]`` of the cached file *path* holding *data*."""
    st = path.stat()
    return [file_hash(data).hex(), st.st_size, st.st_mtime_ns]


def _checked_files(folder: Path, names: Sequence[str], info: dict[str, Any]
                   ) -> dict[str, list[Any]] | None:
    """The records of the cached files *names* (see :func:`_file_record`) if each file is
    still the one recorded (``None``: one is missing or was changed).

    The output folder holds hard links to these files (:meth:`ImageSet.outputs`): a file
    edited there in place changes here too, its time with it, and is made again.  A
    cache of an earlier multipub has no records: they are made from the files once.
    """
    files = info.get("files")
    if not isinstance(files, dict) or set(files) != set(names) or not all(
            isinstance(r, list) and len(r) == 3 for r in files.values()):
        try:
            files = {n: _file_record(folder / n, (folder / n).read_bytes()) for n in names}
        except OSError:
            return None
        info["files"] = files
        with contextlib.suppress(OSError):
            write_atomic(folder / "info.json", json.dumps(info, sort_keys=True).encode(),
                         durable=False)
        return files
    for n in names:
        try:
            st = os.stat(folder / n)
        except OSError:
            return None
        if [st.st_size, st.st_mtime_ns] != files[n][1:]:
            return None
    return files


class ImageSet:
    """The processed images of a build, each image content processed once (cached)."""

    def __init__(self, root: Path, widths: Sequence[int], code: str = "") -> None:
        self.root = root
        self.widths = tuple(widths)
        self.code = code
        self.pictures: dict[str, Picture] = {}
        """Site path of each image -> its :class:`Picture`."""
        self._keys: dict[str, str] = {}
        self._hashes: dict[str, dict[str, str]] = {}
        """Site path of each image -> the content hash of each of its cached files."""
        self.processed = 0
        """Images processed by this build (the others came from the cache)."""
        self.workers: set[int] = set()
        """The processes that processed them (``jobs`` of them when there are enough)."""

    def _key(self, source: Source) -> str:
        content = source.content or file_hash(source.file.read_bytes())
        from PIL import __version__ as pillow

        name = source.path.rsplit("/", 1)[1]  # the files are named after it
        return digest("image", _VERSION, pillow, repr(self.widths), name, content)

    def _folder(self, key: str) -> Path:
        return cache_path(self.root, f"images/{key[:2]}/{key}")

    def _cached(self, key: str, name: str) -> dict[str, Any] | None:
        folder = self._folder(key)
        try:
            info: dict[str, Any] = json.loads((folder / "info.json").read_bytes())
        except (OSError, ValueError):
            return None
        names = list(dict.fromkeys(
            [name, *(v[0] for v in (*info.get("variants", ()), *info.get("webp", ())))]))
        files = _checked_files(folder, names, info)
        if files is None:
            return None
        info["files"] = files
        return info

    def prepare(self, sources: Sequence[Source], jobs: int = 1) -> None:
        """Process every image of *sources* not in the cache (by *jobs* processes)."""
        todo: list[tuple[Source, str]] = []
        for source in sources:
            try:
                key = self._key(source)
            except OSError as exc:
                raise ContentError(f"{source.file.name}: the image cannot be read: "
                                   f"{exc.strerror or exc}", path=source.shown,
                                   line=source.line) from None
            self._keys[source.path] = key
            info = self._cached(key, source.path.rsplit("/", 1)[1])
            if info is None:
                todo.append((source, key))
            else:
                self._add(source.path, info)
        tasks = [(str(s.file), s.path.rsplit("/", 1)[1], self.widths, str(self._folder(k)))
                 for s, k in todo]
        results = self._run(tasks, jobs)
        problems = []
        for (source, _), (info, why, pid) in zip(todo, results, strict=True):
            self.workers.add(pid)
            if info is None:
                problems.append((source, why))
            else:
                self._add(source.path, info)
        self.processed = len(todo) - len(problems)
        if problems:
            source, why = min(problems, key=lambda p: (p[0].shown, p[0].line or 0))
            raise ContentError(f"{source.file.name}: {why}", path=source.shown, line=source.line)

    def _add(self, path: str, info: Mapping[str, Any]) -> None:
        self.pictures[path] = _picture(path, info)
        self._hashes[path] = {name: record[0] for name, record in info["files"].items()}

    @staticmethod
    def _run(tasks: list[tuple[str, str, tuple[int, ...], str]], jobs: int
             ) -> list[tuple[dict[str, Any] | None, str, int]]:
        context = fork_context()
        if jobs < 2 or len(tasks) < 2 or context is None:
            return [_work(task) for task in tasks]
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            return list(pool.map(_work, tasks, chunksize=1))  # (an image: ~0.4 s of CPU)

    def outputs(self) -> Iterator[tuple[str, str, Path, str]]:
        """Every file of the processed images: (site path, dependency key, cached file,
        content hash of its bytes).  The build makes each output file a hard link to the
        cached one (:meth:`~multipub.cache.output.Output.link`): no byte is read or
        written for a variant the cache holds."""
        for path, picture in sorted(self.pictures.items()):
            key = self._keys[path]
            folder = self._folder(key)
            hashes = self._hashes[path]
            names = [*(v.name for v in picture.variants), *(v.name for v in picture.webp)]
            for name in names:
                yield picture.folder + name, digest(self.code, key, name), folder / name, hashes[
                    name]

    def digest_of(self, paths: Sequence[str]) -> str:
        """A hash of the pictures at the site *paths* (what a page shows of them)."""
        return digest(*(repr(self.pictures.get(p)) for p in paths))


def is_image(name: str) -> bool:
    """Whether the file *name* is processed as an image (by its suffix).

    >>> is_image("a.JPG"), is_image("b.gif")
    (True, False)
    """
    return os.path.splitext(name)[1].lower() in IMAGE_SUFFIXES


def image_sources(project: Project, inputs: Inputs | None = None) -> list[Source]:
    """Every image file of every article, with the place an error about it names: the
    ``image.src`` line of the source, else the first line of the source (or of a
    translation) that refers to the file, else the file itself."""
    found = []
    for article in sorted(project.articles, key=lambda a: a.id):
        for file in article.assets:
            if not is_image(file.name):
                continue
            shown, line = _where(article, file.name)
            if shown is None:
                shown = project.shown(file)
            known = inputs.file_digest(project.root, file) if inputs is not None else None
            found.append(Source(f"assets/{article.id}/{file.name}", file, shown, line, known))
    return found


def _where(article: Article, name: str) -> tuple[str | None, int | None]:
    source = article.source
    image = source.meta.get("image")
    if isinstance(image, dict) and image.get("src") == name:
        return source.shown, source.doc.lines.get(("image", "src"))
    for version in (source, *(article.handwritten[c] for c in sorted(article.handwritten))):
        text = version.text
        for mark in (f"]({name}", f"](./{name}", f"]: {name}"):
            at = text.find(mark)
            if at >= 0:
                return version.shown, text.count("\n", 0, at) + 1
    return None, None
