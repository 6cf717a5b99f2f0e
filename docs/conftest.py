"""The pages' Python blocks, for pytest-markdown-docs (`--markdown-docs` in pyproject.toml)."""

from tests.conftest import INCLUDE, ROOT


def pytest_markdown_docs_markdown_it():
    """pytest-markdown-docs (`--markdown-docs`) runs each Python block of a page, each on its
    own, as a reader who copies one block into a file runs it: the block as the page shows it,
    so a `--8<--` line in it becomes the file it includes (pymdownx.snippets does that for the
    site). Folded excerpts are indented under `??? note`: not fences, not run."""
    from markdown_it import MarkdownIt

    def include_files(state):
        for token in state.tokens:
            if token.type == "fence":
                token.content = INCLUDE.sub(
                    lambda m: (ROOT / m[1]).read_text(encoding="utf-8"), token.content
                )

    parser = MarkdownIt("commonmark")
    parser.core.ruler.push("snippets", include_files)
    return parser
