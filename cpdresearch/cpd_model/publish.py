"""Disclosure control of the CPD model's tables, and its key figures.

One policy (``docs/cpd_model.md``), applied with :mod:`cpdresearch.report.disclosure`:

- every count of staff, respondents or participants from 1 to ``min_cell - 1`` is
  hidden (``"c"``), and so is every share, mean or interval computed from it;
- counts that add up to a count published elsewhere are suppressed as one system, so no
  hidden count is the difference of published ones: in the team plan, each row's
  ``high + medium + low = staff``; across teams, each topic's team counts add up to the
  organisation plan's; each topic's staff by preferred method add up to its staff, and
  over topics to the 70:20:10 "preferred" counts; staff with a plan by team add up to all
  staff with a plan; in the career pathway, each domain's staff by career stage add up to
  the domain's staff in the coverage table and the evidence matrix. Secondary
  suppression runs over these lines until none has a single hidden cell;
- a priority score or rank that would reveal a hidden count is hidden with it;
- the evidence matrix's priority score is computed from the *published* components, so
  it reveals nothing the matrix hides (a hidden component counts as missing);
- courses and objectives are not people: their counts are shown.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..frameworks import LEARNING_CATEGORIES, PCF_DOMAINS
from ..report import SUPPRESSED, protect_line, suppress_small_cells, suppress_small_groups
from ..report.coordination import line_is_safe, row_keys
from ..report.sentences import as_number
from .evidence import COMPONENT_COLUMNS, _components, priority_scores, weight_sensitivity
from .plans import ADAPTIVE_SOURCES, PRIORITIES

__all__ = ["TABLE_COLUMNS", "COORDINATED", "ALL_ROW", "published_tables", "cpd_model_key_figures",
           "suppress_plans", "row_keys", "line_is_safe"]

_COUNTS = ["staff", *PRIORITIES]
_METHODS = list(LEARNING_CATEGORIES)

#: Columns every published table has, even when empty (the notebook contract).
TABLE_COLUMNS: dict[str, list[str]] = {
    "team_plan": ["team", "topic", "pcf_domain", "domain", "staff", "high", "medium", "low", "score", "rank"],
    "organisation_plan": ["topic", "pcf_domain", "domain", "staff", "teams", "high", "medium", "low", "score", "rank"],
    "plan_coverage": ["team", "staff_with_plans", "headcount", "share"],
    "domain_coverage": ["pcf_domain", "domain", "staff", "staff_with_plans", "share_of_planned", "headcount",
                        "share_of_workforce"],
    "preferred_methods": ["topic", "pcf_domain", "staff", *_METHODS, "top_method", "top_share"],
    "commissioning": ["topic", "pcf_domain", "domain", "staff", "teams", "high", "score", "rank", "top_method",
                      "top_share", "for_whom", "courses_in_domain"],
    "adaptive_needs": ["topic", "pcf_domain", *ADAPTIVE_SOURCES, "staff"],
    "career_pathway": ["career_stage", "national_stage", "pcf_domain", "domain", "staff", "stage_staff", "share",
                       "top_topics"],
    "stage_activities": ["career_stage", "activity", "label", "category", "n", "mean", "working_share", "wish_n",
                         "wish_count", "wish_share"],
    "mix_70_20_10": ["source", "category", "count", "n", "share", "ci_low", "ci_high", "reference", "gap",
                     "statistic", "df", "p", "p_adjusted", "method", "cohens_w", "magnitude"],
    "evidence_matrix": ["pcf_domain", "domain", "demand_staff", "demand_share", "high_staff", "linked_method",
                        "survey_mean", "survey_wish_share", "voice_share", "courses", "objectives_assessed",
                        "objectives_not_met", "not_met_share", "mean_change", "change_ci_low", "change_ci_high",
                        "score", "components", "rank", "rank_min", "rank_max", "stable", "missing"],
    "weight_sensitivity": ["component", "factor", "weight", "top_domain", "top_domains", "kendall_tau",
                           "domains_moved"],
    "priority_areas": ["priority_area", "pcf_domains", "demand_staff", "courses", "forms", "mean_change", "ci_low",
                       "ci_high", "objectives_assessed", "objectives_not_met"],
}


def _hidden(values) -> np.ndarray:
    return np.array([isinstance(v, str) and v == SUPPRESSED for v in np.asarray(values, dtype=object)], dtype=bool)


def _hide(table: pd.DataFrame, mask, columns) -> pd.DataFrame:
    mask = np.asarray(mask, dtype=bool)
    if mask.any():
        for column in [c for c in columns if c in table.columns]:
            table[column] = table[column].astype(object)
            table.loc[mask, column] = SUPPRESSED
    return table


def _float(value) -> float:
    """A count as a float; NaN for "c" or a missing value (a fast :func:`as_number`)."""
    if value is None or isinstance(value, str):
        return np.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        return np.nan


def _write_back(target: pd.DataFrame, rows, column, values) -> bool:
    """Copy "c" from ``values`` into ``target.loc[rows, column]``; whether anything new was hidden."""
    values = np.asarray(values, dtype=object)
    current = target[column].to_numpy(dtype=object)
    at = target.index.get_indexer(pd.Index(np.asarray(rows)))
    new = _hidden(values) & ~_hidden(current[at])
    if new.any():
        current = current.copy()
        current[at[new]] = SUPPRESSED
        target[column] = pd.Series(current, index=target.index, dtype=object)
    return bool(new.any())


def suppress_plans(team: pd.DataFrame, organisation: pd.DataFrame, methods: pd.DataFrame, *,
                   min_cell: int = 5, max_rounds: int = 50, method_totals=None):
    """Suppress the team plan, organisation plan and preferred methods as one system.

    Parameters
    ----------
    team, organisation, methods : pandas.DataFrame
        From :func:`~cpdresearch.cpd_model.team_plan`, :func:`~cpdresearch.cpd_model.organisation_plan`
        and :func:`~cpdresearch.cpd_model.preferred_methods` (unsuppressed).
    min_cell : int
    method_totals : mapping, optional
        Staff by preferred method over all topics (the 70:20:10 "preferred" counts), a
        count or ``"c"`` for one hidden before (coordinated suppression); default: the
        sums of ``methods``; with ``"staff"``, their sum (all staff needs), which is always
        known. Cells of the three tables may show ``"c"`` already: they are
        hidden and the lines through them are protected.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame, pandas.DataFrame, pandas.Series)
        The three tables with counts hidden, and the preferred-method totals (the 70:20:10
        "preferred" counts) as published.

    Examples
    --------
    >>> team = pd.DataFrame({"team": ["A", "B"], "topic": "T", "pcf_domain": 5, "staff": [3, 9], "high": [3, 4],
    ...                      "medium": [0, 5], "low": [0, 0]})
    >>> org = pd.DataFrame({"topic": ["T"], "pcf_domain": [5], "staff": [12], "high": [7], "medium": [5], "low": [0]})
    >>> m = pd.DataFrame({"topic": ["T"], "pcf_domain": [5], "experiential": [12], "social": [0], "formal": [0]})
    >>> t, o, _, _ = suppress_plans(team, org, m)
    >>> t[["staff", "high", "medium"]].to_dict("list")   # B's staff would give A's 3 as 12 - 9
    {'staff': ['c', 'c'], 'high': ['c', 'c'], 'medium': [0, 5]}
    """
    team, org, methods = team.copy(), organisation.copy(), methods.copy()
    key = ["topic", "pcf_domain"]
    org_pos = {k: i for i, k in enumerate(zip(org["topic"], org["pcf_domain"]))}
    if method_totals is None:
        method_totals = {m: int(pd.to_numeric(methods[m], errors="coerce").sum()) if not methods.empty else 0
                         for m in _METHODS}
    totals = pd.DataFrame({m: [method_totals.get(m, 0)] for m in _METHODS}, dtype=object)
    totals["staff"] = method_totals.get("staff", sum(as_number(method_totals.get(m, 0)) for m in _METHODS))
    if org.empty:
        return team, org, methods, totals.iloc[0]
    methods = methods.merge(org[key].assign(_pos=np.arange(len(org))), on=key, how="left")

    def across_teams() -> bool:
        # one line per topic and count: its teams' counts add up to the organisation plan's
        if team.empty:
            return False
        changed = False
        rows_by_topic: dict = {}
        for i, k in enumerate(zip(team["topic"], team["pcf_domain"])):
            rows_by_topic.setdefault(k, []).append(i)
        for column in _COUNTS:
            cells, totals_ = team[column].to_numpy(dtype=object), org[column].to_numpy(dtype=object)
            new_cells, new_totals = cells.copy(), totals_.copy()
            for k, rows in rows_by_topic.items():
                line = [*cells[rows], totals_[org_pos[k]]]
                if line_is_safe(line, min_cell=min_cell):
                    continue
                hide = protect_line(line, _hidden(line), min_cell=min_cell)
                new_cells[rows] = np.where(hide[:-1], SUPPRESSED, cells[rows])
                if hide[-1]:
                    new_totals[org_pos[k]] = SUPPRESSED
            changed |= _write_back(team, team.index, column, new_cells)
            changed |= _write_back(org, org.index, column, new_totals)
        return changed

    def within_rows(table: pd.DataFrame) -> bool:
        if table.empty:
            return False
        out = suppress_small_cells(table[[*PRIORITIES, "staff"]], min_cell=min_cell,
                                   count_columns=[*PRIORITIES, "staff"], total_column="staff")
        return any([_write_back(table, table.index, c, out[c].to_numpy()) for c in [*PRIORITIES, "staff"]])

    def by_method() -> bool:
        if methods.empty:
            return False
        wide = methods[_METHODS].astype(object).copy()
        wide["staff"] = org["staff"].to_numpy()[methods["_pos"].to_numpy()]
        wide = pd.concat([wide, totals[[*_METHODS, "staff"]].astype(object)], ignore_index=True)
        wide["_row"] = ["topic"] * len(methods) + ["__total"]
        out = suppress_small_cells(wide, min_cell=min_cell, count_columns=[*_METHODS, "staff"], total_row="__total",
                                   total_column="staff")
        changed = any([_write_back(methods, methods.index, m, out[m].iloc[:-1].to_numpy()) for m in _METHODS])
        changed |= _write_back(org, methods["_pos"].to_numpy(), "staff", out["staff"].iloc[:-1].to_numpy())
        for column in [*_METHODS, "staff"]:
            changed |= _write_back(totals, totals.index, column, [out[column].iloc[-1]])
        return changed

    for _ in range(max_rounds):
        changed = across_teams()
        changed |= within_rows(team)
        changed |= within_rows(org)
        changed |= by_method()
        if not changed:
            break
    methods["staff"] = org["staff"].to_numpy()[methods["_pos"].to_numpy()]  # the same count, published once
    return team, org, methods.drop(columns="_pos"), totals.iloc[0]


def _scores_and_ranks(table: pd.DataFrame, within: list[str]) -> pd.DataFrame:
    """Hide a score (and its rank) computed from a hidden count."""
    hidden = np.zeros(len(table), dtype=bool)
    for column in _COUNTS:
        hidden |= _hidden(table[column])
    return _hide(table, hidden, ["score", "rank"])


def _share_with_count(table: pd.DataFrame, count: str, shares: list[str], *, min_cell: int,
                      total_row=None, total_known: bool | None = None) -> pd.DataFrame:
    percent = {s: count for s in shares if s in table.columns}
    return suppress_small_cells(table, min_cell=min_cell, count_columns=[count], percent_columns=percent,
                                total_row=total_row, total_known=total_known)


def _pathway(results, min_cell: int, domain_staff: pd.Series, planned) -> tuple[pd.DataFrame, pd.Series]:
    path = results.career_pathway.copy()
    if path.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS["career_pathway"]), domain_staff
    stages = list(dict.fromkeys(path["career_stage"]))
    wide = path.pivot(index="career_stage", columns="pcf_domain", values="staff").reindex(stages).astype(object)
    wide.loc["__total"] = domain_staff.reindex(wide.columns).to_numpy()
    wide = wide.reset_index(drop=False)
    domains = [c for c in wide.columns if c != "career_stage"]
    out = suppress_small_cells(wide, min_cell=min_cell, count_columns=domains, total_row="__total")
    out = out.set_index("career_stage")
    staff = [out.at[s, d] for s, d in zip(path["career_stage"], path["pcf_domain"])]
    path["staff"] = pd.Series(staff, index=path.index, dtype=object)
    path = _hide(path, _hidden(path["staff"]), ["share"])
    # stage sizes add up to the staff with a plan (published)
    sizes = path.drop_duplicates("career_stage")[["career_stage", "stage_staff"]].reset_index(drop=True)
    sizes = pd.concat([sizes, pd.DataFrame({"career_stage": ["__total"],
                                            "stage_staff": [planned]})], ignore_index=True)
    sizes = suppress_small_cells(sizes, min_cell=min_cell, count_columns=["stage_staff"], total_row="__total")
    size_of = dict(zip(sizes["career_stage"], sizes["stage_staff"]))
    path["stage_staff"] = path["career_stage"].map(size_of).astype(object)
    path = _hide(path, _hidden(path["stage_staff"]), ["share"])
    top = results.pathway_topics
    shown = top[top["staff"] >= min_cell] if not top.empty else top
    names = shown.groupby(["career_stage", "pcf_domain"])["topic"].apply(lambda v: "; ".join(list(v)[:3])) \
        if not shown.empty else pd.Series(dtype=object)
    path["top_topics"] = [names.get((s, d), "") for s, d in zip(path["career_stage"], path["pcf_domain"])]
    path["national_stage"] = path["national_stage"].astype(object).where(path["national_stage"].notna(), "")
    total = out.loc["__total", domains]
    return path[TABLE_COLUMNS["career_pathway"]], pd.Series(total.to_numpy(), index=domains)


def _mix(results, min_cell: int, preferred_totals) -> pd.DataFrame:
    mix = results.mix.copy()
    if mix.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS["mix_70_20_10"])
    parts = []
    for source, part in mix.groupby("source", sort=False):
        part = part.copy()
        if source == "preferred" and preferred_totals is not None:
            part["count"] = [preferred_totals.get(c, 0) for c in part["category"]]
            part = _hide(part, _hidden(part["count"]), ["share", "ci_low", "ci_high", "gap"])
        elif source != "offered":
            part = _share_with_count(part, "count", ["share", "ci_low", "ci_high", "gap"], min_cell=min_cell,
                                     total_known=True)
        if _hidden(part["count"]).any():
            part = _hide(part, np.ones(len(part), dtype=bool), ["statistic", "p", "p_adjusted", "cohens_w"])
            part["magnitude"] = None
        if 1 <= int(part["n"].iloc[0]) < min_cell and source != "offered":
            part = _hide(part, np.ones(len(part), dtype=bool), ["n", "count", "share", "ci_low", "ci_high", "gap",
                                                                  "statistic", "p", "p_adjusted", "cohens_w"])
        parts.append(part)
    return pd.concat(parts, ignore_index=True)[TABLE_COLUMNS["mix_70_20_10"]]


def _evidence(results, min_cell: int, domain_staff: pd.Series, weights: dict, *,
              planned_hidden: bool = False, derived: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    m = results.evidence.copy()
    idx = m["pcf_domain"].to_numpy()
    if results.has_plans:
        m["demand_staff"] = pd.Series(domain_staff.reindex(idx).to_numpy(), index=m.index, dtype=object)
        m = _hide(m, _hidden(m["demand_staff"]), ["demand_share"])
        if planned_hidden:  # staff with a plan hidden: so is the share of it (demand / share gives it)
            m = _hide(m, np.ones(len(m), dtype=bool), ["staff_with_plans", "demand_share"])
        m = _share_with_count(m, "high_staff", [], min_cell=min_cell)
    voice = results.voice
    if voice is not None and not voice.empty:
        for group in ["all", *results.groups]:
            part = voice[voice["group"] == group].set_index("pcf_domain").reindex(idx)
            small = part["participants"].between(1, min_cell - 1).to_numpy()
            column = "voice_share" if group == "all" else f"voice_{group}"
            if column in m.columns:
                m = _hide(m, small, [column])
            if group == "all":
                m = _hide(m, small, ["voice_participants"])
    if "change_n" in m.columns:
        n = pd.to_numeric(m["change_n"], errors="coerce")
        m = _hide(m, n.between(1, min_cell - 1).to_numpy() | _hidden(m["change_n"]),
                  ["change_n", "mean_change", "change_ci_low", "change_ci_high"])
    if not derived:
        return m, pd.DataFrame()
    components = _components(m)
    scores = priority_scores(components, weights=weights)
    scenarios, ranks = weight_sensitivity(components, weights=weights)
    m["score"] = scores["score"].to_numpy()
    m["components"] = scores["components"].to_numpy()
    for column in ("rank", "rank_min", "rank_max", "stable"):
        m[column] = ranks[column].to_numpy()
    scenarios["top_domain"] = scenarios["top_domain"].map(lambda d: PCF_DOMAINS.get(d, d) if pd.notna(d) else None)
    return m, scenarios


#: The count tables whose cells are coordinated across cohorts (docs/cpd_model.md,
#: "Disclosure"): ``{table: (row key columns, count columns)}``. A cell is one count of
#: one row; the same key in the cohorts that split the whole study adds up to the whole
#: study's count.
COORDINATED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "team_plan": (("team", "topic", "pcf_domain"), tuple(_COUNTS)),
    "organisation_plan": (("topic", "pcf_domain"), tuple(_COUNTS)),
    "preferred_methods": (("topic", "pcf_domain"), tuple(_METHODS)),
    "plan_coverage": (("team",), ("staff_with_plans", "headcount")),
    "domain_coverage": (("pcf_domain",), ("staff",)),
    "adaptive_needs": (("topic", "pcf_domain"), (*ADAPTIVE_SOURCES, "staff")),
    "career_pathway": (("career_stage", "pcf_domain"), ("staff", "stage_staff")),
    "stage_activities": (("career_stage", "activity"), ("n", "wish_n", "wish_count")),
    "mix_70_20_10": (("source", "category"), ("count",)),
    "evidence_matrix": (("pcf_domain",), ("high_staff", "change_n")),
    "priority_areas": (("priority_area",), ("demand_staff", "forms")),
}
#: The row of ``plan_coverage`` holding the cohort's totals.
ALL_ROW = "All"


def _mark(table: pd.DataFrame, keys, cells: set, min_cell: int, *, whole_key: bool = False) -> pd.DataFrame:
    """``table`` with the ``(key, column)`` cells of ``cells`` showing "c" (only counts of at
    least ``min_cell``: a smaller one is hidden by the primary rule, which must see it)."""
    if table.empty or not cells:
        return table
    table = table.copy()
    at = row_keys(table, keys)
    for column in {c for _, c in cells}:
        if column not in table.columns:
            continue
        wanted = {k for k, c in cells if c == column}
        if whole_key:  # a count repeated on every row of its key's first column (a stage's size)
            wanted = {k[:1] for k in wanted}
            mask = np.array([k[:1] in wanted for k in at], dtype=bool)
        else:
            mask = np.array([k in wanted for k in at], dtype=bool)
        mask &= pd.to_numeric(table[column], errors="coerce").to_numpy(dtype=float) >= min_cell
        table = _hide(table, mask, [column])
    return table


def _force(results, forced: dict | None, min_cell: int):
    """A copy of ``results`` whose tables show "c" in the cells ``forced`` hides before the
    rules run, and which totals were forced: ``(results, {"staff_with_plans": bool,
    "headcount": bool}, method totals or None)``."""
    from dataclasses import replace

    flags = {"staff_with_plans": False, "headcount": False}
    if not forced:
        return results, flags, None
    r = results
    changes = {}
    for name in ("team_plan", "organisation_plan", "preferred_methods", "domain_coverage", "adaptive_needs",
                 "stage_activities", "priority_areas", "plan_coverage"):
        cells = forced.get(name) or set()
        if cells and not getattr(r, name).empty:
            keys, _ = COORDINATED[name]
            changes[name] = _mark(getattr(r, name), keys, {x for x in cells if x[0] != (ALL_ROW,)}, min_cell)
    for column in flags:
        flags[column] = ((ALL_ROW,), column) in (forced.get("plan_coverage") or set())
    path = forced.get("career_pathway") or set()
    if path and not r.career_pathway.empty:
        keys, _ = COORDINATED["career_pathway"]
        table = _mark(r.career_pathway, keys, {x for x in path if x[1] == "staff"}, min_cell)
        changes["career_pathway"] = _mark(table, keys, {x for x in path if x[1] == "stage_staff"}, min_cell,
                                          whole_key=True)
    evidence = forced.get("evidence_matrix") or set()
    if evidence and not r.evidence.empty:
        changes["evidence"] = _mark(r.evidence, COORDINATED["evidence_matrix"][0], evidence, min_cell)
    mix = forced.get("mix_70_20_10") or set()
    totals = None
    if mix and not r.mix.empty:
        keys = COORDINATED["mix_70_20_10"][0]
        changes["mix"] = _mark(r.mix, keys, {x for x in mix if x[0][0] not in ("preferred", "offered")}, min_cell)
        preferred = r.mix[r.mix["source"] == "preferred"]
        if len(preferred):
            totals = {str(c): int(v) for c, v in zip(preferred["category"], preferred["count"])}
            totals["staff"] = int(sum(totals.values()))
            for (source, category), _ in mix:
                if source == "preferred" and totals.get(category, 0) >= min_cell:
                    totals[category] = SUPPRESSED
    return (replace(r, **changes) if changes else r), flags, totals


def published_tables(results, *, min_cell: int = 5, forced: dict | None = None) -> dict[str, pd.DataFrame]:
    """The CPD model's tables with small counts, and what would reveal them, hidden.

    Parameters
    ----------
    results : cpdresearch.cpd_model.CpdModelResults
    min_cell : int
    forced : dict, optional
        ``{table: {(row key, column)}}``: cells of :data:`COORDINATED` tables to hide
        before the rules run (coordinated suppression across cohorts,
        :func:`cpdresearch.cpd_model.coordinated_cells`); the rules then protect every
        line through them. A row key is the row's :data:`COORDINATED` key columns as text
        (:func:`row_keys`); ``plan_coverage``'s key ``("All",)`` is the cohort's total.

    Returns
    -------
    dict of str to pandas.DataFrame
        Every table of :data:`TABLE_COLUMNS` (empty, with its columns, when the cohort
        lacks the source).

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> from cpdresearch.cpd_model import analyse_cpd_model
    >>> study = load_study(paths.DEMO_STUDY)
    >>> tables = published_tables(analyse_cpd_model(study.cohort("adoption")))
    >>> "c" in set(tables["team_plan"]["staff"].astype(str))
    True
    """
    return _tables(results, min_cell=min_cell, forced=forced)


def _tables(results, *, min_cell: int, forced: dict | None, derived: bool = True) -> dict[str, pd.DataFrame]:
    """:func:`published_tables`; with ``derived=False`` only what decides which counts are
    hidden (no commissioning list, scores or weight sensitivity), for coordination."""
    r, total_forced, method_totals = _force(results, forced, min_cell)
    tables = {name: pd.DataFrame(columns=columns) for name, columns in TABLE_COLUMNS.items()}
    domain_staff = pd.Series(dtype=object)
    preferred = None
    if r.has_plans:
        team, org, methods, preferred = suppress_plans(r.team_plan, r.organisation_plan, r.preferred_methods,
                                                       min_cell=min_cell, method_totals=method_totals)
        team, org = _scores_and_ranks(team, ["team"]), _scores_and_ranks(org, [])
        top_hidden = [isinstance(row.get(m), str) and row.get(m) == SUPPRESSED
                      for m, (_, row) in zip(methods["top_method"], methods.iterrows())]
        methods = _hide(methods, np.array(top_hidden, dtype=bool), ["top_share"])
        tables["team_plan"], tables["organisation_plan"] = team[TABLE_COLUMNS["team_plan"]], org
        tables["preferred_methods"] = methods[TABLE_COLUMNS["preferred_methods"]]
        cov = r.plan_coverage.copy()
        total_hidden = {"staff_with_plans": 1 <= r.n_staff_with_plans < min_cell,
                        "headcount": r.headcount is not None and 1 <= r.headcount < min_cell}
        if not cov.empty:
            total = pd.DataFrame({"team": [ALL_ROW], "staff_with_plans": [r.n_staff_with_plans],
                                  "headcount": [r.headcount], "share": [r.n_staff_with_plans / r.headcount
                                                                        if r.headcount else np.nan]})
            cov = pd.concat([cov, total], ignore_index=True)
            heads = pd.to_numeric(cov["headcount"], errors="coerce")
            cov["headcount"] = pd.Series([int(h) if pd.notna(h) else None for h in heads], dtype=object)
            for column, hide in total_forced.items():  # a total hidden by coordination (rule 7)
                value = as_number(cov[column].iloc[-1])
                if hide and value >= min_cell:
                    cov = _hide(cov, np.arange(len(cov)) == len(cov) - 1, [column, "share"])
            cov = _share_with_count(cov, "staff_with_plans", ["share"], min_cell=min_cell, total_row=ALL_ROW)
            if heads.notna().any():  # a small group of staff in post is hidden like any count
                cov = _share_with_count(cov, "headcount", ["share"], min_cell=min_cell, total_row=ALL_ROW)
            for column in total_hidden:
                total_hidden[column] |= bool(_hidden(cov[column].iloc[-1:]).any())
        tables["plan_coverage"] = cov
        dom = r.domain_coverage.copy()
        wide_total = dom.set_index("pcf_domain")["staff"]
        tables["career_pathway"], domain_staff = _pathway(r, min_cell, wide_total,
                                                          SUPPRESSED if total_hidden["staff_with_plans"]
                                                          else r.n_staff_with_plans)
        dom["staff"] = pd.Series(domain_staff.reindex(dom["pcf_domain"]).to_numpy(), index=dom.index, dtype=object)
        dom = _hide(dom, _hidden(dom["staff"]), ["share_of_planned", "share_of_workforce"])
        if r.headcount is not None:
            dom["headcount"] = int(r.headcount)
            if total_hidden["headcount"]:
                dom = _hide(dom, np.ones(len(dom), dtype=bool), ["headcount", "share_of_workforce"])
        if total_hidden["staff_with_plans"]:
            dom = _hide(dom, np.ones(len(dom), dtype=bool), ["staff_with_plans", "share_of_planned"])
        tables["domain_coverage"] = dom
        if derived:
            tables["commissioning"] = _commissioning(r, org, methods, min_cell)
        adaptive = r.adaptive_needs.copy()
        if not adaptive.empty:
            adaptive = suppress_small_cells(adaptive, min_cell=min_cell, count_columns=list(ADAPTIVE_SOURCES))
            adaptive = suppress_small_cells(adaptive, min_cell=min_cell, count_columns=["staff"])
        tables["adaptive_needs"] = adaptive
    activities = r.stage_activities.copy()
    if not activities.empty:
        activities = suppress_small_groups(activities, n_column="n", min_cell=min_cell,
                                           stat_columns=["mean", "working_share"])
        activities = suppress_small_groups(activities, n_column="wish_n", min_cell=min_cell,
                                           stat_columns=["wish_count", "wish_share"])
        activities = _share_with_count(activities, "wish_count", ["wish_share"], min_cell=min_cell)
    tables["stage_activities"] = activities
    tables["mix_70_20_10"] = _mix(r, min_cell, preferred)
    if r.has_data:
        tables["evidence_matrix"], tables["weight_sensitivity"] = _evidence(
            r, min_cell, domain_staff, r.settings.weights,
            planned_hidden=r.has_plans and total_hidden["staff_with_plans"], derived=derived)
    areas = r.priority_areas.copy()
    if not areas.empty:
        areas = suppress_small_groups(areas, n_column="forms", min_cell=min_cell,
                                      stat_columns=["mean_change", "ci_low", "ci_high"])
        if pd.to_numeric(areas["demand_staff"], errors="coerce").notna().any():
            areas = _share_with_count(areas, "demand_staff", [], min_cell=min_cell)
    tables["priority_areas"] = areas
    return tables


def _commissioning(r, org: pd.DataFrame, methods: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    columns = TABLE_COLUMNS["commissioning"]
    if r.commissioning.empty:
        return pd.DataFrame(columns=columns)
    keys = list(zip(r.commissioning["topic"], r.commissioning["pcf_domain"]))
    published = org.set_index(["topic", "pcf_domain"])
    chosen = methods.set_index(["topic", "pcf_domain"])
    rows = []
    top = r.pathway_topics
    for key, (_, row) in zip(keys, r.commissioning.iterrows()):
        pub = published.loc[key]
        method = row["top_method"]
        share = chosen.at[key, "top_share"] if key in chosen.index else None
        stages = top[(top["topic"] == key[0]) & (top["pcf_domain"] == key[1]) & (top["staff"] >= min_cell)] \
            if not top.empty else top
        stages = stages.sort_values(["staff", "career_stage"], ascending=[False, True])
        who = "; ".join(list(stages["career_stage"].head(3))) if len(stages) else ""
        courses = r.offer_domains.set_index("pcf_domain")["courses"].get(key[1], 0) if not r.offer_domains.empty \
            else np.nan
        rows.append({"topic": key[0], "pcf_domain": key[1], "domain": PCF_DOMAINS[key[1]], "staff": pub["staff"],
                     "teams": pub["teams"], "high": pub["high"], "score": pub["score"], "rank": pub["rank"],
                     "top_method": method, "top_share": share, "for_whom": who, "courses_in_domain": courses})
    out = pd.DataFrame(rows, columns=columns)
    if not r.sources.get("courses"):
        out["courses_in_domain"] = None
    return out


def _number(value):
    x = as_number(value)
    if np.isnan(x):
        return None
    return int(x) if float(x).is_integer() else round(float(x), 4)


def cpd_model_key_figures(results, tables: dict[str, pd.DataFrame], *, min_cell: int = 5) -> dict:
    """Headline figures for ``key_figures.json`` (under ``"cpd_model"``), from the published tables.

    Returns
    -------
    dict
        ``n_staff_with_plans`` (``None`` when 1 to min_cell - 1), ``n_topics``,
        ``top_priority_topic`` (the organisation plan's first rank, when published),
        ``top_priority_domain`` (the evidence matrix's first rank), ``formal_share_offered``,
        ``experiential_share_preferred``, ``n_commissioning_topics``, ``plan_coverage``
        (share of staff in post with a plan).

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> from cpdresearch.cpd_model import analyse_cpd_model
    >>> r = analyse_cpd_model(load_study(paths.DEMO_STUDY))
    >>> figures = cpd_model_key_figures(r, published_tables(r))
    >>> figures["formal_share_offered"], figures["n_staff_with_plans"] == r.n_staff_with_plans
    (1, True)
    """
    n = results.n_staff_with_plans
    org = tables.get("organisation_plan", pd.DataFrame())
    top_topic = None
    if not org.empty:
        first = org[org["rank"].map(lambda v: as_number(v) == 1)]
        if len(first):
            top_topic = "; ".join(first["topic"].astype(str))
    matrix = tables.get("evidence_matrix", pd.DataFrame())
    top_domain = None
    if not matrix.empty and "rank" in matrix.columns:
        first = matrix[matrix["rank"].map(lambda v: as_number(v) == 1)]
        if len(first):
            top_domain = "; ".join(first["domain"].astype(str))
    mix = tables.get("mix_70_20_10", pd.DataFrame())

    def share(source, category):
        row = mix[(mix["source"] == source) & (mix["category"] == category)] if not mix.empty else mix
        return _number(row["share"].iloc[0]) if len(row) else None

    coverage = tables.get("plan_coverage", pd.DataFrame())
    cov_all = coverage[coverage["team"] == "All"] if not coverage.empty else coverage
    total_hidden = len(cov_all) and bool(_hidden(cov_all["staff_with_plans"]).any())
    return {"n_staff_with_plans": None if 1 <= n < min_cell or total_hidden else int(n),
            "n_topics": int(results.organisation_plan["topic"].nunique()) if results.has_plans else 0,
            "top_priority_topic": top_topic, "top_priority_domain": top_domain,
            "formal_share_offered": share("offered", "formal"),
            "experiential_share_preferred": share("preferred", "experiential"),
            "n_commissioning_topics": int(len(tables.get("commissioning", []))),
            "plan_coverage": _number(cov_all["share"].iloc[0]) if len(cov_all) else None}
