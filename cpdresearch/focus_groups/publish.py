"""Disclosure control of the focus-group tables, and the focus groups' key figures.

Participants are people, so every count of participants goes through
:func:`cpdresearch.report.suppress_small_cells` (1 to ``min_cell - 1`` shows as ``"c"``),
and so do counts of segments (a handful of turns is close to one person's words). For
each code, the groups and the all-groups row are one line with a known total, so a
hidden group count cannot be worked out from the total (secondary suppression); a share
is hidden with its count. The same holds for participants per group in
``focus_group_sizes``. Co-occurrence publishes only pair counts and Jaccard indices, not
code totals, and hides a Jaccard index whose codes' totals are hidden. The tone of a
code in a group is hidden when fewer than ``min_cell`` segments carry it. Keywords used
by fewer than ``min_cell`` participants of the group are not published. Coders are
published as "Coder 1", "Coder 2", never by their initials.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..report import SUPPRESSED, suppress_small_cells, suppress_small_groups
from .themes import themes_by_pcf

__all__ = ["published_tables", "focus_group_key_figures", "CONTRACT"]

#: Columns the notebook contract names for each published table (written even when empty).
CONTRACT: dict[str, list[str]] = {
    "code_frequencies": ["code", "label", "group", "group_label", "segments", "participants", "sessions",
                         "group_participants", "participant_share"],
    "cooccurrence": ["code_a", "label_a", "code_b", "label_b", "segments", "jaccard"],
    "keyness": ["group", "group_label", "term", "target_freq", "reference_freq", "g2", "log_ratio", "p",
                "participants"],
    "agreement": ["code", "label", "coders", "units", "percent_agreement", "cohen_kappa", "ci_low", "ci_high",
                  "fleiss_kappa", "krippendorff_alpha", "agreement"],
    "themes_by_pcf": ["pcf_domain", "pcf_label", "kss", "code", "label", "group", "participants",
                      "participant_share"],
}


def _hidden(values) -> np.ndarray:
    return pd.Series(values).astype(str).str.strip().eq(SUPPRESSED).to_numpy()


def _sizes(sizes: pd.DataFrame, labels: dict, min_cell: int) -> pd.DataFrame:
    out = suppress_small_cells(sizes.set_index("group"), min_cell=min_cell, count_columns=["participants"],
                               total_row="all").reset_index()
    out.insert(1, "group_label", out["group"].map(labels).fillna("All groups"))
    return out


def _frequencies(freq: pd.DataFrame, sizes: pd.DataFrame, labels: dict, min_cell: int) -> pd.DataFrame:
    if freq.empty:
        return freq
    overall = (freq.groupby("code", sort=False)
               .agg(label=("label", "first"), segments=("segments", "sum"), sessions=("sessions", "sum"))
               .reset_index())
    parts = []
    published_size = sizes.set_index("group")["participants"]
    for code, part in freq.groupby("code", sort=False):
        part = part.set_index("group")
        row = overall[overall["code"] == code].iloc[0]
        # participants overall: distinct people, the sum over groups (a person is in one group)
        total = pd.DataFrame({"code": [code], "label": [row["label"]], "segments": [int(part["segments"].sum())],
                              "participants": [int(part["participants"].sum())], "sessions": [int(part["sessions"].sum())],
                              "group_participants": [int(part["group_participants"].sum())]}, index=["all"])
        part = pd.concat([part, total])
        part["participant_share"] = part["participants"] / part["group_participants"].replace(0, np.nan)
        for count in ("participants", "segments"):
            shares = {"participant_share": "participants"} if count == "participants" else None
            part = suppress_small_cells(part, min_cell=min_cell, count_columns=[count], percent_columns=shares,
                                        total_row="all")
        part["group_participants"] = part.index.map(published_size).astype(object)
        hide = _hidden(part["group_participants"])
        if hide.any():
            part["participant_share"] = part["participant_share"].astype(object)
            part.loc[hide, "participant_share"] = SUPPRESSED
        parts.append(part.rename_axis("group").reset_index())
    out = pd.concat(parts, ignore_index=True)
    out.insert(3, "group_label", out["group"].map(labels).fillna("All groups"))
    return out[CONTRACT["code_frequencies"]]


def _cooccurrence(pairs: pd.DataFrame, frequencies: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    if pairs.empty:
        return pairs
    out = suppress_small_cells(pairs[["code_a", "label_a", "code_b", "label_b", "segments", "jaccard"]],
                               min_cell=min_cell, count_columns=["segments"], percent_columns={"jaccard": "segments"})
    totals = frequencies[frequencies["group"] == "all"].set_index("code")["segments"]
    hidden_total = set(totals.index[_hidden(totals)])
    hide = out["code_a"].isin(hidden_total) | out["code_b"].isin(hidden_total)
    if hide.any():
        out["jaccard"] = out["jaccard"].astype(object)
        out.loc[hide, "jaccard"] = SUPPRESSED
    return out


#: Columns of a group test that are withheld when a count in its table is hidden.
_TEST_STATISTICS = ["chi2", "dof", "p_asymptotic", "p_monte_carlo", "p_adjusted", "cramers_v", "min_expected",
                    "most_group", "least_group"]


def _tests(association: pd.DataFrame, frequencies: pd.DataFrame, labels: dict) -> pd.DataFrame:
    """Code x group tests; withheld (blank, with a note) where a participant count is hidden.

    With the group sizes known, the chi-squared statistic of a groups x (raised, not
    raised) table pins down the hidden counts, so it is not published beside them.
    """
    hidden_codes = set(frequencies.loc[_hidden(frequencies["participants"]), "code"])
    out = association.copy()
    withheld = out["code"].isin(hidden_codes).to_numpy()
    out[_TEST_STATISTICS] = out[_TEST_STATISTICS].astype(object)
    out.loc[withheld, _TEST_STATISTICS] = None
    out["most_group_label"] = out["most_group"].map(labels)
    out["least_group_label"] = out["least_group"].map(labels)
    out["note"] = np.where(withheld, "withheld: a count in this comparison is too small to publish", None)
    return out


def _rule_agreement(table: pd.DataFrame, coders: dict, min_cell: int, frequencies: pd.DataFrame,
                    n_segments: int) -> pd.DataFrame:
    """Rules against coders: segment counts suppressed with the precision, recall and F1 they give.

    Over all participant segments the rules' count is the code's published total; over
    fewer (a coder who coded some sessions only) it is a part of it, and could give back a
    group's hidden count: it is hidden wherever the code has a hidden count.
    """
    out = _coder_names(table, coders)
    hidden_codes = set(frequencies.loc[_hidden(frequencies["segments"]), "code"])
    partial = (out["units"] < n_segments) & out["code"].isin(hidden_codes)
    if partial.any():
        for column in ("rules", "precision", "f1"):
            out[column] = out[column].astype(object)
            out.loc[partial, column] = SUPPRESSED
    for count, derived in (("rules", ["precision", "f1"]), ("coder_segments", ["recall", "f1"]),
                           ("both", ["precision", "recall", "f1", "cohen_kappa"])):
        out = suppress_small_cells(out, min_cell=min_cell, count_columns=[count],
                                   percent_columns={d: count for d in derived})
    return out


def _tone(tone: pd.DataFrame, frequencies: pd.DataFrame, labels: dict, min_cell: int) -> pd.DataFrame:
    """Tone by code and group, its segment counts as ``code_frequencies`` publishes them.

    The same count appears in both tables, so it is taken from the published frequencies
    (where secondary suppression may hide a count above ``min_cell``), and the tone of a
    hidden count is hidden with it.
    """
    stats = ["mean_compound", "share_negative", "share_positive"]
    published = frequencies.set_index(["code", "group"])["segments"]
    out = tone.copy()
    out["segments"] = [published.get((c, g), n) for c, g, n in zip(out["code"], out["group"], out["segments"])]
    out = suppress_small_groups(out, n_column="segments", min_cell=min_cell, stat_columns=stats)
    return out.assign(group_label=out["group"].map(labels))


def _coder_names(table: pd.DataFrame, coders: dict) -> pd.DataFrame:
    return table.assign(coder=table["coder"].map(coders)) if "coder" in table.columns else table


def published_tables(results, *, min_cell: int = 5) -> dict[str, pd.DataFrame]:
    """The focus-group tables as published, small counts suppressed, keyed by file stem.

    Parameters
    ----------
    results : cpdresearch.focus_groups.FocusGroupResults
    min_cell : int, default 5

    Returns
    -------
    dict of str to pandas.DataFrame
        ``focus_group_sizes``, ``code_frequencies``, ``code_group_tests``,
        ``cooccurrence``, ``themes_by_pcf``, ``quotes``, ``keyness``, ``agreement``,
        ``rule_agreement``, ``tone`` (VADER by code and group; means of fewer than
        ``min_cell`` segments hidden), ``collocations`` (pairs used by at least
        ``min_cell`` participants of the group): those with rows, and the contract's tables
        (:data:`CONTRACT`) even when empty.
    """
    r = results
    labels = r.group_labels
    sizes = _sizes(r.sizes, labels, min_cell)
    freq = _frequencies(r.frequencies, sizes, labels, min_cell)
    tables: dict[str, pd.DataFrame] = {"focus_group_sizes": sizes, "code_frequencies": freq}
    total_hidden = _hidden(sizes.loc[sizes["group"] == "all", "participants"]).any()
    if not r.association.empty and not total_hidden:
        tests = _tests(r.association, freq, labels)
        tables["code_group_tests"] = tests.sort_values("p_adjusted", kind="stable", na_position="last") \
            .reset_index(drop=True)
    tables["cooccurrence"] = _cooccurrence(r.cooccurrence, freq, min_cell)
    if not freq.empty and r.codebook is not None:
        themes = themes_by_pcf(freq[freq["group"] != "all"], codebook=r.codebook)
        tables["themes_by_pcf"] = themes[["pcf_domain", "pcf_label", "kss", "kss_labels", "code", "label", "group",
                                          "group_label", "participants", "group_participants", "participant_share"]]
    if not r.quotes.empty:
        tables["quotes"] = r.quotes.assign(group_label=r.quotes["group"].map(labels))[
            ["code", "label", "group", "group_label", "segment_id", "quote"]]
    if not r.keyness.empty:
        kept = r.keyness[r.keyness["participants"] >= min_cell]
        tables["keyness"] = kept.assign(group_label=kept["group"].map(labels))[CONTRACT["keyness"]] \
            .reset_index(drop=True)
    if not r.tone.empty:
        tables["tone"] = _tone(r.tone, freq, labels, min_cell)
    if not r.collocations.empty:
        pairs = r.collocations[r.collocations["participants"] >= min_cell]
        if not pairs.empty:
            tables["collocations"] = pairs.assign(group_label=pairs["group"].map(labels)).reset_index(drop=True)
    coders = {}
    if not r.rule_agreement.empty:
        coders = {c: f"Coder {i}" for i, c in enumerate(sorted(r.rule_agreement["coder"].unique()), start=1)}
    tables["agreement"] = r.agreement.drop(columns=["present_any", "present_all"], errors="ignore")
    if not r.rule_agreement.empty:
        tables["rule_agreement"] = _rule_agreement(r.rule_agreement, coders, min_cell, freq, r.n_segments)
    for name, columns in CONTRACT.items():
        if name not in tables or (tables[name].empty and not len(tables[name].columns)):
            tables[name] = pd.DataFrame(columns=columns)
    return {k: v for k, v in tables.items() if k in CONTRACT or not v.empty}


def _number(value):
    value = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
    return None if pd.isna(value) else float(value)


def focus_group_key_figures(results, tables: dict[str, pd.DataFrame], *, min_cell: int = 5) -> dict:
    """Headline numbers for ``key_figures.json`` under ``"focus_groups"``, read from the published tables.

    Returns
    -------
    dict
        ``n_sessions``, ``n_participants`` (None when hidden), ``n_segments``, one
        ``top_theme_<group>`` per participant group (the code label raised by the largest
        published share of that group's participants; None when every share is hidden),
        ``n_group_differences`` (adjusted p < 0.05), ``kappa_mean`` (mean of the
        per-code Cohen's kappas; None without two coders) and ``alpha_overall``.
    """
    sizes = tables.get("focus_group_sizes", pd.DataFrame())
    total = sizes.loc[sizes["group"] == "all", "participants"] if not sizes.empty else pd.Series(dtype=object)
    figures: dict = {"n_sessions": results.n_sessions,
                     "n_participants": (_number(total.iloc[0]) if len(total) else 0),
                     "n_segments": results.n_segments}
    if figures["n_participants"] is not None:
        figures["n_participants"] = int(figures["n_participants"])
    freq = tables.get("code_frequencies", pd.DataFrame())
    for group in results.groups:
        part = freq[freq["group"] == group] if not freq.empty else freq
        shares = pd.to_numeric(part["participant_share"], errors="coerce") if not part.empty else pd.Series(dtype=float)
        figures[f"top_theme_{group}"] = (str(part.loc[shares.idxmax(), "label"])
                                         if shares.notna().any() and shares.max() > 0 else None)
    tests = tables.get("code_group_tests")
    figures["n_group_differences"] = (int((pd.to_numeric(tests["p_adjusted"], errors="coerce") < 0.05).sum())
                                      if tests is not None and not tests.empty else 0)
    agreement = tables.get("agreement", pd.DataFrame())
    per_code = agreement[agreement["code"] != "all"] if not agreement.empty else agreement
    kappas = pd.to_numeric(per_code["cohen_kappa"], errors="coerce") if not per_code.empty else pd.Series(dtype=float)
    figures["kappa_mean"] = float(kappas.mean()) if kappas.notna().any() else None
    overall = agreement[agreement["code"] == "all"] if not agreement.empty else agreement
    figures["alpha_overall"] = _number(overall["krippendorff_alpha"].iloc[0]) if len(overall) else None
    return figures
