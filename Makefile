# The two commands: `make book` builds the HTML book, `make test` runs the tests.
# Both create .venv with Python 3.11 and install the pinned requirements on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: book test run list validate bench clean

$(STAMP): requirements.txt constraints.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -c constraints.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

book: $(STAMP)  ## execute changed chapters, build the book into _build/html
	$(PY) -m compendium book

test: $(STAMP)  ## run the whole test suite (data, runner, chapters, book build)
	$(PY) -m pytest

run: $(STAMP)  ## make run CHAPTERS="diaspora" PARAMS="-p top_n 10"
	$(PY) -m compendium run $(CHAPTERS) $(PARAMS)

list: $(STAMP)  ## list chapters and their parameters
	$(PY) -m compendium list

validate: $(STAMP)  ## validate every dataset against data/datapackage.json
	$(PY) -m compendium validate

bench: $(STAMP)  ## time clean build, no-change rebuild and run-all
	$(PY) -m compendium bench

clean:  ## remove everything generated (keeps .venv)
	rm -rf _build
