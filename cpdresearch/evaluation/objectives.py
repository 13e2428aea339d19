"""Confidence before and after each course objective, and objectives not met.

For each course and objective: the delegates who rated it both before and after
(pairs), medians and means before and after, the mean change with its t interval, the
shares who improved, stayed the same or got worse, the Wilcoxon signed-rank test with
the matched-pairs rank-biserial, p-values adjusted (Holm) across the objectives of each
course, and whether the objective was *not met* under the study's rule, with the reason.

Examples
--------
>>> import pandas as pd
>>> pairs = pd.DataFrame({"course_id": "C1", "objective_no": 1,
...                       "pre": [1, 2, 2, 1, 2, 3, 1, 2], "post": [3, 3, 4, 2, 3, 4, 3, 3]})
>>> row = objective_change(pairs, labels=["Not sure", "Some knowledge", "Knowledgeable", "Confident"]).iloc[0]
>>> int(row["n"]), float(row["post_median"]), float(row["pct_improved"]), bool(row["not_met"])
(8, 3.0, 1.0, False)
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from types import SimpleNamespace

import numpy as np
import pandas as pd
from scipy import stats as sps

from ..errors import DataError, Problem
from ..stats import adjust_p, paired_wilcoxon

#: What stands in for a test not run (``tests=False``).
_NO_TEST = SimpleNamespace(statistic=np.nan, p_value=np.nan, method=None, rank_biserial=np.nan)

__all__ = ["NotMetRule", "objective_change", "courses_to_review", "mean_with_ci", "can_reach_significance"]


@dataclass(frozen=True)
class NotMetRule:
    """When an objective counts as *not met* (thresholds from ``study.yml``).

    An objective is not met when any of these holds:

    - the median rating after the course is below ``post_median_below`` (a label of
      the study's rating scale; default the third level, *Knowledgeable* on the
      four-point form);
    - fewer than ``min_share_improved`` of the delegates rated it higher after the
      course than before (default one half);
    - the Holm-adjusted Wilcoxon p-value is not below ``alpha`` (default 0.05) with the
      ratings moving up: no significant improvement.

    Parameters
    ----------
    post_median_below : str or None
        Scale label; ``None`` uses the third level of the scale (or the top one on a
        shorter scale).
    min_share_improved : float
    alpha : float

    Examples
    --------
    >>> NotMetRule.from_settings({"evaluation": {"not_met": {"min_share_improved": 0.6}}}).min_share_improved
    0.6
    """

    post_median_below: str | None = None
    min_share_improved: float = 0.5
    alpha: float = 0.05

    @classmethod
    def from_settings(cls, settings: dict | None) -> "NotMetRule":
        """The rule under ``evaluation.not_met`` of ``study.yml`` (defaults for what is absent)."""
        spec = ((settings or {}).get("evaluation") or {}).get("not_met") or {}
        return cls(post_median_below=spec.get("post_median_below"),
                   min_share_improved=float(spec.get("min_share_improved", 0.5)),
                   alpha=float(spec.get("alpha", 0.05)))

    def describe(self, labels: list[str]) -> str:
        """The rule in words, for reports.

        Examples
        --------
        >>> NotMetRule().describe(["Not sure", "Some knowledge", "Knowledgeable", "Confident"])
        'median after the course below Knowledgeable, fewer than 50% of delegates improving, or no significant improvement'
        """
        return (f"median after the course below {self.threshold(labels)[1]}, fewer than "
                f"{self.min_share_improved:.0%} of delegates improving, or no significant improvement")

    def threshold(self, labels: list[str]) -> tuple[float, str]:
        """The post-course median threshold as a code and its label on ``labels``."""
        if not labels:
            raise ValueError("the rating scale has no levels")
        if self.post_median_below is None:
            i = min(2, len(labels) - 1)
            return float(i + 1), labels[i]
        wanted = str(self.post_median_below).strip().lower()
        for i, label in enumerate(labels):
            if label.lower() == wanted:
                return float(i + 1), label
        raise DataError(Problem("study.yml", None, "evaluation.not_met.post_median_below",
                                f"{self.post_median_below!r} is not a level of the rating scale",
                                "one of " + ", ".join(labels)))


def mean_with_ci(values: pd.Series, groups, *, level: float = 0.95) -> pd.DataFrame:
    """Mean, SD and t confidence interval of ``values`` per group (vectorised).

    Examples
    --------
    >>> t = mean_with_ci(pd.Series([1.0, 2.0, 3.0]), pd.Series(["a", "a", "a"]))
    >>> t.loc["a", ["n", "mean"]].tolist(), float(round(t.loc["a", "ci_high"], 4))
    ([3.0, 2.0], 4.4841)
    """
    grouped = values.groupby(groups, sort=False)
    out = pd.DataFrame({"n": grouped.count().astype(float), "mean": grouped.mean(), "sd": grouped.std(ddof=1)})
    n = out["n"].to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        half = sps.t.ppf(0.5 + level / 2, np.where(n > 1, n - 1, np.nan)) * out["sd"].to_numpy() / np.sqrt(n)
    out["ci_low"] = out["mean"] - half
    out["ci_high"] = out["mean"] + half
    return out


def can_reach_significance(n_pairs, n_tests, *, alpha: float = 0.05) -> np.ndarray:
    """Whether a Wilcoxon test of ``n_pairs`` pairs could reach ``alpha`` after Holm over ``n_tests``.

    The smallest two-sided p-value the signed-rank test can give with ``n`` pairs is
    ``2 / 2**n`` (every pair moving the same way); Holm multiplies the smallest p of a
    family by the number of tests. When ``n_tests * 2 / 2**n`` is not below ``alpha``,
    "no significant improvement" says nothing about the course, only about the sample size.

    Examples
    --------
    >>> can_reach_significance([5, 9, 13], [7, 7, 7]).tolist()
    [False, True, True]
    """
    n = np.asarray(n_pairs, dtype=float)
    m = np.asarray(n_tests, dtype=float)
    return m * 2.0 / np.power(2.0, n) < alpha


def _reasons(table: pd.DataFrame, rule: NotMetRule, threshold: float, threshold_label: str,
             labels: list[str]) -> tuple[np.ndarray, list[str]]:
    low_median = table["post_median"].to_numpy() < threshold
    few_improved = table["pct_improved"].to_numpy() < rule.min_share_improved
    p = table["p_holm"].to_numpy(dtype=float)
    significant = (p < rule.alpha) & (table["rank_biserial"].to_numpy() > 0)
    # With too few pairs no data could reach significance: the test criterion does not apply.
    not_significant = ~significant & table["testable"].to_numpy(dtype=bool)
    reasons = []
    for i in range(len(table)):
        parts = []
        if low_median[i]:
            median = table["post_median"].iat[i]
            word = labels[int(median) - 1] if float(median).is_integer() else (
                f"between {labels[int(median) - 1]} and {labels[int(median)]}")
            parts.append(f"median after the course is {word}, below {threshold_label}")
        if few_improved[i]:
            # No exact share here: the published table may hide it (its count is small).
            parts.append(f"fewer than {rule.min_share_improved:.0%} of delegates improved")
        if not_significant[i]:
            parts.append("no significant improvement" + (
                f" (Holm-adjusted p = {p[i]:.3f})" if not math.isnan(p[i]) else " (no delegate's rating changed)"))
        reasons.append("; ".join(parts))
    return low_median | few_improved | not_significant, reasons


def objective_change(pairs: pd.DataFrame, *, labels: list[str], rule: NotMetRule | None = None,
                     padjust: str = "holm", level: float = 0.95, tests: bool = True) -> pd.DataFrame:
    """Before/after change per course and objective, and whether it was met.

    Parameters
    ----------
    pairs : pandas.DataFrame
        ``course_id, objective_no, pre, post`` (codes), one row per delegate x
        objective rated both times (:func:`cpdresearch.evaluation.objective_pairs`).
    labels : list of str
        The rating scale's labels, lowest first (for the not-met threshold and reasons).
    rule : NotMetRule, optional
        Default :class:`NotMetRule` ().
    padjust : str, default "holm"
        Adjustment across the objectives of each course (:func:`cpdresearch.stats.adjust_p`).
    level : float
        Level of the interval of the mean change.
    tests : bool, default True
        Run the Wilcoxon tests (``False``: counts and means only, the test columns missing).

    Returns
    -------
    pandas.DataFrame
        ``course_id, objective_no, n, pre_median, post_median, pre_mean, post_mean,
        mean_change, ci_low, ci_high, n_improved, n_unchanged, n_worse, pct_improved,
        pct_unchanged, pct_worse, statistic, p_value, method, p_holm, rank_biserial,
        testable`` (see :func:`can_reach_significance`), ``not_met, reason``, one row per course x
        objective with at least one pair. The significance criterion of the rule applies
        only to testable objectives.
    """
    rule = rule or NotMetRule()
    threshold, threshold_label = rule.threshold(labels)
    columns = ["course_id", "objective_no", "n", "pre_median", "post_median", "pre_mean", "post_mean",
               "mean_change", "ci_low", "ci_high", "n_improved", "n_unchanged", "n_worse", "pct_improved",
               "pct_unchanged", "pct_worse", "statistic", "p_value", "method", "p_holm", "rank_biserial",
               "testable", "not_met", "reason"]
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    run_tests = tests
    data = pairs[["course_id", "objective_no", "pre", "post"]].copy()
    data["change"] = data["post"] - data["pre"]
    keys = [data["course_id"], data["objective_no"]]
    grouped = data.groupby(keys, sort=True)
    change = mean_with_ci(data["change"], keys, level=level)
    out = pd.DataFrame({
        "n": grouped.size().astype("int64"),
        "pre_median": grouped["pre"].median(), "post_median": grouped["post"].median(),
        "pre_mean": grouped["pre"].mean(), "post_mean": grouped["post"].mean(),
    })
    out["mean_change"] = change["mean"]
    out["ci_low"], out["ci_high"] = change["ci_low"], change["ci_high"]
    sign = np.sign(data["change"])
    for name, value in (("improved", 1), ("unchanged", 0), ("worse", -1)):
        out[f"n_{name}"] = (sign == value).groupby(keys, sort=True).sum().astype("int64")
    for name in ("improved", "unchanged", "worse"):
        out[f"pct_{name}"] = out[f"n_{name}"] / out["n"]
    tests = [paired_wilcoxon(g["pre"], g["post"]) if run_tests else _NO_TEST for _, g in grouped]
    out["statistic"] = [t.statistic for t in tests]
    out["p_value"] = [t.p_value for t in tests]
    out["method"] = [t.method for t in tests]
    out["rank_biserial"] = [t.rank_biserial for t in tests]
    out = out.reset_index(names=["course_id", "objective_no"])
    out["p_holm"] = np.nan
    for _, idx in out.groupby("course_id", sort=False).groups.items():
        out.loc[idx, "p_holm"] = adjust_p(out.loc[idx, "p_value"].to_numpy(dtype=float), method=padjust)
    out["testable"] = can_reach_significance(out["n"], out.groupby("course_id")["objective_no"].transform("size"),
                               alpha=rule.alpha)
    out["not_met"], out["reason"] = _reasons(out, rule, threshold, threshold_label, labels)
    return out[columns]


def courses_to_review(objective_change: pd.DataFrame, *, courses: pd.DataFrame | None = None) -> pd.DataFrame:
    """Courses with at least one objective not met, and which objectives and why.

    Parameters
    ----------
    objective_change : pandas.DataFrame
        From :func:`objective_change` (or its published version: rows whose ``not_met``
        is suppressed, ``"c"``, are not counted).
    courses : pandas.DataFrame, optional
        ``study.courses``, for the course title.

    Returns
    -------
    pandas.DataFrame
        ``course_id, title, objectives, objectives_not_met, not_met`` (the objective
        numbers, e.g. ``"2, 5"``) and ``reasons`` (one per objective, ``"2: ..."``).

    Examples
    --------
    >>> oc = pd.DataFrame({"course_id": ["C1", "C1", "C2"], "objective_no": [1, 2, 1],
    ...                    "not_met": [False, True, False], "reason": ["", "too few improved", ""]})
    >>> courses_to_review(oc)[["course_id", "objectives", "objectives_not_met", "not_met"]].to_dict("records")
    [{'course_id': 'C1', 'objectives': 2, 'objectives_not_met': 1, 'not_met': '2'}]
    """
    columns = ["course_id", "title", "objectives", "objectives_not_met", "not_met", "reasons"]
    if objective_change.empty:
        return pd.DataFrame(columns=columns)
    flag = objective_change["not_met"].map(lambda v: v is True or v is np.True_ or v == 1 and not isinstance(v, str))
    table = objective_change.assign(_flag=flag.astype(bool))
    rows = []
    for course, group in table.groupby("course_id", sort=True):
        missed = group[group["_flag"]]
        if missed.empty:
            continue
        rows.append({"course_id": course, "objectives": len(group), "objectives_not_met": len(missed),
                     "not_met": ", ".join(str(int(k)) for k in missed["objective_no"]),
                     "reasons": " | ".join(f"{int(k)}: {r}" for k, r in zip(missed["objective_no"], missed["reason"]))})
    out = pd.DataFrame(rows, columns=[c for c in columns if c != "title"])
    titles = courses.set_index("course_id")["title"] if courses is not None and "title" in courses else None
    out.insert(1, "title", out["course_id"].map(titles) if titles is not None else pd.NA)
    return out
