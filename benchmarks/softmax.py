"""Measure what predicting with argmax instead of softmax saves, and how fast the site's softmax is.

Run with `make bench`, that is `python -m benchmarks.softmax` (not by the tests). In one process,
for batches of 1 to 10^6 rows of 10 and of 1000 classes, in float32 and float64, it times

    argmax(z)             np.argmax(z, axis=-1): the prediction, straight from the logits
    argmax(softmax(z))    the same prediction, through the textbook softmax the pages show
                          (snippets/textbook/softmax.py, which computes in float64)
    argmax(ours(z))       the same, through the library's softmax (snippets.softmax)
    softmax(z)            snippets.softmax alone
    scipy.special.softmax(z, axis=-1)
    naive_softmax(z)      the formula as written, exp(z) / sum(exp(z)) per row, in float64
    np.exp(z)             one exp over the same array: a floor for any softmax that allocates

and writes data/benchmark.json (times, checks, the machine and the numpy/SciPy/BLAS it ran on) and,
from that JSON alone, the tables the speed page includes, once per language:
data/benchmark-table.ko.md and data/benchmark-table.en.md (`table(data, lang)`).
`python -m benchmarks.softmax --tables-only` rewrites the tables from the saved JSON.
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
import time
from pathlib import Path

import numpy as np
import scipy
import scipy.special

from snippets import naive_softmax, softmax
from snippets.textbook.softmax import softmax as textbook_softmax

ROOT = Path(__file__).resolve().parent.parent
JSON_PATH = ROOT / "data" / "benchmark.json"
LANGUAGES = ["ko", "en"]
TABLE_PATHS = {lang: ROOT / "data" / f"benchmark-table.{lang}.md" for lang in LANGUAGES}

ROWS = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]
CLASSES = [10, 1000]
DTYPES = ["float64", "float32"]
# 10^6 x 1000 would be 8 GB of float64 logits (4 GB of float32) before SciPy's temporaries, and
# would take most of the run: the largest batch measured has 10^8 logits.
MAX_ELEMENTS = 10**8
METHODS = {
    "argmax": "np.argmax(z, axis=-1)",
    "argmax_softmax": "np.argmax(textbook softmax(z), axis=-1)",
    "argmax_ours": "np.argmax(snippets.softmax(z), axis=-1)",
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
        "argmax_softmax": lambda: np.argmax(textbook_softmax(z), axis=-1),
        "argmax_ours": lambda: np.argmax(softmax(z), axis=-1),
        "softmax": lambda: softmax(z),
        "scipy_softmax": lambda: scipy.special.softmax(z, axis=-1),
        "naive_softmax": lambda: naive_softmax(z),
        "exp": lambda: np.exp(z),
    }


def calibrate(func) -> int:
    """Calls per timed loop: after a warm-up call (first touch of memory, caches, lazy imports),
    double the calls until a loop lasts MIN_LOOP_SECONDS. A slow first call must not set it."""
    func()
    calls = 1
    while True:
        start = time.perf_counter()
        for _ in range(calls):
            func()
        if time.perf_counter() - start >= MIN_LOOP_SECONDS:
            return calls
        calls *= 2


def time_methods(funcs: dict, repeats: int) -> dict:
    """Warm up, then time every function `repeats` times, interleaved; seconds per call."""
    loops = {name: calibrate(func) for name, func in funcs.items()}
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
        "argmax_of_textbook_softmax_equals_argmax": bool(
            np.array_equal(np.argmax(textbook_softmax(z), axis=-1), np.argmax(z, axis=-1))
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
    pools = [
        {k: pool.get(k) for k in (*keep, "num_threads")} | {"library": library(pool["filepath"])}
        for pool in threadpool_info()
    ]
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


def library(filepath: str) -> str | None:
    """The package a thread pool's library came with (numpy, scipy), not its path."""
    folder = Path(filepath).parent.name
    return folder.removesuffix(".libs") if folder.endswith(".libs") else None


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
            "loops": "calls doubled, after the warm-up, until one loop lasts min_loop_seconds",
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
RATIO_UNIT = {"ko": "배", "en": TIMES}  # 2.6 times: "2.6배" in Korean


def times(x: float, lang: str = "en") -> str:
    """A ratio with two significant digits and its unit: 0.95, 2.6, 13 (times, or 배)."""
    return (f"{x:.2f}" if x < 1 else f"{x:.1f}" if x < 10 else f"{x:.0f}") + RATIO_UNIT[lang]


def difference(x: float) -> str:
    """An absolute difference in scientific notation, e.g. 6.7e-16 (or 0)."""
    return "0" if x == 0 else f"{x:.1e}"


def rows_label(n: int) -> str:
    return f"10<sup>{round(math.log10(n))}</sup>" if n >= 1000 else str(n)


# Each column: its header (one for both languages, or one per language) and the cell it makes of
# one run in a language.
PREDICTION_COLUMNS = [
    ("argmax(z) µs", lambda r, lang: microseconds(r["seconds"]["argmax"]["min"])),
    (
        "argmax(softmax(z)) µs",
        lambda r, lang: microseconds(r["seconds"]["argmax_softmax"]["min"]),
    ),
    ("÷ argmax", lambda r, lang: times(ratio(r, "argmax_softmax", "argmax"), lang)),
    (
        {"ko": "이 사이트 softmax로 µs", "en": "with ours µs"},
        lambda r, lang: microseconds(r["seconds"]["argmax_ours"]["min"]),
    ),
    ("÷ argmax", lambda r, lang: times(ratio(r, "argmax_ours", "argmax"), lang)),
]
SOFTMAX_COLUMNS = [
    (
        {"ko": "이 사이트 µs", "en": "ours µs"},
        lambda r, lang: microseconds(r["seconds"]["softmax"]["min"]),
    ),
    ("SciPy µs", lambda r, lang: microseconds(r["seconds"]["scipy_softmax"]["min"])),
    (
        {"ko": "공식 그대로 µs", "en": "naive µs"},
        lambda r, lang: microseconds(r["seconds"]["naive_softmax"]["min"]),
    ),
    ("exp µs", lambda r, lang: microseconds(r["seconds"]["exp"]["min"])),
    (
        {"ko": "SciPy ÷ 이 사이트", "en": "SciPy ÷ ours"},
        lambda r, lang: times(ratio(r, "scipy_softmax", "softmax"), lang),
    ),
    (
        {"ko": "이 사이트 ÷ exp", "en": "ours ÷ exp"},
        lambda r, lang: times(ratio(r, "softmax", "exp"), lang),
    ),
    (
        {"ko": "최대 차이", "en": "max diff"},
        lambda r, lang: difference(r["checks"]["max_abs_diff_vs_scipy"]),
    ),
]
WORDS = {  # the table's other words, per language
    "ko": {
        "classes": "클래스",
        "rows": "행",
        "threads": "스레드 {}개",
        "blas_each": "BLAS(불러온 라이브러리마다 하나씩)",
        "python": "파이썬",
        "repeats": "반복 {}회 중 최솟값(중앙값은 최솟값의 {}까지)",
        "load": "부하 평균: 측정 전 {}, 측정 후 {}",
        "not_run": "측정하지 않음: {}",
    },
    "en": {
        "classes": "classes",
        "rows": "rows",
        "threads": "{} threads",
        "blas_each": "BLAS (one per library that loaded one)",
        "python": "Python",
        "repeats": "min of {} repeats (medians up to {} the minima)",
        "load": "load average {} before, {} after",
        "not_run": "not run: {}",
    },
}


def header(names: str | dict, lang: str) -> str:
    """A column's header in `lang`."""
    return names if isinstance(names, str) else names[lang]


def markdown_table(runs: list, columns: list, indent: str, lang: str) -> list[str]:
    """One table: classes and rows, then the given columns; every line indented for a tab."""
    words = WORDS[lang]
    titles = [words["classes"], words["rows"]] + [header(names, lang) for names, _ in columns]
    lines = ["| " + " | ".join(titles) + " |", "| ---: | ---: |" + " ---: |" * len(columns)]
    for r in runs:
        cells = [str(r["classes"]), rows_label(r["rows"])] + [cell(r, lang) for _, cell in columns]
        lines.append("| " + " | ".join(cells) + " |")
    return [indent + line for line in lines]


def table(data: dict, lang: str = "en") -> str:
    """The Markdown the speed page includes, in `lang`, made from the benchmark's JSON alone.

    One content tab per dtype, each with two tables: the prediction with and without softmax,
    and this site's softmax beside SciPy's, the naive form and a bare exp.
    """
    words = WORDS[lang]
    m = data["machine"]
    pools = [p for p in m["threadpools"] if p["user_api"] == "blas"]
    blas = ", ".join(
        f"{p['internal_api']} {p['version']} ("
        + (f"{p['library']}, " if p.get("library") else "")
        + f"{p['architecture']}, {words['threads'].format(p['num_threads'])})"
        for p in pools
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
        out += markdown_table(runs, PREDICTION_COLUMNS, "    ", lang)
        out += [""]
        out += markdown_table(runs, SOFTMAX_COLUMNS, "    ", lang)
        out += [""]
    repeats = [r["repeats"] for r in data["runs"]]
    skipped = ", ".join(
        f"{rows_label(s['rows'])} {TIMES} {s['classes']} {s['dtype']}" for s in data["skipped"]
    )
    load = data["load_average"]
    parts = [
        f"CPU: {m['cpu']} {TIMES} {m['cores']}",
        f"{words['python']} {m['python']}",
        f"numpy {m['numpy']}",
        f"SciPy {m['scipy']}",
        f"{'BLAS' if len(pools) == 1 else words['blas_each']}: {blas}",
        words["repeats"].format(f"{min(repeats)}{DASH}{max(repeats)}", times(spread(data), lang)),
        words["load"].format(load["before"], load["after"]),
    ]
    if skipped:
        parts.append(words["not_run"].format(skipped))
    return "\n".join([*out, " · ".join(parts)]) + "\n"


def spread(data: dict) -> float:
    """The largest median / minimum over every timing: how much the repeats of one cell varied."""
    return max(t["median"] / t["min"] for r in data["runs"] for t in r["seconds"].values())


def write_tables(data: dict) -> list[Path]:
    """Write the table once per language, from the same data; return the paths written."""
    for lang, path in TABLE_PATHS.items():
        path.write_text(table(data, lang), "utf-8")
    return list(TABLE_PATHS.values())


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.softmax", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--tables-only",
        action="store_true",
        help="rewrite the tables from the saved JSON, without timing anything",
    )
    args = parser.parse_args(argv)
    written = []
    if not args.tables_only:
        data = run()
        JSON_PATH.parent.mkdir(exist_ok=True)
        JSON_PATH.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")
        written.append(JSON_PATH)
    written += write_tables(json.loads(JSON_PATH.read_text("utf-8")))
    print("wrote", ", ".join(str(path.relative_to(ROOT)) for path in written))


if __name__ == "__main__":
    main()
