"""Learning needs from individual learning and development plans (LDPs).

Examples
--------
>>> import pandas as pd
>>> from cpdresearch.io.tables import RawTable
>>> raw = RawTable("learning_needs.csv", pd.DataFrame({
...     "need_id": ["N1"], "staff_id": ["S1"], "team": ["MASH"], "role": ["Manager"],
...     "career_stage": ["Team Manager"], "topic": ["Court skills"], "pcf_domain": ["10"],
...     "priority": ["High"], "preferred_method": ["formal"], "source": ["appraisal"],
...     "date": ["2025-04-01"]}))
>>> found = Collector()
>>> needs = tidy_learning_needs(raw, found=found)
>>> print(found.problems[0])
learning_needs.csv:2:pcf_domain: '10' is not valid; expected a PCF domain from 1 to 9
>>> needs["priority"].tolist()
['high']
"""
from __future__ import annotations

import pandas as pd

from .. import frameworks
from .checks import Collector, require_columns, require_values, to_category, to_date, to_integer, to_text, \
    unique_ids, warn_unknown_columns
from .attributes import tidy_attributes
from .vocabularies import StudyVocabularies

__all__ = ["PRIORITIES", "SOURCES", "NEED_COLUMNS", "tidy_learning_needs"]

PRIORITIES = ("high", "medium", "low")
SOURCES = ("supervision", "appraisal", "audit", "practice_review", "complaint")
NEED_COLUMNS = ("need_id", "staff_id", "team", "role", "career_stage", "topic", "pcf_domain", "priority",
                "preferred_method", "source", "date")


def tidy_learning_needs(raw, *, vocabularies=None, found: Collector) -> pd.DataFrame:
    """Validate and type ``learning_needs.csv`` (one row per learning need)."""
    require_columns(raw, NEED_COLUMNS, found=found)
    out: dict[str, object] = {}
    for column in ("need_id", "staff_id", "topic"):
        if column in raw.frame.columns:
            out[column] = to_text(raw, column)
            require_values(raw, column, out[column], found=found, expected=f"a {column.replace('_', ' ')}")
    if "need_id" in out:
        unique_ids(raw, "need_id", out["need_id"], found=found)
    tidy_attributes(raw, out, vocabularies=vocabularies or StudyVocabularies(), found=found, required=True)
    if "pcf_domain" in raw.frame.columns:
        out["pcf_domain"] = to_integer(raw, "pcf_domain", found=found, low=1, high=9, what="a PCF domain")
        require_values(raw, "pcf_domain", raw.frame["pcf_domain"], found=found, expected="a PCF domain 1-9")
    # priority is ordered high > medium > low; stored low < medium < high so max() is the most urgent.
    enums = {"priority": (PRIORITIES[::-1], True), "preferred_method": (tuple(frameworks.LEARNING_CATEGORIES), False),
             "source": (SOURCES, False)}
    for column, (levels, ordered) in enums.items():
        if column in raw.frame.columns:
            out[column] = to_category(raw, column, levels, ordered=ordered, found=found, what=column.replace("_", " "))
            require_values(raw, column, raw.frame[column], found=found, expected="one of " + ", ".join(levels))
    if "date" in raw.frame.columns:
        out["date"] = to_date(raw, "date", found=found)
        require_values(raw, "date", raw.frame["date"], found=found, expected="an ISO date")
    warn_unknown_columns(raw, NEED_COLUMNS, found=found)
    for column in raw.frame.columns:
        if column not in out:
            out[column] = to_text(raw, column)
    return pd.DataFrame(out, index=pd.RangeIndex(len(raw)))
