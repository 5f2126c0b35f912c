"""Safety of confidentiality decisions: monotone in the evidence of risk, and fail-safe."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from peersupport.checks.confidentiality import ConfidentialityDecision, decide_confidentiality
from peersupport.model.disclosure import (
    RISK_TO_LIFE,
    AtRisk,
    Evidence,
    Imminence,
    Recipient,
    RequiredStep,
    RiskIndicator,
)
from strategies_confidentiality import decision_days, disclosure_dicts, policy_dicts, values

IMMINENCE_ORDER = [Imminence.NOT_IMMINENT, Imminence.UNKNOWN, Imminence.IMMINENT]


def _decide(data: dict[str, Any], policy: dict[str, Any], day: date) -> ConfidentialityDecision:
    return decide_confidentiality(data, policy, as_of=day)


def assert_not_lower(before: ConfidentialityDecision, after: ConfidentialityDecision) -> None:
    assert after.action.rank >= before.action.rank, (before, after)
    assert set(before.required_steps) <= set(after.required_steps), (before, after)


@given(
    disclosure_dicts(),
    st.lists(st.sampled_from(values(RiskIndicator)), min_size=1, max_size=3),
    policy_dicts(),
    decision_days(),
)
def test_adding_an_indicator_never_lowers_the_action_or_drops_a_step(
    data: dict[str, Any], extra: list[str], policy: dict[str, Any], day: date
) -> None:
    before = _decide(data, policy, day)
    more = {**data, "indicators": sorted({*data["indicators"], *extra})}
    assert_not_lower(before, _decide(more, policy, day))


@given(
    disclosure_dicts(),
    st.sampled_from([(a, b) for a in range(3) for b in range(3) if a < b]),
    policy_dicts(),
    decision_days(),
)
def test_moving_imminence_toward_imminent_never_lowers_the_action_or_drops_a_step(
    data: dict[str, Any], pair: tuple[int, int], policy: dict[str, Any], day: date
) -> None:
    low, high = (IMMINENCE_ORDER[i].value for i in pair)
    before = _decide({**data, "imminence": low}, policy, day)
    assert_not_lower(before, _decide({**data, "imminence": high}, policy, day))


@given(
    disclosure_dicts(),
    st.sampled_from([(a, b) for a in range(4) for b in range(4) if a < b]),
    policy_dicts(),
    decision_days(),
)
def test_stronger_evidence_never_lowers_the_action_or_drops_a_step(
    data: dict[str, Any], pair: tuple[int, int], policy: dict[str, Any], day: date
) -> None:
    order = list(Evidence)
    before = _decide({**data, "evidence": order[pair[0]].value}, policy, day)
    assert_not_lower(before, _decide({**data, "evidence": order[pair[1]].value}, policy, day))


@given(
    disclosure_dicts(),
    st.lists(st.sampled_from(values(AtRisk)), min_size=1, max_size=2),
    policy_dicts(),
    decision_days(),
)
def test_naming_more_people_at_risk_never_lowers_the_action_or_drops_a_step(
    data: dict[str, Any], extra: list[str], policy: dict[str, Any], day: date
) -> None:
    before = _decide(data, policy, day)
    # Start from what the model read: an empty or absent set means unknown.
    known = [a.value for a in before_at_risk(data)]
    more = {**data, "at_risk": sorted({*known, *extra})}
    assert_not_lower(before, _decide(more, policy, day))


def before_at_risk(data: dict[str, Any]) -> frozenset[AtRisk]:
    from peersupport.model.disclosure import Disclosure  # noqa: PLC0415 - local to the helper

    return Disclosure.model_validate(data).at_risk


@given(
    disclosure_dicts(),
    st.sampled_from(sorted(RISK_TO_LIFE)),
    st.sampled_from([Imminence.IMMINENT.value, Imminence.UNKNOWN.value]),
    policy_dicts(),
    decision_days(),
)
def test_a_risk_to_life_that_is_imminent_or_unknown_is_never_maintained(
    data: dict[str, Any], indicator: str, imminence: str, policy: dict[str, Any], day: date
) -> None:
    risky = {**data, "indicators": sorted({*data["indicators"], indicator}), "imminence": imminence}
    assert _decide(risky, policy, day).action.value != "maintain"


@given(disclosure_dicts(), st.sampled_from(values(Imminence)), policy_dicts(), decision_days())
def test_a_suicide_plan_or_means_is_never_maintained_under_any_pack(
    data: dict[str, Any], imminence: str, policy: dict[str, Any], day: date
) -> None:
    # Whatever the imminence: a plan or means moves the response to consult or break.
    plan = RiskIndicator.SUICIDE_PLAN_OR_MEANS.value
    risky = {**data, "indicators": sorted({*data["indicators"], plan}), "imminence": imminence}
    assert _decide(risky, policy, day).action.value != "maintain"


@given(
    disclosure_dicts(),
    st.sampled_from(sorted(RISK_TO_LIFE)),
    st.booleans(),
    policy_dicts(),
    decision_days(),
)
def test_imminent_risk_to_life_always_calls_emergency_services_and_informs_the_person(
    data: dict[str, Any], indicator: str, flagged: bool, policy: dict[str, Any], day: date
) -> None:
    # Imminent risk to life: the indicator itself, or any risk to life judged imminent.
    chosen = RiskIndicator.IMMINENT_RISK_TO_LIFE.value if flagged else indicator
    imminence = data["imminence"] if flagged else Imminence.IMMINENT.value
    risky = {**data, "indicators": sorted({*data["indicators"], chosen}), "imminence": imminence}
    decision = _decide(risky, policy, day)
    assert decision.action.value == "break"
    assert RequiredStep.CONTACT_EMERGENCY_SERVICES in decision.required_steps
    assert RequiredStep.INFORM_PERSON in decision.required_steps
    assert Recipient.EMERGENCY_SERVICES in decision.permitted_recipients
    assert "CONF-008" in {f.rule_id for f in decision.grounds}


@given(disclosure_dicts(), policy_dicts(), decision_days())
def test_steps_are_in_canonical_order_and_a_break_always_restricts_the_record(
    data: dict[str, Any], policy: dict[str, Any], day: date
) -> None:
    decision = _decide(data, policy, day)
    orders = [s.order for s in decision.required_steps]
    assert orders == sorted(set(orders))
    if decision.action.value == "maintain":
        assert decision.required_steps == ()
        assert decision.permitted_recipients == ()
    else:
        assert RequiredStep.DOCUMENT_MINIMUM_NECESSARY in decision.required_steps
        assert RequiredStep.RESTRICT_RECORD_ACCESS in decision.required_steps
    if decision.action.value != "break":
        assert decision.permitted_recipients == ()
    assert decision.record.action is decision.action
    assert decision.record.required_steps == decision.required_steps
