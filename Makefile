# Thin entry points over the package CLI (python -m rusregions --help).
# Every target sets up .venv (and, as root, the Debian packages) on first use.
PY := .venv/bin/python

.PHONY: setup report html pdf test validate execute lab profiles audit release clean

setup:
	@bash scripts/setup.sh

report: setup          ## build the whole report: HTML and PDF; strict: a warning or a missing chapter fails it
	$(PY) -m rusregions build html pdf --strict

html: setup
	$(PY) -m rusregions build html

pdf: setup
	$(PY) -m rusregions build pdf

test: setup            ## validate data, re-run every notebook against its outputs, build and check the book
	$(PY) -m rusregions test

validate: setup
	$(PY) -m rusregions validate

execute: setup         ## regenerate the stored outputs of every notebook after a data or code change
	$(PY) -m rusregions execute

profiles: setup
	$(PY) -m rusregions profiles

audit: setup
	$(PY) -m rusregions audit

lab: setup             ## open JupyterLab on the chapters with the project kernel
	.venv/bin/jupyter lab --notebook-dir=chapters

release: setup
	$(PY) -m rusregions release

clean:
	rm -rf book/_build _build dist
