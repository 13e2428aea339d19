"""A seeded synthetic demo study, written to the study-folder contract.

``write_study`` writes every file of ``docs/study_folder.md``: settings, cohorts, the
survey instrument and responses, focus-group transcripts (.txt, .vtt, .docx) with a
codebook and two coders' codings, training evaluations with follow-up and bookings,
learning needs, workforce denominators and the roster of planted names. The output
depends only on the arguments: the same seed gives the same bytes. See
``docs/demo_study.md``.

Examples
--------
>>> import tempfile
>>> root = write_study(tempfile.mkdtemp(), respondents=120, sessions=3, courses=2, staff=20)
>>> (root / "study.yml").exists(), (root / "raw" / "focus_groups" / "fg03_staff.vtt").exists()
(True, True)
>>> sorted(PLANTED_PERSONAL_DATA)
['address', 'email', 'name', 'ni', 'phone', 'postcode', 'school', 'unlisted_name']
"""
from __future__ import annotations

import numbers
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .. import paths
from ..errors import DataError, Problem
from .evaluation import evaluation_tables
from .files import write_csv, write_docx, write_text, write_yaml
from .focus_groups import codebook_spec, focus_group_sessions, manual_codings, render_transcripts
from .ldp import learning_needs
from .personal import PLANTED_PERSONAL_DATA
from .settings import cohorts_spec, study_spec
from .survey import instrument_spec, survey_responses

__all__ = ["write_study", "PLANTED_PERSONAL_DATA", "DEFAULTS"]

#: Default sizes: a few hundred survey respondents, eleven focus groups, nine courses.
DEFAULTS: dict[str, int] = {"respondents": 250, "sessions": 11, "courses": 9, "staff": 300}

_TRANSCRIPT_NAME = re.compile(r"fg\d{2,}_(young_people|parents_carers|staff)\.(txt|vtt|docx)")
_HEADER = "# Synthetic demo study written by `cpdresearch synth` (seed {seed}). Do not edit by hand.\n"


def _rng(seed: int, section: int) -> np.random.Generator:
    # One independent stream per section, so changing the size of one section leaves the
    # others' data unchanged.
    return np.random.default_rng([seed, section])


def write_study(directory, *, seed: int = 20261123, respondents: int | None = None,
                sessions: int | None = None, courses: int | None = None,
                staff: int | None = None) -> Path:
    """Write a complete synthetic study folder to ``directory`` and return its path.

    Parameters
    ----------
    directory : str or Path
        Folder to write; created if missing. Files of the study are overwritten.
    seed : int
        Seed of every random draw; the output depends only on the arguments.
    respondents : int, optional
        Survey respondents, at least 100 (default 250), so that every item's calibrated
        mean can land within 0.01 of its published value.
    sessions : int, optional
        Focus-group sessions, cycling young people, parents and carers, staff (default 11).
    courses : int, optional
        Evaluated courses, cycling the eight priority areas (default 9).
    staff : int, optional
        Staff with learning development plans (default 300).

    Returns
    -------
    pathlib.Path
        The study folder.

    Raises
    ------
    cpdresearch.DataError
        If a size is below its minimum; every bad size is listed.
    """
    sizes = {k: v if v is not None else DEFAULTS[k] for k, v in
             {"respondents": respondents, "sessions": sessions, "courses": courses, "staff": staff}.items()}
    # Bad sizes are bad input: one DataError listing them all (the CLI exits 2, no traceback).
    minimum = {"respondents": 100, "sessions": 1, "courses": 1, "staff": 1}
    bad = [Problem("cpdresearch synth", None, name, f"{name} must be at least {minimum[name]}, got {value}",
                   f"an integer >= {minimum[name]}")
           for name, value in sizes.items() if not isinstance(value, numbers.Integral) or value < minimum[name]]
    if bad:
        raise DataError(bad)
    root = Path(directory)
    header = _HEADER.format(seed=seed)
    f = paths.STUDY_FILES

    write_yaml(study_spec(), root / f["settings"], header=header)
    write_yaml(cohorts_spec(), root / f["cohorts"], header=header)
    write_yaml(instrument_spec(), root / f["instrument"], header=header)
    write_yaml(codebook_spec(), root / f["codebook"], header=header)

    survey, workforce = survey_responses(_rng(seed, 1), respondents=sizes["respondents"])
    write_csv(survey, root / f["survey"])
    write_csv(workforce, root / f["workforce"])

    sessions_table, transcripts = focus_group_sessions(_rng(seed, 2), sessions=sizes["sessions"])
    write_csv(sessions_table, root / f["sessions"])
    folder = root / paths.TRANSCRIPTS_DIR
    # A rerun with fewer sessions must not leave the old run's transcripts behind; only
    # files named as this generator names them are removed.
    if folder.is_dir():
        keep = set(sessions_table["file"])
        for old in folder.iterdir():
            if _TRANSCRIPT_NAME.fullmatch(old.name) and old.name not in keep:
                old.unlink()
    for file, content in render_transcripts(_rng(seed, 3), transcripts).items():
        if file.endswith(".docx"):
            write_docx(folder / file, content)
        else:
            write_text(folder / file, content)
    write_csv(manual_codings(_rng(seed, 4), transcripts), root / f["codings"])

    for name, table in evaluation_tables(_rng(seed, 5), courses=sizes["courses"]).items():
        section = {"responses": "evaluations"}.get(name, name)
        write_csv(table, root / f[section])

    write_csv(learning_needs(_rng(seed, 6), staff=sizes["staff"]), root / f["learning_needs"])
    write_csv(pd.DataFrame({"name": PLANTED_PERSONAL_DATA["name"]}), root / f["known_names"])
    return root
