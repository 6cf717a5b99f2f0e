import fcntl
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from functools import cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LANGS = {"ko": "", "en": "en/"}  # each language and the folder of its site
INCLUDE = re.compile(r'--8<--\s*"([^"]+)"')  # a file a page includes (pymdownx.snippets)


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's nav, without the tags that only MkDocs can construct (!ENV, !!python/...)."""


_Loader.add_multi_constructor("", lambda *_: None)
NAV = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), _Loader)["nav"]


def _walk(items):
    for item in items:
        for value in item.values() if isinstance(item, dict) else [item]:
            if isinstance(value, list):
                yield from _walk(value)
            else:
                yield value


# every page of a language's site, in nav order, as a path under its root ("", "softmax/", ...)
SITE_PAGES = ["" if entry == "index.md" else entry.rsplit(".", 1)[0] + "/" for entry in _walk(NAV)]


def _free_port() -> int:
    """A free port below Linux's ephemeral range (32768-60999): the server binds it only once
    the site is built, and meanwhile the kernels and browsers of other tests take ephemeral
    ports."""
    while True:
        port = random.randrange(20000, 32000)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port


def _build_folder(config) -> Path:
    """Where this test run builds the site: one folder for every pytest process of the run
    (pytest-xdist's workers share a run id)."""
    if not hasattr(config, "run_id"):
        config.run_id = os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex
    return Path(tempfile.gettempdir()) / f"why-argmax-site-{config.run_id}"


def _start_build(config) -> None:
    """Start tests/site_build.py, once per test run, in the background."""
    folder = _build_folder(config)
    folder.mkdir(exist_ok=True)
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "address").exists():
            _remove_old_builds(folder)
            # under a path, as GitHub Pages serves a project site, so that a link which
            # assumes the site is at / fails here too
            address = f"http://127.0.0.1:{_free_port()}/why-argmax/"
            (folder / "address").write_text(address, encoding="utf-8")
            subprocess.Popen(
                [sys.executable, "-m", "tests.site_build", str(folder), address], cwd=ROOT
            )


def _remove_old_builds(current: Path) -> None:
    """What earlier runs left (more than an hour old); another run may be removing them too."""
    for old in current.parent.glob("why-argmax-site-*"):
        try:
            if old != current and time.time() - old.stat().st_mtime > 3600:
                shutil.rmtree(old, ignore_errors=True)
        except FileNotFoundError:
            pass


def _needs_site(item) -> bool:
    return bool({"site", "site_url"} & set(getattr(item, "fixturenames", ())))


def pytest_configure(config):
    """With pytest-xdist (`make test`), the controlling process starts the build at once, before
    the workers have even imported the tests, when the run is one that builds the site (the whole
    suite, or the browser tests); the workers share its run id, so they find the build."""
    if getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput"):
        config.option.testrunuid = config.run_id = uuid.uuid4().hex
        if any(arg.rstrip("/") in ("tests", "tests/browser") for arg in config.args):
            _start_build(config)


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected what will not run
def pytest_collection_modifyitems(session, config, items):
    """Tests that need the built site run last, and the build starts now, so that it runs
    while the other tests do."""
    items.sort(key=_needs_site)  # stable: the order within each group stays
    if any(map(_needs_site, items)):
        _start_build(config)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """With pytest-xdist (`make test`: two processes), every browser test goes to one process:
    one site server, one Chromium; the other tests are shared out one by one."""
    from xdist.scheduler import LoadScopeScheduling

    class BrowserTestsTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "browser" if nodeid.startswith("tests/browser/") else nodeid

    return BrowserTestsTogether(config, log)


def pytest_runtest_setup(item):
    """Under pytest-xdist, the process that runs the tests outside the browser lowers its CPU
    priority at the first of them: the site build and then the browser tests, the longest chain
    of the run, get the two cores first, and these tests fill what the browser leaves idle. (Had
    the browser's process run one of them first, both would share the CPU equally, as without
    this.)"""
    if hasattr(item.config, "workerinput") and not item.nodeid.startswith("tests/browser/"):
        _yield_cpu()


@cache
def _yield_cpu() -> None:
    os.nice(10)  # once per process: niceness only goes up


@pytest.fixture(scope="session")
def site_address(pytestconfig) -> str:
    return (_build_folder(pytestconfig) / "address").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def site(pytestconfig) -> Path:
    """The built site (tests/site_build.py), once it is there."""
    folder = _build_folder(pytestconfig)
    deadline = time.monotonic() + 600
    while not (folder / "status.json").exists():
        assert time.monotonic() < deadline, "the site build did not finish in 10 minutes"
        time.sleep(0.1)
    problems = json.loads((folder / "status.json").read_text(encoding="utf-8"))["problems"]
    assert not problems, problems
    return folder / "ko"
