"""Fail safe: where an answer is unknown the outcome is needs_review, never a silent met."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import peersupport as ps
from peersupport import Outcome

from strategies import as_of_dates, policies, supporter_dicts

UNKNOWABLE = {
    # field set to None -> the rule that reads it
    "lived_experience": "ELIG-001",
    "recovery": "ELIG-002",
    "recovery.on_path": "ELIG-002",
    "self_care": "ELIG-003",
    "self_care.has_plan": "ELIG-003",
    "self_care.resilience_strategies": "ELIG-003",
    "aware_of_stress_limits": "ELIG-004",
    "selection": "ELIG-005",
}


def _unknown(data: dict[str, Any], field: str) -> dict[str, Any]:
    out = dict(data)
    if "." in field:
        parent, child = field.split(".")
        out[parent] = {**(out.get(parent) or {}), child: None}
    else:
        out[field] = None
    return out


@given(
    supporter_dicts(),
    st.sampled_from(sorted(UNKNOWABLE)),
    as_of_dates(),
    st.none() | policies(),
    st.booleans(),
)
def test_an_unknown_answer_is_never_met(
    supporter: dict[str, Any],
    field: str,
    as_of: date,
    policy: ps.Policy | None,
    drop: bool,
) -> None:
    data = _unknown(supporter, field)
    if drop and "." not in field:
        del data[field]  # left out is as unknown as null
    rule_id = UNKNOWABLE[field]
    outcome = ps.check_eligibility(data, policy, as_of=as_of).outcome_of(rule_id)
    assert outcome is not Outcome.MET
    if rule_id == "ELIG-003":
        # A plan or strategies recorded as absent is a clear not_met; otherwise, review.
        plan = data.get("self_care") or {}
        known_no = False in (plan.get("has_plan"), plan.get("resilience_strategies"))
        assert outcome is (Outcome.NOT_MET if known_no else Outcome.NEEDS_REVIEW)
    else:
        assert outcome is Outcome.NEEDS_REVIEW


@given(supporter_dicts(), as_of_dates(), st.none() | policies())
def test_unknown_lived_experience_leaves_family_training_to_review(
    supporter: dict[str, Any], as_of: date, policy: ps.Policy | None
) -> None:
    data = _unknown(supporter, "lived_experience")
    assert ps.check_training(data, policy, as_of=as_of).outcome_of("TRAIN-004") is (
        Outcome.NEEDS_REVIEW
    )


@given(supporter_dicts(), as_of_dates(), st.none() | policies(), st.booleans())
def test_without_competency_ratings_the_domains_are_never_met(
    supporter: dict[str, Any], as_of: date, policy: ps.Policy | None, drop: bool
) -> None:
    data = {**supporter, "competencies": []}
    if drop:
        del data["competencies"]
    report = ps.check_eligibility(data, policy, as_of=as_of)
    assert report.outcome_of("ELIG-006") is Outcome.NEEDS_REVIEW
    finding = report.finding("ELIG-006")
    assert finding.evidence["assessed"] == ()
    assert len(finding.evidence["missing"]) == len(ps.competencies().domains)


@given(supporter_dicts(), as_of_dates())
def test_ratings_given_after_as_of_do_not_count(supporter: dict[str, Any], as_of: date) -> None:
    later = (date.fromordinal(as_of.toordinal() + 1)).isoformat()
    data = {
        **supporter,
        "competencies": [{**r, "rated_on": later} for r in supporter.get("competencies", [])],
    }
    assert ps.check_eligibility(data, as_of=as_of).outcome_of("ELIG-006") is (Outcome.NEEDS_REVIEW)
