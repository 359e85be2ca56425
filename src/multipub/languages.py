"""Languages as data, taken from CLDR through Babel.

A :class:`Language` knows its English name, its autonym (the name in the
language itself, as a language switcher shows it) and its gettext
``Plural-Forms``.  The plural rule comes from Babel, which keeps gettext's
traditional three-form rules for the Slavic languages (equal in meaning to
GNU gettext's canonical ``pl``, ``ru``, ``be`` expressions) and derives the
rule from CLDR for every other language.

>>> be = get_language("be")
>>> be.autonym, be.english_name, be.nplurals
('беларуская', 'Belarusian', 3)
>>> [be.plural(n) for n in (1, 2, 5, 11, 21, 22, 25)]
[0, 1, 2, 2, 0, 1, 2]
"""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

__all__ = ["SCRIPT_VARIANTS", "Language", "UnknownLanguage", "get_language",
           "is_known_language", "language_tag"]

_CODE = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")


class UnknownLanguage(ValueError):
    """A language code that CLDR does not know (a programming error, not user input)."""


@dataclass(frozen=True)
class Language:
    """A language of a project, as CLDR and gettext see it."""

    code: str
    """The code as configured and as used in paths (``pl``, ``be``, ``pt_BR``)."""
    english_name: str
    autonym: str
    plural_forms: str
    """The gettext header value, e.g. ``nplurals=3; plural=(...);``."""
    nplurals: int
    _plural: Callable[[int], int] = field(repr=False, compare=False)
    locale_code: str = ""
    """The code of the CLDR data used for dates and numbers, when not :attr:`code`
    (``be`` for ``be-Latn``, which CLDR has no data for)."""

    @property
    def tag(self) -> str:
        """The BCP 47 tag used in HTML ``lang`` and ``hreflang`` (``pt-BR``, ``be-Latn``)."""
        return language_tag(self.code)

    @property
    def locale(self) -> Locale:
        """The Babel locale, for dates, numbers and names."""
        return Locale.parse(self.locale_code or self.code)

    def plural(self, n: int) -> int:
        """Index of the plural form gettext uses for the count *n*."""
        return self._plural(n)


def is_known_language(code: str) -> bool:
    """Whether CLDR knows *code* (``'pl'`` yes, ``'by'`` no)."""
    try:
        get_language(code)
    except UnknownLanguage:
        return False
    return True


# gettext's @modifiers that name a script, and their ISO 15924 codes
_MODIFIER_SCRIPTS = {"latin": "Latn", "cyrillic": "Cyrl"}


def language_tag(code: str) -> str:
    """The BCP 47 tag of a configured or gettext language code.

    gettext's script modifiers become script subtags, other modifiers
    variants; ``_`` becomes ``-``.

    >>> [language_tag(c) for c in ("be@latin", "be_Latn", "be@tarask", "pt_BR", "sr@cyrillic")]
    ['be-Latn', 'be-Latn', 'be-tarask', 'pt-BR', 'sr-Cyrl']
    """
    base, _, modifier = code.partition("@")
    parts = base.replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.title() if len(part) == 4 and part.isalpha() else
                   part.upper() if len(part) == 2 else part.lower())
    if modifier:
        script = _MODIFIER_SCRIPTS.get(modifier.lower())
        out.insert(1, script) if script else out.append(modifier.lower())
    return "-".join(out)


@functools.cache
def get_language(code: str) -> Language:
    """The :class:`Language` for a CLDR code; :class:`UnknownLanguage` if there is none.

    gettext codes with a modifier are accepted too (``be@latin`` is
    ``be-Latn``, Belarusian in the Latin alphabet).

    >>> get_language("be-Latn").english_name, get_language("be@latin").autonym
    ('Belarusian (Latin)', 'Łacinka')
    """
    if not isinstance(code, str) or not _CODE.match(code.split("@", 1)[0]) or code.count("@") > 1:
        raise UnknownLanguage(code)
    tag = language_tag(code)
    if tag in SCRIPT_VARIANTS:
        return _script_variant(code, tag)
    try:
        locale = Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise UnknownLanguage(code) from None
    plural = get_plural(locale)
    expr = _parenthesized(plural.plural_expr)
    forms = f"nplurals={plural.num_plurals}; plural={expr};"
    return Language(
        code=code,
        english_name=locale.english_name or code,
        autonym=locale.get_display_name(locale) or code,
        plural_forms=forms,
        nplurals=plural.num_plurals,
        _plural=gettext.c2py(expr),
    )


SCRIPT_VARIANTS: dict[str, tuple[str, str, str]] = {
    "be-Latn": ("be", "Belarusian (Latin)", "Łacinka"),
}
"""Languages written in a script CLDR has no locale for: BCP 47 tag -> (the code whose
CLDR data they use, English name, name in the language switcher).  Their text is made
from the base language's (see :mod:`multipub.content.derived`), and so are their dates."""


def _script_variant(code: str, tag: str) -> Language:
    """The :class:`Language` of *code*, whose BCP 47 *tag* is one of :data:`SCRIPT_VARIANTS`.

    >>> latn = get_language("be-Latn")
    >>> latn.tag, latn.autonym, latn.nplurals, latn.locale.language
    ('be-Latn', 'Łacinka', 3, 'be')
    """
    base_code, english, autonym = SCRIPT_VARIANTS[tag]
    base = get_language(base_code)
    return Language(code=code, english_name=english, autonym=autonym,
                    plural_forms=base.plural_forms, nplurals=base.nplurals,
                    _plural=base.plural, locale_code=base_code)


def _parenthesized(expr: str) -> str:
    """*expr* wrapped in one pair of parentheses, as GNU gettext writes it.

    >>> _parenthesized("n != 1"), _parenthesized("(n != 1)"), _parenthesized("(a) ? 0 : (b)")
    ('(n != 1)', '(n != 1)', '((a) ? 0 : (b))')
    """
    expr = expr.strip()
    if expr.startswith("("):
        depth = 0
        for i, ch in enumerate(expr):
            depth += {"(": 1, ")": -1}.get(ch, 0)
            if depth == 0:
                if i == len(expr) - 1:
                    return expr
                break
    return f"({expr})"
