"""Tests for cpdresearch.synth: the committed demo study is exactly the generator's output,
and the generated data carry the properties the analyses rely on."""
from __future__ import annotations

import math
import re
import time

import numpy as np
import pandas as pd
import pytest

from statsmodels.stats.inter_rater import cohens_kappa

from cpdresearch import frameworks
from cpdresearch.instrument import parse_instrument
from cpdresearch.synth import DEFAULTS, PLANTED_PERSONAL_DATA, write_study
from cpdresearch.synth import survey as synth_survey
from cpdresearch.synth import personal as synth_personal
from cpdresearch.synth import talk, text, vocabulary
from cpdresearch.synth.evaluation import OBJECTIVES

SEED = 20261123


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """The default demo study, regenerated."""
    return write_study(tmp_path_factory.mktemp("demo"), seed=SEED)


def _files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _read(root, rel):
    return pd.read_csv(root / rel, dtype=str, keep_default_na=False)


def _likert_codes(column: pd.Series) -> pd.Series:
    inst, problems = parse_instrument(synth_survey.instrument_spec(), "cpd_survey.yml")
    assert problems == []
    scale = inst.scales["working"]
    return scale.codes(column.map(scale.parse).astype(scale.dtype))


# --- the committed demo ------------------------------------------------------------------

def test_committed_demo_is_the_generator_output(demo_dir, fresh):
    assert _files(demo_dir) == _files(fresh)
    differ = [rel for rel in _files(fresh) if (demo_dir / rel).read_bytes() != (fresh / rel).read_bytes()]
    assert differ == [], f"regenerate with `cpdresearch synth data --seed {SEED}`: {differ}"


def test_same_seed_same_bytes_other_seed_other_data(tmp_path, fresh):
    again = write_study(tmp_path / "again", seed=SEED)
    assert all((again / r).read_bytes() == (fresh / r).read_bytes() for r in _files(fresh))
    other = write_study(tmp_path / "other", seed=SEED + 1)
    assert (other / "raw/survey/responses.csv").read_bytes() != (fresh / "raw/survey/responses.csv").read_bytes()


def test_demo_loads_with_zero_problems_and_warnings(demo_dir):
    import cpdresearch as cpd

    study = cpd.load_study(demo_dir)
    assert study.synthetic is True
    assert study.warnings == []
    assert study.min_cell == 5
    assert len(study.survey) == DEFAULTS["respondents"]
    assert set(study.sessions["file"].str.rsplit(".", n=1).str[1]) == {"txt", "vtt", "docx"}
    # Every coded segment exists in the transcripts as the loader numbers them.
    assert set(study.codings["segment_id"]) <= set(study.segments["segment_id"])


def test_study_settings_and_cohorts(fresh):
    import yaml

    settings = yaml.safe_load((fresh / "study.yml").read_text())
    assert settings["synthetic"] is True and settings["disclosure"]["min_cell"] == 5
    tiers = settings["charging"]["tiers"]
    assert tiers["council"] == {"full_day": 0, "half_day": 0, "late_charge": 70}
    assert (tiers["small_agency"]["full_day"], tiers["partner"]["half_day"], tiers["other"]["full_day"]) == (35, 35, 100)
    assert settings["charging"]["late_cancellation_working_days"] == 10
    cohorts = yaml.safe_load((fresh / "cohorts.yml").read_text())
    assert "notebooks" not in cohorts
    assert [c["name"] for c in cohorts["cohorts"]] == [
        "all", "mash", "early_help", "protection_court", "youth_offending", "looked_after",
        "adoption", "fostering", "asye", "managers"]
    assert cohorts["cohorts"][-1]["filter"] == {"role": "Manager"}


# --- survey --------------------------------------------------------------------------------

@pytest.mark.parametrize("respondents, seed", [(DEFAULTS["respondents"], SEED), (100, 1), (137, 7), (1000, 42)])
def test_working_means_hit_the_published_values(respondents, seed):
    data, _ = synth_survey.survey_responses(np.random.default_rng(seed), respondents=respondents)
    for item, _, _, published in synth_survey.WORKING_ITEMS:
        mean = _likert_codes(data[item]).mean()
        assert abs(mean - published) <= 0.01, (item, mean, published)


def test_survey_exercises_the_loader_formats(fresh):
    data = _read(fresh, "raw/survey/responses.csv")
    items = [i for i, *_ in synth_survey.WORKING_ITEMS]
    cells = data[items].stack()
    assert (cells == "").mean() > 0.02                                    # blanks
    assert cells.str.strip().str.casefold().isin(["not applicable", "don't know"]).mean() > 0.01
    labels = cells[~cells.str.fullmatch(r"[1-5]?") & ~cells.str.strip().str.casefold().isin(["not applicable", "don't know"])]
    assert len(labels) > 50 and (labels != labels.str.strip()).any() and labels.str.isupper().any()
    wish = data.filter(like="wish_")
    assert len(wish.columns) == 15 and set(np.unique(wish.to_numpy())) == {"0", "1"}
    assert data["barriers"].str.contains(";").mean() > 0.5
    assert (data["comments"] != "").mean() > 0.15
    assert set(data["team"]) == set(vocabulary.TEAMS)
    assert set(data["role"]) <= set(vocabulary.ROLES) and set(data["career_stage"]) <= set(frameworks.CAREER_STAGES)
    assert data["respondent_id"].is_unique


@pytest.mark.parametrize("respondents", [250, 137, 1000])
def test_wish_counts_are_the_published_counts_scaled(respondents):
    data, _ = synth_survey.survey_responses(np.random.default_rng(3), respondents=respondents)
    published = [f for *_, f in synth_survey.WISH_OPTIONS]
    counts = [int(data[f"wish_{o}"].sum()) for o, *_ in synth_survey.WISH_OPTIONS]
    assert counts == [math.floor(f * respondents / 100 + 0.5) for f in published]
    assert counts == sorted(counts, reverse=True)
    for a, b, ca, cb in zip(published, published[1:], counts, counts[1:]):
        assert (a == b) <= (ca == cb)   # ties stay ties


def test_wish_counts_by_hand():
    # 35 and 19 per 100, scaled to 250: 87.5 -> 88 and 47.5 -> 48 (half up, not to even).
    assert synth_survey.wish_counts(250)["team_away_day"] == 88
    assert synth_survey.wish_counts(250)["coaching"] == 48
    assert synth_survey.wish_counts(100)["mentoring"] == 24


def test_group_differences_for_the_analyses_to_find():
    data, _ = synth_survey.survey_responses(np.random.default_rng(SEED), respondents=2000)
    sup = _likert_codes(data["work_supervision"]).groupby(data["career_stage"]).mean()
    assert sup["ASYE"] - sup["Practice Specialist"] > 1.0
    refl = _likert_codes(data["work_reflective_learning"]).groupby(data["career_stage"]).mean()
    assert refl["ASYE"] - refl["Practice Specialist"] > 0.5
    coaching = data["wish_coaching"].groupby(data["role"]).mean()
    assert coaching["Manager"] > 2 * coaching["Qualified social worker"]
    workload = data["barriers"].str.contains("Workload;", regex=False).groupby(data["team"]).mean()
    cover = data["barriers"].str.contains("Staff cover;", regex=False).groupby(data["team"]).mean()
    assert workload["Protection and Court Team"] - workload["Adoption"] > 0.3
    assert cover["MASH"] - cover["Adoption"] > 0.3


def test_workforce_covers_respondents_and_rates_differ(fresh):
    data = _read(fresh, "raw/survey/responses.csv")
    workforce = pd.read_csv(fresh / "raw/workforce.csv")
    assert not workforce.duplicated(["team", "role"]).any()
    got = data.groupby(["team", "role"]).size().rename("n")
    merged = workforce.set_index(["team", "role"]).join(got).fillna({"n": 0})
    assert (merged["headcount"] >= merged["n"]).all()
    rate = merged.groupby("team")["n"].sum() / merged.groupby("team")["headcount"].sum()
    assert rate.max() - rate.min() > 0.15


def test_bad_sizes_are_all_reported(tmp_path):
    from cpdresearch import DataError

    with pytest.raises(DataError) as caught:
        write_study(tmp_path, respondents=99, sessions=0)
    assert [p.column for p in caught.value.problems] == ["respondents", "sessions"]
    assert "at least 100" in str(caught.value)


def test_cli_writes_the_study_and_refuses_bad_sizes(tmp_path, capsys):
    from cpdresearch.cli import main

    assert main(["synth", str(tmp_path / "s"), "--respondents", "120", "--sessions", "2",
                 "--courses", "1", "--staff", "5"]) == 0
    assert (tmp_path / "s" / "study.yml").exists()
    assert main(["synth", str(tmp_path / "t"), "--respondents", "10"]) == 2
    assert "respondents must be at least 100" in capsys.readouterr().err


@pytest.mark.parametrize("sizes", [dict(respondents=100, sessions=1, courses=1, staff=1),
                                   dict(respondents=300, sessions=10, courses=17, staff=40)])
def test_other_sizes_validate(tmp_path, sizes):
    import cpdresearch as cpd

    study = cpd.load_study(write_study(tmp_path, seed=5, **sizes))
    assert study.warnings == []
    assert len(study.sessions) == sizes["sessions"] and len(study.courses) == sizes["courses"]
    assert study.learning_needs["staff_id"].nunique() == sizes["staff"]


def test_rerun_with_fewer_sessions_leaves_no_stale_transcripts(tmp_path):
    write_study(tmp_path, respondents=100, sessions=8, courses=1, staff=1)
    write_study(tmp_path, respondents=100, sessions=3, courses=1, staff=1)
    files = sorted(p.name for p in (tmp_path / "raw/focus_groups").iterdir())
    assert files == ["codings.csv", "fg01_young_people.txt", "fg02_parents_carers.txt", "fg03_staff.vtt",
                     "sessions.csv"]


def test_scaled_run_is_fast(tmp_path):
    t0 = time.perf_counter()
    root = write_study(tmp_path, respondents=20_000, sessions=3, courses=2, staff=50)
    assert time.perf_counter() - t0 < 10
    assert sum(1 for _ in open(root / "raw/survey/responses.csv")) == 20_001


# --- focus groups ----------------------------------------------------------------------------

def test_theme_sentences_match_their_codebook_patterns():
    for theme in text.THEMES.values():
        for group in frameworks.PARTICIPANT_GROUPS:
            for sentence in theme.voices(group) + talk.EXTRA[theme.id][group]:
                assert any(re.search(p, sentence, re.I) for p in theme.patterns), (theme.id, sentence)
                assert ":" not in sentence  # a continuation line must never look like a speaker


def _fragments(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _fragments(v)
    elif isinstance(value, (tuple, list)):
        for v in value:
            yield from _fragments(v)
    elif isinstance(value, talk.Voice):
        for v in vars(value).values():
            yield from _fragments(v)


def test_talk_fragments_hold_no_colon_and_no_name_opens_a_sentence():
    fragments = [f for name in talk.__all__ if name != "fill" for f in _fragments(getattr(talk, name))]
    assert len(fragments) > 900
    assert not [f for f in fragments if ":" in f]  # a continuation line must never look like a speaker
    personal_slots = "|".join(synth_personal.CAST_SLOTS) + "|sibling"
    # the unlisted-names pass reads a capitalised word opening a sentence as ordinary
    assert not [f for f in fragments if re.search(rf"(?:^|[.!?]\s+)\{{(?:{personal_slots})\}}", f)]


def test_sessions_read_like_fieldwork(fresh):
    import cpdresearch as cpd

    study = cpd.load_study(fresh)
    seg = study.segments
    words = seg["text"].str.split().str.len().groupby(seg["session_id"]).sum()
    assert words.between(8_000, 12_000).all(), words
    talk_ = seg[seg["speaker"] != "FAC"]
    people = talk_.groupby("session_id")["speaker"].nunique()
    assert people.between(5, 10).all() and people.nunique() > 2
    assert study.sessions["site"].nunique() == 4
    short = talk_["text"].str.split().str.len() <= 3
    assert 0.2 < short.mean() < 0.5                               # "Same." "Yeah."
    assert (talk_["text"].str.split().str.len() > 100).sum() > 80  # long stories
    assert talk_["text"].str.contains("[crosstalk]", regex=False).sum() > 50
    assert talk_["text"].str.contains(" --").sum() > 200          # cut off, restarts
    # not one pool dealt over and over: most participant sentences of a session are said once there
    sentences = talk_["text"].str.split(r"(?<=[.?!])\s+").explode()
    sentences = sentences[sentences.str.split().str.len() >= 8]
    per_session = sentences.groupby(talk_.loc[sentences.index, "session_id"].to_numpy())
    assert all(s.value_counts().max() <= 8 for _, s in per_session)


def test_codebook_links_kss_and_pcf(fresh):
    import yaml

    codes = yaml.safe_load((fresh / "codebooks/focus_groups.yml").read_text())["codes"]
    assert {c["id"] for c in codes} == set(text.THEMES)
    for c in codes:
        assert c["kss"] and set(c["kss"]) <= set(frameworks.KSS_STATEMENTS)
        assert c["pcf"] and set(c["pcf"]) <= set(frameworks.PCF_DOMAINS)
        for p in c["patterns"]:
            re.compile(p)


def test_transcript_formats(fresh):
    folder = fresh / "raw/focus_groups"
    sessions = _read(fresh, "raw/focus_groups/sessions.csv")
    assert len(sessions) == DEFAULTS["sessions"] == 11
    assert sessions["group"].value_counts().to_dict() == {"young_people": 4, "parents_carers": 4, "staff": 3}
    assert sessions["file"].str.rsplit(".", n=1).str[1].value_counts().to_dict() == {"txt": 7, "vtt": 2, "docx": 2}
    txt = (folder / sessions["file"][0]).read_text().splitlines()
    assert txt[0].startswith("#")
    assert any(re.match(r"\[\d\d:\d\d:\d\d\] [A-Z]+\d*: ", line) for line in txt)
    assert any(not re.match(r"(\[[\d:]+\] )?[A-Z]+\d*: ", line) and not line.startswith("#") for line in txt)
    vtt = (folder / "fg03_staff.vtt").read_text()
    assert vtt.startswith("WEBVTT") and "<v SW" in vtt


def test_codings_agree_imperfectly(fresh):
    codings = _read(fresh, "raw/focus_groups/codings.csv")
    assert set(codings["coder"]) == {"AB", "CD"}
    by_coder = codings.groupby("coder")["segment_id"].agg(set)
    # the same segments: a segment one coder left uncoded is one the other coded (few)
    assert len(by_coder["AB"] ^ by_coder["CD"]) < 0.15 * len(by_coder["AB"] | by_coder["CD"])
    sessions = codings["segment_id"].str.rsplit("-", n=1).str[0]
    assert sorted(sessions.unique()) == ["fg01_young_people", "fg02_parents_carers", "fg03_staff"]
    # presence/absence of each code on every segment either coder coded, pooled over codes
    units = sorted(by_coder["AB"] | by_coder["CD"])
    have = {c: set(zip(g["segment_id"], g["code"])) for c, g in codings.groupby("coder")}
    a = [(u, code) in have["AB"] for u in units for code in text.THEMES]
    b = [(u, code) in have["CD"] for u in units for code in text.THEMES]
    table = pd.crosstab(pd.Series(a), pd.Series(b)).to_numpy()
    kappa = cohens_kappa(table).kappa
    assert len(units) > 300 and 0.65 <= kappa <= 0.9, kappa
    assert codings.groupby(["coder", "segment_id"]).size().max() > 1  # a story can carry two codes


# --- evaluations -----------------------------------------------------------------------------

def test_most_objectives_improve_and_flat_ones_do_not(tmp_path):
    root = write_study(tmp_path, respondents=100, sessions=1, courses=16, staff=10)
    courses = _read(root, "raw/evaluations/courses.csv").set_index("course_id")
    resp = _read(root, "raw/evaluations/responses.csv")
    codes = {"not sure": 1, "some knowledge": 2, "knowledgeable": 3, "confident": 4}
    def num(s):
        return pd.to_numeric(s.str.casefold().replace(codes), errors="coerce")
    for course_id, forms in resp.groupby("course_id"):
        objectives = OBJECTIVES[courses.loc[course_id, "priority_area"]][1]
        for k, (_, _, flag) in enumerate(objectives, start=1):
            gain = (num(forms[f"post_{k}"]) - num(forms[f"pre_{k}"])).mean()
            assert (gain < 0.4) if flag == "flat" else (gain > 0.4), (course_id, k, gain)
        assert f"pre_{len(objectives) + 1}" not in forms or (forms[f"pre_{len(objectives) + 1}"] == "").all()


def test_bookings_follow_the_late_cancellation_rule(fresh):
    bookings = _read(fresh, "raw/evaluations/bookings.csv")
    course_date = _read(fresh, "raw/evaluations/courses.csv").set_index("course_id")["date"]
    assert set(bookings["status"]) == {"attended", "cancelled", "late_cancelled", "no_show"}
    cancelled = bookings[bookings["status"].isin(["cancelled", "late_cancelled"])]
    assert (cancelled["cancelled_date"] != "").all()
    assert (bookings.loc[~bookings.index.isin(cancelled.index), "cancelled_date"] == "").all()
    working_days = np.busday_count(cancelled["cancelled_date"].to_numpy("datetime64[D]"),
                                   course_date[cancelled["course_id"]].to_numpy("datetime64[D]"))
    assert ((working_days <= 10) == (cancelled["status"] == "late_cancelled").to_numpy()).all()
    assert (cancelled["booked_date"] <= cancelled["cancelled_date"]).all()
    assert bookings["organisation_tier"].nunique() == 4


def test_followup_is_linked_and_months_are_3_or_6(fresh):
    followup = _read(fresh, "raw/evaluations/followup.csv")
    responses = _read(fresh, "raw/evaluations/responses.csv")
    assert set(followup["months_after"]) <= {"3", "6"}
    assert set(followup["response_id"]) <= set(responses["response_id"])


# --- learning needs, personal data -----------------------------------------------------------

def test_learning_needs(fresh):
    needs = _read(fresh, "raw/ldp/learning_needs.csv")
    assert needs["staff_id"].nunique() == DEFAULTS["staff"]
    assert needs["need_id"].is_unique
    assert set(needs["priority"]) == {"high", "medium", "low"}
    assert set(needs["preferred_method"]) == set(frameworks.LEARNING_CATEGORIES)
    assert set(needs["pcf_domain"].astype(int)) <= set(frameworks.PCF_DOMAINS)


def test_planted_personal_data_is_where_real_exports_have_it(fresh):
    survey = (fresh / "raw/survey/responses.csv").read_text()
    evaluations = (fresh / "raw/evaluations/responses.csv").read_text()
    transcripts = "".join((p.read_text() if p.suffix != ".docx" else "") for p in (fresh / "raw/focus_groups").iterdir())
    import docx
    transcripts += "\n".join(par.text for p in (fresh / "raw/focus_groups").glob("*.docx")
                             for par in docx.Document(p).paragraphs)
    everything = survey + evaluations + transcripts
    only_transcripts = {"unlisted_name", "school", "address", "ni"}
    for kind, values in PLANTED_PERSONAL_DATA.items():
        assert all(v in everything for v in values), kind
        for source in (transcripts,) if kind in only_transcripts else (survey, evaluations, transcripts):
            assert any(v in source for v in values), kind
        if kind in only_transcripts:
            assert not any(v in survey + evaluations for v in values), kind
    # every unlisted name said at least once; a first name long enough that a scan of
    # published files cannot find it inside another word or a base64 image by chance
    assert all(len(v) >= 7 for v in PLANTED_PERSONAL_DATA["unlisted_name"])
    names = pd.read_csv(fresh / "raw/known_names.csv")["name"].tolist()
    assert names == PLANTED_PERSONAL_DATA["name"]
    assert all(re.fullmatch(r"07700 900\d{3}|0113 496 0\d{3}", p) for p in PLANTED_PERSONAL_DATA["phone"])
    assert all(e.endswith("@example.org") for e in PLANTED_PERSONAL_DATA["email"])
