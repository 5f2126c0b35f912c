"""Policy fields for role consistency of tasks."""

from __future__ import annotations

from typing import Final

from pydantic import field_validator

from peersupport._policy._base import PolicyPart, cited
from peersupport.model.task import role_table

__all__ = ["RolesPolicy"]

_WHO_12: Final = "who-qualityrights-one-to-one §12 Good use and misuse of peer supporters"


class RolesPolicy(PolicyPart):
    """Role consistency of tasks."""

    roles_peer_request_activities: tuple[str, ...] = cited(
        ("housing_search", "help_at_request"),
        _WHO_12,
        "Activities of the 'assistance' group that are consistent only when the peer asked for "
        "them; without a known request they go to review. The WHO housing search row; other "
        "assistance (such as going along to an appointment) is inconsistent only when staff or "
        "the treatment plan assign it.",
    )
    roles_office_help_allowed: bool = cited(
        default=True,
        citation=_WHO_12,
        description="Whether occasional help around the office counts as consistent (the WHO "
        "answering phones row). Set false to send all office work to review, for example "
        "early in employment, when supporters may decline extra duties (working-together, "
        "Recommendations).",
    )

    @field_validator("roles_peer_request_activities")
    @classmethod
    def _assistance_activities(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        allowed = {a.id for a in role_table().in_group("assistance")}
        if set(value) - allowed:
            raise ValueError(
                "names an activity outside the assistance group: " + ", ".join(sorted(allowed))
            )
        if len(set(value)) != len(value):
            raise ValueError("lists an activity twice")
        return value
