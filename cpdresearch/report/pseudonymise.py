"""Removing personal data from free text and transcripts before they are published.

Direct identifiers found by pattern (email addresses, UK phone numbers, postcodes,
National Insurance numbers, dates of birth, URLs, social-media handles, street addresses
with a house number, named schools, academies and colleges) and the names a
study declares (``raw/known_names.csv``) are replaced by placeholders such as
``[NAME-1]`` or ``[PHONE-2]``. One :class:`Pseudonymiser` per run keeps the same
placeholder for the same person or value across every text it sees.

:func:`pseudonymise_series` handles each distinct text once and finds, with a few scans
over all texts joined together, those that hold anything a pattern or a declared name
needs (:meth:`Pseudonymiser.untouched`); only those go through the patterns.

Pattern matching is a safety net, not a guarantee: names nobody declared are caught only
by the cautious second pass of :func:`cpdresearch.report.unlisted_names.mask_unlisted_names`,
so quotes still need a human read.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

import numpy as np
import pandas as pd

__all__ = ["Pseudonymiser", "pseudonymise", "pseudonymise_series", "PLACEHOLDER_KINDS"]

#: Kinds of placeholder, in the order they are looked for.
PLACEHOLDER_KINDS = ("EMAIL", "URL", "HANDLE", "NI", "DOB", "PHONE", "POSTCODE", "ADDRESS", "SCHOOL", "NAME")

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_ORD = r"(?:st|nd|rd|th)?"
_DATE = "|".join([
    r"\d{4}-\d{1,2}-\d{1,2}",                                  # 2009-03-12
    r"\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})",             # 12/03/2009, 12.03.09
    rf"\d{{1,2}}{_ORD}(?:\s+of)?\s+{_MONTH},?\s+\d{{4}}",     # 12 March 2009, 12th of March 2009
    rf"{_MONTH}\s+\d{{1,2}}{_ORD},?\s+\d{{4}}",               # March 12, 2009
    rf"{_MONTH}\s+\d{{4}}",                                   # March 2009
])
_PATTERNS = {
    "EMAIL": re.compile(r"(?<![\w.%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"),
    "URL": re.compile(r"\b(?:https?://|www\.)[^\s<>\"'\[\]]+", re.IGNORECASE),
    "HANDLE": re.compile(r"(?<![\w@/.])@[A-Za-z0-9_]{2,30}\b"),
    # any NI-shaped value: two letters, three pairs of digits, A-D. HMRC never issues some
    # prefixes (QQ is its specimen), but a doubtful one is masked all the same.
    "NI": re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.IGNORECASE),
    # a date only counts as a date of birth when something says so
    "DOB": re.compile(
        r"\b(?:d\.?\s?o\.?\s?b\b\.?|date\s+of\s+birth|birth\s?date|birthday|born)"
        r"\s*(?:[:\-]|is|was|on|in|the|\s)*?\s*(?P<value>" + _DATE + r")(?!\d)", re.IGNORECASE),
    # a house number and a street: "14 Mill Lane", "3a Church Street"
    "ADDRESS": re.compile(
        r"\b\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][A-Za-z'\-]+\s+){1,3}"
        r"(?:Road|Rd|Street|St|Lane|Ln|Close|Avenue|Ave|Drive|Dr|Way|Court|Ct|Crescent|Place|Grove|Gardens|"
        r"Terrace|Square|Walk|Row|Hill|Park|Mews|View|Rise|Green|Parade)\b\.?"),
    # a named school, college or academy: "St Mary's Primary", "Oakfield Academy"
    "SCHOOL": re.compile(
        r"\b(?:St\.?\s+|Saint\s+)?(?:(?!(?:The|Our|My|A|An|His|Her|Their|This|That|Your|At|To|In|Virtual)\b)"
        r"[A-Z][A-Za-z'\u2019\-]+\s+){1,3}"
        r"(?:Primary|Secondary|High|Infant|Junior|Grammar|Community|Catholic|C of E|CE)?\s*"
        r"(?:School|Academy|College|Primary|Nursery)\b"),
    # UK numbers: 0 or +44 / 0044 (optionally "(0)"), then 1/2/3/7 and 8-9 more digits
    "PHONE": re.compile(r"(?<![\w+])(?:(?:\+|00)44\s?(?:\(0\)\s?)?|\(?0)[1237](?:[\s\-)]{0,2}\d){8,9}(?!\d)"),
    # inward code letters never include C, I, K, M, O, V
    "POSTCODE": re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE),
}
#: Words in a declared name that are not a name on their own ("Mr Smith" -> "Smith" only).
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "cllr"})
_DIGIT_OR_AT = re.compile(r"[\d@]+")
_ASCII_DIGIT_OR_AT = re.compile(r"[0-9@]+")
_SCHOOL_WORDS = ("School", "Academy", "College", "Primary", "Nursery")
#: Anything one of the patterns needs: a digit, "@", a web address or a school word. A turn
#: with none of them (most turns) skips every pattern.
_TRIGGER = re.compile(r"[\d@]|School|Academy|College|Primary|Nursery|[Hh][Tt][Tt][Pp]|[Ww][Ww][Ww]\.")
_ORDINAL_INWARD = re.compile(r"\d(?:st|nd|rd|th)$")  # "B1 2nd floor" is not a postcode


def _date_key(value: str) -> str:
    """ISO form of a written date (UK day-first), so 12/03/2009 and 12 March 2009 match."""
    text = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b|\bof\b|,|\.(?=\s|$)", " ", value.lower())
    text = re.sub(r"\bsept\b", "sep", re.sub(r"\s+", " ", text).strip())
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y", "%d.%m.%y", "%d-%m-%Y", "%d-%m-%y",
                "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%B %Y", "%b %Y"):
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return parsed.strftime("%Y-%m" if "%d" not in fmt else "%Y-%m-%d")
    return text


def _normalise(kind: str, value: str) -> str:
    """The key under which two spellings of the same value share a placeholder."""
    if kind == "DOB":
        return _date_key(value)
    if kind == "PHONE":
        digits = re.sub(r"\D", "", value)
        if value.lstrip("(").startswith(("+", "00")):
            digits = digits[4:] if digits.startswith("0044") else digits[2:]
        return digits if digits.startswith("0") else "0" + digits
    if kind in ("POSTCODE", "NI"):
        return re.sub(r"\s", "", value).upper()
    return re.sub(r"\s+", " ", value).strip().lower()


class Pseudonymiser:
    """Replace personal data in text with stable placeholders; one instance per run.

    Parameters
    ----------
    known_names : iterable of str
        Names to remove (rosters, facilitators). A full name is matched as a whole, and
        its first or last name alone also maps to that person's placeholder; matching
        is by whole word and ignores case, so ``"dana's"`` becomes ``"[NAME-1]'s"``. A
        first or last name shared by two declared people gets a placeholder of its own.

    Attributes
    ----------
    mapping : dict
        ``{normalised value: placeholder}`` for everything replaced so far. It holds the
        personal data themselves: keep it out of published outputs.

    Examples
    --------
    >>> p = Pseudonymiser(known_names=["Dana Smith", "Sam Okafor"])
    >>> p("Dana Smith said Sam's manager emailed sam.okafor@council.gov.uk")
    "[NAME-1] said [NAME-2]'s manager emailed [EMAIL-1]"
    >>> p("Dana was there")
    '[NAME-1] was there'
    """

    def __init__(self, known_names: Iterable[str] = ()):
        self._counters = {kind: 0 for kind in PLACEHOLDER_KINDS}
        self._placeholders: dict[tuple[str, str], str] = {}
        self._declared: dict[str, list[str]] = {}  # full name (lower case) -> its words
        self._name_keys: dict[str, str] = {}  # spelled form (lower case) -> person key
        self._name_pattern: re.Pattern | None = None
        self._name_probe: re.Pattern | None = None
        self._name_words: list[str] | None = None
        self.add_names(known_names)

    @property
    def mapping(self) -> dict[str, str]:
        return {value: placeholder for (_, value), placeholder in self._placeholders.items()}

    def add_names(self, names: Iterable[str]) -> None:
        """Declare more names to remove."""
        for name in names:
            if not isinstance(name, str):
                continue  # NaN from an empty cell
            tokens = [t.lower() for t in name.split()]
            if tokens:
                self._declared[" ".join(tokens)] = tokens
        keys: dict[str, str] = {}
        owners: dict[str, set] = {}
        for person, tokens in self._declared.items():
            keys[person] = person
            given = [t for t in tokens if t.strip(".") not in _TITLES]
            if len(tokens) >= 2 and given:
                for part in {given[0], given[-1]}:
                    if len(part.strip(".")) > 1:  # an initial alone is not a name
                        owners.setdefault(part, set()).add(person)
        for part, persons in owners.items():
            if part in keys:
                continue  # also declared as a name on its own
            keys[part] = next(iter(persons)) if len(persons) == 1 else part
        self._name_keys = keys
        if keys:
            forms = sorted(keys, key=len, reverse=True)  # full names before their parts
            alternation = "|".join(r"\s+".join(re.escape(t) for t in form.split()) for form in forms)
            self._name_pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)
            # a quick probe on the lower-cased text: plain words, no look-around, no IGNORECASE
            words = sorted({w for form in forms for w in form.split()}, key=len, reverse=True)
            self._name_probe = re.compile("|".join(map(re.escape, words)))
            self._name_words = words
        else:
            self._name_pattern = self._name_probe = self._name_words = None

    def untouched(self, texts: list[str]) -> np.ndarray:
        """Which texts hold nothing to replace, found with a few scans over all of them.

        A text is untouched when it has no digit, ``@``, web address, school word or
        declared name; the rest go through the patterns one by one (``__call__``).

        Examples
        --------
        >>> Pseudonymiser(known_names=["Dana Smith"]).untouched(
        ...     ["We met on Monday.", "Dana rang.", "Call 0161 496 0123", "See www.x.org"]).tolist()
        [True, False, False, False]
        """
        if not texts:
            return np.zeros(0, dtype=bool)
        blob = "\x00".join(texts)  # a character no pattern matches
        lowered = blob.lower()
        ends = np.cumsum([len(t) + 1 for t in texts])
        # ASCII text: [0-9@] scans far faster than \d, which tests every character's category
        starts: list[int] = [m.start() for m in (_ASCII_DIGIT_OR_AT if blob.isascii() else _DIGIT_OR_AT).finditer(blob)]
        literals = [*((w, blob) for w in _SCHOOL_WORDS), ("http", lowered), ("www.", lowered)]
        if self._name_words is not None and len(self._name_words) <= 30:
            literals += [(w, lowered) for w in self._name_words]  # str.find beats a regex for a few names
        elif self._name_probe is not None:
            starts += [m.start() for m in self._name_probe.finditer(lowered)]
        for literal, where in literals:
            at = where.find(literal)
            while at >= 0:
                starts.append(at)
                at = where.find(literal, at + 1)
        out = np.ones(len(texts), dtype=bool)
        out[np.searchsorted(ends, np.asarray(starts, dtype=np.int64), side="right")] = False
        return out

    def _placeholder(self, kind: str, key: str) -> str:
        if (kind, key) not in self._placeholders:
            self._counters[kind] += 1
            self._placeholders[(kind, key)] = f"[{kind}-{self._counters[kind]}]"
        return self._placeholders[(kind, key)]

    def __call__(self, text):
        """Return ``text`` with personal data replaced; non-text (NaN, None) unchanged."""
        if not isinstance(text, str):
            return text
        # Cheap guards first: most turns hold no "@", no digit, no web address, no school
        # word and no declared name, and the patterns that need one are skipped (same
        # result, faster).
        if _TRIGGER.search(text) is None:
            return self._names(text)
        text = _PATTERNS["EMAIL"].sub(lambda m: self._placeholder("EMAIL", _normalise("EMAIL", m[0])), text)

        def url(m: re.Match) -> str:
            value = m[0].rstrip(".,;:!?)")  # sentence punctuation after a link is not part of it
            return self._placeholder("URL", _normalise("URL", value)) + m[0][len(value):]

        text = _PATTERNS["URL"].sub(url, text)
        text = _PATTERNS["HANDLE"].sub(lambda m: self._placeholder("HANDLE", _normalise("HANDLE", m[0])), text)
        text = _PATTERNS["NI"].sub(lambda m: self._placeholder("NI", _normalise("NI", m[0])), text)

        def dob(m: re.Match) -> str:
            keep = m[0][: m.start("value") - m.start()]  # keep "DOB " / "born on " for readability
            return keep + self._placeholder("DOB", _normalise("DOB", m["value"]))

        text = _PATTERNS["DOB"].sub(dob, text)
        text = _PATTERNS["PHONE"].sub(lambda m: self._placeholder("PHONE", _normalise("PHONE", m[0])), text)

        def postcode(m: re.Match) -> str:
            if _ORDINAL_INWARD.search(m[0]):
                return m[0]
            return self._placeholder("POSTCODE", _normalise("POSTCODE", m[0]))

        text = _PATTERNS["POSTCODE"].sub(postcode, text)
        for kind in ("ADDRESS", "SCHOOL"):
            text = _PATTERNS[kind].sub(lambda m, kind=kind: self._placeholder(kind, _normalise(kind, m[0])), text)
        return self._names(text)

    def _names(self, text: str) -> str:
        if self._name_probe is not None and self._name_probe.search(text.lower()) is not None:
            text = self._name_pattern.sub(
                lambda m: self._placeholder("NAME", self._name_keys[_normalise("NAME", m[0])]), text)
        return text


def pseudonymise(text, *, known_names: Iterable[str] = (), pseudonymiser: Pseudonymiser | None = None):
    """Replace personal data in one text with placeholders.

    Parameters
    ----------
    text : str
        Free text or a transcript turn. Non-text values (NaN, None) are returned as
        they are.
    known_names : iterable of str
        Names to remove, when no ``pseudonymiser`` is given.
    pseudonymiser : Pseudonymiser, optional
        The run's pseudonymiser, so placeholders stay the same across texts. It carries
        its own names; give either this or ``known_names``.

    Returns
    -------
    str
        The text with ``[NAME-n]``, ``[EMAIL-n]``, ``[PHONE-n]``, ``[POSTCODE-n]``,
        ``[NI-n]``, ``[DOB-n]``, ``[URL-n]`` and ``[HANDLE-n]`` placeholders, and
        ``[NAME]`` for a probable name nobody listed.

    Examples
    --------
    >>> pseudonymise("Call 0161 496 0123 or write to M1 1AE. DOB 12/03/2009.")
    'Call [PHONE-1] or write to [POSTCODE-1]. DOB [DOB-1].'

    Names nobody listed are masked too (:mod:`cpdresearch.report.unlisted_names`):

    >>> pseudonymise("Then Kwame told me that Siobhan from school had called, and Mr Patel agreed.")
    'Then [NAME] told me that [NAME] from school had called, and [NAME] agreed.'
    """
    if pseudonymiser is None:
        pseudonymiser = Pseudonymiser(known_names)
    elif list(known_names):
        raise ValueError("give known_names to the Pseudonymiser, not with one")
    out = pseudonymiser(text)
    if not isinstance(out, str):
        return out
    from .unlisted_names import mask_unlisted_names  # imports the name lists: only when used

    return mask_unlisted_names(pd.Series([out]))[0]


def pseudonymise_series(series: pd.Series, *, pseudonymiser: Pseudonymiser | None = None,
                        known_names: Iterable[str] = ()) -> pd.Series:
    """Pseudonymise a column of texts, working on each distinct text once.

    Parameters
    ----------
    series : pandas.Series
        Texts; missing values stay missing.
    pseudonymiser : Pseudonymiser, optional
        The run's pseudonymiser; a new one with ``known_names`` when not given.
    known_names : iterable of str
        Names to remove, when no ``pseudonymiser`` is given.

    Returns
    -------
    pandas.Series
        Same index and name.

    Examples
    --------
    >>> import pandas as pd
    >>> comments = pd.Series(["Thanks Dana!", None, "Thanks Dana!", "Email dana@x.org"])
    >>> pseudonymise_series(comments, known_names=["Dana Smith"]).tolist()
    ['Thanks [NAME-1]!', nan, 'Thanks [NAME-1]!', 'Email [EMAIL-1]']
    """
    if pseudonymiser is None:
        pseudonymiser = Pseudonymiser(known_names)
    elif list(known_names):
        raise ValueError("give known_names to the Pseudonymiser, not with one")
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    uniques = np.asarray(uniques, dtype=object)
    strings = [u for u in uniques if isinstance(u, str)]
    untouched = iter(pseudonymiser.untouched(strings)) if len(strings) == len(uniques) else None
    replaced = np.array([text if untouched is not None and next(untouched) else pseudonymiser(text)
                         for text in uniques] + [None], dtype=object)
    out = pd.Series(replaced[codes], index=series.index, name=series.name, dtype=object)  # code -1: the None
    return out.where(codes >= 0, series.astype(object))  # missing values stay as they were
