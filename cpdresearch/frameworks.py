"""Reference frameworks for children's social care CPD, held as data.

The Professional Capabilities Framework (PCF) domains, the Knowledge and Skills
Statements (KSS) for child and family practitioners, career stages, the 70:20:10
learning categories and the catalogue of learning activities mapped to them.

Examples
--------
>>> from cpdresearch import frameworks
>>> frameworks.PCF_DOMAINS[6]
'Critical reflection and analysis'
>>> frameworks.activity("supervision").category
'social'
>>> frameworks.activity_table().query("category == 'formal'").shape[0] >= 5
True
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = [
    "PCF_DOMAINS", "KSS_STATEMENTS", "CAREER_STAGES", "LEARNING_CATEGORIES",
    "PARTICIPANT_GROUPS", "Activity", "ACTIVITIES", "activity", "activity_table",
]

#: The 9 domains of the Professional Capabilities Framework (BASW), by number.
PCF_DOMAINS: dict[int, str] = {
    1: "Professionalism",
    2: "Values and ethics",
    3: "Diversity and equality",
    4: "Rights, justice and economic wellbeing",
    5: "Knowledge",
    6: "Critical reflection and analysis",
    7: "Skills and interventions",
    8: "Contexts and organisations",
    9: "Professional leadership",
}

#: Knowledge and Skills Statement for child and family practitioners, by number.
KSS_STATEMENTS: dict[int, str] = {
    1: "Relationships and effective direct work",
    2: "Communication",
    3: "Child development",
    4: "Adult mental ill health, substance misuse, domestic abuse, physical ill health and disability",
    5: "Abuse and neglect of children",
    6: "Child and family assessment",
    7: "Analysis, decision-making, planning and review",
    8: "The law and the family and youth justice systems",
    9: "The role of supervision",
    10: "Organisational context",
}

#: Career stages in the order a practitioner progresses through them; non-registered
#: staff sit outside the social work ladder and come last.
CAREER_STAGES: tuple[str, ...] = (
    "ASYE",
    "Social Worker",
    "Senior Social Worker",
    "Practice Specialist",
    "Team Manager",
    "Non-registered staff",
)

#: The 70:20:10 categories: experiential (on the job), social (learning from and with
#: others), formal (courses and qualifications), with their nominal share of learning.
LEARNING_CATEGORIES: dict[str, float] = {"experiential": 0.70, "social": 0.20, "formal": 0.10}

#: Focus-group participant groups.
PARTICIPANT_GROUPS: tuple[str, ...] = ("young_people", "parents_carers", "staff")

#: How reports name each participant group (a study may rename them in ``study.yml``
#: under ``focus_groups.group_labels``).
PARTICIPANT_GROUP_LABELS: dict[str, str] = {
    "young_people": "Young people", "parents_carers": "Parents and carers", "staff": "Staff"}


@dataclass(frozen=True)
class Activity:
    """A CPD learning activity and its 70:20:10 category."""

    id: str
    label: str
    category: str


_ACTIVITIES = [
    ("questioning", "Questioning", "social"),
    ("critical_discussion_of_cases", "Critical discussion of cases", "social"),
    ("reflective_learning", "Reflective learning", "experiential"),
    ("supervision", "Supervision", "social"),
    ("appraisal", "Appraisal", "social"),
    ("attending_workshops", "Attending workshops", "formal"),
    ("attending_conferences", "Attending conferences", "formal"),
    ("observing", "Observing", "social"),
    ("meetings", "Meetings", "social"),
    ("role_modelling", "Role modelling", "social"),
    ("involvement_in_project", "Involvement in a project", "experiential"),
    ("induction", "Induction", "formal"),
    ("analysing_mistakes", "Analysing mistakes", "experiential"),
    ("team_study_day", "Team study day", "formal"),
    ("critical_incident_analysis", "Critical incident analysis", "experiential"),
    ("team_away_day", "Team away day", "social"),
    ("critical_reflection", "Critical reflection", "experiential"),
    ("work_shadowing", "Work shadowing", "social"),
    ("peer_supervision", "Peer supervision", "social"),
    ("mentoring", "Mentoring", "social"),
    ("secondment", "Secondment", "experiential"),
    ("learning_for_qualifications", "Learning for qualifications", "formal"),
    ("coaching", "Coaching", "social"),
    ("involvement_in_policy_development", "Involvement in policy development", "experiential"),
    ("e_learning", "E-learning", "formal"),
]

#: The activity catalogue, keyed by activity id.
ACTIVITIES: dict[str, Activity] = {a[0]: Activity(*a) for a in _ACTIVITIES}


def activity(activity_id: str) -> Activity:
    """Return the catalogue entry for ``activity_id``.

    Raises
    ------
    KeyError
        If the activity is not in the catalogue; the message lists the known ids.
    """
    try:
        return ACTIVITIES[activity_id]
    except KeyError:
        raise KeyError(
            f"unknown activity {activity_id!r}; known: {', '.join(ACTIVITIES)}"
        ) from None


def activity_table() -> pd.DataFrame:
    """The activity catalogue as a tidy DataFrame (``activity``, ``label``, ``category``).

    Examples
    --------
    >>> activity_table().set_index("activity").loc["mentoring", "category"]
    'social'
    """
    return pd.DataFrame(
        [(a.id, a.label, a.category) for a in ACTIVITIES.values()],
        columns=["activity", "label", "category"],
    )
