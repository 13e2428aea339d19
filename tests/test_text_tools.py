"""Sentiment (VADER), collocations and concordance in cpdresearch.text."""
from __future__ import annotations

import math

import pytest

from cpdresearch.text import collocations, concordance, sentiment


def test_vader_matches_the_published_examples():
    # vaderSentiment README (Hutto and Gilbert 2014)
    scores = sentiment(["VADER is smart, handsome, and funny.", "VADER is not smart, handsome, nor funny.",
                        "The book was kind of good.", None])
    assert scores["compound"].tolist()[:3] == [0.8316, -0.7424, 0.3832]
    assert scores.loc[0, ["neg", "neu", "pos"]].tolist() == [0.0, 0.254, 0.746]
    assert math.isnan(scores.loc[3, "compound"])


def test_collocations_pmi_follows_church_and_hanks():
    docs = ["social worker came", "social worker rang", "social worker left", "new worker", "social care"] * 2
    table = collocations(docs, min_freq=2, stopwords=()).set_index(["w1", "w2"])
    # PMI = log2(f(xy) N / (f(x) f(y))) over the bigram finder's word counts
    n, fxy, fx, fy = 26, 6, 8, 8  # 26 words in all
    assert table.loc[("social", "worker"), "freq"] == 6
    assert table.loc[("social", "worker"), "pmi"] == pytest.approx(math.log2(fxy * n / (fx * fy)))
    assert ("worker", "came") in table.index and table["likelihood_ratio"].is_monotonic_decreasing


def test_concordance_whole_words_any_case():
    kwic = concordance(["Trust me, I trust her. Distrust is different.", None, "no match"], "trust", width=5)
    assert kwic["match"].tolist() == ["Trust", "trust"]
    assert kwic.loc[1, "left"] == "e, I " and kwic.loc[1, "right"] == " her."
    assert kwic["document"].tolist() == [0, 0]
