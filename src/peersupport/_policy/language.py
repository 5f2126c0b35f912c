"""Policy fields for language rules in notes: add, remove or re-grade rules."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final, Self

from pydantic import field_validator, model_validator

from peersupport._policy._base import PolicyPart, cited
from peersupport.engine import Severity
from peersupport.text._language_pack import LanguageRuleSpec

__all__ = ["LanguagePolicy"]

_LANGUAGE: Final = "who-qualityrights-one-to-one §7. Language"
_RULE_ID: Final = re.compile(r"[A-Z]+-\d{3}")


class LanguagePolicy(PolicyPart):
    """Language rules in notes.

    The guidance says there is no agreed list of good and bad words, so an organisation
    can turn bundled rules off, re-grade them, add its own, and name organisations whose
    names should never be flagged.
    """

    language_disabled_rules: tuple[str, ...] = cited(
        (),
        _LANGUAGE,
        "Bundled language rules (LANG-…) the organisation turns off. The guidance notes "
        "there is no agreed list of good and bad words.",
    )
    language_severity: tuple[tuple[str, Severity], ...] = cited(
        (),
        _LANGUAGE,
        "Language rules re-graded: a mapping of rule id to severity (critical, required, "
        "recommended or advisory), kept as sorted pairs so a policy stays hashable.",
    )
    language_rules: tuple[LanguageRuleSpec, ...] = cited(
        (),
        _LANGUAGE,
        "Language rules the organisation adds, in the pack format (id, title, category, "
        "severity, message, suggestion, rationale, patterns, exceptions, sources, context). "
        "Their ids must not be bundled ones; LANG-900 to LANG-999 are kept for this.",
    )
    language_organisations: tuple[str, ...] = cited(
        (),
        _LANGUAGE,
        "Names of organisations (as token patterns) whose words are never flagged, besides "
        "the bundled ones.",
    )

    @field_validator("language_disabled_rules")
    @classmethod
    def _ids(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for n, rule_id in enumerate(value):
            if not _is_rule_id(rule_id):
                raise ValueError(f"entry {n} is not a rule id like LANG-001")
        return value

    @field_validator("language_severity", mode="before")
    @classmethod
    def _severity_pairs(cls, value: object) -> object:
        if isinstance(value, Mapping):
            return tuple(sorted(value.items(), key=lambda kv: str(kv[0])))
        return value

    @field_validator("language_severity")
    @classmethod
    def _severity_ids(
        cls, value: tuple[tuple[str, Severity], ...]
    ) -> tuple[tuple[str, Severity], ...]:
        ids = [rule_id for rule_id, _ in value]
        if not all(_is_rule_id(rule_id) for rule_id in ids):
            raise ValueError("keys must be rule ids like LANG-001")
        if len(set(ids)) != len(ids):
            raise ValueError("a rule is re-graded twice")
        return tuple(sorted(value))

    @field_validator("language_rules")
    @classmethod
    def _patterns(cls, value: tuple[LanguageRuleSpec, ...]) -> tuple[LanguageRuleSpec, ...]:
        if not value:
            return value
        from peersupport.text._language import bundled_rules, validate_patterns  # noqa: PLC0415 - load packs only when needed

        bundled = {r.id for r in bundled_rules()}
        seen: set[str] = set()
        for rule in value:
            if rule.id in bundled:
                raise ValueError(f"{rule.id} is a bundled rule; re-grade it with language_severity")
            if rule.id in seen:
                raise ValueError(f"{rule.id} is given twice")
            seen.add(rule.id)
            validate_patterns((*rule.patterns, *rule.exceptions))
        return value

    @field_validator("language_organisations")
    @classmethod
    def _organisations(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if value:
            from peersupport.text._language import validate_patterns  # noqa: PLC0415 - load packs only when needed

            validate_patterns(value)
        return value

    @model_validator(mode="after")
    def _known_rules(self) -> Self:
        named = {*self.language_disabled_rules, *(rule_id for rule_id, _ in self.language_severity)}
        if not named:
            return self
        from peersupport.text._language import bundled_rules  # noqa: PLC0415 - load packs only when needed

        known = {r.id for r in bundled_rules()} | {r.id for r in self.language_rules}
        unknown = sorted(named - known)
        if unknown:
            raise ValueError(f"unknown language rules: {', '.join(unknown)}")
        return self


def _is_rule_id(value: str) -> bool:
    return _RULE_ID.fullmatch(value) is not None
