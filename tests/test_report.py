"""Tests for cpdresearch.report: disclosure control and pseudonymisation."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cpdresearch.errors import DataError
from cpdresearch.report import (
    SUPPRESSED, Pseudonymiser, pseudonymise, pseudonymise_series, suppress_small_cells,
    suppress_small_groups,
)


def _is_c(value) -> bool:
    return isinstance(value, str) and value == SUPPRESSED


# ---------------------------------------------------------------- suppress_small_cells

def test_primary_suppression_and_zero_kept():
    table = pd.DataFrame({"option": ["a", "b", "c", "d", "e"], "count": [0, 1, 4, 5, 30]})
    out = suppress_small_cells(table)
    assert out["count"].tolist() == [0, "c", "c", 5, 30]
    assert out["count"].dtype == object
    assert out["option"].tolist() == table["option"].tolist()
    # no total known: a multi-select list needs no secondary suppression
    assert not _is_c(out.loc[3, "count"])


def test_min_cell_setting():
    table = pd.DataFrame({"option": ["a", "b"], "count": [9, 10]})
    assert suppress_small_cells(table, min_cell=10)["count"].tolist() == ["c", 10]
    untouched = suppress_small_cells(table)
    assert untouched["count"].tolist() == [9, 10] and untouched["count"].dtype == table["count"].dtype
    with pytest.raises(ValueError):
        suppress_small_cells(table, min_cell=1)


def test_long_table_with_total_row_and_shares():
    table = pd.DataFrame({"option": ["Mentoring", "Shadowing", "Reading", "Podcasts", "Total"],
                          "count": [12, 3, 9, 20, 44],
                          "share": [12 / 44, 3 / 44, 9 / 44, 20 / 44, 1.0],
                          "ci_low": [0.16, 0.02, 0.11, 0.31, 1.0]})
    out = suppress_small_cells(table, total_row="Total",
                               percent_columns={"share": "count", "ci_low": "count"})
    # 3 is primary; 9 is the next-smallest count, so 44 - 12 - 20 no longer gives 3
    assert out["count"].tolist() == [12, "c", "c", 20, 44]
    assert out["share"].tolist()[1:3] == ["c", "c"] and out["ci_low"].tolist()[1:3] == ["c", "c"]
    assert out.loc[0, "share"] == pytest.approx(12 / 44)


def test_long_table_total_known_without_total_row():
    table = pd.DataFrame({"option": ["a", "b", "c"], "count": [2, 7, 9]})
    assert suppress_small_cells(table, total_known=True)["count"].tolist() == ["c", "c", 9]
    assert suppress_small_cells(table)["count"].tolist() == ["c", 7, 9]


def test_cross_tab_secondary_in_rows_and_columns():
    wide = pd.DataFrame({"yes": [10, 2, 12], "no": [8, 7, 9], "unsure": [6, 5, 11]},
                        index=["MASH", "Early Help", "CIN"])
    out = suppress_small_cells(wide)
    assert out.loc["Early Help", "yes"] == "c"  # primary
    for line in [*(out.loc[i] for i in out.index), *(out[c] for c in out.columns)]:
        assert sum(map(_is_c, line)) != 1
    # the two secondary cells close the row and both columns: 4 suppressed, not more
    assert sum(map(_is_c, out.to_numpy().ravel())) == 4
    assert out.loc["CIN"].tolist() == [12, 9, 11]


def test_cross_tab_with_published_totals():
    wide = pd.DataFrame({"team": ["MASH", "CIN", "Total"], "yes": [10, 3, 13], "no": [20, 25, 45],
                         "total": [30, 28, 58]})
    out = suppress_small_cells(wide, total_row="Total", total_column="total")
    # 3 suppressed; 10 then 25 and 20 so neither the row nor the column total gives it away
    assert out["yes"].tolist() == ["c", "c", 13]
    assert out["no"].tolist() == ["c", "c", 45]
    assert out["total"].tolist() == [30, 28, 58]
    assert out["team"].tolist() == ["MASH", "CIN", "Total"]


def test_small_total_is_suppressed_itself():
    wide = pd.DataFrame({"yes": [3, 10], "no": [0, 12], "total": [3, 22]}, index=["Fostering", "MASH"])
    out = suppress_small_cells(wide, total_column="total")
    assert out.loc["Fostering", "no"] == 0  # a zero reveals nobody and stays
    assert out.loc["Fostering", "yes"] == "c" and out.loc["Fostering", "total"] == "c"


def _lines_with_totals(out: pd.DataFrame, n_rows: int, n_cols: int):
    values = out.to_numpy()
    for i in range(n_rows + 1):
        yield values[i, :]
    for j in range(n_cols + 1):
        yield values[:, j]


def test_property_no_line_with_total_has_exactly_one_suppressed():
    """Random cross-tabs with totals: a total minus published cells never reveals a value."""
    rng = np.random.default_rng(11)
    for _ in range(300):
        n_rows, n_cols = rng.integers(1, 6), rng.integers(1, 6)
        cells = rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 20, 40], size=(n_rows, n_cols),
                           p=[.15, .1, .1, .1, .1, .1, .05, .05, .1, .1, .05])
        full = np.zeros((n_rows + 1, n_cols + 1), dtype=int)
        full[:n_rows, :n_cols] = cells
        full[n_rows, :n_cols] = cells.sum(axis=0)
        full[:n_rows, n_cols] = cells.sum(axis=1)
        full[n_rows, n_cols] = cells.sum()
        columns = [f"o{j}" for j in range(n_cols)] + ["total"]
        table = pd.DataFrame(full, columns=columns, index=[f"g{i}" for i in range(n_rows)] + ["Total"])
        out = suppress_small_cells(table, total_row="Total", total_column="total")
        for line in _lines_with_totals(out, n_rows, n_cols):
            assert sum(map(_is_c, line)) != 1, (table, out)
        # every small count is hidden, every zero shown, every shown value unchanged
        shown = out.to_numpy()
        for (i, j), v in np.ndenumerate(full):
            if 1 <= v < 5:
                assert _is_c(shown[i, j])
            elif v == 0:
                assert shown[i, j] == 0
            elif not _is_c(shown[i, j]):
                assert shown[i, j] == v
        # idempotent
        assert suppress_small_cells(out, total_row="Total", total_column="total").equals(out)


def test_property_long_lists_with_total():
    rng = np.random.default_rng(5)
    for _ in range(200):
        counts = rng.choice([0, 1, 2, 3, 6, 9, 15], size=rng.integers(1, 8)).tolist()
        table = pd.DataFrame({"option": [f"o{i}" for i in range(len(counts))] + ["Total"],
                              "count": counts + [sum(counts)]})
        out = suppress_small_cells(table, total_row="Total")
        assert sum(map(_is_c, out["count"])) != 1


def test_idempotent_and_reads_existing_c():
    table = pd.DataFrame({"option": ["a", "b", "c", "Total"], "count": [2, 7, 9, 18], "share": [.11, .39, .5, 1.]})
    once = suppress_small_cells(table, total_row="Total", percent_columns={"share": "count"})
    twice = suppress_small_cells(once, total_row="Total", percent_columns={"share": "count"})
    assert once.equals(twice)
    # default count detection finds a column of ints and "c"
    assert suppress_small_cells(once).equals(once)


def test_bad_counts_listed_with_spreadsheet_rows():
    table = pd.DataFrame({"option": ["a", "b", "c"], "count": [3, -1, 2.5]})
    with pytest.raises(DataError) as err:
        suppress_small_cells(table, count_columns=["count"])
    assert [(p.row, p.column) for p in err.value.problems] == [(3, "count"), (4, "count")]
    with pytest.raises(KeyError):
        suppress_small_cells(table.assign(count=[1, 2, 3]), percent_columns={"share": "count"})
    with pytest.raises(ValueError):  # a share must hang off a count column
        suppress_small_cells(table.assign(count=[1, 2, 3]), percent_columns={"count": "option"})


# ---------------------------------------------------------------- suppress_small_groups

def test_suppress_small_groups():
    summary = pd.DataFrame({"team": ["MASH", "CIN", "Fostering"], "n": [14, 3, 0],
                            "mean": [3.9, 2.3, np.nan], "sd": [0.8, 1.5, np.nan]})
    out = suppress_small_groups(summary)
    assert out.loc[1].tolist() == ["CIN", "c", "c", "c"]
    assert out.loc[0, "mean"] == 3.9 and out.loc[0, "n"] == 14
    assert out.loc[2, "n"] == 0 and np.isnan(out.loc[2, "mean"])
    only_mean = suppress_small_groups(summary, stat_columns=["mean"])
    assert only_mean.loc[1, "sd"] == 1.5
    assert suppress_small_groups(out).equals(out)


# ---------------------------------------------------------------- pseudonymise

NAMES = ["Dana Smith", "Sam Okafor", "Siobhan O'Brien-Kelly"]


@pytest.mark.parametrize("text,expected", [
    ("Dana Smith helped", "[NAME-1] helped"),
    ("dana smith and DANA and Smith", "[NAME-1] and [NAME-1] and [NAME-1]"),
    ("Dana's supervision", "[NAME-1]'s supervision"),
    ("Dana\u2019s supervision", "[NAME-1]\u2019s supervision"),
    ("Ask Sam or Okafor", "Ask [NAME-1] or [NAME-1]"),
    ("Siobhan O'Brien-Kelly ran it", "[NAME-1] ran it"),
    # a listed name never matches inside a longer word ...
    ("Dancing and Samba classes are not Dana", "Dancing and Samba classes are not [NAME-1]"),
    # ... and surnames nobody listed are masked by the unlisted-names pass, not as the listed one
    ("Danaher and Smithson are not Dana", "[NAME] and [NAME] are not [NAME-1]"),
])
def test_names(text, expected):
    assert pseudonymise(text, known_names=NAMES) == expected


@pytest.mark.parametrize("text,kind", [
    ("write to dana.smith@council.gov.uk now", "EMAIL"),
    ("Mobile 07700 900123", "PHONE"),
    ("Mobile 07700900123", "PHONE"),
    ("Mobile +44 7700 900123", "PHONE"),
    ("Mobile 07700-900-123", "PHONE"),
    ("Office 0161 496 0123", "PHONE"),
    ("Office (020) 7946 0958", "PHONE"),
    ("Office +44 (0)20 7946 0958", "PHONE"),
    ("Office 0300 123 4567", "PHONE"),
    ("Lives at M1 1AE", "POSTCODE"),
    ("Lives at m11ae", "POSTCODE"),
    ("Lives at SW1A 1AA", "POSTCODE"),
    ("Lives at ec1a1bb", "POSTCODE"),
    ("NI number AB123456C", "NI"),
    ("NI number ab 12 34 56 c", "NI"),
    ("HMRC's specimen QQ 12 34 56 C is masked too: a doubtful value is masked", "NI"),
    ("We live at 14 Mill Lane now", "ADDRESS"),
    ("She moved to St Mary's Primary last year", "SCHOOL"),
    ("She goes to Oakfield Academy now", "SCHOOL"),
    ("DOB 12/03/2009", "DOB"),
    ("born on 12 March 2009", "DOB"),
    ("date of birth: 2009-03-12", "DOB"),
    ("D.O.B. 1/2/09", "DOB"),
    ("born 3rd of May 2010", "DOB"),
    ("See https://example.org/page?x=1 for it", "URL"),
    ("See www.council.gov.uk/cpd for it", "URL"),
    ("Follow @dana_s online", "HANDLE"),
])
def test_each_kind_removed(text, kind):
    out = pseudonymise(text)
    assert f"[{kind}-1]" in out
    assert not any(ch.isdigit() for ch in out.replace(f"[{kind}-1]", "")) or kind in ("EMAIL", "URL", "HANDLE")
    assert out.split()[0] == text.split()[0]  # the words around it stay


def test_dob_keeps_keyword_and_matches_spellings():
    p = Pseudonymiser()
    assert p("DOB 12/03/2009") == "DOB [DOB-1]"
    assert p("born on 12 March 2009") == "born on [DOB-1]"  # the same date, the same placeholder
    assert p("date of birth: 2009-03-12") == "date of birth: [DOB-1]"


def test_stable_placeholders_within_a_run():
    p = Pseudonymiser(known_names=NAMES)
    assert p("Dana Smith rang 07700 900123") == "[NAME-1] rang [PHONE-1]"
    assert p("Sam Okafor rang +44 7700 900123") == "[NAME-2] rang [PHONE-1]"
    assert p("Smith again") == "[NAME-1] again"
    assert p.mapping["dana smith"] == "[NAME-1]" and p.mapping["07700900123"] == "[PHONE-1]"
    assert pseudonymise("Sam", pseudonymiser=p) == "[NAME-2]"
    with pytest.raises(ValueError):
        pseudonymise("Sam", known_names=["Sam Okafor"], pseudonymiser=p)


def test_titles_and_names_added_later():
    p = Pseudonymiser(known_names=["Mr Smith", "Dana"])
    assert p("Mr Smith met Mr Jones and Dana") == "[NAME-1] met Mr Jones and [NAME-2]"
    assert p("smith said") == "[NAME-1] said"
    p.add_names(["Sam Okafor"])
    assert p("Dana and Okafor") == "[NAME-2] and [NAME-3]"


def test_shared_first_name_gets_its_own_placeholder():
    p = Pseudonymiser(known_names=["Dana Smith", "Dana Jones"])
    assert p("Dana Smith, Dana Jones and Dana") == "[NAME-1], [NAME-2] and [NAME-3]"


@pytest.mark.parametrize("text", [
    "We had 3 sessions in 2024 and 12 attended",
    "Course CPD-101 and SW1001 on Signs of Safety",
    "Level 3, year 1 of the ASYE, 0.5 days, 07:30 start",
    "The session on 01/02/2024 was good",  # a date without a birth keyword stays
    "Room B1 2nd floor",
    "1,200 staff and reference 12345678901",
    "Email me @ home; PCF domain 9; KSS 4",
    "Reference AB-12-34 is not an NI number",
])
def test_ordinary_text_untouched(text):
    assert pseudonymise(text, known_names=NAMES) == text


def test_non_text_passed_through():
    assert pseudonymise(None) is None
    assert np.isnan(pseudonymise(np.nan))


def test_pseudonymise_series_unique_values_and_missing():
    calls = []

    class Counting(Pseudonymiser):
        def __call__(self, text):
            calls.append(text)
            return super().__call__(text)

    series = pd.Series(["Thanks Dana!", None, "Thanks Dana!", "mail sam.okafor@x.org"], name="comments",
                       index=[10, 11, 12, 13])
    out = pseudonymise_series(series, pseudonymiser=Counting(known_names=NAMES))
    assert out.tolist()[0] == "Thanks [NAME-1]!" and out.tolist()[3] == "mail [EMAIL-1]"
    assert pd.isna(out.iloc[1])
    assert out.name == "comments" and out.index.tolist() == [10, 11, 12, 13]
    assert len(calls) == 2  # each distinct text once


def test_property_cross_tabs_without_totals():
    """Without published totals rows and columns still count as lines (margins are usually
    published elsewhere); a line may keep a single "c" only when all its other counts are 0."""
    rng = np.random.default_rng(23)
    for _ in range(200):
        cells = rng.choice([0, 0, 1, 2, 4, 7, 15], size=(rng.integers(2, 6), rng.integers(2, 6)))
        out = suppress_small_cells(pd.DataFrame(cells))
        shown = out.to_numpy()
        for line in [*shown, *shown.T]:
            hidden = [_is_c(v) for v in line]
            if sum(hidden) == 1:
                assert all(v == 0 for v, h in zip(line, hidden) if not h), (cells, out)


def test_every_reading_guide_follows_min_cell():
    """No notebook or guide says "1 to 4" whatever min_cell is: the sentence comes from
    one helper that follows the study's setting."""
    import json

    from cpdresearch.paths import NOTEBOOKS
    from cpdresearch.report.sentences import hidden_counts_bullet

    assert "1 to 9" in hidden_counts_bullet(10)
    for path in NOTEBOOKS.glob("*.ipynb"):
        text = "".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"])
        assert "1 to 4" not in text, path.name
