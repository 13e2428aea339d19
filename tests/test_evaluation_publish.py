"""Disclosure control of the published evaluation tables, on every demo cohort."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cpdresearch as cpd
from cpdresearch.evaluation import analyse_evaluation, evaluation_key_figures, published_tables

MIN_CELL = 5
COUNTS = {
    "objective_change": ["n", "n_improved", "n_unchanged", "n_worse"],
    "courses": ["forms", "attended", "recommend_n", "recommend_yes", "recommend_no"],
    "followup": ["n", "n_kept", "n_fell"],
    "take_up": ["courses", "places", "attended", "forms"],
    "bookings": ["places", "attended", "cancelled", "late_cancelled", "no_show"],
    "charges": ["places", "attended", "cancelled", "late_cancellations", "no_shows"],
}


@pytest.fixture(scope="module")
def published(demo_dir):
    study = cpd.load_study(demo_dir)
    out = {}
    for cohort in ("all", "mash", "asye", "managers"):  # whole, team, career stage, role
        results = analyse_evaluation(study.cohort(cohort))
        tables = published_tables(results, min_cell=MIN_CELL)
        out[cohort] = (results, tables, evaluation_key_figures(results, tables, min_cell=MIN_CELL))
    return out


def _numbers(series):
    return pd.to_numeric(series, errors="coerce")


def test_no_small_count_is_published(published):
    for cohort, (_, tables, _) in published.items():
        for name, columns in COUNTS.items():
            for column in columns:
                values = _numbers(tables[name][column]) if column in tables[name] else pd.Series(dtype=float)
                small = values[(values >= 1) & (values < MIN_CELL)]
                # Numbers of courses are not people.
                assert column == "courses" or small.empty, (cohort, name, column, small.tolist())


def test_hidden_counts_cannot_be_recovered_from_the_row(published):
    for cohort, (_, tables, _) in published.items():
        oc = tables["objective_change"]
        for _, row in oc.iterrows():
            hidden = [c for c in ("n_improved", "n_unchanged", "n_worse") if row[c] == "c"]
            if row["n"] == "c":
                assert all(row[c] == "c" for c in ("mean_change", "p_value", "rank_biserial", "not_met")), cohort
                continue
            # Never exactly one hidden count beside a published total ...
            assert len(hidden) != 1, (cohort, row["course_id"], row["objective_no"])
            # ... no share of a hidden count, and no statistic that gives back the pairs that changed.
            for c in hidden:
                assert row["pct_" + c[2:]] == "c"
            if hidden:
                assert row["statistic"] == "c"
        courses = tables["courses"]
        for _, row in courses.iterrows():
            if "c" in (row["recommend_yes"], row["recommend_no"]):
                assert row["recommend_share"] == "c"
            share, forms, attended = (_numbers(pd.Series([row[c]])).iloc[0]
                                      for c in ("forms_returned_share", "forms", "attended"))
            if not np.isnan(share):
                assert not 1 <= attended - forms < MIN_CELL


def test_amounts_are_hidden_with_their_counts(published):
    for cohort, (_, tables, _) in published.items():
        charges = tables["charges"]
        for _, row in charges.iterrows():
            if "c" in (row["late_cancellations"], row["no_shows"]):
                assert row["late_and_no_show_amount"] == "c" and row["amount"] == "c", cohort
            if row["attended"] == "c":
                assert row["attended_amount"] == "c", cohort


def test_reasons_never_quote_a_hidden_share(published):
    _, tables, _ = published["all"]
    reasons = " ".join(tables["objective_change"]["reason"].astype(str))
    assert "%" not in reasons.replace("fewer than 50%", "")


def test_contract_tables_and_key_figures(published):
    results, tables, figures = published["all"]
    for name in ("objective_change", "courses", "courses_to_review", "followup", "take_up", "bookings", "charges"):
        assert name in tables
    assert {"course_id", "objective_no", "n", "pre_median", "post_median", "mean_change", "pct_improved",
            "statistic", "p_value", "p_holm", "rank_biserial", "not_met", "reason"} <= set(tables["objective_change"])
    assert figures["n_courses"] == results.n_courses == 9
    assert figures["n_forms"] == results.n_forms
    assert figures["n_objectives_not_met"] == int(tables["objective_change"]["not_met"].astype(bool).sum())
    assert figures["n_courses_to_review"] == len(tables["courses_to_review"])
    # The charges the key figure quotes are the published total row.
    charges = tables["charges"]
    total = charges[charges["course_id"] == "All courses"].iloc[0]
    assert figures["late_and_no_show_charges"] == float(total["late_and_no_show_amount"])
    # ... and equal the sum of every late cancellation and no-show charge.
    o = results.booking_outcomes
    assert figures["late_and_no_show_charges"] == o.loc[o["outcome"].isin(["late_cancelled", "no_show"]),
                                                       "charge"].sum()
    assert 0 < figures["recommend_share"] < 1


def test_cohort_without_bookings_columns_says_so(published):
    results, tables, figures = published["asye"]
    assert any("Bookings are not recorded by career stage" in n for n in results.notes)
    assert tables["charges"].empty and figures["late_and_no_show_charges"] is None
