"""Coordinated suppression of the evaluation's counts across the cohorts that split a study.

A team cohort's notebook sees only its team's forms and bookings, so on its own it would
hide its counts by its own lines only, and the same cell (a course's late cancellations,
a PCF domain's delegates) across the team cohorts could leave one team hidden: the whole
workforce's count minus the other teams' would give it back. Here every cohort computes
the same thing from the same whole study, with :func:`cpdresearch.report.coordination.coordinate`:
the counts of :data:`~cpdresearch.evaluation.publish.COORDINATED` for the whole study and
for every sibling (one per value of each coordinated attribute), each cell across the
siblings of one attribute protected as a line whose total is the whole study's cell,
the cells hidden that way handed to each member's
:func:`~cpdresearch.evaluation.published_tables` as ``forced``, and the two steps repeated
until nothing changes. A cohort that is one value of one attribute publishes its
sibling's pattern, the whole-workforce cohort the whole study's. The family (the whole
study and the same siblings) and the line rule are those of the CPD model, so the
delegates per PCF domain (``domains.n`` here, ``evidence_matrix.change_n`` there) are
hidden alike in both reports. See docs/evaluation.md, "Disclosure control".

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

from ..report.coordination import coordinated_family, forced_for, table_cells
from .analysis import analyse_evaluation
from .publish import COORDINATED, TOTAL, TOTAL_TIER, _count_tables

__all__ = ["count_cells", "hidden_cells", "coordinated_cells", "forced_cells"]

_CACHE: dict = {}


def _raw_tables(r) -> dict[str, pd.DataFrame]:
    """The unsuppressed count tables, with the rows and columns the published ones have."""
    out = {"objective_change": r.objective_change, "take_up": r.take_up, "domains": r.domains,
           "rating_distribution": r.distribution}
    fu = r.followup
    out["followup"] = fu.assign(n_fell=fu["n"] - fu["n_kept"]) if not fu.empty else fu
    cs = r.course_summary
    if not cs.empty:
        cs = cs.assign(recommend_no=cs["recommend_n"] - cs["recommend_yes"])
        total = {"course_id": TOTAL, **{c: cs[c].sum() for c in ("forms", "recommend_yes", "recommend_no",
                                                                 "recommend_n")}}
        cs = pd.concat([cs, pd.DataFrame([total])], ignore_index=True)
    out["courses"] = cs
    b = r.bookings
    if not b.empty:
        columns = COORDINATED["bookings"][1]
        b = pd.concat([b, pd.DataFrame([{"course_id": TOTAL, **{c: b[c].sum() for c in columns}}])],
                      ignore_index=True)
    out["bookings"] = b
    ch = r.charges
    if not ch.empty:
        o = r.booking_outcomes
        cancelled = o["outcome"].eq("cancelled").groupby([o["course_id"], o["organisation_tier"]],
                                                         observed=True).sum()
        index = pd.MultiIndex.from_arrays([ch["course_id"], ch["organisation_tier"]])
        ch = ch.assign(cancelled=cancelled.reindex(index).fillna(0).to_numpy(),
                       organisation_tier=ch["organisation_tier"].astype(object))
        columns = COORDINATED["charges"][1]
        ch = pd.concat([ch, pd.DataFrame([{"course_id": TOTAL, "organisation_tier": TOTAL_TIER,
                                           **{c: ch[c].sum() for c in columns}}])], ignore_index=True)
    out["charges"] = ch
    return out


def count_cells(results) -> dict[str, dict]:
    """The unsuppressed counts of the coordinated tables: ``{table: {(row key, column):
    count}}`` (NaN where a table has no number).

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> results = analyse_evaluation(load_study(paths.DEMO_STUDY), counts_only=True)
    >>> bool(count_cells(results)["courses"][(("All courses",), "forms")] == results.n_forms)
    True
    """
    return table_cells(_raw_tables(results), COORDINATED)


def hidden_cells(tables: dict[str, pd.DataFrame]) -> dict[str, set]:
    """The coordinated cells a set of published tables shows as "c": ``{table: {(row key,
    column)}}``.

    Examples
    --------
    >>> hidden_cells({"domains": pd.DataFrame({"pcf_domain": [1, 2], "n": ["c", 7]})})["domains"]
    {(('1',), 'n')}
    """
    return table_cells(tables, COORDINATED, hidden=True)


def coordinated_cells(whole, *, min_cell: int | None = None, extra_attributes=(), max_rounds: int = 50) -> dict:
    """The cells each member of the whole study's coordinated family hides before its own
    rules run: ``{member: {table: {(row key, column)}}}``, where a member is ``None`` (the
    whole study) or ``(attribute, value)`` (the study cut to that value); computed once
    per study and threshold (:func:`cpdresearch.report.coordination.coordinated_family`).

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> from cpdresearch.report.coordination import attribute_values
    >>> study = load_study(paths.DEMO_STUDY)
    >>> team = attribute_values(study, "team")[0]
    >>> forced = coordinated_cells(study)[("team", team)]
    >>> set(forced) <= set(COORDINATED)
    True
    """
    return coordinated_family(
        whole, spec=COORDINATED, analyse=lambda s: analyse_evaluation(s, counts_only=True), raw_tables=_raw_tables,
        count_tables=lambda r, m, forced: _count_tables(r, m, forced) if r.has_data else {}, cache=_CACHE,
        min_cell=min_cell, extra_attributes=extra_attributes, max_rounds=max_rounds)


def forced_cells(study, *, min_cell: int | None = None) -> dict | None:
    """What ``study`` hides before its own rules run, as its place in the whole study's
    coordinated family gives it: the whole study's cells for the whole study (or a cohort
    with an empty filter), a sibling's for a cohort that is one value of one attribute,
    ``None`` (its own lines only) for any other cohort.

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> from cpdresearch.report.coordination import attribute_values
    >>> study = load_study(paths.DEMO_STUDY)
    >>> team = attribute_values(study, "team")[0]
    >>> forced_cells(study.subset({"team": team})) == coordinated_cells(study)[("team", team)]
    True
    """
    return forced_for(study, coordinated_cells, min_cell=min_cell)
