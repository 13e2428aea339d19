"""Small display helpers the report notebooks call (their HTML hides the code).

Each returns an IPython display object (``Markdown`` or ``HTML``) or ``None`` when there
is nothing to show, so a notebook cell is one call.

Examples
--------
>>> resolve_study_dir("data").name
'data'
"""
from __future__ import annotations

import re

from pathlib import Path

import pandas as pd

from .. import paths
from .safe_text import escape_html, escape_markdown

__all__ = [
    "markdown", "note", "show_section", "show_sections", "show", "saved_figure", "figure_alt_text",
    "resolve_study_dir",
    "default_output_dir", "study_banner", "no_data_message", "notes_list", "findings_list", "format_table", "show_table",
    "table_html",
]



def show(*items) -> None:
    """Display each item that is not ``None`` (IPython would print "None" for it).

    Examples
    --------
    >>> show(None)
    """
    from IPython.display import display

    for item in items:
        if item is not None:
            display(item)


def saved_figure(written: dict, name: str):
    """The figure ``name`` as its saved PNG, for display, or ``None`` if it was not drawn.

    Displaying the file that was published (rather than the matplotlib Figure) renders
    each figure once, not twice, and shows readers exactly the published image.

    Parameters
    ----------
    written : dict
        What a ``write_*_report`` function returned: ``"figures/<name>"`` -> path.
    name : str
        The figure's file stem.

    Examples
    --------
    >>> saved_figure({}, "wish_list") is None
    True
    """
    from IPython.display import Image

    path = written.get(f"figures/{name}")
    if path is None:
        return None
    return Image(filename=str(path), metadata={"alt": figure_alt_text(path)})


def figure_alt_text(path) -> str:
    """A saved figure's description (its PNG ``Description``), for the image's alt text.

    Examples
    --------
    >>> figure_alt_text("no-such-file.png")
    'Chart'
    """
    try:
        from PIL import Image as PILImage

        with PILImage.open(path) as image:
            return str(image.info.get("Description") or "Chart")
    except (OSError, ValueError):
        return "Chart"


def resolve_study_dir(study_dir: str | Path) -> Path:
    """A study folder path that works from the notebooks/ folder or the repo root.

    A relative path that does not exist from the current directory is taken relative to
    :data:`cpdresearch.paths.REPO_ROOT`.
    """
    path = Path(study_dir)
    if not path.is_absolute() and not path.exists():
        path = paths.REPO_ROOT / path
    return path


def default_output_dir(output_dir: str | Path | None, *, cohort: str, run_id: str = "adhoc") -> Path:
    """``output_dir`` if given, else ``papermill_runs/<run_id>/<cohort>`` under the repo root.

    Examples
    --------
    >>> default_output_dir(None, cohort="mash").parts[-3:]
    ('papermill_runs', 'adhoc', 'mash')
    """
    return Path(output_dir) if output_dir else paths.cohort_output_dir(run_id, cohort)


def study_banner(study_name: str, *, cohort_title: str | None, synthetic: bool, n: int | None = None):
    """Markdown naming the study and cohort, and warning loudly when data are synthetic.

    Examples
    --------
    >>> print(study_banner("Demo", cohort_title="MASH", synthetic=True, n=35).data)
    **Study:** Demo · **Cohort:** MASH · **Respondents:** 35
    <BLANKLINE>
    > **Synthetic data.** These results come from made-up data generated to test the analysis. They say nothing about any real council or its staff.
    """
    from IPython.display import Markdown

    parts = [f"**Study:** {escape_markdown(study_name)}", f"**Cohort:** {escape_markdown(cohort_title or 'Whole study')}"]
    if n is not None:
        parts.append(f"**Respondents:** {n}")
    text = " · ".join(parts)
    if synthetic:
        text += ("\n\n> **Synthetic data.** These results come from made-up data generated to test the analysis. "
                 "They say nothing about any real council or its staff.")
    return Markdown(text)


def no_data_message(section: str, *, cohort_title: str | None):
    """Markdown for a notebook whose section has no data for this cohort.

    Examples
    --------
    >>> print(no_data_message("survey", cohort_title="Adoption").data)
    ## No data for this cohort
    <BLANKLINE>
    This study has no survey data for Adoption, so there is nothing to report here. Other reports for this cohort may still have results.
    """
    from IPython.display import Markdown

    return Markdown(f"## No data for this cohort\n\nThis study has no {section} data for "
                    f"{escape_markdown(cohort_title) if cohort_title else 'this cohort'}, so there is nothing to report here. "
                    "Other reports for this cohort may still have results.")


def notes_list(notes: list[str]):
    """Notes about what could not be analysed for this cohort, as Markdown, or ``None``.

    Examples
    --------
    >>> print(notes_list(["No response rate: no headcount."]).data)
    - No response rate: no headcount.
    >>> notes_list([]) is None
    True
    """
    return findings_list(notes)


def findings_list(findings: list[str], *, heading: str | None = None, intro: str | None = None):
    """The headline findings as a Markdown bullet list (under ``heading`` and ``intro``
    when given), or ``None`` when there are none, so no heading stands over nothing.

    Examples
    --------
    >>> print(findings_list(["A rose."], heading="Headline findings").data)
    ## Headline findings
    <BLANKLINE>
    - A rose.
    >>> findings_list([], heading="Headline findings") is None
    True
    """
    from IPython.display import Markdown

    if not findings:
        return None
    head = (f"## {heading}\n\n" if heading else "") + (f"{intro}\n\n" if intro else "")
    return Markdown(head + "\n".join(f"- {f}" for f in findings))


def format_table(table: pd.DataFrame, *, percent_columns=(), decimals: int = 2) -> pd.DataFrame:
    """Round numbers for reading; proportions in ``percent_columns`` become "35%"; ``"c"`` stays.

    P-values (columns ``p`` and ``p_*``) show three decimals, and "<0.001" below that, as
    journals print them, rather than a misleading "0.00". Medians (columns whose name
    holds "median") that are whole or half numbers show as 4 or 3.5.

    Examples
    --------
    >>> format_table(pd.DataFrame({"label": ["A"], "share": [0.352], "mean": [3.8695], "note": [None],
    ...                            "p": [0.00002], "p_adjusted": [0.0412]}),
    ...              percent_columns=["share"]).to_dict("records")
    [{'label': 'A', 'share': '35%', 'mean': '3.87', 'note': '', 'p': '<0.001', 'p_adjusted': '0.041'}]
    >>> format_table(pd.DataFrame({"pre_median": [2.0, 3.5, "c"]}))["pre_median"].tolist()
    ['2', '3.5', 'c']
    """
    out = table.copy()
    for col in out.columns:
        values = pd.to_numeric(out[col], errors="coerce")
        numeric = values.notna()
        if not numeric.any() or pd.api.types.is_bool_dtype(out[col]):
            continue
        if col == "p" or str(col).startswith("p_"):
            text = values.map(lambda v: "<0.001" if v < 0.001 else f"{v:.3f}")
        elif col in percent_columns:
            text = values.map(lambda v: f"{v:.0%}")
        elif "median" in str(col).lower() and (values[numeric] * 2 % 1 == 0).all():
            # A median of ordinal answers is a level or halfway between two: 4 or 3.5, not 4.00.
            text = values.map(lambda v: f"{v:.0f}" if v % 1 == 0 else f"{v:.1f}")
        elif (values[numeric] % 1 == 0).all():
            text = values.map(lambda v: f"{v:.0f}")
        else:
            text = values.map(lambda v: f"{v:.{decimals}f}")
        out[col] = out[col].astype(object).where(~numeric, text)
    # Missing values (a note that does not apply, an untested row) read as blank.
    return out.astype(object).where(out.notna(), "")


def show_table(table: pd.DataFrame, *, columns=None, rename=None, percent_columns=(), caption: str | None = None,
               max_rows: int | None = None, value_labels: dict | None = None):
    """A published table as HTML without the index, numbers rounded, or ``None`` if empty.

    Parameters
    ----------
    table : pandas.DataFrame
    columns : list, optional
        Columns to show, in order (those absent are skipped).
    rename : dict, optional
        Reader-friendly headers.
    percent_columns : sequence
        Proportions shown as percentages.
    caption : str, optional
    max_rows : int, optional
        Show the first rows only (the CSV has all of them).
    value_labels : dict, optional
        Reader-friendly values per column, e.g. ``{"between": {"career_stage": "Career stage"}}``.

    Examples
    --------
    >>> html = show_table(pd.DataFrame({"option": ["x"], "count": ["c"]}), rename={"option": "Option"})
    >>> '<th scope="col" class="text">Option</th>' in html.data and "<td>c</td>" in html.data
    True
    """
    from IPython.display import HTML

    if table is None or table.empty:
        return None
    if columns is not None:
        table = table[[c for c in columns if c in table.columns]]
    if max_rows is not None:
        table = table.head(max_rows)
    for column, labels in (value_labels or {}).items():
        if column in table.columns:
            table = table.assign(**{column: table[column].map(lambda v: labels.get(v, v))})
    shown = format_table(table, percent_columns=[c for c in percent_columns if c in table.columns])
    if rename:
        shown = shown.rename(columns=rename)
    return HTML(table_html(shown, caption=caption))


def table_html(shown: pd.DataFrame, *, caption: str | None = None) -> str:
    """An accessible HTML table of already formatted values (WCAG 2.1 H63, H39).

    Column headers are ``<th scope="col">``; when the first column holds words (a label
    per row), its cells are row headers, ``<th scope="row">``. The caption, when given, is
    the table's ``<caption>``, its accessible name. Text columns carry ``class="text"``
    (left-aligned by the report's stylesheet; numbers are right-aligned). Every value is
    escaped.

    Parameters
    ----------
    shown : pandas.DataFrame
        Values as they should read (:func:`format_table`), headers in the reader's words.
    caption : str, optional
        Plain text.

    Returns
    -------
    str

    Examples
    --------
    >>> print(table_html(pd.DataFrame({"Item": ["A & B"], "n": ["12"]}), caption="Items"))
    <table class="cpd-table">
    <caption>Items</caption>
    <thead><tr><th scope="col" class="text">Item</th><th scope="col">n</th></tr></thead>
    <tbody>
    <tr><th scope="row" class="text">A &amp; B</th><td>12</td></tr>
    </tbody>
    </table>
    """
    text = set(_text_columns(shown))
    row_header = 0 in text
    # Long labels (objectives, items) get room, so they do not wrap into four lines.
    long = {j for j in text if shown.iloc[:, j].map(lambda v: len(str(v))).max() > 40}

    def cls(j):
        return (' class="text long"' if j in long else ' class="text"') if j in text else ""

    head = "".join(f'<th scope="col"{cls(j)}>{escape_html(str(c))}</th>' for j, c in enumerate(shown.columns))
    rows = []
    for values in shown.itertuples(index=False):
        cells = []
        for j, v in enumerate(values):
            v = "" if v is None or (isinstance(v, float) and v != v) else escape_html(str(v))
            cells.append(f'<th scope="row"{cls(j)}>{v}</th>' if j == 0 and row_header else f"<td{cls(j)}>{v}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    parts = ['<table class="cpd-table">']
    if caption:
        parts.append(f"<caption>{escape_html(caption)}</caption>")
    parts += [f"<thead><tr>{head}</tr></thead>", "<tbody>", *rows, "</tbody>", "</table>"]
    return "\n".join(parts)


def _text_columns(shown: pd.DataFrame) -> list[int]:
    """Positions of columns holding words (labels, names), not numbers: read left-aligned."""
    out = []
    for j, column in enumerate(shown.columns):
        values = [str(v).strip() for v in shown.iloc[:, j] if str(v).strip() not in ("", "c", "nan", "None")]
        numeric = [v for v in values if re.fullmatch(r"[<>]?[-+−]?[\d,]*\.?\d+%?", v)]
        if values and len(numeric) < len(values):
            out.append(j)
    return out


def markdown(text: str | None):
    """Package-written Markdown (already escaped where it holds study text), or ``None``.

    Examples
    --------
    >>> print(markdown("- **c**: hidden").data)
    - **c**: hidden
    >>> markdown("") is None
    True
    """
    from IPython.display import Markdown

    return Markdown(text) if text else None


def show_section(section, written: dict) -> None:
    """Display one :class:`~cpdresearch.report.ReportSection`: heading, text, then the
    figure and tables, or the sentence saying why there is nothing to show.

    Examples
    --------
    >>> from cpdresearch.report import ReportSection
    >>> show_section(ReportSection("<b>Who</b>", missing="No figures."), {})  # doctest: +SKIP
    """
    from IPython.display import Markdown

    parts = [f"{'#' * section.level} {escape_markdown(section.heading)}"]
    # A section with nothing to show says why, without explaining a chart that is not there.
    if section.missing:
        parts.append(section.missing)
    elif section.text:
        parts.append(section.text)
    show(Markdown("\n\n".join(parts)))
    if section.missing:
        return
    if section.figure:
        show(saved_figure(written, section.figure))
    for view in section.tables:
        show(show_table(view.table, columns=view.columns, rename=view.rename, percent_columns=view.percent_columns,
                        caption=view.caption, max_rows=view.max_rows, value_labels=view.value_labels))


def show_sections(sections, written: dict, *, heading: str | None = None, intro: str | None = None) -> None:
    """Display every section of a report in order (:func:`show_section`), under
    ``heading`` and ``intro`` (package-written Markdown) when there is any section."""
    if not sections:
        return
    if heading:
        show(markdown(f"## {heading}" + (f"\n\n{intro}" if intro else "")))
    for section in sections:
        show_section(section, written)


def note(text: str | None):
    """A short italic note (Markdown) where a section has nothing to show, or ``None``.

    The text is the package's own sentence; study strings inside it must already be
    escaped (:func:`cpdresearch.report.safe_text.escape_markdown`).

    Examples
    --------
    >>> print(note("No two coders coded the same sessions.").data)
    *No two coders coded the same sessions.*
    >>> note(None) is None
    True
    """
    from IPython.display import Markdown

    return Markdown(f"*{text}*") if text else None
