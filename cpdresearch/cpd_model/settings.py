"""The CPD model's settings from ``study.yml`` (``cpd_model:``), with their defaults.

.. code-block:: yaml

    cpd_model:
      priority_points: {high: 3, medium: 2, low: 1}   # a need's points in a topic's priority score
      commissioning:
        min_staff: 10        # a topic is on the commissioning list when at least this many staff need it
        min_teams: 1         # ... in at least this many teams
      weights:               # the evidence matrix's priority score (docs/cpd_model.md)
        demand: 0.4          # learning development plans: share of staff with a need in the domain
        voice: 0.2           # focus groups: share of participants who raised a linked theme
        survey: 0.2          # survey: share of respondents wanting more of the linked activities
        evaluation: 0.2      # training evaluation: share of the domain's course objectives not met
      priority_areas: [neglect, contextual safeguarding]   # optional: the workforce plan's areas

The keys are checked when the study is loaded (:mod:`cpdresearch.io.settings`); this
module reads them with their defaults.

Examples
--------
>>> s = CpdModelSettings.from_settings({"cpd_model": {"commissioning": {"min_staff": 6}}})
>>> s.min_staff, s.min_teams, s.weights["demand"]
(6, 1, 0.4)
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["PRIORITY_POINTS", "WEIGHTS", "COMPONENTS", "CpdModelSettings"]

#: Default points of a need by priority (a topic's score is the sum over the staff who need it).
PRIORITY_POINTS: dict[str, float] = {"high": 3.0, "medium": 2.0, "low": 1.0}

#: The evidence matrix's score components, in the order reports list them.
COMPONENTS: tuple[str, ...] = ("demand", "voice", "survey", "evaluation")

#: Default weights of the score components.
WEIGHTS: dict[str, float] = {"demand": 0.4, "voice": 0.2, "survey": 0.2, "evaluation": 0.2}


@dataclass(frozen=True)
class CpdModelSettings:
    """What the study sets for its CPD model (see the module docstring for the keys).

    Examples
    --------
    >>> CpdModelSettings().priority_points["high"]
    3.0
    """

    priority_points: dict = field(default_factory=lambda: dict(PRIORITY_POINTS))
    min_staff: int = 10
    min_teams: int = 1
    weights: dict = field(default_factory=lambda: dict(WEIGHTS))
    priority_areas: tuple | None = None

    @classmethod
    def from_settings(cls, settings: dict | None) -> "CpdModelSettings":
        """Read ``cpd_model:`` of ``study.yml`` (already validated), defaults for what is absent."""
        spec = (settings or {}).get("cpd_model") or {}
        points = {**PRIORITY_POINTS, **{k: float(v) for k, v in (spec.get("priority_points") or {}).items()}}
        commissioning = spec.get("commissioning") or {}
        weights = {**WEIGHTS, **{k: float(v) for k, v in (spec.get("weights") or {}).items()}}
        areas = spec.get("priority_areas")
        return cls(priority_points=points, min_staff=int(commissioning.get("min_staff", 10)),
                   min_teams=int(commissioning.get("min_teams", 1)), weights=weights,
                   priority_areas=tuple(str(a) for a in areas) if areas else None)
