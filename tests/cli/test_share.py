"""``careplan render`` and ``careplan export``: copies for people, FHIR for systems."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careplan_cli.plan.yamlload import read_plan_file
from careplan_cli.report.html import CSS
from tests.conftest import EXAMPLES, ROOT, TODAY, git, invoke

FILES = sorted(EXAMPLES.glob("*.yaml"))
HEADINGS = [
    "What I want to achieve",
    "Who will help and how",
    "Who sees this plan",
    "When we will next review it",
]


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for path in FILES:
        shutil.copy(path, git_repo / "plans")
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-q", "-m", "Plans")
    monkeypatch.chdir(git_repo)
    return git_repo


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_example_renders(runner: CliRunner, path: Path, fmt: str) -> None:
    code, out, err = invoke(runner, "render", str(path), "--format", fmt)
    assert (code, err) == (0, "")
    plan = read_plan_file(path).data
    assert plan is not None
    for heading in HEADINGS:
        assert heading in out
    for goal in plan["goals"]:
        assert (goal.get("in_own_words") or goal["description"]).replace("*", "\\*") in out
    if plan.get("crisis_plan"):  # crisis contacts come before the goals
        assert out.index("If things get difficult") < out.index("What I want to achieve")


def test_html_is_self_contained_semantic_and_printable(runner: CliRunner) -> None:
    _, out, _ = invoke(runner, "render", str(EXAMPLES / "CP-000102.yaml"))
    assert out.startswith("<!DOCTYPE html>") and '<html lang="en">' in out
    assert "<main>" in out and out.count("<h1>") == 1 and "<h2>" in out and "<section" in out
    assert not re.search(r"<(link|script|img|iframe)\b|url\(|@import", out)
    assert "@page { size: A4" in out and "@media print" in out
    _, large, _ = invoke(runner, "render", str(EXAMPLES / "CP-000102.yaml"), "--large-print")
    assert '<body class="large">' in large and "body.large { font-size: 18pt; }" in large


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_text_colours_meet_wcag_aa_contrast_on_white() -> None:
    colours = set(re.findall(r"(?<![-\w])color: (#[0-9a-f]{6})", CSS))
    assert colours
    for colour in colours:
        ratio = (1.05) / (_luminance(colour) + 0.05)
        assert ratio >= 4.5, colour


def test_copy_for_a_recipient_holds_only_the_agreed_sections(runner: CliRunner) -> None:
    code, out, _ = invoke(
        runner, "render", str(EXAMPLES / "CP-000101.yaml"), "--for", "gp", "--format", "md"
    )
    assert code == 0
    for heading in (
        "About this plan",
        "What I want to achieve",
        "Who will help and how",
        "Keeping safe",
        "When we will next review it",
    ):
        assert f"## {heading}" in out
    for heading in (
        "If things get difficult",
        "How the plan has gone",
        "Who sees this plan",
        "What I need help with",
        "What I am good at",
    ):
        assert heading not in out
    assert "0808 157 0000" not in out  # the crisis plan was not agreed for the GP


@pytest.mark.parametrize(
    "recipient, reason",
    [
        ("Housing", "no information-sharing agreement names 'Housing'"),
        ("Pastor at St Luke's", 'the agreements naming "Pastor at St Luke\'s" do not list'),
    ],
)
def test_copy_without_an_agreement_is_refused(
    runner: CliRunner, recipient: str, reason: str
) -> None:
    code, out, err = invoke(runner, "render", str(EXAMPLES / "CP-000101.yaml"), "--for", recipient)
    assert (code, out) == (1, "") and reason in err


def test_refused_consent_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "CP-000101.yaml"
    plan.write_text(
        (EXAMPLES / "CP-000101.yaml")
        .read_text()
        .replace("consent: {status: given, date: 2025-10-06}", "consent: {status: refused}")
    )
    code, _, err = invoke(runner, "render", str(plan), "--for", "GP")
    assert code == 1 and "has refused consent" in err


def test_record_copy_appends_and_commits(runner: CliRunner, repo: Path) -> None:
    code, out, err = invoke(
        runner,
        "render",
        "CP-000101",
        "--for",
        "GP",
        "--format",
        "md",
        "--record-copy",
        "--today",
        TODAY,
    )
    assert code == 0 and "## What I want to achieve" in out
    assert "Recorded the copy in plans/CP-000101.yaml; committed" in err
    diff = git(repo, "diff", "HEAD~1", "HEAD", "--", "plans/CP-000101.yaml")
    added = [line for line in diff.splitlines() if line.startswith("+") and "+++" not in line]
    assert added == [
        "+  - {recipient: GP, date: 2026-11-22, format: md, sections: [goals, "
        "interventions, risks, next_review]}"
    ]
    assert git(repo, "log", "-1", "--format=%s") == "Record copy of CP-000101 for GP\n"


def test_override_consent_is_recorded(runner: CliRunner, repo: Path) -> None:
    code, _, err = invoke(runner, "render", "CP-000101", "--for", "Housing", "--override-consent")
    assert code == 2 and "needs --reason" in err
    code, out, _ = invoke(
        runner,
        "render",
        "CP-000101",
        "--for",
        "Housing",
        "--override-consent",
        "--reason",
        "Risk to life: court order 123",
        "--today",
        TODAY,
    )
    assert code == 0 and "If things get difficult" in out
    text = (repo / "plans" / "CP-000101.yaml").read_text()
    assert "override_reason: 'Risk to life: court order 123'" in text
    assert invoke(runner, "validate", "--today", TODAY, "plans/CP-000101.yaml")[0] == 0


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


NO_CHROMIUM = pytest.mark.skipif(
    CHROMIUM is None or shutil.which("pdftotext") is None,
    reason="no headless Chromium and pdftotext here (.ci/run installs the "
    "Debian packages chromium and poppler-utils where apt can)",
)


def _printed_pages(html_file: Path, tmp_path: Path) -> list[str]:
    """The text of each page of ``html_file`` printed to PDF by headless Chromium."""
    pdf_file = tmp_path / "copy.pdf"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
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
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf_file}",
                html_file.as_uri(),
            ],
            capture_output=True,
            timeout=120,
            check=True,
        )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf_file), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


@NO_CHROMIUM
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_html_prints_to_pdf_with_every_heading_and_goal(
    runner: CliRunner, path: Path, tmp_path: Path
) -> None:
    html_file = tmp_path / "copy.html"
    assert invoke(runner, "render", str(path), "--out", str(html_file))[0] == 0
    flat = " ".join(" ".join(_printed_pages(html_file, tmp_path)).split())
    plan = read_plan_file(path).data
    assert plan is not None
    for heading in HEADINGS:
        assert heading in flat
    for goal in plan["goals"]:
        words = " ".join((goal.get("in_own_words") or goal["description"]).split())
        assert words[:40] in flat
    assert "DRAFT" not in flat


@NO_CHROMIUM
def test_a_draft_says_draft_on_every_printed_page(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "CP-000102.yaml"
    text = (EXAMPLES / "CP-000102.yaml").read_text()
    plan.write_text(text.replace("\nstatus: active\n", "\nstatus: draft\n"))
    html_file = tmp_path / "copy.html"
    assert invoke(runner, "render", str(plan), "--out", str(html_file))[0] == 0
    pages = _printed_pages(html_file, tmp_path)
    assert len(pages) >= 3  # a long plan: the mark must repeat, not only head the first page
    for page in pages:
        assert "DRAFT: this plan is not yet agreed and may change." in " ".join(page.split())


def test_the_screenshot_in_docs_exists() -> None:
    assert (ROOT / "docs" / "render-CP-000102.png").stat().st_size > 10_000


def test_every_section_has_a_builder_and_is_in_the_schema() -> None:
    from careplan_cli.plan.consent import ALL_SECTIONS
    from careplan_cli.plan.schema import schema
    from careplan_cli.report.sections import BUILDERS

    assert set(BUILDERS) == set(ALL_SECTIONS)
    assert set(schema()["$defs"]["section"]["enum"]) == set(ALL_SECTIONS)
