"""MkDocs hook: render math with KaTeX (Node) at build time and serve its CSS and fonts from the
site. The fonts are cut down to the characters the site's formulas use (fontTools): a page with
math downloads about a fifth of KaTeX's font bytes."""

import html as htmllib
import json
import logging
import re
import shutil
import subprocess
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
KATEX = ROOT / "node_modules" / "katex" / "dist"
MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]</(?P=tag)>',
    re.S,
)
# A display formula scrolls sideways on a narrow screen: keyboard users must reach it too.
FOCUSABLE = ('<span class="katex-display">', '<span class="katex-display" tabindex="0">')
# the fonts are cut from KaTeX's TrueType files (same glyphs as WOFF2, read in half the time)
logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)  # their dates: 0
_cache: dict[tuple[str, bool], str] = {}
_node: subprocess.Popen | None = None


def _renderer() -> subprocess.Popen:
    """One KaTeX process (hooks/render_math.mjs) for the whole build: Node starts once."""
    global _node
    if _node is None or _node.poll() is not None:
        _node = subprocess.Popen(
            ["node", str(ROOT / "hooks" / "render_math.mjs")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
    return _node


def _render(items: list[tuple[str, bool]]) -> None:
    todo = [item for item in dict.fromkeys(items) if item not in _cache]
    if not todo:
        return
    node = _renderer()
    node.stdin.write(json.dumps(todo) + "\n")
    node.stdin.flush()
    answer = json.loads(node.stdout.readline() or '{"error": "KaTeX stopped"}')
    if "error" in answer:
        raise RuntimeError(f"KaTeX failed: {answer['error']}")
    rendered = [html.replace(*FOCUSABLE, 1) for html in answer["html"]]
    _cache.update(zip(todo, rendered, strict=True))


def on_page_content(html, page, config, files):
    found = [(m["tex"], m["open"] == "[") for m in MATH.finditer(html)]
    if not found:
        return html
    _render([(htmllib.unescape(tex), display) for tex, display in found])
    return MATH.sub(lambda m: _cache[(htmllib.unescape(m["tex"]), m["open"] == "[")], html)


def on_post_build(config):
    if _node is not None:
        _node.stdin.close()
        _node.wait()
    target = Path(config["site_dir"]) / "assets" / "katex"
    (target / "fonts").mkdir(parents=True, exist_ok=True)
    shutil.copy2(KATEX / "katex.min.css", target / "katex.min.css")
    rendered = "".join(sorted(_cache.values()))
    used = htmllib.unescape(re.sub(r"<[^>]*>", "", rendered))
    options = subset.Options(flavor="woff2", hinting=False)
    for family in _families(rendered):
        for path in sorted((KATEX / "fonts").glob(f"KaTeX_{family}-*.ttf")):
            font = subset.load_font(path, options)
            subsetter = subset.Subsetter(options)
            subsetter.populate(text=used)
            subsetter.subset(font)
            subset.save_font(font, target / "fonts" / f"{path.stem}.woff2", options)


def _families(rendered: str) -> set[str]:
    """The KaTeX font families the formulas use (no page asks for the others): KaTeX_Main, and
    each one katex.css gives a class the formulas carry (mathnormal: KaTeX_Math, size1: Size1)."""
    classes = {c for attr in re.findall(r'class="([^"]*)"', rendered) for c in attr.split()}
    css = (KATEX / "katex.min.css").read_text(encoding="utf-8")
    families = {"Main"}
    for selectors, family in re.findall(r"([^{}@]+)\{[^}]*font-family:KaTeX_(\w+)", css):
        for selector in selectors.split(","):
            needed = set(re.findall(r"\.([\w-]+)", selector)) - {"katex"}
            if needed and needed <= classes:
                families.add(family)
    return families
