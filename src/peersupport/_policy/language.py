"""Policy fields for language rules in notes."""

from __future__ import annotations

from peersupport._policy._base import PolicyPart

__all__ = ["LanguagePolicy"]


class LanguagePolicy(PolicyPart):
    """Language rules in notes."""
