"""A council's own vocabularies: its teams, roles, career stages and other staff attributes.

No council has the same teams, roles or career stages, so none is built in. With no
declaration, an attribute's levels are the values the data use, ordered as
``workforce.csv`` lists them and otherwise alphabetically. A study may declare them in
``study.yml`` under ``vocabularies:``, to fix their order, give them a display label, and
map local names onto the national frameworks (which roles are registered social workers;
which local stage is which national career stage). A value outside a declared list is
then a problem naming file, row and column.

.. code-block:: yaml

    vocabularies:
      team: [Assessment, Child in Need, Children in Care]     # just the order
      role:
        levels: [Social worker, Senior practitioner, Family support worker, Team manager]
        registered: [Social worker, Senior practitioner, Team manager]
      career_stage:
        label: Career stage
        ordered: true
        levels: [Newly qualified, Experienced, Manager]
        national: {Newly qualified: ASYE, Experienced: Social Worker, Manager: Team Manager}

Examples
--------
>>> from cpdresearch.io.checks import Collector
>>> found = Collector()
>>> vocab = parse_vocabularies({"team": ["B", "A"], "role": {"levels": ["SW", "FSW"], "registered": ["SW"]}},
...                            file="study.yml", found=found)
>>> vocab["team"].levels, vocab["role"].registered, found.problems
(('B', 'A'), ('SW',), [])
>>> data_levels(["Zed", "alpha", "Mid", None], order=["Mid"])
['Mid', 'alpha', 'Zed']
>>> attribute_label("career_stage")
'Career stage'
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from .. import frameworks
from .checks import Collector

__all__ = ["STAFF_ATTRIBUTES", "Vocabulary", "parse_vocabularies", "data_levels", "attribute_label"]

#: Attributes that describe staff in every section that has them (survey respondents,
#: evaluation delegates, learning needs, workforce). Each is optional.
STAFF_ATTRIBUTES: tuple[str, ...] = ("team", "role", "career_stage")


@dataclass(frozen=True)
class Vocabulary:
    """The declared levels of one attribute, and how they map to the national frameworks.

    Attributes
    ----------
    attribute : str
        Column name (``team``, ``role``, ``career_stage``, ``locality``, ...).
    levels : tuple of str
        Every allowed value, in display order.
    ordered : bool
        Whether the levels are ordered (e.g. career stages).
    label : str
        How reports name the attribute ("Career stage").
    registered : tuple of str
        For roles: those held by registered social workers.
    national : dict of str to str
        Local level -> national framework term (for career stages, one of
        :data:`cpdresearch.frameworks.CAREER_STAGES`).

    Examples
    --------
    >>> Vocabulary("role", ("SW", "FSW"), registered=("SW",)).label
    'Role'
    """

    attribute: str
    levels: tuple[str, ...]
    ordered: bool = False
    label: str = ""
    registered: tuple[str, ...] = ()
    national: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", attribute_label(self.attribute))


def attribute_label(attribute: str) -> str:
    """The words reports use for an attribute column: ``career_stage`` -> "Career stage"."""
    words = str(attribute).replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def data_levels(values: Iterable, *, order: Iterable = ()) -> list[str]:
    """Levels of an undeclared attribute: those in ``order`` first (as listed), then the
    rest alphabetically (case-insensitive); blanks dropped."""
    present = {str(v).strip() for v in values if v is not None and not pd.isna(v) and str(v).strip()}
    first = [str(v) for v in dict.fromkeys(order) if str(v) in present]
    rest = sorted(present - set(first), key=lambda v: (v.casefold(), v))
    return first + rest


def _as_list(value) -> list[str] | None:
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, int, float)) for v in value):
        return [str(v).strip() for v in value]
    return None


def parse_vocabularies(spec, *, file: str, found: Collector, lines=None) -> dict[str, Vocabulary]:
    """The ``vocabularies:`` mapping of ``study.yml``; every problem goes to ``found``.

    Each attribute maps to a list of levels, or to a mapping with ``levels`` and optionally
    ``label``, ``ordered``, ``registered`` (roles) and ``national`` (local -> national term).
    """
    line = lines or (lambda *keys: None)
    out: dict[str, Vocabulary] = {}
    if spec is None:
        return out
    if not isinstance(spec, dict):
        found.add(file, line("vocabularies"), "vocabularies", "not a mapping", "attribute: [levels] or {levels: ...}")
        return out
    for attribute, entry in spec.items():
        where = f"vocabularies.{attribute}"
        entry = {"levels": entry} if not isinstance(entry, dict) else entry
        levels = _as_list(entry.get("levels"))
        if not levels:
            found.add(file, line("vocabularies", attribute), where, "no list of levels", "levels: [a, b, ...]")
            continue
        if len({lv.casefold() for lv in levels}) != len(levels):
            found.add(file, line("vocabularies", attribute), where, "levels repeat", "distinct levels")
            continue
        registered = _as_list(entry.get("registered") or []) or []
        unknown = [r for r in registered if r not in levels]
        if unknown:
            found.add(file, line("vocabularies", attribute, "registered"), f"{where}.registered",
                      f"not among the levels: {', '.join(unknown)}", "levels of this vocabulary")
        national = entry.get("national") or {}
        if not isinstance(national, dict):
            found.add(file, line("vocabularies", attribute, "national"), f"{where}.national", "not a mapping",
                      "local level: national term")
            national = {}
        national = {str(k).strip(): str(v).strip() for k, v in national.items()}
        bad = [k for k in national if k not in levels]
        if bad:
            found.add(file, line("vocabularies", attribute, "national"), f"{where}.national",
                      f"not among the levels: {', '.join(bad)}", "levels of this vocabulary")
        if attribute == "career_stage":
            off = sorted({v for v in national.values() if v not in frameworks.CAREER_STAGES})
            if off:
                found.add(file, line("vocabularies", attribute, "national"), f"{where}.national",
                          f"not a national career stage: {', '.join(off)}",
                          "one of " + ", ".join(frameworks.CAREER_STAGES))
        out[str(attribute)] = Vocabulary(
            attribute=str(attribute), levels=tuple(levels), ordered=bool(entry.get("ordered", False)),
            label=str(entry.get("label") or ""), registered=tuple(r for r in registered if r in levels),
            national={k: v for k, v in national.items() if k in levels})
    return out


@dataclass
class StudyVocabularies:
    """Every vocabulary a study's readers type their attribute columns with.

    ``declared`` holds what ``study.yml`` declares; ``order`` the order of undeclared
    attributes' values as ``workforce.csv`` lists them.

    Examples
    --------
    >>> v = StudyVocabularies(order={"team": ["North", "South"]})
    >>> v.levels("team", ["South", "East", "North"])
    ['North', 'South', 'East']
    """

    declared: dict = field(default_factory=dict)
    order: dict = field(default_factory=dict)

    def levels(self, attribute: str, values: Iterable) -> list[str]:
        """The levels of ``attribute``: declared, else from the data (workforce order first)."""
        if attribute in self.declared:
            return list(self.declared[attribute].levels)
        return data_levels(values, order=self.order.get(attribute, ()))

    def label(self, attribute: str) -> str:
        """How reports name ``attribute``."""
        vocab = self.declared.get(attribute)
        return vocab.label if vocab is not None else attribute_label(attribute)


__all__.append("StudyVocabularies")
