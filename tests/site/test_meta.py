"""Open Graph locales, JSON-LD that no value can break out of."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from multipub.site.meta import json_ld, news_article, og_locale


@pytest.mark.parametrize(("code", "locale"), [("pl", "pl_PL"), ("ru", "ru_RU"), ("be", "be_BY"),
                                              ("uk", "uk_UA"), ("pt_BR", "pt_BR"),
                                              ("en", "en_US")])
def test_og_locale(code: str, locale: str) -> None:
    assert og_locale(code) == locale


@given(st.dictionaries(st.text(), st.text()))
def test_json_ld_round_trips_and_never_closes_the_script(data: dict[str, str]) -> None:
    text = str(json_ld(data))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


def test_news_article_links_versions_as_schema_org_says() -> None:
    common = dict(headline="T", description="D", language="pl", published="2024-03-05",
                  modified="2024-03-05", images=["https://x.org/a.jpg"], author="P",
                  publisher="P", publisher_url="https://x.org/pl/", section="Aktualności")
    original = news_article(url="https://x.org/pl/a/", original=None,
                            translations=[("https://x.org/ru/a/", "ru")], **common)
    assert original["workTranslation"] == [{"@type": "NewsArticle", "@id": "https://x.org/ru/a/",
                                            "url": "https://x.org/ru/a/", "inLanguage": "ru"}]
    assert "translationOfWork" not in original
    translation = news_article(url="https://x.org/ru/a/", original=("https://x.org/pl/a/", "pl"),
                               translations=[], **common)
    assert translation["translationOfWork"]["url"] == "https://x.org/pl/a/"
    assert "workTranslation" not in translation
    assert translation["articleSection"] == "Aktualności"
