"""Turning rating columns into numbers the tests can rank."""
from __future__ import annotations

import numpy as np
import pandas as pd


def as_scores(series: pd.Series) -> pd.Series:
    """Float scores of a rating column: ordered categoricals by position (1, 2, ...), else numeric.

    Examples
    --------
    >>> s = pd.Series(pd.Categorical(["Quite well", None, "Very well"],
    ...               categories=["Not well", "Quite well", "Very well"], ordered=True))
    >>> as_scores(s).tolist()
    [2.0, nan, 3.0]
    """
    if isinstance(series.dtype, pd.CategoricalDtype):
        if not series.cat.ordered:
            raise ValueError(f"{series.name!r} is an unordered categorical: ratings need an order")
        codes = series.cat.codes.astype(float)
        return (codes + 1).where(codes >= 0, np.nan)
    return pd.to_numeric(series, errors="raise").astype(float)
