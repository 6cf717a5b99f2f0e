"""MkDocs hook: the search index leaves out code blocks and tables (code and numbers, shown on
the page) and two of KaTeX's three copies of each formula (the TeX annotation and the visible
HTML; the MathML stays), so results show prose and every page loads a smaller index.

Material's indexer skips an element marked data-search-exclude up to the first closing tag of
the same name, so a marked element must not hold one of its kind: a code block's <div> holds no
<div>, a <table> no <table>; KaTeX's HTML part (spans within spans) becomes <katex-html>, which
KaTeX's CSS styles by class as before.
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
