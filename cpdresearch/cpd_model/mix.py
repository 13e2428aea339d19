"""The 70:20:10 mix: experiential, social and formal learning against the model's reference.

For each source (the activities staff rate as working, the activities they want more of,
the methods they prefer in their learning development plans, and the courses on offer)
the share of each category is set beside the 70:20:10 reference
(:data:`cpdresearch.frameworks.LEARNING_CATEGORIES`), with

- simultaneous 95% intervals for the three shares (Goodman 1965, via
  ``statsmodels.stats.proportion.multinomial_proportions_confint``),
- a chi-square goodness-of-fit test of the observed counts against 70:20:10
  (``scipy.stats.chisquare``; a Monte Carlo p-value from the multinomial when an expected
  count is below 5), Holm-adjusted across the sources tested,
- Cohen's *w* = sqrt(chi-square / n) as the effect size (0.1 small, 0.3 medium, 0.5 large).

The courses on offer are the whole offer, not a sample, so they are described, not tested.

Examples
--------
>>> t = mix_test({"experiential": 140, "social": 40, "formal": 20})
>>> t[["category", "share", "reference"]].to_dict("list")
{'category': ['experiential', 'social', 'formal'], 'share': [0.7, 0.2, 0.1], 'reference': [0.7, 0.2, 0.1]}
>>> float(t["statistic"].iloc[0]), float(t["p"].iloc[0])
(0.0, 1.0)
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats as sps

from ..frameworks import ACTIVITIES, LEARNING_CATEGORIES
from ..stats import adjust_p
from ..stats.effect_sizes import effect_size_label

__all__ = ["MIX_SOURCES", "mix_test", "cohens_w", "survey_activity_mix", "offer_mix", "mix_70_20_10"]

#: The sources of the mix, in the order reports show them, with what one unit is.
MIX_SOURCES: dict[str, str] = {
    "working": "ratings of an activity in the upper half of the scale (survey)",
    "wished": "ticks of an activity staff want more of (survey)",
    "preferred": "staff needs by preferred learning method (learning development plans)",
    "offered": "courses on offer (training evaluation)",
}

_COLUMNS = ["source", "category", "count", "n", "share", "ci_low", "ci_high", "reference", "gap", "statistic", "df",
            "p", "p_adjusted", "method", "cohens_w", "magnitude"]


def cohens_w(chi2: float, n: int) -> float:
    """Cohen's *w* effect size of a goodness-of-fit test: ``sqrt(chi2 / n)``.

    Examples
    --------
    >>> round(cohens_w(0.470, 556), 3)   # Mendel's peas (Cohen 1988 uses w for such tests)
    0.029
    """
    return float(np.sqrt(chi2 / n)) if n > 0 else float("nan")


def mix_test(counts, *, reference: dict | None = None, level: float = 0.95, test: bool = True,
             n_resamples: int = 9999, random_state: int = 0) -> pd.DataFrame:
    """Shares of each category with simultaneous intervals, against a reference mix.

    Parameters
    ----------
    counts : mapping or pandas.Series
        Count per category (categories of ``reference`` missing from it count 0).
    reference : dict, optional
        Category -> reference share (default 70:20:10); the shares must add up to 1.
    level : float
        Level of the simultaneous intervals.
    test : bool, default True
        Run the goodness-of-fit test (False for a census such as the courses on offer).
    n_resamples, random_state : int
        For the Monte Carlo p-value used when an expected count is below 5.

    Returns
    -------
    pandas.DataFrame
        One row per category: ``category, count, n, share, ci_low, ci_high, reference,
        gap`` (share - reference) and the test (same in every row): ``statistic, df, p,
        method, cohens_w, magnitude``.

    Examples
    --------
    Mendel's dihybrid cross (315, 108, 101, 32 against 9:3:3:1) gives chi-square 0.470
    on 3 df, p = 0.925 (e.g. Agresti 2013, section 1.5):

    >>> t = mix_test({"a": 315, "b": 108, "c": 101, "d": 32},
    ...              reference={"a": 9 / 16, "b": 3 / 16, "c": 3 / 16, "d": 1 / 16})
    >>> round(float(t["statistic"].iloc[0]), 3), int(t["df"].iloc[0]), round(float(t["p"].iloc[0]), 3)
    (0.47, 3, 0.925)
    """
    from statsmodels.stats.proportion import multinomial_proportions_confint

    reference = dict(reference or LEARNING_CATEGORIES)
    if not np.isclose(sum(reference.values()), 1.0):
        raise ValueError("the reference shares must add up to 1")
    categories = list(reference)
    observed = np.array([float(pd.Series(counts).get(c, 0) or 0) for c in categories])
    n = observed.sum()
    out = pd.DataFrame({"category": categories, "count": observed.astype("int64"), "n": int(n)})
    expected_share = np.array([reference[c] for c in categories])
    out["share"] = observed / n if n > 0 else np.nan
    out["ci_low"] = out["ci_high"] = np.nan
    if test and n > 0:  # a census (the courses on offer) has no sampling error
        ci = multinomial_proportions_confint(observed, alpha=1 - level, method="goodman")
        out["ci_low"], out["ci_high"] = ci[:, 0], ci[:, 1]
    out["reference"] = expected_share
    out["gap"] = out["share"] - out["reference"]
    statistic = p = w = np.nan
    method, df = None, len(categories) - 1
    if test and n > 0:
        expected = expected_share * n
        statistic, p = sps.chisquare(observed, expected)
        method = "chi-square"
        if (expected < 5).any():
            rng = np.random.default_rng(random_state)
            sims = rng.multinomial(int(n), expected_share, size=n_resamples)
            sim_stat = ((sims - expected) ** 2 / expected).sum(axis=1)
            p = (1 + np.sum(sim_stat >= statistic - 1e-12)) / (n_resamples + 1)
            method = "Monte Carlo"
        w = cohens_w(statistic, n)
    out["statistic"], out["df"], out["p"], out["method"] = statistic, df if test and n > 0 else np.nan, p, method
    out["cohens_w"] = w
    out["magnitude"] = effect_size_label(w, kind="phi", p=p) if test and n > 0 else None
    return out


def survey_activity_mix(survey: pd.DataFrame | None, *, instrument, working_block: str | None,
                        wish_select: str | None) -> dict[str, pd.Series]:
    """Counts by 70:20:10 category of the survey's activities rated as working and wished for.

    An item or option counts through its ``activity:`` link and the activity's category in
    :data:`cpdresearch.frameworks.ACTIVITIES`. "Working" counts each rating in the upper
    half of the item's scale (above its neutral level); "wished" counts each tick.

    Returns
    -------
    dict of str to pandas.Series
        ``{"working": counts, "wished": counts}`` (only the sources the instrument has),
        each with the number of activities asked about per category in ``.attrs["asked"]``.

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> study = load_study(paths.DEMO_STUDY)
    >>> mix = survey_activity_mix(study.survey, instrument=study.instrument, working_block="working",
    ...                           wish_select="wish")
    >>> sorted(mix), bool(mix["working"].sum() > 0)
    (['wished', 'working'], True)
    """
    from .pathways import _upper_half

    out: dict[str, pd.Series] = {}
    if survey is None or survey.empty or instrument is None:
        return out
    categories = list(LEARNING_CATEGORIES)
    if working_block in getattr(instrument, "blocks", {}):
        block = instrument.blocks[working_block]
        counts, asked = pd.Series(0, index=categories), pd.Series(0, index=categories)
        for item in block.items:
            if item.activity in ACTIVITIES and item.id in survey.columns:
                category = ACTIVITIES[item.activity].category
                codes = block.scale.codes(survey[item.id]).dropna()
                counts[category] += int(_upper_half(codes, block.scale).sum())
                asked[category] += 1
        if asked.sum():
            counts.attrs["asked"] = asked
            out["working"] = counts
    if wish_select in getattr(instrument, "multi_selects", {}):
        select = instrument.multi_selects[wish_select]
        counts, asked = pd.Series(0, index=categories), pd.Series(0, index=categories)
        for option in select.options:
            column = f"{wish_select}_{option.id}"
            if option.activity in ACTIVITIES and column in survey.columns:
                category = ACTIVITIES[option.activity].category
                counts[category] += int(survey[column].fillna(False).astype(bool).sum())
                asked[category] += 1
        if asked.sum():
            counts.attrs["asked"] = asked
            out["wished"] = counts
    return out


def offer_mix(courses: pd.DataFrame | None) -> pd.Series:
    """Courses on offer by 70:20:10 category: every course, in a classroom, live online or as
    e-learning, is formal learning.

    Examples
    --------
    >>> offer_mix(pd.DataFrame({"course_id": ["C1", "C2"]})).to_dict()
    {'experiential': 0, 'social': 0, 'formal': 2}
    """
    counts = pd.Series(0, index=list(LEARNING_CATEGORIES))
    if courses is not None:
        counts["formal"] = int(len(courses))
    return counts


def mix_70_20_10(sources: dict, *, level: float = 0.95, padjust: str = "holm") -> pd.DataFrame:
    """The 70:20:10 table of every source, tests Holm-adjusted across the sources tested.

    Parameters
    ----------
    sources : dict of str to counts
        Source id (``working``, ``wished``, ``preferred``, ``offered``) -> counts by category.
        ``offered`` is described, not tested.

    Returns
    -------
    pandas.DataFrame
        ``source, category, count, n, share, ci_low, ci_high, reference, gap, statistic,
        df, p, p_adjusted, method, cohens_w, magnitude``, three rows per source.

    Examples
    --------
    >>> t = mix_70_20_10({"preferred": {"experiential": 50, "social": 30, "formal": 20},
    ...                   "offered": {"formal": 6}})
    >>> t.groupby("source", sort=False)["share"].apply(lambda s: [round(v, 2) for v in s]).to_dict()
    {'preferred': [0.5, 0.3, 0.2], 'offered': [0.0, 0.0, 1.0]}
    """
    frames = []
    for source in [s for s in MIX_SOURCES if s in sources] + [s for s in sources if s not in MIX_SOURCES]:
        table = mix_test(sources[source], level=level, test=source != "offered")
        table.insert(0, "source", source)
        frames.append(table)
    if not frames:
        return pd.DataFrame(columns=_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    firsts = out.drop_duplicates("source")
    tested = firsts["p"].notna()
    adjusted = pd.Series(np.nan, index=firsts.index)
    if tested.any():
        adjusted[tested] = adjust_p(firsts.loc[tested, "p"].to_numpy(), method=padjust)
    out["p_adjusted"] = out["source"].map(dict(zip(firsts["source"], adjusted)))
    labels = {s: (effect_size_label(float(w), kind="phi", p=float(p)) if pd.notna(p) else None)
              for s, w, p in zip(firsts["source"], firsts["cohens_w"], out["source"].map(
                  dict(zip(firsts["source"], adjusted))).loc[firsts.index])}
    out["magnitude"] = out["source"].map(labels)
    return out[_COLUMNS]
