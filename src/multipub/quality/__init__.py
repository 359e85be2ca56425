"""What editors and translators are told: completeness, reports, checks, language.

- :mod:`.status`: completeness of every article and language (``multipub status``).
- :mod:`.reports`, :mod:`.report_html`: the status as a table, JSON, HTML or SVG.
- :mod:`.checks`: quality findings for translators and CI (``multipub check``).
- :mod:`.langid`: language identification that knows Belarusian.
- :mod:`.langid_model`: the model of :mod:`.langid` (features, binary form).
- :mod:`.langid_files`: the language of whole files (``multipub detect``).

May import :mod:`multipub.gettext`, :mod:`multipub.content`, :mod:`multipub.project` and
the shared modules; the build never imports it.
"""
