"""What a reader does with the header: switch the language, search, follow a link to a section;
and the 404 page.

Every test uses the `page` fixture: no console error, no request to another host.
"""

import pytest

from tests.browser.conftest import AXE, sampled, sweep_only

RESULTS = ".md-search-result__list > li a.md-search-result__link"
# the page's final layout: its fonts loaded, then two frames drawn
SETTLED = """document.fonts.ready.then(() => new Promise(done =>
  requestAnimationFrame(() => requestAnimationFrame(() => done(null)))))"""


def open_language_menu_and_pick(page, name: str) -> None:
    page.hover(".md-header__option .md-select")  # Material opens the selector on hover/focus
    page.get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state("load")


@pytest.mark.parametrize(
    "path",
    sampled(["testing/", "entropy/", "seed-errors/", "", "notebooks/entropy/"], ["testing/"]),
)
def test_the_language_selector_switches_to_the_same_page(page, site_url, path):
    page.goto(site_url + path)
    heading_levels = page.locator("article :is(h1, h2, h3)").evaluate_all(
        "hs => hs.map(h => h.tagName)"
    )
    open_language_menu_and_pick(page, "English")
    assert page.url == site_url + "en/" + path
    assert page.locator("html").get_attribute("lang") == "en"
    # the same page in the other language has the same sections
    assert (
        page.locator("article :is(h1, h2, h3)").evaluate_all("hs => hs.map(h => h.tagName)")
        == heading_levels
    )
    open_language_menu_and_pick(page, "한국어")
    assert page.url == site_url + path
    assert page.locator("html").get_attribute("lang") == "ko"


def test_a_link_to_a_section_shows_its_heading_under_the_header(page, site_url):
    """As search results and the table of contents link: straight to a section near the end of a
    long page, then to one near its start. (Layout shortcuts such as content-visibility on whole
    blocks break this: blocks above the heading take their size after the jump.)"""
    page.goto(site_url + "open-set-measured/")
    ids = page.locator("article h2[id]").evaluate_all("hs => hs.map(h => h.id)")
    header = page.locator("header").evaluate("h => h.getBoundingClientRect().bottom")
    for section in (ids[-2], ids[1]):
        page.goto(f"{site_url}open-set-measured/#{section}")
        page.evaluate(SETTLED)
        top = page.locator(f"[id='{section}']").evaluate("h => h.getBoundingClientRect().top")
        assert header <= top < header + 40, f"#{section} shown at {top:.0f} px"


# the focused element is the copy button of the page's last code block
ON_LAST_COPY_BUTTON = """document.activeElement.matches(".md-code__button")
  && document.activeElement.closest("pre")
    === [...document.querySelectorAll("article pre > code")].pop().closest("pre")"""


def test_tabbing_onto_a_code_block_not_yet_set_up_leaves_focus_on_its_copy_button(page, site_url):
    """Material sets up a code block as it comes into view and drops the build's tabindex if it
    does not scroll sideways (this one does not, at desktop width): focus then goes to the block's
    copy button (site.js), not back to the page."""
    page.goto(site_url + "testing/")
    last = page.locator("article pre > code").last
    assert last.get_attribute("tabindex") == "0"  # from the build: below the screen, not set up
    last.focus()  # as Tab lands on it: the browser scrolls it into view
    page.wait_for_function(ON_LAST_COPY_BUTTON, timeout=5000)


TOGGLE = "form[data-md-component=palette] label:not([hidden])"  # Material's theme toggle
# whether the page's background is dark
DARK_BACKGROUND = """() => {
  const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128; }"""


# the system colour Canvas at the root: dark when the page's own scrollbar follows the dark
# theme (site.css says so, not a meta tag)
ROOT_CANVAS = """() => { const probe = document.createElement("div"); probe.style.color = "Canvas";
  document.documentElement.append(probe); const c = getComputedStyle(probe).color;
  probe.remove(); return c; }"""


def test_the_theme_follows_the_system_then_the_toggle_and_the_choice_stays(page, site_url):
    """A reader whose system is dark gets the dark theme at the first visit, scrollbar included;
    the toggle turns the page light, and the next page stays light. (The first visit's theme
    comes with the HTML, overrides/main.html; hooks/startup.py dropped what made Material's
    palette script restyle the page at every load.)"""
    page.emulate_media(color_scheme="dark")
    page.goto(site_url + "testing/")
    page.wait_for_function(DARK_BACKGROUND, timeout=2000)
    assert page.evaluate(ROOT_CANVAS) == "rgb(18, 18, 18)"
    page.locator(TOGGLE).click()
    page.wait_for_function(f"() => !({DARK_BACKGROUND})()", timeout=2000)
    assert page.evaluate(ROOT_CANVAS) == "rgb(255, 255, 255)"
    page.goto(site_url)
    assert page.evaluate(DARK_BACKGROUND) is False
    # no color-scheme meta: Material's script adds one at every load, restyling every element
    assert page.locator("meta[name=color-scheme]").count() == 0


@pytest.mark.parametrize("system", ["dark", "light"])
def test_a_first_visit_has_the_system_theme_before_materials_script_runs(page, site_url, system):
    """overrides/main.html gives <body> the palette of the system's theme as it is parsed.
    Material's script did it only once the page had loaded; here every script file is empty."""
    page.route("**/*.js", lambda route: route.fulfill(body="", status=200))
    page.emulate_media(color_scheme=system)
    page.goto(site_url + "testing/")
    expected = {"dark": "slate", "light": "default"}[system]
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected
    assert page.evaluate(DARK_BACKGROUND) is (system == "dark")


def search(page, text: str) -> list[str]:
    """Type into Material's search box as a reader does; return the result links."""
    box = page.locator("input.md-search__input")
    box.click()  # in the header at desktop width
    box.fill("")
    # results of an earlier query, if any: the new ones replace them
    page.evaluate(f"document.querySelectorAll('{RESULTS}').forEach(a => a.dataset.old = 1)")
    # Material searches on key events. Hangul typed through an input method arrives as text
    # without key events (so does keyboard.type here); the next key press (End) triggers it.
    page.keyboard.type(text)
    page.keyboard.press("End")
    page.locator(f"{RESULTS}:not([data-old])").first.wait_for()
    # without the ?h= highlight query and the #section
    return page.locator(RESULTS).evaluate_all("links => links.map(a => a.origin + a.pathname)")


KOREAN_QUERIES = {  # query: the pages that may come first
    "소프트맥스": {"softmax/"},
    "엔트로피를": {"entropy/"},
    "시그모이드의": {"sigmoid/"},
    "온도를": {"calibration/", "inference/", "softmax/"},  # pages about temperature
}


def test_korean_search_ranks_the_page_first_with_or_without_a_particle(page, site_url):
    page.goto(site_url)
    for query, expected in KOREAN_QUERIES.items():
        hits = search(page, query)
        assert hits[0].removeprefix(site_url) in expected, (query, hits)
        # each language has its own index: Korean results only, and no notebook page
        foreign = (site_url + "en/", site_url + "notebooks/")
        assert not any(h.startswith(foreign) for h in hits), (query, hits)


def test_search_in_english_finds_the_cross_entropy_page(page, site_url):
    page.goto(site_url + "en/")
    hits = search(page, "cross-entropy")
    assert site_url + "en/cross-entropy/" in hits, hits
    assert hits[0] == site_url + "en/cross-entropy/", hits
    assert all(h.startswith(site_url + "en/") for h in hits), hits


def test_a_missing_page_gets_the_404_page_in_both_languages(page, site_url):
    missing = [site_url + "en/no-such-page/", site_url + "no-such-page/"]
    response = page.goto(missing[0])
    assert response.status == 404
    text = page.locator("article").inner_text()
    assert "페이지를 찾을 수 없습니다" in text and "Page not found" in text
    page.get_by_role("link", name="English home page").click()
    assert page.url == site_url + "en/"
    page.goto(missing[1])
    page.add_script_tag(path=AXE)
    violations = page.evaluate("axe.run().then(r => r.violations)")
    serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, serious
    page.get_by_role("link", name="첫 페이지").click()
    assert page.url == site_url
    # the browser logs the 404 of the missing page itself, which the `page` fixture then lets
    # pass; nothing else may go wrong
    page.traffic.console_errors = [
        e for e in page.traffic.console_errors if not any(f"'{m}'" in e for m in missing)
    ]


# every point of a row's first cell that shows something other than that cell, once the table has
# scrolled sideways, for the rows whose other cells hold a formula
COVERED_NAMES = """frame => {
  const covered = [];
  for (const row of frame.querySelector("tbody").rows) {
    if (!row.querySelector("td + td .katex")) continue;
    const cell = row.cells[0];
    cell.scrollIntoView({block: "center", inline: "nearest"});
    frame.scrollLeft = 260;
    const box = cell.getBoundingClientRect();
    for (let x = box.left + 2; x < box.right - 2; x += 4)
      for (let y = box.top + 2; y < box.bottom - 2; y += 4) {
        const seen = document.elementFromPoint(x, y);
        if (seen && !cell.contains(seen)) covered.push(`${cell.textContent}: ${seen.className}`);
      }
  }
  return [...new Set(covered)];
}"""


@sweep_only
def test_formulas_pass_under_a_scrolled_tables_first_column(page, site_url):
    """On a phone, as the glossary's table scrolls sideways, the formulas of its other columns go
    under the row names, not over them."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "glossary/")
    frame = page.locator(".md-typeset__scrollwrap", has=page.locator("table")).first
    frame.scroll_into_view_if_needed()
    assert frame.evaluate(COVERED_NAMES) == []


def test_a_wide_table_keeps_each_rows_name_in_view_as_it_scrolls(page, site_url):
    """On a phone, a table wider than the screen (the speed page's timings; the experiment's
    tables alike) scrolls sideways in its frame, and its first column, the row's name, stays in
    view."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "speed/")
    frame = page.locator(".md-typeset__scrollwrap", has=page.locator("table")).first
    frame.scroll_into_view_if_needed()
    name, value = frame.locator("tbody td").nth(0), frame.locator("tbody td").nth(2)
    before = name.bounding_box()["x"], value.bounding_box()["x"]
    frame.evaluate("f => { f.scrollLeft = 300; }")
    page.evaluate(SETTLED)
    assert frame.evaluate("f => f.scrollLeft") > 0
    left = frame.bounding_box()["x"]
    assert left <= name.bounding_box()["x"] <= before[0]  # at the frame's left edge
    assert value.bounding_box()["x"] < before[1] - 200  # the values went on under it
