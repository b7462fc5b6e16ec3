# Two commands a newcomer needs: `make preview` (build and serve the portal) and `make test`.
# Each creates .venv on first use and installs what it needs into it.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: build preview test lint golden clean audit

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

build: $(VENV)/.installed
	$(PY) -m sitegen build .

# builds the portal into public/, then serves a live preview (rebuilt and reloaded on save)
preview: build
	$(PY) -m sitegen serve . --port $(PORT)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# pytest exits 5 when it collected no tests: that is a failure here, not a pass.
test: lint
	$(PY) -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "error: pytest ran no tests" >&2; exit 1; fi; \
	exit $$status

# The audit (audit/run.py): W3C Nu checker, Lighthouse, page weights and screenshots of the
# shipped portal, into audit/out/. Needs Node >= 18.16, Java 17 and Chromium (CHROMIUM=...).
audit/node_modules/.package-lock.json: audit/package.json audit/package-lock.json
	cd audit && npm ci --ignore-scripts --no-audit --no-fund

audit: $(VENV)/.installed audit/node_modules/.package-lock.json
	$(PY) audit/run.py

golden: $(VENV)/.installed
	$(PY) -m tests.regenerate_golden

clean:
	rm -rf public .sitegen-cache
