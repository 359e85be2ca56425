"""Held-out test text that the model is never trained on: Taraškievica and neighbours.

Usage (after ``apt-get download`` of the packages named in README.md and
``dpkg-deb -x PKG.deb ROOT`` for each of them)::

    python bench/langid/prepare_heldout.py TARASK_ROOT ROOT

writes

* ``eval/test/be-tarask.txt``: every translation of the ``be@tarask``
  catalogues under *TARASK_ROOT* (Xfce's ``xfce4-session``, ``xfce4-settings``,
  ``xfdesktop``, ``xfwm4``; GPL-2+), Belarusian in the classical orthography
  (expected answer ``be``); no catalogue of these programs is trained on;
* ``eval/neighbours/<lang>.txt`` for Czech, Slovak, Croatian and Slovene
  (every k-th text, at most :data:`NEIGHBOUR_TEXTS`) and for the other
  Latin-script languages that langdetect answers for real Łacinka
  (:data:`OTHERS`, at most :data:`OTHER_TEXTS`): the translations of the
  catalogues under *ROOT* of the programs held out for Łacinka
  (``prepare_lacinka.HELD_OUT``; GPL-2+ / LGPL-2+), to show that real text
  of these languages is not called ``be-Latn``.

Entries left untranslated are skipped, cleaning is that of
``prepare_training.py``, and each text is kept once.
"""

from __future__ import annotations

import sys
from pathlib import Path

from prepare_lacinka import HELD_OUT, texts_of

HERE = Path(__file__).resolve().parent
NEIGHBOURS = ("cs", "sk", "hr", "sl")
#: Other languages in the Latin alphabet that langdetect answers for real Łacinka.
OTHERS = ("lt", "lv", "de", "id", "fi", "sv", "tr", "sq", "cy")
#: At most this many texts a neighbour language (every k-th), to keep the evaluation quick.
NEIGHBOUR_TEXTS = 1500
#: At most this many texts of each of the others.
OTHER_TEXTS = 500


def catalogue_texts(mos: list[Path]) -> list[str]:
    """The translations of *mos*, each once, in order."""
    seen: dict[str, None] = {}
    for mo in mos:
        seen.update(dict.fromkeys(texts_of(mo)))
    return list(seen)


def write(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(path.relative_to(HERE), len(lines))


def main(argv: list[str]) -> int:
    tarask_root, root = Path(argv[1]), Path(argv[2])
    tarask = sorted(tarask_root.glob("usr/share/locale/be@tarask/LC_MESSAGES/*.mo"))
    write(HERE / "eval" / "test" / "be-tarask.txt", catalogue_texts(tarask))
    for lang in NEIGHBOURS + OTHERS:
        mos = [mo for mo in sorted(root.glob(f"usr/share/locale/{lang}/LC_MESSAGES/*.mo"))
               if mo.stem in HELD_OUT]
        texts = catalogue_texts(mos)
        step = -(-len(texts) // (NEIGHBOUR_TEXTS if lang in NEIGHBOURS else OTHER_TEXTS))
        write(HERE / "eval" / "neighbours" / f"{lang}.txt", texts[::step])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
