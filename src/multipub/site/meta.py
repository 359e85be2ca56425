"""What a social network or a search engine reads of a page: Open Graph, the Twitter card
and schema.org ``NewsArticle`` in JSON-LD.

- :func:`og_locale`: a language as Open Graph names it (``pl`` -> ``pl_PL``, from
  CLDR's likely subtags).
- :func:`sharing`: the ``og:*`` and ``twitter:*`` values of a page.
- :func:`news_article`: the JSON-LD of an article page, with the links between its
  versions that schema.org offers: ``workTranslation`` on the original (every
  published translation), ``translationOfWork`` on a translation (the original).
  A fallback page carries none of them, and no ``og:locale:alternate``.

Absolute URLs need the site's ``base_url``; without it the values that must be
absolute (``og:url``, ``og:image``, ``url``) are left out.  May import the shared
modules.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from typing import Any

from babel import Locale
from babel.core import get_global
from markupsafe import Markup

__all__ = ["json_ld", "news_article", "og_locale", "sharing"]


@functools.lru_cache(maxsize=64)
def og_locale(code: str) -> str:
    """The Open Graph locale of the language *code*: language and territory.

    Open Graph locales have no script: ``be-Latn`` is ``be_BY`` like ``be``.

    >>> og_locale("pl"), og_locale("ru"), og_locale("be"), og_locale("pt_BR")
    ('pl_PL', 'ru_RU', 'be_BY', 'pt_BR')
    >>> og_locale("be-Latn")
    'be_BY'
    """
    parts = [p for p in code.replace("-", "_").split("_") if not (len(p) == 4 and p.isalpha())]
    locale = Locale.parse("_".join(parts))
    if locale.territory:
        return f"{locale.language}_{locale.territory}"
    likely = get_global("likely_subtags").get(locale.language, "")
    territory = Locale.parse(likely).territory if likely else None
    return f"{locale.language}_{territory}" if territory else locale.language


def sharing(*, kind: str, title: str, description: str, site_name: str, language: str,
            url: str | None, image: Mapping[str, Any] | None,
            alternates: Sequence[str] = ()) -> dict[str, Any]:
    """The Open Graph and Twitter values of a page.

    *image* has ``url`` (absolute), ``width``, ``height`` and ``alt``; *alternates*
    are the language codes of the page's other versions that exist (none for a
    fallback page).
    """
    return {
        "type": kind, "title": title, "description": description, "site_name": site_name,
        "url": url, "locale": og_locale(language),
        "alternates": list(dict.fromkeys(
            og_locale(code) for code in alternates if og_locale(code) != og_locale(language))),
        "image": image if image is not None and image.get("url") else None,
        "card": "summary_large_image" if image is not None and image.get("url") else "summary",
    }


def news_article(*, headline: str, description: str, url: str | None, language: str,
                 published: str, modified: str, images: Sequence[str], author: str,
                 publisher: str, publisher_url: str | None, section: str,
                 original: tuple[str, str] | None,
                 translations: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """The schema.org ``NewsArticle`` of an article page.

    *original* is ``(url, language tag)`` of the source version when the page is a
    translation; *translations* the same of every published translation when the page
    is the original.  (A fallback page passes neither.)
    """
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "NewsArticle",
                            "headline": headline}
    if url:
        data["@id"] = url
        data["url"] = url
        data["mainEntityOfPage"] = url
    if description:
        data["description"] = description
    data["inLanguage"] = language
    data["datePublished"] = published
    data["dateModified"] = modified
    if images:
        data["image"] = list(images)
    data["author"] = {"@type": "Organization", "name": author}
    publisher_data: dict[str, Any] = {"@type": "NewsMediaOrganization", "name": publisher}
    if publisher_url:
        publisher_data["url"] = publisher_url
    data["publisher"] = publisher_data
    if section:
        data["articleSection"] = section
    if original is not None:
        data["translationOfWork"] = _work(*original)
    if translations:
        data["workTranslation"] = [_work(u, tag) for u, tag in translations]
    return data


def _work(url: str, tag: str) -> dict[str, str]:
    return {"@type": "NewsArticle", "@id": url, "url": url, "inLanguage": tag}


def json_ld(data: Mapping[str, Any]) -> Markup:
    """*data* as the text of a ``<script type="application/ld+json">``: ``<``, ``>`` and
    ``&`` escaped, so no value can close the element.

    >>> print(json_ld({"headline": "</script>"}))
    {"headline": "\\u003c/script\\u003e"}
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
