"""Proportional-odds (ordinal logistic) regression for Likert ratings."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import DataError, Problem

__all__ = ["ordinal_regression", "PROPORTIONAL_ODDS_NOTE"]

PROPORTIONAL_ODDS_NOTE = (
    "Proportional-odds model: each predictor is assumed to have the same effect at every "
    "cut-point of the rating scale (e.g. from 'not well' to 'well' as from 'well' to 'very "
    "well'). An odds ratio above 1 means higher ratings are more likely; below 1, lower "
    "ratings are more likely. Categorical predictors are compared with their first level "
    "(the reference named in the term, e.g. team[T.MASH] against the first team)."
)


def _is_categorical(s: pd.Series) -> bool:
    return not pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s)


def ordinal_regression(data: pd.DataFrame, *, dv: str, predictors, distr: str = "logit") -> pd.DataFrame:
    """Fit a proportional-odds model of an ordered rating on predictors.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent.
    dv : str
        The rating: an ordered categorical (its category order is the scale order) or
        integer codes (higher code = higher rating).
    predictors : list of str
        Predictor columns. Categorical (non-numeric or boolean) columns are dummy coded
        against their first level (categorical order, else sorted), terms named
        ``column[T.level]``; numeric columns enter as they are.
    distr : {"logit", "probit"}
        Link. Odds ratios are reported only for ``"logit"``.

    Returns
    -------
    pandas.DataFrame
        One row per term: ``term, coef, odds_ratio, ci_low, ci_high, p``, fitted by
        maximum likelihood with ``statsmodels.miscmodels.ordinal_model.OrderedModel``
        (equivalent to R's ``MASS::polr``); Wald 95% intervals and p-values; for
        ``"logit"`` the interval is for the odds ratio ``exp(coef)``. The cut-points
        (thresholds) are not in the table. Rows with a missing value in ``dv`` or a
        predictor are dropped. ``attrs["n"]`` is the number of rows used and
        ``attrs["note"]`` says in plain words what the model assumes.

    Raises
    ------
    DataError
        When the rating has fewer than two levels, or a predictor has only one value,
        among the rows used.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> team = rng.choice(["Early Help", "MASH"], 300)
    >>> latent = 0.8 * (team == "MASH") + rng.logistic(size=300)
    >>> df = pd.DataFrame({"rating": np.digitize(latent, [-1, 0.5, 2]) + 1, "team": team})
    >>> res = ordinal_regression(df, dv="rating", predictors=["team"])
    >>> res["term"].tolist(), res.attrs["n"]
    (['team[T.MASH]'], 300)
    >>> bool(res.loc[0, "ci_low"] < np.exp(0.8) < res.loc[0, "ci_high"])
    True
    """
    from statsmodels.miscmodels.ordinal_model import OrderedModel

    if distr not in ("logit", "probit"):
        raise ValueError(f"distr must be 'logit' or 'probit', not {distr!r}")
    predictors = [predictors] if isinstance(predictors, str) else list(predictors)
    missing = [c for c in [dv, *predictors] if c not in data.columns]
    if missing:
        raise KeyError(f"columns not in data: {', '.join(missing)}")
    used = data[[dv, *predictors]].dropna()
    problems = []

    y = used[dv]
    if isinstance(y.dtype, pd.CategoricalDtype):
        if not y.cat.ordered:
            raise ValueError(f"{dv!r} is an unordered categorical; make it ordered or use integer codes")
        y = y.cat.remove_unused_categories()
        n_levels = len(y.cat.categories)
    else:
        y = pd.to_numeric(y, errors="raise")
        # integer codes -> ordered categorical, so OrderedModel keeps the code order
        y = pd.Series(pd.Categorical(y, categories=np.sort(y.unique()), ordered=True), index=y.index)
        n_levels = len(y.cat.categories)
    if n_levels < 2:
        problems.append(Problem("-", None, dv, f"only {n_levels} rating level among {len(used)} complete rows",
                                "at least two levels"))

    parts = []
    for col in predictors:
        x = used[col]
        if _is_categorical(x):
            if isinstance(x.dtype, pd.CategoricalDtype):
                levels = [c for c in x.cat.categories if (x == c).any()]
            else:
                levels = sorted(x.unique(), key=str)
            if len(levels) < 2:
                problems.append(Problem("-", None, col, "only one value among the complete rows", "at least two"))
                continue
            for level in levels[1:]:
                parts.append(pd.Series((x == level).astype(float), name=f"{col}[T.{level}]"))
        else:
            x = x.astype(float)
            if x.nunique() < 2:
                problems.append(Problem("-", None, col, "only one value among the complete rows", "at least two"))
                continue
            parts.append(x.rename(col))
    if problems:
        raise DataError(problems)
    exog = pd.concat(parts, axis=1)

    # tight gradient tolerance: the default stops ~1e-4 short of the optimum
    fit = OrderedModel(y, exog, distr=distr).fit(method="bfgs", gtol=1e-8, disp=False, maxiter=2000)
    terms = list(exog.columns)
    coef = fit.params[terms]
    ci = fit.conf_int().loc[terms]
    out = pd.DataFrame({"term": terms, "coef": coef.to_numpy(), "odds_ratio": np.nan,
                        "ci_low": ci[0].to_numpy(), "ci_high": ci[1].to_numpy(),
                        "p": fit.pvalues[terms].to_numpy()})
    if distr == "logit":
        out["odds_ratio"] = np.exp(out["coef"])
        out["ci_low"] = np.exp(out["ci_low"])
        out["ci_high"] = np.exp(out["ci_high"])
    out.attrs["n"] = int(len(used))
    out.attrs["note"] = PROPORTIONAL_ODDS_NOTE if distr == "logit" else (
        PROPORTIONAL_ODDS_NOTE.split(" An odds ratio")[0]
        + " Probit link: coefficients are shifts of a latent normal score; positive means higher ratings."
        " ci_low/ci_high are intervals for the coefficient.")
    out.attrs["converged"] = bool(fit.mle_retvals.get("converged", True))
    return out
