"""The translation memory model: lookups, tie-breaks and filling catalogues."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from multipub.gettext.catalog import Catalog, Message
from multipub.gettext.memory import (
    COMMENT,
    Memory,
    MemorySpool,
    Origin,
    fill,
    split_sentences,
)
from multipub.gettext.pofile import parse_po

MSZ = ("Projekt zrealizowano w ramach programu polskiej współpracy rozwojowej "
       "Ministerstwa Spraw Zagranicznych RP.")
MSZ_RU = ("Проект реализован в рамках программы польского сотрудничества в целях "
          "развития Министерства иностранных дел Республики Польша.")


def memory_of(*articles: tuple[str, list[tuple[str, str]]], similarity: float = 85) -> Memory:
    memory = Memory(similarity)
    for name, pairs in articles:
        memory.add(Catalog(messages=[Message(a, b) for a, b in pairs]), Origin(name))
    return memory


def test_exact_match_names_its_origin() -> None:
    memory = memory_of(("articles/a", [(MSZ, MSZ_RU)]))
    found = memory.suggest(MSZ)
    assert found is not None
    assert found.text == MSZ_RU and found.note == "exact"
    assert found.comments() == [f"{COMMENT} from articles/a (exact)"]


def test_only_translated_entries_count() -> None:
    memory = Memory()
    memory.add(Catalog(messages=[
        Message("Fuzzy.", "Нечётко.", flags=["fuzzy"]),
        Message("Obsolete.", "Устарело.", obsolete=True),
        Message("Empty."),
        Message("kot", msgid_plural="koty", msgstr_plural=["кот", "кота", "котов"]),
    ]), Origin("articles/a"))
    assert len(memory) == 0
    assert all(memory.suggest(s) is None for s in ("Fuzzy.", "Obsolete.", "Empty.", "kot"))


def test_own_origin_is_excluded() -> None:
    memory = memory_of(("articles/a", [(MSZ, MSZ_RU)]))
    assert memory.suggest(MSZ, exclude="articles/a") is None


def test_normalized_match_carries_changed_numbers() -> None:
    memory = memory_of(("articles/a", [("W szkoleniu wzięło udział 48 osób.",
                                         "В обучении приняли участие 48 человек.")]))
    found = memory.suggest("W szkoleniu wzięło udział 50 osób!")
    assert found is not None
    assert found.text == "В обучении приняли участие 50 человек."
    assert found.note.endswith("% similar")
    assert found.source == "W szkoleniu wzięło udział 48 osób."


def test_near_match_with_a_small_edit_and_the_threshold() -> None:
    memory = memory_of(("articles/a", [(MSZ, MSZ_RU)]))
    edited = MSZ.replace("Projekt zrealizowano", "Szkolenie zrealizowano")
    found = memory.suggest(edited)
    assert found is not None and found.text == MSZ_RU
    assert found.note == "94% similar" and found.source == MSZ
    strict = memory_of(("articles/a", [(MSZ, MSZ_RU)]), similarity=96)
    assert strict.suggest(edited) is None


def test_best_near_match_first_then_article_id_with_alternatives() -> None:
    memory = memory_of(
        ("articles/c", [(MSZ.replace("Projekt", "Projekx"), "C")]),
        ("articles/b", [(MSZ.replace("Projekt", "Prajekt"), "B")]),
        ("articles/a", [(MSZ.replace("Projekt zrealizowano", "Wszystko zrobiono"), "A")]),
    )
    found = memory.suggest(MSZ)
    assert found is not None
    # b and c are equally similar and more similar than a; b wins the tie by its id
    assert found.text == "B" and found.origins == (Origin("articles/b"),)
    assert [o.name for o, _ in found.alternatives] == ["articles/c", "articles/a"]
    assert found.comments()[1] == f"{COMMENT} also articles/c (99% similar)"


def test_most_frequent_translation_wins_then_article_id() -> None:
    memory = memory_of(("articles/z", [("Dzień dobry.", "Добрый день.")]),
                       ("articles/y", [("Dzień dobry.", "Добрый день.")]),
                       ("articles/a", [("Dzień dobry.", "Здравствуйте.")]))
    found = memory.suggest("Dzień dobry.")
    assert found is not None
    assert found.text == "Добрый день." and found.origins == (Origin("articles/y"),)
    tie = memory_of(("articles/b", [("Tak.", "Да.")]), ("articles/a", [("Tak.", "Ага.")]))
    assert tie.suggest("Tak.") is not None
    assert tie.suggest("Tak.").text == "Ага."  # type: ignore[union-attr]


def test_articles_before_compendia() -> None:
    memory = Memory()
    memory.add(Catalog(messages=[Message("Tak.", "Да-да.")]), Origin("a.po", kind=1))
    memory.add(Catalog(messages=[Message("Tak.", "Да.")]), Origin("articles/z"))
    assert memory.suggest("Tak.").text == "Да."  # type: ignore[union-attr]


def test_sentences_assembled_from_several_articles() -> None:
    memory = memory_of(
        ("articles/a", [("Ala ma kota. Kot jest czarny.", "У Али есть кот. Кот черный.")]),
        ("articles/b", [(MSZ, MSZ_RU)]),
    )
    found = memory.suggest(f"Kot jest czarny. {MSZ}")
    assert found is not None
    assert found.text == f"Кот черный. {MSZ_RU}"
    assert found.note == "assembled from sentences"
    assert found.comments() == [
        f"{COMMENT} from articles/a, articles/b (assembled from sentences)"]
    single = memory.suggest("Ala ma kota.")
    assert single is not None and single.text == "У Али есть кот."
    assert single.note == "exact sentence"
    assert memory.suggest("Kot jest czarny. Pies nie.") is None


def test_split_sentences_keeps_abbreviations_and_quotes() -> None:
    assert split_sentences("Wnioski do 15 maja 2020 r. w systemie. Wyniki w lipcu.") == [
        "Wnioski do 15 maja 2020 r. w systemie.", "Wyniki w lipcu."]
    assert split_sentences("Он сказал: «Да.» Потом ушёл.") == ["Он сказал: «Да.»", "Потом ушёл."]
    text = "Jedno.  Drugie! Trzecie?"
    assert "".join(split_sentences(text, keep_space=True)) == text


def test_fill_marks_fuzzy_with_comment_and_overwrites_nothing() -> None:
    memory = memory_of(("articles/a", [(MSZ, MSZ_RU), ("Tytuł", "Заголовок")]))
    catalog = Catalog(messages=[
        Message(MSZ),
        Message("Tytuł", "Мой заголовок"),
        Message("Tytuł", "Черновик", msgctxt="x", flags=["fuzzy"]),
        Message("Nieznane."),
        Message(MSZ, msgctxt="caption", translator_comments=["keep me"]),
    ])
    assert fill(catalog, memory, exclude="articles/b") == 2
    first, own, fuzzy, unknown, commented = catalog.messages
    assert first.msgstr == MSZ_RU and first.fuzzy
    assert first.translator_comments == [f"{COMMENT} from articles/a (exact)"]
    assert (own.msgstr, own.fuzzy) == ("Мой заголовок", False)
    assert fuzzy.msgstr == "Черновик" and fuzzy.translator_comments == []
    assert unknown.msgstr == "" and not unknown.fuzzy
    assert commented.translator_comments == ["keep me", f"{COMMENT} from articles/a (exact)"]
    again = Catalog(messages=[Message(m.msgid, m.msgstr, msgctxt=m.msgctxt, flags=list(m.flags),
                                      translator_comments=list(m.translator_comments))
                              for m in catalog.messages])
    assert fill(again, memory) == 0


def test_near_match_sets_previous_msgid() -> None:
    memory = memory_of(("articles/a", [(MSZ, MSZ_RU)]))
    edited = MSZ.replace("Projekt", "Program")
    catalog = Catalog(messages=[Message(edited)])
    fill(catalog, memory)
    assert catalog.messages[0].previous_msgid == MSZ


def test_deterministic_whatever_the_order_of_articles() -> None:
    pairs = [("articles/b", [(MSZ.replace("Projekt", "Program"), "B")]),
             ("articles/a", [(MSZ.replace("Projekt", "Problem"), "A")])]
    one = memory_of(*pairs).suggest(MSZ)
    two = memory_of(*reversed(pairs)).suggest(MSZ)
    assert one == two


def test_entries_for_export() -> None:
    memory = memory_of(("articles/b", [("Tak.", "Да.")]),
                       ("articles/a", [("Tak.", "Ага."), ("Nie.", "Нет.")]),
                       ("articles/c", [("Tak.", "Да.")]))
    entries = list(memory.entries())
    assert [(e.source, e.translation) for e in entries] == [("Nie.", "Нет."), ("Tak.", "Да.")]
    tak = entries[1]
    assert [o.name for o in tak.origins] == ["articles/b", "articles/c"]
    assert tak.alternatives == (("Ага.", (Origin("articles/a"),)),)


def test_prepared_index_gives_the_same_suggestions_as_the_full_one() -> None:
    articles = (
        ("articles/a", [("Ala ma kota. Kot jest czarny.", "У Али есть кот. Кот черный."),
                        ("W szkoleniu wzięło udział 48 osób.", "В обучении были 48 человек."),
                        (MSZ, MSZ_RU)]),
        ("articles/b", [(MSZ.replace("Projekt", "Program"), "B"), ("Tak.", "Да.")]),
    )
    queries = ["Kot jest czarny.", "W szkoleniu wzięło udział 50 osób.",
               MSZ.replace("Projekt", "Prajekt"), f"Tak. {MSZ}", "Kot jest biały.",
               MSZ.replace("Projekt zrealizowano", "Szkolenia zrobiono")]
    full = memory_of(*articles)
    prepared = memory_of(*articles)
    prepared.prepare(queries)
    for query in queries:
        assert prepared.suggest(query, "articles/c") == full.suggest(query, "articles/c"), query
    assert full.suggest("W szkoleniu wzięło udział 50 osób.") is not None


def test_a_sentence_with_changed_numbers_gets_them_carried_over() -> None:
    memory = memory_of(("articles/a", [(
        "W Grodnie zakończył się cykl warsztatów. W szkoleniach wzięło udział 48 osób z 31 "
        "organizacji.",
        "В Гродно завершился цикл семинаров. В обучении приняли участие 48 человек из 31 "
        "организации.")]))
    found = memory.suggest("W szkoleniach wzięło udział 50 osób z 31 organizacji.")
    assert found is not None
    assert found.text == "В обучении приняли участие 50 человек из 31 организации."


# -- the spool: a memory of only what some texts can use --------------------------------

SENTENCES = ["Ala ma kota.", "Kot jest czarny.", "W szkoleniu wzięło udział 48 osób.",
             "Projekt trwał 3 lata.", MSZ, "Pies śpi.", "„Czy to prawda?”", "Tak."]


def _variants(text: str) -> list[str]:
    """Texts a translator's memory is asked for: the text, small edits, new numbers."""
    return [text, text.replace("a", "o", 1), text.replace("4", "5"), text.rstrip(".") + "!",
            "Nowe zdanie. " + text, text[: len(text) // 2] + "xyz"]


def _assert_same(catalogs: list[tuple[str, Catalog]], wanted: list[str],
                 spill: int = 16 << 20) -> MemorySpool:
    full = Memory()
    with MemorySpool(spill) as spool:
        for name, catalog in catalogs:
            full.add(catalog, Origin(name))
            spool.add(catalog, Origin(name))
        narrow = spool.memory_for(wanted)
    assert len(narrow) <= len(full)
    names = [None, *sorted({name for name, _ in catalogs})[:2]]
    for text in wanted:
        for exclude in names:
            assert narrow.suggest(text, exclude) == full.suggest(text, exclude), (text, exclude)
    return spool


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3),
                          st.integers(0, 5)), min_size=1, max_size=12),
       st.lists(st.tuples(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3),
                          st.integers(0, 5)), min_size=1, max_size=6))
def test_the_spools_memory_suggests_what_the_whole_memory_does(
        entries: list[tuple[list[str], int]], asked: list[tuple[list[str], int]]) -> None:
    catalogs = []
    for i, (sentences, variant) in enumerate(entries):
        source = _variants(" ".join(sentences))[variant]
        target = " ".join(f"[{i}] {s[::-1]}" for s in split_sentences(source))
        catalogs.append((f"articles/a{i % 4}", Catalog(messages=[Message(source, target)])))
    wanted = [_variants(" ".join(sentences))[variant] for sentences, variant in asked]
    _assert_same(catalogs, wanted)
    _assert_same(catalogs, wanted, spill=0)  # (in a file on disk from the first entry)


def test_the_spool_keeps_only_what_the_texts_can_use() -> None:
    catalogs = [(f"articles/a{i}", Catalog(messages=[
        Message(f"Zdanie numer {i} o czymś zupełnie innym, długie.", f"Предложение {i}."),
        Message(MSZ, MSZ_RU)])) for i in range(50)]
    with MemorySpool() as spool:
        for name, catalog in catalogs:
            spool.add(catalog, Origin(name))
        assert len(spool) == 100
        memory = spool.memory_for([MSZ.replace("Projekt", "Program")])
    assert len(memory) == 1  # MSZ only: the other texts share no anchor, sentence or fold
    found = memory.suggest(MSZ.replace("Projekt", "Program"))
    assert found is not None and found.text == MSZ_RU


def test_the_spool_on_real_catalogues() -> None:
    data = Path(__file__).parent.parent / "data" / "po"
    catalogs = [(name, parse_po((data / name).read_bytes(), name))
                for name in ("gnome-menus-be@latin.po", "metacity-be@latin.po")]
    texts = [m.msgid for _, c in catalogs for m in c.messages if m.msgid][::7]
    wanted = [variant for text in texts for variant in _variants(text)[:4]]
    _assert_same(catalogs, wanted)
