# The two commands the README promises, plus the site build. Each one sets up .venv and
# node_modules from pyproject.toml / package-lock.json the first time (and when they change).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: serve test build browser audit experiments bench clean

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(STAMP) browser
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/pytest

build: $(STAMP)
	$(BIN)/mkdocs build --strict

# The browser tests drive Debian's Chromium (/usr/bin/chromium; no browser is ever downloaded)
# and need a Korean font for screenshots that show Hangul. Installed with apt when missing
# (as root, or through sudo).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list :lang=ko 2>/dev/null | grep -q .; then \
	  $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium fonts-nanum; fi

# Lighthouse (performance, accessibility, best practices, SEO) for every page in both
# languages, in Debian's Chromium: test-artifacts/lighthouse/summary.md. Takes a few minutes.
audit: build browser
	$(BIN)/python scripts/audit.py

# Rerun the open-set and calibration experiment (about a minute on two quiet cores); rewrites
# data/openset*.json and the tables data/<name>.ko.md / .en.md that the pages include.
# Seeded: a rerun writes the same bytes.
experiments: $(STAMP)
	$(BIN)/python -m experiment.run

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
