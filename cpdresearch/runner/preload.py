"""What the runner's preloaded process imports once, so that no notebook pays for it.

Imported by the multiprocessing fork server (``cpdresearch.runner.execute``), which then
forks one process per notebook. The modules come from ``CPDRESEARCH_PRELOAD`` (comma
separated: the libraries the batch's notebooks import). Importing this module does the
work: import it only in the process to preload. Nothing here may raise: a fork
server whose preload fails dies, and every run with it.
"""
from __future__ import annotations

import importlib
import os
import signal
import sys

__all__ = ["skip_unused_imports"]

def skip_unused_imports() -> None:
    """Keep out what nbformat pulls in but never uses.

    jsonschema imports ``rfc3987_syntax`` (if installed) to check "iri" formats, which
    the notebook schema does not use; building its grammar costs ~0.9 s per process.
    """
    sys.modules.setdefault("rfc3987_syntax", None)


def _preload() -> None:
    # Ctrl-C reaches the whole process group. The fork server and the notebook processes
    # it forks (which inherit this) ignore it: the batch stops them itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    skip_unused_imports()
    from .execute import PRELOAD_ENV

    # As ipykernel does: pyplot picks the inline backend, as in a Jupyter kernel.
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    for name in filter(None, os.environ.get(PRELOAD_ENV, "").split(",")):
        try:
            importlib.import_module(name)
        except BaseException:  # a missing library fails in the notebook, with its message
            pass
    try:
        from .execute import warm_up

        warm_up()
    except BaseException:
        pass


_preload()
