"""Build the site for the tests: `python -m tests.site_build FOLDER ADDRESS`.

Both languages with `mkdocs build --strict`, side by side (one process per core), joined as
`make build` joins them (English in en/), for the site served at ADDRESS. Writes
FOLDER/status.json when done: the tests wait for it (tests/conftest.py), in whichever pytest
process they run.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = {"ko": "mkdocs.yml", "en": "mkdocs.en.yml"}


def build(folder: Path, address: str) -> dict[str, str]:
    """Problems per language: its errors and warnings, or nothing."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SITE_URL": address,
        "SITE_URL_EN": address + "en/",
        "REPO_URL": "https://github.com/example/why-argmax",
        "EDIT_URI_KO": "edit/main/docs/ko/",
        "EDIT_URI_EN": "edit/main/docs/en/",
    }
    # not -q: MkDocs then neither prints nor counts warnings, and --strict would let them pass
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    builds = {
        lang: subprocess.Popen(
            [*command, "-f", config, "--site-dir", str(folder / lang)],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for lang, config in CONFIGS.items()
    }
    problems = {}
    for lang, process in builds.items():
        errors = process.communicate()[1]
        if process.returncode or "WARNING" in errors:
            problems[lang] = "\n".join(
                line for line in errors.splitlines() if not line.startswith("INFO")
            )
    if not problems:
        shutil.move(folder / "en", folder / "ko" / "en")
    return problems


if __name__ == "__main__":
    folder, address = Path(sys.argv[1]), sys.argv[2]
    status = {"problems": build(folder, address)}
    (folder / "status.json").write_text(json.dumps(status), encoding="utf-8")
