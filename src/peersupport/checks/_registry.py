"""Every rule set of the library, and the catalogue built from them."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

from peersupport._errors import InvalidInput
from peersupport.checks.boundaries import BOUNDARIES
from peersupport.checks.confidentiality import CONFIDENTIALITY, INFORMATION_REQUESTS
from peersupport.checks.drift import DRIFT
from peersupport.checks.eligibility import ELIGIBILITY
from peersupport.checks.hiring import HIRING
from peersupport.checks.language import LANGUAGE
from peersupport.checks.roles import ROLES
from peersupport.checks.roster import ROSTER
from peersupport.checks.structure import STRUCTURE
from peersupport.checks.supervision import SUPERVISION
from peersupport.checks.training import TRAINING
from peersupport.checks.work import WORK
from peersupport.engine import Rule, RuleSet, Severity

__all__ = ["RULESETS", "messages", "rule", "rules", "severity_of"]

RULESETS: Final[tuple[RuleSet[Any, Any], ...]] = (
    ELIGIBILITY,
    TRAINING,
    STRUCTURE,
    ROSTER,
    SUPERVISION,
    HIRING,
    WORK,
    ROLES,
    CONFIDENTIALITY,
    INFORMATION_REQUESTS,
    LANGUAGE,
    BOUNDARIES,
    DRIFT,
)

_BY_ID: Final[Mapping[str, Rule[Any, Any]]] = MappingProxyType(
    {rule.id: rule for ruleset in RULESETS for rule in ruleset}
)
if len(_BY_ID) != sum(len(rs) for rs in RULESETS):  # pragma: no cover - guarded by tests
    raise RuntimeError("two rule sets share a rule id")


def rules(
    concept: str | None = None, severity: Severity | str | None = None
) -> tuple[Rule[Any, Any], ...]:
    """Every rule in the library, in catalogue order; optionally of one concept or severity."""
    try:
        sev = Severity(severity) if severity is not None else None
    except ValueError:
        choices = ", ".join(s.value for s in Severity)
        raise InvalidInput.single(("severity",), "enum", f"must be one of {choices}") from None
    return tuple(
        rule
        for ruleset in RULESETS
        if concept is None or ruleset.concept == concept
        for rule in ruleset
        if sev is None or rule.severity is sev
    )


def messages() -> dict[str, str]:
    """Every English message template, keyed ``RULE-ID.key``: the start of a translation."""
    return {
        f"{r.id}.{key}": template
        for ruleset in RULESETS
        for r in ruleset
        for key, template in r.messages.items()
    }


def rule(rule_id: str) -> Rule[Any, Any]:
    """The rule with this id; ``KeyError`` if there is none."""
    return _BY_ID[rule_id]


def severity_of(rule_id: str) -> Severity | None:
    """The severity of a rule, or ``None`` for an unknown id."""
    found = _BY_ID.get(rule_id)
    return found.severity if found else None
