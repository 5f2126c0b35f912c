"""WORK-*: pay on par with non-peers, flexible leave, reviews that respect peer values."""

from __future__ import annotations

from typing import Any

import pytest

import peersupport as ps
from peersupport.checks.work import WORK, check_work
from strategies_programme import AS_OF, programme

MET, NOT_MET, REVIEW, NA = (
    ps.Outcome.MET,
    ps.Outcome.NOT_MET,
    ps.Outcome.NEEDS_REVIEW,
    ps.Outcome.NOT_APPLICABLE,
)


def _c(**kw: Any) -> dict[str, Any]:
    return {"conditions": {**programme()["conditions"], **kw}}


CASES: list[tuple[str, str, dict[str, Any], ps.Outcome]] = [
    ("WORK-001", "paid_the_same", {}, MET),
    ("WORK-001", "paid_more", _c(peer_pay_rate=31.0), MET),
    ("WORK-001", "paid_less", _c(peer_pay_rate=27.0), NOT_MET),
    ("WORK-001", "rates_unknown", _c(peer_pay_rate=None), REVIEW),
    ("WORK-001", "others_unpaid", _c(non_peer_pay_rate=0), MET),
    (
        "WORK-001",
        "volunteers_like_everyone",
        _c(compensation="volunteer", non_peer_pay_rate=0),
        MET,
    ),
    (
        "WORK-001",
        "volunteers_beside_paid_staff",
        _c(compensation="volunteer", non_peer_pay_rate=25),
        NOT_MET,
    ),
    (
        "WORK-001",
        "volunteers_others_unknown",
        _c(compensation="volunteer", non_peer_pay_rate=None),
        REVIEW,
    ),
    ("WORK-001", "compensation_unknown", _c(compensation=None), REVIEW),
    ("WORK-001", "conditions_not_recorded", {"conditions": None}, REVIEW),
    ("WORK-002", "flexible", {}, MET),
    ("WORK-002", "rigid", _c(flexible_leave=False), NOT_MET),
    ("WORK-002", "unknown", _c(flexible_leave=None), REVIEW),
    ("WORK-003", "respect_values", {}, MET),
    ("WORK-003", "used_against_values", _c(reviews_respect_peer_values=False), NOT_MET),
    ("WORK-003", "respect_unknown", _c(reviews_respect_peer_values=None), REVIEW),
    ("WORK-003", "no_reviews", _c(performance_reviews=False), NA),
    ("WORK-003", "reviews_unknown", _c(performance_reviews=None), REVIEW),
]


@pytest.mark.parametrize(
    ("rule_id", "overrides", "expected"),
    [pytest.param(r, o, e, id=f"{r}-{name}") for r, name, o, e in CASES],
)
def test_each_work_rule(rule_id: str, overrides: dict[str, Any], expected: ps.Outcome) -> None:
    report = check_work(programme(**overrides), as_of=AS_OF)
    assert report.outcome_of(rule_id) is expected, report.finding(rule_id).message


def test_every_work_rule_is_tested_both_ways() -> None:
    for rule in WORK:
        outcomes = {e for r, _, _, e in CASES if r == rule.id}
        assert MET in outcomes, rule.id
        assert outcomes & {NOT_MET, REVIEW}, rule.id


def test_pay_parity_follows_the_policy_percentage() -> None:
    data = programme(**_c(peer_pay_rate=27.0))
    finding = check_work(data, as_of=AS_OF).finding("WORK-001")
    assert finding.evidence["percent"] == 90.0
    assert (
        finding.message == "Peer pay is 90.0% of comparable non-peer pay (at least 100% is on par)."
    )
    assert (
        check_work(data, {"work_pay_parity_percent": 90}, as_of=AS_OF).outcome_of("WORK-001") is MET
    )


@pytest.mark.parametrize("rate", [-1, "lots", float("inf")])
def test_a_bad_pay_rate_is_refused(rate: object) -> None:
    with pytest.raises(ps.InvalidInput, match=r"conditions.peer_pay_rate"):
        check_work(programme(**_c(peer_pay_rate=rate)), as_of=AS_OF)
