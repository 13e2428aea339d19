"""Synthetic focus groups: sessions, transcripts (.txt, .vtt, .docx), codebook, codings.

Each session reads like 60-90 minutes of fieldwork (8,500-11,000 words, 5-10
participants): the facilitator welcomes everyone, sets ground rules and runs a round of
introductions, then asks about each theme in turn (:mod:`cpdresearch.synth.text`,
:mod:`cpdresearch.synth.talk`). Participants answer in their group's voice: short answers
("Same."), opinions built from the theme's sentences with openers, hesitations and
self-repairs, and long stories (a setup, events of the theme, a feeling, a reflection).
Some people talk a lot and some hardly at all; people cut in (``[crosstalk]``, overlapping
timestamps), get cut off (``--``) or get a "Yeah." halfway through a story. Planted
personal data (:mod:`cpdresearch.synth.personal`) is said in passing. No speaker has two
turns in a row, so a turn is the same unit in every transcript format. Two coders code
the same segments (:func:`manual_codings`).

Examples
--------
>>> import numpy as np
>>> sessions, transcripts = focus_group_sessions(np.random.default_rng(3), sessions=3)
>>> all(8_000 <= sum(t.words for t in s.turns) <= 12_000 for s in transcripts)
True
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
from . import personal, talk, text

__all__ = [
    "Turn", "Transcript", "focus_group_sessions", "render_transcripts", "codebook_spec",
    "manual_codings",
]

_PREFIX = {"young_people": "YP", "parents_carers": "P", "staff": "SW"}
#: Where each group met: four sites, staff partly online.
_SITES = {"young_people": ("Riverside Youth Centre", "Northfield Family Hub"),
          "parents_carers": ("Northfield Family Hub", "Civic Offices"),
          "staff": ("Civic Offices", "Microsoft Teams")}
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
#: Words per session: a 60-90 minute focus group.
SESSION_WORDS = (8_500, 11_000)
#: Participants per session.
PARTICIPANTS = (5, 10)
#: Seconds per spoken word (about 140 words a minute).
_SECONDS_PER_WORD = 0.43


@dataclass(frozen=True)
class Turn:
    speaker: str
    start: int  # seconds from the start of the recording
    sentences: tuple[str, ...]
    theme: str | None  # the theme the turn was written for; None for facilitation and short answers
    also: tuple[str, ...] = ()  # other themes a story touches on

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    @property
    def words(self) -> int:
        return sum(len(s.split()) for s in self.sentences)


@dataclass(frozen=True)
class Transcript:
    session_id: str
    group: str
    file: str
    turns: tuple[Turn, ...]


def _pick(rng: np.random.Generator, options):
    return options[int(rng.integers(len(options)))]


def _lower_first(sentence: str) -> str:
    """A sentence continued after an opener: "The plan..." -> "the plan..." ("I ..." kept)."""
    first = sentence.split(" ", 1)[0]
    if first in ("I", "I'm", "I've", "I'd", "I'll", "Signs") or first[:1] == "[" or (len(first) > 1 and first.isupper()):
        return sentence
    return sentence[:1].lower() + sentence[1:]


class _Session:
    """Builds one session's turns: who speaks, what kind of turn, in which words."""

    def __init__(self, rng: np.random.Generator, group: str, index: int, *, planted: bool):
        self.rng, self.group = rng, group
        self.voice = talk.VOICES[group]
        n_people = int(rng.integers(PARTICIPANTS[0], PARTICIPANTS[1] + 1))
        self.people = [f"{_PREFIX[group]}{i}" for i in range(1, n_people + 1)]
        # Some people talk a lot, some hardly at all.
        weight = rng.gamma(1.2, size=n_people) + 0.15
        self.weight = weight / weight.sum()
        self.turns: list[Turn] = []
        self._decks: dict = {}
        self.clock = int(rng.integers(4, 40))
        cast = personal.CAST_SLOTS
        # The session's cast: planted names and numbers, rotating so every value is used.
        children = cast["child"]
        self.slots = dict(talk.SLOTS)
        self.slots.update({
            "child": (children[(2 * index) % len(children)],),
            "sibling": (children[(2 * index + 1) % len(children)],),
            **{k: (cast[k][index % len(cast[k])],) for k in ("worker", "title_name")},
        })
        kinds = ("school", "address", "phone", "ni", "email", "postcode")
        # two direct identifiers per session, rotating through every planted value
        flat = [(k, v) for k in kinds for v in cast[k]]
        self.identifiers = [flat[(2 * index) % len(flat)], flat[(2 * index + 1) % len(flat)]]
        self.plants: dict[str, list[str]] = {}
        for kind, value in [(k, None) for k in ("child", "sibling", "worker", "title_name")] + self.identifiers:
            theme, template = _pick(rng, talk.PLANTS[group][kind])
            if value is not None:
                template = template.replace("{" + kind + "}", value)
            self.plants.setdefault(theme, []).append(self.fill(template))
        if planted:  # the original planted turns, as before: roster names and numbers
            for theme, sentence in zip(_PLANTED_THEMES[group], personal.TRANSCRIPT_TURNS[group]):
                self.plants.setdefault(theme, []).append(sentence)

    # --- words ---------------------------------------------------------------------------
    def deal(self, key, pool):
        """The next fragment from a shuffled deck, reshuffled when used up: nothing comes
        round again before the rest of its pool has been said."""
        deck = self._decks.get(key)
        if not deck:
            deck = self._decks[key] = [pool[i] for i in self.rng.permutation(len(pool))]
        return deck.pop()

    def fill(self, template: str) -> str:
        return talk.fill(template, self.rng, self.slots)

    def disfluent(self, sentence: str) -> str:
        """Hesitations: a filler between commas, the first word said twice, or a restart."""
        rng, words = self.rng, sentence.split(" ")
        r = rng.random()
        if len(words) > 6 and r < 0.16:
            k = int(rng.integers(2, min(6, len(words) - 2)))
            if not words[k - 1].endswith((",", ".", "?", "!", "--")) and words[k][:1].islower():
                words[k - 1] += ","
                words.insert(k, _pick(rng, self.voice.fillers) + ",")
        elif len(words) > 4 and r < 0.24 and words[0][:1].isalpha() and not words[0].endswith(","):
            words.insert(1, words[0].lower() if words[0] not in ("I", "I'm", "I've", "I'd") else words[0])
            words[0] = words[0] + ","
        elif len(words) > 8 and r < 0.29 and words[0][:1].isalpha():
            # a restart: "It took years before I -- I mean, it took years before I got..."
            k = int(rng.integers(2, 5))
            start = " ".join(words[:k]).rstrip(",")
            return f"{start} -- {_pick(rng, self.voice.self_repairs)} {_lower_first(sentence)}"
        return " ".join(words)

    def core(self, theme: str) -> str:
        """A sentence of the theme (matching its codebook patterns), slots filled."""
        pool = text.THEMES[theme].voices(self.group) + talk.EXTRA[theme][self.group]
        return self.fill(self.deal(("core", theme), pool))

    def practice(self, theme: str) -> str:
        """Good or poor practice on the theme, in a frame of the group's voice."""
        frame = self.deal("frame", talk.FRAMES[self.group])
        key = "good" if "{good}" in frame else "bad"
        phrase = self.deal((key, theme), (talk.GOOD if key == "good" else talk.BAD)[theme])
        return frame.replace("{" + key + "}", phrase)

    def elaboration(self) -> str:
        return self.fill(self.deal("elaboration", talk.ELABORATIONS[self.group]))

    def opinion(self, theme: str) -> list[str]:
        rng = self.rng
        first = self.core(theme) if rng.random() < 0.8 else self.practice(theme)
        if rng.random() < 0.55:
            first = f"{_pick(rng, self.voice.openers)} {_lower_first(first)}"
        sentences = [first]
        for _ in range(int(rng.choice([0, 1, 1, 2, 2, 3]))):
            r = rng.random()
            sentences.append(self.elaboration() if r < 0.35 else self.practice(theme) if r < 0.65 else self.core(theme))
        if rng.random() < 0.25:
            sentences[-1] = sentences[-1].rstrip(".?!") + ", " + _pick(rng, self.voice.tails)
        return [self.disfluent(s) for s in sentences]

    def story(self, theme: str) -> tuple[list[str], tuple[str, ...]]:
        rng, g = self.rng, self.group
        other = [t for t in _GROUP_THEMES[g] if t != theme]
        also = (_pick(rng, other),) if rng.random() < 0.45 else ()
        events = talk.EVENTS[theme][g]
        sentences = [self.fill(self.deal("setup", talk.SETUPS[g])), self.core(theme)]
        sentences += [self.fill(self.deal(("event", theme), events)) for _ in range(int(rng.integers(2, 4)))]
        if also:
            sentences.append(self.core(also[0]))
        sentences += [self.elaboration() for _ in range(int(rng.integers(1, 3)))]
        sentences.append(self.fill(self.deal("feeling", talk.FEELINGS[g])))
        sentences += [self.core(theme) if rng.random() < 0.5 else self.practice(theme)
                      for _ in range(int(rng.integers(1, 4)))]
        sentences.append(self.deal("reflection", talk.REFLECTIONS[g]))
        return [self.disfluent(s) for s in sentences], also

    # --- turns ---------------------------------------------------------------------------
    def add(self, speaker: str, sentences, theme: str | None = None, also=(), *, overlap: bool = False) -> None:
        if self.turns and self.turns[-1].speaker == speaker:
            # A turn must be one unit in every format (a .vtt joins a speaker's cues): the
            # facilitator's two things in a row are one turn; a participant never follows themself.
            if speaker != "FAC":
                raise AssertionError("two turns in a row by one participant")
            last = self.turns.pop()
            sentences = last.sentences + tuple(sentences)
            self.clock = last.start
        if overlap and self.turns:
            # cross-talk: this turn starts a second or two before the last one ends
            self.clock = max(self.turns[-1].start + 1, self.clock - int(self.rng.integers(1, 3)))
        turn = Turn(speaker, self.clock, tuple(sentences), theme, tuple(also))
        self.turns.append(turn)
        self.clock += int(round(turn.words * _SECONDS_PER_WORD)) + int(self.rng.integers(1, 4))

    def speaker(self, *, not_: str | tuple = ()) -> str:
        exclude = {not_} if isinstance(not_, str) else set(not_)
        if self.turns:
            exclude.add(self.turns[-1].speaker)
        while True:
            who = self.people[int(self.rng.choice(len(self.people), p=self.weight))]
            if who not in exclude:
                return who

    def facilitate(self, purpose: str, *extra: str) -> None:
        self.add("FAC", (_pick(self.rng, talk.FACILITATION[purpose]), *extra))

    def opening(self) -> None:
        rng = self.rng
        self.add("FAC", (_pick(rng, talk.FACILITATION["welcome"]), _pick(rng, talk.FACILITATION["ground_rules"]),
                         _pick(rng, talk.FACILITATION["round"])))
        for who in self.people:
            if self.turns[-1].speaker == who:
                self.facilitate("probe")
            self.add(who, (self.fill(_pick(rng, talk.INTRODUCTIONS[self.group])),))
            if rng.random() < 0.2:
                self.add(self.speaker(), (_pick(rng, self.voice.short),))

    def topic(self, theme: str, budget: int, question: str) -> None:
        rng, voice = self.rng, self.voice
        if self.turns and rng.random() < 0.6:
            self.add("FAC", (_pick(rng, talk.FACILITATION["transition"]), question))
        else:
            self.add("FAC", (question,))
        spent, stories, plants = 0, 0, self.plants.pop(theme, [])
        while spent < budget:
            r = rng.random()
            last = self.turns[-1]
            if last.speaker != "FAC" and r < 0.1:
                self.facilitate("probe")
                continue
            who = self.speaker()
            if r < 0.34:  # short answers, often a run of them
                self.add(who, (_pick(rng, voice.short),))
                spent += 1
                continue
            if r < 0.44 and stories < 2:
                sentences, also = self.story(theme)
                stories += 1
            else:
                sentences, also = self.opinion(theme), ()
            planted = bool(plants)
            if planted:  # said whole: a planted value is never cut off
                sentences.insert(min(1, len(sentences)), plants.pop())
            spent += sum(len(s.split()) for s in sentences)
            overlap = False
            if last.speaker != "FAC" and last.theme and rng.random() < 0.18:
                # this speaker cuts in
                sentences[0] = f"{_pick(rng, voice.interrupt_starts)} {_lower_first(sentences[0])}"
                overlap = True
            if len(sentences) >= 5 and rng.random() < 0.3:
                # someone chips in halfway through a long story, and the teller carries on
                cut = int(rng.integers(2, len(sentences) - 1))
                first, second = sentences[:cut], sentences[cut:]
                first[-1] = first[-1].rstrip(".?!,") + " --"
                self.add(who, first, theme, also, overlap=overlap)
                self.add(self.speaker(not_=who), (_pick(rng, voice.backchannels),), overlap=True)
                self.add(who, ["-- " + _lower_first(second[0]), *second[1:]], theme, also)
            elif len(sentences) >= 2 and not planted and rng.random() < 0.12:
                # cut off mid-sentence by someone else
                words = sentences[-1].split(" ")
                sentences[-1] = " ".join(words[: max(2, len(words) // 2)]).rstrip(",.") + " --"
                self.add(who, sentences, theme, also, overlap=overlap)
                if rng.random() < 0.3:
                    self.facilitate("order")
            else:
                self.add(who, sentences, theme, also, overlap=overlap)
        if plants:  # a theme with few turns still carries its planted sentences
            self.add(self.speaker(), (*plants,), theme)

    def closing(self) -> None:
        rng = self.rng
        self.facilitate("closing_question")
        for _ in range(int(rng.integers(3, 6))):
            who = self.speaker()
            theme = _pick(rng, _GROUP_THEMES[self.group])
            self.add(who, self.opinion(theme), theme)
        extra = (_pick(rng, talk.FACILITATION["voucher"]),) if self.group != "staff" else ()
        self.add("FAC", (_pick(rng, talk.FACILITATION["thanks"]), *extra))


def _session_turns(rng: np.random.Generator, group: str, *, index: int = 0, planted: bool) -> list[Turn]:
    session = _Session(rng, group, index, planted=planted)
    themes = list(_GROUP_THEMES[group])
    order = [themes[i] for i in rng.permutation(len(themes))]
    target = int(rng.integers(*SESSION_WORDS))
    session.opening()
    opening_words = sum(t.words for t in session.turns)
    share = rng.dirichlet(np.full(len(order), 6.0))  # some topics run longer than others
    for theme_id, part in zip(order, share):
        theme = text.THEMES[theme_id]
        asked = (theme.questions if group != "staff" else ()) + talk.QUESTIONS[theme_id][group]
        question = _pick(rng, asked)
        session.topic(theme_id, int(part * (target - opening_words - 400)), question)
    session.closing()
    return session.turns


def _format(fmt: str, session_id: str, group: str, turns: list[Turn], rng: np.random.Generator):
    """Render a transcript: .txt text, .vtt text, or .docx paragraphs."""
    if fmt == "txt":
        lines = [f"# Focus group {session_id} ({group.replace('_', ' ')}). Names changed; consent recorded."]
        for turn in turns:
            stamp = "" if rng.random() < 0.1 else f"[{_hms(turn.start)}] "
            if len(turn.sentences) > 1 and rng.random() < 0.5:
                # Transcribers often break a long turn over lines without repeating the speaker.
                lines.append(f"{stamp}{turn.speaker}: {turn.sentences[0]}")
                lines += _paragraphs(turn.sentences[1:], rng)
            else:
                lines.append(f"{stamp}{turn.speaker}: {turn.text}")
        return "\n".join(lines) + "\n"
    if fmt == "vtt":
        lines = ["WEBVTT", ""]
        cue = 0
        for i, turn in enumerate(turns):
            # a cue lasts as long as its words take to say, so cross-talk overlaps the next cue
            end = turn.start + max(2, round(turn.words * _SECONDS_PER_WORD))
            # Teams splits a turn into one cue per sentence; same speaker, so one turn.
            bounds = np.linspace(turn.start, end, len(turn.sentences) + 1)
            for k, sentence in enumerate(turn.sentences):
                cue += 1
                lines += [f"{cue}", f"{_hms(bounds[k], ms=True)} --> {_hms(bounds[k + 1], ms=True)}",
                          f"<v {turn.speaker}>{sentence}</v>", ""]
        return "\n".join(lines)
    paragraphs = []
    for turn in turns:
        if len(turn.sentences) > 5:
            # a long story runs over paragraphs, the later ones without the speaker
            cut = int(rng.integers(2, len(turn.sentences) - 2))
            paragraphs += [f"{turn.speaker}: {' '.join(turn.sentences[:cut])}", " ".join(turn.sentences[cut:])]
        else:
            paragraphs.append(f"{turn.speaker}: {turn.text}")
    return paragraphs


def _paragraphs(sentences, rng: np.random.Generator) -> list[str]:
    """Continuation lines of three to five sentences each."""
    lines, k = [], 0
    while k < len(sentences):
        step = int(rng.integers(3, 6))
        lines.append(" ".join(sentences[k:k + step]))
        k += step
    return lines


def _hms(seconds: float, *, ms: bool = False) -> str:
    whole = int(seconds)
    stamp = f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
    return stamp + (f".{int(round((seconds - whole) * 1000)) % 1000:03d}" if ms else "")


def _file_format(index: int) -> str:
    """Mostly .txt; the staff sessions on Teams (3rd, 9th) .vtt; the 5th and 10th .docx."""
    if index in (2, 8):
        return "vtt"
    if index in (4, 9):
        return "docx"
    return "txt"


def focus_group_sessions(rng: np.random.Generator, *, sessions: int):
    """``sessions.csv`` and the transcripts: groups cycle young people, parents, staff.

    Returns the ``sessions.csv`` table and one :class:`Transcript` per session; render the
    files with :func:`render_transcripts`. The roster's personal-data turns of
    :mod:`cpdresearch.synth.personal` are planted in the first session of each group; every
    session names some of the unlisted people and says two direct identifiers aloud.
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
        if group == "staff":
            site = _SITES[group][fmt == "vtt"]  # the Teams sessions come as .vtt
        file = f"{session_id}.{fmt}"
        turns = _session_turns(rng, group, index=i, planted=i < len(groups))
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
                   coders: tuple[str, str] = ("AB", "CD"), min_words: int = 6) -> pd.DataFrame:
    """Two coders' codes for the same segments: every substantive participant turn of the
    first session of each group (about a quarter of the sessions, as double coding goes).

    Each coder gives a turn's own theme with probability 0.9 (0.04 another code instead,
    0.06 nothing), the theme a story touches on as well with probability 0.6, and now and
    then (0.03) a second code of their own; so they mostly agree, not always.
    """
    codes = list(text.THEMES)
    first = {}
    for t in transcripts:
        first.setdefault(t.group, t.session_id)
    units = [(f"{t.session_id}-{no}", turn) for t in transcripts if first[t.group] == t.session_id
             for no, turn in enumerate(t.turns, start=1) if turn.theme and turn.words >= min_words]
    rows = []
    for coder in coders:
        for segment_id, turn in units:
            given = []
            r = rng.random()
            if r < 0.9:
                given.append(turn.theme)
            elif r < 0.94:
                given.append(_pick(rng, [c for c in codes if c != turn.theme]))
            for other in turn.also:
                if rng.random() < 0.6:
                    given.append(other)
            if rng.random() < 0.03:
                given.append(_pick(rng, codes))
            rows += [{"coder": coder, "segment_id": segment_id, "code": c} for c in dict.fromkeys(given)]
    return pd.DataFrame(rows, columns=["coder", "segment_id", "code"])
