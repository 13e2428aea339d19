"""Tests for cpdresearch.io.load: a valid study is typed; cohorts filter every dataset."""
from __future__ import annotations

import numpy as np

from cpdresearch import frameworks
from cpdresearch.io import load_study
from cpdresearch.io.evaluation import RATING_DTYPE
from cpdresearch.synth import vocabulary

from io_helpers import SURVEY_CSV, write_study

SURVEY = "raw/survey/responses.csv"
ATTRS = "respondent_id,team,role,career_stage"


def test_valid_study_is_typed(tmp_path):
    study = load_study(write_study(tmp_path))
    survey = study.survey
    assert survey["career_stage"].cat.ordered
    assert list(survey["career_stage"].cat.categories) == list(frameworks.CAREER_STAGES)
    assert list(survey["role"].cat.categories) == list(vocabulary.ROLES)
    assert "Edge of Care" in survey["team"].cat.categories  # declared in workforce.csv
    assert survey["work_supervision"].cat.ordered
    assert survey["work_supervision"].tolist()[:2] == ["Quite well", "Not at all well"]
    # "Not applicable" is declared missing; code 2 maps to its label.
    assert survey["work_mentoring"].isna().tolist() == [False, True, False]
    assert survey["work_mentoring"].iloc[2] == "Not very well"
    assert survey["wish_mentoring"].tolist() == [True, True, True]
    assert survey["wish_team_away_day"].tolist() == [False, False, True]
    assert survey["wish_mentoring"].dtype == bool
    ev = study.evaluations
    assert ev["post_2"].dtype == RATING_DTYPE and RATING_DTYPE.ordered
    assert ev["pre_2"].tolist()[0] == "Some knowledge" and ev["post_2"].tolist()[0] == "Confident"
    assert ev["post_1"].tolist()[1] == "Some knowledge"
    assert ev["recommend"].tolist()[:2] == [True, False] and ev["recommend"].isna().iloc[2]
    assert np.issubdtype(study.courses["date"].dtype, np.datetime64)
    assert study.objectives["pcf_domain"].tolist() == [5, 7, 7]
    assert study.followup["months_after"].tolist() == [3]
    assert study.learning_needs["priority"].cat.ordered
    assert study.workforce["headcount"].sum() == 26
    assert study.known_names == ["Jane Doe", "Sam Smith"]
    assert [c.name for c in study.cohorts] == ["all", "mash"] and study.notebooks == ["01_survey"]
    assert study.codebook.ids == ["relationships", "workload"]
    assert study.warnings == []


def test_files_lists_every_input_including_transcripts(tmp_path):
    study = load_study(write_study(tmp_path))
    assert {"settings", "survey", "sessions", "codings", "workforce", "cohorts", "instrument",
            "transcript:yp1.txt", "transcript:st1.txt"} <= set(study.files)
    assert all(p.is_file() for p in study.files.values())


def test_segments_one_per_turn(tmp_path):
    segments = load_study(write_study(tmp_path)).segments
    assert segments["segment_id"].tolist() == ["yp1-1", "yp1-2", "yp1-3", "st1-1", "st1-2"]
    assert segments.loc[1, "text"] == "When they come back when they said they would."
    assert segments.loc[1, "start"] == 12.0 and np.isnan(segments.loc[2, "start"])
    assert segments.loc[3, "group"] == "staff" and segments.loc[0, "site"] == "North"
    assert str(segments.loc[0, "date"].date()) == "2025-03-04"


def test_cohort_filters_every_dataset_with_the_column(tmp_path):
    study = load_study(write_study(tmp_path))
    mash = study.cohort("mash")
    assert mash.survey["respondent_id"].tolist() == ["R1", "R3"]
    assert mash.evaluations["response_id"].tolist() == ["E1", "E3"]
    assert mash.courses.equals(study.courses)  # no team column: left whole
    assert mash.cohort_name == "mash"


def test_absent_sections_are_none(tmp_path):
    study = load_study(write_study(tmp_path, only=["raw/survey/responses.csv"]))
    assert study.survey is not None and len(study.survey) == 3
    for name in ("sessions", "segments", "codings", "courses", "evaluations", "bookings", "workforce",
                 "learning_needs", "instrument", "codebook"):
        assert getattr(study, name) is None, name
    assert [c.name for c in study.cohorts] == ["all"]  # no cohorts.yml: the whole study, one cohort
    # Without an instrument, item columns are kept as text and reported.
    assert any("unknown columns kept" in w for w in study.warnings)


def test_unknown_columns_are_kept_with_a_warning(tmp_path):
    csv = SURVEY_CSV.replace("comments\n", "comments,site_office\n").replace("please\n", "please,Leeds\n")
    csv = csv.replace(",,\nR3", ",,,\nR3").rstrip("\n") + ",\n"
    study = load_study(write_study(tmp_path, {SURVEY: csv}))
    assert study.survey["site_office"].tolist()[0] == "Leeds"
    assert any("raw/survey/responses.csv" in w and "site_office" in w for w in study.warnings)


def test_missing_pre_post_columns_are_added_up_to_the_max(tmp_path):
    objectives = "course_id,objective_no,text,pcf_domain\nC1,1,a,5\nC1,2,b,5\nC1,3,c,5\nC2,1,d,5\n"
    evaluations = "response_id,course_id,pre_1,post_1\nE1,C2,1,2\n"
    study = load_study(write_study(tmp_path, {"raw/evaluations/objectives.csv": objectives,
                                              "raw/evaluations/responses.csv": evaluations,
                                              "raw/evaluations/followup.csv": None}))
    for k in (1, 2, 3):
        assert study.evaluations[f"pre_{k}"].dtype == RATING_DTYPE
        assert study.evaluations[f"post_{k}"].dtype == RATING_DTYPE
    assert study.evaluations["post_3"].isna().all()
