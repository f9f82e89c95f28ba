# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE := articles/azure-arc-kubernetes.md
PYTEST_ARGS ?=

.PHONY: run test test-all lint bench screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/bilingual-reader $(SAMPLE)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(PYTEST_ARGS)

test-all: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m 'not dist' --runslow $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; QT_QPA_PLATFORM=offscreen $(BIN)/python $$script || exit 1; done

SHOT = QT_QPA_PLATFORM=offscreen $(BIN)/bilingual-reader --data-dir $$(mktemp -d) open $(SAMPLE)
screenshots: $(STAMP)
	$(SHOT) --screenshot docs/screenshot.png
	$(SHOT) --layout interleaved --screenshot docs/screenshot-interleaved.png

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
