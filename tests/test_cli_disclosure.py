"""``peersupport disclosure FILE``: decision, steps and record; exit 0, or 2 on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import peersupport.cli._disclosure  # noqa: F401 - registers the command until the lead wires it
from peersupport.cli._app import cli
from peersupport.model.disclosure import DisclosureRecord
from test_docs import _run_console, blocks

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "disclosure.yaml"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["disclosure", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def test_the_example_is_decided_and_printed_without_the_note() -> None:
    code, out = _run(str(EXAMPLE), "--as-of", "2026-03-01")
    assert code == 0
    assert "decision: BREAK" in out
    assert "1. contact_emergency_services" in out
    assert "2. inform_person" in out
    assert "record sha256:" in out
    assert "CONF-008" in out
    assert "own words" not in out


def test_json_output_carries_the_decision_and_a_verifiable_record() -> None:
    code, out = _run(str(EXAMPLE), "--format", "json", "--as-of", "2026-03-01")
    assert code == 0
    data = json.loads(out)
    assert data["action"] == "break"
    assert data["required_steps"][0] == "contact_emergency_services"
    assert DisclosureRecord.verify(data["record"])
    assert data["record"]["disclosure_id"] == "case-2026-0142"
    assert "own words" not in out


def test_a_json_input_file_works_and_the_pack_can_be_chosen(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    facts = {"indicators": ["suicide_attempt"], "imminence": "not_imminent", "evidence": "explicit"}
    path.write_text(json.dumps(facts), encoding="utf-8")
    _, default = _run(str(path), "--format", "json", "--as-of", "2026-03-01")
    assert json.loads(default)["action"] == "break"
    code, hipaa = _run(
        str(path), "--format", "json", "--pack", "us-hipaa-164-512j", "--as-of", "2026-03-01"
    )
    assert code == 0
    assert json.loads(hipaa)["action"] == "maintain"
    assert json.loads(hipaa)["pack"] == "us-hipaa-164-512j"


def test_a_policy_file_can_switch_off_the_serious_mental_illness_ground(tmp_path: Path) -> None:
    disclosure = tmp_path / "d.yaml"
    disclosure.write_text(
        "indicators: [serious_mental_illness]\nevidence: reasonable_grounds\n", encoding="utf-8"
    )
    policy = tmp_path / "policy.yaml"
    policy.write_text("confidentiality_serious_mental_illness_ground: false\n", encoding="utf-8")
    _, kept = _run(str(disclosure), "--as-of", "2026-03-01")
    assert "decision: BREAK" in kept
    assert "rights note (CONF-005)" in kept
    _, dropped = _run(str(disclosure), "--policy", str(policy), "--as-of", "2026-03-01")
    assert "decision: MAINTAIN" in dropped
    assert "required steps:\n  none" in dropped


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("indicators: [sadness]\n", "indicators"),
        ("imminence: soon\nnote: zq-secret-qz\n", "imminence (line 1)"),
        ("- a list\n", "a disclosure is a mapping"),
        ("diagnosis: x\n", "not collected"),
        ("indicators: [\n", "not valid"),
    ],
)
def test_invalid_input_exits_2_with_the_field(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    code, out = _run(str(path))
    assert code == 2
    assert expected in out
    assert "zq-secret-qz" not in out


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    code, out = _run(str(tmp_path / "absent.yaml"))
    assert code == 2
    assert "cannot read" in out


def test_an_empty_file_is_an_empty_disclosure(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("", encoding="utf-8")
    code, out = _run(str(path), "--as-of", "2026-03-01")
    assert code == 0
    assert "decision: MAINTAIN" in out


def test_the_console_examples_of_the_docs_page_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    page = "confidentiality.md"
    for block in blocks(page):
        if 'title="disclosure.yaml"' in block.attrs:
            (tmp_path / "disclosure.yaml").write_text(block.body, encoding="utf-8")
    consoles = [b for b in blocks(page) if b.lang == "console"]
    assert consoles
    for block in consoles:
        _run_console(page, block)
