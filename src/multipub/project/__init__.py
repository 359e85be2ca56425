"""A project on disk: ``multipub.toml``, the articles and the articles x languages matrix.

- :mod:`.config`: the configuration, read with tomllib and validated whole.
- :mod:`.model`: :class:`Project`, :class:`Article`, :class:`Version`, :class:`Mode` and
  :func:`load_project`, which discovers every article and its language versions.

May import: :mod:`multipub.content`, :mod:`multipub.cache` (content hashes) and the
shared modules at the top of the package.
"""
