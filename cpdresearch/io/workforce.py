"""Workforce headcount (denominators for response rates) and known names.

``workforce.csv`` has one row per group of staff in post: ``headcount`` and the staff
attributes it is broken down by (``team``, usually ``role``, any other the study uses).
Its order of teams and roles is the order reports use where the study declares none.

Examples
--------
>>> import pandas as pd
>>> from cpdresearch.io.tables import RawTable
>>> raw = RawTable("workforce.csv", pd.DataFrame({"team": ["Edge of Care", "Edge of Care"],
...     "role": ["Manager", "Manager"], "headcount": ["3", "-1"]}))
>>> found = Collector()
>>> wf = tidy_workforce(raw, found=found)
>>> [str(p) for p in found.problems]  # doctest: +NORMALIZE_WHITESPACE
["workforce.csv:3:headcount: '-1' is not valid; expected a headcount >= 0",
 "workforce.csv:3:role: duplicate team and role ('Edge of Care', 'Manager') (first on row 2); expected unique
 (team, role) pairs"]
>>> workforce_order(wf)
{'team': ['Edge of Care'], 'role': ['Manager']}
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .checks import Collector, require_columns, require_values, to_category, to_integer, to_text
from .vocabularies import StudyVocabularies

__all__ = ["WORKFORCE_COLUMNS", "tidy_workforce", "workforce_order", "tidy_known_names"]

#: Columns ``workforce.csv`` must have; every other column is a staff attribute.
WORKFORCE_COLUMNS = ("team", "headcount")


def tidy_workforce(raw, *, vocabularies: StudyVocabularies | None = None, found: Collector) -> pd.DataFrame:
    """Validate ``workforce.csv``: attributes in the study's vocabularies, headcount >= 0,
    each combination of attributes once."""
    vocabularies = vocabularies if vocabularies is not None else StudyVocabularies()
    require_columns(raw, WORKFORCE_COLUMNS, found=found)
    out: dict[str, object] = {}
    attributes = [c for c in raw.frame.columns if c != "headcount"]
    for column in attributes:
        vocab = vocabularies.declared.get(column)
        if vocab is not None:
            out[column] = to_category(raw, column, vocab.levels, ordered=vocab.ordered, found=found,
                                      what=vocabularies.label(column).lower())
        else:
            text = to_text(raw, column)
            out[column] = pd.Categorical(text, categories=list(dict.fromkeys(text.dropna())))
        require_values(raw, column, raw.frame[column], found=found, expected=f"a {vocabularies.label(column).lower()}")
    if "headcount" in raw.frame.columns:
        out["headcount"] = to_integer(raw, "headcount", found=found, low=0, what="a headcount")
        require_values(raw, "headcount", raw.frame["headcount"], found=found, expected="a headcount")
    if len(attributes) > 0:
        keys = pd.DataFrame({c: pd.Series(out[c]).astype(object) for c in attributes})
        dup = keys.duplicated(keep="first").to_numpy() & keys.notna().all(axis=1).to_numpy()
        first = {}
        for pos in np.flatnonzero(keys.duplicated(keep=False).to_numpy()):
            first.setdefault(tuple(keys.iloc[pos]), pos)
        names = " and ".join(attributes)
        for pos in np.flatnonzero(dup):
            key = tuple(keys.iloc[pos])
            found.add(raw.file, raw.row(pos), attributes[-1],
                      f"duplicate {names} {key if len(key) > 1 else key[0]!r} (first on row {raw.row(first[key])})",
                      f"unique ({', '.join(attributes)}) pairs" if len(attributes) > 1 else f"unique {names}")
    return pd.DataFrame(out, index=pd.RangeIndex(len(raw)))


def workforce_order(workforce: pd.DataFrame | None) -> dict[str, list[str]]:
    """Each attribute's values in the order ``workforce.csv`` lists them."""
    if workforce is None:
        return {}
    return {c: [str(v) for v in dict.fromkeys(workforce[c].dropna().astype(str))]
            for c in workforce.columns if c != "headcount"}


def tidy_known_names(raw, *, found: Collector) -> list[str]:
    """Names from ``known_names.csv`` (column ``name``), blanks dropped, order kept, no repeats."""
    if not require_columns(raw, ("name",), found=found):
        return []
    names = to_text(raw, "name").dropna()
    return list(dict.fromkeys(names))
