"""Survey analysis: Likert items, reliability, group differences, multi-selects, the
working-vs-wished comparison, response rates and free text.

DataFrame in, tidy DataFrame out; :func:`analyse_survey` runs all of it for one cohort
and :func:`published_tables` applies disclosure control (see ``docs/survey.md``).

Examples
--------
>>> from cpdresearch import survey
>>> survey.QUADRANTS[0]
'expand'
"""
from __future__ import annotations

from .analysis import SurveyResults, analyse_survey
from .free_text import answer_terms, free_text_answers
from .groups import adjusted_group_differences, group_differences, nested_attributes
from .likert import likert_distribution, likert_summary, upper_levels
from .multiselect import co_occurrence, multiselect_differences, multiselect_summary
from .priorities import QUADRANTS, assign_quadrant, working_vs_wished
from .publish import published_tables, survey_key_figures
from .reporting import SurveyReport, build_survey_report, reading_guide, write_survey_report
from .reliability import block_reliability, item_reliability
from .response import finite_population_correction, response_cells, response_rates

__all__ = [
    "SurveyResults", "analyse_survey", "published_tables", "survey_key_figures",
    "likert_summary", "likert_distribution", "block_reliability", "item_reliability",
    "group_differences", "adjusted_group_differences", "nested_attributes", "upper_levels",
    "response_cells", "finite_population_correction", "multiselect_summary", "multiselect_differences", "co_occurrence",
    "QUADRANTS", "assign_quadrant", "working_vs_wished", "response_rates",
    "free_text_answers", "answer_terms",
    "SurveyReport", "build_survey_report", "write_survey_report", "reading_guide",
]
