"""MkDocs hook: less work for Material's script as a page loads (README, "Performance"):
- At every load its palette script sets, then removes, `data-md-color-switching` on <body>, and
  its rule `[data-md-color-switching] *` restyled every element each time. The rule is dropped
  (the file keeps Material's name): on a theme switch, colours fade (125-250 ms transitions).
- It appended a `color-scheme` meta and set it, restyling every element again. The meta is
  never put in the document (blanked in place: the source map still fits); site.css makes the
  page's scrollbar dark in the dark theme instead, as the meta did.
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
META = 'let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);'  # Material's script
APPEND = "document.head.appendChild(o);"
TABLE = re.compile(r"<table( data-search-exclude)?>(.*?)</table>", re.S)
FRAMED = (
    r'<div class="md-typeset__scrollwrap" tabindex="0"><div class="md-typeset__table">'
    r'<table class="framed"\1>\2</table></div></div>'
)

CODE = re.compile(r"(<pre[^>]*>(?:<span></span>)?)<code>")


def _replace(theme_file, text: str, new: str = "") -> None:
    """Replace `text` in a theme file, which must have it exactly once."""
    content = theme_file.content_string
    if content.count(text) != 1:
        raise PluginError(f"{theme_file.src_uri} must have this once for this hook: {text}")
    theme_file.content_string = content.replace(text, new)


def on_files(files, config):
    for theme_file in files:
        name = theme_file.src_uri
        if name.startswith("assets/stylesheets/palette.") and name.endswith(".css"):
            _replace(theme_file, RULE)
        if name.startswith("assets/javascripts/bundle.") and name.endswith(".js"):
            _replace(theme_file, META, META.replace(APPEND, " " * len(APPEND)))
    return files


def on_page_content(html, page, config, files):
    return CODE.sub(r'\1<code tabindex="0">', TABLE.sub(FRAMED, html))
