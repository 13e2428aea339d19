"""Another council's study (tests/fixtures/other_council): its own teams, roles and a
``locality`` attribute, no career stage, a 4-point scale without a middle and a 7-point
scale, one Forms-style multi-select and no wish list. It validates without declaring
any vocabulary, and its survey report speaks only of its own blocks, scales, options and
attributes, never of the demo's."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import cpdresearch as cpd
from cpdresearch.survey import build_survey_report, reading_guide

OTHER = Path(__file__).parent / "fixtures" / "other_council"

#: Words of the demo study's instrument and vocabularies that another study must never see.
DEMO_WORDS = ["Not at all well", "Neither well nor poorly", "How well is this working", "What stops you",
              "like more of", "career stage", "MASH", "Qualified social worker", "barrier", "activity"]


@pytest.fixture(scope="module")
def study():
    return cpd.load_study(OTHER)


@pytest.fixture(scope="module")
def report(study):
    return build_survey_report(study, figures=False)


def test_validates_without_declared_vocabularies(study):
    assert cpd.validate_study(OTHER) == []
    assert list(study.survey["team"].cat.categories)[:2] == ["Assessment", "Child in Need"]  # workforce order
    assert "career_stage" not in study.survey.columns
    assert set(study.survey["locality"].cat.categories) == {"North", "South"}


def test_every_block_select_and_free_text_question_is_reported(study, report):
    headings = [s.heading for s in report.sections]
    for block in study.instrument.blocks.values():
        assert block.title in headings
    assert "Which formats do you prefer?" in headings
    assert "What one thing would improve your learning?" in headings
    assert "What is working against what staff wish for" not in headings  # no roles declared
    assert set(report.tables["survey_items"]["block"]) == {"supported", "reflection"}
    assert "ticks_formats" in report.tables and "working_vs_wished" not in report.tables


def test_breakdowns_by_every_declared_attribute(report):
    assert set(report.results.by) == {"team", "role", "locality"}
    assert "locality" in set(report.tables["group_differences"]["between"])
    assert any("Locality" in s.heading or "locality" in s.heading for s in report.sections)


def test_scale_words_follow_each_block(report):
    text = " ".join(s.text for s in report.sections)
    assert "*Strongly disagree*" in text and "The scale has no middle answer" in text
    assert "centred on the middle answer (*Sometimes*" in text
    sections = {s.heading: s for s in report.sections}
    columns = sections["My learning is supported"].tables[0].rename.values()
    assert "% middle" not in columns and "% upper half" in columns


def _report_text(report) -> str:
    parts = list(report.findings) + [reading_guide(report)]
    for s in report.sections:
        parts += [s.heading, s.text, s.missing or ""]
        parts += [t.caption or "" for t in s.tables] + [" ".join(map(str, (t.rename or {}).values())) for t in s.tables]
    return "\n".join(parts)


def test_no_word_of_the_demo_study(report):
    text = _report_text(report)
    assert not [w for w in DEMO_WORDS if w.casefold() in text.casefold()]


@pytest.mark.slow
def test_the_survey_notebook_runs_on_it(tmp_path):
    import papermill as pm

    from cpdresearch.paths import NOTEBOOKS

    out = tmp_path / "out"
    pm.execute_notebook(str(NOTEBOOKS / "01_survey.ipynb"), str(tmp_path / "nb.ipynb"), cwd=str(NOTEBOOKS),
                        progress_bar=False, parameters={"study_dir": str(OTHER), "cohort": "all",
                                                        "output_dir": str(out), "run_id": "test"})
    nb = json.loads((tmp_path / "nb.ipynb").read_text(encoding="utf-8"))
    text = "\n".join(str(o.get("data", {}).get("text/markdown", "")) + str(o.get("data", {}).get("text/html", ""))
                     for c in nb["cells"] for o in c.get("outputs", []))
    assert "My learning is supported" in text and "Which formats do you prefer?" in text
    assert "Strongly disagree" in text and "Locality" in text
    assert not [w for w in DEMO_WORDS if w.casefold() in text.casefold()]
    assert "Priya" not in text and "Okafor" not in text  # a listed name never reaches the report
    assert {p.stem for p in (out / "figures").glob("*.png")} >= {"likert_supported", "ticks_formats"}


@pytest.mark.slow
def test_every_notebook_runs_on_it_and_speaks_its_words(tmp_path):
    """The whole batch on another council's study: every notebook of notebooks/ for every
    cohort succeeds (a notebook without data for its section says so), and no report
    names a level, block, option or attribute of the demo study."""
    import html as html_lib
    import re

    from cpdresearch.runner import run_batch

    rc = run_batch(OTHER, jobs=2, out=tmp_path, run_id="other", progress=False)
    manifest = json.loads((tmp_path / "other" / "manifest.json").read_text(encoding="utf-8"))
    assert rc == 0, [(r["cohort"], r["notebook"], r.get("error")) for r in manifest["runs"] if r["status"] != "succeeded"]
    for page in (tmp_path / "other").rglob("*.html"):
        text = html_lib.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<(style|script).*?</\1>", " ",
                                                                page.read_text(encoding="utf-8"))))
        # The CPD model explains itself in the national frameworks' words (career stages,
        # activities); the demo's own labels never appear anywhere.
        labels = [w for w in DEMO_WORDS if w not in ("career stage", "activity")]
        assert not [w for w in labels if w.casefold() in text.casefold()], page.name
