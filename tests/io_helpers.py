"""Builders of small study folders for the io tests.

``write_study(tmp_path)`` writes a complete, valid study; ``files=`` replaces or removes
(``None``) individual files, so each test states only what it breaks.
"""
from __future__ import annotations

import pytest

import hashlib
import os
from pathlib import Path

STUDY_YML = """\
name: Tiny test study
synthetic: true
disclosure:
  min_cell: 5
vocabularies:
  team: [MASH, Early Help, Adoption, Fostering, Edge of Care]
  role:
    levels: [Qualified social worker, Non-registered social care staff, Manager]
    registered: [Qualified social worker, Manager]
  career_stage:
    ordered: true
    levels: [ASYE, Social Worker, Senior Social Worker, Practice Specialist, Team Manager, Non-registered staff]
charging:
  late_cancellation_working_days: 10
  tiers:
    council: {full_day: 0, half_day: 0}
    external: {full_day: 150, half_day: 90, late_charge: 150}
"""

COHORTS_YML = """\
notebooks: [01_survey]
cohorts:
  - name: all
    title: Whole workforce
    filter: {}
  - name: mash
    title: MASH
    filter: {team: MASH}
"""

INSTRUMENT_YML = """\
id: cpd_survey
title: CPD staff survey
scales:
  working:
    ordered: true
    neutral: 3
    levels:
      - {code: 1, label: Not at all well}
      - {code: 2, label: Not very well}
      - {code: 3, label: Neither well nor poorly}
      - {code: 4, label: Quite well}
      - {code: 5, label: Very well}
    missing: [Not applicable, Don't know]
attributes: [team, role, career_stage]
blocks:
  working:
    title: How well is this working for your CPD?
    scale: working
    items:
      - {id: work_supervision, label: Supervision, activity: supervision}
      - {id: work_mentoring, label: Mentoring, activity: mentoring}
multi_selects:
  wish:
    title: Which of these would you like more of?
    options:
      - {id: mentoring, label: Mentoring, activity: mentoring}
      - {id: team_away_day, label: Team away day, activity: team_away_day}
free_text: [comments]
"""

CODEBOOK_YML = """\
codes:
  - id: relationships
    label: Relationships and trust
    description: What builds or breaks trust.
    patterns: ['\\btrust', '\\brelationship']
    kss: [1]
    pcf: [7]
  - id: workload
    label: Workload
    patterns: ['\\bcaseload', '\\bworkload']
    kss: [10]
    pcf: [8]
"""

SURVEY_CSV = """\
respondent_id,team,role,career_stage,work_supervision,work_mentoring,wish_mentoring,wish_team_away_day,comments
R1,MASH,Qualified social worker,Social Worker,4,Very well,1,0,More time please
R2,Early Help,Manager,Team Manager,not at all well,Not applicable,yes,,
R3,MASH,Non-registered social care staff,Non-registered staff,,2,x,1,
"""

SESSIONS_CSV = """\
session_id,file,group,date,site
yp1,yp1.txt,young_people,2025-03-04,North
st1,st1.txt,staff,2025-03-11,South
"""

YP1_TXT = """\
# Session yp1, pseudonymised
[00:00:05] FAC: What helps you trust a social worker?
[00:00:12] YP1: When they come back
when they said they would.
YP2: Yeah, trust.
"""

ST1_TXT = """\
FAC: What gets in the way?
SW1: My caseload, honestly.
"""

CODINGS_CSV = """\
coder,segment_id,code
AB,yp1-2,relationships
CD,yp1-2,relationships
AB,st1-2,workload
"""

COURSES_CSV = """\
course_id,title,date,delivered_by,format,length,priority_area
C1,Court skills,2025-01-15,in_house,classroom,full_day,Court
C2,Direct work,2025-02-10,commissioned,virtual,half_day,
"""

OBJECTIVES_CSV = """\
course_id,objective_no,text,pcf_domain
C1,1,Explain the court process,5
C1,2,Write a clear statement,7
C2,1,Plan a direct work session,7
"""

EVALUATIONS_CSV = """\
response_id,course_id,team,pre_1,post_1,pre_2,post_2,gain_most,recommend
E1,C1,MASH,1,3,2,Confident,The role play,yes
E2,C1,Adoption,Not sure,some knowledge,,,,no
E3,C2,MASH,2,4,,,,
"""

FOLLOWUP_CSV = """\
followup_id,response_id,course_id,months_after,fu_1,fu_2
F1,E1,C1,3,3,4
"""

BOOKINGS_CSV = """\
booking_id,course_id,team,organisation_tier,status,booked_date,cancelled_date
B1,C1,MASH,council,attended,2024-12-01,
B2,C1,,external,late_cancelled,2024-12-02,2025-01-10
"""

LEARNING_NEEDS_CSV = """\
need_id,staff_id,team,role,career_stage,topic,pcf_domain,priority,preferred_method,source,date
N1,S1,MASH,Qualified social worker,ASYE,Court skills,5,high,formal,supervision,2025-04-01
N2,S2,Edge of Care,Manager,Team Manager,Coaching,9,low,social,appraisal,2025-04-02
"""

WORKFORCE_CSV = """\
team,role,headcount
MASH,Qualified social worker,20
MASH,Manager,3
Early Help,Manager,2
Edge of Care,Manager,1
"""

KNOWN_NAMES_CSV = "name\nJane Doe\nSam Smith\n"

DEFAULT_FILES: dict[str, str] = {
    "study.yml": STUDY_YML,
    "cohorts.yml": COHORTS_YML,
    "instruments/cpd_survey.yml": INSTRUMENT_YML,
    "codebooks/focus_groups.yml": CODEBOOK_YML,
    "raw/survey/responses.csv": SURVEY_CSV,
    "raw/focus_groups/sessions.csv": SESSIONS_CSV,
    "raw/focus_groups/yp1.txt": YP1_TXT,
    "raw/focus_groups/st1.txt": ST1_TXT,
    "raw/focus_groups/codings.csv": CODINGS_CSV,
    "raw/evaluations/courses.csv": COURSES_CSV,
    "raw/evaluations/objectives.csv": OBJECTIVES_CSV,
    "raw/evaluations/responses.csv": EVALUATIONS_CSV,
    "raw/evaluations/followup.csv": FOLLOWUP_CSV,
    "raw/evaluations/bookings.csv": BOOKINGS_CSV,
    "raw/ldp/learning_needs.csv": LEARNING_NEEDS_CSV,
    "raw/workforce.csv": WORKFORCE_CSV,
    "raw/known_names.csv": KNOWN_NAMES_CSV,
}


def write_study(root: Path, files: dict[str, str | bytes | None] | None = None, *, only: list[str] | None = None) -> Path:
    """Write a valid study into ``root``; ``files`` replaces (or with None removes) files.

    ``only`` keeps just the named default files (plus study.yml) before applying ``files``.
    """
    root = Path(root)
    contents: dict[str, str | bytes | None] = dict(DEFAULT_FILES)
    if only is not None:
        contents = {k: v for k, v in contents.items() if k in only or k == "study.yml"}
    contents.update(files or {})
    for rel, content in contents.items():
        if content is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def snapshot(root: Path) -> dict[str, tuple[str, int, int]]:
    """sha256, mtime (ns) and mode of every file under ``root``."""
    out = {}
    for path in sorted(Path(root).rglob("*")):
        if path.is_file():
            st = os.stat(path)
            out[path.relative_to(root).as_posix()] = (hashlib.sha256(path.read_bytes()).hexdigest(),
                                                      st.st_mtime_ns, st.st_mode)
    return out


def problem_texts(error) -> list[str]:
    """The ``file:row:column: ...`` lines of a DataError."""
    return [str(p) for p in error.problems]


def problems_of(root) -> list[str]:
    """Every problem ``load_study`` lists for the study at ``root`` (it must fail)."""
    from cpdresearch import DataError, load_study

    with pytest.raises(DataError) as info:
        load_study(root)
    return problem_texts(info.value)


def one_problem(root, startswith: str) -> str:
    """The single problem whose location starts with ``startswith`` (file:row:column)."""
    found = [p for p in problems_of(root) if p.startswith(startswith)]
    assert len(found) == 1, problems_of(root)
    return found[0]
