# The two commands of the README: `make audit` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: audit test lint typecheck bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEV_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,dask]'
	touch $@

## audit: check the seed corpus and write the reports into reports/ (findings never fail it; errors do)
audit: $(STAMP)
	@mkdir -p reports
	$(BIN)/factcheck check seeds/ --fail-on never \
		--report text:reports/factcheck.txt \
		--html reports/audit.html \
		--report json:reports/factcheck.json \
		--report sarif:reports/factcheck.sarif
	@echo "wrote reports/audit.html, reports/factcheck.sarif, reports/factcheck.json and reports/factcheck.txt"

## test: lint, type-check and run the test suite
test: $(DEV_STAMP) lint typecheck
	$(BIN)/python -m pytest

lint: $(DEV_STAMP)
	$(BIN)/ruff check factcheck tests benchmarks
	$(BIN)/ruff format --check factcheck tests benchmarks

typecheck: $(DEV_STAMP)
	$(BIN)/mypy

## bench: extraction throughput vs the bare spaCy tokenizer, and incremental checking vs starting spaCy
bench: $(STAMP)
	$(BIN)/python -m benchmarks.extract
	$(BIN)/python -m benchmarks.incremental

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .factcheck_cache
