"""Staff attributes shared by every section that describes people (survey respondents,
evaluation delegates, learning needs): team, role and career stage, typed.

Examples
--------
>>> import pandas as pd
>>> from cpdresearch.io.tables import RawTable
>>> from cpdresearch.io.checks import Collector
>>> raw = RawTable("x.csv", pd.DataFrame({"team": ["A", "B"]}))
>>> frame, found = {}, Collector()
>>> tidy_attributes(raw, frame, teams=["A", "B"], found=found, required=True)
>>> frame["team"].tolist(), found.problems
(['A', 'B'], [])
"""
from __future__ import annotations

from .. import frameworks
from .checks import Collector, require_values, to_category

__all__ = ["tidy_attributes"]


def tidy_attributes(raw, frame: dict, *, teams, found: Collector, required: bool) -> None:
    """Type ``team``, ``role``, ``career_stage`` (where present) into ``frame``."""
    specs = {
        "team": (list(teams), False),
        "role": (list(frameworks.ROLES), False),
        "career_stage": (list(frameworks.CAREER_STAGES), True),
    }
    for column, (levels, ordered) in specs.items():
        if column not in raw.frame.columns:
            continue
        values = to_category(raw, column, levels, ordered=ordered, found=found, what=column.replace("_", " "))
        if required:
            require_values(raw, column, raw.frame[column], found=found, expected=f"a {column.replace('_', ' ')}")
        frame[column] = values
