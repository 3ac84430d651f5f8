# Two entry points on a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# The CJK font the notebooks' PNGs need (Debian's fonts-noto-cjk); installed only when missing.
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
# The browser the glossary page's tests drive (Debian's chromium, pulled in by chromium-driver); installed only when missing.
CHROMEDRIVER := /usr/bin/chromedriver
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: run test lint bench clean

run: $(VENV)/.installed
	$(BIN)/kg build examples -o out

test: $(VENV)/.installed-dev $(CJK_FONT) $(CHROMEDRIVER)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -q

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,notebooks,dask]'
	touch $@ $(VENV)/.installed

$(CJK_FONT):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-noto-cjk >/dev/null

$(CHROMEDRIVER):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null

# Throughput figures (README, "Corpora, stores and queries" and "Glossary page"); needs ../shared/corpus/gwr.
# bench/scale.py builds 16x the reports (and rebuilds it with one more), a 54 MB document, and 16x the
# reports with figures of their own: about thirteen minutes on two cores; bench/assembly_memory.py takes seven.
bench: $(VENV)/.installed-dev $(CJK_FONT) $(CHROMEDRIVER)
	# kg's bytecode, as an installed package has it: where PYTHONDONTWRITEBYTECODE is set, every `kg` the benchmarks
	# start would compile its modules from source again (0.05 s of each start)
	$(BIN)/python -m compileall -q kg
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/extract_start.py
	$(BIN)/python bench/corpus_build.py
	$(BIN)/python bench/parallel_ceiling.py
	$(BIN)/python bench/build_phases.py
	$(BIN)/python bench/short_documents.py
	$(BIN)/python bench/listing.py
	$(BIN)/python bench/vocabulary_growth.py
	$(BIN)/python bench/term_samples.py
	$(BIN)/python bench/scale.py --rebuild --huge
	$(BIN)/python bench/scale.py --distinct --engines local --scales 16
	$(BIN)/python bench/assembly_memory.py
	$(BIN)/python bench/named_queries.py
	$(BIN)/python bench/glossary_page.py

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache
