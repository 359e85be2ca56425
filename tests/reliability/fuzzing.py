"""The fuzzing engine shared by ``fuzz/*.py`` (long runs by hand) and ``test_fuzz.py`` (CI).

Targets: :func:`multipub.gettext.pofile.parse_po` and
:func:`multipub.content.segment.segment_document` with write-back.  The only
exceptions allowed to escape are multipub's own (:class:`MultipubError`);
anything else (IndexError, UnicodeDecodeError, RecursionError, ValueError,
...) is a finding.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from multipub.errors import MultipubError

REPO = Path(__file__).resolve().parents[2]

PO_TOKENS = (
    b'msgid "', b'msgstr "', b"msgstr[0] ", b"msgstr[1] ", b"msgstr[7] ", b"msgstr[-1] ",
    b"msgstr[99999999999999999999] ", b"msgid_plural ", b"msgctxt ", b"#~ ", b"#~| ", b"#| ",
    b"#, fuzzy", b"#: ", b"#. ", b'"', b"\\", b"\\x", b"\\xff", b"\\777", b"\\u0041", b"\n",
    b"\r\n", b"\r", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xd0", b"charset=", b"charset=UTF-16",
    b"charset=windows-1251", b"charset=ascii", b"nplurals=0;", b"nplurals=2;",
    b"nplurals=99999999999;", b"Plural-Forms: ", b'"\n"', b"\t",
)
MD_TOKENS = (
    "---\n", "...\n", "```\n", "~~~", "    ", "\t", "> ", "- ", "1. ", "* ", "#", "## ", "|",
    "|---|",
    "[", "]", "(", ")", "![", "[^1]", "[^1]: ", "<!--", "-->", "<!-- multipub: skip -->\n",
    "<!-- multipub: context x -->\n", "<div>", "</div>", "`", "**", "_", "\\", "  \n", "\r\n",
    "\r", "\x00", "\ufeff", "\u2028", "\x85", "\n\n", "===\n", "title: ", "date: 2024-02-30\n",
    "image:\n  caption: ", "&amp;", "{: #id }", "*[", "]: http://x \"t\"\n", ":", "'", '"',
    "!!python/object/apply:os.system [x]", "&a [1]\nb: *a\n",
)


def _files(*patterns: str) -> list[Path]:
    found: list[Path] = []
    for pattern in patterns:
        found.extend(sorted(REPO.glob(pattern)))
    return found


def po_seeds() -> list[bytes]:
    """Valid catalogues from the repository (corpus base, example, test data)."""
    files = _files("tests/reliability/corpus/base/**/*.po", "examples/*/locales/**/*.po",
                   "examples/*/locales/**/*.pot", "tests/data/po/*.po")
    seeds = [p.read_bytes() for p in files if p.stat().st_size < 200_000]
    return seeds or [b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n']


def md_seeds() -> list[str]:
    """Valid articles from the repository."""
    files = _files("tests/reliability/corpus/base/content/*/*.md", "examples/*/content/*/*.md",
                   "tests/data/md/*.md")
    seeds = [p.read_text(encoding="utf-8") for p in files if p.stat().st_size < 100_000]
    return seeds or ["---\ntitle: A\ndate: 2024-01-01\n---\nText.\n"]


def mutate_bytes(rng: random.Random, data: bytes, tokens: tuple[bytes, ...] = PO_TOKENS,
                 other: bytes = b"") -> bytes:
    """A few random edits of *data*: flips, inserts of tokens, deletions, splices."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        pos = rng.randint(0, len(buf))
        op = rng.randrange(7)
        if op == 0 and buf:
            buf[min(pos, len(buf) - 1)] = rng.randrange(256)
        elif op in (1, 2):
            buf[pos:pos] = rng.choice(tokens)
        elif op == 3:
            del buf[pos:pos + rng.randint(1, 40)]
        elif op == 4 and buf:
            start = rng.randint(0, len(buf) - 1)
            chunk = bytes(buf[start:start + rng.randint(1, 200)])
            buf[pos:pos] = chunk
        elif op == 5 and other:
            start = rng.randint(0, len(other) - 1)
            buf[pos:pos] = other[start:start + rng.randint(1, 300)]
        else:
            lines = bytes(buf).split(b"\n")
            if len(lines) > 2:
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
                buf = bytearray(b"\n".join(lines))
    return bytes(buf)


def mutate_text(rng: random.Random, text: str, other: str = "") -> str:
    """A few random edits of the Markdown *text*."""
    data = mutate_bytes(rng, text.encode("utf-8"), tuple(t.encode() for t in MD_TOKENS),
                        other.encode("utf-8"))
    return data.decode("utf-8", "replace")


class OwnOutputError(AssertionError):
    """multipub cannot read back, or rewrites differently, what it has just written."""


def check_po(data: bytes) -> str:
    """Parse *data*; ``"ok"`` or ``"error"`` (a MultipubError); other exceptions escape."""
    from multipub.gettext.pofile import dump_po, parse_po

    try:
        catalog = parse_po(data, "fuzz.po")
    except MultipubError as exc:
        assert exc.problems and all(p.line is None or p.line >= 1 for p in exc.problems)
        return "error"
    again = dump_po(catalog)
    try:
        reread = parse_po(again, "fuzz.po")  # what we write we must read
    except MultipubError as exc:
        raise OwnOutputError(f"cannot read its own output: {exc}") from None
    if dump_po(reread) != again:
        raise OwnOutputError("writing is not a fixed point")
    return "ok"


KNOWN_PO_BUGS: tuple[tuple[str, str], ...] = ()  # none open


def known_po_bug(exc: BaseException) -> bool:
    """Whether *exc* is one of the bugs already reported (tolerated by CI until fixed)."""
    return any(type(exc).__name__ == name and text in str(exc) for name, text in KNOWN_PO_BUGS)


def _swap(text: str) -> str:
    return text.translate(str.maketrans("aeiouk", "аеиоук"))


def check_md(text: str) -> str:
    """Segment *text*, write it back with identity and changed translations."""
    from multipub.content.segment import segment_document
    from multipub.content.writeback import apply_translations

    try:
        segments = segment_document(text, "fuzz.md")
    except MultipubError as exc:
        assert exc.problems
        return "error"
    assert apply_translations(text, segments, lambda s: s.text, "fuzz.md") == text
    try:
        out = apply_translations(text, segments, lambda s: _swap(s.text), "fuzz.md")
        segment_document(out, "fuzz.md")
    except MultipubError:
        return "error"
    return "ok"


@dataclass
class Report:
    executions: int = 0
    ok: int = 0
    errors: int = 0
    findings: dict[str, bytes] = field(default_factory=dict)


def _signature(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = next((f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames)
                  if "multipub" in f.filename), "?")
    return f"{type(exc).__name__} at {where}: {str(exc)[:80]}"


def fuzz(target: str, seconds: float, seed: int = 0,
         progress: Callable[[Report], None] | None = None) -> Report:
    """Fuzz *target* (``"po"`` or ``"md"``) for *seconds*; findings keyed by signature."""
    rng = random.Random(seed)
    report = Report()
    if target == "po":
        seeds_b = po_seeds()
        pool: list[bytes] = list(seeds_b)
    else:
        seeds_s = md_seeds()
        pool = [s.encode("utf-8") for s in seeds_s]
    deadline = time.monotonic() + seconds
    last = time.monotonic()
    while time.monotonic() < deadline:
        parent = rng.choice(pool)
        other = rng.choice(pool)
        if rng.random() < 0.02:
            data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 300)))
        else:
            data = mutate_bytes(rng, parent, PO_TOKENS if target == "po" else tuple(
                t.encode() for t in MD_TOKENS), other)
        report.executions += 1
        try:
            text = data.decode("utf-8", "replace")
            result = check_po(data) if target == "po" else check_md(text)
        except Exception as exc:  # a finding
            report.findings.setdefault(_signature(exc), data)
            continue
        if result == "ok":
            report.ok += 1
            if len(pool) < 500 and rng.random() < 0.05:
                pool.append(data)
        else:
            report.errors += 1
        if progress is not None and time.monotonic() - last > 10:
            last = time.monotonic()
            progress(report)
    return report


def main(target: str, description: str, root: Path) -> int:
    """The command line of ``fuzz/fuzz_<target>.py``: fuzz for ``--seconds``, report findings.

    Prints the number of executions and every finding (a distinct exception
    signature) with its input, also saved under ``fuzz/findings/``.
    """
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    def progress(report: Report) -> None:
        print(f"... {report.executions} executions, {len(report.findings)} findings", flush=True)

    report = fuzz(target, args.seconds, args.seed, progress)
    print(f"executions: {report.executions} (read: {report.ok}, refused with MultipubError: "
          f"{report.errors})")
    print(f"findings: {len(report.findings)}")
    folder = root / "fuzz" / "findings"
    for signature, data in report.findings.items():
        folder.mkdir(exist_ok=True)
        name = f"{target}-" + hashlib.sha256(data).hexdigest()[:12]
        (folder / name).write_bytes(data)
        print(f"- {signature}\n  input: fuzz/findings/{name}: {data[:200]!r}")
    return 1 if report.findings else 0
