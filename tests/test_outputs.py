from __future__ import annotations

import json
import os

import pandas as pd
import pytest

from cpdresearch import outputs


def test_interrupted_write_leaves_no_file(tmp_path):
    target = tmp_path / "tables" / "t.csv"
    with pytest.raises(RuntimeError):
        with outputs.atomic_path(target) as tmp:
            tmp.write_text("half a tab")
            raise RuntimeError("killed")
    assert not target.exists()
    assert list(target.parent.iterdir()) == []


def test_write_table_replaces_atomically(tmp_path):
    target = tmp_path / "t.csv"
    outputs.write_table(pd.DataFrame({"a": [1]}), target)
    inode_before = os.stat(target).st_ino
    outputs.write_table(pd.DataFrame({"a": [2]}), target)
    assert pd.read_csv(target)["a"].tolist() == [2]
    assert os.stat(target).st_ino != inode_before  # replaced by rename, not rewritten in place


def test_key_figures_merge_and_nan_becomes_null(tmp_path):
    outputs.write_key_figures(tmp_path, "survey", {"alpha": float("nan"), "n": 3})
    outputs.write_key_figures(tmp_path, "evaluation", {"n": 4})
    data = json.loads((tmp_path / "key_figures.json").read_text())
    assert data == {"evaluation": {"n": 4}, "survey": {"alpha": None, "n": 3}}


def test_published_files_are_readable_as_a_plain_open_would_make_them(tmp_path):
    mask = os.umask(0o022)
    os.umask(mask)
    target = outputs.write_text(tmp_path / "index.html", "<p>hi</p>")
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    assert (target.stat().st_mode & 0o777) == (plain.stat().st_mode & 0o777)
