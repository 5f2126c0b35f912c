"""Finding: one rule's conclusion about one subject, with the evidence it read."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from peersupport._frozen import frozen_map, thaw
from peersupport._lazy import lazy_property
from peersupport.engine._enums import Outcome, Severity

if TYPE_CHECKING:
    from peersupport.engine._citation import Citation
    from peersupport.engine._rule import Rule
    from peersupport.engine._waiver import Waiver

__all__ = ["Finding"]


def _finding_repr(self: Finding) -> str:
    # Only identifiers and enums: the evidence may hold matched text, so it stays out.
    return (
        f"Finding(rule_id={self.rule_id!r}, outcome={self.outcome.value!r}, "
        f"severity={self.severity.value!r}, subject={self.subject!r})"
    )


def _rule_key(rule: Rule[Any, Any]) -> str:
    return rule.id


# A dict-backed class: its __init__ stores fields straight into the instance dict, about
# half the cost of a slotted frozen class. A check builds one finding per rule per record,
# so construction is most of the engine's own overhead in a batch.
@attrs.frozen(eq=True, repr=False, slots=False)
class Finding:
    """The result of one rule for one subject.

    ``evidence`` holds the plain facts the rule read (ids, dates as ISO strings, counts);
    ``message`` is filled from the rule's template keyed by ``message_key``, ready for
    translation. Only the engine builds findings (``Rule.evaluate`` and the waivers).
    """

    rule: Rule[Any, Any] = attrs.field(eq=_rule_key)
    outcome: Outcome
    message_key: str
    # Stored as the rule returned it and handed out read-only (see ``evidence``).
    _evidence: Mapping[str, Any] = attrs.field(alias="evidence", hash=False)
    subject: str | None = None
    waiver: Waiver | None = attrs.field(default=None, eq=False)
    waived_from: Outcome | None = None

    __repr__ = _finding_repr

    @lazy_property
    def evidence(self) -> Mapping[str, Any]:
        """The facts the rule read, read-only all the way down (lists are tuples).

        Frozen on first access rather than when the finding is made: most findings of a
        batch are never looked into, and the rule's own dict is never handed out.
        """
        return frozen_map(self._evidence)

    @property
    def severity(self) -> Severity:
        """The rule's severity (a waiver changes the outcome, never the severity)."""
        return self.rule.severity

    @property
    def template(self) -> str:
        """The English message template for ``message_key``."""
        template: str = self.rule.messages[self.message_key]
        return template

    @property
    def rule_id(self) -> str:
        """The stable id of the rule, e.g. ``ELIG-001``."""
        return self.rule.id

    @property
    def title(self) -> str:
        """The rule's title."""
        return self.rule.title

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Where in the guidance the rule comes from."""
        return self.rule.citations

    @property
    def remediation(self) -> str:
        """What to do when the rule is not met."""
        return self.rule.remediation

    @property
    def message(self) -> str:
        """The English message, filled from the evidence."""
        return self.template.format_map(_Ctx(self._evidence, self.rule_id))

    @property
    def message_id(self) -> str:
        """``RULE-ID.key``: the id a translation catalogue looks the message up by."""
        return f"{self.rule.id}.{self.message_key}"

    def render_message(self, catalogue: Mapping[str, str]) -> str:
        """The message from a translated ``catalogue`` of templates, English if it lacks one.

        Templates name evidence fields in braces, as the English ones do (see
        ``peersupport.messages()``).
        """
        template = catalogue.get(self.message_id, self.template)
        return template.format_map(_Ctx(self._evidence, self.rule_id))

    @property
    def is_failure(self) -> bool:
        """``not_met`` at a blocking severity (required or critical)."""
        return self.outcome is Outcome.NOT_MET and self.severity.blocking

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        """Plain JSON-ready form, in a stable shape."""
        out: dict[str, Any] = {
            "rule_id": self.rule_id,
            "title": self.title,
            "outcome": self.outcome.value,
            "severity": self.severity.value,
            "message": self.message,
            "message_key": self.message_key,
            "message_id": self.message_id,
            "evidence": thaw(self._evidence),
            "citations": [c.to_dict() for c in self.citations],
            "remediation": self.remediation,
            "subject": self.subject,
        }
        if self.waiver is not None:
            out["waived_from"] = self.waived_from.value if self.waived_from else None
            out["waiver"] = self.waiver.to_dict(include_text=include_text)
        return out


class _Ctx(dict[str, Any]):
    """Formatting context that renders lists readably and never fails on a missing key."""

    def __init__(self, evidence: Mapping[str, Any], rule_id: str) -> None:
        super().__init__(evidence)
        self["rule_id"] = rule_id

    def __getitem__(self, key: str) -> Any:
        value = super().__getitem__(key)
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value) if value else "none"
        return value

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
