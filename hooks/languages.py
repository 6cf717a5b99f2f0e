"""MkDocs hook: make Material's language selector and mkdocs-static-i18n work together cleanly.

mkdocs-static-i18n writes the current page's translations into `extra.alternate`. Material uses
that list twice: for the language selector (good: it links the same page in the other language)
and for `<link rel="alternate" hreflang>` in <head>, whose targets its JavaScript treats as
language roots, fetching `sitemap.xml` next to each one. With per-page links that is
`softmax/sitemap.xml` and `en/softmax/sitemap.xml`: two 404s on every page load.

So, per page:
- <head> gets the language roots (Material's documented setup); the per-page hreflang pairs are
  in sitemap.xml, which lists every page with its `xhtml:link` alternates;
- the selector keeps the per-page links (`overrides/partials/alternate.html` reads them from
  `page_alternates`), so it works without JavaScript too;
- every language root gets its own sitemap.xml listing its pages (what Material fetches);
- the 404 page is rendered once, by the default language's build (`overrides/404.html` holds
  both languages), instead of being overwritten by the last language built.
"""

import re
from copy import deepcopy
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

URL = re.compile(r"\s*<url>.*?</url>", re.S)


def _i18n(config):
    return config.plugins.get("i18n")


def _default_language(config) -> str:
    return _i18n(config).default_language


@event_priority(-50)  # after mkdocs-static-i18n (priority 50) has set this page's links
def on_page_context(context, page, config, nav):
    roots = getattr(_i18n(config), "extra_alternate", None)
    if roots:
        # mkdocs-static-i18n sets the attribute (which Jinja reads first), not the item
        context["page_alternates"] = deepcopy(config.extra.alternate)
        config.extra.alternate = deepcopy(roots)
    return context


def on_post_template(output, template_name, config):
    if template_name == "404.html" and config.theme["language"] != _default_language(config):
        return ""  # an empty output is not written: the default language's 404 page stays
    return output


def on_post_build(config):
    i18n = _i18n(config)
    language = config.theme["language"]
    if language == i18n.default_language:
        return
    site = Path(config.site_dir)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")  # all languages, this build's
    root = next(a["link"] for a in i18n.extra_alternate if a["lang"] == language)
    mine = [u for u in URL.findall(sitemap) if urlsplit(_loc(u)).path.startswith(root)]
    head = sitemap.split("<url>", 1)[0].rstrip()
    folder = site / i18n.get_language_config(language).link.strip("/")
    (folder / "sitemap.xml").write_text(head + "".join(mine) + "\n</urlset>\n", "utf-8")


def _loc(url_element: str) -> str:
    return re.search(r"<loc>(.*?)</loc>", url_element)[1]
