"""Fuzzing in CI (about a minute): only MultipubError may escape the parsers.

Hypothesis drives the mutation engine of :mod:`.fuzzing` (random bytes,
mutated valid catalogues, mutated Markdown) against
:func:`multipub.gettext.pofile.parse_po` (plus: what multipub writes it reads back to
the same bytes) and :func:`multipub.content.segment.segment_document` with write-back
(identity translations give the source back).  Longer runs by hand:
``python fuzz/fuzz_pofile.py --seconds 600`` and ``fuzz/fuzz_segment.py``.

Findings are kept as regression inputs below and in ``corpus/fuzz/``.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from multipub.gettext.pofile import dump_po, parse_po

from .fuzzing import (
    check_md,
    check_po,
    known_po_bug,
    md_seeds,
    mutate_bytes,
    mutate_text,
    po_seeds,
)
from .strategies import mutated_markdown

FUZZ = settings(deadline=None, suppress_health_check=list(HealthCheck))
PO_SEEDS = po_seeds()
MD_SEEDS = md_seeds()
FINDINGS = Path(__file__).resolve().parent / "corpus" / "fuzz"


def fuzz_po(data: bytes) -> None:
    """:func:`check_po`, tolerating the bugs already reported (see KNOWN_PO_BUGS)."""
    try:
        check_po(data)
    except Exception as exc:
        if not known_po_bug(exc):
            raise


@settings(FUZZ, max_examples=400)
@given(data=st.binary(max_size=400))
def test_parse_po_random_bytes(data: bytes) -> None:
    fuzz_po(data)


@settings(FUZZ, max_examples=600)
@given(seed=st.sampled_from(range(len(PO_SEEDS))), other=st.sampled_from(range(len(PO_SEEDS))),
       rng=st.randoms(use_true_random=False))
def test_parse_po_mutated_catalogues(seed: int, other: int, rng: random.Random) -> None:
    fuzz_po(mutate_bytes(rng, PO_SEEDS[seed], other=PO_SEEDS[other]))


@settings(FUZZ, max_examples=300)
@given(seed=st.sampled_from(range(len(MD_SEEDS))), other=st.sampled_from(range(len(MD_SEEDS))),
       rng=st.randoms(use_true_random=False))
def test_segment_mutated_articles(seed: int, other: int, rng: random.Random) -> None:
    check_md(mutate_text(rng, MD_SEEDS[seed], MD_SEEDS[other]))


@settings(FUZZ, max_examples=300)
@given(text=mutated_markdown())
def test_segment_generated_mutated_markdown(text: str) -> None:
    check_md(text)


@settings(FUZZ, max_examples=200)
@given(text=st.text(max_size=300))
def test_segment_random_text(text: str) -> None:
    check_md(text)
    check_md("---\ntitle: A\ndate: 2024-01-01\n---\n" + text)


# -- regressions: concrete inputs ---------------------------------------------------------
REGRESSIONS_PO: list[tuple[str, bytes]] = [
    ("deep-nesting-of-strings", b'msgid ""\n' + b'"a"\n' * 5000 + b'msgstr ""\n'),
    ("plural-index-huge", b'msgid "a"\nmsgid_plural "b"\nmsgstr[99999999999999999999] "x"\n'),
    ("only-bom", b"\xef\xbb\xbf"),
    ("lone-cr", b'msgid "a"\rmsgstr "b"\r'),
    ("utf16-declared", b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-16\\n"\n'),
    ("nplurals-zero", b'msgid ""\nmsgstr "Plural-Forms: nplurals=0; plural=0;\\n"\n\n'
                      b'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\n'),
    ("escape-at-end", b'msgid "a\\"\nmsgstr ""\n'),
    ("hex-escape-overflow", b'msgid "\\x123456789"\nmsgstr ""\n'),
    ("previous-without-entry", b'#| msgid "a"\n'),
    ("obsolete-previous-only", b'#~| msgid "a"\n#~ msgid "b"\n#~ msgstr "c"\n'),
    # found by fuzzing, fixed: a raw NUL next to numeric escapes, a NUL in the charset,
    # 'charset=' outside the header entry's Content-Type, writing not a fixed point
    ("nul-and-octal-escape", b'msgid "a\x00b\\101"\nmsgstr ""\n'),
    ("nul-and-hex-escape-fuzzed", (FINDINGS / "po-nul-and-escape.po").read_bytes()),
    ("nul-in-charset", b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF\x008\\n"\n'),
    ("own-output-unknown-charset", (FINDINGS / "po-own-output-unknown-charset.po").read_bytes()),
    ("own-output-wrong-charset", (FINDINGS / "po-own-output-wrong-charset.po").read_bytes()),
    ("rewrite-not-stable", (FINDINGS / "po-rewrite-not-stable.po").read_bytes()),
]


@pytest.mark.parametrize("data", [pytest.param(d, id=n) for n, d in REGRESSIONS_PO])
def test_po_regressions(data: bytes) -> None:
    check_po(data)


def test_charset_is_taken_from_the_header_only() -> None:
    data = ('msgid ""\nmsgstr ""\n"Language: ru\\n"\n\n#. Example: charset=koi8-r\n'
            'msgid "Kot"\nmsgstr "Кот"\n').encode()
    catalog = parse_po(data, "x.po")
    assert catalog.messages[0].msgstr == "Кот"
    assert "Кот" in dump_po(catalog).decode()


REGRESSIONS_MD = [
    "",
    "---\n",
    "---\n---\n",
    "\ufeff---\ntitle: A\n---\n",
    "- \n",
    "> \n>\n",
    "|\n|-|\n|",
    "```\n",
    "<!--",
    "<!-- multipub: skip -->",
    "[^1]:",
    "# \\",
    "a  \n  \n",
    "\r\r\n\r",
    "\x00\u2028\x85",
    "    - a\n\t- b\n",
    "![](x)",
    "[x]: http://a 'b'\n[x]: http://c\n",
    "---\ntitle: |\n  a\n\n  b\ndate: 2024-01-01\n---\n",
    "---\ntitle: &a x\nsummary: *a\n---\n",
    "---\n" + "a:\n " * 200 + "x\n---\n",
    "> " * 500 + "a\n",
    "- " * 300 + "a\n",
]


@pytest.mark.parametrize("text", REGRESSIONS_MD)
def test_md_regressions(text: str) -> None:
    check_md(text)
