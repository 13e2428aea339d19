"""Plain-English headline findings of the survey, from its published tables.

Each function takes a published table (small cells may show ``"c"``) and returns one
Markdown sentence, or ``None`` when the table holds nothing to say; a suppressed value
is never quoted. :func:`survey_findings` gathers them in reading order.

Examples
--------
>>> import pandas as pd
>>> wish = pd.DataFrame({"label": ["Mentoring", "Coaching"], "count": [19, 7], "n": [38, 38],
...                      "share": [0.5, 7 / 38], "ci_low": [0.3485, 0.09], "ci_high": [0.6515, 0.33]})
>>> top_wished_finding(wish)
'The activity staff most want more of is **Mentoring**: 50% of respondents ticked it (95% CI 35% to 65%).'
"""
from __future__ import annotations

import math

import pandas as pd

from ..report.safe_text import escape_markdown
from ..report.sentences import as_number as _num, best_row as _best_row, p_text as _p, percent_text as _pct

__all__ = [
    "ALPHA_LABELS", "response_finding", "top_working_finding", "lowest_working_finding",
    "top_wished_finding", "top_barrier_finding", "reliability_finding", "quadrant_findings",
    "group_difference_findings", "survey_findings",
]

#: Cronbach's alpha labels (George & Mallery, 2003), lower bounds.
ALPHA_LABELS: tuple[tuple[float, str], ...] = (
    (0.9, "excellent"), (0.8, "good"), (0.7, "acceptable"), (0.6, "questionable"), (0.5, "poor"),
    (-math.inf, "unacceptable"),
)

_TESTS = {"kruskal_wallis": ("Kruskal-Wallis", "H"), "mann_whitney": ("Mann-Whitney", "U")}
_EFFECTS = {"epsilon_sq": "epsilon-squared", "rank_biserial": "rank-biserial r"}


def _by_words(attribute: str, labels: dict | None) -> str:
    """An attribute as the study names it, in running text ("career stage")."""
    label = (labels or {}).get(attribute) or str(attribute).replace("_", " ")
    return escape_markdown(label[:1].lower() + label[1:] if not label[1:2].isupper() else label)


def response_finding(response_rates: pd.DataFrame | None) -> str | None:
    """Respondents against headcount, from the overall row of the response-rate table.

    Examples
    --------
    >>> rates = pd.DataFrame({"by": ["all"], "group": ["All"], "respondents": [250], "headcount": [468],
    ...                       "response_rate": [250 / 468], "ci_low": [0.4889], "ci_high": [0.5789]})
    >>> response_finding(rates)
    '250 of 468 staff answered the survey, a response rate of 53% (95% CI 49% to 58%).'
    >>> response_finding(rates.assign(respondents="c", response_rate="c"))
    'So few staff answered the survey that the number is not published; treat every result below with great caution.'
    """
    if response_rates is None or response_rates.empty:
        return None
    row = response_rates[response_rates["by"] == "all"].iloc[0]
    if math.isnan(_num(row["respondents"])):
        return ("So few staff answered the survey that the number is not published; treat every result below "
                "with great caution.")
    if math.isnan(_num(row["response_rate"])):
        why = f" ({row['note']})" if isinstance(row.get("note"), str) else ""
        return f"{row['respondents']} staff answered the survey; the response rate cannot be given{why}."
    return (f"{row['respondents']} of {row['headcount']} staff answered the survey, a response rate of "
            f"{_pct(row['response_rate'])} (95% CI {_pct(row['ci_low'])} to {_pct(row['ci_high'])}).")


def top_working_finding(items: pd.DataFrame | None, *, scale=None) -> str | None:
    """The item with the highest mean rating, with its CI.

    Examples
    --------
    >>> items = pd.DataFrame({"label": ["Supervision", "Induction"], "n": [230, 41],
    ...                       "mean": [3.87, 3.1], "ci_low": [3.75, 2.8], "ci_high": [3.99, 3.4]})
    >>> top_working_finding(items)
    'The highest rated item is **Supervision**: mean 3.87 (95% CI 3.75 to 3.99, 230 answers).'
    """
    row = _best_row(items, "mean")
    if row is None:
        return None
    on_scale = ""
    if scale is not None:
        on_scale = (f" on a scale from {scale.codes_[0]} ({escape_markdown(scale.labels[0])}) to {scale.codes_[-1]} "
                    f"({escape_markdown(scale.labels[-1])})")
    return (f"The highest rated item is **{escape_markdown(row['label'])}**: mean {_num(row['mean']):.2f} "
            f"(95% CI {_num(row['ci_low']):.2f} to {_num(row['ci_high']):.2f}, {row['n']} answers){on_scale}.")


def lowest_working_finding(items: pd.DataFrame | None) -> str | None:
    """The item with the lowest mean rating.

    Examples
    --------
    >>> items = pd.DataFrame({"label": ["Supervision", "Induction"], "n": [230, 41],
    ...                       "mean": [3.87, 3.1], "ci_low": [3.75, 2.8], "ci_high": [3.99, 3.4]})
    >>> lowest_working_finding(items)
    'The lowest rated is **Induction**: mean 3.10 (95% CI 2.80 to 3.40).'
    """
    if items is None or items.empty:
        return None
    means = pd.to_numeric(items["mean"], errors="coerce")
    if means.notna().sum() < 2:
        return None  # with one published item, "lowest" says nothing
    row = items.loc[means.idxmin()]
    return (f"The lowest rated is **{escape_markdown(row['label'])}**: mean {_num(row['mean']):.2f} "
            f"(95% CI {_num(row['ci_low']):.2f} to {_num(row['ci_high']):.2f}).")


def top_wished_finding(wish: pd.DataFrame | None) -> str | None:
    """The wish-list option ticked by the largest share of respondents."""
    row = _best_row(wish, "share")
    if row is None:
        return None
    return (f"The activity staff most want more of is **{escape_markdown(row['label'])}**: {_pct(row['share'])} of respondents "
            f"ticked it (95% CI {_pct(row['ci_low'])} to {_pct(row['ci_high'])}).")


def top_barrier_finding(barriers: pd.DataFrame | None) -> str | None:
    """The barrier ticked by the largest share of respondents.

    Examples
    --------
    >>> barriers = pd.DataFrame({"label": ["Workload"], "share": [0.64], "ci_low": [0.58], "ci_high": [0.70]})
    >>> top_barrier_finding(barriers)
    'The most common barrier to CPD is **Workload**, named by 64% of respondents (95% CI 58% to 70%).'
    """
    row = _best_row(barriers, "share")
    if row is None:
        return None
    return (f"The most common barrier to CPD is **{escape_markdown(row['label'])}**, named by {_pct(row['share'])} of respondents "
            f"(95% CI {_pct(row['ci_low'])} to {_pct(row['ci_high'])}).")


def reliability_finding(reliability: pd.DataFrame | None, *, block: str | None = None) -> str | None:
    """Cronbach's alpha of a block in words (George & Mallery's labels).

    Examples
    --------
    >>> rel = pd.DataFrame({"block": ["working"], "title": ["How well is this working?"], "k": [15],
    ...                     "n": [250], "alpha": [0.77], "ci_low": [0.72], "ci_high": [0.81]})
    >>> reliability_finding(rel)
    "The 15 items of 'How well is this working?' hang together acceptably as one scale (Cronbach's alpha 0.77, 95% CI 0.72 to 0.81)."
    """
    if reliability is None or reliability.empty:
        return None
    rows = reliability[reliability["block"] == block] if block is not None else reliability
    if rows.empty or math.isnan(_num(rows.iloc[0]["alpha"])):
        return None
    row = rows.iloc[0]
    alpha = _num(row["alpha"])
    label = next(name for bound, name in ALPHA_LABELS if alpha >= bound)
    adverb = {"excellent": "excellently", "good": "well", "acceptable": "acceptably", "questionable": "only questionably",
              "poor": "poorly", "unacceptable": "too loosely to be read"}[label]
    return (f"The {row['k']} items of '{escape_markdown(row['title'])}' hang together {adverb} as one scale "
            f"(Cronbach's alpha {alpha:.2f}, 95% CI {_num(row['ci_low']):.2f} to {_num(row['ci_high']):.2f}).")


def quadrant_findings(priorities: pd.DataFrame | None) -> list[str]:
    """One sentence per non-empty quadrant of the working-vs-wished comparison.

    Examples
    --------
    >>> table = pd.DataFrame({"label": ["Supervision", "Workshops", "Observing"],
    ...                       "quadrant": ["expand", "redesign or pilot", "deprioritise"]})
    >>> quadrant_findings(table)[0]
    'Working and wanted (**expand**): Supervision.'
    """
    if priorities is None or priorities.empty:
        return []
    words = {"expand": "Working and wanted", "maintain": "Working but not asked for",
             "redesign or pilot": "Wanted but not rated as working", "deprioritise": "Neither working nor wanted"}
    out = []
    for quadrant, lead in words.items():
        labels = [escape_markdown(v) for v in priorities.loc[priorities["quadrant"] == quadrant, "label"].astype(str)]
        if labels:
            out.append(f"{lead} (**{quadrant}**): {', '.join(labels)}.")
    return out


def group_difference_findings(differences: pd.DataFrame | None, *, alpha: float = 0.05,
                              max_findings: int = 5, attribute_labels: dict | None = None) -> list[str]:
    """Sentences for the clearest group differences (adjusted p below ``alpha``).

    Parameters
    ----------
    differences : pandas.DataFrame
        From :func:`cpdresearch.survey.group_differences`.
    alpha : float, default 0.05
        Threshold for the adjusted p-value.
    max_findings : int, default 5
        The largest effects are reported; the rest are counted.

    Examples
    --------
    >>> diffs = pd.DataFrame({"label": ["Coaching"], "between": ["role"], "test": ["kruskal_wallis"],
    ...     "statistic": [14.2], "p": [0.0008], "p_adjusted": [0.03], "effect_size": [0.057],
    ...     "effect_size_kind": ["epsilon_sq"], "magnitude": ["small"], "higher_group": ["Manager"],
    ...     "lower_group": ["Qualified social worker"]})
    >>> print(group_difference_findings(diffs)[0])
    Ratings of **Coaching** differ by role: highest among Manager, lowest among Qualified social worker (Kruskal-Wallis H = 14.2, adjusted p = 0.030; epsilon-squared 0.06, a small effect).
    """
    if differences is None or differences.empty:
        return []
    p_adj = pd.to_numeric(differences["p_adjusted"], errors="coerce")
    tested = int(p_adj.notna().sum())
    clear = differences[p_adj < alpha]
    if clear.empty:
        if tested == 0:
            return []
        return [f"No rating differed clearly between groups once the {tested} comparisons made were taken into "
                f"account (Holm-adjusted p of 0.05 or more)."]
    clear = clear.assign(_size=pd.to_numeric(clear["effect_size"], errors="coerce").abs())
    clear = clear.sort_values("_size", ascending=False)
    out = []
    for _, row in clear.head(max_findings).iterrows():
        test, stat = _TESTS.get(row["test"], (str(row["test"]), "statistic"))
        out.append(
            f"Ratings of **{escape_markdown(row['label'])}** differ by {_by_words(row['between'], attribute_labels)}: "
            f"highest among {escape_markdown(row['higher_group'])}, lowest among {escape_markdown(row['lower_group'])} "
            f"({test} {stat} = {_num(row['statistic']):.1f}, adjusted {_p(row['p_adjusted'])}; "
            f"{_EFFECTS.get(row['effect_size_kind'], row['effect_size_kind'])} {_num(row['effect_size']):.2f}, "
            f"a {row['magnitude']} effect).")
    if len(clear) > max_findings:
        out.append(f"{len(clear) - max_findings} further differences are in the group differences table.")
    return out


def survey_findings(tables: dict, *, scale=None, working_block: str | None = None,
                    attribute_labels: dict | None = None) -> list[str]:
    """All headline findings of the survey, in reading order, from the published tables.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        From :func:`cpdresearch.survey.published_tables`.
    scale : cpdresearch.instrument.Scale, optional
        The rating scale, to say what the means are on.
    working_block : str, optional
        The block whose reliability is reported.

    Returns
    -------
    list of str
        Markdown sentences; empty when there is nothing to report.

    Examples
    --------
    >>> survey_findings({})
    []
    """
    candidates = [
        response_finding(tables.get("response_rates")),
        top_working_finding(tables.get("survey_items"), scale=scale),
        lowest_working_finding(tables.get("survey_items")),
        top_wished_finding(tables.get("wish_list")),
        top_barrier_finding(tables.get("barriers")),
        *quadrant_findings(tables.get("working_vs_wished")),
        *group_difference_findings(tables.get("group_differences"), attribute_labels=attribute_labels),
        reliability_finding(tables.get("reliability"), block=working_block),
    ]
    return [c for c in candidates if c]
