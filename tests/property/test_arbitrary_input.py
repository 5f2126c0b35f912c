"""Arbitrary JSON given to a public entry point either validates or raises InvalidInput."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any, TypeVar

from hypothesis import given, settings
from hypothesis import strategies as st

import peersupport as ps
from peersupport.engine import coerce_waivers

from strategies import (
    json_scalars,
    json_texts,
    json_values,
    junk_policy_dicts,
    junk_supporter_dicts,
    junk_waiver_dicts,
    supporter_dicts,
    waiver_dicts,
)

AS_OF = date(2026, 1, 1)
T = TypeVar("T")
CHECKS: tuple[Callable[..., ps.Report], ...] = (ps.check_eligibility, ps.check_training)
# Validating a policy alone is cheap, and nearly-valid policies are a thin slice of the space.
MANY = settings(max_examples=10 * settings().max_examples)

supporter_like = json_values() | junk_supporter_dicts()
policy_like = json_values() | junk_policy_dicts()
waiver_like = json_values() | junk_waiver_dicts() | waiver_dicts()
# A whole document: often a bare scalar, which is where "not a list" bites.
any_json = json_scalars() | json_values()


def validates_or_refuses(call: Callable[[], T]) -> T | None:
    """Run ``call``; InvalidInput is the one exception allowed, and it must say what is wrong."""
    try:
        return call()
    except ps.InvalidInput as exc:
        refusal = exc
    assert refusal.errors
    assert all(e.msg and e.type for e in refusal.errors)
    assert str(refusal).startswith(f"{len(refusal.errors)} validation error")
    return None


def _usable(report: ps.Report | None) -> None:
    # A report that came back must serialise: validation let nothing unusable through.
    if report is not None:
        assert report.to_json()


@given(supporter_like)
def test_check_eligibility_validates_or_raises_invalid_input(value: Any) -> None:
    _usable(validates_or_refuses(partial(ps.check_eligibility, value, as_of=AS_OF)))


@given(supporter_like)
def test_check_training_validates_or_raises_invalid_input(value: Any) -> None:
    _usable(validates_or_refuses(partial(ps.check_training, value, as_of=AS_OF)))


@given(st.lists(supporter_like | supporter_dicts(), max_size=4))
def test_check_supporters_validates_or_raises_invalid_input_for_a_list(values: list[Any]) -> None:
    _usable(validates_or_refuses(partial(ps.check_supporters, values, as_of=AS_OF)))


@given(any_json)
def test_check_supporters_validates_or_raises_invalid_input_for_any_json(value: Any) -> None:
    # A host passes whatever its JSON decoder gave it; null or a number is not a list.
    _usable(validates_or_refuses(partial(ps.check_supporters, value, as_of=AS_OF)))


@MANY
@given(policy_like)
def test_policy_from_mapping_validates_or_raises_invalid_input(value: Any) -> None:
    policy = validates_or_refuses(partial(ps.Policy.from_mapping, value))
    if policy is not None:
        assert policy.digest.startswith("sha256:")


@MANY
@given(json_texts())
def test_policy_from_json_validates_or_raises_invalid_input(text: str) -> None:
    policy = validates_or_refuses(partial(ps.Policy.from_json, text))
    if policy is not None:
        assert policy.digest.startswith("sha256:")


@given(supporter_dicts(), policy_like)
def test_the_policy_argument_validates_or_raises_invalid_input(
    supporter: dict[str, Any], policy: Any
) -> None:
    for check in CHECKS:
        _usable(validates_or_refuses(partial(check, supporter, policy, as_of=AS_OF)))


@given(st.lists(waiver_like, max_size=4))
def test_coerce_waivers_validates_or_raises_invalid_input_for_a_list(values: list[Any]) -> None:
    out = validates_or_refuses(partial(coerce_waivers, values))
    assert out is None or all(isinstance(w, ps.Waiver) for w in out)


@given(any_json)
def test_coerce_waivers_validates_or_raises_invalid_input_for_any_json(value: Any) -> None:
    out = validates_or_refuses(partial(coerce_waivers, value))
    assert out is None or all(isinstance(w, ps.Waiver) for w in out)


@given(supporter_dicts(), st.lists(waiver_like, max_size=3), st.booleans())
def test_the_waivers_argument_validates_or_raises_invalid_input_for_a_list(
    supporter: dict[str, Any], waivers: list[Any], strict: bool
) -> None:
    for check in CHECKS:
        call = partial(check, supporter, as_of=AS_OF, waivers=waivers, strict=strict)
        _usable(validates_or_refuses(call))
    many = partial(ps.check_supporters, [supporter], as_of=AS_OF, waivers=waivers, strict=strict)
    _usable(validates_or_refuses(many))


@given(supporter_dicts(), any_json)
def test_the_waivers_argument_validates_or_raises_invalid_input_for_any_json(
    supporter: dict[str, Any], waivers: Any
) -> None:
    for check in CHECKS:
        _usable(validates_or_refuses(partial(check, supporter, as_of=AS_OF, waivers=waivers)))
