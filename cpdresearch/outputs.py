"""Atomic writing of published outputs (tables, figures, key figures).

Every output is written to a temporary file in the same folder, then renamed, so an
interrupted run never leaves a file that looks complete but is not.

Examples
--------
>>> import tempfile, json
>>> d = Path(tempfile.mkdtemp())
>>> _ = write_key_figures(d, "survey", {"n_respondents": 120})
>>> _ = write_key_figures(d, "focus_groups", {"n_sessions": 6})
>>> sorted(json.loads((d / "key_figures.json").read_text()))
['focus_groups', 'survey']
"""
from __future__ import annotations

import json
import math
import re
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["atomic_path", "write_text", "write_table", "write_figure", "write_key_figures", "figure_description",
           "FORMULA_PREFIXES", "spreadsheet_safe", "spreadsheet_safe_table"]

#: Leading characters that make a spreadsheet treat a cell as a formula (OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|\.\d+)([eE][+-]?\d+)?%?$")


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


@contextmanager
def atomic_path(target: str | Path, suffix: str = ""):
    """Yield a temporary path beside ``target``; rename it onto ``target`` on success.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "t.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("done")
    >>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
    ('done', ['t.txt'])
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=suffix or target.suffix)
    os.close(fd)
    try:
        yield Path(tmp)
        # mkstemp creates the file owner-only (0600); published outputs get the mode a
        # plain open() would give, so colleagues on a shared drive can read them.
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(target: str | Path, text: str) -> Path:
    """Write ``text`` to ``target`` atomically (UTF-8).

    Examples
    --------
    >>> import tempfile
    >>> write_text(Path(tempfile.mkdtemp()) / "a" / "note.md", "# Note").read_text()
    '# Note'
    """
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(target)


def write_table(table: pd.DataFrame, target: str | Path) -> Path:
    """Write a published table as CSV atomically (UTF-8, no index).

    Text cells that a spreadsheet would evaluate as a formula are neutralised first
    (:func:`spreadsheet_safe`): study text is untrusted.

    Examples
    --------
    >>> import tempfile
    >>> path = write_table(pd.DataFrame({"answer": ["=1+1 please"], "n": [-2]}), Path(tempfile.mkdtemp()) / "t.csv")
    >>> path.read_text().splitlines()
    ['answer,n', "'=1+1 please,-2"]
    """
    with atomic_path(target) as tmp:
        spreadsheet_safe_table(table).to_csv(tmp, index=False)
    return Path(target)


def figure_description(fig) -> str:
    """What a figure shows, in words, from its own titles and axis labels (its alt text).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_title("Wish list"); _ = ax.set_xlabel("Share of respondents")
    >>> figure_description(fig)
    'Chart: Wish list. Horizontal axis: Share of respondents.'
    >>> plt.close(fig)
    """
    parts = []
    title = fig._suptitle.get_text().strip() if getattr(fig, "_suptitle", None) is not None else ""
    if title:
        parts.append(title)
    for ax in fig.get_axes():
        bits = [ax.get_title().strip()]
        if ax.get_xlabel().strip():
            bits.append(f"Horizontal axis: {ax.get_xlabel().strip()}")
        if ax.get_ylabel().strip():
            bits.append(f"Vertical axis: {ax.get_ylabel().strip()}")
        legend = ax.get_legend()
        if legend is not None:
            labels = [t.get_text() for t in legend.get_texts() if t.get_text().strip()]
            if labels:
                bits.append("Legend: " + ", ".join(labels))
        text = " ".join(b if b.endswith((".", "?", "!")) else b + "." for b in bits if b)
        if text:
            parts.append(text)
    parts = [p for p in parts if p]
    text = "Chart: " + " ".join(p if p.endswith((".", "?", "!")) else p + "." for p in parts)
    return text if parts else "Chart"


def write_figure(fig, target: str | Path, dpi: int = 120) -> Path:
    """Save a matplotlib figure as PNG atomically, its description (alt text) inside.

    The PNG's ``Description`` text chunk holds :func:`figure_description`, which reports
    read back as the image's alt text (``report.notebook.saved_figure``).

    Examples
    --------
    >>> import tempfile
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> write_figure(fig, Path(tempfile.mkdtemp()) / "f.png").read_bytes()[:4]
    b'\x89PNG'
    >>> plt.close(fig)
    """
    with atomic_path(target, suffix=".png") as tmp:
        fig.savefig(tmp, dpi=dpi, bbox_inches="tight", format="png",
                    metadata={"Description": figure_description(fig)})
    return Path(target)


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        value = float(value)
        return None if math.isnan(value) else value
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def write_key_figures(output_dir: str | Path, notebook: str, figures: dict) -> Path:
    """Merge ``figures`` under key ``notebook`` into ``output_dir/key_figures.json``.

    Other notebooks' entries are kept; NaN becomes ``null``.

    Examples
    --------
    >>> import tempfile, json
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = write_key_figures(d, "survey", {"alpha": float("nan")})
    >>> json.loads((d / "key_figures.json").read_text())
    {'survey': {'alpha': None}}
    """
    target = Path(output_dir) / "key_figures.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    # Notebooks of one cohort may run in parallel: serialise the read-merge-write.
    with _folder_lock(target.parent):
        current = {}
        if target.exists():
            try:
                current = json.loads(target.read_text(encoding="utf-8"))
            except json.JSONDecodeError:
                current = {}
        current[notebook] = _jsonable(figures)
        return write_text(target, json.dumps(current, indent=2, sort_keys=True) + "\n")


@contextmanager
def _folder_lock(folder: Path):
    """An exclusive lock on ``folder`` itself, so no lock file sits among the outputs.

    Where a folder cannot be locked (some network drives), a lock file in the system's
    temporary folder, named after the folder's path, is used instead.
    """
    import fcntl
    import hashlib

    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            os.close(fd)
            name = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:32]
            lock_dir = Path(tempfile.gettempdir()) / "cpdresearch-locks"
            lock_dir.mkdir(exist_ok=True)
            fd = os.open(lock_dir / f"{name}.lock", os.O_WRONLY | os.O_CREAT, 0o666)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def spreadsheet_safe(value):
    """A cell value a spreadsheet cannot evaluate as a formula.

    Text that starts with a formula character gets a leading apostrophe, unless it is
    a plain number (``-3``, ``+4.5``), which stays as it is. Non-text values are
    returned unchanged.

    Examples
    --------
    >>> spreadsheet_safe("=HYPERLINK(1)"), spreadsheet_safe("-3"), spreadsheet_safe(7)
    ("'=HYPERLINK(1)", '-3', 7)
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_PREFIXES):
        return value
    if _NUMBER.match(value.strip()):
        return value
    return "'" + value


def spreadsheet_safe_table(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` with every text cell (and header) passed through :func:`spreadsheet_safe`.

    Examples
    --------
    >>> t = pd.DataFrame({"answer": ["@SUM(1+1) training", "fine"], "n": [-2, 3]})
    >>> spreadsheet_safe_table(t).to_dict("list")
    {'answer': ["'@SUM(1+1) training", 'fine'], 'n': [-2, 3]}
    """
    out = table.copy()
    for column in out.columns:
        if out[column].dtype == object or isinstance(out[column].dtype, pd.StringDtype) \
                or isinstance(out[column].dtype, pd.CategoricalDtype):
            out[column] = out[column].astype(object).map(spreadsheet_safe)
    out.columns = [spreadsheet_safe(c) if isinstance(c, str) else c for c in out.columns]
    return out
