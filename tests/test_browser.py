"""What analysts receive, from one real demo run shared by these tests.

- index.html and a report open in headless Chromium: they render, show no code and no
  traceback, and their images load (screenshots kept in tests/_artifacts/);
- no file of the run holds the personal data planted in the demo study;
- no published table holds a count from 1 to min_cell - 1;
- every table header of every page has a scope (WCAG 2.1 H63).
"""
from __future__ import annotations

import base64
import binascii
import html.parser
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "tests" / "_artifacts"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-quic", "--hide-scrollbars",
                  "--run-all-compositor-stages-before-draw", "--virtual-time-budget=5000"]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="session")
def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update"], env=env, capture_output=True, timeout=600)
        subprocess.run(["apt-get", "install", "-y", "chromium"], env=env, capture_output=True, timeout=900)
        exe = shutil.which("chromium")
    if exe is None:
        pytest.skip("Chromium is not installed and cannot be installed here (needs root and apt-get)")
    return exe


def _chromium(exe: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run([exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120)


class _Page(html.parser.HTMLParser):
    """Visible text, image sources, links and classes of a page's DOM."""

    def __init__(self):
        super().__init__()
        self.text, self.images, self.links, self.classes = [], [], [], set()
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.classes.update((attrs.get("class") or "").split())
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "img":
            self.images.append(attrs.get("src") or "")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def _parse(dom: str) -> _Page:
    page = _Page()
    page.feed(dom)
    page.visible_text = " ".join(" ".join(page.text).split())
    return page


def _image_loads(src: str, page: Path) -> bool:
    if src.startswith("data:"):
        header, _, payload = src.partition(",")
        try:
            data = base64.b64decode(payload, validate=True) if header.endswith(";base64") else unquote(payload).encode()
        except binascii.Error:
            return False
        return len(data) > 0 and (not header.startswith("data:image/png") or data.startswith(PNG_MAGIC))
    url = urlparse(src)
    target = Path(unquote(url.path)) if url.scheme == "file" else page.parent / unquote(url.path)
    return target.is_file() and target.stat().st_size > 0


def _not_blank(png: Path) -> bool:
    import matplotlib.image as mpimg

    pixels = mpimg.imread(png)
    return pixels.ndim == 3 and float(pixels[..., :3].std()) > 0.01


def _assert_no_code(page: _Page, where: str) -> None:
    text = page.visible_text
    for marker in ("Traceback", "import cpdresearch", "from cpdresearch", "load_study(", "In [", "Out["):
        assert marker not in text, f"{where} shows {marker!r}"
    assert not page.classes & {"jp-InputArea-editor", "jp-InputPrompt", "jp-OutputPrompt", "hl-ipython3"}, where


@pytest.mark.slow
def test_index_and_report_render_in_chromium(demo_run, chromium, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    index = demo_run / "index.html"
    manifest = __import__("json").loads((demo_run / "manifest.json").read_text())
    succeeded = [r for r in manifest["runs"] if r["status"] == "succeeded"]
    # The smallest cohort's survey report: where most is hidden, so the screenshot shows it.
    surveys = [r for r in succeeded if r["notebook"].startswith("01")] or succeeded
    first = min(surveys, key=lambda r: (r.get("key_figures") or {}).get("n_respondents") or 10 ** 6)
    report = demo_run / first["outputs"]["html"]
    for page_path, name, size in ((index, "index_phone", "412,915"), (index, "index", "1280,1600"),
                                  (report, "report", "1280,2400")):
        dom = _chromium(chromium, tmp_path, "--dump-dom", page_path.as_uri())
        assert dom.returncode == 0 and "<body" in dom.stdout, dom.stderr[-2000:]
        page = _parse(dom.stdout)
        assert page.visible_text, f"{name} renders no text"
        _assert_no_code(page, name)
        for src in page.images:
            assert _image_loads(src, page_path), f"{name}: image {src[:80]!r} does not load"
        shot = ARTIFACTS / f"{name}.png"
        shot.unlink(missing_ok=True)
        res = _chromium(chromium, tmp_path, f"--screenshot={shot}", f"--window-size={size}", page_path.as_uri())
        assert shot.exists() and shot.stat().st_size > 0, res.stderr[-2000:]
        assert _not_blank(shot), f"{name} screenshot is blank"
        if page_path == index:
            # Every run is listed with a working link to its report.
            reports = [h for h in page.links if h.endswith(".html")]
            assert len(reports) == len(manifest["runs"])
            assert all((demo_run / unquote(h)).is_file() for h in reports)
        else:
            assert page.images, "the report shows at least one figure"
            assert manifest["study"]["name"].split()[0] in page.visible_text or page.visible_text


@pytest.mark.slow
def test_no_planted_personal_data_in_any_file(demo_run):
    from cpdresearch.synth import PLANTED_PERSONAL_DATA

    planted = [s for values in PLANTED_PERSONAL_DATA.values() for s in values]
    files = [p for p in demo_run.rglob("*") if p.is_file()]
    assert len(files) > 5
    leaks = []
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="ignore").lower()
        leaks += [f"{path.relative_to(demo_run)}: {s}" for s in planted if s.lower() in text]
    assert not leaks, "\n".join(leaks)


#: Columns that count people (respondents, staff, documents): by the names the package's
#: tables use. Others with whole numbers (Likert ``code``, test ``df``, number of groups
#: ``k``) are not counts of people.
COUNT_NAMES = {"n", "count", "respondents", "documents", "headcount"}


def _is_count_column(name: str) -> bool:
    name = name.lower()
    return name in COUNT_NAMES or name.startswith(("n_", "count_")) or name.endswith(("_n", "_count"))


def test_count_column_names():
    assert all(map(_is_count_column, ["n", "count_above", "wish_count", "wish_n", "respondents", "n_missing"]))
    assert not any(map(_is_count_column, ["k", "df", "code", "groups_excluded", "pcf_domain", "notebook"]))


@pytest.mark.slow
def test_no_published_count_below_min_cell(demo_run):
    import pandas as pd

    manifest = __import__("json").loads((demo_run / "manifest.json").read_text())
    min_cell = manifest["study"]["min_cell"]
    tables = sorted(demo_run.glob("*/tables/*.csv"))
    assert tables, "the demo run publishes tables"
    checked, small = 0, []
    for path in tables:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        # Answers missing is respondents minus answers, both published: shown whatever its
        # size (docs/disclosure.md); its split into reasons is suppressed.
        for column in (c for c in table.columns if _is_count_column(c) and c != "n_missing"):
            numbers = [v.strip() for v in table[column] if v.strip() not in ("", "c", "C")]
            assert all(v.lstrip("-").replace(".", "", 1).isdigit() for v in numbers), f"{path.name}:{column}"
            checked += 1
            small += [f"{path.relative_to(demo_run)}:{column}={v}" for v in numbers if 1 <= float(v) < min_cell]
    assert checked > 0
    assert not small, "\n".join(small)


def _axe_script() -> str:
    """axe-core's script as an installed package ships it (offline: nothing is fetched)."""
    import importlib.util

    spec = importlib.util.find_spec("axe_selenium_python")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("axe-selenium-python (the dev extra, which ships axe-core's script) is not installed")
    script = Path(next(iter(spec.submodule_search_locations))) / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file():
        pytest.skip(f"axe-core's script is not where axe-selenium-python keeps it: {script}")
    return script.read_text(encoding="utf-8")


_AXE_RUNNER = """<script>%s</script><script>
axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}, resultTypes: ['violations']})
 .then(function (r) { var pre = document.createElement('pre'); pre.id = 'axe-results';
   pre.textContent = JSON.stringify(r.violations.map(function (v) { return {id: v.id, impact: v.impact,
     nodes: v.nodes.length, target: v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); })}; }));
   document.body.appendChild(pre); })
 .catch(function (e) { var pre = document.createElement('pre'); pre.id = 'axe-results';
   pre.textContent = JSON.stringify([{id: 'axe-error', impact: 'critical', nodes: 0, target: [String(e)]}]);
   document.body.appendChild(pre); });
</script>"""


@pytest.mark.slow
def test_index_and_one_report_per_notebook_pass_axe(demo_run, chromium, tmp_path):
    """WCAG 2.1 AA, as far as axe-core checks it: no serious or critical violation on the
    index or on one report of each notebook (the smallest cohort's, where most is hidden)."""
    import html as html_lib
    import json
    import re

    axe = _axe_script()
    manifest = json.loads((demo_run / "manifest.json").read_text())
    runs = [r for r in manifest["runs"] if r["status"] == "succeeded"]
    sizes = {r["cohort"]: (r.get("key_figures") or {}).get("n_respondents") or 10 ** 6 for r in runs
             if r["notebook"].startswith("01")}
    smallest = min(sizes, key=sizes.get) if sizes else runs[0]["cohort"]
    pages = [demo_run / "index.html"]
    for notebook in sorted({r["notebook"] for r in runs}):
        pick = next((r for r in runs if r["notebook"] == notebook and r["cohort"] == smallest),
                    next(r for r in runs if r["notebook"] == notebook))
        pages.append(demo_run / pick["outputs"]["html"])
    problems = []
    for page in pages:
        checked = page.with_name(f"axe-{page.name}")
        checked.write_text(page.read_text(encoding="utf-8").replace("</body>", _AXE_RUNNER % axe + "</body>"),
                           encoding="utf-8")
        try:
            dom = _chromium(chromium, tmp_path, "--virtual-time-budget=30000", "--dump-dom", checked.as_uri())
        finally:
            checked.unlink(missing_ok=True)
        found = re.search(r'<pre id="axe-results">(.*?)</pre>', dom.stdout, re.S)
        assert found, f"axe did not report on {page.name}: {dom.stderr[-1000:]}"
        for v in json.loads(html_lib.unescape(found.group(1))):
            if v["impact"] in ("serious", "critical"):
                problems.append(f"{page.relative_to(demo_run)}: {v['id']} ({v['impact']}, {v['nodes']} nodes) "
                                f"{v['target']}")
    assert not problems, "\n".join(problems)


class _TableHeaders(html.parser.HTMLParser):
    """Every ``th`` of a page with its attributes, and its tables' captions."""

    def __init__(self):
        super().__init__()
        self.headers, self.tables, self.captions = [], 0, 0

    def handle_starttag(self, tag, attrs):
        if tag == "th":
            self.headers.append(dict(attrs))
        self.tables += tag == "table"
        self.captions += tag == "caption"


@pytest.mark.slow
def test_every_table_header_has_a_scope(demo_run):
    """WCAG 2.1 H63: every header cell of every table of every page of the run says what it heads."""
    pages = [demo_run / "index.html", *sorted(demo_run.glob("*/*.html"))]
    assert len(pages) > 1
    missing, tables = [], 0
    for page in pages:
        parser = _TableHeaders()
        parser.feed(page.read_text(encoding="utf-8"))
        tables += parser.tables
        missing += [f"{page.relative_to(demo_run)}: <th {h}>" for h in parser.headers
                    if h.get("scope") not in ("col", "row", "colgroup", "rowgroup")]
    assert tables > 0, "the run's pages hold tables"
    assert not missing, f"{len(missing)} header cells without a scope, e.g. " + "; ".join(missing[:5])
