"""Reading and writing GNU PO/POT files, byte-identical to GNU ``msgcat``.

Choice of codec: this module has its **own small parser and writer** and
does not use polib.  polib could not meet the requirements: its syntax
errors are bare ``OSError`` without a usable line, its duplicate check is
quadratic, it is slow on large files, its ``save()`` is not atomic, and its
output differs from GNU's (it wraps with :mod:`textwrap`, not with the
Unicode line-breaking rules GNU uses; polib issues 50, 96, 160).

* :func:`parse_po` reads PO/POT bytes (UTF-8 with or without BOM, or the
  charset the header declares; CRLF or LF) into a :class:`Catalog`, and
  reports every syntax problem of the file at once, each with its 1-based
  line, as one :class:`~multipub.errors.CatalogError`.
* :func:`generate_po` yields the lines GNU ``msgcat`` would print for the
  catalogue: the same comment order, normalized flags (``fuzzy`` first and
  only on entries with a translation, known format flags in GNU's order,
  unknown flags dropped as GNU drops them), references with ``./`` and
  duplicates removed, active entries before obsolete ones, obsolete entries
  without translation dropped, and strings wrapped at 79 columns by the
  algorithm of GNU libunistring (UAX #14 pair table, widths in columns).
* :func:`dump_po` encodes that as UTF-8; :func:`read_catalog` and
  :func:`write_catalog` are the file edges (atomic, unchanged files kept).

A file that equals ``msgcat``'s output is written back byte for byte.

Known limits of the GNU imitation: line-break classes are exact for
Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, general punctuation,
symbols and CJK punctuation; other scripts use a close approximation.
Breaks that GNU forbids inside format directives (``%s``) are not
modelled; they matter only for directives containing spaces or ``/``.
Missing charsets are read leniently: a file without one that is valid
UTF-8 is read as UTF-8 (GNU tools refuse it if it is not pure ASCII).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from .catalog import Catalog, Message
from .errors import CatalogError, Problem
from .fsio import write_atomic

__all__ = ["dump_po", "generate_po", "parse_po", "read_catalog", "write_catalog"]

# ----------------------------------------------------------------------------
# Unicode line breaking as GNU libunistring 1.0 does it (UAX #14 pair table).
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
    import bisect

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
    """Indices before which a line may break (a mandatory break at i as -i-1)."""
    found: list[int] = []
    last = _BK
    spaces = False
    hl = _CI["HL"]
    hy_ba = (_CI["HY"], _CI["BA"])
    after_hl = False
    for i, ch in enumerate(text):
        cls = _break_class(ch)
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
        if cls == _CM:
            if last not in (_BK, _ZW) and not spaces:
                continue
            cls = _CI["AL"]
        if last == _ZW:
            ok = True
        elif last == _BK:
            ok = False
        elif after_hl:
            ok = spaces
        else:
            rule = _PAIRS[last][cls]
            ok = rule == "_" or (rule == "%" and spaces)
        if ok and i not in forbid:
            found.append(i)
        after_hl = last == hl and cls in hy_ba and not spaces
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


def _line_breaks(text: str, forbid: set[int], width: int, startcol: int) -> list[int]:
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
        if last in (_HY, _BA) and q > 0 and _code(text[q - 1]) == _HL:
            return spaces
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
# Writing.
_NEEDS_ESCAPE = re.compile(r'[\\"\x07-\x0d]')
_ESCAPE_OUT = {
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


def _escape(portion: str) -> tuple[str, set[int]]:
    """Escape *portion*; also the positions where GNU forbids a break."""
    if not _NEEDS_ESCAPE.search(portion):
        return portion, set()
    out: list[str] = []
    forbid: set[int] = set()
    n = 0
    for ch in portion:
        esc = _ESCAPE_OUT.get(ch)
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


def _wrap(prefix: str, name: str, value: str, page_width: int, wrap: bool) -> list[str]:
    out: list[str] = []
    portions = _PORTIONS.findall(value) or [""]
    after_break = len(prefix) + 1
    width = (page_width if wrap else _NO_WRAP) - 1 - after_break
    first = True
    for k, portion in enumerate(portions):
        text, forbid = _escape(portion)
        startcol = len(prefix) + 1 - after_break
        if first:
            startcol += len(name) + 1
        breaks = _line_breaks(text, forbid, width, startcol)
        if first and text and (k < len(portions) - 1 or startcol > width or breaks):
            out.append(f'{prefix}{name} ""')
            first = False
            breaks = _line_breaks(text, forbid, width, 0)
        head = f"{prefix}{name} " if first else prefix
        first = False
        start = 0
        for b in breaks:
            out.append(f'{head}"{text[start:b]}"')
            head, start = prefix, b
        out.append(f'{head}"{text[start:]}"')
    return out


_FORMATS = [
    "c",
    "objc",
    "python",
    "python-brace",
    "java",
    "java-printf",
    "csharp",
    "javascript",
    "scheme",
    "lisp",
    "elisp",
    "librep",
    "ruby",
    "sh",
    "awk",
    "lua",
    "object-pascal",
    "smalltalk",
    "qt",
    "qt-plural",
    "kde",
    "kde-kuit",
    "boost",
    "tcl",
    "perl",
    "perl-brace",
    "php",
    "gcc-internal",
    "gfc-internal",
    "ycp",
]
_FORMAT_FLAG = re.compile(r"(no-|possible-|impossible-)?([a-z-]+)-format")
_RANGE_FLAG = re.compile(r"range:\s*(\d+)\.\.(\d+)")


def _flags(msg: Message) -> tuple[str | None, bool]:
    """The ``#,`` line GNU writes for *msg* (or None), and whether to wrap."""
    fuzzy = False
    wrap = True
    formats: dict[str, str] = {}
    rng: str | None = None
    for flag in msg.flags:
        flag = flag.strip()
        if flag == "fuzzy":
            fuzzy = True
        elif flag in ("wrap", "no-wrap"):
            wrap = flag == "wrap"
        elif (m := _RANGE_FLAG.fullmatch(flag)) is not None:
            rng = f"range: {int(m.group(1))}..{int(m.group(2))}"
        elif (m := _FORMAT_FLAG.fullmatch(flag)) is not None and m.group(2) in _FORMATS:
            formats[m.group(2)] = m.group(1) or ""
    parts = ["fuzzy"] if fuzzy and msg.first_form else []
    for lang in _FORMATS:
        kind = formats.get(lang)
        if kind is not None and kind != "impossible-":
            parts.append(f"no-{lang}-format" if kind == "no-" else f"{lang}-format")
    if rng is not None:
        parts.append(rng)
    if not wrap:
        parts.append("no-wrap")
    return ("#, " + ", ".join(parts) if parts else None), wrap


_REF = re.compile(r"(.*):(\d+)")


def _references(refs: Iterable[str], page_width: int) -> list[str]:
    seen: set[str] = set()
    tokens: list[str] = []
    for ref in refs:
        for tok in ref.split():
            m = _REF.fullmatch(tok)
            name, line = (m.group(1), f":{int(m.group(2))}") if m else (tok, "")
            while name.startswith("./"):
                name = name[2:]
            if name + line not in seen:
                seen.add(name + line)
                tokens.append(name + line)
    if not tokens:
        return []
    lines: list[str] = []
    current, column = "#:", 2
    for tok in tokens:
        size = len(tok.encode("utf-8")) + 1
        if column > 2 and column + size > page_width:
            lines.append(current)
            current, column = "#:", 2
        current += " " + tok
        column += size
    lines.append(current)
    return lines


def _comment(text: str) -> Iterator[str]:
    s: str | None = text
    while s is not None:
        head = "# " if s else "#"
        end = s.find("\n")
        if end < 0:
            yield head + s
            s = None
        else:
            yield head + s[:end]
            s = s[end + 1 :]


def _entry(msg: Message, page_width: int) -> list[str]:
    out: list[str] = []
    for c in msg.translator_comments:
        out.extend(_comment(c))
    out.extend("#. " + c if c else "#." for c in msg.extracted_comments)
    out.extend(_references(msg.references, page_width))
    flag_line, wrap = _flags(msg)
    if flag_line is not None:
        out.append(flag_line)
    obs = "#~ " if msg.obsolete else ""
    prev = "#~| " if msg.obsolete else "#| "
    for name, value in (
        ("msgctxt", msg.previous_msgctxt),
        ("msgid", msg.previous_msgid),
        ("msgid_plural", msg.previous_msgid_plural),
    ):
        if value is not None:
            out.extend(_wrap(prev, name, value, page_width, wrap))
    if msg.msgctxt is not None:
        out.extend(_wrap(obs, "msgctxt", msg.msgctxt, page_width, wrap))
    out.extend(_wrap(obs, "msgid", msg.msgid, page_width, wrap))
    if msg.msgid_plural is None:
        out.extend(_wrap(obs, "msgstr", msg.msgstr, page_width, wrap))
    else:
        out.extend(_wrap(obs, "msgid_plural", msg.msgid_plural, page_width, wrap))
        for i, form in enumerate(msg.msgstr_plural or [""]):
            out.extend(_wrap(obs, f"msgstr[{i}]", form, page_width, wrap))
    return out


def generate_po(catalog: Catalog, width: int = 79) -> Iterator[str]:
    """Yield the lines (without newline) GNU ``msgcat`` prints for *catalog*.

    >>> from multipub.catalog import Message
    >>> cat = Catalog(messages=[Message("Kot", "Кот", references=["./a.md:3"])])
    >>> list(generate_po(cat))
    ['#: a.md:3', 'msgid "Kot"', 'msgstr "Кот"']
    """
    blank = False
    entries = [catalog.header] if catalog.header is not None else []
    entries += [m for m in catalog.messages if not m.obsolete]
    entries += [m for m in catalog.messages if m.obsolete and m.first_form]
    for msg in entries:
        if blank:
            yield ""
        blank = True
        yield from _entry(msg, width)


_CHARSET_FIELD = re.compile(r"(charset=)([^\s;\\]+)")


def dump_po(catalog: Catalog, width: int = 79) -> bytes:
    """The UTF-8 bytes of *catalog* as GNU ``msgcat`` writes it.

    A catalogue read from another charset is written as UTF-8 and its header
    says so.
    """
    header = catalog.header
    charset = catalog.charset
    if (
        header is not None
        and charset is not None
        and _codec_name(charset) != "utf-8"
        and (charset != "CHARSET" or not _all_ascii(catalog))
    ):
        fixed = _CHARSET_FIELD.sub(r"\1UTF-8", header.msgstr, count=1)
        header = Message(**{**vars(header), "msgstr": fixed})
        catalog = Catalog(header=header, messages=catalog.messages, path=catalog.path)
    text = "\n".join(generate_po(catalog, width))
    return (text + "\n").encode("utf-8") if text else b""


def _all_ascii(catalog: Catalog) -> bool:
    return all(
        m.msgid.isascii()
        and m.msgstr.isascii()
        and all(s.isascii() for s in m.msgstr_plural)
        and (m.msgctxt or "").isascii()
        and (m.msgid_plural or "").isascii()
        for m in catalog.messages
    )


def _codec_name(charset: str) -> str | None:
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


# ----------------------------------------------------------------------------
# Reading.
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?(?=[\s\"]|$)\s*")
_STRING = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"\s*$')
_ESCAPE_IN = re.compile(r"\\(?:([0-7]{1,3})|x([0-9a-fA-F]+)|(.))")
_SIMPLE = {
    "n": "\n",
    "t": "\t",
    "b": "\b",
    "r": "\r",
    "f": "\f",
    "v": "\v",
    "a": "\a",
    "\\": "\\",
    '"': '"',
}
_CHARSET_BYTES = re.compile(rb"charset=([^\s\"\\;]+)")


class _Bad(Exception):
    """A problem on the current line (internal)."""


def _unescape(body: str, encoding: str) -> str:
    if "\\" not in body:
        return body
    numeric = False

    def one(m: re.Match[str]) -> str:
        nonlocal numeric
        if m.group(3) is not None:
            ch = _SIMPLE.get(m.group(3))
            if ch is None:
                raise _Bad(
                    f"invalid escape sequence \\{m.group(3)} in a string; "
                    "write \\\\ for a backslash"
                )
            return ch
        numeric = True
        value = int(m.group(1), 8) if m.group(1) else int(m.group(2), 16)
        return f"\x00{value & 0xFF:02x}\x00"

    text = _ESCAPE_IN.sub(one, body)
    if not numeric:
        return text
    raw = bytearray()
    for i, part in enumerate(text.split("\x00")):
        raw += bytes([int(part, 16)]) if i % 2 else part.encode(encoding)
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        raise _Bad(f"the \\x or octal escapes in this string are not valid {encoding}") from None


def _string(rest: str, what: str, encoding: str) -> str:
    m = _STRING.match(rest)
    if m is None:
        if not rest.startswith('"'):
            raise _Bad(f"expected a string in double quotes after {what}")
        end = re.match(r'"(?:[^"\\]|\\.)*"', rest)
        if end is None:
            raise _Bad('unterminated string; expected a closing "')
        extra = rest[end.end() :].strip()
        raise _Bad(
            f"unexpected text {extra[:20]!r} after the string; "
            'a " inside a string must be written \\"'
        )
    return _unescape(m.group(1), encoding)


class _Entry:
    __slots__ = (
        "comments",
        "ctxt",
        "extracted",
        "first",
        "flags",
        "id_line",
        "msgid",
        "msgid_plural",
        "msgstr",
        "obsolete",
        "plural_lines",
        "plurals",
        "prev",
        "refs",
        "section",
    )

    def __init__(self, first: int) -> None:
        self.first = first
        self.comments: list[str] = []
        self.extracted: list[str] = []
        self.refs: list[str] = []
        self.flags: list[str] = []
        self.prev: dict[str, str] = {}
        self.ctxt: str | None = None
        self.msgid: str | None = None
        self.msgid_plural: str | None = None
        self.msgstr: str | None = None
        self.plurals: list[str] = []
        self.plural_lines: list[int] = []
        self.id_line = first
        self.obsolete = False
        self.section: str | int | None = None

    def started(self) -> bool:
        return self.msgid is not None or self.ctxt is not None

    def complete(self) -> bool:
        return self.msgstr is not None or bool(self.plurals)


def _decode(data: bytes, path: str) -> tuple[str, str]:
    """The text of *data* and the Python codec used."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    second = data.find(b"msgid ", data.find(b"msgid ") + 1)
    m = _CHARSET_BYTES.search(data, 0, second if second > 0 else len(data))
    declared = m.group(1).decode("ascii", "replace") if m else None
    encoding = "utf-8"
    if declared is not None and declared.upper() != "CHARSET":
        name = _codec_name(declared)
        if name is None:
            line = data.count(b"\n", 0, m.start()) + 1 if m else None
            raise CatalogError(
                f"the header declares the unknown charset {declared!r}; use UTF-8",
                path=path,
                line=line,
            )
        encoding = name
    else:
        declared = None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        if declared is None:
            why = "the file is not UTF-8 and its header declares no other charset"
        else:
            why = f"the file is not valid {declared} as its header declares"
        raise CatalogError(
            f"{why} (byte 0x{data[exc.start]:02x} at column {col}); save it as UTF-8",
            path=path,
            line=line,
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return text, encoding


def parse_po(data: bytes, path: str) -> Catalog:
    """Read GNU PO or POT *data*; *path* is shown in errors.

    Every syntax problem of the file is reported at once in one
    :class:`CatalogError`, each with its 1-based line.

    >>> cat = parse_po(b'msgid "a"\\nmsgstr "b"\\n', "x.po")
    >>> cat.find("a").msgstr
    'b'
    >>> parse_po(b'msgid "a" "b"\\nmsgstr "c"\\n', "x.po")
    Traceback (most recent call last):
    ...
    multipub.errors.CatalogError: x.po:1: unexpected text '"b"' after the string; \
a " inside a string must be written \\"
    """
    text, encoding = _decode(data, path)
    problems: list[Problem] = []
    catalog = Catalog(path=path)
    seen: dict[tuple[str | None, str], int] = {}
    plural_lines: dict[int, list[int]] = {}
    cur = _Entry(1)

    def finish(entry: _Entry) -> None:
        if entry.msgid is None:
            if entry.ctxt is not None:
                problems.append(Problem(path, entry.id_line, "msgctxt without msgid"))
            return
        if not entry.complete():
            what = "msgstr[0]" if entry.msgid_plural is not None else "msgstr"
            problems.append(Problem(path, entry.id_line, f"msgid without {what}"))
            return
        if entry.msgid_plural is not None and not entry.plurals:
            problems.append(
                Problem(
                    path, entry.id_line, "msgid_plural needs msgstr[0], msgstr[1], ... not msgstr"
                )
            )
            return
        msg = Message(
            entry.msgid,
            entry.msgstr or "",
            entry.msgid_plural,
            entry.plurals,
            entry.ctxt,
            entry.flags,
            entry.comments,
            entry.extracted,
            entry.refs,
            entry.prev.get("msgctxt"),
            entry.prev.get("msgid"),
            entry.prev.get("msgid_plural"),
            entry.obsolete,
            entry.first,
        )
        key = msg.key
        if key in seen:
            problems.append(
                Problem(
                    path,
                    entry.id_line,
                    f"duplicate entry: the same msgid{' and msgctxt' if msg.msgctxt else ''} "
                    f"is already defined at line {seen[key]}",
                )
            )
            return
        seen[key] = entry.id_line
        if msg.msgid == "" and msg.msgctxt is None and not msg.obsolete:
            catalog.header = msg
            return
        if entry.plurals:
            plural_lines[id(msg)] = entry.plural_lines
        catalog.messages.append(msg)

    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            continue
        try:
            obsolete = False
            previous = False
            if line.startswith("#"):
                kind = line[1:2]
                if kind == "~":
                    obsolete = True
                    line = line[2:]
                    if line.startswith("|"):
                        previous = True
                        line = line[1:]
                    line = line.strip()
                    if not line:
                        continue
                elif kind == "|":
                    previous = True
                    line = line[2:].strip()
                else:
                    if cur.complete() or cur.started():
                        if cur.started() and not cur.complete():
                            raise _Bad("a comment between msgid and msgstr; expected msgstr")
                        finish(cur)
                        cur = _Entry(n)
                    if cur.first < 0:
                        cur.first = n
                    body = line[2:] if line[1:2] in (".", ":", ",") else line[1:]
                    if kind == ",":
                        cur.flags.extend(f.strip() for f in body.split(",") if f.strip())
                    elif kind == ":":
                        cur.refs.extend(body.split())
                    else:
                        body = raw.rstrip("\n")[raw.index("#") + (2 if kind == "." else 1) :]
                        if body.startswith(" "):
                            body = body[1:]
                        (cur.extracted if kind == "." else cur.comments).append(body)
                    continue
            if previous:
                if cur.complete():
                    finish(cur)
                    cur = _Entry(n)
                if line.startswith('"'):
                    if not isinstance(cur.section, str) or not cur.section.startswith("prev "):
                        raise _Bad("a continued string without a keyword before it")
                    key = cur.section[5:]
                    cur.prev[key] += _string(line, key, encoding)
                    continue
                m = _KEYWORD.match(line)
                if m is None or m.group(2) is not None or m.group(1) == "msgstr":
                    raise _Bad("expected msgctxt, msgid or msgid_plural after #|")
                cur.prev[m.group(1)] = _string(line[m.end() :], m.group(1), encoding)
                cur.section = "prev " + m.group(1)
                continue
            if line.startswith('"'):
                value = _string(line, "the keyword", encoding)
                sec = cur.section
                if sec is None or (isinstance(sec, str) and sec.startswith("prev ")):
                    raise _Bad("a string without msgid or msgstr before it")
                if isinstance(sec, int):
                    cur.plurals[sec] += value
                elif sec == "msgctxt":
                    cur.ctxt = (cur.ctxt or "") + value
                elif sec == "msgid":
                    cur.msgid = (cur.msgid or "") + value
                elif sec == "msgid_plural":
                    cur.msgid_plural = (cur.msgid_plural or "") + value
                else:
                    cur.msgstr = (cur.msgstr or "") + value
                continue
            m = _KEYWORD.match(line)
            if m is None:
                word = line.split()[0] if line.split() else line
                raise _Bad(
                    f"unknown keyword {word[:30]!r}; expected msgctxt, msgid, "
                    "msgid_plural, msgstr or a comment starting with #"
                )
            keyword, index = m.group(1), m.group(2)
            try:
                value = _string(line[m.end() :], keyword, encoding)
            except _Bad as exc:  # report it, and go on as if the string were empty
                problems.append(Problem(path, n, str(exc)))
                value = ""
            if keyword in ("msgctxt", "msgid") and (
                cur.complete()
                or (keyword == "msgctxt" and cur.started())
                or (keyword == "msgid" and cur.msgid is not None)
            ):
                if not cur.complete():
                    problems.append(Problem(path, cur.id_line, "msgid without msgstr"))
                    cur = _Entry(n)
                else:
                    finish(cur)
                    cur = _Entry(n)
            if obsolete:
                cur.obsolete = True
            if keyword == "msgctxt":
                cur.ctxt = value
                cur.id_line = n
            elif keyword == "msgid":
                cur.msgid = value
                if cur.ctxt is None:
                    cur.id_line = n
            elif cur.msgid is None:
                raise _Bad(f"{keyword} without msgid before it")
            elif keyword == "msgid_plural":
                if cur.complete() or cur.msgid_plural is not None:
                    raise _Bad("msgid_plural must come right after msgid")
                cur.msgid_plural = value
            elif index is None:
                if cur.msgid_plural is not None:
                    problems.append(
                        Problem(
                            path,
                            n,
                            "an entry with msgid_plural needs "
                            "msgstr[0], msgstr[1], ... instead of msgstr",
                        )
                    )
                    cur.plurals.append(value)
                    cur.plural_lines.append(n)
                    cur.section = 0
                    continue
                if cur.msgstr is not None:
                    raise _Bad("a second msgstr in the same entry")
                cur.msgstr = value
            else:
                if cur.msgid_plural is None:
                    raise _Bad(f"msgstr[{index}] in an entry without msgid_plural; use msgstr")
                if int(index) != len(cur.plurals):
                    raise _Bad(f"msgstr[{index}] out of order; expected msgstr[{len(cur.plurals)}]")
                cur.plurals.append(value)
                cur.plural_lines.append(n)
                cur.section = len(cur.plurals) - 1
                continue
            cur.section = keyword
        except _Bad as exc:
            problems.append(Problem(path, n, str(exc)))
    finish(cur)

    nplurals = catalog.nplurals
    if nplurals is not None:
        for msg in catalog.messages:
            if len(msg.msgstr_plural) > nplurals:
                at = plural_lines.get(id(msg), [msg.lineno or 0] * (nplurals + 1))[nplurals]
                problems.append(
                    Problem(
                        path,
                        at,
                        f"msgstr[{nplurals}] is one form too many: the header's Plural-Forms "
                        f"declares nplurals={nplurals} (msgstr[0] to msgstr[{nplurals - 1}])",
                    )
                )
    if problems:
        raise CatalogError(problems=sorted(problems, key=lambda p: p.line or 0))
    catalog.reindex()
    return catalog


def read_catalog(path: Path, shown: str | None = None) -> Catalog:
    """Read the PO/POT file at *path*; errors name it as *shown* (default: path)."""
    name = shown if shown is not None else str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogError("no such file", path=name) from None
    except IsADirectoryError:
        raise CatalogError("is a folder, expected a catalogue file", path=name) from None
    except PermissionError:
        raise CatalogError("permission denied", path=name) from None
    return parse_po(data, name)


def write_catalog(catalog: Catalog, path: Path) -> bool:
    """Write *catalog* to *path* atomically as GNU would; return whether it changed."""
    return write_atomic(path, dump_po(catalog))
