"""Policy fields for peer-drift indicators and their thresholds."""

from __future__ import annotations

from peersupport._policy._base import PolicyPart

__all__ = ["DriftPolicy"]


class DriftPolicy(PolicyPart):
    """Peer-drift indicators and their thresholds."""
