# `make run` serves the emulator locally; `make test` runs the whole suite. Both install what they need.
PYTHON ?= python3
VENV   ?= .venv
PORT   ?= 4599
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The SAM CLI pins its own boto3 and friends: it lives in a venv of its own.
SAM_VENV := .cache/sam-venv
SAM      := SAM_CLI_TELEMETRY=0 $(SAM_VENV)/bin/sam
SAM_STAMP := $(SAM_VENV)/.installed

# The dashboard's browser test drives Debian's chromium through its chromedriver.
BROWSER := /usr/bin/chromium /usr/bin/chromedriver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint build unit events records bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

$(SAM_STAMP):
	$(PYTHON) -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/pip install --quiet 'aws-sam-cli>=1.140'
	touch $@

run: $(STAMP)
	$(BIN)/dx-emulator serve --port $(PORT)

lint: $(STAMP) $(SAM_STAMP)
	$(BIN)/ruff check functions tests benchmarks scripts/make-events scripts/compile-records
	$(BIN)/mypy
	$(BIN)/cfn-lint template.yaml
	$(SAM) validate --lint
	$(BIN)/actionlint .github/workflows/*.yml

# The Lambda artifact, as `sam deploy` would ship it (function + dependencies layer).
build: $(SAM_STAMP)
	$(SAM) build

$(BROWSER):
	$(SUDO) apt-get install -y -q chromium chromium-driver >/dev/null || \
	  ($(SUDO) apt-get update -q >/dev/null && $(SUDO) apt-get install -y -q chromium chromium-driver >/dev/null)

# The whole suite: lint, build, then every test with Amazon DynamoDB Local started and stopped for it.
test: lint build $(BROWSER)
	scripts/with-dynamodb-local $(BIN)/python -m pytest -n auto

# Fast feedback: the tests that need neither DynamoDB Local nor the built artifact (deselected, not skipped).
unit: $(STAMP)
	$(BIN)/python -m pytest -m 'not dynamodb_local and not artifact'

# Regenerate events/*.json after changing scripts/make-events.
events: $(STAMP)
	$(BIN)/python scripts/make-events

# Regenerate functions/dx_emulator/records_compiled.py after changing a record class's fields
# (tests/unit/test_records.py says when; docs/cold-start.md says why).
records: $(STAMP)
	$(BIN)/python scripts/compile-records

clean:
	rm -rf $(VENV) .cache .aws-sam .pytest_cache .mypy_cache .ruff_cache

# Every performance figure, measured side by side in one run (docs/benchmarks.md). Not a test.
bench: $(STAMP) build
	scripts/with-dynamodb-local $(BIN)/python -m benchmarks.run
