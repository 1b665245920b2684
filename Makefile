# `make run` serves the emulator locally; `make test` runs the whole suite. Both install what they need.
PYTHON ?= python3
VENV   ?= .venv
PORT   ?= 4599
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint unit clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

run: $(STAMP)
	$(BIN)/dx-emulator serve --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check functions tests
	$(BIN)/mypy

# The whole suite, with Amazon DynamoDB Local started for it and stopped after it.
test: lint
	scripts/with-dynamodb-local $(BIN)/python -m pytest

# Fast feedback: the suite without DynamoDB Local (its tests are deselected, not skipped).
unit: $(STAMP)
	$(BIN)/python -m pytest -m 'not dynamodb_local'

clean:
	rm -rf $(VENV) .cache .pytest_cache .mypy_cache .ruff_cache
