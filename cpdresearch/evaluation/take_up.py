"""Take-up by delivery format (classroom, virtual, e-learning) and gains by format.

Examples
--------
>>> import pandas as pd
>>> courses = pd.DataFrame({"course_id": ["C1", "C2"], "format": ["virtual", "e_learning"]})
>>> attendance = pd.DataFrame({"course_id": ["C1", "C2"], "places": [10, 8], "attended": [9, 6]})
>>> forms = pd.DataFrame({"course_id": ["C1"] * 9 + ["C2"] * 5, "change": [1.0] * 9 + [0.5] * 5})
>>> take_up(courses, attendance=attendance, form_change=forms)[["format", "places", "attended", "forms"]].to_dict("records")
[{'format': 'e_learning', 'places': 8, 'attended': 6, 'forms': 5}, {'format': 'virtual', 'places': 10, 'attended': 9, 'forms': 9}]
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..stats import kruskal_wallis
from .objectives import mean_with_ci

__all__ = ["take_up", "format_difference"]


def take_up(courses: pd.DataFrame, *, attendance: pd.DataFrame | None, form_change: pd.DataFrame,
            level: float = 0.95) -> pd.DataFrame:
    """Courses, places, attendance, forms returned and mean gain per delivery format.

    Parameters
    ----------
    courses : pandas.DataFrame
        ``study.courses`` of the courses in scope (``course_id, format``).
    attendance : pandas.DataFrame or None
        ``course_id, places, attended`` (:func:`cpdresearch.evaluation.bookings_by_course`).
    form_change : pandas.DataFrame
        ``course_id, change``, one row per form (:func:`cpdresearch.evaluation.form_change`).
    level : float

    Returns
    -------
    pandas.DataFrame
        ``format, courses, places, attended, attendance_rate, forms,
        completion`` (forms returned / attended), ``mean_change, ci_low, ci_high``
        (average change per delegate). Formats in the loader's order, empty ones left out.
    """
    fmt = courses.set_index("course_id")["format"].astype(object)
    order = [f for f in (courses["format"].cat.categories if isinstance(courses["format"].dtype, pd.CategoricalDtype)
                         else sorted(courses["format"].dropna().unique())) if (courses["format"] == f).any()]
    out = pd.DataFrame(index=pd.Index(order, name="format"))
    out["courses"] = courses.groupby(courses["format"].astype(object)).size().reindex(order).astype("int64")
    if attendance is not None and not attendance.empty:
        a = attendance.assign(format=attendance["course_id"].map(fmt)).groupby("format")[["places", "attended"]].sum()
        out["places"] = a["places"].reindex(order).fillna(0).astype("int64")
        out["attended"] = a["attended"].reindex(order).fillna(0).astype("int64")
        out["attendance_rate"] = out["attended"] / out["places"].where(out["places"] > 0)
    else:
        out["places"] = out["attended"] = pd.NA
        out["attendance_rate"] = np.nan
    per_form = form_change.assign(format=form_change["course_id"].map(fmt))
    out["forms"] = per_form.groupby("format").size().reindex(order).fillna(0).astype("int64")
    attended = pd.to_numeric(out["attended"], errors="coerce")
    completion = out["forms"] / attended.where(attended > 0)
    out["completion"] = completion.where(completion <= 1)
    if len(per_form):
        change = mean_with_ci(per_form["change"], per_form["format"], level=level).reindex(order)
        out["mean_change"], out["ci_low"], out["ci_high"] = change["mean"], change["ci_low"], change["ci_high"]
    else:
        out["mean_change"] = out["ci_low"] = out["ci_high"] = np.nan
    return out.reset_index()


def format_difference(form_change: pd.DataFrame, *, courses: pd.DataFrame, min_group: int = 5) -> pd.DataFrame:
    """Kruskal-Wallis test of whether the average gain per delegate differs by format.

    Formats with fewer than ``min_group`` forms are left out; with fewer than two
    formats left the table is empty.

    Returns
    -------
    pandas.DataFrame
        One row: ``formats, n, H, df, p, epsilon_sq`` (:func:`cpdresearch.stats.kruskal_wallis`).
    """
    data = form_change.assign(format=form_change["course_id"].map(courses.set_index("course_id")["format"]
                                                                   .astype(object)))
    sizes = data["format"].value_counts()
    data = data[data["format"].isin(sizes[sizes >= min_group].index)]
    if data["format"].nunique() < 2:
        return pd.DataFrame(columns=["formats", "n", "H", "df", "p", "epsilon_sq"])
    res = kruskal_wallis(data, dv="change", between="format")
    res.insert(0, "formats", ", ".join(sorted(data["format"].unique())))
    return res[["formats", "n", "H", "df", "p", "epsilon_sq"]]
