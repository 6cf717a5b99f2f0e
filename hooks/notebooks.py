"""MkDocs hook: a Jupyter notebook of each page listed as notebooks/<page>.ipynb in the nav.

The notebook of docs/<lang>/<page>.md holds the code that page offers for copying, in page order,
under its section headings: a textbook file (snippets/textbook/) per cell, a transcript
(snippets/sessions/) one step per cell with the output it shows (asserted by
tests/test_page_code.py). They are written to docs/<lang>/notebooks/ (gitignored) when they
change; their links are absolute, so they work after a download.

mkdocs-jupyter renders them and offers the download. Its JupyterLab stylesheet (600 kB inline),
its MathJax and Mermaid scripts (from a CDN) and its copy button are dropped: each code cell
becomes a Material code block with Material's copy button. Notebook pages stay out of the search
index (they repeat their page) and have no edit link (no file in the repository to edit).
"""

import ast
import doctest
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INCLUDE = re.compile(r'--8<--\s*"((?:snippets/textbook|snippets/sessions)/[^"]+)"')
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
HEADING = re.compile(r"^(#{1,3})\s+(.+?)(?:\s*\{[^}]*\})?\s*$")  # without {#id}
NAV_ENTRY = re.compile(r"^notebooks/([\w-]+)\.ipynb$")
WORDS = {
    "ko": (
        "{title} (노트북)",
        "[{title}]({url}) 페이지에 나오는 코드를 순서대로 모은 노트북입니다. 파이썬과 numpy만 "
        "있으면 됩니다(`pip install numpy`). 뒤의 셀이 앞의 정의를 쓰므로 맨 위 셀부터 "
        "차례로 실행하면 됩니다.",
    ),
    "en": (
        "Notebook: {title}",
        "The code of the page [{title}]({url}), in order. It needs Python and numpy alone "
        "(`pip install numpy`); run the cells from the top.",
    ),
}


def _nav_pages(nav) -> list[str]:
    found = []
    for item in nav or []:
        for value in item.values() if isinstance(item, dict) else [item]:
            if isinstance(value, list):
                found += _nav_pages(value)
            elif isinstance(value, str) and (m := NAV_ENTRY.match(value)):
                found.append(m[1])
    return found


def _markdown(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def _code(source: str, outputs: list, tags: list[str]) -> dict:
    metadata = {"tags": tags} if tags else {}
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": metadata,
        "outputs": outputs,
        "source": source,
    }


def _output(example: doctest.Example) -> list[dict]:
    """What Jupyter shows for the last step of a cell, from what the transcript shows."""
    want = example.want.rstrip("\n")
    if example.exc_msg is not None:
        name, _, value = want.splitlines()[-1].partition(": ")
        return [{"output_type": "error", "ename": name, "evalue": value, "traceback": [want]}]
    if not want:
        return []
    tree = ast.parse(example.source)
    body = tree.body[-1] if tree.body else None
    call = getattr(body, "value", None)
    is_print = isinstance(call, ast.Call) and getattr(call.func, "id", "") == "print"
    if isinstance(body, ast.Expr) and not is_print:
        result = {"output_type": "execute_result", "execution_count": None, "metadata": {}}
        return [result | {"data": {"text/plain": want}}]
    return [{"output_type": "stream", "name": "stdout", "text": want + "\n"}]


def _transcript_cells(text: str) -> list[dict]:
    """One cell per step: the lines typed up to and including one that shows an output."""
    cells, sources = [], []
    examples = doctest.DocTestParser().get_examples(text)
    for example in examples:
        sources.append(example.source.rstrip("\n"))
        if example.want or example is examples[-1]:
            tags = ["raises-exception"] if example.exc_msg is not None else []
            cells.append(_code("\n".join(sources), _output(example), tags))
            sources = []
    return cells


def notebook(page: str, lang: str, page_url: str) -> dict:
    """The notebook of docs/<lang>/<page>.md as an nbformat 4 dict."""
    text = (ROOT / "docs" / lang / f"{page}.md").read_text(encoding="utf-8")
    lines = FRONT_MATTER.sub("", text).splitlines()
    title = next(m[2] for line in lines if (m := HEADING.match(line)) and m[1] == "#")
    heading, intro = WORDS[lang]
    cells = [
        _markdown(f"# {heading.format(title=title)}\n\n{intro.format(title=title, url=page_url)}")
    ]
    section = None
    for line in lines:
        if (m := HEADING.match(line)) and m[1] != "#":
            section = m[2]
        elif m := INCLUDE.search(line):
            if section:
                cells.append(_markdown(f"## {section}"))
                section = None
            text = (ROOT / m[1]).read_text(encoding="utf-8")
            if m[1].endswith(".py"):
                cells.append(_code(text.rstrip("\n"), [], []))
            else:
                cells += _transcript_cells(text)
    for number, cell in enumerate(cells):
        cell["id"] = f"cell-{number}"
    kernel = {"display_name": "Python 3", "language": "python", "name": "python3"}
    metadata = {"kernelspec": kernel, "language_info": {"name": "python"}}
    return {"cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}


def on_pre_build(config):
    lang = config.theme["language"]
    folder = Path(config.docs_dir) / "notebooks"
    folder.mkdir(exist_ok=True)
    for page in _nav_pages(config.nav):
        url = config.site_url + ("" if page == "index" else f"{page}/")
        text = json.dumps(notebook(page, lang, url), ensure_ascii=False, indent=1) + "\n"
        path = folder / f"{page}.ipynb"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


JUPYTER_EXTRAS = re.compile(
    r"<style[^>]*>.*?</style>|<script[^>]*>.*?</script>"
    r'|<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>'
    r'|<div class="clipboard-copy-txt"[^>]*>.*?</div>',
    re.S,
)
INPUT = re.compile(r'<div class="highlight-ipynb hl-python3?"><pre>(.*?)</pre></div>', re.S)


def on_page_content(html, page, config, files):
    if not page.file.src_uri.endswith(".ipynb"):
        return html
    page.meta["search"] = {"exclude": True}
    page.edit_url = None  # written at build time: no file in the repository to edit
    html = JUPYTER_EXTRAS.sub("", html).replace('id="cell-id=', 'id="')  # ids CSS can select
    return INPUT.sub(r'<div class="highlight"><pre><code>\1</code></pre></div>', html)
