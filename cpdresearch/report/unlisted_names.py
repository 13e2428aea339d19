"""Masking names nobody listed: a cautious second pass after :class:`Pseudonymiser`.

Transcripts name children, siblings and workers that no roster declared. Without a name
lexicon (none ships offline with the project's dependencies) this pass masks what is
*probably* a name, and errs towards masking, because a false mask costs a word and a
missed name costs someone's privacy:

- a title and a capitalised word: ``Mr Patel``, ``Ms O'Neill``, ``Dr. Adeyemi``;
- a capitalised word inside a sentence whose lower-case form the collection never uses
  (``... then Kwame told me`` is masked; ``... the Trust board`` is kept when ``trust``
  occurs in lower case somewhere), except function words (``cpdresearch.text.STOPWORDS``),
  weekdays, months and the pronoun ``I``;
- two capitalised words in a row at the start of a sentence that the collection never
  uses in lower case (``Siobhan Kelly rang``).

Masked words become ``[NAME]`` (numbered placeholders are for names the study listed).
Words in capitals (acronyms such as a team's initials) and existing placeholders are
left alone. A one-word name at the start of a sentence is not caught: quotes still need
a human read before a report leaves the council.

Examples
--------
>>> import pandas as pd
>>> texts = pd.Series(["Then Kwame told me that Siobhan from school had called, and Mr Patel agreed.",
...                    "Trust matters. We need trust and a plan on Monday."])
>>> mask_unlisted_names(texts).tolist()[0]
'Then [NAME] told me that [NAME] from school had called, and [NAME] agreed.'
>>> mask_unlisted_names(texts).tolist()[1]
'Trust matters. We need trust and a plan on Monday.'
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

__all__ = ["NAME_MASK", "mask_unlisted_names"]

#: What a probable, unlisted name becomes.
NAME_MASK = "[NAME]"

_TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Cllr|Nan|Nanna|Auntie|Aunty|Uncle)\.?\s+"
                    r"[A-Z][A-Za-z'\u2019\-]+")
_WORD = re.compile(r"(?<![\w\[\-'\u2019])([A-Z][a-z][A-Za-z'\u2019\-]*)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"\u201c]\s*|\n\s*)$")
_ALWAYS_CAPITALISED = frozenset(
    "i i'm i've i'd i'll monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december christmas easter".split())


def _vocabulary(texts: pd.Series) -> frozenset[str]:
    """Words the collection uses in lower case (so they are ordinary words there)."""
    words = texts.dropna().astype(str).str.findall(r"(?<![A-Za-z])[a-z][a-z'\u2019\-]*").explode().dropna()
    return frozenset(words.unique())


def mask_unlisted_names(texts: pd.Series, *, vocabulary: Iterable[str] | None = None) -> pd.Series:
    """Mask probable names that no list declared, in a column of texts.

    Parameters
    ----------
    texts : pandas.Series
        Already pseudonymised texts (placeholders such as ``[NAME-1]`` are kept).
    vocabulary : iterable of str, optional
        Lower-case words known to be ordinary; by default every word the collection
        itself uses in lower case.

    Returns
    -------
    pandas.Series
        Same index; missing values stay missing.
    """
    from ..text import STOPWORDS  # function words are never names ("Then", "When")

    vocab = frozenset(w.lower() for w in vocabulary) if vocabulary is not None else _vocabulary(texts)
    vocab = vocab | STOPWORDS

    def ordinary(word: str) -> bool:
        key = word.lower().replace("\u2019", "'")
        base = re.sub(r"'s$", "", key)
        return key in vocab or base in vocab or key in _ALWAYS_CAPITALISED

    def mask(text):
        if not isinstance(text, str):
            return text
        text = _TITLE.sub(NAME_MASK, text)
        words = list(_WORD.finditer(text))
        spans = []
        for k, m in enumerate(words):
            word = m[1]
            if ordinary(word):
                continue
            at_start = bool(_SENTENCE_START.search(text[:m.start()]))
            if not at_start:
                spans.append(m.span(1))
                continue
            following = words[k + 1] if k + 1 < len(words) else None
            if (following is not None and text[m.end():following.start()].strip() == ""
                    and not ordinary(following[1])):
                spans.append(m.span(1))  # "Siobhan Kelly rang": a full name opens the sentence
        for start, end in reversed(spans):
            text = text[:start] + NAME_MASK + text[end:]
        return text

    return texts.apply(mask)
