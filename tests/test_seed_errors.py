"""What docs/*/seed-errors.md quotes in its prose is what Python, numpy and ruff really print.

The page's transcripts assert their own outputs (tests/test_page_code.py). Doctest cannot see
warnings, so the transcripts silence them with `np.errstate`; this file checks that the page's
own naive code really emits the RuntimeWarnings the prose names, and that every error message and
lint code quoted in the prose of both languages is the real one.
"""

import runpy
import shutil
import subprocess

import numpy as np
import pytest

from tests.conftest import DOCS, ROOT

PAGES = {
    lang: (DOCS / lang / "seed-errors.md").read_text(encoding="utf-8") for lang in ("ko", "en")
}
TEXTBOOK = ROOT / "snippets" / "textbook"


def textbook(name: str, function: str | None = None):
    """A function from snippets/textbook/<name>.py, as the page shows it."""
    return runpy.run_path(str(TEXTBOOK / f"{name}.py"))[function or name]


# A function body whose first line is indented with a tab and two spaces, the rest with four spaces:
# the shape of the seed's binary_cross_entropy (written fresh, not copied).
TAB_FIRST = "def double(x):\n\t  y = 2 * x\n    return y\n"
# The other way round: spaces first, then a tab.
TAB_SECOND = "def double(x):\n    y = 2 * x\n\treturn y\n"


def quoted_in_both_pages(message: str) -> None:
    for lang, text in PAGES.items():
        assert message in text, f"docs/{lang}/seed-errors.md does not quote {message!r}"


def runtime_warnings(func, *args) -> tuple[object, set[str]]:
    """Call func(*args) and return its result and the messages of the RuntimeWarnings it emitted."""
    with pytest.warns(RuntimeWarning) as record:
        result = func(*args)
    assert all(issubclass(w.category, RuntimeWarning) for w in record)
    return result, {str(w.message) for w in record}


# --- tabs mixed with spaces ----------------------------------------------------------------------


def test_the_transcript_builds_the_function_the_tests_check():
    source = (ROOT / "snippets/sessions/seed_errors_tabs.pycon").read_text(encoding="utf-8")
    assert f'source = "{TAB_FIRST.encode("unicode_escape").decode()}"' in source


def test_a_tab_then_spaces_is_an_indentation_error_not_a_tab_error():
    with pytest.raises(IndentationError) as info:
        compile(TAB_FIRST, "<blog>", "exec")
    assert type(info.value) is IndentationError  # not its subclass TabError
    assert info.value.msg == "unindent does not match any outer indentation level"
    assert info.value.lineno == 3
    quoted_in_both_pages("IndentationError: unindent does not match any outer indentation level")


def test_spaces_then_a_tab_is_a_tab_error():
    with pytest.raises(TabError) as info:
        compile(TAB_SECOND, "<blog>", "exec")
    assert info.value.msg == "inconsistent use of tabs and spaces in indentation"
    assert issubclass(TabError, IndentationError) and issubclass(IndentationError, SyntaxError)
    quoted_in_both_pages("TabError: inconsistent use of tabs and spaces in indentation")


def ruff_check(tmp_path, source: str, *rules: str) -> str:
    """ruff's concise report on `source` as blog.py, with its default rules or with `rules`."""
    ruff = shutil.which("ruff", path=str(ROOT / ".venv" / "bin")) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed")
    (tmp_path / "blog.py").write_text(source, encoding="utf-8")
    select = ["--select", ",".join(rules)] if rules else []
    command = [ruff, "check", "--isolated", "--no-cache", *select, "--output-format", "concise"]
    return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True).stdout


@pytest.mark.parametrize(
    ("code", "message"),
    [("W191", "Indentation contains tabs"), ("E101", "Indentation contains mixed spaces and tabs")],
)
def test_ruff_flags_the_tab_before_anything_runs(tmp_path, code, message):
    assert f"blog.py:2:1: {code} {message}" in ruff_check(tmp_path, TAB_FIRST, code)
    quoted_in_both_pages(code)
    quoted_in_both_pages(message)


def test_ruff_default_rules_see_the_syntax_error_but_not_tabs_that_parse(tmp_path):
    assert "blog.py:3:1: invalid-syntax" in ruff_check(tmp_path, TAB_FIRST)
    tabs_only = "def double(x):\n\ty = 2 * x\n\treturn y\n"
    assert "All checks passed!" in ruff_check(tmp_path, tabs_only)
    assert "blog.py:2:1: W191" in ruff_check(tmp_path, tabs_only, "W191")
    quoted_in_both_pages('extend-select = ["W191", "E101"]')


# --- the warnings the transcripts silence --------------------------------------------------------


def test_naive_softmax_overflows_to_nan_with_the_warnings_the_page_names():
    result, messages = runtime_warnings(textbook("naive_softmax"), np.array([1000.0, 1001.0]))
    assert np.isnan(result).all()
    assert messages == {"overflow encountered in exp", "invalid value encountered in divide"}
    for message in messages:
        quoted_in_both_pages(f"RuntimeWarning: {message}")


def test_naive_entropy_of_a_certain_outcome_is_nan_with_the_warnings_the_page_names():
    result, messages = runtime_warnings(textbook("naive_entropy"), [0, 1])
    assert np.isnan(result)
    assert messages == {
        "divide by zero encountered in log",
        "invalid value encountered in multiply",
    }
    for message in messages:
        quoted_in_both_pages(f"RuntimeWarning: {message}")


def test_naive_cross_entropy_warns_as_the_page_says():
    naive_cross_entropy = textbook("naive_cross_entropy")
    _, messages = runtime_warnings(naive_cross_entropy, [0, 0, 1], [0.3, 0, 0.7])
    assert messages == {
        "divide by zero encountered in log",
        "invalid value encountered in multiply",
    }
    _, messages = runtime_warnings(naive_cross_entropy, [0, 0, 1], [0.5, 0.5, 0.0])
    assert messages == {"divide by zero encountered in log"}
    quoted_in_both_pages("RuntimeWarning: divide by zero encountered in log")


# --- error messages quoted in the prose ----------------------------------------------------------


def sigmoid_as_written(z):
    return 1 / (1 + np.exp(-z))


def test_the_naive_sigmoid_rejects_a_list():
    with pytest.raises(TypeError) as info:
        sigmoid_as_written([0.2, 1.5])
    assert str(info.value) == "bad operand type for unary -: 'list'"
    quoted_in_both_pages("TypeError: bad operand type for unary -: 'list'")


def test_one_minus_a_list_fails_the_same_way():
    with pytest.raises(TypeError) as info:
        1 - [0, 0, 1]  # noqa: B018
    assert str(info.value) == "unsupported operand type(s) for -: 'int' and 'list'"
    quoted_in_both_pages("TypeError: unsupported operand type(s) for -: 'int' and 'list'")


def test_the_pasted_blocks_stop_at_a_name_error():
    with pytest.raises(NameError) as info:
        exec("In [1]: abs(-1)", {})  # an IPython prompt parses as an annotated assignment
    assert str(info.value) == "name 'In' is not defined"
    quoted_in_both_pages("NameError: name 'In' is not defined")
    with pytest.raises(NameError) as info:
        exec("def f(z):\n    return np.exp(z)\nf(0)\n", {})
    assert str(info.value) == "name 'np' is not defined"
    quoted_in_both_pages("NameError: name 'np' is not defined")


def test_numpy_scalars_behave_unlike_python_numbers():
    with pytest.warns(RuntimeWarning, match="overflow"):
        assert np.int64(2**63 - 1) + np.int64(1) == -(2**63)  # wraps around
    with pytest.warns(RuntimeWarning, match="divide by zero"):
        assert np.float64(1.0) / 0.0 == np.inf
    with pytest.raises(ZeroDivisionError):
        1.0 / 0.0  # noqa: B018


def test_the_legacy_print_option_brings_back_the_numpy_1_repr():
    with np.printoptions(legacy="1.25"):
        assert repr(np.float64(0.5)) == "0.5"
        assert repr(np.argmax([-0.15, -0.87, 1.1])) == "2"
    assert repr(np.float64(0.5)) == "np.float64(0.5)"
    quoted_in_both_pages('np.set_printoptions(legacy="1.25")')


def test_a_negative_logit_fed_to_the_binary_cross_entropy_gives_nan():
    naive = textbook("seed_errors_naive_bce", "naive_binary_cross_entropy")
    result, messages = runtime_warnings(naive, 0.0, -0.15)
    assert np.isnan(result)
    assert "invalid value encountered in log" in messages


# --- the loss floor the page states for the double softmax ---------------------------------------


def test_the_floor_of_the_double_softmax_loss_is_log_1_plus_2_over_e():
    log_softmax = textbook("log_softmax")
    onehot = np.array([0.0, 0.0, 1.0])
    assert -log_softmax(onehot) @ onehot == pytest.approx(np.log(1 + 2 / np.e), rel=1e-15)
    for lang, text in PAGES.items():
        assert r"\log(1 + 2/e)" in text, lang


@pytest.mark.parametrize("k", [2, 3, 5, 10])
def test_with_k_classes_the_floor_is_log_1_plus_k_minus_1_over_e(k):
    """One-hot probabilities reach log(1 + (k-1)/e), and no probability vector goes below it."""
    log_softmax = textbook("log_softmax")
    floor = np.log1p((k - 1) / np.e)
    onehot = np.eye(k)[0]
    assert -log_softmax(onehot) @ onehot == pytest.approx(floor, rel=1e-14)
    q = np.random.default_rng(k).dirichlet(np.ones(k) / 4, size=10_000)
    assert (-log_softmax(q)[:, 0] >= floor - 1e-12).all()
    for lang, text in PAGES.items():
        assert r"\log(1 + (k-1)/e)" in text, lang
