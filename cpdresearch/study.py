"""The ``Study``: every dataset of a study folder, typed, plus its settings.

Built by :func:`cpdresearch.load_study`; see ``docs/study_folder.md`` for the contract.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from .errors import DataError, Problem

__all__ = ["DATASETS", "Cohort", "Study"]

#: Study attributes holding row-level datasets that cohort filters apply to.
DATASETS: tuple[str, ...] = (
    "survey", "sessions", "segments", "codings", "courses", "objectives", "evaluations",
    "followup", "bookings", "learning_needs", "workforce",
)


@dataclass(frozen=True)
class Cohort:
    """A named subset of the study that the notebooks are re-run for.

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> study = load_study(paths.DEMO_STUDY)
    >>> first = study.cohorts[0]
    >>> isinstance(first.name, str) and isinstance(first.filter, dict)
    True
    """

    name: str
    title: str
    filter: dict = field(default_factory=dict)
    notebooks: tuple[str, ...] | None = None


@dataclass
class Study:
    """A loaded, validated study folder. Absent sections are ``None``.

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> study = load_study(paths.DEMO_STUDY)
    >>> name = study.cohorts[1].name
    >>> part = study.cohort(name)
    >>> part.cohort_name == name, len(part.survey) < len(study.survey)
    (True, True)
    """

    root: Path
    settings: dict
    instrument: object | None = None
    codebook: object | None = None
    cohorts: list[Cohort] = field(default_factory=list)
    notebooks: list[str] | None = None
    survey: pd.DataFrame | None = None
    sessions: pd.DataFrame | None = None
    segments: pd.DataFrame | None = None
    codings: pd.DataFrame | None = None
    courses: pd.DataFrame | None = None
    objectives: pd.DataFrame | None = None
    evaluations: pd.DataFrame | None = None
    followup: pd.DataFrame | None = None
    bookings: pd.DataFrame | None = None
    learning_needs: pd.DataFrame | None = None
    workforce: pd.DataFrame | None = None
    known_names: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: every input file read, keyed by a stable name (section, or ``transcript:<file>``)
    files: dict[str, Path] = field(default_factory=dict)
    #: the cohort this study was filtered to, or None for the whole study
    cohort_name: str | None = None
    #: the study's vocabularies of staff attributes (``io.vocabularies.StudyVocabularies``)
    vocabularies: object | None = None
    #: the study before the cohort filter (``None`` for the whole study itself): disclosure
    #: control reads it to hide the same cells as the cohort's siblings (docs/disclosure.md)
    whole: "Study | None" = field(default=None, repr=False, compare=False)
    #: the filter this study was cut with (``{}`` for the whole study)
    filter: dict = field(default_factory=dict, repr=False, compare=False)

    def field_terms(self) -> list[str]:
        """The study's own names of things: its teams, roles, career stages and other
        attribute levels, sites and participant groups, and codebook labels. Words of these
        name the field, never a person (pseudonymisation keeps them).

        Examples
        --------
        >>> s = Study(root=Path("x"), settings={}, survey=pd.DataFrame({"team": pd.Categorical(["North team"])}))
        >>> s.field_terms()
        ['North team']
        """
        terms: list[str] = []
        if self.vocabularies is not None:
            for vocab in self.vocabularies.declared.values():
                terms += list(vocab.levels)
            for levels in self.vocabularies.order.values():
                terms += list(levels)
        for data in self.datasets().values():
            for column in ("team", "role", "career_stage", "site", "group", "locality"):
                if column in data.columns and isinstance(data[column].dtype, pd.CategoricalDtype):
                    terms += [str(v) for v in data[column].cat.categories]
        if self.codebook is not None:
            terms += [code.label for code in getattr(self.codebook, "codes", [])]
        return list(dict.fromkeys(terms))

    def attribute_label(self, attribute: str) -> str:
        """How reports name a staff attribute: the instrument's label, the study's, or the
        column name in words ("career_stage" -> "Career stage")."""
        if self.instrument is not None and attribute in getattr(self.instrument, "attribute_labels", {}):
            return self.instrument.attribute_labels[attribute]
        if self.vocabularies is not None:
            return self.vocabularies.label(attribute)
        words = attribute.replace("_", " ")
        return words[:1].upper() + words[1:]

    @property
    def name(self) -> str:
        return str(self.settings.get("name", self.root.name))

    @property
    def synthetic(self) -> bool:
        return bool(self.settings.get("synthetic", False))

    @property
    def min_cell(self) -> int:
        return int((self.settings.get("disclosure") or {}).get("min_cell", 5))

    @property
    def min_group(self) -> int:
        return int((self.settings.get("disclosure") or {}).get("min_group", 10))

    def datasets(self) -> dict[str, pd.DataFrame]:
        """The row-level datasets that are present, by name."""
        return {n: getattr(self, n) for n in DATASETS if getattr(self, n) is not None}

    def get_cohort(self, name: str) -> Cohort:
        for c in self.cohorts:
            if c.name == name:
                return c
        known = ", ".join(c.name for c in self.cohorts) or "none"
        raise DataError(Problem("cohorts.yml", None, "name", f"no cohort named {name!r}", f"one of {known}"))

    def cohort(self, name: str | None) -> "Study":
        """The same study with every dataset filtered by the cohort's filter.

        A filter applies to each dataset that has the filtered column and leaves the
        others whole. ``None`` or ``"all"`` without a cohort of that name return the study.
        """
        if name is None or (name == "all" and not any(c.name == "all" for c in self.cohorts)):
            return self
        return self.subset(self.get_cohort(name).filter, cohort_name=name)

    def subset(self, filter: dict, *, cohort_name: str | None = None) -> "Study":
        """The study cut by ``filter`` (``{column: value or list of values}``), remembering
        the whole study it was cut from.

        Examples
        --------
        >>> from cpdresearch import load_study, paths
        >>> study = load_study(paths.DEMO_STUDY)
        >>> team = str(study.survey["team"].iloc[0])
        >>> part = study.subset({"team": team})
        >>> part.whole is study, part.partition == ("team", team), set(part.survey["team"].astype(str)) == {team}
        (True, True, True)
        """
        whole = self.whole if self.whole is not None else self
        changes: dict = {"cohort_name": cohort_name, "whole": whole, "filter": {**self.filter, **filter}}
        for ds_name, df in self.datasets().items():
            mask = pd.Series(True, index=df.index)
            for column, wanted in filter.items():
                if column in df.columns:
                    wanted = wanted if isinstance(wanted, (list, tuple)) else [wanted]
                    mask &= df[column].astype(object).isin(wanted)
            if not mask.all():
                changes[ds_name] = df.loc[mask].reset_index(drop=True)
        return replace(self, **changes)

    def fingerprint(self) -> str:
        """A digest of the study's data and settings: equal for two loads of one study
        folder (so a process forked from one that computed something for the study can
        reuse it), different as soon as any value differs.

        Examples
        --------
        >>> from cpdresearch import load_study, paths
        >>> load_study(paths.DEMO_STUDY).fingerprint() == load_study(paths.DEMO_STUDY).fingerprint()
        True
        """
        import hashlib
        import json

        digest = hashlib.sha256()
        for name, data in sorted(self.datasets().items()):
            digest.update(name.encode())
            digest.update(json.dumps([str(c) for c in data.columns]).encode())
            digest.update(pd.util.hash_pandas_object(data.astype(object), index=False).to_numpy().tobytes())
        digest.update(json.dumps(self.settings, sort_keys=True, default=str).encode())
        digest.update(json.dumps([(c.name, c.filter) for c in self.cohorts], sort_keys=True, default=str).encode())
        return digest.hexdigest()

    @property
    def partition(self) -> tuple[str, str] | None:
        """``(attribute, value)`` when this study is one value of one attribute of the
        whole (a team, a role): its counts are one row of the whole study's table by that
        attribute, and disclosure control hides them as that row (docs/disclosure.md)."""
        if self.whole is None or len(self.filter) != 1:
            return None
        (attribute, value), = self.filter.items()
        if isinstance(value, (list, tuple)):
            if len(value) != 1:
                return None
            value = value[0]
        return str(attribute), str(value)
