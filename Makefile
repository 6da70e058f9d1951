# Two commands on a fresh machine: `make run` (install, build the index if needed, start the chat)
# and `make test` (install, run every test). Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test test-fast eval eval-tydi bench browser soak clean train-reader

install: $(STAMP)

# torch first, pinned: 2.13.0 is a local CPU wheel; letting a resolver pick torch pulls CUDA builds.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[dev]'
	$(BIN)/assistant model
	test -f /usr/share/dictd/freedict-eng-ind.index || (apt-get update -qq && apt-get install -y -qq dict-freedict-eng-ind >/dev/null)
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

# The gold set's test half with its baselines, then FacQA, TyDi QA and SQuAD-id-en, each in its own index
# under eval/bench-index/ (built once, tens of minutes on 2 cores, then reused while the passages are
# unchanged); eval/RESULTS.md is generated from their reports.
EVAL := HF_HUB_OFFLINE=1 $(BIN)/assistant eval --out eval/out
BENCHES := facqa_id tydiqa_id squad_id_en
.PHONY: eval-gold $(addprefix eval-,$(BENCHES))

eval: eval-gold $(addprefix eval-,$(BENCHES))
	cat eval/out/gold-test.md $(foreach b,$(BENCHES),eval/out/bench-$(b).md) > eval/RESULTS.md

eval-gold: install
	$(EVAL) --split test

$(addprefix eval-,$(BENCHES)): eval-%: install
	$(EVAL) --bench eval/bench/$*

# TyDi QA alone under its short name.
eval-tydi: eval-tydiqa_id

# Refit the reading stage (assistant/reading/reader.json) on FacQA and the gold tuning half; TyDi QA and SQuAD-id-en are read as held-out checks (see the docstring of assistant/reading/train.py).
train-reader: install
	HF_HUB_OFFLINE=1 $(BIN)/python -m assistant.reading.train

# Speed, memory and disk from 1k to ~100k units, embedded and on a Chroma server, each speed beside its floor
# (cached vectors after the first run); writes bench/RESULTS.md, results.json and charts. Paste
# `python -m assistant.evaluation.performance readme` into README.md afterwards (a test checks it).
bench: install
	HF_HUB_OFFLINE=1 $(BIN)/python -m assistant.evaluation.performance --out bench

# 16 concurrent clients, 1,000 questions against the real app on loopback (minutes; not part of `make test`).
soak: install
	HF_HUB_OFFLINE=1 $(BIN)/pytest -q -s --soak tests/soak

clean:
	rm -rf $(VENV) index eval/out
