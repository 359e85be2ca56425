"""Pure helpers of the checks: placeholders, Markdown markup, quotes, words.

Everything here works on strings and returns plain values, so each rule can
be tested without files.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = [
    "brace_fields",
    "c_directives",
    "doubled_words",
    "has_common_word",
    "markup_of",
    "python_directives",
    "quote_pairs",
    "sentences",
    "shorten",
    "unbalanced_quotes",
]


def shorten(text: str, limit: int = 60) -> str:
    """*text* on one line, cut to about *limit* characters with an ellipsis.

    >>> shorten("Ala ma kota\\ni psa", 10)
    'Ala ma ko…'
    """
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1].rstrip() + "…"


# -- placeholders ------------------------------------------------------------------

_PY = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +\-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"
    r"(?P<conv>[diouxXeEfFgGcrsa%])"
)
_C = re.compile(
    r"%(?:(?P<pos>\d+)\$)?[#0 +\-'I]*(?:\*(?:\d+\$)?|\d+)?(?:\.(?:\*(?:\d+\$)?|\d+))?"
    r"(?:hh|h|ll|l|L|q|j|z|Z|t)?(?P<conv>[diouxXeEfFgGaAcspnm%])"
)
_CLASSES = {**dict.fromkeys("diouxX", "integer"), **dict.fromkeys("eEfFgGaA", "float"),
            "c": "char", "s": "string", "r": "repr", "p": "pointer", "n": "count",
            "m": "errno"}


def python_directives(text: str) -> tuple[Counter[str], list[str]]:
    """Named and positional python-format directives of *text*.

    Returns the named ones as a multiset of ``name:class`` and the unnamed
    ones as a list of classes in order; ``%%`` is not a directive.

    >>> python_directives("%(count)d plików z %(total)s, 100%%")
    (Counter({'count:integer': 1, 'total:string': 1}), [])
    >>> python_directives("%s ma %d kotów")
    (Counter(), ['string', 'integer'])
    """
    named: Counter[str] = Counter()
    unnamed: list[str] = []
    for m in _PY.finditer(text):
        conv = m.group("conv")
        if conv == "%":
            continue
        cls = _CLASSES.get(conv, conv)
        if m.group("name") is not None:
            named[f"{m.group('name')}:{cls}"] += 1
        else:
            unnamed.append(cls)
    return named, unnamed


def c_directives(text: str) -> list[str]:
    """c-format directives as ``position:class``, ordered by argument position.

    >>> c_directives("%2$s ma %1$d kotów"), c_directives("%s: %d%%")
    (['1:integer', '2:string'], ['1:string', '2:integer'])
    """
    found: list[tuple[int, str]] = []
    auto = 0
    for m in _C.finditer(text):
        conv = m.group("conv")
        if conv == "%":
            continue
        if m.group("pos"):
            pos = int(m.group("pos"))
        else:
            auto += 1
            pos = auto
        found.append((pos, _CLASSES.get(conv, conv)))
    return [f"{pos}:{cls}" for pos, cls in sorted(found)]


_BRACE = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def brace_fields(text: str) -> Counter[str]:
    """python-brace-format replacement fields by name (``{}`` numbered in order).

    >>> sorted(brace_fields("{name} ma {0} i {count:>3} {{dosłownie}} {}").items())
    [('0', 2), ('count', 1), ('name', 1)]
    """
    found: Counter[str] = Counter()
    auto = 0
    for m in _BRACE.finditer(text):
        field = m.group(1)
        if field is None:
            continue
        name = re.split(r"[.\[!:]", field, maxsplit=1)[0].strip()
        if name == "":
            name = str(auto)
            auto += 1
        found[name] += 1
    return found


# -- Markdown markup -------------------------------------------------------------

_CODE = re.compile(r"(`+)(.+?)\1", re.S)
_DEST = re.compile(r"\]\(\s*<?([^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_REF = re.compile(r"\]\[([^\]]+)\]")
_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b([^<>]*)>")
_ATTR = re.compile(r"\b(href|src)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^<>\s]+)>")


def markup_of(text: str) -> dict[str, Counter[str]]:
    """The markup a translation must keep: links and images, code spans, footnote
    references, emphasis markers and inline HTML tags, each as a multiset.

    >>> m = markup_of("Zobacz **[stronę](https://a.pl)** i `kod`[^1] <br>")
    >>> sorted(m["destinations"]), sorted(m["code"]), sorted(m["footnotes"]), m["emphasis"]
    (['https://a.pl'], ['kod'], ['1'], Counter({'**': 2}))
    >>> sorted(m["tags"])
    ['<br>']
    """
    code: Counter[str] = Counter(m.group(2).strip() for m in _CODE.finditer(text))
    rest = _CODE.sub(" ", text)
    destinations: Counter[str] = Counter(m.group(1) for m in _DEST.finditer(rest))
    destinations.update(f"[{m.group(1).lower()}]" for m in _REF.finditer(rest))
    destinations.update(m.group(1) for m in _AUTOLINK.finditer(rest))
    footnotes: Counter[str] = Counter(m.group(1) for m in _FOOTNOTE.finditer(rest))
    tags: Counter[str] = Counter()
    for m in _TAG.finditer(_AUTOLINK.sub(" ", rest)):
        attrs = " ".join(f'{a.group(1).lower()}={a.group(2).strip(chr(34) + chr(39))}'
                         for a in _ATTR.finditer(m.group(3)))
        tags[f"<{m.group(1)}{m.group(2).lower()}{' ' + attrs if attrs else ''}>"] += 1
    plain = _TAG.sub(" ", _DEST.sub("]", rest))
    emphasis: Counter[str] = Counter()
    strong = plain.count("**")
    if strong:
        emphasis["**"] = strong
    single = len(re.findall(r"(?<!\*)\*(?!\*)", plain.replace("**", "")))
    # a lone '*' between spaces is a multiplication sign or a footnote mark, not emphasis
    single -= len(re.findall(r"(?<=\s)\*(?=\s)", plain.replace("**", "")))
    if single:
        emphasis["*"] = single
    underscores = len(re.findall(r"(?<![\w_])__(?=\S)|(?<=\S)__(?![\w_])", plain))
    if underscores:
        emphasis["__"] = underscores
    lone = len(re.findall(r"(?<![\w_])_(?=[^\s_])|(?<=[^\s_])_(?![\w_])", plain))
    if lone:
        emphasis["_"] = lone
    return {"destinations": destinations, "code": code, "footnotes": footnotes,
            "emphasis": emphasis, "tags": tags}


# -- quotes and words --------------------------------------------------------------


def quote_pairs(text: str) -> int:
    """The number of quoted passages, whatever the typographic convention.

    Polish „…”, Russian and Belarusian «…», German „…“, English “…” and
    ASCII "…" each count as one pair, so they are equivalent.

    >>> [quote_pairs(t) for t in ('„Wdrażanie”', '«Внедрение»', '"x"', '“x”', '«a „b“ c»')]
    [1, 1, 1, 1, 2]
    """
    lows = text.count("„") + text.count("«")
    highs = text.count("“") + text.count("”")
    return lows + max(highs - text.count("„"), 0) // 2 + text.count('"') // 2


def unbalanced_quotes(text: str) -> str | None:
    """What is unbalanced about the quotation marks of *text*, or ``None``.

    Adding quotes is a translator's choice (Russian and Belarusian put names
    in «…»), so only unbalanced marks are reported, not a different count.

    >>> unbalanced_quotes("«Польская дапамога»"), unbalanced_quotes("„Wdrażanie“ i „x”")
    (None, None)
    >>> unbalanced_quotes("«Польская дапамога"), unbalanced_quotes('say "hi')
    ('« and » do not pair up', 'an odd number of " marks')
    """
    if text.count("«") != text.count("»"):
        return "« and » do not pair up"
    if text.count("„") > text.count("”") + text.count("“"):
        return "„ without a closing ” or “"
    if text.count('"') % 2:
        return 'an odd number of " marks'
    return None


_LOWER_WORD = re.compile(r"[^\W\d_]{4,}")


def has_common_word(text: str) -> bool:
    """Whether *text* has a lowercase word of 4+ letters (so it is not only names).

    >>> has_common_word("Mińsk, Witebsk, Homel"), has_common_word("Spotkanie w Mińsku trwa")
    (False, True)
    """
    from ..langid import strip_markup

    return any(w.islower() for w in _LOWER_WORD.findall(strip_markup(text)))


_DOUBLED = re.compile(r"(?<![\w-])([^\W\d_]+)[ \t\u00a0]+(\1)(?![\w-])", re.I)
# Repeats that are good style in the languages of the project (emphasis, replies).
_LEGIT = frozenset({
    "bardzo", "dawno", "długo", "tak", "nie", "no", "oj", "ha", "hm", "och", "ach",
    "очень", "давно", "долго", "так", "да", "нет", "ну", "ха", "хм", "ой", "ах", "ага",
    "вельмі", "доўга", "даўно", "не", "but", "that", "had", "very", "ok",
})


def doubled_words(text: str) -> list[str]:
    """Words written twice in a row (``"и и"``), except legitimate repeats.

    >>> doubled_words("Polska i и и Białoruś, bardzo bardzo ważne, Ala ala")
    ['и', 'Ala']
    """
    found: list[str] = []
    for m in _DOUBLED.finditer(text):
        word = m.group(1)
        if word.lower() in _LEGIT:
            continue
        if len(word) == 1 and (word.isupper() or word in "xyn"):
            continue  # "A A", "x x": labels and formulas, not typos
        found.append(word)
    return found


# -- sentences ---------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…]+[»”“\"')\]]*(?=\s|$)|\n\s*\n")
_OPENERS = "«„“\"'(["


def sentences(text: str) -> list[str]:
    """The sentences of *text*: split after ``.`` ``!`` ``?`` ``…`` (and closing quotes)
    followed by a capital letter, a digit or an opening quote, and at blank lines.

    An abbreviation followed by a lowercase word (``np. kot``, ``т. е. он``)
    does not end a sentence.

    >>> sentences("Гэта першы сказ. А гэта другі! «Трэці?» Так, np. kot. 4 koty.")
    ['Гэта першы сказ.', 'А гэта другі!', '«Трэці?»', 'Так, np. kot.', '4 koty.']
    """
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        rest = text[m.end():].lstrip()
        if rest and "\n" not in m.group() and not (
                rest[0].isupper() or rest[0].isdigit() or rest[0] in _OPENERS):
            continue
        piece = text[start:m.end()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out
