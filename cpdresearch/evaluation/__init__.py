"""Training evaluation: confidence before and after each course objective, objectives not
met, lasting impact, recommend rates, take-up by format, bookings and charges.

DataFrame in, tidy DataFrame out; :func:`analyse_evaluation` runs all of it for one
cohort, :func:`published_tables` applies disclosure control and
:func:`build_evaluation_report` prepares notebook 03 (see ``docs/evaluation.md``).

Examples
--------
>>> from cpdresearch import evaluation
>>> evaluation.NotMetRule().min_share_improved
0.5
"""
from __future__ import annotations

from .analysis import EvaluationResults, analyse_evaluation
from .charges import (ChargingPolicy, bank_holidays, booking_outcomes, bookings_by_course,
                      charges_by_course_and_tier, working_days_notice)
from .coordination import coordinated_cells, forced_cells
from .courses import course_summary, form_change
from .followup import fading_courses, followup_change, followup_pairs
from .free_text import answer_terms, form_answers
from .objectives import NotMetRule, courses_to_review, mean_with_ci, objective_change
from .programme import course_effects, domain_change
from .publish import evaluation_key_figures, published_tables
from .ratings import objective_pairs, objective_ratings, rating_distribution, rating_labels
from .reporting import EvaluationReport, build_evaluation_report, write_evaluation_report
from .take_up import format_difference, take_up

__all__ = [
    "EvaluationResults", "analyse_evaluation", "published_tables", "evaluation_key_figures",
    "objective_pairs", "objective_ratings", "rating_distribution", "rating_labels",
    "NotMetRule", "objective_change", "courses_to_review", "mean_with_ci",
    "course_summary", "form_change", "course_effects", "domain_change",
    "followup_pairs", "followup_change", "fading_courses", "take_up", "format_difference",
    "ChargingPolicy", "bank_holidays", "working_days_notice", "booking_outcomes", "bookings_by_course",
    "charges_by_course_and_tier", "form_answers", "answer_terms",
    "EvaluationReport", "build_evaluation_report", "write_evaluation_report", "coordinated_cells", "forced_cells",
]
