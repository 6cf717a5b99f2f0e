"""The notebooks hooks/notebooks.py builds: they run top to bottom in a kernel that has numpy but
not this project (tests/reader.py), show what they would show when run, and link absolutely.

The Korean and English notebooks of a page hold the same code (tests/test_site.py checks their
pages include the same files), so the Korean one is run. A notebook takes a kernel start (about a
second on two cores): `make test` runs one, NOTEBOOKS=all (`make audit`) runs every one.
"""

import ast
import contextlib
import io
import json
import os
import re

import nbformat
import pytest
from nbclient import NotebookClient

from hooks.notebooks import _nav_pages, notebook
from tests.conftest import DOCS, LANGS, NAV
from tests.reader import KERNEL_ARGV

PAGES = _nav_pages(NAV)
SAMPLED = PAGES if os.environ.get("NOTEBOOKS") == "all" else ["seed-errors"]
URL = "https://example.org/why-argmax/"


def test_every_page_with_copyable_code_has_a_notebook():
    from tests.test_page_code import PAGES as ALL_PAGES
    from tests.test_page_code import copyable_blocks

    with_code = {page for page in ALL_PAGES if copyable_blocks(page)} - {"index"}
    assert with_code <= set(PAGES), "add notebooks/<page>.ipynb to the nav of both configs"


@pytest.mark.parametrize("lang", LANGS)
def test_notebooks_are_titled_for_their_page_and_link_it_absolutely(lang):
    for page in PAGES:
        intro = notebook(page, lang, f"{URL}{page}/")["cells"][0]["source"]
        text = (DOCS / lang / f"{page}.md").read_text(encoding="utf-8")
        title = re.search(r"^# (.+)$", text.split("\n---\n", 1)[-1], re.M)[1]
        heading = f"{title} (노트북)" if lang == "ko" else f"Notebook: {title}"
        assert intro.startswith(f"# {heading}\n"), intro
        assert f"]({URL}{page}/)" in intro
        cells = notebook(page, lang, URL)["cells"]
        headings = [c["source"] for c in cells if c["cell_type"] == "markdown"]
        assert not [h for h in headings if "{" in h], "a heading keeps its {#id} attribute"


@pytest.fixture(scope="module")
def kernel_dir(tmp_path_factory):
    """A kernelspec for the reader's Python, found through JUPYTER_PATH."""
    folder = tmp_path_factory.mktemp("jupyter")
    spec = folder / "kernels" / "reader"
    spec.mkdir(parents=True)
    kernel = {"argv": KERNEL_ARGV, "display_name": "reader", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel))
    return folder


def _run_like_jupyter(source: str, namespace: dict) -> str:
    """What Jupyter shows for a cell: what it prints, then the value of its last line if that
    is an expression; or the error it raises (warnings go to stderr, not shown here)."""
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
            tree = ast.parse(source)
            last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            exec(compile(tree, "<cell>", "exec"), namespace)
            if last is not None:
                value = eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)
                if value is not None:
                    print(repr(value))
    except Exception as error:
        return f"{type(error).__name__}: {_without_location(str(error))}"
    return printed.getvalue().strip()


def _without_location(value: str) -> str:
    """A SyntaxError's value names the file and line; the last line of a traceback does not."""
    return re.sub(r" \([^()]*, line \d+\)$", "", value)


@pytest.mark.parametrize("page", PAGES)
def test_every_notebook_shows_what_its_cells_print(page):
    """Every notebook, in this process (fast): the outputs stored from the page's transcripts
    are what the cells show when run as Jupyter runs them (a REPL echoes an expression inside a
    `with` block; Jupyter does not)."""
    namespace = {"__name__": "__main__"}
    for cell in notebook(page, "ko", URL)["cells"]:
        if cell["cell_type"] == "code":
            assert [_run_like_jupyter(cell["source"], namespace)] == _shown(cell), cell["source"]


def _shown(cell) -> list:
    """What a code cell shows: printed text, results, errors (warnings on stderr aside)."""
    shown = []
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream" and out["name"] == "stdout":
            shown.append(out["text"])
        elif out["output_type"] == "execute_result":
            shown.append(out["data"]["text/plain"])
        elif out["output_type"] == "error":
            shown.append(f"{out['ename']}: {_without_location(out['evalue'])}")
    return ["".join(shown).strip()]


@pytest.mark.parametrize("page", SAMPLED)
def test_notebook_runs_without_this_project_and_shows_its_outputs(page, kernel_dir, monkeypatch):
    monkeypatch.setenv("JUPYTER_PATH", str(kernel_dir))
    stored = nbformat.from_dict(notebook(page, "ko", URL))
    ran = nbformat.from_dict(json.loads(json.dumps(stored)))
    NotebookClient(ran, kernel_name="reader", timeout=60, allow_errors=False).execute()
    for before, after in zip(stored.cells, ran.cells, strict=True):
        if before.cell_type == "code":
            assert _shown(after) == _shown(before), before.source
