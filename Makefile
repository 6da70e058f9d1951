# Two commands on a fresh machine: `make run` (install, build the index if needed, start the chat)
# and `make test` (install, run every test). Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test test-fast eval bench browser soak clean

install: $(STAMP)

# torch first, pinned: 2.13.0 is a local CPU wheel; letting a resolver pick torch pulls CUDA builds.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[dev]'
	$(BIN)/assistant model
	touch $(STAMP)

run: install
	$(BIN)/python app.py

# Debian's Chromium for the browser tests (Playwright's own browser download cannot work here).
browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

test: install browser
	HF_HUB_OFFLINE=1 $(BIN)/pytest -q

test-fast: install
	HF_HUB_OFFLINE=1 $(BIN)/pytest -q -m "not slow and not browser"

# The gold set with every baseline, then TyDi QA (its index is built once, ~20 min, then reused);
# the combined summary is committed as eval/RESULTS.md.
eval: install
	HF_HUB_OFFLINE=1 $(BIN)/assistant eval --out eval/out
	HF_HUB_OFFLINE=1 $(BIN)/assistant eval --bench eval/bench/tydiqa_id --out eval/out
	cat eval/out/gold.md eval/out/bench-tydiqa_id.md > eval/RESULTS.md

# Quality and latency on the external benchmark alone.
bench: install
	HF_HUB_OFFLINE=1 $(BIN)/assistant eval --bench eval/bench/tydiqa_id --out eval/out

# 16 concurrent clients, 1,000 questions against the real app on loopback (minutes; not part of `make test`).
soak: install
	HF_HUB_OFFLINE=1 $(BIN)/pytest -q -s --soak tests/soak

clean:
	rm -rf $(VENV) index eval/out
