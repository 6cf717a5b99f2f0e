"""Browser fixtures: the built site served on 127.0.0.1, Debian's Chromium driven by Playwright.

Fixture contract (used by every file in tests/browser/):
- ``site_url`` (session): base URL, ending in "/", of the site built once by ``tests/conftest.py``;
- ``browser`` (session): /usr/bin/chromium, headless, no background traffic;
- ``page`` (function): a fresh context + page that records every request and console error and,
  after the test, asserts that no request left 127.0.0.1 and no console error occurred.

The server behaves like GitHub Pages where it matters to the tests: text files are sent gzipped
to clients that accept it (so measured page weights are what a reader downloads), and a missing
path is answered with /404.html and status 404.
"""

import gzip
import http.server
import os
import re
import shutil
import sys
import threading
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT

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
GZIP_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
LANGS = {"ko": "", "en": "en/"}  # language -> path prefix of its pages
# The site is served under the path of its public site_url (e.g. /why-argmax/ on GitHub Pages):
# Material builds some URLs from it (the sitemap the language selector reads), so serving it at
# / would hide broken paths that a reader would hit.
BASE_PATH = (
    urlsplit(
        re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)[1]
    ).path.rstrip("/")
    + "/"
)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files like a static host: gzip for text, /404.html for what is missing."""

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

    def translate_path(self, path):
        path = urlsplit(path).path
        if not path.startswith(BASE_PATH):
            return os.path.join(self.directory, "--outside-the-site--", "missing")
        return super().translate_path("/" + path[len(BASE_PATH) :])

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirect to the slash form
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
        body = path.read_bytes()
        ctype = self.guess_type(str(path))
        if ctype.startswith("text/"):
            ctype += "; charset=utf-8"
        zipped = ctype.startswith(GZIP_TYPES) and "gzip" in self.headers.get("Accept-Encoding", "")
        if zipped:
            body = gzip.compress(body, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        return _Body(body)


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
def site_url(site):
    """Base URL of the built site served on 127.0.0.1 (an ephemeral port), for the session."""
    handler = partial(SiteHandler, directory=str(site))
    server = SiteServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}"
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
    """What one page saw: every request URL, console errors, uncaught exceptions."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


def _is_local(url: str, base: str) -> bool:
    if url.startswith(("data:", "blob:", "about:")):
        return True
    return urlsplit(url).netloc == urlsplit(base).netloc


def open_page(browser, site_url, **context_options):
    """A new context + page with its traffic recorded in ``page.traffic``."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    traffic = Traffic()
    page.on("request", lambda request: traffic.requests.append(request.url))
    page.on(
        "console",
        lambda msg: (
            traffic.console_errors.append(f"{msg.text} ({msg.location})")
            if msg.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: traffic.page_errors.append(str(error)))
    page.traffic = traffic
    return context, page


def check_traffic(page, site_url, allow_console_errors=()):
    """Assert no request left the local server and no console error or exception occurred."""
    traffic = page.traffic
    foreign = [url for url in traffic.requests if not _is_local(url, site_url)]
    assert not foreign, f"requests to other hosts: {foreign}"
    errors = [e for e in traffic.console_errors if not any(a in e for a in allow_console_errors)]
    assert not errors, f"console errors: {errors}"
    assert not traffic.page_errors, f"uncaught exceptions: {traffic.page_errors}"


@pytest.fixture
def page(browser, site_url):
    """A fresh page; after the test, no request to another host and no console error allowed."""
    context, page = open_page(browser, site_url)
    yield page
    try:
        check_traffic(page, site_url)
    finally:
        context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/ (gitignored): screenshots and reports a person can look at after a run."""
    if os.environ.get("KEEP_ARTIFACTS") != "1":
        shutil.rmtree(ARTIFACTS / "screenshots", ignore_errors=True)
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
