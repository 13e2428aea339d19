"""Execute one run (one notebook for one cohort): a fresh forked process per notebook.

A Jupyter kernel per notebook costs a process start, the ZMQ protocol and, above all,
importing numpy, pandas, matplotlib, scipy and statsmodels again for every notebook.
Instead the runner keeps a *preloaded* process (a multiprocessing fork server that has
imported what the batch's notebooks import, nbconvert and an IPython shell) and forks
it once per notebook. The forked process executes the cells in an IPython shell
(:mod:`cpdresearch.runner.shell`) and exits. Each notebook therefore starts from the
same state a fresh kernel would have after those imports: a new namespace, default
matplotlib rcParams and pandas options, its own working directory and a newly seeded
random state; nothing one cohort does can reach the next.

The parent (a thread of ``cpdresearch run``, or a Dask worker) supervises: it receives
each executed cell as it ends, enforces the per-cell timeout, notices a process that
died, and stops the run on request. The executed notebook and its HTML are written
under hidden temporary names and renamed by the parent once the run is complete:
``<notebook>.ipynb`` when it succeeded, ``<notebook>.failed.ipynb`` (the partial
notebook, kept for diagnosis) when it did not. A failed run's HTML says it failed and
shows no traceback, which goes to the run's log, ``logs/<notebook>.log``.
"""
from __future__ import annotations

import copy
import datetime as dt
import multiprocessing as mp
import os
import re
import signal
import socket
import threading
import time
import traceback
from contextlib import contextmanager
from multiprocessing.connection import wait as wait_for
from pathlib import Path

from .. import paths
from .plan import RunSpec

__all__ = [
    "DEFAULT_PRELOAD", "KERNEL_START_ATTEMPTS", "TIMEOUT_GRACE", "PRELOAD_ENV", "PRELOAD_STUDY_ENV", "PROCESS_ENV",
    "KernelStartError", "RunStopped", "start_preloaded", "warm_up", "inject_parameters", "error_record",
    "describe_error", "notebook_title", "page_title", "render_report", "execute_run", "read_key_figures",
]

#: Imported by the preloaded process whatever the notebooks import: the libraries every
#: report notebook uses. ``cpdresearch`` itself imports its submodules lazily.
DEFAULT_PRELOAD: tuple[str, ...] = ("numpy", "pandas", "matplotlib.pyplot", "seaborn", "cpdresearch",
                                    "cpdresearch.outputs", "cpdresearch.report.notebook", "nbformat")
#: How often a notebook process that fails to start is tried.
KERNEL_START_ATTEMPTS = 3
#: Seconds a cell may overrun its timeout before its process is killed (the timeout is
#: first raised inside the cell; this catches a cell stuck in C code).
TIMEOUT_GRACE = 10
#: Environment variable naming the modules the preloaded process imports, comma separated.
PRELOAD_ENV = "CPDRESEARCH_PRELOAD"
#: Stable hashing in the preloaded process, so set order, and so outputs, repeat.
PROCESS_ENV = {"PYTHONHASHSEED": "0"}

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_FORKSERVER_LOCK = threading.Lock()


class KernelStartError(RuntimeError):
    """No process could be started for a run after :data:`KERNEL_START_ATTEMPTS` tries."""


class RunStopped(Exception):
    """The batch was asked to stop (Ctrl-C) while this run was going; nothing was kept."""


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


# -- the preloaded process -------------------------------------------------------------

#: Environment variable naming the study folder whose disclosure decisions the preloaded
#: process computes once for every cohort (see :func:`warm_up`).
PRELOAD_STUDY_ENV = "CPDRESEARCH_PRELOAD_STUDY"


def start_preloaded(modules: tuple[str, ...] = DEFAULT_PRELOAD, study_dir=None) -> None:
    """Start this process's fork server, importing ``modules`` once; return at once.

    The imports run in the fork server while the caller goes on (loading and hashing
    the study). Once started, the server serves the whole process: a later call with
    other modules leaves it as it is (the notebooks import what is missing).
    """
    from multiprocessing import forkserver

    with _FORKSERVER_LOCK:
        if forkserver._forkserver._forkserver_pid is not None:
            return
        saved = {k: os.environ.get(k) for k in (*PROCESS_ENV, PRELOAD_ENV, PRELOAD_STUDY_ENV)}
        os.environ.update(PROCESS_ENV)
        os.environ[PRELOAD_ENV] = ",".join(dict.fromkeys(modules))
        if study_dir is not None:
            os.environ[PRELOAD_STUDY_ENV] = str(study_dir)
        try:
            ctx = mp.get_context("forkserver")
            ctx.set_forkserver_preload(["cpdresearch.runner.preload"])
            forkserver.ensure_running()
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def warm_up() -> None:
    """Done once in the preloaded process: the IPython shell, the HTML exporter, the name lists,
    and with a study, what every cohort hides and the focus groups' analysis."""
    import nbformat

    from .shell import NotebookShell

    NotebookShell.prepared()
    # Compiles the report template now rather than in every notebook process.
    render_report(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("warm-up")]), title="warm-up")
    # The name lists pseudonymisation reads (about a second to build): built once here,
    # every notebook process forked from this one shares them.
    from ..report.name_lexicon import name_lexicon

    name_lexicon()
    study_dir = os.environ.get(PRELOAD_STUDY_ENV)
    if study_dir:
        # Which cells every cohort hides is decided from the whole study (docs/disclosure.md,
        # rule 8): decided once here, every notebook forked from this process reuses it.
        from ..cpd_model.coordination import coordinated_cells
        from ..evaluation.coordination import coordinated_cells as evaluation_cells
        from ..io import load_study
        from ..survey.publish import prepare_disclosure

        from ..focus_groups import analyse_focus_groups

        study = load_study(study_dir)
        prepare_disclosure(study)
        coordinated_cells(study)
        evaluation_cells(study)
        # Sessions carry no staff attribute, so most cohorts read the same transcripts:
        # their coding and counts are done once here (cached by what they read).
        analyse_focus_groups(study)


@contextmanager
def _children_allowed():
    """Let a daemonic process (a Dask worker) start a notebook process.

    multiprocessing refuses children to daemonic processes because they could be left
    behind; the supervisor always waits for or kills its notebook process.
    """
    config = mp.current_process()._config
    daemon = config.get("daemon")
    config["daemon"] = False
    try:
        yield
    finally:
        if daemon is not None:
            config["daemon"] = daemon


_START_LOCK = threading.Lock()


@contextmanager
def _without_main_module():
    """Start a process that does not run the caller's main module again.

    multiprocessing re-imports the parent's ``__main__`` in every child it starts this
    way (to find functions defined there); a notebook process needs nothing from it, and
    a user's script calling ``run_batch`` without an ``if __name__ == "__main__"`` guard
    would start its batch again in every notebook process.
    """
    from multiprocessing import spawn

    real = spawn.get_preparation_data

    def preparation_data(name):
        data = real(name)
        data.pop("init_main_from_path", None)
        data.pop("init_main_from_name", None)
        return data

    with _START_LOCK:
        spawn.get_preparation_data = preparation_data
        try:
            yield
        finally:
            spawn.get_preparation_data = real


# -- inside the notebook process --------------------------------------------------------

def _write_text(target, text: str):
    """:func:`cpdresearch.outputs.write_text`, imported when needed (it brings pandas)."""
    from ..outputs import write_text as write

    return write(target, text)


def _notebook_process(spec: dict, conn, tmp_nb: str, tmp_html: str, log_path: str) -> None:
    """Body of the forked process: execute the cells, write the notebook and its HTML."""
    # Ctrl-C reaches the whole process group: the parent decides what stops. (The
    # preloaded process already ignores it; this covers one started by someone else.)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    import sys

    import nbformat

    from .shell import NotebookShell

    spec = RunSpec(**spec)
    log = open(log_path, "a", encoding="utf-8", buffering=1)
    # What C code or a subprocess prints goes to the log, never to the user's terminal.
    for fd in (1, 2):
        os.dup2(log.fileno(), fd)
    os.chdir(Path(spec.notebook_path).parent)
    if "numpy" in sys.modules:  # a fresh kernel seeds numpy's global generator from the OS
        sys.modules["numpy"].random.seed()
    try:
        nb = inject_parameters(nbformat.read(spec.notebook_path, as_version=4), spec.parameters)
        conn.send(("notebook", nbformat.writes(nb)))
        shell = NotebookShell.start(log=log)
        error = None
        for index, cell in enumerate(nb.cells, start=1):
            if cell.cell_type != "code" or not cell.source.strip():
                continue
            conn.send(("start", index))
            log.write(f"\n-- cell {index} --\n")
            started = _now()
            t0 = time.perf_counter()
            count = shell.execution_count
            outputs, status, exc = shell.run(cell.source, timeout=spec.timeout)
            cell.outputs = [nbformat.from_dict(o) for o in outputs]
            cell.execution_count = count
            cell.metadata["papermill"] = {"start_time": started, "end_time": _now(),
                                          "duration": round(time.perf_counter() - t0, 3),
                                          "status": "completed" if status == "ok" else "failed"}
            conn.send(("cell", index, cell))
            if status != "ok":
                error = error_record(status, type(exc).__name__, str(exc), index)
                tb = next((o for o in outputs if o["output_type"] == "error"), None)
                log.write(_ANSI.sub("", "\n".join(tb["traceback"])) + "\n" if tb else f"{error['summary']}\n")
                break
        sys.stdout.flush()
        nbformat.write(nb, tmp_nb)
        _write_text(tmp_html, render_report(nb, title=page_title(nb, spec), error=error,
                                           banner=_banner(spec)))
        conn.send(("done", error))
    except BaseException as exc:  # the runner's own machinery failed: report it, not a hang
        conn.send(("internal", "".join(traceback.format_exception(exc))))
    finally:
        conn.close()
        log.close()


def inject_parameters(nb, parameters: dict):
    """The notebook with ``parameters`` injected as papermill injects them.

    A code cell tagged ``injected-parameters`` assigning each parameter goes after the
    cell tagged ``parameters`` (it replaces an earlier injected cell; it goes first when
    no cell is tagged), written as papermill writes it for Python, and the parameters are
    filed in the notebook's ``papermill`` metadata. Done here because importing papermill
    (nbclient, zmq, requests) costs ~0.6 s per process for these few lines;
    ``tests/test_runner_execute.py`` checks the result is papermill's.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('cohort = "all"')])
    >>> nb.cells[0].metadata["tags"] = ["parameters"]
    >>> print(inject_parameters(nb, {"cohort": "mash", "min_cell": 5}).cells[1].source)
    # Parameters
    cohort = "mash"
    min_cell = 5
    <BLANKLINE>
    """
    import nbformat

    def literal(value) -> str:
        if isinstance(value, str):  # papermill's escaping, double quotes
            return '"' + value.encode("unicode_escape").decode("utf-8").replace('"', r'\"') + '"'
        return repr(value)

    cell = nbformat.v4.new_code_cell(
        "# Parameters\n" + "".join(f"{name} = {literal(value)}\n" for name, value in parameters.items()))
    cell.metadata["tags"] = ["injected-parameters"]

    def tagged(tag: str) -> int:
        return next((i for i, c in enumerate(nb.cells) if tag in c.get("metadata", {}).get("tags", [])), -1)

    injected, declared = tagged("injected-parameters"), tagged("parameters")
    if injected >= 0:
        nb.cells[injected] = cell
    else:
        nb.cells.insert(declared + 1, cell)
    nb.metadata.setdefault("papermill", {})["parameters"] = dict(parameters)
    return nb


def _banner(spec: RunSpec):
    """The study/cohort line and, for synthetic data, the warning every report carries."""
    from ..report.notebook import study_banner

    return study_banner(spec.study_name, cohort_title=spec.cohort_title, synthetic=spec.synthetic).data


def error_record(kind: str, ename: str, evalue: str, cell: int | None) -> dict:
    """What went wrong in a run, for the manifest: kind, exception, failing cell.

    ``kind`` is ``error`` (the notebook raised), ``timeout`` (a cell ran past the
    per-cell timeout), ``kernel_died`` (the notebook's process stopped), ``kernel_start``,
    ``worker_lost`` or ``internal``. ``cell`` is the 1-based position of the failing cell
    in the executed notebook (``None`` if unknown).

    Examples
    --------
    >>> error_record("error", "ValueError", "no such team", 3)["summary"]
    'ValueError: no such team'
    """
    evalue = _ANSI.sub("", evalue or "")
    first_line = evalue.strip().splitlines()[0] if evalue.strip() else ""
    return {"kind": kind, "ename": ename, "evalue": evalue[:2000], "cell": cell,
            "summary": f"{ename}: {first_line[:200]}" if first_line else ename}


def describe_error(exc: BaseException, *, kind: str = "internal", cell: int | None = None) -> dict:
    """:func:`error_record` of an exception raised outside the notebook's cells.

    Examples
    --------
    >>> describe_error(KernelStartError("no process"), kind="kernel_start")["summary"]
    'KernelStartError: no process'
    """
    return error_record(kind, type(exc).__name__, str(exc), cell)


_EXPORTER = None
_IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\balt=)")
_FOCUSABLE_DIV = re.compile(r'<div(?![^>]*\btabindex=)'
                            r'(?=[^>]*\bclass="[^"]*(?<![\w-])(?:jp-OutputArea-output|jp-Cell-inputWrapper)(?![\w-]))')


def _exporter():
    global _EXPORTER
    if _EXPORTER is None:
        _EXPORTER = _report_exporter_class()(
            template_name="lab", template_file="cpd_report.html.j2",
            extra_template_basedirs=[str(paths.PACKAGE_DIR / "templates")],
            extra_template_paths=[str(paths.PACKAGE_DIR / "templates")],
            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
        )
    return _EXPORTER


def _report_exporter_class():
    """nbconvert's HTMLExporter, its accessibility pass done without parsing the page.

    HTMLExporter parses the whole page with BeautifulSoup to give images without a
    description an ``alt`` text and cells and outputs a ``tabindex``: ~0.3 s of a
    report's 0.4 s.
    The same two edits are made here on the markup the template writes.
    """
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class ReportExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            self.register_filter("highlight_code", self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            html = _IMG_WITHOUT_ALT.sub('<img alt="No description has been provided for this image"', html)
            return _FOCUSABLE_DIV.sub('<div tabindex="0"', html), resources

    return ReportExporter


def notebook_title(notebook, default: str) -> str:
    """A notebook's name in words: the text of its first Markdown heading.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Intro"),
    ...                                       nbformat.v4.new_markdown_cell("# CPD *staff* survey\\nText")])
    >>> notebook_title(nb, "01_survey")
    'CPD staff survey'
    >>> notebook_title(nbformat.v4.new_notebook(), "01_survey")
    '01_survey'
    """
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        for line in str(cell.get("source", "")).splitlines():
            if line.startswith("#"):
                text = re.sub(r"[*_`]", "", line.lstrip("#")).strip()
                if text:
                    return text
    return default


def page_title(notebook, spec) -> str:
    """A report's page title in words: the notebook's heading and the cohort's title."""
    cohort = getattr(spec, "cohort_title", None) or spec.cohort
    return f"{notebook_title(notebook, spec.notebook)} \u2014 {cohort}"


def render_report(notebook, *, title: str, error: dict | None = None, banner: str | None = None) -> str:
    """The code-free HTML of an executed notebook, for analysts.

    Inputs and prompts are excluded; error outputs, tracebacks, stderr (warnings) and
    papermill's error banner are removed. A failed run gets a plain-English notice at the
    top instead, after ``banner`` (Markdown: the study, the cohort and, for synthetic
    data, the warning) unless the cells that ran already show it. Figures are embedded,
    so the page works offline.

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
        shown = "".join(str(o.get("data", {}).get("text/markdown", ""))
                        for c in cells for o in c.get("outputs", []))
        if banner and banner not in shown:
            cells.insert(0, nbformat.v4.new_markdown_cell(banner))
    nb.cells = cells
    body, _ = _exporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
    return body


def _plain_kind(error: dict) -> str:
    return {"timeout": "a step took longer than the time allowed",
            "kernel_died": "the Python process running it stopped unexpectedly",
            "kernel_start": "the Python process to run it could not be started"}.get(
        error.get("kind"), "an error in the analysis")




# -- the supervising parent --------------------------------------------------------------

def _start_process(target, args) -> tuple[object, int]:
    ctx = mp.get_context("forkserver")
    errors = []
    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        try:
            proc = ctx.Process(target=target, args=args, name="cpdresearch-notebook")
            with _children_allowed(), _without_main_module():
                proc.start()
            return proc, attempt
        except Exception as exc:  # fork server gone, no memory, no process slots
            errors.append(f"attempt {attempt}: {type(exc).__name__}: {exc}")
            time.sleep(0.2 * attempt)
    raise KernelStartError("; ".join(errors))


def execute_run(spec: RunSpec | dict, stop: threading.Event | None = None) -> dict:
    """Execute one notebook for one cohort and render it; never raises for a bad run.

    Returns the run's manifest record: cohort, notebook, status (``succeeded`` or
    ``failed``), times, duration, parameters, input hash, error, output paths (relative
    to the run folder), key figures and which worker ran it.

    Raises :class:`RunStopped` when ``stop`` is set before the run completes: its
    process is killed and nothing of it is published under a final name.
    """
    spec = RunSpec(**spec) if isinstance(spec, dict) else spec
    start_preloaded(spec.preload or DEFAULT_PRELOAD)
    out = Path(spec.output_dir)
    run_dir = out.parent
    name = spec.notebook
    final_nb, failed_nb, html = out / f"{name}.ipynb", out / f"{name}.failed.ipynb", out / f"{name}.html"
    tmp_nb, tmp_html = out / f".{name}.partial.ipynb", out / f".{name}.partial.html"
    log_path = out / "logs" / f"{name}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (tmp_nb, tmp_html):
        leftover.unlink(missing_ok=True)
    record = {"cohort": spec.cohort, "notebook": name, "status": "failed", "started": _now(),
              "finished": None, "duration_s": None, "parameters": spec.parameters,
              "input_hash": spec.input_hash, "error": None, "outputs": {}, "key_figures": {},
              "kernel_attempts": None, "worker": f"{socket.gethostname()}:{os.getpid()}"}
    t0 = time.perf_counter()
    with open(log_path, "w", encoding="utf-8") as log_file:
        log_file.write(f"run {spec.parameters.get('run_id')}: {spec.key}\nstarted {record['started']} on "
                       f"{record['worker']}\nnotebook {spec.notebook_path}\nparameters {spec.parameters}\n")
    error, internal, notebook_text, cells = None, "", None, {}
    try:
        parent_conn, child_conn = mp.Pipe(duplex=False)
        proc, record["kernel_attempts"] = _start_process(
            _notebook_process, (spec.as_dict(), child_conn, str(tmp_nb), str(tmp_html), str(log_path)))
        child_conn.close()
    except KernelStartError as exc:
        proc, error = None, describe_error(exc, kind="kernel_start")
    if proc is not None:
        done, current, cell_t0 = False, None, None
        try:
            while True:
                if stop is not None and stop.is_set():
                    raise RunStopped(spec.key)
                ready = wait_for([parent_conn, proc.sentinel], timeout=0.2)
                if parent_conn in ready:
                    try:
                        message = parent_conn.recv()
                    except EOFError:  # the process ended without saying it finished
                        break
                    kind = message[0]
                    if kind == "notebook":
                        notebook_text = message[1]
                    elif kind == "start":
                        current, cell_t0 = message[1], time.monotonic()
                    elif kind == "cell":
                        cells[message[1]] = message[2]
                    elif kind == "done":
                        error, done = message[1], True
                        break
                    elif kind == "internal":
                        internal = message[1]
                        error = error_record("internal", "RunnerError", internal.strip().splitlines()[-1], current)
                        break
                elif proc.sentinel in ready and not parent_conn.poll():
                    break
                if spec.timeout and cell_t0 is not None and current not in cells \
                        and time.monotonic() - cell_t0 > spec.timeout + TIMEOUT_GRACE:
                    error = error_record("timeout", "CellTimeoutError",
                                         f"cell ran past the per-cell timeout of {spec.timeout} s", current)
                    break
            if not done and stop is not None and stop.is_set():
                raise RunStopped(spec.key)  # it died of the stop, not of its notebook
            if not done and error is None:
                proc.join(timeout=5)
                error = error_record("kernel_died", "DeadKernelError",
                                     f"the notebook's process stopped (exit code {proc.exitcode})", current)
        except BaseException as exc:
            tmp_nb.unlink(missing_ok=True)
            tmp_html.unlink(missing_ok=True)
            with open(log_path, "a", encoding="utf-8") as log_file:
                log_file.write(f"\nSTOPPED ({type(exc).__name__}): not finished, not recorded\n")
            raise
        finally:
            if proc.is_alive():
                proc.kill()
            proc.join()
            parent_conn.close()
        if not done:
            internal += _write_partial(spec, notebook_text, cells, error, tmp_nb, tmp_html)
    else:
        internal += _write_partial(spec, None, {}, error, tmp_nb, tmp_html)
    # Rename last, the notebook after the HTML: the finished notebook's name appears only
    # for a complete run, and only this process (never a killed child) publishes.
    if tmp_html.exists():
        os.replace(tmp_html, html)
    else:
        html.unlink(missing_ok=True)
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
    with open(log_path, "a", encoding="utf-8") as log_file:
        if error is not None:
            log_file.write(f"\nFAILED ({error['kind']}) at cell {error['cell']}: {error['summary']}\n")
        if internal:
            log_file.write("\n" + _ANSI.sub("", internal))
        log_file.write(f"\n{record['status']} in {record['duration_s']} s\n")
    outputs = {"notebook": final_nb if error is None else failed_nb, "html": html, "log": log_path}
    record["outputs"] = {k: p.relative_to(run_dir).as_posix() for k, p in outputs.items() if p.exists()}
    if error is None:
        record["key_figures"] = read_key_figures(out, name)
    return record


def _write_partial(spec: RunSpec, notebook_text: str | None, cells: dict, error: dict,
                   tmp_nb: Path, tmp_html: Path) -> str:
    """The notebook and report of a run whose process could not finish them itself.

    Returns the traceback text when even that fails (for the log); the run is failed
    either way.
    """
    import nbformat

    try:
        nb = nbformat.reads(notebook_text, as_version=4) if notebook_text else nbformat.v4.new_notebook()
        for index, cell in cells.items():
            nb.cells[index - 1] = cell
        if notebook_text:
            nbformat.write(nb, tmp_nb)
        _write_text(tmp_html, render_report(nb, title=page_title(nb, spec), error=error,
                                           banner=_banner(spec)))
        return ""
    except Exception as exc:
        tmp_html.unlink(missing_ok=True)
        return "".join(traceback.format_exception(exc))


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
