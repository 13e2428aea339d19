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
from .association import association_2x2, binary_association, pairwise_association
from .contingency import CONTINGENCY_METHODS, cochran_rule, contingency_test, monte_carlo_resamples
from .descriptive import MEDIAN_RULES, ordinal_median, t_interval
from .effect_sizes import EFFECT_SIZE_THRESHOLDS, UNCLEAR, effect_size_label, epsilon_sq_adjusted
from .groups import kruskal_wallis, mann_whitney, pairwise_mann_whitney, rank_biserial_ci
from .multiple import P_ADJUST_METHODS, adjust_p
from .ordinal import PROPORTIONAL_ODDS_NOTE, ProportionalOddsTest, ordinal_regression, proportional_odds_test
from .paired import WILCOXON_METHODS, PairedWilcoxon, paired_wilcoxon
from .proportions import proportion_table, top_box_share, wilson_ci
from .reliability import AlphaResult, alpha_estimates, cronbach_alpha, mean_inter_item_r

__all__ = [
    "AlphaResult", "cronbach_alpha", "alpha_estimates", "mean_inter_item_r",
    "wilson_ci", "proportion_table", "top_box_share",
    "t_interval", "ordinal_median", "MEDIAN_RULES",
    "adjust_p", "P_ADJUST_METHODS",
    "kruskal_wallis", "mann_whitney", "pairwise_mann_whitney", "rank_biserial_ci",
    "ordinal_regression", "PROPORTIONAL_ODDS_NOTE", "proportional_odds_test", "ProportionalOddsTest",
    "association_2x2", "binary_association", "pairwise_association",
    "contingency_test", "cochran_rule", "monte_carlo_resamples", "CONTINGENCY_METHODS",
    "effect_size_label", "EFFECT_SIZE_THRESHOLDS", "epsilon_sq_adjusted", "UNCLEAR",
    "paired_wilcoxon", "PairedWilcoxon", "WILCOXON_METHODS",
    "cohen_kappa", "fleiss_kappa", "krippendorff_alpha", "kappa_label", "KRIPPENDORFF_LEVELS",
]
