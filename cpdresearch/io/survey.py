"""Survey responses: one row per respondent, typed against the instrument.

Likert answers become ordered categoricals of their scale's labels; multi-selects become
boolean ``<select>_<option>`` columns whether they arrive one column per option or as
one ``;``-separated cell (Microsoft Forms); the staff attributes (team, role, career stage
or those the instrument lists) become categoricals of the study's own vocabularies.

Examples
--------
>>> import pandas as pd
>>> from cpdresearch.io.tables import RawTable
>>> from cpdresearch.instrument import parse_instrument
>>> inst, _ = parse_instrument({"multi_selects": {"wish": {"options": [
...     {"id": "mentoring", "label": "Mentoring"}, {"id": "coaching", "label": "Coaching"}]}}}, "i.yml")
>>> raw = RawTable("responses.csv", pd.DataFrame({
...     "respondent_id": ["R1", "R2"], "team": ["MASH", "Adoption"], "role": ["Manager"] * 2,
...     "career_stage": ["team manager", "ASYE"], "wish": ["Mentoring;COACHING", None]}))
>>> found = Collector()
>>> survey = tidy_survey(raw, instrument=inst, found=found)
>>> survey[["wish_mentoring", "wish_coaching"]].values.tolist(), found.problems
([[True, True], [False, False]], [])
>>> list(survey["team"].cat.categories)  # no declared vocabulary: the data's values
['Adoption', 'MASH']
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .attributes import tidy_attributes
from ..instrument import non_substantive_column
from .vocabularies import STAFF_ATTRIBUTES, StudyVocabularies
from .checks import (INVALID, Collector, map_unique, require_columns, require_values, to_flag,
                     to_non_substantive, to_scale, to_text, unique_ids, warn_unknown_columns)

__all__ = ["SURVEY_REQUIRED", "tidy_survey"]

#: Columns every survey file must have (and the attributes its instrument lists).
SURVEY_REQUIRED: tuple[str, ...] = ("respondent_id",)


def _forms_cell(raw, column: str, select, *, found: Collector) -> dict[str, np.ndarray]:
    """Split a Microsoft Forms ``;``-separated cell into one boolean array per option."""
    by_key = {}
    for i, option in enumerate(select.options):
        by_key[option.id.casefold()] = i
        by_key[option.label.strip().casefold()] = i
    n = len(select.options)

    def lookup(text: str):
        chosen = np.zeros(n, dtype=bool)
        for part in text.split(";"):
            part = part.strip().casefold()
            if not part:
                continue
            if part not in by_key:
                return INVALID
            chosen[by_key[part]] = True
        return chosen

    labels = ", ".join(o.label for o in select.options)
    codes, parsed = map_unique(raw, column, lookup, found=found,
                               expected=f"';'-separated option labels or ids of '{select.id}' ({labels})",
                               message="unknown option in {value!r}")
    table = np.zeros((len(parsed) + 1, n), dtype=bool)
    for i, chosen in enumerate(parsed):
        if isinstance(chosen, np.ndarray):
            table[i] = chosen
    picked = table[codes]
    return {select.column(o.id): picked[:, i] for i, o in enumerate(select.options)}


def tidy_survey(raw, *, instrument, vocabularies=None, found: Collector) -> pd.DataFrame:
    """Validate and type a survey table; problems go to ``found``.

    Parameters
    ----------
    raw : RawTable
        The survey file as read by :func:`cpdresearch.io.tables.read_table`.
    instrument : Instrument or None
        Scales, items and multi-selects; without it only the attributes are typed.
    vocabularies : StudyVocabularies, optional
        The study's vocabularies of staff attributes (declared ones are enforced).
    found : Collector
        Receives every problem and warning.
    """
    if "respondent_id" not in raw.frame.columns and "ResponseId" in raw.frame.columns:
        # Qualtrics names its respondent id column ResponseId.
        raw.frame = raw.frame.rename(columns={"ResponseId": "respondent_id"})
    vocabularies = vocabularies if vocabularies is not None else StudyVocabularies()
    attributes = list(STAFF_ATTRIBUTES)
    if instrument is not None and instrument.attributes_declared:
        attributes = list(instrument.attributes)
    required = SURVEY_REQUIRED + (tuple(attributes) if instrument is not None and instrument.attributes_declared else ())
    require_columns(raw, required, found=found)
    frame: dict[str, object] = {}
    known = set(required) | set(attributes)
    if "respondent_id" in raw.frame.columns:
        ids = to_text(raw, "respondent_id")
        require_values(raw, "respondent_id", ids, found=found, expected="a respondent id")
        unique_ids(raw, "respondent_id", ids, found=found)
        frame["respondent_id"] = ids
    tidy_attributes(raw, frame, vocabularies=vocabularies, found=found, required=True, attributes=attributes)
    if instrument is not None:
        for block in instrument.blocks.values():
            for item_id in block.item_ids:
                known.add(item_id)
                if item_id in raw.frame.columns:
                    frame[item_id] = to_scale(raw, item_id, block.scale, found=found)
                    # Kept apart from blanks: which non-substantive answer was given.
                    frame[non_substantive_column(item_id)] = to_non_substantive(raw, item_id, block.scale)
        for select in instrument.multi_selects.values():
            columns = {c: np.zeros(len(raw), dtype=bool) for c in select.columns}
            present = False
            for column in select.columns:
                known.add(column)
                if column in raw.frame.columns:
                    columns[column] = to_flag(raw, column, found=found)
                    present = True
            known.add(select.id)
            if select.id in raw.frame.columns:
                for column, chosen in _forms_cell(raw, select.id, select, found=found).items():
                    columns[column] = columns[column] | chosen
                present = True
            if present:
                frame.update(columns)
        for column in instrument.free_text:
            known.add(column)
            if column in raw.frame.columns:
                frame[column] = to_text(raw, column)
    warn_unknown_columns(raw, known, found=found)
    for column in raw.frame.columns:
        if column not in known:
            frame[column] = to_text(raw, column)
    return pd.DataFrame(frame, index=pd.RangeIndex(len(raw)))
