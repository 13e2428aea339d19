"""Focus groups: segments, codebook coding, themes by participant group, quotes that
name no one, keyness, inter-coder agreement and the published report.

DataFrame in, tidy DataFrame out; :func:`analyse_focus_groups` runs all of it for one
cohort, :func:`published_tables` applies disclosure control and
:func:`build_focus_group_report` prepares notebook 02 (see ``docs/focus_groups.md``).

Examples
--------
>>> from cpdresearch import focus_groups
>>> focus_groups.NOTEBOOK_KEY
'focus_groups'
"""
from __future__ import annotations

from .agreement import agreement_units, coder_agreement, rule_agreement
from .analysis import FocusGroupResults, analyse_focus_groups, group_label
from .coding import code_matrix, code_segments
from .cooccurrence import code_cooccurrence
from .frequencies import code_frequencies, code_group_association, group_sizes
from .keywords import group_keyness
from .publish import focus_group_key_figures, published_tables
from .quotes import exemplar_quotes
from .refi_qda import export_qdc, export_qdpx, read_qdpx
from .reporting import NOTEBOOK_KEY, FocusGroupReport, build_focus_group_report, write_focus_group_report
from .segments import FACILITATOR_SPEAKERS, is_facilitator, participant_segments
from .themes import themes_by_pcf

__all__ = [
    "FACILITATOR_SPEAKERS", "is_facilitator", "participant_segments",
    "code_segments", "code_matrix",
    "group_sizes", "code_frequencies", "code_group_association", "code_cooccurrence",
    "themes_by_pcf", "exemplar_quotes", "group_keyness",
    "agreement_units", "coder_agreement", "rule_agreement",
    "FocusGroupResults", "analyse_focus_groups", "group_label",
    "published_tables", "focus_group_key_figures",
    "export_qdpx", "export_qdc", "read_qdpx",
    "NOTEBOOK_KEY", "FocusGroupReport", "build_focus_group_report", "write_focus_group_report",
]
