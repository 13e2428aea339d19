"""Learning plans: from individual learning development plans (LDPs) to a team training
plan and an organisation-wide plan.

The unit is a *staff need*: one member of staff who needs one topic. A member of staff who
listed the same topic twice (in supervision and again at appraisal) counts once, at the
highest priority they gave it and with the learning method of that need. Every count in
the plans is a count of staff, so ``high + medium + low = staff`` on every row.

A topic's **priority score** is the sum of its staff needs' points by priority (default
high 3, medium 2, low 1; ``cpd_model.priority_points`` in ``study.yml``); topics are
ranked by score (ties share the better rank), then by staff, then by name.

Examples
--------
>>> import pandas as pd
>>> needs = pd.DataFrame({"staff_id": ["S1", "S1", "S2", "S3"], "team": ["A", "A", "A", "B"],
...     "topic": ["Court skills", "Court skills", "Court skills", "Court skills"], "pcf_domain": [8, 8, 8, 8],
...     "priority": ["low", "high", "medium", "high"], "preferred_method": ["formal", "social", "formal", "formal"],
...     "career_stage": ["X", "X", "Y", "X"], "source": ["appraisal"] * 4})
>>> organisation_plan(needs)[["topic", "staff", "teams", "high", "medium", "low", "score", "rank"]].to_dict("records")
[{'topic': 'Court skills', 'staff': 3, 'teams': 2, 'high': 2, 'medium': 1, 'low': 0, 'score': 8.0, 'rank': 1}]
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..frameworks import LEARNING_CATEGORIES, PCF_DOMAINS
from .settings import PRIORITY_POINTS

__all__ = ["PRIORITIES", "ADAPTIVE_SOURCES", "staff_needs", "team_plan", "organisation_plan", "plan_coverage",
           "domain_coverage", "preferred_methods", "commissioning_list", "adaptive_needs"]

#: Priorities from the most to the least urgent.
PRIORITIES: tuple[str, ...] = ("high", "medium", "low")

#: Sources of needs that tell the model to adapt (not raised by the member of staff).
ADAPTIVE_SOURCES: tuple[str, ...] = ("practice_review", "audit", "complaint")

_TEAM_COLUMNS = ["team", "topic", "pcf_domain", "domain", "staff", "high", "medium", "low", "score", "rank"]
_ORG_COLUMNS = ["topic", "pcf_domain", "domain", "staff", "teams", "high", "medium", "low", "score", "rank"]


def _text(series: pd.Series) -> pd.Series:
    return series.astype(object).where(series.notna(), None)


def staff_needs(needs: pd.DataFrame) -> pd.DataFrame:
    """One row per member of staff and topic: their highest priority for it and its method.

    Parameters
    ----------
    needs : pandas.DataFrame
        ``study.learning_needs``: ``staff_id, team, topic, pcf_domain, priority,
        preferred_method`` (and ``career_stage``, ``role``, ``source`` when present).

    Returns
    -------
    pandas.DataFrame
        The same columns, one row per ``(staff_id, team, topic, pcf_domain)``; the row kept
        is the staff member's most urgent need for the topic (first listed among equals).

    Examples
    --------
    >>> needs = pd.DataFrame({"staff_id": ["S1", "S1"], "team": "A", "topic": "T", "pcf_domain": 5,
    ...                       "priority": ["low", "high"], "preferred_method": ["formal", "social"]})
    >>> staff_needs(needs)[["staff_id", "priority", "preferred_method"]].to_dict("records")
    [{'staff_id': 'S1', 'priority': 'high', 'preferred_method': 'social'}]
    """
    keys = ["staff_id", "team", "topic", "pcf_domain"]
    data = needs.assign(_urgency=needs["priority"].astype(object).map({p: i for i, p in enumerate(PRIORITIES)}),
                        _order=np.arange(len(needs)))
    data = data.sort_values(["_urgency", "_order"], kind="stable")
    out = data.drop_duplicates(keys, keep="first").sort_values("_order", kind="stable")
    out = out.drop(columns=["_urgency", "_order"]).reset_index(drop=True)
    out["priority"] = out["priority"].astype(object)
    out["preferred_method"] = out["preferred_method"].astype(object)
    return out


def _score(table: pd.DataFrame, points: dict) -> pd.Series:
    return sum(table[p].astype(float) * float(points.get(p, PRIORITY_POINTS[p])) for p in PRIORITIES)


def _rank(table: pd.DataFrame, within: list[str]) -> pd.DataFrame:
    """Sort by score, staff (both descending) and topic; rank = 1 + rows with a higher score."""
    table = table.sort_values([*within, "score", "staff", "topic"], ascending=[True] * len(within) + [False, False, True],
                              kind="stable")
    if within:
        table["rank"] = table.groupby(within, observed=True, sort=False)["score"].rank(
            method="min", ascending=False).astype("int64")
    else:
        table["rank"] = table["score"].rank(method="min", ascending=False).astype("int64")
    return table.reset_index(drop=True)


def _counts(units: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    counts = pd.crosstab([units[k] for k in keys], units["priority"]).reindex(columns=list(PRIORITIES), fill_value=0)
    counts.columns.name = None
    counts["staff"] = counts[list(PRIORITIES)].sum(axis=1)
    return counts.reset_index()


def team_plan(needs: pd.DataFrame, *, points: dict | None = None) -> pd.DataFrame:
    """The team training plan: for each team, each topic its staff need, ranked.

    Parameters
    ----------
    needs : pandas.DataFrame
        ``study.learning_needs`` (one row per need).
    points : dict, optional
        Points per priority for the score (default high 3, medium 2, low 1).

    Returns
    -------
    pandas.DataFrame
        ``team, topic, pcf_domain, domain, staff, high, medium, low, score, rank``: one row
        per team and topic; ``high``/``medium``/``low`` count staff by the priority they
        gave the topic (so they add up to ``staff``); ``rank`` is within the team. Teams
        come in the study's order (the column's categories), then by rank.

    Examples
    --------
    >>> needs = pd.DataFrame({"staff_id": ["S1", "S2", "S2", "S3"], "team": ["A", "A", "A", "B"],
    ...     "topic": ["T1", "T1", "T2", "T2"], "pcf_domain": [5, 5, 7, 7],
    ...     "priority": ["high", "low", "medium", "high"], "preferred_method": "formal"})
    >>> team_plan(needs)[["team", "topic", "staff", "high", "low", "score", "rank"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'team': 'A', 'topic': 'T1', 'staff': 2, 'high': 1, 'low': 1, 'score': 4.0, 'rank': 1},
     {'team': 'A', 'topic': 'T2', 'staff': 1, 'high': 0, 'low': 0, 'score': 2.0, 'rank': 2},
     {'team': 'B', 'topic': 'T2', 'staff': 1, 'high': 1, 'low': 0, 'score': 3.0, 'rank': 1}]
    """
    points = points or PRIORITY_POINTS
    if needs is None or needs.empty:
        return pd.DataFrame(columns=_TEAM_COLUMNS)
    units = staff_needs(needs)
    units = units.assign(team=units["team"].astype(object))
    table = _counts(units, ["team", "topic", "pcf_domain"])
    table["pcf_domain"] = table["pcf_domain"].astype("int64")
    table["domain"] = table["pcf_domain"].map(PCF_DOMAINS)
    table["score"] = _score(table, points)
    order = (list(needs["team"].cat.categories) if isinstance(needs["team"].dtype, pd.CategoricalDtype)
             else list(dict.fromkeys(units["team"])))
    table["team"] = pd.Categorical(table["team"], categories=[t for t in order if t in set(table["team"])],
                                   ordered=True)
    table = _rank(table, ["team"])
    table["team"] = table["team"].astype(object)
    return table[_TEAM_COLUMNS]


def organisation_plan(needs: pd.DataFrame, *, points: dict | None = None) -> pd.DataFrame:
    """The organisation-wide plan: each topic across teams, ranked.

    Returns
    -------
    pandas.DataFrame
        ``topic, pcf_domain, domain, staff, teams, high, medium, low, score, rank``;
        ``teams`` is how many teams have at least one member of staff needing the topic.
        Staff are counted once per topic even if they appear in two teams.

    Examples
    --------
    >>> needs = pd.DataFrame({"staff_id": ["S1", "S2", "S3"], "team": ["A", "B", "B"], "topic": ["T1", "T1", "T2"],
    ...     "pcf_domain": [5, 5, 7], "priority": ["high", "low", "high"], "preferred_method": "formal"})
    >>> organisation_plan(needs)[["topic", "staff", "teams", "score", "rank"]].to_dict("records")
    [{'topic': 'T1', 'staff': 2, 'teams': 2, 'score': 4.0, 'rank': 1}, {'topic': 'T2', 'staff': 1, 'teams': 1, 'score': 3.0, 'rank': 2}]
    """
    points = points or PRIORITY_POINTS
    if needs is None or needs.empty:
        return pd.DataFrame(columns=_ORG_COLUMNS)
    units = staff_needs(needs)
    teams = units.groupby(["topic", "pcf_domain"], observed=True)["team"].nunique().rename("teams")
    # staff in two teams: count once per topic, at their highest priority
    once = staff_needs(units.assign(team="*"))
    table = _counts(once, ["topic", "pcf_domain"]).merge(teams.reset_index(), on=["topic", "pcf_domain"])
    table["pcf_domain"] = table["pcf_domain"].astype("int64")
    table["domain"] = table["pcf_domain"].map(PCF_DOMAINS)
    table["teams"] = table["teams"].astype("int64")
    table["score"] = _score(table, points)
    return _rank(table, [])[_ORG_COLUMNS]


def plan_coverage(needs: pd.DataFrame | None, workforce: pd.DataFrame | None, *, by: str = "team") -> pd.DataFrame:
    """Staff with a learning development plan against staff in post, by team.

    Parameters
    ----------
    needs : pandas.DataFrame
        ``study.learning_needs``.
    workforce : pandas.DataFrame or None
        ``study.workforce`` (``headcount`` by team and maybe role), already filtered to
        the cohort. Without it ``headcount`` and ``share`` are missing.
    by : str, default "team"

    Returns
    -------
    pandas.DataFrame
        ``team, staff_with_plans, headcount, share`` (one row per team in the workforce
        or the plans, in the study's order).

    Examples
    --------
    >>> needs = pd.DataFrame({"staff_id": ["S1", "S1", "S2"], "team": ["A", "A", "B"]})
    >>> wf = pd.DataFrame({"team": ["A", "B"], "headcount": [10, 4]})
    >>> plan_coverage(needs, wf).to_dict("records")
    [{'team': 'A', 'staff_with_plans': 1, 'headcount': 10, 'share': 0.1}, {'team': 'B', 'staff_with_plans': 1, 'headcount': 4, 'share': 0.25}]
    """
    columns = [by, "staff_with_plans", "headcount", "share"]
    if needs is None or needs.empty or by not in needs.columns:
        return pd.DataFrame(columns=columns)
    staff = needs.assign(**{by: needs[by].astype(object)}).groupby(by)["staff_id"].nunique()
    order = list(needs[by].cat.categories) if isinstance(needs[by].dtype, pd.CategoricalDtype) else []
    if workforce is not None and by in workforce.columns:
        heads = workforce.assign(**{by: workforce[by].astype(object)}).groupby(by)["headcount"].sum()
    else:
        heads = pd.Series(dtype="float64")
    groups = [g for g in dict.fromkeys([*order, *heads.index, *staff.index]) if g in staff.index or g in heads.index]
    out = pd.DataFrame({by: groups})
    out["staff_with_plans"] = staff.reindex(groups).fillna(0).astype("int64").to_numpy()
    out["headcount"] = heads.reindex(groups).to_numpy() if len(heads) else np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        share = out["staff_with_plans"] / pd.to_numeric(out["headcount"], errors="coerce")
    out["share"] = share.where(pd.to_numeric(out["headcount"], errors="coerce") > 0)
    if len(heads):
        out["headcount"] = out["headcount"].astype("Int64")
    return out[columns]


def domain_coverage(needs: pd.DataFrame, *, headcount: float | None = None) -> pd.DataFrame:
    """Staff with a need in each PCF domain, as a share of staff with plans and of staff in post.

    Parameters
    ----------
    needs : pandas.DataFrame
        ``study.learning_needs``.
    headcount : float, optional
        Staff in post in the cohort (from ``workforce.csv``); without it
        ``share_of_workforce`` is missing.

    Returns
    -------
    pandas.DataFrame
        ``pcf_domain, domain, staff, staff_with_plans, share_of_planned, headcount,
        share_of_workforce``: one row per PCF domain (all nine, 0 where nobody has a need).

    Examples
    --------
    >>> needs = pd.DataFrame({"staff_id": ["S1", "S1", "S2"], "pcf_domain": [5, 5, 7]})
    >>> t = domain_coverage(needs, headcount=20)
    >>> t.loc[t["pcf_domain"] == 5, ["staff", "share_of_planned", "share_of_workforce"]].to_dict("records")
    [{'staff': 1, 'share_of_planned': 0.5, 'share_of_workforce': 0.05}]
    """
    domains = list(PCF_DOMAINS)
    out = pd.DataFrame({"pcf_domain": domains, "domain": [PCF_DOMAINS[d] for d in domains]})
    if needs is None or needs.empty:
        staff, planned = pd.Series(0, index=domains), 0
    else:
        staff = needs.groupby(needs["pcf_domain"].astype("int64"))["staff_id"].nunique().reindex(domains, fill_value=0)
        planned = int(needs["staff_id"].nunique())
    out["staff"] = staff.to_numpy().astype("int64")
    out["staff_with_plans"] = planned
    out["share_of_planned"] = out["staff"] / planned if planned else np.nan
    out["headcount"] = headcount if headcount is not None else np.nan
    out["share_of_workforce"] = out["staff"] / headcount if headcount else np.nan
    return out


def preferred_methods(needs: pd.DataFrame) -> pd.DataFrame:
    """How the staff who need each topic prefer to learn it (70:20:10 categories).

    Returns
    -------
    pandas.DataFrame
        ``topic, pcf_domain, staff, experiential, social, formal, top_method,
        top_share``: staff needs by preferred method (adding up to ``staff``), the most
        preferred method and its share; topics in the organisation plan's order is up to
        the caller (here: most staff first).

    Examples
    --------
    >>> needs = pd.DataFrame({"staff_id": ["S1", "S2", "S3"], "team": "A", "topic": "T", "pcf_domain": 5,
    ...                       "priority": "high", "preferred_method": ["social", "social", "formal"]})
    >>> preferred_methods(needs)[["topic", "staff", "social", "formal", "top_method"]].to_dict("records")
    [{'topic': 'T', 'staff': 3, 'social': 2, 'formal': 1, 'top_method': 'social'}]
    """
    methods = list(LEARNING_CATEGORIES)
    columns = ["topic", "pcf_domain", "staff", *methods, "top_method", "top_share"]
    if needs is None or needs.empty:
        return pd.DataFrame(columns=columns)
    units = staff_needs(needs)
    units = staff_needs(units.assign(team="*"))
    counts = pd.crosstab([units["topic"], units["pcf_domain"]], units["preferred_method"]).reindex(
        columns=methods, fill_value=0)
    counts.columns.name = None
    counts["staff"] = counts[methods].sum(axis=1)
    counts["top_method"] = counts[methods].idxmax(axis=1)
    counts["top_share"] = counts[methods].max(axis=1) / counts["staff"]
    out = counts.reset_index()
    out["pcf_domain"] = out["pcf_domain"].astype("int64")
    return out.sort_values(["staff", "topic"], ascending=[False, True], ignore_index=True)[columns]


def commissioning_list(organisation: pd.DataFrame, *, methods: pd.DataFrame, min_staff: int = 10,
                       min_teams: int = 1) -> pd.DataFrame:
    """Topics whose demand passes the study's threshold: what to commission, by which method.

    Parameters
    ----------
    organisation : pandas.DataFrame
        From :func:`organisation_plan`.
    methods : pandas.DataFrame
        From :func:`preferred_methods`.
    min_staff, min_teams : int
        A topic is listed when at least ``min_staff`` staff in at least ``min_teams``
        teams need it (``cpd_model.commissioning`` in ``study.yml``).

    Returns
    -------
    pandas.DataFrame
        The organisation plan's rows that pass, in rank order, with ``top_method`` and
        ``top_share``.

    Examples
    --------
    >>> org = pd.DataFrame({"topic": ["T1", "T2"], "pcf_domain": [5, 7], "staff": [12, 4], "teams": [3, 1],
    ...                     "score": [30.0, 9.0], "rank": [1, 2]})
    >>> m = pd.DataFrame({"topic": ["T1", "T2"], "pcf_domain": [5, 7], "top_method": ["social", "formal"],
    ...                   "top_share": [0.5, 0.75]})
    >>> commissioning_list(org, methods=m, min_staff=10)[["topic", "staff", "top_method"]].to_dict("records")
    [{'topic': 'T1', 'staff': 12, 'top_method': 'social'}]
    """
    if organisation.empty:
        return organisation.assign(top_method=pd.Series(dtype=object), top_share=pd.Series(dtype=float))
    passes = (organisation["staff"] >= min_staff) & (organisation["teams"] >= min_teams)
    out = organisation[passes].merge(methods[["topic", "pcf_domain", "top_method", "top_share"]],
                                     on=["topic", "pcf_domain"], how="left")
    return out.sort_values(["rank", "topic"], kind="stable", ignore_index=True)


def adaptive_needs(needs: pd.DataFrame) -> pd.DataFrame:
    """Needs identified from practice reviews, audits and complaints, by topic and source.

    These needs were not raised by staff but by the organisation learning from practice;
    the model uses them to adapt the plan.

    Returns
    -------
    pandas.DataFrame
        ``topic, pcf_domain, practice_review, audit, complaint, staff``: staff whose need
        for the topic came from each source (a member of staff counts once per topic and
        source), ``staff`` the staff with any such need; most staff first.

    Examples
    --------
    >>> needs = pd.DataFrame({"staff_id": ["S1", "S2", "S3"], "topic": "T", "pcf_domain": 5,
    ...                       "source": ["audit", "complaint", "appraisal"]})
    >>> adaptive_needs(needs)[["topic", "audit", "complaint", "staff"]].to_dict("records")
    [{'topic': 'T', 'audit': 1, 'complaint': 1, 'staff': 2}]
    """
    columns = ["topic", "pcf_domain", *ADAPTIVE_SOURCES, "staff"]
    if needs is None or needs.empty:
        return pd.DataFrame(columns=columns)
    part = needs[needs["source"].astype(object).isin(ADAPTIVE_SOURCES)]
    if part.empty:
        return pd.DataFrame(columns=columns)
    part = part.assign(source=part["source"].astype(object)).drop_duplicates(["staff_id", "topic", "pcf_domain",
                                                                               "source"])
    counts = pd.crosstab([part["topic"], part["pcf_domain"]], part["source"]).reindex(
        columns=list(ADAPTIVE_SOURCES), fill_value=0)
    counts.columns.name = None
    counts["staff"] = part.groupby(["topic", "pcf_domain"])["staff_id"].nunique()
    out = counts.reset_index()
    out["pcf_domain"] = out["pcf_domain"].astype("int64")
    return out.sort_values(["staff", "topic"], ascending=[False, True], ignore_index=True)[columns]
