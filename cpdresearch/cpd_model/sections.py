"""The sections of the CPD model report, in reading order, written from the study's own words.

Each section appears only when the cohort has the source it needs; a section whose
numbers are all hidden says so in one sentence. Teams, career stages and topics are the
study's own; the national frameworks (PCF domains, 70:20:10) come from
:mod:`cpdresearch.frameworks`.

Examples
--------
>>> from cpdresearch.cpd_model import build_cpd_model_report
>>> from cpdresearch import load_study, paths
>>> report = build_cpd_model_report(load_study(paths.DEMO_STUDY), figures=False)
>>> [s.heading for s in report.sections][:2]
['What to commission', 'The organisation plan']
"""
from __future__ import annotations

import pandas as pd

from ..frameworks import LEARNING_CATEGORIES
from ..report.safe_text import escape_markdown
from ..report.sentences import as_number
from ..report.topic import ReportSection, TableView
from .findings import METHOD_WORDS, recommendations
from .plans import ADAPTIVE_SOURCES

__all__ = ["cpd_model_sections", "EVIDENCE_WORDS"]

#: The evidence matrix's shares as the heatmap and table name them.
EVIDENCE_WORDS = {"demand_share": "Staff with a need (plans)", "voice_share": "Focus-group participants raising it",
                  "survey_wish_share": "Want more of linked activities (survey)",
                  "not_met_share": "Course objectives not met", "score": "Priority score"}

_METHOD_LABELS = {m: m.capitalize() for m in LEARNING_CATEGORIES}
_SOURCE_LABELS = {"working": "Rated as working (survey)", "wished": "Wanted more of (survey)",
                  "preferred": "Preferred in learning plans", "offered": "Courses on offer"}


def _numbers(table: pd.DataFrame, column: str) -> bool:
    return not table.empty and column in table.columns and pd.to_numeric(table[column], errors="coerce").notna().any()


def _commissioning(report) -> ReportSection:
    table = report.table("commissioning")
    r = report.results
    s = r.settings
    text = (f"Topics needed by at least {s.min_staff} staff"
            + (f" in at least {s.min_teams} teams" if s.min_teams > 1 else "")
            + " (the study's threshold, `cpd_model.commissioning` in its settings), in the order of the "
              "organisation plan. For each: who needs it, how they prefer to learn it, and whether the current "
              "offer has a course in its PCF domain.")
    recs = recommendations(report.tables, min_cell=report.min_cell, stage_label=r.stage_label)
    if recs:
        text += "\n\n" + "\n".join(f"- {line}" for line in recs)
        if len(table) > len(recs):
            text += f"\n\nThe table lists all {len(table)} topics on the list."
    return ReportSection(
        heading="What to commission", text=text,
        tables=[TableView(table, columns=["topic", "domain", "staff", "teams", "high", "top_method", "top_share",
                                          "for_whom", "courses_in_domain"],
                          rename={"topic": "Topic", "domain": "PCF domain", "staff": "Staff", "teams": "Teams",
                                  "high": "High priority", "top_method": "Preferred method",
                                  "top_share": "Share preferring it", "for_whom": f"Mostly at {r.stage_label.lower()}",
                                  "courses_in_domain": "Courses in the domain now"},
                          percent_columns=("top_share",), value_labels={"top_method": _METHOD_LABELS})],
        missing=None if not table.empty else
        (f"No topic is needed by {s.min_staff} or more staff in this cohort, so nothing passes the study's "
         "commissioning threshold; the plans below show what to arrange locally."))


def _organisation(report) -> ReportSection:
    table = report.table("organisation_plan")
    points = report.results.settings.priority_points
    text = ("Every topic in the cohort's learning development plans, across teams. **Staff** counts each member of "
            "staff once per topic, at the highest priority they gave it, so *high + medium + low = staff*. The "
            f"**priority score** gives each of them {points['high']:g} points for high, {points['medium']:g} for "
            f"medium and {points['low']:g} for low priority; topics are ranked by score. **Teams** is how many teams "
            "share the need.")
    return ReportSection(
        heading="The organisation plan", text=text,
        figure="organisation_plan" if "organisation_plan" in report.figures else None,
        tables=[TableView(table, columns=["rank", "topic", "pcf_domain", "domain", "staff", "teams", "high",
                                          "medium", "low", "score"],
                          rename={"rank": "Rank", "topic": "Topic", "pcf_domain": "PCF", "domain": "PCF domain",
                                  "staff": "Staff", "teams": "Teams", "high": "High", "medium": "Medium",
                                  "low": "Low", "score": "Score"})],
        missing=None if _numbers(table, "staff") else
        "Every topic is needed by too few staff in this cohort for its numbers to be shown.")


def _teams(report) -> ReportSection | None:
    table = report.table("team_plan")
    if not table.empty and table["team"].nunique() == 1:
        return None  # one team: its plan is the organisation plan above
    team = report.results.team_label
    shown = table
    caption = None
    if not table.empty:
        rank = pd.to_numeric(table["rank"], errors="coerce")
        shown = table[(rank <= 5) | rank.isna()].groupby("team", sort=False).head(5)
        caption = (f"The first five topics of each {team.lower()}'s plan; every topic is in tables/team_plan.csv.")
    return ReportSection(
        heading="Team training plans",
        text=(f"The same plan for each {escape_markdown(team.lower())}: each topic its staff need, ranked within the "
              f"{escape_markdown(team.lower())} by the priority score. In small teams most numbers are hidden, so the "
              "order of the rows is the best guide."),
        tables=[TableView(shown, columns=["team", "rank", "topic", "domain", "staff", "high", "medium", "low", "score"],
                          rename={"team": team, "rank": "Rank", "topic": "Topic", "domain": "PCF domain",
                                  "staff": "Staff", "high": "High", "medium": "Medium", "low": "Low",
                                  "score": "Score"}, caption=caption)],
        missing=None if _numbers(table, "staff") else
        (f"In this cohort each {escape_markdown(team.lower())} has too few staff needing each topic for its plan to "
         "be shown here; tables/team_plan.csv lists the topics, with the numbers hidden."))


def _coverage(report) -> ReportSection:
    r = report.results
    plans, domains = report.table("plan_coverage"), report.table("domain_coverage")
    text = ("How many staff have a learning development plan against the staff in post (from the workforce "
            "figures), and the share of staff with a need in each PCF domain.")
    tables = []
    if _numbers(plans, "headcount"):
        tables.append(TableView(plans, columns=["team", "staff_with_plans", "headcount", "share"],
                                rename={"team": r.team_label, "staff_with_plans": "Staff with a plan",
                                        "headcount": "Staff in post", "share": "Share"},
                                percent_columns=("share",)))
    over = pd.to_numeric(plans.get("share", pd.Series(dtype=float)), errors="coerce") > 1
    if over.any():
        text += (" Where more staff have a plan than are in post, the workforce figures are out of date or count "
                 "staff differently; check them before using the shares.")
    tables.append(TableView(domains, columns=["pcf_domain", "domain", "staff", "share_of_planned",
                                              "share_of_workforce"],
                            rename={"pcf_domain": "PCF", "domain": "PCF domain", "staff": "Staff with a need",
                                    "share_of_planned": "Of staff with a plan", "share_of_workforce": "Of staff in post"},
                            percent_columns=("share_of_planned", "share_of_workforce")))
    return ReportSection(heading="Who has a plan, and in which domains", text=text, tables=tables)


def _methods(report) -> ReportSection:
    table = report.table("preferred_methods")
    return ReportSection(
        heading="How staff want to learn each topic",
        text=("Staff who need each topic by the learning method they prefer for it, in the 70:20:10 categories: "
              + "; ".join(f"**{m.capitalize()}**: {METHOD_WORDS[m]}" for m in LEARNING_CATEGORIES) + "."),
        tables=[TableView(table, columns=["topic", "staff", *LEARNING_CATEGORIES, "top_method", "top_share"],
                          rename={"topic": "Topic", "staff": "Staff", **_METHOD_LABELS,
                                  "top_method": "Most preferred", "top_share": "Share"},
                          percent_columns=("top_share",), value_labels={"top_method": _METHOD_LABELS})])


def _adaptive(report) -> ReportSection:
    table = report.table("adaptive_needs")
    return ReportSection(
        heading="Needs raised by practice reviews, audits and complaints",
        text=("These needs were not raised by staff in supervision or appraisal but came from the organisation "
              "learning from its practice. They are shown apart because the model uses them to adapt the plan to "
              "local change. A member of staff counts once per topic and source."),
        tables=[TableView(table, columns=["topic", "pcf_domain", *ADAPTIVE_SOURCES, "staff"],
                          rename={"topic": "Topic", "pcf_domain": "PCF", "practice_review": "Practice review",
                                  "audit": "Audit", "complaint": "Complaint", "staff": "Staff (any of these)"})],
        missing=None if not table.empty else "No need in this cohort's plans came from a practice review, an audit "
                                             "or a complaint.")


def _pathway(report) -> list[ReportSection]:
    r = report.results
    table = report.table("career_pathway")
    stage = r.stage_label
    national = bool(r.national) and any(k != v for k, v in r.national.items())
    text = (f"The learning that goes with each {escape_markdown(stage.lower())}: the share of staff at the stage "
            "with a need in each PCF domain (darker: more), from the study's own stages"
            + (", with the national career stage each one maps to" if national else "") + ". The table names the "
            f"topics most needed at each stage in each domain (topics needed by at least {report.min_cell} staff).")
    shown = table[table["top_topics"].astype(str) != ""] if not table.empty else table
    columns = ["career_stage", *(["national_stage"] if national else []), "domain", "staff", "stage_staff", "share",
               "top_topics"]
    sections = [ReportSection(
        heading="Career pathways", text=text,
        figure="career_pathway" if "career_pathway" in report.figures else None,
        tables=[TableView(shown, columns=columns,
                          rename={"career_stage": stage, "national_stage": "National stage", "domain": "PCF domain",
                                  "staff": "Staff with a need", "stage_staff": "Staff at the stage", "share": "Share",
                                  "top_topics": "Most needed topics"}, percent_columns=("share",))],
        missing=None if _numbers(table, "share") else
        f"Too few staff at each {escape_markdown(stage.lower())} have a plan for the pathway to be shown.")]
    return sections


def _stage_activities(report) -> ReportSection:
    r = report.results
    table = report.table("stage_activities")
    stage = r.stage_label
    shown = table
    if not table.empty:
        mean = pd.to_numeric(table["mean"], errors="coerce")
        wish = pd.to_numeric(table["wish_share"], errors="coerce")
        shown = table.assign(_m=mean.fillna(-1), _w=wish.fillna(-1))
        best = shown.sort_values(["career_stage", "_m"], ascending=[True, False]).groupby("career_stage").head(3)
        wanted = shown.sort_values(["career_stage", "_w"], ascending=[True, False]).groupby("career_stage").head(3)
        order = {s: i for i, s in enumerate(r.stages)}
        shown = pd.concat([best.assign(_kind="works"), wanted.assign(_kind="wanted")])
        shown = shown[(shown["_kind"] == "works") & (shown["_m"] >= 0) | (shown["_kind"] == "wanted") & (shown["_w"] >= 0)]
        shown = shown.drop_duplicates(["career_stage", "activity"]).sort_values(
            ["career_stage", "_kind"], key=lambda s: s.map(order) if s.name == "career_stage" else s, kind="stable")
    return ReportSection(
        heading=f"What works, and what is wanted, at each {stage.lower()}",
        text=(f"From the survey: for each {escape_markdown(stage.lower())}, the three activities rated highest "
              "(mean rating, and the share rating them in the upper half of the scale) and the three that most "
              "respondents want more of. All activities are in tables/stage_activities.csv."),
        tables=[TableView(shown, columns=["career_stage", "label", "category", "n", "mean", "working_share",
                                          "wish_share"],
                          rename={"career_stage": stage, "label": "Activity", "category": "70:20:10",
                                  "n": "Rated by", "mean": "Mean rating", "working_share": "Rated as working",
                                  "wish_share": "Want more"},
                          percent_columns=("working_share", "wish_share"),
                          value_labels={"category": _METHOD_LABELS})],
        missing=None if _numbers(table, "mean") or _numbers(table, "wish_share") else
        f"Too few respondents at each {escape_markdown(stage.lower())} answered for their ratings to be shown.")


def _mix(report) -> ReportSection:
    table = report.table("mix_70_20_10")
    text = ("The 70:20:10 model expects about 70% of learning on the job (experiential), 20% from and with others "
            "(social) and 10% from courses and qualifications (formal). The chart sets each source against it: "
            "the activities staff rate as working and want more of in the survey (each activity counted through its "
            "category; the mix also reflects which activities the survey asks about), the methods staff prefer in "
            "their learning plans, and the courses on offer (all formal). The **gap** is the share minus the "
            "model's. For samples, a chi-square test asks whether the mix differs from 70:20:10 (Holm-adjusted "
            "across sources), Cohen's *w* says by how much (0.1 small, 0.3 medium, 0.5 large), and the intervals "
            "are simultaneous 95% intervals for the three shares. Ratings and needs of one person are counted "
            "separately, so the tests are somewhat optimistic.")
    return ReportSection(
        heading="The 70:20:10 mix", text=text, figure="mix_70_20_10" if "mix_70_20_10" in report.figures else None,
        tables=[TableView(table, columns=["source", "category", "count", "share", "ci_low", "ci_high", "reference",
                                          "gap", "p_adjusted", "cohens_w", "magnitude"],
                          rename={"source": "Source", "category": "Category", "count": "Count", "share": "Share",
                                  "ci_low": "CI low", "ci_high": "CI high", "reference": "70:20:10", "gap": "Gap",
                                  "p_adjusted": "Adjusted p", "cohens_w": "Cohen's w", "magnitude": "Size"},
                          percent_columns=("share", "ci_low", "ci_high", "reference", "gap"),
                          value_labels={"source": _SOURCE_LABELS, "category": _METHOD_LABELS})],
        missing=None if not table.empty else "No source in this cohort says how staff learn.")


def _evidence(report) -> list[ReportSection]:
    r = report.results
    table = report.table("evidence_matrix")
    w = r.settings.weights
    groups = [g for g in r.groups if f"voice_{g}" in table.columns]
    group_cols = {f"voice_{g}": escape_markdown(r.group_labels.get(g, g)) for g in groups}
    text = ("Each PCF domain with every source side by side: the share of staff with a need in it (learning "
            "plans); the share of focus-group participants who raised a theme linked to it"
            + (" (" + ", ".join(group_cols.values()) + " also separately)" if group_cols else "")
            + "; how well the activities linked to it work and how many respondents want more of them (survey; an "
            "activity is linked through the learning method staff most often prefer for the domain's needs); and "
            "the courses with an objective in it, their mean change in confidence and the share of their objectives "
            "not met (evaluations).\n\n"
            f"The **priority score** is the weighted mean of the four shares a domain has (weights: plans "
            f"{w['demand']:g}, focus groups {w['voice']:g}, survey {w['survey']:g}, evaluations {w['evaluation']:g}; "
            "`cpd_model.weights` in the study's settings). A source a domain lacks (no course, no linked theme) is "
            "left out and the other weights rescaled: it is not counted as zero, and the last column says what is "
            "missing. **Rank range** is the best and worst rank when each weight in turn moves by 20% either way; "
            "a rank is *stable* when it does not move.")
    matrix = table.assign(rank_range=[f"{as_number(a):.0f}-{as_number(b):.0f}" if pd.notna(as_number(a)) and
                                      as_number(a) != as_number(b) else ("" if pd.isna(as_number(a)) else
                                                                         f"{as_number(a):.0f}")
                                      for a, b in zip(table.get("rank_min", []), table.get("rank_max", []))]) \
        if not table.empty else table
    if not matrix.empty:
        matrix = matrix.assign(_r=pd.to_numeric(matrix["rank"], errors="coerce")).sort_values("_r", kind="stable")
    columns = ["rank", "domain", "demand_share", "voice_share", *group_cols, "survey_mean", "survey_wish_share",
               "courses", "mean_change", "not_met_share", "score", "rank_range", "stable", "missing"]
    rename = {"rank": "Rank", "domain": "PCF domain", "demand_share": "Staff with a need",
              "voice_share": "Participants raising it", **{c: f"… {v}" for c, v in group_cols.items()},
              "survey_mean": "Linked activities: mean rating", "survey_wish_share": "Want more",
              "courses": "Courses", "mean_change": "Mean change in confidence", "not_met_share": "Objectives not met",
              "score": "Priority score", "rank_range": "Rank range", "stable": "Stable", "missing": "No evidence from"}
    sections = [ReportSection(
        heading="The evidence matrix", text=text,
        figure="evidence_matrix" if "evidence_matrix" in report.figures else None,
        tables=[TableView(matrix, columns=columns, rename=rename,
                          percent_columns=("demand_share", "voice_share", *group_cols, "survey_wish_share",
                                           "not_met_share"),
                          value_labels={"stable": {True: "yes", False: "no"}})],
        missing=None if _numbers(table, "score") else
        "No source in this cohort gives evidence by PCF domain, so the domains cannot be scored.")]
    scenarios = report.table("weight_sensitivity")
    if _numbers(table, "score") and not scenarios.empty:
        sections.append(ReportSection(
            heading="How much the order depends on the weights", level=3,
            text=("Each row changes one weight by 20% (factor 0.8 or 1.2) and keeps the others: the first domain, "
                  "the first three (by number), Kendall's tau between the new and the original order (1: the same "
                  "order) and how many domains change rank."),
            tables=[TableView(scenarios, columns=["component", "factor", "weight", "top_domain", "top_domains",
                                                  "kendall_tau", "domains_moved"],
                              rename={"component": "Weight changed", "factor": "Factor", "weight": "New weight",
                                      "top_domain": "First domain", "top_domains": "First three (PCF numbers)",
                                      "kendall_tau": "Kendall's tau", "domains_moved": "Domains changing rank"},
                              value_labels={"component": {"demand": "Plans", "voice": "Focus groups",
                                                          "survey": "Survey", "evaluation": "Evaluations"}})]))
    return sections


def _areas(report) -> ReportSection:
    table = report.table("priority_areas")
    return ReportSection(
        heading="Priority areas of the workforce plan",
        text=("For each priority area the courses name: the PCF domains of its courses' objectives, the staff with "
              "a learning need in those domains (demand), the courses and evaluation forms (offer) and the mean "
              "change in confidence per delegate with its 95% interval, and objectives not met (evidence of "
              "effect)."),
        tables=[TableView(table, columns=["priority_area", "pcf_domains", "demand_staff", "courses", "forms",
                                          "mean_change", "ci_low", "ci_high", "objectives_assessed",
                                          "objectives_not_met"],
                          rename={"priority_area": "Priority area", "pcf_domains": "PCF domains",
                                  "demand_staff": "Staff with a need", "courses": "Courses", "forms": "Forms",
                                  "mean_change": "Mean change", "ci_low": "CI low", "ci_high": "CI high",
                                  "objectives_assessed": "Objectives judged", "objectives_not_met": "Not met"})])


def cpd_model_sections(report) -> list[ReportSection]:
    """Every section of the CPD model report for one cohort, in reading order (those whose
    source the cohort lacks are left out; ``report.notes`` says why)."""
    r = report.results
    if r is None or not r.has_data:
        return []
    sections = []
    if r.has_plans:
        sections += [s for s in (_commissioning(report), _organisation(report), _teams(report), _coverage(report),
                                 _methods(report), _adaptive(report)) if s is not None]
        if not report.table("career_pathway").empty:
            sections += _pathway(report)
    if not report.table("stage_activities").empty:
        sections.append(_stage_activities(report))
    if not report.table("mix_70_20_10").empty:
        sections.append(_mix(report))
    if r.has_plans or r.sources.get("focus_groups") or r.sources.get("courses"):
        sections += _evidence(report)
    if not report.table("priority_areas").empty:
        sections.append(_areas(report))
    return sections
