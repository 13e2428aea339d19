"""Helpers every topic's plain-English findings share: numbers as a report prints them.

A published table may hold ``"c"`` (suppressed) where a number was: these helpers read
it as missing, so a finding never quotes a hidden value.

Examples
--------
>>> percent_text(0.534)
'53%'
>>> p_text(0.0004), p_text(0.0213)
('p < 0.001', 'p = 0.021')
>>> import math; math.isnan(as_number("c"))
True
"""
from __future__ import annotations

import math

import pandas as pd

__all__ = ["as_number", "percent_text", "p_text", "best_row", "hidden_counts", "hidden_counts_bullet"]


def as_number(value) -> float:
    """A number, or NaN for a missing or suppressed (``"c"``) value."""
    out = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
    return float(out) if pd.notna(out) else math.nan


def percent_text(value) -> str:
    """A share (0-1) as a whole-number percentage, as reports print it."""
    return f"{as_number(value) * 100:.0f}%"


def p_text(value) -> str:
    """A p-value as journals print it: ``p < 0.001`` or three decimals."""
    p = as_number(value)
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def best_row(table: pd.DataFrame | None, column: str):
    """The row with the largest published value of ``column``, or ``None``.

    ``None`` when nothing is published or the best value is 0 (nobody chose anything
    that can be shown): there is no "top" to name.

    Examples
    --------
    >>> t = pd.DataFrame({"label": ["A", "B"], "share": ["c", 0.4]})
    >>> best_row(t, "share")["label"]
    'B'
    """
    if table is None or table.empty or column not in table.columns:
        return None
    values = pd.to_numeric(table[column], errors="coerce")
    if values.notna().sum() == 0 or values.max() <= 0:
        return None
    return table.loc[values.idxmax()]


def hidden_counts(min_cell: int) -> str:
    """Which counts a report hides, in words, following the study's ``min_cell``.

    Examples
    --------
    >>> hidden_counts(5), hidden_counts(10), hidden_counts(2)
    ('counts from 1 to 4', 'counts from 1 to 9', 'counts of 1')
    """
    return f"counts from 1 to {min_cell - 1}" if min_cell > 2 else "counts of 1"


def hidden_counts_bullet(min_cell: int) -> str:
    """The reading-guide bullet about "c", as every topic's report states it (Markdown).

    Examples
    --------
    >>> "1 to 9" in hidden_counts_bullet(10)
    True
    """
    return (f'- **"c"**: a number hidden to protect confidentiality: {hidden_counts(min_cell)}, and anything '
            "that would let you work them out (a share, a total, another cell of the same total).")

