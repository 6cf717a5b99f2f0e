"""MkDocs hook: Material's language selector and search with mkdocs-static-i18n, per language.

- The selector links the same page in the other language: mkdocs-static-i18n writes those links
  into `extra.alternate` while a page renders; this hook hands them to the selector as
  `page_alternates` (overrides/partials/alternate.html) and then puts the language roots back,
  so what renders outside a page (the 404 page) links each language's home page. <head> carries
  no hreflang links (overrides/main.html says why); sitemap.xml carries them.
- One search index per language. mkdocs-static-i18n joins every language into one
  search/search_index.json, which every page downloads: twice the bytes a reader needs (it was
  the largest file of a first visit), and English pages among Korean results and the other way
  round. After the build, the joint index is split: search/search_index.json keeps the default
  language's pages, en/search/search_index.json the English ones, and the English pages' Material
  config points its base at /en/, where Material's search looks for the index and resolves the
  results' locations.
- The 404 page is rendered once, by the default language's build (overrides/404.html speaks both
  languages), instead of being overwritten by the last language built.
"""

import json
import re
from copy import deepcopy
from pathlib import Path

from mkdocs.plugins import event_priority

CONFIG_BASE = re.compile(
    r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)"'
)


def _i18n(config):
    return config.plugins.get("i18n")


def _other_languages(config) -> dict[str, str]:
    """Each language but the default, with its folder ("en")."""
    i18n = _i18n(config)
    return {
        lang: i18n.get_language_config(lang).link.strip("/")
        for lang in i18n.build_languages
        if lang != i18n.default_language
    }


@event_priority(-50)  # after mkdocs-static-i18n (priority 50) has set this page's links
def on_page_context(context, page, config, nav):
    roots = getattr(_i18n(config), "extra_alternate", None)
    if roots:
        # mkdocs-static-i18n sets the attribute (which Jinja reads first), not the item
        context["page_alternates"] = deepcopy(config.extra.alternate)
        config.extra.alternate = deepcopy(roots)
    return context


def on_post_page(output, page, config):
    folder = _other_languages(config).get(config.theme["language"])
    if folder is None:
        return output
    # "../.." becomes "../../en/": the trailing slash matters, Material resolves URLs against it
    output, found = CONFIG_BASE.subn(lambda m: f'{m[1]}{m[2]}/{folder}/"', output, count=1)
    if not found:
        raise RuntimeError(
            f"{page.file.src_uri}: no Material config with a base to point at /{folder}/"
        )
    return output


def on_post_template(output, template_name, config):
    if template_name == "404.html" and config.theme["language"] != _i18n(config).default_language:
        return ""  # an empty output is not written: the default language's 404 page stays
    return output


@event_priority(
    -200
)  # after mkdocs-static-i18n (-100) has built every language and joined the index
def on_post_build(config):
    if _i18n(config).building:
        return  # a nested build of another language: the joint index is not complete yet
    site = Path(config.site_dir)
    path = site / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    others = {lang: folder + "/" for lang, folder in _other_languages(config).items()}
    for lang, prefix in others.items():
        docs = [
            {**doc, "location": doc["location"].removeprefix(prefix)}
            for doc in index["docs"]
            if doc["location"].startswith(prefix)
        ]
        own = {**index["config"], "lang": [lang]}  # its stemmer only: no Korean tokenizer to load
        _write(site / prefix / "search" / "search_index.json", own, docs)
    others = tuple(others.values())
    mine = [doc for doc in index["docs"] if not doc["location"].startswith(others)]
    _write(path, index["config"], mine)


def _write(path: Path, config: dict, docs: list) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"config": config, "docs": docs}, separators=(",", ":"), ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
