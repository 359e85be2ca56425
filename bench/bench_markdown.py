"""Benchmark: multipub's Markdown renderer against stock Python-Markdown.

Renders the article bodies of the bench corpus (every version a generated
project publishes, as ``floor.py prepare`` exports them) in one process,
interleaved (each batch of ten documents is rendered by every variant in
turn, in a rotated order), and prints per variant the median over the
repeats of the CPU time of one pass over the corpus, and its ratio to stock
Python-Markdown::

    python bench/bench_markdown.py [--articles 300] [--repeat 7] [--before REV]

Variants (every one renders Markdown only: ``trusted_html=True``, no nh3):

- ``stock``: :class:`markdown.Markdown` with the extensions multipub loads
  (tables, footnotes, attr_list, fenced_code, sane_lists, toc with
  multipub's slugs, and multipub's asset-link tree processor);
- ``multipub``: :class:`multipub.site.markdown.MarkdownRenderer` as it is,
  ``multipub: -name`` the same with the fast path *name* of
  :mod:`multipub.site.markdown_fast` switched off (``inline``, ``skip``,
  ``blocks``), ``multipub, no fast path`` with all of them off (the
  fallback, what a Python-Markdown with other internals gets);
- with ``--before REV``: the renderer of ``src/multipub/site/render.py`` at
  the git revision *REV* (the module that had every override of
  Python-Markdown's internals), with all of its overrides and with each of
  them switched off in turn (``-name``).

Every variant's output is checked against stock before timing (a variant
that differs is reported and not timed).  Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
EXTENSIONS = ["tables", "footnotes", "attr_list", "fenced_code", "sane_lists"]

Render = Callable[[str], str]
Factory = Callable[[str], Render]
"""A variant: language code -> a function rendering one document."""


def corpus(articles: int, seed: int, work: Path) -> dict[str, list[str]]:
    """The published Markdown bodies of a generated project, per language."""
    sys.path.insert(0, str(BENCH))
    import floor
    from generate import generate

    project, plain = work / "project", work / "plain"
    generate(project, articles, seed)
    floor.prepare(project, plain)
    docs: dict[str, list[str]] = {}
    for path in sorted(plain.glob("*/*.md")):
        docs.setdefault(path.parent.name, []).append(path.read_text("utf-8"))
    return docs


def stock(language: str) -> Render:
    import markdown
    from markdown.extensions.toc import TocExtension

    from multipub.content.slug import slugify
    from multipub.site.markdown import _AssetExtension

    md = markdown.Markdown(extensions=[
        *EXTENSIONS,
        TocExtension(slugify=lambda value, sep: slugify(value, language) or "section",
                     toc_depth="2-6", marker=""),
        _AssetExtension()], output_format="html")

    def render(text: str) -> str:
        md.reset()
        return md.convert(text)

    return render


CURRENT_PATHS = ("inline", "skip", "blocks")
"""The fast paths of :func:`multipub.site.markdown_fast.install`, by its flags."""


def current(off: tuple[str, ...] = ()) -> Factory:
    """Today's renderer, with the fast paths *off* switched off."""

    def factory(language: str) -> Render:
        from multipub.site import markdown_fast
        from multipub.site.markdown import MarkdownRenderer

        stock_install = markdown_fast.install

        def install(md: Any) -> markdown_fast.FastPaths:
            return stock_install(md, **dict.fromkeys(off, False))

        with _patched(markdown_fast, install=install):
            return MarkdownRenderer(language, trusted_html=True).render

    return factory


@contextlib.contextmanager
def _patched(target: Any, **values: Any) -> Iterator[None]:
    saved = {name: getattr(target, name) for name in values}
    for name, value in values.items():
        setattr(target, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(target, name, value)


def load_before(rev: str) -> ModuleType:
    """``site/render.py`` at *rev*, loaded as a module of today's :mod:`multipub.site`."""
    source = subprocess.run(["git", "show", f"{rev}:src/multipub/site/render.py"], cwd=ROOT,
                            check=True, capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp()) / "render_before.py"
    path.write_text(source, "utf-8")
    import multipub.site

    spec = importlib.util.spec_from_file_location("multipub.site._render_before", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    module.__package__ = multipub.site.__name__
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def before(module: ModuleType, off: str | None) -> Factory:
    """The renderer of *module* with the override *off* switched off (None: all on)."""
    from markdown.extensions.toc import TocTreeprocessor

    class _NotStock:
        pass

    switches: dict[str, tuple[Any, dict[str, Any]]] = {
        "quick_inline": (module, {"_QUICK_INLINE": False}),
        "heading_ids": (module._HeadingIdExtension, {"TreeProcessorClass": TocTreeprocessor}),
        "only_with": (module, {"_SKIPPABLE": {}}),
        "normalize_whitespace": (module, {"NormalizeWhitespace": _NotStock}),
        "guard_blocks": (module, {"_guard_blocks": lambda parser: None}),
        "memo_block_level": (module, {"_memo_block_level": lambda stock: stock}),
    }

    def factory(language: str) -> Render:
        if off is None:
            return module.MarkdownRenderer(language, trusted_html=True).render  # type: ignore[no-any-return]
        target, values = switches[off]
        with _patched(target, **values):
            return module.MarkdownRenderer(language, trusted_html=True).render  # type: ignore[no-any-return]

    return factory


BEFORE_OVERRIDES = ("quick_inline", "heading_ids", "only_with", "normalize_whitespace",
                    "guard_blocks", "memo_block_level")


def time_repeat(built: dict[str, dict[str, Render]], docs: dict[str, list[str]],
                batch: int, turn: int) -> dict[str, float]:
    """One repeat: every variant renders every document once; CPU seconds per variant.

    The corpus goes in batches of *batch* documents, and every variant renders
    each batch before the next one (in an order rotated by batch and *turn*), so
    a slow phase of a shared machine falls on every variant alike.
    """
    names = list(built)
    spent = dict.fromkeys(names, 0.0)
    clock = time.process_time
    pieces = [(lang, texts[i:i + batch]) for lang, texts in docs.items()
              for i in range(0, len(texts), batch)]
    for k, (lang, texts) in enumerate(pieces):
        shift = (k + turn) % len(names)
        for name in names[shift:] + names[:shift]:
            render = built[name][lang]
            start = clock()
            for text in texts:
                render(text)
            spent[name] += clock() - start
    return spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--batch", type=int, default=10,
                        help="documents rendered by one variant before the next one's turn")
    parser.add_argument("--before", metavar="REV",
                        help="also time render.py of this git revision, override by override")
    args = parser.parse_args(argv)

    import markdown

    with tempfile.TemporaryDirectory() as work:
        docs = corpus(args.articles, args.seed, Path(work))
    variants: dict[str, Factory] = {"stock": stock, "multipub": current()}
    for name in CURRENT_PATHS:
        variants[f"multipub: -{name}"] = current((name,))
    variants["multipub, no fast path"] = current(CURRENT_PATHS)
    if args.before:
        module = load_before(args.before)
        variants[f"{args.before}: all overrides"] = before(module, None)
        for name in BEFORE_OVERRIDES:
            variants[f"{args.before}: -{name}"] = before(module, name)
    built = {name: {lang: factory(lang) for lang in docs} for name, factory in variants.items()}

    reference = {lang: [built["stock"][lang](t) for t in texts] for lang, texts in docs.items()}
    for name, renderers in list(built.items()):
        same = all(renderers[lang](t) == want for lang, texts in docs.items()
                   for t, want in zip(texts, reference[lang], strict=True))
        if not same:
            print(f"{name}: output differs from stock, not timed", file=sys.stderr)
            del built[name]

    count = sum(len(texts) for texts in docs.values())
    print(f"Python-Markdown {markdown.__version__}, {count} documents, "
          f"median of {args.repeat}", file=sys.stderr)
    times: dict[str, list[float]] = {name: [] for name in built}
    names = list(built)
    for i in range(args.repeat):
        for name, spent in time_repeat(built, docs, args.batch, i).items():
            times[name].append(spent)
        print(f"repeat {i + 1}/{args.repeat}", file=sys.stderr)

    base = statistics.median(times["stock"])
    print(f"| variant | median CPU s ({count} documents) | ratio to stock |")
    print("| --- | --- | --- |")
    for name in names:
        median = statistics.median(times[name])
        print(f"| {name} | {median:.3f} | {median / base:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
