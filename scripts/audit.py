"""`make audit`: Lighthouse scores (performance, accessibility, best practices, SEO) for every
page of the built site in both languages, in Debian's Chromium.

The site in site/ (`make build`) is served on 127.0.0.1 by the same server the browser tests use
(gzip like GitHub Pages, under the site_url path). Results go to test-artifacts/lighthouse/:
one JSON file per page and summary.md, a table also printed here. Performance is measured with
Lighthouse's default simulated slow-4G phone, so it is the most machine-dependent of the four.

usage: python scripts/audit.py [PATH ...]   (paths under a language root, e.g. softmax/;
default: every page in the nav)
"""

import json
import subprocess
import sys
import threading
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import BASE_PATH, LANGS, PAGES, SiteHandler, SiteServer  # noqa: E402

OUT = ROOT / "test-artifacts" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def main(paths: list[str]) -> int:
    site = ROOT / "site"
    if not (site / "index.html").is_file():
        sys.exit("site/ is not built: run `make build` first")
    server = SiteServer(("127.0.0.1", 0), partial(SiteHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}"
    urls = [base + prefix + path for prefix in LANGS.values() for path in paths]
    result = subprocess.run(
        ["node", str(ROOT / "scripts" / "lighthouse.mjs"), str(OUT), *urls],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    server.shutdown()
    if result.returncode:
        sys.stderr.write(result.stderr)
        return result.returncode
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    lines = [
        "| page | " + " | ".join(CATEGORIES) + " | bytes (Lighthouse) | audits below 0.9 |",
        "| --- " * (len(CATEGORIES) + 3) + "|",
    ]
    for row in rows:
        page = row["url"].removeprefix(base) or "(home)"
        scores = " | ".join(str(row["scores"][c]) for c in CATEGORIES)
        failed = ", ".join(sorted(row["failed"])) or "-"
        lines.append(f"| {page} | {scores} | {row['transferredBytes']:.0f} | {failed} |")
    if rows:
        lines.append("")
        lines.append(f"Lighthouse {rows[0]['lighthouse']}, {rows[0]['userAgent']}")
    table = "\n".join(lines) + "\n"
    (OUT / "summary.md").write_text(table, encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or PAGES))
