"""How each language names the tags: ``tags.po`` and the tags of hand-written translations.

Tag names are translated once per language.  A catalogue-backed version
shows its source's tags under the names of ``locales/<lang>/LC_MESSAGES/tags.po``
(a tag without a translation keeps its source name).  A hand-written
translation names its tags itself, in its front matter's ``tags:`` list:

- **Same length as the source's list**: item *i* is this language's name of
  the source's tag *i* (they are paired by position).  The name is used for
  that tag on every page of the language, and beats ``tags.po``; where
  ``tags.po`` (or an earlier hand-written translation, oldest article first)
  names the tag otherwise, :func:`tag_names` reports a :class:`TagConflict`
  (``multipub check`` warns: ``tag-name``).  Among hand-written translations
  the first to name a tag wins.
- **Another length**: the translation's own tags are used as they are, in
  their order.  Each is the source tag that this language already calls so
  (a paired hand-written translation, ``tags.po``, or the source name itself
  written as it is); any other is a tag of its own in this language, with the
  key ``<lang>:<name>``: it has a tag page in this language only.
- **No ``tags:`` key**: the source's tags, as a catalogue-backed version has them.

Keys: a tag is known by its source name (the msgid of ``tags.po``) in every
language, so that tag pages of one tag link to each other across languages;
a tag of a language's own is known by ``<lang>:<name>``.  Slugs of tag pages
follow the page's language (:func:`~multipub.content.slug.slugify`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..project.model import Article, Project, Version
from .translations import catalog_layer

__all__ = ["TagConflict", "TagNames", "own_key", "plan_tags", "tag_names"]


def own_key(language: str, name: str) -> str:
    """The key of a tag that only a hand-written translation into *language* has.

    >>> own_key("be", "Гродна")
    'be:Гродна'
    """
    return f"{language}:{name}"


@dataclass(frozen=True)
class TagConflict:
    """A hand-written translation that names a source tag otherwise than *other* does."""

    path: str
    """The translation (relative to the project)."""
    line: int | None
    """The line of its tag."""
    source: str
    """The source tag."""
    name: str
    """Its name in this translation."""
    shown: str
    """The name this language's pages show."""
    other: str
    """Where the other name comes from: ``tags.po`` or another translation."""
    other_name: str


@dataclass(frozen=True)
class TagNames:
    """The tags of one language: names of source tags, keys of each hand-written version."""

    language: str
    names: Mapping[str, str]
    """Source tag -> its name in this language (where one is known)."""
    handwritten: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Article id -> the keys of the tags of its hand-written version in this language."""
    conflicts: tuple[TagConflict, ...] = ()
    own: Mapping[str, str] = field(default_factory=dict)
    """Key -> name of the tags of this language's own (not a source tag)."""

    def keys(self, article: Article, handwritten: bool) -> tuple[str, ...]:
        """The tag keys of *article* as its version in this language shows them."""
        if handwritten:
            return self.handwritten.get(article.id, article.tags)
        return article.tags

    def source(self, key: str) -> str:
        """The source tag of *key* (``""`` for a tag of this language's own)."""
        return "" if key in self.own else key

    def name(self, key: str) -> tuple[str, bool]:
        """The name shown for the tag *key*, and whether it is in this language."""
        if key in self.own:
            return self.own[key], True
        found = self.names.get(key)
        return (found, True) if found else (key, False)


def _own_tags(version: Version) -> list[str] | None:
    value = version.meta.get("tags")
    return [str(t) for t in value] if isinstance(value, list) else None


def tag_names(project: Project, language: str) -> TagNames:
    """How *language* names the tags of *project* (see the module's rule).

    Reads ``tags.po`` of *language*; a file that cannot be read raises
    :class:`~multipub.errors.MultipubError` naming it.
    """
    if language == project.config.source_language:
        return TagNames(language, {})
    path = project.catalog_path(language, "tags")
    shown = project.shown(path)
    layer = catalog_layer(path, shown)
    catalogued = {msgid: forms[0] for (ctx, msgid), forms in layer.items()
                  if ctx is None and forms[0]}
    order = sorted((a for a in project.articles if language in a.handwritten),
                   key=lambda a: (a.date, a.id))
    named: dict[str, tuple[str, Version]] = {}
    conflicts: list[TagConflict] = []
    handwritten: dict[str, tuple[str, ...]] = {}
    unpaired: list[tuple[Article, list[str]]] = []
    for article in order:
        version = article.handwritten[language]
        own = _own_tags(version)
        source = article.tags
        if own is None:
            continue
        if len(own) != len(source):
            unpaired.append((article, own))
            continue
        handwritten[article.id] = source
        for i, (source_tag, name) in enumerate(zip(source, own, strict=True)):
            line = version.doc.lines.get(("tags", str(i)))
            earlier = named.get(source_tag)
            if earlier is None:
                named[source_tag] = (name, version)
                po_name = catalogued.get(source_tag)
                if po_name is not None and po_name != name:
                    conflicts.append(TagConflict(version.shown, line, source_tag, name, name,
                                                 shown, po_name))
            elif earlier[0] != name:
                conflicts.append(TagConflict(version.shown, line, source_tag, name, earlier[0],
                                             earlier[1].shown, earlier[0]))
    names = {**catalogued, **{tag: name for tag, (name, _) in named.items()}}
    known = {tag for article in project.articles for tag in article.tags}
    by_name: dict[str, str] = {}
    for tag in sorted(known):
        by_name.setdefault(tag, tag)
    for tag, name in sorted(catalogued.items()):
        by_name[name] = tag
    for tag, (name, _) in sorted(named.items()):
        by_name[name] = tag
    own_tags: dict[str, str] = {}
    for article, own in unpaired:
        keys: list[str] = []
        for name in own:
            key = by_name.get(name)
            if key is None:
                key = own_key(language, name)
                own_tags[key] = name
            keys.append(key)
        handwritten[article.id] = tuple(dict.fromkeys(keys))
    return TagNames(language, names, handwritten, tuple(conflicts), own_tags)


def plan_tags(names: TagNames, keys: Sequence[str]) -> list[tuple[str, str, bool]]:
    """``(key, name, in this language)`` of the tag *keys*, source tags first then a
    language's own, each group sorted by key (the order slugs are claimed in)."""
    ordered = sorted(set(keys), key=lambda k: (k in names.own, k))
    return [(key, *names.name(key)) for key in ordered]
