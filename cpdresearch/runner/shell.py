"""Execute a notebook's cells in this process, recording outputs as a kernel would.

The runner executes each notebook in a process forked from a preloaded one (see
``cpdresearch.runner.execute``). Inside it, :class:`NotebookShell` plays the part of the
Jupyter kernel: an IPython shell (so magics such as ``%matplotlib inline`` work) whose
displays, results, printed text and tracebacks become the cell's nbformat outputs,
in the order they happened, as ipykernel would have sent them to papermill.

Examples
--------
In a forked notebook process (it takes over ``sys.stdout`` and is a process-wide
singleton, so not here):

>>> shell = NotebookShell.start()                               # doctest: +SKIP
>>> outputs, status, _ = shell.run("print('hello')\\n6 * 7")     # doctest: +SKIP
>>> status, [o["output_type"] for o in outputs]                 # doctest: +SKIP
('ok', ['stream', 'execute_result'])
"""
from __future__ import annotations

import signal
import sys

from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from traitlets import Type
from traitlets.config import Config

__all__ = ["CellTimeoutError", "NotebookShell"]


class CellTimeoutError(Exception):
    """A cell ran past the per-cell timeout."""


class _Publisher(DisplayPublisher):
    """``display(...)`` becomes a ``display_data`` output of the running cell."""

    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
        self.shell.add_output({"output_type": "display_data", "data": dict(data),
                               "metadata": dict(metadata or {})})

    def clear_output(self, wait=False):
        self.shell.clear_outputs()


class _ResultHook(DisplayHook):
    """A cell's last expression becomes its ``execute_result`` output."""

    def write_output_prompt(self):
        pass

    def write_format_data(self, format_dict, md_dict=None) -> None:
        self.shell.add_output({"output_type": "execute_result", "data": dict(format_dict),
                               "metadata": dict(md_dict or {}), "execution_count": self.prompt_count})

    def finish_displayhook(self):
        pass


class _Stream:
    """``sys.stdout``/``sys.stderr`` of the notebook: a ``stream`` output, copied to the log."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self, shell: NotebookShell, name: str, log=None) -> None:
        self.shell, self.name, self.log = shell, name, log

    def write(self, text: str) -> int:
        if text:
            self.shell.add_stream(self.name, text)
            if self.log is not None:
                self.log.write(text)
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if self.log is not None:
            self.log.flush()

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError("a notebook stream has no file descriptor")


class NotebookShell(InteractiveShell):
    """An IPython shell whose outputs are collected per cell (see the module docstring)."""

    display_pub_class = Type(_Publisher)
    displayhook_class = Type(_ResultHook)

    @classmethod
    def start(cls, *, log=None) -> NotebookShell:
        """The shell, with stdout/stderr captured and the inline matplotlib backend active.

        A Jupyter kernel renders figures inline whether or not a notebook says
        ``%matplotlib inline``; so does this shell. Input history stays in memory.
        """
        shell = cls.prepared()
        sys.stdout, sys.stderr = _Stream(shell, "stdout", log), _Stream(shell, "stderr", log)
        return shell

    @classmethod
    def prepared(cls) -> NotebookShell:
        """The shell set up but not yet capturing: what the preloaded process holds."""
        if cls.initialized():
            return cls.instance()
        shell = cls.instance(config=Config({"HistoryManager": {"enabled": False}}))
        shell._outputs = []
        if "matplotlib" in sys.modules or _importable("matplotlib"):
            shell.enable_matplotlib("inline")
        return shell

    # -- outputs of the running cell ---------------------------------------------------
    def add_output(self, output: dict) -> None:
        self._outputs.append(output)

    def add_stream(self, name: str, text: str) -> None:
        last = self._outputs[-1] if self._outputs else None
        if last is not None and last["output_type"] == "stream" and last["name"] == name:
            last["text"] += text  # consecutive writes are one output, as nbclient merges them
        else:
            self._outputs.append({"output_type": "stream", "name": name, "text": text})

    def clear_outputs(self) -> None:
        self._outputs.clear()

    def enable_gui(self, gui=None):
        """No GUI event loop: figures are rendered inline, as in a Jupyter kernel."""

    def _showtraceback(self, etype, evalue, stb):
        self._outputs.append({"output_type": "error", "ename": etype.__name__, "evalue": str(evalue),
                              "traceback": list(stb)})

    # -- running a cell -----------------------------------------------------------------
    def run(self, source: str, *, timeout: float | None = None) -> tuple[list[dict], str, BaseException | None]:
        """Run one cell; return its outputs, ``ok``/``error``/``timeout`` and the exception.

        ``timeout`` (seconds) interrupts a cell that runs longer with
        :class:`CellTimeoutError`, raised in the cell's own code.
        """
        self._outputs = []
        if timeout:
            previous = signal.signal(signal.SIGALRM, _raise_timeout)
            signal.setitimer(signal.ITIMER_REAL, float(timeout))
        try:
            result = self.run_cell(source, store_history=True)
        finally:
            if timeout:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
        exc = result.error_before_exec or result.error_in_exec
        status = "ok" if exc is None else "timeout" if isinstance(exc, CellTimeoutError) else "error"
        return self._outputs, status, exc


def _raise_timeout(signum, frame):
    raise CellTimeoutError("cell ran past the per-cell timeout")


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None
