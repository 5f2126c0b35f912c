from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import peersupport.cli._task  # registers the command  # noqa: F401
from peersupport.cli import cli


def _run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def test_task_prints_one_verdict_with_its_reasons_and_exits_1_when_inconsistent() -> None:
    result = _run("task", "Hand out the evening meds on ward 3")
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[0] == "inconsistent  traps: mixed_loyalties, power_imbalance"
    assert "ROLE-001 not_met (critical): No clinical or medical acts" in result.output
    assert "sources: who-qualityrights-one-to-one" in result.output
    assert result.output.rstrip().splitlines()[-1].startswith("alternative: ")


def test_task_leaves_the_text_out_unless_asked() -> None:
    hidden = _run("task", "Hand out Harriet's meds")
    shown = _run("task", "Hand out Harriet's meds", "--show-text")
    assert "Harriet" not in hidden.output
    assert 'matched "Hand out Harriet\'s meds"' in shown.output


def test_task_exits_0_when_consistent_or_for_review() -> None:
    assert _run("task", "Co-ran the hearing voices group").exit_code == 0
    review = _run("task", "Answered the phone")
    assert review.exit_code == 0
    assert review.output.startswith("needs_review")


def test_task_takes_structured_options() -> None:
    result = _run("task", "--activity", "housing_search", "--requested-by", "staff")
    assert result.exit_code == 1
    assert "ROLE-008 not_met" in result.output
    result = _run("task", "--activity", "promote_adherence", "--peer-reservations", "false")
    assert result.exit_code == 0


def test_task_prints_canonical_json() -> None:
    result = _run("task", "--activity", "crisis_triage", "--format", "json")
    data = json.loads(result.output)
    assert data["verdict"] == "inconsistent"
    assert data["reasons"][0]["rule_id"] == "ROLE-005"
    assert result.output.strip() == json.dumps(data, sort_keys=True, separators=(",", ":"))


def test_task_streams_a_jsonl_file(tmp_path: Path) -> None:
    path = tmp_path / "tasks.jsonl"
    records = [
        {"id": "a", "description": "Co-ran the hearing voices group"},
        {"id": "b", "activity": "restraint"},
        {"description": "Answered the phone"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n\n")
    result = _run("task", "--file", str(path))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "a\tconsistent\t-\t-",
        "b\tinconsistent\tROLE-007\tmixed_loyalties,power_imbalance",
        "line 3\tneeds_review\tROLE-004\t-",
    ]
    as_json = _run("task", "--file", str(path), "--format", "json")
    assert [json.loads(line)["verdict"] for line in as_json.output.splitlines()] == [
        "consistent",
        "inconsistent",
        "needs_review",
    ]


def test_task_streams_a_csv_file(tmp_path: Path) -> None:
    path = tmp_path / "tasks.csv"
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, ["id", "description", "activity", "requested_by"])
        writer.writeheader()
        writer.writerow({"id": "x", "activity": "housing_search", "requested_by": "peer"})
        writer.writerow({"id": "y", "description": "Told her to stop seeing her ex"})
    result = _run("task", "--file", str(path))
    assert result.exit_code == 1
    assert [line.split("\t")[:2] for line in result.output.splitlines()] == [
        ["x", "consistent"],
        ["y", "inconsistent"],
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"activity": "juggling"}\n', "line 1.activity: not an activity"),
        ("not json\n", "line 1: not valid JSON"),
        ('{"diagnosis": "x"}\n', "not collected"),
    ],
)
def test_task_exits_2_on_a_bad_file_naming_the_line(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "tasks.jsonl"
    path.write_text(content)
    result = _run("task", "--file", str(path))
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_task_exits_2_on_a_missing_file_or_no_task(tmp_path: Path) -> None:
    missing = _run("task", "--file", str(tmp_path / "absent.jsonl"))
    assert missing.exit_code == 2
    assert "cannot read" in missing.output
    assert _run("task").exit_code == 2
    assert _run("task", "x", "--file", str(tmp_path / "a.jsonl")).exit_code == 2
    assert _run("task", "--activity", "juggling").exit_code == 2


def test_task_reads_a_policy_file(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text("roles_office_help_allowed: false\n")
    task = ["task", "--activity", "answer_phones", "--frequency", "occasional"]
    assert _run(*task).output.startswith("consistent")
    assert _run(*task, "--policy", str(path)).output.startswith("needs_review")
