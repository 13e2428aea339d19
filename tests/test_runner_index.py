"""The index an analyst opens first (cpdresearch.runner.index)."""
from __future__ import annotations

import json

from cpdresearch.runner.index import comparison_table, figure_name, notebook_titles_from, render_index

MANIFEST = {
    "run_id": "r1", "study": {"name": "Study", "synthetic": False}, "package_version": "0",
    "runs": [
        {"cohort": "whole", "notebook": "01_x", "status": "succeeded", "outputs": {"html": "whole/01_x.html",
                                                                                     "log": "whole/logs/01_x.log"},
         "key_figures": {"n_respondents": 250, "response_rate": 0.5341, "alpha": 0.7702, "by_group": True,
                         "most_ticked": {"wish": "A; B"}}},
        {"cohort": "team", "notebook": "01_x", "status": "succeeded", "outputs": {"html": "team/01_x.html"},
         "key_figures": {"n_respondents": 23, "response_rate": 0.42, "alpha": None, "by_group": False,
                         "most_ticked": {"wish": "C"}}},
    ],
}


def test_figures_are_named_in_words_and_printed_as_the_reports_print_them():
    table = comparison_table(MANIFEST, cohort_titles={"whole": "Whole", "team": "Team"},
                             notebook_titles={"01_x": "Staff survey"})
    assert table["cohorts"] == ["Whole", "Team"]
    (title, rows), = table["groups"]
    rows = dict(rows)
    assert title == "Staff survey"
    assert rows["Respondents"] == ["250", "23"]
    assert rows["Response rate"] == ["53%", "42%"]
    assert rows["Alpha"] == ["0.77", "–"]
    assert rows["Most ticked: wish"] == ["A; B", "C"]
    assert "By group" not in rows  # yes/no flags are for researchers
    assert figure_name("n_courses_to_review") == "Courses to review"


def test_notebooks_are_named_by_their_first_heading(tmp_path):
    nb = {"cells": [{"cell_type": "code", "source": "# not a heading"},
                    {"cell_type": "markdown", "source": ["Some text\n", "# Training *evaluation*\n"]}]}
    (tmp_path / "03_x.ipynb").write_text(json.dumps(nb))
    assert notebook_titles_from(tmp_path, ["03_x", "missing"]) == {"03_x": "Training evaluation",
                                                                   "missing": "missing"}


def test_index_links_reports_first_and_keeps_logs_secondary():
    html = render_index(MANIFEST, cohort_titles={"whole": "Whole", "team": "Team"},
                        notebook_titles={"01_x": "Staff survey"})
    assert html.index("whole/01_x.html") < html.index("whole/logs/01_x.log")
    assert ">Staff survey</a>" in html and "01_x</h3>" not in html
    assert '<th scope="col">Whole</th>' in html and '<th scope="row">Response rate</th>' in html
    assert "0.534" not in html
