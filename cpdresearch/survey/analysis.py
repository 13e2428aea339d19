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
from .groups import adjusted_group_differences, group_differences, label_differences, nested_attributes
from .likert import likert_distribution, likert_summary
from .multiselect import co_occurrence, multiselect_differences, multiselect_summary
from .priorities import working_vs_wished
from .reliability import block_reliability, item_reliability
from .response import response_cells, response_rates

__all__ = ["SurveyResults", "analyse_survey"]


@dataclass
class SurveyResults:
    """Every table of the survey analysis of one cohort (see :func:`analyse_survey`).

    Likert tables cover every block of the instrument (a ``block`` column says which);
    multi-select tables are keyed by the multi-select's id. Tables that could not be
    computed (no such question, cohort too small to analyse by group) are empty
    DataFrames (or empty dicts), never ``None``, so callers need no special cases.

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> results = analyse_survey(load_study(paths.DEMO_STUDY))
    >>> results.n_respondents > 0, list(results.items.columns[:3])
    (True, ['block', 'item', 'label'])
    """

    n_respondents: int
    min_group: int
    by: tuple[str, ...]
    #: the block whose ratings are compared with the wish list (``role: working``), else
    #: the first block: the one the headline charts show first
    working_block: str | None = None
    #: the multi-select of activities staff want more of (``role: wish``), if any
    wish_select: str | None = None
    blocks: tuple[str, ...] = ()
    selects: tuple[str, ...] = ()
    items: pd.DataFrame = field(default_factory=pd.DataFrame)
    items_by_group: pd.DataFrame = field(default_factory=pd.DataFrame)
    distribution: pd.DataFrame = field(default_factory=pd.DataFrame)
    distribution_by_group: dict = field(default_factory=dict)
    distribution_pooled_by_group: pd.DataFrame = field(default_factory=pd.DataFrame)
    reliability: pd.DataFrame = field(default_factory=pd.DataFrame)
    item_reliability: pd.DataFrame = field(default_factory=pd.DataFrame)
    group_differences: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: group comparisons adjusted for other attributes (``adjust_for=``), ordinal model
    adjusted_differences: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: attributes not tested because another nests them exactly: {coarser: finer}
    nested: dict = field(default_factory=dict)
    #: multi-select id -> share ticking each option (and by group, tests, pairs)
    ticks: dict = field(default_factory=dict)
    ticks_by_group: dict = field(default_factory=dict)
    tick_differences: dict = field(default_factory=dict)
    tick_pairs: dict = field(default_factory=dict)
    priorities: pd.DataFrame = field(default_factory=pd.DataFrame)
    response_rates: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: respondents against headcount in each cell of the first two attributes the
    #: workforce figures break down (e.g. team x role)
    response_cells: pd.DataFrame = field(default_factory=pd.DataFrame)
    answers: pd.DataFrame = field(default_factory=pd.DataFrame)
    terms: pd.DataFrame = field(default_factory=pd.DataFrame)
    notes: list = field(default_factory=list)

    @property
    def by_group(self) -> bool:
        """Whether the cohort was large enough to analyse by group."""
        return self.n_respondents >= self.min_group


def _with_block(table: pd.DataFrame, block_id: str) -> pd.DataFrame:
    out = table.copy()
    out.insert(0, "block", block_id)
    return out


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def analyse_survey(
    study,
    *,
    by=None,
    working_block: str | None = None,
    wish_select: str | None = None,
    level: float = 0.95,
    padjust: str = "holm",
    n_resamples="auto",
    adjust_for: dict | None = None,
    random_state: int = 0,
    working_threshold: float | None = None,
    wish_threshold: float | None = None,
    top_terms: int = 20,
) -> SurveyResults:
    """Run the survey analysis of a (cohort-filtered) study: every block, every
    multi-select and every free-text question of its instrument.

    Parameters
    ----------
    study : cpdresearch.study.Study
        With ``survey`` and ``instrument``; ``workforce`` and ``known_names`` are used
        when present.
    by : sequence of str, optional
        Respondent attributes for the breakdowns and group comparisons; default the
        attributes the instrument lists (else team, role and career stage); attributes
        absent from the survey are skipped.
    working_block, wish_select : str, optional
        The block rating how well each activity works and the multi-select of what staff
        want more of, compared in :func:`working_vs_wished`; default those the
        instrument gives ``role: working`` and ``role: wish``. Without both, there is no
        comparison.
    level : float
        Confidence level of every interval.
    padjust : str
        Multiple-comparison adjustment across all group tests of one table.
    n_resamples : "auto" or int, default "auto"
        Monte Carlo resamples of the multi-select tests, drawn only where Cochran's rule
        fails for a table larger than 2 x 2; ``"auto"`` draws ``max(9999, 20 m /
        0.05)`` for a family of ``m`` tests, so the Monte Carlo floor ``m / (B + 1)``
        never decides a finding (:func:`cpdresearch.stats.contingency_test`). The old
        default, 1999, floored 45 Holm-adjusted p-values at 0.0225.
    random_state : int
        Seed of the Monte Carlo tests.
    adjust_for : dict, optional
        Group comparisons adjusted for other attributes through the proportional-odds
        model, e.g. ``{"team": "role"}``: team differences with role mix held constant
        (:func:`cpdresearch.survey.adjusted_group_differences`, Brant check and
        cut-specific odds ratios beside). Results in ``adjusted_differences``.
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
    if not res.by_group and res.by:
        res.notes.append(f"**This cohort is too small to analyse by group.** It has {res.n_respondents} respondents; "
                         f"results are broken down by {_words(study, res.by)} only for cohorts of at least "
                         f"{study.min_group}. Only whole-cohort results that disclosure control allows are shown.")
    res.blocks = tuple(b for b, block in inst.blocks.items() if any(i in data.columns for i in block.item_ids))
    res.selects = tuple(m for m, select in inst.multi_selects.items() if any(c in data.columns for c in select.columns))
    res.working_block = working_block or inst.block_with_role("working") or next(iter(res.blocks), None)
    res.wish_select = wish_select or inst.select_with_role("wish")

    res.nested = nested_attributes(data, attributes) if attributes else {}
    tested = [a for a in attributes if a not in res.nested]
    for coarse, fine in res.nested.items():
        res.notes.append(f"Ratings and ticks are not compared by {_words(study, [coarse])} separately: in this "
                         f"cohort each {_words(study, [fine])} lies within one {_words(study, [coarse])}, so the "
                         f"comparisons by {_words(study, [fine])} already include those by "
                         f"{_words(study, [coarse])} (one family of tests per question).")
    items, dist, items_by, diffs, pooled, adjusted = [], [], [], [], [], []
    by_attr: dict[str, list] = {a: [] for a in attributes}
    for block_id in res.blocks:
        block = inst.blocks[block_id]
        items.append(_with_block(likert_summary(data, block=block, level=level), block_id))
        dist.append(_with_block(likert_distribution(data, block=block), block_id))
        if attributes:
            items_by.append(_with_block(likert_summary(data, block=block, by=attributes, level=level), block_id))
            per_attr = {a: likert_distribution(data, block=block, by=a) for a in attributes}
            for a, table in per_attr.items():
                by_attr[a].append(_with_block(table, block_id))
            pooled.append(_with_block(_pooled_levels(data, per_attr), block_id))
            diffs.append(_with_block(group_differences(data, block=block, by=tested, padjust=padjust,
                                                       min_group_size=study.min_group, level=level, nested="all"),
                                     block_id))
            for between, others in (adjust_for or {}).items():
                others = [o for o in ([others] if isinstance(others, str) else list(others)) if o in data.columns]
                if between in data.columns and others:
                    adjusted.append(_with_block(adjusted_group_differences(
                        data, block=block, between=between, adjust_for=others, min_group_size=study.min_group,
                        level=level), block_id))
    res.items, res.distribution = _concat(items), _concat(dist)
    res.items_by_group, res.distribution_pooled_by_group = _concat(items_by), _concat(pooled)
    res.distribution_by_group = {a: _concat(t) for a, t in by_attr.items() if t}
    res.group_differences = _readjust(_concat(diffs), padjust)
    res.adjusted_differences = _concat(adjusted)
    if res.blocks:
        res.reliability = block_reliability(data, instrument=inst, blocks=list(res.blocks), level=level)
        res.item_reliability = item_reliability(data, instrument=inst, blocks=list(res.blocks), level=level)

    tests = dict(padjust=padjust, n_resamples=n_resamples, random_state=random_state)
    large = _large_groups(data, attributes, study.min_group) if attributes else data
    for select_id in res.selects:
        select = inst.multi_selects[select_id]
        res.ticks[select_id] = multiselect_summary(data, select=select, level=level)
        if attributes:
            res.ticks_by_group[select_id] = multiselect_summary(data, select=select, by=attributes, level=level)
            res.tick_differences[select_id] = multiselect_differences(large, select=select, by=tested, nested="all",
                                                                      **tests)
        if len(select.options) > 1:
            res.tick_pairs[select_id] = co_occurrence(data, select=select, level=level, padjust=padjust)
    if res.working_block in res.blocks and res.wish_select in res.selects:
        res.priorities = working_vs_wished(data, instrument=inst, working_block=res.working_block,
                                           wish_select=res.wish_select, working_threshold=working_threshold,
                                           wish_threshold=wish_threshold, level=level)
    unmatched = _filter_columns_missing_from(study, study.workforce)
    if study.workforce is not None and unmatched:
        res.notes.append(f"The workforce figures are not broken down by {', '.join(unmatched)}, so no response "
                         "rate can be given for this cohort.")
    elif study.workforce is not None:
        in_workforce = [a for a in attributes if a in study.workforce.columns]
        res.response_rates = response_rates(data, workforce=study.workforce, by=in_workforce, level=level)
        if len(in_workforce) >= 2:
            res.response_cells = response_cells(data, workforce=study.workforce, rows=in_workforce[0],
                                                columns=in_workforce[1])
    free = [c for c in inst.free_text if c in data.columns]
    if free:
        res.answers = free_text_answers(data, columns=free, known_names=study.known_names,
                                        field_terms=study.field_terms())
        res.terms = answer_terms(res.answers, top=top_terms, extra_stopwords=_PLACEHOLDER_WORDS)
    return res


def _readjust(table: pd.DataFrame, method: str) -> pd.DataFrame:
    """Adjust the p-values of every block's tests as one family (Holm across the table),
    and label the effects and named groups again with the family's adjusted p."""
    return label_differences(table, padjust=method)


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
    if table is None:
        return []
    return [c.replace("_", " ") for c in study.filter if c not in table.columns]


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
