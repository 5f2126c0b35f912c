"""More evidence of training or attendance never turns a met rule into a failure."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import peersupport as ps
from peersupport import Outcome

from strategies import as_of_dates, dates, policies, supporter_dicts, training_records

TRAINING_RULES = ("ELIG-007", "ELIG-008", "TRAIN-001", "TRAIN-002")


def _outcomes(data: dict[str, Any], policy: ps.Policy | None, as_of: date) -> dict[str, Outcome]:
    out = {}
    for check in (ps.check_eligibility, ps.check_training):
        out.update({f.rule_id: f.outcome for f in check(data, policy, as_of=as_of).findings})
    return out


@given(
    supporter_dicts(),
    st.lists(training_records(), min_size=1, max_size=3),
    as_of_dates(),
    st.none() | policies(),
)
def test_adding_a_training_record_never_undoes_a_met_training_rule(
    supporter: dict[str, Any],
    records: list[dict[str, Any]],
    as_of: date,
    policy: ps.Policy | None,
) -> None:
    before = _outcomes(supporter, policy, as_of)
    more = {**supporter, "trainings": [*supporter.get("trainings", []), *records]}
    after = _outcomes(more, policy, as_of)
    for rule_id in TRAINING_RULES:
        if before[rule_id] is Outcome.MET:
            assert after[rule_id] is Outcome.MET, rule_id


@given(
    supporter_dicts(),
    st.lists(dates(), min_size=1, max_size=3),
    as_of_dates(),
    st.none() | policies(),
)
def test_adding_a_debrief_never_undoes_met_attendance(
    supporter: dict[str, Any], days: list[date], as_of: date, policy: ps.Policy | None
) -> None:
    before = ps.check_training(supporter, policy, as_of=as_of).outcome_of("TRAIN-003")
    more = {
        **supporter,
        "debriefs_attended": [
            *supporter.get("debriefs_attended", []),
            *(d.isoformat() for d in days),
        ],
    }
    after = ps.check_training(more, policy, as_of=as_of).outcome_of("TRAIN-003")
    if before is Outcome.MET:
        assert after is Outcome.MET
    # Attendance never changes whether the rule applies.
    assert (before is Outcome.NOT_APPLICABLE) == (after is Outcome.NOT_APPLICABLE)
