# Two commands do all the set-up on a fresh machine:
#   make run   - create .venv if missing, install, and start the server (revhyper serve --demo)
#                on the embedded SQLite default at http://127.0.0.1:8000 with the demo athlete;
#                it prints the address and the demo login (user demo, a random password new at
#                every start); Ctrl+C stops it. `revhyper demo` is the terminal-only demo.
#   make test  - create .venv if missing, install with test tools, run ruff, mypy, import-linter and pytest
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The web app's front-end packages (versions fixed by package-lock.json), copied into the
# package's static folder so the server serves them itself.
WEB_STAMP := src/revhyper/web/static/vendor/.installed
# mediapipe 0.10.21 is the last release that ships its pose models inside the wheel (later ones
# download them at run time, which fails offline). Its declared dependencies force numpy<2 and pull
# in jax, so it is installed --no-deps; what it imports at run time is in pyproject.toml.
MEDIAPIPE := mediapipe==0.10.21

.PHONY: run test install lint typecheck clean bench mutation docs docs-examples docs-screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps $(MEDIAPIPE)
	touch $(STAMP)

$(WEB_STAMP): package-lock.json tools/vendor_assets.py | $(BIN)/python
	npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python tools/vendor_assets.py
	touch $(WEB_STAMP)

install: $(STAMP) $(WEB_STAMP)

run: $(STAMP) $(WEB_STAMP)
	$(BIN)/revhyper serve --demo

lint: $(STAMP) $(WEB_STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

# The camera_rate tests run the live page's pose model in Chromium at its real frame rate; beside
# another browser test on two cores it falls under the page's floor, so they run alone, after.
test: lint typecheck
	$(BIN)/python -m pytest -n 2 -q -m "not camera_rate"
	$(BIN)/python -m pytest -q -m camera_rate

# The documentation site (MkDocs, Material theme), built offline into site/ with warnings as
# errors; `revhyper serve` then serves it at /docs-site/. The REST API page is rendered from the
# server's OpenAPI document at every build (tools/api_reference.py, a MkDocs hook).
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# Runs every ```console block of the docs and the README and writes the outputs they print
# into the pages (tools/docs_examples.py; the tests run it with --check).
docs-examples: $(STAMP)
	$(BIN)/python tools/docs_examples.py --write

# The web app's screenshots in docs/screenshots/, taken by the browser test that checks them.
docs-screenshots: $(STAMP) $(WEB_STAMP)
	REVHYPER_WRITE_SCREENSHOTS=1 $(BIN)/python -m pytest -q tests/browser/test_screenshots.py

# The benchmarks print figures measured in one run (several minutes); see the README.
bench: $(STAMP)
	$(BIN)/python benchmarks/form_analysis.py
	$(BIN)/python benchmarks/independent_clips.py
	$(BIN)/python benchmarks/stride.py
	$(BIN)/python benchmarks/video_throughput.py
	$(BIN)/python benchmarks/decoders.py
	$(BIN)/python benchmarks/log_set_commit.py 200
	$(BIN)/python benchmarks/plates_search.py
	$(BIN)/python benchmarks/api_load.py

# Mutation testing of src/revhyper/domain/ (mutmut, niced; tens of minutes on two cores; not part
# of `make test`). MODULES picks modules under revhyper.domain, e.g. MODULES="motion.faults loads".
mutation: $(STAMP)
	tools/mutation.sh $(MODULES)

clean:
	rm -rf $(VENV) site node_modules src/revhyper/web/static/vendor .pytest_cache .mypy_cache .ruff_cache mutants
