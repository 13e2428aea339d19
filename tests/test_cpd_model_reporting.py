"""The CPD model report for demo cohorts, a study without learning needs and another council."""
from __future__ import annotations

import pandas as pd
import pytest

from cpdresearch import load_study, paths
from cpdresearch.cpd_model import CpdModelSettings, build_cpd_model_report, write_cpd_model_report
from cpdresearch.errors import DataError


@pytest.fixture(scope="module")
def demo():
    return load_study(paths.DEMO_STUDY)


def test_whole_workforce_report(demo, tmp_path):
    report = build_cpd_model_report(demo, figures=True)
    assert report.has_data and report.findings
    assert {"organisation_plan", "career_pathway", "mix_70_20_10", "evidence_matrix"} <= set(report.figures)
    written = write_cpd_model_report(report, tmp_path)
    org = pd.read_csv(written["tables/organisation_plan"])
    assert list(org.columns[:4]) == ["topic", "pcf_domain", "domain", "staff"]
    headings = [s.heading for s in report.sections]
    assert headings[:2] == ["What to commission", "The organisation plan"]
    assert "The evidence matrix" in headings and "The 70:20:10 mix" in headings


def test_no_study_vocabulary_is_written_into_the_code():
    import re
    from cpdresearch import cpd_model

    words = ["MASH", "Early Help", "Adoption", "Fostering", "Qualified social worker", "Youth Offending"]
    root = paths.REPO_ROOT / "cpdresearch" / "cpd_model"
    source = " ".join(p.read_text(encoding="utf-8") for p in root.glob("*.py"))
    code = re.sub(r'""".*?"""', "", source, flags=re.S)  # docstrings may show an example
    assert not [w for w in words if w in code]
    assert cpd_model.__all__


def test_a_study_without_learning_needs(demo):
    study = demo
    from dataclasses import replace

    report = build_cpd_model_report(replace(study, learning_needs=None), figures=False)
    assert report.has_data and report.key_figures["n_staff_with_plans"] == 0
    assert any("no learning needs" in n for n in report.notes)
    headings = [s.heading for s in report.sections]
    assert "What to commission" not in headings and "The evidence matrix" in headings


def test_the_other_council_says_what_cannot_be_built():
    study = load_study(paths.REPO_ROOT / "tests" / "fixtures" / "other_council")
    report = build_cpd_model_report(study, figures=False)
    assert not report.has_data and len(report.notes) >= 3
    assert report.key_figures["top_priority_domain"] is None
    assert set(report.tables) >= {"team_plan", "organisation_plan", "evidence_matrix"}


def test_settings_from_study_yml():
    s = CpdModelSettings.from_settings({"cpd_model": {"weights": {"voice": 0.5}, "priority_points": {"high": 5},
                                                      "priority_areas": ["neglect"]}})
    assert s.weights["voice"] == 0.5 and s.weights["demand"] == 0.4
    assert s.priority_points == {"high": 5.0, "medium": 2.0, "low": 1.0} and s.priority_areas == ("neglect",)


def test_bad_cpd_model_settings_are_listed(tmp_path):
    (tmp_path / "study.yml").write_text(
        "name: X\nsynthetic: false\ncpd_model:\n  commissioning: {min_staff: 0, teams: 2}\n"
        "  weights: {demand: -1, votes: 1}\n  priority_areas: neglect\n  colour: red\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_study(tmp_path)
    text = str(err.value)
    for where in ("cpd_model.commissioning.min_staff", "cpd_model.commissioning.teams", "cpd_model.weights.demand",
                  "cpd_model.weights.votes", "cpd_model.priority_areas", "cpd_model.colour"):
        assert where in text


def test_commissioning_threshold_from_the_study(demo, tmp_path):
    from dataclasses import replace

    settings = {**demo.settings, "cpd_model": {"commissioning": {"min_staff": 40}}}
    report = build_cpd_model_report(replace(demo, settings=settings), figures=False)
    staff = pd.to_numeric(report.table("commissioning")["staff"])
    assert len(staff) and (staff >= 40).all()
