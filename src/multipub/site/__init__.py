"""The static site: what is published where, and how it is rendered.

- :mod:`.plan`: every page decided before anything is rendered (versions, slugs, tags).
- :mod:`.translations`: the UI strings of the theme, from the project's and the theme's catalogues.
- :mod:`.templates`: the Jinja2 environment of each language and the :class:`~.templates.Theme`.
- :mod:`.markdown`: article bodies to sanitised HTML (Python-Markdown's public API, nh3).
- :mod:`.markdown_fast`: the one adapter that builds on Python-Markdown's internals, for speed.
- :mod:`.pages`: every page rendered through the templates, with the key of what it shows.
- :mod:`.urls`: relative URLs between pages and quoting of site paths.
- :mod:`.feeds`: Atom feeds and the sitemap, pure functions from values to XML.
- :mod:`.xmltext`: the XML escaper of every XML multipub writes (feeds, badges).

May import :mod:`multipub.gettext`, :mod:`multipub.content`, :mod:`multipub.project`,
:mod:`multipub.cache` and the shared modules.
"""
