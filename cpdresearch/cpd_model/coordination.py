"""Coordinated suppression of the CPD model's counts across the cohorts that split a study.

Each cohort's notebook sees only its own data, so a team cohort on its own would hide its
counts by its own lines only, and the same cell across the team cohorts could leave one
team hidden: the whole workforce's count minus the other teams' would give it back.
Here every cohort computes the same thing from the same whole study (``study.whole``):
the count tables of :data:`~cpdresearch.cpd_model.publish.COORDINATED` for the whole
study and for every *sibling*, one per value of each coordinated attribute (values that
have no cohort included). A cell of the same table, row and column across the siblings
of one attribute adds up to the whole study's cell: that is a line, protected like any
other (:func:`cpdresearch.report.protect_line`: no single hidden cell, hidden cells
adding up to at least ``min_cell``; a sibling's cell is hidden first, the whole study's
only when nothing else can protect the line). The cells hidden this way are handed to
each member's :func:`~cpdresearch.cpd_model.published_tables` as ``forced``, its own
rules re-protect its own lines, and the two steps repeat until nothing changes (hidden
cells only grow, so it ends). A cohort that is one value of one attribute publishes its
sibling's pattern; the whole-workforce cohort publishes the whole study's, so its tables
broken down by an attribute (the team plan by team, the career pathway by career stage)
hide what the cohorts of those groups hide. See docs/cpd_model.md, "Disclosure".

Examples
--------
>>> from cpdresearch import load_study, paths
>>> study = load_study(paths.DEMO_STUDY)
>>> cells = coordinated_cells(study)
>>> None in cells and all(isinstance(k, tuple) for k in cells if k is not None)
True
"""
from __future__ import annotations

import pandas as pd

from ..report.coordination import (BY_GROUP_ATTRIBUTES, attribute_values, coordinated_attributes,
                                   coordinated_family, forced_for, table_cells)
from .analysis import analyse_cpd_model
from .publish import ALL_ROW, COORDINATED, _tables

__all__ = ["BY_GROUP_ATTRIBUTES", "coordinated_attributes", "attribute_values", "count_cells", "hidden_cells",
           "coordinated_cells", "forced_cells"]

_CACHE: dict = {}


def _raw_tables(results) -> dict[str, pd.DataFrame]:
    r = results
    tables = {name: getattr(r, name) for name in ("team_plan", "organisation_plan", "preferred_methods",
                                                  "domain_coverage", "adaptive_needs", "career_pathway",
                                                  "stage_activities", "priority_areas")}
    cov = r.plan_coverage
    if r.has_plans and not cov.empty:
        cov = pd.concat([cov, pd.DataFrame({"team": [ALL_ROW], "staff_with_plans": [r.n_staff_with_plans],
                                            "headcount": [r.headcount]})], ignore_index=True)
    tables["plan_coverage"] = cov if r.has_plans else pd.DataFrame()
    tables["mix_70_20_10"] = r.mix[r.mix["source"] != "offered"] if not r.mix.empty else r.mix
    tables["evidence_matrix"] = r.evidence
    return tables


def count_cells(results) -> dict[str, dict]:
    """The unsuppressed counts of the coordinated tables: ``{table: {(row key, column):
    count}}`` (NaN where a table has no number).

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> results = analyse_cpd_model(load_study(paths.DEMO_STUDY), counts_only=True)
    >>> cells = count_cells(results)["plan_coverage"]
    >>> bool(cells[(("All",), "staff_with_plans")] == results.n_staff_with_plans)
    True
    """
    return table_cells(_raw_tables(results), COORDINATED)


def hidden_cells(tables: dict[str, pd.DataFrame]) -> dict[str, set]:
    """The coordinated cells a set of published tables shows as "c": ``{table: {(row key,
    column)}}``.

    Examples
    --------
    >>> hidden_cells({"domain_coverage": pd.DataFrame({"pcf_domain": [1, 2], "staff": ["c", 7]})})["domain_coverage"]
    {(('1',), 'staff')}
    """
    return table_cells(tables, COORDINATED, hidden=True)


def coordinated_cells(whole, *, min_cell: int | None = None, extra_attributes=(),
                      max_rounds: int = 50) -> dict:
    """The cells each member of the whole study's coordinated family hides before its own
    rules run: ``{member: {table: {(row key, column)}}}``, where a member is ``None`` (the
    whole study) or ``(attribute, value)`` (the study cut to that value); computed once
    per study and threshold (:func:`cpdresearch.report.coordination.coordinated_family`).

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> study = load_study(paths.DEMO_STUDY)
    >>> team = attribute_values(study, "team")[0]
    >>> forced = coordinated_cells(study)[("team", team)]
    >>> set(forced) <= set(COORDINATED), all(isinstance(cell, tuple) for cells in forced.values() for cell in cells)
    (True, True)
    """
    def count_tables(results, min_cell, forced):
        return _tables(results, min_cell=min_cell, forced=forced, derived=False)

    return coordinated_family(
        whole, spec=COORDINATED, analyse=lambda s: analyse_cpd_model(s, min_cell=min_cell, counts_only=True),
        raw_tables=_raw_tables, count_tables=count_tables, cache=_CACHE, min_cell=min_cell,
        extra_attributes=extra_attributes, max_rounds=max_rounds)


def forced_cells(study, *, min_cell: int | None = None) -> dict | None:
    """What ``study`` hides before its own rules run, as its place in the whole study's
    coordinated family gives it: the whole study's cells for the whole study (or a cohort
    with an empty filter), a sibling's for a cohort that is one value of one attribute,
    ``None`` (its own lines only) for any other cohort.

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> study = load_study(paths.DEMO_STUDY)
    >>> team = attribute_values(study, "team")[0]
    >>> forced_cells(study.subset({"team": team})) == coordinated_cells(study)[("team", team)]
    True
    """
    return forced_for(study, coordinated_cells, min_cell=min_cell)
