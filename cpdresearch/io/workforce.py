"""Workforce headcount (denominators for response rates) and known names.

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
 "workforce.csv:3:role: duplicate team and role ('Edge of Care', 'Manager') (first on row 2); expected unique (team, role) pairs"]
>>> declared_teams(wf)
['Edge of Care']
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import frameworks
from .checks import Collector, require_columns, require_values, to_category, to_integer, to_text, \
    warn_unknown_columns

__all__ = ["WORKFORCE_COLUMNS", "tidy_workforce", "declared_teams", "teams_with", "tidy_known_names"]

WORKFORCE_COLUMNS = ("team", "role", "headcount")


def tidy_workforce(raw, *, found: Collector) -> pd.DataFrame:
    """Validate ``workforce.csv``: any team name, a known role, headcount >= 0, unique pairs."""
    require_columns(raw, WORKFORCE_COLUMNS, found=found)
    out: dict[str, object] = {}
    if "team" in raw.frame.columns:
        out["team"] = to_text(raw, "team")
        require_values(raw, "team", out["team"], found=found, expected="a team name")
    if "role" in raw.frame.columns:
        out["role"] = to_category(raw, "role", frameworks.ROLES, found=found, what="role")
        require_values(raw, "role", raw.frame["role"], found=found, expected="a role")
    if "headcount" in raw.frame.columns:
        out["headcount"] = to_integer(raw, "headcount", found=found, low=0, what="a headcount")
        require_values(raw, "headcount", raw.frame["headcount"], found=found, expected="a headcount")
    if "team" in out and "role" in out:
        pairs = pd.DataFrame({"team": out["team"], "role": pd.Series(out["role"]).astype(object)})
        dup = pairs.duplicated(keep="first").to_numpy() & pairs.notna().all(axis=1).to_numpy()
        first = {}
        for pos in np.flatnonzero(pairs.duplicated(keep=False).to_numpy()):
            first.setdefault((pairs["team"].iat[pos], pairs["role"].iat[pos]), pos)
        for pos in np.flatnonzero(dup):
            key = (pairs["team"].iat[pos], pairs["role"].iat[pos])
            found.add(raw.file, raw.row(pos), "role", f"duplicate team and role {key} (first on row {raw.row(first[key])})",
                      "unique (team, role) pairs")
    warn_unknown_columns(raw, WORKFORCE_COLUMNS, found=found)
    for column in raw.frame.columns:
        if column not in out:
            out[column] = to_text(raw, column)
    frame = pd.DataFrame(out, index=pd.RangeIndex(len(raw)))
    if "team" in frame:
        frame["team"] = pd.Categorical(frame["team"], categories=teams_with(declared_teams(frame)))
    return frame


def declared_teams(workforce: pd.DataFrame | None) -> list[str]:
    """Teams named in ``workforce.csv`` that are not in :data:`frameworks.TEAMS`, in file order."""
    if workforce is None or "team" not in workforce:
        return []
    extra = []
    for team in workforce["team"].dropna().astype(str):
        if team not in frameworks.TEAMS and team not in extra:
            extra.append(team)
    return extra


def teams_with(extra) -> list[str]:
    """The frameworks' teams followed by any declared extra teams."""
    return list(frameworks.TEAMS) + [t for t in extra if t not in frameworks.TEAMS]


def tidy_known_names(raw, *, found: Collector) -> list[str]:
    """Names from ``known_names.csv`` (column ``name``), blanks dropped, order kept, no repeats."""
    if not require_columns(raw, ("name",), found=found):
        return []
    names = to_text(raw, "name").dropna()
    return list(dict.fromkeys(names))
