"""predict and top_k, and the benchmark the inference page shows: consistent, and shown as measured.

The timings themselves are not tested (they depend on the machine and its load); what is tested
is that the committed table is exactly what the benchmark's table writer makes of the committed
JSON, that every shape was measured or skipped for a stated reason, and that the results the
benchmark checked (argmax of softmax equals argmax of the logits, agreement with SciPy) hold.
"""

import json
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from scripts import benchmark
from snippets import predict, softmax, top_k
from tests.conftest import DOCS, ROOT

DATA = json.loads((ROOT / "data" / "benchmark.json").read_text(encoding="utf-8"))
TABLE = (ROOT / "data" / "benchmark-table.md").read_text(encoding="utf-8")

# --- predict and top_k ---------------------------------------------------------------------------


def test_predict_is_the_largest_logit_and_the_first_on_a_tie():
    assert predict([0.2, 1.5, -2.0]) == 1
    assert predict([3.0, 3.0, 1.0]) == 0
    assert predict([[1.0, -np.inf], [-np.inf, np.inf]]).tolist() == [0, 1]
    assert predict(np.zeros((2, 3, 4)), axis=1).shape == (2, 4)


@settings(max_examples=20, deadline=None)
@given(
    hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=1, max_dims=3, max_side=8),
        elements=st.floats(-1e6, 1e6),
    )
)
def test_softmax_never_changes_the_prediction_of_separated_logits(z):
    top2 = np.sort(z, axis=-1)[..., -2:]
    if z.shape[-1] > 1:
        separated = top2[..., 1] - top2[..., 0] > 1e-9 * np.maximum(1, np.abs(top2[..., 1]))
    else:
        separated = np.ones(z.shape[:-1], bool)
    assert np.array_equal(predict(softmax(z))[separated], predict(z)[separated])
    assert np.array_equal(predict(z), np.argmax(z, axis=-1))


def test_top_k_is_best_first_with_softmax_probabilities():
    classes, probs = top_k([-0.15, -0.87, 1.1], k=2)
    assert classes.tolist() == [2, 0]
    np.testing.assert_array_equal(probs, softmax([-0.15, -0.87, 1.1])[[2, 0]])
    tied, _ = top_k([1.0, 2.0, 2.0, 1.0], k=4)
    assert tied.tolist() == [1, 2, 0, 3]  # on a tie, the lower index first, as predict
    assert top_k([[1.0, 3.0, 2.0]], k=1)[0].tolist() == [[1]]
    columns, _ = top_k(np.array([[1.0, 5.0], [4.0, 2.0], [3.0, 3.0]]), k=2, axis=0)
    assert columns.tolist() == [[1, 0], [2, 2]]


# --- the benchmark data --------------------------------------------------------------------------


def test_the_committed_table_is_what_the_table_writer_makes_of_the_committed_json():
    assert benchmark.table(DATA) == TABLE


def test_every_shape_was_measured_or_skipped_for_size():
    grid = {(n, k, d) for d in benchmark.DTYPES for k in benchmark.CLASSES for n in benchmark.ROWS}
    measured = [(r["rows"], r["classes"], r["dtype"]) for r in DATA["runs"]]
    skipped = [(s["rows"], s["classes"], s["dtype"]) for s in DATA["skipped"]]
    assert sorted(measured + skipped) == sorted(grid)
    limit = DATA["method"]["max_elements"]
    assert all(n * k > limit for n, k, _ in skipped)
    assert all(n * k <= limit for n, k, _ in measured)
    assert max(n for n, k, _ in measured if k == 10) == 10**6  # the headline shape


@pytest.mark.parametrize(
    "run", DATA["runs"], ids=lambda r: f"{r['dtype']}-{r['classes']}-{r['rows']}"
)
def test_every_measured_shape_gave_consistent_results(run):
    checks = run["checks"]
    assert checks["argmax_of_softmax_equals_argmax"] is True
    assert checks["dtype_kept"] is True
    # Equal to SciPy's softmax to 1e-15 in float64 (to float32's own rounding in float32).
    assert checks["max_abs_diff_vs_scipy"] <= (1e-15 if run["dtype"] == "float64" else 1e-6)
    assert set(run["seconds"]) == set(benchmark.METHODS)
    for name, t in run["seconds"].items():
        assert 0 < t["min"] <= t["median"], name
        assert t["loops"] >= 1


def table_rows(text: str, dtype: str) -> list[list[str]]:
    """The data rows (no header, no --- line) of the tables in one dtype's tab, as cells."""
    tab = text.split(f'=== "{dtype}"')[1].split("\n=== ")[0]
    lines = [line.strip() for line in tab.splitlines() if line.startswith("    | ")]
    rows = [line.strip("|").split("|") for line in lines if "---" not in line]
    return [[cell.strip() for cell in row] for row in rows if row[0].strip() != "classes"]


@pytest.mark.parametrize("dtype", benchmark.DTYPES)
def test_the_ratios_in_the_table_are_the_ratios_of_the_times(dtype):
    # Re-derive two ratio columns from the JSON and find them, row by row, in the table.
    runs = sorted(
        (r for r in DATA["runs"] if r["dtype"] == dtype), key=lambda r: (r["classes"], r["rows"])
    )
    rows = table_rows(TABLE, dtype)
    assert len(rows) == 2 * len(runs)
    for run, prediction, implementations in zip(runs, rows, rows[len(runs) :], strict=False):
        s = run["seconds"]
        label = [str(run["classes"]), benchmark.rows_label(run["rows"])]
        assert prediction[:2] == implementations[:2] == label
        argmax_ratio = s["argmax_softmax"]["min"] / s["argmax"]["min"]
        assert prediction[-1] == benchmark.times(argmax_ratio)
        scipy_ratio = s["scipy_softmax"]["min"] / s["softmax"]["min"]
        assert implementations[6] == benchmark.times(scipy_ratio)


def test_the_machine_and_libraries_are_recorded_without_paths():
    m = DATA["machine"]
    assert m["cpu"] and m["cores"] >= 1 and m["numpy"] and m["scipy"]
    assert any(p["user_api"] == "blas" and p["internal_api"] for p in m["threadpools"])
    assert set(m["openblas_env"]) == {"OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"}
    assert "/" not in json.dumps(m)


def test_the_benchmark_runs_end_to_end_on_a_tiny_grid(capsys):
    data = benchmark.run(rows=[1, 4], classes=[3], dtypes=["float32"], max_elements=10)
    assert [r["rows"] for r in data["runs"]] == [1]
    assert data["skipped"] == [{"rows": 4, "classes": 3, "dtype": "float32"}]
    table = benchmark.table(data)
    assert table.startswith('=== "float32"') and table.count("    | 3 | 1 | ") == 2
    assert f"not run: 4 {benchmark.TIMES} 3 float32" in table


# --- the inference page quotes the table, not typed numbers --------------------------------------


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_measured_section_of_the_inference_page_quotes_only_the_table(lang):
    text = (DOCS / lang / "inference.md").read_text(encoding="utf-8")
    if '--8<-- "data/benchmark-table.md"' not in text:
        pytest.skip("the inference page does not show the benchmark yet")
    include = '--8<-- "data/benchmark-table.md"'
    start = text.rfind("\n## ", 0, text.index(include))  # the heading of the section
    section = text[start:].replace(include, "")
    section = re.sub(r"^(`{3,}|~{3,}).*?^\1", "", section, flags=re.S | re.M)
    section = re.sub(r"\$[^$]*\$", "", section)
    section = re.sub(r"\([^)]*\.svg\)", "", section)
    number = r"\d[\d,]*(?:\.\d+)?" + benchmark.TIMES + "?"
    numbers = re.findall(r"(?<![\w.])" + number, section)
    shown = set(re.findall(number, TABLE))
    allowed = {"10", "1000", "2", "1", "32", "64"}  # class and row counts, bit widths, the 2x goal
    missing = [n for n in numbers if n not in shown and n.rstrip(benchmark.TIMES) not in allowed]
    assert not missing, f"numbers in the measured section that the table does not show: {missing}"
