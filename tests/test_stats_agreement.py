"""Agreement statistics against published reference values."""
from __future__ import annotations

import numpy as np
import pytest
from statsmodels.stats.inter_rater import aggregate_raters

from cpdresearch.stats import cohen_kappa, fleiss_kappa, kappa_label, krippendorff_alpha

NAN = np.nan
# Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability", reliability data
# with missing values: 4 observers x 12 units.
KRIPPENDORFF_2011 = [[1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
                     [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
                     [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
                     [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN]]
# Fleiss (1971), Table 1: 30 patients, 6 psychiatrists each, 5 diagnoses (as in statsmodels' tests).
FLEISS_1971 = np.array([
    [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
    [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
    [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
    [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
    [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5]])
# vcd's SexualFun (Agresti): husband x wife; R vcd::Kappa gives 0.1293 (ASE 0.06860) and,
# with equal-spacing (linear) weights, 0.2374 (ASE 0.07832).
SEXUAL_FUN = [[7, 7, 2, 3], [2, 8, 3, 7], [1, 5, 4, 9], [2, 8, 9, 14]]


def _raters(table):
    a = [i for i in range(len(table)) for j in range(len(table)) for _ in range(table[i][j])]
    b = [j for i in range(len(table)) for j in range(len(table)) for _ in range(table[i][j])]
    return a, b


@pytest.mark.parametrize("level, expected", [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849),
                                             ("ratio", 0.797)])
def test_krippendorff_alpha_matches_krippendorff_2011(level, expected):
    assert krippendorff_alpha(KRIPPENDORFF_2011, level=level) == pytest.approx(expected, abs=5e-4)


def test_fleiss_kappa_matches_fleiss_1971():
    counts, _ = aggregate_raters(FLEISS_1971)
    assert counts.shape == (30, 5)
    assert fleiss_kappa(counts) == pytest.approx(0.430, abs=5e-4)


def test_cohen_kappa_matches_vcd_sexual_fun():
    a, b = _raters(SEXUAL_FUN)
    plain = cohen_kappa(a, b)
    assert plain["kappa"] == pytest.approx(0.1293, abs=5e-5)
    assert plain["se"] == pytest.approx(0.06860, abs=5e-5)
    assert plain["ci_low"] == pytest.approx(0.1293 - 1.959964 * 0.06860, abs=5e-4)
    linear = cohen_kappa(a, b, weights="linear")
    assert linear["kappa"] == pytest.approx(0.2374, abs=5e-5)
    assert linear["se"] == pytest.approx(0.07832, abs=5e-5)
    assert plain["n"] == 91


def test_cohen_kappa_textbook_two_by_two():
    # 50 proposals read by two editors: 20 both yes, 15 both no, 5 and 10 split (kappa 0.4)
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    res = cohen_kappa(a, b)
    assert res["kappa"] == pytest.approx(0.4)
    assert res["observed_agreement"] == pytest.approx(0.7) and res["expected_agreement"] == pytest.approx(0.5)


def test_cohen_kappa_interval_stays_within_bounds_and_undefined_cases():
    res = cohen_kappa([0] * 48 + [1, 1], [0] * 48 + [1, 1])
    assert res["kappa"] == pytest.approx(1.0) and res["ci_high"] <= 1.0
    assert np.isnan(cohen_kappa([1, 1, 1], [1, 1, 1])["kappa"])  # one category: undefined
    assert cohen_kappa([1, None, 2], [1, 2, 2])["n"] == 2
    with pytest.raises(ValueError):
        cohen_kappa([1, 2], [1, 2], weights="cubic")


def test_krippendorff_alpha_edge_cases():
    assert krippendorff_alpha([[1, 1], [1, 1]]) != krippendorff_alpha([[1, 2], [1, 2]])
    assert np.isnan(krippendorff_alpha([[1, 1], [1, 1]]))  # no variation
    assert krippendorff_alpha([[1, 2], [1, 2]]) == pytest.approx(1.0)
    with pytest.raises(ValueError):
        krippendorff_alpha(KRIPPENDORFF_2011, level="circular")


def test_kappa_label_uses_landis_and_koch():
    assert [kappa_label(k) for k in (-0.1, 0.1, 0.3, 0.5, 0.7, 0.9)] == [
        "poor", "slight", "fair", "moderate", "substantial", "almost perfect"]
