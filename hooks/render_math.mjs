// Renders TeX to HTML with KaTeX at build time, so pages need no math script.
// One request per line on stdin, JSON [[tex, displayMode], ...]; one answer per line on stdout,
// JSON {"html": [html, ...]} or {"error": message}. hooks/math.py keeps one process per build.
import { createInterface } from "node:readline";
import katex from "katex";

for await (const line of createInterface({ input: process.stdin })) {
  let answer;
  try {
    const html = JSON.parse(line).map(([tex, displayMode]) =>
      katex.renderToString(tex, { displayMode, throwOnError: true, output: "htmlAndMathml" }),
    );
    answer = { html };
  } catch (error) {
    answer = { error: String(error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
