# The two commands: `make book` builds the HTML book, `make test` runs the tests.
# Both create .venv with Python 3.11 and install the pinned requirements on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.package-lock.json
CHROMIUM ?= /usr/bin/chromium

.PHONY: book test run list validate bench clean browser pdf poppler lab catalogues

$(STAMP): requirements.txt constraints.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -c constraints.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The browser tests: axe-core from the npm registry (npm ci: exactly the lockfile's versions) and
# Debian's chromium, which Playwright drives (Playwright's own browser downloads are never used).
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

browser:  ## install Debian's chromium for the browser tests, unless it is there
	@test -x $(CHROMIUM) || { echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

poppler:  ## install poppler-utils (pdfinfo, pdftotext, ...) for the print edition and its tests, unless it is there
	@command -v pdfinfo >/dev/null || { echo "installing Debian's poppler-utils for the print edition"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; }

# book and run hold a lock on _build/: a second one waits for the first (COMPENDIUM_LOCK=refuse: stops, exit code 3).
book: $(STAMP)  ## execute changed chapters, build the book into _build/html
	$(PY) -m compendium book

catalogues: $(STAMP)  ## update the Spanish catalogues (locale/es/) from the English source; see README, Translating
	$(PY) -m compendium catalogues

pdf: book browser poppler  ## print the built book to PDF: _build/pdf/compendium-<lang>.pdf and one PDF per chapter
	$(PY) -m compendium pdf

test: $(STAMP) $(NODE_STAMP) browser poppler  ## run the whole test suite (data, runner, chapters, book build, browser, accessibility)
	$(PY) -m pytest

run: $(STAMP)  ## make run CHAPTERS="diaspora" PARAMS="-p top_n 10" (values checked before anything runs)
	$(PY) -m compendium run $(CHAPTERS) $(PARAMS)

list: $(STAMP)  ## list chapters and their parameters
	$(PY) -m compendium list

validate: $(STAMP)  ## validate every dataset against data/datapackage.json
	$(PY) -m compendium validate

bench: $(STAMP) $(NODE_STAMP) browser  ## time builds, rebuilds, run-all and the test suite; weigh and audit the pages
	@command -v java >/dev/null || { echo "installing Debian's Java for the Nu HTML checker"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }
	$(PY) -m compendium bench

# JupyterLab in an environment of its own (.venv-lab, requirements-lab.txt): its server needs a
# jsonschema that cffconvert refuses. The chapters run in the book's own .venv, registered as the kernel.
lab: $(STAMP)  ## open the chapters as notebooks in JupyterLab (installed into .venv-lab on first use)
	$(PY) -m compendium lab

clean:  ## remove everything generated (keeps .venv and node_modules)
	rm -rf _build
