"""benchmarks/softmax.py and the speed page it feeds: consistent, and shown as measured.

The timings themselves are not tested (they depend on the machine and its load); what is tested
is that each committed table is exactly what the table writer makes of the committed JSON, that
the Korean and English tables show the same numbers, that every shape was measured or skipped
for a stated reason, that the results the benchmark checked (argmax of softmax equals argmax of
the logits, agreement with SciPy) hold, and that the speed page quotes only its table.
"""

import json
import re

import pytest

from benchmarks import softmax as benchmark
from tests.conftest import DOCS, ROOT

DATA = json.loads((ROOT / "data" / "benchmark.json").read_text(encoding="utf-8"))
TABLES = {lang: path.read_text(encoding="utf-8") for lang, path in benchmark.TABLE_PATHS.items()}
LANGUAGES = benchmark.LANGUAGES
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?(?:e-\d+)?")
UNITS = "".join(benchmark.RATIO_UNIT.values())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_committed_table_is_what_the_table_writer_makes_of_the_committed_json(lang):
    assert benchmark.table(DATA, lang) == TABLES[lang]


def test_the_korean_and_the_english_table_show_the_same_numbers():
    ko, en = (NUMBER.findall(TABLES[lang]) for lang in ("ko", "en"))
    assert ko == en and len(ko) > 300
    assert "classes" not in TABLES["ko"] and "ours" not in TABLES["ko"]


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
    assert checks["argmax_of_textbook_softmax_equals_argmax"] is True
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
    return [[cell.strip() for cell in row] for row in rows if row[0].strip()[0].isdigit()]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("dtype", benchmark.DTYPES)
def test_the_ratios_in_the_table_are_the_ratios_of_the_times(dtype, lang):
    # Re-derive two ratio columns from the JSON and find them, row by row, in the table.
    runs = sorted(
        (r for r in DATA["runs"] if r["dtype"] == dtype), key=lambda r: (r["classes"], r["rows"])
    )
    rows = table_rows(TABLES[lang], dtype)
    assert len(rows) == 2 * len(runs)
    for run, prediction, implementations in zip(runs, rows, rows[len(runs) :], strict=False):
        s = run["seconds"]
        label = [str(run["classes"]), benchmark.rows_label(run["rows"])]
        assert prediction[:2] == implementations[:2] == label
        argmax_ratio = s["argmax_softmax"]["min"] / s["argmax"]["min"]
        assert prediction[4] == benchmark.times(argmax_ratio, lang)
        ours_ratio = s["argmax_ours"]["min"] / s["argmax"]["min"]
        assert prediction[6] == benchmark.times(ours_ratio, lang)
        scipy_ratio = s["scipy_softmax"]["min"] / s["softmax"]["min"]
        assert implementations[6] == benchmark.times(scipy_ratio, lang)


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
    table = benchmark.table(data, "en")
    assert table.startswith('=== "float32"') and table.count("    | 3 | 1 | ") == 2
    assert f"not run: 4 {benchmark.TIMES} 3 float32" in table
    assert "측정하지 않음: 4" in benchmark.table(data, "ko")
    pools = data["machine"]["threadpools"]
    assert all("/" not in (p["library"] or "") for p in pools)
    assert any(p["library"] == "numpy" for p in pools)  # the wheel's bundled OpenBLAS


# --- the speed page quotes its table, not typed numbers ------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_speed_page_states_the_loop_length_the_benchmark_uses(lang):
    assert benchmark.MIN_LOOP_SECONDS == 2e-3
    assert "2 ms" in (DOCS / lang / "speed.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_number_of_the_speed_page_comes_from_its_table(lang):
    text = (DOCS / lang / "speed.md").read_text(encoding="utf-8")
    include = f'--8<-- "data/benchmark-table.{lang}.md"'
    assert include in text
    prose = text.replace(include, "")
    prose = re.sub(r"^(`{3,}|~{3,}).*?^\1", "", prose, flags=re.S | re.M)
    prose = re.sub(r"\$[^$]*\$", "", prose)  # formulas
    prose = re.sub(r"\([^)]*\.svg\)", "", prose)  # figure paths
    prose = re.sub(r"\{[^}]*\}", "", prose)  # a figure's attributes: width, height
    prose = re.sub(r"<sup>\d+</sup>", "", prose)  # the powers in 10<sup>6</sup> rows
    prose = re.sub(r"`[^`]*`", "", prose)  # code: axis=-1, float64, ...
    numbers = re.findall(r"(?<![\w.])" + NUMBER.pattern + f"[{UNITS}]?", prose)
    shown = set(re.findall(NUMBER.pattern + f"[{UNITS}]?", TABLES[lang]))
    allowed = {"10", "1000", "1", "32", "64"}  # class and row counts, bit widths
    missing = [n for n in numbers if n not in shown and n.rstrip(UNITS) not in allowed]
    assert not missing, f"numbers on the speed page that its table does not show: {missing}"
