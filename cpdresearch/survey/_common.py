"""Shared checks for the survey analyses: numeric item codes and grouping attributes."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import DataError, Problem
from ..instrument import non_substantive_column, slug

#: The respondent attributes a survey is broken down by, in report order.
ATTRIBUTES: tuple[str, ...] = ("team", "role", "career_stage")

_FILE = "survey"


def as_list(by) -> list[str]:
    """``None`` -> [], a name -> [name], a sequence -> list."""
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def check_columns(data: pd.DataFrame, columns, what: str) -> None:
    """Raise DataError naming every column of ``columns`` that ``data`` lacks."""
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise DataError([Problem(_FILE, None, c, f"the {what} column is missing", "a column of the survey")
                         for c in missing])


def item_codes(data: pd.DataFrame, block) -> pd.DataFrame:
    """Numeric codes (float, NaN = missing) of the block's items present in ``data``.

    Accepts answers as labels (categorical or text, as ``study.survey`` holds them) or as
    numeric codes; anything else is a :class:`~cpdresearch.errors.DataError` listing
    every bad cell, rows numbered as a spreadsheet shows them (header = row 1).
    """
    scale = block.scale
    present = [i for i in block.item_ids if i in data.columns]
    out: dict[str, pd.Series] = {}
    problems: list[Problem] = []
    valid = np.asarray(scale.codes_, dtype=float)
    for item in present:
        col = data[item]
        if pd.api.types.is_numeric_dtype(col) and not isinstance(col.dtype, pd.CategoricalDtype):
            codes = col.astype(float)
            bad = codes.notna() & ~codes.isin(valid)
        else:
            codes = scale.codes(col)
            bad = col.notna() & codes.isna()
            if bad.any():  # declared non-substantive answers in raw text are no problem
                bad &= col.map(scale.non_substantive).isna()
        if bad.any():
            for pos in np.flatnonzero(bad.to_numpy())[:20]:
                problems.append(Problem(_FILE, int(pos) + 2, item, f"answer {col.iloc[pos]!r} is not on the scale",
                                        scale.expected()))
        out[item] = codes.reset_index(drop=True)
    if problems:
        raise DataError(problems)
    return pd.DataFrame(out, columns=present, dtype=float)


def non_substantive_answers(data: pd.DataFrame, block) -> pd.DataFrame:
    """Per item of the block present in ``data``, the non-substantive answer given (a
    label of ``scale.missing_labels``) or NaN (a rating, or a blank), index reset.

    Read from the loader's companion column (:func:`cpdresearch.instrument.non_substantive_column`)
    when present, else from the item's own text (a frame built by hand).

    Examples
    --------
    >>> from cpdresearch.instrument import Block, Item, Scale
    >>> block = Block("b", "B", Scale("s", [1, 2], ["No", "Yes"], missing=["Don't know"]), [Item("q", "Q")])
    >>> non_substantive_answers(pd.DataFrame({"q": ["Yes", "don't know", None, "N/A"]}), block)["q"].tolist()
    [nan, "Don't know", nan, 'Not applicable']
    """
    scale = block.scale
    out = {}
    for item in [i for i in block.item_ids if i in data.columns]:
        companion = non_substantive_column(item)
        if companion in data.columns:
            values = data[companion].astype(object)
        else:
            col = data[item]
            values = (pd.Series(np.nan, index=col.index, dtype=object)
                      if pd.api.types.is_numeric_dtype(col) or isinstance(col.dtype, pd.CategoricalDtype)
                      else col.map(scale.non_substantive))
        out[item] = values.reset_index(drop=True)
    return pd.DataFrame(out, dtype=object)


def non_response_columns(scale) -> dict[str, str]:
    """``{column: label}`` of the counts of those who gave no rating: ``n_blank`` and one
    ``n_<slug>`` per non-substantive label of the scale.

    Examples
    --------
    >>> from cpdresearch.instrument import Scale
    >>> list(non_response_columns(Scale("s", [1, 2], ["No", "Yes"], missing=["Don't know"])))
    ['n_blank', 'n_dont_know', 'n_not_applicable', 'n_prefer_not_to_say']
    """
    out = {"n_blank": "blank"}
    for label in scale.missing_labels:
        name = f"n_{slug(label)}"
        if name in ("n_blank", "n_missing") or name in out:
            name = f"{name}_answer"
        out[name] = label
    return out


def group_keys(data: pd.DataFrame, by: str) -> pd.Series:
    """The grouping column as a categorical (its categories in report order), index reset."""
    check_columns(data, [by], "grouping")
    col = data[by].reset_index(drop=True)
    if not isinstance(col.dtype, pd.CategoricalDtype):
        col = col.astype("category")
    return col


def nested_attributes(data: pd.DataFrame, attributes) -> dict[str, str]:
    """Attributes another attribute nests exactly, in the data: ``{coarser: finer}``.

    Attribute A nests in B when every group of A that has respondents lies inside a
    single group of B (among respondents with both answered): then every contrast between
    B's groups is also one between A's, and testing both repeats tests in one family.
    Only attributes with two or more groups count. When two attributes split respondents
    identically, the one listed later is the "coarser". Found from the data, never from
    the attributes' names.

    Examples
    --------
    >>> df = pd.DataFrame({"stage": ["a", "b", "c", "c", "d"], "role": ["X", "X", "Y", "Y", "Y"],
    ...                    "team": ["T", "U", "T", "U", "T"]})
    >>> nested_attributes(df, ["team", "role", "stage"])
    {'role': 'stage'}
    """
    names = [a for a in as_list(attributes) if a in data.columns]
    levels = {a: data[a].astype(object) for a in names}
    counts = {a: levels[a].nunique(dropna=True) for a in names}
    out: dict[str, str] = {}
    for coarse in names:
        if counts[coarse] < 2:
            continue
        for fine in names:
            if fine == coarse or fine in out or counts[fine] < counts[coarse]:
                continue
            if counts[fine] == counts[coarse] and names.index(fine) > names.index(coarse):
                continue  # identical splits: keep the one listed first
            both = levels[fine].notna() & levels[coarse].notna()
            if not both.any():
                continue
            per_fine = pd.DataFrame({"f": levels[fine][both], "c": levels[coarse][both]}).groupby("f")["c"].nunique()
            if (per_fine <= 1).all():
                out[coarse] = fine
                break
    return out


def resolve_question(data: pd.DataFrame, question, *, instrument=None, kind: str = "blocks"):
    """A block or multi-select given as itself or by its id (``"working"``), as a
    researcher would type it; the id is looked up in ``instrument`` or in the instrument
    ``load_study`` attaches to ``study.survey.attrs``.

    Examples
    --------
    >>> from cpdresearch.instrument import parse_instrument
    >>> inst = parse_instrument({"scales": {"s": {"levels": [{"code": 1, "label": "No"}]}},
    ...                          "blocks": {"b": {"scale": "s", "items": [{"id": "q"}]}}}, "x.yml")[0]
    >>> resolve_question(pd.DataFrame(), "b", instrument=inst).id
    'b'
    """
    if not isinstance(question, str):
        return question
    instrument = instrument if instrument is not None else data.attrs.get("instrument")
    if instrument is None:
        raise DataError([Problem(_FILE, None, "-", f"{question!r} is an id, but no instrument was given",
                                 "the block or multi-select itself, or instrument=study.instrument")])
    found = getattr(instrument, kind)
    if question not in found:
        raise DataError([Problem(_FILE, None, "-", f"no {kind[:-1].replace('_', '-')} {question!r} in the instrument",
                                 "one of " + ", ".join(found))])
    return found[question]
