"""The auditor's commands: audit, instruments, assess and responses-template."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

import peersupport.cli._audit  # noqa: F401 - registers the commands on the group
from peersupport.assessment import instrument, programme_instruments
from peersupport.cli._app import cli

ROOT = Path(__file__).resolve().parent.parent
PROGRAMME = str(ROOT / "examples" / "programme.yaml")
RESPONSES = str(ROOT / "examples" / "audit_responses.yaml")
AS_OF = "2026-11-23"


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_audit_prints_the_summary_and_exits_1_on_blocking_failures() -> None:
    result = _run("audit", PROGRAMME, "--responses", RESPONSES, "--as-of", AS_OF)
    assert result.exit_code == 1, result.output
    assert result.output.startswith("peersupport audit of harbourside-ps: FAILED as of 2026-11-23")
    for heading in ("Leadership:", "Managers:", "Supervisors:", "Peer supporters:"):
        assert heading in result.output
    assert "SEVEN-014 auditor answered partly; data say yes" in result.output


def test_audit_exits_0_when_no_blocking_rule_fails(tmp_path: Path) -> None:
    example = yaml.safe_load(Path(PROGRAMME).read_text(encoding="utf-8"))
    passing = [s for s in example["supporters"] if s["id"] in {"ps-001", "ps-002", "ps-003"}]
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump({"id": "small", "supporters": passing}), encoding="utf-8")
    result = _run("audit", str(path), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "PASSED" in result.output


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json", "junit"])
def test_audit_writes_every_format_to_a_file(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"audit.{fmt}"
    result = _run("audit", PROGRAMME, "--as-of", AS_OF, "--format", fmt, "--output", str(out))
    assert result.exit_code == 1
    assert f"wrote {out}" in result.output
    assert out.stat().st_size > 1000


def test_audit_json_is_byte_identical_between_runs() -> None:
    args = ("audit", PROGRAMME, "--responses", RESPONSES, "--as-of", AS_OF, "--format", "json")
    first, second = _run(*args), _run(*args)
    assert first.stdout == second.stdout
    assert json.loads(first.stdout)["kind"] == "peersupport.audit"


def test_audit_reports_a_bad_response_by_file_and_item(tmp_path: Path) -> None:
    bad = tmp_path / "r.yaml"
    bad.write_text("answers:\n  SEVEN-001: sometimes\n", encoding="utf-8")
    result = _run("audit", PROGRAMME, "--responses", str(bad), "--as-of", AS_OF)
    assert result.exit_code == 2
    assert str(bad) in result.output
    assert "SEVEN-001: must be one of yes, partly, no" in result.output


def test_instruments_lists_the_six() -> None:
    result = _run("instruments")
    assert result.exit_code == 0
    assert len(result.output.splitlines()) == 6
    assert "who-seven-components" in result.output


def test_instruments_show_prints_every_item() -> None:
    result = _run("instruments", "show", "principles-of-practice")
    assert result.exit_code == 0
    assert all(f"PRAC-{n:03d}" in result.output for n in range(1, 17))
    as_json = json.loads(
        _run("instruments", "show", "training-planning", "--format", "json").output
    )
    assert len(as_json["sections"]) == 4


def test_instruments_show_refuses_an_unknown_id() -> None:
    result = _run("instruments", "show", "nope")
    assert result.exit_code == 2
    assert "unknown instrument" in result.output


def test_the_template_lists_every_item_and_assess_scores_it_once_filled(tmp_path: Path) -> None:
    template = _run("responses-template", "principles-of-practice", "--rater", "self")
    assert template.exit_code == 0
    data = yaml.safe_load(template.output)
    inst = instrument("principles-of-practice")
    assert set(data["answers"]) == {i.id for i in inst.items}
    assert data["rater"] == "self"
    # Unfilled, it is refused, naming the items.
    empty = tmp_path / "empty.yaml"
    empty.write_text(template.output, encoding="utf-8")
    refused = _run("assess", "principles-of-practice", str(empty))
    assert refused.exit_code == 2
    assert "PRAC-001 has no answer" in refused.output
    # Filled, it is scored.
    data["answers"] = dict.fromkeys(data["answers"], 4)
    data["rated_on"] = "2026-11-20"
    filled = tmp_path / "filled.yaml"
    filled.write_text(yaml.safe_dump(data), encoding="utf-8")
    scored = _run("assess", "principles-of-practice", str(filled))
    assert scored.exit_code == 0, scored.output
    assert "overall 75% (16/16 answered)" in scored.output


def test_the_default_template_covers_every_programme_level_item() -> None:
    data = yaml.safe_load(_run("responses-template").output)
    assert set(data["answers"]) == {i.id for inst in programme_instruments() for i in inst.items}
    assert "instrument" not in data


def test_assess_reads_several_raters(tmp_path: Path) -> None:
    inst = instrument("training-planning")
    sets = [
        {"rater": "self", "rated_on": "2026-11-01", "answers": {i.id: 5 for i in inst.items}},
        {"rater": "supervisor", "rated_on": "2026-11-02", "answers": {i.id: 2 for i in inst.items}},
    ]
    path = tmp_path / "raters.json"
    path.write_text(json.dumps({"responses": sets}), encoding="utf-8")
    result = _run("assess", "training-planning", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["raters"] == ["self", "supervisor"]
    assert len(data["rater_gaps"]) == 10
