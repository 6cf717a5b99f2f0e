// Lighthouse (npm, pinned in package.json) over pages of the site, in Debian's Chromium.
// Started by tests/browser/test_lighthouse.py (`make audit`), which serves the built site.
// usage: node lighthouse.mjs CHROME_JSON OUT_DIR RUNS URL...   CHROME_JSON: {"path": ..., "flags":
// [...]} (tests/browser/conftest.py). Each page is measured RUNS times and the run with the median
// performance score is kept (Lighthouse's advice for its run-to-run variance), with every run's
// performance score and benchmark index (the host's speed, which moves the score). Writes
// OUT_DIR/<name>.json (the scores and failed audits of each page) and prints one JSON line per page.
import { mkdirSync, writeFileSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const [chromeJson, outDir, runs, ...urls] = process.argv.slice(2);
const chromium = JSON.parse(chromeJson);
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

mkdirSync(outDir, { recursive: true });
const chrome = await chromeLauncher.launch({
  chromePath: chromium.path,
  chromeFlags: ["--headless=new", ...chromium.flags],
});
try {
  for (const url of urls) {
    const results = [];
    for (let run = 0; run < Number(runs); run++) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: CATEGORIES,
      });
      results.push(result.lhr);
    }
    const performance = (lhr) => lhr.categories.performance.score;
    results.sort((a, b) => performance(a) - performance(b));
    const lhr = results[Math.floor(results.length / 2)];
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
      performanceRuns: results.map((r) => Math.round(performance(r) * 100)),
      benchmarkIndex: results.map((r) => Math.round(r.environment.benchmarkIndex)),
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
