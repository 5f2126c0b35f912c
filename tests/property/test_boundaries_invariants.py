"""Boundary invariants: any JSON validates or raises InvalidInput; risk never lowers a response."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import peersupport as ps
from peersupport.checks.boundaries import check_boundaries
from strategies_drift import AS_OF, agreement, contact

_RANK = {
    ps.Outcome.MET: 0,
    ps.Outcome.NOT_APPLICABLE: 0,
    ps.Outcome.NEEDS_REVIEW: 1,
    ps.Outcome.NOT_MET: 2,
}
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def contacts(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for _ in range(draw(st.integers(0, 8))):
        day = AS_OF - timedelta(days=draw(st.integers(0, 120)))
        out.append(
            contact(
                day,
                hour=draw(st.integers(0, 23)),
                channel=draw(st.sampled_from(["in_person", "phone", "email", None])),
                minutes=draw(st.sampled_from([None, 15, 60, 180])),
                gift_value=draw(st.sampled_from([None, 0, 5, 50])),
                dual_relationships=draw(
                    st.lists(st.sampled_from(["romantic", "family", "business"]), max_size=1)
                ),
            )
        )
    return out


@settings(max_examples=80)
@given(_JSON, _JSON)
def test_arbitrary_json_validates_or_raises_invalid_input(a: Any, cs: Any) -> None:
    try:
        report = check_boundaries(a, cs, as_of=AS_OF)
    except ps.InvalidInput:
        return
    assert isinstance(report, ps.Report)


@settings(max_examples=60)
@given(
    contacts(),
    st.sampled_from(["romantic", "supervises_peer", "financial", "family", "business"]),
    st.integers(0, 60),
)
def test_adding_a_crossed_boundary_never_lowers_any_outcome(
    cs: list[dict[str, Any]], relationship: str, back: int
) -> None:
    worse = contact(
        AS_OF - timedelta(days=back),
        hour=22,
        channel="email",
        money_lent=20,
        gift_value=500,
        dual_relationships=[relationship],
    )
    before = check_boundaries(agreement(), cs, as_of=AS_OF)
    after = check_boundaries(agreement(), [*cs, worse], as_of=AS_OF)
    for f in before.findings:
        if f.rule_id in {"BND-017", "BND-018"}:
            continue  # a contact's length is read per week; the signal compares windows
        g = after.finding(f.rule_id)
        assert _RANK[g.outcome] >= _RANK[f.outcome], f.rule_id
    assert not after.passed


@settings(max_examples=40)
@given(contacts(), st.randoms(use_true_random=False))
def test_the_report_does_not_depend_on_contact_order(cs: list[dict[str, Any]], rnd: Any) -> None:
    shuffled = list(cs)
    rnd.shuffle(shuffled)
    a = check_boundaries(agreement(), cs, as_of=AS_OF).to_dict()
    b = check_boundaries(agreement(), shuffled, as_of=AS_OF).to_dict()
    a.pop("input_digest")
    b.pop("input_digest")
    assert a == b
    assert date.fromisoformat(a["as_of"]) == AS_OF
