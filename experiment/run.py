"""Measure whether a sigmoid head says "I don't know" better than a softmax head.

    python -m experiment.run            # the full experiment (make experiments), about 3 minutes
    python -m experiment.run --small    # the seconds-long version the tests rerun
    python -m experiment.run --tables   # rewrite the Markdown tables from data/openset.json

Writes data/openset.json (every number, per run), data/openset-figures.json (what the figures on
the pages draw) and the Markdown tables data/<name>.ko.md and data/<name>.en.md that the pages
include. Everything is seeded and rounded, so a rerun writes the same bytes.
"""

import argparse
import json
import multiprocessing
import os
import platform
import sys
from pathlib import Path

import numpy as np
import sklearn
from threadpoolctl import threadpool_limits

from experiment import tables
from experiment.calibration import (
    ece_bootstrap,
    ece_noise_floor,
    expected_calibration_error,
    fit_temperature,
    negative_log_likelihood,
    reliability_bins,
)
from experiment.datasets import DIGIT_UNKNOWNS, blobs_2d, digit_splits, digits_open_set
from experiment.metrics import (
    area,
    auroc,
    rejected_on_curve,
    roc,
    roc_on_grid,
    tied_pairs,
    unknown_rejected_at,
)
from experiment.models import ARCHS, HEADS, features, input_gradient, logits, loss, train_path
from experiment.scores import (
    all_sigmoids_below,
    doc_reject,
    doc_thresholds,
    knn_score,
    mahalanobis_score,
    max_logit,
    max_sigmoid,
    max_softmax_probability,
    msp_log_odds,
    negative_energy,
    negative_entropy,
    threshold_for_tpr,
)
from snippets.activations import softmax

DATA = Path(__file__).resolve().parent.parent / "data"
FULL = {
    "seeds": {"blobs": list(range(10)), "digits": list(range(2)), "blobs-overfit": list(range(10))},
    "digit_splits": digit_splits(5, seed=0),
    "steps": 2000,
    "budgets": [125, 250, 500, 1000, 2000, 4000, 8000],
    "lr": 0.05,
    "momentum": 0.9,
    "data": {
        "blobs": {"n_per_class": 200, "std": 1.0},
        # Calibration only: overlapping classes, 20 training points a class, a wide network.
        "blobs-overfit": {"n_per_class": 200, "std": 1.6, "val": 0.4, "test": 0.5},
    },
    "hidden": {"blobs": 32, "digits": 64, "blobs-overfit": 128},
    "tpr": 0.95,
    "n_bins": 15,
    "doc_alpha": 3.0,
    "odin": {"temperature": 1000.0, "epsilon": 0.002},
    "knn_k": 10,
    "bootstrap_draws": 200,
}
SMALL = {
    **FULL,
    "seeds": {"blobs": [0], "digits": [0], "blobs-overfit": [0]},
    "digit_splits": FULL["digit_splits"][:1],
    "steps": 40,
    "budgets": [20, 40],
    "bootstrap_draws": 20,
}

FIGURE_SCORES = ["max softmax", "max logit", "-energy", "-entropy", "max sigmoid"]  # the ROC figure
MATCHED = ["max softmax", "max logit", "max sigmoid"]  # compared at a rule's operating point
BLOB_UNKNOWNS = ["elephant", "far"]
UNKNOWNS = {"blobs": BLOB_UNKNOWNS, "digits": DIGIT_UNKNOWNS, "blobs-overfit": BLOB_UNKNOWNS}
CALIBRATION_UNKNOWNS = UNKNOWNS | {"digits": DIGIT_UNKNOWNS[:1]}
OPEN_SET = ["blobs", "digits"]  # blobs-overfit is measured for calibration only
DIGITS = 4  # decimals kept in the data files


def r(x: float) -> float:
    return round(float(x), DIGITS)


def load(dataset: str, split: int, seed: int, cfg: dict) -> tuple[dict, int]:
    """Known train/val/test splits and the named unknown sets, plus the number of classes."""
    if dataset == "digits":
        return digits_open_set(cfg["digit_splits"][split], seed), 5
    data = blobs_2d(seed, **cfg["data"][dataset])
    return data, 3


def odin(layers, x, temperature: float, epsilon: float) -> np.ndarray:
    """ODIN (Liang et al., 2018): max softmax at temperature T of the input moved by epsilon
    in the direction that raises it; ranked by its log-odds."""
    z = logits(layers, x)
    dz = -softmax(z / temperature) / temperature
    dz[np.arange(len(z)), z.argmax(axis=1)] += 1 / temperature  # d log softmax(z/T)_top / dz
    moved = x + epsilon * np.sign(input_gradient(layers, x, dz))
    return msp_log_odds(logits(layers, moved) / temperature)


def score_sets(head, layers, data, cfg, arch) -> dict:
    """For every score of this head: {'test': ..., 'val': ..., unknown name: ...}."""
    parts = {"test": data["test"][0], "val": data["val"][0]} | data["unknown"]
    z = {name: logits(layers, x) for name, x in parts.items()}
    if head == "sigmoid":
        return {"max sigmoid": {k: max_logit(v) for k, v in z.items()}}, z
    out = {
        "max softmax": {k: msp_log_odds(v) for k, v in z.items()},
        "max logit": {k: max_logit(v) for k, v in z.items()},
        "-energy": {k: negative_energy(v) for k, v in z.items()},
        "-entropy": {k: negative_entropy(v) for k, v in z.items()},
    }
    t, eps = cfg["odin"]["temperature"], cfg["odin"]["epsilon"]
    out["ODIN"] = {k: odin(layers, x, t, eps) for k, x in parts.items()}
    if arch == "mlp":
        h_train = features(layers, data["train"][0])
        for name, make in [
            ("Mahalanobis", lambda: mahalanobis_score(h_train, data["train"][1])),
            ("kNN", lambda: knn_score(h_train, cfg["knn_k"])),
        ]:
            scorer = make()
            out[name] = {k: scorer(features(layers, x)) for k, x in parts.items()}
    return out, z


def open_set_records(base, head, scores, z, data, layers, cfg, curves) -> list[dict]:
    """One record per (score, unknown set): AUROC, FPR@95%TPR, unknowns rejected at 1% and 5%
    of knowns rejected, and the share rejected with a threshold set on validation data."""
    dataset = base["dataset"]
    rows = []
    for name, s in scores.items():
        threshold = threshold_for_tpr(s["val"], cfg["tpr"])
        for unknown in UNKNOWNS[dataset]:
            k, u = s["test"], s[unknown]
            curve = curves[name, unknown]
            row = base | {"head": head, "score": name, "unknown": unknown}
            row |= {
                "auroc": r(area(curve)),
                "fpr95": r(1 - rejected_on_curve(curve, 1 - cfg["tpr"])),
                "rejected_at_1": r(rejected_on_curve(curve, 0.01)),
                "rejected_at_5": r(rejected_on_curve(curve, 0.05)),
                "val_rejected_known": r(np.mean(k < threshold)),
                "val_rejected_unknown": r(np.mean(u < threshold)),
                "tied": r(tied_pairs(k, u)),
            }
            if name in ("max softmax", "max sigmoid"):  # the same score as a probability
                prob = max_softmax_probability if name == "max softmax" else max_sigmoid
                row["tied_as_probability"] = r(tied_pairs(prob(z["test"]), prob(z[unknown])))
                row["auroc_as_probability"] = r(auroc(prob(z["test"]), prob(z[unknown])))
            rows.append(row)
    if head == "sigmoid":
        doc = doc_thresholds(logits(layers, data["train"][0]), data["train"][1], cfg["doc_alpha"])
        rules = {
            "all sigmoids < 0.5": lambda v: all_sigmoids_below(v, 0.5),
            "DOC": lambda v: doc_reject(v, doc),
        }
        for name, rule in rules.items():
            known_rate = float(np.mean(rule(z["test"])))
            for unknown in UNKNOWNS[dataset]:
                matched = {m: r(rejected_on_curve(curves[m, unknown], known_rate)) for m in MATCHED}
                rows.append(
                    base
                    | {"head": head, "score": name, "unknown": unknown}
                    | {
                        "rejected_known": r(known_rate),
                        "rejected_unknown": r(np.mean(rule(z[unknown]))),
                        "matched": matched,
                    }
                )
    return rows


def calibration_record(base, head, z, data, cfg) -> tuple[dict, dict]:
    """ECE (with its noise floor and a bootstrap interval) and NLL; for the softmax head also
    before and after temperature scaling, with what happens to the unknowns."""
    y_test = data["test"][1]
    correct = z["test"].argmax(axis=1) == y_test
    draws, n_bins = cfg["bootstrap_draws"], cfg["n_bins"]
    row = base | {"head": head}
    pooled = {"labels": y_test}

    def ece_fields(conf, tag):
        low, high = ece_bootstrap(conf, correct, n_bins, draws=draws, seed=0)
        return {
            f"ece_{tag}": r(expected_calibration_error(conf, correct, n_bins)),
            f"ece_floor_{tag}": r(ece_noise_floor(conf, n_bins, draws=draws, seed=0)),
            f"ece_low_{tag}": r(low),
            f"ece_high_{tag}": r(high),
        }

    if head == "sigmoid":  # one temperature for the k sigmoids, fitted on their own loss
        temp = fit_temperature(z["val"], data["val"][1], head="sigmoid")
        row["temperature"] = r(temp)
        for tag, t in [("before", 1.0), ("after", temp)]:
            conf = max_sigmoid(z["test"] / t)
            row |= ece_fields(conf, tag)
            pooled[tag] = (conf, correct)
        return row, pooled
    temp = fit_temperature(z["val"], data["val"][1])
    row["temperature"] = r(temp)
    for tag, t in [("before", 1.0), ("after", temp)]:
        conf = max_softmax_probability(z["test"] / t)
        row |= ece_fields(conf, tag)
        row[f"nll_{tag}"] = r(negative_log_likelihood(z["test"], y_test, t))
        row[f"known_confidence_{tag}"] = r(conf.mean())
        pooled[tag] = (conf, correct)
        for unknown in CALIBRATION_UNKNOWNS[base["dataset"]]:
            p_unk = max_softmax_probability(z[unknown] / t)
            row[f"{unknown}_confidence_{tag}"] = r(p_unk.mean())
            row[f"{unknown}_auroc_{tag}"] = r(
                auroc(msp_log_odds(z["test"] / t), msp_log_odds(z[unknown] / t))
            )
            row[f"{unknown}_auroc_{tag}_as_probability"] = r(auroc(conf, p_unk))
            pooled[f"{unknown}/{tag}"] = p_unk
    return row, pooled


def budget_records(base, head, path, data) -> list[dict]:
    """For each budget (steps) on one training path: validation loss, AUROC of the head's max
    score and what the two rules reject, on the held-out digits."""
    rows = []
    first = DIGIT_UNKNOWNS[0]
    for steps, layers in path:
        z_test, z_unk = logits(layers, data["test"][0]), logits(layers, data["unknown"][first])
        score = msp_log_odds if head == "softmax" else max_logit
        row = base | {"head": head, "steps": steps}
        row["val_loss"] = r(loss(layers, *data["val"], head))
        row["auroc"] = r(auroc(score(z_test), score(z_unk)))
        row["rejected_at_5"] = r(unknown_rejected_at(score(z_test), score(z_unk), 0.05))
        if head == "sigmoid":
            doc = doc_thresholds(logits(layers, data["train"][0]), data["train"][1])
            row["rule_known"] = r(np.mean(all_sigmoids_below(z_test)))
            row["rule_unknown"] = r(np.mean(all_sigmoids_below(z_unk)))
            row["doc_known"] = r(np.mean(doc_reject(z_test, doc)))
            row["doc_unknown"] = r(np.mean(doc_reject(z_unk, doc)))
        rows.append(row)
    return rows


ROC_GRID = np.linspace(0, 1, 201)  # the figure's FPR axis, in steps of 0.005


def run_group(task) -> dict:
    """Train both heads on one (data set, split, seed, model) and measure everything."""
    with sklearn.config_context(skip_parameter_validation=True):  # checked once, called often
        return _run_group(*task)


def _run_group(dataset, split, seed, arch, cfg, with_figures) -> dict:
    """Train both heads on one (data set, split, seed, model) and measure everything."""
    data, n_classes = load(dataset, split, seed, cfg)
    base = {"dataset": dataset, "split": split, "seed": seed, "model": arch}
    out = {"open_set": [], "accuracy": [], "calibration": [], "budget": [], "pooled": {}}
    out["figures"] = {}
    scores, zs, models = {}, {}, {}
    for head in HEADS:
        budgets = cfg["budgets"] if dataset == "digits" else [cfg["steps"]]
        path = list(
            train_path(
                *data["train"],
                n_classes,
                head=head,
                hidden=cfg["hidden"][dataset] if arch == "mlp" else 0,
                steps=budgets,
                lr=cfg["lr"],
                momentum=cfg["momentum"],
                seed=1000 + seed,  # the same initial weights for both heads
            )
        )
        layers = dict(path)[cfg["steps"]]
        models[head] = layers
        scores[head], zs[head] = score_sets(head, layers, data, cfg, arch)
        record, pooled = calibration_record(base, head, zs[head], data, cfg)
        out["calibration"].append(record)
        out["pooled"][head] = pooled
        if dataset == "digits":
            out["budget"] += budget_records(base, head, path, data)
        if dataset in OPEN_SET:
            accuracy = np.mean(zs[head]["test"].argmax(axis=1) == data["test"][1])
            out["accuracy"].append(base | {"head": head, "accuracy": r(accuracy)})
    if dataset in OPEN_SET:
        curves = {  # one ROC curve per (score, unknown set), both heads
            (name, unknown): roc(s["test"], s[unknown])
            for head in HEADS
            for name, s in scores[head].items()
            for unknown in UNKNOWNS[dataset]
        }
        for head in HEADS:
            out["open_set"] += open_set_records(
                base, head, scores[head], zs[head], data, models[head], cfg, curves
            )
    if with_figures and dataset == "blobs" and seed == 0:
        out["figures"]["blobs_models"] = {
            head: [[np.round(w, 6).tolist(), np.round(b, 6).tolist()] for w, b in models[head]]
            for head in HEADS
        }
    if with_figures and dataset == "digits" and arch == "mlp" and split == 0 and seed == 0:
        first = DIGIT_UNKNOWNS[0]
        out["figures"]["roc"] = {
            name: {
                "fpr": [r(v) for v in ROC_GRID],
                "tpr": [r(v) for v in roc_on_grid(s["test"], s[first], ROC_GRID)],
            }
            for head in HEADS
            for name, s in scores[head].items()
            if name in FIGURE_SCORES
        }
    return out


POOLED = [("digits", "mlp"), ("blobs-overfit", "mlp")]  # the figures' reliability diagrams


def pooled_figures(groups: list[dict], cfg: dict) -> dict:
    """Reliability bins of the pooled known test samples (both heads), and histograms of max
    softmax on known and unknown samples, before and after temperature scaling."""
    edges = np.linspace(0.2, 1.0, 17)
    calibration, sigmoid_bins = {}, {}
    for dataset, arch in POOLED:
        mine = [g for g in groups if g["key"][0] == dataset and g["key"][3] == arch]
        soft = [g["pooled"]["softmax"] for g in mine]
        out = {"histogram_edges": [r(e) for e in edges]}
        for tag in ["before", "after"]:
            conf = np.concatenate([p[tag][0] for p in soft])
            correct = np.concatenate([p[tag][1] for p in soft])
            bins = reliability_bins(conf, correct, cfg["n_bins"])
            out[tag] = {k: [r(v) for v in bins[k]] for k in ["count", "confidence", "accuracy"]}
            hist = {"known test": np.histogram(conf, edges)[0].tolist()}
            for unknown in CALIBRATION_UNKNOWNS[dataset]:
                values = np.concatenate([p[f"{unknown}/{tag}"] for p in soft])
                hist[unknown] = np.histogram(values, edges)[0].tolist()
            out[tag]["histogram"] = hist
        calibration[f"{dataset}/{arch}"] = out
        sigmoid_bins[f"{dataset}/{arch}"] = {}
        for tag in ["before", "after"]:
            conf = np.concatenate([g["pooled"]["sigmoid"][tag][0] for g in mine])
            correct = np.concatenate([g["pooled"]["sigmoid"][tag][1] for g in mine])
            bins = reliability_bins(conf, correct, cfg["n_bins"])
            sigmoid_bins[f"{dataset}/{arch}"][tag] = {
                k: [r(v) for v in bins[k]] for k in ["count", "confidence", "accuracy"]
            }
    return {"calibration": calibration, "reliability_sigmoid": sigmoid_bins}


def _init_worker():
    threadpool_limits(1)  # two BLAS threads on tiny matrices only fight over two cores


def run(cfg: dict, with_figures: bool = False, workers: int = 1) -> tuple[dict, dict]:
    tasks = [
        (dataset, split, seed, arch, cfg, with_figures)
        for dataset in ["blobs", "digits", "blobs-overfit"]
        for split in range(len(cfg["digit_splits"]) if dataset == "digits" else 1)
        for seed in cfg["seeds"][dataset]
        for arch in ARCHS
    ]
    if workers > 1:
        with multiprocessing.get_context("fork").Pool(workers, _init_worker) as pool:
            groups = pool.map(run_group, tasks, chunksize=1)
    else:
        with threadpool_limits(1):
            groups = [run_group(t) for t in tasks]
    results = {"config": cfg}
    for key in ["accuracy", "open_set", "calibration", "budget"]:
        results[key] = [x for g in groups for x in g[key]]
    for g, t in zip(groups, tasks, strict=True):
        g["key"] = t
    if not with_figures:
        return results, {}
    figures = {"blobs_data": cfg["data"]["blobs"], "blobs_models": {}, "roc": {}}
    for g in groups:
        if "blobs_models" in g["figures"]:
            figures["blobs_models"][g["key"][3]] = g["figures"]["blobs_models"]
        figures["roc"] |= g["figures"].get("roc", {})
    figures |= pooled_figures(groups, cfg)
    return results, figures


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
    import scipy

    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "scikit-learn": sklearn.__version__,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
    }


def write_tables(results: dict) -> None:
    for name, text in tables.render(results).items():
        (DATA / name).write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--small", action="store_true", help="write data/openset-small.json only")
    mode.add_argument("--tables", action="store_true", help="only rewrite the Markdown tables")
    args = parser.parse_args(argv)
    DATA.mkdir(exist_ok=True)
    if args.tables:
        write_tables(json.loads((DATA / "openset.json").read_text(encoding="utf-8")))
        return 0
    small, _ = run(SMALL)
    (DATA / "openset-small.json").write_text(dump(small), encoding="utf-8")
    if args.small:
        return 0
    results, figures = run(FULL, with_figures=True, workers=2)
    results["environment"] = environment()
    (DATA / "openset.json").write_text(dump(results), encoding="utf-8")
    (DATA / "openset-figures.json").write_text(
        json.dumps(figures, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    write_tables(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
