"""Checks over the built HTML, without a browser. (Links and anchors inside pages are checked
by MkDocs itself: `validation:` in mkdocs.yml, under --strict.)"""

import json
import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import LANGS, SITE_PAGES


def _buttons(site, lang: str, page: str) -> BeautifulSoup:
    """The page's links that are buttons (Material's `a.md-content__button`: edit, download) or
    edit links, parsed alone: parsing whole pages took seconds."""
    path = site / LANGS[lang] / page / "index.html"
    tags = re.findall(
        r'<a\b[^>]*(?:\bmd-content__button\b|rel="edit")[^>]*>', path.read_text(encoding="utf-8")
    )
    return BeautifulSoup("".join(tag + "</a>" for tag in tags), "html.parser")


def test_no_stylesheet_restyles_the_whole_page_as_the_palette_loads(site):
    """Material's palette script marks <body> `data-md-color-switching` at every page load; a rule
    under that attribute would restyle every element, twice per load (hooks/startup.py)."""
    marked = [
        css.name for css in site.rglob("*.css") if "data-md-color-switching" in css.read_text()
    ]
    assert not marked, f"rules under data-md-color-switching in {marked}"


def test_every_table_arrives_framed_so_material_moves_none_at_load(site):
    """Material's script frames each table without a class as the page loads, and moving the
    tables lays the page out again (hooks/startup.py writes the frame, focusable, at build time)."""
    table = '<table class="framed"'
    frame = '<div class="md-typeset__scrollwrap" tabindex="0"><div class="md-typeset__table">'
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<table(?![^>]*\bclass=)", html), f"a table Material moves: {page}"
        assert html.count(table) == html.count(frame + table), f"a table without a frame: {page}"


def test_every_code_block_is_focusable_before_material_sets_it_up(site):
    """Material sets up a code block only when it comes into view (content.lazy), and it makes
    the block focusable then if it scrolls sideways. Until then the build's tabindex lets a
    keyboard reach every block that may scroll (hooks/startup.py)."""
    seen = 0
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        blocks = re.findall(r"<pre[^>]*>(?:<span></span>)?<code\b[^>]*>", html)
        assert all('tabindex="0"' in block for block in blocks), f"a code block: {page}"
        seen += len(blocks)
    assert seen, "no code block found: the pattern above no longer matches the HTML"


def test_no_link_assumes_the_site_is_served_at_the_root(site, site_address):
    """The test build is served under a path, as GitHub Pages serves a project site: a link
    starting with / must start with that path."""
    base = urlsplit(site_address).path
    offenders = []
    for file in site.rglob("*.html"):
        for url in re.findall(r'(?:href|src)="(/[^"]*)"', file.read_text(encoding="utf-8")):
            if not url.startswith(base):
                offenders.append(f"{file.relative_to(site)}: {url}")
    assert not offenders, offenders


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", [p for p in SITE_PAGES if not p.startswith("notebooks/")])
def test_each_page_links_its_source_in_the_repository(site, lang, page):
    edit = _buttons(site, lang, page).select_one("a.md-content__button")
    source = "index" if page == "" else page.strip("/")
    assert (
        edit["href"] == f"https://github.com/example/why-argmax/edit/main/docs/{lang}/{source}.md"
    )


def test_the_404_page_speaks_both_languages_and_links_absolutely(site, site_address):
    page = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert page.html["lang"] == "ko"
    text = page.select_one("article").get_text()
    assert "페이지를 찾을 수 없습니다" in text and "Page not found" in text
    links = [a["href"] for a in page.select("article a")]
    assert links == [site_address, site_address + "en/"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_notebook_page_offers_its_notebook_and_no_edit_link(site, lang):
    for page in [p for p in SITE_PAGES if p.startswith("notebooks/")]:
        html = _buttons(site, lang, page)
        name = page.strip("/").split("/")[-1]
        download = html.select_one("a.md-content__button[download]")
        assert download["href"].endswith(f"/{LANGS[lang]}{page}{name}.ipynb"), download
        assert (site / LANGS[lang] / page / f"{name}.ipynb").is_file()
        assert not html.select('a[rel="edit"]'), page


@pytest.mark.parametrize("lang", LANGS)
def test_every_notebook_cell_is_a_material_code_block(site, lang):
    """So that Material gives each cell a copy button (hooks/notebooks.py); the browser sweep
    (`make audit`) presses them."""
    for page in [p for p in SITE_PAGES if p.startswith("notebooks/")]:
        html = (site / LANGS[lang] / page / "index.html").read_text(encoding="utf-8")
        cells = len(re.findall(r'<div class="jp-Cell jp-CodeCell[^"]*" id=', html))
        assert (
            cells and len(re.findall(r'<div class="highlight"[^>]*><pre><code[ >]', html)) == cells
        ), page
        assert "highlight-ipynb" not in html and "<style" not in html, page


@pytest.mark.parametrize("lang", LANGS)
def test_a_notebook_page_shows_each_error_its_cells_raise(site, lang):
    """Jupyter and nbconvert show an error by its traceback: the error's last line must be on
    the page (hooks/notebooks.py), not an empty output box."""
    errors = 0
    for page in [p for p in SITE_PAGES if p.startswith("notebooks/")]:
        folder = site / LANGS[lang] / page
        cells = json.loads(next(folder.glob("*.ipynb")).read_text(encoding="utf-8"))["cells"]
        shown = unescape(re.sub(r"<[^>]+>", "", (folder / "index.html").read_text("utf-8")))
        for out in [out for cell in cells for out in cell.get("outputs", [])]:
            if out["output_type"] == "error":
                errors += 1
                assert f"{out['ename']}: {out['evalue']}" in shown, (page, out["ename"])
    assert errors, "the seed-errors notebook raises errors on purpose"


def test_an_excerpt_links_its_whole_file_in_the_repository(site):
    html = (site / "softmax" / "index.html").read_text(encoding="utf-8")
    link = "https://github.com/example/why-argmax/blob/main/snippets/activations.py"
    assert f'<a href="{link}">snippets/activations.py</a> (발췌)' in html
