"""Text tools: tokenising, stopwords, term frequencies (hand-counted references)."""
from __future__ import annotations

import pandas as pd

from cpdresearch.text import STOPWORDS, term_frequencies, tokenize


def test_tokenize_keeps_inner_apostrophes_and_splits_punctuation():
    assert tokenize("Don’t cancel the team's away-day (again)!") == ["don't", "cancel", "the", "team's", "away",
                                                                      "day", "again"]
    assert tokenize("ASYE 2024: 3 sessions", lowercase=False) == ["ASYE", "sessions"]
    assert tokenize(float("nan")) == [] and tokenize("") == []


def test_stopwords_cover_function_words_not_topics():
    assert {"the", "and", "ourselves", "wouldn't", "dont", "very"} <= STOPWORDS
    assert not {"supervision", "mentoring", "workload", "training", "time"} & STOPWORDS


def test_term_frequencies_hand_counted():
    texts = ["Workload is too high; workload again", "No cover for training", None,
             "Training is good but workload", "Ok"]
    table = term_frequencies(texts)
    counts = dict(zip(table["term"], table["count"]))
    documents = dict(zip(table["term"], table["documents"]))
    # "is", "too", "no", "for", "but", "again" are stopwords; "ok" is shorter than 3
    assert counts == {"workload": 3, "training": 2, "cover": 1, "good": 1, "high": 1}
    assert documents["workload"] == 2 and documents["training"] == 2
    assert table["term"].tolist()[:2] == ["workload", "training"]  # ties after, alphabetical
    assert table["term"].tolist()[2:] == ["cover", "good", "high"]


def test_term_frequencies_options():
    texts = ["Ask [NAME-1] about mentoring", "mentoring mentoring"]
    assert "name" in set(term_frequencies(texts)["term"])
    assert "name" not in set(term_frequencies(texts, extra_stopwords=["NAME"])["term"])
    assert term_frequencies(texts, top=1)["term"].tolist() == ["mentoring"]
    assert "the" in set(term_frequencies(["the the"], stopwords=None)["term"])
    assert "ok" in set(term_frequencies(["ok"], min_length=2)["term"])


def test_term_frequencies_of_nothing_is_an_empty_table():
    table = term_frequencies([])
    assert table.empty and list(table.columns) == ["term", "count", "documents"]
    assert isinstance(table, pd.DataFrame)


def test_term_frequencies_count_the_tokens_tokenize_gives():
    from nltk.probability import FreqDist

    texts = ["Peer supervision’s great, isn't it?", "E-learning: e-learning and PEER review", None]
    expected = FreqDist(t for text in texts for t in tokenize(text) if len(t) >= 3 and t not in STOPWORDS)
    table = term_frequencies(texts)
    assert dict(zip(table["term"], table["count"])) == dict(expected)
