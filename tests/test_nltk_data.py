"""Offline rule: NLTK resources come from the package-managed directory, never a download."""
from __future__ import annotations

import nltk
import pytest

from cpdresearch.nltk_data import ensure_nltk_data, vader_analyzer


def test_vader_runs_offline_from_managed_directory(tmp_path, monkeypatch):
    def no_download(*args, **kwargs):
        raise AssertionError("nltk.download must never be called")

    monkeypatch.setattr(nltk, "download", no_download)
    d = ensure_nltk_data(tmp_path / "nltk")
    assert (d / "sentiment" / "vader_lexicon.zip").exists()
    scores = vader_analyzer().polarity_scores("The course was really helpful and well run.")
    assert scores["compound"] > 0.5
    # Reference from the VADER paper's README example: "VADER is smart, handsome, and funny."
    assert vader_analyzer().polarity_scores("VADER is smart, handsome, and funny.")["compound"] == pytest.approx(0.8316, abs=1e-4)
