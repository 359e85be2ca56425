"""Extract training text for the Slavic language model from Debian packages.

Usage (after ``apt-get download`` of the packages named in README.md and
``dpkg-deb -x PKG.deb ROOT`` for each of them)::

    python bench/langid/prepare_training.py ROOT OUTDIR

writes ``OUTDIR/<lang>.txt`` (one segment a line) for pl, ru, be, uk (and,
from the GNOME catalogues only, for the neighbours cs, sk, hr, sl) from

* LibreOffice UI translations (``libreoffice-l10n-<lang>``, MPL-2.0):
  every msgstr of ``usr/lib/libreoffice/program/resource/<lang>/LC_MESSAGES/*.mo``;
* for English, the msgids (source strings) of the Polish LibreOffice catalogues;
* Firefox ESR language packs (``firefox-esr-l10n-<lang>``, MPL-2.0): the values
  of the Fluent (``.ftl``) and ``.properties`` files inside the ``.xpi``;
* GNOME catalogues (``usr/share/locale/<lang>/LC_MESSAGES/*.mo`` of the GTK and GNOME
  packages named in README.md; GPL-2+ / LGPL-2+), except those
  of the programs held out for the Łacinka evaluation.

Segments that are not mostly letters, or too short, are dropped; duplicates too.
"""

from __future__ import annotations

import gettext
import re
import sys
import zipfile
from pathlib import Path

LANGS = ("pl", "ru", "be", "uk", "en")
#: The Latin-script neighbours of Łacinka, for the small model that tells them apart
#: (``train.py --neighbours``): from the GNOME catalogues only.
NEIGHBOURS = ("cs", "sk", "hr", "sl")
_MARKUP = re.compile(
    r"%[A-Z_]+%?|<[^>]*>|&[a-z]+;|\$\([A-Z0-9_]+\)|%[0-9]*\$?[a-zA-Z]|\{[^{}]*\}"
)
#: An accelerator mark (``_Save``, ``Z_amiani``, ``~Open``, ``&File``): removed, not spaced.
_MNEMONIC = re.compile(r"[~_&](?=\w)")
#: Catalogues that are lists of names, not sentences of the language.
NAME_LISTS = re.compile(r"^iso_|-locations$")


def clean(text: str) -> str:
    """*text* without markup, placeholders and accelerator marks, spaces collapsed."""
    text = _MNEMONIC.sub("", _MARKUP.sub(" ", text))
    return " ".join(text.split())


def keep(text: str) -> bool:
    letters = sum(ch.isalpha() for ch in text)
    return letters >= 3 and letters >= 0.5 * len(text)


def from_mo(root: Path, lang: str) -> list[str]:
    """Translations of *lang*; for "en" the English source strings (msgids)."""
    out: list[str] = []
    source = "pl" if lang == "en" else lang
    folder = root / "usr/lib/libreoffice/program/resource" / source / "LC_MESSAGES"
    for mo in sorted(folder.glob("*.mo")):
        with mo.open("rb") as fh:
            cat = gettext.GNUTranslations(fh)
        for key, value in cat._catalog.items():  # type: ignore[attr-defined]
            if key == "" or not isinstance(value, str):
                continue
            if lang == "en":
                if isinstance(key, str):
                    out.append(key.split("\x04")[-1])
            else:
                out.append(value)
    return out


def from_xpi(root: Path, lang: str) -> list[str]:
    out: list[str] = []
    xpi = (
        root / f"usr/lib/firefox-esr/browser/extensions/langpack-{lang}@firefox-esr.mozilla.org.xpi"
    )
    with zipfile.ZipFile(xpi) as zf:
        for name in sorted(zf.namelist()):
            if not name.endswith((".ftl", ".properties")):
                continue
            for line in zf.read(name).decode("utf-8", "replace").splitlines():
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                if name.endswith(".ftl"):
                    if "=" in line:
                        line = line.split("=", 1)[1]
                    elif line.startswith(("*[", "[")):
                        line = line.split("]", 1)[-1]
                else:
                    if "=" not in line:
                        continue
                    line = line.split("=", 1)[1]
                out.append(line)
    return out


def from_gnome(root: Path, lang: str) -> list[str]:
    """Translations of the GNOME catalogues (``usr/share/locale``) of programs not held out.

    The programs whose ``be@latin`` catalogues are held out for evaluation
    (``prepare_lacinka.HELD_OUT``) are skipped in every language, so that no
    translation of them reaches the model, not even transliterated.
    """
    from prepare_lacinka import HELD_OUT

    out: list[str] = []
    for mo in sorted((root / "usr/share/locale" / lang / "LC_MESSAGES").glob("*.mo")):
        if mo.stem in HELD_OUT or NAME_LISTS.search(mo.stem):
            continue  # held out, or lists of names (iso-codes, libgweather's places)
        with mo.open("rb") as fh:
            cat = gettext.GNUTranslations(fh)
        for key, value in sorted(cat._catalog.items(), key=repr):  # type: ignore[attr-defined]
            if key == "" or not isinstance(value, str):
                continue
            source = key[0] if isinstance(key, tuple) else key
            if value != source.split("\x04")[-1]:  # not left untranslated
                out.append(value)
    return out


def main(argv: list[str]) -> int:
    root, outdir = Path(argv[1]), Path(argv[2])
    outdir.mkdir(parents=True, exist_ok=True)
    for lang in LANGS + NEIGHBOURS:
        seen: set[str] = set()
        lines: list[str] = []
        if lang in NEIGHBOURS:
            texts = from_gnome(root, lang)
        else:
            extra = [] if lang == "en" else from_xpi(root, lang) + from_gnome(root, lang)
            texts = from_mo(root, lang) + extra
        for raw in texts:
            for part in raw.split("\n"):
                text = clean(part)
                if keep(text) and text not in seen:
                    seen.add(text)
                    lines.append(text)
        (outdir / f"{lang}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(lang, len(lines), sum(len(x) for x in lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
