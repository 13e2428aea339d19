"""Tests for cpdresearch.cli: help that explains itself, and clear errors for bad requests."""
from __future__ import annotations

import re

import pytest

from cpdresearch import cli

from test_runner import FIXTURE_NOTEBOOKS, make_study


def subcommands(parser):
    action = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return action.choices


def test_every_argument_has_help_in_plain_text():
    parser = cli.build_parser()
    for name, sub in subcommands(parser).items():
        for action in sub._actions:
            if action.dest == "help":
                continue
            assert action.help, f"cpdresearch {name}: {action.dest} has no help"
        text = sub.format_help()
        assert "``" not in text and not re.search(r":\w+:`", text), f"reST markup in 'cpdresearch {name} --help'"
    assert "``" not in parser.format_help()


@pytest.mark.parametrize("jobs", ["0", "-3", "two"])
def test_jobs_below_one_is_a_clear_error(jobs, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["run", "--jobs", jobs])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "--jobs" in err and ("1 or more" in err or "whole number" in err)


def test_unknown_notebook_is_named_with_the_known_ones(tmp_path, capsys, monkeypatch):
    import cpdresearch.paths as paths

    monkeypatch.setattr(paths, "NOTEBOOKS", FIXTURE_NOTEBOOKS)
    study = make_study(tmp_path / "study")
    assert cli.main(["run", str(study), "--notebook", "99_missing", "--out", str(tmp_path / "runs")]) == 2
    err = capsys.readouterr().err
    assert "no notebook named '99_missing'" in err and "10_report" in err
    assert "problem" not in err and "study folder" not in err
    assert not (tmp_path / "runs").exists()


def test_unknown_cohort_is_named_with_the_known_ones(tmp_path, capsys, monkeypatch):
    import cpdresearch.paths as paths

    monkeypatch.setattr(paths, "NOTEBOOKS", FIXTURE_NOTEBOOKS)
    study = make_study(tmp_path / "study")
    assert cli.main(["run", str(study), "--cohort", "nope", "--out", str(tmp_path / "runs")]) == 2
    err = capsys.readouterr().err
    assert "no cohort named 'nope'" in err and "all, mash, broken" in err


def test_run_help_lists_exit_statuses(capsys):
    with pytest.raises(SystemExit):
        cli.main(["run", "--help"])
    out = capsys.readouterr().out
    assert "130" in out and "--run-id" in out and "Ctrl-C" in out
