"""STRUCT-*: each rule is met by the good programme and falls short when one fact changes."""

from __future__ import annotations

from typing import Any

import pytest

import peersupport as ps
from peersupport.checks.structure import STRUCTURE, add_months, check_structure
from strategies_programme import AS_OF, programme

from factories import supporter

MET, NOT_MET, REVIEW, NA = (
    ps.Outcome.MET,
    ps.Outcome.NOT_MET,
    ps.Outcome.NEEDS_REVIEW,
    ps.Outcome.NOT_APPLICABLE,
)


def _group(**overrides: Any) -> dict[str, Any]:
    group: dict[str, Any] = dict(programme()["groups"][0])
    group.update(overrides)
    return group


def _sessions(*sizes: int) -> list[dict[str, Any]]:
    return [
        {"educator": f"ps-00{i % 3 + 1}", "held_on": f"2026-10-0{i + 1}", "class_size": n}
        for i, n in enumerate(sizes)
    ]


def _evaluation(**overrides: Any) -> dict[str, Any]:
    return {**programme()["evaluation"], **overrides}


CASES: list[tuple[str, str, dict[str, Any], ps.Outcome]] = [
    ("STRUCT-001", "team_of_five", {}, MET),
    ("STRUCT-001", "team_of_four", {"team": ["a", "b", "c", "d"]}, NOT_MET),
    ("STRUCT-001", "team_of_eleven", {"team": [f"t{i}" for i in range(11)]}, NOT_MET),
    ("STRUCT-001", "repeated_ids_count_once", {"team": ["a", "a", "b", "c", "d"]}, NOT_MET),
    ("STRUCT-001", "team_not_recorded", {"team": None}, REVIEW),
    ("STRUCT-002", "twelve_invited", {}, MET),
    ("STRUCT-002", "five_invited", {"invited_workers": 5}, NOT_MET),
    ("STRUCT-002", "thirty_invited", {"invited_workers": 30}, NOT_MET),
    ("STRUCT-002", "not_recorded", {"invited_workers": None}, REVIEW),
    ("STRUCT-003", "three_educators", {}, MET),
    (
        "STRUCT-003",
        "two_educators",
        {"supporters": [], "education_sessions": _sessions(12, 12)},
        NOT_MET,
    ),
    (
        "STRUCT-003",
        "not_offered",
        {"supporters": [], "education_sessions": [], "models": ["crisis_support"]},
        NA,
    ),
    (
        "STRUCT-003",
        "models_unknown",
        {"supporters": [], "education_sessions": None, "models": None},
        REVIEW,
    ),
    ("STRUCT-004", "classes_of_ten_to_twenty", {"education_sessions": _sessions(10, 20)}, MET),
    ("STRUCT-004", "class_of_nine", {"education_sessions": _sessions(9, 12)}, NOT_MET),
    ("STRUCT-004", "class_of_twenty_one", {"education_sessions": _sessions(21)}, NOT_MET),
    ("STRUCT-004", "no_sessions_recorded", {"education_sessions": None}, REVIEW),
    ("STRUCT-004", "not_offered", {"education_sessions": [], "models": ["support_group"]}, NA),
    ("STRUCT-005", "fifteen_at_most", {"groups": [_group(max_size=15)]}, MET),
    (
        "STRUCT-005",
        "sixteen_came",
        {"groups": [_group(attendance=[{"held_on": "2026-11-17", "count": 16}])]},
        NOT_MET,
    ),
    ("STRUCT-005", "admits_twenty", {"groups": [_group(max_size=20)]}, NOT_MET),
    ("STRUCT-005", "size_unknown", {"groups": [_group(max_size=None, attendance=[])]}, REVIEW),
    ("STRUCT-005", "groups_not_recorded", {"groups": None}, REVIEW),
    ("STRUCT-005", "not_offered", {"groups": [], "models": ["crisis_support"]}, NA),
    ("STRUCT-006", "weekly", {}, MET),
    ("STRUCT-006", "fortnightly", {"groups": [_group(cadence_days=14)]}, NOT_MET),
    ("STRUCT-006", "cadence_unknown", {"groups": [_group(cadence_days=None)]}, REVIEW),
    ("STRUCT-007", "tuesday_lunchtime", {}, MET),
    ("STRUCT-007", "saturday", {"groups": [_group(weekday="saturday")]}, NOT_MET),
    ("STRUCT-007", "evening", {"groups": [_group(starts_at="17:30", ends_at="19:00")]}, NOT_MET),
    (
        "STRUCT-007",
        "ends_after_work",
        {"groups": [_group(starts_at="16:00", ends_at="17:30")]},
        NOT_MET,
    ),
    ("STRUCT-007", "time_unknown", {"groups": [_group(starts_at=None, ends_at=None)]}, REVIEW),
    ("STRUCT-008", "trained_leader", {}, MET),
    ("STRUCT-008", "no_leader", {"groups": [_group(leader=None)]}, NOT_MET),
    (
        "STRUCT-008",
        "leader_untrained",
        {"groups": [_group(leader="ps-009")], "supporters": [supporter(id="ps-009", trainings=[])]},
        NOT_MET,
    ),
    (
        "STRUCT-008",
        "training_lapsed",
        {
            "supporters": [
                supporter(
                    trainings=[
                        {"module": "crisis_management_extensive", "completed_on": "2026-01-10"}
                    ]
                )
            ]
        },
        NOT_MET,
    ),
    ("STRUCT-008", "leader_not_a_supporter", {"groups": [_group(leader="ps-404")]}, REVIEW),
    ("STRUCT-009", "four_on_duty", {}, MET),
    ("STRUCT-009", "one_on_duty", {"supporters": [supporter()]}, NOT_MET),
    (
        "STRUCT-009",
        "candidates_do_not_count",
        {"supporters": [supporter(), supporter(id="c-1", started_on=None)]},
        NOT_MET,
    ),
    ("STRUCT-010", "consulted", {}, MET),
    ("STRUCT-010", "not_consulted", {"mental_health_professional": False}, NOT_MET),
    ("STRUCT-010", "unknown", {"mental_health_professional": None}, REVIEW),
    ("STRUCT-011", "every_month", {}, MET),
    (
        "STRUCT-011",
        "september_missed",
        {"debriefs": [{"held_on": "2026-08-05"}, {"held_on": "2026-10-05"}]},
        NOT_MET,
    ),
    ("STRUCT-011", "none_held", {"debriefs": []}, NOT_MET),
    ("STRUCT-011", "not_recorded", {"debriefs": None}, REVIEW),
    ("STRUCT-011", "launched_this_month", {"launched_on": "2026-11-02", "debriefs": []}, NA),
    ("STRUCT-012", "surveyed_in_june", {}, MET),
    (
        "STRUCT-012",
        "new_programme_not_due",
        {"launched_on": "2026-06-01", "evaluation": _evaluation(last_survey_on=None)},
        MET,
    ),
    ("STRUCT-012", "never_surveyed", {"evaluation": _evaluation(last_survey_on=None)}, NOT_MET),
    ("STRUCT-012", "overdue", {"evaluation": _evaluation(last_survey_on="2025-11-22")}, NOT_MET),
    ("STRUCT-012", "not_anonymous", {"evaluation": _evaluation(anonymous=False)}, NOT_MET),
    ("STRUCT-012", "no_metrics", {"evaluation": _evaluation(metrics=[])}, NOT_MET),
    ("STRUCT-012", "anonymity_unknown", {"evaluation": _evaluation(anonymous=None)}, REVIEW),
    ("STRUCT-012", "not_recorded", {"evaluation": None}, REVIEW),
    ("STRUCT-013", "all_policies", {}, MET),
    (
        "STRUCT-013",
        "no_boundaries_policy",
        {"policies": ["confidentiality", "complaints_process"]},
        NOT_MET,
    ),
    ("STRUCT-013", "not_recorded", {"policies": None}, REVIEW),
    ("STRUCT-014", "voluntary", {}, MET),
    ("STRUCT-014", "compulsory", {"participation_voluntary": False}, NOT_MET),
    ("STRUCT-014", "unknown", {"participation_voluntary": None}, REVIEW),
]


@pytest.mark.parametrize(
    ("rule_id", "overrides", "expected"),
    [pytest.param(r, o, e, id=f"{r}-{name}") for r, name, o, e in CASES],
)
def test_each_structure_rule(rule_id: str, overrides: dict[str, Any], expected: ps.Outcome) -> None:
    report = check_structure(programme(**overrides), as_of=AS_OF)
    assert report.outcome_of(rule_id) is expected, report.finding(rule_id).message


def test_every_structure_rule_is_tested_both_ways() -> None:
    for rule in STRUCTURE:
        outcomes = {e for r, _, _, e in CASES if r == rule.id}
        assert MET in outcomes, rule.id
        assert outcomes & {NOT_MET, REVIEW}, rule.id


def test_every_structure_finding_is_about_the_programme_and_cited() -> None:
    report = check_structure(programme(), as_of=AS_OF)
    assert [f.rule_id for f in report.findings] == [r.id for r in STRUCTURE]
    assert {f.subject for f in report.findings} == {"prog-1"}
    assert all(f.citations for f in report.findings)
    assert report.ruleset_version == "structure/1"


def test_the_bounds_come_from_the_policy() -> None:
    small = programme(team=["a", "b", "c"], invited_workers=6)
    policy = {"team_size_min": 3, "invited_workers_min": 5}
    report = check_structure(small, policy, as_of=AS_OF)
    assert report.outcome_of("STRUCT-001") is MET
    assert report.outcome_of("STRUCT-002") is MET
    relaxed = {"groups_in_work_hours_only": False}
    evening = programme(groups=[_group(weekday="saturday")])
    assert check_structure(evening, relaxed, as_of=AS_OF).outcome_of("STRUCT-007") is NA
    weekend = {"structure_group_days": ["saturday", "sunday"]}
    assert check_structure(evening, weekend, as_of=AS_OF).outcome_of("STRUCT-007") is MET
    annual = programme(evaluation=_evaluation(last_survey_on="2025-09-01"))
    assert check_structure(annual, as_of=AS_OF).outcome_of("STRUCT-012") is NOT_MET
    loose = {"evaluation_interval_months": 18}
    assert check_structure(annual, loose, as_of=AS_OF).outcome_of("STRUCT-012") is MET
    some = programme(policies=["confidentiality"])
    just = {"structure_documented_policies": ["confidentiality"]}
    assert check_structure(some, just, as_of=AS_OF).outcome_of("STRUCT-013") is MET


def test_the_evidence_names_what_falls_short() -> None:
    report = check_structure(
        programme(policies=["confidentiality"], education_sessions=_sessions(8, 25)),
        as_of=AS_OF,
    )
    assert report.finding("STRUCT-013").evidence["missing"][0] == "complaints_process"
    classes = report.finding("STRUCT-004").evidence
    assert classes["small"] == ("2026-10-01",)
    assert classes["large"] == ("2026-10-02",)


def test_a_survey_exactly_twelve_months_ago_is_still_in_time() -> None:
    on_time = programme(evaluation=_evaluation(last_survey_on="2025-11-23"))
    assert check_structure(on_time, as_of=AS_OF).outcome_of("STRUCT-012") is MET


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2026-03-31", -1, "2026-02-28"),
        ("2024-03-31", -1, "2024-02-29"),
        ("2026-11-23", -12, "2025-11-23"),
        ("2026-01-15", 13, "2027-02-15"),
    ],
)
def test_add_months_clamps_to_the_end_of_a_shorter_month(
    day: str, months: int, expected: str
) -> None:
    from datetime import date  # noqa: PLC0415

    assert add_months(date.fromisoformat(day), months).isoformat() == expected


def test_group_times_with_an_offset_are_refused() -> None:
    bad = programme(groups=[_group(starts_at="12:00+01:00")])
    with pytest.raises(ps.InvalidInput, match=r"groups\[0\]"):
        check_structure(bad, as_of=AS_OF)
