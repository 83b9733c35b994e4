# Python Processes by Example: build the site, run the tests.
# `make help` lists the targets.  Every target that builds or tests sets up
# .venv/ itself (with uv when it is installed, else python -m venv and pip).

PYTHON      ?= python3
VENV        ?= .venv
BIN         := $(VENV)/bin
BUILDDIR    := _build
# Languages to build, by default all of conf.py's site_languages (the only list
# of them); the first is the default of the landing page.
ifeq ($(origin LANGUAGES),undefined)
LANGUAGES   := $(shell $(PYTHON) tools/languages.py)
endif
# Languages with translation catalogs in docs/locale/: all but the source language.
TRANSLATIONS = $(shell $(PYTHON) tools/languages.py --translations)
# Warnings are errors, but report them all before failing.
SPHINXOPTS  ?= -W --keep-going
SPHINXBUILD := $(BIN)/sphinx-build
PYTEST_ARGS ?=
# Where the site is published (sitemap, canonical and OpenGraph URLs): conf.py's
# SITE_URL, unless the environment or the command line sets one to pass on.
ifdef SITE_URL
export SITE_URL
endif
PORT        ?= 8000
# OFFLINE=no: no EPUB and zip of the site (the tests' extra builds skip them).
OFFLINE     ?= yes
# One build per checkout at a time: a second one waits (tools/build_lock.py).
LOCKED      = $(BIN)/python tools/build_lock.py $(BUILDDIR)/build.lock --

# What decides the site: when none of it changed since the last build, `make
# html` does not start Sphinx (FORCE=1 builds all the same). The sources (minus
# what the build generates in docs/), the lessons, the tools, the venv, and the
# settings that change what a page shows, kept in $(BUILDDIR)/.settings (written
# when make reads this file, only when they changed, so its date says when).
BUILT       := $(BUILDDIR)/.html-built
ifneq ($(filter html,$(MAKECMDGOALS)),)
SITE_INPUTS := conf.py Makefile requirements.txt $(VENV)/.requirements $(VENV)/pyvenv.cfg \
  $(shell find docs examples tools -type f -not -path 'docs/examples/*' \
    -not -name sg_execution_times.rst -not -name '*.mo' -not -path '*/__pycache__/*' \
    2>/dev/null | sed 's/ /\\ /g')
SETTINGS    := $(LANGUAGES) | $(OFFLINE) | $(SITE_URL) | $(MP_START_METHOD) | \
  $(EXAMPLE_TIMEOUT) | $(EXAMPLE_MAX_OUTPUT) | $(SPHINXOPTS) | $(abspath $(VENV))
$(shell mkdir -p $(BUILDDIR) && { echo '$(SETTINGS)' | cmp -s - $(BUILDDIR)/.settings || \
  echo '$(SETTINGS)' > $(BUILDDIR)/.settings; })
endif
ifdef FORCE
.PHONY: $(BUILT)
endif

.DEFAULT_GOAL := help
.PHONY: help ensure-venv ensure-test-venv html _html gettext _gettext update-po check test-pages \
        test bench clean serve livehtml offline _offline

help: ## Show this help.
	@echo "Usage: make <target> [LANGUAGES='en'] [EXAMPLE_TIMEOUT=<s>] [MP_START_METHOD=fork|forkserver|spawn]"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  \1\t/' | expand -t 20

# The venv is (re)made when it is missing or older than the requirements.
$(VENV)/.requirements: requirements.txt
	@if command -v uv >/dev/null 2>&1; then \
	  [ -x $(BIN)/python ] || uv venv --python $(PYTHON) $(VENV); \
	  uv pip install --python $(BIN)/python -r requirements.txt; \
	else \
	  [ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV); \
	  $(BIN)/python -m pip install --quiet --upgrade pip; \
	  $(BIN)/python -m pip install --quiet -r requirements.txt; \
	fi
	@touch $@

$(VENV)/.requirements-test: $(VENV)/.requirements requirements-test.txt
	@if command -v uv >/dev/null 2>&1; then \
	  uv pip install --python $(BIN)/python -r requirements-test.txt; \
	else \
	  $(BIN)/python -m pip install --quiet -r requirements-test.txt; \
	fi
	@touch $@

ensure-venv: $(VENV)/.requirements ## Create or update .venv/ for building.

ensure-test-venv: $(VENV)/.requirements-test

html: ensure-venv $(BUILT) ## Build the site into _build/html/<language>/ (all LANGUAGES; FORCE=1 even if nothing changed).

# A language's site that is gone (rm -rf _build/html) is built again: a missing
# file with an empty rule counts as changed.
SITE_OUTPUTS = $(foreach lang,$(LANGUAGES),$(BUILDDIR)/html/$(lang)/index.html)

$(BUILT): $(SITE_INPUTS) $(BUILDDIR)/.settings $(SITE_OUTPUTS)
	@$(LOCKED) $(MAKE) --no-print-directory _html
	@touch $@

# (the venv's pyvenv.cfg is new when the venv was made again, with its Python)
$(SITE_OUTPUTS) $(VENV)/pyvenv.cfg:

_html:
	@# Catalogs are compiled in _build/locale/ (see tools/sync_catalogs.py), never
	@# in the sources, so no old .mo can win over a newer .po.
	@test -n "$(LANGUAGES)" || { echo "No LANGUAGES: see site_languages in conf.py."; exit 1; }
	@find docs/locale -name '*.mo' -delete 2>/dev/null || true
	@$(BIN)/python tools/sync_catalogs.py docs/locale $(BUILDDIR)/locale
	@# The first language makes the gallery (runs the lessons), then the others
	@# render beside it (tools/build_languages.py).
	@echo "Building $(LANGUAGES)"
	@$(BIN)/python tools/build_languages.py $(BUILDDIR)/.gallery-ready $(LANGUAGES) -- \
	  $(SPHINXBUILD) -b html -c . -D language={language} -D locale_dirs=$(CURDIR)/$(BUILDDIR)/locale \
	    -d $(BUILDDIR)/doctrees/{language} $(SPHINXOPTS) docs $(BUILDDIR)/html/{language}
	@$(BIN)/python tools/landing.py $(BUILDDIR)/html $(LANGUAGES)
	@if [ "$(OFFLINE)" != no ]; then $(MAKE) --no-print-directory _offline; fi
	@echo "Built: $(BUILDDIR)/html/index.html"

# The EPUB is written from a copy of the HTML build's doctrees, so no lesson runs
# again and no page is read again (sharing the doctrees themselves would make
# each builder see the other's settings as changed); it is rebuilt only
# when a page of that language's site changed since the last one (Sphinx writes
# the search and index pages on every build). One at a time: sphinx-gallery
# writes the generated sources in docs/examples/ at the start of every build.
offline: ensure-venv ## EPUB and zipped site of each language into _build/html/<language>/offline/ (make html runs it).
	@$(LOCKED) $(MAKE) --no-print-directory _offline

_offline:
	@for lang in $(LANGUAGES); do \
	  stamp=$$(ls $(BUILDDIR)/epub/$$lang/*.epub 2>/dev/null | head -n 1); \
	  if [ -n "$$stamp" ] && [ -z "$$(find $(BUILDDIR)/html/$$lang -name '*.html' \
	       -not -name search.html -not -name genindex.html -not -path '*/offline/*' \
	       -newer $$stamp -print -quit)" ]; then continue; fi; \
	  echo "Building the $$lang EPUB"; \
	  rm -rf $(BUILDDIR)/doctrees/epub-$$lang; \
	  cp -R $(BUILDDIR)/doctrees/$$lang $(BUILDDIR)/doctrees/epub-$$lang; \
	  $(SPHINXBUILD) -b epub -q -c . -D language=$$lang -D locale_dirs=$(CURDIR)/$(BUILDDIR)/locale \
	    -d $(BUILDDIR)/doctrees/epub-$$lang $(SPHINXOPTS) docs $(BUILDDIR)/epub/$$lang || exit 1; \
	done
	@$(BIN)/python tools/offline.py $(BUILDDIR) $(LANGUAGES)

gettext: ensure-venv ## Extract the translatable messages into _build/gettext/.
	@$(LOCKED) $(MAKE) --no-print-directory _gettext

_gettext:
	$(SPHINXBUILD) -b gettext -c . $(SPHINXOPTS) -d $(BUILDDIR)/doctrees/gettext \
	  docs $(BUILDDIR)/gettext
	$(BIN)/python tools/extract_messages.py docs/_ext $(BUILDDIR)/gettext

update-po: gettext ## Bring docs/locale/<lang>/LC_MESSAGES/*.po up to date with the sources.
	$(BIN)/sphinx-intl update --pot-dir $(BUILDDIR)/gettext --locale-dir docs/locale \
	  $(foreach lang,$(TRANSLATIONS),--language $(lang))
	$(BIN)/python tools/po_headers.py docs/locale

check: ensure-test-venv ## Lint and format-check the Python, lint the reST, check spelling and types.
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sphinx-lint examples \
	  $(wildcard $(foreach lang,$(TRANSLATIONS),docs/locale/$(lang)/LC_MESSAGES/examples))
	$(BIN)/codespell docs/*.md docs/concepts docs/_ext examples tests tools conf.py README.md
	$(BIN)/mypy

test: check ## Run make check, then the whole test suite (it builds the site itself).
	$(BIN)/python -m pytest $(PYTEST_ARGS) tests

test-pages: ensure-test-venv ## Check every page of both languages with axe-core (make test: a page of each kind).
	AXE_PAGES=all $(BIN)/python -m pytest $(PYTEST_ARGS) tests/test_browser.py -k axe

bench: ensure-venv ## Time clean, cached and no-op builds (3 runs); writes _build/bench.json.
	$(BIN)/python tools/bench.py --runs 3

serve: ## Serve _build/html on http://127.0.0.1:$(PORT)/ (run make html first).
	@test -f $(BUILDDIR)/html/index.html || { echo "No site yet: run make html first."; exit 1; }
	$(PYTHON) -m http.server --bind 127.0.0.1 --directory $(BUILDDIR)/html $(PORT)

livehtml: ensure-test-venv ## Serve the English site on 127.0.0.1:$(PORT), rebuilding on change.
	$(LOCKED) $(BIN)/sphinx-autobuild -c . -D language=en -d $(BUILDDIR)/doctrees/en \
	  --host 127.0.0.1 --port $(PORT) --watch examples --watch conf.py \
	  --ignore '*/docs/examples/*' --ignore '*/docs/sg_execution_times.rst' \
	  docs $(BUILDDIR)/html/en

clean: ## Remove _build/ and every generated file (keeps .venv/).
	rm -rf $(BUILDDIR) docs/examples docs/sg_execution_times.rst
	find docs -name '*.mo' -delete
