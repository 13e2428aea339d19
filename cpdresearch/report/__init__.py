"""Reporting for analysts: disclosure control and pseudonymisation of free text.

Figures (``cpdresearch.report.figures``) and plain-English findings
(``cpdresearch.report.findings``) are submodules imported on their own, so importing
this package stays light.

Examples
--------
>>> from cpdresearch.report import pseudonymise
>>> pseudonymise("Ask Dana Smith on 07700 900123", known_names=["Dana Smith"])
'Ask [NAME-1] on [PHONE-1]'
"""
from __future__ import annotations

from .disclosure import SUPPRESSED, suppress_small_cells, suppress_small_groups
from .pseudonymise import Pseudonymiser, pseudonymise, pseudonymise_series

__all__ = [
    "SUPPRESSED", "suppress_small_cells", "suppress_small_groups",
    "Pseudonymiser", "pseudonymise", "pseudonymise_series",
]
