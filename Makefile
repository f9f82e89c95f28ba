# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE := articles/azure-arc-kubernetes.md
PYTEST_ARGS ?=

.PHONY: translations run test test-all lint typecheck bench screenshots clean dist test-dist install-desktop test-install

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

# The core (no Qt, used by the CLI) is held to --strict; the UI and the CLI to mypy's defaults.
typecheck: $(STAMP)
	$(BIN)/mypy --strict reader/core
	$(BIN)/mypy reader

bench: $(STAMP)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; QT_QPA_PLATFORM=offscreen $(BIN)/python $$script || exit 1; done

SHOT = QT_QPA_PLATFORM=offscreen $(BIN)/bilingual-reader --data-dir $$(mktemp -d) open $(SAMPLE)
screenshots: $(STAMP)
	$(SHOT) --screenshot docs/screenshot.png
	$(SHOT) --theme dark --screenshot docs/screenshot-dark.png
	$(SHOT) --layout interleaved --screenshot docs/screenshot-interleaved.png
	QT_QPA_PLATFORM=offscreen $(BIN)/python docs/screenshot_reading.py docs/screenshot-reading.png
	QT_QPA_PLATFORM=offscreen $(BIN)/python docs/screenshot_reading.py docs/screenshot-reading-dark.png dark
	QT_QPA_PLATFORM=offscreen $(BIN)/python docs/proofread_screenshot.py docs/screenshot-proofread.png

# A user's install: a fresh venv with the pip that ships with this Python, never upgraded
# (23.x with Python 3.11), `pip install .`, then the command line extracts a saved page.
STOCK := build/stock-venv
test-install:
	rm -rf $(STOCK)
	$(PYTHON) -m venv $(STOCK)
	$(STOCK)/bin/pip --version
	$(STOCK)/bin/pip install --quiet --disable-pip-version-check .
	cd /tmp && $(abspath $(STOCK))/bin/bilingual-reader extract $(abspath tests/fixtures/original/news_article.html) \
		--format text | grep -q 'first tidal electricity'
	@echo "test-install: stock pip install and extract work"

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache

# A one-folder app in dist/bilingual-reader/ (PyInstaller; see build_spec/bilingual-reader.spec).
# The bundle reads its version from the package metadata that $(STAMP) keeps current.
dist: $(STAMP)
	$(BIN)/python -c 'import PyInstaller' 2>/dev/null || $(BIN)/pip install --quiet -e '.[dist]'
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller build_spec/bilingual-reader.spec

test-dist: dist
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m dist tests/dist $(PYTEST_ARGS)

# The launcher and icons for this user ($XDG_DATA_HOME, default ~/.local/share). It runs the
# frozen app if `make dist` built one, else this venv's bilingual-reader; set
# BILINGUAL_READER_EXEC to choose. See resources/linux/install-desktop.sh.
install-desktop: $(STAMP)
	sh resources/linux/install-desktop.sh "$(abspath $(BIN))/bilingual-reader"

# Collect the UI strings into the .ts sources, then compile the .qm files the app loads.
translations: $(STAMP)
	$(BIN)/pyside6-lupdate $$(ls reader/*.py reader/*/*.py) -ts resources/translations/bilingual-reader_zh_CN.ts -no-obsolete
	$(BIN)/pyside6-lrelease resources/translations/bilingual-reader_zh_CN.ts -qm resources/translations/bilingual-reader_zh_CN.qm
	$(BIN)/pyside6-lupdate $$(ls reader/*.py reader/*/*.py) -ts resources/translations/bilingual-reader_en.ts -no-obsolete -pluralonly -source-language en -target-language en
	$(BIN)/pyside6-lrelease resources/translations/bilingual-reader_en.ts -qm resources/translations/bilingual-reader_en.qm
