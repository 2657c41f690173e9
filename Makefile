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

.PHONY: run test install lint typecheck clean bench mutation

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
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/python -m pytest -n 2 -q

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
	rm -rf $(VENV) node_modules src/revhyper/web/static/vendor .pytest_cache .mypy_cache .ruff_cache mutants
