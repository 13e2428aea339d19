"""The training-evaluation report of one cohort: analysis, published tables, findings, figures.

Notebook 03 calls :func:`build_evaluation_report` and :func:`write_evaluation_report`
and only displays what they return.

Examples
--------
>>> report = EvaluationReport(topic="evaluation", study_name="Demo", cohort="all", synthetic=True, min_cell=5)
>>> report.has_data
False
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from ..report.plots import numeric
from ..report.topic import TopicReport, write_report
from . import figures as F
from .analysis import EvaluationResults, analyse_evaluation
from .coordination import forced_cells
from .findings import evaluation_findings
from .publish import TABLE_COLUMNS, published_tables, evaluation_key_figures

__all__ = ["NOTEBOOK_KEY", "EvaluationReport", "build_evaluation_report", "write_evaluation_report"]

#: Key under which the evaluation writes into ``key_figures.json``.
NOTEBOOK_KEY = "evaluation"

_EMPTY_FIGURES = {"n_courses": 0, "n_forms": 0, "n_objectives": 0, "share_objectives_improved": None,
                  "n_objectives_not_met": None, "n_courses_to_review": 0, "recommend_share": None,
                  "share_followup_retained": None, "late_and_no_show_charges": None, "total_charges": None}


@dataclass
class EvaluationReport(TopicReport):
    """The evaluation's :class:`~cpdresearch.report.TopicReport`, with the analysis behind it.

    ``results`` holds the unsuppressed analysis (for researchers; never published),
    ``labels`` the rating scale and ``rule_text`` the not-met rule in words.
    """

    results: EvaluationResults | None = None
    labels: tuple = ()
    rule_text: str = ""

    @property
    def has_data(self) -> bool:
        """Whether the cohort returned any evaluation form."""
        return self.results is not None and self.results.has_data


def build_evaluation_report(study, *, min_cell: int | None = None, figures: bool = True,
                            **analysis) -> EvaluationReport:
    """Analyse a (cohort-filtered) study's training evaluations and prepare everything to publish.

    Parameters
    ----------
    study : cpdresearch.study.Study
        Already filtered to the cohort (``study.cohort(name)``).
    min_cell : int, optional
        Disclosure threshold; default ``study.min_cell``.
    figures : bool, default True
        Draw the figures (``False`` for benchmarks and tests of numbers only).
    **analysis
        Passed to :func:`cpdresearch.evaluation.analyse_evaluation`.

    Returns
    -------
    EvaluationReport
        With ``has_data`` False the contract's tables are written empty (headers only)
        and ``key_figures`` says ``n_forms: 0``.
    """
    min_cell = int(min_cell if min_cell is not None else study.min_cell)
    results = analyse_evaluation(study, **analysis)
    report = EvaluationReport(topic=NOTEBOOK_KEY, study_name=study.name, cohort=study.cohort_name,
                              synthetic=study.synthetic, min_cell=min_cell, notes=list(results.notes),
                              results=results, labels=tuple(results.labels))
    if not results.has_data:
        report.tables = {name: pd.DataFrame(columns=columns) for name, columns in TABLE_COLUMNS.items()}
        report.key_figures = dict(_EMPTY_FIGURES)
        return report
    report.rule_text = results.rule.describe(results.labels)
    # The cells the whole study's family of cohorts hides (coordinated suppression): the
    # same across every cohort of a run, decided once from the whole study.
    forced = forced_cells(study, min_cell=min_cell)
    report.tables = published_tables(results, min_cell=min_cell, forced=forced)
    report.key_figures = evaluation_key_figures(results, report.tables, min_cell=min_cell)
    policy_days = int(((study.settings.get("charging") or {}).get("late_cancellation_working_days", 10)))
    report.findings = evaluation_findings(report.tables, n_forms=report.key_figures["n_forms"],
                                          n_courses=results.n_courses, labels=list(results.labels),
                                          rule_text=report.rule_text, alpha=results.rule.alpha,
                                          working_days=policy_days)
    if figures:
        report.figures = evaluation_figures(report)
    return report


def _has_numbers(table: pd.DataFrame, column: str) -> bool:
    return not table.empty and column in table.columns and bool((~pd.isna(numeric(table[column]))).any())


def evaluation_figures(report: EvaluationReport) -> dict:
    """The evaluation's figures, drawn from the published tables, by file stem."""
    labels = list(report.labels)
    out = {}
    oc = report.table("objective_change")
    if _has_numbers(oc, "post_mean"):
        out["objective_change"] = F.before_after_dots(
            oc, labels=labels, title="Confidence before and after, per course objective").figure
    dist = report.table("rating_distribution")
    if _has_numbers(dist, "percent"):
        out["rating_distribution"] = F.rating_distribution_bars(
            dist, labels=labels, title="How confident delegates were, before and after").figure
    fu = report.table("followup")
    if _has_numbers(fu, "fu_mean"):
        out["followup"] = F.followup_lines(fu, oc, labels=labels,
                                           title="Did the gain last? Before, just after and at follow-up").figure
    for fig in out.values():
        plt.close(fig)
    return out


def write_evaluation_report(report: EvaluationReport, output_dir: str | Path) -> dict[str, Path]:
    """Publish the evaluation report: :func:`cpdresearch.report.write_report` under ``"evaluation"``."""
    return write_report(report, output_dir)
