"""Measure what predicting with argmax instead of softmax saves, and how fast the site's softmax is.

Run with `make bench` (not by the tests). In one process, for batches of 1 to 10^6 rows of 10 and
of 1000 classes, in float32 and float64, it times

    argmax(z)             np.argmax(z, axis=-1): the prediction, straight from the logits
    argmax(softmax(z))    the same prediction, through the site's softmax first
    softmax(z)            snippets.softmax alone
    scipy.special.softmax(z, axis=-1)
    naive_softmax(z)      the textbook formula, exp(z) / sum(exp(z))
    np.exp(z)             one exp over the same array: a floor for any softmax that allocates

and writes data/benchmark.json (times, checks, the machine and the numpy/SciPy/BLAS it ran on) and
data/benchmark-table.md (the table the inference page includes; `table()` makes it from the JSON).
Each time is the minimum, over interleaved repeats after a warm-up call, of the mean time per call
in a loop long enough for the clock; the median is kept beside it.
"""

import argparse
import gc
import json
import math
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import scipy
import scipy.special

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from snippets import naive_softmax, softmax  # noqa: E402

JSON_PATH = ROOT / "data" / "benchmark.json"
TABLE_PATH = ROOT / "data" / "benchmark-table.md"

ROWS = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]
CLASSES = [10, 1000]
DTYPES = ["float64", "float32"]
# 10^6 x 1000 would be 8 GB of float64 logits (4 GB of float32) before SciPy's temporaries, and
# would take most of the run: the largest batch measured has 10^8 logits.
MAX_ELEMENTS = 10**8
METHODS = {
    "argmax": "np.argmax(z, axis=-1)",
    "argmax_softmax": "np.argmax(softmax(z), axis=-1)",
    "softmax": "snippets.softmax(z)",
    "scipy_softmax": "scipy.special.softmax(z, axis=-1)",
    "naive_softmax": "snippets.naive_softmax(z)",
    "exp": "np.exp(z)",
}
MIN_LOOP_SECONDS = 2e-3  # each timing runs a loop at least this long
SEED = 0


def methods(z: np.ndarray) -> dict:
    return {
        "argmax": lambda: np.argmax(z, axis=-1),
        "argmax_softmax": lambda: np.argmax(softmax(z), axis=-1),
        "softmax": lambda: softmax(z),
        "scipy_softmax": lambda: scipy.special.softmax(z, axis=-1),
        "naive_softmax": lambda: naive_softmax(z),
        "exp": lambda: np.exp(z),
    }


def time_methods(funcs: dict, repeats: int) -> dict:
    """Warm up, then time every function `repeats` times, interleaved; seconds per call."""
    loops = {}
    for name, func in funcs.items():
        start = time.perf_counter()
        func()  # warm-up: first-touch of memory, caches, lazy imports
        once = time.perf_counter() - start
        loops[name] = max(1, math.ceil(MIN_LOOP_SECONDS / max(once, 1e-9)))
    samples = {name: [] for name in funcs}
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            for name, func in funcs.items():
                n = loops[name]
                start = time.perf_counter()
                for _ in range(n):
                    func()
                samples[name].append((time.perf_counter() - start) / n)
    finally:
        if gc_was_enabled:
            gc.enable()
    return {
        name: {"min": min(s), "median": statistics.median(s), "loops": loops[name]}
        for name, s in samples.items()
    }


def measure(rows: int, classes: int, dtype: str, repeats: int) -> dict:
    rng = np.random.default_rng([SEED, rows, classes])
    z = (3 * rng.standard_normal((rows, classes))).astype(dtype)
    ours, reference, naive = softmax(z), scipy.special.softmax(z, axis=-1), naive_softmax(z)
    checks = {
        "argmax_of_softmax_equals_argmax": bool(
            np.array_equal(np.argmax(ours, axis=-1), np.argmax(z, axis=-1))
        ),
        "max_abs_diff_vs_scipy": float(np.max(np.abs(ours - reference))),
        "max_abs_diff_naive_vs_ours": float(np.max(np.abs(naive - ours))),
        "dtype_kept": ours.dtype == z.dtype,
    }
    del ours, reference, naive
    seconds = time_methods(methods(z), repeats)
    return {
        "rows": rows,
        "classes": classes,
        "dtype": dtype,
        "repeats": repeats,
        "seconds": seconds,
        "checks": checks,
    }


def machine() -> dict:
    """The CPU, the library versions and the BLAS the run used; no file-system paths."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from threadpoolctl import threadpool_info

    keep = ("user_api", "internal_api", "version", "architecture", "threading_layer")
    pools = [{k: pool.get(k) for k in (*keep, "num_threads")} for pool in threadpool_info()]
    simd = np.show_config(mode="dicts")["SIMD Extensions"]
    return {
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "machine": platform.machine(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "numpy_simd": simd.get("found", []),
        "threadpools": pools,
        "openblas_env": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")},
    }


def load_average() -> float | None:
    """The 1-minute load average: other work on the machine slows every timing."""
    return round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None


def run(rows=ROWS, classes=CLASSES, dtypes=DTYPES, max_elements=MAX_ELEMENTS) -> dict:
    runs, skipped = [], []
    load_before = load_average()
    started = time.perf_counter()
    for dtype in dtypes:
        for k in classes:
            for n in rows:
                if n * k > max_elements:
                    skipped.append({"rows": n, "classes": k, "dtype": dtype})
                    continue
                repeats = 7 if n * k >= 10**7 else 15
                print(f"{dtype} {n:>9} x {k:<5}", end=" ", flush=True)
                result = measure(n, k, dtype, repeats)
                s = result["seconds"]
                print(
                    f"softmax {s['softmax']['min'] * 1e3:9.3f} ms  "
                    f"scipy/ours {s['scipy_softmax']['min'] / s['softmax']['min']:5.2f}  "
                    f"argmax(softmax)/argmax {ratio(result, 'argmax_softmax', 'argmax'):5.1f}",
                    flush=True,
                )
                runs.append(result)
    return {
        "machine": machine(),
        "load_average": {"before": load_before, "after": load_average()},
        "run_seconds": round(time.perf_counter() - started, 1),
        "method": {
            "statistic": "min",
            "timer": "time.perf_counter, gc disabled, methods interleaved within each repeat",
            "warmup_calls": 1,
            "min_loop_seconds": MIN_LOOP_SECONDS,
            "logits": "3 * standard normal, numpy default_rng seeded per shape",
            "max_elements": max_elements,
            "skipped_because": "more logits than max_elements (memory and run time)",
            "methods": METHODS,
        },
        "runs": runs,
        "skipped": skipped,
    }


def ratio(result: dict, numerator: str, denominator: str) -> float:
    """How many times longer `numerator` takes than `denominator` (minimum times)."""
    s = result["seconds"]
    return s[numerator]["min"] / s[denominator]["min"]


def microseconds(seconds: float) -> str:
    """A time in µs with three significant digits (at least one decimal below 100 µs)."""
    us = seconds * 1e6
    if us >= 1000:
        return f"{us:,.0f}"
    if us >= 100:
        return f"{us:.0f}"
    if us >= 10:
        return f"{us:.1f}"
    return f"{us:.2f}"


TIMES, DASH = "\N{MULTIPLICATION SIGN}", "\N{EN DASH}"


def times(x: float) -> str:
    """A ratio with two significant digits and a multiplication sign: 0.95, 2.6, 13 times."""
    return (f"{x:.2f}" if x < 1 else f"{x:.1f}" if x < 10 else f"{x:.0f}") + TIMES


def difference(x: float) -> str:
    """An absolute difference in scientific notation, e.g. 6.7e-16 (or 0)."""
    return "0" if x == 0 else f"{x:.1e}"


def rows_label(n: int) -> str:
    return f"10<sup>{round(math.log10(n))}</sup>" if n >= 1000 else str(n)


PREDICTION_COLUMNS = [  # header, cell maker
    ("argmax(z) µs", lambda r: microseconds(r["seconds"]["argmax"]["min"])),
    ("argmax(softmax(z)) µs", lambda r: microseconds(r["seconds"]["argmax_softmax"]["min"])),
    ("softmax(z) µs", lambda r: microseconds(r["seconds"]["softmax"]["min"])),
    ("argmax(softmax) ÷ argmax", lambda r: times(ratio(r, "argmax_softmax", "argmax"))),
]
SOFTMAX_COLUMNS = [
    ("ours µs", lambda r: microseconds(r["seconds"]["softmax"]["min"])),
    ("SciPy µs", lambda r: microseconds(r["seconds"]["scipy_softmax"]["min"])),
    ("naive µs", lambda r: microseconds(r["seconds"]["naive_softmax"]["min"])),
    ("exp µs", lambda r: microseconds(r["seconds"]["exp"]["min"])),
    ("SciPy ÷ ours", lambda r: times(ratio(r, "scipy_softmax", "softmax"))),
    ("ours ÷ exp", lambda r: times(ratio(r, "softmax", "exp"))),
    ("max diff", lambda r: difference(r["checks"]["max_abs_diff_vs_scipy"])),
]


def markdown_table(runs: list, columns: list, indent: str) -> list[str]:
    """One table: classes and rows, then the given columns; every line indented for a tab."""
    lines = [
        "| classes | rows | " + " | ".join(header for header, _ in columns) + " |",
        "| ---: | ---: |" + " ---: |" * len(columns),
    ]
    for r in runs:
        cells = [str(r["classes"]), rows_label(r["rows"])] + [cell(r) for _, cell in columns]
        lines.append("| " + " | ".join(cells) + " |")
    return [indent + line for line in lines]


def table(data: dict) -> str:
    """The Markdown the inference page includes, made from the benchmark's JSON alone.

    One content tab per dtype, each with two tables: the prediction with and without softmax,
    and this site's softmax beside SciPy's, the naive form and a bare exp.
    """
    m = data["machine"]
    blas = ", ".join(
        f"{p['internal_api']} {p['version']} ({p['architecture']}, {p['num_threads']} threads)"
        for p in m["threadpools"]
        if p["user_api"] == "blas"
    )
    out = []
    for dtype in DTYPES:
        runs = sorted(
            (r for r in data["runs"] if r["dtype"] == dtype),
            key=lambda r: (r["classes"], r["rows"]),
        )
        if not runs:
            continue
        out += [f'=== "{dtype}"', ""]
        out += markdown_table(runs, PREDICTION_COLUMNS, "    ")
        out += [""]
        out += markdown_table(runs, SOFTMAX_COLUMNS, "    ")
        out += [""]
    repeats = [r["repeats"] for r in data["runs"]]
    skipped = ", ".join(
        f"{rows_label(s['rows'])} {TIMES} {s['classes']} {s['dtype']}" for s in data["skipped"]
    )
    out += [
        f"CPU: {m['cpu']} {TIMES} {m['cores']} · Python {m['python']} · numpy {m['numpy']} "
        f"· SciPy {m['scipy']} · BLAS: {blas} · min of {min(repeats)}{DASH}{max(repeats)} "
        f"repeats · load average {data['load_average']['before']} before, "
        f"{data['load_average']['after']} after" + (f" · not run: {skipped}" if skipped else ""),
    ]
    return "\n".join(out) + "\n"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--table-only", action="store_true", help="rewrite the table from the saved JSON"
    )
    args = parser.parse_args(argv)
    if not args.table_only:
        data = run()
        JSON_PATH.parent.mkdir(exist_ok=True)
        JSON_PATH.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")
    data = json.loads(JSON_PATH.read_text("utf-8"))
    TABLE_PATH.write_text(table(data), "utf-8")
    print(f"wrote {JSON_PATH.relative_to(ROOT)} and {TABLE_PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
