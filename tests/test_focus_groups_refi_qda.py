"""REFI-QDA exchange: the export element by element, the round trip, and bad files."""
from __future__ import annotations

import re
import uuid
import zipfile
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

import cpdresearch as cpd
from cpdresearch import DataError
from cpdresearch.cli import main
from cpdresearch.focus_groups import code_segments, participant_segments
from cpdresearch.focus_groups.refi_qda import (CODEBOOK_NS, PROJECT_NS, RULES_USER, codebook_xml, export_qdpx,
                                               project_xml, read_qdpx)
from cpdresearch.io.focus_groups import Code, Codebook

Q = f"{{{PROJECT_NS}}}"
BOOK = Codebook([Code("trust", "Trust", description="Trust in the worker", patterns=(r"\btrust",)),
                 Code("plans", "Plans", patterns=(r"\bplan",))])


def _segments():
    return pd.DataFrame({"segment_id": ["s1-1", "s1-2", "s1-3"], "session_id": "s1",
                         "speaker": ["FAC", "YP1", "YP2"],
                         "text": ["Who do you trust?", "I trust my worker.", "The plan\nwas good."]})


def _is_rfc4122(value: str) -> bool:
    parsed = uuid.UUID(value)
    return str(parsed) == value and parsed.variant == uuid.RFC_4122


def test_project_xml_element_by_element():
    codings = pd.DataFrame({"coder": ["AB", RULES_USER], "segment_id": ["s1-2", "s1-3"], "code": ["trust", "plans"]})
    sessions = pd.DataFrame({"session_id": ["s1"], "group": ["young_people"], "site": ["Youth hub"],
                             "date": [pd.Timestamp("2026-03-04")]})
    xml, files = project_xml(_segments(), codings, codebook=BOOK, sessions=sessions, name="Demo")
    root = ET.fromstring(xml)
    assert root.tag == f"{Q}Project" and root.get("name") == "Demo"
    assert [child.tag for child in root] == [f"{Q}Users", f"{Q}CodeBook", f"{Q}Variables", f"{Q}Cases", f"{Q}Sources"]
    users = {u.get("name"): u.get("guid") for u in root.iter(f"{Q}User")}
    assert set(users) == {"AB", RULES_USER}
    codes = root.findall(f"{Q}CodeBook/{Q}Codes/{Q}Code")
    assert [(c.get("name"), c.get("isCodable")) for c in codes] == [("Trust", "true"), ("Plans", "true")]
    assert codes[0].find(f"{Q}Description").text == "Trust in the worker"
    (source,) = root.findall(f"{Q}Sources/{Q}TextSource")
    assert source.get("name") == "s1"
    path = source.get("plainTextPath")
    assert path == f"internal://{source.get('guid')}.txt" and f"{source.get('guid')}.txt" in files
    text = files[f"{source.get('guid')}.txt"]
    assert text == "FAC: Who do you trust?\nYP1: I trust my worker.\nYP2: The plan was good.\n"
    selections = source.findall(f"{Q}PlainTextSelection")
    assert len(selections) == 2
    first = selections[0]
    assert text[int(first.get("startPosition")):int(first.get("endPosition"))] == "I trust my worker."
    assert first.get("creatingUser") == users["AB"]
    (coding,) = first.findall(f"{Q}Coding")
    assert coding.find(f"{Q}CodeRef").get("targetGUID") == codes[0].get("guid")
    (case,) = root.findall(f"{Q}Cases/{Q}Case")
    values = [v.find(f"{Q}TextValue").text for v in case.findall(f"{Q}VariableValue")]
    assert values == ["young_people", "Youth hub", "2026-03-04"]
    assert case.find(f"{Q}SourceRef").get("targetGUID") == source.get("guid")
    guids = [e.get("guid") for e in root.iter() if e.get("guid")]
    assert len(guids) == len(set(guids)) and all(_is_rfc4122(g) for g in guids)


def test_codebook_qdc():
    root = ET.fromstring(codebook_xml(BOOK))
    assert root.tag == f"{{{CODEBOOK_NS}}}CodeBook"
    assert [c.get("name") for c in root.iter(f"{{{CODEBOOK_NS}}}Code")] == ["Trust", "Plans"]


def test_round_trip_loses_no_coding(demo_dir, tmp_path):
    study = cpd.load_study(demo_dir)
    out = export_qdpx(study, tmp_path / "demo.qdpx")
    codings, problems = read_qdpx(out, codebook=study.codebook)
    assert problems.empty
    seg = participant_segments(study.segments, known_names=study.known_names)
    auto = code_segments(seg, codebook=study.codebook).assign(coder=RULES_USER)[["coder", "segment_id", "code"]]
    expected = pd.concat([study.codings[["coder", "segment_id", "code"]], auto]).drop_duplicates()
    key = ["coder", "segment_id", "code"]
    assert set(map(tuple, codings[key].to_numpy())) == set(map(tuple, expected[key].to_numpy()))
    # the sources are the pseudonymised transcripts
    with zipfile.ZipFile(out) as zf:
        text = " ".join(zf.read(n).decode() for n in zf.namelist() if n.startswith("sources/"))
    assert not [n for n in study.known_names if n.split()[0] in text]


def _qdpx(tmp_path, qde: str, sources: dict | None = None):
    path = tmp_path / "other.qdpx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", qde)
        for name, text in (sources or {}).items():
            zf.writestr(f"Sources/{name}", text)
    return path


def test_selections_that_cannot_be_mapped_are_listed(tmp_path):
    text = "FAC: Who do you trust?\nYP1: I trust my worker.\n"
    qde = f"""<?xml version="1.0"?><Project xmlns="{PROJECT_NS}" name="NVivo">
      <Users><User guid="u1" name="Coder X"/></Users>
      <CodeBook><Codes><Code guid="c1" name="trust" isCodable="true"/><Code guid="c2" name="Hope" isCodable="true"/></Codes></CodeBook>
      <Sources><TextSource guid="t1" name="s1" plainTextPath="internal://t1.txt">
        <PlainTextSelection guid="p1" startPosition="28" endPosition="33"><Coding guid="k1" creatingUser="u1"><CodeRef targetGUID="c1"/></Coding></PlainTextSelection>
        <PlainTextSelection guid="p2" startPosition="10" endPosition="30"><Coding guid="k2" creatingUser="u1"><CodeRef targetGUID="c1"/></Coding></PlainTextSelection>
        <PlainTextSelection guid="p3" startPosition="28" endPosition="33"><Coding guid="k3" creatingUser="u1"><CodeRef targetGUID="c2"/></Coding></PlainTextSelection>
      </TextSource></Sources></Project>"""
    codings, problems = read_qdpx(_qdpx(tmp_path, qde, {"t1.txt": text}), codebook=BOOK)
    assert codings.to_dict("records") == [{"coder": "Coder X", "segment_id": "s1-2", "code": "trust"}]
    assert sorted(problems["problem"]) == ["code 'Hope' is not in the codebook",
                                           "the selection crosses turns or lies outside the text"]


@pytest.mark.parametrize("content, message", [
    (b"not a zip at all", "cannot open it as a zip"),
    (None, "holds no project.qde"),
    ("<Project", "not well-formed XML"),
    ("<Other xmlns='urn:x'/>", "the root element is"),
])
def test_not_a_refi_qda_project_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.qdpx"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is None:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("readme.txt", "hello")
    else:
        path = _qdpx(tmp_path, content)
    with pytest.raises(DataError, match=re.escape(message)):
        read_qdpx(path, codebook=BOOK)


def test_cli_export_and_import(demo_dir, tmp_path, capsys):
    assert main(["export-qdpx", str(demo_dir), str(tmp_path / "d.qdpx")]) == 0
    assert main(["export-qdc", str(demo_dir), str(tmp_path / "d.qdc")]) == 0
    out = tmp_path / "codings.csv"
    assert main(["import-qdpx", str(tmp_path / "d.qdpx"), str(demo_dir), "--out", str(out)]) == 0
    assert set(pd.read_csv(out).columns) == {"coder", "segment_id", "code"}
    assert main(["import-qdpx", str(tmp_path / "d.qdpx"), str(demo_dir), "--out", str(out)]) == 1  # never overwrites
    (tmp_path / "x.qdpx").write_text("nope")
    assert main(["import-qdpx", str(tmp_path / "x.qdpx"), str(demo_dir), "--out", str(tmp_path / "y.csv")]) == 2
    assert "not a REFI-QDA project" in capsys.readouterr().err
