"""The whole training-evaluation analysis of one cohort, as notebook 03 publishes it.

:func:`analyse_evaluation` computes every table from a (cohort-filtered) study;
:func:`cpdresearch.evaluation.published_tables` applies disclosure control.

A cohort filter applies to every dataset with the filtered column (``study.cohort``).
Forms carry the delegate's team, role and career stage; follow-ups are the cohort's own
when they name the delegate's form; bookings are used only when they carry every column
the cohort is filtered on (otherwise they would describe everyone, and a note says so).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .charges import ChargingPolicy, booking_outcomes, bookings_by_course, charges_by_course_and_tier
from .courses import course_summary, form_change
from .followup import fading_courses, followup_change, followup_pairs
from .free_text import answer_terms, form_answers
from .objectives import NotMetRule, courses_to_review, objective_change
from .programme import course_effects, domain_change
from .ratings import objective_pairs, rating_distribution, rating_labels
from .take_up import format_difference, take_up

__all__ = ["EvaluationResults", "analyse_evaluation"]


@dataclass
class EvaluationResults:
    """Every table of the evaluation analysis of one cohort (unsuppressed; never published as is).

    Tables that could not be computed are empty DataFrames, never ``None``.
    """

    n_forms: int = 0
    n_courses: int = 0
    min_group: int = 10
    labels: list = field(default_factory=list)
    rule: NotMetRule = field(default_factory=NotMetRule)
    courses: pd.DataFrame = field(default_factory=pd.DataFrame)
    objectives: pd.DataFrame = field(default_factory=pd.DataFrame)
    pairs: pd.DataFrame = field(default_factory=pd.DataFrame)
    objective_change: pd.DataFrame = field(default_factory=pd.DataFrame)
    distribution: pd.DataFrame = field(default_factory=pd.DataFrame)
    course_summary: pd.DataFrame = field(default_factory=pd.DataFrame)
    courses_to_review: pd.DataFrame = field(default_factory=pd.DataFrame)
    course_effects: pd.DataFrame = field(default_factory=pd.DataFrame)
    model_terms: pd.DataFrame = field(default_factory=pd.DataFrame)
    domains: pd.DataFrame = field(default_factory=pd.DataFrame)
    followup: pd.DataFrame = field(default_factory=pd.DataFrame)
    fading: pd.DataFrame = field(default_factory=pd.DataFrame)
    take_up: pd.DataFrame = field(default_factory=pd.DataFrame)
    format_difference: pd.DataFrame = field(default_factory=pd.DataFrame)
    booking_outcomes: pd.DataFrame = field(default_factory=pd.DataFrame)
    bookings: pd.DataFrame = field(default_factory=pd.DataFrame)
    charges: pd.DataFrame = field(default_factory=pd.DataFrame)
    answers: pd.DataFrame = field(default_factory=pd.DataFrame)
    terms: pd.DataFrame = field(default_factory=pd.DataFrame)
    notes: list = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        """Whether the cohort returned any course form."""
        return self.n_forms > 0


def analyse_evaluation(study, *, rule: NotMetRule | None = None, padjust: str = "holm", level: float = 0.95,
                       holidays=None, top_terms: int = 15, counts_only: bool = False) -> EvaluationResults:
    """Run the training-evaluation analysis of a (cohort-filtered) study.

    Parameters
    ----------
    study : cpdresearch.study.Study
        With ``courses``, ``objectives`` and ``evaluations``; ``followup``,
        ``bookings`` and ``known_names`` are used when present.
    rule : NotMetRule, optional
        Default: the study's ``evaluation.not_met`` settings.
    padjust : str
        Adjustment across the objectives of each course.
    level : float
        Level of every interval.
    holidays : array-like of dates, optional
        Non-working days for the late-cancellation rule (default England and Wales bank holidays).
    top_terms : int
        Frequent terms listed per free-text question.
    counts_only : bool, default False
        Only what decides which counts the published tables hide (for coordinated
        suppression across cohorts): no tests, course effects, format difference,
        fading courses or free text; test columns are missing.

    Returns
    -------
    EvaluationResults
        ``has_data`` False when the study has no evaluations or the cohort no forms.
    """
    forms = study.evaluations
    res = EvaluationResults(min_group=study.min_group)
    if forms is None or study.courses is None or forms.empty:
        res.notes.append("This study has no training evaluation forms for this cohort.")
        return res
    res.rule = rule or NotMetRule.from_settings(study.settings)
    res.labels = rating_labels(forms)
    res.n_forms = len(forms)
    used = set(forms["course_id"].dropna())
    res.courses = study.courses[study.courses["course_id"].isin(used)].reset_index(drop=True)
    res.n_courses = len(res.courses)
    if study.objectives is not None:
        res.objectives = study.objectives[study.objectives["course_id"].isin(used)].reset_index(drop=True)
    res.pairs = objective_pairs(forms)
    res.objective_change = objective_change(res.pairs, labels=res.labels, rule=res.rule, padjust=padjust,
                                            level=level, tests=not counts_only)
    res.courses_to_review = courses_to_review(res.objective_change, courses=res.courses)
    res.distribution = rating_distribution(res.pairs, labels=res.labels)

    filt = dict(study.filter)
    bookings = study.bookings
    lacking = [c.replace("_", " ") for c in filt if bookings is not None and c not in bookings.columns]
    attendance = None
    if bookings is not None and lacking:
        res.notes.append(f"Bookings are not recorded by {', '.join(lacking)}, so attendance, cancellations and "
                         "charges cannot be given for this cohort.")
    elif bookings is not None:
        bookings = bookings[bookings["course_id"].isin(used)]
        policy = ChargingPolicy.from_settings(study.settings)
        res.booking_outcomes = booking_outcomes(bookings, courses=study.courses, policy=policy, holidays=holidays)
        if len(res.booking_outcomes):
            res.bookings = bookings_by_course(res.booking_outcomes)
            res.charges = charges_by_course_and_tier(res.booking_outcomes)
            attendance = res.bookings
        differs = int(res.booking_outcomes["status_differs"].sum()) if len(res.booking_outcomes) else 0
        if differs:
            res.notes.append(f"For {'one cancellation' if differs == 1 else f'{differs} cancellations'} the "
                             "status recorded in the bookings file disagrees with the dates (counting weekends and "
                             "bank holidays); this report follows the dates.")

    res.course_summary = course_summary(forms, pairs=res.pairs, attendance=attendance, courses=res.courses,
                                        level=level)
    per_form = form_change(res.pairs)
    res.take_up = take_up(res.courses, attendance=attendance, form_change=per_form, level=level)
    if not counts_only:
        res.format_difference = format_difference(per_form, courses=res.courses, min_group=study.min_group)
        res.course_effects, res.model_terms = course_effects(res.pairs, level=level)
    res.domains = domain_change(res.pairs, objectives=res.objectives, level=level)

    fu_pairs = followup_pairs(study.followup, forms=forms)
    if study.followup is not None and "response_id" not in study.followup.columns:
        res.notes.append("The follow-up forms do not name the delegate's original form, so lasting impact "
                         "cannot be measured.")
    res.followup = followup_change(fu_pairs, alpha=res.rule.alpha, padjust=padjust, level=level,
                                   tests=not counts_only)
    if counts_only:
        return res
    res.fading = fading_courses(res.followup, courses=res.courses)

    res.answers = form_answers(forms, known_names=study.known_names, field_terms=study.field_terms())
    res.terms = answer_terms(res.answers, top=top_terms)
    return res
