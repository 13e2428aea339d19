"""Exchange with NVivo, ATLAS.ti, MAXQDA and QualCoder: REFI-QDA projects (.qdpx) and codebooks (.qdc).

A ``.qdpx`` file is a zip holding ``project.qde`` (QDA-XML 1.0, namespace
``urn:QDA-XML:project:1.0``) and a ``sources/`` folder of plain-text transcripts. The
export holds the codebook (``Code guid name isCodable``), one pseudonymised plain-text
source per session (one turn per line, ``SPEAKER: text``), one case per session with its
attributes (``group``, ``site``, ``date`` as text variables), and every coding, automatic
and manual, as ``PlainTextSelection(startPosition, endPosition)`` over the turn's text
holding ``Coding`` holding ``CodeRef``; each coder is a ``User`` (the codebook's rules
are the user ``cpdresearch rules``). Positions are character offsets into the source
text. Guids are RFC 4122 version-5 UUIDs derived from the study's ids, so exporting the
same study twice gives the same file.

The import maps each selection back onto the turn whose line holds it: turn *i* of source
``<session_id>`` is segment ``<session_id>-<i>``. A selection that crosses turns, a
source that is no session, or a code that is not in the codebook is listed in the
problems, never dropped silently. A file that is not a REFI-QDA project raises
:class:`cpdresearch.DataError`.

Examples
--------
>>> import pandas as pd
>>> from cpdresearch.io.focus_groups import Code, Codebook
>>> seg = pd.DataFrame({"segment_id": ["s1-1", "s1-2"], "session_id": "s1", "speaker": ["FAC", "YP1"],
...                     "text": ["Who helps?", "My worker."]})
>>> text, spans = source_text(seg)
>>> text
'FAC: Who helps?\\nYP1: My worker.\\n'
>>> text[spans["s1-2"][0]:spans["s1-2"][1]]
'My worker.'
"""
from __future__ import annotations

import io
import uuid
import zipfile
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from ..errors import DataError, Problem

__all__ = ["PROJECT_NS", "CODEBOOK_NS", "RULES_USER", "source_text", "project_xml", "codebook_xml",
           "export_qdpx", "export_qdc", "read_qdpx"]

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
#: The user the codebook's automatic codings are filed under.
RULES_USER = "cpdresearch rules"
_GUIDS = uuid.UUID("6f1c8a52-3d0e-5b8e-9a55-4c0d2b1e7f10")


def _guid(*parts) -> str:
    return str(uuid.uuid5(_GUIDS, "/".join(str(p) for p in parts)))


def source_text(segments: pd.DataFrame) -> tuple[str, dict]:
    """One session's transcript as plain text, and each segment's ``(start, end)`` in it.

    One turn per line, ``SPEAKER: text``; line breaks inside a turn become spaces.
    """
    lines, spans, at = [], {}, 0
    for row in segments.itertuples(index=False):
        head = f"{row.speaker}: "
        body = " ".join(str(row.text).splitlines())
        spans[row.segment_id] = (at + len(head), at + len(head) + len(body))
        lines.append(head + body + "\n")
        at += len(head) + len(body) + 1
    return "".join(lines), spans


def _codes_element(parent, codebook) -> None:
    codes = ET.SubElement(parent, "Codes")
    for code in codebook.codes:
        element = ET.SubElement(codes, "Code", guid=_guid("code", code.id), name=code.label, isCodable="true")
        ET.SubElement(element, "Description").text = code.description or code.id


def codebook_xml(codebook) -> bytes:
    """The codebook as a REFI-QDA codebook (``.qdc``, namespace ``urn:QDA-XML:codebook:1.0``)."""
    root = ET.Element("CodeBook", xmlns=CODEBOOK_NS, origin="cpdresearch")
    _codes_element(root, codebook)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def project_xml(segments: pd.DataFrame, codings: pd.DataFrame, *, codebook, sessions: pd.DataFrame | None = None,
                name: str = "cpdresearch") -> tuple[bytes, dict[str, str]]:
    """``project.qde`` and the source files (``{file name: text}``) of a REFI-QDA project.

    Parameters
    ----------
    segments : pandas.DataFrame
        Pseudonymised segments (:func:`cpdresearch.focus_groups.participant_segments`).
    codings : pandas.DataFrame
        ``coder, segment_id, code`` (manual codings, and the automatic ones under
        :data:`RULES_USER`).
    codebook : cpdresearch.io.focus_groups.Codebook
    sessions : pandas.DataFrame, optional
        ``session_id, group, site, date``: the cases' attributes.
    """
    root = ET.Element("Project", xmlns=PROJECT_NS, name=name, origin="cpdresearch",
                      creationDateTime=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    users = ET.SubElement(root, "Users")
    coders = sorted(codings["coder"].astype(str).unique()) if not codings.empty else []
    for coder in coders:
        ET.SubElement(users, "User", guid=_guid("user", coder), name=coder)
    book = ET.SubElement(root, "CodeBook")
    _codes_element(book, codebook)
    attributes = [a for a in ("group", "site", "date") if sessions is not None and a in sessions.columns]
    variables = ET.SubElement(root, "Variables")
    for attribute in attributes:
        ET.SubElement(variables, "Variable", guid=_guid("variable", attribute), name=attribute, typeOfVariable="Text")
    cases = ET.SubElement(root, "Cases")
    sources = ET.SubElement(root, "Sources")
    files = {}
    by_segment = codings.groupby("segment_id") if not codings.empty else None
    for session_id, part in segments.groupby("session_id", sort=False):
        text, spans = source_text(part)
        source_guid = _guid("source", session_id)
        files[f"{source_guid}.txt"] = text
        source = ET.SubElement(sources, "TextSource", guid=source_guid, name=str(session_id),
                               plainTextPath=f"internal://{source_guid}.txt")
        for segment_id in part["segment_id"]:
            if by_segment is None or segment_id not in by_segment.groups:
                continue
            start, end = spans[segment_id]
            for row in by_segment.get_group(segment_id).itertuples(index=False):
                user = _guid("user", row.coder)
                selection = ET.SubElement(source, "PlainTextSelection",
                                          guid=_guid("selection", segment_id, row.coder, row.code),
                                          name=f"{segment_id} {row.code}", startPosition=str(start),
                                          endPosition=str(end), creatingUser=user)
                coding = ET.SubElement(selection, "Coding", guid=_guid("coding", segment_id, row.coder, row.code),
                                       creatingUser=user)
                ET.SubElement(coding, "CodeRef", targetGUID=_guid("code", row.code))
        if attributes:
            match = sessions[sessions["session_id"] == session_id]
            case = ET.SubElement(cases, "Case", guid=_guid("case", session_id), name=str(session_id))
            for attribute in attributes:
                value = match[attribute].iloc[0] if len(match) else None
                if value is None or pd.isna(value):
                    continue
                if isinstance(value, pd.Timestamp):
                    value = value.date().isoformat()
                vv = ET.SubElement(case, "VariableValue")
                ET.SubElement(vv, "VariableRef", targetGUID=_guid("variable", attribute))
                ET.SubElement(vv, "TextValue").text = str(value)
            ET.SubElement(case, "SourceRef", targetGUID=source_guid)
    for empty in (variables, cases):
        if not len(empty):
            root.remove(empty)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True), files


def _study_codings(study, segments: pd.DataFrame) -> pd.DataFrame:
    from .coding import code_segments

    auto = code_segments(segments, codebook=study.codebook)[["segment_id", "code"]].assign(coder=RULES_USER)
    manual = study.codings[["coder", "segment_id", "code"]] if study.codings is not None else auto.iloc[:0]
    return pd.concat([manual, auto[["coder", "segment_id", "code"]]], ignore_index=True)


def export_qdpx(study, path: str | Path) -> Path:
    """Write the study's focus groups as a REFI-QDA project (``.qdpx``).

    Examples
    --------
    >>> import tempfile, zipfile, cpdresearch as cpd
    >>> out = export_qdpx(cpd.load_study("data"), tempfile.mkdtemp() + "/demo.qdpx")
    >>> sorted(n.split("/")[0] for n in zipfile.ZipFile(out).namelist())[-1]
    'sources'
    """
    from .segments import participant_segments

    if study.segments is None or study.codebook is None:
        raise DataError(Problem("raw/focus_groups/sessions.csv", None, None,
                                "the study has no focus-group transcripts or no codebook to export",
                                "sessions.csv, transcripts and codebooks/focus_groups.yml"))
    facilitators = (study.settings.get("focus_groups") or {}).get("facilitators")
    segments = participant_segments(study.segments, known_names=study.known_names, field_terms=study.field_terms(),
                                    **({"facilitators": facilitators} if facilitators else {}))
    xml, files = project_xml(segments, _study_codings(study, segments), codebook=study.codebook,
                             sessions=study.sessions, name=study.name)
    return _write_zip(Path(path), {"project.qde": xml, **{f"sources/{k}": v.encode("utf-8") for k, v in files.items()}})


def export_qdc(codebook, path: str | Path) -> Path:
    """Write the codebook alone as a REFI-QDA codebook (``.qdc``)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(codebook_xml(codebook))
    tmp.replace(path)
    return path


def _write_zip(path: Path, members: dict[str, bytes]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    tmp.replace(path)
    return path


def _not_a_project(file: str, what: str) -> DataError:
    return DataError(Problem(file, None, None, f"not a REFI-QDA project: {what}",
                             "a .qdpx file (a zip holding project.qde in namespace urn:QDA-XML:project:1.0)"))


def read_qdpx(path: str | Path, *, codebook) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Codings made in another QDA tool, mapped onto segments.

    Parameters
    ----------
    path : str or pathlib.Path
        A ``.qdpx`` exported by NVivo, ATLAS.ti, MAXQDA, QualCoder or :func:`export_qdpx`,
        whose text sources are the transcripts as :func:`export_qdpx` wrote them (one
        turn per line, source named after the session).
    codebook : cpdresearch.io.focus_groups.Codebook
        Code names are matched to the codebook's labels or ids (any case).

    Returns
    -------
    codings : pandas.DataFrame
        ``coder, segment_id, code`` (coder: the REFI-QDA user's name), one row per
        coding, duplicates removed.
    problems : pandas.DataFrame
        ``source, start, end, code, problem``: every selection that could not be mapped.

    Raises
    ------
    cpdresearch.DataError
        The file is not a zip, holds no ``project.qde``, or that is not QDA-XML.
    """
    path = Path(path)
    file = path.name
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as err:
        raise _not_a_project(file, f"cannot open it as a zip ({err})") from None
    with archive:
        names = archive.namelist()
        qde = next((n for n in names if n.lower().endswith(".qde")), None)
        if qde is None:
            raise _not_a_project(file, "the zip holds no project.qde")
        try:
            root = ET.parse(io.BytesIO(archive.read(qde))).getroot()
        except ET.ParseError as err:
            raise _not_a_project(file, f"project.qde is not well-formed XML ({err})") from None
        if root.tag != f"{{{PROJECT_NS}}}Project":
            raise _not_a_project(file, f"the root element is {root.tag!r}")
        texts = {n.rsplit("/", 1)[-1].lower(): n for n in names}

        def text_of(source) -> str | None:
            inline = source.find(f"{{{PROJECT_NS}}}PlainTextContent")
            if inline is not None and inline.text:
                return inline.text
            ref = (source.get("plainTextPath") or "").replace("internal://", "")
            member = texts.get(ref.rsplit("/", 1)[-1].lower())
            return archive.read(member).decode("utf-8-sig") if member else None

        ns = {"q": PROJECT_NS}
        users = {u.get("guid"): u.get("name") for u in root.iterfind(".//q:Users/q:User", ns)}
        by_name = {}
        for code in codebook.codes:
            by_name[code.id.lower()] = code.id
            by_name[code.label.lower()] = code.id
        code_names = {c.get("guid"): c.get("name") for c in root.iterfind(".//q:CodeBook//q:Code", ns)}
        rows, problems = [], []
        for source in root.iterfind(".//q:Sources/q:TextSource", ns):
            session = (source.get("name") or "").removesuffix(".txt")
            text = text_of(source)
            lines = _line_spans(text) if text is not None else []
            for selection in source.iterfind("q:PlainTextSelection", ns):
                start, end = int(selection.get("startPosition", -1)), int(selection.get("endPosition", -1))
                for coding in selection.iterfind("q:Coding", ns):
                    ref = coding.find("q:CodeRef", ns)
                    name = code_names.get(ref.get("targetGUID") if ref is not None else None, "")
                    code = by_name.get(name.lower())
                    coder = users.get(coding.get("creatingUser") or selection.get("creatingUser"), "unknown")
                    where = {"source": session, "start": start, "end": end, "code": name}
                    if text is None:
                        problems.append({**where, "problem": "the source has no plain text in the file"})
                    elif code is None:
                        problems.append({**where, "problem": f"code {name!r} is not in the codebook"})
                    else:
                        turn = _turn_of(lines, start, end)
                        if turn is None:
                            problems.append({**where, "problem": "the selection crosses turns or lies outside the text"})
                        else:
                            rows.append({"coder": coder, "segment_id": f"{session}-{turn}", "code": code})
    codings = pd.DataFrame(rows, columns=["coder", "segment_id", "code"]).drop_duplicates().reset_index(drop=True)
    return codings, pd.DataFrame(problems, columns=["source", "start", "end", "code", "problem"])


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, at = [], 0
    for line in text.split("\n"):
        spans.append((at, at + len(line)))
        at += len(line) + 1
    while spans and spans[-1][0] == spans[-1][1]:
        spans.pop()  # the final newline
    return spans


def _turn_of(lines: list[tuple[int, int]], start: int, end: int) -> int | None:
    for number, (first, last) in enumerate(lines, start=1):
        if first <= start <= last:
            return number if first <= end <= last and start <= end else None
    return None
