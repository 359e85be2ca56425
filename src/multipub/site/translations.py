"""UI translations: the strings of the theme's templates in each language.

:class:`UITranslations` looks a UI string up in the project's
``locales/<lang>/LC_MESSAGES/messages.po`` first, then in the default
theme's catalogue, else keeps the source string.  A translation whose
``%(name)s`` placeholders do not fit its msgid is ignored, so a typo of a
translator cannot break a build.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from ..cache.inputs import THEME_LOCALES  # the default theme's UI catalogues
from ..errors import MultipubError
from ..languages import Language

__all__ = ["Key", "Layer", "UITranslations", "catalog_layer", "load_ui_translations"]

Key = tuple[str | None, str]
Layer = Mapping[Key, tuple[str, ...]]


class UITranslations:
    """Gettext lookups through layers of catalogues for one language.

    Each layer maps ``(msgctxt, msgid)`` to its translated forms; the first
    layer with a usable translation wins, else the source string is used.

    >>> from multipub.languages import get_language
    >>> ui = UITranslations(get_language("ru"), [
    ...     {(None, "%(num)s article"): ("%(num)s статья", "%(num)s статьи", "%(num)s статей"),
    ...      (None, "Tags"): ("Теги",), (None, "Broken"): ("%(oops)s",)}])
    >>> ui.gettext("Tags"), ui.gettext("Missing"), ui.gettext("Broken")
    ('Теги', 'Missing', 'Broken')
    >>> [ui.ngettext("%(num)s article", "%(num)s articles", n) for n in (1, 3, 5)]
    ['%(num)s статья', '%(num)s статьи', '%(num)s статей']
    """

    def __init__(self, language: Language, layers: Sequence[Layer]) -> None:
        self.language = language
        self.layers = tuple(layers)

    def _lookup(self, key: Key, form: int, fallback: str, placeholders: str) -> str:
        for layer in self.layers:
            forms = layer.get(key)
            if forms is None:
                continue
            text = forms[form] if form < len(forms) else ""
            if text and _format_ok(placeholders, text):
                return text
        return fallback

    def text(self, message: str) -> str:
        """The translation of *message*, a plain text that is never %-formatted (a site name)."""
        return self._lookup((None, message), 0, message, "%")

    def gettext(self, message: str) -> str:
        """The translation of *message*."""
        return self._lookup((None, message), 0, message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The plural form of *singular*/*plural* for the count *n*."""
        fallback = singular if n == 1 else plural
        return self._lookup((None, singular), self.language.plural(n), fallback, plural)

    def pgettext(self, context: str, message: str) -> str:
        """The translation of *message* in *context*."""
        return self._lookup((context, message), 0, message, message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        """The plural form of *singular*/*plural* in *context* for the count *n*."""
        fallback = singular if n == 1 else plural
        return self._lookup((context, singular), self.language.plural(n), fallback, plural)


_PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?([diouxXeEfFgGcrsa%])")


def _format_ok(source: str, translation: str) -> bool:
    """Whether *translation* formats with exactly the values *source* provides.

    A *source* of ``"%"`` accepts any text (it will not be formatted).

    >>> _format_ok("%(num)s article", "%(num)s artykuł"), _format_ok("Tags", "100%")
    (True, False)
    """
    if source == "%":
        return True
    values: dict[str, object] = {"num": 0}
    for name, conv in _PLACEHOLDER.findall(source):
        values[name] = "x" if conv in "rsa" else 0
    try:
        translation % values
    except (KeyError, ValueError, TypeError):
        return False
    return True


_LAYERS: dict[str, tuple[bytes, Layer]] = {}
"""The last layer read from each file, with the hash of the bytes it was read from: a
warm process (``multipub serve``) asks again for every edit, and a file whose bytes
did not change is not parsed again."""


def catalog_layer(path: Path, shown: str) -> Layer:
    """The translated, non-fuzzy entries of the ``.po`` file at *path* ({} if absent)."""
    if not path.is_file():
        return {}
    from ..cache.inputs import file_hash
    from ..errors import CatalogError
    from ..fsio import read_bytes
    from ..gettext.poread import parse_po

    data = read_bytes(path, shown, CatalogError)
    hashed = file_hash(data)
    known = _LAYERS.get(str(path))
    if known is not None and known[0] == hashed:
        return known[1]
    try:
        catalog = parse_po(data, shown)
    except MultipubError as exc:
        raise exc.with_path(shown) from None
    layer: dict[Key, tuple[str, ...]] = {}
    for message in catalog.messages:
        if message.obsolete or message.fuzzy or not message.msgid:
            continue
        if message.msgid_plural is not None:
            forms = tuple(message.msgstr_plural)
        else:
            forms = (message.msgstr,)
        if any(forms):
            layer[(message.msgctxt, message.msgid)] = forms
    if len(_LAYERS) >= 64:
        _LAYERS.clear()
    _LAYERS[str(path)] = (hashed, layer)
    return layer


def load_ui_translations(language: Language, project_locales: Path | None,
                         shown: Callable[[Path], str] = str) -> UITranslations:
    """The UI strings of *language*: the project's catalogue over the theme's."""
    layers: list[Layer] = []
    if project_locales is not None:
        path = project_locales / language.code / "LC_MESSAGES" / "messages.po"
        layers.append(catalog_layer(path, shown(path)))
    theme = THEME_LOCALES / language.code / "LC_MESSAGES" / "messages.po"
    layers.append(catalog_layer(theme, str(theme)))
    return UITranslations(language, layers)

