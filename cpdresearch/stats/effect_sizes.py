"""Plain-English labels for effect sizes, with the thresholds they rest on."""
from __future__ import annotations

import math

__all__ = ["effect_size_label", "EFFECT_SIZE_THRESHOLDS"]

#: Lower bounds of "small", "medium", "large" per kind of effect size (absolute value).
#: epsilon_sq: Mangiafico (rcompanion, ``epsilonSquared``) for Kruskal-Wallis;
#: rank_biserial: Cohen's (1988) r benchmarks 0.1/0.3/0.5;
#: cramers_v: Cohen's (1988) w benchmarks 0.1/0.3/0.5, divided by sqrt(df) where
#: df = min(rows, columns) - 1 (see :func:`effect_size_label`).
EFFECT_SIZE_THRESHOLDS: dict[str, tuple[float, float, float]] = {
    "epsilon_sq": (0.01, 0.08, 0.26),
    "rank_biserial": (0.1, 0.3, 0.5),
    "cramers_v": (0.1, 0.3, 0.5),
}


def effect_size_label(value: float, *, kind: str, df: int = 1) -> str:
    """Name an effect size "negligible", "small", "medium" or "large".

    Parameters
    ----------
    value : float
        The effect size; its absolute value is judged (a rank-biserial of -0.4 is as
        large as one of 0.4).
    kind : {"epsilon_sq", "rank_biserial", "cramers_v"}
        Which effect size ``value`` is. Thresholds are in ``EFFECT_SIZE_THRESHOLDS``.
    df : int
        For Cramer's V only: ``min(rows, columns) - 1`` of the table. Cohen's
        thresholds are divided by ``sqrt(df)``, so a 3 x 4 table (df 2) calls V = 0.22
        medium.

    Returns
    -------
    str
        The label; ``"not available"`` for NaN.

    Examples
    --------
    >>> effect_size_label(0.12, kind="epsilon_sq")
    'medium'
    >>> effect_size_label(-0.55, kind="rank_biserial")
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
    if size >= large:
        return "large"
    if size >= medium:
        return "medium"
    if size >= small:
        return "small"
    return "negligible"
