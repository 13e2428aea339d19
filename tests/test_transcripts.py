"""Tests for cpdresearch.io.transcripts: .txt, WebVTT and .docx to speaker turns."""
from __future__ import annotations

import pytest

from cpdresearch.io import load_study, read_transcript
from cpdresearch.io.transcripts import parse_text_lines

from io_helpers import write_study

VTT = """WEBVTT

1
00:00:01.000 --> 00:00:04.000
<v Facilitator>What makes a good social worker?</v>

2
00:00:04.500 --> 00:00:07.000
<v Young person 1>Someone who listens.</v>

3
00:00:07.000 --> 00:00:09.000
<v Young person 1>And comes back.</v>

4
00:01:02.000 --> 00:01:05.000
<v Facilitator>Thank you.</v>
"""


def test_txt_turns_timestamps_continuations_comments():
    turns, notes = parse_text_lines([
        "Focus group, 4 March",  # before any speaker: ignored with a note
        "# comment",
        "[01:02:03] FAC: Hello",
        "  ",
        "[00:05] YP1: Hi",
        "there.",
        "P2: and then she said: no",
    ])
    assert [(t.speaker, t.start, t.text) for t in turns] == [
        ("FAC", 3723.0, "Hello"), ("YP1", 5.0, "Hi there."), ("P2", None, "and then she said: no")]
    assert notes == ["line 1: text before the first speaker turn ignored"]


def test_txt_lowercase_prose_is_not_a_speaker():
    turns, _ = parse_text_lines(["FAC: Go on", "and the answer was: maybe"])
    assert len(turns) == 1 and turns[0].text == "Go on and the answer was: maybe"


def test_vtt_voice_tags_merge_consecutive_cues(tmp_path):
    path = tmp_path / "s.vtt"
    path.write_text(VTT, encoding="utf-8")
    turns, notes = read_transcript(path)
    assert [(t.speaker, t.start, t.text) for t in turns] == [
        ("Facilitator", 1.0, "What makes a good social worker?"),
        ("Young person 1", 4.0, "Someone who listens. And comes back."),
        ("Facilitator", 62.0, "Thank you."),
    ]
    assert notes == []


def test_vtt_zoom_style_name_prefix(tmp_path):
    path = tmp_path / "z.vtt"
    path.write_text("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nFAC: Welcome\n\n"
                    "2\n00:00:02.000 --> 00:00:03.000\nYP1: Thanks\n", encoding="utf-8")
    turns, _ = read_transcript(path)
    assert [(t.speaker, t.text) for t in turns] == [("FAC", "Welcome"), ("YP1", "Thanks")]


def test_docx_paragraphs(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Focus group transcript")
    document.add_paragraph("Facilitator: What gets in the way?")
    document.add_paragraph("Social worker 2: Caseloads.")
    document.add_paragraph("Every week.")
    path = tmp_path / "s.docx"
    document.save(path)
    turns, notes = read_transcript(path)
    assert [(t.speaker, t.text) for t in turns] == [("Facilitator", "What gets in the way?"),
                                                   ("Social worker 2", "Caseloads. Every week.")]
    assert len(notes) == 1


def test_unsupported_and_broken_files(tmp_path):
    with pytest.raises(ValueError, match="unsupported"):
        read_transcript(tmp_path / "x.pdf")
    bad = tmp_path / "bad.vtt"
    bad.write_text("not a vtt file\n")
    with pytest.raises(ValueError, match="WebVTT"):
        read_transcript(bad)


def test_study_with_vtt_and_docx_sessions(tmp_path):
    docx = pytest.importorskip("docx")
    sessions = ("session_id,file,group,date\nv1,v1.vtt,young_people,2025-03-04\n"
                "d1,d1.docx,parents_carers,2025-03-05\nb1,b1.vtt,staff,2025-03-06\n")
    root = write_study(tmp_path, {"raw/focus_groups/sessions.csv": sessions, "raw/focus_groups/v1.vtt": VTT,
                                  "raw/focus_groups/b1.vtt": "WEBVTT\n\nbroken -->\n",
                                  "raw/focus_groups/codings.csv": None})
    document = docx.Document()
    document.add_paragraph("P1: We were not listened to.")
    document.save(root / "raw/focus_groups/d1.docx")
    from cpdresearch import DataError
    with pytest.raises(DataError) as info:
        load_study(root)
    assert [str(p).split(":")[:3] for p in info.value.problems] == [["raw/focus_groups/sessions.csv", "4", "file"]]
    (root / "raw/focus_groups/b1.vtt").write_text(VTT.replace("Facilitator", "FAC"))
    study = load_study(root)
    assert study.segments.groupby("session_id").size().to_dict() == {"b1": 3, "d1": 1, "v1": 3}
    assert study.segments.set_index("segment_id").loc["d1-1", "speaker"] == "P1"
    assert {"transcript:v1.vtt", "transcript:d1.docx", "transcript:b1.vtt"} <= set(study.files)
