"""The synthetic CPD staff survey, its instrument and the workforce denominators.

Likert answers come from a latent-variable ordinal model (a normal latent score with
team, career-stage and person effects, cut at fixed thresholds), then each item is
calibrated by moving the fewest answers one level until the mean of the answered values
is within 0.01 of the published mean. The wish list has exact counts scaled from the
published frequencies; who ticks an option still depends on role and career stage.

Examples
--------
>>> import numpy as np
>>> data, workforce = survey_responses(np.random.default_rng(1), respondents=120)
>>> data.shape[0], int(workforce["headcount"].sum()) > 120
(120, True)
>>> codes = pd.to_numeric(data["work_questioning"], errors="coerce")
>>> bool(abs(codes.mean() - 3.87) < 0.05)
True
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import optimize, stats

from .. import frameworks
from .vocabulary import ROLES, TEAMS
from . import personal, text

__all__ = [
    "WORKING_ITEMS", "WISH_OPTIONS", "WISH_PUBLISHED_N", "BARRIERS", "WORKING_LEVELS", "NOT_APPLICABLE",
    "TEAM_PROFILE", "TEAM_ROLE_MIX", "ROLE_RESPONSE", "QSW_STAGES", "STAGE_EFFECTS", "TEAM_EFFECTS",
    "BARRIER_TEAM_EFFECTS", "WISH_EFFECTS", "instrument_spec", "wish_counts", "calibrate_mean",
    "survey_responses",
]

#: The 15 "how well is this working for your CPD" items: id, label, activity, and the
#: published overall mean (1-5 scale) the demo reproduces.
WORKING_ITEMS: tuple[tuple[str, str, str, float], ...] = (
    ("work_questioning", "Questioning", "questioning", 3.87),
    ("work_critical_discussion", "Critical discussion of cases", "critical_discussion_of_cases", 3.74),
    ("work_reflective_learning", "Reflective learning", "reflective_learning", 3.67),
    ("work_supervision", "Supervision", "supervision", 3.64),
    ("work_appraisal", "Appraisal", "appraisal", 3.42),
    ("work_workshops", "Attended workshops", "attending_workshops", 3.41),
    ("work_conferences", "Attended conferences", "attending_conferences", 3.38),
    ("work_observing", "Observing", "observing", 3.38),
    ("work_meetings", "Meetings", "meetings", 3.36),
    ("work_role_modelling", "Role modelling", "role_modelling", 3.31),
    ("work_project", "Involved with a project", "involvement_in_project", 3.26),
    ("work_induction", "Induction", "induction", 3.20),
    ("work_analysing_mistakes", "Analysing mistakes", "analysing_mistakes", 3.19),
    ("work_team_study_day", "Teams' study day", "team_study_day", 3.12),
    ("work_critical_incident", "Critical incident analysis", "critical_incident_analysis", 3.09),
)

#: The wish list: option id (= activity id), label, published frequency of respondents.
WISH_OPTIONS: tuple[tuple[str, str, int], ...] = (
    ("team_away_day", "Teams' away day", 35),
    ("supervision", "Supervision", 31),
    ("attending_workshops", "Attending workshops", 29),
    ("critical_reflection", "Critical reflection", 29),
    ("work_shadowing", "Work shadowing", 26),
    ("peer_supervision", "Peer supervision", 25),
    ("mentoring", "Mentoring", 24),
    ("attending_conferences", "Attending conferences", 24),
    ("appraisal", "Appraisals", 23),
    ("secondment", "Secondment", 21),
    ("critical_discussion_of_cases", "Critical discussion of cases", 21),
    ("learning_for_qualifications", "Learning for qualifications", 20),
    ("coaching", "Coaching", 19),
    ("observing", "Observing", 19),
    ("involvement_in_policy_development", "Involvement in policy development", 19),
)
#: The source gives no sample size, so its frequencies are read as out of 100.
WISH_PUBLISHED_N = 100

#: Barriers to accessing CPD: id, label (as Microsoft Forms exports it), base probability.
BARRIERS: tuple[tuple[str, str, float], ...] = (
    ("workload", "Workload", 0.58),
    ("time", "Time to attend", 0.50),
    ("staff_cover", "Staff cover", 0.34),
    ("cost", "Cost", 0.20),
    ("travel", "Travel", 0.14),
    ("manager_support", "Manager support", 0.15),
    ("availability", "Availability of courses", 0.28),
    ("awareness", "Awareness of what is on offer", 0.22),
    ("relevance", "Relevance to my role", 0.10),
)

WORKING_LEVELS: tuple[str, ...] = (
    "Not at all well", "Not very well", "Neither well nor poorly", "Quite well", "Very well",
)
NOT_APPLICABLE = ("Not applicable", "Don't know")

#: Team: share of the children's services headcount, and survey response rate. The rates
#: differ on purpose so that response-rate analyses have something to show.
TEAM_PROFILE: dict[str, tuple[float, float]] = {
    "MASH": (0.12, 0.70),
    "Early Help": (0.22, 0.45),
    "Protection and Court Team": (0.20, 0.62),
    "Youth Offending": (0.12, 0.50),
    "Looked After Children": (0.16, 0.58),
    "Adoption": (0.08, 0.76),
    "Fostering": (0.10, 0.66),
}
#: Role mix in each team (qualified social worker, non-registered staff, manager).
TEAM_ROLE_MIX: dict[str, tuple[float, float, float]] = {
    "MASH": (0.70, 0.18, 0.12),
    "Early Help": (0.25, 0.63, 0.12),
    "Protection and Court Team": (0.78, 0.10, 0.12),
    "Youth Offending": (0.40, 0.48, 0.12),
    "Looked After Children": (0.68, 0.20, 0.12),
    "Adoption": (0.72, 0.14, 0.14),
    "Fostering": (0.62, 0.24, 0.14),
}
#: Response-rate multiplier by role (non-registered staff answer surveys less often).
ROLE_RESPONSE: tuple[float, float, float] = (1.0, 0.82, 1.15)
#: Career stages of qualified social workers, and their shares.
QSW_STAGES: tuple[tuple[str, float], ...] = (
    ("ASYE", 0.18), ("Social Worker", 0.40), ("Senior Social Worker", 0.26), ("Practice Specialist", 0.16),
)

#: Latent-scale effects (in latent SD units) that the analyses should find.
STAGE_EFFECTS: dict[str, dict[str, float]] = {
    "ASYE": {"work_supervision": 0.8, "work_reflective_learning": 0.6, "work_induction": 0.7,
             "work_critical_discussion": 0.3},
    "Practice Specialist": {"work_supervision": -0.7, "work_reflective_learning": -0.5,
                            "work_conferences": 0.3},
    "Team Manager": {"work_appraisal": 0.4, "work_meetings": 0.3},
    "Non-registered staff": {"work_conferences": -0.5, "work_workshops": -0.2,
                             "work_reflective_learning": -0.2},
}
TEAM_EFFECTS: dict[str, float] = {
    "MASH": -0.20, "Early Help": 0.05, "Protection and Court Team": -0.25, "Youth Offending": 0.0,
    "Looked After Children": -0.05, "Adoption": 0.25, "Fostering": 0.15,
}
#: Teams whose workload and staff-cover barriers are more common (log-odds shift).
BARRIER_TEAM_EFFECTS: dict[str, dict[str, float]] = {
    "MASH": {"workload": 1.0, "staff_cover": 1.1},
    "Protection and Court Team": {"workload": 1.2, "staff_cover": 0.9, "time": 0.5},
    "Looked After Children": {"workload": 0.5},
    "Adoption": {"workload": -0.6, "staff_cover": -0.6},
    "Early Help": {"travel": 0.8, "cost": 0.4},
}
#: Wish-list propensity shifts (log-odds) by role or career stage.
WISH_EFFECTS: dict[str, dict[str, float]] = {
    "Manager": {"coaching": 1.6, "involvement_in_policy_development": 0.8, "secondment": -0.5},
    "ASYE": {"mentoring": 1.2, "work_shadowing": 1.0, "peer_supervision": 0.5},
    "Non-registered staff": {"learning_for_qualifications": 1.4, "attending_conferences": -0.6},
    "Practice Specialist": {"secondment": 0.8, "critical_reflection": 0.5},
}

_CUTS = np.array([1.5, 2.5, 3.5, 4.5])
_LATENT_SD = math.sqrt(0.45**2 + 0.85**2)


def instrument_spec() -> dict:
    """The ``instruments/cpd_survey.yml`` mapping for the demo survey."""
    acts = frameworks.ACTIVITIES
    return {
        "id": "cpd_survey",
        "title": "CPD staff survey",
        "scales": {
            "working": {
                "ordered": True,
                "neutral": 3,
                "levels": [{"code": i + 1, "label": lab} for i, lab in enumerate(WORKING_LEVELS)],
                "missing": list(NOT_APPLICABLE),
            },
        },
        "attributes": ["team", "role", "career_stage"],
        "blocks": {
            "working": {
                "title": "How well is this working for your CPD?",
                "role": "working",
                "scale": "working",
                "items": [{"id": i, "label": lab, "activity": acts[a].id} for i, lab, a, _ in WORKING_ITEMS],
            },
        },
        "multi_selects": {
            "wish": {
                "title": "Which of these would you like more of for your CPD?",
                "role": "wish",
                "options": [{"id": o, "label": lab, "activity": acts[o].id} for o, lab, _ in WISH_OPTIONS],
            },
            "barriers": {
                "title": "What stops you accessing CPD?",
                "options": [{"id": b, "label": lab} for b, lab, _ in BARRIERS],
            },
        },
        "free_text": ["comments"],
    }


def wish_counts(respondents: int) -> dict[str, int]:
    """Exact wish-list counts: published frequency scaled to ``respondents``, half up.

    Examples
    --------
    >>> wish_counts(250)["team_away_day"], wish_counts(250)["coaching"]
    (88, 48)
    """
    return {o: int(math.floor(f * respondents / WISH_PUBLISHED_N + 0.5)) for o, _, f in WISH_OPTIONS}


def _expected_mean(mu: float) -> float:
    return 1.0 + float(stats.norm.cdf((mu - _CUTS) / _LATENT_SD).sum())


def _latent_location(target: float) -> float:
    """Latent mean whose expected ordinal mean is ``target`` (before calibration)."""
    return optimize.brentq(lambda mu: _expected_mean(mu) - target, -5.0, 10.0)


def calibrate_mean(codes: np.ndarray, *, target: float, rng: np.random.Generator) -> np.ndarray:
    """Move the fewest answers one level so the mean of the answered codes hits ``target``.

    ``codes`` holds 1-5 with NaN for missing. The sum of answered codes is set to
    ``round(target * n_answered)``: each one-level move changes the sum by one, so this is
    the minimal number of moves, and the mean ends within ``0.5 / n_answered`` of target.
    """
    out = codes.copy()
    answered = ~np.isnan(out)
    n = int(answered.sum())
    shortfall = int(round(target * n)) - int(out[answered].sum())
    if shortfall == 0:
        return out
    step = 1 if shortfall > 0 else -1
    movable = np.flatnonzero(answered & ((out < 5) if step > 0 else (out > 1)))
    chosen = rng.choice(movable, size=min(abs(shortfall), movable.size), replace=False)
    out[chosen] += step
    return out


def _workforce_cells(rng: np.random.Generator, respondents: int):
    teams = list(TEAMS)
    roles = list(ROLES)
    share = np.array([TEAM_PROFILE[t][0] for t in teams])
    rate_team = np.array([TEAM_PROFILE[t][1] for t in teams])
    mix = np.array([TEAM_ROLE_MIX[t] for t in teams])
    rate = np.minimum(rate_team[:, None] * np.array(ROLE_RESPONSE)[None, :], 0.95)
    p = (share[:, None] * mix * rate).ravel()
    counts = rng.multinomial(respondents, p / p.sum())
    # Headcount covers the respondents at the team-by-role response rate; a few posts
    # more at random so rates are not exact fractions, and no cell is left empty.
    headcount = np.ceil(counts / rate.ravel()).astype(int) + rng.integers(0, 3, size=counts.size)
    headcount = np.maximum(headcount, 2)
    team_idx, role_idx = np.divmod(np.arange(counts.size), len(roles))
    workforce = pd.DataFrame({
        "team": np.array(teams, dtype=object)[team_idx],
        "role": np.array(roles, dtype=object)[role_idx],
        "headcount": headcount,
    })
    return counts, team_idx, role_idx, workforce


def survey_responses(rng: np.random.Generator, *, respondents: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The survey export (as written to CSV, all text) and ``workforce.csv``.

    ``respondents`` must be at least 100 so that every item's calibrated mean can land
    within 0.01 of its target.
    """
    if respondents < 100:
        raise ValueError(f"respondents must be at least 100, got {respondents}")
    n = respondents
    counts, team_idx, role_idx, workforce = _workforce_cells(rng, n)
    cell = rng.permutation(np.repeat(np.arange(counts.size), counts))
    teams = np.array(TEAMS, dtype=object)[team_idx[cell]]
    role_no = role_idx[cell]
    roles = np.array(ROLES, dtype=object)[role_no]
    stage_names = np.array([s for s, _ in QSW_STAGES], dtype=object)
    qsw_stage = stage_names[rng.choice(len(QSW_STAGES), size=n, p=[w for _, w in QSW_STAGES])]
    stages = np.where(role_no == 0, qsw_stage,
                      np.where(role_no == 1, "Non-registered staff", "Team Manager")).astype(object)

    data: dict[str, object] = {
        "respondent_id": np.char.add("R", np.char.zfill(np.arange(1, n + 1).astype(str), max(4, len(str(n))))),
        "team": teams, "role": roles, "career_stage": stages,
    }

    # Likert block: latent score = item location + team + stage effect + person + noise.
    # Group membership as integer codes: comparing object arrays is slow at 100,000 rows.
    team_no = team_idx[cell]
    stage_no = np.unique_inverse(stages)
    stage_names_all, stage_no = stage_no.values, stage_no.inverse_indices

    def member(group: str) -> np.ndarray:
        out = np.zeros(n, dtype=bool)
        if group in ROLES:
            out |= role_no == ROLES.index(group)
        if group in stage_names_all:
            out |= stage_no == int(np.searchsorted(stage_names_all, group))
        return out

    person = rng.normal(0.0, 0.45, size=n)
    team_shift = np.array([TEAM_EFFECTS[t] for t in TEAMS])[team_no]
    for item_id, _, activity, target in WORKING_ITEMS:
        stage_shift = np.zeros(n)
        for stage, effects in STAGE_EFFECTS.items():
            stage_shift[member(stage)] += effects.get(item_id, 0.0)
        latent = _latent_location(target) + team_shift + stage_shift + person + rng.normal(0.0, 0.85, size=n)
        codes = 1.0 + (latent[:, None] > _CUTS[None, :]).sum(axis=1)
        # Not applicable / don't know: induction for all but the newly qualified, and
        # activities that some staff never get the chance to do.
        p_na = np.full(n, 0.02)
        if activity == "induction":
            p_na[~member("ASYE")] = 0.08
        if activity in ("attending_conferences", "involvement_in_project", "critical_incident_analysis"):
            p_na += 0.04
        draw = rng.random(n)
        not_applicable = draw < p_na
        blank = (draw >= p_na) & (draw < p_na + 0.03)
        codes[not_applicable | blank] = np.nan
        codes = calibrate_mean(codes, target=target, rng=rng)
        data[item_id] = _format_likert(rng, codes, not_applicable)

    # Wish list: exact published-order counts; who ticks depends on role and stage.
    for option, _, _ in WISH_OPTIONS:
        shift = np.zeros(n)
        for group, effects in WISH_EFFECTS.items():
            shift[member(group)] += effects.get(option, 0.0)
        score = shift + rng.gumbel(size=n)
        chosen = np.zeros(n, dtype=np.int8)
        count = wish_counts(n)[option]
        if count:
            # The `count` highest propensities tick the option (ties have probability 0).
            chosen[np.argpartition(-score, count - 1)[:count]] = 1
        data[f"wish_{option}"] = chosen

    # Barriers: one Microsoft Forms cell, labels joined by ';' with Forms' trailing ';'.
    ticked = np.zeros(n, dtype=np.int64)
    for bit, (barrier, _, base) in enumerate(BARRIERS):
        shift = np.zeros(n)
        for team, effects in BARRIER_TEAM_EFFECTS.items():
            shift[team_no == TEAMS.index(team)] += effects.get(barrier, 0.0)
        p = 1.0 / (1.0 + np.exp(-(np.log(base / (1 - base)) + shift)))
        ticked |= (rng.random(n) < p).astype(np.int64) << bit
    # Build each distinct combination's cell once (at most 2**9), then index.
    combos, which = np.unique(ticked, return_inverse=True)
    cell_text = np.array(["".join(lab + ";" for bit, (_, lab, _) in enumerate(BARRIERS) if c >> bit & 1)
                          for c in combos], dtype=object)
    data["barriers"] = cell_text[which]

    data["comments"] = _comments(rng, n)
    return pd.DataFrame(data), workforce


def _format_likert(rng: np.random.Generator, codes: np.ndarray, not_applicable: np.ndarray) -> np.ndarray:
    """Codes as most exports write them, with some labels in odd case and spacing."""
    n = codes.size
    variants = np.array([[lab, lab.lower(), f" {lab.upper()} ", f"{lab.title()}  "] for lab in WORKING_LEVELS],
                        dtype=object)
    code_text = np.array(["", "1", "2", "3", "4", "5"], dtype=object)
    safe = np.nan_to_num(codes, nan=0).astype(int)
    out = code_text[safe]
    as_label = (safe > 0) & (rng.random(n) < 0.06)
    out = np.where(as_label, variants[np.clip(safe - 1, 0, 4), rng.integers(0, 4, size=n)], out)
    na_text = np.array(NOT_APPLICABLE + ("not applicable",), dtype=object)[rng.integers(0, 3, size=n)]
    return np.where(not_applicable, na_text, out)


def _comments(rng: np.random.Generator, n: int) -> np.ndarray:
    pool = np.array(text.SURVEY_COMMENTS, dtype=object)
    out = np.where(rng.random(n) < 0.25, pool[rng.integers(0, pool.size, size=n)], "").astype(object)
    # Every planted comment appears at least once, in rows the RNG picks.
    planted = list(personal.SURVEY_COMMENTS)
    out[rng.choice(n, size=len(planted), replace=False)] = planted
    return out
