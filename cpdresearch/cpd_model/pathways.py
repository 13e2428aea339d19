"""Career pathways: the learning that goes with each career stage, by PCF domain.

Career stages are the study's own (``vocabularies.career_stage`` in ``study.yml``, else
the values its data use); where the study maps them onto the national career stages
(``national:``), the pathway says which national stage each one is.

Examples
--------
>>> import pandas as pd
>>> needs = pd.DataFrame({"staff_id": ["S1", "S2", "S3"], "career_stage": ["New", "New", "Lead"],
...                       "topic": ["T1", "T2", "T1"], "pcf_domain": [5, 5, 9]})
>>> t = career_pathway(needs, stages=["New", "Lead"])
>>> t[(t["pcf_domain"] == 5)][["career_stage", "staff", "stage_staff", "share"]].to_dict("records")
[{'career_stage': 'New', 'staff': 2, 'stage_staff': 2, 'share': 1.0}, {'career_stage': 'Lead', 'staff': 0, 'stage_staff': 1, 'share': 0.0}]
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..frameworks import ACTIVITIES, PCF_DOMAINS

__all__ = ["career_stages", "career_pathway", "pathway_topics", "stage_activities"]


def career_stages(study) -> tuple[list[str], dict]:
    """The study's career stages in order, and their national stage where declared.

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> stages, national = career_stages(load_study(paths.DEMO_STUDY))
    >>> len(stages) == len(national) > 0
    True
    """
    vocab = getattr(study.vocabularies, "declared", {}).get("career_stage") if study.vocabularies else None
    if vocab is not None:
        return list(vocab.levels), dict(vocab.national)
    values = []
    for data in (study.learning_needs, study.survey):
        if data is not None and "career_stage" in data.columns:
            column = data["career_stage"]
            values += (list(column.cat.categories) if isinstance(column.dtype, pd.CategoricalDtype)
                       else sorted(column.dropna().astype(str).unique()))
    return list(dict.fromkeys(values)), {}


def career_pathway(needs: pd.DataFrame, *, stages: list[str], national: dict | None = None) -> pd.DataFrame:
    """Career stage x PCF domain: the share of staff at the stage with a need in the domain.

    Parameters
    ----------
    needs : pandas.DataFrame
        ``study.learning_needs`` (``staff_id, career_stage, topic, pcf_domain``).
    stages : list of str
        The study's career stages in order (:func:`career_stages`).
    national : dict, optional
        Local stage -> national career stage.

    Returns
    -------
    pandas.DataFrame
        ``career_stage, national_stage, pcf_domain, domain, staff, stage_staff, share``:
        one row per stage with plans and each of the nine domains; ``stage_staff`` is the
        staff at the stage with a plan.

    Examples
    --------
    >>> needs = pd.DataFrame({"staff_id": ["S1", "S2"], "career_stage": ["New", "New"], "topic": "T",
    ...                       "pcf_domain": [5, 5]})
    >>> career_pathway(needs, stages=["New"], national={"New": "ASYE"}).iloc[4][["national_stage", "share"]].to_dict()
    {'national_stage': 'ASYE', 'share': 1.0}
    """
    columns = ["career_stage", "national_stage", "pcf_domain", "domain", "staff", "stage_staff", "share"]
    if needs is None or needs.empty or "career_stage" not in needs.columns:
        return pd.DataFrame(columns=columns)
    data = needs.assign(career_stage=needs["career_stage"].astype(object),
                        pcf_domain=needs["pcf_domain"].astype("int64"))
    stage_staff = data.groupby("career_stage")["staff_id"].nunique()
    present = [s for s in stages if s in stage_staff.index] + [s for s in stage_staff.index if s not in stages]
    staff = data.groupby(["career_stage", "pcf_domain"])["staff_id"].nunique()
    index = pd.MultiIndex.from_product([present, list(PCF_DOMAINS)], names=["career_stage", "pcf_domain"])
    out = staff.reindex(index, fill_value=0).rename("staff").reset_index()
    out["staff"] = out["staff"].astype("int64")
    out["stage_staff"] = out["career_stage"].map(stage_staff).astype("int64")
    out["share"] = out["staff"] / out["stage_staff"]
    out["domain"] = out["pcf_domain"].map(PCF_DOMAINS)
    out["national_stage"] = out["career_stage"].map(national or {})
    return out[columns]


def pathway_topics(needs: pd.DataFrame) -> pd.DataFrame:
    """Staff at each career stage needing each topic (for the top topics of a pathway cell).

    Returns
    -------
    pandas.DataFrame
        ``career_stage, pcf_domain, topic, staff``, most staff first within a stage and domain.

    Examples
    --------
    >>> needs = pd.DataFrame({"staff_id": ["S1", "S2", "S2"], "career_stage": "New", "topic": ["T1", "T1", "T2"],
    ...                       "pcf_domain": 5})
    >>> pathway_topics(needs)[["topic", "staff"]].to_dict("records")
    [{'topic': 'T1', 'staff': 2}, {'topic': 'T2', 'staff': 1}]
    """
    columns = ["career_stage", "pcf_domain", "topic", "staff"]
    if needs is None or needs.empty or "career_stage" not in needs.columns:
        return pd.DataFrame(columns=columns)
    data = needs.assign(career_stage=needs["career_stage"].astype(object),
                        pcf_domain=needs["pcf_domain"].astype("int64"))
    out = data.groupby(["career_stage", "pcf_domain", "topic"])["staff_id"].nunique().rename("staff").reset_index()
    out["staff"] = out["staff"].astype("int64")
    return out.sort_values(["career_stage", "pcf_domain", "staff", "topic"], ascending=[True, True, False, True],
                           ignore_index=True)[columns]


def stage_activities(survey: pd.DataFrame | None, *, instrument, working_block: str | None,
                     wish_select: str | None, stages: list[str]) -> pd.DataFrame:
    """What staff at each career stage rate as working, and wish for, activity by activity.

    Parameters
    ----------
    survey : pandas.DataFrame or None
        ``study.survey`` with a ``career_stage`` column.
    instrument : cpdresearch.instrument.Instrument
    working_block, wish_select : str or None
        The block rating how well each activity works and the multi-select of what staff
        want more of (the instrument's ``role: working`` and ``role: wish``).
    stages : list of str
        The study's career stages in order.

    Returns
    -------
    pandas.DataFrame
        ``career_stage, activity, label, category, n, mean, working_share, wish_n,
        wish_count, wish_share``: per stage and activity linked in the instrument, the
        respondents who rated it (``n``), the mean rating, the share rating it in the
        upper half of the scale, and the share ticking it as wanted (missing where the
        survey does not ask about the activity that way). Empty without a
        career stage column or without linked activities.

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> study = load_study(paths.DEMO_STUDY)
    >>> t = stage_activities(study.survey, instrument=study.instrument, working_block="working",
    ...                      wish_select="wish", stages=["ASYE"])
    >>> bool(set(t["career_stage"]) == {"ASYE"} and t["mean"].between(1, 5).any() and t["wish_share"].between(0, 1).any())
    True
    """
    columns = ["career_stage", "activity", "label", "category", "n", "mean", "working_share", "wish_n", "wish_count",
               "wish_share"]
    if survey is None or survey.empty or instrument is None or "career_stage" not in survey.columns:
        return pd.DataFrame(columns=columns)
    items = {}
    if working_block in getattr(instrument, "blocks", {}):
        block = instrument.blocks[working_block]
        items = {i.activity: (i.id, block.scale) for i in block.items if i.activity and i.id in survey.columns}
    options = {}
    if wish_select in getattr(instrument, "multi_selects", {}):
        select = instrument.multi_selects[wish_select]
        options = {o.activity: f"{wish_select}_{o.id}" for o in select.options
                   if o.activity and f"{wish_select}_{o.id}" in survey.columns}
    activities = [a for a in dict.fromkeys([*items, *options]) if a in ACTIVITIES]
    if not activities:
        return pd.DataFrame(columns=columns)
    stage = survey["career_stage"].astype(object)
    # every rating coded (and split) once, then cut by stage
    codes = {a: items[a][1].codes(survey[items[a][0]]) for a in activities if a in items}
    upper = {a: _upper_half(c.dropna(), items[a][1]) for a, c in codes.items()}
    ticked = {a: survey[options[a]].fillna(False).astype(bool) for a in activities if a in options}
    rows = []
    for s in [s for s in stages if (stage == s).any()]:
        at = (stage == s).to_numpy()
        for a in activities:
            row = {"career_stage": s, "activity": a, "label": ACTIVITIES[a].label, "category": ACTIVITIES[a].category,
                   "n": np.nan, "mean": np.nan, "working_share": np.nan, "wish_n": np.nan, "wish_count": np.nan,
                   "wish_share": np.nan}
            if a in items:
                answered = codes[a][at].dropna()
                row["n"] = int(len(answered))
                if len(answered):
                    row["mean"] = float(answered.mean())
                    row["working_share"] = float(upper[a].loc[answered.index].mean())
            if a in options:
                ticks = ticked[a][at]
                row["wish_n"], row["wish_count"] = int(at.sum()), int(ticks.sum())
                row["wish_share"] = row["wish_count"] / row["wish_n"] if row["wish_n"] else np.nan
            rows.append(row)
    return pd.DataFrame(rows, columns=columns)


def _upper_half(codes: pd.Series, scale) -> pd.Series:
    """Whether each rating (a code of ``scale``) is in the upper half of the scale, as the
    survey's charts split it: above the neutral level, or without one, among the upper
    ``k - k // 2`` levels."""
    order = {c: i for i, c in enumerate(scale.codes_)}
    position = codes.map(order)
    if getattr(scale, "neutral", None) is not None:
        return position > order[scale.neutral]
    return position >= len(scale.codes_) // 2
