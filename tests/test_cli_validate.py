"""Tests for `cpdresearch validate`: exit codes and every problem listed."""
from __future__ import annotations


from cpdresearch.cli import main as cli_main

from io_helpers import write_study

SURVEY = "raw/survey/responses.csv"
ATTRS = "respondent_id,team,role,career_stage"


def test_cli_validate_ok(tmp_path, capsys):
    assert cli_main(["validate", str(write_study(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "Tiny test study" in out and "Warnings: 0" in out


def test_cli_validate_bad_input_lists_every_problem(tmp_path, capsys):
    root = write_study(tmp_path, {SURVEY: f"{ATTRS}\nR1,Nowhere,Manager,ASYE\nR2,MASH,Wizard,ASYE\n",
                                  "cohorts.yml": "cohorts: [\n"})
    assert cli_main(["validate", str(root)]) == 2
    err = capsys.readouterr().err
    assert "3 problems" in err and "Traceback" not in err
    assert "raw/survey/responses.csv:2:team" in err and "raw/survey/responses.csv:3:role" in err
    assert "cohorts.yml:2:" in err


def test_cli_validate_missing_folder(tmp_path, capsys):
    assert cli_main(["validate", str(tmp_path / "nope")]) == 2
    assert "does not exist" in capsys.readouterr().err
