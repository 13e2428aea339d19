"""What the runner's preloaded process imports once, so that no notebook pays for it.

Imported by the multiprocessing fork server (``cpdresearch.runner.execute``), which then
forks one process per notebook. The modules come from ``CPDRESEARCH_PRELOAD`` (comma
separated: the libraries the batch's notebooks import). Nothing here may raise: a fork
server whose preload fails dies, and every run with it.
"""
from __future__ import annotations

import importlib
import os

#: Environment variable naming the modules to import, comma separated.
PRELOAD_ENV = "CPDRESEARCH_PRELOAD"


def _preload() -> None:
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
