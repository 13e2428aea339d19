"""Exploratory text views by group: the tone of each theme (VADER) and word pairs (collocations).

Both are exploratory: VADER was built for short social-media posts, and a collocation is
a habit of speech, not a finding. Reports label them so.

Examples
--------
>>> import pandas as pd
>>> seg = pd.DataFrame({"segment_id": ["s-1", "s-2"], "group": ["staff", "staff"],
...                     "text": ["Supervision is great and helpful.", "Caseloads are awful."]})
>>> coded = pd.DataFrame({"segment_id": ["s-1", "s-2"], "code": ["sup", "sup"]})
>>> tone_by_code(coded, seg, codes={"sup": "Supervision"})[["code", "group", "segments"]].to_dict("records")
[{'code': 'sup', 'group': 'staff', 'segments': 2}]
"""
from __future__ import annotations

import pandas as pd

from ..text import collocations, sentiment, tokenize

__all__ = ["tone_by_code", "group_collocations"]


def tone_by_code(coded: pd.DataFrame, segments: pd.DataFrame, *, codes: dict) -> pd.DataFrame:
    """Mean VADER compound score of the segments carrying each code, by group.

    Returns
    -------
    pandas.DataFrame
        ``code, label, group, segments, mean_compound, share_negative, share_positive``
        (negative: compound <= -0.05, positive: >= 0.05, VADER's usual cut-offs).
    """
    columns = ["code", "label", "group", "segments", "mean_compound", "share_negative", "share_positive"]
    if coded.empty:
        return pd.DataFrame(columns=columns)
    texts = segments.set_index("segment_id")["text"]
    scores = sentiment(texts)["compound"]
    c = coded[["segment_id", "code"]].assign(
        group=segments.set_index("segment_id").loc[coded["segment_id"], "group"].astype(object).to_numpy(),
        compound=scores.loc[coded["segment_id"]].to_numpy())
    out = (c.groupby(["code", "group"], sort=False)
           .agg(segments=("segment_id", "nunique"), mean_compound=("compound", "mean"),
                share_negative=("compound", lambda s: float((s <= -0.05).mean())),
                share_positive=("compound", lambda s: float((s >= 0.05).mean())))
           .reset_index())
    out.insert(1, "label", out["code"].map(codes))
    order = {code: i for i, code in enumerate(codes)}
    return out.sort_values("code", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)[columns]


def group_collocations(segments: pd.DataFrame, *, top: int = 10, min_freq: int = 3) -> pd.DataFrame:
    """Each group's word pairs (NLTK bigram finder), with the participants who used each pair.

    Returns
    -------
    pandas.DataFrame
        ``group, w1, w2, freq, pmi, likelihood_ratio, participants``; documents are
        participants (each person's talk), so a pair never spans two people.
    """
    talk = segments[~segments["is_facilitator"]] if "is_facilitator" in segments.columns else segments
    parts = []
    for group, part in talk.groupby(talk["group"].astype(object), sort=False):
        documents = part.groupby("participant")["text"].apply(" ".join)
        table = collocations(documents, top=top, min_freq=min_freq)
        if table.empty:
            continue
        tokens = documents.map(tokenize)
        pairs = tokens.map(lambda words: set(zip(words, words[1:])))
        table["participants"] = [int(sum((a, b) in p for p in pairs)) for a, b in zip(table["w1"], table["w2"])]
        parts.append(table.assign(group=group))
    columns = ["group", "w1", "w2", "freq", "pmi", "likelihood_ratio", "participants"]
    return pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)
