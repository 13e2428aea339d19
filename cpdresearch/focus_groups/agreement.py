"""How far coders agree, and how far the codebook's rules agree with the coders.

Units are the participant segments of every session that two or more coders coded (a
coder who applied any code in a session is taken to have read all of it); each code is
present or absent in each unit for each coder. Per code, and over all codes pooled
(every segment x code a unit): percent agreement, Cohen's kappa with its 95% CI (two
coders; with more, the mean of pairwise kappas, Light's kappa), Fleiss' kappa and
Krippendorff's alpha (nominal), from :mod:`cpdresearch.stats.agreement`.

The automatic coding is compared with each coder on the same units: precision (of the
segments the rules coded, the share the coder coded too), recall (of the coder's, the
share the rules found), F1 and Cohen's kappa, so researchers see where rules and people
disagree.

Examples
--------
>>> import pandas as pd
>>> seg = pd.DataFrame({"segment_id": ["s-1", "s-2", "s-3", "s-4"], "session_id": "s",
...                     "is_facilitator": False})
>>> codings = pd.DataFrame({"coder": ["AB", "AB", "CD", "CD"], "segment_id": ["s-1", "s-2", "s-1", "s-3"],
...                         "code": "trust"})
>>> coder_agreement(codings, seg, codes={"trust": "Trust"})[["code", "units", "percent_agreement"]].to_dict("records")
[{'code': 'trust', 'units': 4, 'percent_agreement': 0.5}, {'code': 'all', 'units': 4, 'percent_agreement': 0.5}]
"""
from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from ..stats.agreement import cohen_kappa, fleiss_kappa, kappa_label, krippendorff_alpha

__all__ = ["agreement_units", "coder_agreement", "rule_agreement"]

AGREEMENT_COLUMNS = ["code", "label", "coders", "units", "present_any", "present_all", "percent_agreement",
                     "cohen_kappa", "ci_low", "ci_high", "fleiss_kappa", "krippendorff_alpha", "agreement"]


def agreement_units(codings: pd.DataFrame, segments: pd.DataFrame) -> tuple[list[str], pd.Index]:
    """Coders and the segments they all read: participant segments of sessions coded by 2+ coders.

    Examples
    --------
    >>> seg = pd.DataFrame({"segment_id": ["a-1", "a-2", "b-1"], "session_id": ["a", "a", "b"],
    ...                     "is_facilitator": [True, False, False]})
    >>> cod = pd.DataFrame({"coder": ["X", "Y", "X"], "segment_id": ["a-2", "a-2", "b-1"], "code": "c"})
    >>> agreement_units(cod, seg)
    (['X', 'Y'], Index(['a-2'], dtype='object', name='segment_id'))
    """
    session_of = segments.set_index("segment_id")["session_id"]
    c = codings.assign(session_id=codings["segment_id"].map(session_of))
    coders = sorted(c["coder"].dropna().astype(str).unique())
    per_session = c.groupby("session_id")["coder"].nunique()
    shared = per_session[per_session >= 2].index
    talk = segments[~segments["is_facilitator"]] if "is_facilitator" in segments.columns else segments
    units = pd.Index(talk.loc[talk["session_id"].isin(shared), "segment_id"].astype(object), name="segment_id")
    return coders, units


def _presence(codings: pd.DataFrame, units: pd.Index, codes: list[str], coder: str) -> pd.DataFrame:
    mine = codings[(codings["coder"].astype(str) == coder) & codings["segment_id"].isin(units)]
    present = pd.crosstab(mine["segment_id"], pd.Categorical(mine["code"], categories=codes), dropna=False) > 0
    return present.reindex(index=units, columns=codes, fill_value=False).astype(bool)


def _row(code, label, matrices: list[np.ndarray]) -> dict:
    """Agreement of coders' presence vectors (flattened) for one code or all pooled."""
    stacked = np.vstack([m.ravel() for m in matrices]).astype(int)  # coders x units
    n_coders, n_units = stacked.shape
    row = {"code": code, "label": label, "coders": n_coders, "units": n_units,
           "present_any": int(stacked.any(axis=0).sum()), "present_all": int(stacked.all(axis=0).sum()),
           "percent_agreement": float((stacked == stacked[0]).all(axis=0).mean()) if n_units else np.nan,
           "cohen_kappa": np.nan, "ci_low": np.nan, "ci_high": np.nan}
    if n_coders == 2:
        k = cohen_kappa(stacked[0], stacked[1], categories=[0, 1])
        row.update(cohen_kappa=k["kappa"], ci_low=k["ci_low"], ci_high=k["ci_high"])
    elif n_coders > 2:
        pairs = [cohen_kappa(stacked[i], stacked[j], categories=[0, 1])["kappa"]
                 for i, j in combinations(range(n_coders), 2)]
        row["cohen_kappa"] = float(np.nanmean(pairs)) if not np.all(np.isnan(pairs)) else np.nan
    ones = stacked.sum(axis=0)
    counts = np.column_stack([n_coders - ones, ones])
    row["fleiss_kappa"] = fleiss_kappa(counts) if ones.any() and (ones < n_coders).any() else np.nan
    row["krippendorff_alpha"] = krippendorff_alpha(stacked, level="nominal")
    row["agreement"] = kappa_label(row["cohen_kappa"])
    return row


def coder_agreement(codings: pd.DataFrame, segments: pd.DataFrame, *, codes: dict) -> pd.DataFrame:
    """Agreement between human coders, per code and overall (``code == "all"``).

    Parameters
    ----------
    codings : pandas.DataFrame
        ``study.codings``: ``coder, segment_id, code``.
    segments : pandas.DataFrame
        From :func:`cpdresearch.focus_groups.participant_segments`.
    codes : dict
        ``{code id: label}`` in codebook order.

    Returns
    -------
    pandas.DataFrame
        ``code, label, coders, units, present_any, present_all, percent_agreement,
        cohen_kappa, ci_low, ci_high, fleiss_kappa, krippendorff_alpha, agreement``
        (Landis and Koch's words for the kappa). Empty when fewer than two coders
        coded the same session.
    """
    coders, units = agreement_units(codings, segments)
    if len(coders) < 2 or not len(units):
        return pd.DataFrame(columns=AGREEMENT_COLUMNS)
    ids = list(codes)
    presence = [_presence(codings, units, ids, coder) for coder in coders]
    rows = [_row(code, codes[code], [p[code].to_numpy() for p in presence]) for code in ids]
    rows.append(_row("all", "All codes", [p.to_numpy() for p in presence]))
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


def rule_agreement(codings: pd.DataFrame, coded: pd.DataFrame, segments: pd.DataFrame, *,
                   codes: dict) -> pd.DataFrame:
    """The codebook's automatic coding against each human coder, per code.

    Returns
    -------
    pandas.DataFrame
        ``coder, code, label, units, rules, coder_segments, both, precision, recall,
        f1, cohen_kappa``; units are the segments in the sessions that coder coded.

    Examples
    --------
    >>> seg = pd.DataFrame({"segment_id": ["s-1", "s-2", "s-3"], "session_id": "s", "is_facilitator": False})
    >>> human = pd.DataFrame({"coder": "AB", "segment_id": ["s-1", "s-2"], "code": "trust"})
    >>> auto = pd.DataFrame({"segment_id": ["s-1"], "code": ["trust"]})
    >>> rule_agreement(human, auto, seg, codes={"trust": "Trust"})[["rules", "coder_segments", "precision", "recall"]].to_dict("records")
    [{'rules': 1, 'coder_segments': 2, 'precision': 1.0, 'recall': 0.5}]
    """
    session_of = segments.set_index("segment_id")["session_id"]
    talk = segments[~segments["is_facilitator"]] if "is_facilitator" in segments.columns else segments
    ids = list(codes)
    rows = []
    for coder in sorted(codings["coder"].dropna().astype(str).unique()):
        sessions = codings.loc[codings["coder"].astype(str) == coder, "segment_id"].map(session_of).unique()
        units = pd.Index(talk.loc[talk["session_id"].isin(sessions), "segment_id"].astype(object), name="segment_id")
        human = _presence(codings, units, ids, coder)
        auto = _presence(coded.assign(coder=coder), units, ids, coder)
        for code in ids:
            h, a = human[code].to_numpy(), auto[code].to_numpy()
            both = int((h & a).sum())
            precision = both / a.sum() if a.sum() else np.nan
            recall = both / h.sum() if h.sum() else np.nan
            f1 = (2 * precision * recall / (precision + recall)
                  if precision == precision and recall == recall and precision + recall > 0 else np.nan)
            rows.append({"coder": coder, "code": code, "label": codes[code], "units": int(len(units)),
                         "rules": int(a.sum()), "coder_segments": int(h.sum()), "both": both,
                         "precision": precision, "recall": recall, "f1": f1,
                         "cohen_kappa": cohen_kappa(h.astype(int), a.astype(int), categories=[0, 1])["kappa"]})
    return pd.DataFrame(rows, columns=["coder", "code", "label", "units", "rules", "coder_segments", "both",
                                       "precision", "recall", "f1", "cohen_kappa"])
