"""MkDocs hook: two builds of the same commit are byte-identical.

MkDocs stamps sitemap.xml (<lastmod>) and the header of sitemap.xml.gz with the build date unless
SOURCE_DATE_EPOCH is set, so builds on different days differ. Set it to the time of the last
commit, unless the caller set it already (reproducible-builds.org convention).
"""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def on_config(config):
    if "SOURCE_DATE_EPOCH" not in os.environ:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True
        )
        if result.returncode == 0 and result.stdout.strip().isdigit():
            os.environ["SOURCE_DATE_EPOCH"] = result.stdout.strip()
    return config
