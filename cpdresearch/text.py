"""Generic text tools: tokenising, an English stopword list, term frequencies.

Offline by design: tokenising uses NLTK's :class:`~nltk.tokenize.RegexpTokenizer` (no
model data), and the stopword list is a module constant, because NLTK's ``stopwords``
corpus would need a download.

Examples
--------
>>> tokenize("Supervision isn't regular; the team's away-day helped!")
['supervision', "isn't", 'regular', 'the', "team's", 'away', 'day', 'helped']
>>> term_frequencies(["More mentoring please", "mentoring and coaching"])
        term  count  documents
0  mentoring      2          2
1   coaching      1          1
2     please      1          1
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from collections.abc import Iterable
from nltk.probability import FreqDist
from nltk.tokenize import RegexpTokenizer

__all__ = ["STOPWORDS", "tokenize", "term_frequencies", "keyness", "KEYNESS_CRITICAL_VALUES", "sentiment",
           "collocations", "concordance"]

#: English function words and survey filler removed before counting terms. Written for
#: this package (NLTK's stopword corpus needs a download); it covers the NLTK English
#: list plus contractions without apostrophes and words that carry no topic in free-text
#: survey answers ("would", "also", "really").
STOPWORDS: frozenset[str] = frozenset("""
a about above after again against ain all also am an and any are aren't as at be because
been before being below between both but by can can't cannot could couldn't d did didn't
do does doesn't doing don don't down during each else etc even ever every few for from
further get gets getting got had hadn't has hasn't have haven't having he he'd he'll he's
her here here's hers herself him himself his how how's however i i'd i'll i'm i've if in
into is isn't it it'd it'll it's its itself just lets let's ll m ma may me might mightn't
more most much must mustn't my myself need needn't no nor not now o of off often on once
one only or other ought our ours ourselves out over own per quite rather re really s same
shall shan't she she'd she'll she's should should've shouldn't so some such t than that
that'll that's the their theirs them themselves then there there's these they they'd
they'll they're they've thing things this those though through to too under until up upon
us ve very was wasn't we we'd we'll we're we've were weren't what what's when when's where
where's whether which while who who's whom why why's will with won't would wouldn't y yes
yet you you'd you'll you're you've your yours yourself yourselves
dont doesnt didnt isnt arent wasnt werent cant couldnt wouldnt shouldnt wont im ive id
youre theyre thats theres
""".split())

# Words, keeping inner apostrophes (team's, isn't); digits and punctuation split words.
_WORD_PATTERN = r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*"


def tokenize(text: str, *, lowercase: bool = True) -> list[str]:
    """Split ``text`` into word tokens with NLTK's ``RegexpTokenizer``.

    Parameters
    ----------
    text : str
        The text; ``None`` or a missing value gives no tokens.
    lowercase : bool, default True
        Lower-case the tokens (curly apostrophes become straight ones either way).

    Returns
    -------
    list of str

    Examples
    --------
    >>> tokenize("E-learning ISN’T enough", lowercase=False)
    ['E', 'learning', "ISN'T", 'enough']
    >>> tokenize(None)
    []
    """

    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return []
    tokens = RegexpTokenizer(_WORD_PATTERN).tokenize(str(text).replace("\u2019", "'"))
    return [t.lower() for t in tokens] if lowercase else tokens


def term_frequencies(
    texts: Iterable[str],
    *,
    stopwords: Iterable[str] | None = STOPWORDS,
    extra_stopwords: Iterable[str] = (),
    min_length: int = 3,
    top: int | None = None,
) -> pd.DataFrame:
    """Most frequent terms in a collection of texts, stopwords removed.

    Parameters
    ----------
    texts : iterable of str
        One text per document (e.g. per survey comment); missing values are skipped.
    stopwords : iterable of str or None, default :data:`STOPWORDS`
        Terms to drop (lower case). ``None`` keeps every term.
    extra_stopwords : iterable of str
        Further terms to drop, e.g. placeholder tokens left by pseudonymisation.
    min_length : int, default 3
        Shorter tokens are dropped (initials, stray letters).
    top : int, optional
        Keep only the ``top`` most frequent terms.

    Returns
    -------
    pandas.DataFrame
        ``term``, ``count`` (occurrences, from NLTK ``FreqDist``), ``documents`` (texts
        that use the term), most frequent first, ties in alphabetical order.

    Examples
    --------
    >>> term_frequencies(["Workload workload workload", "Workload is high"], top=1)
           term  count  documents
    0  workload      4          2
    """

    drop = set(stopwords or ()) | {w.lower() for w in extra_stopwords}
    # The tokenizer's pattern applied column-wise (pandas), not text by text: one
    # row per (document, token), so counting is vectorised over all texts at once.
    series = pd.Series(list(texts), dtype="object").dropna().astype(str)
    tokens = (series.str.replace("\u2019", "'", regex=False).str.lower()
              .str.findall(_WORD_PATTERN).explode().dropna())
    tokens = tokens[(tokens.str.len() >= min_length) & ~tokens.isin(drop)]
    counts = FreqDist(tokens.value_counts().to_dict())
    documents = FreqDist(tokens[~pd.MultiIndex.from_arrays([tokens.index, tokens]).duplicated()]
                         .value_counts().to_dict())
    table = pd.DataFrame(
        {"term": list(counts), "count": [counts[t] for t in counts], "documents": [documents[t] for t in counts]},
        columns=["term", "count", "documents"],
    )
    table = table.astype({"count": "int64", "documents": "int64"})
    table = table.sort_values(["count", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return table.head(top).reset_index(drop=True) if top is not None else table


#: Critical values of G2 (one degree of freedom) and the p-values they mark
#: (Rayson, Berridge and Francis 2004).
KEYNESS_CRITICAL_VALUES: dict[float, float] = {3.84: 0.05, 6.63: 0.01, 10.83: 0.001, 15.13: 0.0001}


def keyness(target_counts, reference_counts) -> pd.DataFrame:
    """Keywords of a target text collection against a reference: log-likelihood and log ratio.

    Parameters
    ----------
    target_counts, reference_counts : mapping or pandas.Series
        Term -> frequency in each collection (e.g. a ``FreqDist``, or
        ``term_frequencies(...).set_index("term")["count"]``). The corpus sizes are the
        sums of the counts, so pass every term (stopwords removed or not, the same way
        for both).

    Returns
    -------
    pandas.DataFrame
        ``term, target_freq, reference_freq, target_per_10k, reference_per_10k, g2,
        log_ratio, p``, largest G2 first. ``g2`` is the log-likelihood of Rayson and
        Garside (2000), ``2 * sum(O ln(O / E))`` over the two corpora, computed by
        ``scipy.stats.power_divergence(lambda_="log-likelihood")``, signed positive
        when the term is relatively more frequent in the target and negative when less;
        ``p`` is its chi-squared (1 df) p-value. ``log_ratio`` is Hardie's (2014) effect
        size, ``log2`` of the ratio of relative frequencies, with 0.5 in place of a zero
        frequency. Compare ``|g2|`` with :data:`KEYNESS_CRITICAL_VALUES` (3.84, 6.63,
        10.83, 15.13 for p < 0.05, 0.01, 0.001, 0.0001).

    Examples
    --------
    The Lancaster log-likelihood wizard's worked example: a word 52 times in 50,000
    words against 57 times in 75,000 gives LL +2.65.

    >>> t = keyness({"word": 52, "other": 49948}, {"word": 57, "other": 74943})
    >>> t.set_index("term").loc["word", ["g2", "log_ratio"]].round(2).tolist()
    [2.65, 0.45]
    """
    from scipy.stats import chi2, power_divergence

    target = pd.Series(dict(target_counts) if not isinstance(target_counts, pd.Series) else target_counts,
                       dtype="float64")
    reference = pd.Series(dict(reference_counts) if not isinstance(reference_counts, pd.Series)
                          else reference_counts, dtype="float64")
    terms = target.index.union(reference.index)
    a = target.reindex(terms, fill_value=0).to_numpy()
    b = reference.reindex(terms, fill_value=0).to_numpy()
    c, d = a.sum(), b.sum()
    columns = ["term", "target_freq", "reference_freq", "target_per_10k", "reference_per_10k", "g2",
               "log_ratio", "p"]
    if c == 0 or d == 0:
        return pd.DataFrame(columns=columns)
    expected = np.vstack([c * (a + b) / (c + d), d * (a + b) / (c + d)])
    g2 = power_divergence(np.vstack([a, b]), f_exp=expected, lambda_="log-likelihood", axis=0).statistic
    over = a / c >= b / d
    log_ratio = np.log2((np.where(a > 0, a, 0.5) / c) / (np.where(b > 0, b, 0.5) / d))
    out = pd.DataFrame({"term": terms.astype(str), "target_freq": a.astype("int64"),
                        "reference_freq": b.astype("int64"), "target_per_10k": a / c * 10_000,
                        "reference_per_10k": b / d * 10_000, "g2": np.where(over, g2, -g2),
                        "log_ratio": log_ratio, "p": chi2.sf(g2, 1)}, columns=columns)
    order = np.lexsort((out["term"].to_numpy(), -np.abs(out["g2"].to_numpy())))
    return out.iloc[order].reset_index(drop=True)


def sentiment(texts) -> pd.DataFrame:
    """VADER sentiment of each text (Hutto and Gilbert 2014), offline; exploratory.

    Uses NLTK's ``SentimentIntensityAnalyzer`` with the lexicon that ``vaderSentiment``
    ships (:func:`cpdresearch.nltk_data.vader_analyzer`). VADER was built for short
    social-media text: read it as a rough tone, never as a finding on its own.

    Returns
    -------
    pandas.DataFrame
        ``neg, neu, pos, compound`` per text (same index; NaN for a missing text).

    Examples
    --------
    The VADER README's examples:

    >>> sentiment(["VADER is smart, handsome, and funny.", "VADER is not smart, handsome, nor funny."])["compound"].tolist()
    [0.8316, -0.7424]
    """
    from .nltk_data import vader_analyzer

    analyzer = vader_analyzer()
    series = pd.Series(texts) if not isinstance(texts, pd.Series) else texts
    scores = {i: analyzer.polarity_scores(t) for i, t in series.items() if isinstance(t, str)}
    return pd.DataFrame.from_dict(scores, orient="index", columns=["neg", "neu", "pos", "compound"]).reindex(
        series.index)


def collocations(texts, *, top: int | None = 20, min_freq: int = 3,
                 stopwords: Iterable[str] | None = STOPWORDS) -> pd.DataFrame:
    """Word pairs that occur together more than chance, by NLTK's bigram finder.

    Parameters
    ----------
    texts : iterable of str
        One text per document; pairs never span two documents.
    top : int, optional
        Keep the ``top`` pairs by log-likelihood.
    min_freq : int, default 3
        Pairs seen fewer times are dropped (PMI over-rates rare pairs).
    stopwords : iterable of str or None
        Pairs with a stopword are dropped.

    Returns
    -------
    pandas.DataFrame
        ``w1, w2, freq, pmi, likelihood_ratio``: PMI (Church and Hanks 1990) and
        Dunning's (1993) log-likelihood, from ``nltk.collocations.BigramAssocMeasures``.

    Examples
    --------
    >>> docs = ["social worker visits", "the social worker rang", "a social worker came", "worker social"]
    >>> collocations(docs, min_freq=3)[["w1", "w2", "freq"]].to_dict("records")
    [{'w1': 'social', 'w2': 'worker', 'freq': 3}]
    """
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    documents = [tokenize(t) for t in texts if isinstance(t, str)]
    finder = BigramCollocationFinder.from_documents(documents)
    drop = set(stopwords or ())
    finder.apply_word_filter(lambda w: w in drop or len(w) < 2)
    finder.apply_freq_filter(min_freq)
    measures = BigramAssocMeasures()
    pmi = dict(finder.score_ngrams(measures.pmi))
    rows = [(w1, w2, finder.ngram_fd[(w1, w2)], pmi[(w1, w2)], ll)
            for (w1, w2), ll in finder.score_ngrams(measures.likelihood_ratio)]
    out = pd.DataFrame(rows, columns=["w1", "w2", "freq", "pmi", "likelihood_ratio"])
    return out.head(top).reset_index(drop=True) if top is not None else out


def concordance(texts, term: str, *, width: int = 40) -> pd.DataFrame:
    """Keyword in context: every whole-word occurrence of ``term`` with the text around it.

    Parameters
    ----------
    texts : pandas.Series or iterable of str
        The texts (their index is kept as ``document``).
    term : str
        A word or phrase, matched whole and in any case.
    width : int, default 40
        Characters of context on each side.

    Returns
    -------
    pandas.DataFrame
        ``document, left, match, right``, in text order.

    Examples
    --------
    >>> concordance(["I trust her, and trust takes time.", "Distrust"], "trust", width=8).to_dict("records")[0]
    {'document': 0, 'left': 'I ', 'match': 'trust', 'right': ' her, an'}
    """
    import re

    series = pd.Series(texts) if not isinstance(texts, pd.Series) else texts
    pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)
    rows = []
    for document, text in series.items():
        if not isinstance(text, str):
            continue
        for m in pattern.finditer(text):
            rows.append((document, text[max(0, m.start() - width):m.start()], m[0], text[m.end():m.end() + width]))
    return pd.DataFrame(rows, columns=["document", "left", "match", "right"])
