"""Confidentiality decisions are deterministic, keep free text out, and refuse junk cleanly."""

from __future__ import annotations

import contextlib
import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from pydantic import ValidationError

from peersupport import InvalidInput
from peersupport.checks.confidentiality import decide_confidentiality, decide_information_request
from peersupport.model.disclosure import Disclosure
from strategies_confidentiality import (
    decision_days,
    disclosure_dicts,
    junk_disclosure_dicts,
    policy_dicts,
    request_dicts,
)

from strategies import CANARY, canary_texts, json_values

NEEDLES = (CANARY, json.dumps(CANARY)[1:-1], json.dumps(CANARY, ensure_ascii=False)[1:-1])


def _reversed_lists(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _reversed_lists(v) for k, v in reversed(list(data.items()))}
    if isinstance(data, list):
        return [_reversed_lists(v) for v in reversed(data)]
    return data


def assert_no_canary(*texts: str) -> None:
    for text in texts:
        for needle in NEEDLES:
            assert needle not in text


@given(disclosure_dicts(), policy_dicts(), decision_days())
def test_the_same_disclosure_gives_byte_identical_json_whatever_the_order(
    data: dict[str, Any], policy: dict[str, Any], day: date
) -> None:
    first = decide_confidentiality(data, policy, as_of=day)
    again = decide_confidentiality(_reversed_lists(data), policy, as_of=day)
    assert first.to_json() == again.to_json()
    assert first.record.to_json() == again.record.to_json()
    assert first.record.digest == again.record.digest


@given(disclosure_dicts(note=canary_texts()), policy_dicts(), decision_days())
def test_a_note_never_reaches_the_decision_the_record_or_a_repr(
    data: dict[str, Any], policy: dict[str, Any], day: date
) -> None:
    decision = decide_confidentiality(data, policy, as_of=day)
    model = Disclosure.model_validate(data)
    assert_no_canary(
        repr(decision),
        str(decision),
        decision.to_json(),
        repr(decision.record),
        str(decision.record),
        decision.record.to_json(),
        repr(model),
        str(model),
        model.model_dump_json(),
        *(f.message for f in decision.findings),
        *(repr(f) for f in decision.findings),
    )
    without = {k: v for k, v in data.items() if k != "note"}
    assert decide_confidentiality(without, policy, as_of=day).to_json() == decision.to_json()


@given(junk_disclosure_dicts(), decision_days())
def test_damaged_input_is_decided_or_refused_as_invalid_input_without_the_note(
    data: dict[str, Any], day: date
) -> None:
    try:
        decision = decide_confidentiality(data, as_of=day)
    except InvalidInput as exc:
        assert_no_canary(str(exc), repr(exc))
    else:
        assert_no_canary(decision.to_json(), repr(decision))


@given(json_values(8), decision_days())
def test_arbitrary_json_is_decided_or_refused_as_invalid_input(value: Any, day: date) -> None:
    for entry in (decide_confidentiality, decide_information_request):
        with contextlib.suppress(InvalidInput):
            entry(value, as_of=day)


@given(request_dicts(), policy_dicts(), decision_days())
def test_requests_are_deterministic(
    request: dict[str, Any], policy: dict[str, Any], day: date
) -> None:
    first = decide_information_request(request, policy, as_of=day)
    again = decide_information_request(_reversed_lists(request), policy, as_of=day)
    assert first.to_json() == again.to_json()


def test_an_over_long_note_is_refused_without_quoting_it() -> None:
    with pytest.raises(InvalidInput) as caught:
        decide_confidentiality({"note": CANARY * 2000}, as_of=date(2026, 3, 1))
    assert_no_canary(str(caught.value))
    with pytest.raises(ValidationError) as raw:
        Disclosure.model_validate({"note": CANARY * 2000})
    assert_no_canary(str(raw.value))
