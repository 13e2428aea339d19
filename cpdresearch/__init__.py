"""cpdresearch: evidence that children's social care CPD works.

Function-first API over a study folder (see ``docs/study_folder.md``)::

    import cpdresearch as cpd
    study = cpd.load_study("data")
    mash = study.cohort("mash")

Submodules are imported lazily, so a notebook pays only for what it uses.
"""
from __future__ import annotations

import importlib

from .errors import DataError, Problem

__version__ = "0.1.0"

_LAZY = {
    "load_study": ("cpdresearch.io", "load_study"),
    "validate_study": ("cpdresearch.io", "validate_study"),
    "Study": ("cpdresearch.study", "Study"),
    "suppress_small_cells": ("cpdresearch.report", "suppress_small_cells"),
    "pseudonymise": ("cpdresearch.report", "pseudonymise"),
}
# Only what exists: a topic package joins this set when it is built (docs/architecture.md).
_SUBMODULES = {"io", "frameworks", "instrument", "paths", "report", "stats", "survey", "evaluation", "focus_groups",
               "cpd_model",
               "synth", "runner", "cli", "study", "text", "outputs", "errors"}

__all__ = ["DataError", "Problem", "__version__", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f"cpdresearch.{name}")
    raise AttributeError(f"module 'cpdresearch' has no attribute {name!r}")


def __dir__() -> list[str]:
    """What tab completion offers: the lazy names and every subpackage, not only what is loaded."""
    return sorted(set(globals()) | set(_LAZY) | _SUBMODULES)
