"""Shared test fixtures. Module-specific helpers live beside their tests."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "data"

# Figures render off-screen in tests.
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    if not (DEMO / "study.yml").exists():
        pytest.fail("the demo study data/ is missing: regenerate it with `cpdresearch synth data`")
    return DEMO


@pytest.fixture
def pg():
    """pingouin, the independent implementation some statistics are checked against.

    Skips (visibly, with the reason) only the tests that use it when it is missing.
    """
    return pytest.importorskip("pingouin")
