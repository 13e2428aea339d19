"""Tests for cpdresearch.stats.multiple against published or independently computed values.

Each test says which kind of reference it uses: a published value (textbook, R
documentation, a paper), another library's implementation (pingouin, skipped visibly
where it is not installed), or a value computed by hand in the test itself.
"""
from __future__ import annotations



import numpy as np
import pytest

from cpdresearch.stats import (
    adjust_p,
)


def test_adjust_p_holm_hand_computed():
    """Hand-computed Holm: sorted p times (m, m-1, ...), then running maximum."""
    assert adjust_p([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert adjust_p([0.01, 0.04, 0.03, 0.005], method="bonferroni") == pytest.approx([0.04, 0.16, 0.12, 0.02])


def test_adjust_p_bh_published():
    """Published: Benjamini & Hochberg (1995, JRSS B 57:289) example of 15 p-values; at
    q = 0.05 the procedure rejects the four smallest. Adjusted values by hand: p * 15 / rank,
    then the running minimum from the largest rank."""
    p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459,
         0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.0000]
    adj = adjust_p(p, method="fdr_bh")
    assert (adj <= 0.05).sum() == 4
    assert adj[:5] == pytest.approx([0.0015, 0.003, 0.0095, 0.035625, 0.0603])


def test_adjust_p_nan_excluded_from_family():
    adj = adjust_p([0.01, np.nan, 0.04])
    assert np.isnan(adj[1])
    assert adj[[0, 2]] == pytest.approx([0.02, 0.04])  # a family of two, not three
    assert adjust_p([]).shape == (0,)
    with pytest.raises(ValueError):
        adjust_p([0.1], method="sidak")
