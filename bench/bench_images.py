"""The image pass of ``multipub build``: the cost of real photos on the bench corpus.

    python bench/bench_images.py [--articles 1000] [--jobs 2] [--repeat 3] [--width 1600]
                                 [--cold 200]

Makes two copies of the bench corpus (``generate.py``, cached in ``bench/_work/``):

- **images**: every article has a lead photo, a distinct JPEG of ``--width`` x 2/3 of
  it with EXIF (camera model, GPS position), as a reporter's phone makes them;
- **no images**: the same articles with every image (front matter and files) removed.

Both have ``[search] enabled = false``: the figures are the image pass alone.  Then,
for each copy, a build with every cache warm (the localized texts and, for the
images copy, the processed images) into an emptied output folder, ``--repeat`` times
(the median is reported), and the ratio of the two: the issue asks for at most 1.5x.
Last, the **cold image pass** alone (:meth:`multipub.site.images.ImageSet.prepare` with
an empty image cache, the first ``--cold`` images) with 1 and with ``--jobs``
processes: wall time, CPU time of all processes, and CPU / (wall x jobs), how much of
the processes it kept busy.  The warm image cache is moved aside meanwhile and put
back, so the next run need not process every image again.

Figures are for the machine it runs on; bench/README.md quotes them with the date.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import resource
import shutil
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "src"))
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402
from PIL import Image  # noqa: E402

from multipub.cache import CACHE_ROOT  # noqa: E402
from multipub.commands.build import build  # noqa: E402
from multipub.project.model import load_project  # noqa: E402
from multipub.site.images import ImageSet, image_sources  # noqa: E402

_IMAGE_BLOCK = re.compile(r"^image:\n(?:  .*\n)*", re.M)


def photo(index: int, width: int) -> bytes:
    """A distinct, smooth, photo-like JPEG with EXIF (model and GPS position)."""
    rng = random.Random(index)
    small = Image.frombytes("RGB", (24, 16), rng.randbytes(24 * 16 * 3))
    image = small.resize((width, width * 2 // 3), Image.Resampling.BICUBIC)
    exif = Image.Exif()
    exif[0x0110] = "Reporter Phone"
    exif[0x8825] = {1: "N", 2: (53.0, 54.0, float(index % 60)), 3: "E", 4: (27.0, 33.0, 0.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def corpora(work: Path, articles: int, width: int) -> tuple[Path, Path]:
    """The images and no-images copies of the corpus (made once, then reused)."""
    base = work / f"corpus-{articles}"
    if not base.is_dir():
        generate.generate(base, articles)
    with_images = work / f"images-{articles}-{width}"
    without = work / f"no-images-{articles}"
    if not without.is_dir():
        shutil.copytree(base, without, ignore=shutil.ignore_patterns(CACHE_ROOT, "site"))
        config = without / "multipub.toml"  # the image pass alone: no search index
        config.write_text(config.read_text("utf-8") + "\n[search]\nenabled = false\n", "utf-8")
        for folder in (without / "content").iterdir():
            for md in folder.glob("*.md"):
                md.write_text(_IMAGE_BLOCK.sub("", md.read_text("utf-8")), "utf-8")
            for png in folder.glob("*.png"):
                png.unlink()
    if not with_images.is_dir():
        shutil.copytree(without, with_images, ignore=shutil.ignore_patterns(CACHE_ROOT, "site"))
        for index, folder in enumerate(sorted((with_images / "content").iterdir())):
            source = folder / "pl.md"
            text = source.read_text("utf-8")
            source.write_text(text.replace("\n---\n", "\nimage:\n  src: foto.jpg\n---\n", 1),
                              "utf-8")
            (folder / "foto.jpg").write_bytes(photo(index, width))
    return with_images, without


def warm_build(root: Path, jobs: int, repeat: int) -> float:
    """Median seconds of a build into an emptied output folder, every cache warm."""
    build(load_project(root, jobs), jobs=jobs)  # warm the caches
    times = []
    for _ in range(repeat):
        shutil.rmtree(root / "site")
        start = time.perf_counter()
        build(root, jobs=jobs)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold_pass(root: Path, jobs: int, limit: int) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds of every process, images) of the image pass of the first
    *limit* images, cache cold (the warm cache is moved aside meanwhile and put back,
    so that the next run need not process every image again)."""
    cache = root / CACHE_ROOT / "images"
    aside = cache.with_name("images.warm")
    if cache.is_dir() and not aside.exists():
        cache.rename(aside)
    shutil.rmtree(cache, ignore_errors=True)
    try:
        return _cold_pass(root, jobs, limit)
    finally:
        if aside.is_dir():
            shutil.rmtree(cache, ignore_errors=True)
            aside.rename(cache)


def _cold_pass(root: Path, jobs: int, limit: int) -> tuple[float, float, int, int]:
    project = load_project(root)
    sources = image_sources(project)[:limit]
    before = [resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                  resource.RUSAGE_CHILDREN)]
    start = time.perf_counter()
    images = ImageSet(root, project.config.site.image_widths)
    images.prepare(sources, jobs)
    wall = time.perf_counter() - start
    after = [resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                 resource.RUSAGE_CHILDREN)]
    cpu = sum(a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime
              for a, b in zip(after, before, strict=True))
    return wall, cpu, images.processed, len(images.workers)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--cold", type=int, default=200,
                        help="images of the cold pass (it takes about a second of CPU each)")
    parser.add_argument("--work", type=Path, default=BENCH / "_work")
    args = parser.parse_args(argv)
    with_images, without = corpora(args.work, args.articles, args.width)
    plain = warm_build(without, args.jobs, args.repeat)
    pictures = warm_build(with_images, args.jobs, args.repeat)
    print(f"build, caches warm, {args.articles} articles, --jobs {args.jobs}: "
          f"no images {plain:.2f} s, one {args.width} px photo per article {pictures:.2f} s "
          f"({pictures / plain:.2f}x)")
    for jobs in sorted({1, args.jobs}):
        wall, cpu, count, workers = cold_pass(with_images, jobs, args.cold)
        print(f"cold image pass, --jobs {jobs}: {count} images by {workers} process(es) in "
              f"{wall:.1f} s wall, {cpu:.1f} s CPU, {cpu / wall / jobs:.0%} of {jobs} busy "
              f"(load average {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
