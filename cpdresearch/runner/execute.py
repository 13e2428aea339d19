"""Execute one run (one notebook for one cohort) inside a worker process.

The worker imports papermill and nbconvert once and keeps one *warm* kernel ready: a
fresh ``python3`` kernel process, started while the previous notebook runs, that has
already imported the heavy libraries the notebooks use. Every notebook still gets a new
kernel process (so a fresh namespace and fresh module state); what it no longer waits
for is the kernel's start-up and those imports.

The executed notebook is written under a hidden temporary name and renamed when the run
ends: ``<notebook>.ipynb`` when it succeeded, ``<notebook>.failed.ipynb`` (the partial
notebook, kept for diagnosis) when it did not. The code-free HTML for analysts is
written atomically beside it; a failed run's HTML says it failed and shows no traceback,
which goes to the run's log, ``logs/<notebook>.log``.
"""
from __future__ import annotations

import copy
import datetime as dt
import logging
import os
import re
import socket
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..outputs import write_text
from .plan import RunSpec

#: Imported in each warm kernel before it is handed a notebook. Only libraries every
#: report notebook uses; ``cpdresearch`` itself imports its submodules lazily.
DEFAULT_WARM_IMPORTS: tuple[str, ...] = ("numpy", "pandas", "matplotlib.pyplot", "seaborn", "cpdresearch")
#: How often a kernel that fails to start (port clash, start-up timeout) is tried.
KERNEL_START_ATTEMPTS = 3
#: Seconds a kernel may take to start and finish its warm imports.
START_TIMEOUT = 60
#: Kernel environment additions: stable hashing so set order, and so outputs, repeat.
KERNEL_ENV = {"PYTHONHASHSEED": "0"}

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
log = logging.getLogger(__name__)


class KernelStartError(RuntimeError):
    """No kernel could be started for a run after :data:`KERNEL_START_ATTEMPTS` tries."""


@dataclass
class _Kernel:
    km: object
    kc: object
    cwd: str
    imports: tuple[str, ...]


class WarmKernels:
    """A worker's kernel started ahead of time, handed to the next run that asks.

    Examples
    --------
    >>> pool = WarmKernels()
    >>> km, attempts = pool.take(cwd=".", imports=("json",), warm_next=False)
    >>> km.is_alive(), attempts
    (True, 1)
    >>> km.shutdown_kernel(now=True); pool.close()
    """

    def __init__(self) -> None:
        self._next: _Kernel | None = None

    @staticmethod
    def _start(cwd: str, imports: tuple[str, ...]) -> _Kernel:
        from jupyter_client.manager import KernelManager

        # "python3" resolves to this interpreter (ipykernel is importable here).
        km = KernelManager(kernel_name="python3")
        # nbclient drives the kernel asynchronously; give it the client class it expects.
        km.client_class = "jupyter_client.asynchronous.AsyncKernelClient"
        env = {**os.environ, **KERNEL_ENV}
        # ipykernel picks the inline backend only when MPLBACKEND is unset (tests set Agg).
        env.pop("MPLBACKEND", None)
        # The kernel's own start-up warnings (TCP without encryption) are noise on a
        # terminal showing a progress bar; what cells print goes to the run's log.
        km.start_kernel(cwd=cwd, env=env, extra_arguments=["--IPKernelApp.log_level=ERROR"])
        kc = km.blocking_client()
        kc.start_channels()
        if imports:
            code = "\n".join(f"try:\n    __import__({m!r})\nexcept Exception:\n    pass" for m in imports)
            # Queued behind start-up; runs while the worker is busy with another notebook.
            kc.execute(code, silent=True, store_history=False)
        return _Kernel(km, kc, cwd, tuple(imports))

    @staticmethod
    def _discard(kernel: _Kernel) -> None:
        try:
            kernel.kc.stop_channels()
        finally:
            if kernel.km.has_kernel:
                kernel.km.shutdown_kernel(now=True)

    def take(self, *, cwd: str | Path, imports: tuple[str, ...] = DEFAULT_WARM_IMPORTS,
             warm_next: bool = True, start_timeout: float = START_TIMEOUT):
        """A started, responsive kernel manager, and how many start attempts it took.

        Raises :class:`KernelStartError` when no kernel answers within ``start_timeout``
        seconds in :data:`KERNEL_START_ATTEMPTS` tries. The caller shuts the kernel down.
        """
        cwd, imports = str(cwd), tuple(imports)
        errors: list[str] = []
        for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
            kernel, self._next = self._next, None
            try:
                if kernel is None or (kernel.cwd, kernel.imports) != (cwd, imports):
                    if kernel is not None:
                        self._discard(kernel)
                    kernel = self._start(cwd, imports)
                # Answered only once the warm imports are done: the queue is in order.
                kernel.kc.wait_for_ready(timeout=start_timeout)
                kernel.kc.stop_channels()
            except Exception as exc:  # a port clash or a slow start shows up here
                errors.append(f"attempt {attempt}: {type(exc).__name__}: {exc}")
                if kernel is not None:
                    self._discard(kernel)
                continue
            if warm_next:
                try:
                    self._next = self._start(cwd, imports)
                except Exception:  # the next run starts its own and retries
                    self._next = None
            return kernel.km, attempt
        raise KernelStartError("; ".join(errors))

    def close(self) -> None:
        """Shut down the kernel kept ready, if any."""
        kernel, self._next = self._next, None
        if kernel is not None:
            self._discard(kernel)


#: One per process: a process-pool worker or a Dask worker process.
KERNELS = WarmKernels()


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def describe_error(exc: BaseException, notebook=None) -> dict:
    """What went wrong in a run, for the manifest: kind, exception, failing cell.

    ``kind`` is ``error`` (the notebook raised), ``timeout`` (a cell ran past the
    per-cell timeout), ``kernel_died``, ``kernel_start`` or ``internal``. ``cell`` is the
    1-based position of the failing cell in the executed notebook (``None`` if unknown).

    Examples
    --------
    >>> describe_error(ValueError("no such team"))["summary"]
    'ValueError: no such team'
    """
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    kind, ename, evalue, cell = "internal", type(exc).__name__, str(exc), None
    if isinstance(exc, PapermillExecutionError):
        kind, ename, evalue = "error", exc.ename, exc.evalue
    elif isinstance(exc, CellTimeoutError):
        kind, evalue = "timeout", str(exc).splitlines()[0] if str(exc) else "cell timed out"
    elif isinstance(exc, DeadKernelError):
        kind = "kernel_died"
    elif isinstance(exc, KernelStartError):
        kind = "kernel_start"
    if notebook is not None:
        # Counted without the banner cells papermill adds on failure.
        cells = [c for c in notebook.cells
                 if "papermill-error-cell-tag" not in c.get("metadata", {}).get("tags", [])]
        for i, c in enumerate(cells, start=1):
            status = c.get("metadata", {}).get("papermill", {}).get("status")
            if c.get("cell_type") == "code" and status in ("failed", "running"):
                cell = i
                break
    first_line = _ANSI.sub("", evalue).strip().splitlines()[0] if evalue.strip() else ""
    return {"kind": kind, "ename": ename, "evalue": _ANSI.sub("", evalue)[:2000], "cell": cell,
            "summary": f"{ename}: {first_line[:200]}" if first_line else ename}


_EXPORTER = None


def _exporter():
    global _EXPORTER
    if _EXPORTER is None:
        from nbconvert import HTMLExporter

        _EXPORTER = HTMLExporter(
            template_name="lab", template_file="cpd_report.html.j2",
            extra_template_basedirs=[str(paths.PACKAGE_DIR / "templates")],
            extra_template_paths=[str(paths.PACKAGE_DIR / "templates")],
            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
        )
    return _EXPORTER


def render_report(notebook, *, title: str, error: dict | None = None) -> str:
    """The code-free HTML of an executed notebook, for analysts.

    Inputs and prompts are excluded; error outputs, tracebacks, stderr (warnings) and
    papermill's error banner are removed. A failed run gets a plain-English notice at the
    top instead. Figures are embedded, so the page works offline.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Survey"),
    ...                                       nbformat.v4.new_code_cell("secret_code = 1")])
    >>> html = render_report(nb, title="mash / 01_survey")
    >>> "secret_code" in html, "<h1" in html
    (False, True)
    """
    import nbformat

    nb = copy.deepcopy(notebook)
    cells = []
    for cell in nb.cells:
        if "papermill-error-cell-tag" in cell.get("metadata", {}).get("tags", []):
            continue
        if cell.get("cell_type") == "code":
            cell["outputs"] = [o for o in cell.get("outputs", [])
                               if o.get("output_type") != "error"
                               and not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
        cells.append(cell)
    if error is not None and error.get("cell"):
        # Cells after the failing one never ran: showing their text would mislead.
        cells = cells[:error["cell"]]
    if error is not None:
        notice = ("<div class=\"cpd-run-failed\">\n\n**This report did not finish.** "
                  f"The analysis stopped ({_plain_kind(error)}), so what follows is incomplete. "
                  "The research team has the details in the run's log.\n\n</div>")
        cells.insert(0, nbformat.v4.new_markdown_cell(notice))
    nb.cells = cells
    body, _ = _exporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
    return body


def _plain_kind(error: dict) -> str:
    return {"timeout": "a step took longer than the time allowed",
            "kernel_died": "the Python process running it stopped unexpectedly",
            "kernel_start": "the Python process to run it could not be started"}.get(
        error.get("kind"), "an error in the analysis")


def execute_run(spec: RunSpec | dict) -> dict:
    """Execute one notebook for one cohort and render it; never raises for a bad run.

    Returns the run's manifest record: cohort, notebook, status (``succeeded`` or
    ``failed``), times, duration, parameters, input hash, error, output paths (relative
    to the run folder), key figures and which worker ran it.
    """
    import nbformat
    import papermill as pm

    spec = RunSpec(**spec) if isinstance(spec, dict) else spec
    out = Path(spec.output_dir)
    run_dir = out.parent
    name = spec.notebook
    final_nb, failed_nb, html = out / f"{name}.ipynb", out / f"{name}.failed.ipynb", out / f"{name}.html"
    tmp_nb = out / f".{name}.partial.ipynb"
    log_path = out / "logs" / f"{name}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    record = {"cohort": spec.cohort, "notebook": name, "status": "failed", "started": _now(),
              "finished": None, "duration_s": None, "parameters": spec.parameters,
              "input_hash": spec.input_hash, "error": None, "outputs": {}, "key_figures": {},
              "kernel_attempts": None, "worker": f"{socket.gethostname()}:{os.getpid()}"}
    t0 = time.perf_counter()
    with open(log_path, "w", encoding="utf-8") as log_file:
        log_file.write(f"run {spec.parameters.get('run_id')}: {spec.key}\nstarted {record['started']} on "
                       f"{record['worker']}\nnotebook {spec.notebook_path}\nparameters {spec.parameters}\n\n")
        log_file.flush()
        handler = logging.StreamHandler(log_file)
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        pm_log = logging.getLogger("papermill")
        pm_log.addHandler(handler)
        error, exc_text, executed = None, "", None
        try:
            km, record["kernel_attempts"] = KERNELS.take(
                cwd=Path(spec.notebook_path).parent, imports=spec.warm_imports or DEFAULT_WARM_IMPORTS,
                warm_next=spec.warm_next)
            try:
                pm.execute_notebook(
                    spec.notebook_path, str(tmp_nb), parameters=spec.parameters, kernel_name="python3",
                    language="python", km=km, execution_timeout=spec.timeout, start_timeout=START_TIMEOUT,
                    progress_bar=False, stdout_file=log_file, stderr_file=log_file)
            finally:
                if km.has_kernel:
                    km.shutdown_kernel(now=True)
        except Exception as exc:
            exc_text = "".join(traceback.format_exception(exc))
            if tmp_nb.exists():
                executed = nbformat.read(tmp_nb, as_version=4)
            error = describe_error(exc, executed)
        finally:
            pm_log.removeHandler(handler)
        try:
            if executed is None:
                # No executed notebook means nothing ran: the report is the notice alone.
                executed = nbformat.read(tmp_nb, as_version=4) if tmp_nb.exists() else nbformat.v4.new_notebook()
            write_text(html, render_report(executed, title=f"{spec.cohort} / {name}", error=error))
        except Exception as exc:  # a report that cannot be rendered is a failed run
            exc_text += "".join(traceback.format_exception(exc))
            error = error or describe_error(exc)
            html.unlink(missing_ok=True)
        # Rename last: the finished notebook's name appears only for a complete run.
        if error is None:
            os.replace(tmp_nb, final_nb)
            failed_nb.unlink(missing_ok=True)
        else:
            if tmp_nb.exists():
                os.replace(tmp_nb, failed_nb)
            final_nb.unlink(missing_ok=True)
        record["finished"] = _now()
        record["duration_s"] = round(time.perf_counter() - t0, 3)
        record["status"] = "succeeded" if error is None else "failed"
        record["error"] = error
        if error is not None:
            log_file.write(f"\nFAILED ({error['kind']}) at cell {error['cell']}: {error['summary']}\n\n"
                           + _ANSI.sub("", exc_text))
        log_file.write(f"\n{record['status']} in {record['duration_s']} s\n")
    outputs = {"notebook": final_nb if error is None else failed_nb, "html": html, "log": log_path}
    record["outputs"] = {k: p.relative_to(run_dir).as_posix() for k, p in outputs.items() if p.exists()}
    if error is None:
        record["key_figures"] = read_key_figures(out, name)
    return record


def read_key_figures(output_dir: str | Path, notebook: str) -> dict:
    """The key figures ``notebook`` wrote to ``output_dir/key_figures.json`` (``{}`` if none).

    A notebook files its figures under its own name (``01_survey``) or under its name
    without the ordering prefix (``survey``); both are found.

    Examples
    --------
    >>> import tempfile
    >>> from cpdresearch.outputs import write_key_figures
    >>> d = tempfile.mkdtemp()
    >>> _ = write_key_figures(d, "survey", {"respondents": 120})
    >>> read_key_figures(d, "01_survey"), read_key_figures(d, "02_focus_groups")
    ({'respondents': 120}, {})
    """
    import json

    path = Path(output_dir) / "key_figures.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    if not isinstance(data, dict):
        return {}
    prefix, _, section = notebook.partition("_")
    for key in (notebook, section if prefix.isdigit() else None):
        if key and isinstance(data.get(key), dict):
            return dict(data[key])
    return {}
