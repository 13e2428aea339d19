"""``tables.xlsx``: the run's published tables as one workbook, which is what analysts forward.

The first sheet is the run's summary (key figures per cohort and notebook), the second
lists every other sheet; then one sheet per published table of each cohort, in cohort
order. Cells are written from the published CSVs (already suppressed, and with text a
spreadsheet would evaluate already neutralised by :func:`cpdresearch.outputs.write_table`);
every text cell is written as text, never as a formula.

Examples
--------
>>> sheet_name("protection_court", "group_differences", taken=set())
'protection_court-group_differen'
>>> sheet_name("a", "b", taken={"a-b"})
'a-b (2)'
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..outputs import atomic_path
from ..report.safe_text import spreadsheet_safe
from .manifest import summary_table

__all__ = ["WORKBOOK", "sheet_name", "write_workbook"]

#: File name of the run's workbook, in the run folder.
WORKBOOK = "tables.xlsx"

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")

#: Columns holding proportions (0-1), shown as percentages in the workbook; ``ci_low`` and
#: ``ci_high`` too where they bound a share (a sheet with ``share`` and no ``mean``).
_SHARE_COLUMNS = {"share", "response_rate", "wish_share", "wish_ci_low", "wish_ci_high", "top_share",
                  "top_ci_low", "top_ci_high", "coverage"}


def sheet_name(cohort: str, table: str, *, taken: set) -> str:
    """A unique Excel sheet name (at most 31 characters, none of ``[]:*?/\\``)."""
    base = _BAD_SHEET_CHARS.sub("_", f"{cohort}-{table}")[:31]
    name, k = base, 2
    while name in taken:
        suffix = f" ({k})"
        name, k = base[:31 - len(suffix)] + suffix, k + 1
    taken.add(name)
    return name


def _write_sheet(ws, table: pd.DataFrame) -> None:
    ws.append([str(c) for c in table.columns])
    for row in table.itertuples(index=False):
        ws.append([None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in row])
    from openpyxl.styles import Alignment, Font, PatternFill

    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                # openpyxl stores a string that starts with "=" as a formula: say it is text.
                cell.value = spreadsheet_safe(cell.value)
                cell.data_type = "s"
    # Formatted to be forwarded as it is: a bold shaded header that stays in view, columns
    # as wide as their content (within reason), long text wrapped, shares as percentages.
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    headers = {str(c.value) for c in ws[1]}
    share_ci = "share" in headers and "mean" not in headers
    for column_cells in ws.columns:
        header = str(column_cells[0].value or "")
        width = max([len(header)] + [len(str(c.value)) for c in column_cells[1:] if c.value is not None])
        ws.column_dimensions[column_cells[0].column_letter].width = min(max(width + 2, 8), 60)
        is_share = (header in _SHARE_COLUMNS or header.endswith("_share")
                    or (share_ci and header in ("ci_low", "ci_high")))
        for cell in column_cells[1:]:
            if is_share and isinstance(cell.value, float):
                cell.number_format = "0%"
            if isinstance(cell.value, str) and len(cell.value) > 60:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"


def write_workbook(run_dir: str | Path, manifest: dict, *, cohort_order: list[str] | None = None) -> Path:
    """Write ``tables.xlsx`` for a run folder atomically and return its path.

    Parameters
    ----------
    run_dir : str or pathlib.Path
        ``papermill_runs/<run_id>``.
    manifest : dict
        The run's manifest: which cohorts and notebooks succeeded.
    cohort_order : list of str, optional
        Cohorts in the study's order (cohorts.yml); the sheets follow it.
    """
    from openpyxl import Workbook

    run_dir = Path(run_dir)
    book = Workbook()
    summary = book.active
    summary.title = "Summary"
    _write_sheet(summary, summary_table(manifest))
    contents = book.create_sheet("Contents")
    listing = []
    taken = {"Summary", "Contents"}
    done = {r["cohort"] for r in manifest.get("runs", []) if r.get("status") == "succeeded"}
    order = list(cohort_order or []) + sorted(done - set(cohort_order or []))
    cohorts = [c for c in order if c in done]
    for cohort in cohorts:
        for path in sorted((run_dir / cohort / "tables").glob("*.csv")):
            try:
                table = pd.read_csv(path, keep_default_na=False, na_values=[""])
            except pd.errors.EmptyDataError:
                continue
            name = sheet_name(cohort, path.stem, taken=taken)
            _write_sheet(book.create_sheet(name), table)
            listing.append({"sheet": name, "cohort": cohort, "table": path.stem,
                            "file": path.relative_to(run_dir).as_posix()})
    _write_sheet(contents, pd.DataFrame(listing, columns=["sheet", "cohort", "table", "file"]))
    target = run_dir / WORKBOOK
    with atomic_path(target, suffix=".xlsx") as tmp:
        book.save(tmp)
    return target
