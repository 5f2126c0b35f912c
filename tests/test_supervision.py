"""SUP-*: a peer and an administrative supervisor, no long changeover gap, a community."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import peersupport as ps
from peersupport.checks.supervision import SUPERVISION, check_supervision, supervision_gaps
from peersupport.model.program import SupervisorAssignment, SupervisorKind
from strategies_programme import AS_OF, programme

MET, NOT_MET, REVIEW, NA = (
    ps.Outcome.MET,
    ps.Outcome.NOT_MET,
    ps.Outcome.NEEDS_REVIEW,
    ps.Outcome.NOT_APPLICABLE,
)


def _a(kind: str, start: str, end: str | None = None, **kw: Any) -> dict[str, Any]:
    return {"kind": kind, "supervisor": f"sv-{kind[:3]}-{start}", "start": start, "end": end, **kw}


BOTH = [_a("peer", "2025-01-01"), _a("administrative", "2025-01-01")]

CASES: list[tuple[str, str, dict[str, Any], ps.Outcome]] = [
    ("SUP-001", "both_in_post", {}, MET),
    (
        "SUP-001",
        "no_peer_supervisor",
        {"supervisors": [_a("administrative", "2025-01-01")]},
        NOT_MET,
    ),
    (
        "SUP-001",
        "peer_supervisor_left",
        {"supervisors": [_a("peer", "2025-01-01", "2026-10-31"), BOTH[1]]},
        NOT_MET,
    ),
    ("SUP-001", "not_yet_started", {"supervisors": [_a("peer", "2026-12-01"), BOTH[1]]}, NOT_MET),
    ("SUP-001", "not_recorded", {"supervisors": None}, REVIEW),
    ("SUP-002", "no_gap", {}, MET),
    (
        "SUP-002",
        "seven_days",
        {
            "supervisors": [
                _a("peer", "2025-01-01", "2026-05-31"),
                _a("peer", "2026-06-08"),
                BOTH[1],
            ]
        },
        MET,
    ),
    (
        "SUP-002",
        "eight_days",
        {
            "supervisors": [
                _a("peer", "2025-01-01", "2026-05-31"),
                _a("peer", "2026-06-09"),
                BOTH[1],
            ]
        },
        NOT_MET,
    ),
    (
        "SUP-002",
        "interim_cover",
        {
            "supervisors": [
                _a("peer", "2025-01-01", "2026-05-31"),
                _a("peer", "2026-06-01", "2026-06-30", interim=True),
                _a("peer", "2026-07-01"),
                BOTH[1],
            ]
        },
        MET,
    ),
    (
        "SUP-002",
        "left_and_not_replaced",
        {"supervisors": [BOTH[0], _a("administrative", "2025-01-01", "2026-10-31")]},
        NOT_MET,
    ),
    ("SUP-002", "none_yet", {"supervisors": []}, NA),
    ("SUP-002", "not_recorded", {"supervisors": None}, REVIEW),
    ("SUP-003", "access", {}, MET),
    ("SUP-003", "no_access", {"community_of_practice": False}, NOT_MET),
    ("SUP-003", "not_recorded", {"community_of_practice": None}, REVIEW),
]


@pytest.mark.parametrize(
    ("rule_id", "overrides", "expected"),
    [pytest.param(r, o, e, id=f"{r}-{name}") for r, name, o, e in CASES],
)
def test_each_supervision_rule(
    rule_id: str, overrides: dict[str, Any], expected: ps.Outcome
) -> None:
    report = check_supervision(programme(**overrides), as_of=AS_OF)
    assert report.outcome_of(rule_id) is expected, report.finding(rule_id).message


def test_every_supervision_rule_is_tested_both_ways() -> None:
    for rule in SUPERVISION:
        outcomes = {e for r, _, _, e in CASES if r == rule.id}
        assert MET in outcomes, rule.id
        assert outcomes & {NOT_MET, REVIEW}, rule.id


def test_sup_002_names_each_long_gap() -> None:
    data = programme(
        supervisors=[_a("peer", "2025-01-01", "2026-08-31"), _a("peer", "2026-09-22"), BOTH[1]]
    )
    finding = check_supervision(data, as_of=AS_OF).finding("SUP-002")
    assert finding.evidence["gaps"] == (
        {"kind": "peer", "from": "2026-09-01", "to": "2026-09-21", "days": 21},
    )
    assert "peer 2026-09-01 to 2026-09-21 (21 days)" in finding.message
    assert (
        check_supervision(data, {"supervision_max_gap_days": 21}, as_of=AS_OF).outcome_of("SUP-002")
        is MET
    )


def test_sup_003_does_not_apply_when_the_policy_does_not_ask_for_it() -> None:
    data = programme(community_of_practice=False)
    policy = {"supervision_community_of_practice": False}
    assert check_supervision(data, policy, as_of=AS_OF).outcome_of("SUP-003") is NA


def test_supervision_gaps_counts_whole_days_up_to_as_of() -> None:
    assignments = [
        SupervisorAssignment(
            kind=SupervisorKind.PEER, supervisor="a", start=date(2026, 1, 1), end=date(2026, 1, 10)
        ),
        SupervisorAssignment(
            kind=SupervisorKind.PEER, supervisor="b", start=date(2026, 1, 5), end=date(2026, 1, 20)
        ),
        SupervisorAssignment(
            kind=SupervisorKind.PEER, supervisor="c", start=date(2026, 1, 22), end=date(2026, 1, 31)
        ),
        SupervisorAssignment(
            kind=SupervisorKind.ADMINISTRATIVE, supervisor="d", start=date(2026, 1, 1)
        ),
    ]
    assert supervision_gaps(assignments, SupervisorKind.PEER, date(2026, 2, 3)) == [
        (date(2026, 1, 21), date(2026, 1, 21)),
        (date(2026, 2, 1), date(2026, 2, 3)),
    ]
    assert supervision_gaps(assignments, SupervisorKind.ADMINISTRATIVE, date(2026, 2, 3)) == []


def test_an_assignment_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ps.InvalidInput, match=r"supervisors\[0\]: end must not be before start"):
        check_supervision(
            programme(supervisors=[_a("peer", "2026-05-01", "2026-04-01")]), as_of=AS_OF
        )
