"""Policy fields for role consistency of tasks."""

from __future__ import annotations

from peersupport._policy._base import PolicyPart

__all__ = ["RolesPolicy"]


class RolesPolicy(PolicyPart):
    """Role consistency of tasks."""
