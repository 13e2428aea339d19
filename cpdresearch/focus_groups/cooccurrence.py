"""Codes that come up together in the same segment: counts and Jaccard similarity.

Examples
--------
>>> import pandas as pd
>>> coded = pd.DataFrame({"segment_id": ["s-1", "s-1", "s-2", "s-3"], "code": ["a", "b", "a", "b"]})
>>> code_cooccurrence(coded, codes={"a": "A", "b": "B"}).to_dict("records")
[{'code_a': 'a', 'label_a': 'A', 'code_b': 'b', 'label_b': 'B', 'segments': 1, 'segments_a': 2, 'segments_b': 2, 'jaccard': 0.3333333333333333}]
"""
from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["code_cooccurrence"]


def code_cooccurrence(coded: pd.DataFrame, *, codes: dict) -> pd.DataFrame:
    """Every pair of codes: segments coded with both, and the Jaccard index.

    Parameters
    ----------
    coded : pandas.DataFrame
        ``segment_id, code`` (from :func:`cpdresearch.focus_groups.code_segments`).
    codes : dict
        ``{code id: label}`` in codebook order; every pair is listed, also pairs that
        never co-occur.

    Returns
    -------
    pandas.DataFrame
        ``code_a, label_a, code_b, label_b, segments, segments_a, segments_b, jaccard``
        where ``jaccard = both / (a + b - both)`` (0 when neither occurs), most frequent
        pairs first. Computed from one segments x codes indicator matrix product.
    """
    ids = list(codes)
    matrix = (pd.crosstab(coded["segment_id"], pd.Categorical(coded["code"], categories=ids))
              .reindex(columns=ids, fill_value=0) > 0).astype(int)
    both = matrix.T.to_numpy() @ matrix.to_numpy() if len(matrix) else np.zeros((len(ids), len(ids)), dtype=int)
    single = np.diag(both)
    i, j = np.triu_indices(len(ids), k=1)
    union = single[i] + single[j] - both[i, j]
    with np.errstate(invalid="ignore", divide="ignore"):
        jaccard = np.where(union > 0, both[i, j] / np.where(union > 0, union, 1), 0.0)
    out = pd.DataFrame({"code_a": [ids[k] for k in i], "label_a": [codes[ids[k]] for k in i],
                        "code_b": [ids[k] for k in j], "label_b": [codes[ids[k]] for k in j],
                        "segments": both[i, j].astype("int64"), "segments_a": single[i].astype("int64"),
                        "segments_b": single[j].astype("int64"), "jaccard": jaccard})
    return out.sort_values(["segments", "jaccard"], ascending=False, kind="stable").reset_index(drop=True)
