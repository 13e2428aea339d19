"""Reading raw tables: CSV (UTF-8, UTF-8 with BOM, cp1252), XLSX, SPSS ``.sav``, Qualtrics.

Every reader returns a :class:`RawTable`: the cells as text (blank = missing), the file's
name relative to the study folder, and the spreadsheet row number of the first data row,
so every problem can say ``file:row:column``. Files are opened read-only.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "t.csv").write_bytes("id,town\\n1,Bézier\\n".encode("cp1252"))
>>> found = Collector()
>>> raw = read_table(d / "t.csv", file="t.csv", found=found)
>>> raw.frame["town"].tolist(), raw.encoding, raw.row(0)
(['Bézier'], 'cp1252', 2)
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .checks import Collector

__all__ = ["TABLE_SUFFIXES", "RawTable", "find_table", "decode_csv_bytes", "read_table"]

#: Table formats a section file may take, in the order they are looked for.
TABLE_SUFFIXES: tuple[str, ...] = (".csv", ".xlsx", ".sav")

_IMPORT_ID = re.compile(r'^\s*\{\s*"ImportId"\s*:')
_REAL_UTF8 = re.compile("[^\x00-\x7f\udc80-\udcff]")


@dataclass
class RawTable:
    """Cells of one table as text (object columns, None or NaN for blank), with where they came from."""

    file: str
    frame: pd.DataFrame
    #: spreadsheet row number of the first data row (2; 4 for a Qualtrics export)
    first_row: int = 2
    encoding: str | None = None
    #: spreadsheet row number of each data row, when rows were skipped (blank lines)
    rows: np.ndarray | None = None

    def row(self, position: int) -> int:
        """Spreadsheet row number (header = 1) of the data row at ``position``."""
        if self.rows is not None:
            return int(self.rows[position])
        return int(position) + self.first_row

    def __len__(self) -> int:
        return len(self.frame)


def find_table(path: Path) -> Path | None:
    """``path`` if it exists, else the same name with another table suffix, else None."""
    if path.exists():
        return path
    for suffix in TABLE_SUFFIXES:
        other = path.with_suffix(suffix)
        if other.exists():
            return other
    return None


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_csv_bytes(data: bytes, *, file: str, found: Collector) -> str | None:
    """The encoding of CSV bytes: ``utf-8-sig`` or ``cp1252``; None (and a problem) if neither.

    UTF-8 is tried first. A file that is valid UTF-8 in places but not everywhere is
    broken UTF-8, not cp1252: the bad bytes are reported on their row.
    """
    try:
        data.decode("utf-8-sig")
        return "utf-8-sig"
    except UnicodeDecodeError as err:
        utf8_error = err
    text = data.decode("utf-8", errors="surrogateescape")
    if not _REAL_UTF8.search(text):
        try:
            data.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError as err:
            utf8_error = err
    bad = data[utf8_error.start:utf8_error.end]
    found.add(file, _line_of(data, utf8_error.start), None,
              f"undecodable bytes {bad.hex(' ')} at byte {utf8_error.start}",
              "text in UTF-8 or Windows-1252 (cp1252)")
    return None


def _read_csv(path: Path, file: str, found: Collector) -> RawTable | None:
    with open(path, "rb") as handle:  # read-only: raw data are immutable
        data = handle.read()
    if not data or data.isspace():
        found.add(file, None, None, "the file is empty", "a header row and data rows")
        return None
    encoding = decode_csv_bytes(data, file=file, found=found)
    if encoding is None:
        return None
    header = next(csv.reader([data.split(b"\n", 1)[0].decode(encoding).rstrip("\r")]), [])
    names = [h.strip() for h in header]
    for column in sorted({n for n in names if names.count(n) > 1}):
        found.add(file, 1, column, f"duplicate column {column!r}", "each column name once")
    # Blank lines are rows a spreadsheet shows; keep them while reading so row numbers stay true.
    blank_lines = b"\n\n" in data or b"\n\r\n" in data
    try:
        frame = pd.read_csv(io.BytesIO(data), encoding=encoding, dtype=object, keep_default_na=False,
                            na_values=[""], skip_blank_lines=not blank_lines)
    except (pd.errors.ParserError, ValueError) as err:
        match = re.search(r"line (\d+)", str(err))
        found.add(file, int(match.group(1)) if match else None, None, f"unreadable CSV: {err}",
                  "comma-separated values with one header row")
        return None
    raw = RawTable(file, frame, 2, encoding)
    if blank_lines:
        empty = frame.isna().all(axis=1).to_numpy()
        raw.rows = np.flatnonzero(~empty) + 2
        raw.frame = frame.loc[~empty].reset_index(drop=True)
    return _skip_qualtrics_rows(raw)


def _skip_qualtrics_rows(raw: RawTable) -> RawTable:
    """Drop the question-text and ImportId rows of a Qualtrics export, keeping row numbers."""
    frame = raw.frame
    for pos in range(min(2, len(frame))):
        cells = frame.iloc[pos].dropna().astype(str)
        if cells.str.match(_IMPORT_ID).any():
            rows = raw.rows if raw.rows is not None else np.arange(len(frame)) + raw.first_row
            raw.rows = rows[pos + 1:]
            raw.first_row = int(raw.rows[0]) if len(raw.rows) else raw.first_row + pos + 1
            raw.frame = frame.iloc[pos + 1:].reset_index(drop=True)
            break
    return raw


def _cells_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells of a spreadsheet or SPSS file as text, whole numbers without ``.0``."""
    out = {}
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_float_dtype(values):
            finite = values.dropna()
            if len(finite) and np.all(np.mod(finite, 1) == 0):
                values = values.astype("Int64")
        if pd.api.types.is_datetime64_any_dtype(values):
            values = values.dt.strftime("%Y-%m-%d")
        out[str(column).strip()] = values.astype("str").astype(object).where(values.notna(), None)
    return pd.DataFrame(out)


def _read_xlsx(path: Path, file: str, found: Collector) -> RawTable | None:
    try:
        # header=None: pandas would rename a repeated header ("team.1"); we report it instead.
        cells = pd.read_excel(path, sheet_name=0, engine="openpyxl", header=None)
    except Exception as err:  # openpyxl raises many types for a broken workbook
        found.add(file, None, None, f"unreadable Excel workbook: {err}", "an .xlsx workbook")
        return None
    if cells.empty:
        found.add(file, None, None, "the file is empty", "a header row and data rows")
        return None
    names = [str(n).strip() if pd.notna(n) else f"Unnamed: {i}" for i, n in enumerate(cells.iloc[0])]
    for column in sorted({n for n in names if names.count(n) > 1}):
        found.add(file, 1, column, f"duplicate column {column!r}", "each column name once")
    frame = cells.iloc[1:].reset_index(drop=True)
    frame.columns = range(len(names))
    frame = _cells_as_text(frame.infer_objects())
    frame.columns = names
    # A repeated column (reported above) is dropped so each name selects one column.
    frame = frame.loc[:, ~frame.columns.duplicated()]
    return RawTable(file, frame, 2, None)


def _read_sav(path: Path, file: str, found: Collector) -> RawTable | None:
    import pyreadstat

    try:
        # Value labels applied: coded answers arrive as their labels.
        frame, _meta = pyreadstat.read_sav(str(path), apply_value_formats=True)
    except Exception as err:  # pyreadstat.ReadstatError and OSError
        found.add(file, None, None, f"unreadable SPSS file: {err}", "an SPSS .sav file")
        return None
    return RawTable(file, _cells_as_text(frame), 2, None)


def read_table(path: str | Path, *, file: str, found: Collector) -> RawTable | None:
    """Read a CSV, XLSX or SAV table as text cells; problems go to ``found``.

    Returns None when the file cannot be read (the reason is recorded). Column names are
    stripped of surrounding space.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        raw = _read_xlsx(path, file, found)
    elif suffix == ".sav":
        raw = _read_sav(path, file, found)
    else:
        raw = _read_csv(path, file, found)
    if raw is not None:
        raw.frame.columns = [str(c).strip() for c in raw.frame.columns]
    return raw
