"""The html team report in headless Chromium: charts drawn, tables equal to json, no request.

The report has no script of its own; the test adds a probe script to a copy of it, which
measures each chart and copies out each table after the page has laid out.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from careplan_cli.report.team import LABELS
from tests.conftest import EXAMPLES, ROOT, TODAY, git, invoke

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no headless Chromium here (.ci/run installs it where apt can)"
)
PROBE = """<script>
addEventListener('load', () => {
  const svgs = [...document.querySelectorAll('svg')].map(s => {
    const r = s.getBoundingClientRect(); return [r.width, r.height]; });
  const tables = [...document.querySelectorAll('table')].map(t => ({
    caption: t.caption ? t.caption.textContent : '',
    rows: [...t.rows].map(r => [...r.cells].map(c => c.textContent))}));
  const pre = document.createElement('pre');
  pre.id = 'probe'; pre.textContent = JSON.stringify({svgs, tables});
  document.body.appendChild(pre);
});
</script>"""
BY_LABEL = {label.strip(): fid for fid, label in LABELS.items()}


def open_in_chromium(page: Path, net_log: Path) -> str:
    """The page's DOM after load, and Chromium's network log written to ``net_log``."""
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                f"--user-data-dir={profile}",
                f"--log-net-log={net_log}",
                "--net-log-capture-mode=Default",
                "--virtual-time-budget=5000",
                "--dump-dom",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
    return done.stdout


def page_requests(net_log: Path) -> list[str]:
    """URLs the page itself asked for (initiated by its opaque file origin, "null"); the
    browser's own background requests have no origin and are not the page's."""
    log = json.loads(net_log.read_text())
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [
        event["params"]["url"]
        for event in log["events"]
        if event["type"] == start_job
        and str(event.get("params", {}).get("initiator", "")).startswith(("null", "file"))
    ]


@pytest.fixture
def examples(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        shutil.copy(path, git_repo / "plans")
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-q", "-m", "Plans")
    monkeypatch.chdir(git_repo)
    return git_repo


def _value(text: str, fid: str) -> Any:
    if text == "":
        return None
    return round(float(text.rstrip("%")) / 100, 3) if text.endswith("%") else int(text)


def _check_table(table: dict[str, Any], report: dict[str, Any]) -> int:
    """Compare one table's cells with the json report; the number of cells compared."""
    caption, (head, *rows) = table["caption"], table["rows"]
    compared = 0
    for row in rows:
        if row[0] in BY_LABEL:  # a figure per row: columns are "value", groups or months
            fid = BY_LABEL[row[0]]
            for column, cell in zip(head[1:], row[1:], strict=True):
                if caption.startswith("Figures by "):
                    grouping = caption.split()[2]
                    expected = report["by"][grouping][column][fid]
                elif column == "value":
                    expected = report["figures"][fid]
                else:
                    expected = next(m for m in report["trend"] if m["month"] == column)
                    expected = expected["figures"][fid]
                if isinstance(expected, float):
                    expected = round(expected, 3)
                assert _value(cell, fid) == expected, (caption, row[0], column)
                compared += 1
        else:  # a chart's data: month, value
            fid = BY_LABEL[caption.removesuffix(": data")]
            month = next(m for m in report["trend"] if m["month"] == row[0])
            expected = month["figures"][fid]
            expected = round(expected, 3) if isinstance(expected, float) else expected
            assert _value(row[1], fid) == expected, (caption, row[0])
            compared += 1
    return compared


@needs_chromium
def test_html_report_in_chromium(runner: CliRunner, examples: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    args = ["report", "--today", TODAY, "--by", "coordinator", "--by", "type"]
    assert invoke(runner, *args, "-f", "html", "--no-suppress", "-o", str(page))[0] == 0
    report = json.loads(invoke(runner, *args, "-f", "json")[1])
    html = page.read_text()
    assert not re.search(
        r"<(script|link|img|iframe|object)\b|url\(|@import|https?://(?!www\.w3)", html
    )
    probed = tmp_path / "probed.html"
    probed.write_text(html.replace("</body>", PROBE + "</body>"))
    dom = open_in_chromium(probed, tmp_path / "net.json")
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert found is not None
    probe = json.loads(found.group(1).replace("&amp;", "&").replace("&lt;", "<"))
    assert len(probe["svgs"]) == 6 and all(w > 100 and h > 50 for w, h in probe["svgs"])
    assert html.count("<svg") == 6
    compared = sum(_check_table(table, report) for table in probe["tables"])
    assert compared > 23 * (1 + 7 + 3 + 12)
    assert page_requests(tmp_path / "net.json") == []


@needs_chromium
def test_the_request_check_catches_a_page_that_fetches(tmp_path: Path) -> None:
    page = tmp_path / "fetches.html"
    page.write_text('<html><body><img src="http://127.0.0.1:9/x.png"></body></html>')
    open_in_chromium(page, tmp_path / "net.json")
    assert page_requests(tmp_path / "net.json") == ["http://127.0.0.1:9/x.png"]


def test_the_report_screenshot_is_in_docs_and_the_readme() -> None:
    assert (ROOT / "docs" / "report-examples.png").stat().st_size > 10_000
    assert "](docs/report-examples.png)" in (ROOT / "README.md").read_text()


def test_every_figure_is_defined_in_the_docs() -> None:
    from careplan_cli.plan.figures import FIGURES, RATES

    docs = (ROOT / "docs" / "report.md").read_text()
    for fid in [*FIGURES, *RATES]:
        assert f"| `{fid}` |" in docs, fid
