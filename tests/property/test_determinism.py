"""The same input, policy and rule sets give byte-identical JSON, however the input is given."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import peersupport as ps

from strategies import as_of_dates, policy_dicts, reordered, supporter_dicts, waiver_dicts

CHECKS = (ps.check_eligibility, ps.check_training)


def _jsons(supporter: Any, policy: Any, as_of: date, waivers: list[Any] | None = None) -> list[str]:
    out = [check(supporter, policy, as_of=as_of, waivers=waivers).to_json() for check in CHECKS]
    out.append(ps.check_supporters([supporter], policy, as_of=as_of, waivers=waivers).to_json())
    return out


@given(supporter_dicts(), st.none() | policy_dicts(), as_of_dates(), st.lists(waiver_dicts()))
def test_two_calls_give_byte_identical_json(
    supporter: dict[str, Any], policy: dict[str, Any] | None, as_of: date, waivers: list[Any]
) -> None:
    first = _jsons(supporter, policy, as_of, waivers)
    assert _jsons(supporter, policy, as_of, waivers) == first
    # Including the free text, when asked for, is deterministic too.
    texts = [
        check(supporter, policy, as_of=as_of, waivers=waivers).to_json(include_text=True)
        for check in CHECKS
    ]
    assert texts == [
        check(supporter, policy, as_of=as_of, waivers=waivers).to_json(include_text=True)
        for check in CHECKS
    ]


@given(supporter_dicts(), st.none() | policy_dicts(), as_of_dates(), st.lists(waiver_dicts()))
def test_a_mapping_and_its_model_give_byte_identical_json(
    supporter: dict[str, Any], policy: dict[str, Any] | None, as_of: date, waivers: list[Any]
) -> None:
    model = ps.Supporter.model_validate(supporter)
    policy_model = ps.Policy.from_mapping(policy)
    waiver_models = [ps.Waiver.model_validate(w) for w in waivers]
    expected = _jsons(supporter, policy, as_of, waivers)
    assert _jsons(model, policy_model, as_of, waiver_models) == expected
    # A model dumped to JSON and read back is the same input.
    assert _jsons(model.model_dump(mode="json"), policy, as_of, waivers) == expected


@given(st.data(), supporter_dicts(), policy_dicts(), as_of_dates(), st.lists(waiver_dicts()))
def test_key_order_does_not_change_the_json(
    data: st.DataObject,
    supporter: dict[str, Any],
    policy: dict[str, Any],
    as_of: date,
    waivers: list[Any],
) -> None:
    shuffled = data.draw(reordered(supporter), label="shuffled supporter")
    shuffled_policy = data.draw(reordered(policy), label="shuffled policy")
    shuffled_waivers = data.draw(reordered(waivers), label="shuffled waivers")
    assert _jsons(shuffled, shuffled_policy, as_of, shuffled_waivers) == _jsons(
        supporter, policy, as_of, waivers
    )


@given(supporter_dicts(), as_of_dates())
def test_checking_does_not_change_its_input(supporter: dict[str, Any], as_of: date) -> None:
    before = repr(supporter)
    for check in CHECKS:
        check(supporter, as_of=as_of)
    ps.check_supporters([supporter], as_of=as_of)
    assert repr(supporter) == before
