"""Lighthouse scores for every page in both languages, in Debian's Chromium: `make audit` only
(SWEEP=all; a few minutes). Writes test-artifacts/lighthouse/summary.md and a JSON file per
page. Performance uses Lighthouse's simulated slow-4G phone, so it depends on how busy the
machine is: it is recorded, and reported in the summary. Accessibility, best practices and SEO
do not depend on it: each must be 100.
"""

import json
import subprocess

import pytest

from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, PAGES, ROOT
from tests.conftest import LANGS

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


@pytest.fixture(scope="module")
def lighthouse(site_url) -> list[dict]:
    out = ARTIFACTS / "lighthouse"
    urls = [site_url + prefix + path for prefix in LANGS.values() for path in PAGES]
    chrome = json.dumps({"path": str(CHROMIUM), "flags": CHROMIUM_FLAGS})
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "browser" / "lighthouse.mjs"), chrome, str(out), *urls],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    lines = [
        "| page | " + " | ".join(CATEGORIES) + " | bytes (Lighthouse) | audits below 0.9 |",
        "| --- " * (len(CATEGORIES) + 3) + "|",
    ]
    for row in rows:
        page = row["url"].removeprefix(site_url) or "(home)"
        scores = " | ".join(str(row["scores"][c]) for c in CATEGORIES)
        failed = ", ".join(sorted(row["failed"])) or "-"
        lines.append(f"| {page} | {scores} | {row['transferredBytes']:.0f} | {failed} |")
    lines += ["", f"Lighthouse {rows[0]['lighthouse']}, {rows[0]['userAgent']}"]
    (out / "summary.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return rows


def test_every_page_scores_100_in_accessibility_best_practices_and_seo(lighthouse):
    low = {
        row["url"]: {c: row["scores"][c] for c in CATEGORIES[1:] if row["scores"][c] < 100}
        for row in lighthouse
    }
    assert not {url: s for url, s in low.items() if s}, low
