"""Vectorised checks shared by the section loaders, and the problem collector.

Every check maps the *unique* values of a column once and finds problem rows with numpy
masks, so validating 100,000 respondents costs about as much as reading them. Each check
records a :class:`~cpdresearch.errors.Problem` per bad cell and returns the typed column.

Examples
--------
>>> import pandas as pd
>>> from cpdresearch.io.tables import RawTable
>>> raw = RawTable("x.csv", pd.DataFrame({"team": ["MASH", " mash", "Nowhere", None]}))
>>> found = Collector()
>>> to_category(raw, "team", ["MASH", "Early Help"], found=found).tolist()
['MASH', 'MASH', nan, nan]
>>> [str(p) for p in found.problems]
["x.csv:4:team: unknown value 'Nowhere'; expected one of MASH, Early Help"]
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import Problem

__all__ = [
    "INVALID", "Collector", "map_unique", "to_category", "to_scale", "to_non_substantive", "to_flag", "to_yes_no", "to_date",
    "to_integer", "to_text", "require_columns", "require_values", "unique_ids", "must_exist",
    "warn_unknown_columns",
]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$")

#: Sentinel a lookup returns for a value that is neither valid nor missing.
INVALID = object()


@dataclass
class Collector:
    """Collects every problem and warning across all files, and every file read."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)

    def add(self, file: str, row: int | None, column: str | None, message: str,
            expected: str | None = None) -> None:
        self.problems.append(Problem(file, row, column, message, expected))

    def warn(self, file: str, message: str) -> None:
        self.warnings.append(f"{file}: {message}")


def _expected_list(values: Iterable[str], limit: int = 12) -> str:
    values = list(values)
    shown = ", ".join(str(v) for v in values[:limit])
    return f"one of {shown}" + (", ..." if len(values) > limit else "")


def map_unique(raw, column: str, lookup: Callable[[str], object], *, found: Collector,
               expected: str, message: str = "unknown value {value!r}") -> tuple[np.ndarray, np.ndarray]:
    """Apply ``lookup`` to each distinct stripped value of ``column`` once.

    ``lookup`` returns the parsed value, ``None`` for missing, or :data:`INVALID`.
    Returns ``(codes, parsed_uniques)``: ``codes[i]`` indexes ``parsed_uniques`` for row
    ``i`` (-1 where the cell is blank, missing or invalid). Invalid cells become problems.
    """
    codes, uniques = pd.factorize(raw.frame[column], use_na_sentinel=True)
    uniques = np.asarray(uniques, dtype=object)  # iterating a numpy array is far faster than an ExtensionArray
    parsed = np.empty(len(uniques), dtype=object)
    bad = np.zeros(len(uniques), dtype=bool)
    missing = np.zeros(len(uniques), dtype=bool)
    for i, value in enumerate(uniques):
        text = str(value).strip()
        result = None if text == "" else lookup(text)
        if result is INVALID:
            bad[i] = True
        elif result is None:
            missing[i] = True
        parsed[i] = result
    valid = codes >= 0
    if bad.any():
        rows = np.flatnonzero(valid & bad[np.where(valid, codes, 0)])
        for pos in rows:
            value = str(uniques[codes[pos]]).strip()
            found.add(raw.file, raw.row(pos), column, message.format(value=value), expected)
    drop = bad | missing
    if drop.any():
        codes = np.where(valid & ~drop[np.where(valid, codes, 0)], codes, -1)
    return codes, parsed


def to_category(raw, column: str, levels: Iterable[str], *, found: Collector, ordered: bool = False,
                missing: Iterable[str] = (), what: str = "value") -> pd.Categorical:
    """A column as a categorical of ``levels``, matched case-insensitively.

    Labels in ``missing`` read as missing; anything else outside ``levels`` is a problem.
    """
    levels = list(levels)
    by_key = {str(lv).casefold(): i for i, lv in enumerate(levels)}
    missing_keys = {m.casefold() for m in missing}

    def lookup(text: str):
        key = text.casefold()
        if key in by_key:
            return by_key[key]
        return None if key in missing_keys else INVALID

    codes, parsed = map_unique(raw, column, lookup, found=found, expected=_expected_list(levels),
                               message=f"unknown {what} {{value!r}}")
    target = np.array([-1 if p is None or p is INVALID else p for p in parsed] + [-1], dtype=np.int64)
    return pd.Categorical.from_codes(target[codes], categories=levels, ordered=ordered)


def to_scale(raw, column: str, scale, *, found: Collector) -> pd.Categorical:
    """A Likert column as an ordered categorical of ``scale``'s labels (codes or labels in)."""
    from ..instrument import UnknownAnswer

    index = {label: i for i, label in enumerate(scale.labels)}

    def lookup(text: str):
        try:
            label = scale.parse(text)
        except UnknownAnswer:
            return INVALID
        return None if label is None else index[label]

    codes, parsed = map_unique(raw, column, lookup, found=found, expected=scale.expected(),
                               message="unknown answer {value!r}")
    target = np.array([-1 if p is None or p is INVALID else p for p in parsed] + [-1], dtype=np.int64)
    return pd.Categorical.from_codes(target[codes], dtype=scale.dtype)


def to_non_substantive(raw, column: str, scale) -> pd.Categorical:
    """Which non-substantive answer ("Don't know", "Not applicable", ...) each cell of a
    Likert column holds, as a categorical of ``scale.missing_labels``; NaN for ratings,
    blanks and anything else (problems are reported by :func:`to_scale`)."""
    index = {label: i for i, label in enumerate(scale.missing_labels)}

    def lookup(text: str):
        label = scale.non_substantive(text)
        return None if label is None else index[label]

    codes, parsed = map_unique(raw, column, lookup, found=Collector(), expected="")
    target = np.array([-1 if p is None or p is INVALID else p for p in parsed] + [-1], dtype=np.int64)
    return pd.Categorical.from_codes(target[codes], dtype=scale.missing_dtype)


_TRUE = {"1", "1.0", "yes", "y", "true", "x", "ticked", "selected"}
_FALSE = {"0", "0.0", "no", "n", "false"}


def to_flag(raw, column: str, *, found: Collector) -> np.ndarray:
    """A tick-box column as booleans: 1/yes/true/x ticked; 0/no/false/blank not ticked."""

    def lookup(text: str):
        key = text.casefold()
        if key in _TRUE:
            return True
        return False if key in _FALSE else INVALID

    codes, parsed = map_unique(raw, column, lookup, found=found,
                               expected="1/0, yes/no, true/false, x or blank")
    target = np.array([p is True for p in parsed] + [False], dtype=bool)
    return target[codes]


def to_yes_no(raw, column: str, *, found: Collector) -> pd.Series:
    """A yes/no answer as a nullable boolean (blank is missing)."""

    def lookup(text: str):
        key = text.casefold()
        if key in {"yes", "y", "true", "1"}:
            return True
        return False if key in {"no", "n", "false", "0"} else INVALID

    codes, parsed = map_unique(raw, column, lookup, found=found, expected="yes, no or blank")
    values = np.array([p is True for p in parsed] + [False], dtype=bool)[codes]
    return pd.Series(pd.array(values, dtype="boolean")).mask(codes < 0)


def to_date(raw, column: str, *, found: Collector) -> np.ndarray:
    """An ISO date column (``2025-03-31``) as ``datetime64[ns]``; other forms are problems."""

    def lookup(text: str):
        if not _ISO_DATE.match(text):  # "2025" or "04/03/2025" are ambiguous, not ISO dates
            return INVALID
        try:
            return pd.Timestamp(pd.to_datetime(text, format="ISO8601"))
        except (ValueError, TypeError, OverflowError):
            return INVALID

    codes, parsed = map_unique(raw, column, lookup, found=found, expected="an ISO date YYYY-MM-DD",
                               message="bad date {value!r}")
    target = np.array([np.datetime64("NaT", "ns") if p is None or p is INVALID
                       else np.datetime64(p.tz_localize(None) if p.tzinfo else p, "ns") for p in parsed]
                      + [np.datetime64("NaT", "ns")], dtype="datetime64[ns]")
    return target[codes]


def to_integer(raw, column: str, *, found: Collector, low: int | None = None, high: int | None = None,
               what: str = "an integer") -> pd.Series:
    """An integer column (nullable ``Int64``) within ``[low, high]``."""
    expected = what
    if low is not None and high is not None:
        expected = f"{what} from {low} to {high}"
    elif low is not None:
        expected = f"{what} >= {low}"

    def lookup(text: str):
        try:
            number = float(text)
        except ValueError:
            return INVALID
        if not number.is_integer():
            return INVALID
        number = int(number)
        if (low is not None and number < low) or (high is not None and number > high):
            return INVALID
        return number

    codes, parsed = map_unique(raw, column, lookup, found=found, expected=expected,
                               message="{value!r} is not valid")
    values = np.array([0 if p is None or p is INVALID else p for p in parsed] + [0], dtype=np.int64)[codes]
    return pd.Series(pd.array(values, dtype="Int64")).mask(codes < 0)


def to_text(raw, column: str) -> pd.Series:
    """A text column stripped of surrounding space; blank is missing."""
    stripped = raw.frame[column].reset_index(drop=True).astype("str").str.strip()
    return stripped.mask(stripped == "")


def require_columns(raw, columns: Iterable[str], *, found: Collector) -> bool:
    """Record a problem for each required column that is absent; True when all are present."""
    ok = True
    for column in columns:
        if column not in raw.frame.columns:
            found.add(raw.file, 1, column, "missing required column", f"a column named {column!r}")
            ok = False
    return ok


def require_values(raw, column: str, values: pd.Series, *, found: Collector, expected: str = "a value") -> None:
    """Record a problem for each blank cell of a required column."""
    for pos in np.flatnonzero(values.isna().to_numpy()):
        found.add(raw.file, raw.row(pos), column, "missing value", expected)


def unique_ids(raw, column: str, values: pd.Series, *, found: Collector) -> None:
    """Record a problem for each repeat of an id (the first occurrence is kept)."""
    present = values.notna().to_numpy()
    dup = values.duplicated(keep="first").to_numpy() & present
    if not dup.any():
        return
    first = {}
    for pos in np.flatnonzero(present & values.duplicated(keep=False).to_numpy()):
        first.setdefault(values.iat[pos], pos)
    for pos in np.flatnonzero(dup):
        value = values.iat[pos]
        found.add(raw.file, raw.row(pos), column, f"duplicate {column} {value!r} (first on row {raw.row(first[value])})",
                  f"unique values of {column}")


def must_exist(raw, column: str, values: pd.Series, known: Iterable, *, found: Collector, what: str) -> None:
    """Record a problem for each non-blank value that is not in ``known`` (a reference)."""
    known = set(known)
    arr = values.to_numpy(dtype=object)
    present = values.notna().to_numpy()
    bad = present & ~values.isin(known).to_numpy()
    for pos in np.flatnonzero(bad):
        found.add(raw.file, raw.row(pos), column, f"{what} {arr[pos]!r} does not exist",
                  _expected_list(sorted(map(str, known))) if known else f"a {what} that exists")


def warn_unknown_columns(raw, known: Iterable[str], *, found: Collector) -> None:
    """Unknown extra columns are kept; say so once per file."""
    known = set(known)
    extra = [c for c in raw.frame.columns if c not in known]
    if extra:
        found.warn(raw.file, f"unknown column{'s' if len(extra) > 1 else ''} kept: {', '.join(map(str, extra))}")
