"""Tests of multipub.quality.langid: language identification that knows Belarusian."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from multipub.quality.langid import (
    Detection,
    detect,
    detect_language,
    detect_texts,
    mixed_script_words,
    strip_markup,
    words,
)

GROUP = ("pl", "ru", "be", "uk")

# Real sentences (Tatoeba, CC BY 2.0 FR), short (< 30 characters) and long.
SENTENCES = [
    ("be", "Адкуль ты ведаеш?"),
    ("be", "Бутэлька поўная вады."),
    ("be", "Сёння першы дзень вясны."),
    ("be", "Аня заўсёды прыслухваецца да Дашыных парад."),
    ("be", "Раней я гуляў з сваёй сястрой у парку, а цяпер няма часу."),
    ("ru", "Откуда ты знаешь?"),
    ("ru", "Бутылка полна воды."),
    ("ru", "Сегодня первый день весны."),
    ("ru", "Аня всегда прислушивается к Дашиным советам."),
    ("ru", "Раньше я играл со своей сестрой в парке, а теперь нет времени."),
    ("uk", "Звідки мені знати?"),
    ("uk", "Пляшка повна води."),
    ("uk", "Сьогодні субота."),
    ("uk", "Ти знаєш, де він купив свій фотоапарат?"),
    ("uk", "Через дощ ми не змогли поїхати на пікнік."),
    ("pl", "Boli mnie głowa."),
    ("pl", "Chleb jest świeży."),
    ("pl", "Bez kontekstu często trudno zrozumieć, o co chodzi w zdaniu."),
    ("pl", "Astronomia zajmuje się gwiazdami i planetami."),
]


@pytest.mark.parametrize(("lang", "text"), SENTENCES)
def test_real_sentences_with_candidates(lang: str, text: str) -> None:
    assert detect_language(text, candidates=GROUP) == lang


@pytest.mark.parametrize(("lang", "text"), SENTENCES)
def test_real_sentences_without_candidates(lang: str, text: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The quick brown fox jumps over the lazy dog near the river bank."),
        ("de", "Ich habe heute keine Zeit, weil ich arbeiten muss."),
        ("fr", "Je ne sais pas pourquoi il est parti si tôt ce matin."),
    ],
)
def test_languages_outside_the_group_go_to_langdetect(lang: str, text: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("be", "ru", "uk"),
    [
        ("Я хачу есці.", "Я хочу есть.", "Я хочу їсти."),
        ("Дзе мой сшытак?", "Где моя тетрадь?", "Де мій зошит?"),
        ("Дзякуй вам вельмі.", "Большое вам спасибо.", "Дуже вам дякую."),
        ("Гэта мая сястра.", "Это моя сестра.", "Це моя сестра."),
    ],
)
def test_confusable_east_slavic_pairs(be: str, ru: str, uk: str) -> None:
    assert detect_language(be, GROUP) == "be"
    assert detect_language(ru, GROUP) == "ru"
    assert detect_language(uk, GROUP) == "uk"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "42",
        "ok",
        "Я",
        "**",
        "%(count)s",
        "{name} {0}",
        "<b></b>&nbsp;",
        "https://example.org/a/b",
    ],
)
def test_undetermined_for_empty_short_or_markup_only(text: str) -> None:
    d = detect(text)
    assert d.language is None
    assert detect_language(text) is None
    assert d.confidence == 0.0


def test_candidates_restrict_the_answer() -> None:
    text = "Сёння першы дзень вясны."
    assert detect_language(text, candidates=["be"]) == "be"
    d = detect(text, candidates=["ru", "be", "uk"])
    assert set(d.scores) == {"ru", "be", "uk"}
    assert abs(sum(d.scores.values()) - 1.0) < 1e-9


def test_candidates_of_another_script_give_none() -> None:
    assert detect_language("Сёння першы дзень вясны.", candidates=["pl", "en"]) is None
    assert detect_language("Chleb jest świeży i smaczny.", candidates=["ru", "be"]) is None


def test_text_in_no_candidate_is_undetermined() -> None:
    english = "Please save the file before closing the window."
    assert detect_language(english) == "en"
    assert detect_language(english, candidates=GROUP) is None
    assert detect_language("Сёння першы дзень вясны.", candidates=["ru", "uk"]) is None


def test_candidates_mixing_model_and_langdetect_languages() -> None:
    assert detect_language("Сёння першы дзень вясны.", candidates=["be", "de"]) == "be"
    german = "Ich habe heute keine Zeit, weil ich arbeiten muss."
    assert detect_language(german, candidates=["be", "pl", "de"]) == "de"


def test_candidate_codes_are_normalized() -> None:
    assert detect_language("Сёння першы дзень вясны.", candidates=["be_BY", "ru-RU"]) == "be"


def test_deterministic_and_no_global_state() -> None:
    import langdetect

    before = langdetect.DetectorFactory.seed
    text = "Je ne sais pas pourquoi il est parti si tôt ce matin."
    first = [detect(text), detect("Адкуль ты ведаеш?")]
    for _ in range(5):
        assert [detect(text), detect("Адкуль ты ведаеш?")] == first
    assert langdetect.DetectorFactory.seed == before


def test_detection_value() -> None:
    d = detect("Раней людзі вандравалі пешшу.", GROUP)
    assert isinstance(d, Detection)
    assert d.language == "be"
    assert 0.6 <= d.confidence <= 1.0
    assert max(d.scores, key=lambda k: d.scores[k]) == "be"


def test_detect_texts_whole_catalogue() -> None:
    msgstrs = [
        "Адкрыць",
        "Захаваць",
        "Закрыць акно",
        "Файл не знойдзены: %s",
        "Выдаліць {count} файлаў?",
        "OK",
        "Налады",
    ]
    d = detect_texts(msgstrs, candidates=GROUP)
    assert d.language == "be"
    ukr = ["Відкрити", "Зберегти", "Закрити вікно", "Файл не знайдено: %s", "Налаштування"]
    assert detect_texts(ukr, candidates=GROUP).language == "uk"
    assert detect_texts([]).language is None


def test_detect_texts_article_with_markup() -> None:
    article = [
        "# Кластары на Беларусі",
        "Гэты артыкул распавядае пра **кластары** і [іх гісторыю](https://example.org/history).",
        "- першы пункт",
        "- другі пункт са спасылкай <https://example.org>",
        "```python\nprint('hello world')\n```",
    ]
    assert detect_texts(article).language == "be"


def test_a_few_foreign_segments_do_not_sway_a_catalogue() -> None:
    segments = ["Сёння першы дзень вясны."] * 20 + ["Сегодня первый день весны."]
    assert detect_texts(segments, GROUP).language == "be"


def test_mixed_script_words() -> None:
    # "cлова" starts with a Latin c, "мoй" has a Latin o.
    text = "Гэта cлова і мoй дом, a не your home, see https://пример.рф/x"
    assert mixed_script_words(text) == ["cлова", "мoй"]
    assert mixed_script_words("Чысты беларускі тэкст") == []
    assert mixed_script_words("Pure English text") == []


def test_homoglyphs_do_not_break_detection() -> None:
    # Latin i, o and c typed inside Cyrillic words.
    assert detect_language("Iсцiна ў вiне, а cлова — срэбра.", GROUP) == "be"


def test_strip_markup() -> None:
    text = (
        "**Вітаем**, %(name)s! Маеце %d паведамленняў ад {sender} і %1$s. "
        'See [the docs](https://example.org/docs "t") <b>or</b> '
        "write to a.b@example.org &amp; `code`"
    )
    clean = strip_markup(text)
    for gone in (
        "**",
        "%(name)s",
        "%d",
        "{sender}",
        "%1$s",
        "https://",
        "<b>",
        "&amp;",
        "@",
        "code",
    ):
        assert gone not in clean
    assert "Вітаем" in clean and "the docs" in clean


def test_words_keep_apostrophes_and_lowercase() -> None:
    assert words("З’ява п'яці ЧАЛАВЕК") == ["з'ява", "п'яці", "чалавек"]
    assert words("Оплата 100 %s") == ["оплата"]


def test_markup_does_not_change_the_answer() -> None:
    plain = "Раней людзі вандравалі пешшу."
    marked = "**Раней** людзі _вандравалі_ [пешшу](https://example.org). %s {count} <br/>"
    assert detect_language(marked, GROUP) == detect_language(plain, GROUP) == "be"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_never_crashes_and_answers_a_candidate(text: str) -> None:
    d = detect(text, candidates=GROUP)
    assert d.language is None or d.language in GROUP
    assert 0.0 <= d.confidence <= 1.0
    assert detect(text, candidates=GROUP) == d


# -- Belarusian in Łacinka, Taraškievica, context ------------------------------------

DATA = Path(__file__).resolve().parents[1] / "data" / "po"
# Held-out GNOME be@latin catalogues (Debian's metacity and gnome-menus, GPL-2+),
# turned back into .po by GNU msgunfmt; no text of these programs is in the model.
LACINKA_PO = (DATA / "metacity-be@latin.po", DATA / "gnome-menus-be@latin.po")
ALL = ("pl", "ru", "be", "uk", "be-Latn")


@pytest.mark.parametrize("path", LACINKA_PO, ids=lambda p: p.name)
def test_real_lacinka_catalogue_is_be_latn(path: Path) -> None:
    from multipub.quality.langid_files import detect_file

    assert detect_file(path).language == "be-Latn"
    assert detect_file(path, candidates=ALL).language == "be-Latn"


@pytest.mark.parametrize(
    "text",
    [
        # real msgstrs of the held-out metacity catalogue
        "Vyraz, jaki akreślivaje kaardynaty, pusty albo niezrazumieły",
        "Hradyjenty pavinny składacca prynamsi z dvuch koleraŭ",
        "Pamier ramki nie akreślivaje ličby knopak",
    ],
)
def test_real_lacinka_entries_are_not_polish(text: str) -> None:
    assert detect_language(text, ALL) == "be-Latn"
    assert detect_language(text) == "be-Latn"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("hr", "Danas je lijep dan i idemo u šetnju kroz grad s prijateljima."),
        ("cs", "Dnes je krásný den a půjdeme se projít po městě s přáteli."),
        ("pl", "Dziś jest piękny dzień i pójdziemy na spacer po mieście z przyjaciółmi."),
    ],
)
def test_neighbours_of_lacinka_are_not_lacinka(lang: str, text: str) -> None:
    assert detect_language(text) == lang


def test_taraskievica_is_belarusian() -> None:
    # Tatoeba sentences (CC BY 2.0 FR) in the classical orthography
    for text in ("Большасьць людзей ня ведае, што існуе мова ложбан.",
                 "Мы пагаварым пра гэта пазьней.",
                 "Раніцай я прачнуўся і ўжо ня змог зноў заснуць."):
        assert detect_language(text, ALL) == "be"
        assert detect_language(text, ["be@tarask", "ru", "uk"]) == "be"


def test_canonical_and_same_language() -> None:
    from multipub.quality.langid import canonical_language, same_language

    assert [canonical_language(c) for c in ("be@latin", "BE_latn", "be-Latn-BY", "be@tarask",
                                            "uk_UA", "de-AT")] == [
        "be-Latn", "be-Latn", "be-Latn", "be", "uk", "de-at"]
    assert same_language("be", "be@tarask") and same_language("be-Latn", "be@latin")
    assert not same_language("be", "be-Latn") and not same_language("be-Latn", "pl")


def test_context_outweighs_thin_evidence_only() -> None:
    # "Правда?" is Russian and Ukrainian alike: the catalogue's language decides
    assert detect("Правда?", ALL, context="uk").language in ("uk", None)
    assert detect("Правда?", ALL, context="ru").language in ("ru", None)
    long_ru = "Раньше я играл со своей сестрой в парке, а теперь нет времени."
    d = detect(long_ru, ALL, context="be")
    assert d.language == "ru" and d.confidence >= 0.99


def test_foreign_letters() -> None:
    from multipub.quality.langid import foreign_letters

    assert foreign_letters("Сохранить щит", "be") == "ищ"
    assert foreign_letters("Захаваць усё ўжо", "ru") == "ў"
    assert foreign_letters("Zażółć gęślą", "be@latin") == "żóęą"
    assert foreign_letters("Zachavać fajł", "be-Latn") == ""


def test_short_text_without_candidates_is_not_left_to_langdetect() -> None:
    # langdetect calls these short Polish sentences Swahili or Welsh; better say nothing
    for text in ("Palisz?", "A wy?"):
        assert detect_language(text) in ("pl", None)


@pytest.mark.parametrize(
    "text",
    [
        # real msgstrs of Debian's held-out eog, gedit and nautilus be@latin catalogues
        # (GPL-2+) that langdetect is sure are Lithuanian, Indonesian, Tagalog or Welsh
        "Adčyni kataloh",
        "Pakažy versiju aplikacyi",
        "Šukaj tekst",
        "Drukuj šapku",
    ],
)
def test_clear_lacinka_is_not_left_to_langdetect(text: str) -> None:
    assert detect_language(text) == "be-Latn"
    assert detect_language(text, ALL) == "be-Latn"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # real msgstrs of Debian's GNOME catalogues of gedit, glib, nautilus, gnome-menus
        # (GPL-2+ / LGPL-2+) that the main model alone calls Łacinka
        ("cs", "Určuje pozici pravého okraje."),
        ("cs", "Znovu komprimovat"),
        ("sk", "Hviezdička"),
        ("sk", "Vygeneruje zdrojové hlavičky"),
        ("hr", "Prikaži napredak"),
        ("hr", "Raspakiraj"),
        ("sl", "Igre in zabava"),
        ("sl", "Nadrejena mapa"),
        ("fi", "Vaihda suurennustilaa"),
        ("lt", "Lizdas jau užvertas"),
    ],
)
def test_real_neighbour_texts_are_not_lacinka(lang: str, text: str) -> None:
    assert detect_language(text) in (lang, None)


def test_models_stay_under_five_megabytes() -> None:
    from importlib import resources

    folder = resources.files("multipub").joinpath("data", "langid")
    sizes = {name: len(folder.joinpath(name).read_bytes())
             for name in ("slavic-nb.bin.gz", "neighbours-nb.bin.gz")}
    assert all(sizes.values())
    assert sum(sizes.values()) < 5_000_000


@pytest.mark.parametrize(
    "text",
    [
        # real msgstrs of Debian's Xfce be@tarask catalogues (xfce4-session, xfwm4;
        # GPL-2+), held out: no text of these programs is in the model
        "Хутка выйсьці без захаваньня сэансу",
        "Аўтаматам захоўваць сэанс падчас выхаду",
        "Не атрымалася ачысьціць усе файлы кішэню Xfce",
    ],
)
def test_real_taraskievica_catalogue_entries_are_belarusian(text: str) -> None:
    assert detect_language(text, ALL) == "be"
    assert detect_language(text) == "be"


def test_cyrillic_look_alikes_do_not_break_lacinka() -> None:
    # real be@latin msgstrs (eog, nautilus; GPL-2+) with a Cyrillic а and о typed in them
    for text in ("Adčyni kataloh", "Pakažy versiju aplikacyi"):
        spoiled = text.replace("a", "а", 1).replace("o", "о", 1)
        assert spoiled != text
        assert detect_language(spoiled, ALL) == detect_language(text, ALL) == "be-Latn"


def test_short_ru_uk_answer_without_telling_letters_needs_more_confidence() -> None:
    from types import MappingProxyType

    from multipub.quality.langid import UNMARKED_RU_UK_CONFIDENCE, _unmarked_ru_uk

    scores = MappingProxyType({"ru": 0.83, "uk": 0.17})
    thin = Detection("ru", 0.83, scores)
    assert UNMARKED_RU_UK_CONFIDENCE > 0.83
    # no letter of ы э ъ ё nor і ї є ґ ': abstain, keeping the best guess's confidence
    found = _unmarked_ru_uk(thin, words("Молоко скисло."), "Молоко скисло.")
    assert found == Detection(None, 0.83, scores)
    # one telling letter, a confident answer, a long text or another language: kept
    assert _unmarked_ru_uk(thin, words("Молоко скисло ещё."), "Молоко скисло ещё.") == thin
    assert _unmarked_ru_uk(thin, words("Моє молоко."), "Моє молоко.") == thin
    sure = Detection("uk", UNMARKED_RU_UK_CONFIDENCE, scores)
    assert _unmarked_ru_uk(sure, words("Том говорив."), "Том говорив.") == sure
    long = "Молоко скисло, потому что его оставили на солнце"
    assert _unmarked_ru_uk(thin, words(long), long) == thin
    be = Detection("be", 0.83, scores)
    assert _unmarked_ru_uk(be, words("Малако."), "Малако.") == be


def test_short_unmarked_text_between_ru_and_uk_is_undetermined(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import multipub.quality.langid as langid

    # a real Ukrainian Tatoeba sentence (CC BY 2.0 FR) that Russian spells alike
    text = "Молоко скисло."
    d = detect(text, ALL)
    assert d.language is None and 0.8 <= d.confidence < langid.UNMARKED_RU_UK_CONFIDENCE
    monkeypatch.setattr(langid, "UNMARKED_RU_UK_CONFIDENCE", 0.0)
    assert detect(text, ALL).language in ("ru", "uk")
