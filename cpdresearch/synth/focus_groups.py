"""Synthetic focus groups: sessions, transcripts (.txt, .vtt, .docx), codebook, codings.

Each session is a sequence of turns: the facilitator opens, then for each theme asks a
question and two to four participants answer with sentences drawn from that theme's pool
(:mod:`cpdresearch.synth.text`), with the odd follow-up prompt, then closes. No speaker
has two turns in a row, so a turn is the same unit in every transcript format. Two
coders code about 40% of participant turns; each codes the theme the turn was written
for with probability 0.87 and otherwise a different code, which puts Cohen's kappa
around 0.7.

Examples
--------
>>> import numpy as np
>>> sessions, transcripts = focus_group_sessions(np.random.default_rng(3), sessions=3)
>>> list(sessions["group"])
['young_people', 'parents_carers', 'staff']
>>> sorted({f.rsplit(".", 1)[1] for f in sessions["file"]})
['txt', 'vtt']
>>> transcripts[0].turns[0].speaker
'FAC'
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import frameworks
from . import personal, text

__all__ = [
    "Turn", "Transcript", "focus_group_sessions", "render_transcripts", "codebook_spec",
    "manual_codings",
]

_PREFIX = {"young_people": "YP", "parents_carers": "P", "staff": "SW"}
_SITES = {"young_people": ("Youth hub", "Children in care council"),
          "parents_carers": ("Family centre", "Civic offices"),
          "staff": ("Civic offices", "Microsoft Teams")}
#: Themes each group is asked about (online harms mostly with young people and parents).
_GROUP_THEMES = {
    "young_people": tuple(text.THEMES),
    "parents_carers": tuple(text.THEMES),
    "staff": tuple(t for t in text.THEMES if t != "online_harms") + ("online_harms",),
}
#: Which theme each planted personal-data turn is about, in TRANSCRIPT_TURNS order.
_PLANTED_THEMES = {
    "young_people": ("relationships", "contactability"),
    "parents_carers": ("relationships", "contactability"),
    "staff": ("turnover", "decisions_managers"),
}


@dataclass(frozen=True)
class Turn:
    speaker: str
    start: int  # seconds from the start of the recording
    sentences: tuple[str, ...]
    theme: str | None  # the theme the turn was written for; None for facilitation

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


@dataclass(frozen=True)
class Transcript:
    session_id: str
    group: str
    file: str
    turns: tuple[Turn, ...]


def _session_turns(rng: np.random.Generator, group: str, *, planted: bool) -> list[Turn]:
    n_people = int(rng.integers(4, 7))
    people = [f"{_PREFIX[group]}{i}" for i in range(1, n_people + 1)]
    themes = list(_GROUP_THEMES[group])
    order = [themes[i] for i in rng.permutation(len(themes))]
    plants = dict(zip(_PLANTED_THEMES[group], personal.TRANSCRIPT_TURNS[group])) if planted else {}
    turns: list[Turn] = []
    clock = int(rng.integers(5, 20))

    def add(speaker: str, sentences: tuple[str, ...], theme: str | None) -> None:
        nonlocal clock
        turns.append(Turn(speaker, clock, sentences, theme))
        clock += 4 + 5 * sum(len(s.split()) for s in sentences) // 12 + int(rng.integers(0, 6))

    opening = text.OPENINGS[int(rng.integers(len(text.OPENINGS)))]
    for t_no, theme_id in enumerate(order):
        theme = text.THEMES[theme_id]
        question = theme.questions[int(rng.integers(len(theme.questions)))]
        # The opening and the first question are one facilitator turn: two FAC turns in a
        # row would be one turn in a .vtt (same speaker) but two in a .txt.
        add("FAC", (opening, question) if t_no == 0 else (question,), None)
        # Deal the theme's sentences without replacement, so nobody repeats another.
        pool = [theme.voices(group)[i] for i in rng.permutation(len(theme.voices(group)))]
        previous = "FAC"
        for k in range(int(rng.integers(2, 5))):
            if not pool:
                break
            if k and rng.random() < 0.2:
                add("FAC", (text.PROMPTS[int(rng.integers(len(text.PROMPTS)))],), None)
                previous = "FAC"
            speaker = previous
            while speaker == previous:
                speaker = people[int(rng.integers(n_people))]
            take = 1 if len(pool) == 1 or rng.random() < 0.6 else 2
            sentences = tuple(pool[:take])
            del pool[:take]
            if theme_id in plants:
                sentences = (plants.pop(theme_id),) + sentences[:1]
            add(speaker, sentences, theme_id)
            previous = speaker
    add("FAC", (text.CLOSINGS[int(rng.integers(len(text.CLOSINGS)))],), None)
    return turns


def _format(fmt: str, session_id: str, group: str, turns: list[Turn], rng: np.random.Generator):
    """Render a transcript: .txt text, .vtt text, or .docx paragraphs."""
    if fmt == "txt":
        lines = [f"# Focus group {session_id} ({group.replace('_', ' ')}). Names changed; consent recorded."]
        for turn in turns:
            stamp = "" if rng.random() < 0.1 else f"[{_hms(turn.start)}] "
            if len(turn.sentences) > 1 and rng.random() < 0.5:
                # Transcribers often break a long turn over lines without repeating the speaker.
                lines.append(f"{stamp}{turn.speaker}: {turn.sentences[0]}")
                lines.append(" ".join(turn.sentences[1:]))
            else:
                lines.append(f"{stamp}{turn.speaker}: {turn.text}")
        return "\n".join(lines) + "\n"
    if fmt == "vtt":
        lines = ["WEBVTT", ""]
        cue = 0
        for i, turn in enumerate(turns):
            end = turns[i + 1].start if i + 1 < len(turns) else turn.start + 8
            # Teams splits a turn into one cue per sentence; same speaker, so one turn.
            bounds = np.linspace(turn.start, end, len(turn.sentences) + 1)
            for k, sentence in enumerate(turn.sentences):
                cue += 1
                lines += [f"{cue}", f"{_hms(bounds[k], ms=True)} --> {_hms(bounds[k + 1], ms=True)}",
                          f"<v {turn.speaker}>{sentence}</v>", ""]
        return "\n".join(lines)
    return [f"{turn.speaker}: {turn.text}" for turn in turns]


def _hms(seconds: float, *, ms: bool = False) -> str:
    whole = int(seconds)
    stamp = f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
    return stamp + (f".{int(round((seconds - whole) * 1000)) % 1000:03d}" if ms else "")


def _file_format(index: int) -> str:
    """Mostly .txt; the third session (staff, on Teams) .vtt; the fifth .docx."""
    if index == 2:
        return "vtt"
    if index == 4:
        return "docx"
    return "txt"


def focus_group_sessions(rng: np.random.Generator, *, sessions: int):
    """``sessions.csv`` and the transcripts: groups cycle young people, parents, staff.

    Returns the ``sessions.csv`` table and one :class:`Transcript` per session; render the
    files with :func:`render_transcripts`. The personal-data turns of
    :mod:`cpdresearch.synth.personal` are planted in the first session of each group.
    """
    groups = frameworks.PARTICIPANT_GROUPS
    start = dt.date(2026, 3, 2)
    rows, transcripts = [], []
    for i in range(sessions):
        group = groups[i % len(groups)]
        session_id = f"fg{i + 1:02d}_{group}"
        fmt = _file_format(i)
        day = np.busday_offset(start, 3 * i + int(rng.integers(0, 3)), roll="forward")
        site = _SITES[group][i // len(groups) % 2]
        if group == "staff" and fmt == "vtt":
            site = "Microsoft Teams"
        file = f"{session_id}.{fmt}"
        turns = _session_turns(rng, group, planted=i < len(groups))
        rows.append({"session_id": session_id, "file": file, "group": group, "date": str(day), "site": site})
        transcripts.append(Transcript(session_id, group, file, tuple(turns)))
    return pd.DataFrame(rows), transcripts


def render_transcripts(rng: np.random.Generator, transcripts: list[Transcript]) -> dict[str, object]:
    """File name -> rendered content (str for .txt/.vtt, list of paragraphs for .docx)."""
    return {t.file: _format(t.file.rsplit(".", 1)[1], t.session_id, t.group, list(t.turns), rng)
            for t in transcripts}


def codebook_spec() -> dict:
    """The ``codebooks/focus_groups.yml`` mapping: one code per theme."""
    return {"codes": [
        {"id": t.id, "label": t.label, "description": t.description, "patterns": list(t.patterns),
         "kss": list(t.kss), "pcf": list(t.pcf)}
        for t in text.THEMES.values()
    ]}


def manual_codings(rng: np.random.Generator, transcripts: list[Transcript], *,
                   coders: tuple[str, str] = ("AB", "CD"), share: float = 0.4,
                   accuracy: float = 0.87) -> pd.DataFrame:
    """Two coders' codes for a sample of participant turns, agreeing imperfectly."""
    segments = [(f"{t.session_id}-{no}", turn.theme)
                for t in transcripts for no, turn in enumerate(t.turns, start=1) if turn.theme]
    codes = np.array(list(text.THEMES), dtype=object)
    n = len(segments)
    picked = np.sort(rng.choice(n, size=int(round(share * n)), replace=False))
    seg_ids = np.array([segments[i][0] for i in picked], dtype=object)
    truth = np.array([list(text.THEMES).index(segments[i][1]) for i in picked])
    rows = []
    for coder in coders:
        wrong = rng.random(picked.size) >= accuracy
        # A wrong code is any other code, uniformly.
        other = (truth + rng.integers(1, codes.size, size=picked.size)) % codes.size
        rows.append(pd.DataFrame({"coder": coder, "segment_id": seg_ids,
                                  "code": codes[np.where(wrong, other, truth)]}))
    return pd.concat(rows, ignore_index=True)
