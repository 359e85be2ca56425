"""Unicode line breaking as GNU libunistring 1.0 does it (for :mod:`.pofile`).

:func:`line_breaks` says where GNU ``msgcat`` breaks an escaped string for a
given width: UAX #14 break opportunities from a pair table measured from
libunistring 1.0, widths in columns as ``uc_width`` counts them, and the
greedy choice libunistring makes.  A fast path handles text of one-column
characters (most Latin and Cyrillic text) by examining only the break
opportunities next to each line's end; :func:`_greedy` over
:func:`_possible_breaks` is the exact reference it must equal.
:func:`wrap_string` uses it to write one keyword and its string: escaped,
split after each ``\\n``, and wrapped at the page width.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Collection, Iterable
from functools import lru_cache

__all__ = ["line_breaks", "wrap_string"]

# Classes in pair-table order; SP, CM, BK and ZW have their own handling.
_CLASSES = [
    "WJ",
    "ZW",
    "GL",
    "B2",
    "BA",
    "BB",
    "HY",
    "CL",
    "CP",
    "EX",
    "IN",
    "NS",
    "OP",
    "QU",
    "IS",
    "NU",
    "PO",
    "PR",
    "SY",
    "AL",
    "H2",
    "H3",
    "HL",
    "ID",
    "JL",
    "JV",
    "JT",
    "RI",
    "ZWJ",
    "EB",
    "EM",
    "OP2",
]
_CI = {name: i for i, name in enumerate(_CLASSES)}
_SP, _CM, _BK = 100, 101, 102
_ZW = _CI["ZW"]
# Row = class before, column = class after.  "_": break allowed; "%": only
# after spaces; "^": never.  Measured from libunistring 1.0.
_PAIRS = (
    "^^%%%%%^^^%%%%^%%%^%%%%%%%%%%%%%",
    "_^______________________________",
    "^^%%%%%^^^%%%%^%%%^%%%%%%%%%%%%%",
    "^^%^%_%^^^%%_%^___^_________%___",
    "^^__%_%^^^%%_%^___^_________%___",
    "^^%%%%%^^^%%%%^%%%^%%%%%%%%%%%%%",
    "^^__%_%^^^%%_%^%__^_________%___",
    "^^%_%_%^^^%^_%^_%%^_________%___",
    "^^%_%_%^^^%%_%^%%%^%__%_____%___",
    "^^%_%_%^^^%%_%^___^_________%___",
    "^^%_%_%^^^%%_%^___^_________%___",
    "^^%_%_%^^^%%_%^___^_________%___",
    "^^^^^^^^^^^^^^^^^^^^^^^^^^^^%^^^",
    "^^%%%%%^^^%%^%^%%%^%%%%%%%%%%%%^",
    "^^%_%_%^^^%%_%^%__^_________%___",
    "^^%_%_%^^^%%%%^%%%^%__%_____%___",
    "^^%_%_%^^^%%%%^%__^%__%_____%__%",
    "^^%_%_%^^^%%%%^%__^%%%%%%%%_%%%%",
    "^^%_%_%^^^%%_%^%__^___%_____%___",
    "^^%_%_%^^^%%%%^%%%^%__%_____%___",
    "^^%_%_%^^^%%_%^_%_^______%%_%___",
    "^^%_%_%^^^%%_%^_%_^_______%_%___",
    "^^%_%_%^^^%%%%^%%%^%__%_____%___",
    "^^%_%_%^^^%%_%^_%_^_________%___",
    "^^%_%_%^^^%%_%^_%_^_%%__%%__%___",
    "^^%_%_%^^^%%_%^_%_^______%%_%___",
    "^^%_%_%^^^%%_%^_%_^_______%_%___",
    "^^%_%_%^^^%%_%^___^________%%___",
    "^^%%%%%^^^%%%%^%%%^%%%%%%%%%%%%%",
    "^^%_%_%^^^%%_%^_%_^_________%_%_",
    "^^%_%_%^^^%%_%^_%_^_________%___",
    "^^^^^^^^^^^^^^^^^^^^^^^^^^^^%^^^",
)
# Break classes that differ from _heuristic_class, as runs "start_hex[CLASS]";
# a run without a class name means "as the heuristic says".  Measured from
# libunistring 1.0 for U+0000-06FF, U+1E00-2BFF, U+3000-303F, U+FE10-FE6F,
# U+FF00-FFEF.
_RUNS = (
    "0CM 9BA aCM 20SP 21EX 22QU 23 24PR 25PO 26 27QU 28OP 29CP 2a 2bPR 2cIS 2dHY 2eIS 2fSY "
    "30 3aIS 3c 3fEX 40 5bOP 5cPR 5dCP 5e 7bOP 7cBA 7dCL 7e 7fCM a0GL a1OP a2PO a3PR a6 abQU "
    "ac adBA ae b0PO b1PR b2 b4BB b5 bbQU bc bfOP c0 2c8BB 2c9 2ccBB 2cd 2dfBB 2e0 34fGL 350 "
    "35cGL 363 378AL 37a 37eIS 37f 380AL 384 38bAL 38c 38dAL 38e 3a2AL 3a3 530AL 531 557AL "
    "559 589IS 58aBA 58bAL 58d 58fPR 590AL 591 5beBA 5bf 5c6EX 5c7 5c8AL 5d0HL 5ebAL 5efHL "
    "5f3 5f5AL 600 609PO 60cIS 60e 61bEX 61cCM 61dEX 620 66aPO 66bNU 66d 6d4EX 6d5 700 "
    "1f16AL 1f18 1f1eAL 1f20 1f46AL 1f48 1f4eAL 1f50 1f58AL 1f59 1f5aAL 1f5b 1f5cAL 1f5d "
    "1f5eAL 1f5f 1f7eAL 1f80 1fb5AL 1fb6 1fc5AL 1fc6 1fd4AL 1fd6 1fdcAL 1fdd 1ff0AL 1ff2 "
    "1ff5AL 1ff6 1ffdBB 1ffe 1fffAL 2000BA 2007GL 2008BA 200bZW 200cCM 200dZWJ 200eCM 2010BA "
    "2011GL 2012BA 2014B2 2015 2018QU 201aOP 201bQU 201eOP 201fQU 2020 2024IN 2027BA 202aCM "
    "202fGL 2030PO 2038 2039QU 203b 203cNS 203e 2044IS 2045OP 2046CL 2047NS 204a 2056BA 2057 "
    "2058BA 205c 205dBA 2060WJ 2061 2065AL 2066CM 2070 2072AL 2074 207dOP 207eCL 207f 208dOP "
    "208eCL 208fAL 2090 209dAL 20a0PR 20a7PO 20a8PR 20b6PO 20b7PR 20bbPO 20bcPR 20bePO "
    "20bfPR 20c0PO 20c1PR 20d0 20f1AL 2100 2103PO 2104 2109PO 210a 2116PR 2117 218cAL 2190 "
    "2212PR 2214 22efIN 22f0 2308OP 2309CL 230aOP 230bCL 230c 2329OP2 232aCL 232b 23e9AL "
    "23ed 23f1ID 23f3 2427AL 2440 244bAL 2460 25fdAL 25ff 2600ID 2604 2618ID 2619 261aID "
    "261dEB 261eID 2620 2639ID 263c 2648AL 2654 2668ID 2669 2693AL 2694 26a1AL 26a2 26aaAL "
    "26ac 26bfID 26c4 26c6ID 26c9 26cdID 26ceAL 26cfID 26d2 26d3ID 26d4 26d8ID 26da 26dcID "
    "26dd 26dfID 26e2 26f1ID 26f2 26f4ID 26f5 26f7ID 26f9EB 26fa 26feID 2705AL 2706 2708ID "
    "270aEB 270e 2728AL 2729 274cAL 274d 274eAL 274f 2753AL 2756 2757AL 2758 275bQU 2761 "
    "2762EX 2764ID 2765 2768OP 2769CL 276aOP 276bCL 276cOP 276dCL 276eOP 276fCL 2770OP "
    "2771CL 2772OP 2773CL 2774OP 2775CL 2776 2795AL 2798 27b0AL 27b1 27bfAL 27c0 27c5OP "
    "27c6CL 27c7 27e6OP 27e7CL 27e8OP 27e9CL 27eaOP 27ebCL 27ecOP 27edCL 27eeOP 27efCL 27f0 "
    "2983OP 2984CL 2985OP 2986CL 2987OP 2988CL 2989OP 298aCL 298bOP 298cCL 298dOP 298eCL "
    "298fOP 2990CL 2991OP 2992CL 2993OP 2994CL 2995OP 2996CL 2997OP 2998CL 2999 29d8OP "
    "29d9CL 29daOP 29dbCL 29dc 29fcOP 29fdCL 29fe 2b1bAL 2b1d 2b50AL 2b51 2b55AL 2b56 2b74AL "
    "2b76 2b96AL 2b97 2c00 3000BA 3001CL 3003 3005NS 3006 3008OP2 3009CL 300aOP2 300bCL "
    "300cOP2 300dCL 300eOP2 300fCL 3010OP2 3011CL 3012 3014OP2 3015CL 3016OP2 3017CL 3018OP2 "
    "3019CL 301aOP2 301bCL 301cNS 301dOP2 301eCL 3020 302eCM 3030 3035CM 3036 303bNS 303d "
    "303fID 3040 fe10IS fe11CL fe13IS fe15EX fe17OP2 fe18CL fe19IN fe1aAL fe20 fe35OP2 "
    "fe36CL fe37OP2 fe38CL fe39OP2 fe3aCL fe3bOP2 fe3cCL fe3dOP2 fe3eCL fe3fOP2 fe40CL "
    "fe41OP2 fe42CL fe43OP2 fe44CL fe45 fe47OP2 fe48CL fe49 fe50CL fe51 fe52CL fe53AL fe54NS "
    "fe56EX fe58 fe59OP2 fe5aCL fe5bOP2 fe5cCL fe5dOP2 fe5eCL fe5f fe67AL fe68 fe69PR fe6aPO "
    "fe6b fe6cAL fe70 ff00AL ff01EX ff02 ff04PR ff05PO ff06 ff08OP2 ff09CL ff0a ff0cCL ff0d "
    "ff0eCL ff0f ff10ID ff1aNS ff1c ff1fEX ff20 ff3bOP2 ff3c ff3dCL ff3e ff5bOP2 ff5c ff5dCL "
    "ff5e ff5fOP2 ff60CL ff62OP2 ff63CL ff65NS ff66ID ff67NS ff71ID ff9eNS ffa0ID ffbfAL "
    "ffc2ID ffc8AL ffcaID ffd0AL ffd2ID ffd8AL ffdaID ffddAL ffe0PO ffe1PR ffe2 ffe5PR "
    "ffe7AL ffe8 ffefAL fff0 "
)
_LB = {ch: _BK for ch in "\n\v\f\r\x85\u2028\u2029"}
_LB[" "] = _SP
_LB["\u200b"] = _ZW


def _heuristic_class(ch: str) -> int:
    cp = ord(ch)
    if 0xAC00 <= cp <= 0xD7A3:
        return _CI["H2"] if (cp - 0xAC00) % 28 == 0 else _CI["H3"]
    if 0x1100 <= cp < 0x1200:
        return _CI["JL"] if cp < 0x1160 else _CI["JV"] if cp < 0x11A8 else _CI["JT"]
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me"):
        return _CM
    if cat == "Nd":
        return _CI["NU"]
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return _CI["ID"]
    return _CI["AL"]


def _load_runs() -> list[tuple[int, int | None]]:
    runs: list[tuple[int, int | None]] = []
    for token in "".join(_RUNS).split():
        m = re.fullmatch(r"([0-9a-f]+)([A-Z][A-Z0-9]*)?", token)
        assert m is not None
        name = m.group(2) or ""
        cls = None if not name else _CM if name == "CM" else _SP if name == "SP" else _CI[name]
        runs.append((int(m.group(1), 16), cls))
    return runs


_RUN_TABLE = _load_runs()
_RUN_STARTS = [start for start, _ in _RUN_TABLE]


@lru_cache(maxsize=8192)
def _break_class(ch: str) -> int:
    if ch in _LB:
        return _LB[ch]
    cp = ord(ch)
    i = bisect.bisect_right(_RUN_STARTS, cp) - 1
    if i >= 0 and i < len(_RUN_TABLE) - 1:
        cls = _RUN_TABLE[i][1]
        if cls is not None:
            return cls
    return _heuristic_class(ch)


@lru_cache(maxsize=8192)
def _char_width(ch: str) -> int:
    """Columns of *ch* as libunistring's ``uc_width`` counts them (controls: 0)."""
    cp = ord(ch)
    if cp < 0x20 or 0x7F <= cp < 0xA0:
        return 0
    if cp < 0x300:
        return 0 if cp == 0xAD else 1
    if 0x1160 <= cp < 0x1200 or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _possible_breaks(text: str, forbid: set[int]) -> list[int]:
    """Indices before which a line may break (a mandatory break at i as -i-1).

    Where libunistring departs from UAX #14, this follows libunistring (GNU's
    choice): LB21a (no break after Hebrew + hyphen) looks at the character right
    before the hyphen, so a combining mark between the two (or after the hyphen)
    ends it, and spaces after the hyphen end it too; a combining mark after a
    space is a break opportunity whatever came before the space.
    """
    found: list[int] = []
    last = _BK
    spaces = False
    hl = _CI["HL"]
    hy_ba = (_CI["HY"], _CI["BA"])
    after_hl = False
    before = _BK  # the class of the character before this one, a combining mark as such
    for i, ch in enumerate(text):
        cls = _break_class(ch)
        raw, before = before, cls
        if cls == _BK:
            found.append(-i - 1)
            last, spaces, after_hl = _BK, False, False
            continue
        if cls == _SP:
            spaces = True
            continue
        if cls == _ZW:
            last, spaces, after_hl = _ZW, False, False
            continue
        mark_after_space = False
        if cls == _CM:
            if last not in (_BK, _ZW) and not spaces:
                after_hl = False  # attached to the character before it
                continue
            mark_after_space = spaces and last != _BK  # libunistring: a break, whatever came before
            cls = _CI["AL"]
        if last == _ZW or mark_after_space:
            ok = True
        elif last == _BK or (after_hl and not spaces):
            ok = False
        else:
            rule = _PAIRS[last][cls]
            ok = rule == "_" or (rule == "%" and spaces)
        if ok and i not in forbid:
            found.append(i)
        after_hl = raw == hl and cls in hy_ba and not spaces
        last, spaces = cls, False
    return found


def _code(ch: str) -> int:
    """Break class of *ch* for :func:`_fast_breaks` (SP as 40, special ones 41)."""
    code = _CODE.get(ch)
    if code is None:
        cls = _break_class(ch)
        code = _CODE[ch] = 40 if cls == _SP else cls if cls < 40 else 41
    return code


def _narrow_pattern() -> re.Pattern[str]:
    """A regex finding any character the fast line breaker cannot handle."""
    ranges: list[tuple[int, int]] = []
    for cp in range(0x20, 0x3000):
        ch = chr(cp)
        if _char_width(ch) == 1 and ch.isprintable() and _break_class(ch) not in (_CM, _ZW, _BK):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    body = "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
        for lo, hi in ranges
    )
    return re.compile(f"[^{body}]")


_CODE: dict[str, int] = {}
_NOT_NARROW = _narrow_pattern()


def line_breaks(text: str, forbid: set[int], width: int, startcol: int) -> list[int]:
    """Where GNU breaks *text* (an escaped string) for *width* columns."""
    simple = _NOT_NARROW.search(text) is None
    total = len(text) if simple else sum(_char_width(c) for c in text)
    if startcol + total <= width:
        return []
    if simple:
        return _fast_breaks(text, forbid, width, startcol)
    return _greedy(text, _possible_breaks(text, forbid), width, startcol)


def _greedy(text: str, possible: list[int], width: int, startcol: int) -> list[int]:
    """libunistring's greedy choice among the *possible* breaks."""
    chosen: list[int] = []
    last_p = -1
    last_col = startcol
    piece = 0
    pos = 0
    for b in [*possible, len(text)]:
        mandatory = b < 0
        at = -b - 1 if mandatory else b
        piece += sum(_char_width(c) for c in text[pos:at])
        pos = at
        if at == len(text) and not mandatory:
            break
        if last_p >= 0 and last_col + piece > width:
            chosen.append(last_p)
            last_col = 0
        if mandatory:
            last_p, last_col, piece = -1, 0, 0
            pos = at + 1
        else:
            last_p = at
            last_col += piece
            piece = 0
    if last_p >= 0 and last_col + piece > width:
        chosen.append(last_p)
    return chosen


_HL, _HY, _BA = _CI["HL"], _CI["HY"], _CI["BA"]


def _fast_breaks(text: str, forbid: set[int], width: int, startcol: int) -> list[int]:
    """:func:`_greedy` for text of one-column characters without CM, ZW or BK.

    Only the break opportunities next to each line's end are examined.
    """
    pairs = _PAIRS
    code = _CODE.get

    def is_break(p: int) -> bool:
        cls = code(text[p]) or _code(text[p])
        if cls == 40 or p in forbid:
            return False
        q = p - 1
        while q >= 0 and text[q] == " ":
            q -= 1
        if q < 0:
            return False
        spaces = q < p - 1
        last = code(text[q]) or _code(text[q])
        if last in (_HY, _BA) and q > 0 and _code(text[q - 1]) == _HL and not spaces:
            return False  # LB21a (after spaces the usual rule decides, as in libunistring)
        rule = pairs[last][cls]
        return rule == "_" or (rule == "%" and spaces)

    chosen: list[int] = []
    n = len(text)
    start, col = 0, startcol
    while col + (n - start) > width:
        limit = start + width - col
        p = min(limit, n - 1)
        while p > start and not is_break(p):
            p -= 1
        if p <= start:
            p = max(limit, start) + 1
            while p < n and not is_break(p):
                p += 1
            if p >= n:
                break
        chosen.append(p)
        start, col = p, 0
    return chosen


# ----------------------------------------------------------------------------
# Escaping and wrapping one keyword's string as GNU msgcat writes it.
_NEEDS_ESCAPE = re.compile(r'[\\"\x07-\x0d]')
ESCAPES = {  # character -> how GNU writes it in a string
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
    "\\": "\\\\",
    '"': '\\"',
}
_PORTIONS = re.compile(r"[^\n]*\n|[^\n]+")
_NO_WRAP = 1 << 30


# Format directives, as GNU's format-c.c and format-python.c parse them: GNU
# never breaks a line inside one (only before it).
_DIRECTIVES = {
    "c": re.compile(
        r"%(?:[1-9][0-9]*\$)?[-+ #0'I]*(?:\*(?:[1-9][0-9]*\$)?|[0-9]+)?"
        r"(?:\.(?:\*(?:[1-9][0-9]*\$)?|[0-9]+)?)?(?:hh|h|ll|l|L|q|j|z|Z|t)?"
        r"(?:[diouxXeEfFgGaAcspnmCS%]|<PRI[diouxX](?:8|16|32|64|LEAST\d+|FAST\d+|MAX|PTR)>)"
    ),
    "python": re.compile(
        r"%(?:\([^()]*\))?[-+ #0]*(?:\*|[0-9]+)?(?:\.(?:\*|[0-9]+)?)?[hlL]?"
        r"[diouxXeEfFgGcrsa%]"
    ),
}
_FORMAT_OF_FLAG = {
    "c-format": "c", "possible-c-format": "c",
    "python-format": "python", "possible-python-format": "python",
}


def format_of(flags: Iterable[str]) -> str | None:
    """The format language whose directives GNU keeps whole when wrapping, if any.

    GNU tries its formats in a fixed order (C before Python) and uses the
    first the entry's flags name.
    """
    found = {_FORMAT_OF_FLAG[f] for f in flags if f in _FORMAT_OF_FLAG}
    for fmt in ("c", "python"):
        if fmt in found:
            return fmt
    return None


def _directive_interiors(value: str, fmt: str | None) -> set[int]:
    """Positions in *value* inside a format directive (not at its start).

    Like GNU's parsers, scanning stops at the first ``%`` that starts no
    valid directive, or that mixes named (Python ``%(x)s``) or numbered (C
    ``%1$s``) directives with plain ones; the directives before it still count.
    """
    if fmt is None or "%" not in value:
        return set()
    pattern = _DIRECTIVES[fmt]
    keyed = "(" if fmt == "python" else "$"
    inside: set[int] = set()
    kind: bool | None = None
    pos = value.find("%")
    while pos >= 0:
        m = pattern.match(value, pos)
        if m is None:
            break
        if not m.group().endswith("%") or len(m.group()) > 2:
            this = keyed in m.group()
            if kind is not None and this != kind:
                break
            kind = this
        inside.update(range(pos + 1, m.end()))
        pos = value.find("%", m.end())
    return inside


def _escape(portion: str, interior: Collection[int] = (), base: int = 0) -> tuple[str, set[int]]:
    """Escape *portion*; also the positions where GNU forbids a break.

    *interior* holds the positions (counted in the whole string, of which
    *portion* starts at *base*) that lie inside a format directive.
    """
    if not interior and not _NEEDS_ESCAPE.search(portion):
        return portion, set()
    out: list[str] = []
    forbid: set[int] = set()
    n = 0
    for k, ch in enumerate(portion):
        if base + k in interior:
            forbid.add(n)
        esc = ESCAPES.get(ch)
        if esc is None:
            out.append(ch)
            n += 1
        else:
            out.append(esc)
            forbid.add(n + 1)
            n += 2
    if portion.endswith("\n"):
        forbid.add(n - 2)
    return "".join(out), forbid


def wrap_string(prefix: str, name: str, value: str, page_width: int, wrap: bool,
                fmt: str | None = None) -> list[str]:
    """The lines GNU writes for keyword *name* with string *value* (escaped, wrapped).

    *prefix* starts every line (``"#~ "`` for obsolete entries, ``"#| "``
    for previous strings); *wrap* False: break only after ``\\n``; *fmt*
    the entry's format language (:func:`format_of`), whose directives are
    never split.

    >>> wrap_string("", "msgstr", "Ala ma\\nkota", 79, True)
    ['msgstr ""', '"Ala ma\\\\n"', '"kota"']
    """
    out: list[str] = []
    portions = _PORTIONS.findall(value) or [""]
    after_break = len(prefix) + 1
    width = (page_width if wrap else _NO_WRAP) - 1 - after_break
    first = True
    interior = _directive_interiors(value, fmt)
    base = 0
    for k, portion in enumerate(portions):
        text, forbid = _escape(portion, interior, base)
        base += len(portion)
        startcol = len(prefix) + 1 - after_break
        if first:
            startcol += len(name) + 1
        breaks = line_breaks(text, forbid, width, startcol)
        if first and text and (k < len(portions) - 1 or startcol > width or breaks):
            out.append(f'{prefix}{name} ""')
            first = False
            breaks = line_breaks(text, forbid, width, 0)
        head = f"{prefix}{name} " if first else prefix
        first = False
        start = 0
        for b in breaks:
            out.append(f'{head}"{text[start:b]}"')
            head, start = prefix, b
        out.append(f'{head}"{text[start:]}"')
    return out
