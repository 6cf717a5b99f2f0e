// Renders TeX to HTML with KaTeX at build time, so pages need no math script.
// stdin: JSON [[tex, displayMode], ...]   stdout: JSON [html, ...]
import { readFileSync } from "node:fs";
import katex from "katex";

const items = JSON.parse(readFileSync(0, "utf8"));
const html = items.map(([tex, displayMode]) =>
  katex.renderToString(tex, { displayMode, throwOnError: true, output: "htmlAndMathml" }),
);
process.stdout.write(JSON.stringify(html));
