# Two commands for a newcomer:  make build  (the warehouse)  and  make test  (every test).
SHELL := /bin/bash
.DEFAULT_GOAL := build

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
WAREHOUSE ?= warehouse.duckdb
DOCUMENTS ?= documents
# make test never touches the analysts' warehouse: it builds a throwaway one here, from a fixed
# copy of the shipped documents, so that the documents an analyst adds never change a test.
TEST_DIR := build/test
TEST_DOCUMENTS := tests/fixtures/shipped
TEST_WAREHOUSE := $(TEST_DIR)/warehouse.duckdb
DBT := DBT_PROFILES_DIR=$(CURDIR) $(BIN)/dbt

.PHONY: help build schedule export test lint pytest dbt-test docs report report-screenshot bench evaluate lock clean

## help: these commands (WAREHOUSE=path and DOCUMENTS=folder choose other files)
help:
	@echo "make <command>; the first make build installs from the lock file, then:"
	@awk -v w="$(WAREHOUSE)" -v d="$(DOCUMENTS)" -v c="$(CORPUS)" ' \
	  /^## [a-z-]+: / { gsub(/\$$\(WAREHOUSE\)/, w); gsub(/\$$\(DOCUMENTS\)/, d); gsub(/\$$\(CORPUS\)/, c); \
	    name = substr($$2, 1, length($$2) - 1); $$1 = ""; $$2 = ""; sub(/^ +/, ""); \
	    printf "  make %-9s %s\n", name, $$0; more = 1; next } \
	  /^## / && more { gsub(/\$$\(WAREHOUSE\)/, w); sub(/^## /, ""); printf "  %-14s %s\n", "", $$0; next } \
	  { more = 0 }' $(firstword $(MAKEFILE_LIST))

$(BIN)/.installed: requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "make: $(PYTHON) not found; install Python 3.11 or run make PYTHON=/path/to/python3.11" >&2; exit 2; }
	@echo "Installing the pinned packages (requirements.lock) into $(VENV): once, a few minutes"
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip==24.3.1
	@$(BIN)/pip install --quiet --disable-pip-version-check --requirement requirements.lock
	@touch $@

## build: install from the lock file, then ingest documents/ and dbt build into a new file,
## published as $(WAREHOUSE) in one atomic rename only if every dbt test passed (see README).
## Exits 0 when it published (listing what is held back, and why), non-zero when it could not.
build: $(BIN)/.installed
	@$(BIN)/python -m ingest.scheduled --documents $(DOCUMENTS) --warehouse $(WAREHOUSE) --ok-when-published

## schedule: the same build, with the scheduler's exit statuses (3: published, something held back;
## make shows it as Error 3 and exits 2: cron should run the command itself, see README)
schedule: $(BIN)/.installed
	@$(BIN)/python -m ingest.scheduled --documents $(DOCUMENTS) --warehouse $(WAREHOUSE)

## export: every mart of $(WAREHOUSE) as CSV and Parquet, and one workbook with a data
## dictionary, in build/export/ (reads the warehouse read-only; run make build first)
export: $(BIN)/.installed
	@$(BIN)/python -m tools.export --warehouse $(WAREHOUSE) --out build/export

## test: lint, then build a throwaway warehouse with every dbt test, then pytest
test: $(BIN)/.installed lint dbt-test pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check ingest report tests tools
	$(BIN)/ruff format --check ingest report tests tools
	mkdir -p build/lint
	WAREHOUSE_PATH=$(CURDIR)/build/lint/compile.duckdb $(BIN)/sqlfluff lint models tests/dbt

dbt-test: $(BIN)/.installed
	rm -rf $(TEST_DIR) && mkdir -p $(TEST_DIR)
	$(BIN)/python -m ingest --documents $(TEST_DOCUMENTS) --database $(TEST_WAREHOUSE)
	WAREHOUSE_PATH=$(TEST_WAREHOUSE) $(DBT) build --target-path $(TEST_DIR)/target

pytest: $(BIN)/.installed
	TEST_WAREHOUSE=$(CURDIR)/$(TEST_WAREHOUSE) $(BIN)/python -m pytest

## docs: the catalogue and lineage graph of the warehouse, offline
docs: $(BIN)/.installed
	WAREHOUSE_PATH=$(WAREHOUSE) $(DBT) docs generate --static

## report: one offline HTML page of the warehouse's figures (charts per force, each figure with
## its document and line), coverage and data quality -> build/report/index.html
report: $(BIN)/.installed
	$(BIN)/python -m report --warehouse $(WAREHOUSE) --out build/report/index.html

## report-screenshot: open the report in headless Chromium with the network cut off, check every
## chart draws, screenshot it -> build/report/screenshot.png and docs/report.png (needs chromium)
report-screenshot: report
	$(BIN)/python -m report.browser --report build/report/index.html \
	  --screenshot build/report/screenshot.png --picture docs/report.png

## bench: the benchmark at 100, 1,000 and 10,000 generated documents, and each format's
## reading speed against its library's own read (bench.formats) -> BENCHMARKS.md
bench: $(BIN)/.installed
	$(BIN)/python -m bench.run --scales 100 1000 10000
	$(BIN)/python -m bench.formats

## evaluate: score a throwaway warehouse of CORPUS against its *.truth.json files -> build/evaluate/report.md
CORPUS ?= tests/corpus/real
evaluate: $(BIN)/.installed
	$(BIN)/python -m tools.evaluate --corpus "$(CORPUS)" $(if $(REQUIRE),--require "$(REQUIRE)")

## lock: regenerate requirements.lock from requirements.in (needs the package index)
lock:
	rm -rf build/lock-venv && $(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/pip install --quiet --requirement requirements.in
	{ echo '# Exact pins of every package, generated by `make lock` from requirements.in.'; \
	  build/lock-venv/bin/pip freeze; } > requirements.lock

clean:
	rm -rf build target logs $(VENV)
