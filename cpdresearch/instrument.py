"""Survey instruments: scales, Likert blocks, multi-selects, free text.

An instrument is read from YAML (see ``docs/study_folder.md``) with
:func:`parse_instrument`, which collects every problem instead of stopping at the first.

Examples
--------
>>> spec = {"scales": {"agree": {"levels": [{"code": 1, "label": "Disagree"},
...                                          {"code": 2, "label": "Neutral"},
...                                          {"code": 3, "label": "Agree"}],
...                              "neutral": 2, "missing": ["Don't know"]}},
...         "blocks": {"b": {"scale": "agree", "items": [{"id": "q1", "label": "Q1"}]}}}
>>> inst, problems = parse_instrument(spec, "cpd_survey.yml")
>>> problems
[]
>>> scale = inst.scales["agree"]
>>> scale.parse("  agree "), scale.parse("2"), scale.parse("don't KNOW")
('Agree', 'Neutral', None)
>>> scale.codes(pd.Series(["Agree", None, "Disagree"], dtype=scale.dtype)).tolist()
[3.0, nan, 1.0]
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import Problem

__all__ = [
    "ROLES", "NON_SUBSTANTIVE_SUFFIX", "non_substantive_column", "slug", "UnknownAnswer", "Scale", "Item", "Block", "Option", "MultiSelect", "Instrument", "parse_instrument",
]

_MISSING_DEFAULT = ("not applicable", "n/a", "na", "don't know", "dont know", "prefer not to say")
#: Spellings of the same non-substantive answer, and the label it is counted under when
#: the scale declares none of them.
_MISSING_GROUPS = (("Not applicable", ("not applicable", "n/a", "na")),
                   ("Don't know", ("don't know", "dont know")),
                   ("Prefer not to say", ("prefer not to say",)))

#: Suffix of the loader's companion column that keeps, per Likert item, which declared
#: non-substantive answer ("Don't know", "Not applicable", ...) a respondent gave; the
#: item column itself holds only ratings (see :func:`non_substantive_column`).
NON_SUBSTANTIVE_SUFFIX = "__nonsubstantive"


def non_substantive_column(item_id: str) -> str:
    """Name of an item's companion column of non-substantive answers.

    Examples
    --------
    >>> non_substantive_column("q1")
    'q1__nonsubstantive'
    """
    return f"{item_id}{NON_SUBSTANTIVE_SUFFIX}"


def slug(text: str) -> str:
    """A label as a column-name fragment: lower case, apostrophes dropped, other
    non-alphanumerics as single underscores.

    Examples
    --------
    >>> slug("Don't know"), slug("Not applicable"), slug("  N/A ")
    ('dont_know', 'not_applicable', 'n_a')
    """
    import re

    text = re.sub(r"['\u2019]", "", str(text).strip().casefold())
    return re.sub(r"[^0-9a-z]+", "_", text).strip("_") or "answer"


class UnknownAnswer(ValueError):
    """An answer that is neither a code nor a label of the scale."""


@dataclass
class Scale:
    """An ordered (or unordered) response scale with integer codes and labels."""

    id: str
    codes_: list[int]
    labels: list[str]
    ordered: bool = True
    neutral: int | None = None
    missing: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lookup: dict[str, str] = {}
        for code, label in zip(self.codes_, self.labels):
            self._lookup[str(code)] = label
            self._lookup[str(float(code))] = label  # "4.0" from spreadsheets
            self._lookup[label.strip().casefold()] = label
        self._missing = {m.strip().casefold() for m in self.missing} | set(_MISSING_DEFAULT)
        self.dtype = pd.CategoricalDtype(self.labels, ordered=self.ordered)
        self._code_of = dict(zip(self.labels, self.codes_))
        # Non-substantive answers: each declared label, then each default group none of
        # whose spellings is declared; every spelling maps to the label it counts under.
        declared = [m.strip() for m in self.missing if m.strip()]
        self.missing_labels: list[str] = list(dict.fromkeys(declared))
        self._missing_label: dict[str, str] = {m.casefold(): m for m in self.missing_labels}
        for label, spellings in _MISSING_GROUPS:
            named = next((self._missing_label[sp] for sp in spellings if sp in self._missing_label), None)
            if named is None:
                named = label
                self.missing_labels.append(label)
            for sp in spellings:
                self._missing_label.setdefault(sp, named)
        self.missing_dtype = pd.CategoricalDtype(self.missing_labels)

    @property
    def declared_missing(self) -> list[str]:
        """The non-substantive labels the instrument declares (the rest are defaults)."""
        return list(dict.fromkeys(m.strip() for m in self.missing if m.strip()))

    def non_substantive(self, value) -> str | None:
        """The non-substantive label an answer counts under ("n/a" -> "Not applicable"),
        or None for a rating, a blank or anything else.

        Examples
        --------
        >>> s = Scale("s", [1, 2], ["No", "Yes"], missing=["Don't know"])
        >>> s.non_substantive(" DON'T KNOW"), s.non_substantive("dont know"), s.non_substantive("n/a")
        ("Don't know", "Don't know", 'Not applicable')
        >>> s.non_substantive("Yes") is None, s.missing_labels
        (True, ["Don't know", 'Not applicable', 'Prefer not to say'])
        """
        if value is None or (isinstance(value, float) and np.isnan(value)):
            return None
        return self._missing_label.get(str(value).strip().casefold())

    def parse(self, value) -> str | None:
        """Map a code or label (any case, surrounding space) to its label; missing to None.

        Raises
        ------
        UnknownAnswer
            If ``value`` is neither.
        """
        if value is None or (isinstance(value, float) and np.isnan(value)):
            return None
        text = str(value).strip()
        if text == "":
            return None
        key = text.casefold()
        if key in self._lookup:
            return self._lookup[key]
        if key in self._missing:
            return None
        raise UnknownAnswer(text)

    def expected(self) -> str:
        """Human description of the valid answers, for error messages."""
        pairs = ", ".join(f"{c} = {l}" for c, l in zip(self.codes_, self.labels))
        return f"a code or label of scale '{self.id}' ({pairs}) or blank"

    def codes(self, series: pd.Series) -> pd.Series:
        """Numeric codes (float, NaN for missing) of a categorical answer column."""
        cat = series.astype(self.dtype)
        lookup = np.asarray(self.codes_, dtype=float)
        idx = cat.cat.codes.to_numpy()
        out = np.where(idx >= 0, lookup[np.clip(idx, 0, None)], np.nan)
        return pd.Series(out, index=series.index, name=series.name)

    def label_of(self, code: int) -> str:
        return self.labels[self.codes_.index(code)]


@dataclass
class Item:
    id: str
    label: str
    activity: str | None = None


#: Parts a block or multi-select can play in the analysis (``role:`` in the instrument):
#: a ``working`` block rates how well each activity works, a ``wish`` multi-select asks
#: which activities staff want more of; with both, the survey compares them.
ROLES: dict[str, tuple[str, ...]] = {"blocks": ("working",), "multi_selects": ("wish",)}


@dataclass
class Block:
    """A block of Likert items answered on one scale."""

    id: str
    title: str
    scale: Scale
    items: list[Item]
    role: str | None = None

    @property
    def item_ids(self) -> list[str]:
        return [i.id for i in self.items]


@dataclass
class Option:
    id: str
    label: str
    activity: str | None = None


@dataclass
class MultiSelect:
    """A "tick all that apply" question; stored as boolean columns ``<id>_<option>``."""

    id: str
    title: str
    options: list[Option]
    role: str | None = None

    def column(self, option_id: str) -> str:
        return f"{self.id}_{option_id}"

    @property
    def columns(self) -> list[str]:
        return [self.column(o.id) for o in self.options]


@dataclass
class Instrument:
    id: str
    title: str
    scales: dict[str, Scale]
    blocks: dict[str, Block]
    multi_selects: dict[str, MultiSelect]
    attributes: list[str]
    free_text: list[str]
    #: whether the instrument lists its attributes (then each must be a survey column)
    attributes_declared: bool = False
    #: display labels of attributes the instrument names (``{id: locality, label: Area}``)
    attribute_labels: dict = field(default_factory=dict)
    #: free-text question id -> its wording, where the instrument gives one
    free_text_titles: dict = field(default_factory=dict)

    @property
    def item_ids(self) -> list[str]:
        return [i for b in self.blocks.values() for i in b.item_ids]

    def __deepcopy__(self, memo) -> "Instrument":
        # Read-only once parsed: shared, not copied, when pandas copies a frame's attrs.
        return self

    def block_of(self, item_id: str) -> Block:
        for b in self.blocks.values():
            if item_id in b.item_ids:
                return b
        raise KeyError(item_id)

    def item(self, item_id: str) -> Item:
        return next(i for i in self.block_of(item_id).items if i.id == item_id)

    def block_with_role(self, role: str) -> str | None:
        """Id of the block playing ``role`` (``"working"``), or ``None``."""
        return next((b.id for b in self.blocks.values() if b.role == role), None)

    def select_with_role(self, role: str) -> str | None:
        """Id of the multi-select playing ``role`` (``"wish"``), or ``None``."""
        return next((m.id for m in self.multi_selects.values() if m.role == role), None)


def _role(spec: dict, kind: str, where: str, bad) -> str | None:
    role = spec.get("role")
    if role is None:
        return None
    if role not in ROLES[kind]:
        bad(f"{where}.role", f"unknown role {role!r}", "one of " + ", ".join(ROLES[kind]))
        return None
    return str(role)


def parse_instrument(spec: dict, file: str) -> tuple[Instrument | None, list[Problem]]:
    """Build an :class:`Instrument` from its YAML mapping, collecting every problem."""
    problems: list[Problem] = []

    def bad(where: str, msg: str, expected: str | None = None) -> None:
        problems.append(Problem(file, None, where, msg, expected))

    if not isinstance(spec, dict):
        bad("-", "the instrument is not a mapping", "keys scales, blocks, multi_selects")
        return None, problems
    scales: dict[str, Scale] = {}
    for sid, s in (spec.get("scales") or {}).items():
        levels = (s or {}).get("levels") or []
        try:
            codes = [int(lv["code"]) for lv in levels]
            labels = [str(lv["label"]).strip() for lv in levels]
        except (KeyError, TypeError, ValueError):
            bad(f"scales.{sid}.levels", "each level needs an integer code and a label", "{code: 1, label: ...}")
            continue
        if not levels:
            bad(f"scales.{sid}.levels", "the scale has no levels", "a list of {code, label}")
            continue
        if len(set(codes)) != len(codes) or len({l.casefold() for l in labels}) != len(labels):
            bad(f"scales.{sid}.levels", "codes or labels repeat", "distinct codes and labels")
            continue
        neutral = s.get("neutral")
        if neutral is not None and neutral not in codes:
            bad(f"scales.{sid}.neutral", f"neutral code {neutral} is not a level", f"one of {codes}")
            neutral = None
        scales[sid] = Scale(sid, codes, labels, bool(s.get("ordered", True)), neutral,
                            [str(m) for m in s.get("missing") or []])
    blocks: dict[str, Block] = {}
    seen_items: set[str] = set()
    for bid, b in (spec.get("blocks") or {}).items():
        b = b or {}
        scale = scales.get(b.get("scale"))
        if scale is None:
            bad(f"blocks.{bid}.scale", f"unknown scale {b.get('scale')!r}", f"one of {sorted(scales)}")
            continue
        items = []
        for i, it in enumerate(b.get("items") or []):
            if not isinstance(it, dict) or "id" not in it:
                bad(f"blocks.{bid}.items[{i}]", "an item needs an id", "{id: ..., label: ...}")
                continue
            if it["id"] in seen_items:
                bad(f"blocks.{bid}.items[{i}]", f"duplicate item id {it['id']!r}", "unique item ids")
            seen_items.add(it["id"])
            items.append(Item(str(it["id"]), str(it.get("label", it["id"])), it.get("activity")))
        blocks[bid] = Block(bid, str(b.get("title", bid)), scale, items, _role(b, "blocks", f"blocks.{bid}", bad))
    selects: dict[str, MultiSelect] = {}
    for mid, m in (spec.get("multi_selects") or {}).items():
        opts = []
        for i, o in enumerate((m or {}).get("options") or []):
            if not isinstance(o, dict) or "id" not in o:
                bad(f"multi_selects.{mid}.options[{i}]", "an option needs an id", "{id: ..., label: ...}")
                continue
            opts.append(Option(str(o["id"]), str(o.get("label", o["id"])), o.get("activity")))
        selects[mid] = MultiSelect(mid, str((m or {}).get("title", mid)), opts,
                                   _role(m or {}, "multi_selects", f"multi_selects.{mid}", bad))
    attributes, attribute_labels = [], {}
    for i, entry in enumerate(spec.get("attributes") or []):
        if isinstance(entry, dict) and entry.get("id"):
            attributes.append(str(entry["id"]))
            if entry.get("label"):
                attribute_labels[str(entry["id"])] = str(entry["label"])
        elif isinstance(entry, str) and entry.strip():
            attributes.append(entry.strip())
        else:
            bad(f"attributes[{i}]", "an attribute needs an id", "a column name or {id: ..., label: ...}")
    free_text, free_text_titles = [], {}
    for i, entry in enumerate(spec.get("free_text") or []):
        if isinstance(entry, dict) and entry.get("id"):
            free_text.append(str(entry["id"]))
            if entry.get("title"):
                free_text_titles[str(entry["id"])] = str(entry["title"])
        elif isinstance(entry, str) and entry.strip():
            free_text.append(entry.strip())
        else:
            bad(f"free_text[{i}]", "a free-text question needs an id", "a column name or {id: ..., title: ...}")
    inst = Instrument(
        id=str(spec.get("id", "survey")),
        title=str(spec.get("title", "Survey")),
        scales=scales,
        blocks=blocks,
        multi_selects=selects,
        attributes=attributes or ["team", "role", "career_stage"],
        free_text=free_text,
        attributes_declared=bool(attributes),
        attribute_labels=attribute_labels,
        free_text_titles=free_text_titles,
    )
    return inst, problems
