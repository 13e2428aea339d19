"""``index.html``: the page an analyst opens first.

Every cohort x notebook with its status, duration, headline key figures and links to its
report, notebook and log. One self-contained file with relative links and no scripts, so
it works offline, from a shared drive or a zip, and on a phone.
"""
from __future__ import annotations

from pathlib import Path

from .. import paths
from ..outputs import write_text
from .manifest import flatten_key_figures

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
                 planned: list[str] | None = None) -> str:
    """The HTML of the index for ``manifest``.

    ``planned`` (``cohort/notebook`` keys) adds runs that have no record yet as "not run",
    so an interrupted batch shows what is missing.

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
    order = list(cohort_titles)
    cohorts: dict[str, list] = {}
    for (cohort, notebook), r in sorted(records.items(),
                                        key=lambda kv: (order.index(kv[0][0]) if kv[0][0] in order else len(order), kv[0])):
        outputs = r.get("outputs") or {}
        figures = headline_figures(r.get("key_figures") or {})
        error = r.get("error") or {}
        cohorts.setdefault(cohort, []).append({
            "notebook": notebook, "status": r.get("status", "not_run"),
            "duration": format_duration(r.get("duration_s")),
            "figures": [(name.replace("_", " "), format_value(v)) for name, v in figures[:HEADLINE_FIGURES]],
            "more_figures": [(name.replace("_", " "), format_value(v)) for name, v in figures[HEADLINE_FIGURES:]],
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
    )


def write_index(run_dir: str | Path, manifest: dict, **kwargs) -> Path:
    """Write ``index.html`` atomically; keyword arguments go to :func:`render_index`."""
    return write_text(Path(run_dir) / INDEX, render_index(manifest, **kwargs))
