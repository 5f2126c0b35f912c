"""Machinery the checks share: input coercion, the evaluation context and report assembly."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any, TypeVar

import attrs
from pydantic import BaseModel, ValidationError

from peersupport._errors import InvalidInput
from peersupport.engine import (
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

_JSON_SCALARS = (str, bytes, int, float, bool, list, tuple, set, frozenset, type(None))


@attrs.frozen
class CheckContext:
    """What every rule may read besides its subject: the policy and the day it is judged on."""

    policy: Policy
    as_of: date
    # Facts derived from the subject once per check and shared by its rules (for example
    # each module's first and last completion); private to one evaluation.
    memo: dict[str, Any] = attrs.field(factory=dict, eq=False, repr=False)

    def within(self, day: date | None, days: int) -> bool:
        """Whether ``day`` is on or before ``as_of`` and no more than ``days`` before it."""
        return day is not None and self.as_of - timedelta(days=days) <= day <= self.as_of


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


def make_context(policy: Policy | Mapping[str, Any] | None, as_of: date | None) -> CheckContext:
    """Validate the policy and the date into a context."""
    return CheckContext(policy=coerce_policy(policy), as_of=coerce_as_of(as_of))


def run_rules(
    ruleset: RuleSet[S, CheckContext],
    subject: S,
    subject_id: str | None,
    context: CheckContext,
    *,
    waivers: Iterable[Waiver | Mapping[str, Any]] | None,
    strict: bool,
    report_type: type[Report] = Report,
    **extra: Any,
) -> Report:
    """Evaluate a rule set on one subject and assemble the report, waivers applied."""
    findings = ruleset.evaluate(subject, context, subject_id)
    valid_waivers: tuple[Waiver, ...] = ()
    if waivers is not None:  # the common case in a batch has none: skip the machinery
        from peersupport.checks._registry import severity_of  # noqa: PLC0415 - registry imports us

        valid_waivers = coerce_waivers(waivers)
        findings = apply_waivers(
            findings, valid_waivers, as_of=context.as_of, strict=strict, severity_of=severity_of
        )
    return report_type(
        findings=findings,
        ruleset_version=ruleset.label,
        policy_digest=context.policy.digest,
        source=subject,
        as_of=context.as_of,
        waivers=valid_waivers,
        strict=strict,
        **extra,
    )
