"""Batch runs: every notebook in ``notebooks/`` for every cohort, with papermill.

``cpdresearch run`` calls :func:`run_batch`. See ``docs/runs.md`` for the run folder,
resuming, retrying failures and running on a Dask cluster.

Modules: ``plan`` (which runs, input hashes, resume), ``execute`` (one run in a worker:
papermill, then code-free HTML), ``parallel`` (worker processes or Dask), ``manifest``
(manifest.json, summary.csv), ``index`` (index.html), ``batch`` (run_batch).
"""
from __future__ import annotations

from .batch import run_batch

__all__ = ["run_batch"]
