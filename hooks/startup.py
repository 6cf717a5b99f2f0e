"""MkDocs hook: less work for Material's script as a page loads (README, "Performance"):
- At every load its palette script sets, then removes, `data-md-color-switching` on <body>, and
  its rule `[data-md-color-switching] *` made each change restyle every element. The rule is
  dropped: a theme switch fades in 125 ms instead of at once.
- It framed each table without a class at load, and moving the tables laid the page out again.
  The frame is written here; the class `data` keeps Material off (site.css has its style).
"""

import re

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

SWITCHING = re.compile(r"\[data-md-color-switching\][^{]*\{[^}]*\}")
TABLE = re.compile(r"<table( data-search-exclude)?>(.*?)</table>", re.S)
FRAMED = (
    r'<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
    r'<table class="data"\1>\2</table></div></div>'
)


def on_files(files, config):
    for theme_file in list(files):
        name = theme_file.src_uri
        if name.startswith("assets/stylesheets/palette.") and name.endswith(".css"):
            css, found = SWITCHING.subn("", theme_file.content_string)
            if not found:
                raise PluginError(f"{name} no longer has the rule this hook drops")
            files.remove(theme_file)
            files.append(File.generated(config, name, content=css))
    return files


def on_page_content(html, page, config, files):
    return TABLE.sub(FRAMED, html)
