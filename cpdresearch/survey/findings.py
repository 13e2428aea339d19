"""Plain-English headline findings of the survey, from its published tables.

Each function takes a published table (small cells may show ``"c"``) and returns one
Markdown sentence, or ``None`` when the table holds nothing to say; a suppressed value
is never quoted. :func:`survey_findings` gathers them in reading order.

Examples
--------
>>> import pandas as pd
>>> wish = pd.DataFrame({"label": ["Mentoring", "Coaching"], "count": [19, 7], "n": [38, 38],
...                      "share": [0.5, 7 / 38], "ci_low": [0.3485, 0.09], "ci_high": [0.6515, 0.33]})
>>> most_ticked_finding(wish, title="Which would you like more of?")
"In 'Which would you like more of?', the option ticked most often is **Mentoring**: 50% of respondents (95% CI 35% to 65%)."
"""
from __future__ import annotations

import math

import pandas as pd

from ..report.safe_text import escape_markdown
from .reliability import ONE_SCALE_ALPHA, ONE_SCALE_MEAN_R
from ..report.sentences import as_number as _num, p_text as _p, percent_text as _pct

__all__ = [
    "ALPHA_LABELS", "response_finding", "top_rated_finding", "lowest_rated_finding",
    "most_ticked_finding", "reliability_finding", "quadrant_findings",
    "group_difference_findings", "survey_findings",
]

#: Cronbach's alpha labels (George & Mallery, 2003), lower bounds (kept for researchers;
#: the findings judge "one scale" by complete-case alpha and mean inter-item r instead).
ALPHA_LABELS: tuple[tuple[float, str], ...] = (
    (0.9, "excellent"), (0.8, "good"), (0.7, "acceptable"), (0.6, "questionable"), (0.5, "poor"),
    (-math.inf, "unacceptable"),
)

_TESTS = {"kruskal_wallis": ("Kruskal-Wallis", "H"), "mann_whitney": ("Mann-Whitney", "U")}
_EFFECTS = {"epsilon_sq": "epsilon-squared", "epsilon_sq_adj": "adjusted epsilon-squared",
            "rank_biserial": "rank-biserial r"}


def _named(value) -> str | None:
    """A published group name, or None for a blank (NaN, None, empty)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def _direction(row) -> str:
    """Which groups the pairwise tests single out, in words (never beyond them)."""
    higher, lower = _named(row.get("higher_group")), _named(row.get("lower_group"))
    if higher and lower:
        return f"highest among {escape_markdown(higher)}, lowest among {escape_markdown(lower)}"
    if higher:
        return f"highest among {escape_markdown(higher)}, above every other group in pairwise tests"
    if lower:
        return f"lowest among {escape_markdown(lower)}, below every other group in pairwise tests"
    return "pairwise tests single out no group as highest or lowest"


def _size_words(row) -> str:
    kind = row.get("effect_size_kind")
    name = _EFFECTS.get(kind, kind)
    magnitude = row.get("magnitude")
    if magnitude in ("small", "medium", "large"):
        return f"{name} {_num(row['effect_size']):.2f}, a {magnitude} effect"
    if magnitude == "negligible":
        return f"{name} {_num(row['effect_size']):.2f}, a negligible effect"
    return f"{name} {_num(row['effect_size']):.2f}; how large the difference is remains unclear"


def _by_words(attribute: str, labels: dict | None) -> str:
    """An attribute as the study names it, in running text ("career stage")."""
    label = (labels or {}).get(attribute) or str(attribute).replace("_", " ")
    return escape_markdown(label[:1].lower() + label[1:] if not label[1:2].isupper() else label)


def response_finding(response_rates: pd.DataFrame | None) -> str | None:
    """Respondents against headcount, from the overall row of the response-rate table.

    The survey is a census: the rate is stated as a count, without an interval.

    Examples
    --------
    >>> rates = pd.DataFrame({"by": ["all"], "group": ["All"], "respondents": [250], "headcount": [468],
    ...                       "response_rate": [250 / 468]})
    >>> response_finding(rates)
    '250 of 468 staff answered the survey, a response rate of 53%; every member of staff was invited, so this is a count, not an estimate.'
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
            f"{_pct(row['response_rate'])}; every member of staff was invited, so this is a count, not an estimate.")


def _top_rows(table: pd.DataFrame | None, column: str, *, lowest: bool = False) -> pd.DataFrame | None:
    """Every row sharing the highest (or lowest) published value of ``column``: ties are ties."""
    if table is None or table.empty or column not in table.columns:
        return None
    values = pd.to_numeric(table[column], errors="coerce")
    if values.notna().sum() == 0 or (not lowest and values.max() <= 0):
        return None
    target = values.min() if lowest else values.max()
    return table[values == target]


def _names(rows: pd.DataFrame) -> str:
    labels = [f"**{escape_markdown(v)}**" for v in rows["label"]]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def _in_title(title: str | None) -> str:
    return f"In '{escape_markdown(title)}', t" if title else "T"


def top_rated_finding(items: pd.DataFrame | None, *, scale=None, title: str | None = None) -> str | None:
    """The item(s) with the highest mean rating of a block, with the CI.

    Examples
    --------
    >>> items = pd.DataFrame({"label": ["Supervision", "Induction"], "n": [230, 41],
    ...                       "mean": [3.87, 3.1], "ci_low": [3.75, 2.8], "ci_high": [3.99, 3.4]})
    >>> top_rated_finding(items)
    'The highest rated item is **Supervision**: mean 3.87 (95% CI 3.75 to 3.99, 230 answers).'
    >>> top_rated_finding(items.assign(mean=3.5), title="My learning")
    "In 'My learning', the highest rated items are **Supervision** and **Induction**, each with mean 3.50."
    """
    rows = _top_rows(items, "mean")
    if rows is None:
        return None
    on_scale = ""
    if scale is not None:
        on_scale = (f" on a scale from {scale.codes_[0]} ({escape_markdown(scale.labels[0])}) to {scale.codes_[-1]} "
                    f"({escape_markdown(scale.labels[-1])})")
    lead = _in_title(title) + "he highest rated"
    if len(rows) > 1:
        return f"{lead} items are {_names(rows)}, each with mean {_num(rows['mean'].iloc[0]):.2f}{on_scale}."
    row = rows.iloc[0]
    return (f"{lead} item is **{escape_markdown(row['label'])}**: mean {_num(row['mean']):.2f} "
            f"(95% CI {_num(row['ci_low']):.2f} to {_num(row['ci_high']):.2f}, {row['n']} answers){on_scale}.")


def lowest_rated_finding(items: pd.DataFrame | None, *, title: str | None = None) -> str | None:
    """The item(s) with the lowest mean rating of a block.

    Examples
    --------
    >>> items = pd.DataFrame({"label": ["Supervision", "Induction"], "n": [230, 41],
    ...                       "mean": [3.87, 3.1], "ci_low": [3.75, 2.8], "ci_high": [3.99, 3.4]})
    >>> lowest_rated_finding(items)
    'The lowest rated is **Induction**: mean 3.10 (95% CI 2.80 to 3.40).'
    """
    if items is None or items.empty or pd.to_numeric(items["mean"], errors="coerce").notna().sum() < 2:
        return None  # with one published item, "lowest" says nothing
    rows = _top_rows(items, "mean", lowest=True)
    lead = _in_title(title) + "he lowest rated"
    if len(rows) > 1:
        return f"{lead} are {_names(rows)}, each with mean {_num(rows['mean'].iloc[0]):.2f}."
    row = rows.iloc[0]
    return (f"{lead} is **{escape_markdown(row['label'])}**: mean {_num(row['mean']):.2f} "
            f"(95% CI {_num(row['ci_low']):.2f} to {_num(row['ci_high']):.2f}).")


def most_ticked_finding(ticks: pd.DataFrame | None, *, title: str | None = None) -> str | None:
    """The option(s) of a multi-select ticked by the largest share of respondents.

    Examples
    --------
    >>> ticks = pd.DataFrame({"label": ["Workload", "Travel"], "share": [0.64, 0.2],
    ...                       "ci_low": [0.58, 0.15], "ci_high": [0.70, 0.26]})
    >>> most_ticked_finding(ticks, title="What stops you?")
    "In 'What stops you?', the option ticked most often is **Workload**: 64% of respondents (95% CI 58% to 70%)."
    >>> most_ticked_finding(ticks.assign(share=0.3))
    'The options ticked most often are **Workload** and **Travel**, each by 30% of respondents.'
    """
    rows = _top_rows(ticks, "share")
    if rows is None:
        return None
    lead = _in_title(title) + "he option"
    if len(rows) > 1:
        return f"{lead}s ticked most often are {_names(rows)}, each by {_pct(rows['share'].iloc[0])} of respondents."
    row = rows.iloc[0]
    return (f"{lead} ticked most often is **{escape_markdown(row['label'])}**: {_pct(row['share'])} of respondents "
            f"(95% CI {_pct(row['ci_low'])} to {_pct(row['ci_high'])}).")


def reliability_finding(reliability: pd.DataFrame | None, *, block: str | None = None) -> str | None:
    """Whether a block's items can be read as one scale, from both alpha estimates.

    The items are said to form one scale only when the table's ``one_scale`` says so
    (complete-case alpha >= 0.7 and mean inter-item correlation >= 0.2, see
    :mod:`cpdresearch.survey.reliability`); otherwise the sentence says they rate
    distinct things and should be read item by item. Suppressed values are not quoted.

    Examples
    --------
    >>> rel = pd.DataFrame({"block": ["w"], "title": ["How well is this working?"], "k": [15], "n": [250],
    ...                     "alpha": [0.77], "ci_low": [0.72], "ci_high": [0.81], "mean_r": [0.19],
    ...                     "n_complete": [98], "alpha_complete": [0.68], "ci_low_complete": [0.58],
    ...                     "ci_high_complete": [0.76], "mean_r_complete": [0.18], "one_scale": [False]})
    >>> print(reliability_finding(rel))
    The 15 items of 'How well is this working?' rate distinct things rather than one scale, so read them item by item: on the 98 respondents who answered every item, Cronbach's alpha is 0.68 (95% CI 0.58 to 0.76) and the mean correlation between items 0.18 (one scale needs at least 0.7 and 0.2; from every answer, pairwise, alpha is 0.77 on 250 respondents).
    >>> print(reliability_finding(rel.assign(alpha_complete=0.84, mean_r_complete=0.31, one_scale=True)))
    The 15 items of 'How well is this working?' can be read as one scale: on the 98 respondents who answered every item, Cronbach's alpha is 0.84 (95% CI 0.58 to 0.76) and the mean correlation between items 0.31 (from every answer, pairwise, alpha is 0.77 on 250 respondents).
    """
    if reliability is None or reliability.empty:
        return None
    rows = reliability[reliability["block"] == block] if block is not None else reliability
    if rows.empty or math.isnan(_num(rows.iloc[0]["alpha"])):
        return None
    row = rows.iloc[0]
    lead = f"The {row['k']} items of '{escape_markdown(row['title'])}'"
    pairwise = f"from every answer, pairwise, alpha is {_num(row['alpha']):.2f} on {row['n']} respondents"
    complete = _num(row.get("alpha_complete"))
    if math.isnan(complete) or math.isnan(_num(row.get("mean_r_complete"))):
        return (f"{lead} cannot be judged as one scale: too few respondents answered every item ({pairwise}, "
                "which rests on different respondents for different pairs of items); read them item by item.")
    numbers = (f"on the {row['n_complete']} respondents who answered every item, Cronbach's alpha is "
               f"{complete:.2f} (95% CI {_num(row['ci_low_complete']):.2f} to {_num(row['ci_high_complete']):.2f}) "
               f"and the mean correlation between items {_num(row['mean_r_complete']):.2f}")
    if bool(row.get("one_scale")) is True:
        return f"{lead} can be read as one scale: {numbers} ({pairwise})."
    return (f"{lead} rate distinct things rather than one scale, so read them item by item: {numbers} (one scale "
            f"needs at least {ONE_SCALE_ALPHA:g} and {ONE_SCALE_MEAN_R:g}; {pairwise}).")


def quadrant_findings(priorities: pd.DataFrame | None) -> list[str]:
    """One sentence per non-empty quadrant of the working-vs-wished comparison; activities
    whose interval crosses a cut-off are marked *borderline*.

    Examples
    --------
    >>> table = pd.DataFrame({"label": ["Supervision", "Workshops", "Observing"],
    ...                       "quadrant": ["expand", "redesign or pilot", "deprioritise"],
    ...                       "borderline": [False, True, False]})
    >>> quadrant_findings(table)[:2]
    ['Working and wanted (**expand**): Supervision.', 'Wanted but not rated as working (**redesign or pilot**): Workshops (borderline).']
    """
    if priorities is None or priorities.empty:
        return []
    words = {"expand": "Working and wanted", "maintain": "Working but not asked for",
             "redesign or pilot": "Wanted but not rated as working", "deprioritise": "Neither working nor wanted"}
    borderline = (priorities["borderline"].astype(str) == "True") if "borderline" in priorities.columns \
        else pd.Series(False, index=priorities.index)
    out = []
    for quadrant, lead in words.items():
        rows = priorities["quadrant"] == quadrant
        labels = [escape_markdown(v) + (" (borderline)" if b else "")
                  for v, b in zip(priorities.loc[rows, "label"].astype(str), borderline[rows])]
        if labels:
            out.append(f"{lead} (**{quadrant}**): {', '.join(labels)}.")
    if borderline.any():
        out.append("Activities marked *borderline* have a confidence interval that crosses a dividing line, so "
                   "they could as well belong to the neighbouring group.")
    return out


def group_difference_findings(differences: pd.DataFrame | None, *, alpha: float = 0.05,
                              max_findings: int = 5, attribute_labels: dict | None = None) -> list[str]:
    """Sentences for the clearest group differences (adjusted p below ``alpha``).

    A group is called highest or lowest only where the table names it (post-hoc pairwise
    tests place it above or below every other group); a size word only where
    ``magnitude`` gives one ("unclear" is said as such).

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
    ...     "statistic": [14.2], "p": [0.0008], "p_adjusted": [0.03], "effect_size": [0.047],
    ...     "effect_size_kind": ["epsilon_sq_adj"], "magnitude": ["small"], "higher_group": ["Manager"],
    ...     "lower_group": [None]})
    >>> print(group_difference_findings(diffs)[0])
    Ratings of **Coaching** differ by role: highest among Manager, above every other group in pairwise tests (Kruskal-Wallis H = 14.2, adjusted p = 0.030; adjusted epsilon-squared 0.05, a small effect).
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
            f"{_direction(row)} ({test} {stat} = {_num(row['statistic']):.1f}, adjusted {_p(row['p_adjusted'])}; "
            f"{_size_words(row)}).")
    if len(clear) > max_findings:
        out.append(f"{len(clear) - max_findings} further differences are in the group differences table.")
    return out


def survey_findings(tables: dict, *, instrument=None, working_block: str | None = None,
                    attribute_labels: dict | None = None) -> list[str]:
    """All headline findings of the survey, in reading order, from the published tables.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        From :func:`cpdresearch.survey.published_tables`.
    instrument : cpdresearch.instrument.Instrument, optional
        Gives each block's title and scale and each multi-select's title, so findings
        speak of the study's own questions.
    working_block : str, optional
        The block reported first (the one the headline charts show).
    attribute_labels : dict, optional
        How the study names each attribute ("Career stage").

    Returns
    -------
    list of str
        Markdown sentences; empty when there is nothing to report.

    Examples
    --------
    >>> survey_findings({})
    []
    """
    from .publish import ticks_table

    out = [response_finding(tables.get("response_rates"))]
    items = tables.get("survey_items")
    blocks = dict(instrument.blocks) if instrument is not None else {}
    order = [working_block] + [b for b in blocks if b != working_block] if working_block else list(blocks)
    several = len([b for b in order if b in blocks]) > 1
    for block_id in order:
        if items is None or items.empty or "block" not in items.columns or block_id not in blocks:
            continue
        part = items[items["block"] == block_id]
        title = blocks[block_id].title if several else None
        out += [top_rated_finding(part, scale=blocks[block_id].scale, title=title),
                lowest_rated_finding(part, title=title)]
    if instrument is not None:
        for select in instrument.multi_selects.values():
            out.append(most_ticked_finding(tables.get(ticks_table(select.id)), title=select.title))
    out += quadrant_findings(tables.get("working_vs_wished"))
    out += group_difference_findings(tables.get("group_differences"), attribute_labels=attribute_labels)
    for block_id in order:
        out.append(reliability_finding(tables.get("reliability"), block=block_id))
    return [c for c in out if c]
