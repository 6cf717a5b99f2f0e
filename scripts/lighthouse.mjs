// Lighthouse (npm, pinned in package.json) over pages of the site, in Debian's Chromium.
// Started by scripts/audit.py, which serves the built site on 127.0.0.1.
// usage: node scripts/lighthouse.mjs OUT_DIR URL...   writes OUT_DIR/<name>.json (the scores
// and failed audits of each page) and prints one JSON line per page.
import { mkdirSync, writeFileSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const [outDir, ...urls] = process.argv.slice(2);
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

mkdirSync(outDir, { recursive: true });
const chrome = await chromeLauncher.launch({
  chromePath: "/usr/bin/chromium",
  chromeFlags: [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
try {
  for (const url of urls) {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: CATEGORIES,
    });
    const lhr = result.lhr;
    const scores = Object.fromEntries(
      CATEGORIES.map((c) => [c, Math.round(lhr.categories[c].score * 100)]),
    );
    // audits that count towards a category and did not pass, with their titles
    const failed = {};
    for (const c of CATEGORIES) {
      for (const ref of lhr.categories[c].auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 0.9) {
          const items = (audit.details && audit.details.items) || [];
          failed[ref.id] = {
            title: audit.title,
            score: audit.score,
            value: audit.displayValue,
            items: items.slice(0, 5),
          };
        }
      }
    }
    const summary = {
      url,
      scores,
      transferredBytes: lhr.audits["total-byte-weight"].numericValue,
      failed,
      runWarnings: lhr.runWarnings,
      lighthouse: lhr.lighthouseVersion,
      userAgent: lhr.environment.hostUserAgent,
    };
    const name = new URL(url).pathname.replace(/^\/|\/$/g, "").replace(/\//g, "-") || "home";
    writeFileSync(`${outDir}/${name}.json`, JSON.stringify(summary, null, 1));
    console.log(JSON.stringify(summary));
  }
} finally {
  await chrome.kill();
}
