"""The examples run, and each supporter in the example programme shows what its comment says."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from peersupport import rules
from peersupport.checks.programme import PROGRAMME_RULESETS
from peersupport.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PROGRAMME = EXAMPLES / "programme.yaml"
AS_OF = "2026-11-23"

# What each supporter of examples/programme.yaml illustrates: every finding that is neither
# met nor not applicable. Supporters not listed pass everything.
EXPECTED: dict[str, dict[str, str]] = {
    "ps-004": {"ELIG-001": "needs_review", "TRAIN-004": "needs_review"},
    "ps-005": {"ELIG-001": "not_met"},
    "ps-006": {"ELIG-002": "not_met"},
    "ps-007": {"ELIG-003": "not_met"},
    "ps-008": {"ELIG-004": "needs_review"},
    "ps-009": {"ELIG-005": "not_met"},
    "ps-010": {"ELIG-007": "not_met"},
    "ps-011": {"ELIG-008": "not_met"},
    "ps-012": {"TRAIN-001": "not_met"},
    "ps-013": {"TRAIN-002": "not_met"},
    "ps-014": {"TRAIN-003": "not_met"},
    "ps-015": {"TRAIN-004": "not_met"},
    "ps-018": {"ELIG-006": "waived"},
}
QUIET = {"met", "not_applicable"}
PROGRAMME_ID = "harbourside-ps"
# What the programme itself illustrates (see the comments above each section of the file).
PROGRAMME_EXPECTED: dict[str, str] = {
    "STRUCT-004": "not_met",
    "STRUCT-006": "not_met",
    "STRUCT-008": "not_met",
    "STRUCT-013": "not_met",
    "ROSTER-001": "not_met",
    "ROSTER-002": "not_met",
    "SUP-002": "not_met",
    "HIRE-001": "not_met",
    "WORK-001": "needs_review",
}
PROGRAMME_RULE_IDS = [r.id for rs in PROGRAMME_RULESETS for r in rs]


def _check(*args: str, path: Path = PROGRAMME) -> Result:
    return CliRunner().invoke(cli, ["check", str(path), "--as-of", AS_OF, *args])


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    data = yaml.safe_load(PROGRAMME.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    result = _check("--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def _free_text(document: dict[str, Any]) -> Iterator[str]:
    """Every name and free-text value in the programme file."""
    yield document["organisation"]
    yield from document["hiring"]["interview_questions"]
    yield from (c["topic"] for c in document["education_sessions"] if c.get("topic"))
    for s in document["supporters"]:
        yield from (v for v in (s.get("display_name"),) if v)
        for part in ("recovery", "self_care"):
            text = (s.get(part) or {}).get("description")
            if text:
                yield text
        yield from (t["provider"] for t in s.get("trainings", []) if t.get("provider"))
    for w in document.get("waivers", []):
        yield w["justification"]
        yield w["approved_by"]


def _break(tmp_path: Path, index: int, original: str, broken: str) -> tuple[Path, int]:
    """Copy the programme with ``original`` replaced in supporter ``index``; give the line."""
    lines = PROGRAMME.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if f"id: ps-{index + 1:03d}" in line)
    at = next(i for i in range(start, len(lines)) if original in lines[i])
    lines[at] = lines[at].replace(original, broken)
    copy = tmp_path / "programme.yaml"
    copy.write_text("".join(lines), encoding="utf-8")
    return copy, at + 1


def _outcomes(report: dict[str, Any]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for f in report["findings"]:
        out.setdefault(f["subject"], {})[f["rule_id"]] = f["outcome"]
    return out


def test_the_example_programme_is_realistic(document: dict[str, Any]) -> None:
    supporters = document["supporters"]
    assert len(supporters) >= 12
    assert all(s.get("display_name") for s in supporters)
    assert len({s["id"] for s in supporters}) == len(supporters)
    assert any(s.get("started_on") is None for s in supporters), "no candidate"
    # Names and every other kind of free text, so the no-leak tests below have teeth.
    free_text = list(_free_text(document))
    assert len(free_text) > len(supporters) + 2 * len(document["waivers"])
    # The programme: all four models, a quarter of shifts over a change of the clocks.
    assert len(document["models"]) == 4
    shifts = document["roster"]["shifts"]
    assert len(shifts) >= 180
    # YAML reads the times as aware datetimes: summer time, then winter time.
    assert {s["start"].utcoffset() for s in shifts} == {timedelta(hours=1), timedelta(0)}
    assert len(document["hiring"]["interview_questions"]) >= 3


def test_the_example_roster_has_three_gaps_over_the_dst_change() -> None:
    from peersupport.checks.roster import analyse_coverage  # noqa: PLC0415
    from peersupport.io import load_document  # noqa: PLC0415

    roster = load_document(PROGRAMME).roster
    assert roster is not None
    coverage = analyse_coverage(roster)
    assert [(g.start.isoformat(), [r.value for r in g.reasons]) for g in coverage.gaps] == [
        ("2026-11-07T20:00:00+00:00", ["no_backup"]),
        ("2026-12-05T08:00:00+00:00", ["same_person"]),
        ("2026-12-24T18:00:00+00:00", ["no_cover"]),
    ]
    # October to December 2026 in London: 92 days, one of them 25 hours long.
    assert coverage.horizon.total_seconds() == (92 * 24 + 1) * 3600
    assert coverage.uncovered.total_seconds() == 26 * 3600


def test_check_fails_the_example_with_exit_code_1(report: dict[str, Any]) -> None:
    assert report["passed"] is False
    assert report["as_of"] == AS_OF


def test_every_supporter_is_checked_against_every_rule(
    document: dict[str, Any], report: dict[str, Any]
) -> None:
    outcomes = _outcomes(report)
    assert list(outcomes) == [PROGRAMME_ID] + [s["id"] for s in document["supporters"]]
    assert list(outcomes.pop(PROGRAMME_ID)) == PROGRAMME_RULE_IDS
    rule_ids = {r.id for concept in ("eligibility", "training") for r in rules(concept)}
    assert len(rule_ids) >= 12
    for subject, by_rule in outcomes.items():
        assert set(by_rule) == rule_ids, subject


def test_the_programme_shows_what_its_comments_say(report: dict[str, Any]) -> None:
    shown = {r: o for r, o in _outcomes(report)[PROGRAMME_ID].items() if o not in QUIET}
    assert shown == PROGRAMME_EXPECTED
    roster = {f["rule_id"]: f for f in report["findings"] if f["rule_id"].startswith("ROSTER")}
    assert roster["ROSTER-001"]["evidence"]["gap_count"] == 3
    assert roster["ROSTER-002"]["evidence"]["responders"] == ["ps-010", "ps-018"]
    assert roster["ROSTER-003"]["evidence"]["longest_hours"] == 13.0
    hiring = next(f for f in report["findings"] if f["rule_id"] == "HIRE-001")
    assert hiring["evidence"]["flagged_questions"] == [3]
    assert len(report["roster_coverage"]["gaps"]) == 3


@pytest.mark.parametrize("subject", [f"ps-{i:03d}" for i in range(1, 19)])
def test_each_supporter_shows_what_its_comment_says(report: dict[str, Any], subject: str) -> None:
    shown = {r: o for r, o in _outcomes(report)[subject].items() if o not in QUIET}
    assert shown == EXPECTED.get(subject, {})


def test_the_failures_are_the_required_and_critical_not_met(report: dict[str, Any]) -> None:
    failing = {
        (f["subject"], f["rule_id"], f["severity"])
        for f in report["findings"]
        if f["outcome"] == "not_met" and f["severity"] in {"required", "critical"}
    }
    assert ("ps-010", "ELIG-007", "critical") in failing
    assert {s for s, _, _ in failing} == {
        PROGRAMME_ID, "ps-005", "ps-006", "ps-007", "ps-010", "ps-011", "ps-012", "ps-013", "ps-014"
    }  # fmt: skip
    assert {r for s, r, _ in failing if s == PROGRAMME_ID} == {
        "STRUCT-006", "STRUCT-008", "STRUCT-013", "ROSTER-001", "ROSTER-002", "SUP-002", "HIRE-001"
    }  # fmt: skip


def test_a_current_waiver_marks_its_finding_waived(report: dict[str, Any]) -> None:
    (finding,) = [
        f for f in report["findings"] if f["subject"] == "ps-018" and f["rule_id"] == "ELIG-006"
    ]
    assert finding["outcome"] == "waived"
    assert finding["waived_from"] == "needs_review"
    assert finding["waiver"]["expires"] == "2027-01-31"


def test_an_expired_waiver_leaves_its_finding_not_met(report: dict[str, Any]) -> None:
    waived_rules = {(w["subject"], w["rule_id"]) for w in report["waivers"]}
    assert ("ps-015", "TRAIN-004") in waived_rules
    assert _outcomes(report)["ps-015"]["TRAIN-004"] == "not_met"


def test_strict_mode_ignores_the_waiver() -> None:
    result = _check("--format", "json", "--strict")
    assert result.exit_code == 1
    assert _outcomes(json.loads(result.stdout))["ps-018"]["ELIG-006"] == "needs_review"


def test_the_example_lists_training_needs(report: dict[str, Any]) -> None:
    needs = report["training_needs"]
    assert {n["competency"] for n in needs["ps-017"]} == {"active_listening", "crisis_recognition"}
    assert all(n["level"] < n["threshold"] and n["modules"] for n in needs["ps-017"])
    assert "ps-002" not in needs


def test_a_candidate_is_told_which_mandatory_module_is_still_to_do(
    report: dict[str, Any],
) -> None:
    (finding,) = [
        f for f in report["findings"] if f["subject"] == "ps-016" and f["rule_id"] == "TRAIN-001"
    ]
    assert finding["outcome"] == "not_applicable"
    assert finding["evidence"]["missing"] == ["crisis_management"]


def test_the_text_report_marks_failures_and_waivers() -> None:
    result = _check()
    assert result.exit_code == 1
    assert "FAILED" in result.stdout
    assert "FAIL ELIG-007 (critical)" in result.stdout
    assert "wvd  ELIG-006" in result.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_no_name_or_free_text_appears_in_any_format(document: dict[str, Any], fmt: str) -> None:
    result = _check("--format", fmt)
    assert result.exit_code == 1
    assert "ps-001" in result.output
    leaked = [text for text in _free_text(document) if text in result.output]
    assert not leaked


@pytest.mark.parametrize(
    ("original", "broken", "path", "message"),
    [
        (
            "{module: crisis_management, completed_on: 2026-01-19}",
            "{module: crisis_management, completed_on: last spring}",
            "supporters[9].trainings[1].completed_on",
            "not a date",
        ),
        (
            "{module: crisis_management, completed_on: 2026-01-19}",
            "{module: crisis_management, completed_on: 2026-02-30}",
            "supporters[9].trainings[1].completed_on",
            "not a date",
        ),
        (
            "aware_of_stress_limits: null",
            "diagnosis: a secret the programme must not hold",
            "supporters[7].diagnosis",
            "not collected",
        ),
    ],
)
def test_a_broken_copy_exits_2_naming_file_field_and_line(
    tmp_path: Path, original: str, broken: str, path: str, message: str
) -> None:
    copy, line = _break(
        tmp_path, int(path.split("[")[1].split("]", maxsplit=1)[0]), original, broken
    )

    result = _check(path=copy)

    assert result.exit_code == 2
    assert str(copy) in result.stderr
    assert f"{path} (line {line}): {message}" in result.stderr
    assert "Traceback" not in result.output
    assert "secret" not in result.output


def test_api_tour_runs_from_anywhere_and_prints_no_free_text(
    tmp_path: Path, document: dict[str, Any], report: dict[str, Any]
) -> None:
    run = subprocess.run(
        [sys.executable, str(EXAMPLES / "api_tour.py")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    out = run.stdout
    lines = out.splitlines()

    # The programme summary agrees with the command line's report of the same file.
    (counts,) = [x.removeprefix("outcomes: ") for x in lines if x.startswith("outcomes: ")]
    printed = dict(pair.split("=") for pair in counts.split(", "))
    assert {k: int(v) for k, v in printed.items()} == report["summary"]["by_outcome"]
    assert "passed: False" in lines
    assert f"input digest: {report['input_digest']}" in lines
    start = lines.index("findings other than met / not_applicable, by subject:") + 1
    section = lines[start : lines.index("", start)]
    shown = {x.split(":")[0].strip(): x for x in section}
    assert set(shown) == {PROGRAMME_ID, *EXPECTED}
    for rule_id, outcome in PROGRAMME_EXPECTED.items():
        assert f"{outcome} " in shown[PROGRAMME_ID]
        assert rule_id in shown[PROGRAMME_ID]
    assert "roster: 185 shifts, 2183 of 2209 hours covered" in lines
    assert "  gap 2026-12-24T18:00:00+00:00 to 2026-12-24T20:00:00+00:00 (no_cover)" in lines
    for subject, expected in EXPECTED.items():
        for rule_id, outcome in expected.items():
            assert f"{outcome} " in shown[subject]
            assert rule_id in shown[subject]
    assert "  ps-010 ELIG-007 (critical)" in lines
    assert any(x.startswith("  ps-017: crisis_recognition at 2 (< 3) -> ") for x in lines)

    # A plain dict, a custom policy, a waiver and a refused diagnosis.
    assert "  ELIG-005 not_met" in lines
    assert (
        "  ELIG-005 under the default policy: not_met; under a policy that allows hiring: met"
        in lines
    )
    assert "  ELIG-006 with a waiver: waived" in lines
    assert "  ELIG-006 in strict mode: needs_review" in lines
    assert "  ELIG-006 after the waiver expires: needs_review" in lines
    assert "  refused: waivers[0].rule_id [critical_not_waivable]" in lines
    assert any(x.startswith("  InvalidInput: diagnosis [privacy_forbidden_field]") for x in lines)

    leaked = [text for text in _free_text(document) if text in out]
    assert not leaked
    for text in ("Sam Example", "probation review", "Programme lead", "not something"):
        assert text not in out
