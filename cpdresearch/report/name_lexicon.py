"""First names, surnames and English words, offline: what the unlisted-names pass looks up.

Three packages ship their data inside their wheels, so nothing is downloaded at import or
run time (docs/dependencies.md says why these and not others):

- **Faker** (MIT): the first names and surnames of every locale's person provider, about
  17,000 first names and 16,000 surnames of many origins (British, Irish, Welsh, Polish,
  Romanian, Indian, Pakistani, Nigerian, Ghanaian, Kenyan, Turkish, ...). Names written
  in another script are left out; accents are folded (``Siobhán`` -> ``siobhan``).
- **wordfreq** (Apache-2.0, data CC BY-SA 4.0): how often each English word is written
  (its "large" list, from subtitles, web text, news, Wikipedia, books and social media),
  on the Zipf scale (log10 of uses per billion words: ``the`` 7.7, ``safeguarding`` 3.2).
  It knows words a dictionary does not (``screenshots``, ``instagram``, ``netflix``).
- **LemmInflect** (MIT; lemma tables from the US National Library of Medicine's
  SPECIALIST Lexicon, which lists common nouns, verbs, adjectives and adverbs, not proper
  nouns): which names are also ordinary words. ``grace``, ``hope``, ``will``, ``rose``
  and ``brown`` have lemmas; ``john``, ``emma`` and ``kwame`` do not.

Loading takes well under a second once per process (:func:`name_lexicon` is cached; the
runner preloads it in its warm process) and keeps a few tens of MB.

Examples
--------
>>> lex = name_lexicon()
>>> [lex.is_name(w) for w in ("Kwame", "Siobhán", "Wojciech", "Patel", "Microsoft")]
[True, True, True, True, False]
>>> [lex.is_also_word(w) for w in ("Grace", "Brown", "John")]
[True, True, False]
>>> lex.zipf("safeguarding") > 3 > lex.zipf("priyanka")
True
"""
from __future__ import annotations

import importlib
import pkgutil
import unicodedata
from dataclasses import dataclass
from functools import cache

__all__ = ["NameLexicon", "name_lexicon", "fold", "ALSO_WORD_ZIPF"]

#: A name counts as an ordinary word too when LemmInflect knows it as a noun, verb,
#: adjective or adverb and it is written at least this often (Zipf): ``hope`` (5.4),
#: ``grace`` (4.6), ``brown`` (5.0); not rare dictionary words that are also names.
ALSO_WORD_ZIPF = 3.5
#: A name written this often in English (Zipf) but listed by at most two of Faker's locales is
#: read as a place or a people that is also a surname (``London``, ``Poland``, ``English``).
_PLACE_ZIPF = 4.0
#: Words rarer than this (Zipf 1.5: 30 uses per billion words) are not kept.
_MIN_ZIPF = 1.5
#: Faker attributes that hold names (tuples, or dicts of name -> weight).
_FIRST = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
_LAST = ("last_names", "last_names_male", "last_names_female")


def fold(word: str) -> str:
    """Lower case, accents dropped, curly apostrophe made straight: the lexicon's key.

    Examples
    --------
    >>> fold("Zoë"), fold("O\u2019Neill")
    ('zoe', "o'neill")
    """
    word = word.lower().replace("\u2019", "'")
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@dataclass(frozen=True, repr=False)
class NameLexicon:
    """Names and English words, all keys as :func:`fold` makes them.

    Attributes
    ----------
    first_names, surnames : frozenset of str
        From Faker's person providers (Latin script).
    also_words : frozenset of str
        Names that are ordinary English words too (``grace``, ``will``, ``brown``).
    zipf_cb : dict of str to int
        English words (wordfreq, large list) of Zipf 1.5 or more, as wordfreq's bucket:
        centibels below 1 (Zipf = 9 - value / 100).
    """

    first_names: frozenset
    surnames: frozenset
    also_words: frozenset
    zipf_cb: dict

    def __repr__(self) -> str:
        return (f"NameLexicon({len(self.first_names):,} first names, {len(self.surnames):,} surnames, "
                f"{len(self.zipf_cb):,} English words)")

    def zipf(self, word: str) -> float:
        """How often the word is written in English, Zipf scale (0 when rarer than 1.5)."""
        cb = self.zipf_cb.get(fold(word))
        return 0.0 if cb is None else 9 - cb / 100

    def is_name(self, word: str) -> bool:
        """A first name or surname (of any origin the lists cover)."""
        key = fold(word)
        return key in self.first_names or key in self.surnames

    def is_first_name(self, word: str) -> bool:
        return fold(word) in self.first_names

    def is_also_word(self, word: str) -> bool:
        """A name that is an ordinary lower-case word too (``Grace``, ``Will``, ``Brown``)."""
        return fold(word) in self.also_words


def _faker_names() -> tuple[set, set, dict]:
    """First names, surnames, and how many of Faker's locales list each name."""
    import faker.providers.person as person

    first, last, lists = set(), set(), {}
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        here = set()
        for attrs, into in ((_FIRST, first), (_LAST, last)):
            for attr in attrs:
                names = provider.__dict__.get(attr)
                if isinstance(names, (tuple, list, dict)):
                    keys = {fold(n) for n in names if isinstance(n, str)}
                    into.update(keys)
                    here.update(keys)
        for key in here:
            lists[key] = lists.get(key, 0) + 1
    latin = lambda key: key.isascii() and key.replace("'", "").replace("-", "").isalpha() and len(key) > 1
    return {k for k in first if latin(k)}, {k for k in last if latin(k)}, lists


def _english_zipf() -> dict:
    import wordfreq

    buckets = wordfreq.get_frequency_list("en", "large")
    limit = int(round((9 - _MIN_ZIPF) * 100))
    out = {word: cb for cb, words in enumerate(buckets[:limit + 1]) for word in words}
    wordfreq.get_frequency_list.cache_clear()  # wordfreq caches the whole list; keep only ours
    return out


@cache
def name_lexicon() -> NameLexicon:
    """The lexicon, built once per process (well under a second).

    Returns
    -------
    NameLexicon
    """
    from lemminflect import getAllLemmas

    first, last, lists = _faker_names()
    zipf_cb = _english_zipf()
    limit = (9 - ALSO_WORD_ZIPF) * 100
    also = {n for n in first | last if zipf_cb.get(n, 10_000) <= limit and getAllLemmas(n)}
    # A very common English word that only one or two of Faker's locales list is mostly a
    # place, a people or a faith (London, Poland, English, Muslim): a surname that is a word.
    common = (9 - _PLACE_ZIPF) * 100
    places = {n for n in first | last
              if zipf_cb.get(n, 10_000) <= common and lists.get(n, 0) <= 2 and not getAllLemmas(n)}
    first -= places
    last |= places
    also |= places
    return NameLexicon(frozenset(first), frozenset(last), frozenset(also), zipf_cb)
