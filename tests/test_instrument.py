"""cpdresearch.instrument: scales parse codes and labels, roles and attributes are read,
every problem is collected."""
from __future__ import annotations

import pandas as pd
import pytest

from cpdresearch.instrument import UnknownAnswer, parse_instrument

SPEC = {
    "scales": {"agree": {"levels": [{"code": 1, "label": "Disagree"}, {"code": 2, "label": "Agree"}],
                         "missing": ["No view"]}},
    "attributes": ["team", {"id": "locality", "label": "Area"}],
    "blocks": {"b": {"title": "My learning", "scale": "agree", "role": "working",
                     "items": [{"id": "q1", "label": "Time"}, {"id": "q2"}]}},
    "multi_selects": {"m": {"title": "Formats", "role": "wish", "options": [{"id": "a", "label": "Online"}]}},
    "free_text": ["comments", {"id": "improve", "title": "What would help?"}],
}


def test_a_valid_instrument():
    inst, problems = parse_instrument(SPEC, "i.yml")
    assert problems == []
    assert inst.attributes == ["team", "locality"] and inst.attributes_declared
    assert inst.attribute_labels == {"locality": "Area"}
    assert inst.block_with_role("working") == "b" and inst.select_with_role("wish") == "m"
    assert inst.free_text == ["comments", "improve"] and inst.free_text_titles == {"improve": "What would help?"}
    assert inst.blocks["b"].items[1].label == "q2"  # label defaults to the id


def test_scale_parses_codes_labels_and_missing_answers():
    scale = parse_instrument(SPEC, "i.yml")[0].scales["agree"]
    assert [scale.parse(v) for v in ("1", "2.0", " agree ", "no view", "", None)] == \
        ["Disagree", "Agree", "Agree", None, None, None]
    with pytest.raises(UnknownAnswer):
        scale.parse("maybe")
    assert scale.codes(pd.Series(["Agree", None], dtype=scale.dtype)).tolist()[0] == 2.0


def test_every_problem_is_collected():
    bad = {"scales": {"s": {"levels": [{"code": 1, "label": "A"}, {"code": 1, "label": "A"}]}},
           "blocks": {"b": {"scale": "nope", "items": []}, "c": {"scale": "nope", "role": "boss"}},
           "multi_selects": {"m": {"role": "boss", "options": [{"label": "no id"}]}}}
    inst, problems = parse_instrument(bad, "i.yml")
    where = sorted(p.column for p in problems)
    assert where == ["blocks.b.scale", "blocks.c.scale", "multi_selects.m.options[0]", "multi_selects.m.role",
                     "scales.s.levels"]
