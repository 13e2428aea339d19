"""Deductive coding with the codebook: which codes each segment carries.

Each code's patterns are joined into one case-insensitive regular expression
(:attr:`cpdresearch.io.focus_groups.Code.regex`) and applied to all segments at once
with pandas' vectorised ``str.contains``: one pass over the text per code, not one
``re.search`` per pattern per segment. Patterns without capital letters run on the
lower-cased text without the IGNORECASE flag (the same matches, about twice as fast).
A code's ``exclude`` patterns, when the codebook gives them, veto it: a segment that
matches one does not get the code (``"\\bleft\\b"`` for turnover, but not ``"left out"``). Facilitator turns are not coded (they are the
questions, not what participants said).

Examples
--------
>>> import pandas as pd
>>> from cpdresearch.io.focus_groups import Code, Codebook
>>> book = Codebook([Code("trust", "Trust", patterns=(r"\\btrust",)), Code("plans", "Plans", patterns=(r"\\bplans?\\b",))])
>>> seg = pd.DataFrame({"segment_id": ["s-1", "s-2", "s-3"], "session_id": "s", "group": "staff",
...                     "speaker": ["FAC", "SW1", "SW2"], "is_facilitator": [True, False, False],
...                     "participant": [None, "s:SW1", "s:SW2"],
...                     "text": ["Do you trust plans?", "Trust and a plan.", "Nothing here."]})
>>> code_segments(seg, codebook=book)[["segment_id", "code"]].to_dict("list")
{'segment_id': ['s-2', 's-2'], 'code': ['trust', 'plans']}
"""
from __future__ import annotations

import re
import warnings

import pandas as pd

__all__ = ["CODED_COLUMNS", "code_segments", "code_matrix"]

#: Columns of the tidy coding table.
CODED_COLUMNS = ["segment_id", "session_id", "group", "speaker", "participant", "code"]


def code_segments(segments: pd.DataFrame, *, codebook) -> pd.DataFrame:
    """Apply the codebook to participant segments: one row per segment and code.

    Parameters
    ----------
    segments : pandas.DataFrame
        From :func:`cpdresearch.focus_groups.participant_segments`.
    codebook : cpdresearch.io.focus_groups.Codebook

    Returns
    -------
    pandas.DataFrame
        ``segment_id, session_id, group, speaker, participant, code``, in segment order
        and, within a segment, codebook order. Codes without patterns code nothing
        (they can still be applied by hand in ``codings.csv``).
    """
    talk = segments[~segments["is_facilitator"]] if "is_facilitator" in segments.columns else segments
    matrix = code_matrix(talk, codebook=codebook)
    long = matrix.stack()
    long = long[long].reset_index()
    long.columns = ["row", "code", "_"]
    keys = talk.reset_index(drop=True)
    out = keys.loc[long["row"], [c for c in CODED_COLUMNS if c != "code" and c in keys.columns]].reset_index(drop=True)
    out["code"] = long["code"].to_numpy()
    if isinstance(segments.get("group", pd.Series(dtype=object)).dtype, pd.CategoricalDtype):
        out["group"] = pd.Categorical(out["group"], dtype=segments["group"].dtype)
    return out[[c for c in CODED_COLUMNS if c in out.columns]]


def _case_free(pattern: str) -> bool:
    """Whether a pattern holds no capital letter outside escapes (``\\B``, ``\\S``, ``\\W``) and
    no inline flags, so that it matches lower-cased text as it matches any case with IGNORECASE.

    Examples
    --------
    >>> _case_free(r"\\btrust\\S*"), _case_free(r"\\bNHS\\b"), _case_free("(?i)x")
    (True, False, False)
    """
    bare = re.sub(r"\\.", "", pattern)
    return not re.search(r"[A-Z]", bare) and "(?" not in bare.replace("(?:", "").replace("(?=", "").replace(
        "(?!", "").replace("(?<=", "").replace("(?<!", "")


def code_matrix(segments: pd.DataFrame, *, codebook) -> pd.DataFrame:
    """Segments x codes, True where a code's patterns match (rows in ``segments`` order).

    Examples
    --------
    >>> from cpdresearch.io.focus_groups import Code, Codebook
    >>> book = Codebook([Code("trust", "Trust", patterns=(r"\\btrust",))])
    >>> code_matrix(pd.DataFrame({"text": ["I trust her", "no"]}), codebook=book)["trust"].tolist()
    [True, False]
    """
    text = segments["text"].astype(str).reset_index(drop=True)
    lower = text.str.lower()
    columns = {}
    with warnings.catch_warnings():
        # codebook patterns may hold groups, e.g. "keep(s|ing)?": only presence matters here
        warnings.filterwarnings("ignore", message="This pattern is interpreted as a regular expression")
        for code in codebook.codes:
            if not code.patterns:
                columns[code.id] = pd.Series(False, index=text.index)
            elif all(_case_free(p) for p in code.patterns):
                # the same matches as the case-insensitive pattern on the original text,
                # about twice as fast: Python's re is slow with IGNORECASE
                columns[code.id] = lower.str.contains("|".join(f"(?:{p})" for p in code.patterns), regex=True)
            else:
                columns[code.id] = text.str.contains(code.regex, regex=True)
            if code.exclude:  # a turn matching an exclusion pattern does not get the code
                columns[code.id] &= ~text.str.contains(code.exclude_regex, regex=True)
    return pd.DataFrame(columns, index=text.index, columns=codebook.ids).astype(bool)
