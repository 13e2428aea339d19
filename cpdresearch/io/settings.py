"""``study.yml`` and ``cohorts.yml``: YAML read with line numbers for every key.

Examples
--------
>>> found = Collector()
>>> doc = parse_yaml("name: Demo\\nsynthetic: maybe\\n", file="study.yml", found=found)
>>> doc.line("synthetic")
2
>>> settings = check_settings(doc, found=found)
>>> [str(p) for p in found.problems]
["study.yml:2:synthetic: 'maybe' is not true or false; expected true or false"]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from .. import paths
from ..study import Cohort
from .checks import Collector

__all__ = [
    "YamlDoc", "parse_yaml", "read_yaml", "check_settings", "section_overrides", "parse_cohorts",
    "check_cohort_columns",
]

_SLUG = re.compile(r"^[a-z0-9_]+$")


@dataclass
class YamlDoc:
    """A parsed YAML document and the line of every key or list item in it."""

    file: str
    data: object
    lines: dict[tuple, int] = field(default_factory=dict)

    def line(self, *keys) -> int | None:
        """Line (1-based) of the key path ``keys``, or of its nearest parent."""
        while keys:
            if keys in self.lines:
                return self.lines[keys]
            keys = keys[:-1]
        return 1


def _walk(node, path: tuple, lines: dict) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            here = path + (key.value,)
            lines[here] = key.start_mark.line + 1
            _walk(value, here, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            lines[path + (i,)] = value.start_mark.line + 1
            _walk(value, path + (i,), lines)


def parse_yaml(text: str, *, file: str, found: Collector) -> YamlDoc | None:
    """Parse YAML text; a syntax error becomes a problem on the line yaml points at."""
    loader = yaml.SafeLoader(text)
    try:
        # One parse gives both the node tree (for line numbers) and the data.
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        reason = getattr(err, "problem", None) or str(err)
        found.add(file, mark.line + 1 if mark else None, f"column {mark.column + 1}" if mark else None,
                  f"malformed YAML: {reason}", "valid YAML")
        return None
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return YamlDoc(file, data, lines)


def read_yaml(path: Path, *, file: str, found: Collector) -> YamlDoc | None:
    """Read a YAML file (read-only); empty, undecodable or malformed files are problems."""
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        found.add(file, data.count(b"\n", 0, err.start) + 1, None,
                  f"undecodable bytes {data[err.start:err.end].hex(' ')}", "UTF-8 text")
        return None
    if not text.strip():
        found.add(file, None, None, "the file is empty", "YAML settings")
        return None
    return parse_yaml(text, file=file, found=found)


def _positive_int(doc: YamlDoc, found: Collector, value, keys: tuple, low: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        found.add(doc.file, doc.line(*keys), ".".join(keys), f"{value!r} is not valid", f"an integer >= {low}")
        return None
    return value


def check_settings(doc: YamlDoc, *, found: Collector) -> dict:
    """Check ``study.yml`` against the contract; returns the settings mapping."""
    data = doc.data
    if not isinstance(data, dict):
        found.add(doc.file, 1, None, "the settings are not a mapping", "keys name, synthetic, ...")
        return {}
    if not str(data.get("name") or "").strip():
        found.add(doc.file, doc.line("name"), "name", "missing study name", "name: <text>")
    if "synthetic" not in data:
        found.add(doc.file, 1, "synthetic", "missing key synthetic", "synthetic: true or false")
    elif not isinstance(data["synthetic"], bool):
        found.add(doc.file, doc.line("synthetic"), "synthetic", f"{data['synthetic']!r} is not true or false",
                  "true or false")
    disclosure = data.get("disclosure") or {}
    if not isinstance(disclosure, dict):
        found.add(doc.file, doc.line("disclosure"), "disclosure", "not a mapping", "min_cell, min_group")
    else:
        if "min_cell" in disclosure:
            _positive_int(doc, found, disclosure["min_cell"], ("disclosure", "min_cell"), 2)
        if "min_group" in disclosure:
            _positive_int(doc, found, disclosure["min_group"], ("disclosure", "min_group"), 1)
    charging = data.get("charging") or {}
    if not isinstance(charging, dict):
        found.add(doc.file, doc.line("charging"), "charging", "not a mapping", "late_cancellation_working_days, tiers")
    else:
        if "late_cancellation_working_days" in charging:
            _positive_int(doc, found, charging["late_cancellation_working_days"],
                          ("charging", "late_cancellation_working_days"), 0)
        for tier, prices in (charging.get("tiers") or {}).items():
            if not isinstance(prices, dict):
                found.add(doc.file, doc.line("charging", "tiers", tier), f"charging.tiers.{tier}",
                          "not a mapping", "full_day, half_day, late_charge")
                continue
            for key, price in prices.items():
                if key not in ("full_day", "half_day", "late_charge"):
                    found.add(doc.file, doc.line("charging", "tiers", tier, key), f"charging.tiers.{tier}.{key}",
                              f"unknown key {key!r}", "full_day, half_day or late_charge")
                elif isinstance(price, bool) or not isinstance(price, (int, float)) or price < 0:
                    found.add(doc.file, doc.line("charging", "tiers", tier, key), f"charging.tiers.{tier}.{key}",
                              f"{price!r} is not an amount of money", "a number >= 0")
    _check_evaluation(doc, data.get("evaluation"), found)
    _check_cpd_model(doc, data.get("cpd_model"), found)
    overrides = data.get("paths") or {}
    if not isinstance(overrides, dict):
        found.add(doc.file, doc.line("paths"), "paths", "not a mapping", "section: path")
    else:
        for section, value in overrides.items():
            if section not in paths.STUDY_FILES or section == "settings":
                found.add(doc.file, doc.line("paths", section), f"paths.{section}", f"unknown section {section!r}",
                          "one of " + ", ".join(s for s in paths.STUDY_FILES if s != "settings"))
            elif not isinstance(value, str) or not value.strip():
                found.add(doc.file, doc.line("paths", section), f"paths.{section}", f"{value!r} is not a path",
                          "a path relative to the study folder")
    return data


def _check_evaluation(doc: YamlDoc, evaluation, found: Collector) -> None:
    """``evaluation.not_met``: the thresholds of the objectives-not-met rule (docs/evaluation.md)."""
    if evaluation is None:
        return
    if not isinstance(evaluation, dict):
        found.add(doc.file, doc.line("evaluation"), "evaluation", "not a mapping", "not_met")
        return
    rule = evaluation.get("not_met")
    if rule is None:
        return
    if not isinstance(rule, dict):
        found.add(doc.file, doc.line("evaluation", "not_met"), "evaluation.not_met", "not a mapping",
                  "post_median_below, min_share_improved, alpha")
        return
    for key, value in rule.items():
        where = (doc.file, doc.line("evaluation", "not_met", key), f"evaluation.not_met.{key}")
        if key == "post_median_below":
            if not isinstance(value, str) or not value.strip():
                found.add(*where, f"{value!r} is not a level of the rating scale", "a label such as Knowledgeable")
        elif key in ("min_share_improved", "alpha"):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
                found.add(*where, f"{value!r} is not a proportion", "a number above 0 and at most 1")
        else:
            found.add(*where, f"unknown key {key!r}", "post_median_below, min_share_improved or alpha")


def _check_cpd_model(doc: YamlDoc, spec, found: Collector) -> None:
    """``cpd_model``: priority points, the commissioning threshold, the score weights and the
    priority areas of the CPD model (docs/cpd_model.md)."""
    if spec is None:
        return
    if not isinstance(spec, dict):
        found.add(doc.file, doc.line("cpd_model"), "cpd_model", "not a mapping",
                  "priority_points, commissioning, weights, priority_areas")
        return

    def number(value) -> bool:
        return not isinstance(value, bool) and isinstance(value, (int, float)) and value >= 0

    for key, value in spec.items():
        where = (doc.file, doc.line("cpd_model", key), f"cpd_model.{key}")
        if key in ("priority_points", "weights"):
            known = ("high", "medium", "low") if key == "priority_points" else ("demand", "voice", "survey",
                                                                                   "evaluation")
            if not isinstance(value, dict):
                found.add(*where, "not a mapping", ", ".join(f"{k}: number" for k in known))
                continue
            for name, v in value.items():
                at = (doc.file, doc.line("cpd_model", key, name), f"cpd_model.{key}.{name}")
                if name not in known:
                    found.add(*at, f"unknown key {name!r}", "one of " + ", ".join(known))
                elif not number(v):
                    found.add(*at, f"{v!r} is not valid", "a number >= 0")
            if key == "weights" and all(number(v) for v in value.values()) \
                    and not any(v > 0 for k, v in value.items() if k in known) and len(value) == len(known):
                found.add(*where, "every weight is 0", "at least one weight above 0")
        elif key == "commissioning":
            if not isinstance(value, dict):
                found.add(*where, "not a mapping", "min_staff, min_teams")
                continue
            for name, v in value.items():
                if name in ("min_staff", "min_teams"):
                    _positive_int(doc, found, v, ("cpd_model", "commissioning", name), 1)
                else:
                    found.add(doc.file, doc.line("cpd_model", key, name), f"cpd_model.commissioning.{name}",
                              f"unknown key {name!r}", "min_staff or min_teams")
        elif key == "priority_areas":
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                found.add(*where, "not a list of names", "[area, area, ...] as courses.csv names them")
        else:
            found.add(*where, f"unknown key {key!r}", "priority_points, commissioning, weights or priority_areas")


def section_overrides(settings: dict) -> dict[str, str]:
    """The valid ``paths:`` overrides of ``study.yml``."""
    overrides = settings.get("paths") or {}
    if not isinstance(overrides, dict):
        return {}
    return {k: v.strip() for k, v in overrides.items() if k in paths.STUDY_FILES and isinstance(v, str) and v.strip()}


def parse_cohorts(doc: YamlDoc, *, found: Collector) -> tuple[list[Cohort], list[str] | None]:
    """Cohorts and the default notebook set from ``cohorts.yml``.

    Filter columns are checked later against the loaded datasets
    (:func:`check_cohort_columns`).
    """
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        found.add(doc.file, 1, None, "the cohorts file is not a mapping", "keys notebooks, cohorts")
        return [], None
    notebooks = data.get("notebooks")
    if notebooks is not None and (not isinstance(notebooks, list) or not all(isinstance(n, str) for n in notebooks)):
        found.add(doc.file, doc.line("notebooks"), "notebooks", "not a list of notebook names", "[01_survey, ...]")
        notebooks = None
    cohorts: list[Cohort] = []
    seen: dict[str, int] = {}
    entries = data.get("cohorts") or []
    if not isinstance(entries, list):
        found.add(doc.file, doc.line("cohorts"), "cohorts", "not a list", "a list of {name, title, filter}")
        entries = []
    for i, entry in enumerate(entries):
        line = doc.line("cohorts", i)
        if not isinstance(entry, dict):
            found.add(doc.file, line, f"cohorts[{i}]", "a cohort is not a mapping", "{name, title, filter}")
            continue
        name = str(entry.get("name") or "")
        if not _SLUG.match(name):
            found.add(doc.file, doc.line("cohorts", i, "name"), "name", f"bad cohort name {name!r}",
                      "a slug of lower-case letters, digits and underscores")
            continue
        if name in seen:
            found.add(doc.file, doc.line("cohorts", i, "name"), "name",
                      f"duplicate cohort {name!r} (first on line {seen[name]})", "unique cohort names")
            continue
        seen[name] = doc.line("cohorts", i, "name")
        filt = entry.get("filter") or {}
        if not isinstance(filt, dict):
            found.add(doc.file, doc.line("cohorts", i, "filter"), "filter", "the filter is not a mapping",
                      "{column: value} or {column: [values]}")
            filt = {}
        own = entry.get("notebooks")
        if own is not None and (not isinstance(own, list) or not all(isinstance(n, str) for n in own)):
            found.add(doc.file, doc.line("cohorts", i, "notebooks"), "notebooks", "not a list of notebook names",
                      "[01_survey, ...]")
            own = None
        cohorts.append(Cohort(name, str(entry.get("title") or name), dict(filt), tuple(own) if own else None))
    return cohorts, notebooks


def check_cohort_columns(doc: YamlDoc, cohorts: list[Cohort], datasets: dict, *, found: Collector) -> None:
    """Check each cohort filter against the loaded datasets.

    A filter on a column that no dataset has is a problem (it would silently select
    everyone), and so is a value that is not a level of that column wherever the column
    is categorical with declared levels (a typo such as ``team: Mash`` would select no one).
    """
    entries = doc.data.get("cohorts") if isinstance(doc.data, dict) else None
    index = {e.get("name"): i for i, e in enumerate(entries or []) if isinstance(e, dict)}
    columns = {c for df in datasets.values() for c in df.columns}
    for cohort in cohorts:
        i = index.get(cohort.name)
        for column, wanted in cohort.filter.items():
            line = doc.line("cohorts", i, "filter", column)
            if column not in columns:
                found.add(doc.file, line, f"filter.{column}",
                          f"cohort {cohort.name!r} filters on column {column!r}, which no dataset has",
                          "a column of a loaded dataset, e.g. " + ", ".join(sorted(map(str, columns))[:8]))
                continue
            having = [df[column] for df in datasets.values() if column in df.columns]
            if not all(isinstance(col.dtype, pd.CategoricalDtype) for col in having):
                continue
            levels = {lv for col in having for lv in col.cat.categories}
            for value in wanted if isinstance(wanted, (list, tuple)) else [wanted]:
                if value not in levels:
                    found.add(doc.file, line, f"filter.{column}",
                              f"cohort {cohort.name!r} filters on {column} {value!r}, which is not a level",
                              "one of " + ", ".join(sorted(map(str, levels))))
