"""Article files: front matter, the Markdown block model, segments, write-back and slugs.

- :mod:`.frontmatter`: the YAML block between ``---`` lines, read with the line of every key.
- :mod:`.frontmatter_edit`: one front-matter value changed in place, every other byte kept.
- :mod:`.packed`: front matter kept as compact JSON behind a read-only mapping.
- :mod:`.tracked`: text that remembers its source offsets, and Markdown's preprocessing.
- :mod:`.blocks`: Python-Markdown's block rules over those tracked strings.
- :mod:`.segment`: an article split into translation units, each with its source line.
- :mod:`.writeback`: translations written back into the source Markdown.
- :mod:`.slug`: ASCII names for URLs, made from titles in any language.

May import: :mod:`multipub.errors`, :mod:`multipub.fsio`, :mod:`multipub.languages`.
Works on strings; knows nothing of catalogues or projects.
"""
