"""Invariants of scoring and of the audit: bounds, missing never scored, monotone, deterministic."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peersupport import InvalidInput
from peersupport.assessment import assess, audit, instruments
from strategies_assessment import audit_answers, junk_response_sets, response_sets

from strategies import json_values

AS_OF = date(2026, 11, 23)
PROGRAMME: dict[str, Any] = {
    "id": "prog",
    "team": ["a", "b", "c"],
    "policies": ["confidentiality", "complaints_process"],
    "conditions": {"breaks_between_peers": True, "compensation": "paid", "peer_pay_rate": 20,
                   "non_peer_pay_rate": 25},
    "community_of_practice": False,
}  # fmt: skip
FEW = settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def instrument_and_responses(draw: st.DrawFn) -> tuple[Any, dict[str, Any]]:
    inst = draw(st.sampled_from(instruments()))
    return inst, draw(response_sets(inst))


@given(instrument_and_responses())
def test_scores_are_bounded_and_counts_add_up(case: tuple[Any, dict[str, Any]]) -> None:
    inst, responses = case
    result = assess(inst, responses)
    for score in (*result.sections, result.overall):
        assert (
            score.answered + score.not_applicable + score.dont_know + score.unanswered
            == score.total
        )
        assert 0 <= score.score <= score.max_score <= score.possible
        assert (score.percent is None) == (score.answered == 0)
        if score.percent is not None:
            assert 0 <= score.percent <= 100
    answered = [i for i in result.items if i.fraction is not None]
    assert result.overall.max_score == sum(i.weight for i in answered)
    assert all((i.missing is None) == (i.fraction is not None) for i in result.items)


@given(instrument_and_responses(), st.data())
def test_a_missing_answer_is_never_scored(
    case: tuple[Any, dict[str, Any]], data: st.DataObject
) -> None:
    inst, responses = case
    item = data.draw(st.sampled_from(inst.items))
    before = assess(inst, responses)
    missing = data.draw(st.sampled_from(["dont_know", "not_applicable"]))
    after = assess(inst, {**responses, "answers": {**responses["answers"], item.id: missing}})
    was = before.item(item.id)
    expected_max = before.overall.max_score - (item.weight if was.fraction is not None else 0)
    assert after.overall.max_score == expected_max
    assert after.overall.score == round(before.overall.score - (was.points or 0.0), 4)
    assert all(g.item_id != item.id for g in after.gaps)


@given(instrument_and_responses(), st.data())
def test_a_better_answer_never_lowers_the_score(
    case: tuple[Any, dict[str, Any]], data: st.DataObject
) -> None:
    inst, responses = case
    item = data.draw(st.sampled_from(inst.items))
    levels = inst.scale_of(item).levels  # best first
    worse_i = data.draw(st.integers(1, len(levels) - 1))
    better_i = data.draw(st.integers(0, worse_i - 1))
    low = assess(inst, {**responses, "answers": {**responses["answers"], item.id: levels[worse_i]}})
    high = assess(
        inst, {**responses, "answers": {**responses["answers"], item.id: levels[better_i]}}
    )
    assert high.overall.score >= low.overall.score
    assert high.overall.percent is not None
    assert low.overall.percent is not None
    assert high.overall.percent >= low.overall.percent
    assert len(high.gaps) <= len(low.gaps)


@given(instrument_and_responses())
def test_the_same_answers_in_any_order_give_identical_json(
    case: tuple[Any, dict[str, Any]],
) -> None:
    inst, responses = case
    shuffled = {**responses, "answers": dict(sorted(responses["answers"].items(), reverse=True))}
    assert assess(inst, responses).to_json() == assess(inst, shuffled).to_json()


@given(st.data())
def test_nearly_valid_responses_raise_invalid_input_naming_an_item(data: st.DataObject) -> None:
    inst = data.draw(st.sampled_from(instruments()))
    junk = data.draw(junk_response_sets(inst))
    with pytest.raises(InvalidInput) as caught:
        assess(inst, junk)
    assert any(str(e.loc[-1]).startswith(f"{inst.prefix}-") for e in caught.value.errors)


@given(st.sampled_from([i.id for i in instruments()]), json_values())
def test_arbitrary_json_validates_or_raises_invalid_input(instrument_id: str, value: Any) -> None:
    with contextlib.suppress(InvalidInput):
        assess(instrument_id, value, as_of=AS_OF)


@FEW
@given(audit_answers())
def test_the_auditors_answers_always_win_and_each_difference_is_shown(
    answers: dict[str, Any],
) -> None:
    report = audit(PROGRAMME, answers, as_of=AS_OF)
    given_answers = answers["answers"]
    for result in report.assessments:
        base = result.ratings[0].answers
        for item in result.items:
            if item.item_id in given_answers:
                assert base[item.item_id] == given_answers[item.item_id]
    prefilled = {p.item_id: p.answer for p in report.prefills}
    expected = {i for i, a in given_answers.items() if i in prefilled and prefilled[i] != a}
    assert {d.item_id for d in report.disagreements} == expected


@FEW
@given(audit_answers())
def test_the_audit_is_deterministic(answers: dict[str, Any]) -> None:
    assert (
        audit(PROGRAMME, answers, as_of=AS_OF).to_json()
        == audit(PROGRAMME, answers, as_of=AS_OF).to_json()
    )
