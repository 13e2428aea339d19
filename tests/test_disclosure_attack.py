"""The attacker: tries to work out every hidden count of a full demo run.

It reads everything the run publishes for all cohorts (every ``tables/*.csv``, and the
numbers of ``key_figures.json`` and ``summary.csv`` through the tables they are read from)
and, for every count shown as ``c``, tries the arithmetic a determined reader would:

(a) Likert lines: the level counts of an item (or of an item in a group) are integers
    >= 0 summing to ``n``; the shown level counts, the below / neutral / above counts,
    the upper-levels count, the mean, SD and median each cut down the combinations that
    fit. A hidden count is recovered when every combination that fits gives it one value.
(b) Test sizes: a test's ``n`` with groups left out is the item's ``n`` minus the
    excluded groups; group sizes of a by-group table add up to the cohort's.
(c) Answers missing: the respondents a table (or its header) shows minus the item's ``n``.
(d) Cross-cohort differencing: the same row of the same table in cohorts that split the
    whole workforce (one cohort per value of one attribute) adds up to the whole-workforce
    cohort's; and a cohort's own row equals the row of its group in the whole workforce's
    by-group tables.

It must recover nothing. See docs/disclosure.md for the policy it checks.
"""
from __future__ import annotations

import itertools
import json
import math
from collections import defaultdict
from pathlib import Path

import pytest

pd = pytest.importorskip("pandas")

HIDDEN = "c"
#: Columns that identify a row across cohorts (same table, same row).
KEY_COLUMNS = ("block", "by", "group", "item", "code", "level", "option", "between", "course_id", "objective_no",
               "topic", "pcf_domain", "activity", "option_a", "option_b", "format", "length", "session_id",
               "organisation_tier")
_COUNTS = {"n", "count", "respondents", "documents", "headcount", "staff", "participants", "segments", "sessions",
           "forms", "attended", "places", "cancelled", "late_cancelled", "no_show", "late_cancellations", "no_shows",
           "recommend_yes", "recommend_no"}


def is_count_column(name: str) -> bool:
    """Columns that count people, by the names the package's tables use."""
    name = name.lower()
    return name in _COUNTS or name.startswith(("n_", "count_")) or name.endswith(("_n", "_count"))


def load_run(run_dir: Path) -> tuple[dict, dict]:
    """``{cohort: {table: DataFrame of str}}`` and the manifest."""
    manifest = json.loads((run_dir / "manifest.json").read_text())
    tables: dict = defaultdict(dict)
    for path in sorted(run_dir.glob("*/tables/*.csv")):
        tables[path.parent.parent.name][path.stem] = pd.read_csv(path, dtype=str, keep_default_na=False)
    return dict(tables), manifest


def _compositions(total: int, parts: int):
    """Every tuple of ``parts`` integers >= 0 adding up to ``total``."""
    if parts == 1:
        yield (total,)
        return
    for first in range(total + 1):
        for rest in _compositions(total - first, parts - 1):
            yield (first, *rest)


def _num(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


class Attacker:
    """Collects hidden cells and what can be worked out about them."""

    def __init__(self, tables: dict, manifest: dict):
        self.tables = tables
        self.manifest = manifest
        self.recovered: dict = {}

    def hidden(self):
        for cohort, named in self.tables.items():
            for name, t in named.items():
                for col in filter(is_count_column, t.columns):
                    for i in t.index[t[col] == HIDDEN]:
                        yield cohort, name, i, col

    def found(self, cohort, name, i, col, value, how):
        if self.tables[cohort][name].at[i, col] == HIDDEN:
            self.recovered.setdefault((cohort, name, int(i), col), (value, how))

    # (a) Likert lines ------------------------------------------------------------
    def likert(self):
        for cohort, named in self.tables.items():
            levels = named.get("survey_levels")
            if levels is None or levels.empty:
                continue
            codes = {b: sorted({int(c) for c in part["code"]}) for b, part in levels.groupby("block")}
            for name in ("survey_items", "survey_items_by_group"):
                items = named.get(name)
                if items is None:
                    continue
                for i, row in items.iterrows():
                    lv = levels[levels["item"] == row["item"]] if name == "survey_items" else None
                    self._likert_row(cohort, name, i, row, codes.get(row["block"]), lv)

    def _likert_row(self, cohort, name, i, row, codes, lv):
        n = _num(row.get("n"))
        if codes is None or n is None:
            return
        n, k = int(n), len(codes)
        known = {}
        if lv is not None:
            for j, r in lv.iterrows():
                if r["count"] != HIDDEN:
                    known[int(r["code"])] = int(r["count"])
        sides = {}
        mid = k // 2
        below, neutral, above = codes[:mid], codes[mid:mid + 1] if k % 2 else [], codes[mid + (k % 2):]
        for side, cs in (("below", below), ("neutral", neutral), ("above", above)):
            v = _num(row.get(f"count_{side}"))
            if v is not None and cs:
                sides[side] = (cs, int(v))
        top = _num(row.get("top_count"))
        mean, sd, median = (_num(row.get(c)) for c in ("mean", "sd", "median"))
        targets = [(lv_i, "count", code) for lv_i, code in
                   ((j, int(r["code"])) for j, r in (lv.iterrows() if lv is not None else iter(())))
                   if lv.at[lv_i, "count"] == HIDDEN]
        row_targets = [c for c in (f"count_{s}" for s in ("below", "neutral", "above")) if row.get(c) == HIDDEN]
        if not targets and not row_targets:
            return
        free = [c for c in codes if c not in known]
        # Bound each free level by the side it is in, so the enumeration stays small.
        bound = {c: n - sum(known.values()) for c in free}
        for cs, total in sides.values():
            for c in cs:
                if c in bound:
                    bound[c] = min(bound[c], total)
        size = math.prod(b + 1 for b in bound.values()) if free else 1
        if size > 300_000:
            return
        fits = []
        for combo in itertools.product(*(range(bound[c] + 1) for c in free)):
            x = {**known, **dict(zip(free, combo))}
            if sum(x.values()) != n:
                continue
            if lv is not None and any(x[c] == 0 for c in free):
                continue  # a hidden level count is at least 1 (zeros are shown)
            if any(sum(x[c] for c in cs) != t for cs, t in sides.values()):
                continue
            if top is not None and sum(x[c] for c in above or codes[mid:]) != int(top):
                continue
            if n and mean is not None and abs(sum(c * v for c, v in x.items()) / n - mean) > 1e-6:
                continue
            if n > 1 and sd is not None:
                m = sum(c * v for c, v in x.items()) / n
                if abs(math.sqrt(sum(v * (c - m) ** 2 for c, v in x.items()) / (n - 1)) - sd) > 1e-6:
                    continue
            if median is not None and n:
                values = [c for c in codes for _ in range(x[c])]
                med = (values[(n - 1) // 2] + values[n // 2]) / 2
                if abs(med - median) > 1e-6:
                    continue
            fits.append(x)
            if len(fits) > 2000:
                return
        if not fits:
            return
        for lv_i, _, code in targets:
            values = {f[code] for f in fits}
            if len(values) == 1:
                self.found(cohort, "survey_levels", lv_i, "count", values.pop(), "Likert combinations")
        for col in row_targets:
            cs = dict(below=below, neutral=neutral, above=above)[col[6:]]
            values = {sum(f[c] for c in cs) for f in fits}
            if len(values) == 1:
                self.found(cohort, name, i, col, values.pop(), "Likert combinations")

    # lines: total minus shown parts ------------------------------------------------
    def line(self, cohort, name, cells, total, how):
        """``cells``: [(i, col)] adding up to ``total``; hidden cells are >= 1."""
        if total is None:
            return
        t = self.tables[cohort][name]
        hidden = [(i, c) for i, c in cells if t.at[i, c] == HIDDEN]
        shown = sum(_num(t.at[i, c]) or 0 for i, c in cells if t.at[i, c] != HIDDEN)
        rest = int(round(total - shown))
        # Hidden cells are at least 1 where zeros are shown: not in a wholly hidden line,
        # nor in a row whose group size is hidden (its zeros are hidden with it).
        at_least_one = all(col == "n" or "n" not in t.columns or t.at[i, "n"] != HIDDEN for i, col in hidden)
        ones = hidden and at_least_one and rest == len(hidden) and len(hidden) < len(cells)
        if len(hidden) == 1 or ones:
            for i, c in hidden:
                self.found(cohort, name, i, c, rest if len(hidden) == 1 else 1, how)

    def lines_within(self):
        for cohort, named in self.tables.items():
            items = named.get("survey_items")
            rates = named.get("response_rates")
            respondents = None
            if rates is not None and len(rates) and (rates["by"] == "all").any():
                respondents = _num(rates.loc[rates["by"] == "all", "respondents"].iloc[0])
            header = self.manifest_respondents(cohort)
            for name in ("survey_items", "survey_items_by_group"):
                t = named.get(name)
                if t is None:
                    continue
                parts = [c for c in t.columns if c.startswith("n_") and c != "n_missing"]
                splits = [c for c in ("count_below", "count_neutral", "count_above") if c in t.columns]
                for i, row in t.iterrows():
                    if splits:
                        self.line(cohort, name, [(i, c) for c in splits], _num(row["n"]), "splits add up to n")
                    if parts:
                        self.line(cohort, name, [(i, c) for c in parts], _num(row["n_missing"]), "parts of missing")
                    # (c) answers missing = respondents - n
                    group_resp = respondents if name == "survey_items" else self.group_respondents(
                        rates, row["by"], row["group"])
                    if name == "survey_items" and group_resp is None:
                        group_resp = header
                    n = _num(row["n"])
                    if group_resp is not None and n is not None and "n_missing" in t.columns:
                        self.line(cohort, name, [(i, "n_missing")], group_resp - n, "respondents minus n")
                    if group_resp is not None and n is None and _num(row["n_missing"]) is not None:
                        self.line(cohort, name, [(i, "n")], group_resp - _num(row["n_missing"]), "respondents - missing")
            by_group = named.get("survey_items_by_group")
            if items is not None and by_group is not None and len(items):
                for (by, item), part in by_group.groupby(["by", "item"]):
                    total = items.loc[items["item"] == item, "n"]
                    if self._complete(rates, by):
                        self.line(cohort, "survey_items_by_group", [(i, "n") for i in part.index],
                                  _num(total.iloc[0]) if len(total) else None, "groups add up to the item")
            levels = named.get("survey_levels")
            if levels is not None:
                for _, part in levels.groupby(["item"]):
                    self.line(cohort, "survey_levels", [(i, "count") for i in part.index],
                              _num(part["n"].iloc[0]), "levels add up to n")
            if rates is not None and len(rates):
                for by, part in rates[rates["by"] != "all"].groupby("by"):
                    for col in ("respondents", "headcount"):
                        self.line(cohort, "response_rates", [(i, col) for i in part.index],
                                  _num(rates.loc[rates["by"] == "all", col].iloc[0]), f"{col} by {by} add up")
            # by-group tables: the groups' counts of a row add up to the cohort's row
            for base_name, base in named.items():
                grouped = named.get(f"{base_name}_by_group")
                keys = [k for k in KEY_COLUMNS if k in base.columns and k not in ("by", "group")]
                if grouped is None or not keys or any(k not in grouped.columns for k in keys) or base_name == "survey_items":
                    continue
                rows = {tuple(r[k] for k in keys): r for _, r in base.iterrows()}
                for (by, *key), part in grouped.groupby(["by", *keys]):
                    if tuple(key) not in rows or not self._complete(rates, by):
                        continue
                    for col in (c for c in grouped.columns if is_count_column(c) and c in base.columns and c != "n"):
                        self.line(cohort, f"{base_name}_by_group", [(i, col) for i in part.index],
                                  _num(rows[tuple(key)][col]), "groups add up to the cohort")
            # (b) test sizes: a test with one group excluded gives that group's n
            diffs = named.get("group_differences")
            if diffs is not None and by_group is not None and items is not None:
                for _, d in diffs.iterrows():
                    test_n, excl = _num(d.get("n")), _num(d.get("groups_excluded"))
                    total = items.loc[items["item"] == d["item"], "n"]
                    total = _num(total.iloc[0]) if len(total) else None
                    if test_n is None or total is None or not self._complete(rates, d["between"]):
                        continue
                    part = by_group[(by_group["by"] == d["between"]) & (by_group["item"] == d["item"])]
                    hidden = part.index[part["n"] == HIDDEN]
                    if excl == 1 and len(hidden) >= 1:
                        shown_small = [j for j in hidden]
                        if len(shown_small) == 1:
                            self.found(cohort, "survey_items_by_group", shown_small[0], "n",
                                       int(total - test_n), "item n minus test n")
                    if excl == 0 and test_n:
                        self.line(cohort, "survey_items_by_group", [(j, "n") for j in part.index], test_n,
                                  "test n is the sum of groups")

    @staticmethod
    def group_respondents(rates, by, group):
        if rates is None or not len(rates):
            return None
        hit = rates[(rates["by"] == by) & (rates["group"] == group)]
        return _num(hit["respondents"].iloc[0]) if len(hit) else None

    @staticmethod
    def _complete(rates, by) -> bool:
        """Whether every respondent is in some group of ``by`` (groups add up to all)."""
        if rates is None or not len(rates):
            return False
        part = rates[rates["by"] == by]
        allr = _num(rates.loc[rates["by"] == "all", "respondents"].iloc[0]) if (rates["by"] == "all").any() else None
        shown = [_num(v) for v in part["respondents"]]
        return allr is not None and (None in shown or sum(shown) == allr)

    def manifest_respondents(self, cohort):
        """Respondents in the report's header (the survey's key figure)."""
        for r in self.manifest.get("runs", []):
            if r["cohort"] == cohort and (r.get("key_figures") or {}).get("n_respondents") is not None:
                return float(r["key_figures"]["n_respondents"])
        return None

    # (e) evaluation tables ---------------------------------------------------------
    #: counts of a paired test's row that add up to its ``n``, by table: how each is read
    #: from the signs of the changes (``up``, ``zero``, ``down``)
    PAIRED = {"objective_change": {"n_improved": ("up",), "n_unchanged": ("zero",), "n_worse": ("down",)},
              "followup": {"n_kept": ("up", "zero"), "n_fell": ("down",)}}
    #: the share published beside a count of a paired row
    PAIRED_SHARES = {"n_improved": "pct_improved", "n_unchanged": "pct_unchanged", "n_worse": "pct_worse",
                     "n_kept": "pct_kept"}

    def evaluation(self):
        """(e): lines and shares of the evaluation tables, and what the paired tests give away."""
        Attacker._RULE_TEXT = [r for named in self.tables.values()
                               for r in named.get("objective_change", pd.DataFrame(columns=["reason"]))["reason"]
                               if "fewer than" in r]
        for cohort, named in self.tables.items():
            self._evaluation_lines(cohort, named)
            levels = self.rating_levels()
            for name in self.PAIRED:
                t = named.get(name)
                if t is None or not len(t):
                    continue
                for i, row in t.iterrows():
                    if any(row.get(c) == HIDDEN for c in self.PAIRED[name]):
                        self._paired_row(cohort, name, i, row, levels)

    def rating_levels(self) -> int:
        """Levels of the rating scale, from any cohort's rating distribution (the form is the study's)."""
        codes = set()
        for named in self.tables.values():
            dist = named.get("rating_distribution")
            if dist is not None and "code" in dist.columns:
                codes |= {int(c) for c in dist["code"] if str(c).isdigit()}
        return max(codes) if codes else 4

    def _evaluation_lines(self, cohort, named):
        total_row = "All courses"
        rows = {  # table: (parts adding up to a total in each row, the total's column)
            "objective_change": (["n_improved", "n_unchanged", "n_worse"], "n"),
            "followup": (["n_kept", "n_fell"], "n"),
            "courses": (["recommend_yes", "recommend_no"], "recommend_n"),
            "bookings": (["attended", "cancelled", "late_cancelled", "no_show"], "places"),
            "charges": (["attended", "cancelled", "late_cancellations", "no_shows"], "places"),
        }
        for name, (parts, total) in rows.items():
            t = named.get(name)
            if t is None or not len(t) or total not in t.columns:
                continue
            parts = [p for p in parts if p in t.columns]
            for i, row in t.iterrows():
                self.line(cohort, name, [(i, p) for p in parts], _num(row[total]), f"{name}: parts add up to {total}")
                # a share beside its count: count = share x total
                for count, share in self.PAIRED_SHARES.items():
                    if row.get(count) == HIDDEN and _num(row.get(share)) is not None and _num(row[total]):
                        self.found(cohort, name, i, count, int(round(_num(row[share]) * _num(row[total]))),
                                   "share times n")
            # columns add up to the all-courses row
            if "course_id" in t.columns and (t["course_id"] == total_row).any():
                last = t.index[t["course_id"] == total_row][0]
                for col in [*parts, total, "forms"]:
                    if col in t.columns:
                        self.line(cohort, name, [(i, col) for i in t.index if i != last], _num(t.at[last, col]),
                                  f"{name}: courses add up to all courses")
        # delivery formats add up to all courses
        take_up, bookings, courses = named.get("take_up"), named.get("bookings"), named.get("courses")
        if take_up is not None and len(take_up):
            for col, source in (("attended", bookings), ("places", bookings), ("forms", courses)):
                if source is None or not len(source) or col not in source.columns:
                    continue
                total = source.loc[source["course_id"] == total_row, col]
                if len(total):
                    self.line(cohort, "take_up", [(i, col) for i in take_up.index], _num(total.iloc[0]),
                              "formats add up to all courses")
        rates = named.get("courses")
        if take_up is not None and rates is not None and len(take_up):
            for i, row in take_up.iterrows():  # attended = forms / forms per attendee
                if row.get("attended") == HIDDEN and _num(row.get("forms")) and _num(row.get("completion")):
                    self.found(cohort, "take_up", i, "attended",
                               int(round(_num(row["forms"]) / _num(row["completion"]))), "forms / forms per attendee")

    def _paired_row(self, cohort, name, i, row, levels):
        """Every multiset of non-zero changes that fits the row's published statistics.

        A change is one of +-1 .. +-(levels - 1). The mean change gives their sum, the
        t interval their sum of squares, the rank-biserial and the Wilcoxon statistic
        the signed rank sums, the p-value and its method the rest (recomputed as the
        package computes them). A hidden count is recovered when every fit gives it one value.
        """
        from scipy import stats as sps

        n = _num(row.get("n"))
        if n is None:
            return
        n = int(n)
        mean = _num(row.get("mean_change"))
        if mean is None and _num(row.get("pre_mean")) is not None and _num(row.get("post_mean")) is not None:
            mean = _num(row["post_mean"]) - _num(row["pre_mean"])
        if mean is None and _num(row.get("post_mean")) is not None and _num(row.get("fu_mean")) is not None:
            mean = _num(row["fu_mean"]) - _num(row["post_mean"])
        s1 = int(round(mean * n)) if mean is not None else None
        low, high = _num(row.get("ci_low")), _num(row.get("ci_high"))
        s2 = None
        if s1 is not None and low is not None and high is not None and n > 1:
            sd = (high - low) / 2 / sps.t.ppf(0.975, n - 1) * math.sqrt(n)
            s2 = int(round((n - 1) * sd ** 2 + s1 ** 2 / n))
        mags = list(range(1, levels))
        known = {c: int(_num(row[c])) for c in self.PAIRED[name] if _num(row.get(c)) is not None}
        few = self._few_improved(row)
        tested = any(_num(row.get(c)) is not None for c in ("rank_biserial", "statistic", "p_value"))
        fits = []
        for n_up in range(n + 1):
            for n_down in range(n - n_up + 1):
                signs = {"up": n_up, "zero": n - n_up - n_down, "down": n_down}
                counts = {c: sum(signs[s] for s in how) for c, how in self.PAIRED[name].items()}
                if any(counts[c] != v for c, v in known.items()):
                    continue
                if any(counts[c] == 0 for c in self.PAIRED[name] if c not in known):
                    continue  # a hidden count is at least 1 (zeros are shown)
                if few is not None and "n_improved" in counts and (counts["n_improved"] < few[0] * n) != few[1]:
                    continue  # the reason says whether fewer than the rule's share improved
                if s1 is None and not tested:
                    fits.append(counts)  # nothing published about the changes themselves
                    continue
                # changes by magnitude: the negatives indexed by what they add to the sum and sum of squares
                downs = defaultdict(list)
                for neg in _compositions(n_down, len(mags)):
                    downs[(sum(m * q for m, q in zip(mags, neg)), sum(m * m * q for m, q in zip(mags, neg)))].append(neg)
                for pos in _compositions(n_up, len(mags)):
                    a = sum(m * p for m, p in zip(mags, pos))
                    b = sum(m * m * p for m, p in zip(mags, pos))
                    for (na, nb), negs in downs.items():
                        if s1 is not None and a - na != s1:
                            continue
                        if s2 is not None and b + nb != s2:
                            continue
                        for neg in negs:
                            if self._paired_test_fits(row, n, dict(zip(mags, pos)), dict(zip(mags, neg))):
                                fits.append(counts)
                                break
                        if len(fits) > 50_000:
                            return
        for col in self.PAIRED[name]:
            values = {f[col] for f in fits}
            if row.get(col) == HIDDEN and len(values) == 1:
                self.found(cohort, name, i, col, values.pop(), "paired test statistics")

    @staticmethod
    def _few_improved(row):
        """``(share, fewer)`` when the published reason says whether fewer than ``share`` improved."""
        import re

        reason, not_met = row.get("reason"), row.get("not_met")
        if reason is None or reason == HIDDEN or not_met in (None, HIDDEN, ""):
            return None
        hit = re.search(r"fewer than (\d+)% of delegates improved", reason)
        if hit:
            return float(hit.group(1)) / 100, True
        share = re.search(r"fewer than (\d+)%", " ".join(Attacker._RULE_TEXT))  # the rule's share, when known
        return (float(share.group(1)) / 100, False) if share else None

    #: reasons seen in the run (the rule's wording names its share)
    _RULE_TEXT: list = []
    _tests: dict = {}

    def _paired_test_fits(self, row, n, up, down) -> bool:
        m = sum(up.values()) + sum(down.values())
        rb, stat, p = (_num(row.get(c)) for c in ("rank_biserial", "statistic", "p_value"))
        if m == 0:
            return (rb is None or rb == 0) and (p is None or math.isnan(p))
        # midranks of |change|: magnitude a takes the ranks after every smaller one
        below, r_plus, r_minus = 0, 0.0, 0.0
        for a in sorted(up):
            t = up[a] + down[a]
            mid = below + (t + 1) / 2
            r_plus += up[a] * mid
            r_minus += down[a] * mid
            below += t
        if rb is not None and abs((r_plus - r_minus) / (r_plus + r_minus) - rb) > 1e-9:
            return False
        if stat is not None and abs(min(r_plus, r_minus) - stat) > 1e-9:
            return False
        if p is None and not row.get("method"):
            return True
        key = (n, tuple(sorted(up.items())), tuple(sorted(down.items())))
        if key not in self._tests:
            from cpdresearch.stats import paired_wilcoxon

            d = [a for a, k in up.items() for _ in range(k)] + [-a for a, k in down.items() for _ in range(k)]
            d += [0] * (n - len(d))
            self._tests[key] = paired_wilcoxon([0] * n, d)
        res = self._tests[key]
        if row.get("method") and row.get("method") != HIDDEN and row["method"] != res.method:
            return False
        return p is None or math.isclose(res.p_value, p, rel_tol=1e-9, abs_tol=1e-12)

    # (d) cross-cohort ----------------------------------------------------------------
    def partitions(self) -> dict:
        """{attribute: {cohort: value}} for cohorts filtering on one attribute."""
        cohorts = self.cohorts()
        out: dict = defaultdict(dict)
        for c in cohorts:
            f = c.get("filter") or {}
            if len(f) == 1:
                (attr, value), = f.items()
                if isinstance(value, str):
                    out[attr][c["name"]] = value
        return out

    def cohorts(self) -> list:
        """The cohorts as the index names them (read from the study's cohorts.yml)."""
        if "cohorts" in self.manifest:
            return self.manifest["cohorts"]
        import yaml

        path = Path(self.manifest.get("study", {}).get("path", "")) / "cohorts.yml"
        return yaml.safe_load(path.read_text())["cohorts"] if path.is_file() else []

    def whole(self):
        cohorts = self.cohorts()
        return next((c["name"] for c in cohorts if not c.get("filter")), None)

    def cross_cohort(self):
        whole = self.whole()
        if whole is None or whole not in self.tables:
            return
        for attr, members in self.partitions().items():
            rates = self.tables[whole].get("response_rates")
            complete = len(members) >= 2 and rates is not None and set(
                rates.loc[rates["by"] == attr, "group"]) <= set(members.values())
            for name, t_all in self.tables[whole].items():
                keys = [k for k in KEY_COLUMNS if k in t_all.columns and k not in ("by", "group")]
                counts = [c for c in t_all.columns if is_count_column(c)]
                if not keys or not counts:
                    continue
                index = {}
                for cohort in members:
                    t = self.tables.get(cohort, {}).get(name)
                    if t is None or any(k not in t.columns for k in keys):
                        continue
                    if "by" in t.columns:
                        t = t[t["by"] == "all"]
                    index[cohort] = {tuple(r[k] for k in keys): i for i, r in t.iterrows()}
                base = t_all[t_all["by"] == "all"] if "by" in t_all.columns else t_all
                # same row of the whole cohort's by-group table and of the member's own
                by_group = self.tables[whole].get(f"{name}_by_group")
                if by_group is not None and any(k not in by_group.columns for k in keys):
                    by_group = None  # e.g. levels pooled over a block's items: not the same row
                for i, r in base.iterrows():
                    key = tuple(r[k] for k in keys)
                    for col in counts:
                        cells = [(c, index[c][key]) for c in members if c in index and key in index[c]]
                        if complete and len(cells) == len(members) and r[col] != HIDDEN:
                            hidden = [(c, j) for c, j in cells if self.tables[c][name].at[j, col] == HIDDEN]
                            if len(hidden) == 1:
                                shown = sum(_num(self.tables[c][name].at[j, col]) or 0 for c, j in cells
                                            if (c, j) not in hidden)
                                c, j = hidden[0]
                                self.found(c, name, j, col, int(_num(r[col]) - shown),
                                           f"whole workforce minus other {attr} cohorts")
                        if by_group is None or col not in by_group.columns:
                            continue
                        for c, value in members.items():
                            if c not in index or key not in index[c]:
                                continue
                            j = index[c][key]
                            match = by_group[(by_group["by"] == attr) & (by_group["group"] == value)]
                            for k in keys:
                                if k in match.columns:
                                    match = match[match[k] == r[k]]
                            if len(match) != 1:
                                continue
                            mine, theirs = self.tables[c][name].at[j, col], match[col].iloc[0]
                            if mine == HIDDEN and theirs != HIDDEN:
                                self.found(c, name, j, col, theirs, "the whole workforce's by-group table")
                            if theirs == HIDDEN and mine != HIDDEN:
                                self.found(whole, f"{name}_by_group", match.index[0], col, mine,
                                           f"the {c} cohort's own table")

    def intersections(self):
        """(d) by population: a row of a by-group table is the people of its cohort in one
        group (a team's managers); the same people may be published by another cohort
        (the managers' report by team, the whole's by-team table) and must show the same
        count; and the groups of one attribute that every cohort of a partition reports
        add up to the row of their parent population (the teams' managers add up to the
        whole's managers)."""
        cohorts = {c["name"]: (c.get("filter") or {}) for c in self.cohorts()}
        scalar = {n: f for n, f in cohorts.items() if all(isinstance(v, str) for v in f.values())}
        parts = self.partitions()
        rows: dict = {}  # (table, population, key) -> [(cohort, row)]
        for name in sorted({n for named in self.tables.values() for n in named}):
            for c, f in scalar.items():
                t = self.tables.get(c, {}).get(name)
                if t is None or "by" not in t.columns or "group" not in t.columns:
                    continue
                keys = [k for k in KEY_COLUMNS if k in t.columns and k not in ("by", "group")]
                for i, r in t.iterrows():
                    population = dict(f)
                    if r["by"] != "all":
                        if r["by"] in population and population[r["by"]] != r["group"]:
                            continue
                        population[r["by"]] = r["group"]
                    rows.setdefault((name, frozenset(population.items()), tuple(r[k] for k in keys)),
                                    []).append((c, i))
        for (name, population, key), places in rows.items():
            t0 = self.tables[places[0][0]][name]
            for col in (c for c in t0.columns if is_count_column(c)):
                values = [self.tables[c][name].at[i, col] if col in self.tables[c][name].columns else None
                          for c, i in places]
                shown = [v for v in values if v not in (HIDDEN, None)]
                for (c, i), v in zip(places, values):
                    if v == HIDDEN and shown:
                        self.found(c, name, i, col, shown[0], "the same people in another cohort's table")
        rates = self.tables.get(self.whole(), {}).get("response_rates") if self.whole() else None
        for attr, members in parts.items():
            groups = set(rates.loc[rates["by"] == attr, "group"]) if rates is not None else set()
            if not groups or not groups <= set(members.values()):
                continue
            for (name, population, key), places in list(rows.items()):
                if any(a == attr for a, _ in population):
                    continue
                children = [rows.get((name, population | {(attr, v)}, key)) for v in members.values()]
                if any(ch is None for ch in children):
                    continue
                c0, i0 = places[0]
                parent = self.tables[c0][name]
                for col in (c for c in parent.columns if is_count_column(c)):
                    if parent.at[i0, col] == HIDDEN:
                        continue
                    cells = [ch[0] for ch in children]
                    hidden = [(c, i) for c, i in cells if self.tables[c][name].at[i, col] == HIDDEN]
                    if len(hidden) == 1:
                        rest = _num(parent.at[i0, col]) - sum(_num(self.tables[c][name].at[i, col]) or 0
                                                              for c, i in cells if (c, i) not in hidden)
                        c, i = hidden[0]
                        self.found(c, name, i, col, int(rest), f"a parent's row minus the other {attr} groups'")

    def run(self):
        for _ in range(int(__import__("os").environ.get("ATTACK_ROUNDS", 3))):  # a recovered count opens lines
            before = len(self.recovered)
            self.cross_cohort()
            self.intersections()
            self.lines_within()
            self.likert()
            self.evaluation()
            for (cohort, name, i, col), (value, _) in list(self.recovered.items()):
                self.tables[cohort][name].at[i, col] = str(value)
            if len(self.recovered) == before:
                break
        return self.recovered


def attack(run_dir: Path, *, across_cohorts: bool = True) -> dict:
    """Everything the attacker recovers from a run: ``{(cohort, table, row, column): (value, how)}``.

    ``across_cohorts=False`` plays a reader of one cohort's report at a time.
    """
    tables, manifest = load_run(run_dir)
    attacker = Attacker(tables, manifest)
    if not across_cohorts:
        attacker.cross_cohort = attacker.intersections = lambda: None
    return attacker.run()


def _report(recovered: dict) -> str:
    by_how = defaultdict(int)
    for _, how in recovered.values():
        by_how[how] += 1
    lines = [f"{len(recovered)} hidden counts recovered:"] + [f"  {v:4d} by {k}" for k, v in sorted(by_how.items())]
    lines += [f"  {c}/{t} row {i + 2} {col} = {v} ({how})" for (c, t, i, col), (v, how) in list(recovered.items())[:25]]
    return "\n".join(lines)


def test_attacker_finds_a_planted_leak(tmp_path):
    """The attacker is not blind: a level count hidden alone on its line comes back."""
    run = tmp_path / "run"
    (run / "one" / "tables").mkdir(parents=True)
    (run / "manifest.json").write_text(json.dumps({"cohorts": [{"name": "one", "filter": {}}]}))
    pd.DataFrame({"block": "b", "item": "q1", "label": "Q", "code": [1, 2, 3], "level": list("abc"),
                  "count": [6, "c", 9], "n": 17, "percent": [0, "c", 0]}).to_csv(
        run / "one" / "tables" / "survey_levels.csv", index=False)
    recovered = attack(run)
    assert recovered == {("one", "survey_levels", 1, "count"): (2, "levels add up to n")}


def test_attacker_matches_rows_by_tier_and_finds_a_planted_cross_cohort_leak(tmp_path):
    """Charges rows are matched across cohorts by course and tier: a team's count hidden alone
    on its line across the teams comes back (right value), and another tier's row of the same
    course is no part of that line."""
    run = tmp_path / "run"
    cohorts = [{"name": "all", "filter": {}}, {"name": "a", "filter": {"team": "A"}},
               {"name": "b", "filter": {"team": "B"}}]
    (run).mkdir()
    (run / "manifest.json").write_text(json.dumps({"cohorts": cohorts}))
    columns = ["course_id", "organisation_tier", "places", "attended", "cancelled", "late_cancellations", "no_shows"]
    rows = {"all": [["C1", "other", 6, 6, 0, 0, 0], ["C1", "council", 20, 13, 0, 7, 0]],
            "a": [["C1", "council", 9, 7, 0, "c", 0]],
            "b": [["C1", "council", 11, 6, 0, 5, 0]]}
    for cohort, data in rows.items():
        (run / cohort / "tables").mkdir(parents=True)
        pd.DataFrame(data, columns=columns).to_csv(run / cohort / "tables" / "charges.csv", index=False)
    pd.DataFrame({"by": ["all", "team", "team"], "group": ["All", "A", "B"], "respondents": [20, 9, 11],
                  "headcount": [40, 18, 22]}).to_csv(
        run / "all" / "tables" / "response_rates.csv", index=False)
    recovered = attack(run)
    assert recovered == {("a", "charges", 0, "late_cancellations"): (2, "whole workforce minus other team cohorts")}


@pytest.mark.slow
def test_no_hidden_count_comes_back_from_one_cohort(demo_run):
    """(a) - (c): a reader with every file of one cohort recovers nothing."""
    tables, _ = load_run(demo_run)
    n_hidden = sum(1 for _ in Attacker(tables, {}).hidden())
    assert n_hidden > 0, "the demo run hides counts"
    recovered = attack(demo_run, across_cohorts=False)
    assert not recovered, _report(recovered)


@pytest.mark.slow
def test_no_hidden_count_comes_back_across_cohorts(demo_run):
    """(d): cohorts that split the whole workforce, and its by-group tables, give nothing back."""
    recovered = attack(demo_run)
    assert not recovered, _report(recovered)
