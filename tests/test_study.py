"""cpdresearch.study: cohorts filter every dataset that has the column; attribute labels
and field terms come from the study."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from cpdresearch import DataError
from cpdresearch.io.vocabularies import StudyVocabularies, Vocabulary
from cpdresearch.study import Cohort, Study


def _study() -> Study:
    survey = pd.DataFrame({"respondent_id": ["R1", "R2", "R3"], "team": pd.Categorical(["North", "South", "North"]),
                           "role": pd.Categorical(["SW", "SW", "TM"])})
    workforce = pd.DataFrame({"team": pd.Categorical(["North", "South"]), "headcount": [10, 8]})
    courses = pd.DataFrame({"course_id": ["C1"]})
    return Study(root=Path("x"), settings={"name": "S", "synthetic": False, "disclosure": {"min_cell": 3}},
                 survey=survey, workforce=workforce, courses=courses,
                 cohorts=[Cohort("north", "North team", {"team": "North"}), Cohort("sw", "SW", {"role": ["SW"]})],
                 vocabularies=StudyVocabularies(declared={"team": Vocabulary("team", ("North", "South"),
                                                                             label="Area team")}))


def test_cohort_filters_each_dataset_with_the_column_and_leaves_the_rest_whole():
    north = _study().cohort("north")
    assert north.cohort_name == "north"
    assert north.survey["respondent_id"].tolist() == ["R1", "R3"]
    assert north.workforce["headcount"].tolist() == [10]
    assert len(north.courses) == 1  # no team column: not filtered
    sw = _study().cohort("sw")
    assert sw.survey["respondent_id"].tolist() == ["R1", "R2"] and len(sw.workforce) == 2


def test_all_without_such_a_cohort_is_the_whole_study_and_unknown_names_are_errors():
    study = _study()
    assert study.cohort("all") is study and study.cohort(None) is study
    with pytest.raises(DataError):
        study.cohort("nowhere")


def test_settings_and_words_come_from_the_study():
    study = _study()
    assert study.min_cell == 3 and study.min_group == 10 and study.name == "S" and not study.synthetic
    assert study.attribute_label("team") == "Area team"  # declared label
    assert study.attribute_label("career_stage") == "Career stage"  # column name in words
    assert {"North", "South", "SW", "TM"} <= set(study.field_terms())
