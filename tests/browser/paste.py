"""Paste copied blocks into a Python prompt, one after another, as a reader does.

Run in the reader's Python (tests/reader.py): numpy, not this project. stdin: a JSON list of
the texts the copy buttons copied, in page order; stdout: a JSON list of what the prompt
printed after each paste (results, print output, tracebacks; warnings go to stderr, as a
terminal shows them apart). Each line goes to code.InteractiveConsole as if typed, so a block
that would not paste (a missing blank line after an indented block, a prompt left in the text)
fails here as it fails for the reader.
"""

import code
import contextlib
import io
import json
import sys


def main() -> None:
    blocks = json.load(sys.stdin)
    printed = io.StringIO()
    console = code.InteractiveConsole({"__name__": "__main__"})
    console.write = printed.write  # tracebacks, which the console writes to stderr
    outputs = []
    for block in blocks:
        with contextlib.redirect_stdout(printed):
            for line in block.splitlines():
                console.push(line)
            console.push("")  # the blank line a reader presses Enter for after a paste
        outputs.append(printed.getvalue())
        printed.seek(0)
        printed.truncate()
    json.dump(outputs, sys.__stdout__)


if __name__ == "__main__":
    main()
