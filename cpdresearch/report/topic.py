"""The report contract every topic meets: what a notebook shows and a run publishes.

A topic package (``survey``, and the topics to come) builds a :class:`TopicReport` for
one cohort from a filtered study, and :func:`write_report` publishes it: tables as CSV,
figures as PNG, key figures merged into ``key_figures.json`` under the topic's name.
The notebook only displays what the report holds, so every number can be tested
without running a notebook.

Examples
--------
>>> import tempfile, pandas as pd
>>> report = TopicReport(topic="survey", study_name="Demo", cohort="all", synthetic=True, min_cell=5,
...                      tables={"items": pd.DataFrame({"label": ["A"], "n": [12]})},
...                      key_figures={"n_respondents": 12})
>>> report.has_data, report.table("missing").empty
(True, True)
>>> sorted(write_report(report, tempfile.mkdtemp()))
['key_figures', 'tables/items']
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..outputs import write_figure, write_key_figures, write_table

__all__ = ["TopicReport", "ReportSection", "TableView", "write_report"]


@dataclass
class TableView:
    """How a report shows a published table: which columns, in the reader's words.

    Parameters
    ----------
    table : pandas.DataFrame
        Rows of a published table (already suppressed).
    columns : list of str, optional
        Columns to show, in order (those absent are skipped).
    rename : dict, optional
        Reader-friendly headers.
    percent_columns : sequence of str
        Proportions shown as whole percentages.
    caption : str, optional
        Markdown-free caption, escaped when shown.
    max_rows : int, optional
        Show the first rows only (the CSV has all of them).
    value_labels : dict, optional
        Reader-friendly values per column.

    Examples
    --------
    >>> TableView(pd.DataFrame({"a": [1]}), columns=["a"]).columns
    ['a']
    """

    table: pd.DataFrame
    columns: list | None = None
    rename: dict | None = None
    percent_columns: tuple = ()
    caption: str | None = None
    max_rows: int | None = None
    value_labels: dict | None = None


@dataclass
class ReportSection:
    """One section of a report, written by the topic package from the study's own
    questions, so the notebook only displays it.

    Parameters
    ----------
    heading : str
        Plain text (study text allowed: escaped when shown).
    text : str
        Markdown written by the package; study strings in it are already escaped.
    figure : str, optional
        File stem of a figure the report published (``figures/<stem>.png``).
    tables : list of TableView
    missing : str, optional
        One sentence saying why the section has nothing to show; shown instead of the
        figure and tables.
    level : int, default 2
        Heading level.

    Examples
    --------
    >>> ReportSection("Who answered?", missing="No workforce figures were given.").missing
    'No workforce figures were given.'
    """

    heading: str
    text: str = ""
    figure: str | None = None
    tables: list = field(default_factory=list)
    missing: str | None = None
    level: int = 2


@dataclass
class TopicReport:
    """Everything a topic's notebook shows and a run publishes for one cohort.

    Parameters
    ----------
    topic : str
        The topic's name; its key figures are filed under it in ``key_figures.json``.
    study_name, cohort : str
        What the report is about (``cohort`` is ``None`` for the whole study).
    synthetic : bool
        The study says its data are made up; reports say so loudly.
    min_cell : int
        The disclosure threshold the published tables were made with.
    tables : dict of str to pandas.DataFrame
        Published tables (small cells suppressed), by file stem.
    figures : dict of str to matplotlib.figure.Figure
        Figures drawn from the published tables, by file stem.
    findings : list of str
        Plain-English headline findings (Markdown), in reading order.
    key_figures : dict
        Machine-readable headline figures.
    notes : list of str
        What could not be computed for this cohort, and why, one sentence each.

    Examples
    --------
    >>> report = TopicReport(topic="survey", study_name="S", cohort=None, synthetic=False, min_cell=5)
    >>> report.has_data, report.table("items").empty
    (False, True)
    """

    topic: str
    study_name: str
    cohort: str | None
    synthetic: bool
    min_cell: int
    tables: dict = field(default_factory=dict)
    figures: dict = field(default_factory=dict)
    findings: list = field(default_factory=list)
    key_figures: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    #: the report's sections in reading order (:class:`ReportSection`)
    sections: list = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        """Whether there is anything to report (some published table)."""
        return bool(self.tables)

    def table(self, name: str) -> pd.DataFrame:
        """A published table by name; an empty one if it was not produced."""
        return self.tables.get(name, pd.DataFrame())


def write_report(report: TopicReport, output_dir: str | Path) -> dict[str, Path]:
    """Publish a topic report atomically into a cohort's output folder.

    Files go to ``output_dir/tables/<name>.csv``, ``output_dir/figures/<name>.png`` and
    ``output_dir/key_figures.json`` (merged under ``report.topic`` with other topics').

    Parameters
    ----------
    report : TopicReport
    output_dir : str or pathlib.Path
        The cohort's output folder (:func:`cpdresearch.paths.cohort_output_dir`).

    Returns
    -------
    dict of str to pathlib.Path
        Every file written: ``"tables/<name>"``, ``"figures/<name>"``, ``"key_figures"``.

    Examples
    --------
    >>> import tempfile
    >>> report = TopicReport(topic="survey", study_name="S", cohort=None, synthetic=True, min_cell=5)
    >>> [path.name for path in write_report(report, tempfile.mkdtemp()).values()]
    ['key_figures.json']
    """
    output_dir = Path(output_dir)
    written = {}
    for name, table in report.tables.items():
        written[f"tables/{name}"] = write_table(table, output_dir / "tables" / f"{name}.csv")
    for name, fig in report.figures.items():
        written[f"figures/{name}"] = write_figure(fig, output_dir / "figures" / f"{name}.png")
    written["key_figures"] = write_key_figures(output_dir, report.topic, report.key_figures)
    return written
