"""The batch forms of the checks and the DataFrame API: one result per record, errors kept."""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no type information
import pytest

import peersupport as ps
from peersupport import batch
from peersupport.checks.batch import (
    BatchItem,
    assess_tasks_many,
    check_boundaries_many,
    check_eligibility_many,
    check_notes_many,
    check_program_many,
    check_training_many,
    decide_confidentiality_many,
    drift_profiles_many,
)
from peersupport.model import Supporter
from strategies_batch import as_cells, network
from strategies_drift import (
    CALM_NOTE,
    CANARY,
    JUDGEMENTAL_NOTE,
    agreement,
    healthy_log,
    weekly_contacts,
    with_changes,
)

from factories import AS_OF, supporter

BAD_DATE = [{"module": "basic_peer_support", "completed_on": "not a date"}]


def people() -> list[Any]:
    """Three supporters with different outcomes, one of them invalid, one a model."""
    return [
        supporter(id="ps-1"),
        supporter(id="ps-2", trainings=BAD_DATE),
        Supporter.model_validate(supporter(id="ps-3", recovery={"on_path": False})),
    ]


def disclosures() -> list[Any]:
    return [
        {"indicators": ["suicide_attempt"], "evidence": "reasonable_grounds"},
        {"indicators": ["suicidal_thoughts"], "evidence": "explicit"},
        {"indicators": ["not_an_indicator"], "evidence": "explicit"},
    ]


def pairs() -> list[Any]:
    contacts = weekly_contacts(4)
    return [
        (agreement(), contacts),
        {"agreement": None, "contacts": contacts},
        (agreement(), [{"at": "2026-11-01T10:00"}]),  # no UTC offset
    ]


def tasks() -> list[Any]:
    return [
        {"activity": "share_lived_experience", "requested_by": "peer"},
        "Write the progress report on the peer for the case manager.",
        {"activity": "share_lived_experience", "colour": "blue"},
    ]


def notes() -> list[Any]:
    return [CALM_NOTE, {"id": "n-2", "text": JUDGEMENTAL_NOTE}, {"id": "n-3"}]


def logs() -> list[Any]:
    return [healthy_log(), with_changes(healthy_log("ps-2")), {"supporter": 7}]


# (batch form, one-by-one form, records, keyword arguments shared by both)
FORMS: list[
    tuple[Callable[..., Iterator[BatchItem[Any]]], Callable[..., Any], Any, dict[str, Any]]
] = [
    (check_eligibility_many, ps.check_eligibility, people, {"as_of": AS_OF}),
    (check_training_many, ps.check_training, people, {"as_of": AS_OF}),
    (check_program_many, ps.check_program, lambda: network(3), {"as_of": AS_OF}),
    (decide_confidentiality_many, ps.decide_confidentiality, disclosures, {"as_of": AS_OF}),
    (assess_tasks_many, ps.assess_task, tasks, {}),
    (check_notes_many, ps.check_language, notes, {}),
    (drift_profiles_many, ps.drift_profile, logs, {"as_of": AS_OF}),
]


def one_by_one(check: Callable[..., Any], record: Any, **kwargs: Any) -> Any:
    try:
        return check(record, **kwargs)
    except ps.InvalidInput as exc:
        return exc


@pytest.mark.parametrize(
    ("many", "single", "records", "kwargs"), FORMS, ids=lambda v: getattr(v, "__name__", "")
)
def test_a_batch_form_gives_the_one_by_one_result_for_each_record_and_keeps_each_error(
    many: Callable[..., Iterator[BatchItem[Any]]],
    single: Callable[..., Any],
    records: Callable[[], list[Any]],
    kwargs: dict[str, Any],
) -> None:
    items = list(many(records(), **kwargs))
    assert [i.index for i in items] == list(range(len(records())))
    for item, record in zip(items, records(), strict=True):
        expected = one_by_one(single, record, **kwargs)
        if isinstance(expected, ps.InvalidInput):
            assert not item.ok
            assert item.result is None
            assert item.errors == expected.errors
        else:
            assert item.ok
            assert item.result == expected
            assert item.unwrap() == expected
    assert not all(i.ok for i in items), "each form is given one invalid record"


def test_check_boundaries_many_takes_pairs_or_mappings_and_equals_check_boundaries() -> None:
    items = list(check_boundaries_many(pairs(), as_of=AS_OF))
    contacts = weekly_contacts(4)
    assert items[0].result == ps.check_boundaries(agreement(), contacts, as_of=AS_OF)
    assert items[1].result == ps.check_boundaries(None, contacts, as_of=AS_OF)
    assert items[1].result is not None
    assert items[1].result.outcome_of("BND-001") is ps.Outcome.NOT_MET
    assert [e.type for e in items[2].errors] == ["timezone_aware"]
    assert items[2].errors[0].loc[0] == "contacts"


@pytest.mark.parametrize("pair", [("only one",), "ab", 42, {"agreement": None, "peer": "x"}])
def test_check_boundaries_many_returns_an_error_for_a_malformed_pair(pair: Any) -> None:
    (item,) = check_boundaries_many([pair], as_of=AS_OF)
    assert not item.ok
    assert item.errors[0].type in {"pair_type", "extra_forbidden"}


def test_a_bad_record_never_stops_the_batch_by_default() -> None:
    records = [supporter(id=f"ps-{i}") for i in range(5)]
    records[1] = {"id": "ps-1", "diagnosis": "kept out"}
    records[3] = 42  # type: ignore[call-overload]  # not a record at all
    items = list(check_eligibility_many(records, as_of=AS_OF))
    assert [i.ok for i in items] == [True, False, True, False, True]
    assert items[1].errors[0].type == "privacy_forbidden_field"
    assert items[3].errors[0].type == "model_type"


def test_on_error_raise_stops_at_the_bad_record_with_its_position_first() -> None:
    records = [supporter(id="ps-0"), supporter(id="ps-1", trainings=BAD_DATE), supporter()]
    stream = check_eligibility_many(records, as_of=AS_OF, on_error="raise")
    assert next(stream).ok
    with pytest.raises(ps.InvalidInput) as caught:
        next(stream)
    assert caught.value.errors[0].loc == (1, "trainings", 0, "completed_on")


def test_a_bad_record_among_many_good_ones_gets_its_own_error_only() -> None:
    records = [supporter(id=f"ps-{i}") for i in range(40)]
    records[17] = supporter(id="bad", trainings=BAD_DATE)
    items = list(check_training_many(records, as_of=AS_OF))
    assert len(items) == 40
    assert [i.index for i in items if not i.ok] == [17]
    assert items[-1].result == ps.check_training(records[-1], as_of=AS_OF)


def test_a_batch_form_is_lazy_and_reads_one_record_at_a_time() -> None:
    read = 0

    def endless() -> Iterator[dict[str, Any]]:
        nonlocal read
        for i in itertools.count():
            read += 1
            yield supporter(id=f"ps-{i}")

    first = list(itertools.islice(check_eligibility_many(endless(), as_of=AS_OF), 3))
    assert [i.index for i in first] == [0, 1, 2]
    assert read == 3


@pytest.mark.parametrize(
    ("call", "loc"),
    [
        (lambda: check_eligibility_many("not a list"), "supporters"),  # type: ignore[arg-type]  # bad input on purpose
        (lambda: check_program_many({"id": "p"}), "programs"),  # type: ignore[dict-item]  # bad input on purpose
        (lambda: check_eligibility_many([], {"group_size_min": "many"}), "group_size_min"),
        (lambda: check_training_many([], on_error="ignore"), "on_error"),  # type: ignore[arg-type]  # bad input on purpose
        (lambda: assess_tasks_many([], on_error="skip"), "on_error"),  # type: ignore[arg-type]  # bad input on purpose
        (lambda: drift_profiles_many([], as_of="today"), "as_of"),  # type: ignore[arg-type]  # bad input on purpose
    ],
)
def test_a_batch_form_validates_its_arguments_before_any_record(call: Any, loc: str) -> None:
    with pytest.raises(ps.InvalidInput) as caught:
        call()
    assert loc in caught.value.errors[0].loc


def test_a_batch_item_keeps_free_text_out_of_its_repr() -> None:
    (good,) = check_notes_many([f"{CANARY} was non-compliant"])
    (bad,) = check_eligibility_many([{"id": "x", "display_name": CANARY, "roles": 3}])
    assert CANARY not in repr(good)
    assert CANARY not in repr(bad)
    assert "errors=1" in repr(bad)
    with pytest.raises(ps.InvalidInput):
        bad.unwrap()
    assert bad.errors_as_dicts() == [{"loc": ["roles"], "type": "tuple_type", "msg": "not a list"}]


# --- the DataFrame API -----------------------------------------------------------------------


def test_evaluate_gives_one_row_per_input_row_on_the_input_index() -> None:
    frame = pd.DataFrame([supporter(id="ps-1"), supporter(id="ps-2", trainings=BAD_DATE)])
    frame.index = pd.Index(["a", "b"])
    out = batch.evaluate(frame, "eligibility", as_of=AS_OF)
    assert list(out.columns) == list(batch.RESULT_COLUMNS)
    assert list(out.index) == ["a", "b"]
    assert out.loc["a", "ok"]
    assert out.loc["a", "passed"]
    assert out.loc["a", "outcome"] == "passed"
    assert (
        out.loc["a", "result"] == ps.check_eligibility(supporter(id="ps-1"), as_of=AS_OF).to_json()
    )
    row_a, row_b = out.loc["a"], out.loc["b"]
    assert row_a["errors"] is pd.NA
    assert not row_b["ok"]
    assert row_b["passed"] is pd.NA
    assert row_b["result"] is pd.NA
    (error,) = json.loads(str(row_b["errors"]))
    assert error["loc"] == ["trainings", 0, "completed_on"]
    assert error["msg"] == "not a date"


def test_nested_fields_as_json_strings_give_the_same_results_as_python_objects() -> None:
    records = [supporter(id="ps-1"), supporter(id="ps-2", recovery={"on_path": False})]
    objects = batch.evaluate(pd.DataFrame(records), "training", as_of=AS_OF)
    strings = batch.evaluate(pd.DataFrame([as_cells(r) for r in records]), "training", as_of=AS_OF)
    pd.testing.assert_frame_equal(objects, strings)
    assert list(strings["passed"]) == [ps.check_training(r, as_of=AS_OF).passed for r in records]


def test_an_empty_cell_is_a_field_left_out_so_it_asks_for_review() -> None:
    blank = {**supporter(id="ps-2"), "recovery": None, "aware_of_stress_limits": float("nan")}
    frame = pd.DataFrame([supporter(id="ps-1"), blank])
    out = batch.evaluate(frame, "eligibility", as_of=AS_OF)
    report = ps.check_eligibility(
        {
            k: v
            for k, v in supporter(id="ps-2").items()
            if k not in {"recovery", "aware_of_stress_limits"}
        },
        as_of=AS_OF,
    )
    assert out["result"].iloc[1] == report.to_json()
    assert report.outcome_of("ELIG-002") is ps.Outcome.NEEDS_REVIEW


def test_a_text_field_that_looks_like_json_is_left_as_text() -> None:
    text = '["quoted"] She was non-compliant.'
    out = batch.evaluate(pd.DataFrame([{"id": "n-1", "text": text}]), "language")
    assert out["ok"].iloc[0]
    expected = [f.to_dict() for f in ps.check_language(text)]
    assert json.loads(out["result"].iloc[0]) == expected
    assert out["outcome"].iloc[0] == "flagged"
    assert not out["passed"].iloc[0]


def test_a_malformed_json_cell_is_reported_in_that_rows_errors() -> None:
    frame = pd.DataFrame([as_cells(supporter(id="ps-1")), as_cells(supporter(id="ps-2"))])
    frame.loc[1, "trainings"] = "[{"
    out = batch.evaluate(frame, "eligibility", as_of=AS_OF)
    assert list(out["ok"]) == [True, False]
    assert json.loads(out["errors"].iloc[1])[0]["loc"] == ["trainings"]


def test_an_arrow_table_gives_the_same_results_as_the_frame() -> None:
    records = [supporter(id=f"ps-{i}") for i in range(3)]
    records[1]["trainings"] = BAD_DATE
    table = pa.Table.from_pylist([as_cells(r) for r in records])
    from_arrow = batch.evaluate(table, "eligibility", as_of=AS_OF)
    from_frame = batch.evaluate(
        pd.DataFrame([as_cells(r) for r in records]), "eligibility", as_of=AS_OF
    )
    pd.testing.assert_frame_equal(from_arrow, from_frame)


def test_nested_arrow_columns_and_numpy_cells_are_read_as_plain_values() -> None:
    records = [supporter(id=f"ps-{i}") for i in range(2)]
    table = pa.Table.from_pylist(records)  # trainings become a list<struct> column
    expected = [ps.check_eligibility(r, as_of=AS_OF).to_json() for r in records]
    assert list(batch.evaluate(table, "eligibility", as_of=AS_OF)["result"]) == expected
    # The same table through pandas holds numpy arrays of dicts in its cells.
    assert list(batch.evaluate(table.to_pandas(), "eligibility", as_of=AS_OF)["result"]) == expected


@pytest.mark.parametrize(
    ("check", "records", "outcomes"),
    [
        ("confidentiality", disclosures()[:2], ["break", "consult"]),
        ("roles", [{"activity": "share_lived_experience", "requested_by": "peer"}], ["consistent"]),
        ("language", [{"text": CALM_NOTE}], ["clean"]),
        ("drift", [healthy_log()], ["ok"]),
    ],
)
def test_evaluate_summarises_each_kind_of_result(
    check: str, records: list[dict[str, Any]], outcomes: list[str]
) -> None:
    out = batch.evaluate(pd.DataFrame([as_cells(r) for r in records]), check, as_of=AS_OF)
    assert list(out["ok"]) == [True] * len(records)
    if check != "language":
        single = [
            item.unwrap().to_json() for item in batch.evaluate_records(records, check, as_of=AS_OF)
        ]
        assert list(out["result"]) == single
    assert list(out["outcome"]) == outcomes


def test_evaluate_reads_boundary_pairs_from_two_columns() -> None:
    contacts = weekly_contacts(3)
    frame = pd.DataFrame(
        {"agreement": [json.dumps(agreement()), None], "contacts": [json.dumps(contacts)] * 2}
    )
    out = batch.evaluate(frame, "boundaries", as_of=AS_OF)
    assert list(out["result"]) == [
        ps.check_boundaries(agreement(), contacts, as_of=AS_OF).to_json(),
        ps.check_boundaries(None, contacts, as_of=AS_OF).to_json(),
    ]
    assert list(out["outcome"]) == ["passed", "failed"]


def test_columns_pick_the_record_and_keep_copies_input_columns() -> None:
    frame = pd.DataFrame([{**supporter(id="ps-1"), "programme": "prog-1"}])
    unpicked = batch.evaluate(frame, "eligibility", as_of=AS_OF)
    assert not unpicked["ok"].iloc[0]  # 'programme' is not a supporter field
    fields = [c for c in frame.columns if c != "programme"]
    out = batch.evaluate(frame, "eligibility", as_of=AS_OF, columns=fields, keep=["programme"])
    assert list(out.columns) == ["programme", *batch.RESULT_COLUMNS]
    assert out["ok"].iloc[0]
    assert out["programme"].iloc[0] == "prog-1"


def test_evaluate_frames_maps_evaluate_over_frames_as_spark_map_in_pandas_does() -> None:
    frames = [
        pd.DataFrame([supporter(id="ps-1")]),
        pd.DataFrame([supporter(id="ps-2", trainings=BAD_DATE)]),
    ]
    out = list(batch.evaluate_frames(iter(frames), "eligibility", as_of=AS_OF))
    assert [list(f["ok"]) for f in out] == [[True], [False]]


def test_evaluate_of_an_empty_frame_has_the_result_columns_and_dtypes() -> None:
    out = batch.evaluate(pd.DataFrame(), "eligibility", as_of=AS_OF)
    assert out.empty
    assert [str(t) for t in out.dtypes] == ["bool", "boolean", "string", "string", "string"]


@pytest.mark.parametrize(
    ("call", "loc"),
    [
        (lambda: batch.evaluate(pd.DataFrame(), "astrology"), "check"),
        (lambda: batch.evaluate([{"id": "x"}], "eligibility"), "data"),
        (lambda: batch.evaluate(pd.DataFrame(), "eligibility", keep=["ok"]), "keep"),
    ],
)
def test_evaluate_rejects_bad_arguments(call: Any, loc: str) -> None:
    with pytest.raises(ps.InvalidInput) as caught:
        call()
    assert caught.value.errors[0].loc == (loc,)


def test_evaluate_with_on_error_raise_raises_at_the_first_bad_row() -> None:
    frame = pd.DataFrame([supporter(id="ps-1"), supporter(id="ps-2", trainings=BAD_DATE)])
    with pytest.raises(ps.InvalidInput) as caught:
        batch.evaluate(frame, "eligibility", as_of=AS_OF, on_error="raise")
    assert caught.value.errors[0].loc[0] == 1


@pytest.mark.parametrize(("module", "extra"), [("pandas", "pandas"), ("pyarrow", "arrow")])
def test_evaluate_without_the_extra_raises_missing_extra(
    monkeypatch: pytest.MonkeyPatch, module: str, extra: str
) -> None:
    data: Any = pa.table({"id": ["ps-1"]}) if module == "pyarrow" else pd.DataFrame()
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(ps.MissingExtra) as caught:
        batch.evaluate(data, "eligibility", as_of=AS_OF)
    assert caught.value.extra == extra
