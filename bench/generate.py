"""Generate a deterministic, realistic multipub project for the benchmarks.

    python bench/generate.py OUT --articles N [--seed 1] [--segments M] [--handwritten 0.33]

Writes ``OUT/multipub.toml`` (source ``pl``, languages ``ru``, ``be``) and
``OUT/content/<id>/pl.md`` for N articles: YAML front matter (title, a date
spread over 2008-2025, 2-4 tags from a pool of 40 Polish tags, summary, and
for about half the articles an image with caption and credit, the PNG copied
into the article folder) and a Markdown body of 300-700 words (headings,
paragraphs with **bold** and [links](https://...), bulleted and numbered
lists, now and then a table and a block quote).  The words come from aligned
Polish / Russian / Belarusian vocabularies, so a text "translates" word by
word with plausible letter statistics.

About a third of the articles get hand-written ``ru.md`` / ``be.md`` (the
same structure in Cyrillic, ``translated_from`` stamped with
:func:`multipub.content.segment.source_hash`); the rest are catalogue-backed: the
generator runs multipub's extract and update through the Python API
(:mod:`multipub.commands.catalogs`) and fills the msgstrs (most catalogues complete,
some partial, some with fuzzy entries) with :mod:`multipub.gettext.pofile`.  Parts of
multipub that do not exist yet are skipped with a note on stderr.

``--segments M`` makes long articles of about M segments each (short
paragraphs and list items), for the status benchmark (150 catalogues of
2,000 entries: ``--articles 75 --segments 2000 --handwritten 0``).

The same arguments always give a byte-identical project.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import re
import shutil
import struct
import sys
import unicodedata
import zlib
from collections.abc import Callable
from pathlib import Path
from random import Random

import yaml

CORPUS_VERSION = 2
"""Bump when a change makes the generator write different bytes (``run.py`` then regenerates)."""

FUNCTION = """\
i|и|і
w|в|у
z|с|з
na|на|на
do|до|да
że|что|што
nie|не|не
się|себя|сябе
to|это|гэта
jest|есть|ёсць
od|от|ад
o|о|пра
po|по|па
dla|для|для
oraz|также|таксама
przez|через|праз
a|а|а
jak|как|як
ale|но|але
już|уже|ужо
tak|так|так
który|который|які
która|которая|якая
które|которые|якія
tego|этого|гэтага
ten|этот|гэты
są|находятся|знаходзяцца
był|был|быў
była|была|была
będzie|будет|будзе
przy|при|пры
pod|под|пад
między|между|паміж
wszystkich|всех|усіх
jego|его|яго
ich|их|іх
więc|поэтому|таму
też|тоже|таксама
bardzo|очень|вельмі
tylko|только|толькі
gdy|когда|калі
gdzie|где|дзе
"""

CONTENT = """\
projekt|проект|праект
projektu|проекта|праекта
współpraca|сотрудничество|супрацоўніцтва
współpracy|сотрудничества|супрацоўніцтва
rozwój|развитие|развіццё
rozwojowej|развития|развіцця
pomoc|помощь|дапамога
pomocy|помощи|дапамогі
kraj|страна|краіна
kraju|страны|краіны
miasto|город|горад
miastach|городах|гарадах
region|регион|рэгіён
regionu|региона|рэгіёна
szkoła|школа|школа
szkoły|школы|школы
szkolenie|обучение|навучанне
szkolenia|тренинги|трэнінгі
uczestnicy|участники|удзельнікі
uczestników|участников|удзельнікаў
spotkanie|встреча|сустрэча
spotkania|встречи|сустрэчы
spotkań|встреч|сустрэч
eksperci|эксперты|эксперты
ekspertów|экспертов|экспертаў
organizacja|организация|арганізацыя
organizacje|организации|арганізацыі
pozarządowe|неправительственные|недзяржаўныя
społeczeństwo|общество|грамадства
obywatelskie|гражданское|грамадзянскае
młodzież|молодёжь|моладзь
studenci|студенты|студэнты
studentów|студентов|студэнтаў
stypendia|стипендии|стыпендыі
uniwersytet|университет|універсітэт
uczelni|вуза|ВНУ
nauczyciele|учителя|настаўнікі
dzieci|дети|дзеці
rodzice|родители|бацькі
kobiety|женщины|жанчыны
przedsiębiorcy|предприниматели|прадпрымальнікі
firmy|компании|кампаніі
gospodarka|экономика|эканоміка
gospodarki|экономики|эканомікі
rolnictwo|сельское хозяйство|сельская гаспадарка
rolnicy|фермеры|фермеры
woda|вода|вада
wody|воды|вады
energia|энергия|энергія
zdrowie|здоровье|здароўе
szpital|больница|бальніца
lekarze|врачи|лекары
edukacja|образование|адукацыя
edukacji|образования|адукацыі
kultura|культура|культура
historia|история|гісторыя
język|язык|мова
polski|польский|польскі
polska|польская|польская
polskie|польские|польскія
polskich|польских|польскіх
białoruski|белорусский|беларускі
białoruskie|белорусские|беларускія
białoruskiej|белорусской|беларускай
ukraiński|украинский|украінскі
Polska|Польша|Польшча
Polski|Польши|Польшчы
Białoruś|Беларусь|Беларусь
Białorusi|Беларуси|Беларусі
Ukraina|Украина|Украіна
Ukrainie|Украине|Украіне
Mołdawia|Молдова|Малдова
Gruzja|Грузия|Грузія
Armenia|Армения|Арменія
Warszawa|Варшава|Варшава
Warszawie|Варшаве|Варшаве
Mińsk|Минск|Мінск
Mińsku|Минске|Мінску
Grodno|Гродно|Гродна
Grodnie|Гродно|Гродне
Brześć|Брест|Брэст
Witebsk|Витебск|Віцебск
Homel|Гомель|Гомель
Mohylew|Могилёв|Магілёў
Kijów|Киев|Кіеў
Lwów|Львов|Львоў
Białystok|Белосток|Беласток
Białymstoku|Белостоке|Беластоку
Lublin|Люблин|Люблін
Kraków|Краков|Кракаў
ministerstwo|министерство|міністэрства
Ministerstwa|Министерства|Міністэрства
Spraw|Дел|Спраў
Zagranicznych|Иностранных|Замежных
program|программа|праграма
programu|программы|праграмы
ramach|рамках|рамках
fundacja|фонд|фонд
fundacji|фонда|фонду
stowarzyszenie|ассоциация|асацыяцыя
wsparcie|поддержка|падтрымка
wsparcia|поддержки|падтрымкі
finansowe|финансовое|фінансавая
środki|средства|сродкі
budżet|бюджет|бюджэт
rok|год|год
roku|году|годзе
lat|лет|гадоў
miesiąc|месяц|месяц
tydzień|неделя|тыдзень
dzień|день|дзень
czas|время|час
praca|работа|праца
pracy|работы|працы
doświadczenie|опыт|досвед
doświadczenia|опыта|досведу
doświadczeniem|опытом|досведам
wiedza|знание|веды
umiejętności|навыки|навыкі
warsztaty|мастерские|майстэрні
konferencja|конференция|канферэнцыя
dyskusja|дискуссия|дыскусія
dyskusji|дискуссии|дыскусіі
raport|доклад|даклад
badanie|исследование|даследаванне
wyniki|результаты|вынікі
cel|цель|мэта
celem|целью|мэтай
zadanie|задача|задача
działania|действия|дзеянні
inicjatywa|инициатива|ініцыятыва
partnerzy|партнёры|партнёры
partnerami|партнёрами|партнёрамі
lokalne|местные|мясцовыя
lokalnych|местных|мясцовых
władze|власти|улады
samorząd|самоуправление|самакіраванне
administracja|администрация|адміністрацыя
administracji|администрации|адміністрацыі
biznes|бизнес|бізнес
biznesu|бизнеса|бізнесу
rynek|рынок|рынак
innowacje|инновации|інавацыі
technologie|технологии|тэхналогіі
cyfrowe|цифровые|лічбавыя
internet|интернет|інтэрнэт
media|СМИ|СМІ
mediach|СМИ|СМІ
dziennikarze|журналисты|журналісты
informacje|информация|інфармацыя
prawo|право|права
prawa|права|правы
człowieka|человека|чалавека
demokracja|демократия|дэмакратыя
wolność|свобода|свабода
bezpieczeństwo|безопасность|бяспека
środowisko|окружающая среда|навакольнае асяроддзе
klimat|климат|клімат
las|лес|лес
rzeka|река|рака
droga|дорога|дарога
budynek|здание|будынак
sprzęt|оборудование|абсталяванне
laptopy|ноутбуки|ноўтбукі
książki|книги|кнігі
biblioteka|библиотека|бібліятэка
muzeum|музей|музей
teatr|театр|тэатр
muzyka|музыка|музыка
sport|спорт|спорт
wolontariusze|волонтёры|валанцёры
mieszkańcy|жители|жыхары
mieszkańców|жителей|жыхароў
ludzie|люди|людзі
osoby|люди|асобы
osób|человек|асоб
grupa|группа|група
grupy|группы|групы
sieć|сеть|сетка
centrum|центр|цэнтр
ośrodek|центр|цэнтр
klastry|кластеры|кластары
klastrów|кластеров|кластараў
sektor|сектор|сектар
usługi|услуги|паслугі
turystyka|туризм|турызм
produkcja|производство|вытворчасць
eksport|экспорт|экспарт
szkoleń|тренингов|трэнінгаў
nowy|новый|новы
nowe|новые|новыя
nowych|новых|новых
duży|большой|вялікі
duże|большие|вялікія
mały|малый|малы
małe|малые|малыя
ważny|важный|важны
ważne|важные|важныя
dobry|хороший|добры
dobre|хорошие|добрыя
pierwszy|первый|першы
drugi|второй|другі
ostatni|последний|апошні
wspólny|общий|агульны
praktyczne|практические|практычныя
konkretne|конкретные|канкрэтныя
europejskie|европейские|еўрапейскія
międzynarodowe|международные|міжнародныя
regionalne|региональные|рэгіянальныя
społeczne|социальные|сацыяльныя
publiczne|общественные|грамадскія
otwarte|открытые|адкрытыя
aktywny|активный|актыўны
szeroki|широкий|шырокі
kolejny|очередной|чарговы
wiele|много|шмат
kilka|несколько|некалькі
wszystkie|все|усе
każdy|каждый|кожны
inne|другие|іншыя
więcej|больше|больш
mniej|меньше|менш
razem|вместе|разам
dzisiaj|сегодня|сёння
teraz|сейчас|цяпер
wcześniej|раньше|раней
później|позже|пазней
również|также|таксама
bardziej|более|больш
dzięki|благодаря|дзякуючы
według|согласно|паводле
realizuje|реализует|рэалізуе
realizowanego|реализуемого|рэалізаванага
prowadzi|ведёт|вядзе
prowadzą|ведут|вядуць
opowiadają|рассказывают|расказваюць
omawiają|обсуждают|абмяркоўваюць
przedstawiają|представляют|прадстаўляюць
wspiera|поддерживает|падтрымлівае
wspierają|поддерживают|падтрымліваюць
organizuje|организует|арганізуе
zorganizowano|организовали|арганізавалі
uczestniczyli|участвовали|удзельнічалі
wzięli|приняли|узялі
udział|участие|удзел
otrzymali|получили|атрымалі
otrzymała|получила|атрымала
zakończył|завершил|завяршыў
rozpoczął|начал|пачаў
trwa|длится|доўжыцца
powstał|создан|створаны
zbudowano|построили|пабудавалі
otwarto|открыли|адкрылі
przekazano|передали|перадалі
pokazuje|показывает|паказвае
wskazują|указывают|паказваюць
potrzebują|нуждаются|патрабуюць
mogą|могут|могуць
można|можно|можна
należy|следует|трэба
chcemy|хотим|хочам
planujemy|планируем|плануем
rozwijać|развивать|развіваць
budować|строить|будаваць
uczyć|учить|вучыць
pomagać|помогать|дапамагаць
tworzyć|создавать|ствараць
zwiększyć|увеличить|павялічыць
poprawić|улучшить|палепшыць
dostęp|доступ|доступ
jakość|качество|якасць
poziom|уровень|узровень
skala|масштаб|маштаб
liczba|число|колькасць
część|часть|частка
koniec|конец|канец
początek|начало|пачатак
przykład|пример|прыклад
przykładach|примерах|прыкладах
temat|тема|тэма
temacie|теме|тэме
potencjał|потенциал|патэнцыял
możliwości|возможности|магчымасці
problem|проблема|праблема
rozwiązania|решения|рашэнні
zmiany|изменения|змены
sytuacja|ситуация|сітуацыя
przyszłość|будущее|будучыня
plan|план|план
strategia|стратегия|стратэгія
ocena|оценка|ацэнка
jesień|осень|восень
wiosna|весна|вясна
lato|лето|лета
zima|зима|зіма
"""

NAMES = """\
Fot.|Фото|Фота
Anna|Анна|Ганна
Maria|Мария|Марыя
Piotr|Пётр|Пётр
Tomasz|Томаш|Томаш
Katarzyna|Катажина|Катажына
Nowak|Новак|Новак
Kowalska|Ковальская|Кавальская
Wiśniewski|Вишневский|Вішнеўскі
Zielińska|Зелинская|Зялінская
Lewandowski|Левандовский|Левандоўскі
Fundacja|Фонд|Фонд
Rozwoju|Развития|Развіцця
Regionalnego|Регионального|Рэгіянальнага
"""

TAGS = """\
Białoruś|Беларусь|Беларусь
Ukraina|Украина|Украіна
Mołdawia|Молдова|Малдова
Gruzja|Грузия|Грузія
Armenia|Армения|Арменія
Azerbejdżan|Азербайджан|Азербайджан
gospodarka|экономика|эканоміка
klastry|кластеры|кластары
współpraca rozwojowa|сотрудничество в целях развития|супрацоўніцтва ў мэтах развіцця
edukacja|образование|адукацыя
stypendia|стипендии|стыпендыі
szkolenia|тренинги|трэнінгі
organizacje pozarządowe|НКО|НДА
społeczeństwo obywatelskie|гражданское общество|грамадзянскае грамадства
media|СМИ|СМІ
kultura|культура|культура
zdrowie|здравоохранение|ахова здароўя
rolnictwo|сельское хозяйство|сельская гаспадарка
energia|энергетика|энергетыка
środowisko|экология|экалогія
woda|вода|вада
samorząd|местное самоуправление|мясцовае самакіраванне
młodzież|молодёжь|моладзь
kobiety|женщины|жанчыны
przedsiębiorczość|предпринимательство|прадпрымальніцтва
innowacje|инновации|інавацыі
cyfryzacja|цифровизация|лічбавізацыя
prawa człowieka|права человека|правы чалавека
demokracja|демократия|дэмакратыя
pomoc humanitarna|гуманитарная помощь|гуманітарная дапамога
uchodźcy|беженцы|уцекачы
wolontariat|волонтёрство|валанцёрства
turystyka|туризм|турызм
dziedzictwo|наследие|спадчына
sport|спорт|спорт
nauka|наука|навука
uniwersytety|университеты|універсітэты
transport|транспорт|транспарт
bezpieczeństwo|безопасность|бяспека
Polska pomoc|Польская помощь|Польская дапамога
"""




def triples(block: str) -> list[tuple[str, str, str]]:
    """Parse ``pl|ru|be`` lines."""
    out: list[tuple[str, str, str]] = []
    for line in block.splitlines():
        if line.strip():
            pl, ru, be = line.split("|")
            out.append((pl, ru, be))
    return out


LANGS = ("pl", "ru", "be")
TARGETS = ("ru", "be")
_FUNCTION = triples(FUNCTION)
_CONTENT = triples(CONTENT)
_NAMES = triples(NAMES)
_TAGS = triples(TAGS)

# word -> {lang: word}; phrase (tags) -> {lang: phrase}
_DICT: dict[str, dict[str, str]] = {}
for _t in _FUNCTION + _CONTENT + _NAMES:
    _DICT.setdefault(_t[0].lower(), dict(zip(LANGS, _t, strict=True)))
_PHRASES: dict[str, dict[str, str]] = {t[0]: dict(zip(LANGS, t, strict=True)) for t in _TAGS}
_NAME_WORDS = [t[0] for t in _NAMES[1:11]]

_WORD = re.compile(r"[^\W\d_]+(?:\.(?=\s|$))?")
_PROTECTED = re.compile(r"\]\([^)]*\)|https?://\S+|\{#[^}]*\}")

PNG_COUNT = 6


# ---------------------------------------------------------------------------
# translation, word by word


def _translate_plain(text: str, lang: str) -> str:
    def one(m: re.Match[str]) -> str:
        word = m.group(0)
        dot = ""
        entry = _DICT.get(word.lower())
        if entry is None and word.endswith("."):
            word, dot = word[:-1], "."
            entry = _DICT.get(word.lower())
        if entry is None:
            return word + dot
        out = entry[lang]
        if word[0].isupper() and not out[0].isupper():
            out = out[0].upper() + out[1:]
        return out + dot

    return _WORD.sub(one, text)


def translate(text: str, lang: str) -> str:
    """*text* (Polish, from this vocabulary) word by word in *lang*; URLs kept.

    >>> translate("Projekt w [Mińsku](https://example.org/minsk).", "be")
    'Праект у [Мінску](https://example.org/minsk).'
    """
    if lang == "pl":
        return text
    if text in _PHRASES:
        return _PHRASES[text][lang]
    parts: list[str] = []
    pos = 0
    for m in _PROTECTED.finditer(text):
        parts.append(_translate_plain(text[pos:m.start()], lang))
        parts.append(m.group(0))
        pos = m.end()
    parts.append(_translate_plain(text[pos:], lang))
    return "".join(parts)


# ---------------------------------------------------------------------------
# text


class Writer:
    """Draws Polish words, sentences and Markdown blocks from one random stream."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.words = [t[0] for t in _FUNCTION] + [t[0] for t in _CONTENT]
        weights = [7.0] * len(_FUNCTION) + [1.0] * len(_CONTENT)
        self.cum_weights = list(itertools.accumulate(weights))

    def word(self) -> str:
        return self.rng.choices(self.words, cum_weights=self.cum_weights)[0]

    def content_word(self) -> str:
        return self.rng.choice(_CONTENT)[0]

    def phrase(self, low: int, high: int) -> str:
        n = self.rng.randint(low, high)
        words = [self.content_word()] + [self.word() for _ in range(n - 1)]
        return " ".join(words)

    def sentence(self, low: int = 6, high: int = 16, inline: bool = True) -> str:
        n = self.rng.randint(low, high)
        words = [self.content_word() if i % 3 == 0 else self.word() for i in range(n)]
        if n > 7 and self.rng.random() < 0.4:
            cut = self.rng.randint(3, n - 3)
            words[cut] += ","
        if inline and n > 6:
            r = self.rng.random()
            if r < 0.25:
                i = self.rng.randint(1, n - 3)
                j = i + self.rng.randint(1, 2)
                words[i] = "**" + words[i]
                words[j] = words[j].rstrip(",") + "**"
            elif r < 0.45:
                i = self.rng.randint(1, n - 3)
                j = i + self.rng.randint(0, 2)
                slug = _slug(" ".join(w.rstrip(",") for w in words[i:j + 1]))
                words[i] = "[" + words[i].rstrip(",")
                words[j] = words[j].rstrip(",") + f"](https://example.org/{slug})"
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def title(self, low: int = 3, high: int = 8) -> str:
        text = self.phrase(low, high)
        return text[0].upper() + text[1:]

    def paragraph(self, low: int = 2, high: int = 5) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def person(self) -> str:
        return f"Fot. {self.rng.choice(_NAME_WORDS[:5])} {self.rng.choice(_NAME_WORDS[5:])}"

    def table(self) -> tuple[str, int]:
        cols = self.rng.randint(2, 4)
        rows = self.rng.randint(2, 5)
        head = [self.title(1, 2) for _ in range(cols)]
        lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] * cols) + "|"]
        cells = cols
        for _ in range(rows):
            row = [self.title(1, 3)] + [
                f"{self.rng.randint(1, 999)} {self.rng.choice(['osób', 'szkoleń', 'spotkań'])}"
                for _ in range(cols - 1)
            ]
            cells += cols
            lines.append("| " + " | ".join(row) + " |")
        return "\n".join(lines), cells

    def items(self, numbered: bool, low: int = 3, high: int = 6) -> tuple[str, int]:
        n = self.rng.randint(low, high)
        lines = []
        for i in range(n):
            mark = f"{i + 1}." if numbered else "-"
            text = self.sentence(3, 10)
            if self.rng.random() < 0.4:
                text = text[:-1]
            lines.append(f"{mark} {text}")
        return "\n".join(lines), n

    def body(self, words: int | None, segments: int | None) -> str:
        """Markdown of about *words* words, or about *segments* segments (short blocks)."""
        blocks: list[str] = []
        count_words = 0
        count_segments = 0

        def add(text: str, segs: int) -> None:
            nonlocal count_words, count_segments
            blocks.append(text)
            count_words += len(text.split())
            count_segments += segs

        def done() -> bool:
            if segments is not None:
                return count_segments >= segments
            assert words is not None
            return count_words >= words

        add(self.paragraph(2, 3), 1)
        while not done():
            add("## " + self.title(2, 6), 1)
            for _ in range(self.rng.randint(1, 3)):
                if segments is not None:
                    add(self.sentence(), 1)
                else:
                    add(self.paragraph(), 1)
            r = self.rng.random()
            if r < 0.25:
                add(*self.items(False))
            elif r < 0.40:
                add(*self.items(True))
            elif r < 0.50:
                add(*self.table())
            elif r < 0.60:
                add("> " + self.sentence(8, 18, inline=False), 1)
            if segments is not None:
                add(*self.items(self.rng.random() < 0.5, 4, 12))
        return "\n\n".join(blocks) + "\n"


# ---------------------------------------------------------------------------
# files


def _slug(text: str) -> str:
    text = text.replace("ł", "l").replace("Ł", "L")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _png(index: int) -> bytes:
    """A small deterministic PNG (96x64, a colour gradient)."""
    width, height = 96, 64
    base = [(index * 53) % 256, (index * 97 + 80) % 256, (index * 29 + 160) % 256]
    raw = bytearray()
    for y in range(height):
        raw.append(0)
        for x in range(width):
            raw += bytes(((base[0] + x) % 256, (base[1] + y) % 256, (base[2] + x + y) % 256))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


def _front(meta: list[tuple[str, object]]) -> str:
    lines = ["---"]
    for key, value in meta:
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {item}" for item in value)
        elif isinstance(value, dict):
            lines.append(f"{key}:")
            lines.extend(f"  {k}: {v}" for k, v in value.items())
        else:
            lines.append(f"{key}: {value}")
    lines.append("---")
    return "\n".join(lines) + "\n"


class Article:
    """The Polish source of one generated article and its word-by-word translations."""

    def __init__(self, index: int, seed: int, segments: int | None) -> None:
        rng = Random(f"multipub-bench:{seed}:{index}")
        w = Writer(rng)
        self.index = index
        self.title = w.title(3, 8)
        start = dt.date(2008, 1, 1).toordinal()
        self.date = dt.date.fromordinal(start + rng.randrange(18 * 365))
        self.tags = [t[0] for t in rng.sample(_TAGS, rng.randint(2, 4))]
        self.summary = w.sentence(10, 24, inline=False)
        self.image: dict[str, str] | None = None
        self.png = rng.randrange(PNG_COUNT)
        if rng.random() < 0.5:
            self.image = {"src": f"foto-{self.png + 1}.png", "caption": w.title(3, 7),
                          "credit": w.person()}
        words = None if segments is not None else rng.randint(300, 700)
        self.body = w.body(words, segments)
        self.roll = rng.random()

    def source(self) -> str:
        meta: list[tuple[str, object]] = [
            ("title", self.title), ("date", self.date.isoformat()), ("tags", self.tags),
            ("summary", self.summary)]
        if self.image:
            meta.append(("image", self.image))
        return _front(meta) + self.body

    def translation(self, lang: str, source_hash: str | None) -> str:
        meta: list[tuple[str, object]] = [("title", translate(self.title, lang)),
                                          ("summary", translate(self.summary, lang))]
        if self.image:
            meta.append(("image", {"caption": translate(self.image["caption"], lang),
                                   "credit": translate(self.image["credit"], lang)}))
        if source_hash:  # quoted when YAML would read it as a number ("1234e5", "0012")
            plain = isinstance(yaml.safe_load(source_hash), str)
            meta.append(("translated_from", source_hash if plain else f"'{source_hash}'"))
        return _front(meta) + translate(self.body, lang)


def _optional(module: str, name: str) -> Callable[..., object] | None:
    try:
        mod = __import__(f"multipub.{module}", fromlist=[name])
        return getattr(mod, name)  # type: ignore[no-any-return]
    except (ImportError, AttributeError):
        return None


def _note(message: str) -> None:
    print(f"generate.py: {message}", file=sys.stderr)


CONFIG = """\
source_language = "pl"
languages = ["ru", "be"]
title = "Polska pomoc (benchmark)"
base_url = "https://example.org/bench/"
"""


def generate(out: Path, articles: int, seed: int = 1, segments: int | None = None,
             handwritten: float = 1 / 3, catalogs: bool = True) -> dict[str, int]:
    """Write the project into *out* (must not exist or be empty); return counts."""
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"generate.py: {out} exists and is not empty")
    (out / "content").mkdir(parents=True, exist_ok=True)
    (out / "multipub.toml").write_bytes(CONFIG.encode("utf-8"))
    hasher = _optional("content.segment", "source_hash")
    if hasher is None:
        _note("multipub.content.segment.source_hash is not available: no translated_from stamps")
    counts = {"articles": articles, "handwritten": 0, "images": 0, "catalogs": 0,
              "complete": 0, "partial": 0, "fuzzy": 0}
    ids: set[str] = set()
    for index in range(articles):
        art = Article(index, seed, segments)
        base = _slug(" ".join(art.title.split()[:4]))[:48].strip("-") or "artykul"
        article_id = base
        n = 2
        while article_id in ids:
            article_id = f"{base}-{n}"
            n += 1
        ids.add(article_id)
        folder = out / "content" / article_id
        folder.mkdir()
        text = art.source()
        (folder / "pl.md").write_bytes(text.encode("utf-8"))
        if art.image:
            (folder / art.image["src"]).write_bytes(_png(art.png))
            counts["images"] += 1
        if art.roll < handwritten:
            stamp = hasher(text, f"content/{article_id}/pl.md") if hasher else None
            for lang in TARGETS:
                (folder / f"{lang}.md").write_bytes(
                    art.translation(lang, str(stamp) if stamp else None).encode("utf-8"))
            counts["handwritten"] += 1
    if catalogs:
        _catalogs(out, seed, counts)
    return counts


def _catalogs(out: Path, seed: int, counts: dict[str, int]) -> None:
    load_project = _optional("project.model", "load_project")
    extract = _optional("commands.catalogs", "extract")
    update = _optional("commands.catalogs", "update")
    if load_project is None or extract is None or update is None:
        _note("multipub.commands.catalogs.extract/update are not available: no catalogues written")
        return
    extract(load_project(out))
    update(load_project(out))
    fill_catalogs(out, seed, counts)


def fill_catalogs(out: Path, seed: int, counts: dict[str, int] | None = None) -> None:
    """Translate the msgstrs of every ``.po`` under ``out/locales/<lang>``.

    UI and tag catalogues become complete; of the article catalogues about 80% complete,
    12% partial (some entries left empty) and 8% with a few fuzzy entries.
    """
    from multipub.gettext.pofile import read_catalog, write_catalog

    counts = counts if counts is not None else {}
    for lang in TARGETS:
        root = out / "locales" / lang
        for path in sorted(root.rglob("*.po")):
            rel = path.relative_to(out).as_posix()
            rng = Random(f"multipub-bench:{seed}:fill:{rel}")
            catalog = read_catalog(path, rel)
            article = "/articles/" in rel
            roll = rng.random() if article else 0.0
            state = "complete" if roll < 0.80 else "partial" if roll < 0.92 else "fuzzy"
            active = [m for m in catalog.messages if not m.obsolete]
            fuzzy = set(rng.sample(range(len(active)), min(len(active), rng.randint(1, 3)))) \
                if state == "fuzzy" else set()
            for i, msg in enumerate(active):
                if state == "partial" and rng.random() < 0.3:
                    continue
                if msg.plural:
                    msg.msgstr_plural = [translate(msg.msgid, lang)] + [
                        translate(msg.msgid_plural or msg.msgid, lang)
                        for _ in range(max(len(msg.msgstr_plural), 3) - 1)]
                else:
                    msg.msgstr = translate(msg.msgid, lang)
                msg.fuzzy = i in fuzzy
            write_catalog(catalog, path)
            if article:
                counts["catalogs"] = counts.get("catalogs", 0) + 1
                counts[state] = counts.get(state, 0) + 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the project folder to create")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--segments", type=int, default=None,
                        help="about this many segments per article (long articles)")
    parser.add_argument("--handwritten", type=float, default=1 / 3,
                        help="share of articles with hand-written ru.md/be.md (default 1/3)")
    parser.add_argument("--no-catalogs", action="store_true",
                        help="write only the content, no extract/update/fill")
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")
    args = parser.parse_args(argv)
    if args.force and args.out.exists():
        shutil.rmtree(args.out)
    counts = generate(args.out, args.articles, args.seed, args.segments, args.handwritten,
                      catalogs=not args.no_catalogs)
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
