"""Run the batch checks over the partitions of a Dask DataFrame (extra ``dask``).

:func:`evaluate` maps :func:`peersupport.batch.evaluate`, a pure function of one pandas
partition, over every partition with ``map_partitions``. The policy, the day and the waivers
are validated once, on the client, and shipped to the workers, so every partition is judged
on the same day under the same policy: the result equals the single-process one row for row,
whatever the number of workers or partitions.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from peersupport._errors import MissingExtra
from peersupport.batch import _check_name as check_name
from peersupport.batch import evaluate as evaluate_frame
from peersupport.batch import result_frame
from peersupport.checks._common import coerce_as_of
from peersupport.engine import Waiver, coerce_waivers
from peersupport.policy import Policy, coerce_policy

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["evaluate", "meta"]


def _dask_dataframe() -> Any:
    try:
        return importlib.import_module("dask.dataframe")
    except ImportError as exc:
        raise MissingExtra("dask", "dask") from exc


def meta(frame: Any, keep: Sequence[str] = ()) -> pd.DataFrame:
    """The empty result frame (columns and dtypes) that ``map_partitions`` is told to expect."""
    empty = frame._meta  # noqa: SLF001 - dask's public spelling of a collection's meta
    out = result_frame([], empty.index)
    for position, column in enumerate(keep):
        out.insert(position, column, empty[column].to_numpy())
    return out


def _partition(  # noqa: PLR0917 - map_partitions passes its arguments positionally
    part: pd.DataFrame,
    check: str,
    policy: Policy,
    as_of: date,
    columns: Sequence[str] | None,
    keep: Sequence[str],
    waivers: tuple[Waiver, ...],
    strict: bool,  # noqa: FBT001 - positional for map_partitions
) -> pd.DataFrame:
    return evaluate_frame(
        part, check, policy, as_of=as_of, columns=columns, keep=keep, waivers=waivers, strict=strict
    )


def evaluate(
    frame: Any,
    check: str,
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
    columns: Sequence[str] | None = None,
    keep: Sequence[str] = (),
    waivers: Iterable[Waiver | Mapping[str, Any]] | None = None,
    strict: bool = False,
) -> Any:
    """Evaluate every row of a Dask DataFrame for ``check``, lazily, partition by partition.

    Returns a Dask DataFrame with the columns of :func:`peersupport.batch.evaluate` (and
    ``keep``) on the input's index; call ``.compute()`` to run it. Rows that fail validation
    come back with their ``errors``; they never stop a partition.

    .. versionadded:: 0.4
    """
    dd = _dask_dataframe()
    if not isinstance(frame, dd.DataFrame):
        from peersupport._errors import InvalidInput  # noqa: PLC0415 - only on this path

        raise InvalidInput.single(("frame",), "frame_type", "not a Dask DataFrame")
    name = check_name(check)
    day = coerce_as_of(as_of)
    valid_policy = coerce_policy(policy)
    valid_waivers = coerce_waivers(waivers)
    picked = None if columns is None else tuple(columns)
    return frame.map_partitions(
        _partition,
        name,
        valid_policy,
        day,
        picked,
        tuple(keep),
        valid_waivers,
        strict,
        meta=meta(frame, keep),
        align_dataframes=False,
    )
