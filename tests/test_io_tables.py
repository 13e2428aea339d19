"""Tests for cpdresearch.io.tables and io.survey: every input format a council exports."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cpdresearch.io import load_study

from io_helpers import one_problem, write_study

SURVEY = "raw/survey/responses.csv"
ATTRS = "respondent_id,team,role,career_stage"


def test_cp1252_csv(tmp_path):
    csv = f"{ATTRS},comments\nR1,MASH,Manager,Team Manager,Café budget £50\n"
    study = load_study(write_study(tmp_path, {SURVEY: csv.encode("cp1252")}, only=[]))
    assert study.survey["comments"].iloc[0] == "Café budget £50"


def test_utf8_bom_csv(tmp_path):
    csv = f"{ATTRS}\nR1,MASH,Manager,Team Manager\n"
    study = load_study(write_study(tmp_path, {SURVEY: b"\xef\xbb\xbf" + csv.encode()}, only=[]))
    assert study.survey.columns[0] == "respondent_id"  # the BOM is not part of the name


def test_qualtrics_export(tmp_path):
    csv = (
        "StartDate,ResponseId,team,role,career_stage,work_supervision\n"
        "Start Date,Response ID,Which team?,Your role,Career stage,How well is supervision working?\n"
        '"{""ImportId"":""startDate""}","{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}",'
        '"{""ImportId"":""QID2""}","{""ImportId"":""QID3""}","{""ImportId"":""QID4_1""}"\n'
        "2025-03-01,R_1,MASH,Manager,Team Manager,Quite well\n"
        "2025-03-01,R_2,MASH,Manager,Team Manager,Sometimes\n"
    )
    root = write_study(tmp_path, {SURVEY: csv}, only=["instruments/cpd_survey.yml"])
    # Row numbers still count the two extra header rows: the bad answer is on row 5.
    assert one_problem(root, "raw/survey/responses.csv:5:work_supervision").endswith("or blank")
    fixed = write_study(tmp_path / "ok", {SURVEY: csv.replace("Sometimes", "5")}, only=["instruments/cpd_survey.yml"])
    survey = load_study(fixed).survey
    assert survey["respondent_id"].tolist() == ["R_1", "R_2"]
    assert survey["work_supervision"].tolist() == ["Quite well", "Very well"]


def test_xlsx_survey(tmp_path):
    frame = pd.DataFrame({"respondent_id": ["R1", "R2"], "team": ["MASH", "Adoption"],
                          "role": ["Manager", "Manager"], "career_stage": ["Team Manager", "ASYE"],
                          "work_supervision": [4, 2], "wish": ["Mentoring;Team away day", None]})
    root = write_study(tmp_path, {SURVEY: None}, only=["instruments/cpd_survey.yml"])
    (root / "raw/survey").mkdir(parents=True, exist_ok=True)
    frame.to_excel(root / "raw/survey/responses.xlsx", index=False)
    study = load_study(root)
    assert study.survey["work_supervision"].tolist() == ["Quite well", "Not very well"]
    assert study.survey["wish_team_away_day"].tolist() == [True, False]
    assert study.files["survey"].name == "responses.xlsx"


def test_sav_survey_with_value_labels(tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat")
    frame = pd.DataFrame({"respondent_id": ["R1", "R2", "R3"], "team": ["MASH", "MASH", "Fostering"],
                          "role": ["Manager"] * 3, "career_stage": ["Team Manager"] * 3,
                          "work_supervision": [1.0, 5.0, np.nan], "wish_mentoring": [1.0, 0.0, 1.0]})
    root = write_study(tmp_path, {SURVEY: None}, only=["instruments/cpd_survey.yml"])
    (root / "raw/survey").mkdir(parents=True, exist_ok=True)
    labels = {"work_supervision": {1.0: "Not at all well", 5.0: "VERY WELL"}}
    pyreadstat.write_sav(frame, str(root / "raw/survey/responses.sav"), variable_value_labels=labels)
    survey = load_study(root).survey
    assert survey["work_supervision"].astype(object).tolist()[:2] == ["Not at all well", "Very well"]
    assert survey["work_supervision"].isna().iloc[2]
    assert survey["wish_mentoring"].tolist() == [True, False, True]


def test_forms_multiselect_labels_or_ids_any_case(tmp_path):
    csv = (f"{ATTRS},wish\nR1,MASH,Manager,Team Manager,mentoring; TEAM AWAY DAY\n"
           "R2,MASH,Manager,Team Manager,\nR3,MASH,Manager,Team Manager,team_away_day;\n")
    survey = load_study(write_study(tmp_path, {SURVEY: csv}, only=["instruments/cpd_survey.yml"])).survey
    assert survey["wish_mentoring"].tolist() == [True, False, False]
    assert survey["wish_team_away_day"].tolist() == [True, False, True]
    assert "wish" not in survey.columns


def test_per_option_columns_accept_common_spellings(tmp_path):
    values = ["1", "0", "yes", "no", "TRUE", "false", "x", ""]
    rows = "".join(f"R{i},MASH,Manager,Team Manager,{v}\n" for i, v in enumerate(values))
    survey = load_study(write_study(tmp_path, {SURVEY: f"{ATTRS},wish_mentoring\n{rows}"},
                                    only=["instruments/cpd_survey.yml"])).survey
    assert survey["wish_mentoring"].tolist() == [True, False, True, False, True, False, True, False]


def test_likert_labels_case_and_space_and_dont_know(tmp_path):
    rows = ("R1,MASH,Manager,Team Manager,  quite WELL \nR2,MASH,Manager,Team Manager,Don't know\n"
            "R3,MASH,Manager,Team Manager,5\n")
    survey = load_study(write_study(tmp_path, {SURVEY: f"{ATTRS},work_supervision\n{rows}"},
                                    only=["instruments/cpd_survey.yml"])).survey
    assert survey["work_supervision"].astype(object).tolist()[0] == "Quite well"
    assert survey["work_supervision"].isna().tolist() == [False, True, False]


def test_survey_extension_looked_up_when_csv_absent(tmp_path):
    root = write_study(tmp_path, {SURVEY: None}, only=[])
    (root / "raw/survey").mkdir(parents=True)
    pd.DataFrame({"respondent_id": ["R1"], "team": ["MASH"], "role": ["Manager"],
                  "career_stage": ["ASYE"]}).to_excel(root / "raw/survey/responses.xlsx", index=False)
    assert len(load_study(root).survey) == 1
