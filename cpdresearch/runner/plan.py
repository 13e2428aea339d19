"""Which cohort x notebook runs a batch holds, and which of them can be skipped.

A run is identified by ``(cohort, notebook)``. Its *input hash* covers everything that
decides its result: the sha256 of every study input file, the notebook's own sha256 and
the papermill parameters. Resuming a run id skips runs that succeeded with the same
input hash; ``retry_failed`` re-runs only the runs the previous attempt recorded as failed.

Examples
--------
>>> spec = RunSpec(cohort="mash", notebook="01_survey", notebook_path="/nb/01_survey.ipynb",
...                output_dir="/runs/r1/mash", parameters={"cohort": "mash"}, input_hash="ab")
>>> spec.key
'mash/01_survey'
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .. import paths
from ..errors import DataError, Problem

__all__ = [
    "NOTEBOOK_PARAMETERS", "RunSpec", "Plan", "sha256_file", "discover_notebooks", "notebook_imports",
    "input_hash", "select_runs", "plan_runs",
]

#: The papermill parameters every notebook's ``parameters`` cell declares, and the only
#: ones the runner passes (tests/test_notebooks_parameters.py checks every notebook).
NOTEBOOK_PARAMETERS: tuple[str, ...] = ("study_dir", "cohort", "output_dir", "min_cell", "run_id")


@dataclass(frozen=True)
class RunSpec:
    """One notebook to execute for one cohort; plain data, so it pickles to any worker."""

    cohort: str
    notebook: str
    notebook_path: str
    output_dir: str
    parameters: dict
    input_hash: str
    timeout: int | None = 600
    #: modules the preloaded process imports (what the batch's notebooks import)
    preload: tuple[str, ...] = field(default_factory=tuple)
    #: for the banner of a failed run's report
    study_name: str = ""
    cohort_title: str | None = None
    synthetic: bool = False

    @property
    def key(self) -> str:
        return f"{self.cohort}/{self.notebook}"

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Plan:
    """The runs to execute now, and earlier results carried over unchanged."""

    to_run: list[RunSpec]
    carried: list[dict]
    #: keys ``cohort/notebook`` of every run this invocation is about (run or carried)
    selected: list[str]


def sha256_file(path: str | Path) -> str:
    """Hex sha256 of a file's bytes, read in blocks.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "x.txt"
    >>> _ = p.write_bytes(b"abc")
    >>> sha256_file(p)[:16]
    'ba7816bf8f01cfea'
    """
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def discover_notebooks(notebooks_dir: str | Path) -> dict[str, Path]:
    """Every ``*.ipynb`` in ``notebooks_dir`` by stem, sorted; hidden files are ignored.

    A new notebook joins every batch by being dropped into the folder.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> for name in ("02_focus_groups.ipynb", "01_survey.ipynb", ".01_survey-checkpoint.ipynb"):
    ...     _ = (d / name).write_text("{}")
    >>> list(discover_notebooks(d))
    ['01_survey', '02_focus_groups']
    """
    folder = Path(notebooks_dir)
    return {p.stem: p.resolve() for p in sorted(folder.glob("*.ipynb")) if not p.name.startswith(".")}


def notebook_imports(path: str | Path) -> tuple[str, ...]:
    r"""Modules a notebook imports (absolute ``import``/``from`` statements), in order.

    The preloaded process imports these once per batch, so a notebook pays for using its
    libraries, not for importing them. IPython magics and shell lines are skipped.

    Examples
    --------
    >>> import tempfile
    >>> cell = {"cell_type": "code", "source": ["%matplotlib inline\n", "import pandas as pd\n",
    ...                                         "from cpdresearch.survey import build_survey_report"]}
    >>> p = Path(tempfile.mkdtemp()) / "n.ipynb"
    >>> _ = p.write_text(json.dumps({"cells": [cell], "nbformat": 4, "nbformat_minor": 5}))
    >>> notebook_imports(p)
    ('pandas', 'cpdresearch.survey')
    """
    import ast

    # Plain JSON, not nbformat: importing nbformat (jsonschema) costs more than the scan.
    found: list[str] = []
    for cell in json.loads(Path(path).read_text(encoding="utf-8")).get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        text = cell.get("source", "")
        text = "".join(text) if isinstance(text, list) else text
        source = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(("%", "!")))
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.append(node.module)
    return tuple(dict.fromkeys(found))


def input_hash(*, parameters: dict, notebook_sha256: str, inputs: dict[str, str]) -> str:
    """The sha256 that decides whether a finished run can be reused.

    Examples
    --------
    >>> a = input_hash(parameters={"cohort": "mash"}, notebook_sha256="n1", inputs={"survey": "f1"})
    >>> a == input_hash(parameters={"cohort": "mash"}, notebook_sha256="n1", inputs={"survey": "f1"})
    True
    >>> a == input_hash(parameters={"cohort": "mash"}, notebook_sha256="n1", inputs={"survey": "f2"})
    False
    """
    blob = json.dumps({"parameters": parameters, "notebook": notebook_sha256, "inputs": inputs},
                      sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def select_runs(study, *, available: dict[str, Path], cohorts: list[str] | None = None,
                notebooks: list[str] | None = None) -> list[tuple[str, str]]:
    """The ``(cohort, notebook)`` pairs to run, checking every name given.

    Notebook set per cohort: ``notebooks`` when given, else the cohort's own list in
    ``cohorts.yml``, else the study's default list, else every notebook in the folder.
    Unknown cohort or notebook names raise one :class:`~cpdresearch.errors.DataError`
    listing all of them.
    """
    problems: list[Problem] = []
    known_cohorts = [c.name for c in study.cohorts]
    for name in cohorts or []:
        if name not in known_cohorts:
            problems.append(Problem("cohorts.yml", None, "name", f"no cohort named {name!r}",
                                    f"one of {', '.join(known_cohorts) or 'none'}"))
    known_nb = ", ".join(available) or "none (the notebooks folder is empty)"
    for name in notebooks or []:
        if name not in available:
            problems.append(Problem("--notebook", None, None, f"no notebook named {name!r}", f"one of {known_nb}"))
    wanted_cohorts = [c for c in study.cohorts if not cohorts or c.name in cohorts]
    pairs: list[tuple[str, str]] = []
    for cohort in wanted_cohorts:
        if notebooks:
            names = list(notebooks)
        elif cohort.notebooks is not None:
            names = list(cohort.notebooks)
        elif study.notebooks is not None:
            names = list(study.notebooks)
        else:
            names = list(available)
        for name in names:
            if name not in available:
                if not notebooks:
                    problems.append(Problem("cohorts.yml", None, "notebooks",
                                            f"cohort {cohort.name!r} lists notebook {name!r}, which is not in the notebooks folder",
                                            f"one of {known_nb}"))
                continue
            pairs.append((cohort.name, name))
    if problems:
        raise DataError(sorted(set(problems), key=str))
    return pairs


def plan_runs(study, *, notebooks_dir: str | Path, run_dir: str | Path, run_id: str,
              cohorts: list[str] | None = None, notebooks: list[str] | None = None,
              timeout: int | None = 600, previous: dict | None = None, retry_failed: bool = False,
              inputs: dict[str, str] | None = None, preload: tuple[str, ...] = ()) -> Plan:
    """Plan a batch: the runs to execute and the earlier results to keep.

    Parameters
    ----------
    study : cpdresearch.Study
        The loaded study (its ``cohorts``, ``notebooks``, ``files`` and ``min_cell``).
    notebooks_dir, run_dir : path
        Where the notebooks are; where this run id's outputs go.
    previous : dict, optional
        The manifest of an earlier attempt at the same run id.
    retry_failed : bool
        Run only what ``previous`` recorded as failed; carry everything else over.
    inputs : dict, optional
        sha256 of every input file by name (computed from ``study.files`` when omitted).
    """
    available = discover_notebooks(notebooks_dir)
    pairs = select_runs(study, available=available, cohorts=cohorts, notebooks=notebooks)
    if inputs is None:
        inputs = {name: sha256_file(path) for name, path in sorted(study.files.items())}
    nb_sha = {name: sha256_file(available[name]) for name in {nb for _, nb in pairs}}
    before = {f"{r['cohort']}/{r['notebook']}": r for r in (previous or {}).get("runs", [])}
    run_dir = Path(run_dir).resolve()
    study_dir = str(Path(study.root).resolve())
    titles = {c.name: c.title for c in study.cohorts}

    to_run: list[RunSpec] = []
    carried: list[dict] = []
    for cohort, name in pairs:
        output_dir = paths.cohort_output_dir(run_dir.name, cohort, runs_dir=run_dir.parent)
        values = {"study_dir": study_dir, "cohort": cohort, "output_dir": str(output_dir),
                  "min_cell": int(study.min_cell), "run_id": run_id}
        parameters = {key: values[key] for key in NOTEBOOK_PARAMETERS}
        spec = RunSpec(cohort=cohort, notebook=name, notebook_path=str(available[name]),
                       output_dir=str(output_dir), parameters=parameters,
                       input_hash=input_hash(parameters=parameters, notebook_sha256=nb_sha[name], inputs=inputs),
                       timeout=timeout, preload=tuple(preload), study_name=study.name,
                       cohort_title=titles.get(cohort), synthetic=bool(study.synthetic))
        old = before.get(spec.key)
        if retry_failed:
            if old is not None and old.get("status") == "failed":
                to_run.append(spec)
            elif old is not None:
                carried.append(old)
        elif old is not None and old.get("status") == "succeeded" and old.get("input_hash") == spec.input_hash \
                and _outputs_exist(run_dir, old):
            carried.append(old)
        else:
            to_run.append(spec)
    return Plan(to_run=to_run, carried=carried, selected=[f"{c}/{n}" for c, n in pairs])


def _outputs_exist(run_dir: Path, record: dict) -> bool:
    outputs = record.get("outputs") or {}
    return bool(outputs) and all((run_dir / rel).is_file() for rel in outputs.values())
