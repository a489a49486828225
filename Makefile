# chanjiao — build and environment plumbing.
# `make` (or `make help`) lists the targets. Every target that runs project code first
# makes sure .venv exists and matches requirements-lock.txt + pyproject.toml.

PYTHON ?= python3
VENV   ?= .venv
DATA   ?= data/zhongshan_2023
OUT    ?= reports
# Languages of the report's figures and brief: zh, en or both (not LANG, which is the shell's locale).
REPORT_LANG ?= both

# The lock is for this Python (major.minor); .venv refuses to be built with another.
PYTHON_LOCKED := 3.11
# pip-tools used by `make lock` (installed only in a throwaway venv).
PIP_TOOLS_VERSION ?= 7.6.2
# Extra arguments for pip-compile, e.g. `make lock LOCK_ARGS=--upgrade` to bump every pin,
# or `LOCK_ARGS="--upgrade-package pandas"`.
LOCK_ARGS ?=

# What `make test` runs. The options that must hold for every pytest run (doctests, nbval
# sanitizer, cell timeout, no random order) live in [tool.pytest.ini_options] of pyproject.toml,
# so `.venv/bin/python -m pytest` from the repo root behaves the same, only without xdist.
TEST_PATHS  ?= tests chanjiao_utils notebooks
# Cells of one notebook must stay on one worker: --dist loadfile. `make test PYTEST_XDIST=` runs serially.
PYTEST_XDIST ?= -n 2 --dist loadfile
PYTEST_ARGS ?=

STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help venv test report validate data notebooks lab lock clean distclean bench

help: ## Show this list of targets
	@echo "Usage: make TARGET [VAR=value ...]"
	@echo
	@grep -E '^[$$()a-zA-Z_./-]+:.*## ' $(MAKEFILE_LIST) | sed 's|^\$$(STAMP)|$(STAMP)|' | \
	  awk 'BEGIN {FS = ":.*## "}; {printf "  %-18s %s\n", $$1, $$2}'
	@echo
	@echo "Variables: PYTHON=$(PYTHON) VENV=$(VENV) DATA=$(DATA) OUT=$(OUT)"
	@echo "           PYTEST_XDIST='$(PYTEST_XDIST)' PYTEST_ARGS='$(PYTEST_ARGS)' LOCK_ARGS='$(LOCK_ARGS)'"

$(STAMP): requirements-lock.txt pyproject.toml ## Create/refresh .venv from the lock (only when lock or pyproject changed)
	@if [ ! -x "$(VENV)/bin/python" ]; then \
	  echo ">>> creating $(VENV) with $(PYTHON)"; \
	  $(PYTHON) -m venv "$(VENV)"; \
	fi
	@"$(VENV)/bin/python" -c 'import sys; v = "%d.%d" % sys.version_info[:2]; \
	  sys.exit(0 if v == "$(PYTHON_LOCKED)" else "$(VENV) has Python " + v + \
	  " but requirements-lock.txt is for $(PYTHON_LOCKED): run make distclean, then make PYTHON=python$(PYTHON_LOCKED) ...")'
	"$(VENV)/bin/python" -m pip install --disable-pip-version-check -r requirements-lock.txt
	"$(VENV)/bin/python" -m pip install --disable-pip-version-check --no-deps -e .
	@touch "$@"

venv: $(STAMP) ## Same as `make .venv/.installed`

test: $(STAMP) ## Run tests/, the package doctests and every notebook (nbval) on 2 workers
	env -u MPLBACKEND -u CHANJIAO_DATA -u CHANJIAO_OUT "$(VENV)/bin/python" -m pytest $(PYTEST_XDIST) $(PYTEST_ARGS) $(TEST_PATHS)

report: $(STAMP) ## Build the report for DATA into OUT, figures and brief in REPORT_LANG (chanjiao report)
	"$(VENV)/bin/chanjiao" report --data "$(DATA)" --out "$(OUT)" --lang "$(REPORT_LANG)"

validate: $(STAMP) ## Validate the data package in DATA (chanjiao validate)
	"$(VENV)/bin/chanjiao" validate "$(DATA)"

data: $(STAMP) ## Regenerate the synthetic rows in data/zhongshan_2023 (chanjiao generate)
	"$(VENV)/bin/chanjiao" generate --data data/zhongshan_2023

# Widget model ids are random each run: renamed by their place in the notebook, so unchanged notebooks stay the same bytes.
notebooks: $(STAMP) ## Re-run every notebook top to bottom in place (commit outputs only from this)
	env -u MPLBACKEND -u CHANJIAO_DATA -u CHANJIAO_OUT \
	  "$(VENV)/bin/jupyter" nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.record_timing=False --ExecutePreprocessor.timeout=600 notebooks/[0-9][0-9]_*.ipynb
	"$(VENV)/bin/python" -m chanjiao_utils.notebook_files notebooks/[0-9][0-9]_*.ipynb

lab: $(STAMP) ## Open JupyterLab in notebooks/
	"$(VENV)/bin/jupyter" lab notebooks

lock: ## Regenerate requirements-lock.txt with pip-tools in a throwaway venv (LOCK_ARGS=--upgrade to bump)
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	echo ">>> pip-tools $(PIP_TOOLS_VERSION) in $$tmp"; \
	$(PYTHON) -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install --quiet --disable-pip-version-check "pip-tools==$(PIP_TOOLS_VERSION)"; \
	CUSTOM_COMPILE_COMMAND="make lock" "$$tmp/venv/bin/pip-compile" --quiet --strip-extras \
	  --no-emit-index-url --no-emit-find-links $(LOCK_ARGS) \
	  --output-file requirements-lock.txt requirements.in; \
	{ echo "# Exact pins of the whole dependency closure of requirements.in, for Python $(PYTHON_LOCKED) on Linux."; \
	  echo "# Do not edit by hand: edit requirements.in, run \`make lock\`, then update environment.yml."; \
	  cat requirements-lock.txt; } > "$$tmp/lock"; \
	mv "$$tmp/lock" requirements-lock.txt
	@echo
	@echo ">>> requirements-lock.txt regenerated. Now copy the new versions of the direct dependencies"
	@echo "    (requirements.in) into environment.yml, then run:"
	@echo "    .venv/bin/python -m pytest tests/test_environment.py   (or: make test)"

clean: ## Remove reports/ and caches (keeps .venv)
	rm -rf reports .pytest_cache .hypothesis build dist *.egg-info
	find . -path "./$(VENV)" -prune -o -path ./.git -prune -o \
	  -type d \( -name __pycache__ -o -name .ipynb_checkpoints \) -prune -exec rm -rf {} +

distclean: clean ## clean, and also remove .venv
	rm -rf "$(VENV)"

bench: $(STAMP) ## Measures (ours, networkx, igraph) at 1k/10k/50k, the 50k pipeline, notebooks vs floor (long; not in test)
	"$(VENV)/bin/python" benchmarks/bench_measures.py $(BENCH_ARGS)
	"$(VENV)/bin/python" benchmarks/bench_pipeline.py
	env -u MPLBACKEND "$(VENV)/bin/python" benchmarks/bench_notebooks.py
