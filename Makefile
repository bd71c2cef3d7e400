# Two entry points for a fresh machine: `make run` and `make test`. Each installs what it needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint build-data bench chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.run-deps: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-deps: requirements-test.txt requirements.txt $(VENV)/.run-deps
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

## Start the app on http://localhost:$(PORT)
run: $(VENV)/.run-deps
	$(BIN)/streamlit run app.py --server.port $(PORT)

## Lint, then unit, AppTest and end-to-end tests (installs Chromium when missing)
test: $(VENV)/.test-deps chromium
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

## Debian's chromium, unless CHROMIUM=/path/to/chromium is given
chromium:
	@if [ -n "$$CHROMIUM" ]; then test -x "$$CHROMIUM" || { echo "CHROMIUM=$$CHROMIUM is not executable"; exit 1; }; \
	elif ! command -v chromium >/dev/null 2>&1; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk; \
	fi

## Rebuild data/geo from ../shared/data/geo (reproducible)
build-data: $(VENV)/.run-deps
	$(BIN)/python -m geo.build

## Print the benchmark figures (payload sizes, geometry checks, load and click latency)
bench: $(VENV)/.test-deps chromium
	$(BIN)/python tests/bench/bench_map.py
