"""MkDocs hook: a companion Jupyter notebook, in Korean and in English, for every topic page.

Where a notebook comes from: its page, with nothing copied. Each transcript
(`snippets/sessions/*.pycon`) that docs/<topic>.<lang>.md includes becomes code cells, one step
per cell (a cell ends where the session shows an output), under the heading of the section that
includes it; a plain ```python block (the kind pytest-markdown-docs runs) becomes one cell. Both
languages include the same transcripts, so their notebooks run the same code and only the words
around it differ. tests/test_notebooks.py compares every output with its transcript.

Which pages get one: the nav in mkdocs.yml. An entry `notebooks/<topic>.md` asks for it.

How notebooks join the bilingual site: with the suffix layout, mkdocs-static-i18n rebuilds every
File from docs/ and so turns mkdocs-jupyter's notebook pages back into plain files (upstream
issue #198). Here the notebook pages are ordinary pages instead: this hook writes a stub
docs/notebooks/<topic>.<lang>.md (generated at every build and gitignored, like the figures) that
i18n handles like any page (language selector, nav, search), and replaces the stub's body with
the executed notebook rendered by mkdocs-jupyter's converter (its nbconvert settings and its
template, through hooks/notebook.html.j2, which leaves out what the site must not load). The
executed .ipynb is written next to the page for download, and each topic page gets a note
linking to its notebook.

Execution, and why it stays fast: every build executes the notebooks in Jupyter kernels
(nbclient, one kernel per notebook, all started in parallel) and fails on any error, except in a
cell whose transcript step shows an exception (tagged raises-exception). Outputs are cached in
.cache/notebooks/ under a hash of the code cells, every .py file in snippets/, pyproject.toml,
this file, and the Python, numpy, IPython and ipykernel versions; rendered HTML under a hash of
the executed notebook and the converter. So a notebook whose code and library are unchanged is
not run again, while a fresh clone (CI) has no cache and runs every notebook. The ko and en
notebooks of a topic hold the same code and share one run. Seven notebooks cost about 3 s of
wall time when nothing is cached (about 1 s per kernel, on 2 cores) and about 1 s when all is.
"""

import ast
import asyncio
import doctest
import hashlib
import html as htmllib
import json
import os
import re
import sys
import sysconfig
import tempfile
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from importlib.metadata import version
from pathlib import Path

import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url
from pymdownx.slugs import slugify

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
STUBS = DOCS / "notebooks"
CACHE = ROOT / ".cache" / "notebooks"
TEMPLATE = Path(__file__).resolve().with_name("notebook.html.j2")
LANGS = ("ko", "en")

NAV_ENTRY = re.compile(r"^notebooks/([\w-]+)\.md$")
STUB = re.compile(r"^notebooks/([\w-]+)\.(ko|en)\.md$")
TOPIC_PAGE = re.compile(r"^([\w-]+)\.(ko|en)\.md$")
INCLUDE = re.compile(r'--8<--\s*"([^"]+\.pycon)"')
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*(.*)$")
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*$")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
slug = slugify(case="lower")

WORDS = {
    "ko": {
        "title": "노트북: {title}",
        "intro": """\
[{title}]({page}) 페이지의 예제를 한 단계씩 실행하는 노트북입니다. 코드 셀은 페이지에 실린 세션
파일(`snippets/sessions/*.pycon`)에서 그대로 가져왔고, 계산은 모두 이 프로젝트의 `snippets`
라이브러리가 합니다. 사이트를 빌드할 때 실행한 결과라서 아래 출력은 페이지의 출력과 같습니다.

직접 실행하려면 이 프로젝트가 설치된 파이썬이 필요합니다(코드가 `snippets`를 import 합니다).
저장소를 받아 그 루트에서 README의 두 명령 중 하나를 실행하면 `.venv`가 만들어지고 프로젝트가
그 안에 설치됩니다.

```sh
make serve   # 설치한 뒤 사이트를 http://127.0.0.1:8000 에서 띄웁니다
make test    # 설치한 뒤 모든 테스트를 실행합니다
```

그다음 `.venv`의 파이썬을 커널로 골라 이 노트북을 엽니다(예: VS Code). 명령줄에서 한 번에
실행해 보려면 `.venv/bin/jupyter execute {ipynb}`를 쓰면 됩니다.""",
        "download": "{ipynb} 내려받기",
        "note": """\
!!! example "노트북"

    이 페이지의 예제를 한 단계씩 실행하는 [주피터 노트북(Jupyter notebook)]({link})이 있습니다.
    페이지와 같은 코드를 사이트 빌드 때 실행한 것이고, `.ipynb` 파일로 내려받아 직접 돌려 볼 수
    있습니다.
""",
    },
    "en": {
        "title": "Notebook: {title}",
        "intro": """\
This notebook runs the examples of the [{title}]({page}) page step by step. Its code cells are
taken as they are from the session files the page shows (`snippets/sessions/*.pycon`), and every
computation is done by this project's `snippets` library. It was executed when the site was
built, so the outputs below are the page's outputs.

To run it yourself you need a Python with this project installed (the code imports `snippets`).
Get the repository and, in its root, run either of the README's two commands: it creates `.venv`
and installs the project there.

```sh
make serve   # install, then serve the site at http://127.0.0.1:8000
make test    # install, then run every test
```

Then open this notebook with the `.venv` Python as its kernel (in VS Code, for example), or run it
in one go from the command line with `.venv/bin/jupyter execute {ipynb}`.""",
        "download": "Download {ipynb}",
        "note": """\
!!! example "Notebook"

    A [Jupyter notebook]({link}) runs this page's examples step by step: the same code, executed
    when the site is built, and downloadable as an `.ipynb` file to run yourself.
""",
    },
}

# The Python prompt prints the value of an expression statement inside a `with` or `for` block;
# IPython, by default, only the value of a cell's last top-level expression. A notebook with such
# a step starts with this line, so that it shows what the transcript shows, for a reader too.
REPL_DISPLAY = (
    '%config InteractiveShell.ast_node_interactivity = "last"'
    "  # print values inside blocks too, as the Python prompt does"
)

_notebooks: dict[tuple[str, str], nbformat.NotebookNode] = {}  # (topic, lang) -> executed
_runs: dict[str, dict] = {}  # cache key -> outputs, shared by both languages' builds


# --- from a page to a notebook -------------------------------------------------------------


def notebook_topics(nav) -> list[str]:
    """The topics whose notebook the nav lists, in nav order."""
    found = []
    for item in nav or []:
        values = item.values() if isinstance(item, dict) else [item]
        for value in values:
            if isinstance(value, list):
                found += notebook_topics(value)
            elif isinstance(value, str) and (m := NAV_ENTRY.match(value)):
                found.append(m[1])
    return found


def _code(source: str, raises: bool = False) -> nbformat.NotebookNode:
    # built as plain nodes: nbformat's new_code_cell validates each cell, slowly; the whole
    # notebook is validated once, when it is written
    metadata = {"tags": ["raises-exception"]} if raises else {}
    cell = {"cell_type": "code", "source": source.rstrip("\n"), "metadata": metadata}
    return nbformat.from_dict({**cell, "outputs": [], "execution_count": None})


def _markdown(source: str) -> nbformat.NotebookNode:
    return nbformat.from_dict({"cell_type": "markdown", "source": source, "metadata": {}})


def transcript_cells(path: Path) -> list[nbformat.NotebookNode]:
    """A REPL transcript as code cells: statements run together until one shows an output."""
    cells, source = [], []
    for example in doctest.DocTestParser().get_examples(path.read_text(encoding="utf-8")):
        source.append(example.source)
        if example.want or example.exc_msg is not None:
            cells.append(_code("".join(source), raises=example.exc_msg is not None))
            source = []
            block = ast.parse(example.source).body[-1]
            if not isinstance(block, ast.Expr) and example.want:
                cells[-1].metadata["shows_block"] = True  # see REPL_DISPLAY
    if source:
        cells.append(_code("".join(source)))
    return cells


def _fence_cells(info: str, body: str) -> list[nbformat.NotebookNode]:
    language = info.split()[0] if info.split() else ""
    if language == "pycon":
        cells = []
        for name in INCLUDE.findall(body):
            cells.append(_markdown(f"`{name}`"))  # where the steps come from
            cells += transcript_cells(ROOT / name)
        return cells
    if language in ("python", "py") and "notest" not in info and "--8<--" not in body:
        return [_code(body)]
    return []


def page_title(text: str) -> str:
    m = re.search(r"^# (.+)$", text, re.M)
    return m[1].strip() if m else ""


def build_notebook(topic: str, lang: str) -> nbformat.NotebookNode:
    """The notebook of docs/<topic>.<lang>.md, not executed yet."""
    text = (DOCS / f"{topic}.{lang}.md").read_text(encoding="utf-8")
    words, title, ipynb = WORDS[lang], page_title(text), f"{topic}.{lang}.ipynb"
    page = get_relative_url(f"{topic}/", f"notebooks/{topic}/")
    intro = words["intro"].format(title=title, page=page, ipynb=ipynb)
    cells = [_markdown(f"# {words['title'].format(title=title)}\n\n{intro}")]
    lines, i = text.splitlines(), 0
    heading = written = None
    while i < len(lines):
        if fence := FENCE.match(lines[i]):
            indent, marker, info = fence.groups()
            closing = re.compile(rf"\s*{re.escape(marker[0])}{{{len(marker)},}}\s*")
            body, i = [], i + 1
            while i < len(lines) and not closing.fullmatch(lines[i]):
                body.append(lines[i].removeprefix(indent))
                i += 1
            steps = _fence_cells(info, "\n".join(body))
            if steps and heading and heading != written:
                if steps[0].cell_type == "markdown":
                    steps[0].source = f"{heading}\n\n{steps[0].source}"
                else:
                    steps.insert(0, _markdown(heading))
                written = heading
            cells += steps
        elif (m := HEADING.match(lines[i])) and len(m[1]) > 1:
            heading = lines[i].strip()
        i += 1
    if any(cell.metadata.pop("shows_block", False) for cell in cells):
        cells.insert(1, _code(REPL_DISPLAY))
        cells[1].metadata["tags"] = ["repl-display"]
    for n, cell in enumerate(cells):
        cell.id = f"cell-{n}"  # stable ids: two builds write the same .ipynb
    return nbformat.v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {
                "name": "python3",
                "display_name": "Python 3 (ipykernel)",
                "language": "python",
            },
            "language_info": {"name": "python"},
        },
    )


# --- execution, cached ----------------------------------------------------------------------


def _library_hash() -> str:
    """The library the notebooks import, what it runs on, and how this hook runs it (the
    transcripts themselves are in the cells)."""
    digest = hashlib.sha256()
    library = [
        *(ROOT / "snippets").rglob("*.py"),
        ROOT / "pyproject.toml",
        Path(__file__).resolve(),
    ]
    for path in sorted(library):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    versions = [sys.version, *(f"{n} {version(n)}" for n in ("numpy", "ipykernel", "ipython"))]
    digest.update("|".join(versions).encode())
    return digest.hexdigest()


def _key(nb: nbformat.NotebookNode, library: str) -> str:
    code = [(c.source, c.metadata.get("tags", [])) for c in nb.cells if c.cell_type == "code"]
    return hashlib.sha256(json.dumps([library, code]).encode()).hexdigest()


async def _execute(nb: nbformat.NotebookNode, limit: asyncio.Semaphore) -> None:
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient

    async with limit:
        with tempfile.TemporaryDirectory(prefix="notebook-") as workdir:
            kernel = AsyncKernelManager(
                kernel_name="python3",
                # the ipykernel of this very Python, never a kernelspec found elsewhere
                kernel_spec_manager=KernelSpecManager(kernel_dirs=[]),
                transport="ipc",  # a socket file per kernel: no TCP ports, no clashes
                ip=str(Path(workdir) / "kernel"),
            )
            client = NotebookClient(
                nb,
                km=kernel,
                timeout=120,
                allow_errors=False,
                record_timing=False,  # no timestamps: the .ipynb is the same at every build
                # a reader's download folder: the notebook needs the installed project only
                resources={"metadata": {"path": workdir}},
            )
            log = Path(workdir) / "kernel.log"
            with log.open("w") as stderr:  # the kernel's chatter stays out of the build log
                try:
                    await client.async_execute(stderr=stderr)
                except Exception as error:
                    raise RuntimeError(f"{error}\n{log.read_text()[-2000:]}") from error


def _run_all(pending: dict[str, tuple[str, nbformat.NotebookNode]]) -> None:
    """Execute the notebooks not in the cache, in parallel; raise on the first error."""

    async def run():
        limit = asyncio.Semaphore(max(2, os.cpu_count() or 2))
        jobs = [_execute(nb, limit) for _, nb in pending.values()]
        return await asyncio.gather(*jobs, return_exceptions=True)

    # in a thread of its own: the caller may already run an event loop (a test using Playwright)
    with ThreadPoolExecutor(1) as thread:
        results = thread.submit(asyncio.run, run()).result()
    for (key, (name, nb)), result in zip(pending.items(), results, strict=True):
        if isinstance(result, BaseException):
            raise PluginError(f"notebook {name} failed to run:\n{ANSI.sub('', str(result))}")
        run = {
            "outputs": [_tidy(c.outputs) for c in nb.cells if c.cell_type == "code"],
            "counts": [c.execution_count for c in nb.cells if c.cell_type == "code"],
            "language_info": nb.metadata.get("language_info", {"name": "python"}),
        }
        _runs[key] = run
        _write(CACHE / f"run-{key}.json", json.dumps(run))


def _tidy(outputs: list) -> list:
    """Outputs without this machine's paths, so every machine writes the same .ipynb: a
    traceback loses its frames inside installed packages (IPython running the cell), and the
    project's own files are named relative to its root."""
    packages, here = sysconfig.get_paths()["purelib"], f"{ROOT}{os.sep}"
    for out in outputs:
        if out.output_type == "error":
            out.traceback = [t.replace(here, "") for t in out.traceback if packages not in t]
        elif out.output_type == "stream":
            out.text = out.text.replace(here, "")
    return outputs


def _cached(key: str) -> dict | None:
    if key not in _runs and (path := CACHE / f"run-{key}.json").exists():
        _runs[key] = json.loads(path.read_text(encoding="utf-8"))
    return _runs.get(key)


def _with_outputs(nb: nbformat.NotebookNode, run: dict) -> nbformat.NotebookNode:
    code = [c for c in nb.cells if c.cell_type == "code"]
    for cell, outputs, count in zip(code, run["outputs"], run["counts"], strict=True):
        cell.outputs = [nbformat.from_dict(o) for o in outputs]
        cell.execution_count = count
    nb.metadata.language_info = run["language_info"]
    return nb


# --- MkDocs events --------------------------------------------------------------------------


def _write_stubs(topics: list[str]) -> None:
    STUBS.mkdir(parents=True, exist_ok=True)
    wanted = {}
    for topic in topics:
        for lang in LANGS:
            title = page_title((DOCS / f"{topic}.{lang}.md").read_text(encoding="utf-8"))
            wanted[f"{topic}.{lang}.md"] = (
                f"<!-- Written by hooks/notebooks.py from docs/{topic}.{lang}.md: do not edit. -->"
                f"\n# {WORDS[lang]['title'].format(title=title)}\n"
            )
    for path in STUBS.glob("*.md"):
        if path.name not in wanted:
            path.unlink()
    for name, text in wanted.items():
        path = STUBS / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")  # only when changed: `mkdocs serve` is calm


def on_config(config):
    topics = notebook_topics(config.nav)
    missing = [t for t in topics for lang in LANGS if not (DOCS / f"{t}.{lang}.md").exists()]
    if missing:
        raise PluginError(f"the nav lists notebooks for pages that do not exist: {missing}")
    _write_stubs(topics)
    library = _library_hash()
    notebooks = {(t, lang): build_notebook(t, lang) for t in topics for lang in LANGS}
    keys = {name: _key(nb, library) for name, nb in notebooks.items()}
    pending = {}
    for (topic, lang), nb in notebooks.items():
        key = keys[(topic, lang)]
        if _cached(key) is None and key not in pending:
            pending[key] = (f"{topic}.{lang}", nb)
    if pending:
        _run_all(pending)
    _notebooks.clear()
    for name, nb in notebooks.items():
        _notebooks[name] = _with_outputs(nb, _runs[keys[name]])
    return config


def on_page_markdown(markdown, page, config, files):
    m = TOPIC_PAGE.match(page.file.src_uri)
    if m and (m[1], m[2]) in _notebooks:
        note = WORDS[m[2]]["note"].format(link=f"notebooks/{m[1]}.md")
        return f"{markdown.rstrip()}\n\n{note}"
    return markdown


def on_page_content(html, page, config, files):
    m = STUB.match(page.file.src_uri)
    if not m or (m[1], m[2]) not in _notebooks:
        return html
    topic, lang = m[1], m[2]
    ipynb = f"{topic}.{lang}.ipynb"
    target = Path(page.file.abs_dest_path).parent / ipynb
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(_notebooks[(topic, lang)], target)
    body, toc = _render(_notebooks[(topic, lang)])
    page.toc = get_toc(toc)
    label = WORDS[lang]["download"].format(ipynb=ipynb)
    button = f'<p><a class="md-button" href="{ipynb}" download>{label}</a></p>'
    return body.replace("</h1>", "</h1>\n" + button, 1)


# --- rendering with mkdocs-jupyter's converter ----------------------------------------------


def _render(nb: nbformat.NotebookNode) -> tuple[str, list]:
    """The notebook as HTML for the page body, and its table of contents."""
    # the executed notebook, the converter, its template, and this file (which cleans the HTML)
    versions = f"mkdocs-jupyter {version('mkdocs-jupyter')}|nbconvert {version('nbconvert')}"
    source = nbformat.writes(nb) + versions + TEMPLATE.read_text() + Path(__file__).read_text()
    cached = CACHE / f"html-{hashlib.sha256(source.encode()).hexdigest()}.html"
    if not cached.exists():  # one executed notebook, one HTML
        html, _ = _converter().from_notebook_node(nb, resources={"mkdocs": {}})
        _write(cached, _clean(html))
    return _heading_ids(cached.read_text(encoding="utf-8"))


@cache
def _converter():
    """mkdocs-jupyter's HTML converter (its nbconvert settings and template), built once for all
    the notebooks of a build: building it is what costs most, about 0.5 s, in `nb2html`."""
    from mkdocs_jupyter import nbconvert2
    from nbconvert.exporters.html import HTMLExporter

    return HTMLExporter(
        config=nbconvert2.get_nbconvert_app().config,  # the plugin's defaults; nothing executed
        template_file=TEMPLATE.name,  # hooks/notebook.html.j2 extends mkdocs-jupyter's template
        extra_template_paths=[str(TEMPLATE.parent), nbconvert2.settings.templates_dir],
        preprocessors=[nbconvert2.SubCell],
        filters={"highlight_code": _highlight},
    )


def _highlight(source: str, language: str | None = None, metadata=None) -> str:
    """A code cell as Material shows code: <div class="highlight"><pre><code>."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name

    lexer = get_lexer_by_name(language or "python")
    return highlight(source, lexer, HtmlFormatter(cssclass="highlight", wrapcode=True))


def _clean(html: str) -> str:
    """Checked: nothing to load. Then cell ids that a CSS selector can use (Material's code-block
    script looks one up), code in Markdown cells as Material's code blocks, and no copy button on
    the cells: a step needs the steps before it, so a copied cell would not run on its own; the
    whole notebook is one download away."""
    if re.search(r"<script|<style|<link|mathjax|cdnjs", html, re.I):
        raise PluginError(f"the notebook template lets something through: see {TEMPLATE.name}")
    html = re.sub(r'\bid="cell-id=([\w-]+)"', r'id="\1"', html)
    html = re.sub(
        r'<div class="highlight"><pre>((?:(?!<code>).)*?)</pre>',
        r'<div class="highlight"><pre><code>\1</code></pre>',
        html,
        flags=re.S,
    )
    return html.replace('<div class="jupyter-wrapper">', '<div class="jupyter-wrapper no-copy">', 1)


def _write(path: Path, text: str) -> None:
    """Write atomically: builds running side by side share the cache."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _heading_ids(html: str) -> tuple[str, list]:
    """Give headings the ids the rest of the site uses (Korean kept), and build the TOC."""
    flat, seen = [], set()

    def fix(m):
        level, text = int(m[1]), re.sub(r'<a class="anchor-link".*?</a>', "", m[2])
        base = slug(htmllib.unescape(re.sub(r"<[^>]+>", "", text)), "-") or "section"
        anchor, n = base, 1
        while anchor in seen:
            anchor, n = f"{base}_{n}", n + 1
        seen.add(anchor)
        flat.append({"level": level, "id": anchor, "name": text, "children": []})
        link = f'<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a>'
        return f'<h{level} id="{anchor}">{text}{link}</h{level}>'

    html = re.sub(r'<h([1-6]) id="[^"]*">(.*?)</h\1>', fix, html, flags=re.S)
    toc, stack = [], []
    for item in flat:
        while stack and stack[-1]["level"] >= item["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else toc).append(item)
        stack.append(item)
    return html, toc
