"""Training evaluations: courses, objectives, before/after forms, follow-ups, bookings.

Ratings follow the before/after course form: 1 = Not sure, 2 = Some knowledge,
3 = Knowledgeable, 4 = Confident, read from the code or the label.

Examples
--------
>>> RATING_DTYPE.categories.tolist()
['Not sure', 'Some knowledge', 'Knowledgeable', 'Confident']
>>> RATING_SCALE.parse("3"), RATING_SCALE.parse(" confident ")
('Knowledgeable', 'Confident')
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..instrument import Scale
from .checks import (Collector, must_exist, require_columns, require_values, to_category, to_date, to_integer,
                     to_scale, to_text, to_yes_no, unique_ids, warn_unknown_columns)
from .attributes import tidy_attributes

__all__ = [
    "RATING_SCALE", "RATING_DTYPE", "DELIVERED_BY", "FORMATS", "LENGTHS", "BOOKING_STATUSES",
    "FREE_TEXT", "MAX_OBJECTIVES", "COURSE_COLUMNS", "OBJECTIVE_COLUMNS", "tidy_courses",
    "tidy_objectives", "objective_counts", "tidy_evaluations", "tidy_followup", "tidy_bookings",
]

#: The knowledge rating of the before/after course form.
RATING_SCALE = Scale("course_rating", [1, 2, 3, 4], ["Not sure", "Some knowledge", "Knowledgeable", "Confident"])
RATING_DTYPE = RATING_SCALE.dtype

DELIVERED_BY = ("in_house", "commissioned", "partner")
FORMATS = ("classroom", "virtual", "e_learning")
LENGTHS = ("full_day", "half_day")
BOOKING_STATUSES = ("attended", "cancelled", "late_cancelled", "no_show")
FREE_TEXT = ("gain_most", "use_in_practice", "know_improved", "people_know", "comments")
MAX_OBJECTIVES = 7

COURSE_COLUMNS = ("course_id", "title", "date", "delivered_by", "format", "length", "priority_area")
OBJECTIVE_COLUMNS = ("course_id", "objective_no", "text", "pcf_domain")
_RATING = re.compile(r"^(pre|post|fu)_(\d+)$")


def _keep_rest(raw, out: dict, known, *, found: Collector) -> pd.DataFrame:
    warn_unknown_columns(raw, known, found=found)
    for column in raw.frame.columns:
        if column not in out:
            out[column] = to_text(raw, column)
    return pd.DataFrame(out, index=pd.RangeIndex(len(raw)))


def _ids(raw, column: str, out: dict, *, found: Collector, unique: bool = True) -> None:
    if column in raw.frame.columns:
        out[column] = to_text(raw, column)
        require_values(raw, column, out[column], found=found, expected=f"a {column.replace('_', ' ')}")
        if unique:
            unique_ids(raw, column, out[column], found=found)


def _enum(raw, column: str, levels, out: dict, *, found: Collector) -> None:
    if column in raw.frame.columns:
        out[column] = to_category(raw, column, levels, found=found, what=column.replace("_", " "))
        require_values(raw, column, raw.frame[column], found=found, expected="one of " + ", ".join(levels))


def _date(raw, column: str, out: dict, *, found: Collector, required: bool = True) -> None:
    if column in raw.frame.columns:
        out[column] = to_date(raw, column, found=found)
        if required:
            require_values(raw, column, raw.frame[column], found=found, expected="an ISO date")


def tidy_courses(raw, *, found: Collector) -> pd.DataFrame:
    """Validate and type ``courses.csv``."""
    require_columns(raw, COURSE_COLUMNS[:-1], found=found)
    out: dict[str, object] = {}
    _ids(raw, "course_id", out, found=found)
    for column in ("title", "priority_area"):
        if column in raw.frame.columns:
            out[column] = to_text(raw, column)
    if "title" in out:
        require_values(raw, "title", out["title"], found=found, expected="a course title")
    _date(raw, "date", out, found=found)
    _enum(raw, "delivered_by", DELIVERED_BY, out, found=found)
    _enum(raw, "format", FORMATS, out, found=found)
    _enum(raw, "length", LENGTHS, out, found=found)
    return _keep_rest(raw, out, COURSE_COLUMNS, found=found)


def tidy_objectives(raw, *, courses: pd.DataFrame | None, found: Collector) -> pd.DataFrame:
    """Validate ``objectives.csv``: objective 1-7 unique within its course, PCF domain 1-9."""
    require_columns(raw, OBJECTIVE_COLUMNS, found=found)
    out: dict[str, object] = {}
    _ids(raw, "course_id", out, found=found, unique=False)
    if "course_id" in out and courses is not None and "course_id" in courses:
        must_exist(raw, "course_id", out["course_id"], courses["course_id"].dropna(), found=found, what="course")
    if "objective_no" in raw.frame.columns:
        out["objective_no"] = to_integer(raw, "objective_no", found=found, low=1, high=MAX_OBJECTIVES,
                                         what="an objective number")
        require_values(raw, "objective_no", raw.frame["objective_no"], found=found, expected="an objective number")
        if "course_id" in out:
            pairs = pd.DataFrame({"course_id": out["course_id"], "objective_no": out["objective_no"]})
            complete = pairs.notna().all(axis=1).to_numpy()
            repeats = pairs.duplicated(keep="first").to_numpy() & complete
            first: dict = {}
            for pos in np.flatnonzero(complete & pairs.duplicated(keep=False).to_numpy()):
                first.setdefault(tuple(pairs.iloc[pos]), pos)
            for pos in np.flatnonzero(repeats):
                course, number = pairs.iloc[pos]
                found.add(raw.file, raw.row(pos), "objective_no",
                          f"objective {number} of course {course!r} repeats (first on row "
                          f"{raw.row(first[(course, number)])})", "objective numbers unique within a course")
    if "text" in raw.frame.columns:
        out["text"] = to_text(raw, "text")
        require_values(raw, "text", out["text"], found=found, expected="the objective as advertised")
    if "pcf_domain" in raw.frame.columns:
        out["pcf_domain"] = to_integer(raw, "pcf_domain", found=found, low=1, high=9, what="a PCF domain")
        require_values(raw, "pcf_domain", raw.frame["pcf_domain"], found=found, expected="a PCF domain 1-9")
    return _keep_rest(raw, out, OBJECTIVE_COLUMNS, found=found)


def objective_counts(courses: pd.DataFrame | None, objectives: pd.DataFrame | None) -> dict[str, int] | None:
    """Number of objectives (the highest objective number) of each course; None without objectives.

    A course in ``courses`` with no objectives listed has 0.
    """
    if objectives is None:
        return None
    counts: dict[str, int] = {}
    if courses is not None and "course_id" in courses:
        counts = {c: 0 for c in courses["course_id"].dropna()}
    if objectives is not None and {"course_id", "objective_no"} <= set(objectives.columns):
        best = objectives.dropna(subset=["course_id", "objective_no"]).groupby("course_id")["objective_no"].max()
        counts.update({c: int(n) for c, n in best.items()})
    return counts


def _objectives(n: int) -> str:
    return "no objectives" if n == 0 else f"{n} objective{'s' if n != 1 else ''}"


def _ratings(raw, out: dict, prefixes, *, course_ids: pd.Series | None, counts: dict[str, int] | None,
             found: Collector) -> set[str]:
    """Type rating columns ``<prefix>_<k>``; add absent ones up to the highest k; check k per course."""
    present = {}
    for column in raw.frame.columns:
        match = _RATING.match(column)
        if match and match[1] in prefixes:
            present[column] = int(match[2])
    top = max([*present.values(), *(counts or {}).values(), 0])
    needed = 0
    if counts and course_ids is not None:
        used = [counts.get(c, 0) for c in course_ids.dropna().unique()]
        needed = max(used, default=0)
    n_objectives = None
    if counts is not None and course_ids is not None:
        n_objectives = course_ids.map(counts).to_numpy(dtype=float, na_value=np.nan)
    known = set()
    for prefix in prefixes:
        for k in range(1, top + 1):
            column = f"{prefix}_{k}"
            known.add(column)
            if column not in raw.frame.columns:
                if k <= needed:
                    found.add(raw.file, 1, column, "missing required column",
                              f"a column {column} (a course in this file has {needed} objectives)")
                out[column] = pd.Categorical([None] * len(raw), dtype=RATING_DTYPE)
                continue
            values = to_scale(raw, column, RATING_SCALE, found=found)
            out[column] = values
            if n_objectives is not None:
                # A rating for an objective the course does not have (e.g. post_6 of a 5-objective course).
                beyond = (np.asarray(values.codes) >= 0) & (k > n_objectives)
                for pos in np.flatnonzero(beyond):
                    found.add(raw.file, raw.row(pos), column,
                              f"rating for objective {k}, but course {course_ids.iat[pos]!r} has "
                              f"{_objectives(int(n_objectives[pos]))}",
                              f"blank {prefix}_k for k above the course's objectives")
    return known


def tidy_evaluations(raw, *, vocabularies, courses: set | None, counts: dict[str, int] | None,
                     found: Collector) -> pd.DataFrame:
    """Validate and type the before/after forms (``raw/evaluations/responses.csv``)."""
    require_columns(raw, ("response_id", "course_id"), found=found)
    out: dict[str, object] = {}
    _ids(raw, "response_id", out, found=found)
    _ids(raw, "course_id", out, found=found, unique=False)
    course_ids = out.get("course_id")
    if course_ids is not None and courses is not None:
        must_exist(raw, "course_id", course_ids, courses, found=found, what="course")
    tidy_attributes(raw, out, vocabularies=vocabularies, found=found, required=False)
    known = {"response_id", "course_id", "team", "role", "career_stage", "recommend", *FREE_TEXT}
    known |= _ratings(raw, out, ("pre", "post"), course_ids=course_ids, counts=counts, found=found)
    for column in FREE_TEXT:
        if column in raw.frame.columns:
            out[column] = to_text(raw, column)
    if "recommend" in raw.frame.columns:
        out["recommend"] = to_yes_no(raw, "recommend", found=found)
    return _keep_rest(raw, out, known, found=found)


def tidy_followup(raw, *, courses: set | None, counts: dict[str, int] | None, response_ids: pd.Series | None,
                  found: Collector) -> pd.DataFrame:
    """Validate and type follow-up ratings (``fu_<k>``) months after the course."""
    require_columns(raw, ("followup_id", "course_id", "months_after"), found=found)
    out: dict[str, object] = {}
    _ids(raw, "followup_id", out, found=found)
    _ids(raw, "course_id", out, found=found, unique=False)
    if "course_id" in out and courses is not None:
        must_exist(raw, "course_id", out["course_id"], courses, found=found, what="course")
    if "response_id" in raw.frame.columns:
        out["response_id"] = to_text(raw, "response_id")
        if response_ids is not None:
            must_exist(raw, "response_id", out["response_id"], response_ids.dropna(), found=found, what="response")
    if "months_after" in raw.frame.columns:
        out["months_after"] = to_integer(raw, "months_after", found=found, low=1, what="a whole number of months")
        require_values(raw, "months_after", raw.frame["months_after"], found=found, expected="months after the course")
    known = {"followup_id", "response_id", "course_id", "months_after"}
    known |= _ratings(raw, out, ("fu",), course_ids=out.get("course_id"), counts=counts, found=found)
    return _keep_rest(raw, out, known, found=found)


def tidy_bookings(raw, *, courses: set | None, vocabularies, tiers, found: Collector) -> pd.DataFrame:
    """Validate and type bookings and attendance (for the charging policy)."""
    required = ("booking_id", "course_id", "organisation_tier", "status", "booked_date")
    require_columns(raw, required, found=found)
    out: dict[str, object] = {}
    _ids(raw, "booking_id", out, found=found)
    _ids(raw, "course_id", out, found=found, unique=False)
    if "course_id" in out and courses is not None:
        must_exist(raw, "course_id", out["course_id"], courses, found=found, what="course")
    tidy_attributes(raw, out, vocabularies=vocabularies, found=found, required=False)
    if "organisation_tier" in raw.frame.columns:
        if tiers:
            out["organisation_tier"] = to_category(raw, "organisation_tier", list(tiers), found=found,
                                                   what="organisation tier")
        else:
            out["organisation_tier"] = to_text(raw, "organisation_tier")
            found.add(raw.file, 1, "organisation_tier", "study.yml declares no charging.tiers",
                      "charging.tiers.<tier> in study.yml for each organisation tier")
        require_values(raw, "organisation_tier", raw.frame["organisation_tier"], found=found,
                       expected="an organisation tier")
    _enum(raw, "status", BOOKING_STATUSES, out, found=found)
    _date(raw, "booked_date", out, found=found)
    if "cancelled_date" in raw.frame.columns:
        _date(raw, "cancelled_date", out, found=found, required=False)
    if "status" in out:
        cancelled = pd.Series(out["status"]).isin(["cancelled", "late_cancelled"]).to_numpy()
        if "cancelled_date" in raw.frame.columns:
            lacking = cancelled & raw.frame["cancelled_date"].isna().to_numpy()
            for pos in np.flatnonzero(lacking):
                found.add(raw.file, raw.row(pos), "cancelled_date", "missing value for a cancellation", "an ISO date")
        elif cancelled.any():
            found.add(raw.file, 1, "cancelled_date", "missing column for cancelled bookings",
                      "a column cancelled_date")
    known = {*required, "team", "role", "career_stage", "cancelled_date"}
    return _keep_rest(raw, out, known, found=found)
