"""Disclosure control of the evaluation tables, and the evaluation's key figures.

One policy (``docs/evaluation.md``), applied with :mod:`cpdresearch.report.disclosure`:

- a row's statistics (medians, means, intervals, tests, verdicts) are hidden when its
  group (pairs, forms) has 1 to ``min_cell - 1`` members;
- counts that add up to a published total (improved + unchanged + worse = n; would
  recommend + would not = answered; attended + cancelled + late + no-show = places) are
  suppressed as a line, with secondary suppression, and every share derived from a
  hidden count is hidden with it;
- a paired test goes with its line: in a row whose improved / unchanged / worse (kept /
  fell) counts are hidden, everything computed from the changes is hidden too (means
  before and after, mean change and interval, Wilcoxon statistic, method, p-value,
  rank-biserial; :data:`CHANGE_STATISTICS`), the Holm-adjusted p of every objective of a
  course with a hidden p, and a verdict that could pin down a hidden count;
- a total shown elsewhere (all courses, a delivery format) is hidden when it would
  reveal a hidden cell;
- across cohorts, the cells of :data:`COORDINATED` that the whole study's family of
  cohorts hides (:mod:`cpdresearch.evaluation.coordination`) are hidden first (``forced``)
  and these rules then protect every line through them.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..report import SUPPRESSED, suppress_small_cells, suppress_small_groups
from ..report.coordination import row_keys
from ..report.sentences import as_number

__all__ = ["published_tables", "evaluation_key_figures", "TABLE_COLUMNS", "CHANGE_STATISTICS", "COORDINATED", "TOTAL",
           "TOTAL_TIER"]

#: Columns every published table has, even when empty (the notebook contract).
TABLE_COLUMNS: dict[str, list[str]] = {
    "objective_change": ["course_id", "title", "objective_no", "objective", "pcf_domain", "n", "pre_median",
                         "post_median", "pre_mean", "post_mean", "mean_change", "ci_low", "ci_high", "n_improved",
                         "n_unchanged", "n_worse", "pct_improved", "pct_unchanged", "pct_worse", "statistic",
                         "p_value", "method", "p_holm", "rank_biserial", "testable", "significant", "not_met", "reason"],
    "courses": ["course_id", "title", "format", "length", "forms", "attended", "forms_returned_share",
                "mean_change", "ci_low", "ci_high", "recommend_n", "recommend_yes", "recommend_no",
                "recommend_share", "recommend_ci_low", "recommend_ci_high"],
    "courses_to_review": ["course_id", "title", "objectives", "objectives_not_met", "not_met", "reasons"],
    "followup": ["course_id", "title", "objective_no", "objective", "months_after", "n", "post_median", "fu_median",
                 "post_mean", "fu_mean", "mean_change", "ci_low", "ci_high", "n_kept", "n_fell", "pct_kept", "statistic", "p_value",
                 "method", "p_holm", "rank_biserial", "verdict"],
    "take_up": ["format", "courses", "places", "attended", "attendance_rate", "forms", "completion", "mean_change",
                "ci_low", "ci_high"],
    "bookings": ["course_id", "title", "places", "attended", "cancelled", "late_cancelled", "no_show",
                 "attendance_rate"],
    "charges": ["course_id", "title", "organisation_tier", "places", "attended", "cancelled", "late_cancellations",
                "no_shows", "attended_amount", "late_and_no_show_amount", "amount"],
}

TOTAL = "All courses"
#: The organisation tier of the charges' all-courses row.
TOTAL_TIER = "all tiers"

#: The count tables whose cells are coordinated across cohorts (docs/evaluation.md,
#: "Disclosure control"): ``{table: (row key columns, count columns)}``. A cell is one
#: count of one row; the same key in the cohorts that split the whole study adds up to
#: the whole study's count.
COORDINATED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "objective_change": (("course_id", "objective_no"), ("n", "n_improved", "n_unchanged", "n_worse")),
    "courses": (("course_id",), ("forms", "recommend_yes", "recommend_no", "recommend_n")),
    "followup": (("course_id", "objective_no"), ("n", "n_kept", "n_fell")),
    "take_up": (("format",), ("places", "attended", "forms")),
    "bookings": (("course_id",), ("places", "attended", "cancelled", "late_cancelled", "no_show")),
    "charges": (("course_id", "organisation_tier"), ("places", "attended", "cancelled", "late_cancellations",
                                                     "no_shows")),
    "rating_distribution": (("when", "code"), ("count",)),
    "domains": (("pcf_domain",), ("n",)),
}


def _mark(table: pd.DataFrame, name: str, forced: dict | None, min_cell: int, columns=None) -> pd.DataFrame:
    """``table`` with the cells ``forced[name]`` hides showing "c" (only counts of at least
    ``min_cell``: a smaller one is hidden by the primary rule, which must see it)."""
    cells = (forced or {}).get(name) or set()
    if table.empty or not cells:
        return table
    keys, counts = COORDINATED[name]
    if any(k not in table.columns for k in keys):
        return table
    at = row_keys(table, keys)
    table = table.copy()
    for column in columns if columns is not None else counts:
        wanted = {k for k, c in cells if c == column}
        if not wanted or column not in table.columns:
            continue
        mask = np.array([k in wanted for k in at], dtype=bool)
        values = pd.to_numeric(table[column].astype(object).where(~_hidden(table[column]), np.nan), errors="coerce")
        mask &= values.to_numpy(dtype=float) >= min_cell
        table = _hide(table, mask, [column])
    return table


def _hidden(series: pd.Series) -> pd.Series:
    return series.astype(object).map(lambda v: isinstance(v, str) and v == SUPPRESSED)


def _hide(table: pd.DataFrame, mask, columns) -> pd.DataFrame:
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return table
    for column in [c for c in columns if c in table.columns]:
        table[column] = table[column].astype(object)
        table.loc[mask, column] = SUPPRESSED
    return table


def _line(table: pd.DataFrame, counts: list[str], total: str, min_cell: int, derived: dict[str, list[str]]):
    """Suppress ``counts`` that add up to ``total`` (rows are lines), and what derives from them."""
    part = suppress_small_cells(table[[*counts, total]], min_cell=min_cell, count_columns=[*counts, total],
                                total_column=total)
    out = table.copy()
    for column in [*counts, total]:
        out[column] = part[column]
    for count, columns in derived.items():
        out = _hide(out, _hidden(out[count]), columns)
    return out


def _protect_share(table: pd.DataFrame, count, total, shares, min_cell: int) -> pd.DataFrame:
    """Hide ``shares`` where the count or its complement (total - count) is 1 to min_cell - 1."""
    k = pd.to_numeric(pd.Series(np.asarray(count, dtype=object)), errors="coerce").to_numpy()
    n = pd.to_numeric(pd.Series(np.asarray(total, dtype=object)), errors="coerce").to_numpy()
    with np.errstate(invalid="ignore"):
        rest = n - k
        small = ((k >= 1) & (k < min_cell)) | ((rest >= 1) & (rest < min_cell))
    hidden = _hidden(pd.Series(np.asarray(count, dtype=object))) | _hidden(pd.Series(np.asarray(total, dtype=object)))
    return _hide(table, small | hidden.to_numpy(), shares)


#: What a paired row computes from its delegates' changes, by table: with the row's count
#: of pairs each is one more equation in its improved / unchanged / worse (kept / fell)
#: counts (the mean and its interval give the changes' sum and sum of squares, the means
#: before and after their difference, the Wilcoxon statistic, rank-biserial, p-value
#: and method how many changed and how far), so they are hidden with those counts.
CHANGE_STATISTICS: dict[str, list[str]] = {
    "objective_change": ["pre_mean", "post_mean", "mean_change", "ci_low", "ci_high", "statistic", "p_value",
                         "method", "rank_biserial"],
    "followup": ["post_mean", "fu_mean", "mean_change", "ci_low", "ci_high", "statistic", "p_value", "method",
                 "rank_biserial"],
}


def _hide_holm_family(table: pd.DataFrame) -> pd.DataFrame:
    """Hide the Holm-adjusted p of every objective of a course in which some p is hidden.

    Holm's adjusted p of one objective is the largest of (m - j + 1) times the j-th
    smallest p of its course up to its own: a shown adjusted p can equal a hidden p times
    a whole number, or say which hidden p lie below a shown one.
    """
    if table.empty or "p_holm" not in table.columns:
        return table
    courses = set(table.loc[_hidden(table["p_value"]).to_numpy(), "course_id"])
    mask = table["course_id"].isin(courses).to_numpy()
    table = _hide(table, mask, ["p_holm"])
    if "reason" in table.columns:
        # The reason quotes the adjusted p: not where it is hidden.
        quoted = mask & ~_hidden(table["reason"]).to_numpy()
        table.loc[quoted, "reason"] = table.loc[quoted, "reason"].astype(str).str.replace(
            r" \(Holm-adjusted p = [^)]*\)", "", regex=True)
    return table


def _hide_telling_verdicts(table: pd.DataFrame, min_share: float) -> pd.DataFrame:
    """Hide the verdict (not met, and why) of a row where it could pin down a hidden count.

    The verdict says whether fewer than ``min_share`` of delegates improved. With the
    row's ``n``, its shown counts and hidden counts of at least 1, that one inequality
    can leave a single combination of improved / unchanged / worse (five delegates, all
    three hidden, "not fewer than half improved": 3, 1, 1). The verdict is hidden when
    either answer would do so, so that hiding it tells nothing about which it was.
    """
    if table.empty:
        return table
    columns = ["n_improved", "n_unchanged", "n_worse"]
    telling = np.zeros(len(table), dtype=bool)
    for j, (_, row) in enumerate(table.iterrows()):
        hidden = [c for c in columns if isinstance(row[c], str) and row[c] == SUPPRESSED]
        if not hidden or _hidden(pd.Series([row["n"]])).any():
            continue
        n = int(row["n"])
        for few in (True, False):
            fits = []
            for improved in range(n + 1):
                for worse in range(n - improved + 1):
                    x = {"n_improved": improved, "n_unchanged": n - improved - worse, "n_worse": worse}
                    if any(x[c] != int(row[c]) for c in columns if c not in hidden):
                        continue
                    if any(x[c] == 0 for c in hidden) or (improved < min_share * n) != few:
                        continue
                    fits.append(x)
            telling[j] |= any(len({f[c] for f in fits}) == 1 for c in hidden)
    return _hide(table, telling, ["significant", "not_met", "reason"])


def _titles(table: pd.DataFrame, courses: pd.DataFrame, objectives: pd.DataFrame | None = None) -> pd.DataFrame:
    if table.empty:
        return table
    out = table.copy()
    if "title" not in out.columns and courses is not None and len(courses):
        out.insert(1, "title", out["course_id"].map(courses.set_index("course_id")["title"]).astype(object))
    if objectives is not None and len(objectives) and "objective_no" in out.columns:
        keyed = objectives.set_index(["course_id", "objective_no"])
        index = pd.MultiIndex.from_arrays([out["course_id"], out["objective_no"]])
        at = out.columns.get_loc("objective_no") + 1
        out.insert(at, "objective", keyed["text"].reindex(index).to_numpy(dtype=object))
        if "pcf_domain" in keyed and "pcf_domain" not in out.columns and "n" in out.columns and "months_after" not in out:
            out.insert(at + 1, "pcf_domain", keyed["pcf_domain"].reindex(index).to_numpy())
    return out


def _objective_change(r, min_cell: int, forced: dict | None = None) -> pd.DataFrame:
    t = r.objective_change
    if t.empty:
        return t
    t = _titles(t, r.courses, r.objectives)
    # Whether the rule's significance condition holds: what the verdict says anyway, kept
    # where the adjusted p itself is hidden (rule 7), so findings can count it.
    p_holm = pd.to_numeric(t["p_holm"], errors="coerce")
    t.insert(t.columns.get_loc("testable") + 1, "significant",
             ((p_holm < r.rule.alpha) & (pd.to_numeric(t["rank_biserial"], errors="coerce") > 0)).astype(object))
    stats = ["pre_median", "post_median", "pre_mean", "post_mean", "mean_change", "ci_low", "ci_high",
             "pct_improved", "pct_unchanged", "pct_worse", "statistic", "p_value", "method", "p_holm",
             "rank_biserial", "testable", "significant", "not_met", "reason", "n_improved", "n_unchanged", "n_worse"]
    t = _mark(t, "objective_change", forced, min_cell)  # a hidden n hides its row as a small group does
    t = suppress_small_groups(t, n_column="n", min_cell=min_cell, stat_columns=stats)
    shown = ~_hidden(t["n"])
    part = _line(t[shown], ["n_improved", "n_unchanged", "n_worse"], "n", min_cell,
                 {"n_improved": ["pct_improved"], "n_unchanged": ["pct_unchanged"], "n_worse": ["pct_worse"]})
    counts_hidden = _hidden(part["n_improved"]) | _hidden(part["n_unchanged"]) | _hidden(part["n_worse"])
    part = _hide(part, counts_hidden, CHANGE_STATISTICS["objective_change"])
    t = t.astype({c: object for c in part.columns})
    t.loc[shown.to_numpy(), part.columns] = part.to_numpy()
    t = _hide_holm_family(t)
    return _hide_telling_verdicts(t, r.rule.min_share_improved)


def _courses(r, min_cell: int, bookings: pd.DataFrame, forced: dict | None = None) -> pd.DataFrame:
    t = r.course_summary
    if t.empty:
        return t
    t = t.copy()
    # Attendance as the (suppressed) bookings table publishes it.
    t["attended"] = (t["course_id"].map(bookings.set_index("course_id")["attended"]).astype(object)
                     if not bookings.empty else pd.NA)
    t["recommend_no"] = (t["recommend_n"] - t["recommend_yes"]).astype("int64")
    total = {"course_id": TOTAL, "forms": int(t["forms"].sum()), "recommend_n": int(t["recommend_n"].sum()),
             "recommend_yes": int(t["recommend_yes"].sum()), "recommend_no": int(t["recommend_no"].sum())}
    n, k = total["recommend_n"], total["recommend_yes"]
    from ..stats import wilson_ci

    low, high = wilson_ci(k, n)
    total.update(recommend_share=k / n if n else np.nan, recommend_ci_low=low, recommend_ci_high=high)
    t = pd.concat([t, pd.DataFrame([total])], ignore_index=True)
    t = t[[c for c in TABLE_COLUMNS["courses"] if c in t.columns]]
    t = suppress_small_groups(t, n_column="forms", min_cell=min_cell,
                              stat_columns=["mean_change", "ci_low", "ci_high", "forms_returned_share"])
    t = _mark(t, "courses", forced, min_cell)
    # Forms per course add up to all forms: one line with its total.
    forms = suppress_small_cells(t[["course_id", "forms"]], min_cell=min_cell, count_columns=["forms"],
                                 total_row=TOTAL)
    t["forms"] = forms["forms"]
    # Would / would not recommend: a cross-tab of courses with row totals (answered) and the total row.
    rec = suppress_small_cells(t[["course_id", "recommend_yes", "recommend_no", "recommend_n"]], min_cell=min_cell,
                               count_columns=["recommend_yes", "recommend_no", "recommend_n"],
                               total_column="recommend_n", total_row=TOTAL)
    for column in ("recommend_yes", "recommend_no", "recommend_n"):
        t[column] = rec[column]
    hidden = _hidden(t["recommend_yes"]) | _hidden(t["recommend_no"]) | _hidden(t["recommend_n"])
    t = _hide(t, hidden, ["recommend_share", "recommend_ci_low", "recommend_ci_high"])
    # Forms returned against attendance: the share goes with hidden forms, and with a
    # small number of delegates who attended without returning a form.
    t = _hide(t, _hidden(t["forms"]), ["forms_returned_share"])
    return _protect_share(t, t["forms"], t["attended"], ["forms_returned_share"], min_cell)


def _to_review(objective_change: pd.DataFrame, r) -> pd.DataFrame:
    from .objectives import courses_to_review

    if objective_change.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS["courses_to_review"])
    # Only objectives whose verdict is published count.
    published = objective_change[~_hidden(objective_change["not_met"])]
    published = published.assign(not_met=published["not_met"].astype(bool))
    return courses_to_review(published[["course_id", "objective_no", "not_met", "reason"]], courses=r.courses)


def _followup(r, min_cell: int, forced: dict | None = None) -> pd.DataFrame:
    t = r.followup
    if t.empty:
        return t
    t = _titles(t, r.courses, r.objectives)
    t["n_fell"] = (t["n"] - t["n_kept"]).astype("int64")
    stats = ["months_after", "post_median", "fu_median", "post_mean", "fu_mean", "mean_change", "ci_low", "ci_high", "n_kept", "n_fell",
             "pct_kept", "statistic", "p_value", "method", "p_holm", "rank_biserial", "verdict"]
    t = _mark(t, "followup", forced, min_cell)
    t = suppress_small_groups(t, n_column="n", min_cell=min_cell, stat_columns=stats)
    shown = ~_hidden(t["n"])
    if shown.any():
        part = _line(t[shown], ["n_kept", "n_fell"], "n", min_cell, {"n_kept": ["pct_kept"], "n_fell": ["pct_kept"]})
        part = _hide(part, _hidden(part["n_kept"]) | _hidden(part["n_fell"]), CHANGE_STATISTICS["followup"])
        t = t.astype({c: object for c in part.columns})
        t.loc[shown.to_numpy(), part.columns] = part.to_numpy()
        t = _hide_holm_family(t)
    return t[[c for c in TABLE_COLUMNS["followup"] if c in t.columns]]


def _bookings(r, min_cell: int, forced: dict | None = None) -> pd.DataFrame:
    t = r.bookings
    if t.empty:
        return t
    counts = ["attended", "cancelled", "late_cancelled", "no_show"]
    total = {"course_id": TOTAL, **{c: int(t[c].sum()) for c in [*counts, "places"]}}
    t = pd.concat([t, pd.DataFrame([total])], ignore_index=True)
    t["attendance_rate"] = t["attended"] / t["places"]
    t = _titles(t, r.courses)
    t = _mark(t, "bookings", forced, min_cell)
    out = suppress_small_cells(t, min_cell=min_cell, count_columns=[*counts, "places"], total_column="places",
                               total_row=TOTAL, percent_columns={"attendance_rate": "attended"})
    return _hide(out, _hidden(out["places"]), ["attendance_rate"])


def _charges(r, min_cell: int, forced: dict | None = None) -> pd.DataFrame:
    t = r.charges
    if t.empty:
        return t
    t = t.copy()
    o = r.booking_outcomes
    cancelled = o["outcome"].eq("cancelled").groupby([o["course_id"], o["organisation_tier"]], observed=True).sum()
    index = pd.MultiIndex.from_arrays([t["course_id"], t["organisation_tier"]])
    t.insert(t.columns.get_loc("late_cancellations"), "cancelled", cancelled.reindex(index).fillna(0).astype("int64")
             .to_numpy())
    counts = ["attended", "cancelled", "late_cancellations", "no_shows"]
    amounts = ["attended_amount", "late_and_no_show_amount", "amount"]
    total = {"course_id": TOTAL, "organisation_tier": TOTAL_TIER,
             **{c: t[c].sum() for c in [*counts, "places", *amounts]}}
    t = pd.concat([t.astype({"organisation_tier": object}), pd.DataFrame([total])], ignore_index=True)
    for c in [*counts, "places"]:
        t[c] = t[c].astype("int64")
    t = _titles(t, r.courses)
    t = _mark(t, "charges", forced, min_cell)
    # Courses x tiers with row totals (places) and the total row: every row and column is a line.
    out = suppress_small_cells(t, min_cell=min_cell, count_columns=[*counts, "places"], total_column="places",
                               total_row=TOTAL)
    # An amount is a count times a price: hidden with its counts.
    out = _hide(out, _hidden(out["attended"]), ["attended_amount", "amount"])
    late = _hidden(out["late_cancellations"]) | _hidden(out["no_shows"])
    out = _hide(out, late, ["late_and_no_show_amount", "amount"])
    return out


def _take_up(r, min_cell: int, bookings: pd.DataFrame, courses: pd.DataFrame,
             forced: dict | None = None) -> pd.DataFrame:
    t = r.take_up
    if t.empty:
        return t
    t = t.copy()
    fmt = r.courses.set_index("course_id")["format"].astype(object)

    def any_hidden(table, column):
        if table.empty or column not in table.columns:
            return set()
        rows = table[(table["course_id"] != TOTAL) & _hidden(table[column])]
        return set(rows["course_id"].map(fmt))

    # A format total would give back a course's hidden count: hidden with it.
    for column, table, source in (("attended", bookings, "attended"), ("places", bookings, "places"),
                                  ("forms", courses, "forms")):
        if column in t.columns:
            t = _hide(t, t["format"].isin(any_hidden(table, source)), [column])
    t = suppress_small_groups(t, n_column="forms", min_cell=min_cell,
                              stat_columns=["mean_change", "ci_low", "ci_high", "completion"])
    t = _mark(t, "take_up", forced, min_cell)
    if "attended" in t.columns and t["attended"].notna().any():
        out = suppress_small_cells(t, min_cell=min_cell, count_columns=["attended"], total_known=False,
                                   percent_columns={"attendance_rate": "attended"})
        t = out
    t = _hide(t, _hidden(t["attended"]) | _hidden(t["places"]), ["attendance_rate", "completion"])
    return _protect_share(t, t["forms"], t["attended"], ["completion"], min_cell)


def _count_tables(r, min_cell: int, forced: dict | None) -> dict[str, pd.DataFrame]:
    """The tables whose counts disclosure control hides (those of :data:`COORDINATED`, and
    what their rules need), as published."""
    oc = _objective_change(r, min_cell, forced)
    bookings = _bookings(r, min_cell, forced)
    courses = _courses(r, min_cell, bookings, forced)
    tables = {
        "objective_change": oc,
        "courses": courses,
        "courses_to_review": _to_review(oc, r),
        "followup": _followup(r, min_cell, forced),
        "take_up": _take_up(r, min_cell, bookings, courses, forced),
        "bookings": bookings,
        "charges": _charges(r, min_cell, forced),
    }
    if not r.distribution.empty and r.n_forms >= min_cell:
        # Each of before and after is a line whose total (n ratings) is published.
        tables["rating_distribution"] = pd.concat(
            [suppress_small_cells(_mark(part, "rating_distribution", forced, min_cell), min_cell=min_cell,
                                  count_columns=["count"], total_known=True, percent_columns={"percent": "count"})
             for _, part in r.distribution.groupby("when", sort=False)], ignore_index=True)
    if not r.domains.empty:
        # A hidden n hides its domain's statistics, as a small group does.
        domains = suppress_small_groups(_mark(r.domains, "domains", forced, min_cell), n_column="n",
                                        min_cell=min_cell, stat_columns=["mean_change", "ci_low", "ci_high",
                                                                         "pct_improved"])
        improved = (r.domains["pct_improved"] * r.domains["n"]).round()
        tables["domains"] = _protect_share(domains, improved, r.domains["n"], ["pct_improved"], min_cell)
    return tables


def published_tables(results, *, min_cell: int = 5, forced: dict | None = None) -> dict[str, pd.DataFrame]:
    """The evaluation tables as published, small cells suppressed, keyed by file stem.

    Parameters
    ----------
    results : cpdresearch.evaluation.EvaluationResults
    min_cell : int, default 5
    forced : dict, optional
        ``{table: {(row key, column)}}``: cells of :data:`COORDINATED` tables to hide
        before the rules run (coordinated suppression across cohorts,
        :func:`cpdresearch.evaluation.forced_cells`); the rules then protect every line
        through them and hide what derives from them. A row key is the row's
        :data:`COORDINATED` key columns as text (:func:`cpdresearch.report.coordination.row_keys`).

    Returns
    -------
    dict of str to pandas.DataFrame
        ``objective_change, courses, courses_to_review, followup, take_up, bookings,
        charges`` (always, with their columns even when empty), and when computed
        ``course_effects, model_terms, domains, rating_distribution, format_difference,
        fading_courses, answer_terms`` and ``answers`` (pseudonymised answers; only for
        cohorts of at least ``results.min_group`` forms).

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> from cpdresearch.evaluation import analyse_evaluation
    >>> results = analyse_evaluation(load_study(paths.DEMO_STUDY), counts_only=True)
    >>> course = str(results.course_summary["course_id"].iloc[0])
    >>> published_tables(results, forced={"courses": {((course,), "forms")}})["courses"]["forms"].iloc[0]
    'c'
    """
    r = results
    tables = _count_tables(r, min_cell, forced)
    forms = r.course_summary.set_index("course_id")["forms"] if not r.course_summary.empty else pd.Series(dtype=int)
    if not r.course_effects.empty:
        effects = _titles(r.course_effects.drop(columns="n"), r.courses)
        effects.insert(2, "forms", effects["course_id"].map(forms).astype("int64"))
        effects = suppress_small_groups(effects, n_column="forms", min_cell=min_cell,
                                        stat_columns=["effect", "ci_low", "ci_high", "compared_with_expected"])
        # The same forms as the courses table: hidden where it hides them.
        shown = tables["courses"]
        hidden_forms = set(shown.loc[_hidden(shown["forms"]).to_numpy(), "course_id"]) if not shown.empty else set()
        tables["course_effects"] = _hide(effects, effects["course_id"].isin(hidden_forms).to_numpy(), ["forms"])
        tables["model_terms"] = r.model_terms
    if not r.format_difference.empty:
        tables["format_difference"] = r.format_difference
    if not r.fading.empty:
        fu = tables["followup"]
        shown = fu[~_hidden(fu["verdict"])] if not fu.empty else fu
        tables["fading_courses"] = r.fading[r.fading["course_id"].isin(
            shown.loc[shown["verdict"] == "faded", "course_id"])].reset_index(drop=True)
    if not r.terms.empty:
        # A term used by fewer than min_cell delegates could point to one of them.
        tables["answer_terms"] = r.terms[r.terms["documents"] >= min_cell].reset_index(drop=True)
    if r.n_forms >= r.min_group and not r.answers.empty:
        tables["answers"] = r.answers.reset_index(drop=True)
    for name, columns in TABLE_COLUMNS.items():
        table = tables[name]
        if table.empty:
            tables[name] = pd.DataFrame(columns=columns)
        else:
            tables[name] = table[[c for c in columns if c in table.columns]
                                 + [c for c in table.columns if c not in columns]]
    return {k: v for k, v in tables.items() if k in TABLE_COLUMNS or not v.empty}


def _num(value):
    x = as_number(value)
    return None if np.isnan(x) else float(x)


def evaluation_key_figures(results, tables: dict[str, pd.DataFrame], *, min_cell: int = 5) -> dict:
    """Headline numbers for ``key_figures.json`` under ``"evaluation"``, read from the published tables.

    Returns
    -------
    dict
        ``n_courses``, ``n_forms`` (None when hidden), ``n_objectives`` (published
        rows), ``share_objectives_improved`` (share of testable published objectives
        with a significant improvement, column ``significant``), ``n_objectives_not_met``, ``n_courses_to_review``,
        ``recommend_share`` (all courses), ``share_followup_retained``,
        ``late_and_no_show_charges`` (total due for late cancellations and no-shows),
        ``total_charges``.
    """
    r = results
    n = r.n_forms
    courses = tables.get("courses", pd.DataFrame())
    total = courses[courses["course_id"] == TOTAL] if not courses.empty else courses
    # All forms, as the courses table's total row publishes them (coordination may hide it).
    shown = n == 0 or (n >= min_cell and not (len(total) and _hidden(total["forms"]).any()))
    figures: dict = {"n_courses": r.n_courses, "n_forms": n if shown else None}
    oc = tables.get("objective_change", pd.DataFrame())
    shown = oc[~_hidden(oc["not_met"])] if not oc.empty else oc
    figures["n_objectives"] = int(len(shown))
    if len(shown):
        tested = shown[shown["testable"].astype(bool)]
        figures["share_objectives_improved"] = (float(tested["significant"].astype(bool).mean()) if len(tested)
                                                else None)
        figures["n_objectives_not_met"] = int(shown["not_met"].astype(bool).sum())
    else:
        figures["share_objectives_improved"] = None
        figures["n_objectives_not_met"] = None
    figures["n_courses_to_review"] = int(len(tables.get("courses_to_review", pd.DataFrame())))
    figures["recommend_share"] = _num(total["recommend_share"].iloc[0]) if len(total) else None
    fu = tables.get("followup", pd.DataFrame())
    verdicts = fu.loc[~_hidden(fu["verdict"]), "verdict"] if not fu.empty else pd.Series(dtype=object)
    verdicts = verdicts[verdicts != "too few to test"]
    figures["share_followup_retained"] = float((verdicts == "retained").mean()) if len(verdicts) else None
    charges = tables.get("charges", pd.DataFrame())
    row = charges[charges["course_id"] == TOTAL] if not charges.empty else charges
    figures["late_and_no_show_charges"] = _num(row["late_and_no_show_amount"].iloc[0]) if len(row) else None
    figures["total_charges"] = _num(row["amount"].iloc[0]) if len(row) else None
    return figures
