"""The commands, each a module that reads as its steps: what ``multipub <command>`` runs.

- :mod:`.init`: ``multipub init`` (a new project).
- :mod:`.templates`: the ``.pot`` templates computed from a project, in memory.
- :mod:`.catalogs`: ``extract``, ``update`` and ``compile``, and localized articles.
- :mod:`.stamp`: ``multipub stamp``.
- :mod:`.build`: ``multipub build`` (the site and the localized Markdown).

May import every other sub-package; nothing but :mod:`multipub.cli` and the public
verbs of :mod:`multipub` imports it.
"""
