"""Proportional-odds (ordinal logistic) regression for Likert ratings."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from ..errors import DataError, Problem

__all__ = ["ordinal_regression", "PROPORTIONAL_ODDS_NOTE", "proportional_odds_test", "ProportionalOddsTest"]

PROPORTIONAL_ODDS_NOTE = (
    "Proportional-odds model: each predictor is assumed to have the same effect at every "
    "cut-point of the rating scale (e.g. from 'not well' to 'well' as from 'well' to 'very "
    "well'). An odds ratio above 1 means higher ratings are more likely; below 1, lower "
    "ratings are more likely. Categorical predictors are compared with their first level "
    "(the reference named in the term, e.g. team[T.MASH] against the first team)."
)


def _is_categorical(s: pd.Series) -> bool:
    return not pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s)


def _design(data: pd.DataFrame, dv: str, predictors) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame]:
    """Complete rows, the rating as an ordered categorical, and the dummy-coded predictors."""
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
    return used, y, exog


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

    See Also
    --------
    proportional_odds_test : check the assumption (Brant test) and get the cut-specific
        odds ratios to report when it fails.

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
    used, y, exog = _design(data, dv, predictors)

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


@dataclass(frozen=True)
class ProportionalOddsTest:
    """Brant's (1990) test of the proportional-odds assumption, with cut-specific odds ratios.

    Attributes
    ----------
    tests : pandas.DataFrame
        ``term, chi2, df, p``: first the omnibus test (``term == "omnibus"``), then one
        row per term (does this predictor's effect differ between cut-points?).
    cut_odds_ratios : pandas.DataFrame
        ``term, cut, above, odds_ratio, ci_low, ci_high, p``: from the separate binary
        logit of "rating above ``above``" (cut ``1 .. J-1``) on all predictors, Wald
        intervals. Under proportional odds each term's odds ratios agree across cuts.
    n : int
        Rows used (complete cases).
    alpha : float
        Level at which ``violated`` is judged.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"team": ["A"] * 100 + ["B"] * 28,
    ...                    "rating": [1] * 40 + [2] * 40 + [3] * 20 + [1] * 4 + [2] * 10 + [3] * 14})
    >>> res = proportional_odds_test(df, dv="rating", predictors=["team"])
    >>> res.violated, res.cut_odds_ratios["odds_ratio"].round(3).tolist()
    (False, [4.0, 4.0])
    """

    tests: pd.DataFrame
    cut_odds_ratios: pd.DataFrame
    n: int
    alpha: float = 0.05

    @property
    def p(self) -> float:
        """p-value of the omnibus test."""
        return float(self.tests["p"].iloc[0])

    @property
    def violated(self) -> bool:
        """Whether the omnibus test rejects proportional odds at ``alpha`` (NaN p: False)."""
        return bool(self.p < self.alpha)

    def to_frame(self) -> pd.DataFrame:
        """The test table (``term, chi2, df, p``) with a ``violated`` column per row.

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"g": ["a"] * 6 + ["b"] * 6, "y": [1, 2, 3, 1, 2, 3, 1, 1, 3, 3, 2, 3]})
        >>> list(proportional_odds_test(df, dv="y", predictors="g").to_frame().columns)
        ['term', 'chi2', 'df', 'p', 'violated']
        """
        out = self.tests.copy()
        out["violated"] = out["p"] < self.alpha
        return out


def proportional_odds_test(data: pd.DataFrame, *, dv: str, predictors, level: float = 0.95,
                           alpha: float = 0.05) -> ProportionalOddsTest:
    """Check the proportional-odds assumption of :func:`ordinal_regression` (Brant test).

    The rating with ``J`` levels is split at each of its ``J - 1`` cut-points into a
    binary "above the cut" outcome, and a logistic regression on all predictors is
    fitted per cut (``statsmodels`` ``Logit``). Proportional odds says the slopes are
    the same at every cut. Brant's (1990) Wald test compares them, using the covariance
    between the binary fits, ``Cov(b_m, b_l) = (X'W_m X)^-1 X'W_ml X (X'W_l X)^-1`` with
    ``W_ml = diag(pi_l - pi_m pi_l)`` for ``m <= l`` (as R's ``brant`` and Stata's
    ``brant``). The omnibus statistic has ``p (J - 2)`` df for ``p`` terms, each term's
    ``J - 2``.

    When the test rejects, the single odds ratio of the proportional-odds model can hide
    effects of opposite sign at different cuts (groups that differ in spread, not
    location, give an overall odds ratio near 1): report ``cut_odds_ratios`` instead.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent.
    dv : str
        The rating: ordered categorical or integer codes.
    predictors : str or list of str
        As in :func:`ordinal_regression` (dummy coding against the first level).
    level : float
        Confidence level of the cut-specific odds ratios.
    alpha : float
        Significance level for :attr:`ProportionalOddsTest.violated`.

    Returns
    -------
    ProportionalOddsTest
        ``.tests``, ``.cut_odds_ratios``, ``.violated``, ``.p``, ``.to_frame()``. With
        two rating levels there is one cut and nothing to test (NaN statistics).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> spread = pd.DataFrame({"team": ["A"] * 200 + ["B"] * 220,
    ...                        "rating": [1, 2, 3, 4] * 50 + [1] * 88 + [2] * 12 + [3] * 10 + [4] * 110})
    >>> res = proportional_odds_test(spread, dv="rating", predictors="team")
    >>> res.violated, res.cut_odds_ratios["odds_ratio"].round(2).tolist()
    (True, [0.5, 1.2, 3.0])
    """
    import statsmodels.api as sm

    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, not {level!r}")
    used, y, exog = _design(data, dv, predictors)
    terms = list(exog.columns)
    p = len(terms)
    codes = y.cat.codes.to_numpy()
    n_cuts = len(y.cat.categories) - 1
    X = np.column_stack([np.ones(len(exog)), exog.to_numpy(dtype=float)])
    z = stats.norm.ppf((1 + level) / 2)

    betas, fitted, rows = [], [], []
    for m in range(n_cuts):
        above = (codes > m).astype(float)
        fit = sm.Logit(above, X).fit(disp=0, method="newton", maxiter=200)
        betas.append(np.asarray(fit.params))
        fitted.append(np.asarray(fit.predict(X)))
        se = np.asarray(fit.bse)
        for j, term in enumerate(terms, start=1):
            b = fit.params[j]
            rows.append({"term": term, "cut": m + 1, "above": y.cat.categories[m], "odds_ratio": np.exp(b),
                         "ci_low": np.exp(b - z * se[j]), "ci_high": np.exp(b + z * se[j]),
                         "p": float(fit.pvalues[j])})
    cut_ors = pd.DataFrame(rows, columns=["term", "cut", "above", "odds_ratio", "ci_low", "ci_high", "p"])
    cut_ors = cut_ors.sort_values(["term", "cut"], key=lambda s: s.map(terms.index) if s.name == "term" else s,
                                  kind="stable").reset_index(drop=True)

    names = ["omnibus", *terms]
    if n_cuts < 2:
        tests = pd.DataFrame({"term": names, "chi2": np.nan, "df": np.nan, "p": np.nan})
        return ProportionalOddsTest(tests=tests, cut_odds_ratios=cut_ors, n=int(len(used)), alpha=alpha)

    # covariance of the stacked coefficient vectors (with intercepts), then slopes only
    size = p + 1
    cov = np.zeros((n_cuts * size, n_cuts * size))
    info_inv = [np.linalg.inv(X.T @ (X * (pi * (1 - pi))[:, None])) for pi in fitted]
    for m in range(n_cuts):
        for ell in range(m, n_cuts):
            w = fitted[ell] - fitted[m] * fitted[ell]
            block = info_inv[m] @ (X.T @ (X * w[:, None])) @ info_inv[ell]
            cov[m * size:(m + 1) * size, ell * size:(ell + 1) * size] = block
            cov[ell * size:(ell + 1) * size, m * size:(m + 1) * size] = block.T
    slopes = np.concatenate([b[1:] for b in betas])
    keep = np.concatenate([np.arange(m * size + 1, (m + 1) * size) for m in range(n_cuts)])
    v = cov[np.ix_(keep, keep)]
    # D compares cut 1's slopes with each later cut's: (n_cuts - 1) p rows
    D = np.zeros(((n_cuts - 1) * p, n_cuts * p))
    for m in range(1, n_cuts):
        D[(m - 1) * p:m * p, :p] = np.eye(p)
        D[(m - 1) * p:m * p, m * p:(m + 1) * p] = -np.eye(p)

    def wald(rows_d):
        d = rows_d @ slopes
        stat = float(d @ np.linalg.solve(rows_d @ v @ rows_d.T, d))
        df = rows_d.shape[0]
        return stat, df, float(stats.chi2.sf(stat, df))

    results = [wald(D)]
    for j in range(p):
        results.append(wald(D[[(m - 1) * p + j for m in range(1, n_cuts)]]))
    tests = pd.DataFrame([{"term": name, "chi2": c, "df": df, "p": pv} for name, (c, df, pv) in zip(names, results)])
    return ProportionalOddsTest(tests=tests, cut_odds_ratios=cut_ors, n=int(len(used)), alpha=alpha)
