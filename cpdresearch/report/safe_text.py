"""Study text is untrusted: make it safe wherever it is published.

Respondents, facilitators and study authors write the strings a run publishes (comments,
quotes, labels, team names, cohort titles). This is the one place that makes such text
inert:

- :func:`escape_html` for text placed into HTML;
- :func:`escape_markdown` for text placed into Markdown (which notebooks render to HTML,
  so it escapes HTML too): ``*urgent*`` prints as typed, not in italics;
- :func:`spreadsheet_safe` for a cell of a published CSV or Excel sheet: text starting
  with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe
  (OWASP's advice against CSV/formula injection), so a spreadsheet shows it as text and
  never evaluates it; numbers, negative ones included, stay numbers.

Examples
--------
>>> escape_html('Whole <b>workforce</b> & "all"')
'Whole &lt;b&gt;workforce&lt;/b&gt; &amp; &quot;all&quot;'
>>> escape_markdown("*urgent* [link](x) <script>")
'\\\\*urgent\\\\* \\\\[link\\\\]\\\\(x\\\\) &lt;script&gt;'
>>> spreadsheet_safe('=HYPERLINK("x")'), spreadsheet_safe("-3"), spreadsheet_safe(-3)
('\\'=HYPERLINK("x")', '-3', -3)
"""
from __future__ import annotations

import html
import re

import pandas as pd

__all__ = ["escape_html", "escape_markdown", "spreadsheet_safe", "spreadsheet_safe_table",
           "FORMULA_PREFIXES"]

#: Leading characters that make a spreadsheet treat a cell as a formula (OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# Markdown's punctuation that can start emphasis, links, code, headings, lists or tables.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|\.\d+)([eE][+-]?\d+)?%?$")


def escape_html(text) -> str:
    """``text`` as HTML text: ``<``, ``>``, ``&`` and quotes become entities."""
    return html.escape(str(text), quote=True)


def escape_markdown(text) -> str:
    """``text`` for a Markdown cell: prints as typed, no formatting, no HTML, no links."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escape_html(text).replace("&#x27;", "'"))


def spreadsheet_safe(value):
    """A cell value a spreadsheet cannot evaluate as a formula.

    Text that starts with a formula character gets a leading apostrophe, unless it is
    a plain number (``-3``, ``+4.5``), which stays as it is. Non-text values are
    returned unchanged.
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
