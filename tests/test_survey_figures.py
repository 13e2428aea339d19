"""Survey figures: geometry of the diverging bars, legends, quadrant lines, whiskers."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from cpdresearch.instrument import Scale  # noqa: E402
from cpdresearch.survey import figures as F  # noqa: E402

LEVELS = ["Not at all well", "Not very well", "Neither well nor poorly", "Quite well", "Very well"]


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.fixture
def scale():
    return Scale("working", [1, 2, 3, 4, 5], LEVELS, neutral=3)


def _dist(percent_rows, labels):
    rows = []
    for label, percents in zip(labels, percent_rows):
        rows += [{"label": label, "item": label, "code": c, "percent": p} for c, p in zip(range(1, 6), percents)]
    return pd.DataFrame(rows)


def _segments(ax, n_levels):
    """(left, width) per level container, in drawing order."""
    return [[(r.get_x(), r.get_width()) for r in c.patches] for c in ax.containers[:n_levels]]


def test_diverging_offsets_hand_computed():
    p = np.array([[10.0, 20.0, 40.0, 20.0, 10.0], [0.0, 0.0, 0.0, 50.0, 50.0]])
    left = F.diverging_offsets(p, neutral_index=2)
    assert left.tolist() == [[-50, -40, -20, 20, 40], [0, 0, 0, 0, 50]]
    # even scale: the lower half sits left of zero
    assert F.diverging_offsets(np.array([[10.0, 30.0, 40.0, 20.0]]), neutral_index=None).tolist() == [[-40, -30, 0, 40]]


def test_likert_bars_centre_the_neutral_level_and_keep_every_level(scale):
    # Nobody chose "Not at all well": it must stay in the legend, in scale order.
    dist = _dist([[0, 20, 30, 40, 10]], ["Supervision"])
    ax = F.likert_bars(dist, scale=scale)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == LEVELS
    segments = _segments(ax, 5)
    (neutral_left, neutral_width), = segments[2]
    assert neutral_left == pytest.approx(-15) and neutral_width == pytest.approx(30)
    assert segments[0] == [(pytest.approx(-35), 0)]  # zero-width, still drawn
    assert segments[1] == [(pytest.approx(-35), pytest.approx(20))]
    assert segments[3] == [(pytest.approx(15), pytest.approx(40))]
    assert segments[4] == [(pytest.approx(55), pytest.approx(10))]


def test_likert_bars_sort_by_net_agreement_and_draw_suppressed_as_nothing(scale):
    dist = _dist([[40, 30, 10, 10, 10], [0, 10, 10, 40, 40]], ["Induction", "Mentoring"])
    ax = F.likert_bars(dist, scale=scale)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Mentoring", "Induction"]
    suppressed = dist.astype({"percent": object})
    suppressed.loc[0, "percent"] = "c"
    ax = F.likert_bars(suppressed, scale=scale, sort=False)
    assert _segments(ax, 5)[0][0][1] == 0


def test_likert_bars_by_group_one_panel_per_item(scale):
    dist = pd.concat([_dist([[10, 20, 30, 20, 20]], ["Q1"]).assign(group=g) for g in ("MASH", "Adoption")]
                     + [_dist([[0, 0, 50, 50, 0]], ["Q2"]).assign(group=g) for g in ("MASH", "Adoption")])
    fig = F.likert_bars_by_group(dist, scale=scale, ncols=2)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in visible] == ["Q1", "Q2"]
    assert [t.get_text() for t in fig.legends[0].get_texts()] == LEVELS
    assert [t.get_text() for t in visible[0].get_yticklabels()] == ["MASH", "Adoption"]


def test_working_vs_wished_plot_quadrant_lines_and_labels():
    table = pd.DataFrame({"label": ["Mentoring", "Coaching", "Induction"], "mean": [3.9, 3.1, 3.5],
                          "ci_low": [3.7, 2.9, 3.3], "ci_high": [4.1, 3.3, 3.7],
                          "wish_share": [0.4, 0.2, "c"], "wish_ci_low": [0.3, 0.1, "c"],
                          "wish_ci_high": [0.5, 0.3, "c"]})
    table.attrs.update(working_threshold=3.5, wish_threshold=0.3)
    ax = F.working_vs_wished_plot(table)
    vertical = [line for line in ax.lines if line.get_xdata()[0] == line.get_xdata()[-1] and line.get_linestyle() == "--"]
    horizontal = [line for line in ax.lines if line.get_ydata()[0] == line.get_ydata()[-1] and line.get_linestyle() == "--"]
    assert vertical[0].get_xdata()[0] == pytest.approx(30)
    assert horizontal[0].get_ydata()[0] == pytest.approx(3.5)
    texts = {t.get_text() for t in ax.texts}
    assert {"Mentoring", "Coaching", "Expand", "Maintain", "Redesign or pilot", "Deprioritise"} <= texts
    assert "Induction" not in texts  # suppressed share: not placed


def test_multiselect_bars_whiskers_are_the_intervals():
    table = pd.DataFrame({"label": ["Cover", "Workload"], "share": [0.3, 0.6],
                          "ci_low": [0.2, 0.5], "ci_high": [0.45, 0.7]})
    ax = F.multiselect_bars(table)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Workload", "Cover"]
    from matplotlib.container import BarContainer, ErrorbarContainer

    bars = next(c for c in ax.containers if isinstance(c, BarContainer))
    assert [r.get_width() for r in bars.patches] == pytest.approx([60, 30])
    err = next(c for c in ax.containers if isinstance(c, ErrorbarContainer)).lines[2][0].get_segments()
    assert [(s[0][0], s[1][0]) for s in err] == [pytest.approx((50, 70)), pytest.approx((20, 45))]


def test_charts_agree_with_their_tables_in_every_demo_cohort(demo_dir):
    """What an analyst sees in a chart is what the table beside it says: same bars in the
    same order, hidden levels drawn as a hatched 'not shown' part of the width the table
    implies, hidden options marked, never a silent gap."""
    import cpdresearch as cpd
    from cpdresearch.report.plots import HIDDEN_TEXT
    from cpdresearch.survey import build_survey_report
    from cpdresearch.survey.figures import HIDDEN_LABEL
    from cpdresearch.survey.sections import sorted_like_chart

    study = cpd.load_study(demo_dir)
    checked_hidden = 0
    for cohort in study.cohorts:
        report = build_survey_report(study.cohort(cohort.name))
        items, levels = report.table("survey_items"), report.table("survey_levels")
        for block_id in report.results.blocks:
            fig = report.figures.get(f"likert_{block_id}")
            if fig is None:
                continue
            ax = fig.axes[0]
            table = sorted_like_chart(items[items["block"] == block_id], "mean")
            assert [t.get_text() for t in ax.get_yticklabels()] == table["label"].astype(str).tolist(), cohort.name
            hatched = [p for p in ax.patches if p.get_hatch()]
            for patch in hatched:
                row = int(round(patch.get_y() + patch.get_height() / 2))
                label = table["label"].astype(str).iloc[row]
                shown = pd.to_numeric(levels.loc[levels["label"] == label, "percent"], errors="coerce")
                assert patch.get_width() == pytest.approx(100 - shown.sum(), abs=1e-6), (cohort.name, label)
                checked_hidden += 1
            if hatched:
                assert HIDDEN_LABEL in [t.get_text() for t in ax.get_legend().get_texts()]
        for select_id in report.results.selects:
            fig = report.figures.get(f"ticks_{select_id}")
            if fig is None:
                continue
            ax = fig.axes[0]
            table = sorted_like_chart(report.table(f"ticks_{select_id}"), "share")
            assert [t.get_text() for t in ax.get_yticklabels()] == table["label"].astype(str).tolist()
            hidden = (table["share"].astype(str) == "c").sum()
            assert sum(t.get_text() == HIDDEN_TEXT for t in ax.texts) == hidden, (cohort.name, select_id)
        plt.close("all")
    assert checked_hidden > 0  # the demo's small cohorts do hide levels: the check ran
