"""GNU gettext catalogues: the model, the PO and MO formats, statistics and merging.

- :mod:`.catalog`: :class:`Catalog` and :class:`Message`, pure values without I/O.
- :mod:`.pofile`: reading and writing PO/POT files, byte-identical to GNU ``msgcat``
  (the public face of :mod:`.poread`, the parser, :mod:`.powrite`, the writer, and
  :mod:`.postring`, the string literals and charsets both share).
- :mod:`.linebreak`: Unicode line breaking as GNU libunistring does it (for the writer).
- :mod:`.mofile`: compiled ``.mo`` files and in-memory translations.
- :mod:`.stats`: the counts of ``msgfmt --statistics``.
- :mod:`.merge`: ``msgmerge --previous`` done right (fuzzy matching, nothing lost).
- :mod:`.polib_bridge`: a :class:`Catalog` to a ``polib.POFile`` and back.

May import: :mod:`multipub.errors`, :mod:`multipub.fsio`, :mod:`multipub.languages`.
Knows nothing of projects, articles or Markdown.
"""
