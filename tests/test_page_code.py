"""Each page's code, run as a reader runs it: the blocks it offers for copying, in page order,
in one namespace that starts empty, and every output compared with the one the page shows.

What a page offers for copying: textbook code (`snippets/textbook/*.py`, whole runnable files)
and REPL transcripts (`snippets/sessions/*.pycon`). Library excerpts (`snippets/<module>.py:part`)
are shown, folded, as excerpts and are not run here: they need the rest of their file. The Korean
and English twins include the same files in the same order (tests/test_site.py), so the Korean
page is run for both.
"""

import ast
import codeop
import doctest
import sys

import pytest

from tests.conftest import DOCS, INCLUDE, LANGS, ROOT

RUNNABLE = ("snippets/textbook/", "snippets/sessions/")
PAGES = sorted(p.stem for p in (DOCS / "ko").glob("*.md"))


def copyable_blocks(page: str) -> list[str]:
    """Paths of the runnable files the Korean page includes, in page order."""
    text = (DOCS / "ko" / f"{page}.md").read_text(encoding="utf-8")
    return [name for name in INCLUDE.findall(text) if name.startswith(RUNNABLE)]


@pytest.mark.parametrize("page", PAGES)
def test_page_code_runs_in_order_and_prints_what_the_page_shows(page):
    namespace = {"__name__": "__main__"}
    for name in copyable_blocks(page):
        text = (ROOT / name).read_text(encoding="utf-8")
        if name.endswith(".py"):
            exec(compile(text, name, "exec"), namespace)
            continue
        test = doctest.DocTestParser().get_doctest(text, namespace, name, name, 0)
        runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
        report: list[str] = []
        result = runner.run(test, out=report.append, clear_globs=False)
        assert result.failed == 0, "".join(report)


def _imported(name: str, text: str) -> set[str]:
    """The top-level modules a copyable file imports."""
    source = "\n".join(_pasted_lines(name, text))
    modules = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            modules.add(node.module.split(".")[0])
    return modules


@pytest.mark.parametrize("page", PAGES)
def test_copyable_code_needs_numpy_alone(page):
    """What a reader copies needs `pip install numpy` and nothing else: not this project, not
    another package (tests/browser pastes it into a Python without the project)."""
    for name in copyable_blocks(page):
        modules = _imported(name, (ROOT / name).read_text(encoding="utf-8"))
        assert modules <= set(sys.stdlib_module_names) | {"numpy"}, (name, modules)


def _pasted_lines(name: str, text: str) -> list[str]:
    """What the copy button copies, line by line: a transcript's >>> and ... lines without
    their prompts (its outputs left out), or a file as it is."""
    if name.endswith(".py"):
        return text.splitlines()
    lines = text.splitlines()
    return [line[4:] for line in lines if line.startswith((">>> ", "... ")) or line == "..."]


@pytest.mark.parametrize("page", PAGES)
def test_copied_code_pastes_into_a_python_prompt(page):
    """Pasted into `python`, each statement must be complete where the prompt takes it: a
    compound statement (with, for, def) ends at a blank line (a bare `...` in a transcript), and
    a function body holds no blank line. (tests/browser pastes the real clipboard, for a sample
    of pages.)"""
    for name in copyable_blocks(page):
        typed: list[str] = []  # as code.InteractiveConsole.push keeps them
        for line in _pasted_lines(name, (ROOT / name).read_text(encoding="utf-8")):
            typed.append(line)
            try:
                complete = codeop.compile_command("\n".join(typed), name, "single")
            except SyntaxError as error:
                pasted = "\n".join(typed)
                raise AssertionError(f"{name}: {error}, pasted as:\n{pasted}") from None
            if complete is not None:
                typed = []


def _shown_code(name: str) -> list[str]:
    """The lines an include shows: a whole file, or the section `path:name` marks."""
    path, _, section = name.partition(":")
    lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
    if not section:
        return lines
    start = lines.index(f"# --8<-- [start:{section}]")
    return lines[start + 1 : lines.index(f"# --8<-- [end:{section}]", start)]


@pytest.mark.parametrize("page", PAGES)
def test_code_lines_fit_the_page(page):
    """At most 80 characters: no code block scrolls sideways at desktop width."""
    for lang in LANGS:
        text = (DOCS / lang / f"{page}.md").read_text(encoding="utf-8")
        for name in INCLUDE.findall(text):
            if name.endswith((".py", ".pycon")) or ".py:" in name:
                wide = [line for line in _shown_code(name) if len(line) > 80]
                assert not wide, (name, wide)
