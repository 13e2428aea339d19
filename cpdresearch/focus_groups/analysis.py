"""The whole focus-group analysis of one cohort, as notebook 02 publishes it.

:func:`analyse_focus_groups` computes every table from a (cohort-filtered) study;
:func:`cpdresearch.focus_groups.published_tables` applies disclosure control.

Examples
--------
>>> group_label("young_people"), group_label("kinship_carers")
('Young people', 'Kinship carers')
"""
from __future__ import annotations

import copy
import hashlib
import json

from dataclasses import dataclass, field

import pandas as pd

from .. import frameworks
from .agreement import coder_agreement, rule_agreement
from .coding import code_segments
from .cooccurrence import code_cooccurrence
from .frequencies import code_frequencies, code_group_association, group_sizes
from .keywords import group_keyness
from .quotes import exemplar_quotes
from .segments import FACILITATOR_SPEAKERS, participant_segments
from .themes import themes_by_pcf
from .tone import group_collocations, tone_by_code

__all__ = ["FocusGroupResults", "analyse_focus_groups", "group_label"]


def group_label(group: str, labels: dict | None = None) -> str:
    """How a report names a participant group: the study's label, the framework's, or the id in words."""
    labels = {**frameworks.PARTICIPANT_GROUP_LABELS, **(labels or {})}
    text = str(group)
    return labels.get(text, text.replace("_", " ").strip().capitalize())


@dataclass
class FocusGroupResults:
    """Every table of the focus-group analysis of one cohort (unsuppressed; never published).

    Tables that could not be computed are empty DataFrames, never ``None``.
    """

    n_sessions: int = 0
    n_participants: int = 0
    n_segments: int = 0
    groups: list = field(default_factory=list)
    group_labels: dict = field(default_factory=dict)
    codes: dict = field(default_factory=dict)
    codebook: object | None = None
    segments: pd.DataFrame = field(default_factory=pd.DataFrame)
    coded: pd.DataFrame = field(default_factory=pd.DataFrame)
    sizes: pd.DataFrame = field(default_factory=pd.DataFrame)
    frequencies: pd.DataFrame = field(default_factory=pd.DataFrame)
    association: pd.DataFrame = field(default_factory=pd.DataFrame)
    cooccurrence: pd.DataFrame = field(default_factory=pd.DataFrame)
    themes: pd.DataFrame = field(default_factory=pd.DataFrame)
    quotes: pd.DataFrame = field(default_factory=pd.DataFrame)
    keyness: pd.DataFrame = field(default_factory=pd.DataFrame)
    agreement: pd.DataFrame = field(default_factory=pd.DataFrame)
    rule_agreement: pd.DataFrame = field(default_factory=pd.DataFrame)
    tone: pd.DataFrame = field(default_factory=pd.DataFrame)
    collocations: pd.DataFrame = field(default_factory=pd.DataFrame)
    notes: list = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        return self.n_participants > 0


def analyse_focus_groups(study, *, facilitators=None, padjust: str = "holm", n_resamples: int = 9999,
                         random_state: int = 0, quotes_per_group: int = 1) -> FocusGroupResults:
    """Code the cohort's transcripts and compute every focus-group table.

    Parameters
    ----------
    study : cpdresearch.study.Study
        Already filtered to the cohort.
    facilitators : iterable of str, optional
        Facilitator speaker ids; default ``study.yml`` ``focus_groups.facilitators``, else
        :data:`cpdresearch.focus_groups.FACILITATOR_SPEAKERS`.
    padjust, n_resamples, random_state
        For :func:`cpdresearch.focus_groups.code_group_association`.
    quotes_per_group : int, default 1
        Quotes per code and group (:func:`cpdresearch.focus_groups.exemplar_quotes`).

    Returns
    -------
    FocusGroupResults
        ``has_data`` is False when the study has no transcripts (or no codebook) for
        the cohort; ``notes`` says why.
    """
    key = _cache_key(study, facilitators, padjust, n_resamples, random_state, quotes_per_group)
    if key is not None and key in _CACHE:
        results = copy.deepcopy(_CACHE[key])
    else:
        results = _analyse(study, facilitators=facilitators, padjust=padjust, n_resamples=n_resamples,
                           random_state=random_state, quotes_per_group=quotes_per_group)
        if key is not None:
            _CACHE.clear()  # the cohorts of one run share one study
            _CACHE[key] = copy.deepcopy(results)
    if results.has_data and study.filter and study.sessions is not None \
            and not set(study.filter) & set(study.sessions.columns):
        results.notes.append("The focus-group sessions are not recorded by "
                             + " or ".join(str(k).replace("_", " ") for k in study.filter)
                             + ", so this report covers every session in the study, not only this cohort.")
    return results


#: The last analysis, by what it read: cohorts whose filter leaves the transcripts whole
#: (sessions carry no team) share it, and the runner computes it once per run.
_CACHE: dict = {}


def _cache_key(study, *args):
    """A digest of everything :func:`_analyse` reads, or None when there is nothing to read."""
    if study.segments is None or study.segments.empty:
        return None
    digest = hashlib.sha256()
    for data in (study.segments, study.sessions, study.codings):
        if data is not None:
            digest.update(json.dumps([str(c) for c in data.columns]).encode())
            digest.update(pd.util.hash_pandas_object(data.astype(object), index=False).to_numpy().tobytes())
    codes = [(c.id, c.label, repr(c)) for c in getattr(study.codebook, "codes", [])] if study.codebook else []
    digest.update(json.dumps([codes, list(study.known_names), study.field_terms(),
                              study.settings.get("focus_groups") or {}, repr(args)], default=str).encode())
    return digest.hexdigest()


def _analyse(study, *, facilitators, padjust, n_resamples, random_state, quotes_per_group) -> FocusGroupResults:
    settings = study.settings.get("focus_groups") or {}
    results = FocusGroupResults()
    if study.segments is None or study.segments.empty:
        results.notes.append("The study has no focus-group transcripts for this cohort.")
        return results
    if study.codebook is None or not len(study.codebook):
        results.notes.append("The study has no focus-group codebook, so the transcripts cannot be coded.")
        return results
    facilitators = facilitators or settings.get("facilitators") or FACILITATOR_SPEAKERS
    segments = participant_segments(study.segments, known_names=study.known_names, facilitators=facilitators,
                                    field_terms=study.field_terms())
    talk = segments[~segments["is_facilitator"]]
    results.segments = segments
    results.n_sessions = int(talk["session_id"].nunique())
    results.n_participants = int(talk["participant"].nunique())
    results.n_segments = int(len(talk))
    if results.n_participants == 0:
        results.notes.append("No participant spoke in the transcripts (only facilitator turns were found).")
        return results
    results.groups = [str(g) for g in segments["group"].cat.categories]
    results.group_labels = {g: group_label(g, settings.get("group_labels")) for g in results.groups}
    results.codebook = study.codebook
    results.codes = {code.id: code.label for code in study.codebook.codes}
    results.coded = code_segments(segments, codebook=study.codebook)
    results.sizes = group_sizes(segments)
    results.frequencies = code_frequencies(results.coded, segments, codebook=study.codebook)
    if len(results.groups) >= 2:
        results.association = code_group_association(results.frequencies, padjust=padjust,
                                                     n_resamples=n_resamples, random_state=random_state)
        results.keyness = group_keyness(segments)
    else:
        results.notes.append("Only one participant group took part, so groups are not compared.")
    results.cooccurrence = code_cooccurrence(results.coded, codes=results.codes)
    results.themes = themes_by_pcf(results.frequencies, codebook=study.codebook)
    results.quotes = exemplar_quotes(results.coded, segments, codes=results.codes, per_group=quotes_per_group)
    results.tone = tone_by_code(results.coded, segments, codes=results.codes)
    results.collocations = group_collocations(segments)
    if study.codings is not None and not study.codings.empty:
        results.agreement = coder_agreement(study.codings, segments, codes=results.codes)
        results.rule_agreement = rule_agreement(study.codings, results.coded, segments, codes=results.codes)
    return results
