"""The companion notebooks (hooks/notebooks.py): one per topic page and language, executed at
build, running exactly the transcripts the page includes and showing exactly their outputs."""

import doctest
import re
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from tests.conftest import DOCS, ROOT

NAV = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
TOPICS = re.findall(r"^\s*-\s*notebooks/([\w-]+)\.md\s*$", NAV, re.M)
INCLUDE = re.compile(r'--8<--\s*"([^"]+\.pycon)"')
LANGS = {"ko": "", "en": "en/"}  # language -> path prefix of its pages
CHECKER = doctest.OutputChecker()


def transcripts(topic: str, lang: str) -> list[str]:
    return INCLUDE.findall((DOCS / f"{topic}.{lang}.md").read_text(encoding="utf-8"))


def notebook(site: Path, topic: str, lang: str) -> nbformat.NotebookNode:
    path = site / f"{LANGS[lang]}notebooks/{topic}/{topic}.{lang}.ipynb"
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    return nb


def shown(cell) -> str:
    """What a cell shows a reader, as a REPL would print it (the error line for an exception)."""
    text = ""
    for out in cell.outputs:
        if out.output_type == "stream" and out.name == "stdout":
            text += out.text
        elif out.output_type == "execute_result":
            text += out.data["text/plain"] + "\n"
        elif out.output_type == "error":
            evalue = out.evalue
            if out.ename in ("SyntaxError", "IndentationError", "TabError"):
                evalue = re.sub(r" \([^()]*, line \d+\)$", "", evalue)  # as the REPL prints it
            text += f"{out.ename}: {evalue}\n"
    return text


def test_every_page_with_examples_has_a_notebook():
    with_examples = {
        p.name.split(".")[0] for p in DOCS.glob("*.ko.md") if INCLUDE.search(p.read_text("utf-8"))
    }
    # the home page only previews transcripts that the topic pages run
    assert set(TOPICS) == with_examples - {"index"}
    for topic in ["softmax", "sigmoid", "entropy", "cross-entropy", "inference", "open-set"]:
        assert topic in TOPICS


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("topic", TOPICS)
def test_the_notebook_runs_the_page_transcripts_and_shows_their_outputs(site, topic, lang):
    nb = notebook(site, topic, lang)
    examples = [
        ex
        for name in transcripts(topic, lang)
        for ex in doctest.DocTestParser().get_examples((ROOT / name).read_text("utf-8"))
    ]
    cells = [c for c in nb.cells if c.cell_type == "code"]
    if "repl-display" in cells[0].metadata.get("tags", []):
        cells = cells[1:]  # the notebook's display setting, not a step of a transcript
    assert examples and cells
    steps = iter(examples)
    for cell in cells:
        assert cell.execution_count is not None, "every cell ran"
        group, source = [], ""
        while source.rstrip("\n") != cell.source:
            assert len(source) < len(cell.source) + 1, f"not the transcript's code: {cell.source}"
            group.append(next(steps))
            source += group[-1].source
        *before, last = group
        assert not any(ex.want for ex in before), "a cell ends at the first output"
        flags = doctest.NORMALIZE_WHITESPACE | sum(f for f, on in last.options.items() if on)
        if last.exc_msg is not None:
            assert "raises-exception" in cell.metadata.get("tags", [])
            want = last.exc_msg
        else:
            assert not any(o.output_type == "error" for o in cell.outputs)
            want = last.want
        assert CHECKER.check_output(want, shown(cell), flags), (cell.source, want, shown(cell))
    assert next(steps, None) is None, "every step of every transcript is in the notebook"


@pytest.mark.parametrize("topic", TOPICS)
def test_both_languages_run_the_same_code_with_words_in_their_own_language(site, topic):
    ko, en = notebook(site, topic, "ko"), notebook(site, topic, "en")
    assert [c.source for c in ko.cells if c.cell_type == "code"] == [
        c.source for c in en.cells if c.cell_type == "code"
    ]
    intro = {"ko": ko.cells[0].source, "en": en.cells[0].source}
    for lang, text in intro.items():
        # the first cell says what a downloaded notebook needs: the project, via the README
        assert "make serve" in text and "make test" in text and "snippets" in text
        assert f"{topic}.{lang}.ipynb" in text
    assert re.search(r"[가-힣]", intro["ko"]) and not re.search(r"[가-힣]", intro["en"])
    headings = {lang: [c.source.split("\n")[0] for c in nb.cells[1:] if c.source.startswith("#")]
                for lang, nb in [("ko", ko), ("en", en)]}  # fmt: skip
    assert len(headings["ko"]) == len(headings["en"])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("topic", TOPICS)
def test_the_notebook_page_is_rendered_downloadable_and_switches_language(site, topic, lang):
    folder = site / f"{LANGS[lang]}notebooks/{topic}"
    soup = BeautifulSoup((folder / "index.html").read_text("utf-8"), "html.parser")
    assert soup.select(".jupyter-wrapper .jp-Notebook .jp-CodeCell"), "rendered by mkdocs-jupyter"
    assert soup.select("[class~=jp-OutputArea-output]"), "with the outputs of the run"
    download = soup.find("a", download=True)
    assert download["href"] == f"{topic}.{lang}.ipynb"
    assert (folder / download["href"]).is_file()
    css = soup.find("link", href=re.compile(r"notebook\.css$"))
    assert (folder / css["href"]).resolve().is_file()
    other = "en" if lang == "ko" else "ko"
    switch = soup.find("a", class_="md-select__link", hreflang=other)
    target = (folder / switch["href"]).resolve()
    assert target == (site / f"{LANGS[other]}notebooks/{topic}").resolve()
    assert soup.find("html")["lang"] == lang
    assert not soup.find("script", src=re.compile(r"^(https?:)?//")), "no CDN (MathJax, Mermaid)"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("topic", TOPICS)
def test_the_topic_page_links_to_its_notebook(site, topic, lang):
    page = site / f"{LANGS[lang]}{topic}/index.html"
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    links = {(page.parent / a["href"]).resolve() for a in soup.select("article a[href]")}
    assert (site / f"{LANGS[lang]}notebooks/{topic}").resolve() in links


def test_a_failing_cell_fails_the_build_and_an_expected_exception_does_not(tmp_path, monkeypatch):
    from hooks import notebooks

    monkeypatch.setattr(notebooks, "CACHE", tmp_path)
    cell = nbformat.v4.new_code_cell
    expected = cell("from snippets import softmax\nsoftmax([[1, 2], [3]])")
    expected.metadata["tags"] = ["raises-exception"]  # a transcript step that shows an error
    fine = nbformat.v4.new_notebook(cells=[expected, cell("1 + 1")])
    broken = nbformat.v4.new_notebook(cells=[cell("1 / 0"), cell("1 + 1")])
    with pytest.raises(PluginError, match=r"notebook broken\.en failed(?s:.*)ZeroDivisionError"):
        notebooks._run_all({"fine": ("fine.en", fine), "broken": ("broken.en", broken)})
    assert [o.output_type for o in fine.cells[0].outputs] == ["error"]
    assert fine.cells[1].outputs[0].data["text/plain"] == "2", "ran on after the expected error"
    assert [p.name for p in tmp_path.iterdir()] == ["run-fine.json"], "a failed run is not cached"
