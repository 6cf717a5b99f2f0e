"""Run code copied from the site, each block in a process of its own.

stdin: JSON [[kind, text], ...] with kind "pycon" (a transcript: run as a doctest, so every output
the page shows is compared with what the code prints) or "python" (run as a script).
stdout: JSON [[ok, report], ...] in the same order.

Each block runs in a child forked from this runner once numpy and the `snippets` library are
imported: the child starts with an empty namespace, as `python` does, and nothing it changes
(print options, globals, warnings) reaches another block; the fork only saves the ~0.3 s that
starting Python and importing numpy would cost per block. Doctest options are the project's
(NORMALIZE_WHITESPACE, as in pyproject.toml).
"""

import contextlib
import doctest
import io
import json
import os
import signal
import sys
import traceback

import numpy  # noqa: F401  (imported once, before forking)

import snippets  # noqa: F401

TIMEOUT_S = 20


def run(kind: str, text: str) -> tuple[bool, str]:
    globs = {"__name__": "__main__"}
    if kind == "pycon":
        test = doctest.DocTestParser().get_doctest(text, globs, "copied", None, 0)
        if not test.examples:
            return False, "no >>> example in the copied transcript"
        report = io.StringIO()
        runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
        result = runner.run(test, out=report.write, clear_globs=False)
        return result.failed == 0, report.getvalue()
    output = io.StringIO()
    try:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            exec(compile(text, "<copied>", "exec"), globs)
    except BaseException:
        return False, output.getvalue() + traceback.format_exc()
    return True, output.getvalue()


def in_child(kind: str, text: str) -> tuple[bool, str]:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, report through the pipe, exit without cleanup
        os.close(read)
        signal.alarm(TIMEOUT_S)
        try:
            result = run(kind, text)
        except BaseException:
            result = (False, traceback.format_exc())
        with os.fdopen(write, "w") as pipe:
            json.dump(result, pipe)
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        return False, f"the process died (wait status {status})"
    return tuple(json.loads(data))


if __name__ == "__main__":
    blocks = json.load(sys.stdin)
    json.dump([in_child(kind, text) for kind, text in blocks], sys.stdout)
