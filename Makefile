# Two entry points for a fresh machine: `make run` and `make test`. Each installs what it needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint build-data refresh-data backtest bench chromium handout-deps
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL = $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.run-deps: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-deps: requirements-test.txt requirements.txt $(VENV)/.run-deps
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

## Start the app on http://localhost:$(PORT)
run: $(VENV)/.run-deps handout-deps
	$(BIN)/streamlit run app.py --server.port $(PORT)

## CJK fonts and Pango for the PDF handout (the app says so clearly if they are missing)
handout-deps:
	@if ! fc-list :lang=ja 2>/dev/null | grep -q . || ! ldconfig -p | grep -q libpangoft2; then \
	  { $(APT_INSTALL) fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 fontconfig; } \
	  || echo "Could not install fonts-noto-cjk/Pango: the handout download will explain what is missing."; \
	fi

## Lint, then unit, AppTest and end-to-end tests (installs Chromium, CJK fonts and poppler when missing)
test: $(VENV)/.test-deps chromium handout-deps
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

## Debian's chromium (unless CHROMIUM=/path/to/chromium is given) and poppler-utils for the PDF checks
chromium:
	@if [ -n "$$CHROMIUM" ]; then test -x "$$CHROMIUM" || { echo "CHROMIUM=$$CHROMIUM is not executable"; exit 1; }; \
	elif ! command -v chromium >/dev/null 2>&1; then { $(APT_INSTALL) chromium; }; fi
	@command -v pdftotext >/dev/null 2>&1 || { $(APT_INSTALL) poppler-utils; }

## Rebuild data/geo from ../shared/data/geo (reproducible), then the maps' base-layer files in static/map_data
build-data: $(VENV)/.run-deps
	$(BIN)/python -m geo.build
	$(BIN)/python -m atlas.map_layers

## Add the new months of the city's page 人口・世帯数 to data/figures (SOURCE=<the page's address or a saved copy>;
## URL=<address> when a saved copy does not say it; REFRESH_ARGS="--lang en" for English messages)
refresh-data: $(VENV)/.run-deps
	@$(BIN)/python tools/refresh_data.py "$(SOURCE)" $(if $(URL),--url "$(URL)") $(REFRESH_ARGS)

## The population estimates' rolling-origin backtest: checks, coverage, error and bias per district and method
backtest: $(VENV)/.run-deps
	@$(BIN)/python -m atlas.backtest_report

## Print the benchmark figures (payload sizes, geometry checks, load and click latency)
bench: $(VENV)/.test-deps chromium
	$(BIN)/python tests/bench/bench_map.py

## Issue 10's page figures in one report: loads vs a bare page and the naive map, bytes and server CPU per click
## (BENCH_ARGS="--root /path/to/other/checkout --loads 5 --clicks 12 --check")
.PHONY: bench-pages
bench-pages: $(VENV)/.test-deps chromium
	$(BIN)/python tests/bench/bench_pages.py $(BENCH_ARGS)

# ---- Scale out (issue 10): replicas behind nginx, and the load test that measures them
REPLICAS ?= 2
SERVE_PORT ?= 8600
REPLICA_PORT ?= 8601
LOAD_ARGS ?=

.PHONY: serve load nginx
test: nginx

## Debian's nginx (for `make serve`, `make load` and the e2e test through nginx)
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { $(APT_INSTALL) nginx; }
	@test -e /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so \
	  || { $(APT_INSTALL) libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static; } \
	  || echo "No brotli module for nginx: it serves gzip alone (issue 21)."

## Serve REPLICAS Streamlit processes (127.0.0.1:$(REPLICA_PORT)..) behind nginx on http://localhost:$(SERVE_PORT)
serve: $(VENV)/.run-deps handout-deps nginx
	$(BIN)/python -m deploy.serve --replicas $(REPLICAS) --port $(SERVE_PORT) --replica-port $(REPLICA_PORT)

## Load test through nginx, 1 and 2 replicas (LOAD_ARGS="--quick" for a smoke run): tests/bench/results, docs/capacity.png
load: $(VENV)/.test-deps chromium handout-deps nginx
	$(BIN)/python tests/bench/load.py $(LOAD_ARGS)

# ---- issue 22 (edge22): a replica's memory under the 300-file upload test (BENCH_ARGS="--root /work/before")
.PHONY: bench-upload-memory
bench-upload-memory: $(VENV)/.test-deps
	$(BIN)/python tests/bench/bench_upload_memory.py $(BENCH_ARGS)

# ---- Container image and Kubernetes manifests (issue 23): deploy/container/Dockerfile, deploy/k8s/, docs/deploy.md
CHECKOV_VENV ?= .venv-checkov

.PHONY: checkov image
test: checkov

## checkov in its own venv (its pins never touch .venv); tests/unit/test_deploy_image.py runs it on deploy/
checkov: $(CHECKOV_VENV)/.installed
$(CHECKOV_VENV)/.installed: deploy/requirements-checkov.txt
	$(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r deploy/requirements-checkov.txt
	touch $@

## Build the image here with Debian's podman from a debootstrap root file system, then run it and load the map
## page through it (needs root, apt, a few minutes; not part of `make test`). IMAGE_ARGS="--no-run" builds only,
## IMAGE_ARGS="--e2e" also runs tests/e2e/test_e2e_nginx.py through nginx against two containers.
image: $(VENV)/.test-deps chromium
	deploy/container/build_local.sh $(IMAGE_ARGS)

# ---- issue 21 (phone21): a phone's first visit, Lighthouse 12.2.3 from npm (pinned in tests/bench/phone)
PHONE_ARGS ?=
LIGHTHOUSE_STAMP := tests/bench/phone/node_modules/.package-lock.json

.PHONY: bench-phone node
## Debian's nodejs and npm (for Lighthouse) when npm is missing
node:
	@command -v npm >/dev/null 2>&1 || { $(APT_INSTALL) nodejs npm; }

$(LIGHTHOUSE_STAMP): tests/bench/phone/package-lock.json | node
	cd tests/bench/phone && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

## Lighthouse's mobile preset on the map page, /compare, /present and a bare page, through nginx and under
## streamlit run, 3 runs each: tests/bench/results/phone.{md,json}
## (PHONE_ARGS="--root /path/to/other/checkout --label before --out tests/bench/results/phone-before";
##  quick: PHONE_ARGS="--runs 1 --pages map,bare --served nginx")
bench-phone: $(VENV)/.test-deps chromium nginx $(LIGHTHOUSE_STAMP)
	CHROME_PATH=$${CHROME_PATH:-$${CHROMIUM:-/usr/bin/chromium}} $(BIN)/python tests/bench/bench_phone.py $(PHONE_ARGS)

# ---- issue 21 (frame21): the map frame's Leaflet, a subset of Leaflet 1.9.4 built with esbuild (tools/leaflet)
.PHONY: leaflet
## Rebuild static/leaflet/leaflet-frame.js (committed; the app needs no node) from the pinned npm packages
leaflet: node
	cd tools/leaflet && npm ci --ignore-scripts --no-audit --no-fund && npm run build
