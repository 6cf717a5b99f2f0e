"""MkDocs hook: the title of an excerpt of this project's code links to the whole file.

A folded excerpt (`{.python .no-copy title="snippets/x.py (excerpt)"}`) shows part of a file that
does not run on its own; its title links that file in the repository (`repo_url`).
"""

import re

TITLE = re.compile(
    r'<span class="filename">((?:snippets|experiment)/[\w/]+\.py)( \([^)<]*\))</span>'
)


def on_page_content(html, page, config, files):
    if not config.repo_url:
        return html
    source = config.repo_url.rstrip("/") + "/blob/main/"
    return TITLE.sub(rf'<span class="filename"><a href="{source}\1">\1</a>\2</span>', html)
