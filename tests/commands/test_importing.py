"""careplan import --from fhir: export -> import -> export gives the same bundle on every
example, committed through the plan session; foreign bundles list what was not mapped; a bad
input (not JSON, a FIFO, /dev/zero, too big) is refused without hanging."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careplan_cli.commands.importing import read_bounded
from careplan_cli.errors import RefusedError
from tests.conftest import EXAMPLES, TODAY, git, invoke

FILES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (git_repo / "careplan.toml").write_text('ods_code = "RX4"\n')
    git(git_repo, "add", "-A")
    git(git_repo, "commit", "-qm", "Start")
    monkeypatch.chdir(git_repo)
    return git_repo


def export(runner: CliRunner, plan: Path | str) -> str:
    code, out, err = invoke(runner, "export", str(plan))
    assert code == 0, err
    return out


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_export_import_export_gives_the_same_bundle(
    runner: CliRunner, repo: Path, path: Path
) -> None:
    first = export(runner, path)
    (repo / "b.json").write_text(first)
    code, _, err = invoke(runner, "import", "--from", "fhir", "b.json", "--today", TODAY)
    assert code == 0, err
    assert "not imported" not in err
    written = repo / "plans" / f"{path.stem}.yaml"
    assert export(runner, written) == first
    assert (
        git(repo, "log", "-1", "--format=%s")
        == f"Import care plan {path.stem} from a FHIR bundle\n"
    )
    assert git(repo, "status", "--porcelain", "plans") == ""
    assert invoke(runner, "validate", "--today", TODAY, str(written))[0] == 0


def test_outside_a_repository_it_writes_without_a_commit(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    bundle = tmp_path / "b.json"
    bundle.write_text(
        invoke(runner, "export", str(EXAMPLES / "CP-000101.yaml"), "--ods-code", "RX4")[1]
    )
    code, _, err = invoke(runner, "import", "--from", "fhir", str(bundle), "--today", TODAY)
    assert code == 0 and "not committed (not in a git repository)" in err
    assert (tmp_path / "plans" / "CP-000101.yaml").is_file()


def test_a_foreign_bundle_comes_in_as_a_draft_listing_what_was_not_mapped(
    runner: CliRunner, repo: Path
) -> None:
    bundle = json.loads(export(runner, EXAMPLES / "CP-000102.yaml"))
    for entry in bundle["entry"]:
        entry["resource"].pop("extension", None)
        if entry["resource"]["resourceType"] == "Patient":
            entry["resource"]["gender"] = "female"
    bundle["entry"].append({"resource": {"resourceType": "Encounter", "status": "finished"}})
    (repo / "b.json").write_text(json.dumps(bundle))
    code, _, err = invoke(runner, "import", "--from", "fhir", "b.json", "--today", TODAY)
    assert code == 0, err
    assert "not imported: Patient.gender" in err
    assert "not imported: Encounter (a resource careplan does not read)" in err
    assert "imported as draft" in err
    text = (repo / "plans" / "CP-000102.yaml").read_text()
    assert "status: draft" in text and "crisis_plan" not in text
    assert "Kowalczyk" not in err  # no plan value in the output


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b"[1, 2]",
        json.dumps({"resourceType": "Bundle", "type": "collection", "entry": []}).encode(),
        b"[" * 100_000,
    ],
    ids=["not-json", "not-a-bundle", "no-careplan", "deep"],
)
def test_nothing_usable_is_exit_1(runner: CliRunner, repo: Path, content: bytes) -> None:
    (repo / "b.json").write_bytes(content)
    code, _, err = invoke(runner, "import", "--from", "fhir", "b.json")
    assert code == 1 and "error:" in err
    assert git(repo, "status", "--porcelain", "plans") == ""
    assert list((repo / "plans").iterdir()) == []


def test_a_plan_is_never_overwritten(runner: CliRunner, repo: Path) -> None:
    (repo / "b.json").write_text(export(runner, EXAMPLES / "SC-000201.yaml"))
    assert invoke(runner, "import", "--from", "fhir", "b.json", "--today", TODAY)[0] == 0
    code, _, err = invoke(runner, "import", "--from", "fhir", "b.json", "--today", TODAY)
    assert code == 1 and "already exists" in err


def test_a_fifo_or_a_device_is_refused_without_reading(repo: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        # A subprocess, so that a regression (a blocking open or an endless read) ends in a
        # failure at the timeout instead of a hung test run.
        result = subprocess.run(
            [sys.executable, "-m", "careplan_cli", "import", "--from", "fhir", str(path)],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=repo,
        )
        assert result.returncode == 1 and "not a regular file" in result.stderr


def test_the_read_is_bounded(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 11)
    with pytest.raises(RefusedError, match="larger than"):
        read_bounded(big, limit=10)
    assert read_bounded(big, limit=11) == b" " * 11


def test_a_plan_directory_leading_outside_is_refused(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo / "plans").rmdir()
    (repo / "plans").symlink_to(outside)
    (repo / "b.json").write_text(export(runner, EXAMPLES / "CP-000101.yaml"))
    code, _, err = invoke(runner, "import", "--from", "fhir", "b.json", "--today", TODAY)
    assert code == 1 and "outside the repository" in err
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize(
    "mangle",
    [
        lambda b: b["entry"][0]["resource"].__setitem__("identifier", 5),
        lambda b: b["entry"][0]["resource"].__setitem__("name", "x"),
        lambda b: b["entry"][1]["resource"].__setitem__("activity", [1, 2]),
    ],
    ids=["identifier-int", "name-string", "activity-ints"],
)
def test_a_misshapen_bundle_is_refused_without_a_traceback(
    runner: CliRunner, repo: Path, mangle: object
) -> None:
    bundle = json.loads(export(runner, EXAMPLES / "CP-000101.yaml"))
    mangle(bundle)  # type: ignore[operator]
    (repo / "b.json").write_text(json.dumps(bundle))
    code, _, err = invoke(runner, "import", "--from", "fhir", "b.json", "--today", TODAY)
    assert code == 1 and err.startswith("error: ")


def test_names_from_a_foreign_bundle_are_not_echoed_raw(runner: CliRunner, repo: Path) -> None:
    bundle = json.loads(export(runner, EXAMPLES / "CP-000101.yaml"))
    bundle["entry"][0]["resource"]["\x1b]0;owned\x07"] = 1
    bundle["entry"].append({"resource": {"resourceType": "\x1b[2J"}})
    nested = "[" * 50_000 + "]" * 50_000
    bundle["entry"][1]["resource"]["extension"] = [
        {
            "url": "https://careplan.dev/fhir/StructureDefinition/careplan-remainder",
            "valueString": nested,
        }
    ]
    (repo / "b.json").write_text(json.dumps(bundle))
    code, _, err = invoke(runner, "import", "--from", "fhir", "b.json", "--today", TODAY)
    assert code == 0, err  # read as another system's bundle: a draft, with the list
    assert "\x1b" not in err and "Traceback" not in err
    assert "careplan's remainder is damaged" in err
    assert "(a name that is not shown)" in err
