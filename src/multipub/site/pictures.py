"""``<picture>`` markup of processed images (:mod:`multipub.site.images`).

:func:`picture` gives the template values of one image (``src``, ``srcset`` of the
original format and of WebP, ``sizes``, ``width``/``height`` so the page does not
shift while it loads, ``loading="lazy"`` below the fold); :func:`responsive_body`
rewrites the ``<img>`` elements of a rendered (sanitised) article body that show a
processed image into the same markup.

May import the shared modules and :mod:`multipub.site`'s images.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from typing import Any

from markupsafe import Markup, escape

from .images import Picture

__all__ = ["BODY_SIZES", "CARD_SIZES", "LEAD_SIZES", "by_folder", "picture", "picture_html",
           "responsive_body", "srcset"]

LEAD_SIZES = "(min-width: 42rem) 40rem, calc(100vw - 2rem)"
"""``sizes`` of a lead photo: the theme's column, at most 40rem wide, 1rem padding."""
BODY_SIZES = LEAD_SIZES
CARD_SIZES = "7.5rem"
"""``sizes`` of a card's thumbnail (the theme's cards give it 7.5rem)."""


def by_folder(pictures: Mapping[str, Picture]) -> dict[str, dict[str, Picture]]:
    """*pictures* (site path -> picture) grouped by the folder of their files, so that a
    page finds its article's pictures without going through every image of the site.

    >>> from multipub.site.images import Variant
    >>> one = Picture("assets/a/x.png", 8, 8, (Variant("x.png", 8, 8, "image/png"),), ())
    >>> by_folder({"assets/a/x.png": one}) == {"assets/a/": {"assets/a/x.png": one}}
    True
    """
    found: dict[str, dict[str, Picture]] = {}
    for path, pic in pictures.items():
        found.setdefault(pic.folder, {})[path] = pic
    return found


def srcset(picture: Picture, url: Callable[[str], str], webp: bool = False) -> str:
    """The ``srcset`` of *picture*'s variants (WebP ones with *webp*)."""
    return ", ".join(f"{url(picture.folder + v.name)} {v.width}w"
                     for v in (picture.webp if webp else picture.variants))


def picture(found: Picture | None, path: str, url: Callable[[str], str], *, sizes: str,
            lazy: bool, alt: str) -> dict[str, Any]:
    """The template values of the image at site *path* (*found*: its processed form;
    ``None`` for a file that is not processed: then only ``src`` and ``alt``)."""
    if found is None:
        return {"src": url(path), "alt": alt, "srcset": "", "webp": "", "sizes": "",
                "width": None, "height": None, "lazy": lazy}
    largest = found.largest
    return {"src": url(found.folder + largest.name), "alt": alt,
            "srcset": srcset(found, url), "webp": srcset(found, url, webp=True),
            "sizes": sizes, "width": largest.width, "height": largest.height, "lazy": lazy,
            "type": largest.mime}


def picture_html(values: Mapping[str, Any], extra: str = "") -> Markup:
    """The ``<picture>`` element of :func:`picture`'s *values* (*extra*: more attributes
    of the ``<img>``, already escaped)."""
    if not values["srcset"]:
        return Markup('<img src="{}" alt="{}"{}>').format(values["src"], values["alt"],
                                                            Markup(extra))
    parts = ["<picture>"]
    if values["webp"]:
        parts.append(str(Markup('<source type="image/webp" srcset="{}" sizes="{}">').format(
            values["webp"], values["sizes"])))
    lazy = ' loading="lazy" decoding="async"' if values["lazy"] else ""
    parts.append(str(Markup('<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" '
                            'alt="{}"{}{}>').format(
        values["src"], values["srcset"], values["sizes"], values["width"], values["height"],
        values["alt"], Markup(lazy), Markup(extra))))
    parts.append("</picture>")
    return Markup("".join(parts))


_IMG = re.compile(r"<img\b([^>]*?)\s*/?>")
_ATTR = re.compile(r'([a-zA-Z][\w:-]*)="([^"]*)"')


def responsive_body(body: str, pictures: Mapping[str, Picture], url: Callable[[str], str],
                    *, eager_first: bool = False) -> str:
    """*body* with each ``<img>`` whose ``src`` is a processed image (by its URL from the
    page, in *pictures*) made a ``<picture>``: lazy, but for the first with
    *eager_first* (a page with no lead photo)."""
    if "<img" not in body or not pictures:
        return body
    first = [eager_first]

    def replace(m: re.Match[str]) -> str:
        attrs = {k: html.unescape(v) for k, v in _ATTR.findall(m.group(1))}
        found = pictures.get(attrs.get("src", ""))
        if found is None:
            return m.group(0)
        lazy = not first[0]
        first[0] = False
        values = picture(found, found.path, url, sizes=BODY_SIZES, lazy=lazy,
                         alt=attrs.get("alt", ""))
        extra = "".join(f' {k}="{escape(v)}"' for k, v in attrs.items()
                        if k not in ("src", "alt", "width", "height", "loading", "srcset",
                                     "sizes", "decoding"))
        return str(picture_html(values, extra))

    return _IMG.sub(replace, body)
