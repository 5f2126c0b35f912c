"""A boundary agreement between a supporter and a peer, and the contacts between them.

The agreement is negotiated with the peer (workplace-ptsd-program, Roles and
Responsibilities): the channels and hours of contact, how often, topics that are off
limits, how much the supporter shares of their own story, a gift limit, and when it is
reviewed. It also keeps how the relationship may end, because support is voluntary: the
peer's requests to change supporter, and the supporter's decision to decline with a
referral (who-qualityrights-one-to-one, section 6).

Times of contact are aware datetimes; a time without a UTC offset is refused, because the
agreed hours could not be read from it.
"""

from __future__ import annotations

from datetime import date, time
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Final, Self
from zoneinfo import ZoneInfo

from pydantic import AwareDatetime, Field, field_validator, model_validator

from peersupport.model._base import FrozenModel
from peersupport.model.program import Weekday
from peersupport.model.roster import instant, zone
from peersupport.model.supporter import SubjectId

__all__ = [
    "BoundaryAgreement",
    "ChangeRequest",
    "Channel",
    "Contact",
    "ContactWindow",
    "Decline",
    "DualRelationship",
    "Initiator",
    "LocationKind",
    "SelfDisclosure",
    "TopicCode",
]

_CODE: Final = r"^[a-z][a-z0-9_]*$"

TopicCode = Annotated[str, Field(min_length=1, max_length=64, pattern=_CODE)]
Amount = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class Channel(StrEnum):
    """How a contact happens."""

    IN_PERSON = "in_person"
    PHONE = "phone"
    VIDEO = "video"
    TEXT_MESSAGE = "text_message"
    EMAIL = "email"
    SOCIAL_MEDIA = "social_media"
    OTHER = "other"


class LocationKind(StrEnum):
    """Where a contact happens, as a kind of place (never an address)."""

    WORKPLACE = "workplace"
    COMMUNITY = "community"
    ONLINE = "online"
    PEER_HOME = "peer_home"
    SUPPORTER_HOME = "supporter_home"
    OTHER = "other"


class Initiator(StrEnum):
    """Who started a contact."""

    PEER = "peer"
    SUPPORTER = "supporter"


class DualRelationship(StrEnum):
    """A second relationship between the supporter and the peer besides peer support."""

    SUPERVISES_PEER = "supervises_peer"
    ROMANTIC = "romantic"
    FINANCIAL = "financial"
    FAMILY = "family"
    BUSINESS = "business"


class SelfDisclosure(StrEnum):
    """How much of their own story the supporter agreed to share."""

    NONE = "none"
    LIMITED = "limited"
    OPEN = "open"


class ContactWindow(FrozenModel):
    """Hours of the agreed days when contact is welcome, in the agreement's local time.

    A window does not run past midnight: write a night as two windows.
    """

    days: tuple[Weekday, ...] = Field(default=tuple(Weekday), min_length=1)
    start: time = Field(description="Local start of the window.")
    end: time = Field(description="Local end of the window (exclusive).")

    @field_validator("start", "end")
    @classmethod
    def _naive(cls, value: time) -> time:
        if value.tzinfo is not None:
            raise ValueError("a time of day without a UTC offset (the agreement gives the zone)")
        return value

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end <= self.start:
            raise ValueError("end must be after start; split a night into two windows")
        return self


class ChangeRequest(FrozenModel):
    """A peer's request to change supporter, and when it was honoured."""

    requested_on: date
    honoured_on: date | None = Field(default=None, description="None while still open.")

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.honoured_on is not None and self.honoured_on < self.requested_on:
            raise ValueError("honoured_on must not be before requested_on")
        return self


class Decline(FrozenModel):
    """The supporter chose not to work with the peer, and whether they referred them on."""

    declined_on: date
    referred_on: date | None = Field(
        default=None, description="When the peer was referred to another supporter or service."
    )

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.referred_on is not None and self.referred_on < self.declined_on:
            raise ValueError("referred_on must not be before declined_on")
        return self


class BoundaryAgreement(FrozenModel):
    """The boundaries a supporter and a peer negotiated, and how the relationship may end.

    Every term may be left out; a term that is not agreed is never read as allowing
    anything (the rules that need it ask for review). ``supporter_weekly_hours`` is the
    supporter's own stated limit on hours of contact a week, across all their peers.
    """

    id: SubjectId | None = Field(default=None, description="The agreement's id.")
    supporter: SubjectId = Field(description="The supporter's id; not a name.")
    peer: SubjectId = Field(description="The peer's id; not a name.")
    agreed_on: date | None = Field(default=None, description="When it was agreed or last reviewed.")
    review_on: date | None = Field(default=None, description="When it is next to be reviewed.")
    timezone: str | None = Field(
        default=None,
        description="IANA zone of the agreed hours; without one, each contact's own offset.",
    )
    channels: tuple[Channel, ...] | None = None
    windows: tuple[ContactWindow, ...] | None = Field(
        default=None, description="The hours when contact is welcome."
    )
    max_contacts_per_week: int | None = Field(default=None, ge=0)
    off_limits_topics: tuple[TopicCode, ...] = ()
    self_disclosure: SelfDisclosure | None = None
    gift_limit: Amount | None = Field(default=None, description="Largest gift's value agreed.")
    supporter_weekly_hours: float | None = Field(default=None, gt=0, le=168)
    change_requests: tuple[ChangeRequest, ...] = ()
    declined: Decline | None = None

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        if value is not None:
            zone(value)
        return value

    @model_validator(mode="after")
    def _dates(self) -> Self:
        if self.review_on and self.agreed_on and self.review_on < self.agreed_on:
            raise ValueError("review_on must not be before agreed_on")
        return self

    @cached_property
    def zoneinfo(self) -> ZoneInfo | None:
        """The agreement's time zone, if it names one."""
        return zone(self.timezone) if self.timezone else None


class Contact(FrozenModel):
    """One contact between a supporter and a peer.

    ``peer`` names the peer when the list holds the supporter's contacts with other peers
    too (they count towards the supporter's weekly hours only); left out, it is the
    agreement's peer. ``at`` must carry a UTC offset.
    """

    id: SubjectId | None = None
    peer: SubjectId | None = None
    at: AwareDatetime = Field(description="When the contact began, with its UTC offset.")
    minutes: int | None = Field(default=None, ge=0, le=24 * 60, description="How long it lasted.")
    channel: Channel | None = None
    location: LocationKind | None = None
    initiated_by: Initiator | None = None
    topics: tuple[TopicCode, ...] = Field(default=(), description="Topic codes, not text.")
    gift_value: Amount | None = Field(
        default=None, description="Value of a gift given or received at the contact."
    )
    money_lent: Amount = Field(default=0.0, description="Money lent either way.")
    money_borrowed: Amount = Field(default=0.0, description="Money borrowed either way.")
    social_media_connection: bool | None = Field(
        default=None, description="The two are connected on social media."
    )
    dual_relationships: tuple[DualRelationship, ...] = ()

    @cached_property
    def instant(self) -> int:
        """``at`` as microseconds since the epoch."""
        return instant(self.at)
