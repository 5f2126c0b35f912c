"""A batch gives each record the result it gets alone, and a bad record never stops it."""

from __future__ import annotations

from typing import Any

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import peersupport as ps
from peersupport import batch
from peersupport.checks.batch import (
    assess_tasks_many,
    check_eligibility_many,
    check_training_many,
    decide_confidentiality_many,
)
from strategies_batch import as_cells, rows_with_junk
from strategies_confidentiality import disclosure_dicts
from strategies_roles import structured_tasks

from factories import AS_OF
from strategies import json_values

FAST = settings(max_examples=40)


def alone(check: Any, record: Any, **kwargs: Any) -> Any:
    try:
        return check(record, **kwargs)
    except ps.InvalidInput as exc:
        return exc.errors


def items_as_alone(items: list[Any]) -> list[Any]:
    return [item.result if item.ok else item.errors for item in items]


@FAST
@given(rows_with_junk())
def test_eligibility_and_training_batches_equal_the_one_by_one_results(rows: list[Any]) -> None:
    forms: tuple[tuple[Any, Any], ...] = (
        (check_eligibility_many, ps.check_eligibility),
        (check_training_many, ps.check_training),
    )
    for many, single in forms:
        items = list(many(rows, as_of=AS_OF))
        assert [i.index for i in items] == list(range(len(rows)))
        assert items_as_alone(items) == [alone(single, r, as_of=AS_OF) for r in rows]


@FAST
@given(st.lists(structured_tasks() | json_values(3), max_size=8))
def test_task_batches_equal_the_one_by_one_verdicts(rows: list[Any]) -> None:
    items = list(assess_tasks_many(rows))
    assert items_as_alone(items) == [alone(ps.assess_task, r) for r in rows]


@FAST
@given(st.lists(disclosure_dicts() | json_values(3), max_size=6))
def test_confidentiality_batches_equal_the_one_by_one_decisions(rows: list[Any]) -> None:
    items = list(decide_confidentiality_many(rows, as_of=AS_OF))
    assert items_as_alone(items) == [alone(ps.decide_confidentiality, r, as_of=AS_OF) for r in rows]


@FAST
@given(rows_with_junk())
def test_a_bad_row_never_stops_a_frame_and_is_never_dropped(rows: list[Any]) -> None:
    records = [as_cells(r) if isinstance(r, dict) else {"id": r} for r in rows]
    names = list(dict.fromkeys(k for r in records for k in r))
    # Object columns keep each cell as given: no numeric upcasts, no string conversion.
    frame = pd.DataFrame(
        {n: pd.Series([r.get(n) for r in records], dtype=object) for n in names},
        index=range(len(records)),
    )
    out = batch.evaluate(frame, "eligibility", as_of=AS_OF)
    assert len(out) == len(frame)
    assert (out["ok"] == out["errors"].isna()).all()
    assert (out["ok"] == out["result"].notna()).all()
