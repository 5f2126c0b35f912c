"""The programme audit: rules, grounds, prefilled instruments, overrides and the summary."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from peersupport import InvalidInput, check_program
from peersupport.assessment import (
    Audience,
    AuditReport,
    Prefill,
    audit,
    audit_report_schema,
    programme_instruments,
    what_if,
)
from peersupport.engine import Outcome
from peersupport.io import load_data, load_document

ROOT = Path(__file__).resolve().parent.parent
PROGRAMME = ROOT / "examples" / "programme.yaml"
RESPONSES = ROOT / "examples" / "audit_responses.yaml"
AS_OF = date(2026, 11, 23)


@pytest.fixture(scope="module")
def document() -> Any:
    return load_document(PROGRAMME)


@pytest.fixture(scope="module")
def responses() -> Any:
    return load_data(RESPONSES)[0]


@pytest.fixture(scope="module")
def report(document: Any, responses: Any) -> AuditReport:
    return audit(document, responses, document.policy, as_of=AS_OF, waivers=document.waivers)


def _audit(
    program: dict[str, Any], answers: dict[str, Any] | None = None, **kw: Any
) -> AuditReport:
    responses = None if answers is None else {"answers": answers}
    return audit({"id": "prog", **program}, responses, as_of=AS_OF, **kw)


def _prefilled(report: AuditReport, item_id: str) -> Prefill:
    found = report.prefill_of(item_id)
    assert found is not None, f"{item_id} was not prefilled"
    return found


def test_the_audit_runs_every_programme_rule_and_every_supporter(
    report: AuditReport, document: Any
) -> None:
    direct = check_program(document, document.policy, as_of=AS_OF, waivers=document.waivers)
    assert [f.to_dict() for f in report.findings] == [f.to_dict() for f in direct.findings]
    assert report.passed is direct.passed is False


def test_the_audit_scores_every_programme_level_instrument(report: AuditReport) -> None:
    assert [a.instrument_id for a in report.assessments] == [i.id for i in programme_instruments()]
    assert "ethics-to-practice" not in {a.instrument_id for a in report.assessments}


def test_numbers_are_prefilled_from_the_count_of_peers() -> None:
    big = _audit({"team": [f"ps-{n}" for n in range(6)]})
    small = _audit({"team": ["ps-1"]})
    assert _prefilled(big, "SEVEN-011").answer == "yes"
    assert _prefilled(small, "SEVEN-011").answer == "no"
    assert _prefilled(small, "SEVEN-011").evidence == {
        "peers": 1,
        "min": 5,
        "counted_from": "team",
    }


@pytest.mark.parametrize(
    ("conditions", "answer"),
    [
        ({"compensation": "paid", "peer_pay_rate": 30, "non_peer_pay_rate": 30}, "yes"),
        ({"compensation": "paid", "peer_pay_rate": 24, "non_peer_pay_rate": 30}, "partly"),
        ({"compensation": "volunteer", "non_peer_pay_rate": 30}, "no"),
        ({"compensation": "volunteer", "non_peer_pay_rate": 0}, "yes"),
    ],
)
def test_compensation_is_prefilled_from_pay_parity(conditions: dict[str, Any], answer: str) -> None:
    found = _audit({"conditions": conditions}).prefill_of("SEVEN-008")
    assert found is not None
    assert found.answer == answer
    assert found.evidence["compensation"] == conditions["compensation"]


def test_compensation_is_not_prefilled_when_pay_is_not_recorded() -> None:
    assert _audit({"conditions": {"compensation": "volunteer"}}).prefill_of("SEVEN-008") is None


def test_wellness_is_prefilled_from_debriefs_and_breaks() -> None:
    both = _audit(
        {"conditions": {"breaks_between_peers": True, "debrief_before_leaving_shift": True}}
    ).prefill_of("SEVEN-014")
    none = _audit(
        {"conditions": {"breaks_between_peers": False, "debrief_before_leaving_shift": False}}
    ).prefill_of("SEVEN-014")
    assert both is not None
    assert both.answer == "partly"  # the monthly debriefs are not on record
    assert none is not None
    assert none.answer == "no"
    assert none.evidence["breaks_between_peers"] is False


def test_policy_sections_present_are_prefilled() -> None:
    report = _audit({"policies": ["confidentiality", "roles_managers"]})
    assert _prefilled(report, "POL-029").answer == "yes"
    assert _prefilled(report, "POL-006").answer == "yes"
    assert _prefilled(report, "POL-004").answer == "no"


def test_nothing_is_prefilled_from_sections_the_programme_leaves_out() -> None:
    report = _audit({})
    assert report.prefills == ()
    seven = report.assessment("who-seven-components")
    assert seven.overall.answered == 0
    assert seven.overall.percent is None


def test_the_auditors_answer_overrides_the_prefill_and_the_disagreement_is_shown(
    report: AuditReport,
) -> None:
    seven = report.assessment("who-seven-components")
    assert _prefilled(report, "SEVEN-014").answer == "yes"
    assert seven.item("SEVEN-014").answers == {"auditor": "partly"}
    found = {d.item_id: d for d in report.disagreements}
    assert set(found) == {"SEVEN-014", "WT-006", "POL-003", "POL-032"}
    assert (found["POL-003"].prefilled, found["POL-003"].answered) == ("no", "partly")
    assert (found["WT-006"].prefilled, found["WT-006"].answered) == ("partly", "yes")


def test_prefilled_items_are_marked_as_such(report: AuditReport) -> None:
    rating = report.assessment("working-together").ratings[0]
    assert "WT-007" in rating.prefilled
    assert "WT-006" not in rating.prefilled  # the auditor answered it


def test_the_summary_groups_the_top_gaps_by_audience(report: AuditReport) -> None:
    assert list(report.summary) == list(Audience)
    assert all(0 < len(actions) <= report.top for actions in report.summary.values())
    for audience, actions in report.summary.items():
        assert all(a.audience is audience for a in actions)
        assert [a.priority for a in actions] == sorted((a.priority for a in actions), reverse=True)
    managers = [a.id for a in report.summary[Audience.MANAGERS]]
    assert managers[0] == "HIRE-001"  # critical
    assert "ROSTER-001" in [a.id for a in report.summary[Audience.SUPERVISORS]]


def test_a_rule_not_met_for_several_supporters_is_one_action() -> None:
    report = _audit(
        {
            "supporters": [
                {"id": "ps-1", "roles": ["mentor"]},
                {"id": "ps-2", "roles": ["mentor"]},
            ]
        }
    )
    elig = [a for a in report.actions if a.id == "ELIG-001"]
    assert len(elig) == 1
    assert elig[0].subjects == ("ps-1", "ps-2")


def test_the_audit_mentions_a_policy_that_keeps_the_serious_mental_illness_ground() -> None:
    kept = _audit({"policies": ["confidentiality"]})
    ids = [a.id for a in kept.actions]
    assert "workplace-ptsd-program:serious_mental_illness" in ids
    assert "serious-mental-illness" in _prefilled(kept, "POL-032").basis
    dropped = _audit(
        {"policies": ["confidentiality"]},
        policy={"confidentiality_serious_mental_illness_ground": False},
    )
    assert "workplace-ptsd-program:serious_mental_illness" not in [a.id for a in dropped.actions]
    smi = next(g for g in dropped.grounds if g["id"] == "serious_mental_illness")
    assert smi["enabled"] is False


def test_the_audit_is_deterministic(document: Any, responses: Any) -> None:
    a = audit(document, responses, document.policy, as_of=AS_OF, waivers=document.waivers)
    b = audit(document, responses, document.policy, as_of=AS_OF, waivers=document.waivers)
    assert a.to_json() == b.to_json()
    assert a.digest == b.digest


def test_the_responses_change_the_input_digest(document: Any, responses: Any) -> None:
    without = audit(document, None, document.policy, as_of=AS_OF, waivers=document.waivers)
    with_them = audit(document, responses, document.policy, as_of=AS_OF, waivers=document.waivers)
    assert without.input_digest != with_them.input_digest


def test_an_unknown_item_is_invalid_input_naming_it() -> None:
    with pytest.raises(InvalidInput, match="SEVEN-099"):
        _audit({}, {"SEVEN-099": "yes"})


def test_a_supporter_level_item_is_refused_by_the_audit() -> None:
    with pytest.raises(InvalidInput, match="ETH-001 belongs to ethics-to-practice"):
        _audit({}, {"ETH-001": "5"})


def test_an_off_scale_answer_is_refused_by_the_audit() -> None:
    with pytest.raises(InvalidInput, match="TPLAN-001: must be one of"):
        _audit({}, {"TPLAN-001": "yes"})


def test_a_second_rater_is_scored_beside_the_auditor() -> None:
    sets = [
        {"rater": "auditor", "answers": {"SEVEN-001": "no"}},
        {"rater": "peer", "answers": {"SEVEN-001": "yes"}},
    ]
    report = audit({"id": "prog"}, sets, as_of=AS_OF)
    seven = report.assessment("who-seven-components")
    assert [g.item_id for g in seven.rater_gaps] == ["SEVEN-001"]


def test_the_json_matches_the_published_schema(report: AuditReport) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(json.loads(report.to_json()), audit_report_schema())


def test_notebook_views_of_the_audit(report: AuditReport) -> None:
    assert "Audit of harbourside-ps failed" in report._repr_html_()
    frame = report.to_frame()
    assert len(frame) == len(report.actions)
    assert set(frame.audience) == {a.value for a in Audience}
    assert "## Executive summary" in report.to_markdown()


def test_the_report_never_prints_free_text(report: AuditReport, document: Any) -> None:
    out = report.to_json() + report.to_markdown()
    assert document.organisation not in out
    assert all(s.display_name not in out for s in document.supporters if s.display_name)
    questions = document.hiring.interview_questions
    assert all(q not in out for q in questions)


def test_what_if_returns_the_findings_that_change(document: Any) -> None:
    change = what_if(document, as_of=AS_OF, invited_workers=25, groups__cadence_days=7)
    moved = {(f.rule_id, f.subject): (f.before, f.after) for f in change.findings}
    assert moved[("STRUCT-002", "harbourside-ps")] == (Outcome.MET, Outcome.NOT_MET)
    assert moved[("STRUCT-006", "harbourside-ps")] == (Outcome.NOT_MET, Outcome.MET)
    assert len(moved) == 2
    assert change.to_dict()["changes"] == {"groups__cadence_days": 7, "invited_workers": 25}


def test_what_if_shows_prefilled_answers_that_change() -> None:
    base = {"id": "prog", "conditions": {"compensation": "volunteer", "non_peer_pay_rate": 30}}
    change = what_if(
        base, as_of=AS_OF, conditions__compensation="paid", conditions__peer_pay_rate=30
    )
    assert [(p.item_id, p.before, p.after) for p in change.prefills][:1] == [
        ("SEVEN-008", "no", "yes")
    ]


def test_what_if_with_no_change_is_empty(document: Any) -> None:
    assert not what_if(document, as_of=AS_OF)


def test_what_if_refuses_an_unknown_field() -> None:
    with pytest.raises(InvalidInput, match="unknown field"):
        what_if({"id": "prog"}, as_of=AS_OF, nonsense=3)


@pytest.mark.parametrize(
    ("section", "item_id"),
    [
        ("purpose", "POL-001"),
        ("scope", "POL-003"),
        ("eligibility", "POL-009"),
        ("training", "POL-014"),
        ("recordkeeping", "POL-034"),
    ],
)
def test_each_template_section_present_is_prefilled(section: str, item_id: str) -> None:
    assert _prefilled(_audit({"policies": [section]}), item_id).answer == "yes"
    assert _prefilled(_audit({"policies": ["confidentiality"]}), item_id).answer == "no"
