"""Tests for cpdresearch.io validation: every kind of bad input names file, row and column; raw data is never written."""
from __future__ import annotations

import pytest

import cpdresearch
from cpdresearch.io import load_study, study_summary, validate_study

from io_helpers import SURVEY_CSV, one_problem, problems_of, snapshot, write_study

SURVEY = "raw/survey/responses.csv"
ATTRS = "respondent_id,team,role,career_stage"


def test_missing_file_named_in_study_yml(tmp_path):
    yml = "name: T\nsynthetic: false\npaths:\n  survey: raw/survey/wave2.csv\n"
    text = one_problem(write_study(tmp_path, {"study.yml": yml}), "study.yml:4:paths.survey")
    assert "raw/survey/wave2.csv does not exist" in text


def test_missing_transcript(tmp_path):
    root = write_study(tmp_path, {"raw/focus_groups/st1.txt": None})
    text = one_problem(root, "raw/focus_groups/sessions.csv:3:file")
    assert "raw/focus_groups/st1.txt does not exist" in text


def test_empty_file(tmp_path):
    assert "empty" in one_problem(write_study(tmp_path, {"raw/evaluations/courses.csv": ""}),
                                  "raw/evaluations/courses.csv:-:-")


def test_undecodable_bytes_name_the_row(tmp_path):
    data = f"{ATTRS},comments\nR1,MASH,Manager,ASYE,café\nR2,MASH,Manager,ASYE,ok\nR3,MASH,Manager,ASYE,x\xff\n"
    text = one_problem(write_study(tmp_path, {SURVEY: data.encode("utf-8").replace(b"x\xc3\xbf", b"x\xff")}, only=[]),
                       "raw/survey/responses.csv:4:")
    assert "undecodable bytes ff" in text


def test_bytes_fitting_no_encoding(tmp_path):
    data = f"{ATTRS}\nR1,MASH,Manager,ASYE\nR2,MA\x81SH,Manager,ASYE\n".encode("latin-1")
    assert "undecodable bytes 81" in one_problem(write_study(tmp_path, {SURVEY: data}, only=[]),
                                                 "raw/survey/responses.csv:3:")


def test_malformed_yaml_names_its_line(tmp_path):
    bad = "cohorts:\n  - name: all\n    filter: {team: [MASH}\n"
    text = one_problem(write_study(tmp_path, {"cohorts.yml": bad}), "cohorts.yml:3:")
    assert "malformed YAML" in text


def test_missing_required_column(tmp_path):
    csv = "respondent_id,team,role\nR1,MASH,Manager\n"
    text = one_problem(write_study(tmp_path, {SURVEY: csv}, only=["instruments/cpd_survey.yml"]),
                       "raw/survey/responses.csv:1:career_stage")
    assert "missing required column" in text


def test_duplicate_ids(tmp_path):
    csv = f"{ATTRS}\nR1,MASH,Manager,ASYE\nR2,MASH,Manager,ASYE\nR1,MASH,Manager,ASYE\n"
    text = one_problem(write_study(tmp_path, {SURVEY: csv}, only=[]), "raw/survey/responses.csv:4:respondent_id")
    assert "duplicate respondent_id 'R1' (first on row 2)" in text


def test_code_outside_scale(tmp_path):
    csv = f"{ATTRS},work_supervision\nR1,MASH,Manager,ASYE,6\n"
    text = one_problem(write_study(tmp_path, {SURVEY: csv}, only=["instruments/cpd_survey.yml"]),
                       "raw/survey/responses.csv:2:work_supervision")
    assert "unknown answer '6'" in text and "5 = Very well" in text


def test_unknown_label(tmp_path):
    csv = f"{ATTRS},work_supervision,wish\nR1,MASH,Manager,ASYE,Fine,Mentoring;Yoga\n"
    root = write_study(tmp_path, {SURVEY: csv}, only=["instruments/cpd_survey.yml"])
    assert "'Fine'" in one_problem(root, "raw/survey/responses.csv:2:work_supervision")
    assert "Yoga" in one_problem(root, "raw/survey/responses.csv:2:wish")


def test_non_numeric_rating(tmp_path):
    csv = "response_id,course_id,pre_1,post_1,pre_2,post_2\nE1,C1,1,lots,1,2\n"
    text = one_problem(write_study(tmp_path, {"raw/evaluations/responses.csv": csv,
                                              "raw/evaluations/followup.csv": None}),
                       "raw/evaluations/responses.csv:2:post_1")
    assert "'lots'" in text and "Not sure" in text


@pytest.mark.parametrize("column,value,bad", [("team", "Mash team", "unknown team"),
                                              ("role", "Wizard", "unknown role"),
                                              ("career_stage", "Guru", "unknown career stage")])
def test_unknown_team_role_career_stage(tmp_path, column, value, bad):
    row = {"respondent_id": "R1", "team": "MASH", "role": "Manager", "career_stage": "ASYE", column: value}
    csv = f"{ATTRS}\n" + ",".join(row.values()) + "\n"
    assert bad in one_problem(write_study(tmp_path, {SURVEY: csv}, only=["raw/workforce.csv"]),
                              f"raw/survey/responses.csv:2:{column}")


def test_response_to_unknown_course(tmp_path):
    csv = "response_id,course_id,pre_1,post_1,pre_2,post_2\nE1,C9,1,2,,\n"
    text = one_problem(write_study(tmp_path, {"raw/evaluations/responses.csv": csv,
                                              "raw/evaluations/followup.csv": None}),
                       "raw/evaluations/responses.csv:2:course_id")
    assert "course 'C9' does not exist" in text


def test_objective_number_the_course_lacks(tmp_path):
    objectives = "course_id,objective_no,text,pcf_domain\n" + "".join(f"C1,{k},o{k},5\n" for k in range(1, 6))
    objectives += "C2,1,x,5\nC2,2,y,5\nC2,3,z,5\nC2,4,w,5\nC2,5,v,5\nC2,6,u,5\n"
    header = "response_id,course_id," + ",".join(f"pre_{k},post_{k}" for k in range(1, 7))
    csv = header + "\nE1,C1,1,2,1,2,1,2,1,2,1,2,,3\nE2,C2,1,2,1,2,1,2,1,2,1,2,1,2\n"
    text = one_problem(write_study(tmp_path, {"raw/evaluations/objectives.csv": objectives,
                                              "raw/evaluations/responses.csv": csv,
                                              "raw/evaluations/followup.csv": None}),
                       "raw/evaluations/responses.csv:2:post_6")
    assert "course 'C1' has 5 objectives" in text


def test_codebook_code_missing(tmp_path):
    csv = "coder,segment_id,code\nAB,yp1-2,relationships\nAB,yp1-3,resilience\n"
    text = one_problem(write_study(tmp_path, {"raw/focus_groups/codings.csv": csv}),
                       "raw/focus_groups/codings.csv:3:code")
    assert "codebook code 'resilience' does not exist" in text


def test_codings_segment_missing(tmp_path):
    csv = "coder,segment_id,code\nAB,yp1-9,relationships\n"
    text = one_problem(write_study(tmp_path, {"raw/focus_groups/codings.csv": csv}),
                       "raw/focus_groups/codings.csv:2:segment_id")
    assert "segment 'yp1-9' does not exist" in text


def test_transcript_without_speaker_turns(tmp_path):
    root = write_study(tmp_path, {"raw/focus_groups/st1.txt": "# nothing transcribed yet\n\n"})
    assert "has no speaker turns" in one_problem(root, "raw/focus_groups/sessions.csv:3:file")


def test_cohort_filter_on_unknown_column(tmp_path):
    yml = "cohorts:\n  - name: north\n    title: North\n    filter: {region: North}\n"
    text = one_problem(write_study(tmp_path, {"cohorts.yml": yml}), "cohorts.yml:4:filter.region")
    assert "no dataset has" in text


def test_bad_date(tmp_path):
    csv = "session_id,file,group,date\nyp1,yp1.txt,young_people,04/03/2025\nst1,st1.txt,staff,2025-02-30\nx1,st1.txt,staff,2025\n"
    root = write_study(tmp_path, {"raw/focus_groups/sessions.csv": csv})
    assert "bad date '04/03/2025'" in one_problem(root, "raw/focus_groups/sessions.csv:2:date")
    assert "bad date '2025-02-30'" in one_problem(root, "raw/focus_groups/sessions.csv:3:date")
    assert "bad date '2025'" in one_problem(root, "raw/focus_groups/sessions.csv:4:date")


def test_pcf_domain_out_of_range(tmp_path):
    csv = "course_id,objective_no,text,pcf_domain\nC1,1,a,5\nC1,2,b,0\nC2,1,c,10\n"
    root = write_study(tmp_path, {"raw/evaluations/objectives.csv": csv})
    assert "from 1 to 9" in one_problem(root, "raw/evaluations/objectives.csv:3:pcf_domain")
    assert "'10'" in one_problem(root, "raw/evaluations/objectives.csv:4:pcf_domain")


def test_codebook_problems_name_their_line(tmp_path):
    yml = "codes:\n  - id: a\n    patterns: ['(unclosed']\n    pcf: [12]\n"
    root = write_study(tmp_path, {"codebooks/focus_groups.yml": yml, "raw/focus_groups/codings.csv": None})
    assert "bad regular expression" in one_problem(root, "codebooks/focus_groups.yml:3:codes[0].patterns")
    assert "not a PCF number" in one_problem(root, "codebooks/focus_groups.yml:4:codes[0].pcf")


def test_instrument_problems_name_their_line(tmp_path):
    yml = "scales: {}\nblocks:\n  b:\n    scale: nope\n    items: []\n"
    text = one_problem(write_study(tmp_path, {"instruments/cpd_survey.yml": yml}, only=[]),
                       "instruments/cpd_survey.yml:4:blocks.b.scale")
    assert "unknown scale 'nope'" in text


def test_study_yml_checks(tmp_path):
    yml = "name: ''\nsynthetic: yes please\ndisclosure:\n  min_cell: 1\npaths:\n  surveys: x.csv\n"
    texts = problems_of(write_study(tmp_path, {"study.yml": yml}, only=[]))
    assert any(t.startswith("study.yml:1:name:") for t in texts)
    assert any(t.startswith("study.yml:2:synthetic:") for t in texts)
    assert any(t.startswith("study.yml:4:disclosure.min_cell:") for t in texts)
    assert any(t.startswith("study.yml:6:paths.surveys: unknown section") for t in texts)


def test_booking_checks(tmp_path):
    csv = ("booking_id,course_id,organisation_tier,status,booked_date,cancelled_date\n"
           "B1,C1,academy,attended,2025-01-01,\nB2,C1,council,cancelled,2025-01-01,\n")
    root = write_study(tmp_path, {"raw/evaluations/bookings.csv": csv})
    assert "unknown organisation tier 'academy'" in one_problem(root, "raw/evaluations/bookings.csv:2:organisation_tier")
    assert "cancellation" in one_problem(root, "raw/evaluations/bookings.csv:3:cancelled_date")


def test_every_problem_in_every_file_is_listed(tmp_path):
    root = write_study(tmp_path, {
        SURVEY: f"{ATTRS},work_supervision\nR1,Nowhere,Manager,ASYE,9\nR1,MASH,Manager,ASYE,4\n",
        "raw/evaluations/courses.csv": "course_id,title,date,delivered_by,format,length\n"
                                       "C1,Court,2025-13-01,in_house,classroom,full_day\n"
                                       "C2,Direct,2025-02-10,in_house,webinar,half_day\n",
        "raw/ldp/learning_needs.csv": "need_id,staff_id,team,role,career_stage,topic,pcf_domain,priority,"
                                      "preferred_method,source,date\n"
                                      "N1,S1,MASH,Manager,ASYE,Court,11,urgent,formal,supervision,2025-04-01\n",
        "cohorts.yml": "cohorts:\n  - name: Bad Name\n",
    })
    texts = problems_of(root)
    for where in ("raw/survey/responses.csv:2:team", "raw/survey/responses.csv:2:work_supervision",
                  "raw/survey/responses.csv:3:respondent_id", "raw/evaluations/courses.csv:2:date",
                  "raw/evaluations/courses.csv:3:format", "raw/ldp/learning_needs.csv:2:pcf_domain",
                  "raw/ldp/learning_needs.csv:2:priority", "cohorts.yml:2:name"):
        assert any(t.startswith(where) for t in texts), (where, texts)
    assert validate_study(root) and [str(p) for p in validate_study(root)] == texts


def test_raw_files_are_never_written(tmp_path):
    root = write_study(tmp_path)
    before = snapshot(root)
    load_study(root)
    validate_study(root)
    assert snapshot(root) == before


def test_study_summary(tmp_path):
    csv = SURVEY_CSV.replace("comments\n", "comments,extra\n")
    study = load_study(write_study(tmp_path, {SURVEY: csv.replace("please\n", "please,1\n")}))
    text = study_summary(study)
    assert "Study: Tiny test study (synthetic data)" in text
    assert "survey" in text and "segments" in text and "Cohorts: all, mash" in text
    assert "Warnings: 1" in text and "extra" in text
    assert len(text.splitlines()) < 40


def test_top_level_api(tmp_path):
    root = write_study(tmp_path)
    assert cpdresearch.load_study(root).name == "Tiny test study"
    assert cpdresearch.validate_study(root) == []


def test_cohort_filter_value_that_is_not_a_level(tmp_path):
    yml = "cohorts:\n  - name: mash\n    filter:\n      team: [MASH, Mash team]\n"
    text = one_problem(write_study(tmp_path, {"cohorts.yml": yml}), "cohorts.yml:4:filter.team")
    assert "'Mash team'" in text


def test_unreadable_csv_names_the_line(tmp_path):
    csv = f"{ATTRS}\nR1,MASH,Manager,ASYE\nR2,MASH,Manager,ASYE,extra,cells\n"
    assert "unreadable CSV" in one_problem(write_study(tmp_path, {SURVEY: csv}, only=[]), "raw/survey/responses.csv:3:-")


def test_duplicate_column_names(tmp_path):
    csv = f"{ATTRS},team\nR1,MASH,Manager,ASYE,MASH\n"
    assert "duplicate column" in one_problem(write_study(tmp_path, {SURVEY: csv}, only=[]),
                                             "raw/survey/responses.csv:1:team")


def test_blank_lines_keep_spreadsheet_row_numbers(tmp_path):
    csv = f"{ATTRS}\nR1,MASH,Manager,ASYE\n\n\nR2,MASH,Manager,Guru\n"
    root = write_study(tmp_path, {SURVEY: csv}, only=[])
    assert "unknown career stage 'Guru'" in one_problem(root, "raw/survey/responses.csv:5:career_stage")
    fixed = write_study(tmp_path / "ok", {SURVEY: csv.replace("Guru", "ASYE")}, only=[])
    assert load_study(fixed).survey["respondent_id"].tolist() == ["R1", "R2"]


def test_missing_value_in_required_column(tmp_path):
    csv = f"{ATTRS}\nR1,,Manager,ASYE\n,MASH,Manager,ASYE\n"
    root = write_study(tmp_path, {SURVEY: csv}, only=[])
    assert "missing value" in one_problem(root, "raw/survey/responses.csv:2:team")
    assert "missing value" in one_problem(root, "raw/survey/responses.csv:3:respondent_id")


def test_missing_study_yml(tmp_path):
    root = write_study(tmp_path, {"study.yml": None}, only=[])
    assert "missing settings file" in one_problem(root, "study.yml:-:-")


def test_demo_study_loads_without_problems(demo_dir):
    study = load_study(demo_dir)
    assert study.synthetic and study.survey is not None and study.segments is not None
    for cohort in study.cohorts:
        assert study.cohort(cohort.name).survey is not None


def test_ratings_without_objectives_file_are_not_limited(tmp_path):
    study = load_study(write_study(tmp_path, {"raw/evaluations/objectives.csv": None}))
    assert study.evaluations["post_2"].tolist()[0] == "Confident"
    assert study.objectives is None


def test_followup_and_booking_references(tmp_path):
    root = write_study(tmp_path, {
        "raw/evaluations/followup.csv": "followup_id,response_id,course_id,months_after,fu_1,fu_2\n"
                                        "F1,E9,C1,0,3,4\n",
        "raw/evaluations/bookings.csv": "booking_id,course_id,organisation_tier,status,booked_date\n"
                                        "B1,C7,council,attended,2025-01-01\n"})
    assert "response 'E9' does not exist" in one_problem(root, "raw/evaluations/followup.csv:2:response_id")
    assert ">= 1" in one_problem(root, "raw/evaluations/followup.csv:2:months_after")
    assert "course 'C7' does not exist" in one_problem(root, "raw/evaluations/bookings.csv:2:course_id")


def test_objective_repeated_within_course(tmp_path):
    csv = "course_id,objective_no,text,pcf_domain\nC1,1,a,5\nC1,2,b,5\nC1,1,c,5\nC2,1,d,5\n"
    text = one_problem(write_study(tmp_path, {"raw/evaluations/objectives.csv": csv}),
                       "raw/evaluations/objectives.csv:4:objective_no")
    assert "objective 1 of course 'C1' repeats (first on row 2)" in text


def test_problems_listed_by_file_then_row(tmp_path):
    csv = f"{ATTRS},work_supervision\nR1,Nowhere,Manager,ASYE,9\nR1,MASH,Wizard,ASYE,4\nR3,MASH,Manager,ASYE,0\n"
    texts = problems_of(write_study(tmp_path, {SURVEY: csv}, only=["instruments/cpd_survey.yml"]))
    rows = [int(t.split(":")[1]) for t in texts]
    assert rows == sorted(rows) and len(texts) == 5


def test_instrument_activity_must_be_in_catalogue(tmp_path):
    from io_helpers import INSTRUMENT_YML
    bad = INSTRUMENT_YML.replace("activity: team_away_day", "activity: away_days")
    line = bad.splitlines().index("      - {id: team_away_day, label: Team away day, activity: away_days}") + 1
    text = one_problem(write_study(tmp_path, {"instruments/cpd_survey.yml": bad}),
                       f"instruments/cpd_survey.yml:{line}:multi_selects.wish.options[1].activity")
    assert "unknown activity 'away_days'" in text


def test_xlsx_duplicate_header_and_row_numbers(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    root = write_study(tmp_path, {SURVEY: None}, only=[])
    (root / "raw/survey").mkdir(parents=True, exist_ok=True)
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["respondent_id", "team", "role", "career_stage", "team"],
                ["R1", "MASH", "Manager", "ASYE", "MASH"], ["R2", "MASH", "Manager", "Guru", "MASH"]):
        sheet.append(row)
    book.save(root / "raw/survey/responses.xlsx")
    texts = problems_of(root)
    assert any(t.startswith("raw/survey/responses.xlsx:1:team: duplicate column") for t in texts)
    assert any(t.startswith("raw/survey/responses.xlsx:3:career_stage: unknown career stage 'Guru'") for t in texts)
