"""The notebooks hooks/notebooks.py builds: they run top to bottom in a kernel that has numpy but
not this project (tests/reader.py), show what they would show when run, and link absolutely.

The Korean and English notebooks of a page hold the same code (tests/test_site.py checks their
pages include the same files), so the Korean one is run. A notebook takes a kernel start (about a
second on two cores): `make test` runs one, NOTEBOOKS=all (`make audit`) runs every one.
"""

import json
import os
import re

import nbformat
import pytest
from nbclient import NotebookClient

from hooks.notebooks import _nav_pages, notebook
from tests.conftest import NAV
from tests.reader import KERNEL_ARGV

PAGES = _nav_pages(NAV)
SAMPLED = PAGES if os.environ.get("NOTEBOOKS") == "all" else ["seed-errors"]
URL = "https://example.org/why-argmax/"


def test_every_page_with_copyable_code_has_a_notebook():
    from tests.test_page_code import PAGES as ALL_PAGES
    from tests.test_page_code import copyable_blocks

    with_code = {page for page in ALL_PAGES if copyable_blocks(page)} - {"index"}
    assert with_code <= set(PAGES), "add notebooks/<page>.ipynb to the nav of both configs"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_notebooks_link_their_page_absolutely(lang):
    for page in PAGES:
        intro = notebook(page, lang, f"{URL}{page}/")["cells"][0]["source"]
        assert f"]({URL}{page}/)" in intro


@pytest.fixture(scope="module")
def kernel_dir(tmp_path_factory):
    """A kernelspec for the reader's Python, found through JUPYTER_PATH."""
    folder = tmp_path_factory.mktemp("jupyter")
    spec = folder / "kernels" / "reader"
    spec.mkdir(parents=True)
    kernel = {"argv": KERNEL_ARGV, "display_name": "reader", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel))
    return folder


def _shown(cell) -> list:
    """What a code cell shows: printed text, results, errors (warnings on stderr aside)."""
    shown = []
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream" and out["name"] == "stdout":
            shown.append(out["text"])
        elif out["output_type"] == "execute_result":
            shown.append(out["data"]["text/plain"])
        elif out["output_type"] == "error":
            # a SyntaxError's value names the file and line; the last line of a traceback not
            value = re.sub(r" \([^()]*, line \d+\)$", "", out["evalue"])
            shown.append(f"{out['ename']}: {value}")
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
