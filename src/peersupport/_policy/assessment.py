"""Policy fields for self-assessments and the programme audit."""

from __future__ import annotations

from peersupport._policy._base import PolicyPart

__all__ = ["AssessmentPolicy"]


class AssessmentPolicy(PolicyPart):
    """Self-assessments and the programme audit."""
