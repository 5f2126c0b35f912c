"""Safety invariants of role consistency: monotonicity, case and whitespace, determinism."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import peersupport as ps
from peersupport.checks.roles import (
    ROLES,
    Consistency,
    RoleContext,
    _applicable,
    _context,
    assess_task,
    reset_caches,
    task_facts,
)
from peersupport.model.task import Task
from strategies_roles import (
    JOINERS,
    descriptions,
    inconsistent_cues,
    recased,
    respaced,
    risky_fields,
    structured_tasks,
)

from strategies import canary_texts, json_values

# How far a verdict is from consistent: adding evidence of risk may only raise it.
RISK = {Consistency.CONSISTENT: 0, Consistency.NEEDS_REVIEW: 1, Consistency.INCONSISTENT: 2}


def _risk(task: Any) -> int:
    return RISK[assess_task(task).verdict]


@given(descriptions(), inconsistent_cues(), st.sampled_from(JOINERS))
def test_adding_an_inconsistent_cue_to_a_description_never_moves_toward_consistent(
    text: str, cue: str, joiner: str
) -> None:
    assert _risk(text + joiner + cue) >= _risk(text)


@given(descriptions(), inconsistent_cues())
def test_prepending_an_inconsistent_cue_never_moves_toward_consistent(text: str, cue: str) -> None:
    assert _risk(cue + ". " + text) >= _risk(text)


@given(structured_tasks(), risky_fields())
def test_setting_a_risky_field_never_moves_toward_consistent(
    task: dict[str, Any], field: tuple[str, Any]
) -> None:
    key, value = field
    if key in task and task[key] != value:
        # Replacing a known value is not adding evidence; only fill in or repeat.
        return
    assert _risk({**task, key: value}) >= _risk(task)


@given(structured_tasks(), inconsistent_cues())
def test_a_description_with_an_inconsistent_cue_never_moves_a_structured_task_toward_consistent(
    task: dict[str, Any], cue: str
) -> None:
    assert _risk({**task, "description": cue}) >= _risk(task)


@given(descriptions(), st.sampled_from(["upper", "lower", "swap"]))
def test_the_verdict_does_not_depend_on_letter_case(text: str, how: str) -> None:
    before = assess_task(text)
    after = assess_task(recased(text, how))
    assert after.verdict is before.verdict
    assert [(f.rule_id, f.outcome) for f in after.reasons] == [
        (f.rule_id, f.outcome) for f in before.reasons
    ]


@given(st.data(), descriptions())
def test_the_verdict_does_not_depend_on_spacing_within_a_line(
    data: st.DataObject, text: str
) -> None:
    # A line break is a boundary like a full stop, by design; only spaces, tabs and
    # padding around the text are varied.
    spaced = data.draw(respaced(text))
    before = assess_task(text)
    after = assess_task(spaced)
    assert after.verdict is before.verdict
    assert after.traps == before.traps


@given(descriptions() | structured_tasks())
def test_the_same_task_gives_byte_identical_json(task: Any) -> None:
    assert assess_task(task).to_json() == assess_task(task).to_json()


@given(descriptions(), structured_tasks())
def test_skipping_rules_that_cannot_apply_changes_nothing(
    text: str, fields: dict[str, Any]
) -> None:
    task = Task.model_validate({**fields, "description": text})
    facts = task_facts(task)
    context: RoleContext = _context(None)
    every = [r.evaluate(facts, context, None) for r in ROLES]
    shown = [f for f in every if f.outcome is not ps.Outcome.NOT_APPLICABLE]
    chosen = [r.evaluate(facts, context, None) for r in _applicable(facts)]
    assert [f for f in chosen if f.outcome is not ps.Outcome.NOT_APPLICABLE] == shown


@given(json_values())
def test_arbitrary_json_either_validates_or_raises_invalid_input(value: Any) -> None:
    try:
        verdict = assess_task(value)
    except ps.InvalidInput:
        return
    assert verdict.verdict in set(Consistency)


@given(canary_texts(), descriptions())
def test_the_description_never_appears_in_the_verdict(canary: str, text: str) -> None:
    task = {"id": "task-1", "description": f"{text} {canary}"}
    verdict = assess_task(task)
    assert canary not in repr(verdict)
    assert canary not in verdict.to_json()
    assert all(canary not in repr(f) for f in verdict.reasons)


@given(descriptions())
def test_a_verdict_from_a_remembered_decision_equals_a_fresh_one(text: str) -> None:
    first = assess_task(text)
    reset_caches()
    fresh = assess_task(text)
    again = assess_task(text)
    assert first == fresh == again
    assert first.to_json() == fresh.to_json() == again.to_json()
