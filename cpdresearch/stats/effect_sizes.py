"""Effect sizes and their plain-English labels, with the rules the labels rest on.

A magnitude word ("small", "medium", "large") is given only where the data support an
effect at all: the test is significant (``p < alpha``) and, when an interval is given,
it excludes zero. Otherwise the label is ``"unclear"`` (or ``"negligible"`` when the
estimate itself is below the "small" threshold). See docs/statistics.md.
"""
from __future__ import annotations

import math

__all__ = ["effect_size_label", "EFFECT_SIZE_THRESHOLDS", "epsilon_sq_adjusted", "UNCLEAR"]

#: Lower bounds of "small", "medium", "large" per kind of effect size (absolute value).
#: epsilon_sq: Mangiafico (rcompanion, ``epsilonSquared``) for Kruskal-Wallis;
#: rank_biserial: Cohen's (1988) r benchmarks 0.1/0.3/0.5;
#: cramers_v: Cohen's (1988) w benchmarks 0.1/0.3/0.5, divided by sqrt(df) where
#: df = min(rows, columns) - 1 (see :func:`effect_size_label`);
#: phi: Cohen's (1988) w for a 2 x 2 table.
EFFECT_SIZE_THRESHOLDS: dict[str, tuple[float, float, float]] = {
    "epsilon_sq": (0.01, 0.08, 0.26),
    "rank_biserial": (0.1, 0.3, 0.5),
    "cramers_v": (0.1, 0.3, 0.5),
    "phi": (0.1, 0.3, 0.5),
}

#: The label of an effect the test or interval does not support (no magnitude word).
UNCLEAR = "unclear"


def epsilon_sq_adjusted(H: float, *, n: int, k: int) -> float:
    """Bias-adjusted epsilon-squared of a Kruskal-Wallis test, floored at 0.

    The raw ``H / (n - 1)`` has expectation about ``(k - 1) / (n - 1)`` when the groups
    do not differ at all (0.024 for seven groups of 250 respondents): it reads noise as a
    "small" effect. Subtracting the null expectation of H (its ``k - 1`` degrees of
    freedom) and dividing by the residual degrees of freedom ``n - k`` gives the
    adjusted estimate, in the spirit of Kelley's (1935) epsilon-squared and Okada's
    (2013) omega-squared adjustment of eta-squared:

    ``epsilon_sq_adj = max(0, (H - k + 1) / (n - k))``.

    Parameters
    ----------
    H : float
        Kruskal-Wallis statistic (tie-corrected).
    n, k : int
        Observations and groups.

    Returns
    -------
    float
        NaN when ``H`` is NaN or ``n <= k``.

    Examples
    --------
    >>> round(epsilon_sq_adjusted(29.267, n=116, k=5), 4)
    0.2276
    >>> epsilon_sq_adjusted(3.0, n=250, k=7)  # H below its null expectation of 6
    0.0
    """
    if H is None or math.isnan(H) or n <= k:
        return float("nan")
    return max(0.0, (float(H) - k + 1) / (n - k))


def effect_size_label(value: float, *, kind: str, df: int = 1, p: float | None = None,
                      alpha: float = 0.05, ci=None) -> str:
    """Name an effect size "negligible", "small", "medium" or "large", or "unclear".

    Parameters
    ----------
    value : float
        The effect size; its absolute value is judged (a rank-biserial of -0.4 is as
        large as one of 0.4). For Kruskal-Wallis pass the bias-adjusted
        epsilon-squared (:func:`epsilon_sq_adjusted`).
    kind : {"epsilon_sq", "rank_biserial", "cramers_v", "phi"}
        Which effect size ``value`` is. Thresholds are in ``EFFECT_SIZE_THRESHOLDS``.
    df : int
        For Cramer's V only: ``min(rows, columns) - 1`` of the table. Cohen's
        thresholds are divided by ``sqrt(df)``, so a 3 x 4 table (df 2) calls V = 0.22
        medium.
    p : float, optional
        p-value of the test behind the effect (for a family of tests, the adjusted p).
        When given, a magnitude word needs ``p < alpha``; a NaN p counts as not
        significant.
    alpha : float
        Significance level for ``p``.
    ci : (float, float), optional
        Confidence interval of the effect size. When given, a magnitude word needs the
        interval to exclude zero (both ends of the same sign, neither zero).

    Returns
    -------
    str
        ``"not available"`` for NaN; ``"negligible"`` when ``|value|`` is below the
        "small" threshold; ``"unclear"`` when the test is not significant or the
        interval includes zero; otherwise ``"small"``, ``"medium"`` or ``"large"``.
        Without ``p`` and ``ci`` the word follows the thresholds alone (the old rule,
        which labels noise; pass ``p``).

    Examples
    --------
    >>> effect_size_label(0.12, kind="epsilon_sq", p=0.003)
    'medium'
    >>> effect_size_label(0.12, kind="epsilon_sq", p=0.73)
    'unclear'
    >>> effect_size_label(-0.55, kind="rank_biserial", ci=(-0.8, -0.2))
    'large'
    >>> effect_size_label(0.22, kind="cramers_v", df=2)
    'medium'
    """
    if kind not in EFFECT_SIZE_THRESHOLDS:
        raise ValueError(f"kind must be one of {', '.join(EFFECT_SIZE_THRESHOLDS)}, not {kind!r}")
    if value is None or math.isnan(value):
        return "not available"
    small, medium, large = EFFECT_SIZE_THRESHOLDS[kind]
    if kind == "cramers_v":
        if df < 1:
            raise ValueError("df must be at least 1")
        scale = math.sqrt(df)
        small, medium, large = small / scale, medium / scale, large / scale
    size = abs(value)
    if size < small:
        return "negligible"
    if p is not None and not (p < alpha):  # NaN p: not significant
        return UNCLEAR
    if ci is not None:
        low, high = ci
        if not (low > 0 or high < 0):  # includes zero, or NaN ends
            return UNCLEAR
    if size >= large:
        return "large"
    if size >= medium:
        return "medium"
    return "small"
