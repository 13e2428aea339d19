"""Synthetic learning needs from individual learning development plans (LDPs).

Each member of staff has one to four learning needs. Topics sit under a PCF domain;
newly qualified staff lean on supervision as the source, managers on appraisal, and the
preferred method follows the 70:20:10 shares with a tilt towards formal learning for
non-registered staff working towards qualifications.

Examples
--------
>>> import numpy as np
>>> needs = learning_needs(np.random.default_rng(4), staff=50)
>>> needs["staff_id"].nunique(), set(needs["pcf_domain"]) <= set(range(1, 10))
(50, True)
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .vocabulary import ROLES, TEAMS
from .survey import QSW_STAGES, TEAM_PROFILE, TEAM_ROLE_MIX

__all__ = ["TOPICS", "learning_needs"]

#: Learning-need topics, each with its PCF domain.
TOPICS: tuple[tuple[str, int], ...] = (
    ("Professional boundaries on social media", 1),
    ("Managing caseload and time", 1),
    ("Anti-discriminatory practice", 2),
    ("Working with interpreters", 3),
    ("Cultural competence with refugee families", 3),
    ("Welfare benefits and family poverty", 4),
    ("Children's rights and advocacy", 4),
    ("Child development and attachment", 5),
    ("Adolescent brain development", 5),
    ("Domestic abuse and coercive control", 5),
    ("Parental substance misuse", 5),
    ("Analysis in assessments", 6),
    ("Reflective practice", 6),
    ("Direct work with young children", 7),
    ("Signs of Safety mapping", 7),
    ("Motivational interviewing", 7),
    ("Court skills and statements", 8),
    ("Multi-agency working in the MASH", 8),
    ("Supervising others", 9),
    ("Leading a team meeting", 9),
)
_PRIORITY = ("high", "medium", "low")
_METHODS = ("experiential", "social", "formal")
_SOURCES = ("supervision", "appraisal", "audit", "practice_review", "complaint")


def learning_needs(rng: np.random.Generator, *, staff: int) -> pd.DataFrame:
    """``learning_needs.csv``: one row per need, for ``staff`` members of staff."""
    teams = list(TEAMS)
    share = np.array([TEAM_PROFILE[t][0] for t in teams])
    team_no = rng.choice(len(teams), size=staff, p=share / share.sum())
    mix = np.array([TEAM_ROLE_MIX[t] for t in teams])[team_no]
    role_no = (rng.random(staff)[:, None] > np.cumsum(mix, axis=1)[:, :-1]).sum(axis=1)
    stage_names = np.array([s for s, _ in QSW_STAGES], dtype=object)
    qsw = stage_names[rng.choice(len(QSW_STAGES), size=staff, p=[w for _, w in QSW_STAGES])]
    stage = np.where(role_no == 0, qsw, np.where(role_no == 1, "Non-registered staff", "Team Manager")).astype(object)

    per_person = rng.integers(1, 5, size=staff)
    who = np.repeat(np.arange(staff), per_person)
    n = who.size
    topic_no = rng.integers(0, len(TOPICS), size=n)
    # Managers' needs lean to leadership topics (PCF 9), ASYEs' to practice skills.
    leader = np.array([i for i, (_, d) in enumerate(TOPICS) if d == 9])
    is_manager = role_no[who] == 2
    topic_no = np.where(is_manager & (rng.random(n) < 0.5), leader[rng.integers(0, leader.size, size=n)], topic_no)

    method_p = np.where((role_no[who] == 1)[:, None], [0.45, 0.2, 0.35], [0.6, 0.25, 0.15])
    method = (rng.random(n)[:, None] > np.cumsum(method_p, axis=1)[:, :-1]).sum(axis=1)
    source_p = np.where((stage[who] == "ASYE")[:, None], [0.7, 0.15, 0.07, 0.06, 0.02],
                        [0.45, 0.35, 0.1, 0.07, 0.03])
    source = (rng.random(n)[:, None] > np.cumsum(source_p, axis=1)[:, :-1]).sum(axis=1)
    dates = np.datetime64("2026-01-05") + rng.integers(0, 180, size=n).astype("timedelta64[D]")
    dates = np.busday_offset(dates, 0, roll="forward")
    return pd.DataFrame({
        "need_id": [f"N{i:05d}" for i in range(1, n + 1)],
        "staff_id": np.char.add("S", np.char.zfill((who + 1).astype(str), max(4, len(str(staff))))),
        "team": np.array(teams, dtype=object)[team_no][who],
        "role": np.array(ROLES, dtype=object)[role_no][who],
        "career_stage": stage[who],
        "topic": np.array([t for t, _ in TOPICS], dtype=object)[topic_no],
        "pcf_domain": np.array([d for _, d in TOPICS])[topic_no],
        "priority": np.array(_PRIORITY, dtype=object)[rng.choice(3, size=n, p=[0.3, 0.5, 0.2])],
        "preferred_method": np.array(_METHODS, dtype=object)[method],
        "source": np.array(_SOURCES, dtype=object)[source],
        "date": dates.astype(str),
    })
