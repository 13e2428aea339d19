"""Byte-for-byte reproducible writers for the synthetic study's files.

Every file goes through :mod:`cpdresearch.outputs` (temporary file, then rename), and
nothing written depends on the clock: CSVs use ``\\n`` line ends, YAML keeps insertion
order, and the docx container gets fixed zip timestamps and core-property dates.

Examples
--------
>>> import tempfile
>>> d = Path(tempfile.mkdtemp())
>>> a = write_docx(d / "a.docx", ["FAC: Hello."]).read_bytes()
>>> b = write_docx(d / "b.docx", ["FAC: Hello."]).read_bytes()
>>> a == b
True
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pandas as pd
import yaml

from ..outputs import atomic_path, write_text

__all__ = ["FIXED_TIMESTAMP", "write_csv", "write_yaml", "write_docx"]

#: The date stamped into every container format that insists on one (docx).
FIXED_TIMESTAMP = dt.datetime(2026, 1, 1, 0, 0, 0)


def write_csv(table: pd.DataFrame, target: str | Path) -> Path:
    """Write ``table`` as UTF-8 CSV without index, ``\\n`` line ends, blanks for missing."""
    return write_text(target, table.to_csv(index=False, lineterminator="\n"))


class _Dumper(yaml.SafeDumper):
    """Safe YAML that indents lists under their key, as people write it by hand."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def write_yaml(data: dict, target: str | Path, *, header: str = "") -> Path:
    """Write ``data`` as block-style YAML in insertion order, after an optional comment."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
    return write_text(target, header + body)


def write_docx(target: str | Path, paragraphs: list[str]) -> Path:
    """Write one paragraph per string to a .docx whose bytes depend only on the text.

    python-docx stamps the current time into ``docProps/core.xml`` and the zip entries;
    both are pinned to :data:`FIXED_TIMESTAMP`.
    """
    import docx

    document = docx.Document()
    props = document.core_properties
    props.author = "cpdresearch synth"
    props.last_modified_by = "cpdresearch synth"
    props.created = FIXED_TIMESTAMP
    props.modified = FIXED_TIMESTAMP
    props.last_printed = FIXED_TIMESTAMP
    props.revision = 1
    for text in paragraphs:
        document.add_paragraph(text)
    raw = io.BytesIO()
    document.save(raw)
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(fixed, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIMESTAMP.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    with atomic_path(target, suffix=".docx") as tmp:
        tmp.write_bytes(fixed.getvalue())
    return Path(target)
