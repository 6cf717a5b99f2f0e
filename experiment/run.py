"""Measure whether a sigmoid head says "I don't know" better than a softmax head.

    python scripts/experiments.py            # the full experiment (make experiments), ~1 minute
    python scripts/experiments.py --small    # the seconds-long version the tests rerun
    python scripts/experiments.py --tables   # rewrite the Markdown tables from data/openset.json

Writes data/openset.json (every number, per seed), data/openset-figures.json (what the figures on
the pages draw) and the Markdown tables data/*.md that the pages include. Everything is seeded and
rounded, so a rerun writes the same bytes.
"""

import argparse
import json
import os
import platform
import sys
from pathlib import Path

import numpy as np

from snippets.activations import softmax
from snippets.calibration import expected_calibration_error, fit_temperature, reliability_bins
from snippets.calibration import negative_log_likelihood as nll
from snippets.datasets import blobs_2d, open_set_split
from snippets.metrics import auroc, fpr_at_tpr, roc_curve
from snippets.models import logits, train
from snippets.openset import (
    all_sigmoids_below,
    max_logit,
    max_sigmoid,
    max_softmax_probability,
    negative_energy,
    negative_entropy,
    threshold_for_tpr,
)

DATA = Path(__file__).resolve().parent.parent / "data"
FULL = {
    "seeds": list(range(10)),
    "steps": 2000,
    "lr": 0.05,
    "momentum": 0.9,
    "data": {
        "blobs": {"n_per_class": 200, "std": 1.0},
        "digits": {"known": [0, 1, 2, 3, 4]},
        # Calibration only: overlapping classes, 20 training points a class, a wide network.
        "blobs-overfit": {"n_per_class": 200, "std": 1.6, "val": 0.4, "test": 0.5},
    },
    "hidden": {"blobs": 32, "digits": 64, "blobs-overfit": 128},
    "tpr": 0.95,
    "n_bins": 15,
    "sigmoid_rule_threshold": 0.5,
}
SMALL = {**FULL, "seeds": [0], "steps": 40}

SCORES = {
    "softmax": {
        "max softmax": max_softmax_probability,
        "max logit": max_logit,
        "-energy": negative_energy,
        "-entropy": negative_entropy,
    },
    "sigmoid": {"max sigmoid": max_sigmoid},
}
RULE = "all sigmoids < 0.5"
UNKNOWN_NAMES = {
    "blobs": ["elephant", "far"],
    "digits": ["digits 5-9"],
    "blobs-overfit": ["elephant", "far"],
}
ARCHS = ["linear", "mlp"]
HEADS = ["softmax", "sigmoid"]
DIGITS = 4  # decimals kept in the data files


def r(x: float) -> float:
    return round(float(x), DIGITS)


def load(dataset: str, seed: int, cfg: dict) -> tuple[dict, int]:
    """Known train/val/test splits and the named unknown sets, plus the number of classes."""
    if dataset.startswith("blobs"):
        return blobs_2d(seed, **cfg["data"][dataset]), 3
    from sklearn.datasets import load_digits  # ships with scikit-learn: nothing is downloaded

    known = cfg["data"]["digits"]["known"]
    x, y = load_digits(return_X_y=True)
    data = open_set_split(x / 16, y, known=known, seed=seed)
    data["unknown"] = {"digits 5-9": data["unknown"]}
    return data, len(known)


def fit_and_score(dataset: str, data: dict, n_classes: int, arch: str, head: str, seed: int, cfg):
    """Train one model; return it and its logits on every evaluation set."""
    layers = train(
        *data["train"],
        n_classes,
        head=head,
        hidden=cfg["hidden"][dataset] if arch == "mlp" else 0,
        steps=cfg["steps"],
        lr=cfg["lr"],
        momentum=cfg["momentum"],
        seed=1000 + seed,  # the same initial weights for both heads
    )
    z = {part: logits(layers, data[part][0]) for part in ["val", "test"]}
    z |= {name: logits(layers, x) for name, x in data["unknown"].items()}
    return layers, z


def open_set_rows(dataset, arch, head, seed, z, data, cfg) -> list[dict]:
    """One row per (score, unknown set): AUROC, FPR at 95% TPR, rejection rates."""
    n_test = len(data["test"][1])
    base = {"dataset": dataset, "model": arch, "head": head}
    rows = []
    for score_name, score in SCORES[head].items():
        s_test = score(z["test"])
        threshold = threshold_for_tpr(score(z["val"]), cfg["tpr"])
        for unknown in UNKNOWN_NAMES[dataset]:
            s_unk = score(z[unknown])
            positive = np.r_[np.ones(n_test, bool), np.zeros(len(s_unk), bool)]
            both = np.r_[s_test, s_unk]
            rows.append(
                base
                | {"score": score_name, "unknown": unknown, "seed": seed}
                | {
                    "auroc": r(auroc(positive, both)),
                    "fpr95": r(fpr_at_tpr(positive, both, cfg["tpr"])),
                    "rejected_known": r(np.mean(s_test < threshold)),
                    "rejected_unknown": r(np.mean(s_unk < threshold)),
                }
            )
    if head == "sigmoid":
        t = cfg["sigmoid_rule_threshold"]
        for unknown in UNKNOWN_NAMES[dataset]:
            rows.append(
                base
                | {"score": RULE, "unknown": unknown, "seed": seed}
                | {
                    "auroc": None,
                    "fpr95": None,
                    "rejected_known": r(np.mean(all_sigmoids_below(z["test"], t))),
                    "rejected_unknown": r(np.mean(all_sigmoids_below(z[unknown], t))),
                }
            )
    return rows


def calibration_row(dataset, arch, seed, z, data, cfg) -> tuple[dict, float]:
    """ECE, NLL and what happens to the unknowns, before and after temperature scaling."""
    y_test = data["test"][1]
    temp = fit_temperature(z["val"], data["val"][1])
    row = {"dataset": dataset, "model": arch, "seed": seed, "temperature": r(temp)}
    for tag, t in [("before", 1.0), ("after", temp)]:
        p_test = max_softmax_probability(z["test"] / t)
        ece = expected_calibration_error(softmax(z["test"] / t), y_test, cfg["n_bins"])
        row[f"ece_{tag}"] = r(ece)
        row[f"nll_{tag}"] = r(nll(z["test"], y_test, t))
        row[f"known_confidence_{tag}"] = r(p_test.mean())
        for unknown in UNKNOWN_NAMES[dataset]:
            p_unk = max_softmax_probability(z[unknown] / t)
            positive = np.r_[np.ones(len(p_test), bool), np.zeros(len(p_unk), bool)]
            row[f"{unknown}_confidence_{tag}"] = r(p_unk.mean())
            row[f"{unknown}_auroc_{tag}"] = r(auroc(positive, np.r_[p_test, p_unk]))
    return row, temp


POOLED = [("digits", "mlp"), ("blobs-overfit", "mlp")]  # the figures' reliability diagrams


def run(cfg: dict, with_figures: bool = False) -> tuple[dict, dict]:
    results = {"config": cfg, "open_set": [], "accuracy": [], "calibration": []}
    figures = {"blobs_data": cfg["data"]["blobs"], "blobs_models": {}, "roc": {}}
    pooled = {f"{d}/{a}": {} for d, a in POOLED}
    for seed in cfg["seeds"]:
        for dataset in ["blobs", "digits", "blobs-overfit"]:
            data, n_classes = load(dataset, seed, cfg)
            for arch in ARCHS:
                for head in HEADS if dataset != "blobs-overfit" else ["softmax"]:
                    layers, z = fit_and_score(dataset, data, n_classes, arch, head, seed, cfg)
                    if dataset != "blobs-overfit":
                        accuracy = np.mean(z["test"].argmax(axis=1) == data["test"][1])
                        results["accuracy"].append(
                            {"dataset": dataset, "model": arch, "head": head, "seed": seed}
                            | {"accuracy": r(accuracy)}
                        )
                        results["open_set"] += open_set_rows(
                            dataset, arch, head, seed, z, data, cfg
                        )
                    if head == "softmax":
                        row, temp = calibration_row(dataset, arch, seed, z, data, cfg)
                        results["calibration"].append(row)
                    if not with_figures:
                        continue
                    if dataset == "blobs" and seed == 0:
                        figures["blobs_models"].setdefault(arch, {})[head] = [
                            [np.round(w, 6).tolist(), np.round(b, 6).tolist()] for w, b in layers
                        ]
                    if dataset == "digits" and arch == "mlp" and seed == 0:
                        figures["roc"] |= roc_points(head, z)
                    if (dataset, arch) in POOLED and head == "softmax":
                        pool(pooled[f"{dataset}/{arch}"], z, data["test"][1], temp)
    if with_figures:
        figures["calibration"] = {
            key: pooled_calibration(p, cfg["n_bins"]) for key, p in pooled.items()
        }
    return results, figures


ROC_GRID = np.linspace(0, 1, 201)  # the figure's FPR axis, in steps of 0.005


def roc_points(head: str, z: dict) -> dict:
    """ROC curves (known = positive) of every score, digits 5-9 as the unknowns: the best TPR
    reached at each FPR of ROC_GRID (the staircase of the full curve, sampled for the figure)."""
    out = {}
    for name, score in SCORES[head].items():
        s_test, s_unk = score(z["test"]), score(z["digits 5-9"])
        positive = np.r_[np.ones(len(s_test), bool), np.zeros(len(s_unk), bool)]
        fpr, tpr, _ = roc_curve(positive, np.r_[s_test, s_unk])
        best = [tpr[fpr <= x + 1e-12].max() for x in ROC_GRID]
        out[name] = {"fpr": [r(v) for v in ROC_GRID], "tpr": [r(v) for v in best]}
    return out


def pool(into: dict, z: dict, labels, temp: float) -> None:
    """Collect one seed's test probabilities and unknown confidences, at T = 1 and T = temp."""
    into.setdefault("labels", []).append(labels)
    for tag, t in [("before", 1.0), ("after", temp)]:
        into.setdefault(tag, []).append(softmax(z["test"] / t))
        for name in z:
            if name not in ("val", "test"):
                into.setdefault(f"{name}/{tag}", []).append(max_softmax_probability(z[name] / t))


def pooled_calibration(p: dict, n_bins: int) -> dict:
    """Reliability bins of the pooled known test samples, and confidence histograms of the
    known and unknown samples, before and after temperature scaling."""
    labels = np.concatenate(p["labels"])
    edges = np.linspace(0.2, 1.0, 17)
    out = {"histogram_edges": [r(e) for e in edges]}
    for tag in ["before", "after"]:
        probs = np.concatenate(p[tag])
        bins = reliability_bins(probs, labels, n_bins)
        out[tag] = {k: [r(v) for v in bins[k]] for k in ["count", "confidence", "accuracy"]}
        hist = {"known test": np.histogram(probs.max(axis=1), edges)[0].tolist()}
        for key in p:
            if key.endswith(f"/{tag}"):
                name = key.rsplit("/", 1)[0]
                hist[name] = np.histogram(np.concatenate(p[key]), edges)[0].tolist()
        out[tag]["histogram"] = hist
    return out


# ---------------------------------------------------------------- Markdown tables


def mean_sd(values: list) -> str:
    """'mean ± sd' over seeds (sample standard deviation), three decimals."""
    v = np.array(values, dtype=float)
    sd = v.std(ddof=1) if len(v) > 1 else 0.0
    return f"{v.mean():.3f}\u00a0±\u00a0{sd:.3f}"  # no-break spaces: one line per cell


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join([" --- "] * len(header)) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def pick(records: list[dict], **where) -> list[dict]:
    return [x for x in records if all(x[k] == v for k, v in where.items())]


def score_order(head: str) -> list[str]:
    return list(SCORES[head]) + ([RULE] if head == "sigmoid" else [])


def ranking_table(results: dict, dataset: str) -> str:
    """AUROC and FPR at 95% TPR for every score, one column pair per unknown set."""
    unknowns = UNKNOWN_NAMES[dataset]
    header = ["model", "head", "score"]
    header += [f"AUROC ({u})" for u in unknowns] + [f"FPR@95%TPR ({u})" for u in unknowns]
    rows = []
    for arch in ARCHS:
        for head in HEADS:
            for score in list(SCORES[head]):
                recs = pick(results["open_set"], dataset=dataset, model=arch, head=head)
                recs = pick(recs, score=score)
                cells = [mean_sd([x["auroc"] for x in pick(recs, unknown=u)]) for u in unknowns]
                cells += [mean_sd([x["fpr95"] for x in pick(recs, unknown=u)]) for u in unknowns]
                rows.append([arch, head, score, *cells])
    return table(header, rows)


def rejection_table(results: dict, dataset: str) -> str:
    """Share rejected as unknown: known test samples, then each unknown set."""
    unknowns = UNKNOWN_NAMES[dataset]
    header = ["model", "head", "rule", "rejected: known test"]
    header += [f"rejected: {u}" for u in unknowns]
    rows = []
    for arch in ARCHS:
        for head in HEADS:
            for score in score_order(head):
                recs = pick(results["open_set"], dataset=dataset, model=arch, head=head)
                recs = pick(recs, score=score)
                rule = score if score == RULE else f"{score} < t"
                known = mean_sd([x["rejected_known"] for x in pick(recs, unknown=unknowns[0])])
                cells = [
                    mean_sd([x["rejected_unknown"] for x in pick(recs, unknown=u)])
                    for u in unknowns
                ]
                rows.append([arch, head, rule, known, *cells])
    return table(header, rows)


def accuracy_table(results: dict) -> str:
    header = ["data", "model", "head", "closed-set accuracy"]
    rows = []
    for dataset in ["blobs", "digits"]:
        for arch in ARCHS:
            for head in HEADS:
                recs = pick(results["accuracy"], dataset=dataset, model=arch, head=head)
                rows.append([dataset, arch, head, mean_sd([x["accuracy"] for x in recs])])
    return table(header, rows)


def median_range(values: list) -> str:
    """'median [min, max]' over seeds: a fitted temperature can run to the edge of its range."""
    v = np.array(values, dtype=float)
    return f"{np.median(v):.3f}\u00a0[{v.min():.3f},\u00a0{v.max():.3f}]"


CALIBRATED = ["blobs", "digits", "blobs-overfit"]


def calibration_table(results: dict) -> str:
    header = ["data", "model", "T: median [min, max]", "ECE before", "ECE after"]
    header += ["NLL before", "NLL after"]
    rows = []
    for dataset in CALIBRATED:
        for arch in ARCHS:
            recs = pick(results["calibration"], dataset=dataset, model=arch)
            cells = [median_range([x["temperature"] for x in recs])]
            cells += [mean_sd([x[k] for x in recs]) for k in ["ece_before", "ece_after"]]
            cells += [mean_sd([x[k] for x in recs]) for k in ["nll_before", "nll_after"]]
            rows.append([dataset, arch, *cells])
    return table(header, rows)


def calibration_unknown_table(results: dict) -> str:
    header = ["data", "model", "samples", "mean max softmax, T = 1", "after T"]
    header += ["AUROC of max softmax, T = 1", "after T"]
    rows = []
    for dataset in CALIBRATED:
        for arch in ARCHS:
            recs = pick(results["calibration"], dataset=dataset, model=arch)
            for who in ["known", *UNKNOWN_NAMES[dataset]]:
                tags = ["before", "after"]
                cells = [mean_sd([x[f"{who}_confidence_{t}"] for x in recs]) for t in tags]
                if who == "known":
                    cells += ["", ""]
                else:
                    cells += [mean_sd([x[f"{who}_auroc_{t}"] for x in recs]) for t in tags]
                rows.append([dataset, arch, "known test" if who == "known" else who, *cells])
    return table(header, rows)


def setup_table(results: dict) -> str:
    cfg, env = results["config"], results.get("environment", {})
    hidden, data = cfg["hidden"], cfg["data"]
    overfit = data["blobs-overfit"]
    rows = [
        ["seeds", f"{len(cfg['seeds'])} ({cfg['seeds'][0]} to {cfg['seeds'][-1]})"],
        [
            "training",
            f"full-batch gradient descent with momentum {cfg['momentum']}, "
            f"{cfg['steps']} steps, learning rate {cfg['lr']}, no weight decay",
        ],
        [
            "models",
            "linear, and one hidden ReLU layer of "
            + ", ".join(f"{hidden[d]} units ({d})" for d in CALIBRATED),
        ],
        [
            "blobs",
            f"3 classes, {data['blobs']['n_per_class']} points each, std {data['blobs']['std']}; "
            "known data split 50% train, 20% validation, 30% test",
        ],
        [
            "digits",
            "scikit-learn's 8x8 digits, pixels / 16; known "
            + ", ".join(map(str, data["digits"]["known"]))
            + "; known data split 50% train, 20% validation, 30% test",
        ],
        [
            "blobs-overfit",
            f"3 classes, {overfit['n_per_class']} points each, std {overfit['std']}; "
            f"split {1 - overfit['val'] - overfit['test']:.0%} train, {overfit['val']:.0%} "
            f"validation, {overfit['test']:.0%} test",
        ],
        ["threshold t", f"accepts {cfg['tpr']:.0%} of the known validation samples"],
        ["ECE", f"{cfg['n_bins']} equal-width confidence bins"],
    ]
    rows += [[k, v] for k, v in env.items()]
    return table(["setting", "value"], rows)


TABLES = {
    "openset-setup.md": setup_table,
    "openset-accuracy.md": accuracy_table,
    "openset-blobs-ranking.md": lambda res: ranking_table(res, "blobs"),
    "openset-blobs-rejection.md": lambda res: rejection_table(res, "blobs"),
    "openset-digits-ranking.md": lambda res: ranking_table(res, "digits"),
    "openset-digits-rejection.md": lambda res: rejection_table(res, "digits"),
    "calibration-ece.md": calibration_table,
    "calibration-unknowns.md": calibration_unknown_table,
}


def render_tables(results: dict) -> dict[str, str]:
    return {name: make(results) for name, make in TABLES.items()}


def dump(results: dict) -> str:
    """JSON with one record a line, so that a diff of two runs shows which numbers moved."""
    parts = []
    for key, value in results.items():
        if isinstance(value, list):
            rows = ",\n".join("  " + json.dumps(x, ensure_ascii=False) for x in value)
            parts.append(f"{json.dumps(key)}: [\n{rows}\n ]")
        else:
            parts.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n " + ",\n ".join(parts) + "\n}\n"


def environment() -> dict:
    import sklearn

    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scikit-learn": sklearn.__version__,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--small", action="store_true", help="write data/openset-small.json only")
    mode.add_argument("--tables", action="store_true", help="only rewrite the Markdown tables")
    args = parser.parse_args(argv)
    DATA.mkdir(exist_ok=True)
    if args.small:
        results, _ = run(SMALL)
        (DATA / "openset-small.json").write_text(dump(results), encoding="utf-8")
        return 0
    if args.tables:
        results = json.loads((DATA / "openset.json").read_text(encoding="utf-8"))
    else:
        results, figures = run(FULL, with_figures=True)
        results["environment"] = environment()
        (DATA / "openset.json").write_text(dump(results), encoding="utf-8")
        (DATA / "openset-figures.json").write_text(
            json.dumps(figures, separators=(",", ":")) + "\n", encoding="utf-8"
        )
    for name, text in render_tables(results).items():
        (DATA / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
