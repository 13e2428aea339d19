"""The whole survey analysis of one cohort, as the survey notebook publishes it.

:func:`analyse_survey` computes every table; :func:`published_tables` applies disclosure
control to them; :func:`survey_key_figures` gives the headline numbers for
``key_figures.json``. The notebook only calls these and displays the results.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from dataclasses import dataclass, field

from ..io.vocabularies import STAFF_ATTRIBUTES
from .free_text import answer_terms, free_text_answers
from .groups import group_differences
from .likert import likert_distribution, likert_summary
from .multiselect import co_occurrence, multiselect_differences, multiselect_summary
from .priorities import working_vs_wished
from .reliability import block_reliability, item_reliability
from .response import response_rates

__all__ = ["SurveyResults", "analyse_survey"]


@dataclass
class SurveyResults:
    """Every table of the survey analysis of one cohort (see :func:`analyse_survey`).

    Tables that could not be computed (no such question, cohort too small to analyse by
    group) are empty DataFrames, never ``None``, so callers need no special cases.

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> results = analyse_survey(load_study(paths.DEMO_STUDY))
    >>> results.n_respondents > 0, list(results.items.columns[:3])
    (True, ['item', 'label', 'n'])
    """

    n_respondents: int
    min_group: int
    by: tuple[str, ...]
    working_block: str | None = None
    wish_select: str | None = None
    barriers_select: str | None = None
    items: pd.DataFrame = field(default_factory=pd.DataFrame)
    items_by_group: pd.DataFrame = field(default_factory=pd.DataFrame)
    distribution: pd.DataFrame = field(default_factory=pd.DataFrame)
    distribution_by_group: dict = field(default_factory=dict)
    distribution_pooled_by_group: pd.DataFrame = field(default_factory=pd.DataFrame)
    reliability: pd.DataFrame = field(default_factory=pd.DataFrame)
    item_reliability: pd.DataFrame = field(default_factory=pd.DataFrame)
    group_differences: pd.DataFrame = field(default_factory=pd.DataFrame)
    wish: pd.DataFrame = field(default_factory=pd.DataFrame)
    wish_by_group: pd.DataFrame = field(default_factory=pd.DataFrame)
    wish_differences: pd.DataFrame = field(default_factory=pd.DataFrame)
    barriers: pd.DataFrame = field(default_factory=pd.DataFrame)
    barriers_by_group: pd.DataFrame = field(default_factory=pd.DataFrame)
    barrier_differences: pd.DataFrame = field(default_factory=pd.DataFrame)
    barrier_pairs: pd.DataFrame = field(default_factory=pd.DataFrame)
    priorities: pd.DataFrame = field(default_factory=pd.DataFrame)
    response_rates: pd.DataFrame = field(default_factory=pd.DataFrame)
    answers: pd.DataFrame = field(default_factory=pd.DataFrame)
    terms: pd.DataFrame = field(default_factory=pd.DataFrame)
    notes: list = field(default_factory=list)

    @property
    def by_group(self) -> bool:
        """Whether the cohort was large enough to analyse by group."""
        return self.n_respondents >= self.min_group


def _pick(mapping: dict, wanted: str | None, fallback_first: bool) -> str | None:
    if wanted in mapping:
        return wanted
    return next(iter(mapping), None) if fallback_first else None


def analyse_survey(
    study,
    *,
    by=None,
    working_block: str | None = "working",
    wish_select: str | None = "wish",
    barriers_select: str | None = "barriers",
    level: float = 0.95,
    padjust: str = "holm",
    n_resamples: int = 1999,
    random_state: int = 0,
    working_threshold: float | None = None,
    wish_threshold: float | None = None,
    top_terms: int = 20,
) -> SurveyResults:
    """Run the survey analysis of a (cohort-filtered) study.

    Parameters
    ----------
    study : cpdresearch.study.Study
        With ``survey`` and ``instrument``; ``workforce`` and ``known_names`` are used
        when present.
    by : sequence of str, optional
        Respondent attributes for the breakdowns and group comparisons; default the
        attributes the instrument lists (else team, role and career stage); attributes
        absent from the survey are skipped.
    working_block, wish_select, barriers_select : str or None
        The instrument's "what is working" block (default the first block if there is
        no block of this name), wish-list and barriers multi-selects.
    level : float
        Confidence level of every interval.
    padjust : str
        Multiple-comparison adjustment across all group tests of one table.
    n_resamples, random_state : int
        Monte Carlo resamples and seed of the multi-select tests.
    working_threshold, wish_threshold : float, optional
        Quadrant thresholds of :func:`working_vs_wished` (default the medians).
    top_terms : int
        Frequent terms listed per free-text question.

    Returns
    -------
    SurveyResults
        With ``by_group`` False (cohort below ``study.min_group`` respondents) the group
        breakdowns and tests are empty and a note says why.

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> study = load_study(paths.DEMO_STUDY)
    >>> results = analyse_survey(study.cohort(study.cohorts[1].name))
    >>> results.n_respondents == len(study.cohort(study.cohorts[1].name).survey)
    True
    """

    data, inst = study.survey, study.instrument
    if by is None:
        by = survey_attributes(inst)
    res = SurveyResults(n_respondents=0 if data is None else len(data), min_group=study.min_group,
                        by=tuple(a for a in by if data is not None and a in data.columns))
    if data is None or inst is None:
        res.notes.append("This study has no survey data.")
        return res
    attributes = list(res.by) if res.by_group else []
    if not res.by_group:
        res.notes.append(f"**This cohort is too small to analyse by group.** It has {res.n_respondents} respondents; "
                         f"results are broken down by {_words(study, res.by)} only for cohorts of at least "
                         f"{study.min_group}. Only whole-cohort results that disclosure control allows are shown.")
    res.working_block = _pick(inst.blocks, working_block, fallback_first=True)
    res.wish_select = _pick(inst.multi_selects, wish_select, fallback_first=False)
    res.barriers_select = _pick(inst.multi_selects, barriers_select, fallback_first=False)

    if res.working_block is not None:
        block = inst.blocks[res.working_block]
        res.items = likert_summary(data, block=block, level=level)
        res.distribution = likert_distribution(data, block=block)
        if attributes:
            res.items_by_group = likert_summary(data, block=block, by=attributes, level=level)
            res.distribution_by_group = {a: likert_distribution(data, block=block, by=a) for a in attributes}
            res.distribution_pooled_by_group = _pooled_levels(data, res.distribution_by_group)
            res.group_differences = group_differences(data, block=block, by=attributes, padjust=padjust,
                                                      min_group_size=study.min_group)
        res.reliability = block_reliability(data, instrument=inst, level=level)
        res.item_reliability = item_reliability(data, instrument=inst, level=level)
    tests = dict(padjust=padjust, n_resamples=n_resamples, random_state=random_state)
    for name, attr in (("wish", res.wish_select), ("barriers", res.barriers_select)):
        if attr is None:
            continue
        select = inst.multi_selects[attr]
        setattr(res, name, multiselect_summary(data, select=select, level=level))
        if attributes:
            setattr(res, f"{name}_by_group", multiselect_summary(data, select=select, by=attributes, level=level))
            differences = multiselect_differences(_large_groups(data, attributes, study.min_group),
                                                  select=select, by=attributes, **tests)
            setattr(res, "wish_differences" if name == "wish" else "barrier_differences", differences)
    if res.barriers_select is not None:
        res.barrier_pairs = co_occurrence(data, select=inst.multi_selects[res.barriers_select])
    if res.working_block is not None and res.wish_select is not None:
        res.priorities = working_vs_wished(data, instrument=inst, working_block=res.working_block,
                                           wish_select=res.wish_select, working_threshold=working_threshold,
                                           wish_threshold=wish_threshold, level=level)
    unmatched = _filter_columns_missing_from(study, study.workforce)
    if study.workforce is not None and unmatched:
        res.notes.append(f"The workforce figures are not broken down by {', '.join(unmatched)}, so no response "
                         "rate can be given for this cohort.")
    elif study.workforce is not None:
        res.response_rates = response_rates(data, workforce=study.workforce,
                                            by=[a for a in ("team", "role") if a in attributes] if attributes else (),
                                            level=level)
    free = [c for c in inst.free_text if c in data.columns]
    if free:
        res.answers = free_text_answers(data, columns=free, known_names=study.known_names)
        res.terms = answer_terms(res.answers, top=top_terms, extra_stopwords=_PLACEHOLDER_WORDS)
    return res


def survey_attributes(instrument) -> tuple[str, ...]:
    """The attributes a survey is broken down by: those the instrument lists, else the
    staff attributes (team, role, career stage)."""
    if instrument is not None and getattr(instrument, "attributes_declared", False):
        return tuple(instrument.attributes)
    return STAFF_ATTRIBUTES


def _words(study, attributes) -> str:
    """"team, role or career stage", in the study's own words."""
    names = [study.attribute_label(a).lower() for a in attributes] or ["group"]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


#: Words of the placeholders pseudonymisation writes; never a "frequent term".
_PLACEHOLDER_WORDS = ("name", "person", "phone", "email", "address", "redacted")


def _filter_columns_missing_from(study, table: pd.DataFrame | None) -> list[str]:
    """Cohort filter columns that ``table`` lacks: it was not filtered, so it is no denominator."""
    if table is None or study.cohort_name is None:
        return []
    try:
        cohort = study.get_cohort(study.cohort_name)
    except Exception:  # "all" without a cohort of that name: the whole study
        return []
    return [c.replace("_", " ") for c in cohort.filter if c not in table.columns]


def _pooled_levels(data: pd.DataFrame, by_group: dict) -> pd.DataFrame:
    """Answers at each level summed over the block's items, per group of each attribute.

    ``n`` counts answers (respondents x items answered); ``respondents`` counts people,
    which is what disclosure control and the minimum group size apply to.
    """
    frames = []
    for attribute, table in by_group.items():
        pooled = table.groupby(["group", "code", "level"], sort=False, as_index=False)[["count"]].sum()
        totals = pooled.groupby("group", sort=False)["count"].transform("sum")
        pooled["n"] = totals.astype("int64")
        pooled["percent"] = np.where(totals > 0, pooled["count"] / totals.where(totals > 0, 1) * 100, np.nan)
        sizes = data[attribute].astype(object).value_counts()
        pooled["respondents"] = pooled["group"].map(lambda g: int(sizes.get(g, 0))).astype("int64")
        pooled.insert(0, "by", attribute)
        frames.append(pooled)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _large_groups(data: pd.DataFrame, attributes, min_group: int) -> pd.DataFrame:
    """Blank the attribute of respondents in groups below ``min_group`` (left out of tests)."""
    out = data
    for a in attributes:
        sizes = data[a].value_counts()
        small = sizes[sizes < min_group].index
        if len(small):
            if out is data:
                out = data.copy()
            out[a] = out[a].where(~out[a].isin(small))
    return out
