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

from ..outputs import FORMULA_PREFIXES, spreadsheet_safe, spreadsheet_safe_table

__all__ = ["escape_html", "escape_markdown", "spreadsheet_safe", "spreadsheet_safe_table",
           "FORMULA_PREFIXES"]

# Markdown's punctuation that can start emphasis, links, code, headings, lists or tables.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def escape_html(text) -> str:
    """``text`` as HTML text: ``<``, ``>``, ``&`` and quotes become entities."""
    return html.escape(str(text), quote=True)


def escape_markdown(text) -> str:
    """``text`` for a Markdown cell: prints as typed, no formatting, no HTML, no links."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escape_html(text).replace("&#x27;", "'"))
