"""Tests for cpdresearch.stats.descriptive against published or hand-computed values."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cpdresearch.stats import ordinal_median, t_interval

# R datasets::sleep, group 1 (Student 1908): extra hours of sleep
SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]


def test_t_interval_r_sleep():
    """Published: R `t.test(extra ~ 1, data = sleep, subset = group == 1)`:
    mean 0.75, 95 percent CI -0.5297804 to 2.0297804."""
    x = np.array(SLEEP_1)
    low, high = t_interval(x.mean(), x.std(ddof=1), len(x))
    assert (low, high) == pytest.approx((-0.5297804, 2.0297804), abs=1e-6)


def test_t_interval_clipped_to_the_scale():
    """Issue 15, finding 7: five answers 5, 5, 5, 5, 4 on a 1-5 scale. By hand: mean 4.8,
    sd 0.4472, t_{0.975, 4} = 2.776445, half-width 0.5553, so the upper end 5.355 passes
    the scale's end; clipped, it is 5."""
    x = np.array([5, 5, 5, 5, 4.0])
    raw = t_interval(x.mean(), x.std(ddof=1), 5)
    assert raw[1] == pytest.approx(4.8 + 2.776445 * 0.4472136 / np.sqrt(5), abs=1e-5)
    low, high = t_interval(x.mean(), x.std(ddof=1), 5, bounds=(1, 5))
    assert high == 5.0 and low == pytest.approx(raw[0])
    lows, highs = t_interval([4.8, 3.0, 2.0], [0.4472136, 1.0, 1.0], [5, 1, 40], bounds=(1, 5))
    assert highs[0] == 5 and np.isnan(lows[1]) and 1 < lows[2] < 2 < highs[2] < 3


def test_ordinal_median_lower_and_upper():
    """R `quantile(x, 0.5, type = 1)` (inverse ECDF) gives the lower middle value:
    c(3, 3, 4, 4) -> 3; the upper rule -> 4; odd n -> the middle value."""
    assert ordinal_median([3, 3, 4, 4]) == 3.0
    assert ordinal_median([3, 3, 4, 4], rule="upper") == 4.0
    assert ordinal_median([1, 5, 4, np.nan, 2, 3]) == 3.0
    assert np.isnan(ordinal_median([np.nan]))
    labels = ["Not well", "Quite well", "Very well"]
    s = pd.Series(pd.Categorical(["Quite well", "Very well", None, "Very well", "Quite well"],
                                 categories=labels, ordered=True))
    assert ordinal_median(s) == "Quite well" and ordinal_median(s, rule="upper") == "Very well"
    with pytest.raises(ValueError):
        ordinal_median([1, 2], rule="mean")
