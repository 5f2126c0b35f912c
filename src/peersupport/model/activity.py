"""A supporter's activity over time: what the peer-drift indicators read.

An :class:`ActivityLog` holds one supporter's tasks, notes, sessions, shifts, supervision,
monthly debriefs, community-of-practice contacts, extra duties and training. Notes are free
text: they are read for their language counts and never kept in a result, a ``repr`` or an
error. Times of sessions and shifts carry UTC offsets; a time without one is refused.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import ClassVar, Self

from pydantic import AwareDatetime, ConfigDict, Field, model_validator

from peersupport.model._base import FrozenModel
from peersupport.model.note import Note
from peersupport.model.program import SupervisorKind
from peersupport.model.roster import instant
from peersupport.model.supporter import SubjectId, TrainingRecord
from peersupport.model.task import Task

__all__ = [
    "ActivityLog",
    "DutyKind",
    "ExtraDuty",
    "NoteRecord",
    "SessionRecord",
    "ShiftRecord",
    "SupervisionRecord",
    "TaskRecord",
    "TrainingRecord",
]


class DutyKind(StrEnum):
    """An additional responsibility beyond one-to-one support."""

    FACILITATION = "facilitation"
    COMMITTEE = "committee"
    TRAINING_DELIVERY = "training_delivery"
    ADMINISTRATION = "administration"
    OTHER = "other"


class TaskRecord(FrozenModel):
    """A task the supporter did on a day; judged with :func:`peersupport.assess_task`."""

    day: date
    task: Task


class NoteRecord(Note):
    """A note written on a day; read for its language counts only, never kept."""

    model_config: ClassVar[ConfigDict] = ConfigDict(
        frozen=True, extra="forbid", hide_input_in_errors=True, str_strip_whitespace=False
    )

    day: date


class _Interval(FrozenModel):
    start: AwareDatetime = Field(description="When it began, with its UTC offset.")
    end: AwareDatetime = Field(description="When it ended, with its UTC offset.")

    @cached_property
    def instants(self) -> tuple[int, int]:
        """``start`` and ``end`` as microseconds since the epoch."""
        return (instant(self.start), instant(self.end))

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        start, end = self.instants
        if end < start:
            raise ValueError("end must not be before start")
        return self


class SessionRecord(_Interval):
    """A one-to-one session with a peer."""


class ShiftRecord(_Interval):
    """A shift, and the minutes of team debrief before leaving it (none if not recorded)."""

    debrief_minutes: int | None = Field(
        default=None, ge=0, le=24 * 60, description="Minutes of end-of-shift team debrief."
    )


class SupervisionRecord(FrozenModel):
    """A supervision session the supporter attended, with a peer or administrative supervisor."""

    day: date
    kind: SupervisorKind


class ExtraDuty(FrozenModel):
    """An extra duty the supporter took on, and the day they took it on."""

    day: date
    kind: DutyKind = DutyKind.OTHER


class ActivityLog(FrozenModel):
    """One supporter's activity: the events the drift indicators aggregate.

    ``started_on`` is the first day of employment (for the early-employment window);
    ``peer_colleagues`` the number of other peer supporters on the team (0: the only one).
    Either may be left out; what is unknown is never read as reassuring.
    """

    supporter: SubjectId = Field(description="The supporter's id; not a name.")
    started_on: date | None = None
    peer_colleagues: int | None = Field(default=None, ge=0)
    tasks: tuple[TaskRecord, ...] = ()
    notes: tuple[NoteRecord, ...] = Field(default=(), repr=False)
    sessions: tuple[SessionRecord, ...] = ()
    shifts: tuple[ShiftRecord, ...] = ()
    supervision: tuple[SupervisionRecord, ...] = ()
    debriefs: tuple[date, ...] = Field(default=(), description="Monthly debriefs attended.")
    community_contacts: tuple[date, ...] = Field(
        default=(), description="Days of contact with a community of practice."
    )
    extra_duties: tuple[ExtraDuty, ...] = ()
    trainings: tuple[TrainingRecord, ...] = ()

    @property
    def events(self) -> int:
        """How many dated events the log holds."""
        return (
            len(self.tasks)
            + len(self.notes)
            + len(self.sessions)
            + len(self.shifts)
            + len(self.supervision)
            + len(self.debriefs)
            + len(self.community_contacts)
            + len(self.extra_duties)
            + len(self.trainings)
        )
