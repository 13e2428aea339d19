"""The demo council's own vocabularies: its teams and roles.

They belong to the synthetic demo study, not to the toolkit: the demo's ``study.yml``
declares them (``vocabularies:``) like any other study would, and nothing outside
``synth`` refers to them.

Examples
--------
>>> len(TEAMS), len(ROLES)
(7, 3)
"""
from __future__ import annotations

from .. import frameworks

__all__ = ["TEAMS", "ROLES", "REGISTERED_ROLES", "vocabularies_spec"]

#: Staff roles of the demo council's integrated children's workforce.
ROLES: tuple[str, ...] = (
    "Qualified social worker",
    "Non-registered social care staff",
    "Manager",
)

#: Teams of the demo council's children's services.
TEAMS: tuple[str, ...] = (
    "MASH",
    "Early Help",
    "Protection and Court Team",
    "Youth Offending",
    "Looked After Children",
    "Adoption",
    "Fostering",
)


#: Roles held by registered social workers.
REGISTERED_ROLES: tuple[str, ...] = ("Qualified social worker", "Manager")


def vocabularies_spec() -> dict:
    """The ``vocabularies:`` section of the demo's ``study.yml``.

    Examples
    --------
    >>> vocabularies_spec()["career_stage"]["ordered"]
    True
    """
    return {
        "team": list(TEAMS),
        "role": {"levels": list(ROLES), "registered": list(REGISTERED_ROLES)},
        "career_stage": {"ordered": True, "levels": list(frameworks.CAREER_STAGES),
                         "national": {s: s for s in frameworks.CAREER_STAGES}},
    }
