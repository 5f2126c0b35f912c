"""Policy fields for confidentiality decisions and jurisdiction packs."""

from __future__ import annotations

from peersupport._policy._base import PolicyPart

__all__ = ["ConfidentialityPolicy"]


class ConfidentialityPolicy(PolicyPart):
    """Confidentiality decisions and jurisdiction packs."""
