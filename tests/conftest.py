import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LANGS = {"ko": "", "en": "en/"}  # each language and the folder of its site
CONFIGS = {"ko": "mkdocs.yml", "en": "mkdocs.en.yml"}


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
MKDOCS_BUILD = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SiteBuild:
    """Both languages built with `mkdocs build --strict`, side by side (one process per core),
    started as soon as the tests are collected so that the build runs while the tests that need
    no site do (they run first); joined as `make build` joins them: English in en/."""

    def __init__(self, folder: Path):
        # under a path, as GitHub Pages serves a project site, so that a link which assumes
        # the site is at / fails here too
        self.address = f"http://127.0.0.1:{_free_port()}/why-argmax/"
        self.folder = folder
        env = {
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "SITE_URL": self.address,
            "SITE_URL_EN": self.address + "en/",
            "REPO_URL": "https://github.com/example/why-argmax",
        }
        self.builds = {
            lang: subprocess.Popen(
                [*MKDOCS_BUILD, "-f", config, "--site-dir", str(folder / lang)],
                cwd=ROOT,
                env=env,
                stderr=subprocess.PIPE,
                text=True,
            )
            for lang, config in CONFIGS.items()
        }

    def result(self) -> Path:
        if self.builds:
            for lang, build in self.builds.items():
                errors = build.communicate()[1]
                assert build.returncode == 0, f"{lang}: {errors}"
                assert "WARNING" not in errors, f"{lang}: {errors}"
            shutil.move(self.folder / "en", self.folder / "ko" / "en")
            self.builds = {}
        return self.folder / "ko"


def _needs_site(item) -> bool:
    return bool({"site", "site_url"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected what will not run
def pytest_collection_modifyitems(session, config, items):
    """Tests that need the built site run last, and the build starts now."""
    items.sort(key=_needs_site)  # stable: the order within each group stays
    if any(map(_needs_site, items)) and not hasattr(config, "site_build"):
        folder = Path(tempfile.mkdtemp(prefix="site-"))
        config.site_build = SiteBuild(folder)
        config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


@pytest.fixture(scope="session")
def site_address(pytestconfig) -> str:
    return pytestconfig.site_build.address


@pytest.fixture(scope="session")
def site(pytestconfig) -> Path:
    """The built site (see SiteBuild)."""
    return pytestconfig.site_build.result()
