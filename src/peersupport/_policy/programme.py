"""Policy fields for programme structure, the roster, supervision, hiring and work."""

from __future__ import annotations

from peersupport._policy._base import PolicyPart

__all__ = ["ProgrammePolicy"]


class ProgrammePolicy(PolicyPart):
    """Programme structure, on-call roster, supervision, hiring and conditions of work."""
