"""Safety of the output: hostile text through every path into a page.

Payloads go into the article title (also the source of slugs), summary, image
caption and credit, tag names (source and translated), the UI translations of
``messages.po``, hand-written article bodies and catalogue-backed msgstr.  The
site is built and every HTML file is parsed with html5lib (as a browser would):

- no ``<script>`` (the theme ships none), no ``on*`` attribute;
- no URL attribute whose value, entity-decoded and without whitespace and
  control characters, starts with ``javascript:``, ``vbscript:`` or ``data:``;
- none of the elements a payload tries to create (iframe, svg, object, ...);
- template syntax in the content is shown as text, never evaluated;
- feeds and the sitemap are well-formed XML;
- nothing is written outside the project and the output folder.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest

from multipub.content.frontmatter import parse_document
from multipub.gettext.pofile import read_catalog, write_catalog

from ..conftest import png
from .helpers import diff_snapshots, multipub, snapshot

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "'><iframe src=javascript:alert(1)></iframe>",
    "</title><script>alert(1)</script>",
    '<a href="javascript:alert(1)">a</a>',
    "<a href='&#106;avascript:alert(1)'>e</a>",
    "{{ 7*7 }} {% if true %}JINJA{% endif %}",
    "<style>body{display:none}</style>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<object data=javascript:alert(1)></object>",
)
"""Text payloads: each must end up as text, never as markup."""

BODY = """\
Zwykły akapit z {{ 7*7 }} i {% raw %}{{ config }}{% endraw %}.

<script>alert("body")</script>

<img src=x onerror=alert(1)> i "><svg onload=alert(1)>

[klik](javascript:alert(1)) [Klik2](JaVaScRiPt:alert(1)) [k3](&#106;avascript:alert(1))
[k4](java&#x09;script:alert(1)) [k5]( javascript:alert(1)) [k6](data:text/html;base64,PHNjcmlwdD4=)
![obraz](javascript:alert(1)) [k7](vbscript:msgbox(1))

<a href="javascript:alert(1)">a</a> <a href=" &#x6A;avascript:alert(1)">b</a>

Akapit z atrybutami.
{: onclick="alert(1)" style="background:url(javascript:alert(1))" }

## Nagłówek {: onmouseover="alert(1)" }

<iframe src="javascript:alert(1)"></iframe><object data="x"></object><embed src="x">

<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>

<math><mi xlink:href="javascript:alert(1)">x</mi></math>

<base href="javascript:alert(1)//"><link rel="import" href="x"><style>*{}</style>

<details open ontoggle=alert(1)>x</details>

[ref]: javascript:alert(1)

Odnośnik [przez referencję][ref].
"""

FORBIDDEN_ELEMENTS = {"script", "iframe", "object", "embed", "svg", "math", "form", "button",
                      "base", "frame", "frameset", "applet", "style", "input"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background",
                  "xlink:href", "srcset", "cite", "longdesc", "ping", "manifest", "content"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
THEME_SCRIPTS = 0
"""Scripts but the theme's own (JSON-LD data; Pagefind's UI on the search pages)."""


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML double-quoted strings


def _project(root: Path) -> Path:
    (root / "content" / "atak").mkdir(parents=True)
    (root / "multipub.toml").write_text(
        'source_language = "pl"\nlanguages = ["ru", "be"]\n'
        "title = " + _yaml("<script>alert('site')</script> Strona") + "\n"
        'base_url = "https://example.org/"\n', encoding="utf-8")
    # source tag names may not contain '/' (checked by the corpus); translated ones may
    tags = ["<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>', "{{ 7*7 }}", "..x"]
    head = [
        "---",
        f"title: {_yaml(PAYLOADS[4] + ' ' + PAYLOADS[1])}",
        "date: 2024-03-05",
        "tags:", *[f"  - {_yaml(t)}" for t in tags],
        f"summary: {_yaml(' '.join(PAYLOADS[:4]))}",
        "image:",
        "  src: kot.png",
        f"  caption: {_yaml(PAYLOADS[2] + ' ' + PAYLOADS[5])}",
        f"  credit: {_yaml(PAYLOADS[7] + ' ' + PAYLOADS[0])}",
        "---",
    ]
    (root / "content" / "atak" / "pl.md").write_text("\n".join(head) + "\n" + BODY,
                                                     encoding="utf-8")
    (root / "content" / "atak" / "kot.png").write_bytes(png())
    # a second article whose only hostile part is a title that becomes a slug
    (root / "content" / "slug").mkdir()
    (root / "content" / "slug" / "pl.md").write_text(
        "---\n" f"title: {_yaml('../../../../tmp/x <script>alert(1)</script> javascript:')}\n"
        "date: 2024-03-04\n---\nTekst.\n", encoding="utf-8")
    # ru: hand-written, hostile too
    ru_head = [
        "---",
        f"title: {_yaml(PAYLOADS[3])}",
        f"summary: {_yaml(PAYLOADS[8] + PAYLOADS[9])}",
        "image:",
        f"  caption: {_yaml(PAYLOADS[10])}",
        f"  credit: {_yaml(PAYLOADS[6])}",
        "---",
    ]
    (root / "content" / "atak" / "ru.md").write_text("\n".join(ru_head) + "\n" + BODY,
                                                     encoding="utf-8")
    assert multipub("update", "-q", "-p", str(root)).returncode == 0
    # be: catalogue-backed, every msgstr hostile (the text keeps the msgid so it reads)
    loc = root / "locales"
    for i, path in enumerate(sorted((loc / "be" / "LC_MESSAGES").rglob("*.po"))):
        cat = read_catalog(path)
        for j, message in enumerate(cat.messages):
            payload = PAYLOADS[(i + j) % len(PAYLOADS)]
            if message.plural:
                message.msgstr_plural = [f"{payload} {message.msgid_plural}"] * 3
            elif "messages.po" in path.name and "%(" in message.msgid:
                message.msgstr = f"{payload} {message.msgid}"
            else:
                message.msgstr = f"{payload} {message.msgid}"
        write_catalog(cat, path)
    # ru UI strings and tag names hostile; tag translations that try to leave the output
    leave = ("../../../x", "/etc/passwd", "..", "<script>alert(1)</script>")
    for name in ("messages.po", "tags.po"):
        path = loc / "ru" / "LC_MESSAGES" / name
        cat = read_catalog(path)
        for j, message in enumerate(cat.messages):
            payload = PAYLOADS[j % len(PAYLOADS)] if name == "messages.po" else leave[j % 4]
            if message.plural:
                message.msgstr_plural = [f"{payload} {message.msgid_plural}"] * 3
            else:
                message.msgstr = f"{payload} {message.msgid}"
        write_catalog(cat, path)
    stamp = multipub("stamp", "atak", "ru", "-p", str(root))
    assert stamp.returncode == 0, stamp.stderr
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("injection")
    (base / "outside").mkdir()
    (base / "outside" / "keep.txt").write_text("untouched\n", encoding="utf-8")
    project = _project(base / "project")
    before = snapshot(base / "outside")
    out = base / "out"
    result = multipub("build", "-q", "-p", str(project), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert diff_snapshots(before, snapshot(base / "outside")) == []
    return {"base": base, "project": project, "out": out}


def _clean_url(value: str) -> str:
    return re.sub(r"[\x00-\x20\x7f]+", "", value).lower()


def _pages(out: Path) -> list[Path]:
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 10
    return pages


def test_every_language_and_path_was_published(site: dict[str, Path]) -> None:
    out = site["out"]
    for lang in ("pl", "ru", "be"):
        assert (out / "markdown" / lang / "atak.md").is_file(), lang
    assert list((out / "pl" / "tag").iterdir())


def _theme_script(element: ET.Element, rel: str) -> bool:
    """A script of the theme itself: JSON-LD data that parses (hostile texts inside it
    are data), or on a search page, Pagefind's UI and its start-up file (no inline code)."""
    if element.get("type") == "application/ld+json":
        json.loads(element.text or "")
        return "</" not in (element.text or "")
    return rel.endswith("search/index.html") and not (element.text or "").strip() and (
        element.get("src") in ("../../pagefind/pagefind-ui.js", "../../search.js"))


def test_no_script_handlers_or_dangerous_urls(site: dict[str, Path]) -> None:
    problems: list[str] = []
    scripts = 0
    for page in _pages(site["out"]):
        rel = page.relative_to(site["out"]).as_posix()
        doc = html5lib.parse(page.read_bytes(), treebuilder="etree",
                             namespaceHTMLElements=False)
        for element in doc.iter():
            tag = element.tag if isinstance(element.tag, str) else ""
            name = tag.rsplit("}", 1)[-1].lower()
            theirs = name == "script" and _theme_script(element, rel)
            if name == "script" and not theirs:
                scripts += 1
            if name in FORBIDDEN_ELEMENTS and not theirs:
                problems.append(f"{rel}: <{name}> element")
            if name == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
                problems.append(f"{rel}: meta refresh")
            if name == "link" and (element.get("rel") or "").lower() == "import":
                problems.append(f"{rel}: link rel=import")
            for attr, value in element.attrib.items():
                short = attr.rsplit("}", 1)[-1].lower()
                if short.startswith("on"):
                    problems.append(f"{rel}: <{name} {short}=...>")
                is_url = short in URL_ATTRIBUTES or attr.endswith("}href")
                if is_url and _clean_url(value).startswith(BAD_SCHEMES):
                    problems.append(f"{rel}: <{name} {short}={value!r}>")
                if short == "style" and "javascript:" in _clean_url(value):
                    problems.append(f"{rel}: <{name} style={value!r}>")
    assert scripts == THEME_SCRIPTS
    assert problems == []


def test_payload_text_is_shown_as_text(site: dict[str, Path]) -> None:
    out = site["out"]
    page = next(p for p in (out / "pl").glob("*/index.html") if "tag" not in p.parts
                and "onerror" in p.read_text(encoding="utf-8"))
    text = page.read_text(encoding="utf-8")
    assert "&lt;/title&gt;&lt;script&gt;" in text  # the title, escaped
    assert "{{ 7*7 }}" in text  # template syntax in content is never evaluated
    assert "JINJA" not in text.replace("{% if true %}JINJA{% endif %}", "")


def test_slugs_and_tag_paths_stay_inside(site: dict[str, Path]) -> None:
    out = site["out"].resolve()
    for path in out.rglob("*"):
        assert path.resolve().is_relative_to(out)
        assert re.fullmatch(r"[A-Za-z0-9._/-]+", path.relative_to(out).as_posix()), path
    base = site["base"]
    assert sorted(p.name for p in base.iterdir()) == ["out", "outside", "project"]


def test_feeds_and_sitemap_are_well_formed(site: dict[str, Path]) -> None:
    files = sorted(site["out"].rglob("*.xml"))
    assert files
    for path in files:
        ET.parse(path)
        assert "<script" not in path.read_text(encoding="utf-8")


def test_localized_markdown_front_matter_reads_back(site: dict[str, Path]) -> None:
    for path in sorted((site["out"] / "markdown").rglob("*.md")):
        doc = parse_document(path.read_text(encoding="utf-8"), path.name)
        assert isinstance(doc.meta.get("title"), str)
