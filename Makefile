# Two commands a newcomer needs: `make preview` (build and serve the portal) and `make test`.
# Each creates .venv on first use and installs into it exactly what requirements/dev.txt pins
# (every package, with its hashes): the versions the suite was last run with, whatever PyPI
# serves today. `make lock` and `make test-latest` are for the maintainers (README, "Developing").
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
LATEST ?= .venv-latest
# the resolver run by `make lock`: universal (one lock for Linux, macOS and Windows editors),
# hashes for every file of every pinned release, Python 3.11 as the oldest supported
COMPILE = $(VENV)/bin/uv pip compile --quiet --universal --generate-hashes --python-version 3.11 \
	--custom-compile-command "make lock"

.PHONY: build preview test lint golden clean audit lock lock-upgrade test-latest e2e bench-peers messages

# --no-deps: the lock is complete, so nothing outside it can come in; --no-build-isolation:
# sitegen is built with the lock's setuptools, not whatever a build environment would fetch.
$(VENV)/.installed: requirements/dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

build: $(VENV)/.installed
	$(PY) -m sitegen build .

# builds the portal into public/, then serves a live preview (rebuilt and reloaded on save)
preview: build
	$(PY) -m sitegen serve . --port $(PORT)

# ruff, mypy strict, the stages' import direction (pyproject.toml's import-linter contract) and
# the structure's limits (tests/structure.py: complexity, module length, cycles, no `global`)
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	$(PY) -m tests.structure

# pytest exits 5 when it collected no tests: that is a failure here, not a pass.
test: lint
	$(PY) -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "error: pytest ran no tests" >&2; exit 1; fi; \
	exit $$status

# Re-resolve the lock after a change of pyproject.toml's dependencies, keeping every pin that
# still fits. requirements/publish.txt (what publish.yml installs) is constrained to dev.txt, so
# the site is published with exactly the versions the suite passed with.
lock: $(VENV)/.installed
	$(COMPILE) pyproject.toml requirements/build.in requirements/tools.in --extra dev -o requirements/dev.txt
	$(COMPILE) pyproject.toml requirements/build.in --extra search -c requirements/dev.txt -o requirements/publish.txt
	$(COMPILE) requirements/bench.in -c requirements/dev.txt -o requirements/bench.txt

# Every pin moved to the newest release (the weekly workflow runs this, then `make test`).
lock-upgrade: $(VENV)/.installed
	$(COMPILE) --upgrade pyproject.toml requirements/build.in requirements/tools.in --extra dev -o requirements/dev.txt
	$(COMPILE) pyproject.toml requirements/build.in --extra search -c requirements/dev.txt -o requirements/publish.txt
	$(COMPILE) --upgrade requirements/bench.in -c requirements/dev.txt -o requirements/bench.txt

# The suite against the newest releases pyproject.toml's ranges allow, without the lock: drift
# seen before a user meets it. A venv of its own, made anew each time.
test-latest:
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(LATEST)/bin/python -m pip install --quiet --disable-pip-version-check --upgrade -e '.[dev]'
	$(LATEST)/bin/ruff check .
	$(LATEST)/bin/mypy
	$(LATEST)/bin/lint-imports
	SITEGEN_UNLOCKED=1 $(LATEST)/bin/python -m pytest; status=$$?; \
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

# The CMS in a real browser (e2e/cms.mjs): Decap CMS at /admin/ of `sitegen serve`, driven in
# Debian's Chromium by playwright-core (no browser is downloaded; CHROMIUM=... for another).
# Needs Node >= 18.16 and Chromium; no network once e2e/node_modules is installed.
e2e/node_modules/.package-lock.json: e2e/package.json e2e/package-lock.json
	cd e2e && npm ci --ignore-scripts --no-audit --no-fund

e2e: $(VENV)/.installed e2e/node_modules/.package-lock.json
	SITEGEN_REQUIRE_BROWSER=1 $(PY) -m pytest -q -p no:cacheprovider tests/devserver/test_cms_browser.py tests/render/test_cms.py tests/site/test_in_browser.py

# The peers bench/run.py times beside sitegen (Hugo, Pelican), pinned with hashes in
# requirements/bench.txt, in a venv of their own: .venv must stay exactly the lock.
.venv-bench/.installed: requirements/bench.txt
	$(PYTHON) -m venv .venv-bench
	.venv-bench/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/bench.txt
	touch $@

bench-peers: .venv-bench/.installed

# The editor-facing messages (README, "Developing"): every msg()/msgn() text of sitegen/ into the
# template sitegen/locale/sitegen.pot, then into the Indonesian catalogue, whose new entries
# wait for their translation (tests/test_i18n.py fails until each has one). sitegen reads
# the .po itself at run time: the compile step only checks it and counts what is translated.
PYBABEL_EXTRACT = $(VENV)/bin/pybabel extract --no-default-keywords -k msg -k msgn:1,2 --project sitegen \
	--copyright-holder "sitegen" --add-location=file --sort-output --no-wrap --omit-header -o sitegen/locale/sitegen.pot sitegen
messages: $(VENV)/.installed
	$(PYBABEL_EXTRACT)
	$(VENV)/bin/pybabel update --no-wrap --ignore-obsolete --no-fuzzy-matching -D sitegen -l id \
		-i sitegen/locale/sitegen.pot -d sitegen/locale
	$(VENV)/bin/pybabel compile --statistics -l id -i sitegen/locale/id/LC_MESSAGES/sitegen.po -o /dev/null
