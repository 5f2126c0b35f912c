"""Rule and RuleSet: cited, stable checks evaluated as plain functions."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Final, Generic, NamedTuple, TypeAlias, TypeVar

import attrs

from peersupport.engine._citation import Citation
from peersupport.engine._enums import Outcome, Severity
from peersupport.engine._finding import Finding

__all__ = ["CheckResult", "Evaluation", "Rule", "RuleSet"]

S = TypeVar("S")
C = TypeVar("C")

RULE_ID: Final = re.compile(r"^[A-Z]+-\d{3}$")


class Evaluation(NamedTuple):
    """What a rule function returns: an outcome, a message key and the evidence it read."""

    outcome: Outcome
    key: str
    evidence: Mapping[str, Any]


CheckResult: TypeAlias = tuple[Outcome, str, Mapping[str, Any]]
"""What a check may return: an :class:`Evaluation`, or the same three values as a plain tuple.

Checks that run for every record of a batch return plain tuples, which cost a tenth of a
named tuple to build; the engine treats both alike.
"""


def _check_id(_inst: object, _attr: object, value: str) -> None:
    if not RULE_ID.match(value):
        raise ValueError(f"rule id {value!r} must look like ABC-001")


def _non_empty(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if not value:
        raise ValueError(f"{attr.name} must not be empty")


@attrs.frozen(eq=False)
class Rule(Generic[S, C]):
    """A cited check with a stable id, evaluated as ``check(subject, context)``.

    ``messages`` maps each message key the check may return to an English template
    filled from the evidence; the key is what a translation would look up.
    """

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_non_empty)
    severity: Severity
    citations: tuple[Citation, ...] = attrs.field(validator=_non_empty)
    rationale: str = attrs.field(validator=_non_empty)
    remediation: str = attrs.field(validator=_non_empty)
    check: Callable[[S, C], CheckResult] = attrs.field(repr=False)
    messages: Mapping[str, str] = attrs.field(repr=False, validator=_non_empty)
    tags: tuple[str, ...] = ()
    concept: str = ""

    def evaluate(self, subject: S, context: C, subject_id: str | None) -> Finding:
        """Run the check and wrap its evaluation as a finding about ``subject_id``."""
        outcome, key, evidence = self.check(subject, context)
        if key not in self.messages:
            msg = f"{self.id} returned message key {key!r} that it does not declare"
            raise KeyError(msg)
        # Positional arguments: this runs once per rule per record.
        return Finding(self, outcome, key, evidence, subject_id)

    def describe(self) -> dict[str, Any]:
        """The rule's catalogue entry as plain JSON values."""
        return {
            "id": self.id,
            "title": self.title,
            "concept": self.concept,
            "severity": self.severity.value,
            "citations": [c.to_dict() for c in self.citations],
            "rationale": self.rationale,
            "remediation": self.remediation,
            "tags": list(self.tags),
        }


@attrs.frozen(eq=False)
class RuleSet(Generic[S, C]):
    """The rules of one concept, in evaluation order, with a version for reports."""

    concept: str
    version: str
    rules: tuple[Rule[S, C], ...]

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for rule in self.rules:
            if rule.id in seen:
                raise ValueError(f"duplicate rule id {rule.id} in rule set {self.concept}")
            seen.add(rule.id)

    @classmethod
    def of(cls, concept: str, version: str, rules: Iterable[Rule[S, C]]) -> RuleSet[S, C]:
        """Build a rule set, stamping each rule with the concept."""
        return cls(
            concept=concept,
            version=version,
            rules=tuple(attrs.evolve(r, concept=concept) for r in rules),
        )

    @property
    def label(self) -> str:
        """``concept/version``, as reports name it."""
        return f"{self.concept}/{self.version}"

    def __iter__(self) -> Iterator[Rule[S, C]]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> Rule[S, C] | None:
        """The rule with this id, or ``None``."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        return None

    def evaluate(self, subject: S, context: C, subject_id: str | None) -> tuple[Finding, ...]:
        """Evaluate every rule in order."""
        # The body of Rule.evaluate, inlined: it runs once per rule per record.
        out = []
        for rule in self.rules:
            outcome, key, evidence = rule.check(subject, context)
            if key not in rule.messages:
                msg = f"{rule.id} returned message key {key!r} that it does not declare"
                raise KeyError(msg)
            out.append(Finding(rule, outcome, key, evidence, subject_id))
        return tuple(out)
