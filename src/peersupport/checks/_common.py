"""Machinery the checks share: input coercion, the evaluation context and report assembly."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from typing import Any, TypeVar

import attrs
from pydantic import BaseModel, ValidationError

from peersupport._errors import InvalidInput
from peersupport.engine import (
    Finding,
    Report,
    RuleSet,
    Waiver,
    apply_waivers,
    coerce_waivers,
)
from peersupport.model import FrozenModel
from peersupport.policy import Policy, coerce_policy

__all__ = ["CheckContext", "coerce_model", "make_context", "run_rules"]

M = TypeVar("M", bound=BaseModel)
S = TypeVar("S", bound=FrozenModel)
T = TypeVar("T")

_JSON_SCALARS = (str, bytes, int, float, bool, list, tuple, set, frozenset, type(None))


@attrs.frozen(slots=False)  # dict-backed, for the lazy properties
class CheckContext:
    """What every rule may read besides its subject: the policy and the day it is judged on.

    Checks made one after another with the same policy object and day share one context
    (see :func:`make_context`), so what is derived from the policy is derived once.
    """

    policy: Policy
    as_of: date
    # Facts derived from a subject and shared by the rules, and by the checks, that read
    # them (for example each module's first and last completion). Each entry names the
    # subject it was worked out for by a weak reference, and is replaced for the next one.
    memo: dict[str, Any] = attrs.field(factory=dict, eq=False, repr=False)
    _cutoffs: dict[int, date] = attrs.field(factory=dict, init=False, eq=False, repr=False)
    _derived: dict[str, Any] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    def since(self, days: int) -> date:
        """The earliest day no more than ``days`` before ``as_of`` (``date.min`` at the least)."""
        cutoff = self._cutoffs.get(days)
        if cutoff is None:
            try:
                cutoff = self.as_of - timedelta(days=days)
            except OverflowError:  # before the first day a date can name
                cutoff = date.min
            self._cutoffs[days] = cutoff
        return cutoff

    def within(self, day: date | None, days: int) -> bool:
        """Whether ``day`` is on or before ``as_of`` and no more than ``days`` before it."""
        return day is not None and self.since(days) <= day <= self.as_of

    def derived(self, key: str, make: Callable[[CheckContext], T]) -> T:
        """What ``make`` works out from the policy and day, once per context.

        ``key`` names the value (a rule id, say); the value must not depend on a subject.
        """
        try:
            found: T = self._derived[key]
        except KeyError:
            found = self._derived[key] = make(self)
        return found


def coerce_model(model: type[M], value: M | Mapping[str, Any] | object, name: str) -> M:
    """Accept a model instance, a mapping or an attribute-bearing object (an ORM row)."""
    if isinstance(value, model):
        return value
    try:
        if isinstance(value, Mapping):
            return model.model_validate(value)
        if isinstance(value, _JSON_SCALARS):
            raise InvalidInput.single((name,), "model_type", f"not a {model.__name__} or a mapping")
        return model.model_validate(value, from_attributes=True)
    except ValidationError as exc:
        raise InvalidInput.from_validation_error(exc) from None


def coerce_as_of(as_of: date | None) -> date:
    """``as_of`` as given, or today: the one place the library reads the clock."""
    if as_of is None:
        return date.today()  # noqa: DTZ011 - the documented default at the public entry point
    if not isinstance(as_of, date):
        raise InvalidInput.single(("as_of",), "date_type", "not a date")
    return as_of


# The context of the last check. A host checks many subjects on one policy and day, and the
# eligibility and training checks of one supporter share what they derive from it.
_last_context: CheckContext | None = None


def make_context(policy: Policy | Mapping[str, Any] | None, as_of: date | None) -> CheckContext:
    """Validate the policy and the date into a context: the last one, if it matches."""
    global _last_context  # noqa: PLW0603 - a one-entry cache; replacing it is atomic
    valid_policy = coerce_policy(policy)
    day = coerce_as_of(as_of)
    last = _last_context
    if last is not None and last.policy is valid_policy and last.as_of == day:
        return last
    context = CheckContext(policy=valid_policy, as_of=day)
    _last_context = context
    return context


def run_rules(
    ruleset: RuleSet[S, CheckContext],
    subject: S,
    subject_id: str | None,
    context: CheckContext,
    *,
    waivers: Iterable[Waiver | Mapping[str, Any]] | None,
    strict: bool,
    report_type: type[Report] = Report,
    fields: Mapping[str, Any] | None = None,
) -> Report:
    """Evaluate a rule set on one subject and assemble the report, waivers applied.

    Without waivers the report keeps the rules' results and makes the findings when they
    are first read; with waivers the findings are made now, to apply them. ``fields`` are
    the report type's own fields, by attribute name (``_policy``).
    """
    results = ruleset.results(subject, context)
    if waivers is None:  # the common case in a batch: skip the machinery
        return report_type._from_results(  # noqa: SLF001 - the engine's constructor for checks
            ruleset.rules,
            results,
            subject_id,
            ruleset.label,
            context.policy.digest,
            subject,
            context.as_of,
            strict,
            fields,
        )
    from peersupport.checks._registry import severity_of  # noqa: PLC0415 - registry imports us

    valid_waivers = coerce_waivers(waivers)
    findings = apply_waivers(
        tuple(
            Finding(rule, o, k, e, subject_id)
            for rule, (o, k, e) in zip(ruleset.rules, results, strict=True)
        ),
        valid_waivers,
        as_of=context.as_of,
        strict=strict,
        severity_of=severity_of,
    )
    return report_type(
        findings=findings,
        ruleset_version=ruleset.label,
        policy_digest=context.policy.digest,
        source=subject,
        as_of=context.as_of,
        waivers=valid_waivers,
        strict=strict,
        # attrs names the argument of a private attribute without its underscore.
        **{name.lstrip("_"): value for name, value in (fields or {}).items()},
    )
