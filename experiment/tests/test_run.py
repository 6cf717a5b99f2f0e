"""The measured open-set and calibration numbers: reproducible, and the pages show exactly them."""

import json
from collections import Counter

import numpy as np
import pytest

from scripts import experiments
from snippets.datasets import blobs_2d
from snippets.models import logits
from tests.conftest import ROOT

DATA = ROOT / "data"


def committed(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def test_a_small_rerun_reproduces_the_committed_small_result():
    # The full run (make experiments) takes minutes; this one takes a second and goes
    # through the same code: data, training, every score and metric, temperature fitting.
    results, _ = experiments.run(experiments.SMALL)
    assert json.loads(experiments.dump(results)) == committed("openset-small.json")


def test_the_committed_tables_are_what_the_table_writer_makes_of_the_committed_json():
    for name, text in experiments.render_tables(committed("openset.json")).items():
        assert (DATA / name).read_text(encoding="utf-8") == text, name


def test_the_committed_results_cover_every_seed_once_and_lie_in_range():
    results = committed("openset.json")
    seeds = results["config"]["seeds"]
    assert results["config"] == experiments.FULL
    groups = Counter(
        (x["dataset"], x["model"], x["head"], x["score"], x["unknown"]) for x in results["open_set"]
    )
    assert set(groups.values()) == {len(seeds)}
    assert len(groups) == 2 * (4 + 2) * (2 + 1)  # archs x (scores + rule) x unknown sets
    for x in results["open_set"]:
        for key in ["auroc", "fpr95", "rejected_known", "rejected_unknown"]:
            assert x[key] is None or 0 <= x[key] <= 1
    for x in results["calibration"]:
        assert 0.05 <= x["temperature"] <= 20
        assert 0 <= x["ece_after"] <= 1 and 0 <= x["ece_before"] <= 1


def test_the_drawn_blobs_models_reproduce_the_recorded_accuracy():
    # The 2-D figures draw the seed-0 models stored in openset-figures.json; they must be the
    # models the table measured.
    models = committed("openset-figures.json")["blobs_models"]
    results = committed("openset.json")
    x, y = blobs_2d(0, **experiments.FULL["data"]["blobs"])["test"]
    for arch, heads in models.items():
        for head, layers in heads.items():
            layers = [(np.array(w), np.array(b)) for w, b in layers]
            accuracy = np.mean(logits(layers, x).argmax(axis=1) == y)
            (record,) = [
                r
                for r in results["accuracy"]
                if (r["dataset"], r["model"], r["head"], r["seed"]) == ("blobs", arch, head, 0)
            ]
            assert round(accuracy, 4) == record["accuracy"]


@pytest.mark.parametrize("name", sorted(experiments.TABLES))
def test_every_table_is_shown_on_a_page_in_both_languages(name):
    include = f'--8<-- "data/{name}"'
    for lang in ["ko", "en"]:
        pages = [p for p in ROOT.joinpath("docs").glob(f"*.{lang}.md") if include in p.read_text()]
        assert pages, f"no {lang} page includes data/{name}"


def markdown_rows(text: str) -> list[list[str]]:
    """The rows of a Markdown table (header first), without the --- line."""
    rows = [
        line.strip().strip("|").split("|") for line in text.splitlines() if line.startswith("|")
    ]
    return [[cell.strip() for cell in row] for row in rows if not set("".join(row)) <= set("- ")]


def html_tables(path) -> list[list[list[str]]]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return [
        [[cell.get_text().strip() for cell in tr.find_all(["th", "td"])] for tr in t.find_all("tr")]
        for t in soup.find_all("table")
    ]


@pytest.mark.parametrize("page", ["open-set-measured", "calibration"])
def test_the_built_pages_show_the_data_tables_in_both_languages(site, page):
    source = (ROOT / "docs" / f"{page}.en.md").read_text(encoding="utf-8")
    names = [n for n in experiments.TABLES if f'"data/{n}"' in source]
    assert names
    ko = html_tables(site / page / "index.html")
    en = html_tables(site / "en" / page / "index.html")
    for name in names:
        expected = markdown_rows((DATA / name).read_text(encoding="utf-8"))
        assert expected in ko, f"{name} is not shown on the Korean page"
        assert expected in en, f"{name} is not shown on the English page"
