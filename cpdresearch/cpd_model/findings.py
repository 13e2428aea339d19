"""The CPD model's recommendations and findings in plain English, from the published tables.

Each sentence is written from a published (suppressed) table, so it never quotes a hidden
number; study text (topics, career stages, teams) is escaped for Markdown.

Examples
--------
>>> method_words("experiential")
'learning on the job (experiential)'
"""
from __future__ import annotations

import math

import pandas as pd

from ..frameworks import LEARNING_CATEGORIES
from ..report.safe_text import escape_markdown
from ..report.sentences import as_number, percent_text

__all__ = ["METHOD_WORDS", "method_words", "recommendations", "cpd_model_findings"]

#: How reports name the 70:20:10 categories.
METHOD_WORDS: dict[str, str] = {"experiential": "learning on the job (experiential)",
                                "social": "learning from and with others (social)",
                                "formal": "courses and qualifications (formal)"}


def method_words(category) -> str:
    """The reader's words for a 70:20:10 category."""
    return METHOD_WORDS.get(str(category), str(category))


def _md(text) -> str:
    return escape_markdown(str(text))


def _count(value, *, min_cell: int) -> str:
    x = as_number(value)
    return f"fewer than {min_cell}" if math.isnan(x) else f"{x:.0f}"


def _known(value) -> bool:
    return not math.isnan(as_number(value))


def recommendations(tables: dict, *, min_cell: int = 5, stage_label: str = "career stage", top: int = 5) -> list[str]:
    """What to commission, for whom, by which method and why: one sentence per topic on the
    commissioning list (at most ``top``), in rank order.

    Examples
    --------
    >>> t = {"commissioning": pd.DataFrame({"topic": ["Court skills"], "domain": ["Contexts and organisations"],
    ...      "staff": [12], "teams": [3], "high": [5], "top_method": ["social"], "top_share": [0.5],
    ...      "for_whom": ["Social Worker"], "courses_in_domain": [0]})}
    >>> print(recommendations(t)[0])  # doctest: +NORMALIZE_WHITESPACE
    **Court skills** (PCF: Contexts and organisations): needed by 12 staff in 3 teams, 5 of them as a high
    priority, most of all at career stage Social Worker. 50% of them prefer to learn it through learning from and
    with others (social), more than any other way. The current offer has no course in this domain.
    """
    table = tables.get("commissioning", pd.DataFrame())
    out = []
    for _, row in table.head(top).iterrows():
        text = (f"**{_md(row['topic'])}** (PCF: {_md(row['domain'])}): needed by {_count(row['staff'], min_cell=min_cell)} "
                f"staff in {int(row['teams'])} team{'s' if int(row['teams']) != 1 else ''}")
        if _known(row["high"]) and as_number(row["high"]) > 0:
            text += f", {as_number(row['high']):.0f} of them as a high priority"
        if isinstance(row.get("for_whom"), str) and row["for_whom"]:
            stages = [s for s in row["for_whom"].split("; ") if s]
            text += (f", most of all at {stage_label.lower()} " + _md(stages[0]) if len(stages) == 1 else
                     f", most of all at these {stage_label.lower()}s: " + ", ".join(_md(s) for s in stages[:-1])
                     + " and " + _md(stages[-1]))
        text += "."
        if _known(row.get("top_share")):
            text += (f" {percent_text(row['top_share'])} of them prefer to learn it through "
                     f"{method_words(row['top_method'])}, more than any other way.")
        elif isinstance(row.get("top_method"), str):
            text += f" Most often they prefer to learn it through {method_words(row['top_method'])}."
        courses = as_number(row.get("courses_in_domain"))
        if not math.isnan(courses):
            text += (" The current offer has no course in this domain." if courses == 0 else
                     f" The current offer has {courses:.0f} course{'s' if courses != 1 else ''} with an objective in "
                     "this domain.")
        out.append(text)
    return out


def cpd_model_findings(tables: dict, *, key_figures: dict, min_cell: int = 5, min_staff: int = 10,
                       group_labels: dict | None = None) -> list[str]:
    """The headline findings of the CPD model, in reading order.

    Examples
    --------
    >>> cpd_model_findings({}, key_figures={"n_staff_with_plans": None})
    []
    """
    out = []
    n = key_figures.get("n_staff_with_plans")
    org = tables.get("organisation_plan", pd.DataFrame())
    if not org.empty:
        who = f"{n} staff" if n is not None else f"Fewer than {min_cell} staff"
        text = f"{who} in this cohort have learning needs in a development plan, across {len(org)} topics."
        coverage = key_figures.get("plan_coverage")
        if coverage is not None:
            text += f" That is {percent_text(coverage)} of staff in post."
        out.append(text)
        first = org.iloc[0]
        staff = org["staff"].map(as_number)
        if _known(first["rank"]) and _known(first["staff"]):
            out.append(f"The most needed topic (highest priority score) is **{_md(first['topic'])}** "
                       f"(PCF: {_md(first['domain'])}), needed by {as_number(first['staff']):.0f} staff in "
                       f"{int(first['teams'])} team{'s' if int(first['teams']) != 1 else ''}.")
        elif staff.notna().any():
            most = org[staff == staff.max()]
            names = [f"**{_md(t)}**" for t in most["topic"]]
            listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            out.append(f"The topic{'s' if len(names) > 1 else ''} most staff need "
                       f"{'are' if len(names) > 1 else 'is'} {listed} ({staff.max():.0f} staff"
                       f"{' each' if len(names) > 1 else ''}); in a cohort this size most priority scores are "
                       "hidden to protect confidentiality.")
        n_list = key_figures.get("n_commissioning_topics", 0)
        if n_list:
            out.append(f"{n_list} topic{'s' if n_list != 1 else ''} pass{'' if n_list != 1 else 'es'} the study's "
                       f"commissioning threshold ({min_staff} or more staff): see the recommendations below.")
        else:
            out.append(f"No topic is needed by {min_staff} or more staff in this cohort, the study's threshold for "
                       "commissioning; the plans below show what to arrange locally.")
    mix = tables.get("mix_70_20_10", pd.DataFrame())
    if not mix.empty:
        pref = mix[mix["source"] == "preferred"].set_index("category")
        if len(pref) and _known(pref["share"].get("experiential")):
            out.append(f"Staff prefer learning on the job (experiential) for "
                       f"{percent_text(pref.at['experiential', 'share'])} of their needs, against "
                       f"{LEARNING_CATEGORIES['experiential']:.0%} in the 70:20:10 model; courses and qualifications "
                       f"(formal) for {percent_text(pref.at['formal', 'share'])}, against "
                       f"{LEARNING_CATEGORIES['formal']:.0%}." if _known(pref["share"].get("formal")) else
                       f"Staff prefer learning on the job (experiential) for "
                       f"{percent_text(pref.at['experiential', 'share'])} of their needs, against "
                       f"{LEARNING_CATEGORIES['experiential']:.0%} in the 70:20:10 model.")
        offered = mix[mix["source"] == "offered"].set_index("category")
        if len(offered) and _known(offered["share"].get("formal")):
            out.append(f"Of the {int(offered['n'].iloc[0])} courses on offer, {percent_text(offered.at['formal', 'share'])} "
                       "are formal learning, against 10% of learning in the 70:20:10 model: the rest of the model "
                       "(learning on the job and from others) has to come from how work and supervision are "
                       "organised.")
    matrix = tables.get("evidence_matrix", pd.DataFrame())
    if not matrix.empty and "rank" in matrix.columns:
        ranked = matrix[matrix["rank"].map(_known)].sort_values("rank", key=lambda s: s.map(as_number))
        if len(ranked):
            first = ranked.iloc[0]
            stable = bool(first["stable"])
            out.append(f"Across the sources of evidence, **{_md(first['domain'])}** ranks first among the PCF domains "
                       f"(priority score {as_number(first['score']):.2f} from {int(first['components'])} "
                       f"source{'s' if int(first['components']) != 1 else ''}); "
                       + ("it stays first when any weight of the score changes by 20%." if stable else
                          "its rank moves when a weight of the score changes by 20%, so treat the order as a guide."))
    adaptive = tables.get("adaptive_needs", pd.DataFrame())
    if not adaptive.empty:
        shown = adaptive[adaptive["staff"].map(_known)]
        if len(shown):
            first = shown.iloc[0]
            out.append(f"Practice reviews, audits and complaints raised needs in {len(adaptive)} topics; the most "
                       f"frequent is **{_md(first['topic'])}** ({as_number(first['staff']):.0f} staff). The model "
                       "uses these to adapt the plan.")
        else:
            out.append(f"Practice reviews, audits and complaints raised needs in {len(adaptive)} topics, each for "
                       f"fewer than {min_cell} staff.")
    return out
