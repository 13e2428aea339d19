"""The evidence matrix: every source of evidence side by side for each PCF domain, and a
priority score with a sensitivity check.

For each of the nine domains of the Professional Capabilities Framework:

- **demand** (learning development plans): the share of staff with a plan who have a
  need in the domain;
- **voice** (focus groups): the share of participants (young people, parents and carers,
  staff; each group also on its own) who raised a theme the codebook links to the domain;
- **survey**: how well the *linked activities* work and the share of respondents wanting
  more of them. An activity is linked to a domain through the learning method staff most
  often prefer for their needs in that domain: the linked activities are the survey's
  activities of that 70:20:10 category (the catalogue in :mod:`cpdresearch.frameworks`);
- **evaluation**: courses with an objective in the domain, the mean change in confidence
  per delegate, and the share of the domain's objectives (with a published verdict) not met.

The **priority score** of a domain is the weighted mean of the components available for
it, each a share from 0 to 1 where higher means more need for CPD:

    score = sum_k w_k x_k / sum_k w_k      (k over the components the domain has)

with x = (demand share, voice share, survey wish share, share of objectives not met) and
the weights ``cpd_model.weights`` of ``study.yml`` (default 0.4, 0.2, 0.2, 0.2). A
component a domain lacks (no course, no linked theme, no learning method to link the
survey through, or a value hidden for confidentiality) is left out and the remaining
weights are rescaled: it is not scored as zero. Domains are ranked by score (1 = highest).

The **sensitivity check** recomputes the ranks with each weight in turn multiplied by 0.8
and 1.2 (the others unchanged): a domain's rank is *stable* when it is the same in every
scenario; Kendall's tau (``scipy.stats.kendalltau``) measures how far each scenario's
ranking moves from the base.

Examples
--------
>>> import pandas as pd
>>> comp = pd.DataFrame({"demand": [0.5, 0.2], "voice": [0.1, None]}, index=[5, 7])
>>> priority_scores(comp, weights={"demand": 0.5, "voice": 0.5}).round(3).to_dict("list")
{'score': [0.3, 0.2], 'components': [2, 1], 'rank': [1, 2]}
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats as sps

from ..frameworks import ACTIVITIES, LEARNING_CATEGORIES, PCF_DOMAINS
from .settings import COMPONENTS, WEIGHTS

__all__ = ["ldp_evidence", "survey_evidence", "voice_evidence", "evaluation_evidence", "evidence_matrix",
           "priority_scores", "weight_sensitivity", "COMPONENT_COLUMNS"]

#: The matrix column each score component is read from.
COMPONENT_COLUMNS: dict[str, str] = {"demand": "demand_share", "voice": "voice_share", "survey": "survey_wish_share",
                                     "evaluation": "not_met_share"}


def ldp_evidence(needs: pd.DataFrame | None) -> pd.DataFrame:
    """Demand per PCF domain from the learning development plans.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``pcf_domain`` (all nine): ``demand_staff, staff_with_plans,
        demand_share, high_staff`` (staff with a high-priority need in the domain) and
        ``linked_method`` (the method most preferred for the domain's staff needs).

    Examples
    --------
    >>> needs = pd.DataFrame({"staff_id": ["S1", "S2", "S2"], "team": "A", "topic": ["T1", "T1", "T2"],
    ...     "pcf_domain": [5, 5, 7], "priority": ["high", "low", "low"], "preferred_method": ["social", "social", "formal"]})
    >>> ldp_evidence(needs).loc[5, ["demand_staff", "demand_share", "high_staff", "linked_method"]].to_dict()
    {'demand_staff': 2, 'demand_share': 1.0, 'high_staff': 1, 'linked_method': 'social'}
    """
    from .plans import staff_needs

    domains = list(PCF_DOMAINS)
    out = pd.DataFrame(index=pd.Index(domains, name="pcf_domain"))
    if needs is None or needs.empty:
        for column in ("demand_staff", "staff_with_plans", "demand_share", "high_staff", "linked_method"):
            out[column] = np.nan
        return out
    domain = needs["pcf_domain"].astype("int64")
    planned = int(needs["staff_id"].nunique())
    out["demand_staff"] = needs.groupby(domain)["staff_id"].nunique().reindex(domains, fill_value=0).astype("int64")
    out["staff_with_plans"] = planned
    out["demand_share"] = out["demand_staff"] / planned
    high = needs[needs["priority"].astype(object) == "high"]
    out["high_staff"] = high.groupby(high["pcf_domain"].astype("int64"))["staff_id"].nunique().reindex(
        domains, fill_value=0).astype("int64")
    units = staff_needs(needs)
    methods = pd.crosstab(units["pcf_domain"].astype("int64"), units["preferred_method"]).reindex(
        columns=list(LEARNING_CATEGORIES), fill_value=0)
    linked = methods.idxmax(axis=1).where(methods.sum(axis=1) > 0)
    out["linked_method"] = linked.reindex(domains).astype(object)
    return out


def survey_evidence(survey: pd.DataFrame | None, *, instrument, working_block: str | None,
                    wish_select: str | None) -> pd.DataFrame:
    """How well each 70:20:10 category of activity works, and how many want more of it.

    Returns
    -------
    pandas.DataFrame
        Indexed by category: ``activities`` (linked activities the survey asks about),
        ``survey_mean`` (mean of the activities' mean ratings), ``survey_working_share``
        (mean share rating them in the upper half of the scale), ``survey_wish_share``
        (mean share of respondents ticking them as wanted), ``respondents``.

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> study = load_study(paths.DEMO_STUDY)
    >>> t = survey_evidence(study.survey, instrument=study.instrument, working_block="working", wish_select="wish")
    >>> list(t.index), bool(t["survey_wish_share"].between(0, 1).all())
    (['experiential', 'social', 'formal'], True)
    """
    from .pathways import stage_activities

    columns = ["activities", "survey_mean", "survey_working_share", "survey_wish_share", "respondents"]
    out = pd.DataFrame(index=pd.Index(list(LEARNING_CATEGORIES), name="category"), columns=columns, dtype=float)
    if survey is None or survey.empty or instrument is None:
        return out
    data = survey.assign(career_stage="*")
    per = stage_activities(data, instrument=instrument, working_block=working_block, wish_select=wish_select,
                           stages=["*"])
    if per.empty:
        return out
    grouped = per.groupby("category")
    out["activities"] = grouped["activity"].nunique().reindex(out.index)
    out["survey_mean"] = grouped["mean"].mean().reindex(out.index)
    out["survey_working_share"] = grouped["working_share"].mean().reindex(out.index)
    out["survey_wish_share"] = grouped["wish_share"].mean().reindex(out.index)
    out["respondents"] = float(len(survey))
    return out


def voice_evidence(coded: pd.DataFrame | None, segments: pd.DataFrame | None, *, codebook,
                   groups: list | None = None) -> pd.DataFrame:
    """Participants who raised a theme linked to each PCF domain, by participant group.

    Parameters
    ----------
    coded : pandas.DataFrame
        Coded segments (``participant, code, group``) from
        :func:`cpdresearch.focus_groups.code_segments`.
    segments : pandas.DataFrame
        Participant segments (``participant, group, is_facilitator``).
    codebook : cpdresearch.io.focus_groups.Codebook
        Its codes' ``pcf`` links.
    groups : list, optional
        Participant groups in order (default those in ``segments``).

    Returns
    -------
    pandas.DataFrame
        ``pcf_domain, group, participants, group_participants, share, themes`` for every
        domain and group and ``group="all"``; ``themes`` counts the codes linked to the
        domain (0: no theme, the share is missing rather than zero).

    Examples
    --------
    >>> from cpdresearch.io.focus_groups import Code, Codebook
    >>> seg = pd.DataFrame({"participant": ["a:P1", "a:P2", "b:P1"], "group": ["staff", "staff", "young_people"],
    ...                     "is_facilitator": False})
    >>> coded = pd.DataFrame({"participant": ["a:P1", "b:P1"], "code": ["trust", "trust"],
    ...                       "group": ["staff", "young_people"]})
    >>> t = voice_evidence(coded, seg, codebook=Codebook([Code("trust", "Trust", pcf=(7,))]))
    >>> t[t["pcf_domain"] == 7][["group", "participants", "group_participants", "share"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'group': 'staff', 'participants': 1, 'group_participants': 2, 'share': 0.5},
     {'group': 'young_people', 'participants': 1, 'group_participants': 1, 'share': 1.0},
     {'group': 'all', 'participants': 2, 'group_participants': 3, 'share': 0.6666666666666666}]
    """
    columns = ["pcf_domain", "group", "participants", "group_participants", "share", "themes"]
    if coded is None or segments is None or codebook is None or segments.empty:
        return pd.DataFrame(columns=columns)
    talk = segments[~segments["is_facilitator"].astype(bool)] if "is_facilitator" in segments.columns else segments
    talk = talk.assign(group=talk["group"].astype(object))
    groups = list(groups) if groups else list(dict.fromkeys(talk["group"].dropna()))
    links = pd.DataFrame([(code.id, d) for code in codebook.codes for d in code.pcf], columns=["code", "pcf_domain"])
    themes = links.groupby("pcf_domain")["code"].nunique()
    raised = coded.assign(group=coded["group"].astype(object)).merge(links, on="code")
    rows = []
    for group in [*groups, "all"]:
        people = talk if group == "all" else talk[talk["group"] == group]
        said = raised if group == "all" else raised[raised["group"] == group]
        n_group = int(people["participant"].nunique())
        per_domain = said.groupby("pcf_domain")["participant"].nunique()
        for d in PCF_DOMAINS:
            k = int(per_domain.get(d, 0))
            linked = int(themes.get(d, 0))
            rows.append({"pcf_domain": d, "group": group, "participants": k, "group_participants": n_group,
                         "share": k / n_group if n_group and linked else np.nan, "themes": linked})
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["pcf_domain"], kind="stable", ignore_index=True)


def evaluation_evidence(objective_change: pd.DataFrame | None, *, domains: pd.DataFrame | None,
                        objectives: pd.DataFrame | None) -> pd.DataFrame:
    """Evaluation results of the courses in each PCF domain.

    Parameters
    ----------
    objective_change : pandas.DataFrame
        Per objective, with ``course_id, objective_no, not_met`` (a published table: a
        hidden verdict, ``"c"``, is not counted).
    domains : pandas.DataFrame
        :func:`cpdresearch.evaluation.domain_change` (``pcf_domain, n, mean_change,
        ci_low, ci_high``).
    objectives : pandas.DataFrame
        ``course_id, objective_no, pcf_domain`` of the cohort's courses.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``pcf_domain`` (all nine): ``courses, objectives, objectives_assessed,
        objectives_not_met, not_met_share, change_n, mean_change, change_ci_low,
        change_ci_high``. A domain without a course has ``courses`` 0 and missing results.

    Examples
    --------
    >>> oc = pd.DataFrame({"course_id": ["C1", "C1"], "objective_no": [1, 2], "not_met": [True, "c"]})
    >>> obj = pd.DataFrame({"course_id": ["C1", "C1"], "objective_no": [1, 2], "pcf_domain": [6, 6]})
    >>> evaluation_evidence(oc, domains=None, objectives=obj).loc[6, ["courses", "objectives_assessed",
    ...                                                                 "not_met_share"]].to_dict()
    {'courses': 1.0, 'objectives_assessed': 1.0, 'not_met_share': 1.0}
    """
    index = pd.Index(list(PCF_DOMAINS), name="pcf_domain")
    out = pd.DataFrame(index=index)
    if objectives is None or objectives.empty:
        out["courses"] = 0
        out["objectives"] = 0
        for column in ("objectives_assessed", "objectives_not_met", "not_met_share", "change_n", "mean_change",
                       "change_ci_low", "change_ci_high"):
            out[column] = np.nan
        return out
    obj = objectives[["course_id", "objective_no", "pcf_domain"]].dropna().assign(
        pcf_domain=lambda t: t["pcf_domain"].astype("int64"))
    out["courses"] = obj.groupby("pcf_domain")["course_id"].nunique().reindex(index, fill_value=0).astype("int64")
    out["objectives"] = obj.groupby("pcf_domain").size().reindex(index, fill_value=0).astype("int64")
    if objective_change is not None and not objective_change.empty:
        verdicts = objective_change[["course_id", "objective_no", "not_met"]].merge(obj, on=["course_id",
                                                                                            "objective_no"])
        known = verdicts[verdicts["not_met"].map(lambda v: isinstance(v, (bool, np.bool_)))]
        assessed = known.groupby("pcf_domain").size().reindex(index, fill_value=0)
        not_met = known[known["not_met"].astype(bool)].groupby("pcf_domain").size().reindex(index, fill_value=0)
        out["objectives_assessed"] = assessed.astype("int64")
        out["objectives_not_met"] = not_met.astype("int64")
        out["not_met_share"] = (not_met / assessed).where(assessed > 0)
    else:
        out["objectives_assessed"] = out["objectives_not_met"] = 0
        out["not_met_share"] = np.nan
    if domains is not None and not domains.empty:
        d = domains.assign(pcf_domain=domains["pcf_domain"].astype("int64")).set_index("pcf_domain")
        out["change_n"] = d["n"].reindex(index)
        out["mean_change"] = d["mean_change"].reindex(index)
        out["change_ci_low"] = d["ci_low"].reindex(index)
        out["change_ci_high"] = d["ci_high"].reindex(index)
    else:
        out["change_n"] = out["mean_change"] = out["change_ci_low"] = out["change_ci_high"] = np.nan
    return out


def evidence_matrix(*, ldp: pd.DataFrame, survey_by_category: pd.DataFrame, voice: pd.DataFrame,
                    evaluation: pd.DataFrame, groups: list | None = None) -> pd.DataFrame:
    """Every source side by side, one row per PCF domain (scores added by :func:`priority_scores`).

    Parameters
    ----------
    ldp, survey_by_category, voice, evaluation : pandas.DataFrame
        From :func:`ldp_evidence`, :func:`survey_evidence`, :func:`voice_evidence` and
        :func:`evaluation_evidence`.
    groups : list, optional
        Focus-group participant groups to give a column each (``voice_<group>``).

    Returns
    -------
    pandas.DataFrame
        ``pcf_domain, domain, demand_staff, staff_with_plans, demand_share, high_staff,
        linked_method, survey_mean, survey_working_share, survey_wish_share,
        voice_participants, voice_group_participants, voice_share, voice_<group>...,
        voice_themes, courses, objectives, objectives_assessed, objectives_not_met,
        not_met_share, change_n, mean_change, change_ci_low, change_ci_high, missing``
        (``missing`` lists, in words, the sources the domain has no evidence from).

    Examples
    --------
    >>> ldp = ldp_evidence(pd.DataFrame({"staff_id": ["S1"], "team": "A", "topic": "T", "pcf_domain": [5],
    ...                                  "priority": "high", "preferred_method": "social"}))
    >>> m = evidence_matrix(ldp=ldp, survey_by_category=survey_evidence(None, instrument=None, working_block=None,
    ...                     wish_select=None), voice=voice_evidence(None, None, codebook=None),
    ...                     evaluation=evaluation_evidence(None, domains=None, objectives=None))
    >>> m.loc[m["pcf_domain"] == 5, "missing"].item()
    'no survey activities linked; no focus groups; no course'
    """
    out = ldp.copy()
    method = out["linked_method"]
    for column in ("survey_mean", "survey_working_share", "survey_wish_share"):
        values = survey_by_category[column] if column in survey_by_category.columns else pd.Series(dtype=float)
        out[column] = method.map(lambda m, v=values: v.get(m, np.nan) if isinstance(m, str) else np.nan).astype(float)
    if voice is not None and not voice.empty:
        pooled = voice[voice["group"] == "all"].set_index("pcf_domain")
        out["voice_participants"] = pooled["participants"].reindex(out.index)
        out["voice_group_participants"] = pooled["group_participants"].reindex(out.index)
        out["voice_share"] = pooled["share"].reindex(out.index)
        for group in groups or [g for g in dict.fromkeys(voice["group"]) if g != "all"]:
            part = voice[voice["group"] == group].set_index("pcf_domain")
            out[f"voice_{group}"] = part["share"].reindex(out.index)
        out["voice_themes"] = pooled["themes"].reindex(out.index)
    else:
        out["voice_participants"] = out["voice_group_participants"] = out["voice_share"] = np.nan
        out["voice_themes"] = np.nan
    out = out.join(evaluation)
    out.insert(0, "domain", [PCF_DOMAINS[d] for d in out.index])
    out = out.reset_index()
    out["missing"] = [_missing_text(row) for _, row in out.iterrows()]
    return out


def _missing_text(row) -> str:
    parts = []
    if pd.isna(row.get("demand_staff")):
        parts.append("no learning plans")
    if pd.isna(row.get("survey_wish_share")):
        parts.append("no survey activities linked")
    if pd.isna(row.get("voice_themes")):
        parts.append("no focus groups")
    elif not row.get("voice_themes"):
        parts.append("no focus-group theme linked")
    if not row.get("courses"):
        parts.append("no course")
    elif not row.get("objectives_assessed"):
        parts.append("no course objective rated by enough delegates to judge")
    return "; ".join(parts)


def _components(matrix: pd.DataFrame) -> pd.DataFrame:
    """The score components (0-1 shares) of a matrix, indexed by domain; hidden values are missing."""
    return pd.DataFrame({k: pd.to_numeric(matrix[c], errors="coerce").to_numpy() if c in matrix.columns
                         else np.nan for k, c in COMPONENT_COLUMNS.items()},
                        index=pd.Index(matrix["pcf_domain"].to_numpy(), name="pcf_domain"))


def priority_scores(components: pd.DataFrame, *, weights: dict | None = None) -> pd.DataFrame:
    """Weighted mean of the available components, and the rank it gives.

    Parameters
    ----------
    components : pandas.DataFrame
        One row per domain, one column per component (``demand, voice, survey,
        evaluation``), shares from 0 to 1; missing where the domain lacks the source.
    weights : dict, optional
        Component -> weight >= 0 (default :data:`cpdresearch.cpd_model.settings.WEIGHTS`).

    Returns
    -------
    pandas.DataFrame
        Same index: ``score`` (missing when no weighted component is available),
        ``components`` (how many entered the score) and ``rank`` (1 = highest score;
        ties share the better rank).

    Examples
    --------
    Domain 7 has no second component, so its score is its demand alone:

    >>> comp = pd.DataFrame({"demand": [0.3, 0.6, None], "evaluation": [0.5, None, None]}, index=[5, 7, 9])
    >>> priority_scores(comp, weights={"demand": 0.75, "evaluation": 0.25}).to_dict("list")
    {'score': [0.35, 0.6, nan], 'components': [2, 1, 0], 'rank': [2, 1, None]}
    """
    weights = dict(weights if weights is not None else WEIGHTS)
    names = [k for k in components.columns if weights.get(k, 0) > 0]
    x = components[names].astype(float)
    w = np.array([float(weights[k]) for k in names])
    available = x.notna().to_numpy()
    total = (np.nan_to_num(x.to_numpy()) * w).sum(axis=1)
    denominator = (available * w).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(denominator > 0, total / denominator, np.nan)
    out = pd.DataFrame({"score": score, "components": available.sum(axis=1).astype("int64")}, index=components.index)
    out["score"] = out["score"].round(12)
    out["rank"] = out["score"].rank(method="min", ascending=False).astype("Int64")
    return out


def weight_sensitivity(components: pd.DataFrame, *, weights: dict | None = None, change: float = 0.2,
                       top: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """How the ranks move when each weight in turn changes by plus or minus ``change``.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        Scenarios: ``component, factor, weight, top_domain, top_domains, kendall_tau,
        domains_moved``; and per domain (same index as ``components``): ``rank,
        rank_min, rank_max, stable`` (the same rank in every scenario).

    Examples
    --------
    >>> comp = pd.DataFrame({"demand": [0.5, 0.4], "voice": [0.2, 0.31]}, index=[5, 7])
    >>> scenarios, ranks = weight_sensitivity(comp, weights={"demand": 0.5, "voice": 0.5})
    >>> ranks[["rank", "rank_min", "rank_max", "stable"]].to_dict("list")
    {'rank': [2, 1], 'rank_min': [1, 1], 'rank_max': [2, 2], 'stable': [False, False]}
    >>> scenarios[["component", "factor", "top_domain"]].to_dict("list")["top_domain"]
    [7, 5, 5, 7]
    """
    weights = dict(weights if weights is not None else WEIGHTS)
    base = priority_scores(components, weights=weights)
    rows, ranks = [], [base["rank"]]
    for k in [k for k in COMPONENTS if k in components.columns and weights.get(k, 0) > 0] + \
             [k for k in components.columns if k not in COMPONENTS and weights.get(k, 0) > 0]:
        for factor in (1 - change, 1 + change):
            scenario = priority_scores(components, weights={**weights, k: weights[k] * factor})
            ranks.append(scenario["rank"])
            order = scenario.sort_values(["rank"], kind="stable")
            both = pd.concat([base["score"], scenario["score"]], axis=1).dropna()
            tau = sps.kendalltau(both.iloc[:, 0], both.iloc[:, 1]).statistic if len(both) > 1 else np.nan
            moved = int((scenario["rank"] != base["rank"]).fillna(False).sum())
            rows.append({"component": k, "factor": factor, "weight": weights[k] * factor,
                         "top_domain": order.index[0] if order["rank"].notna().any() else None,
                         "top_domains": ", ".join(str(d) for d in order.index[order["rank"] <= top]),
                         "kendall_tau": float(tau), "domains_moved": moved})
    all_ranks = pd.concat(ranks, axis=1).astype("Float64")
    per = pd.DataFrame({"rank": base["rank"], "rank_min": all_ranks.min(axis=1).astype("Int64"),
                        "rank_max": all_ranks.max(axis=1).astype("Int64")}, index=components.index)
    per["stable"] = (per["rank_min"] == per["rank_max"]).fillna(False).astype(bool)
    scenarios = pd.DataFrame(rows, columns=["component", "factor", "weight", "top_domain", "top_domains",
                                            "kendall_tau", "domains_moved"])
    return scenarios, per
