"""Focus groups: the codebook, sessions, transcript segments and manual codings.

Examples
--------
>>> found = Collector()
>>> book = parse_codebook({"codes": [{"id": "trust", "label": "Trust", "patterns": ["\\\\btrust"],
...                                   "kss": [1], "pcf": [7]}]}, file="codebook.yml", found=found)
>>> book.ids, book["trust"].matches("I trust her"), found.problems
(['trust'], True, [])
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .. import frameworks
from .checks import (Collector, must_exist, require_columns, require_values, to_category, to_date, to_text,
                     unique_ids, warn_unknown_columns)
from .transcripts import TRANSCRIPT_SUFFIXES, read_transcript

__all__ = [
    "SESSION_COLUMNS", "CODING_COLUMNS", "SEGMENT_COLUMNS", "Code", "Codebook", "parse_codebook",
    "tidy_sessions", "build_segments", "tidy_codings",
]

_SLUG = re.compile(r"^[A-Za-z0-9_-]+$")

SESSION_COLUMNS = ("session_id", "file", "group", "date", "site")
CODING_COLUMNS = ("coder", "segment_id", "code")
SEGMENT_COLUMNS = ("segment_id", "session_id", "turn_no", "speaker", "start", "text", "group", "date", "site")


@dataclass(frozen=True)
class Code:
    """A qualitative code: what it means, how to spot it, and its KSS/PCF links.

    Examples
    --------
    >>> code = Code(id="trust", label="Trust", patterns=("trust", "rely on"))
    >>> code.id, code.patterns
    ('trust', ('trust', 'rely on'))
    """

    id: str
    label: str
    description: str = ""
    patterns: tuple[str, ...] = ()
    kss: tuple[int, ...] = ()
    pcf: tuple[int, ...] = ()
    exclude: tuple[str, ...] = ()

    @property
    def regex(self) -> re.Pattern | None:
        """The patterns joined into one case-insensitive regular expression."""
        if not self.patterns:
            return None
        return re.compile("|".join(f"(?:{p})" for p in self.patterns), re.IGNORECASE)

    @property
    def exclude_regex(self) -> re.Pattern | None:
        """The exclusion patterns joined into one case-insensitive regular expression."""
        if not self.exclude:
            return None
        return re.compile("|".join(f"(?:{p})" for p in self.exclude), re.IGNORECASE)

    def matches(self, text: str) -> bool:
        """Whether the code applies: a pattern matches and no exclusion pattern does."""
        regex, exclude = self.regex, self.exclude_regex
        return bool(regex and regex.search(text)) and not (exclude and exclude.search(text))


@dataclass
class Codebook:
    """The codes of a qualitative codebook, in the order declared.

    Examples
    --------
    >>> book = Codebook([Code(id="trust", label="Trust"), Code(id="voice", label="Being heard")])
    >>> book.ids
    ['trust', 'voice']
    """

    codes: list[Code] = field(default_factory=list)

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.codes]

    def __getitem__(self, code_id: str) -> Code:
        for code in self.codes:
            if code.id == code_id:
                return code
        raise KeyError(f"no code {code_id!r} in the codebook; codes: {', '.join(self.ids)}")

    def __contains__(self, code_id: str) -> bool:
        return code_id in self.ids

    def __len__(self) -> int:
        return len(self.codes)

    def table(self) -> pd.DataFrame:
        """One row per code: ``code``, ``label``, ``description``, ``kss``, ``pcf`` (lists)."""
        return pd.DataFrame([(c.id, c.label, c.description, list(c.kss), list(c.pcf)) for c in self.codes],
                            columns=["code", "label", "description", "kss", "pcf"])


def parse_codebook(data, *, file: str, found: Collector, lines=None) -> Codebook | None:
    """A :class:`Codebook` from its YAML mapping; every problem goes to ``found``.

    ``lines`` is a callable giving the YAML line of a key path (from
    :class:`~cpdresearch.io.settings.YamlDoc`), so problems name their line.
    """
    line = lines or (lambda *keys: None)
    if not isinstance(data, dict) or not isinstance(data.get("codes"), list):
        found.add(file, line("codes"), "codes", "the codebook has no list of codes", "codes: [{id, label, ...}]")
        return None
    codes: list[Code] = []
    seen: set[str] = set()
    for i, entry in enumerate(data["codes"]):
        where = f"codes[{i}]"
        if not isinstance(entry, dict) or not str(entry.get("id") or "").strip():
            found.add(file, line("codes", i), where, "a code needs an id", "{id: ..., label: ...}")
            continue
        code_id = str(entry["id"]).strip()
        if code_id in seen:
            found.add(file, line("codes", i, "id"), f"{where}.id", f"duplicate code {code_id!r}", "unique code ids")
            continue
        seen.add(code_id)
        patterns = entry.get("patterns") or []
        if isinstance(patterns, str):
            patterns = [patterns]
        exclude = entry.get("exclude") or []
        if isinstance(exclude, str):
            exclude = [exclude]
        for key, values in (("patterns", patterns), ("exclude", exclude)):
            for j, pattern in enumerate(values):
                try:
                    re.compile(str(pattern))
                except re.error as err:
                    found.add(file, line("codes", i, key, j), f"{where}.{key}",
                              f"bad regular expression {pattern!r}: {err}", "a Python regular expression")
        links = {}
        for key, valid in (("kss", frameworks.KSS_STATEMENTS), ("pcf", frameworks.PCF_DOMAINS)):
            values = entry.get(key) or []
            values = values if isinstance(values, list) else [values]
            good = []
            for value in values:
                if isinstance(value, int) and not isinstance(value, bool) and value in valid:
                    good.append(value)
                else:
                    found.add(file, line("codes", i, key), f"{where}.{key}", f"{value!r} is not a {key.upper()} number",
                              f"an integer from {min(valid)} to {max(valid)}")
            links[key] = tuple(good)
        codes.append(Code(code_id, str(entry.get("label") or code_id), str(entry.get("description") or ""),
                          tuple(str(p) for p in patterns), links["kss"], links["pcf"],
                          tuple(str(p) for p in exclude)))
    return Codebook(codes)


def tidy_sessions(raw, *, found: Collector) -> pd.DataFrame:
    """Validate and type ``sessions.csv`` (ids, transcript file names, groups, dates)."""
    require_columns(raw, SESSION_COLUMNS[:4], found=found)
    out: dict[str, object] = {}
    if "session_id" in raw.frame.columns:
        ids = to_text(raw, "session_id")
        require_values(raw, "session_id", ids, found=found, expected="a session id")
        for pos in np.flatnonzero(ids.notna().to_numpy() & ~ids.fillna("x").str.match(_SLUG).to_numpy()):
            found.add(raw.file, raw.row(pos), "session_id", f"bad session id {ids.iat[pos]!r}",
                      "letters, digits, '-' and '_' only")
        unique_ids(raw, "session_id", ids, found=found)
        out["session_id"] = ids
    if "file" in raw.frame.columns:
        files = to_text(raw, "file")
        require_values(raw, "file", files, found=found, expected="a transcript file name")
        out["file"] = files
    if "group" in raw.frame.columns:
        out["group"] = to_category(raw, "group", frameworks.PARTICIPANT_GROUPS, found=found, what="group")
        require_values(raw, "group", raw.frame["group"], found=found, expected="a participant group")
    if "date" in raw.frame.columns:
        out["date"] = to_date(raw, "date", found=found)
        require_values(raw, "date", raw.frame["date"], found=found, expected="an ISO date")
    out["site"] = to_text(raw, "site") if "site" in raw.frame.columns else pd.Series([None] * len(raw), dtype="str")
    warn_unknown_columns(raw, SESSION_COLUMNS, found=found)
    for column in raw.frame.columns:
        if column not in out:
            out[column] = to_text(raw, column)
    return pd.DataFrame(out, index=pd.RangeIndex(len(raw)))


def build_segments(sessions: pd.DataFrame, raw, transcript_dir: Path, study_dir: Path, *,
                   found: Collector) -> pd.DataFrame:
    """Read each session's transcript into segments (one per speaker turn).

    A missing, unreadable or speakerless transcript is a problem on the session's row.
    Returns one row per segment with the columns of :data:`SEGMENT_COLUMNS`.
    """
    rows = []
    if not {"session_id", "file"} <= set(sessions.columns):
        return pd.DataFrame(columns=list(SEGMENT_COLUMNS))
    for pos, session in enumerate(sessions.itertuples(index=False)):
        if pd.isna(session.session_id) or pd.isna(session.file):
            continue
        path = transcript_dir / session.file
        rel = _relative(path, study_dir)
        if path.suffix.lower() not in TRANSCRIPT_SUFFIXES:
            found.add(raw.file, raw.row(pos), "file", f"unsupported transcript format {path.name!r}",
                      "a .txt, .vtt or .docx file")
            continue
        if not path.is_file():
            found.add(raw.file, raw.row(pos), "file", f"transcript {rel} does not exist",
                      f"a file in {_relative(transcript_dir, study_dir)}/")
            continue
        found.files[f"transcript:{session.file}"] = path
        try:
            turns, notes = read_transcript(path)
        except ValueError as err:
            found.add(raw.file, raw.row(pos), "file", f"transcript {rel}: {err}", "a readable transcript")
            continue
        for note in notes:
            found.warn(rel, note)
        if not turns:
            found.add(raw.file, raw.row(pos), "file", f"transcript {rel} has no speaker turns",
                      "lines 'SPEAKER: text' (.txt, .docx) or '<v Name>' cues (.vtt)")
            continue
        group = getattr(session, "group", None)
        date = getattr(session, "date", None)
        for turn_no, turn in enumerate(turns, start=1):
            rows.append((f"{session.session_id}-{turn_no}", session.session_id, turn_no, turn.speaker,
                         turn.start, turn.text, group, date, session.site))
    segments = pd.DataFrame(rows, columns=list(SEGMENT_COLUMNS))
    segments["turn_no"] = segments["turn_no"].astype("int64")
    segments["start"] = segments["start"].astype("float64")
    for column in ("segment_id", "session_id", "speaker", "text", "site"):
        segments[column] = segments[column].astype("str")
    if "group" in sessions.columns:
        segments["group"] = pd.Categorical(segments["group"], dtype=sessions["group"].dtype)
    if "date" in sessions.columns:
        segments["date"] = pd.to_datetime(segments["date"]).astype("datetime64[ns]")
    return segments


def tidy_codings(raw, *, codebook: Codebook | None, segments: pd.DataFrame | None,
                 found: Collector) -> pd.DataFrame:
    """Validate ``codings.csv``: each coder's code for a segment that exists."""
    require_columns(raw, CODING_COLUMNS, found=found)
    out: dict[str, object] = {}
    for column in CODING_COLUMNS:
        if column in raw.frame.columns:
            out[column] = to_text(raw, column)
            require_values(raw, column, out[column], found=found, expected=f"a {column.replace('_', ' ')}")
    if "code" in out and codebook is not None:
        must_exist(raw, "code", out["code"], codebook.ids, found=found, what="codebook code")
    if "segment_id" in out and segments is not None:
        must_exist(raw, "segment_id", out["segment_id"], segments["segment_id"], found=found, what="segment")
    warn_unknown_columns(raw, CODING_COLUMNS, found=found)
    for column in raw.frame.columns:
        if column not in out:
            out[column] = to_text(raw, column)
    return pd.DataFrame(out, index=pd.RangeIndex(len(raw)))


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
