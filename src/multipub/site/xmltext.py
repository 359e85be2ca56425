"""XML text and attribute values, escaped as ``xml.sax.saxutils`` escapes them.

One escaper for every XML multipub writes: Atom feeds and the sitemap
(:mod:`multipub.site.feeds`) and the status badges (:mod:`multipub.quality.reports`).
Characters XML 1.0 cannot hold are dropped.

>>> xml_text("Tom & Jerry <3"), xml_attr("ru"), xml_attr("a & b")
('Tom &amp; Jerry &lt;3', '"ru"', '"a &amp; b"')

Imports nothing of multipub: cheap for every command.
"""

from __future__ import annotations

import re

__all__ = ["xml_attr", "xml_chars", "xml_text"]


def xml_text(value: str) -> str:
    """*value* as XML character data (``xml.sax.saxutils.escape``)."""
    return xml_chars(value).replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def xml_attr(value: str) -> str:
    """*value* as a quoted XML attribute, as ``xml.sax.saxutils.quoteattr`` quotes it.

    (Not imported from there: ``xml.sax.saxutils`` imports ``urllib.request``
    and with it ``http.client`` and ``ssl``, about 12 ms of every build.)
    """
    if _PLAIN_ATTR.fullmatch(value):
        return '"' + value + '"'
    value = xml_text(value).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in value:
        return '"' + value + '"'
    if "'" not in value:
        return "'" + value + "'"
    return '"' + value.replace('"', "&quot;") + '"'


_PLAIN_ATTR = re.compile(r"[A-Za-z0-9/#.:_~%?=+,;@()!$*-]*")
"""Values (URLs, language tags) that :func:`xml_attr` puts in double quotes unchanged."""


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""What XML 1.0 cannot hold: the complement of ``[\\t\\n\\r\\x20-\\ud7ff\\ue000-\\ufffd
\\U00010000-\\U0010ffff]``, written out (compiling that wide class costs 5 ms per start)."""


def xml_chars(value: str) -> str:
    """*value* without the characters XML 1.0 cannot hold (control characters)."""
    return _NOT_XML.sub("", value)
