from __future__ import annotations

from typing import Any, cast

import pytest

import peersupport as ps
from peersupport import Outcome

from factories import AS_OF, DROP, case_params, missing_outcomes, supporter

MET, NOT_MET, REVIEW, NA = (
    Outcome.MET,
    Outcome.NOT_MET,
    Outcome.NEEDS_REVIEW,
    Outcome.NOT_APPLICABLE,
)

CASES: list[tuple[str, str, dict[str, Any], Outcome]] = [
    ("ELIG-001", "is_met_when_personal_experience", {}, MET),
    (
        "ELIG-001",
        "is_met_when_family_member_experience",
        {"lived_experience": [{"relation": "family_member", "areas": ["mental_health"]}]},
        MET,
    ),
    ("ELIG-001", "not_met_when_none", {"lived_experience": []}, NOT_MET),
    ("ELIG-001", "needs_review_when_unknown", {"lived_experience": None}, REVIEW),
    ("ELIG-002", "is_met_when_on_path", {}, MET),
    ("ELIG-002", "not_met_when_not_on_path", {"recovery": {"on_path": False}}, NOT_MET),
    ("ELIG-002", "needs_review_when_unrecorded", {"recovery": DROP}, REVIEW),
    ("ELIG-002", "needs_review_when_on_path_unknown", {"recovery": {}}, REVIEW),
    ("ELIG-003", "is_met_with_plan_and_strategies", {}, MET),
    (
        "ELIG-003",
        "not_met_without_plan",
        {"self_care": {"has_plan": False, "resilience_strategies": True}},
        NOT_MET,
    ),
    (
        "ELIG-003",
        "not_met_without_strategies",
        {"self_care": {"has_plan": True, "resilience_strategies": False}},
        NOT_MET,
    ),
    ("ELIG-003", "needs_review_when_partly_known", {"self_care": {"has_plan": True}}, REVIEW),
    ("ELIG-003", "needs_review_when_unrecorded", {"self_care": None}, REVIEW),
    ("ELIG-004", "is_met_when_aware", {}, MET),
    ("ELIG-004", "not_met_when_not_aware", {"aware_of_stress_limits": False}, NOT_MET),
    ("ELIG-004", "needs_review_when_unknown", {"aware_of_stress_limits": None}, REVIEW),
    ("ELIG-005", "is_met_for_volunteer", {}, MET),
    ("ELIG-005", "is_met_for_peer_nominated", {"selection": "peer_nominated"}, MET),
    ("ELIG-005", "not_met_for_hired_under_default_policy", {"selection": "hired"}, NOT_MET),
    ("ELIG-005", "needs_review_when_unknown", {"selection": None}, REVIEW),
    ("ELIG-006", "is_met_when_every_domain_rated", {}, MET),
    ("ELIG-006", "needs_review_when_unrated", {"competencies": []}, REVIEW),
    (
        "ELIG-006",
        "needs_review_when_a_domain_is_unrated",
        {
            "competencies": [
                {
                    "competency": "active_listening",
                    "level": 5,
                    "rater": "self",
                    "rated_on": "2026-01-01",
                }
            ]
        },
        REVIEW,
    ),
    ("ELIG-007", "is_met_with_current_crisis_training", {}, MET),
    ("ELIG-007", "not_applicable_without_the_role", {"roles": ["mentor"]}, NA),
    (
        "ELIG-007",
        "not_met_when_crisis_training_lapsed",
        {
            "trainings": [
                {"module": "basic_peer_support", "completed_on": "2025-12-01"},
                {"module": "crisis_management", "completed_on": "2026-01-05"},
            ]
        },
        NOT_MET,
    ),
    (
        "ELIG-007",
        "not_met_without_crisis_training",
        {"trainings": [{"module": "basic_peer_support", "completed_on": "2025-12-01"}]},
        NOT_MET,
    ),
    (
        "ELIG-007",
        "not_met_when_training_is_after_as_of",
        {"trainings": [{"module": "crisis_management", "completed_on": "2026-12-01"}]},
        NOT_MET,
    ),
    ("ELIG-008", "is_met_with_current_extensive_training", {}, MET),
    ("ELIG-008", "not_applicable_without_the_role", {"roles": ["crisis_responder"]}, NA),
    (
        "ELIG-008",
        "not_met_without_extensive_training",
        {"trainings": [{"module": "crisis_management", "completed_on": "2026-10-01"}]},
        NOT_MET,
    ),
]


@pytest.mark.parametrize(("rule_id", "overrides", "expected"), case_params(CASES))
def test_eligibility_rule(rule_id: str, overrides: dict[str, Any], expected: Outcome) -> None:
    report = ps.check_eligibility(supporter(**overrides), as_of=AS_OF)
    assert report.outcome_of(rule_id) is expected


def test_every_eligibility_rule_has_a_met_and_a_failing_case() -> None:
    assert missing_outcomes("eligibility", CASES) == []


def test_good_supporter_passes_every_rule() -> None:
    report = ps.check_eligibility(supporter(), as_of=AS_OF)
    assert report.passed
    assert {f.outcome for f in report.findings} == {MET}
    assert [f.rule_id for f in report.findings] == [r.id for r in ps.rules("eligibility")]


def test_hired_is_met_when_the_policy_allows_hiring() -> None:
    policy = ps.Policy(allowed_selection=("volunteer", "peer_nominated", "hired"))
    report = ps.check_eligibility(supporter(selection="hired"), policy, as_of=AS_OF)
    assert report.outcome_of("ELIG-005") is MET


def test_crisis_training_currency_follows_the_policy_interval() -> None:
    data = supporter(roles=["crisis_responder"])
    lenient = ps.Policy(retraining_interval_days=730)
    strict = ps.Policy(retraining_interval_days=30)
    assert ps.check_eligibility(data, lenient, as_of=AS_OF).outcome_of("ELIG-007") is MET
    assert ps.check_eligibility(data, strict, as_of=AS_OF).outcome_of("ELIG-007") is NOT_MET


def test_critical_failure_fails_the_report() -> None:
    report = ps.check_eligibility(supporter(trainings=[]), as_of=AS_OF)
    assert not report.passed
    assert {f.rule_id for f in report.failures} == {"ELIG-007", "ELIG-008"}


def test_recommended_failure_does_not_fail_the_report() -> None:
    report = ps.check_eligibility(supporter(selection="hired"), as_of=AS_OF)
    assert report.outcome_of("ELIG-005") is NOT_MET
    assert report.passed


def test_needs_review_does_not_fail_but_is_counted() -> None:
    report = ps.check_eligibility(supporter(aware_of_stress_limits=None), as_of=AS_OF)
    assert report.passed
    assert report.summary["by_outcome"]["needs_review"] == 1


def test_accepts_a_model_or_a_mapping_alike() -> None:
    data = supporter()
    model = ps.Supporter.model_validate(data)
    by_dict = ps.check_eligibility(data, as_of=AS_OF)
    by_model = ps.check_eligibility(model, as_of=AS_OF)
    assert by_dict.to_json() == by_model.to_json()


def test_accepts_an_attribute_object_such_as_an_orm_row() -> None:
    class Row:
        def __init__(self, **kw: Any) -> None:
            self.__dict__.update(kw)

    row = Row(id="row-1", lived_experience=None)
    report = ps.check_eligibility(cast("Any", row), as_of=AS_OF)
    assert report.outcome_of("ELIG-001") is REVIEW


def test_never_mutates_its_input() -> None:
    data = supporter()
    before = repr(data)
    ps.check_eligibility(data, as_of=AS_OF)
    assert repr(data) == before


def test_evidence_holds_the_facts_read() -> None:
    report = ps.check_eligibility(supporter(), as_of=AS_OF)
    finding = report.finding("ELIG-007")
    assert finding.evidence["last_completed"] == "2026-09-01"
    assert finding.evidence["module"] == "crisis_management"
    assert "2026-09-01" in finding.message


def test_as_of_defaults_to_today() -> None:
    report = ps.check_eligibility(supporter())
    assert report.as_of >= AS_OF
