"""Focus-group transcripts (``.txt``, WebVTT ``.vtt``, ``.docx``) as speaker turns.

A turn is one speaker's uninterrupted contribution; it becomes one segment with id
``<session_id>-<turn_no>`` (see ``docs/study_folder.md``).

Examples
--------
>>> turns, notes = parse_text_lines([
...     "# Session 1, pseudonymised",
...     "[00:00:05] FAC: What helps you trust a social worker?",
...     "[00:00:12] YP1: When they come back",
...     "when they said they would.",
...     "YP2: Same.",
... ])
>>> [(t.speaker, t.start, t.text) for t in turns]
[('FAC', 5.0, 'What helps you trust a social worker?'), ('YP1', 12.0, 'When they come back when they said they would.'), ('YP2', None, 'Same.')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "TRANSCRIPT_SUFFIXES", "Turn", "parse_text_lines", "read_txt", "read_vtt", "read_docx",
    "read_transcript",
]

#: Transcript formats, by suffix.
TRANSCRIPT_SUFFIXES: tuple[str, ...] = (".txt", ".vtt", ".docx")

_TIME = r"\[?(?P<time>\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)\]?"
# .txt speaker ids are pseudonymous tokens (FAC, YP1, SW_3): no spaces, so prose such as
# "and then she said: no" is not mistaken for a speaker.
_TXT_TURN = re.compile(rf"^(?:{_TIME}\s+)?(?P<speaker>[A-Z][A-Za-z0-9_]{{0,23}})\s*:\s*(?P<text>.*)$")
# docx and un-tagged vtt cues carry display names ("Facilitator", "Young person 1").
_NAMED_TURN = re.compile(rf"^(?:{_TIME}\s+)?(?P<speaker>[A-Za-z][\w .'-]{{0,39}}?)\s*:\s+(?P<text>.*)$")


@dataclass
class Turn:
    """One speaker turn: who spoke, when (seconds from the start, if known), what.

    Examples
    --------
    >>> Turn(speaker="P1", text="We were not told.", start=65.0).speaker
    'P1'
    """

    speaker: str
    text: str
    start: float | None = None


def _seconds(stamp: str | None) -> float | None:
    if not stamp:
        return None
    parts = [float(p.replace(",", ".")) for p in stamp.split(":")]
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + part
    return seconds


def _add(turns: list[Turn], speaker: str, text: str, start: float | None, *, merge: bool) -> None:
    text = text.strip()
    if merge and turns and turns[-1].speaker == speaker:
        turns[-1].text = f"{turns[-1].text} {text}".strip()
    else:
        turns.append(Turn(speaker, text, start))


def _continue(turns: list[Turn], text: str) -> bool:
    if not turns:
        return False
    turns[-1].text = f"{turns[-1].text} {text.strip()}".strip()
    return True


def parse_text_lines(lines, *, pattern: re.Pattern = _TXT_TURN) -> tuple[list[Turn], list[str]]:
    """Turns from transcript lines, and notes about lines before the first speaker.

    ``[hh:mm:ss] SPEAKER: text`` starts a turn (timestamp optional); a line without a
    speaker continues the previous turn; ``#`` lines and blank lines are skipped.
    """
    turns: list[Turn] = []
    notes: list[str] = []
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = pattern.match(line)
        if match:
            _add(turns, match["speaker"].strip(), match["text"], _seconds(match["time"]), merge=False)
        elif not _continue(turns, line):
            notes.append(f"line {number}: text before the first speaker turn ignored")
    return turns, notes


def read_txt(path: Path) -> tuple[list[Turn], list[str]]:
    """Turns of a ``.txt`` transcript (UTF-8, falling back to cp1252)."""
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return parse_text_lines(text.splitlines())


def read_vtt(path: Path) -> tuple[list[Turn], list[str]]:
    """Turns of a WebVTT transcript (Teams/Zoom): ``<v Name>`` voice tags, else ``Name: text``.

    Consecutive cues by the same speaker are one turn.
    """
    import webvtt

    turns: list[Turn] = []
    notes: list[str] = []
    for number, caption in enumerate(webvtt.read(str(path)), start=1):
        text = " ".join(caption.text.split())
        if not text:
            continue
        speaker = caption.voice
        if not speaker:
            match = _NAMED_TURN.match(text)
            if match:
                speaker, text = match["speaker"], match["text"]
        if speaker:
            _add(turns, speaker.strip(), text, float(caption.start_in_seconds), merge=True)
        elif not _continue(turns, text):
            notes.append(f"cue {number}: text before the first speaker turn ignored")
    return turns, notes


def read_docx(path: Path) -> tuple[list[Turn], list[str]]:
    """Turns of a Word transcript: paragraphs ``Name: text``; others continue the turn."""
    import docx

    document = docx.Document(str(path))
    return parse_text_lines([p.text for p in document.paragraphs], pattern=_NAMED_TURN)


def read_transcript(path: str | Path) -> tuple[list[Turn], list[str]]:
    """Turns of a transcript in any supported format, and notes on ignored text.

    Raises
    ------
    ValueError
        If the suffix is not ``.txt``, ``.vtt`` or ``.docx``, or the file cannot be parsed.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "fg.txt"
    >>> _ = path.write_text("# pilot\\n[00:01:05] FAC: Welcome.\\nP1: We were not told.\\n")
    >>> turns, notes = read_transcript(path)
    >>> [(t.speaker, t.start) for t in turns]
    [('FAC', 65.0), ('P1', None)]
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".vtt":
        try:
            return read_vtt(path)
        except Exception as err:  # webvtt raises its own MalformedFileError/MalformedCaptionError
            raise ValueError(f"unreadable WebVTT: {err}") from err
    if suffix == ".docx":
        try:
            return read_docx(path)
        except Exception as err:  # python-docx raises PackageNotFoundError, KeyError, zip errors
            raise ValueError(f"unreadable Word document: {err}") from err
    if suffix == ".txt":
        return read_txt(path)
    raise ValueError(f"unsupported transcript format {suffix!r}")
