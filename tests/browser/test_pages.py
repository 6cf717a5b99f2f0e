"""Every page of the site, in both languages, visited once as a reader's first visit (nothing
cached). In that one visit: the page loads without console errors or requests
to other hosts, its math is rendered, its figures load, nothing is wider than a phone screen,
its weight stays within budget, axe-core finds no serious or critical accessibility problem, and
screenshots (the first screen at desktop width, the whole page at phone width) are saved to
test-artifacts/screenshots/ (JPEG) for a person to look at.

After axe, each code block's copy button is pressed and the clipboard read back; every copied
block is then run (tests/browser/run_copied.py): transcripts as doctests, so what the page shows
is what the code prints, and Python blocks as scripts.

The visits take turns in two browser tabs (see `visits`). The tests below then assert, page by
page, what the visits recorded.
"""

import json
import subprocess
import sys
from collections import deque
from dataclasses import dataclass, field

import pytest

from tests.browser.conftest import (
    AXE,
    LANGS,
    PAGES,
    ROOT,
    Traffic,
    open_page,
    traffic_problems,
)

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
# Budget for a first visit to any page: every byte received, text gzipped as GitHub Pages serves
# it (see SiteHandler in conftest.py), including what Material's search worker loads on its own.
BUDGET = 250 * 1024
TARGETS = [(lang, path) for lang in LANGS for path in PAGES]

# what the page shows: raw TeX left in the text, KaTeX errors, images that did not load
INSPECT = r"""() => {
  const article = document.querySelector("article");
  const copy = article.cloneNode(true);
  copy.querySelectorAll("pre, code, .katex").forEach(e => e.remove());
  const text = copy.textContent;
  const tex = text.match(/\$[^$\n]+\$|\\\(|\\\[|\\(frac|sum|log|mathrm)\b/g) || [];
  return {
    lang: document.documentElement.lang,
    tex: tex.slice(0, 5),
    katexErrors: document.querySelectorAll(".katex-error").length,
    images: [...article.querySelectorAll("img")]
      .map(i => [i.src, i.complete && i.naturalWidth > 0]),
  };
}"""
COPY_BUTTONS = "button.md-code__button[data-md-type=copy]"  # Material's copy button
# every copy button's block: language, title, the code as displayed
BLOCKS = """buttons => buttons.map(b => {
  const block = b.closest(".highlight");
  const title = block && block.querySelector(".filename");
  const lang = block ? [...block.classList].find(c => c.startsWith("language-")) : undefined;
  const code = b.closest("pre") && b.closest("pre").querySelector("code");
  return [lang ? lang.slice(9) : "", title ? title.textContent : "", code ? code.innerText : ""];
})"""
RUN = {"pycon": "pycon", "python": "python", "py": "python"}  # what run_copied.py runs
# at phone width: how far the page is wider than the screen, and the widest culprits (elements
# sticking out that are not inside something scrolling on its own, like code or a table)
OVERFLOW = r"""() => {
  const width = window.innerWidth;
  const scrolls = e => e.closest("pre, .md-typeset__scrollwrap, .katex-display, .jp-OutputArea");
  const culprits = [...document.querySelectorAll("article *")]
    .filter(e => e.getBoundingClientRect().right > width + 1 && !scrolls(e))
    .filter((e, _, all) => !all.includes(e.parentElement))
    .slice(0, 3)
    .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")} ends at `
              + `${Math.round(e.getBoundingClientRect().right)}px`);
  return {excess: document.documentElement.scrollWidth - width, culprits};
}"""
# axe-core's default rules; without CSS selectors for the nodes it reports (a third of its time
# here): a failure shows each node's HTML instead. Started from a timer: most of axe.run is
# synchronous, and the call must return at once for the other tab to be handled meanwhile.
START_AXE = """() => {
  const options = {resultTypes: ["violations"], selectors: false, ancestry: false, xpath: false};
  const later = new Promise(resolve => setTimeout(resolve, 0));
  window.__axe = later.then(() => axe.run(document, options)).then(r => r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.html),
  })));
}"""


@dataclass
class Visit:
    lang: str
    path: str
    status: int = 0
    error: str = ""  # an exception raised during the visit
    shown: dict = field(default_factory=dict)
    violations: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # traffic: other hosts, console errors
    weight: int = 0
    received: dict = field(default_factory=dict)
    copies: list = field(default_factory=list)  # (kind, title, text) per copy button

    @property
    def name(self) -> str:
        return f"{self.lang}-{self.path.strip('/').replace('/', '-') or 'home'}"


def _tab(browser, site_url):
    """A browser tab that visits pages one after another as first visits: its HTTP cache is
    off, so every page downloads all it needs, as with an empty cache (a new context per page
    would cost Chromium a new renderer each time, a third of the CPU these tests use)."""
    context, page = open_page(
        browser, site_url, viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"]
    )
    context.add_init_script(path=AXE)  # axe-core from npm, injected without a request
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    return context, page


def _start(page, site_url, lang, path) -> Visit:
    visit = Visit(lang, path)
    page.traffic = Traffic()
    page.set_viewport_size(DESKTOP)
    try:
        response = page.goto(site_url + LANGS[lang] + path, wait_until="commit")
        visit.status = response.status
    except Exception as error:
        visit.error = repr(error)
    return visit


def _inspect(visit, page, shots):
    page.wait_for_load_state("load")
    page.traffic.wait_until_quiet(page)
    visit.weight, visit.received = page.traffic.weight, dict(page.traffic.received)
    visit.shown = page.evaluate(INSPECT)
    # the first screen at desktop width, the whole page at phone width (where layouts break);
    # a full-page desktop shot would cost as much CPU again as the phone one
    page.screenshot(path=shots / f"{visit.name}-desktop.jpg", quality=70)
    page.set_viewport_size(PHONE)
    visit.shown["overflow"] = page.evaluate(OVERFLOW)
    page.screenshot(path=shots / f"{visit.name}-phone.jpg", full_page=True, quality=70)
    page.evaluate(START_AXE)  # audits the phone layout while the other tab is handled


def _finish(visit, page, site_url, copied):
    try:
        if not visit.error:
            visit.violations = page.evaluate("window.__axe")
            visit.copies = _copy_every_block(page, copied)
    except Exception as error:
        visit.error = repr(error)
    visit.problems = traffic_problems(page.traffic, site_url)


def _copy_every_block(page, copied: dict) -> list[tuple[str, str, str]]:
    """(language, title, text) of what each copy button puts on the clipboard, pressed with the
    keyboard (a real input event, which a page needs to write the clipboard). A block shown
    the same way on an earlier page (the other language's twin includes the same file) was
    copied there: `copied` maps what a block displays to what its button copied."""
    copies = []
    buttons = page.locator(COPY_BUTTONS)
    for i, (lang, title, shown) in enumerate(buttons.evaluate_all(BLOCKS)):
        if (lang, title, shown) not in copied:
            buttons.nth(i).evaluate("b => navigator.clipboard.writeText('').then(() => b.focus())")
            page.keyboard.press("Enter")
            copied[lang, title, shown] = page.evaluate("navigator.clipboard.readText()")
        copies.append((lang, title, copied[lang, title, shown]))
    return copies


TABS = 2  # one per core


@pytest.fixture(scope="module")
def visits(browser, site_url, artifacts):
    """The tabs take turns: while one page is photographed, the other tabs' axe audits run and
    their next pages load, so both cores stay busy."""
    shots = artifacts / "screenshots"
    tabs = [_tab(browser, site_url) for _ in range(TABS)]
    todo, loading, auditing, done, copied = deque(TARGETS), deque(), deque(), {}, {}

    def finish():
        page, visit = auditing.popleft()
        _finish(visit, page, site_url, copied)
        done[visit.lang, visit.path] = visit
        if todo:
            loading.append((page, _start(page, site_url, *todo.popleft())))

    for _, page in tabs:
        if todo:
            loading.append((page, _start(page, site_url, *todo.popleft())))
    while loading:
        page, visit = loading.popleft()
        try:
            if not visit.error:
                _inspect(visit, page, shots)
        except Exception as error:
            visit.error = repr(error)
        auditing.append((page, visit))
        while len(auditing) >= TABS:
            finish()
    while auditing:
        finish()
    for context, _ in tabs:
        context.close()
    report = {v.name: {"bytes": v.weight, "responses": v.received} for v in done.values()}
    (artifacts / "page-weights.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    return done


def _visit(visits, lang, path) -> Visit:
    visit = visits[lang, path]
    assert not visit.error, visit.error
    return visit


ids = [f"{lang}-{path.strip('/') or 'home'}" for lang, path in TARGETS]
each_page = pytest.mark.parametrize(("lang", "path"), TARGETS, ids=ids)


@each_page
def test_page_loads_cleanly_from_this_host_only(visits, lang, path):
    visit = _visit(visits, lang, path)
    assert visit.status == 200
    assert visit.shown["lang"] == lang
    assert not visit.problems, "\n".join(visit.problems)


@each_page
def test_math_is_rendered_and_figures_load(visits, lang, path):
    shown = _visit(visits, lang, path).shown
    assert not shown["tex"], f"raw TeX in the page text: {shown['tex']}"
    assert shown["katexErrors"] == 0
    broken = [src for src, ok in shown["images"] if not ok]
    assert not broken, f"figures that did not load: {broken}"


@each_page
def test_nothing_is_wider_than_a_phone_screen(visits, lang, path):
    overflow = _visit(visits, lang, path).shown["overflow"]
    assert overflow["excess"] <= 0, (
        f"at {PHONE['width']} px the page is {overflow['excess']} px wider than the screen: "
        f"{overflow['culprits']}"
    )


@each_page
def test_first_visit_stays_within_the_weight_budget(visits, lang, path):
    visit = _visit(visits, lang, path)
    largest = sorted(visit.received.items(), key=lambda kv: -kv[1])[:6]
    assert visit.weight <= BUDGET, f"{visit.weight} bytes; largest: {largest}"


@each_page
def test_axe_finds_no_serious_accessibility_problem(visits, lang, path):
    violations = _visit(visits, lang, path).violations
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(f"{v['id']}: {v['help']} at {v['nodes']}" for v in serious)


@pytest.fixture(scope="module")
def copied_runs(visits) -> dict[tuple[str, str], tuple[bool, str]]:
    """Every distinct copied block, run once in a process of its own (see run_copied.py)."""
    blocks = sorted(
        {(RUN[lang], text) for v in visits.values() for lang, _, text in v.copies if lang in RUN}
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "browser" / "run_copied.py")],
        input=json.dumps(blocks),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return dict(zip(blocks, map(tuple, json.loads(result.stdout)), strict=True))


@each_page
def test_copied_code_runs_and_prints_what_the_page_shows(visits, copied_runs, lang, path):
    visit = _visit(visits, lang, path)
    failures = []
    for lang, title, text in visit.copies:
        if title.startswith("snippets/"):  # a library excerpt shows the library's real code
            assert text in (ROOT / title).read_text(encoding="utf-8"), title
        if not lang:
            # a notebook page's cells come from nbconvert without a language class; the build
            # runs every notebook cell in order (hooks/notebooks.py), a cell alone may not run
            assert path.startswith("notebooks/"), f"a code block with no language: {text[:80]}"
            continue
        if lang not in RUN:  # a shell command or plain text: shown, not run here
            continue
        if RUN[lang] == "pycon":
            assert text.startswith(">>> "), f"a transcript that does not start with >>>: {text}"
        ok, report = copied_runs[RUN[lang], text]
        if not ok:
            failures.append(f"--- {lang} block {title or text[:60]!r}:\n{report}")
    assert not failures, "\n".join(failures)
