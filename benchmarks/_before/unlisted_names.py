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
- two or more capitalised words in a row that the collection never uses in lower case
  (``Siobhan Kelly rang``), while a run with an ordinary word in it is a named thing and
  kept (``Family Group Conference``, ``Early Help``, ``Signs of Safety``);
- a word opening a sentence that the collection never uses in lower case, when a verb of
  speech or action follows (``Kwame told me``), and a first name that is also a word
  (``Will``, ``May``, ``Hope``, ``Grace``) where the words around it say person (``told
  Hope``, ``Will said``).

Masked words become ``[NAME]`` (numbered placeholders are for names the study listed).
Words in capitals (acronyms such as a team's initials) and existing placeholders are
left alone. Brand names and other single capitalised words the collection never uses
in lower case are masked too (a doubtful word is masked); a full name whose surname is
also an ordinary word (``Grace Brown``) is taken for a named thing and missed. Quotes
still need a human read before a report leaves the council.

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


def _vocabulary(texts: pd.Series, field_terms: Iterable[str] = ()) -> frozenset[str]:
    """Words the collection uses in lower case (so they are ordinary words there), and the
    words of the national frameworks' labels (PCF, KSS, career stages, activities) and of
    the study's own terms (its teams, roles, career stages, codes), which name things of
    the field, not people."""
    from cpdresearch import frameworks

    words = texts.dropna().astype(str).str.findall(r"(?<![A-Za-z])[a-z][a-z'\u2019\-]*").explode().dropna()
    labels = [*frameworks.PCF_DOMAINS.values(), *frameworks.KSS_STATEMENTS.values(), *frameworks.CAREER_STAGES,
              *(a.label for a in frameworks.ACTIVITIES.values()), *map(str, field_terms)]
    field = {w.lower() for label in labels for w in re.findall(r"[A-Za-z][a-z]+", label)}
    return frozenset(words.unique()) | frozenset(field)


def _function_word(word: str) -> bool:
    from cpdresearch.text import STOPWORDS

    key = word.lower().replace("\u2019", "'")
    return key in _NOT_NAMES or (key in STOPWORDS and key not in _NAME_WORDS)


def _neighbour(text: str, *, before: bool) -> str:
    """The word right before (or after) a position, lower case ("" if none or punctuation between)."""
    m = (re.search(r"([A-Za-z'\u2019]+)[ \t]+$", text) if before else re.match(r"^[ \t]+([A-Za-z'\u2019]+)", text))
    return m[1].lower() if m else ""


def mask_unlisted_names(texts: pd.Series, *, vocabulary: Iterable[str] | None = None,
                        field_terms: Iterable[str] = ()) -> pd.Series:
    """Mask probable names that no list declared, in a column of texts.

    Parameters
    ----------
    texts : pandas.Series
        Already pseudonymised texts (placeholders such as ``[NAME-1]`` are kept).
    vocabulary : iterable of str, optional
        Lower-case words known to be ordinary; by default every word the collection
        itself uses in lower case.
    field_terms : iterable of str
        The study's own names of things (teams, roles, career stages, codes): their
        words are never taken for a person's name.

    Returns
    -------
    pandas.Series
        Same index; missing values stay missing.
    """
    from cpdresearch.text import STOPWORDS  # function words are never names on their own ("Then", "When")

    vocab = frozenset(w.lower() for w in vocabulary) if vocabulary is not None else _vocabulary(texts, field_terms)

    def ordinary(word: str) -> bool:
        key = re.sub(r"'s$", "", word.lower().replace("\u2019", "'"))
        return key in vocab or key in STOPWORDS or key in _ALWAYS_CAPITALISED or key in _NOT_NAMES

    def mask(text):
        if not isinstance(text, str):
            return text
        if all(ordinary(w) and w.lower() not in _NAME_WORDS for w in _WORD.findall(text)) \
                and not _TITLE.search(text) and not _CUE_CAPITAL.search(text):
            return text  # every capitalised word ordinary, none after "told"/"with"...: most turns
        text = _TITLE.sub(NAME_MASK, text)
        words = list(_WORD.finditer(text))
        # runs of capitalised words ("Youth Offending Team", "Signs of Safety", "Priyanka Shah")
        runs, run = [], []
        for k, m in enumerate(words):
            if _function_word(m[1]):
                if run:
                    runs.append(run)
                run = []
                runs.append([k])  # "Then", "The", "Our" never join a run
                continue
            joined = run and re.fullmatch(r"[ \t]+(?:of[ \t]+)?", text[words[run[-1]].end():m.start()])
            if run and not joined:
                runs.append(run)
                run = []
            run.append(k)
        if run:
            runs.append(run)
        run_of = {k: r for r in runs for k in r}
        spans = []
        for k, m in enumerate(words):
            word, key = m[1], m[1].lower().replace("\u2019", "'")
            before, after = text[:m.start()], text[m.end():]
            prev, nxt = _neighbour(before, before=True), _neighbour(after, before=False)
            at_start = bool(_SENTENCE_START.search(text[:words[run_of[k][0]].start()]))
            phrase = [words[j][1] for j in run_of[k]]
            if len(phrase) > 1 and any(ordinary(w) and w.lower() not in _NAME_WORDS for w in phrase):
                continue  # a named thing: "Family Group Conference", "Early Help", "Signs of Safety"
            cue = (prev in _PERSON_BEFORE or nxt in _PERSON_AFTER) and prev not in _DETERMINERS
            if key in _NOT_NAMES or (key in STOPWORDS and key not in _NAME_WORDS):
                continue
            if at_start and run_of[k][0] == k and len(phrase) == 1:
                if nxt in _SPEECH_AFTER and (not ordinary(word) or key in _NAME_WORDS):
                    spans.append(m.span(1))
            elif not ordinary(word) or (cue and len(phrase) == 1):
                spans.append(m.span(1))
        for start, end in reversed(spans):
            text = text[:start] + NAME_MASK + text[end:]
        return text

    return texts.apply(mask)


#: Words right before a name ("told Hope", "with Grace", "my sister Jade").
_PERSON_BEFORE = frozenset("""told tell tells asked ask asks called named with and to from sister brother son daughter
mum dad mam nan nana grandad grandma granny worker manager carer friend cousin auntie aunty uncle baby saw met see
meet call ring rang text texted thanks thank hi dear by for like about me him her us""".split())
#: Words right after a name ("Will said", "Hope rang").
_PERSON_AFTER = frozenset("""said says told tells asked asks rang rings called calls texted shouted cried is was has
had came comes went goes lives lived wants wanted thinks thought knows knew gets got does did would will can could
and""".split())
#: Verbs of speech and action that mark a sentence-opening word as a name ("Kwame told");
#: not "is" or "has", which follow any subject ("Turnover is the thing").
_SPEECH_AFTER = frozenset("""said says told tells asked asks rang rings called calls texted shouted cried came comes
went goes lives lived wants wanted thinks thought knows knew and""".split())
#: A capitalised word after these is a thing or an organisation, not a person ("the Trust is").
_DETERMINERS = frozenset("the a an our their this that these those its every each any".split())
#: Function words that are also first names: masked when the context says person ("Will said").
_NAME_WORDS = frozenset("will may june april august rose hope grace joy faith amber ruby jack mark bill frank".split())
#: Capitalised words that are never a name on their own.
_NOT_NAMES = frozenset("""nobody somebody someone everyone everybody anyone anybody mum dad mam mom nan nana grandad
grandma granny sir miss okay ok yeah yes no hello hi thanks sorry please""".split())

#: A capitalised word right after a word that says person ("told Summer"): look closer.
_CUE_CAPITAL = re.compile(r"\b(?:" + "|".join(sorted(_PERSON_BEFORE | {w.capitalize() for w in _PERSON_BEFORE}))
                          + r")[ \t]+[A-Z]")
