"""The errors docs/seed-errors shows are real: each exception, warning and nan happens as stated.

Doctest cannot see warnings, so the transcripts silence them with `np.errstate`; this file checks
that the naive functions really emit the RuntimeWarnings the page names, that every message the
page quotes in its prose is the one Python, numpy and ruff really print, and that the fixes hold.
"""

import math
import shutil
import subprocess

import numpy as np
import pytest
import scipy.special

from snippets import (
    binary_cross_entropy,
    binary_cross_entropy_from_logits,
    cross_entropy,
    cross_entropy_from_logits,
    entropy,
    naive_binary_cross_entropy,
    naive_cross_entropy,
    naive_entropy,
    naive_sigmoid,
    naive_softmax,
    sigmoid,
    softmax,
)
from tests.conftest import DOCS, ROOT

PAGES = {
    lang: (DOCS / f"seed-errors.{lang}.md").read_text(encoding="utf-8") for lang in ("ko", "en")
}

# A function body whose first line is indented with a tab and two spaces, the rest with four spaces:
# the shape of the seed's binary_cross_entropy (written fresh, not copied).
TAB_FIRST = "def double(x):\n\t  y = 2 * x\n    return y\n"
# The other way round: spaces first, then a tab.
TAB_SECOND = "def double(x):\n    y = 2 * x\n\treturn y\n"


def quoted_in_both_pages(message: str) -> None:
    for lang, text in PAGES.items():
        assert message in text, f"seed-errors.{lang}.md does not quote {message!r}"


def runtime_warnings(func, *args) -> tuple[object, set[str]]:
    """Call func(*args) and return its result and the messages of the RuntimeWarnings it emitted."""
    with pytest.warns(RuntimeWarning) as record:
        result = func(*args)
    assert all(issubclass(w.category, RuntimeWarning) for w in record)
    return result, {str(w.message) for w in record}


# --- 1. tabs mixed with spaces -------------------------------------------------------------------


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


def test_python_counts_a_tab_up_to_the_next_multiple_of_eight_columns():
    second, third = TAB_FIRST.expandtabs().splitlines()[1:]
    assert len(second) - len(second.lstrip()) == 10
    assert len(third) - len(third.lstrip()) == 4


def test_the_fix_with_spaces_only_compiles_and_runs():
    namespace: dict = {}
    exec(TAB_FIRST.replace("\t  ", "    "), namespace)
    assert namespace["double"](21) == 42


@pytest.mark.parametrize(
    ("code", "message"),
    [("W191", "Indentation contains tabs"), ("E101", "Indentation contains mixed spaces and tabs")],
)
def test_ruff_flags_the_tab_before_anything_runs(tmp_path, code, message):
    ruff = shutil.which("ruff", path=str(ROOT / ".venv" / "bin")) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed")
    (tmp_path / "blog.py").write_text(TAB_FIRST, encoding="utf-8")
    result = subprocess.run(
        [ruff, "check", "--isolated", "--no-cache", "--select", code, "--output-format", "concise"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert f"blog.py:2:1: {code} {message}" in result.stdout
    quoted_in_both_pages(code)
    quoted_in_both_pages(message)


# --- 2. softmax overflow -------------------------------------------------------------------------


def test_naive_softmax_overflows_to_nan_with_the_warnings_the_page_names():
    result, messages = runtime_warnings(naive_softmax, [1000, 1001])
    assert np.isnan(result).all()
    assert messages == {"overflow encountered in exp", "invalid value encountered in divide"}
    for message in messages:
        quoted_in_both_pages(f"RuntimeWarning: {message}")


def test_exp_overflows_from_710_on_and_inf_over_inf_is_nan():
    assert np.isfinite(np.exp(709.0))
    with pytest.warns(RuntimeWarning, match="^overflow encountered in exp$"):
        assert np.isinf(np.exp(710.0))
    assert math.isnan(math.inf / math.inf)


def test_the_max_shift_fixes_the_overflow():
    np.testing.assert_allclose(softmax([1000, 1001]), softmax([0, 1]))
    np.testing.assert_allclose(softmax([0, 1]), scipy.special.softmax([0, 1]))


# --- 3. 0 log 0 ----------------------------------------------------------------------------------


def test_naive_entropy_of_a_certain_outcome_is_nan_with_the_warnings_the_page_names():
    result, messages = runtime_warnings(naive_entropy, [0, 1])
    assert np.isnan(result)
    assert messages == {
        "divide by zero encountered in log",
        "invalid value encountered in multiply",
    }
    for message in messages:
        quoted_in_both_pages(f"RuntimeWarning: {message}")


def test_naive_cross_entropy_with_a_zero_target_and_prediction_is_nan():
    result, messages = runtime_warnings(naive_cross_entropy, [0, 0, 1], [0.3, 0, 0.7])
    assert np.isnan(result)
    assert messages == {
        "divide by zero encountered in log",
        "invalid value encountered in multiply",
    }


def test_taking_0_log_0_as_0_fixes_it_as_scipy_does():
    assert entropy([0, 1]) == 0.0
    assert cross_entropy([0, 0, 1], [0.3, 0, 0.7]) == pytest.approx(-math.log(0.7))
    assert scipy.special.xlogy(0, 0) == 0.0
    assert scipy.special.entr(0) == 0.0


# --- 4. log 0 on the true class: infinite loss; the fix computes from logits ----------------------


def test_softmax_underflows_to_an_exact_zero_and_the_loss_becomes_inf():
    logits = [0.0, 0.0, -800.0]
    assert softmax(logits)[2] == 0.0
    result, messages = runtime_warnings(naive_cross_entropy, [0, 0, 1], softmax(logits))
    assert result == np.inf
    assert messages == {"divide by zero encountered in log"}
    assert cross_entropy([0, 0, 1], softmax(logits)) == np.inf  # correct for that input, no warning


def test_exp_of_minus_800_is_below_the_smallest_positive_float64():
    smallest = np.nextafter(0.0, 1.0)
    assert 4.9e-324 == smallest and np.exp(-744.0) > 0.0
    assert np.exp(-800.0) == 0.0
    assert 1 - 4e-18 == 1.0


def test_cross_entropy_from_logits_stays_finite():
    assert cross_entropy_from_logits(2, [0.0, 0.0, -800.0]) == pytest.approx(800 + math.log(2))
    assert cross_entropy_from_logits([0, 0, 1], [0.0, 0.0, -800.0]) == pytest.approx(
        800 + math.log(2)
    )


def test_sigmoid_rounds_to_one_and_the_naive_binary_cross_entropy_breaks():
    q = sigmoid(40.0)
    assert q == 1.0
    assert naive_sigmoid(40.0) == 1.0
    result, messages = runtime_warnings(naive_binary_cross_entropy, 1, q)
    assert np.isnan(result)  # 0 * log(0) in the (1 - t) term
    assert "invalid value encountered in scalar multiply" in messages
    result, messages = runtime_warnings(naive_binary_cross_entropy, 0, q)
    assert result == np.inf
    assert binary_cross_entropy(1, q) == 0.0  # the 0 log 0 fix alone handles the nan
    assert binary_cross_entropy(0, q) == np.inf


def test_binary_cross_entropy_from_logits_stays_finite():
    loss = binary_cross_entropy_from_logits([1, 0], [40, 40])
    np.testing.assert_allclose(loss, [math.exp(-40), 40.0], rtol=1e-12)


# --- 5. numpy 2 scalar reprs ---------------------------------------------------------------------


def test_numpy_2_prints_scalars_with_their_type_and_str_is_unchanged():
    assert int(np.__version__.split(".")[0]) >= 2
    assert repr(sigmoid(0.2)) == "np.float64(0.549833997312478)"
    assert repr(np.argmax([-0.15, -0.87, 1.1])) == "np.int64(2)"
    assert str(sigmoid(0.2)) == "0.549833997312478"
    assert type(float(sigmoid(0.2))) is float
    assert type(entropy([0.5, 0.5]).item()) is float
    values = binary_cross_entropy([0, 0, 1], sigmoid([-0.15, -0.87, 1.1])).tolist()
    assert all(type(v) is float for v in values)


def test_numpy_scalars_behave_unlike_python_numbers():
    with pytest.warns(RuntimeWarning, match="overflow"):
        assert np.int64(2**63 - 1) + np.int64(1) == -(2**63)  # wraps around
    with pytest.warns(RuntimeWarning, match="divide by zero"):
        assert np.float64(1.0) / 0.0 == np.inf
    with pytest.raises(ZeroDivisionError):
        1.0 / 0.0  # noqa: B018


def test_the_legacy_print_option_brings_back_the_numpy_1_repr():
    with np.printoptions(legacy="1.25"):
        assert repr(sigmoid(0.2)) == "0.549833997312478"
        assert repr(np.argmax([-0.15, -0.87, 1.1])) == "2"
    assert repr(sigmoid(0.2)).startswith("np.float64(")
    quoted_in_both_pages('np.set_printoptions(legacy="1.25")')


# --- 6. the naive sigmoid on a list --------------------------------------------------------------


def sigmoid_as_written(z):
    return 1 / (1 + np.exp(-z))


def test_the_naive_sigmoid_rejects_a_list():
    with pytest.raises(TypeError) as info:
        sigmoid_as_written([0.2, 1.5])
    assert str(info.value) == "bad operand type for unary -: 'list'"
    quoted_in_both_pages("TypeError: bad operand type for unary -: 'list'")
    np.testing.assert_allclose(sigmoid([0.2, 1.5]), sigmoid_as_written(np.asarray([0.2, 1.5])))


def test_one_minus_a_list_fails_the_same_way():
    with pytest.raises(TypeError) as info:
        1 - [0, 0, 1]  # noqa: B018
    assert str(info.value) == "unsupported operand type(s) for -: 'int' and 'list'"
    quoted_in_both_pages("TypeError: unsupported operand type(s) for -: 'int' and 'list'")


# --- 7. 0.35 is 0.36 -----------------------------------------------------------------------------


def test_the_cross_entropy_rounds_to_0_36():
    y, q = [0, 0, 1], [0.2, 0.1, 0.7]
    loss = float(cross_entropy(y, q))
    assert round(loss, 2) == 0.36 and round(loss, 4) == 0.3567
    assert math.floor(loss * 100) / 100 == 0.35  # the seed's 0.35 is the truncation


# --- 8. the rest ---------------------------------------------------------------------------------


def test_the_pasted_blocks_stop_at_a_name_error():
    with pytest.raises(NameError) as info:
        exec("In [1]: abs(-1)", {})  # an IPython prompt parses as an annotated assignment
    assert str(info.value) == "name 'In' is not defined"
    quoted_in_both_pages("NameError: name 'In' is not defined")
    with pytest.raises(NameError) as info:
        exec("def f(z):\n    return np.exp(z)\nf(0)\n", {})
    assert str(info.value) == "name 'np' is not defined"
    quoted_in_both_pages("NameError: name 'np' is not defined")


def test_logits_fed_to_the_naive_binary_cross_entropy_give_nan():
    result, messages = runtime_warnings(naive_binary_cross_entropy, 0.0, -0.15)
    assert np.isnan(result)
    assert "invalid value encountered in log" in messages


def test_the_page_builds_every_transcript_it_names():
    for lang, text in PAGES.items():
        for name in ("tabs", "softmax", "zero_log", "log_zero", "numpy2", "sigmoid_list"):
            path = f"snippets/sessions/seed_errors_{name}.pycon"
            assert path in text, f"seed-errors.{lang}.md does not include {path}"
            assert (ROOT / path).is_file()
