"""Per course: delegates, forms returned against attendance, overall change, recommend rate.

Examples
--------
>>> import pandas as pd
>>> forms = pd.DataFrame({"response_id": ["E1", "E2", "E3"], "course_id": "C1",
...                       "recommend": pd.array([True, True, None], dtype="boolean")})
>>> pairs = pd.DataFrame({"response_id": ["E1", "E1", "E2"], "course_id": "C1", "objective_no": [1, 2, 1],
...                       "pre": [1, 2, 2], "post": [3, 3, 2]})
>>> row = course_summary(forms, pairs=pairs).iloc[0]
>>> int(row["forms"]), int(row["recommend_n"]), int(row["recommend_yes"]), float(row["recommend_share"])
(3, 2, 2, 1.0)
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..stats import wilson_ci
from .objectives import mean_with_ci

__all__ = ["form_change", "course_summary"]


def form_change(pairs: pd.DataFrame) -> pd.DataFrame:
    """Each form's average change over the objectives it rated both times.

    The unit for course-level and format-level comparisons: one delegate's forms are not
    independent across objectives, so they are averaged first.

    Returns
    -------
    pandas.DataFrame
        ``response_id, course_id, pre, post, change`` (means over the form's objectives).
    """
    if pairs.empty:
        return pd.DataFrame(columns=["response_id", "course_id", "pre", "post", "change"])
    out = pairs.groupby(["response_id", "course_id"], sort=False, observed=True)[["pre", "post"]].mean()
    out["change"] = out["post"] - out["pre"]
    return out.reset_index()


def course_summary(forms: pd.DataFrame, *, pairs: pd.DataFrame, attendance: pd.DataFrame | None = None,
                   courses: pd.DataFrame | None = None, level: float = 0.95) -> pd.DataFrame:
    """One row per course: forms, return rate, mean change per delegate, recommend rate.

    Parameters
    ----------
    forms : pandas.DataFrame
        The forms (``study.evaluations``).
    pairs : pandas.DataFrame
        From :func:`cpdresearch.evaluation.objective_pairs`.
    attendance : pandas.DataFrame, optional
        ``course_id, attended`` (from :func:`cpdresearch.evaluation.bookings_by_course`).
    courses : pandas.DataFrame, optional
        ``study.courses``, for title, format and length.
    level : float
        Level of the intervals.

    Returns
    -------
    pandas.DataFrame
        ``course_id, [title, format, length], forms, attended, forms_returned_share,
        mean_change, ci_low, ci_high`` (average change per delegate across the
        course's objectives, t interval), ``recommend_n`` (delegates answering),
        ``recommend_yes``, ``recommend_share``, ``recommend_ci_low``,
        ``recommend_ci_high`` (Wilson).
    """
    counts = forms.groupby("course_id", sort=True, observed=True).size().rename("forms")
    out = counts.to_frame()
    per_form = form_change(pairs)
    change = mean_with_ci(per_form["change"], per_form["course_id"], level=level) if len(per_form) else None
    out["attended"] = pd.NA
    if attendance is not None and not attendance.empty:
        out["attended"] = out.index.map(attendance.set_index("course_id")["attended"])
    attended = pd.to_numeric(out["attended"], errors="coerce")
    out["attended"] = attended.astype("Int64")
    # A course can have more forms than recorded attendances (bookings incomplete): no share then.
    share = out["forms"] / attended
    out["forms_returned_share"] = share.where(share <= 1)
    for column in ("mean", "ci_low", "ci_high"):
        target = "mean_change" if column == "mean" else column
        out[target] = out.index.map(change[column]) if change is not None else np.nan
    if "recommend" in forms.columns:
        answered = forms["recommend"].notna()
        yes = forms["recommend"].fillna(False).astype(bool)
        rec = pd.DataFrame({"n": answered, "yes": yes & answered}).groupby(forms["course_id"], observed=True).sum()
        out["recommend_n"] = out.index.map(rec["n"]).astype("int64")
        out["recommend_yes"] = out.index.map(rec["yes"]).astype("int64")
    else:
        out["recommend_n"] = 0
        out["recommend_yes"] = 0
    n = out["recommend_n"].to_numpy(dtype=float)
    k = out["recommend_yes"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["recommend_share"] = np.where(n > 0, k / np.where(n > 0, n, 1), np.nan)
    low, high = wilson_ci(k, n, level=level)
    out["recommend_ci_low"], out["recommend_ci_high"] = low, high
    out = out.reset_index()
    if courses is not None:
        info = courses.set_index("course_id")
        for i, column in enumerate(c for c in ("title", "format", "length") if c in info.columns):
            out.insert(1 + i, column, out["course_id"].map(info[column]).astype(object))
    return out
