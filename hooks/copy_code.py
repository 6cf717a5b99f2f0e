"""MkDocs hook: a REPL transcript's copy button copies the code alone.

Material marks a code block with `data-md-copying` while its copy button copies the block's
text, so CSS can leave spans out of the clipboard (docs/assets/site.css hides prompts `.gp` and
outputs `.go`). Pygments marks most output lines `.go`, but not every line of a traceback; here
every line of a pycon block that does not start with a prompt is marked as output, so pasting
the copied text into `python`, a notebook cell or a file runs the code the page shows.
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
