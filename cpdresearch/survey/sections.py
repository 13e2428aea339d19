"""The sections of the survey report, written from the study's own instrument.

Every Likert block is reported under its own title with its own scale's words, every
multi-select under its own title, every free-text question; the comparison of what is
working with what staff wish for appears only when the instrument gives a block
``role: working`` and a multi-select ``role: wish``. A section that cannot be computed
for a cohort says why in one sentence. No sentence names a level, block, option or
attribute the study does not have.

Examples
--------
>>> from cpdresearch import load_study, paths
>>> from cpdresearch.survey import build_survey_report
>>> study = load_study(paths.DEMO_STUDY)
>>> report = build_survey_report(study, figures=False)
>>> headings = [s.heading for s in report.sections]
>>> all(b.title in headings for b in study.instrument.blocks.values())
True
>>> all(m.title in headings for m in study.instrument.multi_selects.values())
True
"""
from __future__ import annotations

import pandas as pd

from ..report.safe_text import escape_markdown
from ..report.topic import ReportSection, TableView
from ._common import non_response_columns
from .publish import ticks_table

__all__ = ["survey_sections", "scale_explanation", "sorted_like_chart"]

_PERCENT = ("share", "ci_low", "ci_high")


def _md(text) -> str:
    return escape_markdown(text)


def _or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _quoted(labels) -> str:
    return ", ".join(f"*{_md(v)}*" for v in labels)


def scale_explanation(scale) -> str:
    """How a block's chart reads, in the words of its own scale.

    Examples
    --------
    >>> from cpdresearch.instrument import Scale
    >>> print(scale_explanation(Scale("agree", [1, 2, 3, 4], ["Disagree", "Tend to disagree", "Tend to agree",
    ...                                                        "Agree"])))  # doctest: +ELLIPSIS
    Staff answered each item from 1 (*Disagree*) to 4 (*Agree*). The scale has no middle answer, so each bar is split at 0 between the lower half of the scale (*Disagree*, *Tend to disagree*; red, to the left) and the upper half (*Tend to agree*, *Agree*; blue, to the right). ...
    """
    first, last = scale.codes_[0], scale.codes_[-1]
    text = f"Staff answered each item from {first} (*{_md(scale.labels[0])}*) to {last} (*{_md(scale.labels[-1])}*). "
    if scale.neutral is not None:
        m = scale.codes_.index(scale.neutral)
        text += (f"Each bar is centred on the middle answer (*{_md(scale.labels[m])}*, grey): the part to the right "
                 f"(blue: {_quoted(scale.labels[m + 1:])}) is the upper half of the scale, the part to the left "
                 f"(red: {_quoted(scale.labels[:m])}) the lower half. ")
    else:
        half = len(scale.labels) // 2
        text += (f"The scale has no middle answer, so each bar is split at 0 between the lower half of the scale "
                 f"({_quoted(scale.labels[:half])}; red, to the left) and the upper half "
                 f"({_quoted(scale.labels[half:])}; blue, to the right). ")
    text += ("Bars are in the order of the table below (highest mean first), and every answer on the scale is "
             "listed in the legend, even one nobody chose. Answers hidden to protect confidentiality are drawn "
             "together as a grey hatched part, *not shown*.")
    return text


def _item_columns(scale) -> tuple[list[str], dict]:
    if scale is not None and scale.neutral is not None:
        sides = {"pct_below": "% below the middle", "pct_neutral": "% middle", "pct_above": "% above the middle"}
    else:
        sides = {"pct_below": "% lower half", "pct_above": "% upper half"}
    columns = ["label", "n", "mean", "ci_low", "ci_high", "median_label", *sides, "n_blank"]
    rename = {"label": "Item", "n": "Gave a rating", "mean": "Mean", "ci_low": "CI low", "ci_high": "CI high",
              "median_label": "Median", **sides, "n_blank": "Left blank"}
    if scale is not None:
        # Declared non-substantive answers, each counted apart (never in a percentage's base).
        for column, label in list(non_response_columns(scale).items())[1:]:
            if label in scale.declared_missing:
                columns.append(column)
                rename[column] = f"Answered '{label}'"
    return columns, rename


def _base_caption(scale) -> str:
    """What each percentage of the items table is a percentage of."""
    apart = [f"'{m}'" for m in (scale.declared_missing if scale is not None else [])]
    others = (" or answered " + " or ".join(apart)) if apart else ""
    return ("Percentages and means are of those who gave a rating (the 'Gave a rating' column); staff who left an "
            f"item blank{others} are counted in their own columns and left out of the percentages.")


def sorted_like_chart(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """Rows by ``column``, largest first, hidden ("c") last: the order its chart draws.

    Examples
    --------
    >>> sorted_like_chart(pd.DataFrame({"label": ["a", "b", "c"], "mean": [3.1, "c", 4.2]}), "mean")["label"].tolist()
    ['c', 'a', 'b']
    """
    if table.empty or column not in table.columns:
        return table
    key = pd.to_numeric(table[column], errors="coerce")
    return table.loc[key.sort_values(ascending=False, na_position="last", kind="stable").index]


def _as_shares(items: pd.DataFrame) -> pd.DataFrame:
    """The split's percentages (0-100) as shares, so the report prints them as "18%" like
    every other percentage; hidden values ("c") stay hidden."""
    out = items.copy()
    for column in ("pct_below", "pct_neutral", "pct_above"):
        if column in out.columns:
            values = pd.to_numeric(out[column], errors="coerce")
            out[column] = out[column].astype(object).where(values.isna(), values / 100)
    return out


def _rows(table: pd.DataFrame, column: str, value) -> pd.DataFrame:
    return table[table[column] == value] if not table.empty and column in table.columns else table.iloc[:0]


def _block_sections(report) -> list[ReportSection]:
    inst, results = report.instrument, report.results
    items = report.table("survey_items")
    order = [results.working_block] + [b for b in results.blocks if b != results.working_block]
    out = []
    for block_id in [b for b in order if b in results.blocks]:
        block = inst.blocks[block_id]
        part = sorted_like_chart(_rows(items, "block", block_id), "mean")
        columns, rename = _item_columns(block.scale)
        means = pd.to_numeric(part.get("mean", pd.Series(dtype=float)), errors="coerce")
        figure = f"likert_{block_id}" if f"likert_{block_id}" in report.figures else None
        text = scale_explanation(block.scale)
        if figure is not None and means.isna().any():
            text += (" Where an item has an answer given by only a few staff, that count is hidden, and so are the "
                     "item's mean and the other figures worked out from its answers: with the rest of the table "
                     "they would give the hidden count back.")
        out.append(ReportSection(
            heading=block.title, text=text, figure=figure,
            tables=[TableView(_as_shares(part), columns=columns, rename=rename, caption=_base_caption(block.scale),
                              percent_columns=("pct_below", "pct_neutral", "pct_above"))],
            missing=None if (figure is not None or means.notna().any()) else (
                "Too few staff in this cohort answered the items of this block for any result to be shown.")))
    return out


def _reliability_section(report) -> ReportSection:
    table = report.table("reliability")
    inst = report.instrument
    several = len(report.results.blocks) > 1
    text = ("Cronbach's alpha says how consistently people answered the items of a block. It is given twice: from "
            "every answer (pairwise, each pair of items on the staff who answered both) and on the staff who "
            "answered every item (complete cases), each with its own number of respondents and 95% interval. "
            "Alpha rises with the number of items even when they barely agree, so the mean correlation between "
            "items is shown beside it. We read a block as one scale, with one overall score, only when the "
            "complete-case alpha is at least 0.7 and the mean correlation at least 0.2; otherwise its items rate "
            "distinct things and are read one by one.")
    if several:
        text += " One row per block."
    ok = not table.empty and pd.to_numeric(table["alpha"], errors="coerce").notna().any()
    why = None
    if not ok:
        one_item = all(len(inst.blocks[b].items) < 2 for b in report.results.blocks)
        why = ("Each block has a single item, so there is no consistency between items to measure." if one_item
               else "Too few staff in this cohort answered the items for a reliability estimate to be shown.")
    return ReportSection(heading="Do the items of each block measure one thing?" if several
                         else "Do the items measure one thing?", text=text,
                         tables=[TableView(table, columns=["title", "k", "n", "alpha", "ci_low", "ci_high", "mean_r",
                                                           "n_complete", "alpha_complete", "ci_low_complete",
                                                           "ci_high_complete", "mean_r_complete", "one_scale"],
                                           rename={"title": "Block", "k": "Items", "n": "Respondents (any item)",
                                                   "alpha": "Alpha (pairwise)", "ci_low": "CI low",
                                                   "ci_high": "CI high", "mean_r": "Mean r",
                                                   "n_complete": "Respondents (every item)",
                                                   "alpha_complete": "Alpha (complete cases)",
                                                   "ci_low_complete": "CI low ", "ci_high_complete": "CI high ",
                                                   "mean_r_complete": "Mean r ", "one_scale": "One scale?"},
                                           value_labels={"one_scale": {True: "yes", False: "no"}})],
                         missing=why)


def _group_section(report) -> list[ReportSection]:
    results, words = report.results, report.attribute_labels
    if not results.by:
        return []
    names = [words.get(a, a) for a in results.by]
    heading = f"Do ratings differ by {_or([n[:1].lower() + n[1:] for n in names])}?"
    text = ("For each item we test whether ratings differ between groups (Kruskal-Wallis test for three or more "
            "groups, Mann-Whitney for two; both compare the order of answers rather than treating them as exact "
            "numbers). Groups with fewer respondents than the study's minimum group size are left out. The effect "
            "size is the adjusted epsilon-squared (three or more groups, corrected for the size chance alone "
            "produces) or the rank-biserial correlation (two groups); its size gets a word only where the "
            "adjusted p-value shows a clear difference. A group is named as rating highest or lowest only when "
            "pairwise comparisons (Holm-adjusted within the item) show it differs from every other group. The "
            "table lists the clearest differences first. The charts put all items of a block together for each "
            "group, read like the charts above.")
    for coarse, fine in results.nested.items():
        c, f = escape_markdown(words.get(coarse, coarse)), escape_markdown(words.get(fine, fine).lower())
        text += (f" {c} is not compared separately: in this cohort each {f} lies within one {c.lower()}, so the "
                 f"comparisons by {f} already include it (one family of tests per question).")
    diffs = report.table("group_differences")
    tested = pd.to_numeric(diffs.get("p", pd.Series(dtype=float)), errors="coerce").notna()
    if not results.by_group:
        why = (f"This cohort has {results.n_respondents} respondents, fewer than the {results.min_group} needed "
               "to compare groups.")
    elif not tested.any():
        why = ("No attribute has two or more groups in this cohort with enough respondents to compare, so no "
               "test was made.")
    else:
        why = None
    blocks = report.instrument.blocks
    sections = [ReportSection(heading=heading, text=text, missing=why, tables=[TableView(
        diffs[tested] if why is None else diffs,
        columns=(["block"] if len(results.blocks) > 1 else []) + [
            "label", "between", "k", "n", "test", "statistic", "p", "p_adjusted", "effect_size", "magnitude",
            "pairs_differing", "higher_group", "lower_group"],
        rename={"block": "Block", "label": "Item", "between": "Compared by", "k": "Groups", "n": "Respondents",
                "test": "Test", "statistic": "Statistic", "p": "p", "p_adjusted": "Adjusted p",
                "pairs_differing": "Pairs that differ",
                "effect_size": "Effect size", "magnitude": "Size", "higher_group": "Rated highest by",
                "lower_group": "Rated lowest by"},
        value_labels={"between": dict(words), "block": {b: blocks[b].title for b in results.blocks},
                      "test": {"kruskal_wallis": "Kruskal-Wallis H", "mann_whitney": "Mann-Whitney U"}},
        max_rows=15, caption=(f"The {min(15, int(tested.sum()))} comparisons with the smallest adjusted p-values "
                              "of the " + str(int(tested.sum())) + " made; all are in tables/group_differences.csv."))])]
    adjusted = report.table("adjusted_differences")
    if why is None and not adjusted.empty:
        sections.append(ReportSection(
            heading="Differences with other attributes held constant", level=3,
            text=("Asked for by the researcher: each item modelled on one attribute with others held constant "
                  "(proportional-odds model). An odds ratio above 1 means the group tends to rate higher than the "
                  "first group. The model assumes the group shifts the whole scale; where a check (Brant test) "
                  "shows it does not, the table also gives one odds ratio per cut of the scale (above 1, above "
                  "2, ...), and those are the ones to read."),
            tables=[TableView(adjusted, columns=["label", "between", "adjust_for", "group", "cut", "odds_ratio",
                                                 "ci_low", "ci_high", "p", "po_p"],
                              rename={"label": "Item", "between": "Compared by", "adjust_for": "Held constant",
                                      "group": "Group", "cut": "Above", "odds_ratio": "Odds ratio",
                                      "ci_low": "CI low", "ci_high": "CI high", "p": "p",
                                      "po_p": "Proportional-odds check p"},
                              value_labels={"between": dict(words)}, max_rows=20,
                              caption="All rows are in tables/adjusted_differences.csv.")]))
    if why is None:
        for block_id in results.blocks:
            stem = f"likert_{block_id}_by_group"
            if stem in report.figures:
                sections.append(ReportSection(heading=f"{blocks[block_id].title}: by group", level=3, figure=stem))
    return sections


def _select_sections(report) -> list[ReportSection]:
    out = []
    for select_id in report.results.selects:
        select = report.instrument.multi_selects[select_id]
        name = ticks_table(select_id)
        table = sorted_like_chart(report.table(name), "share")
        shown = pd.to_numeric(table.get("share", pd.Series(dtype=float)), errors="coerce").gt(0).any()
        tables = [TableView(table, columns=["label", "count", "share", "ci_low", "ci_high"],
                            rename={"label": "Option", "count": "Respondents", "share": "Share", "ci_low": "CI low",
                                    "ci_high": "CI high"}, percent_columns=_PERCENT)]
        pairs = report.table(f"{name}_pairs")
        if not pairs.empty and "phi" in pairs.columns:
            # Only pairs ticked together more often than chance (and shown) are "associated".
            pairs = pairs[pd.to_numeric(pairs["phi"], errors="coerce") > 0]
        if not pairs.empty:
            tables.append(TableView(pairs, columns=["label_a", "label_b", "count", "expected", "lift", "phi",
                                                    "p_adjusted"],
                                    rename={"label_a": "Option", "label_b": "Ticked together with",
                                            "count": "Respondents", "expected": "Expected by chance",
                                            "lift": "Lift", "phi": "Phi", "p_adjusted": "Adjusted p"},
                                    max_rows=5,
                                    caption=("The pairs of options most strongly associated (up to five): ticked together "
                                             "more often than chance predicts from how often each is ticked "
                                             "(phi 0: as often as chance; lift 2: twice as often). Pairs of "
                                             "popular options are ticked together often by chance alone. Adjusted "
                                             "p (Fisher's exact test, Holm) below 0.05 marks an association "
                                             "unlikely to be chance; all pairs are in the table's file.")))
        out.append(ReportSection(
            heading=select.title,
            text=("Respondents could tick more than one option. The bars show the share of respondents who ticked "
                  "each option, with its 95% confidence interval (the thin line)."),
            figure=name if name in report.figures else None, tables=tables,
            missing=None if shown else "Too few staff in this cohort ticked any option for the shares to be shown."))
    return out


def _comparison_section(report) -> list[ReportSection]:
    results, inst = report.results, report.instrument
    if results.priorities.empty:  # computed only when the instrument declares both roles
        return []
    table = report.table("working_vs_wished")
    block, select = inst.blocks[results.working_block], inst.multi_selects[results.wish_select]
    text = (f"Each point is an activity: how well staff say it works ('{_md(block.title)}', up) against the share "
            f"who want more of it ('{_md(select.title)}', right). The dashed lines are the middle values (medians) "
            "of the activities shown, and split them into four groups for the CPD model: **expand** (working and "
            "wanted), **maintain** (working, not asked for), **redesign or pilot** (wanted but not rated as "
            "working) and **deprioritise** (neither). An activity whose interval crosses a dashed line is "
            "*borderline* (a hollow point): it could as well belong to the neighbouring group.")
    return [ReportSection(
        heading="What is working against what staff wish for", text=text,
        figure="working_vs_wished" if "working_vs_wished" in report.figures else None,
        tables=[TableView(table, columns=["label", "mean", "ci_low", "ci_high", "wish_share", "wish_ci_low",
                                          "wish_ci_high", "quadrant", "borderline"],
                          rename={"label": "Activity", "mean": "Mean rating", "ci_low": "CI low", "ci_high": "CI high",
                                  "wish_share": "Want more", "wish_ci_low": "CI low ", "wish_ci_high": "CI high ",
                                  "quadrant": "CPD model", "borderline": "Borderline"},
                          value_labels={"borderline": {True: "yes", False: "", "True": "yes", "False": ""}},
                          percent_columns=("wish_share", "wish_ci_low", "wish_ci_high"))],
        missing=None if not table.empty else "No activity links the two questions in this cohort.")]


def _response_section(report) -> ReportSection:
    table = report.table("response_rates")
    cells = report.table("response_cells")
    words = report.attribute_labels
    why = None
    if table.empty:
        notes = [n for n in report.notes if "workforce" in n]
        why = notes[0] if notes else "The study gives no workforce figures, so response rates cannot be worked out."
    tables = [TableView(table, columns=["by", "group", "respondents", "headcount", "response_rate", "note"],
                        rename={"by": "By", "group": "Group", "respondents": "Respondents",
                                "headcount": "Staff in post", "response_rate": "Response rate", "note": "Note"},
                        percent_columns=("response_rate",),
                        value_labels={"by": {"all": "All", **words}})]
    if not table.empty and not cells.empty:
        first, second = cells.columns[:2]
        tables.append(TableView(cells, columns=[first, second, "respondents", "headcount", "response_rate", "note"],
                                rename={first: words.get(first, first), second: words.get(second, second),
                                        "respondents": "Respondents", "headcount": "Staff in post",
                                        "response_rate": "Response rate", "note": "Note"},
                                percent_columns=("response_rate",),
                                caption=(f"Respondents against staff in post for each "
                                         f"{words.get(first, first).lower()} and "
                                         f"{words.get(second, second).lower()}: where few answered, "
                                         "results speak for fewer people.")))
    return ReportSection(
        heading="Who answered?",
        text=("Respondents against the number of staff in post (from the workforce figures). Every member of staff "
              "was invited, so these are counts, not estimates, and carry no confidence interval. A low response "
              "rate means the results may not represent everyone: the intervals elsewhere in this report do not "
              "allow for differences between those who answered and those who did not."),
        tables=tables, missing=why)


def _free_text_sections(report) -> list[ReportSection]:
    inst = report.instrument
    questions = list(inst.free_text)
    terms, comments = report.table("comment_terms"), report.table("comments")
    out = []
    for question in questions:
        title = inst.free_text_titles.get(question) or "What staff wrote"
        q_terms = _rows(terms, "question", question) if "question" in terms.columns else terms
        q_comments = _rows(comments, "question", question) if "question" in comments.columns else comments
        tables = []
        if not q_terms.empty:
            tables.append(TableView(q_terms, columns=["term", "count", "documents"],
                                    rename={"term": "Word", "count": "Times used", "documents": "Answers using it"},
                                    max_rows=15, caption="The words used most often."))
        if not q_comments.empty:
            shown = min(10, len(q_comments))
            tables.append(TableView(q_comments, columns=["answer"], rename={"answer": "Answer"}, max_rows=10,
                                    caption=f"{shown} of {len(q_comments)} answers, in the order they were "
                                            "received; all are in tables/comments.csv."))
        why = None
        if not tables:
            why = ("Answers are shown only for cohorts large enough that an answer is not easily traced to the "
                   "person who wrote it, and words only when at least the minimum number of people used them; "
                   "nothing in this cohort passes those rules.")
        out.append(ReportSection(
            heading=title,
            text=("The words used most often in the answers (common words such as \"the\" removed; names were "
                  "replaced before counting), and some of the answers, as written except that names, phone numbers "
                  "and email addresses have been replaced (for example by [NAME-1])."),
            tables=tables, missing=why))
    return out


def survey_sections(report) -> list[ReportSection]:
    """Every section of the survey report, in reading order, for one cohort.

    Parameters
    ----------
    report : cpdresearch.survey.SurveyReport
        With its published tables and figures.

    Returns
    -------
    list of ReportSection
        Empty when the cohort has no survey data.
    """
    if not report.has_data or report.instrument is None:
        return []
    sections = _block_sections(report)
    if report.results.blocks:
        sections.append(_reliability_section(report))
        sections += _group_section(report)
    sections += _select_sections(report)
    sections += _comparison_section(report)
    sections.append(_response_section(report))
    sections += _free_text_sections(report)
    return sections
