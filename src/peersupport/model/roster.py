"""The on-call roster: shifts with time-zone-aware start and end, a primary and a backup."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import Final, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AwareDatetime, Field, field_validator, model_validator

from peersupport.model._base import FrozenModel
from peersupport.model.supporter import SubjectId

__all__ = ["EPOCH", "Roster", "Shift", "instant", "zone"]

EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND: Final = timedelta(microseconds=1)


def instant(moment: datetime) -> int:
    """An aware datetime as whole microseconds since the Unix epoch (exact, offset applied)."""
    return (moment - EPOCH) // _MICROSECOND


def zone(name: str) -> ZoneInfo:
    """The IANA time zone called ``name``; ``ValueError`` if there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("not an IANA time zone name such as 'Europe/London' or 'UTC'") from None


class Shift(FrozenModel):
    """One on-call shift: who is primary, who is backup, from when until when.

    ``start`` and ``end`` carry their own UTC offsets, so a shift written in one time zone
    and its neighbour written in another line up exactly; ``end`` is exclusive.
    """

    start: AwareDatetime = Field(description="When the shift begins, with its UTC offset.")
    end: AwareDatetime = Field(description="When it ends (exclusive), with its UTC offset.")
    primary: SubjectId = Field(description="The supporter id of the primary responder.")
    backup: SubjectId | None = Field(
        default=None, description="The supporter id of the backup; none leaves the tier empty."
    )

    @cached_property
    def instants(self) -> tuple[int, int]:
        """``start`` and ``end`` as microseconds since the epoch: what the roster checks sort."""
        return (instant(self.start), instant(self.end))

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        start, end = self.instants
        if end <= start:
            raise ValueError("end must be after start")
        return self


class Roster(FrozenModel):
    """The crisis-support on-call roster.

    ``timezone`` is where the programme runs: it fixes the local days (for training that is
    current on a shift's date, and the default horizon) and the weekday-hour grid of the
    coverage plot. ``horizon_start`` and ``horizon_end`` bound the time that must be
    covered; left out, the check covers ``roster_horizon_days`` from the day it is run.
    """

    timezone: str = Field(default="UTC", description="IANA time zone of the programme.")
    horizon_start: AwareDatetime | None = Field(
        default=None, description="Start of the time to be covered, with its UTC offset."
    )
    horizon_end: AwareDatetime | None = Field(
        default=None, description="End of the time to be covered (exclusive)."
    )
    shifts: tuple[Shift, ...] = ()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        zone(value)
        return value

    @model_validator(mode="after")
    def _horizon(self) -> Self:
        start, end = self.horizon_start, self.horizon_end
        if (start is None) != (end is None):
            raise ValueError("give both horizon_start and horizon_end, or neither")
        if start is not None and end is not None and end <= start:
            raise ValueError("horizon_end must be after horizon_start")
        return self

    @cached_property
    def tz(self) -> ZoneInfo:
        """The programme's time zone."""
        return zone(self.timezone)

    @property
    def horizon(self) -> tuple[datetime, datetime] | None:
        """The horizon given in the data, if any."""
        if self.horizon_start is None or self.horizon_end is None:
            return None
        return (self.horizon_start, self.horizon_end)
