"""The focus-group report of one cohort: analysis, published tables, findings, figures, files.

Notebook 02 calls :func:`build_focus_group_report` and :func:`write_focus_group_report`
and only displays what they return.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from ..report.topic import TopicReport, write_report
from . import figures as F
from .analysis import FocusGroupResults, analyse_focus_groups
from .findings import focus_group_findings
from .publish import focus_group_key_figures, published_tables

__all__ = ["NOTEBOOK_KEY", "FocusGroupReport", "build_focus_group_report", "write_focus_group_report"]

#: Key under which the focus groups write into ``key_figures.json``.
NOTEBOOK_KEY = "focus_groups"


@dataclass
class FocusGroupReport(TopicReport):
    """The focus groups' :class:`~cpdresearch.report.TopicReport`, with the analysis behind it.

    ``results`` holds the unsuppressed analysis (for researchers; never published).
    """

    results: FocusGroupResults | None = None

    @property
    def has_data(self) -> bool:
        """Whether the cohort has focus-group participants to report on."""
        return self.results is not None and self.results.has_data

    def missing(self, section: str) -> str | None:
        """Why a section of the report has nothing to show, in one sentence (``None`` if it has).

        Sections: ``themes``, ``tests``, ``pcf``, ``quotes``, ``cooccurrence``,
        ``keyness``, ``agreement``, ``tone``.

        Examples
        --------
        >>> FocusGroupReport(topic="focus_groups", study_name="S", cohort=None, synthetic=False,
        ...                  min_cell=5).missing("themes")
        'Nothing to show: there are no focus-group transcripts for this cohort.'
        """
        if not self.has_data:
            return "Nothing to show: there are no focus-group transcripts for this cohort."
        tables = {"themes": "code_frequencies", "tests": "code_group_tests", "pcf": "themes_by_pcf",
                  "quotes": "quotes", "cooccurrence": "cooccurrence", "keyness": "keyness",
                  "agreement": "agreement", "tone": "tone"}
        table = self.table(tables[section])
        if section == "agreement" and table.empty:
            return ("Agreement cannot be measured: no two coders coded the same sessions by hand "
                    "(raw/focus_groups/codings.csv).")
        if section in ("tests", "keyness") and len(self.results.groups) < 2:
            return "Only one participant group took part in this cohort's focus groups, so groups are not compared."
        if section == "keyness" and table.empty:
            return (f"No word was used distinctly more by one group than by the others and by at least "
                    f"{self.min_cell} of its participants, so no keywords are listed.")
        if section == "cooccurrence" and not _has_numbers(table, "segments"):
            return ("No two themes came up together in the same turn often enough to publish the count "
                    f"(fewer than {self.min_cell} turns for every pair).")
        if table.empty:
            return "Nothing to show for this cohort."
        return None


def build_focus_group_report(study, *, min_cell: int | None = None, figures: bool = True,
                             **analysis) -> FocusGroupReport:
    """Analyse a (cohort-filtered) study's focus groups and prepare everything to publish.

    Parameters
    ----------
    study : cpdresearch.study.Study
        Already filtered to the cohort.
    min_cell : int, optional
        Disclosure threshold; default ``study.min_cell``.
    figures : bool, default True
        Draw the figures.
    **analysis
        Passed to :func:`cpdresearch.focus_groups.analyse_focus_groups`.

    Returns
    -------
    FocusGroupReport
        With ``has_data`` False the tables and figures are empty and the key figures say
        ``n_sessions: 0``.

    Examples
    --------
    >>> import cpdresearch as cpd
    >>> report = build_focus_group_report(cpd.load_study("data"), figures=False)
    >>> report.has_data, report.key_figures["n_sessions"] > 0
    (True, True)
    """
    min_cell = int(min_cell if min_cell is not None else study.min_cell)
    results = analyse_focus_groups(study, **analysis)
    report = FocusGroupReport(topic=NOTEBOOK_KEY, study_name=study.name, cohort=study.cohort_name,
                              synthetic=study.synthetic, min_cell=min_cell, notes=list(results.notes),
                              results=results)
    if not results.has_data:
        report.key_figures = {"n_sessions": 0, "n_participants": 0, "n_segments": 0, "kappa_mean": None}
        return report
    report.tables = published_tables(results, min_cell=min_cell)
    report.findings = focus_group_findings(report.tables, codebook=results.codebook)
    report.key_figures = focus_group_key_figures(results, report.tables, min_cell=min_cell)
    if figures:
        report.figures = focus_group_figures(report)
    return report


def _has_numbers(table: pd.DataFrame, column: str) -> bool:
    return (not table.empty and column in table.columns
            and (pd.to_numeric(table[column], errors="coerce") > 0).any())


def focus_group_figures(report: FocusGroupReport) -> dict:
    """The focus groups' figures, drawn from the published tables, by file stem."""
    out = {}
    freq = report.table("code_frequencies")
    if _has_numbers(freq, "participant_share"):
        out["themes_by_group"] = F.theme_heatmap(freq).figure
    pairs = report.table("cooccurrence")
    if _has_numbers(pairs, "jaccard"):
        out["cooccurrence"] = F.cooccurrence_heatmap(pairs, codes=report.results.codes).figure
    keywords = report.table("keyness")
    if _has_numbers(keywords, "g2"):
        out["keyness"] = F.keyness_bars(keywords).figure
    for fig in out.values():
        plt.close(fig)
    return out


def write_focus_group_report(report: FocusGroupReport, output_dir: str | Path) -> dict[str, Path]:
    """Publish the focus-group report: :func:`cpdresearch.report.write_report` under ``"focus_groups"``."""
    return write_report(report, output_dir)
