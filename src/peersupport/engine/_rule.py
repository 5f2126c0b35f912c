"""Rule and RuleSet: cited, stable checks evaluated as plain functions."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Final, Generic, NamedTuple, SupportsIndex, TypeAlias, TypeVar

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


# The rules of every rule set built with RuleSet.of, by id: how a rule is found on unpickling.
_BY_ID: Final[dict[str, Rule[Any, Any]]] = {}


def _rule_by_id(rule_id: str) -> Rule[Any, Any]:
    """The rule set rule with this id (unpickling); the bundled rule sets are loaded if need be."""
    if rule_id not in _BY_ID:
        importlib.import_module("peersupport.checks")  # builds and so registers the bundled sets
    try:
        return _BY_ID[rule_id]
    except KeyError:
        raise LookupError(f"no rule set defines rule {rule_id}") from None


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

    def __reduce_ex__(self, protocol: SupportsIndex) -> str | tuple[Any, ...]:
        # A rule holds its check function, often a closure that cannot be pickled. A rule
        # of a rule set is pickled as its id and found again on load, so findings and
        # reports can cross process boundaries (multiprocessing, a Dask worker).
        if _BY_ID.get(self.id) is self:
            return (_rule_by_id, (self.id,))
        return super().__reduce_ex__(protocol)

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
    # ``concept/version``, as reports name it; made once, since every report reads it.
    label: str = attrs.field(
        init=False,
        default=attrs.Factory(lambda self: f"{self.concept}/{self.version}", takes_self=True),
    )
    # Each rule's check and message keys, read once rather than per rule per record.
    _steps: tuple[tuple[Callable[[S, C], CheckResult], Mapping[str, str]], ...] = attrs.field(
        init=False,
        repr=False,
        default=attrs.Factory(
            lambda self: tuple((r.check, r.messages) for r in self.rules), takes_self=True
        ),
    )

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for rule in self.rules:
            if rule.id in seen:
                raise ValueError(f"duplicate rule id {rule.id} in rule set {self.concept}")
            seen.add(rule.id)

    @classmethod
    def of(cls, concept: str, version: str, rules: Iterable[Rule[S, C]]) -> RuleSet[S, C]:
        """Build a rule set, stamping each rule with the concept."""
        ruleset = cls(
            concept=concept,
            version=version,
            rules=tuple(attrs.evolve(r, concept=concept) for r in rules),
        )
        _BY_ID.update((r.id, r) for r in ruleset.rules)
        return ruleset

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
        return tuple(
            Finding(rule, o, k, e, subject_id)
            for rule, (o, k, e) in zip(self.rules, self.results(subject, context), strict=True)
        )

    def results(self, subject: S, context: C) -> tuple[CheckResult, ...]:
        """Evaluate every rule in order: ``(outcome, message_key, evidence)`` for each rule.

        What a report is built from, with ``rules``; it makes the findings when read.
        """
        # The body of Rule.evaluate, inlined: it runs once per rule per record.
        out: list[CheckResult] = []
        append = out.append
        for check, messages in self._steps:
            result = check(subject, context)
            if result[1] not in messages:
                rule_id = self.rules[len(out)].id
                msg = f"{rule_id} returned message key {result[1]!r} that it does not declare"
                raise KeyError(msg)
            append(result)
        return tuple(out)
