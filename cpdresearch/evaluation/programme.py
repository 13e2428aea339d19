"""Across courses: which courses add more than expected, and which PCF domains move.

``course_effects`` fits confidence after the course given confidence before, with a
random intercept per course (a linear mixed model, statsmodels ``MixedLM``, REML). A
course's intercept (its best linear unbiased prediction, with a 95% interval from its
conditional variance) says how much higher, or lower, its delegates end up than
delegates who started at the same level on an average course. ``domain_change`` maps
objectives to the Professional Capabilities Framework domains.

Examples
--------
>>> import numpy as np, pandas as pd
>>> rng = np.random.default_rng(1)
>>> pre = rng.integers(1, 4, 120).astype(float)
>>> course = np.repeat(["C1", "C2", "C3", "C4"], 30)
>>> post = np.clip(pre + 1 + np.repeat([0.5, 0, 0, -0.5], 30) + rng.normal(0, 0.4, 120), 1, 4)
>>> effects, terms = course_effects(pd.DataFrame({"course_id": course, "pre": pre, "post": post}))
>>> effects.sort_values("effect")["course_id"].iloc[-1]
'C1'
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ..frameworks import PCF_DOMAINS
from .courses import form_change
from .objectives import mean_with_ci

__all__ = ["course_effects", "domain_change"]

_EFFECT_COLUMNS = ["course_id", "n", "effect", "ci_low", "ci_high", "compared_with_expected"]
_TERM_COLUMNS = ["term", "estimate", "ci_low", "ci_high", "p"]


def course_effects(pairs: pd.DataFrame, *, min_courses: int = 3, level: float = 0.95):
    """Each course's added value: post-course rating given pre-course rating, random intercept per course.

    Parameters
    ----------
    pairs : pandas.DataFrame
        ``course_id, pre, post``, one row per delegate x objective.
    min_courses : int
        Fewer courses than this: no model (a between-course variance from two courses
        means nothing); both tables are empty.
    level : float

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        Per course ``course_id, n, effect, ci_low, ci_high, compared_with_expected``
        (``above``, ``below`` or ``as expected``: whether the interval excludes 0), and
        the model's terms ``term, estimate, ci_low, ci_high, p`` (intercept, slope on
        the pre-course rating, the between-course SD and the residual SD).

    Notes
    -----
    Ratings are treated as interval scores (codes 1, 2, ...), which the linear mixed
    model needs; ratings of one delegate across objectives are not modelled as
    correlated, so the intervals are somewhat narrow. An ordinal mixed model would
    respect the scale better but statsmodels has none; the ranking of courses is what
    the table is for.
    """
    from scipy import stats as sps
    import statsmodels.formula.api as smf

    data = pairs[["course_id", "pre", "post"]].dropna()
    if data["course_id"].nunique() < min_courses or len(data) < 3 * min_courses:
        return pd.DataFrame(columns=_EFFECT_COLUMNS), pd.DataFrame(columns=_TERM_COLUMNS)
    data = data.assign(course_id=data["course_id"].astype(str))
    z = sps.norm.ppf(0.5 + level / 2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence chatter: a failed fit shows as NaN below
        fit = smf.mixedlm("post ~ pre", data, groups=data["course_id"]).fit(reml=True)
    blup = pd.Series({g: float(v.iloc[0]) for g, v in fit.random_effects.items()})
    se = pd.Series({g: float(np.sqrt(np.asarray(c)[0, 0])) for g, c in fit.random_effects_cov.items()})
    effects = pd.DataFrame({"course_id": blup.index, "n": data.groupby("course_id").size().reindex(blup.index).to_numpy(),
                            "effect": blup.to_numpy(), "ci_low": (blup - z * se).to_numpy(),
                            "ci_high": (blup + z * se).to_numpy()})
    effects["compared_with_expected"] = np.select([effects["ci_low"] > 0, effects["ci_high"] < 0],
                                                  ["above", "below"], default="as expected")
    ci = fit.conf_int(alpha=1 - level)
    terms = pd.DataFrame({"term": ["intercept", "pre-course rating"],
                          "estimate": [fit.fe_params["Intercept"], fit.fe_params["pre"]],
                          "ci_low": [ci.loc["Intercept", 0], ci.loc["pre", 0]],
                          "ci_high": [ci.loc["Intercept", 1], ci.loc["pre", 1]],
                          "p": [fit.pvalues["Intercept"], fit.pvalues["pre"]]})
    sd = pd.DataFrame({"term": ["between-course SD", "residual SD"],
                       "estimate": [float(np.sqrt(fit.cov_re.iloc[0, 0])), float(np.sqrt(fit.scale))]})
    return effects.sort_values("effect", ascending=False, ignore_index=True), pd.concat([terms, sd], ignore_index=True)


def domain_change(pairs: pd.DataFrame, *, objectives: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """Change in confidence by PCF domain (objectives mapped to domains in ``objectives.csv``).

    The unit is a delegate's average change over the objectives of one domain on one
    form, so a course with many objectives in a domain does not count its delegates twice.

    Returns
    -------
    pandas.DataFrame
        ``pcf_domain, domain, courses, objectives, n`` (delegate x domain averages),
        ``mean_change, ci_low, ci_high, pct_improved`` (share of those averages above 0),
        largest change first.

    Examples
    --------
    >>> pairs = pd.DataFrame({"response_id": ["E1", "E1", "E2"], "course_id": "C1", "objective_no": [1, 2, 1],
    ...                       "pre": [1, 2, 2], "post": [3, 2, 3]})
    >>> obj = pd.DataFrame({"course_id": "C1", "objective_no": [1, 2], "pcf_domain": [6, 7]})
    >>> domain_change(pairs, objectives=obj)[["pcf_domain", "n", "mean_change"]].to_dict("records")
    [{'pcf_domain': 6, 'n': 2, 'mean_change': 1.5}, {'pcf_domain': 7, 'n': 1, 'mean_change': 0.0}]
    """
    columns = ["pcf_domain", "domain", "courses", "objectives", "n", "mean_change", "ci_low", "ci_high",
               "pct_improved"]
    if pairs.empty or objectives is None or objectives.empty:
        return pd.DataFrame(columns=columns)
    mapped = pairs.merge(objectives[["course_id", "objective_no", "pcf_domain"]].dropna(),
                         on=["course_id", "objective_no"], how="inner")
    mapped = mapped.assign(pcf_domain=mapped["pcf_domain"].astype("int64"))
    unit = form_change(mapped.assign(response_id=mapped["response_id"].astype(str) + "|" +
                                     mapped["pcf_domain"].astype(str)))
    unit["pcf_domain"] = unit["response_id"].str.rsplit("|", n=1).str[1].astype("int64")
    change = mean_with_ci(unit["change"], unit["pcf_domain"], level=level)
    out = pd.DataFrame({
        "courses": mapped.groupby("pcf_domain")["course_id"].nunique(),
        "objectives": mapped.drop_duplicates(["course_id", "objective_no"]).groupby("pcf_domain").size(),
    })
    out["n"] = change["n"].astype("int64")
    out["mean_change"], out["ci_low"], out["ci_high"] = change["mean"], change["ci_low"], change["ci_high"]
    out["pct_improved"] = (unit["change"] > 0).groupby(unit["pcf_domain"]).mean()
    out = out.reset_index(names="pcf_domain")
    out.insert(1, "domain", out["pcf_domain"].map(PCF_DOMAINS))
    return out.sort_values("mean_change", ascending=False, ignore_index=True)[columns]
