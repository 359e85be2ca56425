"""Extract Belarusian Łacinka (``be@latin``) text from Debian's GNOME catalogues.

Usage (after ``apt-get download`` of the packages named in README.md and
``dpkg-deb -x PKG.deb ROOT`` for each of them)::

    python bench/langid/prepare_lacinka.py ROOT [TRAINDIR]

reads every ``usr/share/locale/be@latin/LC_MESSAGES/*.mo`` under *ROOT* and
splits them **by catalogue**, so that no translation of the held-out
programs is trained on:

* the catalogues of :data:`HELD_OUT` (glib, gedit, nautilus, totem, eog,
  metacity, gnome-menus) go to ``bench/langid/eval/test/be-Latn.txt``, less
  every text that also occurs in a training catalogue;
* all the others (GTK 2 and 3, evince, gnome-panel, gnome-terminal,
  gucharmap, rhythmbox, cheese, epiphany, file-roller, gdm, gnome-calculator,
  gnome-control-center, gnome-session, gnome-system-monitor, gvfs,
  libgweather (not its list of places), nm-applet, pidgin, seahorse) go
  to ``TRAINDIR/be-Latn.txt`` (default ``/tmp/langid/train``), the UI
  training text of ``train.py``.

Cleaning is that of ``prepare_training.py``.  The translations are those of
the GNOME projects (GPL-2+ or LGPL-2+, as each program).
"""

from __future__ import annotations

import gettext
import sys
from pathlib import Path

from prepare_training import NAME_LISTS, clean, keep

HERE = Path(__file__).resolve().parent
HELD_OUT = frozenset({"glib20", "gedit", "nautilus", "totem", "eog", "metacity", "gnome-menus"})


def texts_of(mo: Path) -> list[str]:
    """The cleaned translations of one ``.mo`` file, one segment a line.

    An entry left untranslated (its translation equal to its English
    source: names such as "Nautilus", "YouTube", "Sans 11") is no text of
    the catalogue's language and is skipped.
    """
    with mo.open("rb") as fh:
        cat = gettext.GNUTranslations(fh)
    out: list[str] = []
    for key, value in sorted(cat._catalog.items(), key=repr):  # type: ignore[attr-defined]
        if key == "" or not isinstance(value, str):
            continue
        source = key[0] if isinstance(key, tuple) else key
        if value == source.split("\x04")[-1]:
            continue
        for part in value.split("\n"):
            text = clean(part)
            if keep(text):
                out.append(text)
    return out


def main(argv: list[str]) -> int:
    root = Path(argv[1])
    traindir = Path(argv[2]) if len(argv) > 2 else Path("/tmp/langid/train")
    train: dict[str, None] = {}
    test: dict[str, None] = {}
    for mo in sorted(root.glob("usr/share/locale/be@latin/LC_MESSAGES/*.mo")):
        if NAME_LISTS.search(mo.stem):
            continue
        into = test if mo.stem in HELD_OUT else train
        into.update(dict.fromkeys(texts_of(mo)))
        print(mo.stem, "test" if mo.stem in HELD_OUT else "train")
    held = [t for t in test if t not in train]
    traindir.mkdir(parents=True, exist_ok=True)
    (traindir / "be-Latn.txt").write_text("\n".join(train) + "\n", encoding="utf-8")
    (HERE / "eval" / "test" / "be-Latn.txt").write_text("\n".join(held) + "\n", encoding="utf-8")
    print("train", len(train), "held out", len(held), f"({len(test) - len(held)} dropped)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
