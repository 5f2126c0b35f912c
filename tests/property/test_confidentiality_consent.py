"""Consent permits only what it names, while it is valid; management is never reported back to."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from peersupport.checks.confidentiality import (
    RequestAnswer,
    decide_confidentiality,
    decide_information_request,
)
from peersupport.model.disclosure import Consent, PackId, Recipient, confidentiality_pack
from strategies_confidentiality import (
    consent_dicts,
    decision_days,
    disclosure_dicts,
    policy_dicts,
    request_dicts,
)


def _valid(consent: dict[str, Any], policy: dict[str, Any], day: date) -> bool:
    pack = confidentiality_pack(PackId(policy["confidentiality_pack"]))
    written = pack.by_rule["CONF-007"].consent_must_be_written
    return Consent.model_validate(consent).valid_on(day, written_required=written)


@given(consent_dicts(), policy_dicts(), decision_days())
def test_consent_alone_permits_no_one_outside_its_scope(
    consent: dict[str, Any], policy: dict[str, Any], day: date
) -> None:
    decision = decide_confidentiality({"consent": consent}, policy, as_of=day)
    if _valid(consent, policy, day):
        assert decision.action.value == "break"
        assert set(decision.permitted_recipients) == set(consent["recipients"])
        for entry in decision.record.entries:
            assert {i.value for i in entry.information} <= set(consent["information"])
            assert entry.grounds == ("CONF-007",)
    else:
        # Expired, revoked, not yet signed, or verbal where writing is needed: nothing.
        assert decision.action.value == "maintain"
        assert decision.permitted_recipients == ()
        assert decision.record.entries == ()


@given(disclosure_dicts(), consent_dicts(), policy_dicts(), decision_days())
def test_a_recipient_on_consent_alone_is_always_named_by_a_valid_consent(
    data: dict[str, Any], consent: dict[str, Any], policy: dict[str, Any], day: date
) -> None:
    decision = decide_confidentiality({**data, "consent": consent}, policy, as_of=day)
    for entry in decision.record.entries:
        if entry.grounds == ("CONF-007",):
            assert _valid(consent, policy, day)
            assert entry.recipient.value in consent["recipients"]
            assert {i.value for i in entry.information} <= set(consent["information"])


@given(request_dicts(), policy_dicts(), decision_days())
def test_management_is_answered_only_when_a_holding_ground_names_it(
    request: dict[str, Any], policy: dict[str, Any], day: date
) -> None:
    answer = decide_information_request(request, policy, as_of=day)
    requester = Recipient(request["requester"])
    if answer.answer is RequestAnswer.RELEASE:
        assert answer.decision is not None
        assert answer.decision.action.value == "break"
        assert requester in answer.decision.permitted_recipients
        assert answer.released_information
        assert set(answer.released_information) <= set(answer.decision.information_for(requester))
        assert answer.record is not None
        assert [e.recipient for e in answer.record.entries] == [requester]
    else:
        assert answer.released_information == ()
        assert answer.record is None


@given(
    request_dicts(),
    st.sampled_from(["discipline", "performance_management", "investigation", "team_meeting"]),
    policy_dicts(),
    decision_days(),
)
def test_a_prohibited_purpose_is_always_refused(
    request: dict[str, Any], purpose: str, policy: dict[str, Any], day: date
) -> None:
    answer = decide_information_request({**request, "purpose": purpose}, policy, as_of=day)
    assert answer.answer is RequestAnswer.REFUSE
