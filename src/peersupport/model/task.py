"""A task a peer supporter is asked to do or does, and the role table it is judged against.

The role table (``data/roles.yaml``) is the activity taxonomy: each activity, whether it is
consistent with the peer role, the rule that judges it, its traps, citations and the
consistent way to meet the same need. The phrase pack (``data/roles_phrases.yaml``) holds the
patterns that recognise activities and cues (who asked, how often, why) in free text.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from functools import cache, cached_property
from types import MappingProxyType
from typing import Annotated, Any, ClassVar, Final, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from peersupport._yaml import load_package_data
from peersupport.engine import Citation
from peersupport.model._base import FrozenModel

__all__ = [
    "MAX_DESCRIPTION",
    "Activity",
    "ActivityGroup",
    "Combination",
    "CueKind",
    "Frequency",
    "PhrasePack",
    "Requester",
    "RoleTable",
    "Stance",
    "Task",
    "TaskReason",
    "TaskTopic",
    "role_phrases",
    "role_table",
]

MAX_DESCRIPTION: Final = 10_000

_ID = r"^[A-Za-z0-9][A-Za-z0-9._:@/-]*$"
_CODE = r"^[a-z][a-z0-9_]*$"


class TaskTopic(StrEnum):
    """The rows of the WHO role table a task may fall under."""

    MEDICATIONS = "medications"
    TREATMENT_PLANS = "treatment_plans"
    HOUSING = "housing"
    PHONES = "phones"
    OTHER = "other"


class Requester(StrEnum):
    """Who asked for the task: the peer, staff, a supervisor, or the supporter themself."""

    PEER = "peer"
    STAFF = "staff"
    SUPERVISOR = "supervisor"
    SELF = "self"


class Frequency(StrEnum):
    """How often the supporter does the task."""

    OCCASIONAL = "occasional"
    ROUTINE = "routine"


class TaskReason(StrEnum):
    """Why the task is done."""

    PEER_ASKED = "peer_asked"
    TREATMENT_PLAN = "treatment_plan"
    STAFF_INSTRUCTION = "staff_instruction"
    NO_ONE_ELSE = "no_one_else"
    WITHOUT_PEER_CONSENT = "without_peer_consent"
    OTHER = "other"


def _known_activity(value: str) -> str:
    if value not in role_table().by_id:
        raise ValueError("not an activity of the role table (see peersupport.checks.roles)")
    return value


ActivityCode = Annotated[str, Field(pattern=_CODE, max_length=64), AfterValidator(_known_activity)]


class Task(FrozenModel):
    """A task, described in free text, by a structured activity code, or both.

    Every field may be left out; what is unknown is never taken as consistent. The
    description is free text: it is never printed in a repr, an error or a verdict. It is
    kept exactly as given (not stripped), so the character spans of a verdict point into it.
    """

    model_config: ClassVar[ConfigDict] = ConfigDict(
        frozen=True, extra="forbid", hide_input_in_errors=True, str_strip_whitespace=False
    )

    id: str | None = Field(
        default=None,
        min_length=1,
        max_length=128,
        pattern=_ID,
        description="A stable id from the host system; not a name.",
    )
    description: str | None = Field(
        default=None,
        repr=False,
        max_length=MAX_DESCRIPTION,
        description="What the supporter does, in their own or their manager's words.",
    )
    activity: ActivityCode | None = Field(
        default=None, description="An activity code of the role table (e.g. housing_search)."
    )
    topic: TaskTopic | None = Field(default=None, description="The row of the WHO role table.")
    requested_by: Requester | None = Field(default=None, description="Who asked for the task.")
    frequency: Frequency | None = Field(default=None, description="How often it is done.")
    reason: TaskReason | None = Field(default=None, description="Why it is done.")
    output_to_staff: bool | None = Field(
        default=None, description="Whether what the task produces goes to staff."
    )
    peer_reservations: bool | None = Field(
        default=None,
        description="Whether the peer has voiced reservations or concerns about the "
        "treatment the task touches (e.g. their medication).",
    )


# --- the role table ------------------------------------------------------------------------

_CONFIG = ConfigDict(frozen=True, extra="forbid")


class Stance(StrEnum):
    """Where an activity stands in the role table before its conditions are read."""

    CONSISTENT = "consistent"
    INCONSISTENT = "inconsistent"
    CONDITIONAL = "conditional"


class CueKind(StrEnum):
    """What a phrase of the pack recognises."""

    ACTIVITY = "activity"
    REQUESTED_BY = "requested_by"
    FREQUENCY = "frequency"
    REASON = "reason"
    OUTPUT_TO_STAFF = "output_to_staff"
    RESERVATIONS = "reservations"
    ACTOR = "actor"
    MONITORING = "monitoring"
    ADHERENCE = "adherence"
    DISCLOSURE = "disclosure"


class _CitationData(BaseModel):
    model_config = _CONFIG
    source: str
    section: str
    item: str | None = None

    @property
    def cite(self) -> Citation:
        return Citation(self.source, self.section, self.item)


class ActivityGroup(BaseModel):
    """A family of activities judged by one rule (e.g. clinical acts by ``ROLE-001``)."""

    model_config = _CONFIG
    id: str = Field(pattern=_CODE)
    title: str
    rule: str | None = Field(default=None, pattern=r"^ROLE-\d{3}$")
    summary: str


class Activity(BaseModel):
    """One activity of the taxonomy."""

    model_config = _CONFIG
    id: str = Field(pattern=_CODE)
    title: str
    group: str = Field(pattern=_CODE)
    stance: Stance
    topic: TaskTopic = TaskTopic.OTHER
    traps: tuple[str, ...] = ()
    who_row: TaskTopic | None = None
    condition: str | None = None
    alternative: str | None = None
    output_ok: bool = False
    implies: Mapping[str, str] = Field(default_factory=dict)
    citations: tuple[_CitationData, ...] = Field(min_length=1)

    @property
    def cites(self) -> tuple[Citation, ...]:
        """The activity's citations."""
        return tuple(c.cite for c in self.citations)


_TRAPS: Final = frozenset({"busy_work", "mixed_loyalties", "power_imbalance"})
_IMPLIABLE: Final = {
    "frequency": frozenset(f.value for f in Frequency),
    "requested_by": frozenset(r.value for r in Requester),
    "reason": frozenset(r.value for r in TaskReason),
}


class RoleTable(BaseModel):
    """The activity taxonomy: groups, activities and the alternatives for conditions."""

    model_config = _CONFIG
    version: str
    groups: tuple[ActivityGroup, ...] = Field(min_length=1)
    activities: tuple[Activity, ...] = Field(min_length=1)
    topic_activities: Mapping[TaskTopic, str] = Field(default_factory=dict)
    output_alternative: str

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        ids = [a.id for a in self.activities]
        if len(ids) != len(set(ids)):
            raise ValueError("activity ids must be unique")
        groups = {g.id for g in self.groups}
        for a in self.activities:
            if a.group not in groups:
                raise ValueError(f"activity {a.id} names unknown group {a.group}")
            if set(a.traps) - _TRAPS:
                raise ValueError(f"activity {a.id} names an unknown trap")
            if a.stance is not Stance.CONSISTENT and not a.alternative:
                raise ValueError(f"activity {a.id} may be inconsistent but has no alternative")
            for kind, value in a.implies.items():
                if value not in _IMPLIABLE.get(kind, ()):
                    raise ValueError(f"activity {a.id} implies an unknown {kind}")
        for activity in self.topic_activities.values():
            if activity not in set(ids):
                raise ValueError(f"topic_activities names unknown activity {activity}")
        return self

    @cached_property
    def by_id(self) -> Mapping[str, Activity]:
        """Each activity by id."""
        return MappingProxyType({a.id: a for a in self.activities})

    @cached_property
    def groups_by_id(self) -> Mapping[str, ActivityGroup]:
        """Each group by id."""
        return MappingProxyType({g.id: g for g in self.groups})

    def in_group(self, group: str) -> tuple[Activity, ...]:
        """The activities of a group, in table order."""
        return tuple(a for a in self.activities if a.group == group)


class PhraseSet(BaseModel):
    """The patterns for one value of one cue kind."""

    model_config = _CONFIG
    value: str = Field(pattern=_CODE)
    patterns: tuple[str, ...] = Field(min_length=1)


class Combination(BaseModel):
    """Cues that, together in one sentence, make an activity (information + going to staff)."""

    model_config = _CONFIG
    activity: str = Field(pattern=_CODE)
    all_of: tuple[CueKind, ...] = Field(min_length=1)
    any_of: tuple[CueKind, ...] = ()


class PhrasePack(BaseModel):
    """The free-text patterns: a lexicon of inflections and the patterns per cue.

    Pattern syntax is that of :mod:`peersupport.text` (``{lemma}``, ``a|b``, ``*``, ``?``).
    ``actor`` patterns mark an act done by someone else ("the nurse gave out"); ``monitoring``,
    ``adherence`` and ``disclosure`` are parts that ``combinations`` join into activities.
    """

    model_config = _CONFIG
    version: str
    lexicon: Mapping[str, tuple[str, ...]]
    activity: tuple[PhraseSet, ...] = Field(min_length=1)
    requested_by: tuple[PhraseSet, ...] = ()
    frequency: tuple[PhraseSet, ...] = ()
    reason: tuple[PhraseSet, ...] = ()
    output_to_staff: tuple[PhraseSet, ...] = ()
    reservations: tuple[PhraseSet, ...] = ()
    actor: tuple[PhraseSet, ...] = ()
    monitoring: tuple[PhraseSet, ...] = ()
    adherence: tuple[PhraseSet, ...] = ()
    disclosure: tuple[PhraseSet, ...] = ()
    combinations: tuple[Combination, ...] = ()

    def entries(self) -> tuple[tuple[CueKind, str, int, str], ...]:
        """Every ``(kind, value, number, pattern)``, in pack order."""
        return tuple(
            (kind, phrases.value, i, pattern)
            for kind in CueKind
            for phrases in getattr(self, kind.value)
            for i, pattern in enumerate(phrases.patterns)
        )

    @model_validator(mode="after")
    def _known_values(self) -> Self:
        allowed: dict[str, frozenset[str]] = {
            "requested_by": frozenset(r.value for r in Requester),
            "frequency": frozenset(f.value for f in Frequency),
            "reason": frozenset(r.value for r in TaskReason),
            "output_to_staff": frozenset({"yes"}),
            "reservations": frozenset({"yes", "no"}),
            "actor": frozenset({"staff"}),
            "monitoring": frozenset({"yes"}),
            "adherence": frozenset({"yes"}),
            "disclosure": frozenset({"yes"}),
        }
        for kind, values in allowed.items():
            for phrases in getattr(self, kind):
                if phrases.value not in values:
                    raise ValueError(f"{kind} has unknown value {phrases.value}")
        return self


def _load(name: str) -> Any:
    return load_package_data(name)


@cache
def role_table() -> RoleTable:
    """The bundled role table (loaded and validated once)."""
    return RoleTable.model_validate(_load("roles.yaml"))


@cache
def role_phrases() -> PhrasePack:
    """The bundled phrase pack, checked against the role table (loaded once)."""
    pack = PhrasePack.model_validate(_load("roles_phrases.yaml"))
    known = role_table().by_id
    named = {p.value for p in pack.activity} | {c.activity for c in pack.combinations}
    unknown = sorted(named - set(known))
    if unknown:
        raise ValueError(f"phrase pack names unknown activities {unknown}")
    return pack
