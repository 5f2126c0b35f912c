"""Policy: every tunable threshold, defaulted from the guidance and citing it.

An organisation loads its own with :meth:`Policy.from_yaml`, :meth:`Policy.from_toml`,
:meth:`Policy.from_json` (from text) or :func:`peersupport.io.load_policy` (from a file).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from datetime import time
from enum import StrEnum
from functools import cached_property
from typing import Any, Final, Self

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from peersupport import _yaml
from peersupport._errors import InvalidInput
from peersupport.engine import digest_json
from peersupport.model.knowledge import training_catalogue

__all__ = ["DEFAULT_POLICY", "Policy", "SelectionMethod"]


class SelectionMethod(StrEnum):
    """How a supporter came to the programme."""

    VOLUNTEER = "volunteer"
    PEER_NOMINATED = "peer_nominated"
    HIRED = "hired"


def _cited(default: Any, citation: str, description: str, **kw: Any) -> Any:
    return Field(default, description=description, json_schema_extra={"citation": citation}, **kw)


_PTSD_MODELS: Final = "workplace-ptsd-program §Peer Program Models and Structures"


class Policy(BaseModel):
    """The thresholds a programme is checked against; each default cites its source.

    Values that the sources do not give (for example the competency threshold) are the
    library's own choices and say so in their description.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        validate_default=True,
        hide_input_in_errors=True,
        str_strip_whitespace=True,
    )

    # Programme structure (workplace-ptsd-program, Peer Program Models and Structures).
    team_size_min: int = _cited(5, _PTSD_MODELS, "Smallest peer support team (5-10).", ge=1)
    team_size_max: int = _cited(10, _PTSD_MODELS, "Largest peer support team (5-10).", ge=1)
    invited_workers_min: int = _cited(
        10, _PTSD_MODELS, "Fewest peer support workers invited (about 10-20).", ge=1
    )
    invited_workers_max: int = _cited(
        20, _PTSD_MODELS, "Most peer support workers invited (about 10-20).", ge=1
    )
    educators_min: int = _cited(
        3, "workplace-ptsd-program §Peer Educator", "Fewest peer educators (at least 3-5).", ge=1
    )
    educators_max: int = _cited(
        5, "workplace-ptsd-program §Peer Educator", "Upper end of the 3-5 educators.", ge=1
    )
    class_size_min: int = _cited(
        10, "workplace-ptsd-program §Peer Educator", "Smallest education class (10-20).", ge=1
    )
    class_size_max: int = _cited(
        20, "workplace-ptsd-program §Peer Educator", "Largest education class (10-20).", ge=1
    )
    group_size_soft_max: int = _cited(
        10,
        "workplace-ptsd-program §Support Group",
        "Group size above which a group is getting large (the low end of 'about 10-15').",
        ge=1,
    )
    group_size_max: int = _cited(
        15,
        "workplace-ptsd-program §Support Group",
        "Largest support group (the high end of 'about 10-15 at its maximum').",
        ge=1,
    )
    group_cadence_days: int = _cited(
        7, "workplace-ptsd-program §Support Group", "Support groups meet weekly.", gt=0
    )
    groups_in_work_hours_only: bool = _cited(
        default=True,
        citation="workplace-ptsd-program §Crisis Support",
        description="Group support only in work hours.",
    )
    work_hours_start: time = _cited(
        time(9, 0),
        "workplace-ptsd-program §Crisis Support",
        "Start of work hours (the organisation's choice; the source names no times).",
    )
    work_hours_end: time = _cited(
        time(17, 0),
        "workplace-ptsd-program §Crisis Support",
        "End of work hours (the organisation's choice; the source names no times).",
    )
    on_call_tiers: int = _cited(
        2,
        "workplace-ptsd-program §Crisis Support",
        "Two-tier on-call: a primary and a backup peer support worker.",
        ge=1,
    )

    # Training (workplace-ptsd-program, Training).
    mandatory_modules: tuple[str, ...] = _cited(
        ("basic_peer_support", "crisis_management"),
        "workplace-ptsd-program §Training",
        "Modules every supporter completes before active duty. Crisis management is mandatory "
        "in the source; basic peer support is the training every worker receives.",
        min_length=1,
    )
    family_module: str = _cited(
        "family_peer_support",
        "workplace-ptsd-program §Training",
        "Module for supporters whose lived experience is as a family member or caregiver.",
    )
    crisis_module: str = _cited(
        "crisis_management",
        "workplace-ptsd-program §Training",
        "The crisis training that crisis responders and group leaders must hold.",
    )
    extensive_crisis_module: str = _cited(
        "crisis_management_extensive",
        "workplace-ptsd-program §Support Group",
        "The extensive crisis training that support group leaders undergo.",
    )
    retraining_interval_days: int = _cited(
        183,
        "workplace-ptsd-program §Training",
        "Longest time between trainings. The source says 'biannual', which can mean twice a "
        "year or every two years; the default reads it as twice a year (183 days), the "
        "stricter reading. Set 730 for every two years.",
        gt=0,
    )
    debrief_interval_months: int = _cited(
        1,
        "workplace-ptsd-program §Training",
        "Peer support workers meet for debriefing monthly.",
        gt=0,
    )
    debrief_review_months: int = _cited(
        3,
        "workplace-ptsd-program §Training",
        "How many recent whole months of debrief attendance are checked (the library's choice).",
        gt=0,
    )

    # Selection and competencies.
    allowed_selection: tuple[SelectionMethod, ...] = _cited(
        (SelectionMethod.VOLUNTEER, SelectionMethod.PEER_NOMINATED),
        "workplace-ptsd-program §Peer Support Worker Eligibility",
        "Accepted ways of joining: selected volunteers and peer-nominated workers. Add "
        "'hired' for paid peer roles (who-qualityrights-one-to-one §10).",
        min_length=1,
    )
    competency_threshold: int = _cited(
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

    @cached_property
    def digest(self) -> str:
        """``sha256:`` digest of the policy's canonical JSON."""
        return digest_json(self.model_dump(mode="json"))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> Policy:
        """Validate a mapping, raising :class:`InvalidInput` that names each bad field."""
        try:
            return cls.model_validate(data or {})
        except ValidationError as exc:
            raise InvalidInput.from_validation_error(exc, prefix=("policy",)) from None

    @classmethod
    def from_yaml(cls, text: str) -> Policy:
        """Parse and validate YAML text."""
        try:
            data = _yaml.load(text)
        except (yaml.YAMLError, ValueError) as exc:
            raise InvalidInput.single(
                ("policy",), "yaml_invalid", f"not valid YAML: {exc}"
            ) from None
        return cls.from_mapping(_mapping(data))

    @classmethod
    def from_toml(cls, text: str) -> Policy:
        """Parse and validate TOML text."""
        try:
            data = tomllib.loads(text)
        except ValueError as exc:  # TOMLDecodeError is a ValueError
            raise InvalidInput.single(
                ("policy",), "toml_invalid", f"not valid TOML: {exc}"
            ) from None
        return cls.from_mapping(data)

    @classmethod
    def from_json(cls, text: str) -> Policy:
        """Parse and validate JSON text."""
        try:
            data = json.loads(text)
        except ValueError as exc:  # JSONDecodeError, and integers too long to convert
            raise InvalidInput.single(
                ("policy",), "json_invalid", f"not valid JSON: {exc}"
            ) from None
        return cls.from_mapping(_mapping(data))


def _mapping(data: object) -> Mapping[str, Any] | None:
    if data is None or isinstance(data, Mapping):
        return data
    raise InvalidInput.single(("policy",), "dict_type", "not a mapping")


DEFAULT_POLICY: Final = Policy()


def coerce_policy(policy: Policy | Mapping[str, Any] | None) -> Policy:
    """The policy given, validated from a mapping if need be, or the default."""
    if policy is None:
        return DEFAULT_POLICY
    if isinstance(policy, Policy):
        return policy
    if isinstance(policy, Mapping):
        return Policy.from_mapping(policy)
    raise InvalidInput.single(("policy",), "model_type", "not a Policy or a mapping")
