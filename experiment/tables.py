"""The Markdown tables the pages include, each written in Korean and in English from the same
results: data/<name>.ko.md and data/<name>.en.md hold the same numbers in the same places."""

import numpy as np

from experiment.metrics import paired_difference
from experiment.models import ARCHS, HEADS

LANGS = ("ko", "en")
NBSP = "\u00a0"  # no-break space: one line per cell

WORDS = {  # English -> Korean, for every label a table shows
    # data sets, models, heads
    "blobs": "평면 군집",
    "digits": "손글씨 숫자",
    "blobs-overfit": "과적합 군집",
    "linear": "선형",
    "mlp": "은닉층 신경망",
    "softmax": "소프트맥스",
    "sigmoid": "시그모이드",
    # scores and rules
    "max softmax": "최대 소프트맥스 확률(MSP)",
    "max logit": "최대 로짓",
    "-energy": "음의 에너지",
    "-entropy": "음의 엔트로피",
    "max sigmoid": "최대 시그모이드",
    "ODIN": "ODIN",
    "Mahalanobis": "마할라노비스 거리",
    "kNN": "kNN",
    "all sigmoids < 0.5": "모든 시그모이드 < 0.5",
    "DOC": "DOC",
    # unknown sets
    "elephant": "코끼리 군집",
    "far": "먼 점",
    "held-out digits": "제외한 숫자",
    "uniform noise": "균일 잡음",
    "permuted pixels": "픽셀을 섞은 숫자",
    "inverted digits": "반전한 숫자",
    "held-out digits x 4": "4배로 키운 제외한 숫자",
    "photo patches": "사진 조각",
    "known test": "알려진 시험 입력",
    # headers
    "data": "데이터",
    "model": "모델",
    "head": "출력층",
    "score": "점수",
    "rule": "규칙",
    "unknowns": "모르는 입력",
    "setting": "설정",
    "value": "값",
    "closed-set accuracy": "닫힌 집합 정확도",
    "mean": "평균",
    "steps": "단계 수",
}
# the English a reader sees for the experiment's own names, as the English pages call them
ENGLISH = {
    "mlp": "hidden-layer network",
    "elephant": "elephant cluster",
    "far": "far points",
    "known test": "known test inputs",
}


def word(text: str, lang: str) -> str:
    return WORDS[text] if lang == "ko" else ENGLISH.get(text, text)


def mean_sd(values) -> str:
    """'mean ± sd' over runs (sample standard deviation), three decimals."""
    v = np.array(values, dtype=float)
    sd = v.std(ddof=1) if len(v) > 1 else 0.0
    return f"{v.mean():.3f}{NBSP}±{NBSP}{sd:.3f}"


def mean_only(values) -> str:
    return f"{np.mean(np.array(values, dtype=float)):.3f}"


def median_range(values) -> str:
    """'median [min, max]' over runs: a fitted temperature can run to the edge of its range."""
    v = np.array(values, dtype=float)
    return f"{np.median(v):.3f}{NBSP}[{v.min():.3f},{NBSP}{v.max():.3f}]"


def paired(a, b) -> tuple[str, str]:
    """'mean [low, high]' of a - b with its 95% t-interval, and 'wins/n' (a above b)."""
    d = paired_difference(a, b)
    cell = f"{d['mean']:+.3f}{NBSP}[{d['low']:+.3f},{NBSP}{d['high']:+.3f}]"
    return cell, f"{d['wins']}/{d['n']}"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join([" --- "] * len(header)) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def per_group(header: list[str], rows: list[list[str]]) -> str:
    """One table per group (a row's first cell: a model, a data set), each under the group's
    name, so that a row's next cell, its name within the group, is the column a phone keeps in
    view (site.css); a column with nothing for a group ("" or "—" throughout) is left out."""
    tables = []
    for group in dict.fromkeys(row[0] for row in rows):
        mine = [row[1:] for row in rows if row[0] == group]
        keep = [i for i in range(len(header) - 1) if any(r[i] not in ("", "—") for r in mine)]
        body = [[r[i] for i in keep] for r in mine]
        tables.append(f"**{group}**\n\n" + table([header[1:][i] for i in keep], body))
    return "\n".join(tables)


def pick(records: list[dict], **where) -> list[dict]:
    return [x for x in records if all(x.get(k) == v for k, v in where.items())]


def values(records, key) -> list:
    return [x[key] for x in records]


def run_key(x: dict) -> tuple:
    return (x["split"], x["seed"])


def units(records, key) -> list[float]:
    """`key` per independent unit, for an interval: per run, or, when the runs cover several
    class splits, per split (the mean over its seeds): runs on one split share their classes."""
    splits = sorted({x["split"] for x in records})
    if len(splits) == 1:
        return [x[key] for x in sorted(records, key=run_key)]
    return [float(np.mean([x[key] for x in records if x["split"] == s])) for s in splits]


SOFTMAX = ["max softmax", "max logit", "-energy", "-entropy", "ODIN", "Mahalanobis", "kNN"]
FEATURE_ONLY_MLP = {"Mahalanobis", "kNN"}


def scores_of(head: str, arch: str) -> list[str]:
    if head == "sigmoid":
        return ["max sigmoid"]
    return [s for s in SOFTMAX if arch == "mlp" or s not in FEATURE_ONLY_MLP]


# ---------------------------------------------------------------- open set


def setup_table(res: dict, lang: str) -> str:
    cfg, env = res["config"], res.get("environment", {})
    ko = lang == "ko"
    hidden, overfit = cfg["hidden"], cfg["data"]["blobs-overfit"]
    seeds, splits = cfg["seeds"], cfg["digit_splits"]
    blobs = cfg["data"]["blobs"]
    known = "; ".join(",".join(map(str, s)) for s in splits)
    train_frac = round(100 * (1 - overfit["val"] - overfit["test"]))
    val_frac, test_frac = round(100 * overfit["val"]), round(100 * overfit["test"])
    units = ", ".join(
        f"{hidden[d]} ({word(d, lang)})" for d in ["blobs", "digits", "blobs-overfit"]
    )
    odin = cfg["odin"]
    if ko:
        rows = [
            [
                "반복 실행",
                f"{word('blobs', lang)} 시드 {len(seeds['blobs'])}개; 손글씨 숫자는 클래스 분할 "
                f"{len(splits)}개 × 시드 {len(seeds['digits'])}개",
            ],
            [
                "학습",
                f"전체 배치 경사 하강법, 모멘텀 {cfg['momentum']}, {cfg['steps']}단계, "
                f"학습률 {cfg['lr']}, 가중치 감쇠 없음",
            ],
            ["모델", f"선형, 그리고 ReLU 은닉층 하나: 유닛 {units}"],
            [
                word("blobs", lang),
                f"클래스 3개, 클래스마다 {blobs['n_per_class']}개, 표준편차 "
                f"{blobs['std']}; 학습 50%, 검증 20%, 시험 30%",
            ],
            [
                "손글씨 숫자",
                "사이킷런(scikit-learn)의 8×8 숫자, 픽셀 / 16; 알려진 숫자 5개를 무작위로 "
                f"{len(splits) // 2}번 고르고, 고를 때마다 나머지 숫자 5개를 알려진 숫자로 삼는 "
                f"분할을 짝으로 더한 분할 {len(splits)}개: {known}; 학습 50%, 검증 20%, 시험 30%",
            ],
            [
                "과적합 군집",
                f"클래스 3개, 클래스마다 {overfit['n_per_class']}개, 표준편차 "
                f"{overfit['std']}; 학습 {train_frac}%, 검증 {val_frac}%, 시험 {test_frac}%",
            ],
            ["임곗값 t", f"알려진 클래스 검증 데이터의 {round(100 * cfg['tpr'])}%를 받아들이는 값"],
            ["DOC", f"클래스마다 max(0.5, 1 − {cfg['doc_alpha']:g}σ), σ는 학습 데이터 출력"],
            ["ODIN", f"T = {odin['temperature']:g}, ε = {odin['epsilon']}"],
            ["kNN", f"k = {cfg['knn_k']}, 은닉 특징을 길이 1로 정규화"],
            [
                "ECE",
                f"같은 폭 신뢰도 구간 {cfg['n_bins']}개; 부트스트랩 {cfg['bootstrap_draws']}회",
            ],
        ]
    else:
        rows = [
            [
                "runs",
                f"{len(seeds['blobs'])} seeds on blobs; on digits {len(splits)} class "
                f"splits × {len(seeds['digits'])} seeds",
            ],
            [
                "training",
                f"full-batch gradient descent with momentum {cfg['momentum']}, "
                f"{cfg['steps']} steps, learning rate {cfg['lr']}, no weight decay",
            ],
            ["models", f"linear, and one hidden ReLU layer of {units} units"],
            [
                "blobs",
                f"3 classes, {blobs['n_per_class']} points each, std {blobs['std']}; "
                "50% train, 20% validation, 30% test",
            ],
            [
                "digits",
                "scikit-learn's 8×8 digits, pixels / 16; "
                f"{len(splits) // 2} random choices of 5 known digits, each paired with the split "
                f"that knows the other 5: {len(splits)} splits, {known}; "
                "50% train, 20% validation, 30% test",
            ],
            [
                "blobs-overfit",
                f"3 classes, {overfit['n_per_class']} points each, std "
                f"{overfit['std']}; {train_frac}% train, {val_frac}% validation, {test_frac}% test",
            ],
            ["threshold t", f"accepts {round(100 * cfg['tpr'])}% of the known validation samples"],
            ["DOC", f"per class max(0.5, 1 − {cfg['doc_alpha']:g}σ), σ from the training outputs"],
            ["ODIN", f"T = {odin['temperature']:g}, ε = {odin['epsilon']}"],
            ["kNN", f"k = {cfg['knn_k']}, hidden features scaled to length 1"],
            [
                "ECE",
                f"{cfg['n_bins']} equal-width confidence bins; {cfg['bootstrap_draws']} "
                "bootstrap draws",
            ],
        ]
    names = {"python": "파이썬", "machine": "기계"} if ko else {}
    for k, v in env.items():
        if ko and k == "machine":
            v = v.replace("CPUs", "CPU")
        rows.append([names.get(k, k), v])
    return table([word("setting", lang), word("value", lang)], rows)


def accuracy_table(res: dict, lang: str) -> str:
    header = [word(h, lang) for h in ["data", "model", "head", "closed-set accuracy"]]
    rows = []
    for dataset in ["blobs", "digits"]:
        for arch in ARCHS:
            for head in HEADS:
                recs = pick(res["accuracy"], dataset=dataset, model=arch, head=head)
                rows.append(
                    [
                        word(dataset, lang),
                        word(arch, lang),
                        word(head, lang),
                        mean_sd(values(recs, "accuracy")),
                    ]
                )
    return table(header, rows)


def blobs_ranking_table(res: dict, lang: str) -> str:
    unknowns = ["elephant", "far"]
    header = [word(h, lang) for h in ["model", "score", "head"]]
    header += [f"AUROC ({word(u, lang)})" for u in unknowns]
    header += [f"FPR@95%TPR ({word(u, lang)})" for u in unknowns]
    rows = []
    for arch in ARCHS:
        for head in HEADS:
            for score in scores_of(head, arch):
                recs = pick(res["open_set"], dataset="blobs", model=arch, head=head, score=score)
                cells = [mean_sd(values(pick(recs, unknown=u), "auroc")) for u in unknowns]
                cells += [mean_sd(values(pick(recs, unknown=u), "fpr95")) for u in unknowns]
                rows.append([word(arch, lang), word(score, lang), word(head, lang), *cells])
    return per_group(header, rows)


def blobs_rejection_table(res: dict, lang: str) -> str:
    unknowns = ["elephant", "far"]
    ko = lang == "ko"
    header = [word(h, lang) for h in ["model", "rule", "head"]]
    header += [
        ("거부: " if ko else "rejected: ") + word(u, lang) for u in ["known test", *unknowns]
    ]
    rows = []
    for arch in ARCHS:
        for head, score, key in [
            ("softmax", "max softmax", "val"),
            ("softmax", "max logit", "val"),
            ("softmax", "-energy", "val"),
            ("sigmoid", "max sigmoid", "val"),
            ("sigmoid", "all sigmoids < 0.5", "rule"),
            ("sigmoid", "DOC", "rule"),
        ]:
            recs = pick(res["open_set"], dataset="blobs", model=arch, head=head, score=score)
            k_key, u_key = (
                ("val_rejected_known", "val_rejected_unknown")
                if key == "val"
                else ("rejected_known", "rejected_unknown")
            )
            rule = f"{word(score, lang)} < t" if key == "val" else word(score, lang)
            cells = [mean_sd(values(pick(recs, unknown=unknowns[0]), k_key))]
            cells += [mean_sd(values(pick(recs, unknown=u), u_key)) for u in unknowns]
            rows.append([word(arch, lang), rule, word(head, lang), *cells])
    return per_group(header, rows)


HELD_OUT = "held-out digits"


def digits_ranking_table(res: dict, lang: str) -> str:
    ko = lang == "ko"
    header = [word(h, lang) for h in ["model", "score", "head"]]
    header += ["AUROC", "FPR@95%TPR"]
    header += (
        ["모르는 입력 거부율 (알려진 입력 1% 거부)", "모르는 입력 거부율 (알려진 입력 5% 거부)"]
        if ko
        else ["unknowns rejected at 1% knowns rejected", "at 5% knowns rejected"]
    )
    rows = []
    for arch, head, score, recs in _held_out_digit_records(res):
        cells = [
            mean_sd(values(recs, k)) for k in ["auroc", "fpr95", "rejected_at_1", "rejected_at_5"]
        ]
        rows.append([word(arch, lang), word(score, lang), word(head, lang), *cells])
    return per_group(header, rows)


def _held_out_digit_records(res: dict):
    """(model, head, score, records) of every score on the held-out digits."""
    for arch in ARCHS:
        for head in HEADS:
            for score in scores_of(head, arch):
                where = {"dataset": "digits", "model": arch, "head": head, "score": score}
                yield arch, head, score, pick(res["open_set"], **where, unknown=HELD_OUT)


def digits_splits_table(res: dict, lang: str) -> str:
    splits = res["config"]["digit_splits"]
    ko = lang == "ko"
    header = [word("model", lang), word("score", lang)]
    header += [("알려진 숫자 " if ko else "known ") + ",".join(map(str, s)) for s in splits]
    header += [word("mean", lang)]
    rows = []
    for arch, _, score, recs in _held_out_digit_records(res):
        cells = [mean_only(values(pick(recs, split=i), "auroc")) for i in range(len(splits))]
        cells.append(mean_only(values(recs, "auroc")))
        rows.append([word(arch, lang), word(score, lang), *cells])
    return per_group(header, rows)


MATCHED = ["max softmax", "max logit", "max sigmoid"]


def digits_rules_table(res: dict, lang: str) -> str:
    ko = lang == "ko"
    header = [word("model", lang), word("rule", lang)]
    header += (
        ["알려진 입력 거부율", "모르는 입력 거부율"]
        if ko
        else ["knowns rejected", "unknowns rejected"]
    )
    header += [
        (f"같은 알려진 입력 거부율의 {word(m, lang)}" if ko else f"{m}, same knowns rejected")
        for m in MATCHED
    ]
    n = len(res["config"]["digit_splits"])
    softmax = word("max softmax", lang)
    header += (
        [f"규칙 − 같은 거부율의 {softmax} [분할 {n}개의 95% 신뢰구간]", "앞선 분할"]
        if ko
        else [
            f"rule − max softmax, same knowns rejected [95% CI over the {n} splits]",
            "splits ahead",
        ]
    )
    rows = []
    for arch in ARCHS:
        for rule in ["all sigmoids < 0.5", "DOC"]:
            recs = pick(res["open_set"], dataset="digits", model=arch, score=rule, unknown=HELD_OUT)
            cells = [
                mean_sd(values(recs, "rejected_known")),
                mean_sd(values(recs, "rejected_unknown")),
            ]
            cells += [mean_sd([x["matched"][m] for x in recs]) for m in MATCHED]
            there = [{**x, "softmax_there": x["matched"]["max softmax"]} for x in recs]
            cells += paired(units(there, "rejected_unknown"), units(there, "softmax_there"))
            rows.append([word(arch, lang), word(rule, lang), *cells])
    return per_group(header, rows)


COMPARISONS = [  # (score a, head a), (score b, head b): a - b
    (("max sigmoid", "sigmoid"), ("max softmax", "softmax")),
    (("max logit", "softmax"), ("max softmax", "softmax")),
    (("-energy", "softmax"), ("max softmax", "softmax")),
    (("max logit", "softmax"), ("max sigmoid", "sigmoid")),
]


def digits_paired_table(res: dict, lang: str) -> str:
    ko = lang == "ko"
    n = len(res["config"]["digit_splits"])
    header = [word("model", lang), "비교" if ko else "comparison"]
    header += (
        [
            f"AUROC 차이 [분할 {n}개의 95% 신뢰구간]",
            "앞선 분할",
            f"5% 거부 시 모르는 입력 거부율 차이 [분할 {n}개의 95% 신뢰구간]",
            "앞선 분할",
        ]
        if ko
        else [
            f"AUROC difference [95% CI over the {n} splits]",
            "splits ahead",
            f"difference in unknowns rejected at 5% [95% CI over the {n} splits]",
            "splits ahead",
        ]
    )
    rows = []
    recs = pick(res["open_set"], dataset="digits", unknown=HELD_OUT)
    for arch in ARCHS:
        for (sa, ha), (sb, hb) in COMPARISONS:
            cells = []
            for key in ["auroc", "rejected_at_5"]:
                a = units(pick(recs, model=arch, head=ha, score=sa), key)
                b = units(pick(recs, model=arch, head=hb, score=sb), key)
                cells += list(paired(a, b))
            what = f"{word(sa, lang)}{NBSP}− {word(sb, lang)}"  # the minus never starts a line
            rows.append([word(arch, lang), what, *cells])
    return per_group(header, rows)


EXTRA = ["max softmax", "max logit", "max sigmoid", "ODIN", "Mahalanobis", "kNN"]


def digits_unknowns_table(res: dict, lang: str) -> str:
    ko = lang == "ko"
    unknowns = sorted(
        {x["unknown"] for x in pick(res["open_set"], dataset="digits")},
        key=[
            "held-out digits",
            "uniform noise",
            "permuted pixels",
            "inverted digits",
            "held-out digits x 4",
            "photo patches",
        ].index,
    )
    header = [word("model", lang), word("unknowns", lang)]
    header += [f"AUROC: {word(s, lang)}" for s in EXTRA]
    header += [
        ("거부: " if ko else "rejected: ") + word(rule, lang)
        for rule in ["all sigmoids < 0.5", "DOC"]
    ]
    rows = []
    for arch in ARCHS:
        for unknown in unknowns:
            recs = pick(res["open_set"], dataset="digits", model=arch, unknown=unknown)
            cells = []
            for s in EXTRA:
                got = values(pick(recs, score=s), "auroc")
                cells.append(mean_sd(got) if got else "—")
            for rule in ["all sigmoids < 0.5", "DOC"]:
                cells.append(mean_sd(values(pick(recs, score=rule), "rejected_unknown")))
            rows.append([word(arch, lang), word(unknown, lang), *cells])
    return per_group(header, rows)


def ties_table(res: dict, lang: str) -> str:
    ko = lang == "ko"
    header = [
        f"{word('data', lang)}, {word('model', lang)}",
        f"{word('score', lang)}, {word('unknowns', lang)}",
    ]
    header += (
        ["동점 쌍: 확률", "동점 쌍: 로그 공간", "AUROC: 확률", "AUROC: 로그 공간"]
        if ko
        else [
            "tied pairs: probability",
            "tied pairs: log space",
            "AUROC: probability",
            "AUROC: log space",
        ]
    )
    rows = []
    for dataset, unknowns in [("blobs", ["elephant", "far"]), ("digits", [HELD_OUT])]:
        for arch in ARCHS:
            for score in ["max softmax", "max sigmoid"]:
                for u in unknowns:
                    recs = pick(
                        res["open_set"], dataset=dataset, model=arch, score=score, unknown=u
                    )
                    cells = [
                        mean_sd(values(recs, k))
                        for k in ["tied_as_probability", "tied", "auroc_as_probability", "auroc"]
                    ]
                    group = f"{word(dataset, lang)}, {word(arch, lang)}"
                    rows.append([group, f"{word(score, lang)}, {word(u, lang)}", *cells])
    return per_group(header, rows)


def budget_table(res: dict, lang: str) -> str:
    ko = lang == "ko"
    header = [word(h, lang) for h in ["model", "steps"]]
    header += (
        [
            "검증 손실",
            "AUROC",
            "5% 거부 시 모르는 입력 거부율",
            "0.5 규칙: 알려진 입력 거부",
            "0.5 규칙: 모르는 입력 거부",
            "DOC: 알려진 입력 거부",
            "DOC: 모르는 입력 거부",
        ]
        if ko
        else [
            "validation loss",
            "AUROC",
            "unknowns rejected at 5%",
            "0.5 rule: knowns rejected",
            "0.5 rule: unknowns rejected",
            "DOC: knowns rejected",
            "DOC: unknowns rejected",
        ]
    )
    keys = [
        "val_loss",
        "auroc",
        "rejected_at_5",
        "rule_known",
        "rule_unknown",
        "doc_known",
        "doc_unknown",
    ]
    rows = []
    budgets = res["config"]["budgets"]
    for arch in ARCHS:
        for head in HEADS:
            recs = pick(res["budget"], model=arch, head=head)
            group = f"{word(arch, lang)}, {word(head, lang)} {word('head', lang)}"
            for steps in budgets:
                mine = pick(recs, steps=steps)
                cells = [mean_sd(values(mine, k)) if k in mine[0] else "" for k in keys]
                rows.append([group, str(steps), *cells])
            best = []  # per run, the budget with the lowest validation loss (early stopping)
            for run in sorted({run_key(x) for x in recs}):
                mine = [x for x in recs if run_key(x) == run]
                best.append(min(mine, key=lambda x: (x["val_loss"], x["steps"])))
            steps = f"{np.mean(values(best, 'steps')):.0f}"
            label = (
                f"검증 손실 최소 (평균 {steps}단계)" if ko else f"lowest validation loss ({steps})"
            )
            cells = [mean_sd(values(best, k)) if k in best[0] else "" for k in keys]
            rows.append([group, label, *cells])
    return per_group(header, rows)


# ---------------------------------------------------------------- calibration

CALIBRATED = ["blobs", "digits", "blobs-overfit"]


def calibration_ece_table(res: dict, lang: str) -> str:
    ko = lang == "ko"
    header = [word("data", lang), f"{word('model', lang)}, {word('head', lang)}"]
    header += (
        [
            "ECE (T = 1)",
            "잡음 하한",
            "부트스트랩 95% 구간",
            "ECE (T 적용)",
            "잡음 하한 (T 적용)",
            "T 적용 후 변화 [95% 신뢰구간]",
        ]
        if ko
        else [
            "ECE (T = 1)",
            "noise floor",
            "bootstrap 95% interval",
            "ECE (fitted T)",
            "noise floor (fitted T)",
            "change with T [95% CI]",
        ]
    )
    rows = []
    for dataset in CALIBRATED:
        for arch in ARCHS:
            for head in HEADS:
                recs = pick(res["calibration"], dataset=dataset, model=arch, head=head)
                interval = (
                    f"[{mean_only(values(recs, 'ece_low_before'))},{NBSP}"
                    f"{mean_only(values(recs, 'ece_high_before'))}]"
                )
                cells = [
                    mean_sd(values(recs, "ece_before")),
                    mean_only(values(recs, "ece_floor_before")),
                    interval,
                ]
                cells += [
                    mean_sd(values(recs, "ece_after")),
                    mean_only(values(recs, "ece_floor_after")),
                    paired(units(recs, "ece_after"), units(recs, "ece_before"))[0],
                ]
                what = f"{word(arch, lang)}, {word(head, lang)} {word('head', lang)}"
                rows.append([word(dataset, lang), what, *cells])
    return per_group(header, rows)


def calibration_nll_table(res: dict, lang: str) -> str:
    ko = lang == "ko"
    header = [word("data", lang), word("model", lang)]
    header += (
        ["T: 중앙값 [최소, 최대]", "NLL (T = 1)", "NLL (T 적용)", "T 적용 후 변화 [95% 신뢰구간]"]
        if ko
        else ["T: median [min, max]", "NLL (T = 1)", "NLL (fitted T)", "change with T [95% CI]"]
    )
    rows = []
    for dataset in CALIBRATED:
        for arch in ARCHS:
            recs = pick(res["calibration"], dataset=dataset, model=arch, head="softmax")
            cells = [median_range(values(recs, "temperature"))]
            cells += [mean_sd(values(recs, k)) for k in ["nll_before", "nll_after"]]
            cells.append(paired(units(recs, "nll_after"), units(recs, "nll_before"))[0])
            rows.append([word(dataset, lang), word(arch, lang), *cells])
    return per_group(header, rows)


def calibration_unknowns_table(res: dict, lang: str) -> str:
    ko = lang == "ko"
    header = [f"{word('data', lang)}, {word('model', lang)}", "입력" if ko else "samples"]
    header += (
        [
            "평균 MSP (T = 1)",
            "평균 MSP (T 적용)",
            "AUROC (T = 1)",
            "AUROC (T 적용)",
            "AUROC (T 적용, 확률로 순위)",
        ]
        if ko
        else [
            "mean MSP (T = 1)",
            "mean MSP (fitted T)",
            "AUROC (T = 1)",
            "AUROC (fitted T)",
            "AUROC (fitted T, ranked as probabilities)",
        ]
    )
    rows = []
    for dataset in CALIBRATED:
        unknowns = ["elephant", "far"] if dataset != "digits" else [HELD_OUT]
        for arch in ARCHS:
            recs = pick(res["calibration"], dataset=dataset, model=arch, head="softmax")
            for who in ["known", *unknowns]:
                tags = ["before", "after"]
                cells = [mean_sd(values(recs, f"{who}_confidence_{t}")) for t in tags]
                if who == "known":
                    cells += ["", "", ""]
                else:
                    cells += [mean_sd(values(recs, f"{who}_auroc_{t}")) for t in tags]
                    cells.append(mean_sd(values(recs, f"{who}_auroc_after_as_probability")))
                name = "known test" if who == "known" else who
                group = f"{word(dataset, lang)}, {word(arch, lang)}"
                rows.append([group, word(name, lang), *cells])
    return per_group(header, rows)


TABLES = {
    "openset-setup": setup_table,
    "openset-accuracy": accuracy_table,
    "openset-blobs-ranking": blobs_ranking_table,
    "openset-blobs-rejection": blobs_rejection_table,
    "openset-ties": ties_table,
    "openset-digits-ranking": digits_ranking_table,
    "openset-digits-splits": digits_splits_table,
    "openset-digits-rules": digits_rules_table,
    "openset-digits-paired": digits_paired_table,
    "openset-digits-unknowns": digits_unknowns_table,
    "openset-digits-budget": budget_table,
    "calibration-ece": calibration_ece_table,
    "calibration-nll": calibration_nll_table,
    "calibration-unknowns": calibration_unknowns_table,
}


def render(results: dict) -> dict[str, str]:
    """{file name: Markdown}: every table in both languages."""
    return {
        f"{name}.{lang}.md": make(results, lang) for name, make in TABLES.items() for lang in LANGS
    }
