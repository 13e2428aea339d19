"""Untrusted text never becomes code: a hostile copy of a study (formulas, HTML, script
tags and Markdown in comments, labels, titles, team names and a cohort title) runs end to
end; no published cell is one a spreadsheet would evaluate, no report holds a tag the
study planted (checked by parsing the HTML), and the reports show the text as typed."""
from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cpdresearch.report.safe_text import FORMULA_PREFIXES, spreadsheet_safe

OTHER = Path(__file__).parent / "fixtures" / "other_council"

COHORT_TITLE = 'Whole <b>workforce</b><script>alert(2)</script> & "co"'
ITEM_LABEL = "*urgent* [link](http://evil.example) <img src=x onerror=alert(1)>"
OPTION_LABEL = "=HYPERLINK(\"http://evil.example\",\"click\")"
COMMENTS = ['=HYPERLINK("http://evil.example","click") workload', "+cmd|' /C calc'!A0 staff cover",
            "@SUM(1+1) training", "<script>alert(3)</script> more time", "-2+3 cells please"]
TEAM = "@North <i>team</i>"


def hostile_study(root: Path) -> Path:
    study = root / "hostile"
    shutil.copytree(OTHER, study)
    cohorts = study / "cohorts.yml"
    cohorts.write_text(cohorts.read_text(encoding="utf-8").replace("title: All staff", f"title: '{COHORT_TITLE}'"),
                       encoding="utf-8")
    inst = study / "instruments" / "cpd_survey.yml"
    text = inst.read_text(encoding="utf-8")
    text = text.replace("{id: sup_manager, label: My manager makes time for my learning}",
                        f"{{id: sup_manager, label: '{ITEM_LABEL}'}}")
    text = text.replace("{id: reading, label: Reading}", f"{{id: reading, label: '{OPTION_LABEL}'}}")
    inst.write_text(text, encoding="utf-8")
    responses = study / "raw" / "survey" / "responses.csv"
    with responses.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for i, row in enumerate(rows):
        row["improve"] = COMMENTS[i % len(COMMENTS)]
        row["formats"] = row["formats"].replace("Reading", OPTION_LABEL)
        if row["team"] == "Leaving Care":
            row["team"] = TEAM
    with responses.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    workforce = study / "raw" / "workforce.csv"
    workforce.write_text(workforce.read_text(encoding="utf-8").replace("Leaving Care", TEAM), encoding="utf-8")
    return study


class _Tags(HTMLParser):
    """Every tag and the visible text of a page."""

    def __init__(self):
        super().__init__()
        self.tags, self.text, self._in_script = [], [], False
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    study = hostile_study(root)
    out = root / "runs"
    done = subprocess.run([sys.executable, "-m", "cpdresearch.cli", "run", str(study), "--out", str(out),
                           "--jobs", "1", "--run-id", "hostile"], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    return out / "hostile"


def test_no_published_cell_is_a_formula(run):
    bad = []
    for path in run.rglob("*.csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            for r, row in enumerate(csv.reader(fh), start=1):
                for cell in row:
                    if cell.startswith(FORMULA_PREFIXES) and spreadsheet_safe(cell) != cell:
                        bad.append((path.name, r, cell))
    assert not bad, bad[:5]
    comments = (run / "all" / "tables" / "comments.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in comments and "'+cmd|" in comments  # (@SUM reads as a handle: pseudonymised)
    assert "'-2+3 cells please" in comments


def test_excel_workbook_holds_text_not_formulas(run):
    workbook = run / "tables.xlsx"
    if not workbook.exists():
        pytest.skip("this run writes no workbook")
    from openpyxl import load_workbook

    book = load_workbook(workbook)
    formulas = [(ws.title, c.coordinate) for ws in book for row in ws.iter_rows() for c in row
                if c.data_type == "f" or (isinstance(c.value, str) and c.value.startswith("="))]
    assert not formulas, formulas[:5]


def test_reports_hold_no_planted_tag_and_show_the_text_as_typed(run):
    pages = sorted(run.rglob("*.html"))
    assert pages
    for page in pages:
        parser = _Tags()
        parser.feed(page.read_text(encoding="utf-8"))
        planted = [(t, a) for t, a in parser.tags if t == "img" and "onerror" in a]
        assert not planted, (page.name, planted)
        assert not [s for s in parser.scripts if "alert(" in s], page.name
    report = run / "all" / "01_survey.html"
    parser = _Tags()
    parser.feed(report.read_text(encoding="utf-8"))
    text = " ".join(parser.text)
    assert "Whole <b>workforce</b><script>alert(2)</script>" in text  # the cohort title, shown as typed
    assert "*urgent* [link](http://evil.example)" in text  # Markdown printed as typed
    assert "@North <i>team</i>" in text or "@North" in text


def test_workbook_sheet_names_and_text_cells(tmp_path):
    """Unit check of the writer: text starting with a formula character stays text."""
    from openpyxl import load_workbook

    from cpdresearch.runner.workbook import write_workbook

    tables = tmp_path / "all" / "tables"
    tables.mkdir(parents=True)
    (tables / "comments.csv").write_text('question,answer,n\nq,"=1+1 x",-2\n', encoding="utf-8")
    manifest = {"runs": [{"cohort": "all", "notebook": "01_survey", "status": "succeeded",
                          "key_figures": {"n_respondents": 12}}]}
    book = load_workbook(write_workbook(tmp_path, manifest))
    assert book.sheetnames == ["Summary", "Contents", "all-comments"]
    ws = book["all-comments"]
    assert ws["B2"].data_type == "s" and ws["B2"].value == "'=1+1 x"  # text, neutralised as in the CSVs
    assert ws["C2"].value == -2  # numbers stay numbers
