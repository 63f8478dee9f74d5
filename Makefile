# Recurrent Neural Networks with Keras: set-up, lab, tests and runs.
# `make test` and `make lab` each do all their own set-up on a fresh machine.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
KERNEL := rnn-keras-course
# The course notebooks, as utils.course.notebooks() lists them (evaluated when used, after setup).
NOTEBOOKS = $(shell $(BIN)/python -c 'from utils import course; print(*course.notebooks())')
JOBS ?= 2
CELL_TIMEOUT ?= 900

# Offline data: use the course's mirror ../shared/data when it is there and
# COURSE_DATA_DIR is not set. (Which Jena record the notebooks read is decided
# in one place, utils.datasets.jena_period: the mirror's 2020 when it lacks 2009-2016.)
ifeq ($(strip $(COURSE_DATA_DIR)),)
  ifneq ($(wildcard ../shared/data/SHA256SUMS),)
    export COURSE_DATA_DIR := $(abspath ../shared/data)
  endif
endif
export TF_CPP_MIN_LOG_LEVEL ?= 3

PROFILE ?= quick
# The Colab version set of make test-colab: constraints/$(COLAB).txt
COLAB ?= colab
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: help setup lab test lint test-unit test-notebooks test-colab test-browser site test-site browser results seeds bench data sync stats clean distclean

help:
	@echo "make setup          create .venv from requirements.txt and register the Jupyter kernel"
	@echo "make lab            open JupyterLab on notebooks/ (LAB_ARGS='--port=8899 --no-browser')"
	@echo "make test           lint, unit tests, then every notebook under nbval (quick profile)"
	@echo "make lint           ruff on utils/, tools/, tests/ and the notebooks (pyproject.toml)"
	@echo "make test-colab     every notebook under nbval (quick profile) with Colab's package versions"
	@echo "                    (COLAB=colab: today's runtime, constraints/colab.txt; COLAB=colab-2026-01: the oldest supported)"
	@echo "make test-browser   headless Chromium: notebook 01 run through JupyterLab's UI, and the site (built if stale)"
	@echo "make site           the course as a static HTML site in build/site/, from the executed copies in executed/"
	@echo "make test-site      build the site, then check every page in headless Chromium (links, images, Korean font)"
	@echo "make results        run every notebook headless, write results/PROFILE.json and the README tables"
	@echo "                    (PROFILE=quick|full, default quick; ONLY='08 10' re-runs some and merges)"
	@echo "make seeds NOTEBOOK=04 SEEDS='42 1 2 3 4'  run one notebook at these seeds (full profile),"
	@echo "                    record its rows per seed in results/seeds/full-NN.json, update the tables"
	@echo "make bench BEFORE=<commit>  time every notebook before and after a change, same run"
	@echo "                    (BENCH_PROFILE=full by default; ONLY='08'; writes results/bench.md)"
	@echo "make data           download every data set ahead of time"
	@echo "make sync           sync each notebook with its text pair notebooks/py/*.py, strip outputs"
	@echo "make stats          per notebook: lesson, setup, check, verdict and solution code; the first result"
	@echo "make clean          remove .venv, caches and extracted archives (keeps downloads)"
	@echo "make distclean      clean, and delete the downloads in data/ too"
	@echo "data: COURSE_DATA_DIR=$(COURSE_DATA_DIR)"

setup: $(STAMP)

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m ipykernel install --user --name $(KERNEL) --display-name "Python (RNN course)" >/dev/null
	@touch $@

# JupyterLab refuses to run as root (containers, CI machines) unless told to.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: setup
	$(BIN)/jupyter lab --notebook-dir=notebooks $(ROOT_FLAG) $(LAB_ARGS)

test: lint test-unit test-notebooks

lint: setup
	$(BIN)/ruff check .

test-unit: setup
	$(BIN)/python -m pytest tests -n $(JOBS) --dist loadfile --ignore=tests/browser --durations=8

# The notebooks that read the Jena record (course.toml: 01, 10, 11) run as an online learner runs them: no
# mirror, an empty cache, and tools/online_standin.py serving the upstream files on 127.0.0.1
# (Jena 2020 as Time-Series-Library's weather.csv, converted on arrival); the rest read the mirror.
ONLINE_NOTEBOOKS = $(filter $(shell $(BIN)/python -c 'from utils import course, data; \
  print(*[p for p in course.notebooks() if p.name[:2] in data.DATASETS["jena_2020"].notebooks])'),\
  $(NOTEBOOKS))
NBVAL_ENV = COURSE_PROFILE=quick COURSE_STRICT_WARNINGS=1
NBVAL = $(BIN)/python -m pytest --nbval-lax --nbval-cell-timeout=$(CELL_TIMEOUT) -n $(JOBS) \
  --dist loadfile

test-notebooks: setup
	$(if $(filter-out $(ONLINE_NOTEBOOKS),$(NOTEBOOKS)),$(NBVAL_ENV) $(NBVAL) $(filter-out $(ONLINE_NOTEBOOKS),$(NOTEBOOKS)))
	$(if $(ONLINE_NOTEBOOKS),$(NBVAL_ENV) $(BIN)/python -m tools.online_standin -- $(NBVAL) $(ONLINE_NOTEBOOKS))

# The quick profile under Colab's versions, in a second environment .venv-$(COLAB) that
# tools/colab_env.py makes from constraints/$(COLAB).txt (with Colab's Python when there is one).
test-colab: setup
	$(BIN)/python -m tools.colab_env --set $(COLAB)
	COURSE_PROFILE=quick COURSE_STRICT_WARNINGS=1 .venv-$(COLAB)/bin/python -m pytest \
	  -p no:cacheprovider --nbval-lax --nbval-cell-timeout=$(CELL_TIMEOUT) -n $(JOBS) \
	  --dist loadfile $(NOTEBOOKS)

# Debian's Chromium for the browser tests (Playwright drives it; no browser download), and
# Debian's Noto CJK fonts, so that the Korean in the course shows as Hangul, not as boxes.
browser:
	@command -v chromium >/dev/null || { \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium \
	  || { $(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive \
	       apt-get install -y -q --no-install-recommends chromium; }; }
	@dpkg -s fonts-noto-cjk >/dev/null 2>&1 || { \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends fonts-noto-cjk \
	  || { $(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive \
	       apt-get install -y -q --no-install-recommends fonts-noto-cjk; }; }
	@chromium --version 2>/dev/null

test-browser: setup browser
	$(BIN)/python -m pytest tests/browser -p no:xdist

# The course as a static site from the executed copies in executed/ (make results PROFILE=full
# writes them): tools/build_site.py, Sphinx + myst-nb, into build/site/; nothing is executed.
site: setup
	$(BIN)/python -m tools.build_site

test-site: site browser
	$(BIN)/python -m pytest tests/browser/test_site_browser.py -p no:xdist

results: setup
	$(BIN)/python -m tools.run_results --profile $(PROFILE) $(if $(ONLY),--only $(ONLY)) \
	  $(if $(filter full,$(PROFILE)),--executed executed)
	$(BIN)/python -m tools.render_readme
	$(BIN)/python -m tools.sync_notebooks

seeds: setup
	@test -n "$(NOTEBOOK)" -a -n "$(SEEDS)" || { echo "make seeds needs NOTEBOOK=NN SEEDS='42 1 2 3 4'"; exit 2; }
	$(BIN)/python -m tools.sweep_seeds $(NOTEBOOK) --seeds $(SEEDS)
	$(BIN)/python -m tools.render_readme

bench: setup
	@test -n "$(BEFORE)" || { echo "make bench needs BEFORE=<commit>, e.g. make bench BEFORE=HEAD~3"; exit 2; }
	$(BIN)/python -m tools.bench --before $(BEFORE) --profile $(or $(BENCH_PROFILE),full) $(if $(ONLY),--only $(ONLY))

data: setup
	$(BIN)/python -m tools.fetch_data

sync: setup
	$(BIN)/python -m tools.sync_notebooks

stats: setup
	$(BIN)/python -m tools.lesson_stats

clean:
	rm -rf $(VENV) .venv-* .pytest_cache build
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
	find notebooks -name .ipynb_checkpoints -type d -prune -exec rm -rf {} +
	rm -rf data/aclImdb data/jena_climate_2009_2016.csv data/jena_climate_2020.csv  # extracted
	rm -rf data/.*.complete data/.*.lock
	find data -maxdepth 1 -name ".?*" -type d -exec rm -rf {} +

distclean: clean
	find data -mindepth 1 ! -name README.md ! -name .gitignore -exec rm -rf {} +
