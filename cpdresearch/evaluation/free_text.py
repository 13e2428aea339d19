"""What delegates wrote on the form: pseudonymised answers and their frequent terms.

Examples
--------
>>> import pandas as pd
>>> forms = pd.DataFrame({"gain_most": ["Ask Jo Bloggs", None, "Writing chronologies", "Mr Patel's examples"]})
>>> form_answers(forms, known_names=["Jo Bloggs"])["answer"].tolist()
['Ask [NAME-1]', 'Writing chronologies', '[NAME] examples']
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..io.evaluation import FREE_TEXT
from ..report import Pseudonymiser, pseudonymise_series
from ..report.unlisted_names import mask_unlisted_names
from ..text import term_frequencies

__all__ = ["FORM_QUESTIONS", "form_answers", "answer_terms"]

#: The form's free-text questions, in the words a report uses.
FORM_QUESTIONS = {
    "gain_most": "What did you gain most from the course?",
    "use_in_practice": "How will you use it in practice?",
    "know_improved": "How has your knowledge improved?",
    "people_know": "Who will you share it with?",
    "comments": "Any other comments",
}

#: Words of the placeholders pseudonymisation writes; never a "frequent term".
PLACEHOLDER_WORDS = ("name", "person", "phone", "email", "address", "redacted", "postcode", "date")


def form_answers(forms: pd.DataFrame, *, columns: Iterable[str] = FREE_TEXT, known_names: Iterable[str] = (),
                 pseudonymiser: Pseudonymiser | None = None, field_terms: Iterable[str] = ()) -> pd.DataFrame:
    """Non-blank free-text answers, names, phones and emails replaced; no ids or attributes.

    Returns
    -------
    pandas.DataFrame
        ``question, answer``, in the form's order of questions.
    """
    pseudonymiser = pseudonymiser or Pseudonymiser(list(known_names))
    frames = []
    for column in [c for c in columns if c in forms.columns]:
        text = forms[column].astype("string").str.strip()
        text = text[text.notna() & (text != "")]
        # names nobody listed too (a child's, a colleague's): masked as [NAME]
        answers = mask_unlisted_names(pseudonymise_series(text, pseudonymiser=pseudonymiser),
                                      field_terms=field_terms)
        frames.append(pd.DataFrame({"question": column, "answer": answers.to_numpy(dtype=object)}))
    if not frames:
        return pd.DataFrame(columns=["question", "answer"])
    return pd.concat(frames, ignore_index=True)


def answer_terms(answers: pd.DataFrame, *, top: int = 15) -> pd.DataFrame:
    """Most frequent terms per question (:func:`cpdresearch.text.term_frequencies`).

    Returns
    -------
    pandas.DataFrame
        ``question, term, count, documents``.
    """
    frames = []
    for question, group in answers.groupby("question", sort=False):
        terms = term_frequencies(group["answer"], top=top, extra_stopwords=PLACEHOLDER_WORDS)
        terms.insert(0, "question", question)
        frames.append(terms)
    if not frames:
        return pd.DataFrame(columns=["question", "term", "count", "documents"])
    return pd.concat(frames, ignore_index=True)
