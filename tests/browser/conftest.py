"""Browser fixtures: the built site served on 127.0.0.1, Debian's Chromium driven by Playwright.

Fixture contract (used by every file in tests/browser/):
- ``site_url`` (session): base URL, ending in "/", of the site built once by ``tests/conftest.py``;
- ``browser`` (session): /usr/bin/chromium, headless, no background traffic;
- ``page`` (function): a new page that records every request and console error and, after the
  test, asserts that no request left 127.0.0.1 and no console error occurred. The pages share one
  browser context: a page costs Chromium less CPU in a context that has loaded the site before
  (here 1.6 CPU-seconds instead of 2.2 for testing/, 1.8 instead of 3.4 for seed-errors/), and
  less again while the context has another page open (a blank one stays open all session: a new
  page that loads testing/ then costs 0.7 CPU-seconds instead of 1.4). Each test's page starts
  with the site's localStorage empty, so none sees a choice an earlier one saved; the server's
  `Cache-Control: no-cache` makes each load fetch every file again.

The server behaves like GitHub Pages where it matters to the tests: text files are sent gzipped
to clients that accept it, so a measured page weight is what a reader downloads (gzip level 9
here; a host compressing less hard sends a few per cent more), and a missing path is answered
with /404.html and status 404. Connections stay open between requests (GitHub Pages serves
HTTP/2: one connection for all of a page's files).
"""

import gzip
import http.server
import os
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT, SITE_PAGES

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"  # axe-core from npm (package.json)
GZIP_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
)
PAGES = SITE_PAGES
# `make test` runs the browser tests on a sample of pages and cases; SWEEP=all (`make audit`)
# on every one
SWEEP = os.environ.get("SWEEP") == "all"


collect_ignore = [] if SWEEP else ["test_lighthouse.py"]  # Lighthouse: `make audit` only


sweep_only = pytest.mark.skipif(not SWEEP, reason="make audit (SWEEP=all) runs it")


def sampled(cases: list, keep: list) -> list:
    """Every case when sweeping, else the ones in `keep`."""
    return cases if SWEEP else [case for case in cases if case in keep]


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files like a static host: gzip for text, /404.html for what is missing, and the
    connection kept open for the next request (Python's default, HTTP/1.0, closes it after each
    file: Lighthouse then simulates a new connection, with its handshakes, for every file)."""

    protocol_version = "HTTP/1.1"

    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "application/javascript",
        ".mjs": "application/javascript",
        ".svg": "image/svg+xml",
        ".woff2": "font/woff2",
        ".json": "application/json",
    }

    def log_message(self, format, *args):  # keep the test output clean
        pass

    base_path = "/"  # the path the site is served under

    def translate_path(self, path):
        path = urlsplit(path).path
        if not path.startswith(self.base_path):
            return os.path.join(self.directory, "--outside-the-site--", "missing")
        return super().translate_path("/" + path[len(self.base_path) :])

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirect to the slash form
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
        ctype = self.guess_type(str(path))
        if ctype.startswith("text/"):
            ctype += "; charset=utf-8"
        zipped = ctype.startswith(GZIP_TYPES) and "gzip" in self.headers.get("Accept-Encoding", "")
        body = _gzipped(path) if zipped else path.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        return _Body(body)


@cache
def _gzipped(path: Path) -> bytes:
    """A file's bytes gzipped, once per test run (the built site does not change meanwhile)."""
    return gzip.compress(path.read_bytes(), mtime=0)


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a navigation cancels a load
            super().handle_error(request, client_address)


class _Body:
    """A file-like wrapper so SimpleHTTPRequestHandler can copy and close a bytes body."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


@pytest.fixture(scope="session")
def site_url(site, site_address):
    """The built site served at the address it was built for (tests/conftest.py)."""
    address = urlsplit(site_address)
    served = type("ServedHandler", (SiteHandler,), {"base_path": address.path})
    handler = partial(served, directory=str(site))
    server = SiteServer(("127.0.0.1", address.port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site_address
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium (never a downloaded browser), headless, shared by every browser test."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium "
            "(apt-get install -y chromium), as .ci/run and the README do"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@dataclass
class Traffic:
    """What one page saw: every request, its response size, console errors, exceptions."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    # bytes on the wire per response: the body as sent (our server gzips text, like GitHub Pages,
    # and always sends Content-Length) plus the status line and headers
    received: dict[str, int] = field(default_factory=dict)
    in_flight: int = 0
    last_change: float = field(default_factory=time.monotonic)

    def started(self, request):
        self.requests.append(request.url)
        self.in_flight += 1
        self.last_change = time.monotonic()

    def responded(self, response):
        headers = response.headers
        self.received[response.url] = (
            int(headers.get("content-length", 0))
            + len(f"HTTP/1.1 {response.status} {response.status_text}\r\n\r\n")
            + sum(len(k) + len(v) + 4 for k, v in headers.items())
        )

    def ended(self, request):
        self.in_flight -= 1
        self.last_change = time.monotonic()

    @property
    def weight(self) -> int:
        """Bytes received so far by this page (and its workers)."""
        return sum(self.received.values())

    def wait_until_quiet(self, page, quiet_ms: int = 150, timeout_s: float = 15) -> None:
        """Wait until no request has been in flight for `quiet_ms`: Material's search worker
        fetches its index and language scripts after `load`, and they belong to the visit."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.in_flight <= 0 and (time.monotonic() - self.last_change) * 1000 >= quiet_ms:
                return
            page.wait_for_timeout(20)
        raise AssertionError(f"requests still in flight after {timeout_s} s")


def _is_local(url: str, base: str) -> bool:
    if url.startswith(("data:", "blob:", "about:")):
        return True
    return urlsplit(url).netloc == urlsplit(base).netloc


def open_page(browser, site_url, **context_options):
    """A new context + page whose traffic is recorded in ``page.traffic``."""
    context = browser.new_context(**context_options)
    return context, watched(context.new_page())


def watched(page):
    """`page`, its traffic recorded in ``page.traffic`` (a fresh `Traffic` may be put there
    before each navigation: the listeners record into whichever is there)."""
    page.traffic = Traffic()

    def console(msg):
        if msg.type == "error":
            page.traffic.console_errors.append(f"{msg.text} ({msg.location})")

    page.on("request", lambda request: page.traffic.started(request))
    page.on("response", lambda response: page.traffic.responded(response))
    page.on("requestfinished", lambda request: page.traffic.ended(request))
    page.on("requestfailed", lambda request: page.traffic.ended(request))
    page.on("console", console)
    page.on("pageerror", lambda error: page.traffic.page_errors.append(str(error)))
    return page


def traffic_problems(traffic: Traffic, site_url: str) -> list[str]:
    """Requests to other hosts, console errors and uncaught exceptions a page produced."""
    foreign = [url for url in traffic.requests if not _is_local(url, site_url)]
    return (
        [f"request to another host: {url}" for url in foreign]
        + [f"console error: {e}" for e in traffic.console_errors]
        + [f"uncaught exception: {e}" for e in traffic.page_errors]
    )


@pytest.fixture(scope="session")
def shared_context(browser):
    """The context every `page` opens in (see the module docstring)."""
    context = browser.new_context()
    context.keeper = context.new_page()  # never closed: see the module docstring
    yield context
    context.close()


# A test's page starts with the site's localStorage empty (the only storage the site uses): its
# first document on the site clears it (by then every page of the test before is closed, so
# nothing writes there any more); its later documents keep what the test saves (a theme choice
# must stay from page to page).
FIRST_VISIT = """if (location.protocol.startsWith("http")
    && !sessionStorage.getItem("tests:started")) {
  localStorage.clear();
  sessionStorage.setItem("tests:started", "1");
}"""


@pytest.fixture
def page(shared_context, site_url):
    """A new page; after the test, no request to another host and no console error allowed."""
    page = watched(shared_context.new_page())
    page.add_init_script(FIRST_VISIT)
    yield page
    try:
        problems = traffic_problems(page.traffic, site_url)
        assert not problems, "\n".join(problems)
    finally:
        for opened in shared_context.pages:  # the test's page and any it opened
            if opened is not shared_context.keeper:
                opened.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/ (gitignored): screenshots and reports a person can look at after a run."""
    shutil.rmtree(ARTIFACTS / "screenshots", ignore_errors=True)  # no stale pages
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
