"""MkDocs hook: what the search index leaves out, so that results show prose and every page
downloads a smaller index (Material's search loads it on every page).

- Code blocks and tables: numbers and code, which readers do not search for; they are shown on
  the page itself.
- KaTeX writes each formula three times: as MathML (for screen readers), as its TeX source (a
  MathML annotation) and as the visible HTML. The index keeps the MathML alone.

Material's indexer skips an element marked data-search-exclude, and ends the skip at the first
closing tag of the same name. So the marked elements must not hold one of their own kind: a code
block's <div> holds no <div>, a <table> no <table>; KaTeX's HTML part is spans within spans, so
it becomes <katex-html>, an element of its own that KaTeX's CSS styles by class as before (it is
the last child of the formula's span).
"""

import re

BLOCK = re.compile(r'<(div class="[^"]*highlight[^"]*"|table)>')
SPAN = re.compile(r"<span\b|</span>")
KATEX_HTML = '<span class="katex-html"'


def _rename_katex_html(html: str) -> str:
    """Each <span class="katex-html" ...>...</span> becomes <katex-html ...>...</katex-html>."""
    out, start = [], 0
    while (begin := html.find(KATEX_HTML, start)) != -1:
        depth, pos = 0, begin
        for tag in SPAN.finditer(html, begin):
            depth += 1 if tag[0] == "<span" else -1
            if depth == 0:
                pos = tag.start()
                break
        inner = html[begin + len(KATEX_HTML) : pos]
        out.append(f'{html[start:begin]}<katex-html data-search-exclude class="katex-html"{inner}')
        out.append("</katex-html>")
        start = pos + len("</span>")
    return "".join(out) + html[start:]


def on_page_content(html, page, config, files):
    html = BLOCK.sub(lambda m: f"<{m[1]} data-search-exclude>", html)
    html = html.replace("<annotation ", "<annotation data-search-exclude ")
    return _rename_katex_html(html)
