from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

import peersupport as ps
from peersupport.cli import cli

from factories import supporter

AS_OF = ["--as-of", "2026-11-23"]


def _write(tmp_path: Path, supporters: list[dict[str, Any]], **extra: Any) -> Path:
    path = tmp_path / "programme.yaml"
    path.write_text(yaml.safe_dump({"supporters": supporters, **extra}, sort_keys=False))
    return path


def _run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def test_check_exits_0_when_everything_passes(tmp_path: Path) -> None:
    path = _write(tmp_path, [supporter()])
    result = _run("check", str(path), *AS_OF)
    assert result.exit_code == 0, result.output
    assert "PASSED" in result.output
    assert "[ps-001]" in result.output


def test_check_exits_1_when_a_required_rule_is_not_met(tmp_path: Path) -> None:
    path = _write(tmp_path, [supporter(), supporter(id="ps-002", trainings=[])])
    result = _run("check", str(path), *AS_OF, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    failing = {(f["subject"], f["rule_id"]) for f in data["findings"] if f["outcome"] == "not_met"}
    assert ("ps-002", "ELIG-007") in failing
    assert not any(subject == "ps-001" for subject, _ in failing)


def test_check_exits_2_on_invalid_input_naming_file_field_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("supporters:\n  - id: ps-001\n    started_on: someday\n")
    result = _run("check", str(path))
    assert result.exit_code == 2
    assert str(path) in result.output
    assert "supporters[0].started_on (line 3): not a date" in result.output
    assert "Traceback" not in result.output


def test_check_exits_2_on_a_missing_file(tmp_path: Path) -> None:
    result = _run("check", str(tmp_path / "absent.yaml"))
    assert result.exit_code == 2
    assert "cannot read" in result.output


def test_check_exits_2_on_malformed_yaml(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("supporters: [\n")
    result = _run("check", str(path))
    assert result.exit_code == 2
    assert "not valid yaml" in result.output


def test_check_reads_json_too(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"supporters": [supporter()]}))
    assert _run("check", str(path), *AS_OF).exit_code == 0


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_check_never_prints_names(tmp_path: Path, fmt: str) -> None:
    path = _write(tmp_path, [supporter(display_name="Harriet Quimby", trainings=[])])
    result = _run("check", str(path), *AS_OF, "--format", fmt)
    assert result.exit_code == 1
    assert "Harriet" not in result.output


def test_check_applies_file_waivers_and_strict_ignores_them(tmp_path: Path) -> None:
    waiver = {
        "rule_id": "ELIG-008",
        "subject": "ps-001",
        "justification": "co-leader covers",
        "approved_by": "lead",
        "expires": "2027-01-01",
    }
    data = supporter(roles=["group_leader"], trainings=supporter()["trainings"][:3])
    path = _write(tmp_path, [data], waivers=[waiver])
    assert _run("check", str(path), *AS_OF).exit_code == 0
    assert _run("check", str(path), *AS_OF, "--strict").exit_code == 1


def test_check_uses_a_policy_file(tmp_path: Path) -> None:
    path = _write(tmp_path, [supporter(selection="hired")])
    policy = tmp_path / "policy.toml"
    policy.write_text('allowed_selection = ["hired"]\n')
    result = _run("check", str(path), *AS_OF, "--policy", str(policy), "--format", "json")
    finding = next(f for f in json.loads(result.output)["findings"] if f["rule_id"] == "ELIG-005")
    assert finding["outcome"] == "met"


def test_check_prints_training_needs(tmp_path: Path) -> None:
    rating = {
        "competency": "active_listening",
        "level": 1,
        "rater": "peer",
        "rated_on": "2026-01-01",
    }
    path = _write(tmp_path, [supporter(competencies=[rating])])
    result = _run("check", str(path), *AS_OF)
    assert "training needs:" in result.output
    assert "ps-001: active_listening at 1 (< 3) -> communication_skills" in result.output


def test_rules_lists_the_catalogue_filtered() -> None:
    result = _run("rules", "--format", "json", "--severity", "critical")
    assert result.exit_code == 0
    ids = [r["id"] for r in json.loads(result.output)]
    assert "ELIG-007" in ids
    assert {r.id for r in ps.rules(severity="critical")} == set(ids)
    result = _run("rules", "--concept", "training")
    assert "TRAIN-001" in result.output
    assert "ELIG-001" not in result.output


def test_rules_markdown_is_the_catalogue_page() -> None:
    from peersupport.render import rule_catalogue_markdown  # noqa: PLC0415

    assert _run("rules", "--format", "markdown").output == rule_catalogue_markdown()
    assert _run("rules", "--format", "markdown", "--concept", "training").exit_code == 2


def test_schema_prints_json_schema() -> None:
    result = _run("schema", "supporter")
    schema = json.loads(result.output)
    assert schema["title"] == "Supporter"
    assert "diagnosis" not in schema["properties"]
    assert _run("schema", "nothing").exit_code == 2


def test_the_console_script_is_installed() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "peersupport", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "peersupport" in result.stdout


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("audit-report", "peersupport audit report"),
        ("assessment-result", "peersupport assessment result"),
    ],
)
def test_schema_prints_the_report_schemas_too(name: str, title: str) -> None:
    schema = json.loads(_run("schema", name).output)
    assert schema["title"] == title
    assert schema["$schema"].startswith("https://json-schema.org/")
