"""Policy fields for programme structure, the roster, supervision, hiring and work."""

from __future__ import annotations

from typing import Final

from pydantic import field_validator

from peersupport._policy._base import PolicyPart, cited
from peersupport.model.program import DocumentedPolicy, Weekday

__all__ = ["ProgrammePolicy"]

_SUPPLEMENTAL: Final = "workplace-ptsd-program §Supplemental Support and Community Resources"
_WORKING: Final = "working-together §Working Together in Peer Programs"
_HIRING: Final = "who-qualityrights-one-to-one §10 Interviewing and hiring peer supporters"


class ProgrammePolicy(PolicyPart):
    """Programme structure, on-call roster, supervision, hiring and conditions of work."""

    # Structure.
    structure_min_peer_supporters: int = cited(
        2,
        _HIRING,
        "Fewest peer supporters on duty: more than one, so that no one works in a peer role "
        "alone (isolation and peer drift).",
        ge=1,
    )
    structure_group_days: tuple[Weekday, ...] = cited(
        (Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY),
        "workplace-ptsd-program §Crisis Support",
        "Working days on which support groups may meet (groups run in work hours only; the "
        "days are the library's choice).",
        min_length=1,
    )
    structure_documented_policies: tuple[DocumentedPolicy, ...] = cited(
        (
            DocumentedPolicy.CONFIDENTIALITY,
            DocumentedPolicy.COMPLAINTS_PROCESS,
            DocumentedPolicy.BOUNDARIES,
            DocumentedPolicy.EVALUATION_PLAN,
            DocumentedPolicy.ROLES_LEADERSHIP,
            DocumentedPolicy.ROLES_MANAGERS,
            DocumentedPolicy.ROLES_PEER_SUPPORT_WORKERS,
            DocumentedPolicy.ROLES_EMPLOYEES,
        ),
        "workplace-ptsd-program §Roles and Responsibilities",
        "Written policies a programme keeps: confidentiality, a complaints process, boundaries, "
        "an evaluation plan, and the roles of leadership, managers, peer support workers and "
        "employees. The template's other sections (purpose, scope, eligibility, training, "
        "recordkeeping) may be listed too; the audit reads them, this rule does not require them.",
    )
    evaluation_interval_months: int = cited(
        12,
        "workplace-ptsd-program §Evaluation",
        "The programme is re-evaluated every year.",
        gt=0,
        le=1200,
    )
    evaluation_anonymous_survey: bool = cited(
        default=True,
        citation="workplace-ptsd-program §Evaluation",
        description="The evaluation survey is anonymous.",
    )
    evaluation_min_metrics: int = cited(
        1,
        "workplace-ptsd-program §Evaluation",
        "Fewest key metrics the evaluation names (the library's choice: at least one).",
        ge=0,
    )

    # The on-call roster.
    roster_max_consecutive_hours: int = cited(
        24,
        _SUPPLEMENTAL,
        "Longest stretch anyone is on call without a rest (the library's choice: the source "
        "asks for availability 'to a reasonable extent' and names no figure).",
        gt=0,
        le=8784,
    )
    roster_min_rest_hours: int = cited(
        12,
        _SUPPLEMENTAL,
        "Shortest break off call that ends a stretch (the library's choice).",
        ge=0,
        le=8784,
    )
    roster_horizon_days: int = cited(
        28,
        _WORKING,
        "Days ahead, from the day of the check, that the roster must cover when it names no "
        "horizon of its own (plan to avoid gaps; the figure is the library's choice).",
        gt=0,
        le=3660,
    )

    # Supervision.
    supervision_max_gap_days: int = cited(
        7,
        _WORKING,
        "Longest time without a supervisor of either kind when one changes (the source asks "
        "for access to supervision during a changeover; the figure is the library's choice).",
        ge=0,
        le=3660,
    )
    supervision_community_of_practice: bool = cited(
        default=True,
        citation=_SUPPLEMENTAL,
        description="Peer supporters have access to a community of practice.",
    )

    # Hiring.
    hiring_peer_on_panel: bool = cited(
        default=True,
        citation=_HIRING,
        description="A peer, or a committee of peers, sits on the interview panel.",
    )
    hiring_min_initial_hires: int = cited(
        2,
        _HIRING,
        "Fewest peer supporters taken on when peer roles are first introduced (more than one).",
        ge=1,
    )

    # Conditions of work.
    work_pay_parity_percent: int = cited(
        100,
        "who-qualityrights-one-to-one §12 Peer supporters in mental health and social services",
        "Peer pay as a percentage of the pay of comparable non-peer roles that counts as on "
        "par (the compensation component: peers paid equally to non-peers).",
        ge=1,
        le=100,
    )

    @field_validator("structure_group_days", "structure_documented_policies")
    @classmethod
    def _no_repeats(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(value)) != len(value):
            raise ValueError("lists an item twice")
        return value
