"""Words that set one participant group apart from the others (keyness).

Each group's participant talk is compared with all other groups' together, with
:func:`cpdresearch.text.keyness` (log-likelihood G2, Rayson and Garside 2000, and
Hardie's log ratio). Stopwords and the placeholders pseudonymisation left are not
counted. Exploratory: keyness treats talk as a bag of words, and one talkative person
can make a word "key", so the table also gives how many participants used each word.

Examples
--------
>>> import pandas as pd
>>> seg = pd.DataFrame({"group": ["a"] * 3 + ["b"] * 3, "is_facilitator": False,
...                     "participant": ["1", "2", "3", "4", "5", "6"],
...                     "text": ["online apps online"] * 3 + ["manager decision panel"] * 3})
>>> t = group_keyness(seg, min_g2=0)
>>> t[t["group"] == "a"][["term", "target_freq", "participants"]].head(1).to_dict("records")
[{'term': 'online', 'target_freq': 6, 'participants': 3}]
"""
from __future__ import annotations

import pandas as pd

from ..report.pseudonymise import PLACEHOLDER_KINDS
from ..text import STOPWORDS, _WORD_PATTERN, keyness

__all__ = ["group_keyness"]


def _tokens(talk: pd.DataFrame) -> pd.DataFrame:
    """One row per (participant, group, token), stopwords and placeholders dropped."""
    drop = STOPWORDS | {k.lower() for k in PLACEHOLDER_KINDS}
    text = talk["text"].astype(str).str.replace("\u2019", "'", regex=False).str.lower()
    tokens = text.str.findall(_WORD_PATTERN).explode().dropna()
    frame = pd.DataFrame({"token": tokens, "group": talk.loc[tokens.index, "group"].astype(object),
                          "participant": talk.loc[tokens.index, "participant"]})
    return frame[(frame["token"].str.len() >= 3) & ~frame["token"].isin(drop)]


def group_keyness(segments: pd.DataFrame, *, min_g2: float = 3.84, top: int | None = 15) -> pd.DataFrame:
    """Words each group uses more than the other groups, by log-likelihood.

    Parameters
    ----------
    segments : pandas.DataFrame
        From :func:`cpdresearch.focus_groups.participant_segments` (facilitators dropped here).
    min_g2 : float, default 3.84
        Keep words over-used in the group with G2 at least this (3.84: p < 0.05).
    top : int, optional
        Keep the ``top`` words per group.

    Returns
    -------
    pandas.DataFrame
        ``group, term, target_freq, reference_freq, target_per_10k, reference_per_10k,
        g2, log_ratio, p, participants`` (participants in the group who used the word).
    """
    talk = segments[~segments["is_facilitator"]] if "is_facilitator" in segments.columns else segments
    tokens = _tokens(talk)
    groups = [g for g in pd.unique(talk["group"].astype(object))]
    parts = []
    for group in groups:
        mine = tokens["group"] == group
        table = keyness(tokens.loc[mine, "token"].value_counts(), tokens.loc[~mine, "token"].value_counts())
        table = table[table["g2"] >= min_g2] if min_g2 is not None else table
        users = tokens[mine].groupby("token")["participant"].nunique()
        table = table.assign(participants=table["term"].map(users).fillna(0).astype("int64"))
        if top is not None:
            table = table.head(top)
        parts.append(table.assign(group=group))
    columns = ["group", "term", "target_freq", "reference_freq", "target_per_10k", "reference_per_10k", "g2",
               "log_ratio", "p", "participants"]
    return pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)
