"""Load a whole study folder, collecting every problem in every file before raising."""
from __future__ import annotations

import re
from pathlib import Path


from .. import frameworks, paths
from ..errors import DataError, Problem
from ..instrument import parse_instrument
from ..study import Cohort, Study
from .checks import Collector
from .evaluation import objective_counts, tidy_bookings, tidy_courses, tidy_evaluations, tidy_followup, \
    tidy_objectives
from .focus_groups import build_segments, parse_codebook, tidy_codings, tidy_sessions
from .ldp import tidy_learning_needs
from .settings import YamlDoc, check_cohort_columns, check_settings, parse_cohorts, read_yaml, section_overrides
from .survey import tidy_survey
from .tables import find_table, read_table
from .vocabularies import StudyVocabularies, parse_vocabularies
from .workforce import tidy_known_names, tidy_workforce, workforce_order

__all__ = ["load_study", "validate_study", "study_summary"]

_YAML_SECTIONS = ("cohorts", "instrument", "codebook")


class _Folder:
    """Resolves each section's file, honouring ``study.yml`` ``paths:`` overrides."""

    def __init__(self, root: Path, settings_doc: YamlDoc | None, overrides: dict, found: Collector):
        self.root, self.doc, self.overrides, self.found = root, settings_doc, overrides, found

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def locate(self, section: str) -> Path | None:
        path = paths.study_file(self.root, section, self.overrides)
        if section in self.overrides:
            if not path.is_file():
                line = self.doc.line("paths", section) if self.doc else None
                self.found.add("study.yml", line, f"paths.{section}",
                               f"{self.overrides[section]} does not exist", "an existing file")
                return None
            return path
        if section in _YAML_SECTIONS:
            return path if path.is_file() else None
        return find_table(path)

    def table(self, section: str):
        path = self.locate(section)
        if path is None:
            return None
        if not path.is_file():
            self.found.add(self.rel(path), None, None, "not a file", "a table file")
            return None
        self.found.files[section] = path
        return read_table(path, file=self.rel(path), found=self.found)

    def yaml(self, section: str) -> YamlDoc | None:
        path = self.locate(section)
        if path is None:
            return None
        self.found.files[section] = path
        return read_yaml(path, file=self.rel(path), found=self.found)


def _place_instrument_problems(problems: list[Problem], doc: YamlDoc) -> list[Problem]:
    """Give instrument problems (located by key path, e.g. ``blocks.b.items[0]``) their YAML line."""
    placed = []
    for p in problems:
        keys = tuple(int(k) if k.isdigit() else k for k in re.split(r"[.\[\]]+", p.column or "") if k)
        placed.append(Problem(doc.file, doc.line(*keys) if keys else p.row, p.column, p.message, p.expected))
    return placed


def _check_activities(instrument, doc: YamlDoc, found: Collector) -> None:
    """An item's or option's ``activity`` must be in the activity catalogue."""
    spec = doc.data if isinstance(doc.data, dict) else {}
    for group, members in (("blocks", "items"), ("multi_selects", "options")):
        for key, entry in (spec.get(group) or {}).items():
            for i, member in enumerate((entry or {}).get(members) or []):
                activity = member.get("activity") if isinstance(member, dict) else None
                if activity is not None and activity not in frameworks.ACTIVITIES:
                    found.add(doc.file, doc.line(group, key, members, i, "activity"),
                              f"{group}.{key}.{members}[{i}].activity", f"unknown activity {activity!r}",
                              "an activity id of cpdresearch.frameworks.ACTIVITIES")


def _load(study_dir) -> tuple[Study | None, Collector]:
    root = Path(study_dir)
    found = Collector()
    if not root.is_dir():
        found.add(str(study_dir), None, None, "the study folder does not exist", "a folder holding study.yml")
        return None, found
    settings_path = root / paths.STUDY_FILES["settings"]
    settings_doc = None
    settings: dict = {}
    if not settings_path.is_file():
        found.add("study.yml", None, None, "missing settings file", "study.yml with name and synthetic")
    else:
        found.files["settings"] = settings_path
        settings_doc = read_yaml(settings_path, file="study.yml", found=found)
        if settings_doc is not None:
            settings = check_settings(settings_doc, found=found)
    folder = _Folder(root, settings_doc, section_overrides(settings), found)
    study = Study(root=root, settings=settings)

    declared = parse_vocabularies(settings.get("vocabularies"), file="study.yml", found=found,
                                  lines=settings_doc.line if settings_doc is not None else None)
    raw = folder.table("workforce")
    if raw is not None:
        study.workforce = tidy_workforce(raw, vocabularies=StudyVocabularies(declared), found=found)
    vocabularies = study.vocabularies = StudyVocabularies(declared, workforce_order(study.workforce))

    doc = folder.yaml("instrument")
    if doc is not None:
        study.instrument, problems = parse_instrument(doc.data, doc.file)
        found.problems.extend(_place_instrument_problems(problems, doc))
        if study.instrument is not None:
            _check_activities(study.instrument, doc, found)
    doc = folder.yaml("codebook")
    if doc is not None:
        study.codebook = parse_codebook(doc.data, file=doc.file, found=found, lines=doc.line)

    raw = folder.table("survey")
    if raw is not None:
        study.survey = tidy_survey(raw, instrument=study.instrument, vocabularies=vocabularies, found=found)
        # So a researcher can name a block or multi-select by its id: likert_summary(survey, block="b").
        study.survey.attrs["instrument"] = study.instrument

    raw = folder.table("sessions")
    if raw is not None:
        study.sessions = tidy_sessions(raw, found=found)
        transcript_dir = folder.locate("sessions").parent
        study.segments = build_segments(study.sessions, raw, transcript_dir, root, found=found)
    raw = folder.table("codings")
    if raw is not None:
        study.codings = tidy_codings(raw, codebook=study.codebook, segments=study.segments, found=found)
        if study.codebook is None:
            found.warn(raw.file, "no codebook, so the codes are not checked")

    raw = folder.table("courses")
    if raw is not None:
        study.courses = tidy_courses(raw, found=found)
    raw = folder.table("objectives")
    if raw is not None:
        study.objectives = tidy_objectives(raw, courses=study.courses, found=found)
    counts = objective_counts(study.courses, study.objectives)
    courses = set(study.courses["course_id"].dropna()) if study.courses is not None and \
        "course_id" in study.courses else None
    raw = folder.table("evaluations")
    if raw is not None:
        study.evaluations = tidy_evaluations(raw, vocabularies=vocabularies, courses=courses, counts=counts, found=found)
    raw = folder.table("followup")
    if raw is not None:
        responses = study.evaluations["response_id"] if study.evaluations is not None and \
            "response_id" in study.evaluations else None
        study.followup = tidy_followup(raw, courses=courses, counts=counts, response_ids=responses, found=found)
    raw = folder.table("bookings")
    if raw is not None:
        tiers = ((settings.get("charging") or {}).get("tiers") or {}) if isinstance(settings.get("charging"), dict) else {}
        study.bookings = tidy_bookings(raw, courses=courses, vocabularies=vocabularies, tiers=list(tiers), found=found)

    raw = folder.table("learning_needs")
    if raw is not None:
        study.learning_needs = tidy_learning_needs(raw, vocabularies=vocabularies, found=found)
    raw = folder.table("known_names")
    if raw is not None:
        study.known_names = tidy_known_names(raw, found=found)

    doc = folder.yaml("cohorts")
    if doc is not None:
        study.cohorts, study.notebooks = parse_cohorts(doc, found=found)
        check_cohort_columns(doc, study.cohorts, study.datasets(), found=found)
    else:
        # A study without cohorts.yml is reported as a whole: one cohort, "all".
        study.cohorts = [Cohort(name="all", title="Whole study", filter={})]

    study.warnings = list(found.warnings)
    study.files = dict(found.files)
    return study, found


def _in_reading_order(problems: list[Problem]) -> list[Problem]:
    """Files in the order they were read; within a file, by row (whole-file problems first)."""
    order = {file: i for i, file in reversed(list(enumerate(p.file for p in problems)))}
    return sorted(problems, key=lambda p: (order[p.file], -1 if p.row is None else p.row))


def load_study(study_dir: str | Path) -> Study:
    """Read and validate a study folder (see ``docs/study_folder.md``).

    Parameters
    ----------
    study_dir : str or Path
        The study folder, holding ``study.yml``.

    Returns
    -------
    Study
        Every dataset as a typed DataFrame (absent sections are ``None``), the instrument,
        codebook, cohorts, settings, known names, warnings and every file read.

    Raises
    ------
    DataError
        Listing every problem found in every file, each as ``file:row:column: what is
        wrong; expected ...``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "study.yml").write_text("name: Tiny\\nsynthetic: true\\n")
    >>> (d / "raw" / "survey").mkdir(parents=True)
    >>> _ = (d / "raw/survey/responses.csv").write_text(
    ...     "respondent_id,team,locality\\nR1,North team,Coast\\nR2,East team,Town\\n")
    >>> study = load_study(d)
    >>> list(study.survey["team"].cat.categories), study.courses is None
    (['East team', 'North team'], True)
    """
    study, found = _load(study_dir)
    if found.problems:
        raise DataError(_in_reading_order(found.problems))
    return study


def validate_study(study_dir: str | Path) -> list[Problem]:
    """Every problem in a study folder; an empty list when it is valid.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "study.yml").write_text("name: Tiny\\n")
    >>> [str(p) for p in validate_study(d)]
    ['study.yml:1:synthetic: missing key synthetic; expected synthetic: true or false']
    """
    _study, found = _load(study_dir)
    return _in_reading_order(found.problems)


def study_summary(study: Study, *, max_warnings: int = 5) -> str:
    """A one-screen summary: name, synthetic or not, datasets and rows, cohorts, warnings.

    Examples
    --------
    >>> import pandas as pd
    >>> from cpdresearch.study import Study
    >>> s = Study(root=Path("x"), settings={"name": "Demo", "synthetic": True},
    ...           survey=pd.DataFrame({"respondent_id": ["R1", "R2"]}))
    >>> print(study_summary(s))
    Study: Demo (synthetic data)
    Folder: x
    Datasets:
      survey               2 rows
    Cohorts: none
    Warnings: 0
    """
    lines = [f"Study: {study.name} ({'synthetic data' if study.synthetic else 'real data'})",
             f"Folder: {study.root}"]
    datasets = study.datasets()
    lines.append("Datasets:" if datasets else "Datasets: none")
    for name, frame in datasets.items():
        where = study.files.get(name)
        lines.append(f"  {name:<16}{len(frame):>6,} rows" + (f"  {_rel(where, study.root)}" if where else ""))
    if study.instrument is not None:
        lines.append(f"Instrument: {study.instrument.title} ({len(study.instrument.item_ids)} items, "
                     f"{len(study.instrument.multi_selects)} multi-selects)")
    if study.codebook is not None:
        lines.append(f"Codebook: {len(study.codebook)} codes")
    transcripts = sum(1 for k in study.files if k.startswith("transcript:"))
    if transcripts:
        lines.append(f"Transcripts: {transcripts}")
    if study.known_names:
        lines.append(f"Known names: {len(study.known_names)}")
    lines.append(f"Cohorts: {', '.join(c.name for c in study.cohorts) or 'none'}")
    lines.append(f"Warnings: {len(study.warnings)}")
    lines += [f"  - {w}" for w in study.warnings[:max_warnings]]
    if len(study.warnings) > max_warnings:
        lines.append(f"  ... and {len(study.warnings) - max_warnings} more")
    return "\n".join(lines)


def _rel(path: Path, root: Path) -> str:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return str(path)
