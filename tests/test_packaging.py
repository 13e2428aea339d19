"""The set-up contract: two commands, CI calls the test command, conda and pip agree."""
from __future__ import annotations

import re
import tomllib

import yaml

from conftest import REPO


def _name(req: str) -> str:
    return re.split(r"[<>=!~\[ ;]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject_requirements() -> dict[str, str]:
    meta = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    reqs = list(meta["dependencies"]) + list(meta["optional-dependencies"]["dev"])
    return {_name(r): r.replace(" ", "") for r in reqs}


def _conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    out = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str) and _name(dep) not in ("python", "pip"):
            out[_name(dep)] = dep.replace(" ", "")
    return out


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    pip, conda = _pyproject_requirements(), _conda_requirements()
    assert set(pip) == set(conda), f"only in pyproject: {set(pip) - set(conda)}; only in environment.yml: {set(conda) - set(pip)}"
    for name, req in pip.items():
        pip_bound = re.search(r">=([\w.]+)", req)
        conda_bound = re.search(r">=([\w.]+)", conda[name])
        assert pip_bound and conda_bound, f"{name}: both files need a tested lower bound"
        assert pip_bound.group(1) == conda_bound.group(1), f"{name}: {req} vs {conda[name]}"


def test_environment_yml_pins_python_311_from_conda_forge():
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    assert "python=3.11" in env["dependencies"]


def test_readme_names_two_commands_and_ci_calls_the_test_command():
    readme = (REPO / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    ci = (REPO / ".ci" / "run").read_text()
    assert "make test" in ci


def test_makefile_builds_the_environment_inside_the_repo():
    makefile = (REPO / "Makefile").read_text()
    assert "VENV := .venv" in makefile
    assert 'pip install --quiet -e ".[dev]"' in makefile
    assert "cpdresearch.cli setup" in makefile  # offline NLTK data prepared at set-up


def test_package_import_is_lazy():
    import subprocess
    import sys

    code = "import sys, cpdresearch; print(int(any(m in sys.modules for m in ('statsmodels', 'matplotlib', 'papermill', 'nltk'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"
