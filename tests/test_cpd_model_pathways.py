"""Career pathways use the study's own career stages and their national mapping."""
from __future__ import annotations

import pandas as pd
import pytest

from cpdresearch import load_study, paths
from cpdresearch.cpd_model import career_pathway, career_stages, pathway_topics, stage_activities


def test_pathway_counts_staff_at_each_stage_and_domain():
    needs = pd.DataFrame({"staff_id": ["S1", "S1", "S2", "S3"], "career_stage": ["Fresh", "Fresh", "Fresh", "Lead"],
                          "topic": ["T1", "T2", "T1", "T3"], "pcf_domain": [5, 5, 7, 9]})
    t = career_pathway(needs, stages=["Lead", "Fresh"], national={"Fresh": "ASYE"}).set_index(
        ["career_stage", "pcf_domain"])
    assert list(dict.fromkeys(t.index.get_level_values(0))) == ["Lead", "Fresh"]
    assert t.loc[("Fresh", 5), ["staff", "stage_staff", "share"]].tolist() == [1, 2, 0.5]
    assert t.loc[("Fresh", 5), "national_stage"] == "ASYE" and pd.isna(t.loc[("Lead", 9), "national_stage"])
    assert len(t) == 18
    top = pathway_topics(needs)
    assert top[(top["career_stage"] == "Fresh") & (top["pcf_domain"] == 5)]["staff"].tolist() == [1, 1]


def test_stages_come_from_the_study_not_the_code(tmp_path):
    study = load_study(paths.DEMO_STUDY)
    stages, national = career_stages(study)
    assert stages == list(study.vocabularies.declared["career_stage"].levels)
    assert set(national) == set(stages)


def test_stage_activities_from_the_survey():
    study = load_study(paths.DEMO_STUDY)
    stages, _ = career_stages(study)
    t = stage_activities(study.survey, instrument=study.instrument, working_block="working", wish_select="wish",
                         stages=stages)
    assert set(t["career_stage"]) <= set(stages)
    first = t[(t["career_stage"] == stages[0]) & t["n"].notna()].iloc[0]
    part = study.survey[study.survey["career_stage"] == stages[0]]
    item = next(i for i in study.instrument.blocks["working"].items if i.activity == first["activity"])
    codes = study.instrument.blocks["working"].scale.codes(part[item.id]).dropna()
    assert first["n"] == len(codes) and first["mean"] == pytest.approx(codes.mean())


def test_no_career_stage_column_gives_an_empty_table():
    study = load_study(paths.REPO_ROOT / "tests" / "fixtures" / "other_council")
    assert stage_activities(study.survey, instrument=study.instrument, working_block=None, wish_select=None,
                            stages=[]).empty
