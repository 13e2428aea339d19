"""The CPD model report of one cohort: analysis, published tables, findings, figures, files.

Notebook 04 calls :func:`build_cpd_model_report` and :func:`write_cpd_model_report` and
only displays what they return.

Examples
--------
>>> report = CpdModelReport(topic="cpd_model", study_name="Demo", cohort="all", synthetic=True, min_cell=5)
>>> report.has_data
False
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from ..report.sentences import hidden_counts
from ..report.plots import numeric
from ..report.topic import TopicReport, write_report
from . import figures as F
from .analysis import CpdModelResults, analyse_cpd_model
from .coordination import forced_cells
from .findings import cpd_model_findings
from .publish import TABLE_COLUMNS, cpd_model_key_figures, published_tables
from .sections import EVIDENCE_WORDS, cpd_model_sections

__all__ = ["NOTEBOOK_KEY", "CpdModelReport", "build_cpd_model_report", "cpd_model_figures",
           "write_cpd_model_report", "reading_guide"]

#: Key under which the CPD model writes into ``key_figures.json``.
NOTEBOOK_KEY = "cpd_model"

_EMPTY_FIGURES = {"n_staff_with_plans": 0, "n_topics": 0, "top_priority_topic": None, "top_priority_domain": None,
                  "formal_share_offered": None, "experiential_share_preferred": None, "n_commissioning_topics": 0,
                  "plan_coverage": None}


@dataclass
class CpdModelReport(TopicReport):
    """The CPD model's :class:`~cpdresearch.report.TopicReport`, with the analysis behind it.

    ``results`` holds the unsuppressed model (for researchers; never published).

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> report = build_cpd_model_report(load_study(paths.DEMO_STUDY), figures=False)
    >>> report.topic, report.has_data
    ('cpd_model', True)
    """

    results: CpdModelResults | None = None

    @property
    def has_data(self) -> bool:
        """Whether the cohort has any evidence the model is built from."""
        return self.results is not None and self.results.has_data


def build_cpd_model_report(study, *, min_cell: int | None = None, figures: bool = True, coordinate: bool = True,
                           **analysis) -> CpdModelReport:
    """Build the CPD model of a (cohort-filtered) study and prepare everything to publish.

    Parameters
    ----------
    study : cpdresearch.study.Study
        Already filtered to the cohort (``study.cohort(name)``).
    min_cell : int, optional
        Disclosure threshold; default ``study.min_cell``.
    figures : bool, default True
        Draw the figures (``False`` for benchmarks and tests of numbers only).
    coordinate : bool, default True
        Hide the counts as the cohort's row of the whole study's tables by the attribute
        it is cut on, so that the cohorts of a run agree (coordinated suppression,
        :func:`cpdresearch.cpd_model.forced_cells`; docs/cpd_model.md, "Disclosure").
        ``False`` applies the cohort's own lines only (not safe to publish beside other
        cohorts).
    **analysis
        Passed to :func:`cpdresearch.cpd_model.analyse_cpd_model`.

    Returns
    -------
    CpdModelReport
        With ``has_data`` False (no source of evidence at all) the contract's tables are
        written empty (headers only) and ``key_figures`` says ``n_staff_with_plans: 0``.

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> study = load_study(paths.DEMO_STUDY)
    >>> report = build_cpd_model_report(study.cohort("mash"), figures=False)
    >>> sorted(report.tables)[:3]
    ['adaptive_needs', 'career_pathway', 'commissioning']
    """
    min_cell = int(min_cell if min_cell is not None else study.min_cell)
    results = analyse_cpd_model(study, min_cell=min_cell, **analysis)
    report = CpdModelReport(topic=NOTEBOOK_KEY, study_name=study.name, cohort=study.cohort_name,
                            synthetic=study.synthetic, min_cell=min_cell, notes=list(results.notes), results=results)
    if not results.has_data:
        report.tables = {name: pd.DataFrame(columns=columns) for name, columns in TABLE_COLUMNS.items()}
        report.key_figures = dict(_EMPTY_FIGURES)
        return report
    forced = forced_cells(study, min_cell=min_cell) if coordinate else None
    report.tables = published_tables(results, min_cell=min_cell, forced=forced)
    report.key_figures = cpd_model_key_figures(results, report.tables, min_cell=min_cell)
    report.findings = cpd_model_findings(report.tables, key_figures=report.key_figures, min_cell=min_cell,
                                         min_staff=results.settings.min_staff, group_labels=results.group_labels)
    if figures:
        report.figures = cpd_model_figures(report)
    report.sections = cpd_model_sections(report)
    return report


def _has_numbers(table: pd.DataFrame, column: str) -> bool:
    return not table.empty and column in table.columns and bool(pd.notna(numeric(table[column])).any())


def cpd_model_figures(report: CpdModelReport) -> dict:
    """The CPD model's figures, drawn from the published tables, by file stem.

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> sorted(build_cpd_model_report(load_study(paths.DEMO_STUDY)).figures)
    ['career_pathway', 'evidence_matrix', 'mix_70_20_10', 'organisation_plan']
    """
    out = {}
    r = report.results
    org = report.table("organisation_plan")
    if _has_numbers(org, "staff"):
        out["organisation_plan"] = F.plan_bars(org, title="The organisation plan: the most needed topics").figure
    path = report.table("career_pathway")
    if _has_numbers(path, "share"):
        stages = [s for s in dict.fromkeys(path["career_stage"])]
        out["career_pathway"] = F.pathway_heatmap(
            path, stages=stages, title=f"Learning needs by {r.stage_label.lower()} and PCF domain").figure
    mix = report.table("mix_70_20_10")
    if _has_numbers(mix, "share"):
        out["mix_70_20_10"] = F.mix_bars(mix, title="The 70:20:10 mix against the model").figure
    matrix = report.table("evidence_matrix")
    if _has_numbers(matrix, "score"):
        words = {c: w for c, w in EVIDENCE_WORDS.items() if _has_numbers(matrix, c)}
        out["evidence_matrix"] = F.evidence_heatmap(matrix, columns=words,
                                                    title="The evidence matrix: % by PCF domain").figure
    for fig in out.values():
        plt.close(fig)
    return out


def write_cpd_model_report(report: CpdModelReport, output_dir: str | Path) -> dict[str, Path]:
    """Publish the CPD model report: :func:`cpdresearch.report.write_report` under ``"cpd_model"``.

    Examples
    --------
    >>> import tempfile
    >>> from cpdresearch import load_study, paths
    >>> report = build_cpd_model_report(load_study(paths.DEMO_STUDY), figures=False)
    >>> written = write_cpd_model_report(report, tempfile.mkdtemp())
    >>> written["tables/organisation_plan"].name
    'organisation_plan.csv'
    """
    return write_report(report, output_dir)


def reading_guide(report: CpdModelReport) -> str:
    """The report's "How to read" list (Markdown), or "" without data.

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> guide = reading_guide(build_cpd_model_report(load_study(paths.DEMO_STUDY), figures=False))
    >>> "**c**" in guide and "PCF" in guide
    True
    """
    if not report.has_data:
        return ""
    hidden = hidden_counts(report.min_cell)
    lines = ["## How to read this report", "",
             "- **PCF domain**: the nine domains of the Professional Capabilities Framework for social work, which "
             "every learning need, course objective and focus-group theme is mapped to.",
             "- **Staff**: members of staff, each counted once per topic (or domain), however many times their plan "
             "lists it.",
             "- **70:20:10**: about 70% of learning on the job (experiential), 20% from and with others (social), "
             "10% from courses and qualifications (formal).",
             "- **95% confidence interval (CI)**: the range in which the true value probably lies.",
             f"- **c**: a number hidden to protect confidentiality: {hidden}, and anything from which such a count "
             "could be worked out (a share, a score, another cell of the same total)."]
    return "\n".join(lines)
