"""What makes a rebuild cheap: every cache multipub keeps, and where it keeps them.

Every cache lives under :data:`CACHE_ROOT` at the project's root (its path:
:func:`cache_path`); deleting that folder only costs the next command time.

- :mod:`.lines`: :class:`~.lines.KeyedLines`, the one store of ``key<TAB>value``
  lines the caches below share (read lazily, appended to when few values change).
- :mod:`.documents`: the parsed front matter of every article file
  (``documents.jsonl``) and the source hashes hand-written translations are checked
  against (``source-hashes.jsonl``), both keyed by the hash of the file's bytes.
- :mod:`.inputs`: the inputs digest, known without loading the project.
- :mod:`.localized`: the texts of catalogue-backed versions (``build/localized.jsonl``).
- :mod:`.output`: the output folder of a build, its manifest and the record of its
  files' sizes and times (``build/outputs-<hash>.json``).
- :mod:`.fingerprints`: the hashes every page depends on (code, configuration,
  templates, UI catalogues).

(:mod:`multipub.quality.status` keeps its counts in ``status.json`` here too.)

May import the shared modules at the top of the package and :mod:`multipub.content`;
only :mod:`.fingerprints`, :mod:`.localized` and :mod:`.output` import the project
(and :mod:`.localized` the site) models they key (nothing imported by
:mod:`multipub.project` may import them at module import time), and this module itself
imports nothing, so that a no-change build (:mod:`.inputs`) starts fast.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["CACHE_ROOT", "cache_path"]

CACHE_ROOT = ".multipub-cache"
"""The folder of every cache of a project, relative to its root."""


def cache_path(root: str | os.PathLike[str], name: str) -> Path:
    """The file (or folder) *name* of the project cache of the project at *root*.

    >>> cache_path("/srv/blog", "build/localized.jsonl").as_posix()
    '/srv/blog/.multipub-cache/build/localized.jsonl'
    """
    return Path(root, CACHE_ROOT, name)
