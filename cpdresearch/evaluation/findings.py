"""Plain-English headline findings of the training evaluation, from its published tables.

Each function takes published tables (a suppressed value shows ``"c"`` and is never
quoted) and returns one Markdown sentence, or ``None`` when there is nothing to say.
Study text (course titles, objectives) is escaped with
:func:`cpdresearch.report.safe_text.escape_markdown`.

Examples
--------
>>> import pandas as pd
>>> courses = pd.DataFrame({"course_id": ["C1", "All courses"], "recommend_n": [40, 40], "recommend_yes": [36, 36],
...                         "recommend_share": [0.9, 0.9], "recommend_ci_low": [0.77, 0.77],
...                         "recommend_ci_high": [0.96, 0.96]})
>>> recommend_finding(courses)
'90% of delegates who answered would recommend their course to a colleague (95% CI 77% to 96%, 40 answers).'
"""
from __future__ import annotations

import math

import pandas as pd

from ..report.safe_text import escape_markdown as _md
from ..report.sentences import as_number as _num, p_text as _p, percent_text as _pct

__all__ = ["overview_finding", "improved_findings", "not_met_finding", "recommend_finding", "followup_finding",
           "charges_finding", "course_effect_finding", "domain_finding", "format_finding", "evaluation_findings"]

TOTAL = "All courses"


def _shown(table: pd.DataFrame | None, column: str) -> pd.DataFrame:
    if table is None or table.empty or column not in table.columns:
        return pd.DataFrame()
    values = pd.to_numeric(table[column], errors="coerce")
    return table[values.notna()].assign(**{f"_{column}": values[values.notna()]})


def _objective(row) -> str:
    return f"**{_md(row['objective'])}** ({_md(row['title'])})" if "objective" in row else f"objective {row['objective_no']}"


def _signed(x: float) -> str:
    return f"{x:+.2f}"


def overview_finding(n_forms, n_courses: int, *, labels: list[str]) -> str | None:
    """How many forms on how many courses, and the scale they rated.

    Examples
    --------
    >>> overview_finding(181, 9, labels=["Not sure", "Some knowledge", "Knowledgeable", "Confident"])
    '181 delegates returned an evaluation form on 9 courses, rating their confidence in each course objective before and after the course from 1 (Not sure) to 4 (Confident).'
    """
    if not n_courses:
        return None
    scale = f" from 1 ({_md(labels[0])}) to {len(labels)} ({_md(labels[-1])})" if labels else ""
    who = (f"{n_forms} delegates returned an evaluation form" if n_forms is not None
           else "Fewer than five delegates returned an evaluation form")
    courses = f"{n_courses} course{'s' if n_courses != 1 else ''}"
    return f"{who} on {courses}, rating their confidence in each course objective before and after the course{scale}."


def improved_findings(objective_change: pd.DataFrame | None, *, alpha: float = 0.05, top: int = 3) -> list[str]:
    """The share of objectives that improved significantly, and the largest gains."""
    shown = _shown(objective_change, "mean_change")
    if objective_change is None or objective_change.empty:
        return []
    # Every objective with a published verdict: its significance is published with it, even
    # where its mean change and adjusted p are hidden (docs/disclosure.md, rule 7).
    verdicts = objective_change[~objective_change["not_met"].astype(str).eq("c")]
    tested = verdicts[verdicts["testable"].astype(bool)] if "testable" in verdicts.columns else verdicts
    if "significant" in tested.columns:
        improved = int(tested["significant"].map(lambda v: str(v) == "True").sum())
    else:
        p = pd.to_numeric(tested["p_holm"], errors="coerce")
        rb = pd.to_numeric(tested["rank_biserial"], errors="coerce")
        improved = int(((p < alpha) & (rb > 0)).sum())
    out = []
    if len(tested):
        out.append(f"Confidence rose significantly on {improved} of the {len(tested)} objectives with enough "
                   f"delegates to test ({_pct(improved / len(tested))}; Wilcoxon signed-rank test, Holm-adjusted "
                   f"p < {alpha:g} within each course).")
    else:
        out.append("Too few delegates in this cohort rated any one objective for a significance test; the "
                   "changes below describe them without a test.")
    best = shown.sort_values("_mean_change", ascending=False).head(top) if not shown.empty else shown
    parts = [f"{_objective(r)}: {_signed(r['_mean_change'])} levels on average (95% CI {_num(r['ci_low']):.2f} to "
             f"{_num(r['ci_high']):.2f})" for _, r in best.iterrows()]
    if parts:
        out.append("The largest gains were in " + "; ".join(parts) + ".")
    return out


def not_met_finding(objective_change: pd.DataFrame | None, to_review: pd.DataFrame | None, *,
                    rule_text: str, top: int = 3) -> str | None:
    """How many objectives were not met, and the courses to review with their reasons."""
    if objective_change is None or objective_change.empty:
        return None
    shown = objective_change[objective_change["not_met"].astype(str) != "c"]
    if shown.empty:
        return None
    missed = shown[shown["not_met"].astype(bool)]
    if missed.empty:
        return f"Every objective that can be shown was met under the study's rule (not met: {rule_text})."
    text = (f"{len(missed)} of {len(shown)} objectives were **not met** ({rule_text}), on "
            f"{len(to_review)} course{'s' if len(to_review) != 1 else ''} to review")
    examples = []
    for _, row in missed.head(top).iterrows():
        examples.append(f"{_objective(row)}: {_md(row['reason'])}")
    return text + (". For example, " + "; ".join(examples) + "." if examples else ".")


def recommend_finding(courses: pd.DataFrame | None) -> str | None:
    """The share who would recommend their course, all courses together."""
    if courses is None or courses.empty:
        return None
    total = courses[courses["course_id"] == TOTAL]
    if total.empty:
        return None
    row = total.iloc[0]
    if math.isnan(_num(row["recommend_share"])):
        return None
    return (f"{_pct(row['recommend_share'])} of delegates who answered would recommend their course to a colleague "
            f"(95% CI {_pct(row['recommend_ci_low'])} to {_pct(row['recommend_ci_high'])}, "
            f"{row['recommend_n']} answers).")


def followup_finding(followup: pd.DataFrame | None, fading: pd.DataFrame | None) -> str | None:
    """Whether gains lasted to the follow-up, and which courses' gains faded."""
    shown = _shown(followup, "mean_change")
    if shown.empty:
        return None
    verdicts = shown["verdict"].astype(str)
    shown = shown[verdicts != "too few to test"]
    if shown.empty:
        return ("Too few delegates answered the follow-up for any objective to test whether the gain lasted; "
                "the follow-up table describes them without a test.")
    verdicts = shown["verdict"].astype(str)
    retained = int((verdicts == "retained").sum())
    months = pd.to_numeric(shown["months_after"], errors="coerce")
    when = (f"{months.min():.0f} to {months.max():.0f} months" if months.min() != months.max()
            else f"{months.min():.0f} months")
    text = (f"Followed up {when} after the course, {retained} of the {len(shown)} objectives with enough delegates "
            "to test kept their gain "
            "(no significant fall from just after the course, Wilcoxon signed-rank test, Holm-adjusted)")
    if fading is not None and not fading.empty:
        names = ", ".join(f"**{_md(t)}**" for t in fading["title"].head(3))
        return text + f"; gains faded on {names}."
    return text + "; no course's gains faded significantly."


def charges_finding(charges: pd.DataFrame | None, bookings: pd.DataFrame | None, *,
                    working_days: int = 10) -> str | None:
    """What late cancellations and no-shows cost under the charging policy."""
    if charges is None or charges.empty:
        return None
    total = charges[charges["course_id"] == TOTAL]
    if total.empty:
        return None
    row = total.iloc[0]
    amount = _num(row["late_and_no_show_amount"])
    if math.isnan(amount):
        return None
    counts = []
    for column, word in (("late_cancellations", "late cancellation"), ("no_shows", "no-show")):
        n = _num(row[column])
        if not math.isnan(n):
            counts.append(f"{n:.0f} {word}{'s' if n != 1 else ''}")
    places = _num(row["places"])
    share = ""
    if counts and not math.isnan(places) and places > 0:
        lost = sum(_num(row[c]) for c in ("late_cancellations", "no_shows"))
        if not math.isnan(lost):
            share = f", {_pct(lost / places)} of {places:.0f} places booked"
    what = f" ({' and '.join(counts)}{share})" if counts else ""
    return (f"Late cancellations (fewer than {working_days} working days' notice) and no-shows{what} are due "
            f"£{amount:,.0f} under the charging policy; all places together £{_num(row['amount']):,.0f}.")


def course_effect_finding(effects: pd.DataFrame | None) -> str | None:
    """Courses whose delegates end up more (or less) confident than their starting point predicts."""
    shown = _shown(effects, "effect")
    if shown.empty:
        return None
    if len(shown) < 3:
        return None  # too few courses shown to compare
    above = shown[shown["compared_with_expected"].astype(str) == "above"]
    below = shown[shown["compared_with_expected"].astype(str) == "below"]
    if above.empty and below.empty:
        return ("Allowing for how confident delegates were beforehand, no course stands out: every course's "
                "delegates ended about where the programme as a whole would predict (mixed model, random "
                "intercept per course).")
    parts = []
    if len(above):
        parts.append("adds more than expected: " + ", ".join(f"**{_md(t)}**" for t in above["title"]))
    if len(below):
        parts.append("adds less than expected: " + ", ".join(f"**{_md(t)}**" for t in below["title"]))
    return ("Allowing for how confident delegates were beforehand (mixed model, random intercept per course), "
            + "; ".join(parts) + ".")


def domain_finding(domains: pd.DataFrame | None) -> str | None:
    """Which PCF domains the programme moves most and least."""
    shown = _shown(domains, "mean_change")
    if len(shown) < 2:
        return None
    shown = shown.sort_values("_mean_change", ascending=False)
    hi, lo = shown.iloc[0], shown.iloc[-1]
    return (f"By PCF domain, confidence rose most in **{hi['pcf_domain']}. {_md(hi['domain'])}** "
            f"({_signed(hi['_mean_change'])} levels) and least in **{lo['pcf_domain']}. {_md(lo['domain'])}** "
            f"({_signed(lo['_mean_change'])}).")


def format_finding(take_up: pd.DataFrame | None, difference: pd.DataFrame | None) -> str | None:
    """Confidence gains by delivery format, and whether they differ."""
    shown = _shown(take_up, "mean_change")
    if len(shown) < 2:
        return None
    parts = ", ".join(f"{_md(str(r['format']).replace('_', '-'))} {_signed(r['_mean_change'])}"
                      for _, r in shown.sort_values("_mean_change", ascending=False).iterrows())
    text = f"Average gain per delegate by delivery format: {parts} levels"
    if difference is not None and not difference.empty:
        p = _num(difference["p"].iloc[0])
        verdict = "a clear difference" if p < 0.05 else "no clear difference"
        text += f"; {verdict} between formats (Kruskal-Wallis, {_p(p)})"
    return text + "."


def evaluation_findings(tables: dict, *, n_forms, n_courses: int, labels: list[str], rule_text: str,
                        alpha: float = 0.05, working_days: int = 10) -> list[str]:
    """Every headline finding, in reading order."""
    t = tables
    out = [overview_finding(n_forms, n_courses, labels=labels)]
    out += improved_findings(t.get("objective_change"), alpha=alpha)
    out += [not_met_finding(t.get("objective_change"), t.get("courses_to_review"), rule_text=rule_text),
            recommend_finding(t.get("courses")),
            followup_finding(t.get("followup"), t.get("fading_courses")),
            charges_finding(t.get("charges"), t.get("bookings"), working_days=working_days),
            course_effect_finding(t.get("course_effects")),
            domain_finding(t.get("domains")),
            format_finding(t.get("take_up"), t.get("format_difference"))]
    return [f for f in out if f]
