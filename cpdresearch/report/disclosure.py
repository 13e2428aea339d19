"""Statistical disclosure control for published tables.

Counts from 1 to ``min_cell - 1`` are shown as ``"c"`` (primary suppression); where a
suppressed count could be worked out from a total, the next-smallest count in that row
or column is suppressed as well (secondary suppression); percentages and intervals
computed from a suppressed count are suppressed with it. Zeros stay visible: a zero
reveals nobody.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import DataError, Problem

__all__ = ["SUPPRESSED", "suppress_small_cells", "suppress_small_groups", "protect_line", "protect_grid", "protect_lines"]

#: What a suppressed cell shows (the ONS / DfE convention).
SUPPRESSED = "c"

_TABLE = "<table>"


def _is_suppressed(value) -> bool:
    return isinstance(value, str) and value.strip().lower() == SUPPRESSED


def _looks_like_counts(series: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(series):
        return False
    if pd.api.types.is_integer_dtype(series):
        return True
    if series.dtype == object:  # e.g. an already suppressed column: ints and "c"
        values = series.dropna()
        return len(values) > 0 and all(
            _is_suppressed(v) or (isinstance(v, (int, np.integer)) and not isinstance(v, bool)) for v in values)
    return False


def _read_counts(table: pd.DataFrame, columns: list) -> tuple[np.ndarray, np.ndarray]:
    """Counts as floats (NaN where missing or already "c") and the already-suppressed mask."""
    values = np.full((len(table), len(columns)), np.nan)
    suppressed = np.zeros(values.shape, dtype=bool)
    problems = []
    for j, col in enumerate(columns):
        for i, v in enumerate(table[col].tolist()):
            if _is_suppressed(v):
                suppressed[i, j] = True
                continue
            if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
                continue
            try:
                x = float(v)
            except (TypeError, ValueError):
                problems.append(Problem(_TABLE, i + 2, str(col), f"{v!r} is not a count", "a whole number or 'c'"))
                continue
            if x < 0 or x != np.floor(x):
                problems.append(Problem(_TABLE, i + 2, str(col), f"{v!r} is not a count", "a whole number >= 0"))
                continue
            values[i, j] = x
    if problems:
        raise DataError(problems)
    return values, suppressed


def _locate_total_row(table: pd.DataFrame, total_row, count_columns) -> int | None:
    if total_row is None:
        return None
    hits = np.flatnonzero(table.index == total_row) if total_row in table.index else []
    if len(hits) == 0:  # a label in a row-label column, e.g. option == "Total"
        for col in table.columns:
            if col in count_columns:
                continue
            hits = np.flatnonzero(table[col].astype(object).eq(total_row).to_numpy())
            if len(hits):
                break
    if len(hits) != 1:
        raise ValueError(f"total_row {total_row!r} must name exactly one row (index label or row label)")
    return int(hits[0])


def _secondary(values: np.ndarray, suppressed: np.ndarray, lines: list[list[tuple[int, int]]],
               min_total: float = 0, free: np.ndarray | None = None) -> None:
    """Suppress further cells until no line is exposed (in place).

    A line is exposed when it has exactly one suppressed cell (total minus the shown
    cells gives it back), or when its suppressed cells add up to less than
    ``min_total`` (two hidden cells adding up to 2 are both 1; adding up to 3 they are
    1 and 2). In an exposed line the cell suppressed next is, first, one that also sits
    in another exposed line (one cell protects two lines), then the smallest non-zero
    count. Zeros are never suppressed: if only zeros are left, the suppressed counts
    add up to the line's total, which is then itself small. A ``free`` cell is unknown
    to the reader without needing protection (a large count that is not published): a
    line holding one is never exposed.
    """
    # Each line's hidden cells are counted as cells are hidden, so that checking a line
    # costs nothing however long it is (the lines of a whole study run to thousands).
    lines_of: dict[tuple[int, int], list[int]] = {}
    for k, line in enumerate(lines):
        for cell in line:
            lines_of.setdefault(cell, []).append(k)
    n_hidden = [0] * len(lines)
    sum_hidden = [0.0] * len(lines)
    unknown = [False] * len(lines)  # a cell hidden before this call, its value not known
    for k, line in enumerate(lines):
        for c in line:
            if free is not None and free[c]:
                unknown[k] = True
                n_hidden[k] += 2  # never exposed
            elif suppressed[c]:
                n_hidden[k] += 1
                if np.isnan(values[c]):
                    unknown[k] = True
                else:
                    sum_hidden[k] += values[c]

    def exposed(k: int) -> bool:
        if n_hidden[k] == 1:
            return True
        if n_hidden[k] < 2 or unknown[k]:
            return False  # cells hidden before this call: the call that hid them judged them
        return sum_hidden[k] < min_total

    def hide(cell) -> None:
        suppressed[cell] = True
        for k in lines_of[cell]:
            n_hidden[k] += 1
            sum_hidden[k] += values[cell]

    changed = True
    while changed:
        changed = False
        for k, line in enumerate(lines):
            if not exposed(k):
                continue
            candidates = [c for c in line if not suppressed[c] and values[c] > 0  # NaN > 0 is False
                          and (free is None or not free[c])]
            if not candidates:
                continue

            def cost(cell):
                others = sum(exposed(other) for other in lines_of[cell] if other != k)
                return (-others, values[cell])

            hide(min(candidates, key=cost))
            changed = True


def suppress_small_cells(
    table: pd.DataFrame,
    *,
    min_cell: int = 5,
    count_columns: Sequence | None = None,
    percent_columns: Mapping | None = None,
    total_row=None,
    total_column=None,
    total_known: bool | None = None,
) -> pd.DataFrame:
    """Hide small counts, and whatever would reveal them, before a table is published.

    Parameters
    ----------
    table : pandas.DataFrame
        Either a long table with one count column (``option, count, share``) or a wide
        cross-tab with one count column per option (``team`` x options). Cells already
        showing ``"c"`` count as suppressed, so the function is idempotent.
    min_cell : int
        Counts from 1 to ``min_cell - 1`` become ``"c"``; 0 stays 0.
    count_columns : list, optional
        The count columns. By default every integer column (and every column holding
        only whole numbers and ``"c"``), except those in ``percent_columns``. Two or more
        count columns are read as one cross-tab (rows and columns are lines), so name
        the column when a long table also holds other integers (a group's ``n``, a year).
    percent_columns : dict, optional
        ``{derived column: count column}``: a derived value (share, percentage, interval
        bound) is suppressed in every row where its count is, e.g.
        ``{"share": "count", "ci_low": "count", "ci_high": "count"}``.
    total_row : label, optional
        The row holding totals: an index label, or a value in a row-label column such as
        ``"Total"`` in ``option``. Its counts are subject to suppression too.
    total_column : label, optional
        The column holding row totals in a cross-tab.
    total_known : bool, optional
        Long tables only: whether the total of the count column is known to readers
        (published elsewhere, or derivable from shares of a total). Defaults to True
        when ``total_row`` is given, else False. Multi-select counts, which do not add
        up to a total, need no secondary suppression.

    Returns
    -------
    pandas.DataFrame
        A copy; columns where ``"c"`` appears become object dtype.

    Notes
    -----
    Secondary suppression: a *line* is a row or a column of a cross-tab (always: its
    margins are usually published elsewhere) or the count column of a long table with a
    known total, together with its total cell when the table has one. While some line
    has exactly one suppressed cell, or suppressed cells adding up to less than
    ``min_cell`` (two hidden cells adding up to 2 would both be 1), another non-zero
    count in that line is suppressed as well (preferring one that also protects another
    line, then the smallest), so no suppressed value equals a published total minus
    published cells, and the hidden part of every total is itself at least ``min_cell``
    (docs/disclosure.md). Zeros are
    never suppressed: in a line whose other counts are all zero the suppressed count
    equals the line's total, which is itself small and must not be published.

    Examples
    --------
    >>> import pandas as pd
    >>> long = pd.DataFrame({"option": ["Mentoring", "Shadowing", "Reading", "Total"],
    ...                      "count": [12, 3, 9, 24], "share": [0.5, 0.125, 0.375, 1.0]})
    >>> suppress_small_cells(long, percent_columns={"share": "count"}, total_row="Total")
          option count share
    0  Mentoring    12   0.5
    1  Shadowing     c     c
    2    Reading     c     c
    3      Total    24   1.0
    >>> wide = pd.DataFrame({"yes": [10, 2, 12], "no": [8, 7, 9], "unsure": [6, 5, 11]},
    ...                     index=["MASH", "Early Help", "CIN"])
    >>> suppress_small_cells(wide)
               yes  no unsure
    MASH         c   8      c
    Early Help   c   7      c
    CIN         12   9     11
    """
    if int(min_cell) != min_cell or min_cell < 2:
        raise ValueError(f"min_cell must be a whole number >= 2, not {min_cell!r}")
    percent_columns = dict(percent_columns or {})
    if count_columns is None:
        count_columns = [c for c in table.columns
                         if c not in percent_columns and _looks_like_counts(table[c])]
    count_columns = list(count_columns)
    if total_column is not None and total_column not in count_columns:
        count_columns.append(total_column)
    missing = [c for c in [*count_columns, *percent_columns, *percent_columns.values()] if c not in table.columns]
    if missing:
        raise KeyError(f"columns not in table: {', '.join(map(str, missing))}")
    bad = [c for c in percent_columns.values() if c not in count_columns]
    if bad:
        raise ValueError(f"percent_columns must point at count columns; not counts: {', '.join(map(str, bad))}")

    values, suppressed = _read_counts(table, count_columns)
    suppressed |= (values >= 1) & (values < min_cell)

    n_rows = len(table)
    t_row = _locate_total_row(table, total_row, count_columns)
    t_col = count_columns.index(total_column) if total_column is not None else None
    cell_cols = [j for j in range(len(count_columns)) if j != t_col]
    cell_rows = [i for i in range(n_rows) if i != t_row]
    lines: list[list[tuple[int, int]]] = []
    if len(cell_cols) >= 2 or t_col is not None:
        for i in range(n_rows):
            lines.append([(i, j) for j in cell_cols] + ([(i, t_col)] if t_col is not None else []))
        for j in range(len(count_columns)):
            lines.append([(i, j) for i in cell_rows] + ([(t_row, j)] if t_row is not None else []))
    elif len(cell_cols) == 1 and (total_known if total_known is not None else t_row is not None):
        j = cell_cols[0]
        lines.append([(i, j) for i in cell_rows] + ([(t_row, j)] if t_row is not None else []))
    _secondary(values, suppressed, lines, min_total=min_cell)

    out = table.copy()
    for j, col in enumerate(count_columns):
        mask = suppressed[:, j]
        if mask.any():
            out[col] = out[col].astype(object)
            out.loc[mask, col] = SUPPRESSED
        for derived, source in percent_columns.items():
            if source == col and mask.any():
                out[derived] = out[derived].astype(object)
                out.loc[mask, derived] = SUPPRESSED
    return out


def suppress_small_groups(
    table: pd.DataFrame,
    *,
    n_column: str = "n",
    min_cell: int = 5,
    stat_columns: Sequence | None = None,
) -> pd.DataFrame:
    """Blank the statistics of groups too small to publish.

    A mean or SD of fewer than ``min_cell`` people can reveal an individual's answer,
    so for every group with ``1 <= n < min_cell`` the ``n`` and its statistics show as
    ``"c"``.

    Parameters
    ----------
    table : pandas.DataFrame
        Summary table, one row per group.
    n_column : str
        The group size column.
    min_cell : int
        Smallest group size shown.
    stat_columns : list, optional
        The statistics to blank; by default every other numeric column.

    Returns
    -------
    pandas.DataFrame
        A copy; blanked columns become object dtype.

    Examples
    --------
    >>> import pandas as pd
    >>> summary = pd.DataFrame({"team": ["MASH", "CIN"], "n": [14, 3], "mean": [3.9, 2.3], "sd": [0.8, 1.5]})
    >>> suppress_small_groups(summary)
       team   n mean   sd
    0  MASH  14  3.9  0.8
    1   CIN   c    c    c
    """
    if int(min_cell) != min_cell or min_cell < 2:
        raise ValueError(f"min_cell must be a whole number >= 2, not {min_cell!r}")
    if n_column not in table.columns:
        raise KeyError(f"column {n_column!r} not in table")
    if stat_columns is None:
        stat_columns = [c for c in table.columns if c != n_column
                        and pd.api.types.is_numeric_dtype(table[c]) and not pd.api.types.is_bool_dtype(table[c])]
    stat_columns = list(stat_columns)
    values, already = _read_counts(table, [n_column])
    small = already[:, 0] | ((values[:, 0] >= 1) & (values[:, 0] < min_cell))
    out = table.copy()
    if small.any():
        for col in [n_column, *stat_columns]:
            out[col] = out[col].astype(object)
            out.loc[small, col] = SUPPRESSED
    return out


def protect_line(counts: Sequence, hidden: Sequence, *, min_cell: int = 5, public: Sequence | None = None) -> np.ndarray:
    """Secondary suppression of one line whose total is published, some cells already hidden.

    The cells of a line (the groups' counts of one option, adding up to the cohort's)
    may have been hidden by other rules first (a group too small to show, its own
    table's lines), so their values are known here but not shown. Further non-zero
    cells are hidden until the line has no single hidden cell and its hidden cells add
    up to at least ``min_cell`` (as :func:`suppress_small_cells` does for cells it hides
    itself).

    Parameters
    ----------
    counts : sequence of numbers
        The unsuppressed counts of the line's cells (not its total).
    hidden : sequence of bool
        The cells hidden already.
    min_cell : int
    public : sequence of bool, optional
        Cells published elsewhere (a group that has a report of its own): hiding them
        here would protect nothing, so they are never the ones hidden next.

    Returns
    -------
    numpy.ndarray of bool
        The cells to hide: ``hidden`` and those hidden now.

    Examples
    --------
    >>> protect_line([1, 1, 5, 0, 1], [True, True, False, False, True]).tolist()
    [True, True, True, False, True]
    >>> protect_line([3, 6, 8], [False, False, False], public=[False, True, False]).tolist()
    [True, False, True]
    """
    values = np.asarray(pd.to_numeric(pd.Series(list(counts), dtype=object), errors="coerce"), dtype=float)
    values = values.reshape(-1, 1)
    suppressed = np.asarray(list(hidden), dtype=bool).reshape(-1, 1) | ((values >= 1) & (values < min_cell))
    if public is not None:
        values = np.where(np.asarray(list(public), dtype=bool).reshape(-1, 1) & ~suppressed, np.nan, values)
    _secondary(values, suppressed, [[(i, 0) for i in range(len(values))]], min_total=min_cell)
    return suppressed[:, 0]


def protect_grid(counts, hidden=None, *, min_cell: int = 5, row_lines: bool = True,
                 column_totals_shown=None, extra_lines: Sequence = ()) -> np.ndarray:
    """Secondary suppression of a groups x cells table whose rows and columns add up to
    published totals (complementary suppression in two dimensions).

    The rows are groups that split a population (the teams of the whole workforce); the
    columns are cells published for every group (the levels of a question, the options
    of a multi-select). A row adds up to the group's published total and a column to the
    population's published count of that cell, so a hidden count must never be the only
    hidden cell of its row or of its column, and the hidden cells of a line must add up
    to at least ``min_cell``. Counts from 1 to ``min_cell - 1`` are hidden first.

    Every cohort that is one row of such a table (a team's own report) computes the same
    table from the whole study and publishes its row as hidden here, so the whole
    workforce's count minus the other teams' never gives a team's hidden count back
    (docs/disclosure.md, rule 8).

    Parameters
    ----------
    counts : array-like, shape (groups, cells)
        Unsuppressed counts.
    hidden : array-like of bool, optional
        Cells hidden already by other rules (a group too small to show, say).
    min_cell : int
    row_lines : bool, default True
        Whether each row adds up to a published total (the levels of a question do; the
        options of a multi-select, each its own yes/no, do not).
    column_totals_shown : array-like of bool, optional
        Which columns' totals are published (a hidden total is no line a reader can
        use); default all.
    extra_lines : sequence of lists of (row, column)
        Further published sums of cells (a row's "below the middle" count, say).

    Returns
    -------
    numpy.ndarray of bool, shape (groups, cells)

    Examples
    --------
    Three teams' answers at three levels; the first team's 2 is small. Hiding it alone
    would let its row total or its column total give it back, so a second cell of its
    row, and of each column that now holds one hidden cell, is hidden too:

    >>> protect_grid([[2, 9, 7], [6, 8, 9], [7, 5, 6]]).astype(int).tolist()
    [[1, 0, 1], [1, 0, 1], [0, 0, 0]]
    """
    values = np.asarray(pd.DataFrame(counts).apply(pd.to_numeric, errors="coerce"), dtype=float)
    if values.size == 0:
        return np.zeros(values.shape, dtype=bool)
    suppressed = np.zeros(values.shape, dtype=bool) if hidden is None else np.asarray(hidden, dtype=bool).copy()
    suppressed |= (values >= 1) & (values < min_cell)
    rows, cols = values.shape
    shown = np.ones(cols, dtype=bool) if column_totals_shown is None else np.asarray(column_totals_shown, bool)
    lines = [[(i, j) for i in range(rows)] for j in range(cols) if shown[j]]
    if row_lines:
        lines += [[(i, j) for j in range(cols)] for i in range(rows)]
    lines += [list(line) for line in extra_lines]
    _secondary(values, suppressed, lines, min_total=min_cell)
    return suppressed


def protect_lines(counts, lines: Sequence, *, hidden=None, min_cell: int = 5, public=None,
                  unpublished=None) -> np.ndarray:
    """Complementary suppression of any set of cells linked by published sums.

    The general form of :func:`protect_grid`: ``lines`` lists groups of cells whose sum
    a reader knows (a group's levels add up to its answers; the teams' counts of a level
    add up to the whole workforce's, so the whole's cell and the teams' cells form a
    line). Counts from 1 to ``min_cell - 1`` are hidden, then further cells until no line
    has exactly one hidden cell and the hidden cells of each line add up to at least
    ``min_cell``. The cell hidden next is one that protects most exposed lines, then the
    smallest.

    Parameters
    ----------
    counts : sequence of numbers
        Every cell's unsuppressed count.
    lines : sequence of sequences of int
        Cell indices of each line.
    hidden : sequence of bool, optional
        Cells hidden already.
    min_cell : int
    public : sequence of bool, optional
        Cells a report shows whatever this decides (a cohort's own size in its own
        header): never hidden here beyond the primary rule.
    unpublished : sequence of bool, optional
        Cells no report shows (a group too small to break down): unknown to a reader,
        so they protect the lines they are in, and need protecting only when small.

    Returns
    -------
    numpy.ndarray of bool

    Examples
    --------
    The whole (cell 0) is the sum of three teams (cells 1-3); the first team's 3 is small:

    >>> protect_lines([20, 3, 9, 8], [[0, 1, 2, 3]], public=[True, False, False, False]).tolist()
    [False, True, False, True]
    """
    values = np.asarray(pd.to_numeric(pd.Series(list(counts), dtype=object), errors="coerce"), dtype=float)
    values = values.reshape(-1, 1)
    suppressed = np.zeros(values.shape, dtype=bool) if hidden is None else np.asarray(
        list(hidden), dtype=bool).reshape(-1, 1).copy()
    suppressed |= (values >= 1) & (values < min_cell)
    if public is not None:
        values = np.where(np.asarray(list(public), dtype=bool).reshape(-1, 1) & ~suppressed, np.nan, values)
    free = None
    if unpublished is not None:
        free = np.asarray(list(unpublished), dtype=bool).reshape(-1, 1) & ~suppressed
    _secondary(values, suppressed, [[(int(i), 0) for i in line] for line in lines], min_total=min_cell, free=free)
    if free is not None:
        suppressed |= free
    return suppressed[:, 0]
