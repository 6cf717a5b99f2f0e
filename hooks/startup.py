"""MkDocs hook: less work for Material's script as a page loads (README, "Performance"):
- At every load its palette script sets, then removes, `data-md-color-switching` on <body>, and
  its rule `[data-md-color-switching] *` restyled every element each time. The rule is dropped
  (the file keeps Material's name): on a theme switch, colours fade (125-250 ms transitions).
- It framed each table without a class at load, moving every table. The frame (focusable: it
  may scroll sideways) is written here, and the class `framed` keeps Material off (site.css).
- It set up every code block at load (content.lazy in mkdocs.yml: when it comes into view). Each
  block is focusable from the build, as it may scroll sideways; Material keeps this on the blocks
  that do scroll (on screens with a pointer) once they come into view."""

import re

from mkdocs.exceptions import PluginError

RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}"
)
TABLE = re.compile(r"<table( data-search-exclude)?>(.*?)</table>", re.S)
FRAMED = (
    r'<div class="md-typeset__scrollwrap" tabindex="0"><div class="md-typeset__table">'
    r'<table class="framed"\1>\2</table></div></div>'
)

CODE = re.compile(r"(<pre[^>]*>(?:<span></span>)?)<code>")


def on_files(files, config):
    for theme_file in files:
        name = theme_file.src_uri
        if name.startswith("assets/stylesheets/palette.") and name.endswith(".css"):
            css = theme_file.content_string
            if css.count(RULE) != 1:
                raise PluginError(f"{name} no longer has the one rule this hook drops")
            theme_file.content_string = css.replace(RULE, "")
    return files


def on_page_content(html, page, config, files):
    return CODE.sub(r'\1<code tabindex="0">', TABLE.sub(FRAMED, html))
