"""Waiver: an approved, time-limited exception to one rule."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import attrs
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from peersupport._errors import ErrorDetail, InvalidInput
from peersupport.engine._enums import Outcome, Severity
from peersupport.engine._finding import Finding

__all__ = ["Waiver", "apply_waivers", "coerce_waivers"]

_WAIVABLE = frozenset({Outcome.NOT_MET, Outcome.NEEDS_REVIEW})


class Waiver(BaseModel):
    """An approved exception to one rule, for one subject or for all, until it expires.

    The justification and the approver are free text: they never appear in the repr,
    and reports quote them only when asked to.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    rule_id: str = Field(pattern=r"^[A-Z]+-\d{3}$", description="The rule waived.")
    subject: str | None = Field(
        default=None, min_length=1, description="The subject it covers; none means every subject."
    )
    justification: str = Field(min_length=1, repr=False, description="Why the exception is right.")
    approved_by: str = Field(min_length=1, repr=False, description="Who approved it.")
    expires: date = Field(description="The last day on which it applies.")

    def applies_to(self, finding: Finding, as_of: date) -> bool:
        """Whether this waiver covers the finding on ``as_of``."""
        return (
            finding.rule_id == self.rule_id
            and (self.subject is None or self.subject == finding.subject)
            and as_of <= self.expires
            and finding.outcome in _WAIVABLE
        )

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        """Plain form; the justification and approver only when ``include_text``."""
        out: dict[str, Any] = {
            "rule_id": self.rule_id,
            "subject": self.subject,
            "expires": self.expires.isoformat(),
        }
        if include_text:
            out["justification"] = self.justification
            out["approved_by"] = self.approved_by
        return out


def coerce_waivers(waivers: Iterable[Waiver | Any] | None) -> tuple[Waiver, ...]:
    """Validate waivers given as models or mappings, reporting every bad one."""
    if waivers is None:
        return ()
    if isinstance(waivers, str | bytes | Mapping) or not isinstance(waivers, Iterable):
        raise InvalidInput.single(("waivers",), "list_type", "not a list of waivers")
    out: list[Waiver] = []
    errors: list[ErrorDetail] = []
    for i, raw in enumerate(waivers):
        if isinstance(raw, Waiver):
            out.append(raw)
            continue
        try:
            out.append(Waiver.model_validate(raw))
        except ValidationError as exc:
            errors.extend(InvalidInput.from_validation_error(exc, prefix=("waivers", i)).errors)
    if errors:
        raise InvalidInput(errors)
    return tuple(out)


def apply_waivers(
    findings: Sequence[Finding],
    waivers: Sequence[Waiver],
    *,
    as_of: date,
    strict: bool,
    severity_of: Callable[[str], Severity | None],
) -> tuple[Finding, ...]:
    """Mark the findings that a current waiver covers as ``waived``.

    A waiver of a critical rule, or of a rule that does not exist, is invalid input even in
    strict mode; strict mode then ignores every waiver.
    """
    errors = []
    for i, waiver in enumerate(waivers):
        severity = severity_of(waiver.rule_id)
        if severity is None:
            errors.append(ErrorDetail(("waivers", i, "rule_id"), "unknown_rule", "no such rule"))
        elif severity is Severity.CRITICAL:
            errors.append(
                ErrorDetail(
                    ("waivers", i, "rule_id"),
                    "critical_not_waivable",
                    f"{waiver.rule_id} is critical (safety of life) and cannot be waived",
                )
            )
    if errors:
        raise InvalidInput(errors)
    if strict or not waivers:
        return tuple(findings)
    out = []
    for finding in findings:
        match = next((w for w in waivers if w.applies_to(finding, as_of)), None)
        if match is None:
            out.append(finding)
        else:
            out.append(
                attrs.evolve(
                    finding, outcome=Outcome.WAIVED, waiver=match, waived_from=finding.outcome
                )
            )
    return tuple(out)
