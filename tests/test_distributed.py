"""The Dask adapter: a network of programmes checked on a two-worker cluster, as in one process."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from typing import Any

import pandas as pd
import pytest

dd = pytest.importorskip(
    "dask.dataframe", reason="the dask extra is not installed: pip install 'peersupport[dask]'"
)
distributed_lib = pytest.importorskip(
    "dask.distributed", reason="the dask extra is not installed: pip install 'peersupport[dask]'"
)

import peersupport as ps  # noqa: E402 - after the skips
from peersupport import batch, distributed  # noqa: E402 - after the skips
from strategies_batch import as_cells, network, network_supporters  # noqa: E402 - after the skips

from factories import AS_OF, supporter  # noqa: E402 - after the skips

PROGRAMMES = 200


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed_lib.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, distributed_lib.Client(cluster) as connected:
        yield connected


def test_a_network_of_200_programmes_gives_the_single_process_results_on_a_cluster(
    client: Any,
) -> None:
    programmes = pd.DataFrame([as_cells(p) for p in network(PROGRAMMES)])
    people = pd.DataFrame([as_cells(p) for p in network_supporters(PROGRAMMES)])
    fields = [c for c in people.columns if c != "programme"]

    expected_programmes = batch.evaluate(programmes, "program", as_of=AS_OF)
    expected_people = {
        check: batch.evaluate(people, check, as_of=AS_OF, columns=fields, keep=["programme"])
        for check in ("eligibility", "training")
    }

    on_cluster = client.compute(
        [
            distributed.evaluate(dd.from_pandas(programmes, npartitions=8), "program", as_of=AS_OF),
            *(
                distributed.evaluate(
                    dd.from_pandas(people, npartitions=7),
                    check,
                    as_of=AS_OF,
                    columns=fields,
                    keep=["programme"],
                )
                for check in expected_people
            ),
        ],
        sync=True,
    )
    got_programmes, *got_people = on_cluster
    assert len(client.scheduler_info()["workers"]) == 2
    pd.testing.assert_frame_equal(got_programmes, expected_programmes)
    for got, expected in zip(got_people, expected_people.values(), strict=True):
        pd.testing.assert_frame_equal(got[expected.columns], expected, check_dtype=False)
        assert list(got.dtypes.astype(str))[1:] == list(expected.dtypes.astype(str))[1:]
    # The network has every kind of row: passing, failing and invalid programmes.
    assert set(got_programmes["outcome"].dropna()) == {"passed", "failed"}
    assert (~got_programmes["ok"]).sum() == sum(
        1 for i in range(PROGRAMMES) if i % 13 == 0 or i % 17 == 0
    )
    second = network(2)[1]
    assert got_programmes["result"].iloc[1] == ps.check_program(second, as_of=AS_OF).to_json()


def test_the_result_is_deterministic_whatever_the_partitioning() -> None:
    frame = pd.DataFrame([as_cells(supporter(id=f"ps-{i}")) for i in range(12)])
    one = distributed.evaluate(dd.from_pandas(frame, npartitions=1), "training", as_of=AS_OF)
    five = distributed.evaluate(dd.from_pandas(frame, npartitions=5), "training", as_of=AS_OF)
    first = one.compute(scheduler="sync")
    pd.testing.assert_frame_equal(first, five.compute(scheduler="sync"))
    pd.testing.assert_frame_equal(first, batch.evaluate(frame, "training", as_of=AS_OF))


def test_nested_python_objects_survive_dask_turning_them_into_strings() -> None:
    frame = dd.from_pandas(pd.DataFrame([supporter()]), npartitions=1)
    result = distributed.evaluate(frame, "eligibility", as_of=AS_OF).compute(scheduler="sync")
    assert result["ok"].iloc[0]
    assert result["result"].iloc[0] == ps.check_eligibility(supporter(), as_of=AS_OF).to_json()


def test_the_day_is_fixed_on_the_client_when_as_of_is_left_out() -> None:
    frame = dd.from_pandas(pd.DataFrame([as_cells(supporter())]), npartitions=1)
    lazy = distributed.evaluate(frame, "eligibility")
    result = lazy.compute(scheduler="sync")
    today = date.today()  # noqa: DTZ011 - the documented default
    assert result["result"].iloc[0] == ps.check_eligibility(supporter(), as_of=today).to_json()


def test_the_meta_names_the_result_columns_and_dtypes() -> None:
    frame = dd.from_pandas(pd.DataFrame([{**supporter(), "programme": "p"}]), npartitions=1)
    lazy = distributed.evaluate(frame, "eligibility", keep=["programme"])
    assert list(lazy.columns) == ["programme", *batch.RESULT_COLUMNS]
    assert [str(t) for t in lazy.dtypes][1:] == ["bool", "boolean", "string", "string", "string"]


@pytest.mark.parametrize(
    ("frame", "check", "loc"),
    [
        (pd.DataFrame(), "eligibility", "frame"),
        (None, "astrology", "check"),
    ],
)
def test_evaluate_rejects_what_is_not_a_dask_frame_or_a_check(
    frame: Any, check: str, loc: str
) -> None:
    data = (
        frame if frame is not None else dd.from_pandas(pd.DataFrame([supporter()]), npartitions=1)
    )
    with pytest.raises(ps.InvalidInput) as caught:
        distributed.evaluate(data, check)
    assert caught.value.errors[0].loc == (loc,)


def test_evaluate_without_dask_raises_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.dataframe", None)
    with pytest.raises(ps.MissingExtra) as caught:
        distributed.evaluate(None, "eligibility")
    assert caught.value.extra == "dask"
