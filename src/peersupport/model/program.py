"""The programme: its models, team, groups, classes, roster, supervision, hiring and conditions.

Every section is optional. A section left out means "not recorded", and the rules that
need it answer ``needs_review``; an empty list means "none".
"""

from __future__ import annotations

from collections import Counter
from datetime import date, time
from enum import StrEnum
from typing import Annotated, Self, TypeVar

from pydantic import AfterValidator, Field, model_validator

from peersupport.model._base import FrozenModel
from peersupport.model.roster import Roster, Shift
from peersupport.model.supporter import SubjectId, Supporter

__all__ = [
    "Attendance",
    "Compensation",
    "Debrief",
    "DocumentedPolicy",
    "EducationSession",
    "Hiring",
    "InterviewPanelMember",
    "Program",
    "ProgrammeEvaluation",
    "ProgrammeModel",
    "Roster",
    "Shift",
    "SupervisionSession",
    "SupervisorAssignment",
    "SupervisorKind",
    "SupportGroup",
    "Weekday",
    "WorkConditions",
]

MetricId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*$")]


E = TypeVar("E", bound=StrEnum)


def _sorted_unique(values: tuple[E, ...] | None) -> tuple[E, ...] | None:
    # These are sets: one order (sorted) keeps the input digest independent of how they were
    # listed, and a repeat adds nothing.
    return None if values is None else tuple(sorted(set(values)))


class ProgrammeModel(StrEnum):
    """The four ways a programme offers peer support."""

    CRISIS_SUPPORT = "crisis_support"
    SUPPORT_GROUP = "support_group"
    PEER_MENTORING = "peer_mentoring"
    PEER_EDUCATION = "peer_education"


class Weekday(StrEnum):
    """A day of the week."""

    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"


class DocumentedPolicy(StrEnum):
    """A written policy, or a section of the programme policy, that a programme keeps.

    The sections follow the workplace programme policy template (purpose, scope, the roles of
    each party, eligibility, training, confidentiality, recordkeeping).
    """

    PURPOSE = "purpose"
    SCOPE = "scope"
    ELIGIBILITY = "eligibility"
    TRAINING = "training"
    RECORDKEEPING = "recordkeeping"
    CONFIDENTIALITY = "confidentiality"
    COMPLAINTS_PROCESS = "complaints_process"
    BOUNDARIES = "boundaries"
    EVALUATION_PLAN = "evaluation_plan"
    ROLES_LEADERSHIP = "roles_leadership"
    ROLES_MANAGERS = "roles_managers"
    ROLES_PEER_SUPPORT_WORKERS = "roles_peer_support_workers"
    ROLES_EMPLOYEES = "roles_employees"


class SupervisorKind(StrEnum):
    """The two kinds of supervisor a peer supporter has access to."""

    PEER = "peer"
    ADMINISTRATIVE = "administrative"


class Compensation(StrEnum):
    """Whether peer work is paid."""

    PAID = "paid"
    VOLUNTEER = "volunteer"


class Attendance(FrozenModel):
    """How many people came to one meeting of a group."""

    held_on: date
    count: int = Field(ge=0)


class SupportGroup(FrozenModel):
    """A support group: who leads it, when it meets, how often and how large it gets."""

    id: SubjectId
    leader: SubjectId | None = Field(default=None, description="Supporter id of the leader.")
    weekday: Weekday | None = None
    starts_at: time | None = Field(default=None, description="Local start time.")
    ends_at: time | None = Field(default=None, description="Local end time.")
    cadence_days: int | None = Field(default=None, gt=0, description="Days between meetings.")
    max_size: int | None = Field(default=None, ge=1, description="The most people admitted.")
    attendance: tuple[Attendance, ...] = ()

    @model_validator(mode="after")
    def _times(self) -> Self:
        if self.starts_at is not None and self.ends_at is not None:
            if self.starts_at.tzinfo is not None or self.ends_at.tzinfo is not None:
                raise ValueError("group times are local: give them without a UTC offset")
            if self.ends_at <= self.starts_at:
                raise ValueError("ends_at must be after starts_at")
        return self


class EducationSession(FrozenModel):
    """One peer education class: who taught it and how many took part."""

    educator: SubjectId
    held_on: date
    class_size: int = Field(ge=0)
    topic: str | None = Field(default=None, repr=False, max_length=500)


class Debrief(FrozenModel):
    """A team debrief that was held, with the supporter ids of those who attended."""

    held_on: date
    attendees: tuple[SubjectId, ...] = ()


class SupervisorAssignment(FrozenModel):
    """A supervisor in post for a period; ``interim`` marks cover during a changeover."""

    kind: SupervisorKind
    supervisor: SubjectId = Field(description="An opaque id, not a name.")
    start: date
    end: date | None = Field(default=None, description="Last day in post; none while current.")
    interim: bool = False

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end is not None and self.end < self.start:
            raise ValueError("end must not be before start")
        return self


class SupervisionSession(FrozenModel):
    """A supervision session that was held."""

    held_on: date
    kind: SupervisorKind
    attendees: tuple[SubjectId, ...] = ()


class ProgrammeEvaluation(FrozenModel):
    """The programme's evaluation: the last survey, how it was run, the metrics tracked."""

    last_survey_on: date | None = None
    anonymous: bool | None = None
    optional: bool | None = Field(default=None, description="Answering the survey is optional.")
    metrics: tuple[MetricId, ...] = Field(
        default=(),
        description="Key metrics tracked, as ids, e.g. disability_claims, eap_utilisation, "
        "psychologist_costs, job_satisfaction, turnover, complaints.",
    )


class InterviewPanelMember(FrozenModel):
    """A seat on the interview panel; ``peer`` says whether its holder has lived experience."""

    member: SubjectId | None = Field(default=None, description="An opaque id, not a name.")
    peer: bool | None = None


class Hiring(FrozenModel):
    """How peer supporters are interviewed and hired.

    Interview questions are free text: they are read by the checks but never reported.
    """

    interview_questions: tuple[Annotated[str, Field(max_length=2_000)], ...] | None = Field(
        default=None, repr=False, description="The questions asked; never printed."
    )
    interview_panel: tuple[InterviewPanelMember, ...] | None = None
    initial_peer_hires: int | None = Field(
        default=None,
        ge=0,
        description="How many peer supporters were taken on when peer roles were introduced.",
    )


class WorkConditions(FrozenModel):
    """Pay, leave, reviews and the day-to-day conditions of peer work."""

    compensation: Compensation | None = None
    peer_pay_rate: float | None = Field(
        default=None, ge=0, allow_inf_nan=False, description="Peers' pay, per hour or per year."
    )
    non_peer_pay_rate: float | None = Field(
        default=None,
        ge=0,
        allow_inf_nan=False,
        description="Pay of comparable non-peer roles, in the same unit; 0 if they are unpaid.",
    )
    flexible_leave: bool | None = None
    performance_reviews: bool | None = Field(default=None, description="Reviews are held.")
    reviews_respect_peer_values: bool | None = Field(
        default=None,
        description="Reviews are not used to make changes against the values of peer support.",
    )
    breaks_between_peers: bool | None = Field(
        default=None, description="Short breaks between serving peers are possible."
    )
    debrief_before_leaving_shift: bool | None = None
    may_decline_extra_duties: bool | None = Field(
        default=None, description="New peer staff may say no to extra responsibilities."
    )


class Program(FrozenModel):
    """A peer support programme, as an organisation records it.

    The organisation's name is free text and is never reported; ``id`` names the
    programme in reports.
    """

    id: SubjectId = Field(default="programme", description="Names the programme in reports.")
    organisation: str | None = Field(default=None, repr=False, max_length=500)
    models: Annotated[tuple[ProgrammeModel, ...] | None, AfterValidator(_sorted_unique)] = Field(
        default=None, description="The programme models offered; none means not recorded."
    )
    launched_on: date | None = None
    participation_voluntary: bool | None = None
    mental_health_professional: bool | None = Field(
        default=None, description="A mental health professional is consulted and guides it."
    )
    team: tuple[SubjectId, ...] | None = Field(
        default=None, description="Supporter ids of the peer support team."
    )
    invited_workers: int | None = Field(default=None, ge=0)
    supporters: tuple[Supporter, ...] = ()
    groups: tuple[SupportGroup, ...] | None = None
    education_sessions: tuple[EducationSession, ...] | None = None
    roster: Roster | None = None
    supervisors: tuple[SupervisorAssignment, ...] | None = None
    supervision_sessions: tuple[SupervisionSession, ...] = ()
    community_of_practice: bool | None = None
    debriefs: tuple[Debrief, ...] | None = None
    policies: Annotated[tuple[DocumentedPolicy, ...] | None, AfterValidator(_sorted_unique)] = (
        Field(
            default=None, description="The documented policies in place; none means not recorded."
        )
    )
    evaluation: ProgrammeEvaluation | None = None
    hiring: Hiring | None = None
    conditions: WorkConditions | None = None

    @model_validator(mode="after")
    def _unique_ids(self) -> Self:
        counts = Counter(s.id for s in self.supporters)
        dupes = sorted(i for i, n in counts.items() if n > 1)
        if dupes:
            raise ValueError(f"supporter ids used twice: {dupes}")
        if self.id in counts:
            raise ValueError("the programme id must differ from every supporter id")
        if self.groups is not None:
            groups = Counter(g.id for g in self.groups)
            dupes = sorted(i for i, n in groups.items() if n > 1)
            if dupes:
                raise ValueError(f"group ids used twice: {dupes}")
        return self

    @property
    def offers(self) -> frozenset[ProgrammeModel] | None:
        """The models offered, or ``None`` when not recorded."""
        return None if self.models is None else frozenset(self.models)
