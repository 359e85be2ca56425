"""A project on disk: ``multipub.toml``, the articles and the articles x languages matrix.

- :mod:`.config`: the configuration, read with tomllib and validated whole.
- :mod:`.model`: :class:`Project`, :class:`Article`, :class:`Version`, :class:`Mode` and
  :func:`load_project`, which discovers every article and its language versions.

Holds no cache of its own: what loading remembers across runs (parsed front matter,
source hashes) is in :mod:`multipub.cache.documents`.

May import: :mod:`multipub.content`, from :mod:`multipub.cache` the modules that know
no project (:mod:`~multipub.cache.inputs`, :mod:`~multipub.cache.documents`,
:mod:`~multipub.cache.lines`; never :mod:`~multipub.cache.fingerprints`,
:mod:`~multipub.cache.localized` or :mod:`~multipub.cache.output`, which import this package)
and the shared modules at the top of the package.
"""
