# Kinerja Terbuka: the two commands a newcomer needs (see README.md).
#   make serve   set up and serve the public site built from the demo data
#   make test    set up and run the whole test suite (installs chromium on Debian/Ubuntu)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell sha256sum pyproject.toml | cut -c1-12)

.PHONY: serve build test validate bench bench-lighthouse mutants breakings system-deps serve-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

serve: serve-deps $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict

validate: $(STAMP)
	$(BIN)/kinerja validate

# Mutation testing of the rule-bearing modules (slow; a benchmark, not a test): make mutants [MODULES="score/pp46.py ..."]
mutants: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,mutation]'
	$(BIN)/python .ci/mutants.py $(MODULES)

# Break each rule of issue 17's list on purpose, one at a time in a copy, and show the test that notices
breakings: $(STAMP)
	$(BIN)/python .ci/breakings.py $(BREAKINGS)

system-deps:
	sh .ci/install-system-deps

serve-deps:
	sh .ci/install-system-deps serve

test: system-deps $(STAMP) node_modules/.package-lock.json
	$(BIN)/python -m pytest -n 2 --dist loadgroup

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/kinerja bench

# Lighthouse (mobile) on the demo site behind a gzip server: scores, first-visit bytes, lazy search (a benchmark)
bench-lighthouse: $(STAMP)
	npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/kinerja bench-lighthouse

clean:
	rm -rf $(VENV) node_modules public .pytest_cache .hypothesis
