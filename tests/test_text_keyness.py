"""Keyness (log-likelihood G2, Rayson and Garside 2000) against published values."""
from __future__ import annotations

import numpy as np
import pytest

from cpdresearch.text import KEYNESS_CRITICAL_VALUES, keyness


def test_lancaster_wizard_example():
    # UCREL log-likelihood wizard tutorial: 52 in 50,000 words vs 57 in 75,000 -> LL +2.65
    table = keyness({"word": 52, "rest": 50_000 - 52}, {"word": 57, "rest": 75_000 - 57}).set_index("term")
    assert table.loc["word", "g2"] == pytest.approx(2.65, abs=0.005)
    assert table.loc["word", "log_ratio"] == pytest.approx(np.log2((52 / 50_000) / (57 / 75_000)))
    assert table.loc["word", "target_per_10k"] == pytest.approx(10.4)


def test_sign_follows_relative_frequency_and_swapping_flips_it():
    target, reference = {"a": 30, "b": 70}, {"a": 10, "b": 90}
    forward = keyness(target, reference).set_index("term")
    backward = keyness(reference, target).set_index("term")
    assert forward.loc["a", "g2"] > 0 > forward.loc["b", "g2"]
    assert backward.loc["a", "g2"] == pytest.approx(-forward.loc["a", "g2"])
    # G2 = 2 sum O ln(O/E) over the two corpora, by hand
    e1, e2 = 100 * 40 / 200, 100 * 40 / 200
    assert forward.loc["a", "g2"] == pytest.approx(2 * (30 * np.log(30 / e1) + 10 * np.log(10 / e2)))


def test_zero_frequency_and_critical_values():
    table = keyness({"only_here": 10, "x": 90}, {"x": 100}).set_index("term")
    assert np.isfinite(table.loc["only_here", "g2"]) and table.loc["only_here", "reference_freq"] == 0
    assert table.loc["only_here", "log_ratio"] == pytest.approx(np.log2((10 / 100) / (0.5 / 100)))
    assert sorted(KEYNESS_CRITICAL_VALUES) == [3.84, 6.63, 10.83, 15.13]
    # the p-value belongs to the critical value: G2 = 3.84 is p = 0.05 (1 df)
    from scipy.stats import chi2
    assert chi2.sf(3.84, 1) == pytest.approx(0.05, abs=1e-3)
    assert keyness({}, {"x": 1}).empty
