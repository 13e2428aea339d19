"""Bookings and the charging policy: late cancellations, no-shows and what is due.

The policy lives in ``study.yml`` under ``charging``: a price per organisation tier for
a full-day and a half-day course, an optional ``late_charge`` (what a late cancellation
or a no-show pays; default the course price), and ``late_cancellation_working_days``
(default 10).

A cancellation is *late* when fewer than ``late_cancellation_working_days`` working
days remain before the course: the working days after the day of cancellation and
before the day of the course, weekends and England and Wales bank holidays not counted
(bank holidays from the ``holidays`` package, which follows the GOV.UK list, one-off
holidays such as a coronation included). Whether a cancellation was late is computed
from the dates; the ``status`` written in ``bookings.csv`` is not taken on trust.

Examples
--------
>>> import numpy as np
>>> cancelled = np.array(["2026-03-20"], dtype="datetime64[D]")   # a Friday
>>> course = np.array(["2026-04-07"], dtype="datetime64[D]")      # Tuesday after Easter
>>> working_days_notice(cancelled, course).tolist()   # Mon 23 .. Thu 2 Apr, Tue 7 not before
[9]
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

__all__ = ["ChargingPolicy", "bank_holidays", "working_days_notice", "booking_outcomes", "bookings_by_course",
           "charges_by_course_and_tier"]


@lru_cache(maxsize=32)
def _holidays_for(years: tuple[int, ...]) -> tuple[np.datetime64, ...]:
    try:
        import holidays
    except ImportError as err:  # a dependency in pyproject.toml; say how to get it rather than fail obscurely
        raise ImportError("England and Wales bank holidays need the 'holidays' package (a dependency of "
                          "cpdresearch: pip install 'holidays>=0.109')") from err
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=list(years))
    return tuple(np.datetime64(d, "D") for d in sorted(calendar))


def bank_holidays(years) -> np.ndarray:
    """England and Wales bank holidays in ``years`` (``holidays``: GB, subdivision ENG).

    Examples
    --------
    >>> [str(d) for d in bank_holidays([2023]) if str(d).startswith("2023-05")]
    ['2023-05-01', '2023-05-08', '2023-05-29']
    """
    years = tuple(sorted({int(y) for y in years}))
    return np.array(_holidays_for(years), dtype="datetime64[D]")


def working_days_notice(cancelled, course, *, holidays=None) -> np.ndarray:
    """Working days between a cancellation and the course, neither day counted.

    Parameters
    ----------
    cancelled, course : array-like of dates
        Day of cancellation and day of the course (``datetime64`` or ISO strings).
    holidays : array-like of dates, optional
        Non-working days besides weekends; default England and Wales bank holidays
        of every year involved (:func:`bank_holidays`).

    Returns
    -------
    numpy.ndarray of int
        ``numpy.busday_count`` from the day after the cancellation up to, not including,
        the course day; 0 when cancelled on or after the course day. NaT gives -1.
    """
    cancelled = np.asarray(pd.to_datetime(pd.Series(cancelled)).to_numpy(), dtype="datetime64[D]")
    course = np.asarray(pd.to_datetime(pd.Series(course)).to_numpy(), dtype="datetime64[D]")
    missing = np.isnat(cancelled) | np.isnat(course)
    start = np.where(missing, np.datetime64("2000-01-03"), cancelled + np.timedelta64(1, "D"))
    end = np.where(missing, np.datetime64("2000-01-03"), course)
    if holidays is None:
        years = pd.DatetimeIndex(np.r_[start, end]).year
        holidays = bank_holidays(range(int(years.min()), int(years.max()) + 1)) if len(years) else []
    days = np.busday_count(start, np.maximum(start, end), holidays=np.asarray(holidays, dtype="datetime64[D]"))
    return np.where(missing, -1, days)


@dataclass(frozen=True)
class ChargingPolicy:
    """The charging policy of ``study.yml``: prices per tier and the late-cancellation rule.

    Examples
    --------
    >>> policy = ChargingPolicy.from_settings({"charging": {"tiers": {
    ...     "council": {"full_day": 0, "half_day": 0, "late_charge": 70},
    ...     "partner": {"full_day": 70, "half_day": 35}}}})
    >>> policy.price("partner", "half_day"), policy.late_price("partner", "half_day"), policy.late_price("council", "full_day")
    (35.0, 35.0, 70.0)
    """

    tiers: dict = field(default_factory=dict)
    late_cancellation_working_days: int = 10

    @classmethod
    def from_settings(cls, settings: dict | None) -> "ChargingPolicy":
        charging = (settings or {}).get("charging") or {}
        return cls(tiers={str(k): dict(v or {}) for k, v in (charging.get("tiers") or {}).items()},
                   late_cancellation_working_days=int(charging.get("late_cancellation_working_days", 10)))

    def price(self, tier: str, length: str) -> float:
        """The price of a place on a course of ``length`` (``full_day``/``half_day``) for ``tier``."""
        value = (self.tiers.get(str(tier)) or {}).get(str(length))
        return math.nan if value is None else float(value)

    def late_price(self, tier: str, length: str) -> float:
        """What a late cancellation or no-show pays: the tier's ``late_charge``, else the course price."""
        value = (self.tiers.get(str(tier)) or {}).get("late_charge")
        return self.price(tier, length) if value is None else float(value)


def booking_outcomes(bookings: pd.DataFrame, *, courses: pd.DataFrame, policy: ChargingPolicy,
                     holidays=None) -> pd.DataFrame:
    """Each booking's outcome under the policy, and the charge due.

    Parameters
    ----------
    bookings : pandas.DataFrame
        ``study.bookings``: ``booking_id, course_id, organisation_tier, status,
        booked_date, cancelled_date``.
    courses : pandas.DataFrame
        ``study.courses`` (``course_id, date, length``).
    policy : ChargingPolicy
    holidays : array-like of dates, optional
        Passed to :func:`working_days_notice` (default England and Wales bank holidays).

    Returns
    -------
    pandas.DataFrame
        ``booking_id, course_id, organisation_tier, status`` (as recorded), ``notice``
        (working days, cancellations only), ``outcome`` (``attended``, ``cancelled``,
        ``late_cancelled``, ``no_show``: cancellations classed from the dates),
        ``status_differs`` (the recorded cancellation status disagrees with the dates),
        ``charge``.
    """
    course = courses.set_index("course_id")
    out = bookings[["booking_id", "course_id", "organisation_tier", "status"]].copy()
    out["organisation_tier"] = out["organisation_tier"].astype(object)
    out["status"] = out["status"].astype(object)
    course_date = out["course_id"].map(course["date"])
    length = out["course_id"].map(course["length"]).astype(object)
    cancelled = out["status"].isin(["cancelled", "late_cancelled"]).to_numpy()
    notice = np.full(len(out), -1)
    if cancelled.any():
        notice[cancelled] = working_days_notice(bookings.loc[cancelled, "cancelled_date"],
                                                course_date[cancelled], holidays=holidays)
    out["notice"] = pd.array(np.where(cancelled, notice, -1), dtype="Int64").astype("Int64")
    out.loc[~cancelled, "notice"] = pd.NA
    late = cancelled & (notice < policy.late_cancellation_working_days)
    outcome = out["status"].to_numpy(dtype=object).copy()
    outcome[cancelled] = np.where(late[cancelled], "late_cancelled", "cancelled")
    out["outcome"] = outcome
    out["status_differs"] = cancelled & (out["status"].to_numpy(dtype=object) != outcome)
    pairs = pd.DataFrame({"tier": out["organisation_tier"], "length": length})
    price = np.array([policy.price(t, l) for t, l in zip(pairs["tier"], pairs["length"])], dtype=float) \
        if len(out) else np.array([])
    late_price = np.array([policy.late_price(t, l) for t, l in zip(pairs["tier"], pairs["length"])], dtype=float) \
        if len(out) else np.array([])
    out["charge"] = np.select([outcome == "attended", np.isin(outcome, ["late_cancelled", "no_show"])],
                              [price, late_price], default=0.0)
    return out


def bookings_by_course(outcomes: pd.DataFrame) -> pd.DataFrame:
    """Places, attendance, cancellations, late cancellations and no-shows per course.

    Returns
    -------
    pandas.DataFrame
        ``course_id, places, attended, cancelled, late_cancelled, no_show,
        attendance_rate`` (attended / places).
    """
    counts = pd.crosstab(outcomes["course_id"], outcomes["outcome"])
    for name in ("attended", "cancelled", "late_cancelled", "no_show"):
        if name not in counts:
            counts[name] = 0
    counts = counts[["attended", "cancelled", "late_cancelled", "no_show"]].astype("int64")
    counts.insert(0, "places", counts.sum(axis=1))
    counts["attendance_rate"] = counts["attended"] / counts["places"]
    counts.columns.name = None
    return counts.reset_index()


def charges_by_course_and_tier(outcomes: pd.DataFrame) -> pd.DataFrame:
    """Charges due by course and organisation tier.

    Returns
    -------
    pandas.DataFrame
        ``course_id, organisation_tier, places, attended, late_cancellations,
        no_shows, attended_amount, late_and_no_show_amount, amount``.
    """
    o = outcomes
    keys = [o["course_id"], o["organisation_tier"]]
    grouped = pd.DataFrame({
        "places": 1, "attended": o["outcome"].eq("attended").astype("int64"),
        "late_cancellations": o["outcome"].eq("late_cancelled").astype("int64"),
        "no_shows": o["outcome"].eq("no_show").astype("int64"),
        "attended_amount": np.where(o["outcome"].eq("attended"), o["charge"], 0.0),
        "late_and_no_show_amount": np.where(o["outcome"].isin(["late_cancelled", "no_show"]), o["charge"], 0.0),
    }).groupby(keys, sort=True, observed=True).sum()
    grouped["amount"] = grouped["attended_amount"] + grouped["late_and_no_show_amount"]
    grouped.index.names = ["course_id", "organisation_tier"]
    return grouped.reset_index()
