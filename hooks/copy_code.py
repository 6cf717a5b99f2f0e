"""MkDocs hook: a REPL transcript's copy button copies the code alone.

While Material's copy button copies a block it marks it `data-md-copying`, and site.css then
hides prompts (`.gp`) and outputs (`.go`). Pygments leaves some traceback lines unmarked; here
every line of a pycon block that does not start with a prompt is marked as output, so the copied
text runs as it is in `python`, a notebook cell or a file.
"""

import re

PYCON = re.compile(
    r'(<div class="language-pycon highlight"><pre><span></span><code>)(.*?)(</code>)', re.S
)
PROMPT = '<span class="gp">'


def _mark_outputs(code: str) -> str:
    lines = code.split("\n")
    return "\n".join(
        line if not line or line.startswith(PROMPT) else f'<span class="go">{line}</span>'
        for line in lines
    )


def on_page_content(html, page, config, files):
    return PYCON.sub(lambda m: m[1] + _mark_outputs(m[2]) + m[3], html)
