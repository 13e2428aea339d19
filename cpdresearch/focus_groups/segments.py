"""Segments for analysis: speaker turns, facilitators marked, text pseudonymised.

A segment is one speaker turn (``<session_id>-<turn_no>``, as the loader numbers them).
Facilitator turns stay in the table, so a quote can be read with the question that
prompted it, but they are flagged and never counted as participant talk. A participant
is a speaker *within a session*: ``YP1`` in one session is not ``YP1`` in another.

Text is pseudonymised before anything is counted or shown: the study's known names, the
direct identifiers :class:`cpdresearch.report.Pseudonymiser` finds, and names nobody
listed (:func:`cpdresearch.report.unlisted_names.mask_unlisted_names`).

Examples
--------
>>> import pandas as pd
>>> raw = pd.DataFrame({"segment_id": ["s1-1", "s1-2"], "session_id": ["s1", "s1"],
...                     "turn_no": [1, 2], "speaker": ["FAC", "YP1"],
...                     "text": ["What helps?", "Dana listened to me."], "group": ["young_people"] * 2})
>>> seg = participant_segments(raw, known_names=["Dana Smith"])
>>> seg[["segment_id", "participant", "is_facilitator", "text"]].to_dict("records")[1]
{'segment_id': 's1-2', 'participant': 's1:YP1', 'is_facilitator': False, 'text': '[NAME-1] listened to me.'}
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..report.pseudonymise import Pseudonymiser, pseudonymise_series
from ..report.unlisted_names import mask_unlisted_names

__all__ = ["FACILITATOR_SPEAKERS", "is_facilitator", "participant_segments"]

#: Speaker ids read as the facilitator by default (case-insensitive, optional digits:
#: ``FAC``, ``FAC2``, ``Facilitator``, ``Moderator 1``, ``Interviewer``). A study may name
#: its own in ``study.yml`` under ``focus_groups.facilitators``.
FACILITATOR_SPEAKERS: tuple[str, ...] = ("FAC", "Facilitator", "Moderator", "Interviewer", "Researcher")


def is_facilitator(speakers: pd.Series, *, facilitators: Iterable[str] = FACILITATOR_SPEAKERS) -> pd.Series:
    """Whether each speaker id is a facilitator (name, optionally followed by a number).

    Examples
    --------
    >>> is_facilitator(pd.Series(["FAC", "fac2", "Moderator 1", "YP1", "Facebook"])).tolist()
    [True, True, True, False, False]
    """
    names = "|".join(re.escape(str(f)) for f in facilitators)
    pattern = rf"^\s*(?:{names})[\s_-]*\d*\s*$"
    return speakers.astype(str).str.match(pattern, case=False)


def participant_segments(segments: pd.DataFrame, *, known_names: Iterable[str] = (),
                         pseudonymiser: Pseudonymiser | None = None,
                         facilitators: Iterable[str] = FACILITATOR_SPEAKERS,
                         field_terms: Iterable[str] = ()) -> pd.DataFrame:
    """The study's segments ready to count and quote.

    Parameters
    ----------
    segments : pandas.DataFrame
        ``study.segments``: ``segment_id, session_id, turn_no, speaker, text, group``
        (and ``date, site`` when present).
    known_names : iterable of str
        ``study.known_names``, when no ``pseudonymiser`` is given.
    pseudonymiser : Pseudonymiser, optional
        The run's pseudonymiser (same placeholders across the report).
    facilitators : iterable of str
        Speaker ids of facilitators (see :data:`FACILITATOR_SPEAKERS`).
    field_terms : iterable of str
        The study's own names of teams, roles, stages, sites and codes, never masked as
        names (:func:`cpdresearch.report.unlisted_names.mask_unlisted_names`).

    Returns
    -------
    pandas.DataFrame
        The input columns with ``text`` pseudonymised, plus ``is_facilitator`` (bool),
        ``participant`` (``<session_id>:<speaker>``; missing for facilitators) and
        ``words`` (word count of the pseudonymised text). ``group`` is a categorical of
        the groups that have segments, in the study's order.
    """
    out = segments.copy()
    if pseudonymiser is None:
        pseudonymiser = Pseudonymiser(known_names)
    elif list(known_names):
        raise ValueError("give known_names to the Pseudonymiser, not with one")
    out["text"] = mask_unlisted_names(pseudonymise_series(out["text"].astype(str), pseudonymiser=pseudonymiser),
                                      field_terms=field_terms)
    out["is_facilitator"] = is_facilitator(out["speaker"], facilitators=facilitators).to_numpy()
    participant = out["session_id"].astype(str) + ":" + out["speaker"].astype(str)
    out["participant"] = participant.where(~out["is_facilitator"])
    # str.split() counts what \S+ counts, without a regular expression per turn
    out["words"] = np.array([len(t.split()) for t in out["text"]], dtype="int64")
    group = out["group"]
    levels = list(group.cat.categories) if isinstance(group.dtype, pd.CategoricalDtype) else list(pd.unique(group))
    present = [g for g in levels if g in set(group.astype(object))]
    out["group"] = pd.Categorical(group.astype(object), categories=present)
    return out.reset_index(drop=True)
