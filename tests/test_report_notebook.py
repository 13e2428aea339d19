"""The display helpers of cpdresearch.report.notebook: how a table reads in a report."""
from __future__ import annotations

import html.parser

import pandas as pd

from cpdresearch.report.notebook import format_table, show_table, table_html


class _Cells(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.cells, self.captions = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("th", "td"):
            self.cells.append((tag, dict(attrs)))
        self.captions += tag == "caption"


def _cells(html_text):
    parser = _Cells()
    parser.feed(html_text)
    return parser


def test_medians_show_as_whole_or_half_numbers():
    out = format_table(pd.DataFrame({"post_median": [4.0, 3.5, "c"], "median": [2.0, 2.0, 1.5],
                                     "mean": [2.0, 2.5, 3.25]}))
    assert out["post_median"].tolist() == ["4", "3.5", "c"]
    assert out["median"].tolist() == ["2", "2", "1.5"]
    assert out["mean"].tolist() == ["2.00", "2.50", "3.25"]  # a mean keeps its decimals


def test_a_median_that_is_not_a_half_keeps_its_decimals():
    assert format_table(pd.DataFrame({"median": [2.25]}))["median"].tolist() == ["2.25"]


def test_percentages_are_whole_numbers_with_a_percent_sign():
    out = format_table(pd.DataFrame({"share": [0.352, 1.0, 0.0, "c"]}), percent_columns=["share"])
    assert out["share"].tolist() == ["35%", "100%", "0%", "c"]


def test_every_header_has_a_scope_and_labels_are_row_headers():
    page = _cells(table_html(pd.DataFrame({"Course": ["A", "B"], "Delegates": ["12", "c"],
                                           "Improved": ["50%", "c"]})))
    headers = [attrs for tag, attrs in page.cells if tag == "th"]
    assert [h["scope"] for h in headers] == ["col", "col", "col", "row", "row"]
    assert all(tag == "td" for tag, attrs in page.cells if tag == "td")
    # words left-aligned (class "text"), numbers and "c" not
    assert headers[0].get("class") == "text" and headers[1].get("class") is None
    assert [attrs.get("class") for tag, attrs in page.cells if tag == "td"] == [None, None, None, None]


def test_a_table_of_numbers_has_no_row_headers():
    page = _cells(table_html(pd.DataFrame({"No.": ["1", "2"], "n": ["5", "6"]})))
    assert [attrs["scope"] for tag, attrs in page.cells if tag == "th"] == ["col", "col"]


def test_the_caption_is_the_tables_caption_and_escaped():
    html_text = show_table(pd.DataFrame({"label": ["<b>x</b>"], "n": [3]}), caption="Ten <pairs> & more").data
    assert "<caption>Ten &lt;pairs&gt; &amp; more</caption>" in html_text
    assert "<b>x</b>" not in html_text and "&lt;b&gt;x&lt;/b&gt;" in html_text
    assert _cells(html_text).captions == 1


def test_negative_numbers_and_p_values_are_numbers():
    page = _cells(table_html(format_table(pd.DataFrame({"Item": ["a", "b"], "change": [-0.25, 1.5],
                                                        "p": [0.0001, 0.2]}))))
    assert all(attrs.get("class") is None for tag, attrs in page.cells[1:3])
