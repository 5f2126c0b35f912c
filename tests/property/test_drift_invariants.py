"""Drift invariants: monotone in role-inconsistent tasks, free of event order, free of note text."""

from __future__ import annotations

import contextlib
import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import peersupport as ps
from peersupport.checks.drift import DriftLevel, drift_profile
from strategies_drift import AS_OF, CANARY, activity_logs, days_back, task_records

_LISTS = (
    "tasks",
    "notes",
    "sessions",
    "shifts",
    "supervision",
    "debriefs",
    "community_contacts",
    "extra_duties",
    "trainings",
)


@settings(max_examples=60)
@given(
    activity_logs(),
    st.sampled_from(["staff", "supervisor", "treatment_plan", "self", "peer"]),
    st.integers(min_value=0, max_value=400),
)
def test_adding_a_role_inconsistent_task_never_lowers_its_indicator(
    log: dict[str, Any], who: str, back: int
) -> None:
    task: dict[str, Any] = {"activity": "administer_medication"}
    if who == "treatment_plan":
        task["reason"] = who
    else:
        task["requested_by"] = who
    name = (
        "organisational_drift"
        if who in {"staff", "supervisor", "treatment_plan"}
        else "individual_drift"
    )
    before = drift_profile(log, as_of=AS_OF)
    more = {**log, "tasks": [*log["tasks"], {"day": days_back(back).isoformat(), "task": task}]}
    after = drift_profile(more, as_of=AS_OF)
    b, a = before.indicator(name), after.indicator(name)
    assert a.level.rank >= b.level.rank
    if b.value is not None:
        assert a.value is not None
        assert a.value >= b.value


@settings(max_examples=60)
@given(activity_logs(), st.randoms(use_true_random=False))
def test_the_profile_does_not_depend_on_the_order_of_events(
    log: dict[str, Any], rnd: random.Random
) -> None:
    shuffled = dict(log)
    for key in _LISTS:
        items = list(log[key])
        rnd.shuffle(items)
        shuffled[key] = items
    a = drift_profile(log, as_of=AS_OF).to_dict()
    b = drift_profile(shuffled, as_of=AS_OF).to_dict()
    # The input digest names the log as given; every decision must be the same.
    a.pop("input_digest")
    b.pop("input_digest")
    assert a == b


@settings(max_examples=40)
@given(
    activity_logs(), st.sampled_from(["{c}", "{c} must take the tablets.", "You should see {c}."])
)
def test_a_canary_in_notes_never_reaches_the_profile(log: dict[str, Any], template: str) -> None:
    note = {"day": AS_OF.isoformat(), "id": "n-1", "text": template.format(c=CANARY)}
    profile = drift_profile({**log, "notes": [*log["notes"], note]}, as_of=AS_OF)
    outputs = [repr(profile), profile.to_json(), profile._repr_html_()]
    outputs += [repr(f) + f.message for f in profile.findings]
    with contextlib.suppress(ps.MissingExtra):  # pandas is optional
        outputs.append(profile.to_frame().to_csv())
    assert not [o for o in outputs if CANARY in o]


@settings(max_examples=30)
@given(
    st.lists(task_records(inconsistent=True), min_size=1, max_size=8),
    st.integers(min_value=0, max_value=90),
)
def test_every_inconsistent_task_is_organisational_or_individual(
    records: list[dict[str, Any]], back: int
) -> None:
    recent = [{**r, "day": days_back(back).isoformat()} for r in records]
    p = drift_profile({"supporter": "ps-x", "tasks": recent}, as_of=AS_OF)
    org, ind = p.indicator("organisational_drift").value, p.indicator("individual_drift").value
    assert org is not None
    assert ind is not None
    assert abs(org + ind - 1.0) < 1e-9


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from([*_LISTS, "supporter", "day", "start", "x"]), inner, max_size=3
        )
    ),
    max_leaves=10,
)


@settings(max_examples=80)
@given(_JSON)
def test_arbitrary_json_validates_or_raises_invalid_input(data: Any) -> None:
    try:
        profile = drift_profile(data, as_of=AS_OF)
    except ps.InvalidInput:
        return
    assert profile.level in set(DriftLevel)
