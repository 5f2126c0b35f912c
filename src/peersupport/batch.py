"""Evaluate a table of records for one check: a DataFrame or a pyarrow Table in, a DataFrame out.

Each input row is one record (a supporter, a programme, a disclosure...). Its cells are the
record's fields; a nested field (a list of trainings, a roster) may be a Python object, a
JSON string, or the Python literal of one (what Dask makes of an object column). Empty
cells (``None``, ``NaN``, ``NA``) are fields left out.

The result has one row per input row, on the input's index (a pyarrow Table gets positions),
with the columns of :data:`RESULT_COLUMNS`:

- ``ok``: whether the row validated;
- ``passed``: the report's ``passed`` for report checks, "no findings" for ``language``, and
  empty for checks that decide rather than pass (``confidentiality``, ``roles``, ``drift``);
- ``outcome``: ``passed``/``failed``, the confidentiality action, the role verdict, the drift
  level, or ``clean``/``flagged`` for language;
- ``result``: the canonical JSON of the result (its ``to_json()``);
- ``errors``: for a row that failed validation, a JSON list of ``{"loc", "type", "msg"}``.

A row that fails validation never stops the batch and is never dropped (``on_error="return"``,
the default); ``on_error="raise"`` raises :class:`~peersupport.InvalidInput` at the first one.
pandas and pyarrow are imported only when used (extras ``pandas`` and ``arrow``).
"""

from __future__ import annotations

import ast
import importlib
import json
import math
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Final, Union, cast, get_args, get_origin

from peersupport._errors import InvalidInput, MissingExtra
from peersupport.checks.batch import (
    BatchItem,
    OnError,
    assess_tasks_many,
    check_boundaries_many,
    check_eligibility_many,
    check_notes_many,
    check_program_many,
    check_training_many,
    decide_confidentiality_many,
    drift_profiles_many,
)
from peersupport.checks.confidentiality import ConfidentialityDecision
from peersupport.checks.drift import DriftProfile
from peersupport.checks.roles import RoleVerdict
from peersupport.engine import Report, Waiver, canonical_json
from peersupport.model import FrozenModel, Supporter
from peersupport.model.activity import ActivityLog
from peersupport.model.disclosure import Disclosure
from peersupport.model.note import Note
from peersupport.model.program import Program
from peersupport.model.task import Task
from peersupport.policy import Policy

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CHECKS",
    "RESULT_COLUMNS",
    "evaluate",
    "evaluate_frames",
    "evaluate_records",
    "result_frame",
    "result_row",
]

#: The checks a table can be evaluated for, and the model each row validates into.
CHECKS: Final[Mapping[str, type[FrozenModel] | None]] = {
    "eligibility": Supporter,
    "training": Supporter,
    "program": Program,
    "confidentiality": Disclosure,
    "boundaries": None,  # two columns: agreement and contacts
    "roles": Task,
    "language": Note,
    "drift": ActivityLog,
}

#: The result columns, in order.
RESULT_COLUMNS: Final = ("ok", "passed", "outcome", "result", "errors")

_Row = tuple[bool, bool | None, str | None, str | None, str | None]


def _import(name: str, extra: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise MissingExtra(name, extra) from exc


# --- cells to records ---------------------------------------------------------------------------


def _is_text(annotation: Any) -> bool:
    """Whether a field holds a string (or an optional one): its cells are never JSON-decoded."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _is_text(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        args = [a for a in get_args(annotation) if a is not type(None)]
        return bool(args) and all(_is_text(a) for a in args)
    return isinstance(annotation, type) and issubclass(annotation, str)


@cache
def _structured_fields(check: str) -> frozenset[str]:
    model = CHECKS[check]
    if model is None:
        return frozenset({"agreement", "contacts"})
    names = set()
    for name, field in model.model_fields.items():
        if not _is_text(field.annotation):
            names.add(name)
            if field.alias:
                names.add(field.alias)
    return frozenset(names)


_ABSENT: Final = object()


def _is_null(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in {"NAType", "NaTType"}


def _plain(value: Any) -> Any:  # noqa: PLR0911 - one return per kind of cell
    """A cell as plain Python: numpy and pyarrow scalars and arrays unwrapped, nulls absent."""
    if _is_null(value):
        return _ABSENT
    if isinstance(value, str | bool | int | float | date):
        return value
    if isinstance(value, Mapping):
        return {k: v for k, v in ((k, _plain(v)) for k, v in value.items()) if v is not _ABSENT}
    if isinstance(value, list | tuple):
        return [None if v is _ABSENT else v for v in map(_plain, value)]
    as_py = getattr(value, "as_py", None)  # a pyarrow scalar
    if callable(as_py):
        return _plain(as_py())
    tolist = getattr(value, "tolist", None)  # a numpy array or scalar
    if callable(tolist):
        return _plain(tolist())
    return value


def _cell(value: Any, *, structured: bool) -> Any:
    value = _plain(value)
    if structured and isinstance(value, str) and value.lstrip()[:1] in {"[", "{"}:
        try:
            return json.loads(value)
        except ValueError:
            pass
        # Dask turns object columns into strings by default, so a list of dicts arrives as
        # its Python repr; literal_eval reads literals only, never running code.
        try:
            return ast.literal_eval(value)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            return value  # left as it is: validation reports it in the row's errors
    return value


def _record(
    names: Sequence[str], cells: Iterable[Any], structured: frozenset[str]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, raw in zip(names, cells, strict=True):
        value = _cell(raw, structured=name in structured)
        if value is not _ABSENT:
            out[name] = value
    return out


# --- records to results -------------------------------------------------------------------------


def _dispatch(check: str) -> Callable[..., Iterator[BatchItem[Any]]]:
    table: dict[str, Callable[..., Iterator[BatchItem[Any]]]] = {
        "eligibility": check_eligibility_many,
        "training": check_training_many,
        "program": check_program_many,
        "confidentiality": decide_confidentiality_many,
        "boundaries": check_boundaries_many,
        "roles": assess_tasks_many,
        "language": check_notes_many,
        "drift": drift_profiles_many,
    }
    return table[check]


def _check_name(check: object) -> str:
    if not isinstance(check, str) or check not in CHECKS:
        raise InvalidInput.single(
            ("check",), "literal_error", f"must be one of {', '.join(sorted(CHECKS))}"
        )
    return check


def evaluate_records(
    records: Iterable[Any],
    check: str,
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
    waivers: Iterable[Waiver | Mapping[str, Any]] | None = None,
    strict: bool = False,
    on_error: OnError = "return",
) -> Iterator[BatchItem[Any]]:
    """Stream the named check over records (models or mappings), one :class:`BatchItem` each.

    ``as_of`` is fixed once for the whole call; ``waivers`` and ``strict`` apply to the checks
    that take them (eligibility, training, program, boundaries).
    """
    name = _check_name(check)
    kwargs: dict[str, Any] = {"on_error": on_error}
    if name in {"eligibility", "training", "program", "boundaries"}:
        kwargs.update(as_of=as_of, waivers=waivers, strict=strict)
    elif name in {"confidentiality", "drift"}:
        kwargs["as_of"] = as_of
    return _dispatch(name)(records, policy, **kwargs)


def _summary(result: Any) -> tuple[bool | None, str, str]:
    if isinstance(result, Report):
        return result.passed, "passed" if result.passed else "failed", result.to_json()
    if isinstance(result, ConfidentialityDecision):
        return None, result.action.value, result.to_json()
    if isinstance(result, RoleVerdict):
        return None, result.verdict.value, result.to_json()
    if isinstance(result, DriftProfile):
        return None, result.level.value, result.to_json()
    findings = tuple(result)
    body = canonical_json([f.to_dict() for f in findings])
    return not findings, "flagged" if findings else "clean", body


def result_row(item: BatchItem[Any]) -> _Row:
    """One item as the values of :data:`RESULT_COLUMNS`."""
    if not item.ok:
        return False, None, None, None, canonical_json(item.errors_as_dicts())
    passed, outcome, body = _summary(item.result)
    return True, passed, outcome, body, None


def result_frame(rows: Sequence[_Row], index: Any = None) -> pd.DataFrame:
    """The result DataFrame of :func:`evaluate` from its rows (an empty one has the same dtypes)."""
    pandas = _import("pandas", "pandas")
    columns = list(zip(*rows, strict=True)) if rows else [(), (), (), (), ()]
    text = pandas.StringDtype("python")
    data = {
        "ok": pandas.array(columns[0], dtype=bool),
        "passed": pandas.array(columns[1], dtype="boolean"),
        "outcome": pandas.array(columns[2], dtype=text),
        "result": pandas.array(columns[3], dtype=text),
        "errors": pandas.array(columns[4], dtype=text),
    }
    return cast("pd.DataFrame", pandas.DataFrame(data, index=index))


# --- tables -------------------------------------------------------------------------------------


def _is_arrow(data: object) -> bool:
    module = type(data).__module__
    return module.startswith("pyarrow") and type(data).__name__ in {"Table", "RecordBatch"}


def _arrow_records(
    table: Any, columns: Sequence[str] | None, structured: frozenset[str]
) -> Iterator[dict[str, Any]]:
    if columns is not None:
        table = table.select(list(columns))
    batches = table.to_batches() if hasattr(table, "to_batches") else [table]
    for batch in batches:
        names = list(batch.schema.names)
        for row in batch.to_pylist():
            yield _record(names, (row[n] for n in names), structured)


def _frame_records(
    frame: Any, columns: Sequence[str] | None, structured: frozenset[str]
) -> Iterator[dict[str, Any]]:
    names = [str(c) for c in (frame.columns if columns is None else columns)]
    view = frame if columns is None else frame[list(columns)]
    for cells in view.itertuples(index=False, name=None):
        yield _record(names, cells, structured)


def evaluate(
    data: Any,
    check: str,
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
    columns: Sequence[str] | None = None,
    keep: Sequence[str] = (),
    waivers: Iterable[Waiver | Mapping[str, Any]] | None = None,
    strict: bool = False,
    on_error: OnError = "return",
) -> pd.DataFrame:
    """Evaluate every row of a pandas DataFrame or a pyarrow Table for ``check``.

    ``check`` is one of :data:`CHECKS`. ``columns`` picks the columns that make up a record
    (by default all of them). ``keep`` names input columns copied to the front of the result
    (an id, say, where the index will be lost, as under Spark). Returns one result row per
    input row, on the input's index.

    .. versionadded:: 0.4
    """
    name = _check_name(check)
    structured = _structured_fields(name)
    clash = sorted(set(keep) & set(RESULT_COLUMNS))
    if clash:
        raise InvalidInput.single(
            ("keep",), "value_error", f"clashes with a result column: {clash}"
        )
    if _is_arrow(data):
        _import("pyarrow", "arrow")
        records: Iterator[dict[str, Any]] = _arrow_records(data, columns, structured)
        index = None
    else:
        pandas = _import("pandas", "pandas")
        if not isinstance(data, pandas.DataFrame):
            raise InvalidInput.single(
                ("data",), "frame_type", "not a pandas DataFrame or a pyarrow Table"
            )
        records = _frame_records(data, columns, structured)
        index = data.index
    items = evaluate_records(
        records, name, policy, as_of=as_of, waivers=waivers, strict=strict, on_error=on_error
    )
    out = result_frame([result_row(item) for item in items], index)
    for position, column in enumerate(keep):
        values = data.column(column).to_pylist() if index is None else data[column].to_numpy()
        out.insert(position, column, values)
    return out


def evaluate_frames(
    frames: Iterable[Any],
    check: str,
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date,
    columns: Sequence[str] | None = None,
    keep: Sequence[str] = (),
    waivers: Iterable[Waiver | Mapping[str, Any]] | None = None,
    strict: bool = False,
) -> Iterator[pd.DataFrame]:
    """:func:`evaluate` each frame in turn: the shape Spark's ``mapInPandas`` expects.

    ``as_of`` is required, so every worker judges on the same day.
    """
    for frame in frames:
        yield evaluate(
            frame,
            check,
            policy,
            as_of=as_of,
            columns=columns,
            keep=keep,
            waivers=waivers,
            strict=strict,
        )
