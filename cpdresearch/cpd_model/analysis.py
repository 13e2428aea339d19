"""The whole CPD model of one cohort: every source, combined.

:func:`analyse_cpd_model` builds the learning plans, career pathways, the 70:20:10 mix,
the evidence matrix and the priority areas from a (cohort-filtered) study, calling the
topic packages for their part of the evidence. Results are unsuppressed and never
published as they are (:func:`cpdresearch.cpd_model.published_tables` does that).

Examples
--------
>>> from cpdresearch import load_study, paths
>>> results = analyse_cpd_model(load_study(paths.DEMO_STUDY))
>>> results.n_staff_with_plans > 0, list(results.organisation_plan.columns[:3])
(True, ['topic', 'pcf_domain', 'domain'])
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..evaluation import NotMetRule, domain_change, form_change, mean_with_ci, objective_change, objective_pairs, \
    rating_labels
from ..focus_groups import FACILITATOR_SPEAKERS, code_segments, group_label, participant_segments
from ..frameworks import ACTIVITIES, LEARNING_CATEGORIES
from ..survey import working_vs_wished
from .evidence import (evaluation_evidence, evidence_matrix, ldp_evidence, survey_evidence, voice_evidence)
from .mix import mix_70_20_10, offer_mix, survey_activity_mix
from .pathways import career_pathway, career_stages, pathway_topics, stage_activities
from .plans import (adaptive_needs, commissioning_list, domain_coverage, organisation_plan, plan_coverage,
                    preferred_methods, staff_needs, team_plan)
from .settings import CpdModelSettings

__all__ = ["CpdModelResults", "analyse_cpd_model", "priority_areas"]


@dataclass
class CpdModelResults:
    """Every table of the CPD model of one cohort (unsuppressed; never published as is).

    Tables that could not be built are empty DataFrames, never ``None``; ``sources``
    says which kinds of evidence the cohort has and ``notes`` what could not be built.

    Examples
    --------
    >>> CpdModelResults().has_data, CpdModelResults().team_plan.empty
    (False, True)
    """

    settings: CpdModelSettings = field(default_factory=CpdModelSettings)
    sources: dict = field(default_factory=dict)
    n_needs: int = 0
    n_staff_with_plans: int = 0
    headcount: float | None = None
    stages: list = field(default_factory=list)
    national: dict = field(default_factory=dict)
    groups: list = field(default_factory=list)
    group_labels: dict = field(default_factory=dict)
    team_label: str = "Team"
    stage_label: str = "Career stage"
    team_plan: pd.DataFrame = field(default_factory=pd.DataFrame)
    organisation_plan: pd.DataFrame = field(default_factory=pd.DataFrame)
    plan_coverage: pd.DataFrame = field(default_factory=pd.DataFrame)
    domain_coverage: pd.DataFrame = field(default_factory=pd.DataFrame)
    preferred_methods: pd.DataFrame = field(default_factory=pd.DataFrame)
    commissioning: pd.DataFrame = field(default_factory=pd.DataFrame)
    adaptive_needs: pd.DataFrame = field(default_factory=pd.DataFrame)
    career_pathway: pd.DataFrame = field(default_factory=pd.DataFrame)
    pathway_topics: pd.DataFrame = field(default_factory=pd.DataFrame)
    stage_activities: pd.DataFrame = field(default_factory=pd.DataFrame)
    quadrants: pd.DataFrame = field(default_factory=pd.DataFrame)
    mix_counts: dict = field(default_factory=dict)
    mix: pd.DataFrame = field(default_factory=pd.DataFrame)
    evidence: pd.DataFrame = field(default_factory=pd.DataFrame)
    voice: pd.DataFrame = field(default_factory=pd.DataFrame)
    priority_areas: pd.DataFrame = field(default_factory=pd.DataFrame)
    offer_domains: pd.DataFrame = field(default_factory=pd.DataFrame)
    notes: list = field(default_factory=list)

    @property
    def has_plans(self) -> bool:
        """Whether the cohort has any learning need from a development plan."""
        return self.n_needs > 0

    @property
    def has_data(self) -> bool:
        """Whether any part of the model can be built for the cohort: learning plans, survey
        activities linked to the catalogue (or rated by career stage), coded focus groups or
        courses."""
        return any(self.sources.values())


def _survey_roles(instrument) -> tuple[str | None, str | None]:
    if instrument is None:
        return None, None
    working = instrument.block_with_role("working") or next(
        (b.id for b in instrument.blocks.values() if any(i.activity in ACTIVITIES for i in b.items)), None)
    wish = instrument.select_with_role("wish") or next(
        (m.id for m in instrument.multi_selects.values() if any(o.activity in ACTIVITIES for o in m.options)), None)
    return working, wish


def _headcount(study, needs) -> tuple[float | None, str | None]:
    """Staff in post in the cohort, or why it is not known."""
    wf = study.workforce
    if wf is None or wf.empty:
        return None, "The study gives no workforce figures, so needs cannot be set against the number of staff in post."
    lacking = [c for c in dict(study.filter) if c not in wf.columns]
    if lacking:
        return None, ("The workforce figures are not broken down by "
                      + " or ".join(study.attribute_label(c).lower() for c in lacking)
                      + ", so needs are set against staff with a plan, not against all staff in post.")
    return float(wf["headcount"].sum()), None


def priority_areas(courses: pd.DataFrame | None, *, objectives: pd.DataFrame | None, needs: pd.DataFrame | None,
                   pairs: pd.DataFrame | None, verdicts: pd.DataFrame | None = None, areas=None,
                   level: float = 0.95) -> pd.DataFrame:
    """For each priority area of the workforce plan: the demand, the offer and the evidence of effect.

    An area's courses are those whose ``priority_area`` names it (case-insensitive); its
    PCF domains are those of their objectives; its demand is the staff with a learning
    need in those domains.

    Parameters
    ----------
    courses, objectives : pandas.DataFrame
        The cohort's courses (with ``priority_area``) and their objectives.
    needs : pandas.DataFrame
        Learning needs.
    pairs : pandas.DataFrame
        Before/after pairs (:func:`cpdresearch.evaluation.objective_pairs`).
    verdicts : pandas.DataFrame, optional
        Objectives with ``course_id, objective_no, n, not_met``.
    areas : list of str, optional
        The areas to show, in order (``cpd_model.priority_areas``); default every area the
        courses name.

    Returns
    -------
    pandas.DataFrame
        ``priority_area, pcf_domains, demand_staff, courses, forms, mean_change, ci_low,
        ci_high, objectives_assessed, objectives_not_met``.

    Examples
    --------
    >>> courses = pd.DataFrame({"course_id": ["C1"], "priority_area": ["Neglect"]})
    >>> obj = pd.DataFrame({"course_id": ["C1"], "objective_no": [1], "pcf_domain": [5]})
    >>> needs = pd.DataFrame({"staff_id": ["S1", "S2"], "pcf_domain": [5, 7]})
    >>> pairs = pd.DataFrame({"response_id": ["E1", "E2"], "course_id": "C1", "objective_no": 1, "pre": [1, 2],
    ...                       "post": [3, 3]})
    >>> priority_areas(courses, objectives=obj, needs=needs, pairs=pairs, areas=["neglect", "Court"])[
    ...     ["priority_area", "pcf_domains", "demand_staff", "courses", "forms", "mean_change"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'priority_area': 'neglect', 'pcf_domains': '5', 'demand_staff': 1, 'courses': 1, 'forms': 2, 'mean_change': 1.5},
     {'priority_area': 'Court', 'pcf_domains': '', 'demand_staff': 0, 'courses': 0, 'forms': 0, 'mean_change': nan}]
    """
    columns = ["priority_area", "pcf_domains", "demand_staff", "courses", "forms", "mean_change", "ci_low", "ci_high",
               "objectives_assessed", "objectives_not_met"]
    has_areas = courses is not None and "priority_area" in courses.columns
    if areas is None:
        areas = list(dict.fromkeys(courses["priority_area"].dropna().astype(str))) if has_areas else []
    if not areas:
        return pd.DataFrame(columns=columns)
    per_form = form_change(pairs) if pairs is not None and not pairs.empty else pd.DataFrame(
        columns=["response_id", "course_id", "change"])
    rows = []
    for area in areas:
        key = str(area).strip().casefold()
        ids = (set(courses.loc[courses["priority_area"].astype(str).str.strip().str.casefold() == key, "course_id"])
               if has_areas else set())
        domains = (sorted(int(d) for d in objectives.loc[objectives["course_id"].isin(ids), "pcf_domain"].dropna()
                          .unique()) if objectives is not None else [])
        demand = (int(needs.loc[needs["pcf_domain"].astype("Int64").isin(domains), "staff_id"].nunique())
                  if needs is not None and not needs.empty else np.nan)
        change = per_form.loc[per_form["course_id"].isin(ids), "change"].astype(float)
        stats = mean_with_ci(change, pd.Series("x", index=change.index), level=level) if len(change) else None
        row = {"priority_area": str(area), "pcf_domains": ", ".join(str(d) for d in domains),
               "demand_staff": demand, "courses": len(ids), "forms": int(len(change)),
               "mean_change": float(stats["mean"].iloc[0]) if stats is not None else np.nan,
               "ci_low": float(stats["ci_low"].iloc[0]) if stats is not None else np.nan,
               "ci_high": float(stats["ci_high"].iloc[0]) if stats is not None else np.nan,
               "objectives_assessed": np.nan, "objectives_not_met": np.nan}
        if verdicts is not None and not verdicts.empty and ids:
            v = verdicts[verdicts["course_id"].isin(ids)]
            row["objectives_assessed"], row["objectives_not_met"] = int(len(v)), int(v["not_met"].astype(bool).sum())
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)


def _mix_counts(counts: dict) -> pd.DataFrame:
    """The 70:20:10 table's counts (``count, n``) only, without shares or tests."""
    rows = []
    for source, by_category in counts.items():
        by_category = pd.Series(by_category, dtype=float).reindex(list(LEARNING_CATEGORIES), fill_value=0)
        for category, count in by_category.items():
            rows.append({"source": source, "category": category, "count": int(count), "n": int(by_category.sum())})
    return pd.DataFrame(rows, columns=["source", "category", "count", "n"]).reindex(
        columns=mix_70_20_10({}).columns)


def analyse_cpd_model(study, *, level: float = 0.95, padjust: str = "holm", min_cell: int | None = None,
                      settings: CpdModelSettings | None = None, counts_only: bool = False) -> CpdModelResults:
    """Build the CPD model of a (cohort-filtered) study from every source it has.

    Parameters
    ----------
    study : cpdresearch.study.Study
        Already filtered to the cohort (``study.cohort(name)``).
    level : float
        Level of every interval.
    padjust : str
        Adjustment of the 70:20:10 tests across sources.
    min_cell : int, optional
        Disclosure threshold (default ``study.min_cell``): an objective's verdict counts in
        the evidence matrix only when at least this many delegates rated it, as the
        evaluation report publishes verdicts.
    settings : CpdModelSettings, optional
        Default: ``cpd_model:`` of ``study.yml``.
    counts_only : bool, default False
        Build only the counts of people that disclosure control coordinates across
        cohorts (:data:`cpdresearch.cpd_model.publish.COORDINATED`): no tests, no
        working-versus-wished quadrants, no focus-group coding, no objective verdicts.
        Those counts are the same as in the full model.

    Returns
    -------
    CpdModelResults

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> study = load_study(paths.DEMO_STUDY)
    >>> results = analyse_cpd_model(study.cohort(study.cohorts[1].name))
    >>> bool(results.organisation_plan["staff"].max() <= results.n_staff_with_plans)
    True
    """
    min_cell = int(min_cell if min_cell is not None else study.min_cell)
    res = CpdModelResults(settings=settings or CpdModelSettings.from_settings(study.settings))
    s = res.settings
    needs = study.learning_needs
    res.team_label = study.attribute_label("team")
    res.stage_label = study.attribute_label("career_stage")
    res.stages, res.national = career_stages(study)
    working, wish = _survey_roles(study.instrument)
    survey = study.survey if study.survey is not None and len(study.survey) else None
    has_forms = study.evaluations is not None and len(study.evaluations) > 0 and study.courses is not None
    res.sources = {"plans": needs is not None and len(needs) > 0, "survey": survey is not None,
                   "focus_groups": study.segments is not None and len(study.segments) > 0
                   and study.codebook is not None,
                   "evaluation": has_forms, "courses": study.courses is not None and len(study.courses) > 0}

    # Learning plans: individual -> team -> organisation
    if res.sources["plans"]:
        res.n_needs = int(len(needs))
        res.n_staff_with_plans = int(needs["staff_id"].nunique())
        res.headcount, why = _headcount(study, needs)
        if why:
            res.notes.append(why)
        res.team_plan = team_plan(needs, points=s.priority_points)
        res.organisation_plan = organisation_plan(needs, points=s.priority_points)
        res.plan_coverage = plan_coverage(needs, study.workforce if res.headcount is not None else None)
        res.domain_coverage = domain_coverage(needs, headcount=res.headcount)
        res.preferred_methods = preferred_methods(needs)
        res.commissioning = commissioning_list(res.organisation_plan, methods=res.preferred_methods,
                                               min_staff=s.min_staff, min_teams=s.min_teams)
        res.adaptive_needs = adaptive_needs(needs)
        res.career_pathway = career_pathway(needs, stages=res.stages, national=res.national)
        res.pathway_topics = pathway_topics(needs)
    else:
        res.notes.append("The study has no learning needs from development plans for this cohort, so there are no "
                         "team or organisation plans, no commissioning list and no career pathways.")

    # Survey: activities by career stage, quadrants, the mix of what works and what is wanted
    survey_counts = {}
    if survey is not None:
        res.stage_activities = stage_activities(survey, instrument=study.instrument, working_block=working,
                                                wish_select=wish, stages=res.stages)
        survey_counts = survey_activity_mix(survey, instrument=study.instrument, working_block=working,
                                            wish_select=wish)
        if not counts_only and working and wish and study.instrument.blocks[working].role == "working" \
                and study.instrument.multi_selects[wish].role == "wish":
            quadrants = working_vs_wished(survey, instrument=study.instrument, working_block=working,
                                          wish_select=wish, level=level)
            quadrants.insert(2, "category", quadrants["activity"].map(
                lambda a: ACTIVITIES[a].category if a in ACTIVITIES else None))
            res.quadrants = quadrants
        res.sources["survey"] = bool(survey_counts) or not res.stage_activities.empty
        if not survey_counts:
            res.notes.append("The survey links none of its questions to the catalogue of learning activities, so "
                             "it cannot say which kinds of learning (70:20:10) work or are wanted.")

    # Focus groups: who raised themes linked to each PCF domain
    voice = voice_evidence(None, None, codebook=None)
    if res.sources["focus_groups"] and not counts_only:
        fg = study.settings.get("focus_groups") or {}
        segments = participant_segments(study.segments, known_names=study.known_names,
                                        facilitators=fg.get("facilitators") or FACILITATOR_SPEAKERS)
        coded = code_segments(segments, codebook=study.codebook)
        talk = segments[~segments["is_facilitator"]]
        res.groups = [str(g) for g in dict.fromkeys(talk["group"].astype(object).dropna())]
        res.group_labels = {g: group_label(g, fg.get("group_labels")) for g in res.groups}
        voice = voice_evidence(coded, segments, codebook=study.codebook, groups=res.groups)
        res.voice = voice
        filt = dict(study.filter)
        if filt and study.sessions is not None and not set(filt) & set(study.sessions.columns):
            res.notes.append("The focus-group sessions are not recorded by "
                             + " or ".join(study.attribute_label(c).lower() for c in filt)
                             + ", so the focus-group evidence covers every session in the study, not only this "
                               "cohort.")
    else:
        res.notes.append("The study has no coded focus groups, so the evidence matrix cannot say how often young "
                         "people, parents and carers or staff raised each domain's themes.")

    # Training evaluation: courses by PCF domain, change in confidence, objectives not met
    objectives = None
    if res.sources["courses"] and study.objectives is not None:
        objectives = study.objectives[study.objectives["course_id"].isin(set(study.courses["course_id"]))]
    verdicts = domains = pairs = None
    if has_forms:
        forms = study.evaluations
        used = set(forms["course_id"].dropna())
        objectives = objectives[objectives["course_id"].isin(used)] if objectives is not None else None
        pairs = objective_pairs(forms)
    if has_forms and not counts_only:
        change = objective_change(pairs, labels=rating_labels(forms), rule=NotMetRule.from_settings(study.settings),
                                  level=level)
        verdicts = change[pd.to_numeric(change["n"], errors="coerce") >= min_cell][
            ["course_id", "objective_no", "n", "not_met"]]
    if has_forms:
        domains = domain_change(pairs, objectives=objectives, level=level)
    elif res.sources["courses"]:
        res.notes.append("The study has no evaluation forms for this cohort, so the evidence matrix cannot say how "
                         "well the courses in each domain worked.")
    else:
        res.notes.append("The study lists no courses, so the current offer cannot be set against demand.")
    evaluation = evaluation_evidence(verdicts, domains=domains, objectives=objectives)
    courses_used = (study.courses[study.courses["course_id"].isin(set(objectives["course_id"]))]
                    if objectives is not None else study.courses)
    res.offer_domains = evaluation.reset_index()[["pcf_domain", "courses", "objectives"]]

    # The 70:20:10 mix
    counts = dict(survey_counts)
    if res.sources["plans"]:
        units = staff_needs(needs)
        counts["preferred"] = units["preferred_method"].value_counts()
    if res.sources["courses"]:
        counts["offered"] = offer_mix(courses_used)
    res.mix_counts = counts
    res.mix = _mix_counts(counts) if counts_only else mix_70_20_10(counts, level=level, padjust=padjust)

    # The evidence matrix (scored at publication, from the published values)
    res.evidence = evidence_matrix(
        ldp=ldp_evidence(needs if res.sources["plans"] else None),
        survey_by_category=survey_evidence(None if counts_only else survey, instrument=study.instrument,
                                           working_block=working, wish_select=wish),
        voice=voice, evaluation=evaluation, groups=res.groups)
    if res.quadrants is not None and not res.quadrants.empty:
        expand = res.quadrants[res.quadrants["quadrant"] == "expand"]
        by_category = expand.groupby("category")["label"].apply(lambda v: ", ".join(v))
        res.evidence["linked_expand"] = res.evidence["linked_method"].map(
            lambda m: by_category.get(m, "") if isinstance(m, str) else "")

    # Priority areas of the workforce plan
    if res.sources["courses"] and ("priority_area" in study.courses.columns or s.priority_areas):
        res.priority_areas = priority_areas(courses_used, objectives=objectives,
                                            needs=needs if res.sources["plans"] else None, pairs=pairs,
                                            verdicts=verdicts, areas=s.priority_areas, level=level)
    return res
