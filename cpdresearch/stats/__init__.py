"""Generic statistics for the CPD analyses: DataFrame in, tidy DataFrame out.

Each function is the standard statistic as scipy or statsmodels computes it, with the
effect size and interval the field reports; see ``docs/statistics.md`` for formulas and
the reference values the tests check.

Examples
--------
>>> from cpdresearch import stats
>>> round(stats.wilson_ci(19, 38)[0], 4)
0.3485
"""
from __future__ import annotations

from .agreement import KRIPPENDORFF_LEVELS, cohen_kappa, fleiss_kappa, kappa_label, krippendorff_alpha
from .contingency import contingency_test
from .effect_sizes import EFFECT_SIZE_THRESHOLDS, effect_size_label
from .groups import kruskal_wallis, mann_whitney, pairwise_mann_whitney
from .multiple import P_ADJUST_METHODS, adjust_p
from .ordinal import PROPORTIONAL_ODDS_NOTE, ordinal_regression
from .proportions import wilson_ci
from .reliability import AlphaResult, cronbach_alpha

__all__ = [
    "AlphaResult", "cronbach_alpha",
    "wilson_ci",
    "adjust_p", "P_ADJUST_METHODS",
    "kruskal_wallis", "mann_whitney", "pairwise_mann_whitney",
    "ordinal_regression", "PROPORTIONAL_ODDS_NOTE",
    "contingency_test",
    "cohen_kappa", "fleiss_kappa", "krippendorff_alpha", "kappa_label", "KRIPPENDORFF_LEVELS",
    "effect_size_label", "EFFECT_SIZE_THRESHOLDS",
]
