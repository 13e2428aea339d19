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


# -- coordinated suppression across cohorts ---------------------------------------------------

@pytest.fixture(scope="module")
def demo_study(demo_dir):
    return cpd.load_study(demo_dir)


def _siblings(study, attribute="team"):
    from cpdresearch.report.coordination import attribute_values

    return {value: study.subset({attribute: value}) for value in attribute_values(study, attribute)}


def _exposed_lines(study, forced_of) -> list:
    """Cells (table, row key, column) where the teams' published cells add up to the whole
    workforce's published cell and exactly one team's is hidden, or the hidden ones add up
    to 1 to min_cell - 1: the whole minus the other teams would give them back."""
    from cpdresearch.evaluation.coordination import count_cells, hidden_cells
    from cpdresearch.evaluation.publish import _count_tables

    members = {None: study, **_siblings(study)}
    results = {m: analyse_evaluation(s, counts_only=True) for m, s in members.items()}
    raw = {m: count_cells(r) for m, r in results.items()}
    hidden = {m: hidden_cells(_count_tables(r, MIN_CELL, forced_of(s)) if r.has_data else {})
              for (m, r), s in zip(results.items(), members.values())}
    teams = [m for m in members if m is not None]
    exposed = []
    for name, cells in raw[None].items():
        for cell, total in cells.items():
            if np.isnan(total) or cell in hidden[None][name]:
                continue
            values = np.nan_to_num([raw[t][name].get(cell, 0.0) for t in teams])
            if values.sum() != total:
                continue
            shut = [t for t in teams if cell in hidden[t].get(name, set())]
            if len(shut) == 1 or 0 < sum(raw[t][name][cell] for t in shut) < MIN_CELL:
                exposed.append((name, cell, shut))
    return exposed


def test_no_evaluation_cell_is_the_whole_minus_the_other_teams(demo_study):
    """Coordinated: every team's published cells and the whole workforce's leave no hidden count alone."""
    from cpdresearch.evaluation import forced_cells

    assert _exposed_lines(demo_study, forced_cells) == []


def test_without_coordination_a_team_cell_is_the_whole_minus_the_others(demo_study):
    """The check above is not blind: each team hiding by its own lines only leaves cells exposed."""
    assert _exposed_lines(demo_study, lambda study: None)


def test_a_team_publishes_the_pattern_the_wholes_family_gives_it(demo_study):
    """A team cohort's forced cells are its sibling's in the whole study's family, its report hides
    them (the full analysis hides what the light one used by the family does), and the whole
    workforce's report hides the whole study's."""
    from cpdresearch.evaluation import build_evaluation_report, coordinated_cells, forced_cells
    from cpdresearch.evaluation.coordination import hidden_cells
    from cpdresearch.evaluation.publish import _count_tables

    family = coordinated_cells(demo_study)
    team_cohorts = [c for c in demo_study.cohorts if set(c.filter) == {"team"}]
    assert any(family[("team", str(c.filter["team"]))] for c in team_cohorts)
    for cohort in team_cohorts:
        study = demo_study.cohort(cohort.name)
        forced = forced_cells(study)
        assert forced == family[("team", str(cohort.filter["team"]))]
        report = build_evaluation_report(study, figures=False)
        shown = hidden_cells(report.tables)
        light = hidden_cells(_count_tables(analyse_evaluation(study, counts_only=True), MIN_CELL, forced))
        assert shown == light, cohort.name
        for name, cells in forced.items():
            assert cells <= shown[name], (cohort.name, name)
    assert forced_cells(demo_study) == family[None]
    assert forced_cells(demo_study.subset({"team": str(team_cohorts[0].filter["team"]), "role": "x"})) is None


def test_domains_hide_the_delegates_the_cpd_model_hides(demo_study):
    """``domains.n`` and the CPD model's ``evidence_matrix.change_n`` are the same delegates per PCF
    domain: every member of the family hides the same ones in both."""
    from cpdresearch.cpd_model.coordination import coordinated_cells as cpd_cells
    from cpdresearch.evaluation import coordinated_cells

    evaluation, model = coordinated_cells(demo_study), cpd_cells(demo_study)
    assert set(evaluation) == set(model)
    for member in evaluation:
        ours = {key for key, column in evaluation[member].get("domains", set())}
        theirs = {key for key, column in model[member].get("evidence_matrix", set()) if column == "change_n"}
        assert ours == theirs, member
    assert any(evaluation[m].get("domains") for m in evaluation)


def test_a_forced_total_of_forms_is_not_published_as_a_key_figure(demo_study):
    results = analyse_evaluation(demo_study, counts_only=True)
    tables = published_tables(results, min_cell=MIN_CELL, forced={"courses": {(("All courses",), "forms")}})
    assert tables["courses"]["forms"].iloc[-1] == "c"
    assert evaluation_key_figures(results, tables, min_cell=MIN_CELL)["n_forms"] is None
