"""Illustrative quotes per code and group: pseudonymised, traceable, chosen by a rule.

The rule (not random, so a re-run picks the same quotes): among participant segments
carrying the code in that group, prefer

1. a segment of a readable length (``min_words`` to ``max_words`` words), then
2. the most specific one (fewest other codes in the same segment), then
3. the one from a participant not quoted yet for this code, then
4. the earliest (session, turn).

Each quote keeps its ``segment_id`` so a researcher can find it in the transcript; the
published quote carries no speaker id. Text is the pseudonymised text of
:func:`cpdresearch.focus_groups.participant_segments`.

Examples
--------
>>> import pandas as pd
>>> seg = pd.DataFrame({"segment_id": ["s-2", "s-3"], "session_id": "s", "turn_no": [2, 3],
...                     "participant": ["s:P1", "s:P2"], "group": "staff", "is_facilitator": False,
...                     "words": [12, 3], "text": ["I trust a worker who turns up when they said they would.", "Trust, yes."]})
>>> coded = pd.DataFrame({"segment_id": ["s-2", "s-3"], "code": ["trust", "trust"], "group": "staff",
...                       "participant": ["s:P1", "s:P2"]})
>>> exemplar_quotes(coded, seg, codes={"trust": "Trust"}, per_group=1)[["segment_id", "quote"]].to_dict("records")
[{'segment_id': 's-2', 'quote': 'I trust a worker who turns up when they said they would.'}]
"""
from __future__ import annotations

import pandas as pd

__all__ = ["exemplar_quotes"]


def exemplar_quotes(coded: pd.DataFrame, segments: pd.DataFrame, *, codes: dict, per_group: int = 1,
                    min_words: int = 8, max_words: int = 60) -> pd.DataFrame:
    """Up to ``per_group`` quotes for each code and group, by the module's rule.

    Parameters
    ----------
    coded : pandas.DataFrame
        ``segment_id, code, group, participant`` (automatic coding).
    segments : pandas.DataFrame
        From :func:`cpdresearch.focus_groups.participant_segments`.
    codes : dict
        ``{code id: label}`` in codebook order.
    per_group : int, default 1
        Quotes per code and group.
    min_words, max_words : int
        The readable length preferred first.

    Returns
    -------
    pandas.DataFrame
        ``code, label, group, segment_id, quote, other_codes``, codebook order.
    """
    if coded.empty:
        return pd.DataFrame(columns=["code", "label", "group", "segment_id", "quote", "other_codes"])
    n_codes = coded.groupby("segment_id")["code"].nunique()
    seg = segments.set_index("segment_id")
    c = coded[["segment_id", "code"]].copy()
    c["group"] = seg.loc[c["segment_id"], "group"].astype(object).to_numpy()
    c["participant"] = seg.loc[c["segment_id"], "participant"].to_numpy()
    c["words"] = seg.loc[c["segment_id"], "words"].to_numpy()
    c["readable"] = c["words"].between(min_words, max_words)
    c["other_codes"] = c["segment_id"].map(n_codes).to_numpy() - 1
    c["session_id"] = seg.loc[c["segment_id"], "session_id"].to_numpy()
    c["turn_no"] = seg.loc[c["segment_id"], "turn_no"].to_numpy()
    c = c.sort_values(["readable", "other_codes", "session_id", "turn_no"], ascending=[False, True, True, True],
                      kind="stable")
    rows = []
    order = {code: i for i, code in enumerate(codes)}
    for (code, group), part in c.groupby(["code", "group"], sort=False):
        # a second quote comes from someone not quoted yet, where the group allows
        fresh = part.drop_duplicates("participant")
        chosen = pd.concat([fresh, part.drop(fresh.index)]).head(per_group)
        for row in chosen.itertuples(index=False):
            rows.append({"code": code, "label": codes.get(code, code), "group": group, "segment_id": row.segment_id,
                         "quote": seg.at[row.segment_id, "text"], "other_codes": int(row.other_codes)})
    out = pd.DataFrame(rows)
    groups = list(segments["group"].cat.categories) if isinstance(segments["group"].dtype, pd.CategoricalDtype) \
        else list(pd.unique(segments["group"]))
    out["_c"] = out["code"].map(order)
    out["_g"] = out["group"].map({g: i for i, g in enumerate(groups)})
    return out.sort_values(["_c", "_g"], kind="stable").drop(columns=["_c", "_g"]).reset_index(drop=True)
