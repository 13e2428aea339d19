"""``make lab`` / ``cpdresearch lab``: JupyterLab starts on notebooks/ and serves them."""
from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_lab_serves_the_notebooks_headless(tmp_path):
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_TOKEN": token, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    proc = subprocess.Popen([sys.executable, "-m", "cpdresearch.cli", "lab", "--no-browser", "--port", str(port)],
                            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        listing, deadline = None, time.time() + 60
        while time.time() < deadline and proc.poll() is None:
            try:
                request = urllib.request.Request(f"http://127.0.0.1:{port}/api/contents/",
                                                 headers={"Authorization": f"token {token}"})
                with urllib.request.urlopen(request, timeout=5) as response:
                    listing = json.load(response)
                break
            except OSError:
                time.sleep(0.5)
        assert listing is not None, proc.stderr.read() if proc.poll() is not None else "no answer in 60 s"
        names = {item["name"] for item in listing["content"]}
        assert "01_survey.ipynb" in names
        with urllib.request.urlopen(urllib.request.Request(
                f"http://127.0.0.1:{port}/api/kernelspecs", headers={"Authorization": f"token {token}"}),
                timeout=5) as response:
            specs = json.load(response)
        assert specs["default"] == "python3"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # the server and any kernel it started
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def test_make_lab_starts_it_from_the_project_environment():
    makefile = (REPO / "Makefile").read_text()
    assert "\nlab: $(STAMP)\n\t$(PY) -m cpdresearch.cli lab\n" in makefile
    assert "make lab" in (REPO / "README.md").read_text()
