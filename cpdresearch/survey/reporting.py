"""The survey report of one cohort: analysis, published tables, findings, figures, files.

The survey notebook calls :func:`build_survey_report` and :func:`write_survey_report`
and only displays what they return, so the notebook holds no logic and a test can check
every number without running it.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from dataclasses import dataclass, field
from pathlib import Path

from ..report.sentences import hidden_counts
from ..report.safe_text import escape_markdown
from ..report.topic import TopicReport, write_report
from . import figures as F
from .findings import survey_findings
from .analysis import analyse_survey, SurveyResults
from .sections import sorted_like_chart, survey_sections
from .publish import published_tables, survey_key_figures, ticks_table

__all__ = ["NOTEBOOK_KEY", "SurveyReport", "build_survey_report", "survey_figures", "write_survey_report",
           "reading_guide"]

#: Key under which the survey writes into ``key_figures.json``.
NOTEBOOK_KEY = "survey"


@dataclass
class SurveyReport(TopicReport):
    """The survey's :class:`~cpdresearch.report.TopicReport`, with the analysis behind it.

    ``results`` holds the unsuppressed analysis (for researchers; never published) and
    ``scale`` the rating scale of the block the charts show.

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> report = build_survey_report(load_study(paths.DEMO_STUDY), figures=False)
    >>> report.topic, report.has_data
    ('survey', True)
    """

    results: SurveyResults | None = None
    scale: object | None = None
    #: the survey instrument (block and question titles come from it)
    instrument: object | None = None
    #: attribute column -> how the study names it ("Career stage")
    attribute_labels: dict = field(default_factory=dict)

    @property
    def has_data(self) -> bool:
        """Whether the cohort has any survey respondents."""
        return self.results is not None and self.results.n_respondents > 0


def build_survey_report(study, *, min_cell: int | None = None, figures: bool = True, **analysis) -> SurveyReport:
    """Analyse a (cohort-filtered) study's survey and prepare everything to publish.

    Parameters
    ----------
    study : cpdresearch.study.Study
        Already filtered to the cohort (``study.cohort(name)``).
    min_cell : int, optional
        Disclosure threshold; default ``study.min_cell``.
    figures : bool, default True
        Draw the figures (``False`` for benchmarks and tests of numbers only).
    **analysis
        Passed to :func:`cpdresearch.survey.analyse_survey`.

    Returns
    -------
    SurveyReport
        With ``has_data`` False (no survey, or no respondent in the cohort) the tables
        and figures are empty and ``key_figures`` says ``n_respondents: 0``.

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> study = load_study(paths.DEMO_STUDY)
    >>> report = build_survey_report(study.cohort(study.cohorts[1].name), figures=False)
    >>> report.key_figures["n_respondents"] == report.results.n_respondents
    True
    """
    min_cell = int(min_cell if min_cell is not None else study.min_cell)
    results = analyse_survey(study, **analysis)
    scale = None
    if study.instrument is not None and results.working_block in study.instrument.blocks:
        scale = study.instrument.blocks[results.working_block].scale
    report = SurveyReport(topic=NOTEBOOK_KEY, study_name=study.name, cohort=study.cohort_name,
                          synthetic=study.synthetic, min_cell=min_cell, notes=list(results.notes),
                          results=results, scale=scale, instrument=study.instrument,
                          attribute_labels={a: study.attribute_label(a) for a in results.by})
    if results.n_respondents == 0:
        report.key_figures = {"n_respondents": 0, "by_group": False, "response_rate": None, "alpha": None, "alpha_complete": None,
                              "top_rated_item": None, "top_rated_mean": None, "most_ticked": {},
                              "most_ticked_share": {}, "n_group_differences": 0}
        return report

    report.tables = published_tables(results, min_cell=min_cell, study=study)
    report.findings = survey_findings(report.tables, instrument=study.instrument, working_block=results.working_block,
                                      attribute_labels=report.attribute_labels)
    report.key_figures = survey_key_figures(results, report.tables, min_cell=min_cell)
    if figures:
        report.figures = survey_figures(report)
    report.sections = survey_sections(report)
    return report


def likert_figure(block_id: str) -> str:
    """File stem of a block's chart (``likert_<block>``); ``..._by_group`` for its groups."""
    return f"likert_{block_id}"


def survey_figures(report: SurveyReport) -> dict:
    """The survey's figures, drawn from the published (suppressed) tables, by file stem:
    one chart per block (and per block by group), the comparison of what is working with
    what staff wish for, and one chart per multi-select, titled as the instrument asks."""
    out = {}
    inst = report.instrument
    levels, pooled = report.table("survey_levels"), report.table("survey_levels_by_group")
    words = report.attribute_labels
    for block_id in report.results.blocks:
        block = inst.blocks[block_id]
        part = levels[levels["block"] == block_id] if "block" in levels.columns else levels.iloc[:0]
        if _has_numbers(part, "percent"):
            # The chart's bars in the order of the table beside it (highest mean first).
            items = report.table("survey_items")
            order = sorted_like_chart(items[items["block"] == block_id], "mean")["label"].tolist()
            out[likert_figure(block_id)] = F.likert_bars(part, scale=block.scale, title=block.title,
                                                         order=order).figure
        part = pooled[pooled["block"] == block_id] if "block" in pooled.columns else pooled.iloc[:0]
        if _has_numbers(part, "percent"):
            part = part.assign(label=part["by"].map(lambda b: words.get(b, b)) + ": " + part["group"].astype(str))
            shown = [words.get(b, b).lower() for b in dict.fromkeys(part["by"])]
            ax = F.likert_bars(part, scale=block.scale, y="label", sort=False,
                               title=f"{block.title}: all items together, by {_and(shown)}")
            out[likert_figure(block_id) + "_by_group"] = ax.figure
    priorities = report.table("working_vs_wished")
    if _has_numbers(priorities, "mean") and _has_numbers(priorities, "wish_share"):
        out["working_vs_wished"] = F.working_vs_wished_plot(
            priorities, title="What is working against what staff wish for").figure
    for select_id in report.results.selects:
        table = report.table(ticks_table(select_id))
        if _has_numbers(table, "share"):
            out[ticks_table(select_id)] = F.multiselect_bars(table, title=inst.multi_selects[select_id].title).figure
    for fig in out.values():
        plt.close(fig)  # shown on request (display), not by every later cell
    return out


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _has_numbers(table: pd.DataFrame, column: str) -> bool:
    """Whether a published table has anything to draw in ``column`` (not all hidden or 0)."""
    return (not table.empty and column in table.columns
            and (pd.to_numeric(table[column], errors="coerce") > 0).any())


def write_survey_report(report: SurveyReport, output_dir: str | Path) -> dict[str, Path]:
    """Publish the survey report: :func:`cpdresearch.report.write_report` under ``"survey"``.

    Examples
    --------
    >>> import tempfile
    >>> from cpdresearch import load_study, paths
    >>> report = build_survey_report(load_study(paths.DEMO_STUDY), figures=False)
    >>> written = write_survey_report(report, tempfile.mkdtemp())
    >>> written["tables/survey_items"].name, written["key_figures"].name
    ('survey_items.csv', 'key_figures.json')
    """
    return write_report(report, output_dir)


def reading_guide(report: SurveyReport) -> str:
    """The report's "How to read" list, written from the study's own scale and settings.

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> guide = reading_guide(build_survey_report(load_study(paths.DEMO_STUDY), figures=False))
    >>> "**c**" in guide and "Holm" in guide
    True
    """
    if not report.has_data:
        return ""
    scale = report.scale
    lines = ["## How to read this report", ""]
    blocks = report.results.blocks if report.results is not None else ()
    if len(blocks) > 1:
        lines.append("- **Mean rating**: each block of items has its own answer scale, given at the start of its "
                     "section; answers count as their number on that scale (1 for the first answer), and the mean "
                     "is the average answer.")
    elif scale is not None:
        first, last = scale.codes_[0], scale.codes_[-1]
        middle = (f"{scale.neutral} (*{escape_markdown(scale.label_of(scale.neutral))}*) is the middle of the scale"
                  if scale.neutral is not None else "the scale has no middle answer")
        lines.append(f"- **Mean rating**: staff answered each item from {first} (*{escape_markdown(scale.labels[0])}*) "
                     f"to {last} (*{escape_markdown(scale.labels[-1])}*); {middle}. The mean is the average answer.")
    lines.append("- **Percentages of ratings** are of the staff who gave a rating to that item. Staff who left it "
                 "blank, or chose an answer such as \"don't know\" or \"not applicable\" where the question "
                 "offers one, are counted in their own columns and are not part of the base.")
    lines.append("- **Response rates are counts, not estimates**: every member of staff was invited, so the number "
                 "who answered and the rate carry no confidence interval.")
    lines.append("- **95% confidence interval (CI)**: for results from those who answered (means, shares), the range "
                 "that allows for chance in having a limited number of answers, treating the answers as what staff in "
                 "these posts would say. The same rule is used everywhere: intervals are not narrowed for the size "
                 "of the workforce (a finite-population correction would assume that those who did not answer "
                 "would have answered like those who did). No interval allows for that difference: where the "
                 "response rate is low, read results with more caution than the interval suggests. Intervals for "
                 "means stop at the ends of the scale; for small groups the share in the upper levels of the scale "
                 "is the steadier figure.")
    lines.append("- **Median**: the middle answer, always an answer on the scale (the lower of the two middle "
                 "answers when they differ).")
    hidden = hidden_counts(report.min_cell)
    lines.append(f"- **c**: a number hidden to protect confidentiality: {hidden}, and anything that would let "
                 "you work them out from this report: a percentage, another cell of the same total (so that what "
                 f"is hidden of a total is at least {report.min_cell}), the mean, median and spread of a question "
                 "whose answers include a hidden count, and the number tested when a group was too small to "
                 "test. *Answers missing* is shown whatever its size, because it is the respondents minus the "
                 "answers, both shown; why they are missing is hidden when few. The same people show the same "
                 "count in every report of the study: a group's own report (one team, say) hides what the other "
                 "reports' tables hide for that group, so one report does not give away what another hides.")
    lines.append("- **Adjusted p-value**: many comparisons were made at once, so p-values are adjusted (Holm's "
                 "method) to keep chance findings out. We call a difference clear when the adjusted p-value is "
                 "below 0.05. The **effect size** says how big the difference is, which matters more than the "
                 "p-value; it gets a word (small, medium, large) only when the difference is clear, otherwise its "
                 "size is *unclear*, and *negligible* when it is too small to matter. A group is called highest "
                 "or lowest only when it differs clearly from every other group in pairwise comparisons.")
    return "\n".join(lines)

