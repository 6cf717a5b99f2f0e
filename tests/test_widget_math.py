"""The interactive softmax's arithmetic (docs/assets/softmax-widget.js), run in Node, is the
library's: same values to floating-point rounding, same numbers at the precision it shows."""

import json
import subprocess

import numpy as np
import pytest

from snippets import entropy, predict, sigmoid, softmax
from tests.conftest import ROOT

WIDGET = ROOT / "docs" / "assets" / "softmax-widget.js"
RUN = """
const w = require(process.argv[1]);
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
const f4 = (x) => x.toFixed(4);
console.log(JSON.stringify(cases.map(([z, t]) => {
  const p = w.softmax(z, t), s = z.map((v) => w.sigmoid(v / t)), h = w.entropy(p);
  return { p, s, h, best: w.argmax(z), shown: [p.map(f4), s.map(f4), f4(h)] };
})));
"""


def cases() -> list[tuple[list[float], float]]:
    rng = np.random.default_rng(2026)
    found = [
        ([0.2, 1.5, -2.0], 1.0),  # the softmax page
        ([-0.15, -0.87, 1.1], 1.0),  # the inference page
        ([-3.1, -2.8, -3.0], 1.0),  # the elephant
        ([1000.0, 1001.0, -1000.0], 1.0),  # exp(1000) would overflow without the shift
        ([-1000.0, -1000.0, -1000.0], 0.01),  # and exp(-100000) underflow
        ([800.0, -800.0, 0.0, 5.0, 5.0], 0.05),  # sigmoid(+-16000)
        ([1.0, 3.0, 3.0, 0.0], 1.0),  # a tie: the first of the maxima
    ]
    for k in (3, 4, 5):
        for scale in (1.0, 10.0, 1000.0):
            for t in (0.01, 0.3, 1.0, 4.0, 100.0):
                found.append((rng.normal(0, scale, k).round(2).tolist(), t))
    return found


@pytest.fixture(scope="module")
def widget() -> list[dict]:
    result = subprocess.run(
        ["node", "-e", RUN, str(WIDGET)],
        input=json.dumps(cases()),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_widget_computes_what_the_library_computes(widget):
    for (z, t), got in zip(cases(), widget, strict=True):
        scaled = np.array(z) / t
        p, s = softmax(scaled), sigmoid(scaled)
        np.testing.assert_allclose(got["p"], p, rtol=1e-12, atol=1e-300)
        np.testing.assert_allclose(got["s"], s, rtol=1e-12, atol=1e-300)
        np.testing.assert_allclose(got["h"], entropy(p), rtol=1e-12, atol=1e-15)
        assert got["best"] == predict(z)
        assert all(np.isfinite(got["p"])) and all(np.isfinite(got["s"]))


def test_the_shown_numbers_are_the_library_s_at_four_decimals(widget):
    for (z, t), got in zip(cases(), widget, strict=True):
        scaled = np.array(z) / t
        p = softmax(scaled)
        assert got["shown"] == [
            [f"{v:.4f}" for v in p],
            [f"{v:.4f}" for v in sigmoid(scaled)],
            f"{entropy(p):.4f}",
        ]


def test_the_widget_script_stays_small_and_self_contained():
    text = WIDGET.read_text(encoding="utf-8")
    assert len(text.encode()) < 10_000
    for forbidden in ("fetch(", "XMLHttpRequest", "import(", "http://", "https://", "eval("):
        assert forbidden not in text
