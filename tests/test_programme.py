"""check_program: the whole programme and its supporters in one report, and the CLI's check."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

import peersupport as ps
from peersupport.checks.programme import PROGRAMME_RULESETS, ProgrammeReport, check_program
from peersupport.cli._app import cli
from peersupport.io import ProgrammeDocument, load_document
from peersupport.model.program import Program
from strategies_programme import AS_OF, RESPONDERS, programme

from factories import supporter

PROGRAMME_RULE_IDS = [r.id for rs in PROGRAMME_RULESETS for r in rs]


def test_every_programme_rule_and_every_supporter_rule_runs_once() -> None:
    report = check_program(programme(), as_of=AS_OF)
    assert isinstance(report, ProgrammeReport)
    assert report.passed
    by_subject = report.by_subject()
    assert list(by_subject) == ["prog-1", *RESPONDERS]
    assert [f.rule_id for f in by_subject["prog-1"]] == PROGRAMME_RULE_IDS
    supporter_rules = [r.id for r in ps.rules("eligibility")] + [r.id for r in ps.rules("training")]
    for sid in RESPONDERS:
        assert [f.rule_id for f in by_subject[sid]] == supporter_rules
    assert report.ruleset_version == (
        "structure/1 + roster/1 + supervision/1 + hiring/1 + work/1 + eligibility/1 + training/1"
    )


def test_rule_ids_are_stable_and_unique() -> None:
    assert [
        *(f"STRUCT-{i:03d}" for i in range(1, 15)),
        *(f"ROSTER-{i:03d}" for i in range(1, 4)),
        *(f"SUP-{i:03d}" for i in range(1, 4)),
        *(f"HIRE-{i:03d}" for i in range(1, 4)),
        *(f"WORK-{i:03d}" for i in range(1, 4)),
    ] == PROGRAMME_RULE_IDS
    for rs in PROGRAMME_RULESETS:
        for rule in rs:
            assert rule.concept == rs.concept
            assert rule.citations
            assert rule.rationale
            assert rule.remediation
            assert all(c.source in ps.SOURCES for c in rule.citations)


def test_a_supporter_shortfall_and_a_programme_shortfall_both_fail_the_report() -> None:
    lapsed = supporter(id="ps-009", trainings=[])
    report = check_program(
        programme(supporters=[*programme()["supporters"], lapsed], policies=[]), as_of=AS_OF
    )
    failing = {(f.subject, f.rule_id) for f in report.failures}
    assert ("ps-009", "ELIG-007") in failing
    assert ("prog-1", "STRUCT-013") in failing


def test_the_report_carries_training_needs_and_the_roster_coverage() -> None:
    rating = {
        "competency": "active_listening",
        "level": 1,
        "rater": "peer",
        "rated_on": "2026-01-01",
    }
    data = programme()
    data["supporters"][0]["competencies"].append(rating)
    report = check_program(data, as_of=AS_OF)
    assert [n.competency for n in report.training_needs["ps-001"]] == ["active_listening"]
    assert report.coverage is not None
    assert report.coverage.complete
    payload = json.loads(report.to_json())
    assert payload["roster_coverage"]["horizon_hours"] == 168.0
    assert payload["training_needs"]["ps-001"][0]["competency"] == "active_listening"
    assert check_program(programme(roster=None), as_of=AS_OF).to_dict()["roster_coverage"] is None


def test_the_same_programme_gives_byte_identical_json() -> None:
    data = programme()
    reordered = programme(
        models=list(reversed(data["models"])), policies=list(reversed(data["policies"]))
    )
    first = check_program(data, as_of=AS_OF).to_json()
    assert first == check_program(data, as_of=AS_OF).to_json()
    assert first == check_program(reordered, as_of=AS_OF).to_json()


def test_a_model_a_mapping_and_an_attribute_object_are_all_accepted() -> None:
    model = Program.model_validate(programme())
    as_dict = check_program(programme(), as_of=AS_OF)
    assert check_program(model, as_of=AS_OF).to_json() == as_dict.to_json()
    row = SimpleNamespace(**{k: v for k, v in model if k != "supporters"}, supporters=())
    report = check_program(row, as_of=AS_OF)  # type: ignore[arg-type] # an ORM-like row
    assert report.outcome_of("STRUCT-009") is ps.Outcome.NOT_MET


def test_the_input_is_not_mutated() -> None:
    data = programme()
    snapshot = json.dumps(data, sort_keys=True)
    check_program(data, as_of=AS_OF)
    assert json.dumps(data, sort_keys=True) == snapshot


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"diagnosis": "x"}, "diagnosis"),
        ({"models": ["crisis_hotline"]}, "models[0]"),
        ({"team": "ps-001"}, "team"),
        ({"supporters": [supporter(), supporter()]}, ""),
        ({"id": "ps-001"}, ""),
        ({"groups": [{"id": "g"}, {"id": "g"}]}, ""),
    ],
)
def test_bad_input_raises_invalid_input(change: dict[str, Any], path: str) -> None:
    with pytest.raises(ps.InvalidInput) as info:
        check_program({**programme(), **change}, as_of=AS_OF)
    assert info.value.errors[0].path == path


def test_a_health_key_is_refused_with_the_privacy_reason() -> None:
    data = programme()
    data["conditions"]["medication"] = "x"
    with pytest.raises(ps.InvalidInput) as info:
        check_program(data, as_of=AS_OF)
    (error,) = info.value.errors
    assert (error.path, error.type) == ("conditions.medication", "privacy_forbidden_field")


@pytest.mark.parametrize("value", [None, 3, "programme", ["a"]])
def test_a_programme_that_is_not_a_mapping_is_refused(value: object) -> None:
    with pytest.raises(ps.InvalidInput):
        check_program(value, as_of=AS_OF)  # type: ignore[arg-type] # the point of the test


def test_waivers_apply_to_programme_and_supporter_rules_alike() -> None:
    waivers = [
        {
            "rule_id": "STRUCT-013",
            "subject": "prog-1",
            "justification": "j",
            "approved_by": "a",
            "expires": "2027-01-01",
        },
        {
            "rule_id": "ELIG-007",
            "subject": "ps-009",
            "justification": "j",
            "approved_by": "a",
            "expires": "2027-01-01",
        },
    ]
    with pytest.raises(ps.InvalidInput, match="critical"):
        check_program(programme(policies=[]), as_of=AS_OF, waivers=waivers)
    report = check_program(programme(policies=[]), as_of=AS_OF, waivers=waivers[:1])
    assert report.outcome_of("STRUCT-013") is ps.Outcome.WAIVED
    assert report.passed
    strict = check_program(programme(policies=[]), as_of=AS_OF, waivers=waivers[:1], strict=True)
    assert strict.outcome_of("STRUCT-013") is ps.Outcome.NOT_MET
    critical = [{**waivers[0], "rule_id": "ROSTER-001"}]
    with pytest.raises(ps.InvalidInput, match="ROSTER-001 is critical"):
        check_program(programme(), as_of=AS_OF, waivers=critical)


def test_no_free_text_appears_in_any_output() -> None:
    data = programme(organisation="Quokka Freight Ltd")
    data["hiring"]["interview_questions"] = ["Have you been hospitalised, Ottoline?"]
    data["education_sessions"][0]["topic"] = "Marmalade resilience"
    data["supporters"][0]["display_name"] = "Harriet Quimby"
    report = check_program(data, as_of=AS_OF)
    out = report.to_json(include_text=True) + report.to_markdown() + report._repr_html_()
    for text in ("Quokka", "Ottoline", "Marmalade", "Harriet"):
        assert text not in out
        assert text not in repr(Program.model_validate(data))


# --- the programme file and the command line --------------------------------------------------


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "programme.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_a_programme_file_loads_as_a_document_that_is_a_program(tmp_path: Path) -> None:
    document = load_document(_write(tmp_path, {**programme(), "policy": {"team_size_min": 4}}))
    assert isinstance(document, ProgrammeDocument)
    assert isinstance(document, Program)
    assert document.has_programme_data
    assert document.policy is not None
    assert document.policy.team_size_min == 4
    only = load_document(_write(tmp_path, {"organisation": "x", "supporters": [supporter()]}))
    assert not only.has_programme_data


def test_check_runs_the_whole_programme_when_the_file_describes_it(tmp_path: Path) -> None:
    path = _write(tmp_path, programme())
    result = CliRunner().invoke(
        cli, ["check", str(path), "--as-of", "2026-11-23", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [
        f["rule_id"] for f in data["findings"] if f["subject"] == "prog-1"
    ] == PROGRAMME_RULE_IDS
    assert data["roster_coverage"]["gaps"] == []


def test_check_exits_1_on_a_programme_failure(tmp_path: Path) -> None:
    data = programme()
    data["hiring"]["interview_questions"].append("What is your diagnosis?")
    result = CliRunner().invoke(
        cli, ["check", str(_write(tmp_path, data)), "--as-of", "2026-11-23"]
    )
    assert result.exit_code == 1
    assert "FAIL HIRE-001 (critical)" in result.output
    assert "diagnosis?" not in result.output


def test_check_still_checks_only_supporters_in_a_file_of_supporters(tmp_path: Path) -> None:
    path = _write(tmp_path, {"supporters": [supporter()]})
    result = CliRunner().invoke(cli, ["check", str(path), "--as-of", "2026-11-23"])
    assert result.exit_code == 0
    assert "rule sets: eligibility/1 + training/1" in result.output
    assert "STRUCT-" not in result.output


def test_check_names_the_file_and_line_of_a_naive_shift_time(tmp_path: Path) -> None:
    data = programme()
    data["roster"]["shifts"][1]["start"] = "2026-11-23T12:00:00"
    path = _write(tmp_path, data)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    line = next(
        i + 1
        for i, text in enumerate(path.read_text().splitlines())
        if "2026-11-23T12:00:00'" in text or "2026-11-23T12:00:00\n" in text + "\n"
    )
    assert f"roster.shifts[1].start (line {line}): needs a time zone" in result.output


def test_the_programme_schema_describes_the_whole_file() -> None:
    result = CliRunner().invoke(cli, ["schema", "programme"])
    schema = json.loads(result.output)
    assert {"roster", "groups", "hiring", "conditions", "supporters", "policy", "waivers"} <= set(
        schema["properties"]
    )
