"""The offline NLTK data directory that this package manages.

NLTK 3.9+ refuses absolute resource paths and nothing may be downloaded at run time, so
the VADER lexicon that ``vaderSentiment`` ships is copied, once, into a directory inside
the active environment (:data:`cpdresearch.paths.NLTK_DATA`) laid out as
``nltk.download`` would lay it out, and that directory is put on ``nltk.data.path``.

Examples
--------
>>> from cpdresearch.nltk_data import ensure_nltk_data
>>> d = ensure_nltk_data()
>>> import nltk
>>> str(d) in nltk.data.path
True
"""
from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

from . import paths

__all__ = ["VADER_RESOURCE", "ensure_nltk_data", "vader_analyzer"]

VADER_RESOURCE = "sentiment/vader_lexicon.zip"


def _vader_lexicon_source() -> Path:
    import vaderSentiment

    return Path(vaderSentiment.__file__).parent / "vader_lexicon.txt"


def ensure_nltk_data(directory: str | Path | None = None) -> Path:
    """Prepare the package's NLTK data directory and put it on ``nltk.data.path``.

    Idempotent; writes atomically so two processes preparing it at once cannot leave a
    half-written zip.

    Returns
    -------
    pathlib.Path
        The directory.
    """
    import nltk

    directory = Path(directory) if directory is not None else paths.NLTK_DATA
    target = directory / VADER_RESOURCE
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        os.close(fd)
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.write(_vader_lexicon_source(), "vader_lexicon/vader_lexicon.txt")
        os.replace(tmp, target)
    if str(directory) not in nltk.data.path:
        nltk.data.path.insert(0, str(directory))
    return directory


def vader_analyzer():
    """NLTK's VADER ``SentimentIntensityAnalyzer`` built from the offline lexicon."""
    ensure_nltk_data()
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer(lexicon_file=f"{VADER_RESOURCE}/vader_lexicon/vader_lexicon.txt")
