"""Course-form ratings in long form: one row per delegate x objective.

The before/after form holds ``pre_<k>`` and ``post_<k>`` (and a follow-up ``fu_<k>``)
for each objective ``k``, as ordered categoricals of the study's rating scale. The
analyses work on numeric codes (1 = the lowest level of the scale) in long form, built
without a loop over forms.

Examples
--------
>>> import pandas as pd
>>> scale = pd.CategoricalDtype(["Low", "Mid", "High"], ordered=True)
>>> forms = pd.DataFrame({"response_id": ["E1", "E2"], "course_id": ["C1", "C1"],
...                       "pre_1": pd.Categorical(["Low", "Mid"], dtype=scale),
...                       "post_1": pd.Categorical(["High", None], dtype=scale)})
>>> objective_pairs(forms).to_dict("records")
[{'response_id': 'E1', 'course_id': 'C1', 'objective_no': 1, 'pre': 1.0, 'post': 3.0}]
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = ["rating_labels", "rating_codes", "objective_pairs", "objective_ratings", "rating_distribution"]

_RATING = re.compile(r"^(pre|post|fu)_(\d+)$")


def rating_labels(data: pd.DataFrame | None) -> list[str]:
    """The rating scale's labels, lowest first, read from the study's rating columns.

    Examples
    --------
    >>> scale = pd.CategoricalDtype(["Low", "High"], ordered=True)
    >>> rating_labels(pd.DataFrame({"post_1": pd.Categorical(["Low"], dtype=scale)}))
    ['Low', 'High']
    """
    if data is None:
        return []
    for column in data.columns:
        if _RATING.match(str(column)) and isinstance(data[column].dtype, pd.CategoricalDtype):
            return [str(c) for c in data[column].cat.categories]
    return []


def _objective_numbers(data: pd.DataFrame, prefix: str) -> list[int]:
    return sorted(int(m[2]) for m in (_RATING.match(str(c)) for c in data.columns) if m and m[1] == prefix)


def rating_codes(data: pd.DataFrame, prefix: str) -> tuple[list[int], np.ndarray]:
    """Objective numbers and a forms x objectives array of codes (1, 2, ...; NaN missing).

    Examples
    --------
    >>> scale = pd.CategoricalDtype(["Low", "High"], ordered=True)
    >>> ks, codes = rating_codes(pd.DataFrame({"pre_1": pd.Categorical(["High", None], dtype=scale)}), "pre")
    >>> ks, codes.tolist()
    ([1], [[2.0], [nan]])
    """
    ks = _objective_numbers(data, prefix)
    out = np.full((len(data), len(ks)), np.nan)
    for j, k in enumerate(ks):
        column = data[f"{prefix}_{k}"]
        if isinstance(column.dtype, pd.CategoricalDtype):
            codes = column.cat.codes.to_numpy().astype(float)
            out[:, j] = np.where(codes >= 0, codes + 1, np.nan)
        else:
            out[:, j] = pd.to_numeric(column, errors="raise").to_numpy(dtype=float, na_value=np.nan)
    return ks, out


def objective_ratings(data: pd.DataFrame, *, prefixes=("pre", "post"), keys=("response_id", "course_id"),
                      attributes=()) -> pd.DataFrame:
    """Ratings in long form: ``keys``, ``objective_no``, one column per prefix.

    Rows where every prefix is missing (an objective the course does not have, or left
    blank) are dropped.

    Parameters
    ----------
    data : pandas.DataFrame
        Forms (``study.evaluations``) or follow-ups (``study.followup``).
    prefixes : sequence of str
        Rating prefixes to read: ``"pre"``, ``"post"``, ``"fu"``.
    keys, attributes : sequence of str
        Columns repeated on every row (those absent are skipped).

    Returns
    -------
    pandas.DataFrame
    """
    keys = [c for c in (*keys, *attributes) if c in data.columns]
    numbers = sorted(set().union(*(_objective_numbers(data, p) for p in prefixes)))
    if not numbers or data.empty:
        return pd.DataFrame(columns=[*keys, "objective_no", *prefixes])
    blocks = {}
    for prefix in prefixes:
        ks, codes = rating_codes(data, prefix)
        full = np.full((len(data), len(numbers)), np.nan)
        for j, k in enumerate(ks):
            full[:, numbers.index(k)] = codes[:, j]
        blocks[prefix] = full.ravel()
    n, m = len(data), len(numbers)
    out = {c: np.repeat(data[c].to_numpy(), m) for c in keys}
    out["objective_no"] = np.tile(np.asarray(numbers, dtype="int64"), n)
    out.update(blocks)
    long = pd.DataFrame(out)
    present = np.zeros(len(long), dtype=bool)
    for prefix in prefixes:
        present |= ~np.isnan(blocks[prefix])
    return long.loc[present].reset_index(drop=True)


def objective_pairs(data: pd.DataFrame, *, attributes=()) -> pd.DataFrame:
    """Complete before/after pairs: one row per delegate x objective rated both times.

    Parameters
    ----------
    data : pandas.DataFrame
        The forms (``study.evaluations``).
    attributes : sequence of str
        Delegate attributes to keep (``team``, ``role``, ``career_stage``).

    Returns
    -------
    pandas.DataFrame
        ``response_id, course_id, [attributes], objective_no, pre, post`` (codes).
    """
    long = objective_ratings(data, prefixes=("pre", "post"), attributes=attributes)
    return long.dropna(subset=["pre", "post"]).reset_index(drop=True)


def rating_distribution(pairs: pd.DataFrame, *, labels: list[str]) -> pd.DataFrame:
    """Ratings at each level before and after the course, pooled over objectives.

    Parameters
    ----------
    pairs : pandas.DataFrame
        ``pre, post`` codes (:func:`objective_pairs`), so both bars describe the same
        delegates and objectives.
    labels : list of str
        The scale's labels, lowest first.

    Returns
    -------
    pandas.DataFrame
        ``when`` (``before``/``after``), ``code, level, count, n, percent``.

    Examples
    --------
    >>> pairs = pd.DataFrame({"pre": [1.0, 1.0, 2.0], "post": [2.0, 3.0, 3.0]})
    >>> rating_distribution(pairs, labels=["A", "B", "C"])["count"].tolist()
    [2, 1, 0, 0, 1, 2]
    """
    rows = []
    for when, column in (("before", "pre"), ("after", "post")):
        counts = pairs[column].value_counts() if len(pairs) else pd.Series(dtype=int)
        n = int(counts.sum())
        for code, label in enumerate(labels, start=1):
            count = int(counts.get(float(code), 0))
            rows.append({"when": when, "code": code, "level": label, "count": count, "n": n,
                         "percent": 100 * count / n if n else np.nan})
    return pd.DataFrame(rows, columns=["when", "code", "level", "count", "n", "percent"])
