"""Synthetic training evaluations: courses, objectives, before/after forms, follow-up,
bookings.

Each delegate rates each objective before (``pre_k``) and after (``post_k``) the course
on 1 = Not sure .. 4 = Confident. Most objectives gain about one level; a few, marked
``flat`` in :data:`OBJECTIVES`, do not improve on average, so the analyses have an
"objective not met" to flag. Follow-up forms 3 or 6 months later keep most of the gain,
but objectives marked ``fades`` slip back. Bookings follow the charging policy: a
cancellation within :data:`LATE_CANCELLATION_WORKING_DAYS` working days of the course
(counted with :func:`numpy.busday_count`, Monday to Friday, from the cancellation date up
to but not including the course date) is ``late_cancelled``.

Examples
--------
>>> import numpy as np
>>> tables = evaluation_tables(np.random.default_rng(2), courses=4)
>>> sorted(tables)
['bookings', 'courses', 'followup', 'objectives', 'responses']
>>> int(tables["objectives"].groupby("course_id").size().max()) <= 7
True
"""
from __future__ import annotations


import numpy as np
import pandas as pd

from .vocabulary import ROLES, TEAMS
from . import personal, text

__all__ = ["LATE_CANCELLATION_WORKING_DAYS", "RATING_LABELS", "TIERS", "OBJECTIVES", "evaluation_tables"]

LATE_CANCELLATION_WORKING_DAYS = 10
RATING_LABELS = ("Not sure", "Some knowledge", "Knowledgeable", "Confident")
TIERS: dict[str, dict[str, int]] = {
    "council": {"full_day": 0, "half_day": 0, "late_charge": 70},
    "small_agency": {"full_day": 35, "half_day": 20},
    "partner": {"full_day": 70, "half_day": 35},
    "other": {"full_day": 100, "half_day": 50},
}
_TIER_SHARE = (0.72, 0.10, 0.12, 0.06)

#: Priority area -> (course title, objectives as (text, PCF domain, flag)). The flag is
#: "" (improves), "flat" (no gain on average) or "fades" (gain lost by follow-up).
OBJECTIVES: dict[str, tuple[str, tuple[tuple[str, int, str], ...]]] = {
    "analysis and critical thinking": ("Analysis and critical thinking in assessment", (
        ("Distinguish facts, opinions and hypotheses in case records", 6, ""),
        ("Use a chronology to identify patterns of harm", 6, ""),
        ("Weigh competing explanations before reaching a conclusion", 6, "fades"),
        ("Recognise common biases in professional judgement", 5, ""),
        ("Write an analysis section that a family can follow", 7, ""),
        ("Apply research evidence to an individual case", 5, "flat"),
        ("Present an analysis clearly to a manager or panel", 9, ""),
    )),
    "communicating with children": ("Communicating with children and young people", (
        ("Plan direct work suited to the child's age and stage", 7, ""),
        ("Use play and creative tools to hear a child's view", 7, ""),
        ("Record a child's wishes and feelings in their own words", 2, ""),
        ("Adapt communication for disabled children", 3, "fades"),
        ("Explain decisions to a child honestly", 2, ""),
    )),
    "contextual safeguarding": ("Contextual safeguarding", (
        ("Explain the principles of contextual safeguarding", 5, ""),
        ("Map peer groups, places and online spaces around a young person", 7, ""),
        ("Recognise signs of criminal and sexual exploitation", 5, ""),
        ("Work with partners on extra-familial harm", 8, "flat"),
        ("Assess risks young people meet online", 5, "fades"),
        ("Use safety mapping in planning", 7, ""),
    )),
    "neglect": ("Recognising and responding to neglect", (
        ("Describe the impact of neglect on child development", 5, ""),
        ("Use the Graded Care Profile to assess care", 7, ""),
        ("Recognise cumulative harm across a chronology", 6, ""),
        ("Challenge drift and delay in neglect cases", 1, "fades"),
    )),
    "supervision": ("Reflective supervision for practice supervisors", (
        ("Describe the functions of supervision", 9, ""),
        ("Use a reflective model in supervision sessions", 6, ""),
        ("Give feedback that supports learning", 9, ""),
        ("Notice and respond to the emotional impact of the work", 1, ""),
        ("Agree and review a learning development plan", 9, "flat"),
        ("Record supervision decisions clearly", 8, ""),
    )),
    "signs of safety": ("Signs of Safety foundation", (
        ("Use the three columns to map danger and safety", 7, ""),
        ("Write danger and safety statements families understand", 7, ""),
        ("Build a safety network with a family", 7, ""),
        ("Use scaling questions with children and parents", 7, ""),
        ("Develop words and pictures explanations", 2, "fades"),
        ("Set safety goals with the family", 7, ""),
        ("Apply the approach in child protection conferences", 8, "flat"),
    )),
    "planning for permanence": ("Planning for permanence", (
        ("Explain the permanence options and their legal basis", 5, ""),
        ("Identify when to start parallel planning", 6, ""),
        ("Assess connected carers", 7, ""),
        ("Support life story work", 7, "fades"),
        ("Prepare a permanence report for court", 8, ""),
    )),
    "emotion coaching": ("Emotion coaching", (
        ("Describe the theory behind emotion coaching", 5, ""),
        ("Recognise the steps of emotion coaching", 7, ""),
        ("Use emotion coaching when a child is angry or distressed", 7, ""),
        ("Coach carers and parents to use the approach", 7, "flat"),
    )),
}
_DELIVERY = ("in_house", "commissioned", "partner")
_FORMATS = ("classroom", "virtual", "e_learning")


def _course_table(rng: np.random.Generator, courses: int) -> pd.DataFrame:
    areas = list(OBJECTIVES)
    rows = []
    start = np.datetime64("2026-01-12")
    for c in range(courses):
        area = areas[c % len(areas)]
        title = OBJECTIVES[area][0] + (f" (run {c // len(areas) + 1})" if c >= len(areas) else "")
        # Courses run on working days, roughly fortnightly.
        date = np.busday_offset(start, 10 * c + int(rng.integers(0, 5)), roll="forward")
        rows.append({
            "course_id": f"C{c + 1:02d}", "title": title, "date": str(date),
            "delivered_by": _DELIVERY[int(rng.choice(3, p=[0.5, 0.35, 0.15]))],
            "format": _FORMATS[int(rng.choice(3, p=[0.6, 0.3, 0.1]))],
            "length": "full_day" if rng.random() < 0.6 else "half_day",
            "priority_area": area,
        })
    return pd.DataFrame(rows)


def _rating_text(rng: np.random.Generator, ratings: np.ndarray) -> np.ndarray:
    """Ratings as codes, a few as labels (paper forms are typed in both ways), blanks."""
    labels = np.array(("",) + RATING_LABELS, dtype=object)
    codes = np.array(["", "1", "2", "3", "4"], dtype=object)
    r = ratings.astype(int)
    return np.where(rng.random(r.shape) < 0.04, labels[r], codes[r])


def _free_text(rng: np.random.Generator, column: str, n: int, share: float) -> np.ndarray:
    pool = np.array(text.EVALUATION_TEXTS[column], dtype=object)
    return np.where(rng.random(n) < share, pool[rng.integers(0, pool.size, size=n)], "").astype(object)


def _delegates(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    teams = np.array(TEAMS, dtype=object)[rng.integers(0, len(TEAMS), size=n)]
    role_no = rng.choice(3, size=n, p=[0.62, 0.28, 0.10])
    stages = np.array(["ASYE", "Social Worker", "Senior Social Worker", "Practice Specialist"],
                      dtype=object)[rng.choice(4, size=n, p=[0.25, 0.4, 0.2, 0.15])]
    return {
        "team": teams,
        "role": np.array(ROLES, dtype=object)[role_no],
        "career_stage": np.where(role_no == 0, stages,
                                 np.where(role_no == 1, "Non-registered staff", "Team Manager")).astype(object),
    }


def evaluation_tables(rng: np.random.Generator, *, courses: int) -> dict[str, pd.DataFrame]:
    """``courses``, ``objectives``, ``responses``, ``followup`` and ``bookings`` tables."""
    course_table = _course_table(rng, courses)
    objective_rows, response_frames, followup_frames, booking_frames = [], [], [], []
    next_response = next_followup = next_booking = 1
    for course in course_table.itertuples(index=False):
        objectives = OBJECTIVES[course.priority_area][1]
        k = len(objectives)
        objective_rows += [{"course_id": course.course_id, "objective_no": j + 1, "text": t, "pcf_domain": d}
                           for j, (t, d, _) in enumerate(objectives)]
        flags = np.array([f for _, _, f in objectives], dtype=object)
        n = int(rng.integers(15, 26))
        # Knowledge before: a delegate's own level plus objective noise, on 1-4.
        base = rng.normal(1.9, 0.55, size=(n, 1))
        pre = np.clip(np.rint(base + rng.normal(0, 0.55, size=(n, k))), 1, 4)
        gain = np.where(flags == "flat", rng.choice([-1, 0, 0, 0, 1], size=(n, k)),
                        rng.choice([0, 1, 1, 1, 2], size=(n, k)))
        post = np.clip(pre + gain, 1, 4)
        pre_out, post_out = pre.copy(), post.copy()
        pre_out[rng.random((n, k)) < 0.04] = 0
        post_out[rng.random((n, k)) < 0.03] = 0
        ids = [f"E{i:04d}" for i in range(next_response, next_response + n)]
        next_response += n
        frame = {"response_id": ids, "course_id": course.course_id, **_delegates(rng, n)}
        pre_txt, post_txt = _rating_text(rng, pre_out), _rating_text(rng, post_out)
        for j in range(k):
            frame[f"pre_{j + 1}"] = pre_txt[:, j]
            frame[f"post_{j + 1}"] = post_txt[:, j]
        for column, share in (("gain_most", 0.7), ("use_in_practice", 0.6), ("know_improved", 0.5),
                              ("people_know", 0.4), ("comments", 0.3)):
            frame[column] = _free_text(rng, column, n, share)
        frame["recommend"] = np.where(rng.random(n) < 0.9, "yes", "no")
        frame["recommend"][rng.random(n) < 0.05] = ""
        response_frames.append(pd.DataFrame(frame))

        if int(course.course_id[1:]) % 2 == 1:
            # Follow-up: about half the delegates answer again 3 or 6 months on.
            who = np.sort(rng.choice(n, size=max(3, n // 2), replace=False))
            months = 3 if rng.random() < 0.5 else 6
            slip = np.where(flags == "fades", rng.choice([-2, -1, -1, 0], size=(who.size, k)),
                            rng.choice([-1, 0, 0, 0, 0, 1], size=(who.size, k)))
            fu = np.clip(post[who] + slip, 1, 4)
            fu_frame = {"followup_id": [f"F{i:04d}" for i in range(next_followup, next_followup + who.size)],
                        "response_id": np.array(ids, dtype=object)[who], "course_id": course.course_id,
                        "months_after": months}
            next_followup += who.size
            fu_txt = _rating_text(rng, fu)
            for j in range(k):
                fu_frame[f"fu_{j + 1}"] = fu_txt[:, j]
            followup_frames.append(pd.DataFrame(fu_frame))

        bookings = _bookings(rng, course, attended=n + int(rng.integers(0, 4)), first_id=next_booking)
        next_booking += len(bookings)
        booking_frames.append(bookings)

    responses = pd.concat(response_frames, ignore_index=True)
    # Plant personal data in free text, in rows and columns the RNG picks.
    free = ["gain_most", "use_in_practice", "know_improved", "comments"]
    rows = rng.choice(len(responses), size=len(personal.EVALUATION_TEXTS), replace=False)
    for row, planted in zip(rows, personal.EVALUATION_TEXTS):
        responses.loc[row, free[int(rng.integers(len(free)))]] = planted
    followup = pd.concat(followup_frames, ignore_index=True) if followup_frames else None
    tables = {
        "courses": course_table,
        "objectives": pd.DataFrame(objective_rows),
        "responses": responses,
        "bookings": pd.concat(booking_frames, ignore_index=True),
    }
    if followup is not None:
        tables["followup"] = followup
    return dict(sorted(tables.items()))


def _bookings(rng: np.random.Generator, course, *, attended: int, first_id: int) -> pd.DataFrame:
    n_cancel, n_late, n_no_show = (int(x) for x in rng.poisson([3.0, 1.5, 1.2]))
    status = np.array(["attended"] * attended + ["cancelled"] * n_cancel + ["late_cancelled"] * n_late
                      + ["no_show"] * n_no_show, dtype=object)
    status = status[rng.permutation(status.size)]
    n = status.size
    date = np.datetime64(course.date)
    tier = np.array(list(TIERS), dtype=object)[rng.choice(len(TIERS), size=n, p=_TIER_SHARE)]
    # Cancelled: more than 10 working days before; late: within 10 working days.
    before = np.where(status == "cancelled", rng.integers(LATE_CANCELLATION_WORKING_DAYS + 1, 30, size=n),
                      rng.integers(1, LATE_CANCELLATION_WORKING_DAYS + 1, size=n))
    cancelled = np.busday_offset(date, -before, roll="backward")
    booked = np.busday_offset(date, -(before + rng.integers(5, 40, size=n)), roll="backward")
    is_cancel = np.isin(status, ["cancelled", "late_cancelled"])
    team = np.array(TEAMS, dtype=object)[rng.integers(0, len(TEAMS), size=n)]
    return pd.DataFrame({
        "booking_id": [f"B{i:05d}" for i in range(first_id, first_id + n)],
        "course_id": course.course_id,
        # Only council staff belong to a council team.
        "team": np.where(tier == "council", team, ""),
        "organisation_tier": tier,
        "status": status,
        "booked_date": booked.astype(str).astype(object),
        "cancelled_date": np.where(is_cancel, cancelled.astype(str), "").astype(object),
    })
