"""Outcome and Severity: the two scales every finding is placed on."""

from __future__ import annotations

from enum import StrEnum
from typing import Final

__all__ = ["Outcome", "Severity"]


class Outcome(StrEnum):
    """What a rule concluded about one subject."""

    MET = "met"
    NOT_MET = "not_met"
    NEEDS_REVIEW = "needs_review"
    NOT_APPLICABLE = "not_applicable"
    WAIVED = "waived"


class Severity(StrEnum):
    """How much a rule matters, after the modal verbs the guidance uses."""

    CRITICAL = "critical"
    REQUIRED = "required"
    RECOMMENDED = "recommended"
    ADVISORY = "advisory"

    @property
    def rank(self) -> int:
        """Higher is graver: advisory 0 … critical 3."""
        return _SEVERITY_RANK[self]

    @property
    def blocking(self) -> bool:
        """Whether a ``not_met`` at this severity fails a report."""
        return self in {Severity.CRITICAL, Severity.REQUIRED}


_SEVERITY_RANK: Final = {
    Severity.ADVISORY: 0,
    Severity.RECOMMENDED: 1,
    Severity.REQUIRED: 2,
    Severity.CRITICAL: 3,
}
