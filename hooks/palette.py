"""MkDocs hook: at every page load Material's palette script sets, then removes,
`data-md-color-switching` on <body>, and its rule `[data-md-color-switching] *` (no transitions
while the theme switches) makes each change restyle every element: on the longest pages, a third
of the start-up work (README, "Performance"). Without the rule a theme switch fades in 125 ms.
"""

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}"
)


def on_files(files, config):
    for theme_file in list(files):
        name = theme_file.src_uri
        if name.startswith("assets/stylesheets/palette.") and name.endswith(".css"):
            css = theme_file.content_string
            if RULE not in css:
                raise PluginError(f"{name} no longer has the rule this hook drops")
            files.remove(theme_file)
            files.append(File.generated(config, name, content=css.replace(RULE, "")))
    return files
