"""Site-level checks: ko/en parity, no typed sessions, no external assets, search, prose numbers."""

import json
import re
from pathlib import Path

import pytest

from tests.conftest import DOCS, INCLUDE, LANGS, ROOT

FENCE = re.compile(r"^(`{3,}|~{3,}).*?^\1", re.S | re.M)
PAGES = sorted(p.stem for p in (DOCS / "ko").glob("*.md"))


def read(page: str, lang: str) -> str:
    return (DOCS / lang / f"{page}.md").read_text(encoding="utf-8")


def includes(text: str) -> list[str]:
    """The files a page includes, a language's own version (x.ko.md, x.en.md) named x.md."""
    return [re.sub(r"\.(ko|en)\.md$", ".md", name) for name in INCLUDE.findall(text)]


def headings(text: str) -> list[int]:
    return [len(m) for m in re.findall(r"^(#{1,6}) ", FENCE.sub("", text), re.M)]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_exists_in_both_languages_with_the_same_sections(page):
    ko, en = read(page, "ko"), read(page, "en")
    assert headings(ko) == headings(en)
    assert includes(ko) == includes(en)


def test_both_languages_have_the_same_pages():
    assert PAGES == sorted(p.stem for p in (DOCS / "en").glob("*.md"))


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_lists_every_other_page(lang):
    """The home page's map of the site (a phone reader sees the menu only when opened)."""
    listed = re.findall(r"^- \[[^\]]+\]\(([\w-]+)\.md\)", read("index", lang), re.M)
    assert sorted(listed) == [page for page in PAGES if page != "index"]


@pytest.mark.parametrize("path", sorted(DOCS.rglob("*.md")), ids=lambda p: str(p.relative_to(DOCS)))
def test_no_session_is_typed_into_a_page(path):
    assert not re.search(r"^\s*>>> ", path.read_text(encoding="utf-8"), re.M)


def shown_outputs(text: str) -> str:
    """Everything the page's included files show, minus the lines a reader types."""
    shown = []
    for name in INCLUDE.findall(text):
        path = ROOT / name.split(":")[0]
        if path.suffix == ".py":  # library source shows code, not results
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith((">>> ", "... ")):
                shown.append(line)
    return "\n".join(shown)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_every_number_in_the_prose_is_an_asserted_output(page, lang):
    text = read(page, lang)
    prose = FENCE.sub("", text)
    prose = re.sub(r"\$[^$]*\$", "", prose)  # formulas state definitions, not results
    numbers = set(re.findall(r"(?<![\w.])\d+\.\d{3,}", prose))
    missing = {n for n in numbers if n not in shown_outputs(text)}
    assert not missing, f"numbers in the prose that no included output shows: {missing}"


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
# what a browser loads by itself: scripts, styles, images, frames, media; and <link> elements
# that load something (a plain <a href> to another site is a link for the reader, not a load)
LOADING = re.compile(
    r'<(?:script|img|source|iframe|video|audio)\b[^>]*?\ssrc="([^"]*)"'
    r'|<link\b(?=[^>]*\srel="(?:stylesheet|icon|preload|modulepreload|manifest|prefetch)")'
    r'[^>]*?\shref="([^"]*)"'
)


def test_the_load_check_sees_what_a_browser_would_load():
    html = (
        '<script defer src="https://cdn.example/x.js"></script><a href="https://example.org/">'
        '<link href="//fonts.example/f.css" rel="stylesheet"><link rel="canonical" href="https://x/">'
    )
    found = [m[1] or m[2] for m in LOADING.finditer(html)]
    assert found == ["https://cdn.example/x.js", "//fonts.example/f.css"]


def test_the_built_site_loads_nothing_from_other_hosts(site):
    offenders = []
    for page in html_pages(site):
        for match in LOADING.finditer(page.read_text(encoding="utf-8")):
            url = match[1] or match[2]
            if EXTERNAL.match(url):
                offenders.append(f"{page.relative_to(site)}: {match[0][:80]}")
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if EXTERNAL.match(url):
                offenders.append(f"{css.relative_to(site)}: url({url})")
    assert not offenders, "\n".join(offenders)


def test_math_is_rendered_at_build_time(site):
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        assert 'class="arithmatex"' not in html, f"unrendered math in {page}"
    assert (site / "assets" / "katex" / "katex.min.css").is_file()


def test_pages_with_formulas_fetch_the_fonts_they_use_most_with_the_stylesheets(site):
    """A formula's fonts are found only once the page is laid out; preloaded, they come with the
    stylesheets (overrides/main.html). A preload counts only at the URL KaTeX's stylesheet asks
    for, in the page's own build: elsewhere the browser would fetch the font twice."""
    link = re.compile(r'<link rel="(stylesheet|preload)" href="([^"]+)"')
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        links = [(rel, (page.parent / href).resolve()) for rel, href in link.findall(html)]
        fonts = sorted(url.name for rel, url in links if rel == "preload")
        if 'class="katex"' not in html:
            assert not fonts, page
            continue
        expected = ["KaTeX_Main-Regular.woff2"]
        if "mathnormal" in html:
            expected.append("KaTeX_Math-Italic.woff2")
        assert fonts == expected, page
        (css,) = [url for rel, url in links if url.name == "katex.min.css"]
        for rel, url in links:
            if rel == "preload":
                assert url.parent == css.parent / "fonts" and url.is_file(), (page, url)


def test_search_finds_the_softmax_page_in_both_languages(site):
    # one index per language build: Korean at the root, English under en/
    ko = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    en = json.loads((site / "en" / "search" / "search_index.json").read_text("utf-8"))
    assert ko["config"]["lang"] == ["ko"] and en["config"]["lang"] == ["en"]

    def pages_with(word: str, index: dict) -> set[str]:
        return {
            doc["location"].split("#")[0]
            for doc in index["docs"]
            if word in (doc["title"] + doc["text"]).lower()
        }

    assert "softmax/" in pages_with("소프트맥스", ko)
    assert "softmax/" in pages_with("softmax", en)
    assert not any(doc["location"].startswith("en/") for doc in ko["docs"])
