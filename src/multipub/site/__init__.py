"""The static site: what is published where, and how it is rendered.

- :mod:`.plan`: every page decided before anything is rendered (versions, slugs, tags).
- :mod:`.render`: UI translations, the Jinja2 environment, Markdown and sanitising.
- :mod:`.feeds`: Atom feeds and the sitemap, pure functions from values to XML.
- :mod:`.xmltext`: the XML escaper of every XML multipub writes (feeds, badges).

May import :mod:`multipub.gettext`, :mod:`multipub.content`, :mod:`multipub.project`,
:mod:`multipub.cache` and the shared modules.
"""
