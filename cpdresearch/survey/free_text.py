"""Free-text survey answers: pseudonymised for publication, most frequent terms.

Examples
--------
>>> data = pd.DataFrame({"comments": ["More mentoring please", None, "  ", "Mentoring and coaching"]})
>>> free_text_answers(data, columns=["comments"])["answer"].tolist()
['More mentoring please', 'Mentoring and coaching']
"""
from __future__ import annotations

import pandas as pd
from collections.abc import Iterable

from ..report import pseudonymise_series, Pseudonymiser
from ..report.unlisted_names import mask_unlisted_names
from ..text import term_frequencies
from ._common import check_columns

__all__ = ["free_text_answers", "answer_terms"]


def free_text_answers(data: pd.DataFrame, *, columns: Iterable[str], known_names: Iterable[str] = (),
                      pseudonymiser=None, field_terms: Iterable[str] = ()) -> pd.DataFrame:
    """Non-empty free-text answers with known names replaced, ready to publish.

    Respondent ids and attributes are dropped, so an answer cannot be linked to the rest
    of a respondent's survey.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent.
    columns : iterable of str
        Free-text columns (``instrument.free_text``); columns absent from ``data`` are
        an error.
    known_names : iterable of str
        Real names to replace (``study.known_names``), used when no ``pseudonymiser``
        is given.
    pseudonymiser : cpdresearch.report.Pseudonymiser, optional
        Share one across a report so the same name gets the same placeholder everywhere.

    Returns
    -------
    pandas.DataFrame
        ``question, answer``, one row per non-blank answer, in the survey's order.

    Examples
    --------
    >>> data = pd.DataFrame({"comments": ["Ask Jo Bloggs about it", "Fine", "Mr Patel never listened"]})
    >>> out = free_text_answers(data, columns=["comments"], known_names=["Jo Bloggs"])
    >>> out["answer"].tolist()
    ['Ask [NAME-1] about it', 'Fine', '[NAME] never listened']
    """

    columns = list(columns)
    check_columns(data, columns, "free-text")
    if pseudonymiser is None:
        pseudonymiser = Pseudonymiser(list(known_names))
    frames = []
    for column in columns:
        text = data[column].astype("string").str.strip()
        text = text[text.notna() & (text != "")]
        # names nobody listed too (a child's, a colleague's): masked as [NAME]
        answers = mask_unlisted_names(pseudonymise_series(text, pseudonymiser=pseudonymiser),
                                      field_terms=field_terms)
        frames.append(pd.DataFrame({"question": column, "answer": answers.to_numpy()}))
    if not frames:
        return pd.DataFrame(columns=["question", "answer"])
    return pd.concat(frames, ignore_index=True)


def answer_terms(answers: pd.DataFrame, *, top: int = 20, extra_stopwords: Iterable[str] = ()) -> pd.DataFrame:
    """Most frequent terms across free-text answers, stopwords removed.

    Parameters
    ----------
    answers : pandas.DataFrame
        ``question, answer`` as :func:`free_text_answers` returns (pseudonymised first,
        so no name can surface as a frequent term).
    top : int, default 20
        Terms per question.
    extra_stopwords : iterable of str
        Further terms to drop (e.g. the words of the placeholders the pseudonymiser
        writes).

    Returns
    -------
    pandas.DataFrame
        ``question, term, count, documents`` (answers using the term), most frequent
        first within each question (:func:`cpdresearch.text.term_frequencies`).

    Examples
    --------
    >>> answers = pd.DataFrame({"question": "comments", "answer": ["Workload is high", "Workload, workload"]})
    >>> answer_terms(answers, top=2)
       question      term  count  documents
    0  comments  workload      3          2
    1  comments      high      1          1
    """

    frames = []
    for question, group in answers.groupby("question", sort=False):
        terms = term_frequencies(group["answer"], top=top, extra_stopwords=extra_stopwords)
        terms.insert(0, "question", question)
        frames.append(terms)
    if not frames:
        return pd.DataFrame(columns=["question", "term", "count", "documents"])
    return pd.concat(frames, ignore_index=True)
