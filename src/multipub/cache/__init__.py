"""What makes a rebuild cheap: every cache multipub keeps, and where it keeps them.

Every cache lives under :data:`CACHE_ROOT` at the project's root (its path:
:func:`cache_path`); deleting that folder only costs the next command time.

- :mod:`.lines`: :class:`~.lines.KeyedLines`, the one store of ``key<TAB>value``
  lines the caches below share (read lazily, appended to when few values change).
- :mod:`.documents`: the parsed front matter of every article file
  (``documents.jsonl``) and the source hashes hand-written translations are checked
  against (``source-hashes.jsonl``), both keyed by the hash of the file's bytes.
- :mod:`.inputs`: the inputs digest, known without loading the project.
- :mod:`.build`: the localized-text cache (``build/localized.jsonl``) and the output
  record of a build (``build/outputs-<hash>.json`` beside the output's manifest).

(:mod:`multipub.quality.status` keeps its counts in ``status.json`` here too.)

May import the shared modules at the top of the package and :mod:`multipub.content`;
only :mod:`.build` imports the project and site models it keys (nothing imported by
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
