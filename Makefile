# The two commands the README promises, plus the site build. Each one sets up .venv and
# node_modules from pyproject.toml / package-lock.json the first time (and when they change).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: serve test build experiments bench clean

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/pytest

build: $(STAMP)
	$(BIN)/mkdocs build --strict

# Rerun the open-set and calibration experiment (a few minutes); rewrites data/openset*.json and
# the tables in data/*.md that the pages include. Seeded: a rerun writes the same bytes.
experiments: $(STAMP)
	$(BIN)/python scripts/experiments.py
	$(BIN)/python scripts/experiments.py --small

# Time softmax against argmax, SciPy and the naive form (a few minutes, not run by the tests);
# rewrites data/benchmark.json and data/benchmark-table.md, which the inference page includes.
bench: $(STAMP)
	$(BIN)/python scripts/benchmark.py

$(STAMP): pyproject.toml package.json package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	npm ci --no-audit --no-fund
	touch $@

clean:
	rm -rf $(VENV) node_modules site docs/assets/figures docs/notebooks .cache
