"""Masking names nobody listed: a cautious second pass after :class:`Pseudonymiser`.

Transcripts name children, siblings and workers that no roster declared. This pass masks
what is *probably* a name and errs towards masking, because a false mask costs a word
and a missed name costs someone's privacy. Each capitalised word is looked up once in
the name and word lexicon (:func:`cpdresearch.report.name_lexicon.name_lexicon`: Faker's
first names and surnames, wordfreq's English word frequencies, LemmInflect's ordinary
words) and falls into one of these classes:

- a **name** (``Kwame``, ``Siobhan``, ``Patel``): masked wherever it stands, sentence
  starts included;
- an **unknown** word, neither a listed name nor an English word written at least once
  per million words (Zipf 3) nor used in lower case in the collection (``Oluwaseun``,
  ``Priyanka``): masked, as a name nobody listed may be;
- a **first name that is also a word** (``Will``, ``Hope``, ``Grace``, ``Rose``, ``Bill``):
  masked inside a sentence unless a determiner comes first (``the Hope project``); at
  a sentence start only when a verb or ``and`` follows (``Hope rang``, ``Grace and``),
  so ``Hope is`` ... is masked too, while ``Will they listen?`` is kept;
- a **surname that is also a word** (``Brown``, ``Baker``, ``Young``, ``Court``): masked
  after a title, in a full name (``Grace Brown``) or where the words around it say
  person (``told Brown``, ``Brown said``);
- an **ordinary word**: any other English word (``Trust``, ``Instagram``, ``Manchester``),
  a function word, weekday or festival, a word of the national frameworks' labels or of
  the study's own terms, a word the collection writes in lower case, a brand spelled
  with an inner capital (``TikTok``, ``WhatsApp``): kept.

A title and a capitalised word are a name (``Mr Patel``, ``Ms O'Neill``, ``Uncle Des``).
Capitalised words in a row are read together: a full name (``Priyanka Shah``, ``Grace
Brown``) is masked whole, while a run holding an ordinary word is a named thing and kept
(``Family Group Conference``, ``Early Help``, ``Signs of Safety``, ``Microsoft Teams``),
except names that end it (``Team Manager Kwame``). Month names that are also names
(``May``, ``June``) are masked only where the words around them say person (``asked May
to``). Words in capitals (acronyms) and existing placeholders are left alone.

Masked words become ``[NAME]`` (numbered placeholders are for names the study listed).
``tests/test_report_unlisted_names.py`` measures the pass on sentences written for it
(figures in docs/focus_groups.md). Place names that are also surnames (``Bradford``)
may be masked, and a name that is a common English word at a sentence start with no verb
after it (``Summer, she's nine``) may be missed: quotes still need a human read before a
report leaves the council.

Examples
--------
>>> import pandas as pd
>>> texts = pd.Series(["Then Kwame told me that Siobhan from school had called, and Mr Patel agreed.",
...                    "Trust matters. We talk on Instagram and at the Family Group Conference.",
...                    "Will they listen? I told Hope and Grace Brown on Monday."])
>>> for text in mask_unlisted_names(texts):
...     print(text)
Then [NAME] told me that [NAME] from school had called, and [NAME] agreed.
Trust matters. We talk on Instagram and at the Family Group Conference.
Will they listen? I told [NAME] and [NAME] [NAME] on Monday.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from .name_lexicon import NameLexicon, fold, name_lexicon

__all__ = ["NAME_MASK", "mask_unlisted_names", "KNOWN_WORD_ZIPF", "NATIONAL_NAMED_THINGS"]

#: What a probable, unlisted name becomes.
NAME_MASK = "[NAME]"
#: A capitalised word that is not a listed name is an ordinary word when English writes it
#: at least this often (Zipf 3: once per million words; ``safeguarding`` 3.2, ``Instagram``
#: 4.3); rarer words are doubtful and masked (``Priyanka`` 2.7, ``Okonkwo`` 1.9).
KNOWN_WORD_ZIPF = 3.0

# word classes
_KEEP, _NAME, _UNKNOWN, _FIRST_WORD, _SURNAME_WORD, _MONTH, _TITLE, _STOP = range(8)
_NAMELIKE = frozenset({_NAME, _UNKNOWN, _FIRST_WORD, _SURNAME_WORD, _MONTH})

_TITLES = ("Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Cllr|Nan|Nana|Nanna|Nanny|Grandma|Grandad|Auntie|Aunty|Aunt|Uncle")
_TITLE = re.compile(rf"\b(?:{_TITLES})\.?[ \t]+[A-Z](?:'[A-Z])?[A-Za-z'\u2019\-]+")
#: A capitalised word: ``Kwame``, ``O'Neill``, ``McDonald's``, ``TikTok``, ``Lily-Mae``.
#: (The capital comes first and the look-behind after it, so the scan skips to capitals.)
_WORD = re.compile(r"[A-Z](?<![\w\[\-'\u2019][A-Z])(?:'[A-Z])?[a-z][A-Za-z'\u2019\-]*")
_BEFORE_WORD = re.compile(r"[\w\[\-'\u2019]")  # what may not stand right before a capitalised word
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"\u201c(\u2026]|\n)[ \t]*$")
_JOIN = re.compile(r"[ \t]+(?:(?:of|in|for|the|of the|for the|in the)[ \t]+)?")
_ENGLISH_ENDING = re.compile(r"(?:ers|ings?|ness|ments?|tions?|isms?|ists?|ships?|hoods?|ful|less)$")
_BRAND = re.compile(r"[a-z][A-Z]")  # TikTok, WhatsApp, YouTube
_NAME_PREFIX = re.compile(r"(?:Mc|Mac|O'|D'|De|Di|Da|La|Le|Van|Von|Fitz)[A-Z]")
_ALWAYS_CAPITALISED = frozenset(
    "i i'm i've i'd i'll monday tuesday wednesday thursday friday saturday sunday january february march "
    "july september october november december christmas easter eid diwali ramadan hanukkah".split())
_MONTH_NAMES = frozenset("may june april august".split())
#: Function words that are also first names ("Will said").
_STOPWORD_NAMES = frozenset({"will"})
#: National bodies, services and programmes of children's social care in England that
#: English word lists rate rare (below Zipf 3) and a transcript often writes: kept.
NATIONAL_NAMED_THINGS = frozenset("""ofsted cafcass barnardo childline nspcc coram kooth mockingbird kidscape
samaritans papyrus youngminds stonewall gingerbread homestart""".split())
#: Capitalised words that are never a name on their own.
_NOT_NAMES = frozenset("""nobody somebody someone everyone everybody anyone anybody mum dad mam mom nan nana grandad
grandma granny sir miss okay ok yeah yes no hello hi thanks sorry please dear""".split())
#: A capitalised word after these is a thing or an organisation, not a person ("the Hope project").
_DETERMINERS = frozenset("the a an our their this that these those its every each any no some another".split())
#: Words before a name that say person ("told Hope", "with Grace", "my sister Jade").
_PERSON_BEFORE = frozenset("""told tell tells asked ask asks called named with and to from sister brother son daughter
mum dad mam nan nana grandad grandma granny worker manager carer friend cousin auntie aunty uncle baby saw met see
meet call ring rang text texted thanks thank hi dear by for like about me him her us""".split())
#: Narrower, for surnames that are words ("told Brown", but not "went to Court").
_SURNAME_BEFORE = frozenset("told asked called named rang texted met saw thanks thank hi dear".split())
#: Words after a name that say person ("Will said", "Hope rang", "Grace and ...").
_PERSON_AFTER = frozenset("""said says told tells asked asks rang rings called calls texted shouted cried is was has
had came comes went goes lives lived wants wanted thinks thought knows knew gets got does did would will can could
keeps kept helped helps stayed stays stopped started moved moves left leaves works worked plays played loves loved
hates hated likes liked needs needed sent sends took takes wrote writes spoke speaks arrived drove drives used
never always still only and from""".split())
#: Verbs of speech after a surname that is a word ("Brown said").
_SURNAME_AFTER = frozenset("said says told tells asked asks rang rings called calls texted shouted".split())


def _neighbour(text: str, start: int, end: int) -> tuple[str, str]:
    """The words right before and after a span, lower case ("" if none or punctuation between)."""
    before = re.search(r"([A-Za-z'\u2019]+)[ \t]+$", text[max(0, start - 40):start])
    after = re.match(r"[ \t]+([A-Za-z'\u2019]+)", text[end:end + 40])
    return (before[1].lower() if before else ""), (after[1].lower() if after else "")


def _field_words(field_terms: Iterable[str]) -> set[str]:
    """Words of the national frameworks' labels and of the study's own terms."""
    from .. import frameworks

    labels = [*frameworks.PCF_DOMAINS.values(), *frameworks.KSS_STATEMENTS.values(), *frameworks.CAREER_STAGES,
              *(a.label for a in frameworks.ACTIVITIES.values()), *map(str, field_terms)]
    return {fold(w) for label in labels for w in re.findall(r"[A-Za-z][a-z]+", label)}


class _Classifier:
    """Classes of capitalised words, each distinct word looked up once."""

    def __init__(self, lexicon: NameLexicon, ordinary: set[str]):
        from ..text import STOPWORDS

        self.lex, self.ordinary, self.stop = lexicon, ordinary, STOPWORDS
        self.cache: dict[str, int] = {}

    def __call__(self, word: str) -> int:
        cls = self.cache.get(word)
        if cls is None:
            cls = self.cache[word] = self._classify(word)
        return cls

    def _classify(self, word: str) -> int:
        key = fold(word)
        base = key[:-2] if key.endswith("'s") else key.rstrip("'")
        if base in ("mr", "mrs", "ms", "mx", "dr", "prof", "cllr", "uncle", "auntie", "aunty", "aunt"):
            return _TITLE
        if base in _MONTH_NAMES:
            return _MONTH
        if base in _NOT_NAMES or base in self.stop and base not in _STOPWORD_NAMES:
            return _STOP  # never a name, never part of one: "Then", "The", "Our", "Thanks"
        if base in _ALWAYS_CAPITALISED or base in NATIONAL_NAMED_THINGS:
            return _KEEP
        if "-" in base:
            parts = [self(p[:1].upper() + p[1:]) for p in word.split("-") if p]
            if any(p in (_KEEP, _STOP) for p in parts):
                return _KEEP  # "Rose-tinted", "Multi-Agency", "Relationship-based"
            return _NAME if _NAME in parts else max(parts, default=_UNKNOWN)
        if _BRAND.search(word) and not _NAME_PREFIX.match(word):
            return _KEEP
        lex = self.lex
        first, last = base in lex.first_names, base in lex.surnames
        if first or last:
            if key != base and lex.zipf(key) >= max(KNOWN_WORD_ZIPF, lex.zipf(base)):
                return _KEEP  # a brand in the possessive: "McDonald's", "Barnardo's"
            if base in lex.also_words or base in self.ordinary:
                return _FIRST_WORD if first else _SURNAME_WORD
            return _NAME
        if base in self.ordinary or lex.zipf(base) >= KNOWN_WORD_ZIPF:
            return _KEEP
        if base.endswith("s") and lex.zipf(base[:-1]) >= KNOWN_WORD_ZIPF and base[:-1] not in lex.first_names:
            return _KEEP  # a plural of a word
        if _ENGLISH_ENDING.search(base) and lex.zipf(base) >= 2.0:
            return _KEEP  # an English derived word, rarer: "Leavers", "Fostering"
        return _UNKNOWN


def _collection_words(blob: str, keys: set[str]) -> set[str]:
    """Which of ``keys`` the collection (all texts in one string) writes in lower case somewhere."""
    if not keys:
        return set()
    pattern = re.compile(r"(?<![A-Za-z])(?:" + "|".join(map(re.escape, sorted(keys, key=len, reverse=True)))
                         + r")(?![A-Za-z])")
    return set(pattern.findall(blob))


def _mask_text(text: str, words: list[re.Match], classes: list[int]) -> str:
    spans: list[tuple[int, int]] = []
    # runs of capitalised words: "Youth Offending Team", "Signs of Safety", "Priyanka Shah"
    runs: list[list[int]] = []
    for k, m in enumerate(words):
        if runs and classes[k] not in (_TITLE, _STOP) and classes[runs[-1][-1]] not in (_TITLE, _STOP):
            gap = text[words[runs[-1][-1]].end():m.start()]
            if _JOIN.fullmatch(gap):
                runs[-1].append(k)
                continue
        runs.append([k])
    for run in runs:
        starts_sentence = bool(_SENTENCE_START.search(text[:words[run[0]].start()]))
        if len(run) > 1 and starts_sentence and classes[run[0]] == _KEEP:
            runs_to_do = [[run[0]], run[1:]]  # "Honestly Niamh": the opening word is not part of a name
        else:
            runs_to_do = [run]
        for r in runs_to_do:
            spans += _mask_run(text, words, classes, r, starts_sentence and r[0] == run[0])
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + NAME_MASK + text[end:]
    return text


def _is_full_name(cls: list[int]) -> bool:
    return len(cls) > 1 and all(c in _NAMELIKE for c in cls) and cls[0] != _SURNAME_WORD


def _mask_run(text, words, classes, run, at_start) -> list[tuple[int, int]]:
    cls = [classes[k] for k in run]
    spaced = [bool(re.fullmatch(r"[ \t]+", text[words[a].end():words[b].start()])) for a, b in zip(run, run[1:])]
    if len(run) > 1:
        if all(spaced) and _is_full_name(cls):
            return [words[k].span() for k in run]  # a full name: "Grace Brown", "Priyanka Shah"
        if any(c == _KEEP for c in cls):
            # a named thing ("Signs of Safety", "Bradford Council"), but a full name inside
            # it, or a name not followed straight by a word of the thing, is still a name
            # ("Team Manager Kwame", "Grace Brown in Leeds")
            out, part = [], [0]
            for i in range(1, len(run) + 1):
                if i < len(run) and spaced[i - 1]:
                    part.append(i)
                    continue
                if len(part) > 1 and _is_full_name([cls[j] for j in part]):
                    out += [words[run[j]].span() for j in part]
                else:
                    out += [words[run[j]].span() for j in part
                            if cls[j] in (_NAME, _UNKNOWN) and (j == part[-1] or cls[j + 1] not in (_KEEP, _SURNAME_WORD))]
                part = [i]
            return out
    out = []
    for position, (k, c) in enumerate(zip(run, cls)):
        if c in (_KEEP, _TITLE, _STOP):
            continue
        m = words[k]
        if c in (_NAME, _UNKNOWN):
            out.append(m.span())
            continue
        before, after = _neighbour(text, *m.span())
        first_of_sentence = at_start and position == 0
        if c == _FIRST_WORD:
            if first_of_sentence:
                hit = after in _PERSON_AFTER
            else:
                hit = before not in _DETERMINERS
        elif c == _MONTH:
            hit = (before in _PERSON_BEFORE - {"to", "for", "by", "from", "about", "like"}
                   or after in _PERSON_AFTER - {"and", "will", "would", "can", "could", "is", "was", "has", "had"})
        else:  # _SURNAME_WORD
            hit = before in _SURNAME_BEFORE or after in _SURNAME_AFTER
        if hit:
            out.append(m.span())
    return out


def mask_unlisted_names(texts: pd.Series, *, vocabulary: Iterable[str] | None = None,
                        field_terms: Iterable[str] = (), lexicon: NameLexicon | None = None) -> pd.Series:
    """Mask probable names that no list declared, in a column of texts.

    Parameters
    ----------
    texts : pandas.Series
        Already pseudonymised texts (placeholders such as ``[NAME-1]`` are kept).
    vocabulary : iterable of str, optional
        Lower-case words known to be ordinary here; by default every word the collection
        itself writes in lower case.
    field_terms : iterable of str
        The study's own names of things (teams, roles, career stages, codes): their
        words are never taken for a person's name.
    lexicon : NameLexicon, optional
        Names and English words; by default :func:`~cpdresearch.report.name_lexicon.
        name_lexicon` (built once per process).

    Returns
    -------
    pandas.Series
        Same index and name; missing values stay missing.

    Notes
    -----
    Each distinct text is handled once, and each distinct capitalised word is classed
    once. A text whose capitalised words are all ordinary (most turns) is returned after
    one regular-expression scan and a set lookup.
    """
    lexicon = lexicon or name_lexicon()
    codes, uniques = pd.factorize(texts, use_na_sentinel=True)
    uniques = np.asarray(uniques, dtype=object)
    strings = [t if isinstance(t, str) else "" for t in uniques]
    # one scan over all texts (joined by a character no word holds), not one per text
    blob = "\x00".join(strings)
    ends = np.cumsum([len(t) + 1 for t in strings])
    tokens = set(_WORD.findall(blob))
    ordinary = _field_words(field_terms)
    if vocabulary is not None:
        ordinary |= {fold(w) for w in vocabulary}
    classify = _Classifier(lexicon, ordinary)
    if vocabulary is None:
        # words that are no listed name or common English word: ordinary if the collection
        # writes them in lower case somewhere ("the trust", "our hub")
        doubtful = {t for t in tokens if classify(t) in (_UNKNOWN, _NAME)}
        keys = {fold(t).removesuffix("'s") for t in doubtful}
        keys = {k for k in keys if re.fullmatch(r"[a-z][a-z'\-]*", k)}
        lower = _collection_words(blob, keys)
        if lower:
            ordinary |= lower
            classify.cache.clear()
    safe = {t for t in tokens if classify(t) in (_KEEP, _STOP)}
    out = uniques.copy()
    # texts holding a capitalised word that is not plainly ordinary (a few turns in most talk)
    doubtful = tokens - safe
    starts = []
    if doubtful:  # where they stand: a scan for these words alone, boundaries checked after
        probe = re.compile("|".join(map(re.escape, sorted(doubtful, key=len, reverse=True))))
        starts = [m.start() for m in probe.finditer(blob) if _WORD.match(blob, m.start()) and
                  _WORD.match(blob, m.start())[0] == m[0] and
                  (m.start() == 0 or not _BEFORE_WORD.match(blob, m.start() - 1))]
    for i in np.unique(np.searchsorted(ends, np.asarray(starts, dtype=np.int64), side="right")):
        text = strings[i]
        matches = list(_WORD.finditer(text))
        masked = _TITLE.sub(NAME_MASK, text)
        if masked != text:
            text, matches = masked, list(_WORD.finditer(masked))
        out[i] = _mask_text(text, matches, [classify(m[0]) for m in matches])
    result = np.where(codes < 0, None, out[np.maximum(codes, 0)]) if len(out) else np.array([], dtype=object)
    series = pd.Series(result, index=texts.index, name=texts.name, dtype=object)
    return series.where(codes >= 0, texts)
