"""The reader's Python of tests/reader.py really lacks this project, and really has numpy."""

import subprocess

from tests.reader import reader_python


def test_the_readers_python_has_numpy_and_not_this_project():
    probe = "import numpy\ntry:\n    import snippets\nexcept ImportError:\n    print('no')"
    result = subprocess.run(reader_python(probe), capture_output=True, text=True, check=True)
    assert result.stdout == "no\n", result.stderr
