"""Plain-English headline findings of the focus groups, from their published tables.

Each function takes published tables (``"c"`` where a count is hidden) and returns one
Markdown sentence or ``None``; a hidden value is never quoted, and every study string
(code labels, group names) goes through :func:`cpdresearch.report.safe_text.escape_markdown`.
:func:`focus_group_findings` gathers them in reading order.

Examples
--------
>>> import pandas as pd
>>> sizes = pd.DataFrame({"group": ["young_people", "staff", "all"], "group_label": ["Young people", "Staff", "All groups"],
...                       "sessions": [2, 2, 4], "participants": [9, 11, 20]})
>>> overview_finding(sizes)
'20 people took part in 4 focus-group sessions: **Young people** 9 and **Staff** 11.'
"""
from __future__ import annotations

import math

import pandas as pd

from .. import frameworks
from ..report.safe_text import escape_markdown as md
from ..report.sentences import as_number, p_text, percent_text

__all__ = ["overview_finding", "top_theme_findings", "difference_findings", "cooccurrence_finding",
           "overall_theme_finding", "agreement_finding", "rules_finding", "focus_group_findings"]


def _count(value) -> str:
    n = as_number(value)
    return "a number too small to publish" if math.isnan(n) else f"{n:.0f}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def overview_finding(sizes: pd.DataFrame | None) -> str | None:
    """Who took part: participants and sessions, by group."""
    if sizes is None or sizes.empty:
        return None
    total = sizes[sizes["group"] == "all"].iloc[0]
    groups = sizes[sizes["group"] != "all"]
    parts = [f"**{md(row.group_label)}** {_count(row.participants)}" for row in groups.itertuples()]
    people = as_number(total["participants"])
    who = f"{people:.0f} people" if not math.isnan(people) else "So few people that the number is not published"
    return f"{who} took part in {int(total['sessions'])} focus-group sessions: {_join(parts)}."


def top_theme_findings(frequencies: pd.DataFrame | None) -> list[str]:
    """For each group, the theme raised by the largest published share of its participants.

    Examples
    --------
    >>> f = pd.DataFrame({"group": ["staff", "staff"], "group_label": ["Staff", "Staff"], "label": ["Trust", "Plans"],
    ...                   "participants": [6, "c"], "group_participants": [10, 10], "participant_share": [0.6, "c"],
    ...                   "sessions": [2, 1]})
    >>> top_theme_findings(f)
    ['**Staff** most often raised **Trust**: 6 of 10 participants (60%), in 2 sessions.']
    """
    if frequencies is None or frequencies.empty:
        return []
    out = []
    for group, part in frequencies[frequencies["group"] != "all"].groupby("group", sort=False):
        shares = pd.to_numeric(part["participant_share"], errors="coerce")
        if shares.notna().sum() == 0 or shares.max() <= 0:
            continue
        best = part.loc[shares.idxmax()]
        tied = part.loc[shares == shares.max(), "label"].tolist()
        theme = _join([f"**{md(t)}**" for t in tied])
        sessions = int(best["sessions"])
        out.append(f"**{md(best['group_label'])}** most often raised {theme}: {_count(best['participants'])} of "
                   f"{_count(best['group_participants'])} participants ({percent_text(best['participant_share'])})"
                   + (f", in {sessions} session{'s' if sessions != 1 else ''}." if len(tied) == 1 else " each."))
    return out


def difference_findings(tests: pd.DataFrame | None, frequencies: pd.DataFrame | None = None) -> list[str]:
    """Themes whose share of participants differs clearly between groups (adjusted p < 0.05)."""
    if tests is None or tests.empty:
        return []
    p_adj = pd.to_numeric(tests["p_adjusted"], errors="coerce")
    tested = int(p_adj.notna().sum())
    withheld = int(tests["note"].notna().sum()) if "note" in tests.columns else 0
    clear = tests[p_adj < 0.05]
    out = []
    for row in clear.itertuples():
        out.append(f"**{md(row.label)}** was raised by a larger share of **{md(row.most_group_label)}** than of "
                   f"**{md(row.least_group_label)}** (Monte Carlo {p_text(row.p_monte_carlo)}, adjusted "
                   f"{p_text(row.p_adjusted).replace('p ', '', 1)}; Cramér's V = {as_number(row.cramers_v):.2f}).")
    if not out and tested:
        why = (f"; {withheld} further theme{'s were' if withheld != 1 else ' was'} not tested in public because a "
               "count was too small to publish" if withheld else "")
        out.append(f"No theme clearly differed between the groups in the share of participants who raised it "
                   f"({tested} theme{'s' if tested != 1 else ''} tested, p-values adjusted for multiple comparisons"
                   f"{why}). Focus groups are small, so only large differences could show.")
    elif not out and withheld:
        out.append("Differences between groups are not reported: in every theme a count was too small to publish.")
    return out


def cooccurrence_finding(pairs: pd.DataFrame | None) -> str | None:
    """The pair of themes raised together in the most turns (published counts only)."""
    if pairs is None or pairs.empty:
        return None
    counts = pd.to_numeric(pairs["segments"], errors="coerce")
    if counts.notna().sum() == 0 or counts.max() <= 0:
        return ("No two themes came up together in the same turn often enough to publish the count: the themes "
                "were mostly raised on their own.")
    row = pairs.loc[counts.idxmax()]
    return (f"The themes raised together most often were **{md(row['label_a'])}** and **{md(row['label_b'])}**, "
            f"in {row['segments']:.0f} turns (Jaccard index {as_number(row['jaccard']):.2f}).")


def overall_theme_finding(frequencies: pd.DataFrame | None, codebook=None) -> str | None:
    """The theme raised by the largest share of all participants, with its PCF and KSS links."""
    if frequencies is None or frequencies.empty:
        return None
    overall = frequencies[frequencies["group"] == "all"]
    shares = pd.to_numeric(overall["participant_share"], errors="coerce")
    if shares.notna().sum() == 0 or shares.max() <= 0:
        return None
    row = overall.loc[shares.idxmax()]
    text = (f"Across all groups, the theme raised by most participants was **{md(row['label'])}**: "
            f"{_count(row['participants'])} of {_count(row['group_participants'])} "
            f"({percent_text(row['participant_share'])}).")
    if codebook is not None and row["code"] in codebook:
        code = codebook[row["code"]]
        links = [f"PCF domain {d} ({frameworks.PCF_DOMAINS[d]})" for d in code.pcf]
        links += [f"KSS {k} ({frameworks.KSS_STATEMENTS[k]})" for k in code.kss]
        if links:
            text += f" The codebook links it to {_join(links)}."
    return text


def agreement_finding(agreement: pd.DataFrame | None) -> str | None:
    """How far the human coders agreed, overall and for the weakest code."""
    if agreement is None or agreement.empty:
        return None
    overall = agreement[agreement["code"] == "all"]
    if overall.empty or math.isnan(as_number(overall["cohen_kappa"].iloc[0])):
        return None
    o = overall.iloc[0]
    per_code = agreement[agreement["code"] != "all"]
    kappas = pd.to_numeric(per_code["cohen_kappa"], errors="coerce")
    text = (f"{int(o['coders'])} coders coded the same {int(o['units'] / max(len(per_code), 1))} turns by hand; "
            f"their agreement was {o['agreement']} overall (Cohen's kappa {as_number(o['cohen_kappa']):.2f}, "
            f"95% CI {as_number(o['ci_low']):.2f} to {as_number(o['ci_high']):.2f}; Krippendorff's alpha "
            f"{as_number(o['krippendorff_alpha']):.2f}).")
    if kappas.notna().any():
        low = per_code.loc[kappas.idxmin()]
        text += (f" They agreed least on **{md(low['label'])}** (kappa {as_number(low['cohen_kappa']):.2f}, "
                 f"{low['agreement']}).")
    return text


def rules_finding(rules: pd.DataFrame | None) -> str | None:
    """How the codebook's automatic coding compares with the coders (mean precision and recall)."""
    if rules is None or rules.empty:
        return None
    precision = pd.to_numeric(rules["precision"], errors="coerce").mean()
    recall = pd.to_numeric(rules["recall"], errors="coerce").mean()
    if math.isnan(precision) or math.isnan(recall):
        return None
    text = (f"The codebook's automatic rules found {percent_text(recall)} of the turns the coders coded, on "
            f"average over themes and coders, and {percent_text(precision)} of the turns the rules coded were "
            "coded by the coders too.")
    if precision < 0.6:
        text += (" The rules cast a wider net than the coders: read the theme counts as where a topic came up, "
                 "not as a coder's judgement that it was the point being made.")
    return text


def focus_group_findings(tables: dict[str, pd.DataFrame], *, codebook=None) -> list[str]:
    """Every headline finding, in reading order."""
    found = [overview_finding(tables.get("focus_group_sizes")),
             overall_theme_finding(tables.get("code_frequencies"), codebook),
             *top_theme_findings(tables.get("code_frequencies")),
             *difference_findings(tables.get("code_group_tests")),
             cooccurrence_finding(tables.get("cooccurrence")),
             agreement_finding(tables.get("agreement")),
             rules_finding(tables.get("rule_agreement"))]
    return [f for f in found if f]
