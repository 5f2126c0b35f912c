from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import pytest

import peersupport as ps
from peersupport import Outcome

from factories import AS_OF, case_params, missing_outcomes, supporter

MET, NOT_MET, REVIEW, NA = (
    Outcome.MET,
    Outcome.NOT_MET,
    Outcome.NEEDS_REVIEW,
    Outcome.NOT_APPLICABLE,
)

BASIC = {"module": "basic_peer_support", "completed_on": "2025-12-01"}
CRISIS = {"module": "crisis_management", "completed_on": "2025-12-05"}
RECENT = {"module": "peer_support_refresher", "completed_on": "2026-10-01"}

CASES: list[tuple[str, str, dict[str, Any], Outcome]] = [
    ("TRAIN-001", "is_met_when_done_before_duty", {}, MET),
    (
        "TRAIN-001",
        "is_met_for_a_candidate_who_has_done_them",
        {"started_on": None},
        MET,
    ),
    (
        "TRAIN-001",
        "not_applicable_for_a_candidate_still_training",
        {"started_on": None, "trainings": [BASIC]},
        NA,
    ),
    ("TRAIN-001", "not_met_when_on_duty_without_them", {"trainings": [BASIC, RECENT]}, NOT_MET),
    (
        "TRAIN-001",
        "not_met_when_completed_after_starting",
        {"trainings": [BASIC, {"module": "crisis_management", "completed_on": "2026-02-01"}]},
        NOT_MET,
    ),
    ("TRAIN-002", "is_met_when_trained_recently", {}, MET),
    ("TRAIN-002", "not_applicable_for_a_candidate", {"started_on": None}, NA),
    ("TRAIN-002", "not_met_when_overdue", {"trainings": [BASIC, CRISIS]}, NOT_MET),
    ("TRAIN-002", "not_met_when_never_trained", {"trainings": []}, NOT_MET),
    ("TRAIN-003", "is_met_when_every_month_attended", {}, MET),
    ("TRAIN-003", "not_applicable_for_a_candidate", {"started_on": None}, NA),
    (
        "TRAIN-003",
        "not_applicable_in_the_first_partial_month",
        {"started_on": "2026-11-02"},
        NA,
    ),
    (
        "TRAIN-003",
        "not_met_when_a_month_is_missed",
        {"debriefs_attended": ["2026-08-05", "2026-10-05"]},
        NOT_MET,
    ),
    ("TRAIN-003", "not_met_when_none_attended", {"debriefs_attended": []}, NOT_MET),
    ("TRAIN-004", "not_applicable_for_personal_experience", {}, NA),
    (
        "TRAIN-004",
        "is_met_for_family_member_with_family_training",
        {
            "lived_experience": [{"relation": "caregiver"}],
            "trainings": [
                BASIC,
                CRISIS,
                {"module": "family_peer_support", "completed_on": "2026-03-01"},
            ],
        },
        MET,
    ),
    (
        "TRAIN-004",
        "not_met_for_family_member_without_family_training",
        {"lived_experience": [{"relation": "family_member"}]},
        NOT_MET,
    ),
    ("TRAIN-004", "needs_review_when_experience_unknown", {"lived_experience": None}, REVIEW),
]


@pytest.mark.parametrize(("rule_id", "overrides", "expected"), case_params(CASES))
def test_training_rule(rule_id: str, overrides: dict[str, Any], expected: Outcome) -> None:
    report = ps.check_training(supporter(**overrides), as_of=AS_OF)
    assert report.outcome_of(rule_id) is expected


def test_every_training_rule_has_a_met_and_a_failing_case() -> None:
    assert missing_outcomes("training", CASES) == []


def test_missed_debrief_months_are_named() -> None:
    report = ps.check_training(
        supporter(debriefs_attended=["2026-08-05", "2026-10-05"]), as_of=AS_OF
    )
    finding = report.finding("TRAIN-003")
    assert finding.evidence["missed"] == ("2026-09",)
    assert finding.evidence["months_reviewed"] == ("2026-08", "2026-09", "2026-10")
    assert "2026-09" in finding.message


def test_debriefs_every_two_months_under_a_policy_saying_so() -> None:
    policy = ps.Policy(debrief_interval_months=2, debrief_review_months=4)
    data = supporter(debriefs_attended=["2026-07-10", "2026-10-05"])
    report = ps.check_training(data, policy, as_of=AS_OF)
    assert report.outcome_of("TRAIN-003") is MET
    data = supporter(debriefs_attended=["2026-10-05"])
    assert ps.check_training(data, policy, as_of=AS_OF).outcome_of("TRAIN-003") is NOT_MET


def test_retraining_every_two_years_reading_of_biannual() -> None:
    data = supporter(trainings=[BASIC, CRISIS])
    policy = ps.Policy(retraining_interval_days=730)
    assert ps.check_training(data, policy, as_of=AS_OF).outcome_of("TRAIN-002") is MET


def _rating(competency: str, level: int, rater: str, day: str) -> dict[str, Any]:
    return {"competency": competency, "level": level, "rater": rater, "rated_on": day}


def test_training_needs_map_low_competencies_to_modules() -> None:
    data = supporter(
        competencies=[
            _rating("active_listening", 2, "supervisor", "2026-06-01"),
            _rating("crisis_recognition", 4, "supervisor", "2026-06-01"),
        ]
    )
    needs = ps.check_training(data, as_of=AS_OF).training_needs
    assert [n.competency for n in needs] == ["active_listening"]
    need = needs[0]
    assert need.domain == "interpersonal_skills"
    assert need.level == 2
    assert need.threshold == 3
    assert need.modules == ("communication_skills",)
    assert need.raters == (ps.Rater.SUPERVISOR,)


def test_training_needs_use_each_raters_latest_rating() -> None:
    data = supporter(
        competencies=[
            _rating("active_listening", 2, "supervisor", "2026-01-01"),
            _rating("active_listening", 4, "supervisor", "2026-06-01"),
        ]
    )
    assert ps.check_training(data, as_of=AS_OF).training_needs == ()


def test_training_needs_take_the_lowest_current_rating_across_raters() -> None:
    data = supporter(
        competencies=[
            _rating("crisis_recognition", 5, "self", "2026-06-01"),
            _rating("crisis_recognition", 1, "trainer", "2026-05-01"),
        ]
    )
    (need,) = ps.check_training(data, as_of=AS_OF).training_needs
    assert need.level == 1
    assert need.raters == (ps.Rater.TRAINER,)
    assert "crisis_management" in need.modules


def test_training_needs_ignore_ratings_after_as_of() -> None:
    data = supporter(competencies=[_rating("active_listening", 1, "peer", "2027-01-01")])
    assert ps.check_training(data, as_of=AS_OF).training_needs == ()


def test_training_needs_follow_the_policy_threshold() -> None:
    data = supporter(competencies=[_rating("active_listening", 4, "peer", "2026-01-01")])
    policy = ps.Policy(competency_threshold=5)
    needs = ps.check_training(data, policy, as_of=AS_OF).training_needs
    assert [n.competency for n in needs] == ["active_listening"]


def test_training_needs_are_in_the_json() -> None:
    data = supporter(competencies=[_rating("active_listening", 1, "peer", "2026-01-01")])
    out = ps.check_training(data, as_of=AS_OF).to_dict()
    assert out["training_needs"][0]["competency"] == "active_listening"
    assert out["training_needs"][0]["modules"] == ["communication_skills"]


def test_every_competency_maps_to_catalogue_modules() -> None:
    catalogue = ps.training_modules().ids
    framework = ps.competencies()
    assert len(framework.domains) == 5
    assert 20 <= len(framework.competency_ids) <= 25
    for domain in framework.domains:
        for comp in domain.competencies:
            assert set(comp.topics) <= catalogue


def test_check_training_rejects_a_non_date_as_of() -> None:
    with pytest.raises(ps.InvalidInput, match="as_of"):
        ps.check_training(supporter(), as_of="2026-01-01")  # type: ignore[arg-type]  # a caller's mistake


def test_date_objects_are_accepted_as_of() -> None:
    assert ps.check_training(supporter(), as_of=date(2026, 1, 10)).as_of == date(2026, 1, 10)


def _varied_supporters() -> list[ps.Supporter]:
    # Different trainings and start days, so a completion shared by mistake between two
    # supporters would change an outcome.
    out = []
    for i in range(120):
        trainings = [BASIC, CRISIS, RECENT][: i % 4]
        started = None if i % 5 == 0 else f"2026-0{1 + i % 9}-0{1 + i % 7}"
        out.append(
            ps.Supporter.model_validate(
                supporter(id=f"ps-{i:03d}", trainings=trainings, started_on=started)
            )
        )
    return out


def _fresh(p: ps.Supporter) -> tuple[str, str]:
    # A new (equal) policy object each time: no context, so nothing derived, is shared.
    return (
        ps.check_eligibility(p, ps.Policy(), as_of=AS_OF).to_json(),
        ps.check_training(p, ps.Policy(), as_of=AS_OF).to_json(),
    )


def test_checks_share_completions_only_within_one_supporter() -> None:
    people = _varied_supporters()
    expected = [_fresh(p) for p in people]
    # One policy object: one context, whose completions pass from check to check.
    policy = ps.Policy()
    interleaved_e = [ps.check_eligibility(p, policy, as_of=AS_OF).to_json() for p in people]
    interleaved_t = [ps.check_training(p, policy, as_of=AS_OF).to_json() for p in people]
    assert list(zip(interleaved_e, interleaved_t, strict=True)) == expected
    in_turn = [
        (
            ps.check_eligibility(p, policy, as_of=AS_OF).to_json(),
            ps.check_training(p, policy, as_of=AS_OF).to_json(),
        )
        for p in people
    ]
    assert in_turn == expected


def test_checks_from_several_threads_agree_with_one_thread() -> None:
    people = _varied_supporters()

    def both(p: ps.Supporter) -> tuple[str, str]:
        return (
            ps.check_eligibility(p, as_of=AS_OF).to_json(),
            ps.check_training(p, as_of=AS_OF).to_json(),
        )

    expected = [_fresh(p) for p in people]
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(3):
            assert list(pool.map(both, people)) == expected


@pytest.mark.parametrize(("completed", "expected"), [("0001-01-02", MET), (None, NOT_MET)])
def test_retraining_in_the_first_year_of_the_calendar(
    completed: str | None, expected: Outcome
) -> None:
    # The interval reaches back before 0001-01-01: every day since counts as within it.
    trainings = (
        [] if completed is None else [{"module": "basic_peer_support", "completed_on": completed}]
    )
    report = ps.check_training(
        supporter(started_on="0001-01-05", trainings=trainings, debriefs_attended=[]),
        as_of=date(1, 2, 1),
    )
    assert report.outcome_of("TRAIN-002") is expected
