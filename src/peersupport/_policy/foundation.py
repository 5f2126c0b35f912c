"""The policy fields of the foundation: programme structure, training, selection."""

from __future__ import annotations

from datetime import time
from typing import Final, Self

from pydantic import field_validator, model_validator

from peersupport._policy._base import PolicyPart, cited
from peersupport.model import SelectionMethod, training_catalogue

__all__ = ["FoundationPolicy", "SelectionMethod"]


_PTSD_MODELS: Final = "workplace-ptsd-program §Peer Program Models and Structures"


class FoundationPolicy(PolicyPart):
    """Structure, training and selection thresholds."""

    # Programme structure (workplace-ptsd-program, Peer Program Models and Structures).
    team_size_min: int = cited(5, _PTSD_MODELS, "Smallest peer support team (5-10).", ge=1)
    team_size_max: int = cited(10, _PTSD_MODELS, "Largest peer support team (5-10).", ge=1)
    invited_workers_min: int = cited(
        10, _PTSD_MODELS, "Fewest peer support workers invited (about 10-20).", ge=1
    )
    invited_workers_max: int = cited(
        20, _PTSD_MODELS, "Most peer support workers invited (about 10-20).", ge=1
    )
    educators_min: int = cited(
        3, "workplace-ptsd-program §Peer Educator", "Fewest peer educators (at least 3-5).", ge=1
    )
    educators_max: int = cited(
        5, "workplace-ptsd-program §Peer Educator", "Upper end of the 3-5 educators.", ge=1
    )
    class_size_min: int = cited(
        10, "workplace-ptsd-program §Peer Educator", "Smallest education class (10-20).", ge=1
    )
    class_size_max: int = cited(
        20, "workplace-ptsd-program §Peer Educator", "Largest education class (10-20).", ge=1
    )
    group_size_soft_max: int = cited(
        10,
        "workplace-ptsd-program §Support Group",
        "Group size above which a group is getting large (the low end of 'about 10-15').",
        ge=1,
    )
    group_size_max: int = cited(
        15,
        "workplace-ptsd-program §Support Group",
        "Largest support group (the high end of 'about 10-15 at its maximum').",
        ge=1,
    )
    group_cadence_days: int = cited(
        7, "workplace-ptsd-program §Support Group", "Support groups meet weekly.", gt=0, le=366
    )
    groups_in_work_hours_only: bool = cited(
        default=True,
        citation="workplace-ptsd-program §Crisis Support",
        description="Group support only in work hours.",
    )
    work_hours_start: time = cited(
        time(9, 0),
        "workplace-ptsd-program §Crisis Support",
        "Start of work hours (the organisation's choice; the source names no times).",
    )
    work_hours_end: time = cited(
        time(17, 0),
        "workplace-ptsd-program §Crisis Support",
        "End of work hours (the organisation's choice; the source names no times).",
    )
    on_call_tiers: int = cited(
        2,
        "workplace-ptsd-program §Crisis Support",
        "Two-tier on-call: a primary and a backup peer support worker.",
        ge=1,
    )

    # Training (workplace-ptsd-program, Training).
    mandatory_modules: tuple[str, ...] = cited(
        ("basic_peer_support", "crisis_management"),
        "workplace-ptsd-program §Training",
        "Modules every supporter completes before active duty. Crisis management is mandatory "
        "in the source; basic peer support is the training every worker receives.",
        min_length=1,
    )
    family_module: str = cited(
        "family_peer_support",
        "workplace-ptsd-program §Training",
        "Module for supporters whose lived experience is as a family member or caregiver.",
    )
    crisis_module: str = cited(
        "crisis_management",
        "workplace-ptsd-program §Training",
        "The crisis training that crisis responders and group leaders must hold.",
    )
    extensive_crisis_module: str = cited(
        "crisis_management_extensive",
        "workplace-ptsd-program §Support Group",
        "The extensive crisis training that support group leaders undergo.",
    )
    retraining_interval_days: int = cited(
        183,
        "workplace-ptsd-program §Training",
        "Longest time between trainings. The source says 'biannual', which can mean twice a "
        "year or every two years; the default reads it as twice a year (183 days), the "
        "stricter reading. Set 730 for every two years.",
        gt=0,
        le=3660,
    )
    debrief_interval_months: int = cited(
        1,
        "workplace-ptsd-program §Training",
        "Peer support workers meet for debriefing monthly.",
        gt=0,
        le=120,
    )
    debrief_review_months: int = cited(
        3,
        "workplace-ptsd-program §Training",
        "How many recent whole months of debrief attendance are checked (the library's choice).",
        gt=0,
        le=120,
    )

    # Selection and competencies.
    allowed_selection: tuple[SelectionMethod, ...] = cited(
        (SelectionMethod.VOLUNTEER, SelectionMethod.PEER_NOMINATED),
        "workplace-ptsd-program §Peer Support Worker Eligibility",
        "Accepted ways of joining: selected volunteers and peer-nominated workers. Add "
        "'hired' for paid peer roles (who-qualityrights-one-to-one §10).",
        min_length=1,
    )
    competency_threshold: int = cited(
        3,
        "competencies-training §Peer Support Team Member Competencies",
        "Rating (1-5) below which a competency is a training need (the library's choice: "
        "3 is the 'meets expectations' anchor).",
        ge=1,
        le=5,
    )

    @field_validator("work_hours_start", "work_hours_end", mode="before")
    @classmethod
    def _clock_time(cls, value: object) -> object:
        # YAML reads an unquoted 17:30 as the number 1050; refuse numbers rather than guess.
        if isinstance(value, bool | int | float):
            raise ValueError("write a time of day as 'HH:MM' in quotes")  # noqa: TRY004 - pydantic needs ValueError
        return value

    @field_validator("work_hours_start", "work_hours_end")
    @classmethod
    def _naive_time(cls, value: time) -> time:
        if value.tzinfo is not None:
            raise ValueError("a time of day without a UTC offset (work hours are local)")
        return value

    @field_validator(
        "mandatory_modules", "family_module", "crisis_module", "extensive_crisis_module"
    )
    @classmethod
    def _known_modules(cls, value: str | tuple[str, ...]) -> str | tuple[str, ...]:
        known = training_catalogue().ids
        unknown = sorted({value} - known if isinstance(value, str) else set(value) - known)
        if unknown:
            raise ValueError("names a module that is not in the training catalogue")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problems = [
            (lo, hi)
            for lo, hi in (
                ("team_size_min", "team_size_max"),
                ("invited_workers_min", "invited_workers_max"),
                ("educators_min", "educators_max"),
                ("class_size_min", "class_size_max"),
                ("group_size_soft_max", "group_size_max"),
            )
            if getattr(self, lo) > getattr(self, hi)
        ]
        if problems:
            lo, hi = problems[0]
            raise ValueError(
                f"{lo} ({getattr(self, lo)}) must not exceed {hi} ({getattr(self, hi)})"
            )
        if self.work_hours_start >= self.work_hours_end:
            raise ValueError("work_hours_start must be before work_hours_end")
        if len(set(self.allowed_selection)) != len(self.allowed_selection):
            raise ValueError("allowed_selection lists a method twice")
        return self
