"""The layer rule of docs/architecture.md, checked by parsing every module's imports.

Data flows one way: ``io`` -> topic packages -> ``cpd_model`` -> notebooks -> ``runner``
-> ``cli``. The generic layers under the topics (``stats``, ``text``, ``report``, ``io``
and the core modules) import no topic; a topic imports no other topic; only
``cpd_model`` combines topics; nothing imports ``runner`` or ``cli`` but ``cli``.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import cpdresearch

PACKAGE = Path(cpdresearch.__file__).parent
TOPICS = {"survey", "focus_groups", "evaluation"}
# What each layer may not import (top-level names under cpdresearch).
ABOVE = {
    "generic": TOPICS | {"cpd_model", "runner", "cli", "synth"},
    "topic": {"cpd_model", "runner", "cli", "synth"},  # plus other topics, checked below
    "cpd_model": {"runner", "cli", "synth"},
    "synth": TOPICS | {"cpd_model", "runner", "cli"},
    "runner": {"cli"},
    "cli": set(),
}


def _layer(part: str) -> str:
    if part in TOPICS:
        return "topic"
    if part in {"cpd_model", "synth", "runner", "cli"}:
        return part
    return "generic"


def _imports(path: Path, source: str | None = None) -> set[str]:
    """Top-level cpdresearch subpackages/modules imported by the module at ``path``."""
    package = path.relative_to(PACKAGE.parent).parts[:-1]
    found = set()
    source = path.read_text(encoding="utf-8") if source is None else source
    for node in ast.walk(ast.parse(source)):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = (*base, *(node.module.split(".") if node.module else ()))
                names = [".".join(target)] if node.module else [".".join((*base, a.name)) for a in node.names]
            elif node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "cpdresearch" and len(parts) > 1:
                found.add(parts[1])
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_only_downwards(path):
    own = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
    layer = _layer(own)
    forbidden = set(ABOVE[layer])
    if layer == "topic":
        forbidden |= TOPICS - {own}
    bad = sorted((_imports(path) - {own}) & forbidden)
    assert not bad, f"{path.relative_to(PACKAGE)} ({layer}) imports {bad}, which sit above it"


def test_the_import_parser_sees_relative_and_absolute_imports():
    """The rule is only as good as the parser: check it on a module that breaks it."""
    probe = PACKAGE / "report" / "probe.py"  # parsed only, never written
    source = "from ..survey import analysis\nimport cpdresearch.runner\nfrom . import plots\n"
    assert _imports(probe, source) == {"survey", "runner", "report"}
    assert _imports(PACKAGE / "report" / "__init__.py", "from ..stats import adjust_p\n") == {"stats"}


ENTRY_POINTS = ["cpdresearch", "cpdresearch.io", "cpdresearch.stats", "cpdresearch.report", "cpdresearch.survey",
                "cpdresearch.cpd_model",
                "cpdresearch.outputs", "cpdresearch.study"]


@pytest.mark.parametrize("package", ENTRY_POINTS)
def test_every_entry_point_has_a_runnable_example(package):
    """What a researcher imports from a package carries a numpydoc Examples section
    (run by pytest's doctest collection)."""
    import importlib
    import inspect

    module = importlib.import_module(package)
    missing = [name for name in module.__all__
               if (inspect.isfunction(obj := getattr(module, name)) or inspect.isclass(obj))
               and "Examples\n" not in (obj.__doc__ or "")]
    assert not missing, f"{package}: no Examples in {missing}"


def test_every_public_module_declares_all():
    bare = [str(p.relative_to(PACKAGE)) for p in MODULES
            if not p.name.startswith("_") and "__all__" not in p.read_text(encoding="utf-8")]
    assert not bare, f"public modules without __all__: {bare}"
