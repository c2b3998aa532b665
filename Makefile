# qualcode — two commands do all the set-up on a fresh Debian/Ubuntu machine:
#   make run    create .venv, install, build the sample project, open the app on it
#   make test   the same set-up, then ruff, mypy and the whole test suite (with lint-imports), headless
# and: make bench (benchmarks → bench/results.json), make samples, make clean,
#      make package (the desktop app in dist/qualcode/, then its smoke test)

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SAMPLE := sample_projects/interviews.qualcode

.PHONY: run test lint bench samples venv syslibs-test syslibs-run clean screenshots package

venv: $(STAMP)

$(STAMP): pyproject.toml
	@bash packaging/ensure-python.sh "$(PYTHON)"
	@echo "installing qualcode and its libraries — the first time takes a few minutes…"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -qq --upgrade pip
	@$(PY) -m pip install -qq -e '.[dev,ner]'
	@touch $(STAMP)

syslibs-test:
	@bash packaging/ensure-system-libs.sh test

syslibs-run:
	@bash packaging/ensure-system-libs.sh run

samples: $(STAMP)
	$(PY) sample_projects/build_samples.py

$(SAMPLE): $(STAMP) sample_projects/build_samples.py
	@echo "building the sample project…"
	@$(PY) sample_projects/build_samples.py

run: $(STAMP) syslibs-run $(SAMPLE)
	@echo "opening the app…"
	@bash packaging/launch.sh $(VENV)/bin/qualcode gui $(SAMPLE)

# The desktop app in one folder, dist/qualcode/ (PyInstaller), then its smoke test
# (tests/packaging). docs/packaging.md: what is inside, Windows and macOS, installing it.
package: $(STAMP)
	@$(PY) -c "import PyInstaller" 2>/dev/null || { echo "installing PyInstaller (the [package] extra)…"; \
	  $(PY) -m pip install -qq -e '.[dev,ner,package]'; }
	@bash packaging/package.sh

# The house rules first (ruff, mypy on core/analysis/store/io); the layer contracts
# (lint-imports) run inside the suite, in tests/test_layout.py.
lint: $(STAMP)
	@echo "lint: ruff, then mypy"
	$(VENV)/bin/ruff check qualcode tests bench sample_projects packaging
	$(VENV)/bin/mypy

test: $(STAMP) syslibs-test lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider

bench: $(STAMP) syslibs-test
	QT_QPA_PLATFORM=offscreen $(PY) bench/run.py --output bench/results.json

screenshots: $(STAMP)
	@if command -v xvfb-run >/dev/null; then xvfb-run -a -s "-screen 0 1920x1080x24" $(PY) tests/gui/make_screenshots.py; \
	else $(PY) tests/gui/make_screenshots.py; fi

clean:
	rm -rf $(VENV) build dist *.egg-info sample_projects/*.qualcode*
