"""URLs between pages: relative links and quoting."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from multipub.site.urls import relative_url


def test_relative_urls() -> None:
    assert relative_url("be/grodna/", "pl/grodna/index.html") == "../../be/grodna/"
    assert relative_url("pl/", "pl/index.html") == "./"
    assert relative_url("assets/a/zdjęcie 1.png", "pl/a/index.html") == (
        "../../assets/a/zdj%C4%99cie%201.png")


_SEGMENT = st.sampled_from(["pl", "ru", "be", "a", "b", "tag", "page", "2", "x.y", "..", "."])


@given(st.lists(_SEGMENT, max_size=5), st.booleans(),
       st.lists(_SEGMENT.filter(lambda s: s != ".."), max_size=4),
       st.sampled_from(["index.html", "feed.xml"]))
def test_relative_url_equals_relpath(target_parts: list[str], folder: bool,
                                     page_parts: list[str], page_file: str) -> None:
    import posixpath
    from urllib.parse import quote

    target = "/".join(target_parts) + ("/" if folder and target_parts else "")
    if posixpath.normpath(target or ".").startswith(".."):
        return  # above the site: not a site path
    page = "/".join([*page_parts, page_file])
    rel = posixpath.relpath(target.rstrip("/") or ".", posixpath.dirname(page) or ".")
    if target.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    assert relative_url(target, page) == quote(rel, safe="/#.-_~")
