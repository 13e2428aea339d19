# Two commands do everything (see README): `make run` and `make test`.
# Each creates .venv/ when it is missing or when pyproject.toml changed.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.cpdresearch-installed

.PHONY: run test validate bench lab setup clean-venv

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	$(PY) -m cpdresearch.cli setup
	@touch $(STAMP)

setup: $(STAMP)

## The main job: every notebook for every cohort of the demo study, rendered.
run: $(STAMP)
	$(PY) -m cpdresearch.cli run data

## The tests (what CI runs).
test: $(STAMP)
	$(PY) -m pytest -q

validate: $(STAMP)
	$(PY) -m cpdresearch.cli validate data

## JupyterLab on notebooks/, the kernel being this project's .venv (see README).
lab: $(STAMP)
	$(PY) -m cpdresearch.cli lab

bench: $(STAMP)
	$(PY) -m benchmarks

clean-venv:
	rm -rf $(VENV)
