"""Working days, late cancellations and charges under the study.yml policy, worked by hand."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cpdresearch.evaluation import (ChargingPolicy, bank_holidays, booking_outcomes, bookings_by_course,
                                    charges_by_course_and_tier, working_days_notice)


def notice(cancelled: str, course: str, **kw) -> int:
    return int(working_days_notice([cancelled], [course], **kw)[0])


def test_boundary_of_ten_working_days():
    # Course Monday 16 March 2026. From Friday 27 February: Mon 2 - Fri 6 and Mon 9 - Fri 13 = 10 days.
    assert notice("2026-02-27", "2026-03-16") == 10
    # From Monday 2 March: Tue 3 - Fri 6 (4) and Mon 9 - Fri 13 (5) = 9 days: late.
    assert notice("2026-03-02", "2026-03-16") == 9


def test_weekend_days_do_not_count():
    # Cancelling on Saturday 28 Feb or Sunday 1 March leaves the same 10 working days as on Friday.
    assert notice("2026-02-28", "2026-03-16") == 10
    assert notice("2026-03-01", "2026-03-16") == 10


def test_bank_holidays_do_not_count():
    # Course Tuesday 12 May 2026; Monday 4 May is the Early May bank holiday.
    # From Monday 27 April: Tue 28 - Fri 1 May (4), Tue 5 - Fri 8 (4), Mon 11 (1) = 9, not 10.
    assert notice("2026-04-27", "2026-05-12") == 9
    assert notice("2026-04-27", "2026-05-12", holidays=[]) == 10
    # Easter 2026: Good Friday 3 April and Easter Monday 6 April.
    # From Friday 20 March to Tuesday 7 April: Mon 23 - Fri 27 (5), Mon 30 - Thu 2 (4) = 9.
    assert notice("2026-03-20", "2026-04-07") == 9


def test_one_off_bank_holiday_comes_from_the_calendar_package():
    # The coronation bank holiday, Monday 8 May 2023: a one-off no rule would produce.
    assert np.datetime64("2023-05-08") in bank_holidays([2023])
    # From Friday 5 May to Monday 22 May 2023: Tue 9 - Fri 12 (4), Mon 15 - Fri 19 (5) = 9.
    assert notice("2023-05-05", "2023-05-22") == 9


def test_cancelled_on_or_after_the_course_day_has_no_notice():
    assert notice("2026-03-16", "2026-03-16") == 0
    assert notice("2026-03-17", "2026-03-16") == 0


POLICY = ChargingPolicy.from_settings({"charging": {"late_cancellation_working_days": 10, "tiers": {
    "council": {"full_day": 0, "half_day": 0, "late_charge": 70},
    "partner": {"full_day": 70, "half_day": 35}}}})


def _bookings():
    courses = pd.DataFrame({"course_id": ["F", "H"], "date": pd.to_datetime(["2026-03-16", "2026-05-12"]),
                            "length": ["full_day", "half_day"]})
    rows = [
        ("B1", "F", "council", "attended", None),
        ("B2", "F", "council", "no_show", None),
        ("B3", "F", "council", "cancelled", "2026-03-02"),         # 9 days: late, though typed "cancelled"
        ("B4", "H", "partner", "attended", None),
        ("B5", "H", "partner", "late_cancelled", "2026-04-27"),    # 9 days (bank holiday): late
        ("B6", "H", "partner", "late_cancelled", "2026-04-24"),    # Fri 24 Apr: 10 days: in time
        ("B7", "H", "partner", "no_show", None),
    ]
    bookings = pd.DataFrame(rows, columns=["booking_id", "course_id", "organisation_tier", "status",
                                           "cancelled_date"])
    bookings["cancelled_date"] = pd.to_datetime(bookings["cancelled_date"])
    return bookings, courses


def test_outcomes_and_charges_by_hand():
    bookings, courses = _bookings()
    out = booking_outcomes(bookings, courses=courses, policy=POLICY).set_index("booking_id")
    assert out["outcome"].to_dict() == {"B1": "attended", "B2": "no_show", "B3": "late_cancelled",
                                        "B4": "attended", "B5": "late_cancelled", "B6": "cancelled",
                                        "B7": "no_show"}
    assert out["status_differs"].to_dict() == {"B1": False, "B2": False, "B3": True, "B4": False, "B5": False,
                                               "B6": True, "B7": False}
    # Council: attended pays the price (0), late cancellation and no-show the late_charge (70).
    # Partner, half day: attended 35; late cancellation and no-show the course price (no late_charge): 35.
    assert out["charge"].to_dict() == {"B1": 0, "B2": 70, "B3": 70, "B4": 35, "B5": 35, "B6": 0, "B7": 35}
    assert out.loc["B3", "notice"] == 9 and out.loc["B6", "notice"] == 10 and pd.isna(out.loc["B1", "notice"])


def test_bookings_and_charges_tables():
    bookings, courses = _bookings()
    out = booking_outcomes(bookings, courses=courses, policy=POLICY)
    by_course = bookings_by_course(out).set_index("course_id")
    assert by_course.loc["F", ["places", "attended", "cancelled", "late_cancelled", "no_show"]].tolist() == [3, 1, 0, 1, 1]
    assert by_course.loc["H", "attendance_rate"] == pytest.approx(1 / 4)
    charges = charges_by_course_and_tier(out).set_index(["course_id", "organisation_tier"])
    assert charges.loc[("F", "council"), ["late_cancellations", "no_shows", "late_and_no_show_amount", "amount"]].tolist() \
        == [1, 1, 140, 140]
    assert charges.loc[("H", "partner"), ["attended_amount", "late_and_no_show_amount", "amount"]].tolist() == [35, 70, 105]


def test_policy_defaults():
    policy = ChargingPolicy.from_settings({})
    assert policy.late_cancellation_working_days == 10
    assert np.isnan(policy.price("nobody", "full_day"))
