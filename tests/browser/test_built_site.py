"""Checks over the built HTML (no browser): internal links and anchors, language alternates,
sitemaps, the 404 page, and that the browser tests cover every page the site has."""

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.browser.conftest import BASE_PATH, LANGS, PAGES, ROOT

SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)[1]
LINKING = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src"}


class Page(HTMLParser):
    """The ids, links and head alternates of one HTML file."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.alternates: dict[str, str] = {}  # hreflang -> href, from <head>
        self.selector: dict[str, str] = {}  # hreflang -> href, from the language selector
        self.lang = ""
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates[a["hreflang"]] = a["href"]
        if tag == "a" and "md-select__link" in a.get("class", ""):
            self.selector[a["hreflang"]] = a["href"]
        if tag in LINKING and a.get(LINKING[tag]):
            self.links.append((tag, a[LINKING[tag]]))


@pytest.fixture(scope="module")
def pages(site) -> dict[str, Page]:
    """Every HTML file of the built site, by its URL path ("/why-argmax/softmax/")."""
    found = {}
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        url = BASE_PATH + (rel.removesuffix("index.html") if rel.endswith("index.html") else rel)
        found[url] = Page(file.read_text(encoding="utf-8"))
    return found


@cache
def _target(site: Path, path: str) -> Path | None:
    if not path.startswith(BASE_PATH):
        return None
    file = site / unquote(path[len(BASE_PATH) :])
    if path.endswith("/"):
        file = file / "index.html"
    return file if file.is_file() else None


def test_every_internal_link_and_anchor_resolves(site, pages):
    broken = []
    for url, page in pages.items():
        for tag, link in page.links:
            parts = urlsplit(urljoin(url, link))
            if parts.scheme or parts.netloc:  # another host: test_site.py forbids loading any
                continue
            target = _target(site, parts.path)
            if target is None:
                broken.append(f"{url}: <{tag}> {link}")
            elif parts.fragment and target.suffix == ".html":
                anchors = pages.get(parts.path) or Page(target.read_text(encoding="utf-8"))
                if unquote(parts.fragment) not in anchors.ids:
                    broken.append(f"{url}: <{tag}> {link} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_the_browser_tests_visit_every_page_the_site_has(pages):
    built = {u for u in pages if not u.endswith("404.html")}
    visited = {BASE_PATH + prefix + path for prefix in LANGS.values() for path in PAGES}
    assert built == visited


@pytest.mark.parametrize("path", PAGES)
def test_each_page_names_its_twin_in_the_selector_and_the_sitemap(pages, path, site):
    ko, en = BASE_PATH + path, BASE_PATH + "en/" + path
    for url in (ko, en):
        page = pages[url]
        # the language selector leads to the same page in each language
        assert {lang: urljoin(url, href) for lang, href in page.selector.items()} == {
            "ko": ko,
            "en": en,
        }
        # no hreflang link in <head>: Material would fetch a sitemap.xml next to each one
        # (overrides/main.html); the pairs are in sitemap.xml
        assert not page.alternates
    assert pages[ko].lang == "ko" and pages[en].lang == "en"
    # sitemap.xml carries the per-page hreflang pairs, with absolute URLs
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    root = SITE_URL.rstrip("/") + "/"
    for loc in (root + path, root + "en/" + path):
        entry = re.search(rf"<url>\s*<loc>{re.escape(loc)}</loc>.*?</url>", sitemap, re.S)
        assert entry, loc
        assert f'hreflang="ko" href="{root + path}"' in entry[0]
        assert f'hreflang="en" href="{root}en/{path}"' in entry[0]


def test_one_404_page_speaks_both_languages(site, pages):
    assert not (site / "en" / "404.html").exists()
    page = pages[BASE_PATH + "404.html"]
    assert page.lang == "ko"
    text = (site / "404.html").read_text(encoding="utf-8")
    assert "페이지를 찾을 수 없습니다" in text and "Page not found" in text
    # a static host serves it at any depth: every link in it is absolute
    relative = [link for _, link in page.links if not link.startswith(("/", "#", "http"))]
    assert not relative, relative
