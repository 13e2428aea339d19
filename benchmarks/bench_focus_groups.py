"""Focus groups: transcripts parsed, pseudonymised and coded, against a naive loop.

Synthetic transcripts (:func:`cpdresearch.synth.focus_groups.focus_group_sessions`, one
turn per line as in a ``.txt`` transcript) of about 100,000 and 1,000,000 words go
through what notebook 02 does first: parsing (:func:`cpdresearch.io.transcripts.
parse_text_lines`), pseudonymisation (:func:`cpdresearch.focus_groups.participant_segments`)
and deductive coding (:func:`cpdresearch.focus_groups.code_segments`). Printed side by
side in one run: the coding against a naive loop (one ``re.search`` per pattern per
segment, same codebook, same segments; aim at least 5x faster), 1M against 100k words
(aim at most 12x), each step's share of the time (pseudonymisation must not be the
bottleneck), and pseudonymisation against the one before the name lexicon
(``benchmarks/_before``: a pattern pass and the unlisted-names pass per turn), on the same
turns. Every turn gets a distinct tag word, so no text is pseudonymised twice. The
lexicon is built once per process before timing (as in the runner's warm process); its
load time is printed apart.

Usage: ``python -m benchmarks focus_groups`` (``--quick``: 20,000 and 200,000 words).
"""
from __future__ import annotations

import re
import time

import numpy as np
import pandas as pd

from benchmarks._before import pseudonymise as before_pseudonymise
from benchmarks._before import unlisted_names as before_unlisted_names
from cpdresearch.focus_groups import code_segments, participant_segments
from cpdresearch.io.focus_groups import parse_codebook
from cpdresearch.io.checks import Collector
from cpdresearch.io.transcripts import parse_text_lines
from cpdresearch.report.name_lexicon import name_lexicon
from cpdresearch.synth.focus_groups import codebook_spec, focus_group_sessions

KNOWN_NAMES = ["Dana Okafor", "Gareth Pryce", "Mirela Novak"]


def _transcripts(words: int, seed: int = 7):
    """Session ids, groups and transcript lines of about ``words`` words."""
    rng = np.random.default_rng(seed)
    sessions, transcripts = focus_group_sessions(rng, sessions=max(3, round(words / 10_000)))
    out, tag = [], 0
    for t in transcripts:
        lines = []
        for turn in t.turns:
            tag += 1
            word = "".join(chr(ord("a") + int(d)) for d in str(tag))  # letters: no digit for the guards
            lines.append(f"{turn.speaker}: {turn.text} (tag {word})")
        out.append((t.session_id, t.group, lines))
    return out


def _segments(transcripts) -> pd.DataFrame:
    rows = []
    for session_id, group, lines in transcripts:
        turns, _ = parse_text_lines(lines)
        rows += [(f"{session_id}-{i}", session_id, i, t.speaker, t.text, group) for i, t in enumerate(turns, 1)]
    return pd.DataFrame(rows, columns=["segment_id", "session_id", "turn_no", "speaker", "text", "group"])


def _naive(segments: pd.DataFrame, codebook) -> set:
    found = set()
    for segment_id, text in zip(segments["segment_id"], segments["text"]):
        for code in codebook.codes:
            for pattern in code.patterns:
                if re.search(pattern, text, re.IGNORECASE):
                    found.add((segment_id, code.id))
    return found


def _run(words: int, codebook) -> dict:
    transcripts = _transcripts(words)
    times = {}
    start = time.perf_counter()
    raw = _segments(transcripts)
    times["parse"] = time.perf_counter() - start
    start = time.perf_counter()
    segments = participant_segments(raw, known_names=KNOWN_NAMES)
    times["pseudonymise"] = time.perf_counter() - start
    start = time.perf_counter()
    old = before_pseudonymise.Pseudonymiser(KNOWN_NAMES)
    before_unlisted_names.mask_unlisted_names(before_pseudonymise.pseudonymise_series(raw["text"], pseudonymiser=old))
    times["before"] = time.perf_counter() - start
    start = time.perf_counter()
    coded = code_segments(segments, codebook=codebook)
    times["code"] = time.perf_counter() - start
    talk = segments[~segments["is_facilitator"]]
    start = time.perf_counter()
    naive = _naive(talk, codebook)
    times["naive"] = time.perf_counter() - start
    assert naive == set(zip(coded["segment_id"], coded["code"])), "the naive loop and the coding disagree"
    times["words"] = int(segments["words"].sum())
    times["total"] = times["parse"] + times["pseudonymise"] + times["code"]
    return times


def main(quick: bool = False) -> None:
    small, big = (20_000, 200_000) if quick else (100_000, 1_000_000)
    codebook = parse_codebook(codebook_spec(), file="codebook", found=Collector())
    start = time.perf_counter()
    name_lexicon()
    print(f"name lexicon built in {time.perf_counter() - start:.2f} s (once per process)")
    _run(2_000, codebook)  # warm imports and regex caches
    a, b = _run(small, codebook), _run(big, codebook)
    for r in (a, b):
        print(f"{r['words']:>9,} words: parse {r['parse']:.2f} s, pseudonymise {r['pseudonymise']:.2f} s, "
              f"code {r['code']:.2f} s (naive loop {r['naive']:.2f} s: {r['naive'] / r['code']:.1f}x slower); "
              f"pseudonymisation {r['pseudonymise'] / r['total']:.0%} of the time, "
              f"{r['pseudonymise'] / r['code']:.2f}x the coding; before the lexicon {r['before']:.2f} s "
              f"({r['before'] / r['pseudonymise']:.1f}x slower)")
    print(f"{b['words'] / a['words']:.0f}x the words took {b['total'] / a['total']:.1f}x the time (aim: at most 12x); "
          f"coding {b['naive'] / b['code']:.1f}x faster than the naive loop (aim: at least 5x)")
