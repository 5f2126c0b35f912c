"""Policy fields for boundary agreements and contacts."""

from __future__ import annotations

from peersupport._policy._base import PolicyPart

__all__ = ["BoundariesPolicy"]


class BoundariesPolicy(PolicyPart):
    """Boundary agreements and contacts."""
