"""Every page of the site, in both languages, visited once in a fresh browser context (a reader's
first visit, empty cache). In that one visit: the page loads without console errors or requests
to other hosts, its math is rendered, its figures load, its weight stays within budget, axe-core
finds no serious or critical accessibility problem, and screenshots at desktop and phone widths
are saved to test-artifacts/screenshots/ for a person to look at.

After axe, each code block's copy button is pressed and the clipboard read back; every copied
block is then run (tests/browser/run_copied.py): transcripts as doctests, so what the page shows
is what the code prints, and Python blocks as scripts.

The visits run as a small pipeline so the two cores stay busy: while one page is checked and
photographed, the next one loads and axe audits the previous one (all inside Chromium). The
tests below then assert, page by page, what the visits recorded.
"""

import json
import subprocess
import sys
from collections import deque
from dataclasses import dataclass, field

import pytest

from tests.browser.conftest import LANGS, PAGES, ROOT, open_page, traffic_problems

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
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
FOCUS_AND_CLEAR = """b => {
  b.focus();
  const block = b.closest(".highlight");
  const title = block && block.querySelector(".filename");
  return navigator.clipboard.writeText("").then(() => title ? title.textContent : "");
}"""
START_AXE = """() => {
  window.__axe = axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(
    v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target)})
  ));
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


def _start(browser, site_url, lang, path):
    visit = Visit(lang, path)
    context, page = open_page(
        browser, site_url, viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"]
    )
    context.add_init_script(path=AXE)  # axe-core from npm, injected without a request
    try:
        response = page.goto(site_url + LANGS[lang] + path, wait_until="commit")
        visit.status = response.status
    except Exception as error:
        visit.error = repr(error)
    return visit, context, page


def _inspect(visit, page, shots):
    page.wait_for_load_state("load")
    page.traffic.wait_until_quiet(page)
    visit.weight, visit.received = page.traffic.weight, dict(page.traffic.received)
    visit.shown = page.evaluate(INSPECT)
    page.screenshot(path=shots / f"{visit.name}-desktop.jpg", full_page=True, quality=70)
    page.set_viewport_size(PHONE)
    page.screenshot(path=shots / f"{visit.name}-phone.jpg", full_page=True, quality=70)
    page.evaluate(START_AXE)  # audits the phone layout while the next page is handled


def _finish(visit, context, page, site_url):
    try:
        if not visit.error:
            visit.violations = page.evaluate("window.__axe")
            visit.copies = _copy_every_block(page)
    except Exception as error:
        visit.error = repr(error)
    visit.problems = traffic_problems(page.traffic, site_url)
    context.close()


def _copy_every_block(page) -> list[tuple[str, str, str]]:
    """What each copy button puts on the clipboard (pressed with the keyboard: a real input
    event, which the browser requires before a page may write to the clipboard)."""
    copies = []
    buttons = page.locator(COPY_BUTTONS)
    for i in range(buttons.count()):
        title = buttons.nth(i).evaluate(FOCUS_AND_CLEAR)
        page.keyboard.press("Enter")
        text = page.evaluate("navigator.clipboard.readText()")
        kind = "pycon" if text.lstrip().startswith(">>> ") else "python"
        copies.append((kind, title, text))
    return copies


@pytest.fixture(scope="module")
def visits(browser, site_url, artifacts):
    shots = artifacts / "screenshots"
    todo, started, auditing, done = deque(TARGETS), deque(), deque(), {}
    while todo or started or auditing:
        while todo and len(started) < 2:  # the next page loads while this one is handled
            started.append(_start(browser, site_url, *todo.popleft()))
        if started:
            visit, context, page = started.popleft()
            try:
                if not visit.error:
                    _inspect(visit, page, shots)
            except Exception as error:
                visit.error = repr(error)
            auditing.append((visit, context, page))
        if len(auditing) > 1 or (auditing and not started):
            visit, context, page = auditing.popleft()
            _finish(visit, context, page, site_url)
            done[visit.lang, visit.path] = visit
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
    blocks = sorted({(kind, text) for v in visits.values() for kind, _, text in v.copies})
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
    for kind, title, text in visit.copies:
        ok, report = copied_runs[kind, text]
        if not ok:
            failures.append(f"--- {kind} block {title or text[:60]!r}:\n{report}")
        if title.startswith("snippets/"):  # a library excerpt shows the library's real code
            assert text in (ROOT / title).read_text(encoding="utf-8"), title
        if kind == "python":
            assert ">>> " not in text
    assert not failures, "\n".join(failures)
