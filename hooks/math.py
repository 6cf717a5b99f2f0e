"""MkDocs hook: render math with KaTeX (Node) at build time and serve its CSS and fonts from the
site. The fonts are cut down to the characters the site's formulas use (fontTools): a page with
math downloads about a fifth of KaTeX's font bytes."""

import html as htmllib
import json
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
_cache: dict[tuple[str, bool], str] = {}


def _render(items: list[tuple[str, bool]]) -> None:
    todo = [item for item in dict.fromkeys(items) if item not in _cache]
    if not todo:
        return
    result = subprocess.run(
        ["node", str(ROOT / "scripts" / "render_math.mjs")],
        input=json.dumps(todo),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"KaTeX failed:\n{result.stderr}")
    rendered = [
        _finish(html, display)
        for (_, display), html in zip(todo, json.loads(result.stdout), strict=True)
    ]
    _cache.update(zip(todo, rendered, strict=True))


def _finish(html: str, display: bool) -> str:
    """A display formula scrolls sideways on a narrow screen: keyboard users must reach it too."""
    if display:
        html = html.replace(
            '<span class="katex-display">', '<span class="katex-display" tabindex="0">', 1
        )
    return html


def on_page_content(html, page, config, files):
    found = [(m["tex"], m["open"] == "[") for m in MATH.finditer(html)]
    if not found:
        return html
    _render([(_unescape(tex), display) for tex, display in found])
    return MATH.sub(lambda m: _cache[(_unescape(m["tex"]), m["open"] == "[")], html)


def _unescape(tex: str) -> str:
    return tex.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def on_post_build(config):
    target = Path(config["site_dir"]) / "assets" / "katex"
    (target / "fonts").mkdir(parents=True, exist_ok=True)
    shutil.copy2(KATEX / "katex.min.css", target / "katex.min.css")
    used = htmllib.unescape(re.sub(r"<[^>]*>", "", "".join(sorted(_cache.values()))))
    options = subset.Options(flavor="woff2", hinting=False)
    for path in sorted((KATEX / "fonts").glob("*.woff2")):
        font = subset.load_font(path, options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=used)
        subsetter.subset(font)
        subset.save_font(font, target / "fonts" / path.name, options)
