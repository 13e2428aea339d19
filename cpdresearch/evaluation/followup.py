"""Lasting impact (Kirkpatrick level 3): did the gain last months after the course?

Follow-up forms linked to a delegate's original form (``response_id``) give a second
pair per objective: the rating just after the course and the rating at follow-up. The
same Wilcoxon signed-rank test (Holm within each course) says whether ratings fell; an
objective whose ratings fell significantly has *faded*, otherwise the gain was
*retained*; with too few pairs for any fall to be significant, the verdict says so.

Examples
--------
>>> import pandas as pd
>>> pairs = pd.DataFrame({"course_id": "C1", "objective_no": 1, "post": [3, 3, 4, 3, 4, 3],
...                       "fu": [3, 2, 4, 3, 4, 3], "months_after": 3})
>>> followup_change(pairs)[["n", "post_median", "fu_median", "pct_kept", "verdict"]].to_dict("records")
[{'n': 6, 'post_median': 3.0, 'fu_median': 3.0, 'pct_kept': 0.8333333333333334, 'verdict': 'retained'}]
"""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd

from ..stats import adjust_p, paired_wilcoxon
from .objectives import can_reach_significance, mean_with_ci
from .ratings import objective_ratings

#: What stands in for a test not run (``tests=False``).
_NO_TEST = SimpleNamespace(statistic=np.nan, p_value=np.nan, method=None, rank_biserial=np.nan)

__all__ = ["followup_pairs", "followup_change", "fading_courses"]


def followup_pairs(followup: pd.DataFrame, *, forms: pd.DataFrame) -> pd.DataFrame:
    """After-course and follow-up ratings of the same delegate and objective.

    Only follow-ups that name the delegate's original form (``response_id``) in
    ``forms`` are used, so a cohort's follow-ups are those of its own delegates.

    Returns
    -------
    pandas.DataFrame
        ``response_id, course_id, objective_no, months_after, post, fu``.
    """
    columns = ["response_id", "course_id", "objective_no", "months_after", "post", "fu"]
    if followup is None or followup.empty or "response_id" not in followup.columns or forms is None:
        return pd.DataFrame(columns=columns)
    fu = objective_ratings(followup, prefixes=("fu",), keys=("response_id", "course_id", "months_after"))
    post = objective_ratings(forms, prefixes=("post",), keys=("response_id",))
    fu = fu.dropna(subset=["response_id", "fu"])
    out = fu.merge(post.dropna(subset=["post"]), on=["response_id", "objective_no"], how="inner")
    return out[columns].reset_index(drop=True)


def followup_change(pairs: pd.DataFrame, *, alpha: float = 0.05, padjust: str = "holm",
                    level: float = 0.95, tests: bool = True) -> pd.DataFrame:
    """Change from just after the course to follow-up, per course and objective.

    Parameters
    ----------
    pairs : pandas.DataFrame
        From :func:`followup_pairs`.
    alpha : float
        Adjusted p below which a fall counts as significant (the not-met rule's alpha).
    padjust : str
        Adjustment across the objectives of each course.
    level : float
    tests : bool, default True
        Run the Wilcoxon tests (``False``: counts and means only, the test columns missing).

    Returns
    -------
    pandas.DataFrame
        ``course_id, objective_no, months_after`` (median), ``n, post_median,
        fu_median, post_mean, fu_mean, mean_change, ci_low, ci_high, n_kept`` (follow-up rating at least
        the after-course rating), ``pct_kept, statistic, p_value, method, p_holm,
        rank_biserial, verdict`` (``faded``: a significant fall; ``retained``: none;
        ``too few to test``: no fall could be significant with so few pairs,
        :func:`cpdresearch.evaluation.objectives.can_reach_significance`).
    """
    columns = ["course_id", "objective_no", "months_after", "n", "post_median", "fu_median", "post_mean", "fu_mean",
               "mean_change",
               "ci_low", "ci_high", "n_kept", "pct_kept", "statistic", "p_value", "method", "p_holm",
               "rank_biserial", "verdict"]
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    run_tests = tests
    data = pairs.assign(change=pairs["fu"] - pairs["post"])
    keys = [data["course_id"], data["objective_no"]]
    grouped = data.groupby(keys, sort=True)
    change = mean_with_ci(data["change"], keys, level=level)
    out = pd.DataFrame({"months_after": grouped["months_after"].median(), "n": grouped.size().astype("int64"),
                        "post_median": grouped["post"].median(), "fu_median": grouped["fu"].median(),
                        "post_mean": grouped["post"].mean(), "fu_mean": grouped["fu"].mean()})
    out["mean_change"], out["ci_low"], out["ci_high"] = change["mean"], change["ci_low"], change["ci_high"]
    out["n_kept"] = (data["change"] >= 0).groupby(keys, sort=True).sum().astype("int64")
    out["pct_kept"] = out["n_kept"] / out["n"]
    tests = [paired_wilcoxon(g["post"], g["fu"]) if run_tests else _NO_TEST for _, g in grouped]
    out["statistic"] = [t.statistic for t in tests]
    out["p_value"] = [t.p_value for t in tests]
    out["method"] = [t.method for t in tests]
    out["rank_biserial"] = [t.rank_biserial for t in tests]
    out = out.reset_index(names=["course_id", "objective_no"])
    out["p_holm"] = np.nan
    for _, idx in out.groupby("course_id", sort=False).groups.items():
        out.loc[idx, "p_holm"] = adjust_p(out.loc[idx, "p_value"].to_numpy(dtype=float), method=padjust)
    faded = (out["p_holm"] < alpha) & (out["rank_biserial"] < 0)
    can_test = can_reach_significance(out["n"], out.groupby("course_id")["objective_no"].transform("size"), alpha=alpha)
    out["verdict"] = np.select([faded, can_test], ["faded", "retained"], default="too few to test")
    return out[columns]


def fading_courses(change: pd.DataFrame, *, courses: pd.DataFrame | None = None) -> pd.DataFrame:
    """Courses with at least one objective whose gain faded by follow-up.

    Examples
    --------
    >>> ch = pd.DataFrame({"course_id": ["C1", "C1"], "objective_no": [1, 2], "verdict": ["faded", "retained"]})
    >>> fading_courses(ch)[["course_id", "objectives_faded", "faded"]].to_dict("records")
    [{'course_id': 'C1', 'objectives_faded': 1, 'faded': '1'}]
    """
    rows = []
    for course, group in change.groupby("course_id", sort=True):
        faded = group[group["verdict"].astype(str) == "faded"]
        if len(faded):
            rows.append({"course_id": course, "objectives_followed_up": len(group), "objectives_faded": len(faded),
                         "faded": ", ".join(str(int(k)) for k in faded["objective_no"])})
    out = pd.DataFrame(rows, columns=["course_id", "objectives_followed_up", "objectives_faded", "faded"])
    titles = courses.set_index("course_id")["title"] if courses is not None else None
    out.insert(1, "title", out["course_id"].map(titles) if titles is not None else pd.NA)
    return out
