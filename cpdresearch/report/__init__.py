"""What every topic's report shares: disclosure control, pseudonymisation, the report
contract, generic charts and sentences, and the notebook display helpers.

``report`` sits under the topic packages and imports none of them:

- :mod:`~cpdresearch.report.disclosure`: ``suppress_small_cells``, ``suppress_small_groups``
- :mod:`~cpdresearch.report.pseudonymise`: names, phones, emails, dates out of free text
- :mod:`~cpdresearch.report.topic`: :class:`TopicReport` and :func:`write_report`
- :mod:`~cpdresearch.report.plots`: charts every topic shares (share bars, diverging offsets)
- :mod:`~cpdresearch.report.sentences`: numbers as findings print them
- :mod:`~cpdresearch.report.notebook`: display helpers the notebooks call (imported on its own)

Examples
--------
>>> from cpdresearch.report import pseudonymise
>>> pseudonymise("Ask Dana Smith on 07700 900123", known_names=["Dana Smith"])
'Ask [NAME-1] on [PHONE-1]'
"""
from __future__ import annotations

from .disclosure import SUPPRESSED, protect_grid, protect_line, protect_lines, suppress_small_cells, suppress_small_groups
from .pseudonymise import Pseudonymiser, pseudonymise, pseudonymise_series
from .topic import ReportSection, TableView, TopicReport, write_report

__all__ = [
    "SUPPRESSED", "suppress_small_cells", "suppress_small_groups", "protect_line", "protect_grid", "protect_lines",
    "Pseudonymiser", "pseudonymise", "pseudonymise_series",
    "TopicReport", "ReportSection", "TableView", "write_report",
]
