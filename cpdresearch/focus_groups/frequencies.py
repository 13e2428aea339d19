"""How often each code came up, by participant group, and whether groups differ.

Counted three ways, because segments alone over-weight talkative people: ``segments``
(turns coded), ``participants`` (distinct people who raised the theme at least once) and
``sessions``; ``participant_share`` is participants over the group's participants.

The code x group test uses participants (one row per person: raised the theme or not),
so each person counts once, and :func:`cpdresearch.stats.contingency_test` gives a
Monte Carlo p-value from tables with the same margins, valid with the small expected
counts focus groups have; p-values are Holm-adjusted across codes.

Examples
--------
>>> import pandas as pd
>>> seg = pd.DataFrame({"segment_id": ["a-1", "a-2", "b-1"], "session_id": ["a", "a", "b"],
...                     "participant": ["a:P1", "a:P2", "b:P1"], "is_facilitator": False,
...                     "group": pd.Categorical(["staff", "staff", "young_people"])})
>>> coded = pd.DataFrame({"segment_id": ["a-1", "b-1"], "session_id": ["a", "b"],
...                       "participant": ["a:P1", "b:P1"], "code": ["trust", "trust"],
...                       "group": ["staff", "young_people"]})
>>> from cpdresearch.io.focus_groups import Code, Codebook
>>> t = code_frequencies(coded, seg, codebook=Codebook([Code("trust", "Trust")]))
>>> t[["group", "segments", "participants", "group_participants", "participant_share"]].to_dict("list")
{'group': ['staff', 'young_people'], 'segments': [1, 1], 'participants': [1, 1], 'group_participants': [2, 1], 'participant_share': [0.5, 1.0]}
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..stats import adjust_p, contingency_test

__all__ = ["group_sizes", "code_frequencies", "code_group_association"]


def _groups(segments: pd.DataFrame) -> list:
    group = segments["group"]
    if isinstance(group.dtype, pd.CategoricalDtype):
        return [g for g in group.cat.categories if (group == g).any()]
    return list(pd.unique(group.dropna()))


def group_sizes(segments: pd.DataFrame) -> pd.DataFrame:
    """Sessions, participants and participant segments per group, and overall (``group="all"``).

    Examples
    --------
    >>> seg = pd.DataFrame({"session_id": ["a", "a", "a"], "participant": [None, "a:P1", "a:P2"],
    ...                     "is_facilitator": [True, False, False], "group": "staff", "words": [3, 10, 5]})
    >>> group_sizes(seg).to_dict("records")[0]
    {'group': 'staff', 'sessions': 1, 'participants': 2, 'segments': 2, 'words': 15}
    """
    talk = segments[~segments["is_facilitator"]]
    rows = []
    for group in [*_groups(segments), "all"]:
        part = talk if group == "all" else talk[talk["group"] == group]
        rows.append({"group": group, "sessions": int(part["session_id"].nunique()),
                     "participants": int(part["participant"].nunique()), "segments": int(len(part)),
                     "words": int(part["words"].sum()) if "words" in part.columns else 0})
    return pd.DataFrame(rows)


def code_frequencies(coded: pd.DataFrame, segments: pd.DataFrame, *, codebook) -> pd.DataFrame:
    """Segments, participants and sessions per code and group, every code and group listed.

    Parameters
    ----------
    coded : pandas.DataFrame
        From :func:`cpdresearch.focus_groups.code_segments` (or manual codings joined
        to their segments): ``segment_id, session_id, participant, group, code``.
    segments : pandas.DataFrame
        From :func:`cpdresearch.focus_groups.participant_segments` (the denominators).
    codebook : cpdresearch.io.focus_groups.Codebook

    Returns
    -------
    pandas.DataFrame
        ``code, label, group, segments, participants, sessions, group_participants,
        participant_share``, codebook order, then groups in the study's order; a code
        nobody raised in a group has zeros (absence is a finding too).
    """
    groups = _groups(segments)
    sizes = group_sizes(segments).set_index("group")["participants"]
    c = coded.assign(group=coded["group"].astype(object))
    counted = c.groupby(["code", "group"]).agg(segments=("segment_id", "nunique"),
                                               participants=("participant", "nunique"),
                                               sessions=("session_id", "nunique"))
    index = pd.MultiIndex.from_product([codebook.ids, groups], names=["code", "group"])
    table = counted.reindex(index, fill_value=0).astype("int64").reset_index()
    labels = {code.id: code.label for code in codebook.codes}
    table.insert(1, "label", table["code"].map(labels))
    table["group_participants"] = table["group"].map(sizes).astype("int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        table["participant_share"] = table["participants"] / table["group_participants"].replace(0, np.nan)
    return table


def code_group_association(frequencies: pd.DataFrame, *, padjust: str = "holm", n_resamples: int = 9999,
                           random_state: int = 0) -> pd.DataFrame:
    """Does the share of participants raising each code differ between groups?

    Parameters
    ----------
    frequencies : pandas.DataFrame
        From :func:`code_frequencies`.
    padjust : {"holm", "fdr_bh", "bonferroni"}
        Adjustment across codes (:func:`cpdresearch.stats.adjust_p`).
    n_resamples, random_state
        Monte Carlo p-value (:func:`cpdresearch.stats.contingency_test`).

    Returns
    -------
    pandas.DataFrame
        ``code, label, k, n, chi2, dof, p_asymptotic, p_monte_carlo, p_adjusted,
        cramers_v, min_expected, most_group, least_group``: one row per code, tested on
        the groups x (raised, did not raise) table of participants. ``p_adjusted`` adjusts
        the Monte Carlo p. ``most_group``/``least_group`` name the groups with the
        highest and lowest share. Codes nobody or everybody raised are not testable (NaN).

    Examples
    --------
    >>> f = pd.DataFrame({"code": "trust", "label": "Trust", "group": ["a", "b"],
    ...                   "participants": [9, 1], "group_participants": [10, 10]})
    >>> r = code_group_association(f)
    >>> r[["k", "n", "most_group", "least_group"]].to_dict("records")
    [{'k': 2, 'n': 20, 'most_group': 'a', 'least_group': 'b'}]
    >>> round(float(r.loc[0, "cramers_v"]), 3)
    0.8
    """
    rows = []
    for code, part in frequencies.groupby("code", sort=False):
        part = part[part["group_participants"] > 0]
        raised = part["participants"].to_numpy(dtype=int)
        table = np.column_stack([raised, part["group_participants"].to_numpy(dtype=int) - raised])
        res = contingency_test(table, n_resamples=n_resamples, random_state=random_state).iloc[0].to_dict()
        share = raised / part["group_participants"].to_numpy(dtype=float)
        distinct = len(part) >= 2 and share.max() > share.min()
        rows.append({"code": code, "label": part["label"].iloc[0], "k": int(len(part)), "n": int(res["n"]),
                     **{k: res[k] for k in ("chi2", "dof", "p_asymptotic", "p_monte_carlo", "cramers_v",
                                            "min_expected")},
                     "most_group": part["group"].iloc[int(np.argmax(share))] if distinct else None,
                     "least_group": part["group"].iloc[int(np.argmin(share))] if distinct else None})
    out = pd.DataFrame(rows, columns=["code", "label", "k", "n", "chi2", "dof", "p_asymptotic", "p_monte_carlo",
                                      "cramers_v", "min_expected", "most_group", "least_group"])
    out.insert(out.columns.get_loc("cramers_v"), "p_adjusted", adjust_p(out["p_monte_carlo"], method=padjust)
               if len(out) else [])
    return out
