"""multipub.site.xmltext: the one XML escaper, against the standard library's."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ0 &<>\"'\n\r\t/#:%?=é\x00\ud7ff\ufffe"))
               | st.characters()))
def test_escaping_equals_xml_sax_saxutils(value: str) -> None:
    """Escaped as xml.sax.saxutils does (it is not imported for its import cost)."""
    from xml.sax.saxutils import escape, quoteattr

    from multipub.site.xmltext import xml_attr, xml_chars, xml_text

    assert xml_text(value) == escape(xml_chars(value))
    assert xml_attr(value) == quoteattr(xml_chars(value))


@settings(max_examples=500, deadline=None)
@given(st.characters(codec=None) | st.sampled_from(["\x08", "\x0b", "\x1f", "\ud7ff", "\ud800",
                                                    "\udfff", "\ue000", "\ufffd", "\ufffe",
                                                    "\uffff", "\U00010000", "\U0010ffff"]))
def test_not_xml_is_the_complement_of_xml_chars(ch: str) -> None:
    import re

    from multipub.site.xmltext import _NOT_XML

    xml = re.compile("[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    assert (_NOT_XML.match(ch) is None) == (xml.match(ch) is not None)
