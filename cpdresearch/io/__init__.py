"""Loading and validating a study folder (see ``docs/study_folder.md``).

``load_study`` reads every section, types it, and raises one
:class:`~cpdresearch.errors.DataError` listing every problem in every file;
``validate_study`` returns the problems instead; ``study_summary`` describes a loaded study
on one screen.

Module map: :mod:`.tables` (CSV/XLSX/SAV/Qualtrics), :mod:`.checks` (vectorised checks),
:mod:`.settings` (study.yml, cohorts.yml), :mod:`.survey`, :mod:`.focus_groups` and
:mod:`.transcripts`, :mod:`.evaluations`, :mod:`.ldp`, :mod:`.workforce`.
"""
from __future__ import annotations

from .focus_groups import Code, Codebook
from .load import load_study, study_summary, validate_study
from .transcripts import Turn, read_transcript

__all__ = ["load_study", "validate_study", "study_summary", "Code", "Codebook", "Turn", "read_transcript"]
