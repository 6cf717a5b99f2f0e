"""A Python as a reader has it: numpy and Jupyter's kernel, but not this project.

The editable install makes `snippets` importable from anywhere in .venv, through a .pth file in
its site-packages; `python -I` alone does not hide it. Here the interpreter starts without the
site module (-S: no .pth file is read) and isolated (-I: no current directory, no PYTHONPATH),
and gets .venv's site-packages back as a plain path, so numpy imports and `snippets` does not.
"""

import sys
import sysconfig

SITE_PACKAGES = sysconfig.get_paths()["purelib"]
BOOT = f"import sys; sys.path.append({SITE_PACKAGES!r})"


def reader_python(code: str) -> list[str]:
    """The command that runs `code` in the reader's Python."""
    return [sys.executable, "-I", "-S", "-c", f"{BOOT}\n{code}"]


KERNEL = "from ipykernel import kernelapp\nkernelapp.launch_new_instance()"
KERNEL_ARGV = [*reader_python(KERNEL), "-f", "{connection_file}"]
