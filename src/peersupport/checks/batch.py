"""Streaming batch forms of the checks: many records in, one :class:`BatchItem` out per record.

Each ``*_many`` function takes an iterable of models or mappings and yields lazily, reading one
record at a time, so memory stays flat in the number of records. The policy, the day and the
waivers are validated once per call, never per record.

Records are validated one by one with ``model_validate``. Validating chunks with one pydantic
``TypeAdapter(list[Model])`` call was measured and is not faster here (equal at 16 records a
chunk, about three times slower at 256, as the garbage collector walks the larger batches of
new objects), and it would need a second pass to give each error to its record.

A record that fails validation does not stop the batch: with ``on_error="return"`` (the
default) it comes back as a :class:`BatchItem` whose ``errors`` hold the
:class:`~peersupport.InvalidInput` details, with locations relative to the record; with
``on_error="raise"`` the batch raises :class:`~peersupport.InvalidInput` when it reaches the
record, with the record's position first in each location (as :func:`assess_tasks` does).
Either way every earlier record has been yielded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, Generic, Literal, TypeVar

import attrs

from peersupport._errors import ErrorDetail, InvalidInput
from peersupport.checks._common import CheckContext, coerce_model, make_context, run_rules
from peersupport.checks.boundaries import check_boundaries
from peersupport.checks.confidentiality import ConfidentialityDecision, decide_confidentiality
from peersupport.checks.drift import DriftProfile, drift_profile
from peersupport.checks.eligibility import ELIGIBILITY
from peersupport.checks.language import LanguageFinding, check_language
from peersupport.checks.programme import ProgrammeReport, check_program
from peersupport.checks.roles import RoleVerdict, assess_task
from peersupport.checks.training import TrainingReport, training_report
from peersupport.engine import Report, Waiver, coerce_waivers
from peersupport.model import FrozenModel, Supporter
from peersupport.model.activity import ActivityLog
from peersupport.model.disclosure import Disclosure
from peersupport.model.program import Program
from peersupport.policy import Policy

__all__ = [
    "BatchItem",
    "OnError",
    "assess_tasks_many",
    "check_boundaries_many",
    "check_eligibility_many",
    "check_notes_many",
    "check_program_many",
    "check_training_many",
    "decide_confidentiality_many",
    "drift_profiles_many",
]

R = TypeVar("R")
M = TypeVar("M", bound=FrozenModel)

OnError = Literal["raise", "return"]

_NOT_ITERABLE = (str, bytes, Mapping)


@attrs.frozen(repr=False)
class BatchItem(Generic[R]):
    """One record's outcome in a batch: its position, and its result or its validation errors."""

    index: int
    result: R | None = None
    errors: tuple[ErrorDetail, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the record validated and has a result."""
        return not self.errors

    def unwrap(self) -> R:
        """The result; raises :class:`~peersupport.InvalidInput` for a record that failed."""
        if self.errors or self.result is None:
            raise InvalidInput(self.errors)
        return self.result

    def errors_as_dicts(self) -> list[dict[str, Any]]:
        """The errors as plain ``{"loc", "type", "msg"}`` mappings (no input values)."""
        return [{"loc": list(e.loc), "type": e.type, "msg": e.msg} for e in self.errors]

    def __repr__(self) -> str:
        state = f"errors={len(self.errors)}" if self.errors else f"result={self.result!r}"
        return f"BatchItem(index={self.index}, {state})"


def _check_iterable(items: object, name: str) -> None:
    if isinstance(items, _NOT_ITERABLE) or not isinstance(items, Iterable):
        raise InvalidInput.single((name,), "list_type", f"not a list of {name}")


def _check_on_error(on_error: object) -> None:
    if on_error not in {"raise", "return"}:
        raise InvalidInput.single(("on_error",), "literal_error", "must be 'raise' or 'return'")


def _failed(index: int, exc: InvalidInput, on_error: OnError) -> BatchItem[Any]:
    if on_error == "raise":
        raise InvalidInput([attrs.evolve(e, loc=(index, *e.loc)) for e in exc.errors]) from None
    return BatchItem(index, None, exc.errors)


def _one(model: type[M], raw: object, name: str) -> M | InvalidInput:
    try:
        return coerce_model(model, raw, name)
    except InvalidInput as exc:
        return exc


def _run(
    model: type[M],
    items: Iterable[object],
    name: str,
    on_error: OnError,
    check: Callable[[M], R],
) -> Iterator[BatchItem[R]]:
    for index, raw in enumerate(items):
        value = _one(model, raw, name)
        if isinstance(value, InvalidInput):
            yield _failed(index, value, on_error)
        else:
            yield BatchItem(index, check(value))


def _per_record(
    items: Iterable[object], on_error: OnError, check: Callable[[Any], R]
) -> Iterator[BatchItem[R]]:
    """For checks whose entry point validates the record itself: each record, errors kept."""
    for index, raw in enumerate(items):
        try:
            result = check(raw)
        except InvalidInput as exc:
            yield _failed(index, exc, on_error)
        else:
            yield BatchItem(index, result)


def _prepare(
    items: object,
    name: str,
    policy: Policy | Mapping[str, Any] | None,
    as_of: date | None,
    on_error: object,
) -> CheckContext:
    _check_iterable(items, name)
    _check_on_error(on_error)
    return make_context(policy, as_of)


def check_eligibility_many(
    supporters: Iterable[Supporter | Mapping[str, Any]],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
    waivers: Iterable[Waiver | Mapping[str, Any]] | None = None,
    strict: bool = False,
    on_error: OnError = "return",
) -> Iterator[BatchItem[Report]]:
    """Stream :func:`~peersupport.check_eligibility` over supporters, one item per supporter.

    The policy, ``as_of`` and waivers are validated at once; each item's report equals
    ``check_eligibility(supporter, policy, as_of=as_of, ...)``.
    """
    context = _prepare(supporters, "supporters", policy, as_of, on_error)
    valid = coerce_waivers(waivers)

    def check(s: Supporter) -> Report:
        return run_rules(ELIGIBILITY, s, s.id, context, waivers=valid or None, strict=strict)

    return _run(Supporter, supporters, "supporter", on_error, check)


def check_training_many(
    supporters: Iterable[Supporter | Mapping[str, Any]],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
    waivers: Iterable[Waiver | Mapping[str, Any]] | None = None,
    strict: bool = False,
    on_error: OnError = "return",
) -> Iterator[BatchItem[TrainingReport]]:
    """Stream :func:`~peersupport.check_training` over supporters, training needs included."""
    context = _prepare(supporters, "supporters", policy, as_of, on_error)
    valid = coerce_waivers(waivers)

    def check(s: Supporter) -> TrainingReport:
        return training_report(s, context, waivers=valid or None, strict=strict)

    return _run(Supporter, supporters, "supporter", on_error, check)


def check_program_many(
    programs: Iterable[Program | Mapping[str, Any]],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
    waivers: Iterable[Waiver | Mapping[str, Any]] | None = None,
    strict: bool = False,
    on_error: OnError = "return",
) -> Iterator[BatchItem[ProgrammeReport]]:
    """Stream :func:`~peersupport.check_program` over programmes, one item per programme."""
    context = _prepare(programs, "programs", policy, as_of, on_error)
    valid = coerce_waivers(waivers)

    def check(p: Program) -> ProgrammeReport:
        return check_program(p, context.policy, as_of=context.as_of, waivers=valid, strict=strict)

    return _run(Program, programs, "program", on_error, check)


def decide_confidentiality_many(
    disclosures: Iterable[Disclosure | Mapping[str, Any]],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
    on_error: OnError = "return",
) -> Iterator[BatchItem[ConfidentialityDecision]]:
    """Stream :func:`~peersupport.decide_confidentiality` over disclosures."""
    context = _prepare(disclosures, "disclosures", policy, as_of, on_error)

    def check(d: Disclosure) -> ConfidentialityDecision:
        return decide_confidentiality(d, context.policy, as_of=context.as_of)

    return _run(Disclosure, disclosures, "disclosure", on_error, check)


def _pair(item: object) -> tuple[Any, Any]:
    if isinstance(item, Mapping):
        unknown = sorted(str(k) for k in item if k not in {"agreement", "contacts"})
        if unknown:
            raise InvalidInput.single((unknown[0],), "extra_forbidden", "unknown field")
        return item.get("agreement"), item.get("contacts")
    if isinstance(item, Sequence) and not isinstance(item, str | bytes) and len(item) == 2:  # noqa: PLR2004 - a pair
        return item[0], item[1]
    raise InvalidInput.single((), "pair_type", "not an (agreement, contacts) pair")


def check_boundaries_many(
    pairs: Iterable[tuple[Any, Any] | Mapping[str, Any]],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
    waivers: Iterable[Waiver | Mapping[str, Any]] | None = None,
    strict: bool = False,
    on_error: OnError = "return",
) -> Iterator[BatchItem[Report]]:
    """Stream :func:`~peersupport.check_boundaries` over ``(agreement, contacts)`` pairs.

    A pair may also be a mapping with the keys ``agreement`` and ``contacts``.
    """
    context = _prepare(pairs, "pairs", policy, as_of, on_error)
    valid = coerce_waivers(waivers)

    def check(item: object) -> Report:
        agreement, contacts = _pair(item)
        return check_boundaries(
            agreement, contacts, context.policy, as_of=context.as_of, waivers=valid, strict=strict
        )

    return _per_record(pairs, on_error, check)


def assess_tasks_many(
    tasks: Iterable[Any],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    on_error: OnError = "return",
) -> Iterator[BatchItem[RoleVerdict]]:
    """Like :func:`~peersupport.assess_tasks`, but a bad task comes back as an item's errors."""
    _check_iterable(tasks, "tasks")
    _check_on_error(on_error)
    from peersupport.policy import coerce_policy  # noqa: PLC0415 - keeps the imports above flat

    valid = coerce_policy(policy)
    return _per_record(tasks, on_error, lambda t: assess_task(t, valid))


def check_notes_many(
    notes: Iterable[Any],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    include_text: bool = False,
    on_error: OnError = "return",
) -> Iterator[BatchItem[tuple[LanguageFinding, ...]]]:
    """Like :func:`~peersupport.check_notes`, but a bad note comes back as an item's errors."""
    _check_iterable(notes, "notes")
    _check_on_error(on_error)
    from peersupport.policy import coerce_policy  # noqa: PLC0415 - keeps the imports above flat

    valid = coerce_policy(policy)
    return _per_record(
        notes, on_error, lambda n: check_language(n, valid, include_text=include_text)
    )


def drift_profiles_many(
    logs: Iterable[ActivityLog | Mapping[str, Any]],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
    on_error: OnError = "return",
) -> Iterator[BatchItem[DriftProfile]]:
    """Like :func:`~peersupport.drift_profiles`, but a bad log comes back as an item's errors."""
    context = _prepare(logs, "logs", policy, as_of, on_error)

    def check(log: ActivityLog) -> DriftProfile:
        return drift_profile(log, context.policy, as_of=context.as_of)

    return _run(ActivityLog, logs, "activity", on_error, check)
