# The two commands the README promises, plus the site build. Each one sets up .venv and
# node_modules from pyproject.toml / package-lock.json the first time (and when they change).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Where the site is served and where its source lives. The Pages workflow sets SITE_URL and
# REPO_URL from the repository it runs in (so a fork deploys right); locally the site is at
# http://127.0.0.1:8000/. Dates in the build come from the last commit (reproducible builds).
export SITE_URL ?= http://127.0.0.1:8000/
export SITE_URL_EN ?= $(SITE_URL)en/
export REPO_URL
# each page's "edit" link, into the repository (none without one)
export EDIT_URI_KO := $(if $(REPO_URL),edit/main/docs/ko/)
export EDIT_URI_EN := $(if $(REPO_URL),edit/main/docs/en/)
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve live live-en test build browser audit experiments bench figures clean

# The whole site (both languages) at http://127.0.0.1:8000/. While writing, `make live` (Korean)
# or `make live-en` (English, port 8001) rebuilds one language on every change.
serve: build
	$(BIN)/python -m http.server 8000 --bind 127.0.0.1 --directory site

live: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --watch docs/assets --watch snippets

live-en: $(STAMP)
	$(BIN)/mkdocs serve -f mkdocs.en.yml --dev-addr 127.0.0.1:8001 --watch docs/assets --watch snippets

# Two pytest processes, one per core: the browser tests in one (tests/conftest.py), the rest
# shared; the site builds in the background meanwhile.
test: $(STAMP) browser
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/pytest -n 2

# Both languages into site/: Korean at the root, English in site/en/.
build: $(STAMP)
	$(BIN)/mkdocs build --strict
	$(BIN)/mkdocs build --strict -f mkdocs.en.yml

# The browser tests drive Debian's Chromium (/usr/bin/chromium; no browser is ever downloaded)
# and need a Korean font for screenshots that show Hangul. Installed with apt when missing
# (as root, or through sudo).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list :lang=ko 2>/dev/null | grep -q .; then \
	  $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium fonts-nanum; fi

# Every browser test on every page in both languages (the sample `make test` visits is in
# tests/browser/test_pages.py), every notebook run in a kernel without the project, and
# Lighthouse on every page, last and alone: test-artifacts/ (screenshots, lighthouse/summary.md).
# About a quarter of an hour. LIGHTHOUSE_RUNS=5 make audit measures each page five times and
# keeps the median (about three quarters of an hour): judge performance on that, on a quiet
# machine.
audit: $(STAMP) browser
	SWEEP=all NOTEBOOKS=all $(BIN)/pytest -n 2 tests/browser tests/test_notebooks.py \
	  --ignore tests/browser/test_lighthouse.py
	SWEEP=all $(BIN)/pytest tests/browser/test_lighthouse.py  # alone: nothing else on the CPU

# Rerun the open-set and calibration experiment (about three minutes on two quiet cores); rewrites
# data/openset*.json and the tables data/<name>.ko.md / .en.md that the pages include.
# Seeded: a rerun writes the same bytes.
experiments: $(STAMP)
	$(BIN)/python -m experiment.run

# Time softmax against argmax, SciPy and the naive form (a few minutes, not run by the tests);
# rewrites data/benchmark.json and the tables the speed page includes,
# data/benchmark-table.ko.md and .en.md (`python -m benchmarks.softmax --tables-only`: tables only).
bench: $(STAMP)
	$(BIN)/python -m benchmarks.softmax

# Redraw the figures in both languages into docs/<lang>/figures/ (committed; about 20 s) and
# figures/stamp.json, which tests/test_figures.py checks. Run after `experiments` or `bench`.
figures: $(STAMP)
	$(BIN)/python -m figures

$(STAMP): pyproject.toml package.json package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	npm ci --no-audit --no-fund
	touch $@

clean:
	rm -rf $(VENV) node_modules site docs/*/notebooks .cache
