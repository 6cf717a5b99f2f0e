import os
import shutil
import socket
import subprocess
import sys
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


@pytest.fixture(scope="session")
def site_address() -> str:
    """Where tests/browser serves the site: under a path, as GitHub Pages serves a project site,
    so that a link which assumes the site is at / fails here too."""
    return f"http://127.0.0.1:{_free_port()}/why-argmax/"


@pytest.fixture(scope="session")
def site(tmp_path_factory, site_address) -> Path:
    """Both languages built once per test run with `mkdocs build --strict`, side by side (one
    process per core), then joined as `make build` joins them: English in en/."""
    out = tmp_path_factory.mktemp("site")
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SITE_URL": site_address,
        "SITE_URL_EN": site_address + "en/",
        "REPO_URL": "https://github.com/example/why-argmax",
    }
    builds = {
        lang: subprocess.Popen(
            [*MKDOCS_BUILD, "-f", config, "--site-dir", str(out / lang)],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for lang, config in CONFIGS.items()
    }
    for lang, build in builds.items():
        errors = build.communicate()[1]
        assert build.returncode == 0, f"{lang}: {errors}"
        assert "WARNING" not in errors, f"{lang}: {errors}"
    shutil.move(out / "en", out / "ko" / "en")
    return out / "ko"
