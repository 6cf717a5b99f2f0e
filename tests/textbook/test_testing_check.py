"""snippets/textbook/testing_check.py: counts what doctest counts."""

import doctest
import runpy

import pytest

from tests.conftest import ROOT

check = runpy.run_path(str(ROOT / "snippets/textbook/testing_check.py"))["check"]


@pytest.mark.parametrize(
    "transcript",
    [
        ">>> 1 + 1\n2\n",
        ">>> 0.1 + 0.2\n0.3\n",
        ">>> x = 3\n>>> x * 2\n6\n>>> x\n4\n",
        ">>> print('a   b')\na b\n",  # whitespace is normalised
        ">>> 1 / 0\nTraceback (most recent call last):\n  ...\n"
        "ZeroDivisionError: division by zero\n",
        ">>> [].pop()\nTraceback (most recent call last):\n  ...\nIndexError: wrong message\n",
    ],
)
def test_it_counts_as_pythons_doctest_testfile_does(tmp_path, transcript):
    path = tmp_path / "page.pycon"
    path.write_text(transcript, encoding="utf-8")
    expected = doctest.testfile(
        str(path),
        module_relative=False,
        optionflags=doctest.NORMALIZE_WHITESPACE,
        report=False,
        verbose=False,
    )
    assert check(transcript) == tuple(expected)
