"""The supporter: who they are to the programme, what they bring and what they have trained in."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field

from peersupport.model._base import FrozenModel
from peersupport.model.knowledge import competency_framework

__all__ = [
    "CompetencyRating",
    "ExperienceArea",
    "ExperienceRelation",
    "LivedExperience",
    "Rater",
    "RecoveryPath",
    "Role",
    "SelectionMethod",
    "SelfCarePlan",
    "Supporter",
    "TrainingRecord",
]

_ID = r"^[A-Za-z0-9][A-Za-z0-9._:@/-]*$"
SubjectId = Annotated[str, Field(min_length=1, max_length=128, pattern=_ID)]
ModuleId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*$")]


class SelectionMethod(StrEnum):
    """How a supporter came to the programme."""

    VOLUNTEER = "volunteer"
    PEER_NOMINATED = "peer_nominated"
    HIRED = "hired"


class Role(StrEnum):
    """A role a supporter takes in the programme."""

    CRISIS_RESPONDER = "crisis_responder"
    GROUP_LEADER = "group_leader"
    MENTOR = "mentor"
    EDUCATOR = "educator"


class ExperienceRelation(StrEnum):
    """Whose experience it is: the supporter's own, or as a family member or caregiver."""

    PERSONAL = "personal"
    FAMILY_MEMBER = "family_member"
    CAREGIVER = "caregiver"


class ExperienceArea(StrEnum):
    """Broad areas of lived experience; deliberately not diagnoses."""

    MENTAL_HEALTH = "mental_health"
    TRAUMA_PTSD = "trauma_ptsd"
    SUBSTANCE_USE = "substance_use"
    OTHER = "other"


class Rater(StrEnum):
    """Who gave a competency rating."""

    SELF = "self"
    SUPERVISOR = "supervisor"
    PEER = "peer"
    TRAINER = "trainer"


class LivedExperience(FrozenModel):
    """Lived experience, by relation and broad area."""

    relation: ExperienceRelation
    areas: tuple[ExperienceArea, ...] = ()

    @property
    def is_family(self) -> bool:
        """As a family member or caregiver rather than personally."""
        return self.relation is not ExperienceRelation.PERSONAL


class RecoveryPath(FrozenModel):
    """The supporter's own account of their recovery path."""

    on_path: bool | None = Field(
        default=None, description="Self-described as on a path toward hope and recovery."
    )
    description: str | None = Field(
        default=None, repr=False, max_length=10_000, description="Free text; never reported."
    )


class SelfCarePlan(FrozenModel):
    """The supporter's self-care and resilience plan."""

    has_plan: bool | None = Field(default=None, description="A self-care plan exists.")
    resilience_strategies: bool | None = Field(
        default=None, description="Has stress-management and resilience strategies."
    )
    reviewed_on: date | None = None
    description: str | None = Field(
        default=None, repr=False, max_length=10_000, description="Free text; never reported."
    )


def _known_competency(value: str) -> str:
    if value not in competency_framework().competency_ids:
        raise ValueError("not a competency of the framework (see peersupport.competencies())")
    return value


class CompetencyRating(FrozenModel):
    """One rating (1-5) of one competency, by one rater, on one day."""

    competency: Annotated[str, AfterValidator(_known_competency)]
    level: int = Field(ge=1, le=5)
    rater: Rater
    rated_on: date


class TrainingRecord(FrozenModel):
    """A completed training module."""

    module: ModuleId
    completed_on: date
    provider: str | None = Field(default=None, repr=False, max_length=500)


class Supporter(FrozenModel):
    """A peer supporter, or a candidate, as the programme records them.

    There is no field for a diagnosis, a condition or a medication, and such keys are
    refused: the programme does not collect them.
    """

    id: SubjectId = Field(description="A stable id from the host system; not a name.")
    display_name: str | None = Field(
        default=None, repr=False, max_length=500, description="Never printed or reported."
    )
    roles: tuple[Role, ...] = ()
    selection: SelectionMethod | None = None
    lived_experience: tuple[LivedExperience, ...] | None = Field(
        default=None, description="None means not yet recorded; an empty list means none."
    )
    recovery: RecoveryPath | None = None
    self_care: SelfCarePlan | None = None
    aware_of_stress_limits: bool | None = Field(
        default=None,
        description="Can tell when stress is reaching an unhealthy level.",
    )
    competencies: tuple[CompetencyRating, ...] = ()
    trainings: tuple[TrainingRecord, ...] = ()
    debriefs_attended: tuple[date, ...] = ()
    started_on: date | None = Field(
        default=None, description="First day of active duty; none while a candidate."
    )
