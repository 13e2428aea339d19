"""Staff attributes shared by every section that describes people (survey respondents,
evaluation delegates, learning needs, workforce): team, role, career stage and any other
attribute a study declares, typed against the study's own vocabularies.

A declared vocabulary (``study.yml`` ``vocabularies:``) is enforced: a value outside it is
a problem naming file, row and column. An undeclared attribute takes the values the data
use (see :mod:`cpdresearch.io.vocabularies`).

Examples
--------
>>> import pandas as pd
>>> from cpdresearch.io.tables import RawTable
>>> from cpdresearch.io.checks import Collector
>>> from cpdresearch.io.vocabularies import StudyVocabularies, Vocabulary
>>> raw = RawTable("x.csv", pd.DataFrame({"team": ["South", "North"], "role": ["SW", "Chef"]}))
>>> frame, found = {}, Collector()
>>> vocab = StudyVocabularies(declared={"role": Vocabulary("role", ("SW", "FSW"))})
>>> tidy_attributes(raw, frame, vocabularies=vocab, found=found, required=True)
>>> list(frame["team"].categories), [str(p) for p in found.problems]
(['North', 'South'], ["x.csv:3:role: unknown role 'Chef'; expected one of SW, FSW"])
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .checks import Collector, require_values, to_category, to_text
from .vocabularies import STAFF_ATTRIBUTES, StudyVocabularies

__all__ = ["tidy_attributes"]


def tidy_attributes(raw, frame: dict, *, vocabularies: StudyVocabularies, found: Collector, required: bool,
                    attributes: Iterable[str] = STAFF_ATTRIBUTES) -> None:
    """Type the ``attributes`` present in ``raw`` into ``frame`` as categoricals.

    Parameters
    ----------
    raw : RawTable
    frame : dict
        Receives one categorical per attribute column present.
    vocabularies : StudyVocabularies
        Declared vocabularies (enforced) and the workforce order of undeclared ones.
    found : Collector
    required : bool
        A blank value is a problem (each row must say, e.g., which team it belongs to).
    attributes : iterable of str
        The attribute columns to type (default team, role, career stage).
    """
    for column in dict.fromkeys(attributes):
        if column not in raw.frame.columns:
            continue
        vocab = vocabularies.declared.get(column)
        what = vocabularies.label(column).lower()
        if vocab is not None:
            values = to_category(raw, column, vocab.levels, ordered=vocab.ordered, found=found, what=what)
        else:
            text = to_text(raw, column)
            values = pd.Categorical(text, categories=vocabularies.levels(column, text.dropna().unique()))
        if required:
            require_values(raw, column, raw.frame[column], found=found, expected=f"a {what}")
        frame[column] = values
