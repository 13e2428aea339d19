"""``index.html``: the page an analyst opens first.

The cohorts side by side in one comparison table of their key figures (named in words,
rates as whole percentages), then every cohort x notebook with its status, its report
(named by the notebook's first heading) and, secondary, its notebook and log. One self-contained file with relative links and no scripts, so
it works offline, from a shared drive or a zip, and on a phone.
"""
from __future__ import annotations

from pathlib import Path

from .. import paths
from ..outputs import write_text
from .manifest import flatten_key_figures

__all__ = [
    "INDEX", "HEADLINE_FIGURES", "format_value", "format_duration", "figure_name", "comparison_value",
    "comparison_table", "notebook_titles_from", "headline_figures", "render_index", "write_index",
]

INDEX = "index.html"
#: Headline figures shown per run on the index; the rest are in summary.csv.
HEADLINE_FIGURES = 4


def format_value(value) -> str:
    """A key figure as an analyst reads it.

    Examples
    --------
    >>> format_value(1234), format_value(0.4567), format_value(None), format_value("c")
    ('1,234', '0.457', '–', 'c')
    """
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


def format_duration(seconds: float | None) -> str | None:
    """Examples
    --------
    >>> format_duration(4.26), format_duration(125)
    ('4.3 s', '2 min 5 s')
    """
    if seconds is None:
        return None
    if seconds < 60:
        return f"{seconds:.1f} s"
    return f"{int(seconds // 60)} min {int(round(seconds % 60))} s"


def figure_name(key: str) -> str:
    """A key figure's name in words.

    Examples
    --------
    >>> figure_name("n_respondents"), figure_name("response_rate"), figure_name("most_ticked.barriers")
    ('Respondents', 'Response rate', 'Most ticked: barriers')
    """
    head, _, tail = key.partition(".")
    words = head[2:] if head.startswith("n_") else head
    text = words.replace("_", " ").strip().capitalize()
    return f"{text}: {tail.replace('_', ' ')}" if tail else text


def comparison_value(key: str, value) -> str:
    """A key figure as the reports print it: shares and rates as whole percentages,
    other fractions to two decimals, counts with thousands separators.

    Examples
    --------
    >>> comparison_value("response_rate", 0.534), comparison_value("alpha", 0.7712), comparison_value("n", 250)
    ('53%', '0.77', '250')
    """
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return format_value(value)
    if isinstance(value, float) and any(w in key.split(".")[0] for w in ("rate", "share", "pct", "percent")) \
            and 0 <= value <= 1:
        return f"{value:.0%}"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}"
    return format_value(int(value) if isinstance(value, float) else value)


def comparison_table(manifest: dict, *, cohort_titles: dict[str, str], notebook_titles: dict[str, str]) -> dict:
    """Key figures of every cohort side by side: ``{"cohorts": [...], "groups": [(notebook
    title, [(figure name, [value per cohort])])]}``; yes/no flags are left out.

    Examples
    --------
    >>> m = {"runs": [{"cohort": "a", "notebook": "01", "status": "succeeded", "key_figures": {"response_rate": 0.5}},
    ...               {"cohort": "b", "notebook": "01", "status": "succeeded", "key_figures": {"response_rate": 0.25}}]}
    >>> comparison_table(m, cohort_titles={"a": "A", "b": "B"}, notebook_titles={"01": "Survey"})["groups"]
    [('Survey', [('Response rate', ['50%', '25%'])])]
    """
    runs = [r for r in manifest.get("runs", []) if r.get("status") == "succeeded"]
    cohorts = [c for c in cohort_titles if any(r["cohort"] == c for r in runs)]
    cohorts += sorted({r["cohort"] for r in runs} - set(cohorts))
    groups = []
    for notebook in sorted({r["notebook"] for r in runs}):
        values: dict[str, dict] = {}
        for r in runs:
            if r["notebook"] != notebook:
                continue
            for key, value in headline_figures(r.get("key_figures") or {}):
                if not isinstance(value, bool):
                    values.setdefault(key, {})[r["cohort"]] = value
        rows = [(figure_name(k), [comparison_value(k, v.get(c)) for c in cohorts]) for k, v in values.items()]
        if rows:
            groups.append((notebook_titles.get(notebook, notebook), rows))
    return {"cohorts": [cohort_titles.get(c, c) for c in cohorts], "groups": groups}


def notebook_titles_from(notebooks_dir: Path, names) -> dict[str, str]:
    """Each notebook's name in words, from its first Markdown heading (else its file name)."""
    import json
    import re

    out = {}
    for name in names:
        path = Path(notebooks_dir) / f"{name}.ipynb"
        title = name
        try:
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError):
            cells = []
        for cell in cells:
            if cell.get("cell_type") != "markdown":
                continue
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            heading = next((ln for ln in source.splitlines() if ln.startswith("#")), None)
            if heading and re.sub(r"[*_`#]", "", heading).strip():
                title = re.sub(r"[*_`]", "", heading.lstrip("#")).strip()
                break
        out[name] = title
    return out


def headline_figures(key_figures: dict) -> list[tuple[str, object]]:
    """Key figures in the order the index shows them: counts (``n_...``) first, flags last.

    Examples
    --------
    >>> headline_figures({"alpha": 0.77, "by_group": True, "n_respondents": 250, "top_barrier": "Workload"})
    [('n_respondents', 250), ('alpha', 0.77), ('top_barrier', 'Workload'), ('by_group', True)]
    """
    flat = list(flatten_key_figures(key_figures).items())
    return sorted(flat, key=lambda kv: (isinstance(kv[1], bool), not kv[0].startswith("n_")))


def render_index(manifest: dict, *, cohort_titles: dict[str, str] | None = None,
                 planned: list[str] | None = None, notebook_titles: dict[str, str] | None = None) -> str:
    """The HTML of the index for ``manifest``.

    ``planned`` (``cohort/notebook`` keys) adds runs that have no record yet as "not run",
    so an interrupted batch shows what is missing. ``notebook_titles`` names notebooks in
    words; by default each notebook's first heading in ``paths.NOTEBOOKS``.

    Examples
    --------
    >>> m = {"run_id": "r1", "study": {"name": "Demo", "synthetic": True}, "package_version": "0.1.0",
    ...      "runs": [{"cohort": "mash", "notebook": "01_survey", "status": "succeeded", "duration_s": 3.2,
    ...                "key_figures": {"respondents": 41},
    ...                "outputs": {"html": "mash/01_survey.html"}}]}
    >>> html = render_index(m, planned=["mash/01_survey", "mash/02_focus_groups"])
    >>> "mash/01_survey.html" in html, "not run" in html, "synthetic data" in html
    (True, True, True)
    """
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(paths.PACKAGE_DIR / "templates")),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    cohort_titles = cohort_titles or {}
    records = {(r["cohort"], r["notebook"]): r for r in manifest.get("runs", [])}
    for key in planned or []:
        cohort, notebook = key.split("/", 1)
        records.setdefault((cohort, notebook), {"cohort": cohort, "notebook": notebook, "status": "not_run"})
    if notebook_titles is None:
        notebook_titles = notebook_titles_from(paths.NOTEBOOKS, {nb for _, nb in records})
    order = list(cohort_titles)
    cohorts: dict[str, list] = {}
    for (cohort, notebook), r in sorted(records.items(),
                                        key=lambda kv: (order.index(kv[0][0]) if kv[0][0] in order else len(order), kv[0])):
        outputs = r.get("outputs") or {}
        figures = headline_figures(r.get("key_figures") or {})
        error = r.get("error") or {}
        cohorts.setdefault(cohort, []).append({
            "notebook": notebook, "title": notebook_titles.get(notebook, notebook),
            "status": r.get("status", "not_run"),
            "duration": format_duration(r.get("duration_s")),
            "figures": [(figure_name(name), comparison_value(name, v)) for name, v in figures[:HEADLINE_FIGURES]],
            "more_figures": [(figure_name(name), comparison_value(name, v)) for name, v in figures[HEADLINE_FIGURES:]],
            "error": error.get("summary") and f"{error.get('summary')} (cell {error.get('cell') or '?'})",
            "html": outputs.get("html"), "notebook_link": outputs.get("notebook"), "log": outputs.get("log"),
        })
    totals: dict[str, int] = {}
    for r in records.values():
        totals[r.get("status", "not_run")] = totals.get(r.get("status", "not_run"), 0) + 1
    return env.get_template(INDEX).render(
        study=manifest.get("study", {}), run_id=manifest.get("run_id"), finished=manifest.get("finished"),
        package_version=manifest.get("package_version"), totals=sorted(totals.items()),
        cohorts=[{"name": c, "title": cohort_titles.get(c, c), "runs": runs} for c, runs in cohorts.items()],
        comparison=comparison_table(manifest, cohort_titles={c: cohort_titles.get(c, c) for c in cohorts},
                                    notebook_titles=notebook_titles),
    )


def write_index(run_dir: str | Path, manifest: dict, **kwargs) -> Path:
    """Write ``index.html`` atomically; keyword arguments go to :func:`render_index`."""
    return write_text(Path(run_dir) / INDEX, render_index(manifest, **kwargs))
