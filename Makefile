# The two commands of the README. Everything is installed from this repository's own files.
VENV ?= .venv
PYTHON ?= python3

.PHONY: demo test browser bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@

## make demo: install, crawl the bundled offline mirror, index it, serve http://127.0.0.1:8000
demo: $(VENV)/.installed
	PYTHAINLP_OFFLINE=1 $(VENV)/bin/khao demo

## make test: install (Python packages and Debian's chromium for page tests), run the tests offline
test: $(VENV)/.installed browser
	PYTHAINLP_OFFLINE=1 $(VENV)/bin/python -m pytest -q

# Headless Chromium checks the web pages; Debian's package (root, as on the team's machines and CI).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium not installed: browser tests will be skipped"; fi; }

bench: $(VENV)/.installed
	PYTHAINLP_OFFLINE=1 $(VENV)/bin/python bench/segmentation.py

clean:
	rm -rf $(VENV) khao-data .pytest_cache
