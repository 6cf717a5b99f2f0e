"""Pages as a reader meets them, in Chromium: each page loads from this host alone, without
console errors, with its math rendered and figures loaded, no wider than a phone, within the
weight budget, with no serious axe-core violation; and what its copy buttons copy, pasted in
order into a Python that has numpy but not this project (tests/reader.py, paste.py), runs and
prints what the page shows.

`make test` visits a sample of pages that between them hold every kind of block (transcripts
with tracebacks, textbook code, excerpts, tables, figures); SWEEP=all
(`make audit`) visits every page in both languages and saves screenshots to test-artifacts/.
"""

import doctest
import json
import subprocess
from dataclasses import dataclass, field

import pytest

from tests.browser.conftest import (
    AXE,
    PAGES,
    ROOT,
    SWEEP,
    Traffic,
    open_page,
    sampled,
    traffic_problems,
)
from tests.conftest import LANGS
from tests.reader import reader_python

TARGETS = sampled(
    [(lang, page) for lang in LANGS for page in PAGES],
    keep=[("ko", "seed-errors/"), ("en", "open-set-measured/")],
)
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
# a first visit to any page: every byte received, text gzipped as GitHub Pages serves it
BUDGET = 200 * 1024
PASTE = (ROOT / "tests" / "browser" / "paste.py").read_text(encoding="utf-8")
CHECK = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

# what the page shows: raw TeX left in the text, KaTeX errors, images that did not load
INSPECT = r"""() => {
  const article = document.querySelector("article");
  const copy = article.cloneNode(true);
  copy.querySelectorAll("pre, code, .katex").forEach(e => e.remove());
  const tex = copy.textContent.match(/\$[^$\n]+\$|\\\(|\\\[|\\(frac|sum|log|mathrm)\b/g) || [];
  return {
    lang: document.documentElement.lang,
    tex: tex.slice(0, 5),
    katexErrors: document.querySelectorAll(".katex-error").length,
    formulas: document.querySelectorAll(".katex").length,
    // each preloaded font: how often it was fetched (twice if the preload went unused)
    preloaded: [...document.querySelectorAll("link[rel=preload][as=font]")]
      .map(l => [l.href.split("/").pop(), performance.getEntriesByName(l.href).length]),
    loadedFonts: [...document.fonts].filter(f => f.status === "loaded")
      .map(f => `${f.family}-${f.style}`),
    images: [...article.querySelectorAll("img")]
      .map(i => [i.src, i.complete && i.naturalWidth > 0]),
  };
}"""
# figures load lazily (only when scrolled near): the weight above is a first visit's, then every
# figure is loaded to check that it loads
LOAD_LAZY_IMAGES = """async () => {
  const images = [...document.querySelectorAll("article img")];
  images.forEach(i => { i.loading = "eager"; });
  await Promise.all(images.map(i => i.decode().catch(() => null)));
}"""
# in Material's dark scheme, each figure's filter (its SVG has a transparent background, black
# text: the filter turns it light on dark, so no white box shows)
DARK_FIGURES = """() => {
  document.body.setAttribute("data-md-color-scheme", "slate");
  const images = [...document.querySelectorAll("article img")];
  const filters = images.map(i => getComputedStyle(i).filter);
  document.body.setAttribute("data-md-color-scheme", "default");
  return filters;
}"""
# at phone width: how far the page is wider than the screen, the widest culprits, and the
# formulas a reader would have to scroll sideways to read
OVERFLOW = r"""() => {
  const width = window.innerWidth;
  const scrolls = e => e.closest("pre, .md-typeset__scrollwrap, .katex-display");
  const culprits = [...document.querySelectorAll("article *")]
    .filter(e => e.getBoundingClientRect().right > width + 1 && !scrolls(e))
    .filter((e, _, all) => !all.includes(e.parentElement))
    .slice(0, 3)
    .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}`);
  const formulas = [...document.querySelectorAll(".katex-display")]
    .filter(e => e.scrollWidth > e.clientWidth + 1)
    .map(e => e.querySelector("annotation").textContent.slice(0, 60));
  return {excess: document.documentElement.scrollWidth - width, culprits, formulas};
}"""
# every computed style of the first framed table (hooks/startup.py), its first header cell, first
# and second cell and link, against Material's own style for the same table without a class in
# the same frame; the table's background colour aside (site.css: transparent, so that its frame's
# shadows show), and a row's first cell may only stay in view as the table scrolls (site.css:
# sticky, above the cells that scroll under it, and the table clips instead of hiding its overflow)
TABLE_STYLE = """() => {
  const table = document.querySelector("article table.framed");
  if (!table) return [];
  const frame = table.closest(".md-typeset__scrollwrap");
  const twin = frame.cloneNode(true);
  twin.querySelector("table").removeAttribute("class");
  frame.after(twin);
  const parts = t => [t, t.querySelector("th"), t.querySelector("td"),
    t.querySelector("td + td"), t.querySelector("td a")];
  const sticky = ["position", "left", "inset-inline-start", "z-index", "background-color",
    "box-shadow"];
  const theirs = parts(twin.querySelector("table"));
  const differ = parts(table).flatMap((e, i) => {
    if (!e) return [];
    const [ours, material] = [getComputedStyle(e), getComputedStyle(theirs[i])];
    return [...ours].filter(p => ours.getPropertyValue(p) !== material.getPropertyValue(p))
      .filter(p => !(i === 0 && (p === "background-color" || p.startsWith("overflow"))))
      .filter(p => !(e.matches(":first-child") && e !== table && sticky.includes(p)))
      .map(p => `${e.tagName.toLowerCase()} ${p}: ${ours.getPropertyValue(p)}`
        + ` (Material: ${material.getPropertyValue(p)})`);
  });
  twin.remove();
  return differ;
}"""
# every change of the root's classes as the page loads: (before, after, whether <body> was there)
WATCH_ROOT_CLASSES = """(() => {
  const seen = window.rootClassChanges = [];
  const root = () => document.documentElement;
  new MutationObserver(records => records.forEach(r => {
    if (r.target === root()) seen.push([r.oldValue || "", !!document.body]);
  })).observe(document, {subtree: true, attributeFilter: ["class"], attributeOldValue: true});
})()"""
ROOT_CLASS_CHANGES = """() => window.rootClassChanges.map(([before, body], i, all) =>
  [before, i + 1 < all.length ? all[i + 1][0] : document.documentElement.className, body])"""
AXE_RUN = """() => axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations
  .filter(v => ["serious", "critical"].includes(v.impact))
  .map(v => `${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map(n => n.html)}`))"""
COPY_BUTTONS = "button.md-code__button[data-md-type=copy]"  # Material's copy button
# Material sets up a code block, copy button included, when it comes into view (content.lazy):
# the reader opens every excerpt and brings each block that copies (Material's rule: not inside
# .no-copy) into view, two frames at each stop; then every such block must have its button
SHOW_EVERY_BLOCK = """async () => {
  document.querySelectorAll("article details").forEach(d => { d.open = true; });
  const blocks = [...document.querySelectorAll("article pre > code")]
    .filter(code => !code.closest(".no-copy"));
  for (const code of blocks) {
    code.scrollIntoView({block: "center"});
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  }
  return blocks.length;
}"""
# each copy button's block: its language and the code as the page displays it
BLOCKS = """buttons => buttons.map(b => {
  const block = b.closest(".highlight");
  const lang = [...block.classList].find(c => c.startsWith("language-"));
  return [lang ? lang.slice(9) : "", block.querySelector("code").innerText];
})"""


@dataclass
class Visit:
    status: int = 0
    shown: dict = field(default_factory=dict)
    violations: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    weight: int = 0
    largest: list = field(default_factory=list)
    blocks: list = field(default_factory=list)  # (language, displayed, copied) per copy button


def _formulas_in_the_accessibility_tree(cdp) -> int:
    """The formulas a screen reader gets: KaTeX's MathML copy, hidden from sight, must be in the
    browser's accessibility tree (hiding it by other means, e.g. content-visibility, drops it).
    The query returns ignored nodes too: they do not count."""
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    nodes = cdp.send("Accessibility.queryAXTree", {"nodeId": root, "role": "MathMLMath"})["nodes"]
    return sum(1 for n in nodes if not n["ignored"])


def _copy_every_block(page) -> list[tuple[str, str, str]]:
    """What each copy button puts on the clipboard, pressed with the keyboard (a real input
    event, which a page needs to write the clipboard)."""
    copyable = page.evaluate(SHOW_EVERY_BLOCK)
    shown = f"document.querySelectorAll('{COPY_BUTTONS}').length === {copyable}"
    page.wait_for_function(shown, timeout=5000)
    buttons = page.locator(COPY_BUTTONS)
    blocks = []
    for i, (lang, displayed) in enumerate(buttons.evaluate_all(BLOCKS)):
        buttons.nth(i).evaluate("b => navigator.clipboard.writeText('').then(() => b.focus())")
        page.keyboard.press("Enter")
        blocks.append((lang, displayed, page.evaluate("navigator.clipboard.readText()")))
    return blocks


@pytest.fixture(scope="module")
def visits(browser, site_url, artifacts) -> dict:
    """Each target visited once, as a first visit (HTTP cache off)."""
    context, page = open_page(
        browser, site_url, viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"]
    )
    context.add_init_script(path=AXE)  # axe-core from npm, injected without a request
    context.add_init_script(WATCH_ROOT_CLASSES)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    done = {}
    for lang, path in TARGETS:
        visit = done[lang, path] = Visit()
        page.traffic = Traffic()
        page.set_viewport_size(DESKTOP)
        visit.status = page.goto(site_url + LANGS[lang] + path).status
        page.traffic.wait_until_quiet(page)
        visit.weight = page.traffic.weight
        visit.largest = sorted(page.traffic.received.items(), key=lambda kv: -kv[1])[:12]
        page.evaluate(LOAD_LAZY_IMAGES)
        visit.shown = page.evaluate(INSPECT)
        visit.shown["root classes"] = page.evaluate(ROOT_CLASS_CHANGES)
        visit.shown["mathRead"] = _formulas_in_the_accessibility_tree(cdp)
        visit.shown["dark"] = page.evaluate(DARK_FIGURES)
        visit.shown["table style"] = page.evaluate(TABLE_STYLE)
        page.set_viewport_size(PHONE)
        visit.shown["overflow"] = page.evaluate(OVERFLOW)
        visit.violations = page.evaluate(AXE_RUN)  # before copying: no "copied" notice shown
        if SWEEP:
            name = f"{lang}-{path.strip('/').replace('/', '-') or 'home'}"
            page.screenshot(path=artifacts / "screenshots" / f"{name}-phone.jpg", full_page=True)
        visit.blocks = _copy_every_block(page)
        visit.problems = traffic_problems(page.traffic, site_url)
    context.close()
    return done


each_page = pytest.mark.parametrize(("lang", "path"), TARGETS)


@each_page
def test_page_loads_cleanly_from_this_host_only(visits, lang, path):
    visit = visits[lang, path]
    assert visit.status == 200
    assert visit.shown["lang"] == lang
    assert not visit.problems, "\n".join(visit.problems)


@each_page
def test_math_is_rendered_and_figures_load(visits, lang, path):
    shown = visits[lang, path].shown
    assert not shown["tex"], f"raw TeX in the page text: {shown['tex']}"
    assert shown["katexErrors"] == 0
    assert shown["mathRead"] == shown["formulas"], "formulas a screen reader does not get"
    assert all(ok for _, ok in shown["images"]), shown["images"]
    # a preloaded font is fetched once and used (KaTeX_Math-Italic.woff2: "KaTeX_Math-italic")
    for name, fetched in shown["preloaded"]:
        family, style = name.removesuffix(".woff2").split("-")
        face = f"{family}-{'italic' if 'Italic' in style else 'normal'}"
        assert fetched == 1 and face in shown["loadedFonts"], (name, fetched, shown["loadedFonts"])
    assert all("invert" in f for f in shown["dark"]), (
        f"a figure that stays white when dark: {shown['dark']}"
    )


@each_page
def test_the_root_has_its_classes_before_the_body_so_materials_script_restyles_nothing(
    visits, lang, path
):
    """Material's script sets the root's classes as it starts; a change to them once the body
    is there restyles every element of the page (overrides/main.html)."""
    changes = visits[lang, path].shown["root classes"]
    assert any(not body and "js" in after.split() for _, after, body in changes), changes
    late = [(b, a) for b, a, body in changes if body and set(b.split()) != set(a.split())]
    assert not late, f"the root's classes changed once the body was there: {late}"


@each_page
def test_tables_look_as_material_styles_them(visits, lang, path):
    differ = visits[lang, path].shown["table style"]
    assert not differ, "\n".join(differ)


@each_page
def test_nothing_is_wider_than_a_phone_screen(visits, lang, path):
    overflow = visits[lang, path].shown["overflow"]
    assert overflow["excess"] <= 0, overflow


@each_page
def test_every_formula_fits_a_phone_screen(visits, lang, path):
    assert visits[lang, path].shown["overflow"]["formulas"] == []


@each_page
def test_first_visit_stays_within_the_weight_budget(visits, lang, path):
    visit = visits[lang, path]
    assert visit.weight <= BUDGET, f"{visit.weight} bytes; largest: {visit.largest}"


@each_page
def test_axe_finds_no_serious_accessibility_problem(visits, lang, path):
    assert not visits[lang, path].violations, "\n".join(visits[lang, path].violations)


def _typed_and_shown(lang: str, displayed: str) -> tuple[list[str], str]:
    """The lines a reader types, and what the page shows the code printing."""
    if lang != "pycon":
        return displayed.splitlines(), ""
    examples = doctest.DocTestParser().get_examples(displayed)
    typed = [line for ex in examples for line in ex.source.splitlines()]
    return typed, "".join(ex.want for ex in examples)


@each_page
def test_copied_code_pastes_into_a_python_without_this_project(visits, lang, path):
    blocks = visits[lang, path].blocks
    if not path.startswith("notebooks/"):
        assert all(lang in ("pycon", "python") for lang, _, _ in blocks), blocks
    for block_lang, displayed, copied in blocks:
        typed, _ = _typed_and_shown(block_lang, displayed)
        lines = [line for line in copied.splitlines() if line.strip()]
        assert lines == [line for line in typed if line.strip()], "copied text is not the code"
    if path.startswith("notebooks/"):
        return  # cells go into Jupyter, not a prompt: tests/test_notebooks.py runs them there
    pasted = subprocess.run(
        reader_python(PASTE),
        input=json.dumps([copied for _, _, copied in blocks]),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    printed = json.loads(pasted.stdout)
    checker = doctest.OutputChecker()
    for (block_lang, displayed, _), got in zip(blocks, printed, strict=True):
        _, want = _typed_and_shown(block_lang, displayed)
        assert checker.check_output(want, got, CHECK), f"{displayed}\n--- printed:\n{got}"
