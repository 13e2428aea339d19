"""Themes mapped to the national frameworks the codebook links them to.

Each code may name Professional Capabilities Framework (PCF) domains and Knowledge and
Skills Statements (KSS) for child and family practitioners; this module sets what each
participant group raised against those domains, so a reader sees what children,
families and staff ask of social workers, domain by domain.

Examples
--------
>>> import pandas as pd
>>> from cpdresearch.io.focus_groups import Code, Codebook
>>> book = Codebook([Code("trust", "Trust", kss=(1,), pcf=(7,))])
>>> freq = pd.DataFrame({"code": ["trust"], "label": ["Trust"], "group": ["staff"], "participants": [6],
...                      "group_participants": [8], "participant_share": [0.75], "segments": [9], "sessions": [2]})
>>> themes_by_pcf(freq, codebook=book)[["pcf_domain", "pcf_label", "kss_labels", "code", "participants"]].to_dict("records")
[{'pcf_domain': 7, 'pcf_label': 'Skills and interventions', 'kss_labels': 'KSS 1: Relationships and effective direct work', 'code': 'trust', 'participants': 6}]
"""
from __future__ import annotations

import pandas as pd

from .. import frameworks

__all__ = ["themes_by_pcf"]


def themes_by_pcf(frequencies: pd.DataFrame, *, codebook) -> pd.DataFrame:
    """Code frequencies by group, one row per PCF domain a code links to.

    Parameters
    ----------
    frequencies : pandas.DataFrame
        From :func:`cpdresearch.focus_groups.code_frequencies`.
    codebook : cpdresearch.io.focus_groups.Codebook

    Returns
    -------
    pandas.DataFrame
        ``pcf_domain, pcf_label, kss, kss_labels, code, label, group, segments,
        participants, sessions, group_participants, participant_share``, by domain
        number. A code linked to no domain is listed with ``pcf_domain`` missing and
        ``pcf_label`` "Not linked to a PCF domain".
    """
    rows = []
    for code in codebook.codes:
        kss = ", ".join(str(k) for k in code.kss)
        kss_labels = "; ".join(f"KSS {k}: {frameworks.KSS_STATEMENTS[k]}" for k in code.kss)
        for domain in code.pcf or (None,):
            rows.append({"pcf_domain": domain,
                         "pcf_label": frameworks.PCF_DOMAINS[domain] if domain else "Not linked to a PCF domain",
                         "kss": kss, "kss_labels": kss_labels, "code": code.id})
    links = pd.DataFrame(rows, columns=["pcf_domain", "pcf_label", "kss", "kss_labels", "code"])
    out = links.merge(frequencies.drop(columns=[], errors="ignore"), on="code", how="left")
    out["pcf_domain"] = out["pcf_domain"].astype("Int64")
    return out.sort_values("pcf_domain", kind="stable", na_position="last").reset_index(drop=True)
