"""Policy: every tunable threshold, defaulted from the guidance and citing it.

An organisation loads its own with :meth:`Policy.from_yaml`, :meth:`Policy.from_toml`,
:meth:`Policy.from_json` (from text) or :func:`peersupport.io.load_policy` (from a file).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from functools import cached_property
from typing import Any, Final

import yaml
from pydantic import ValidationError

from peersupport import _yaml
from peersupport._errors import InvalidInput
from peersupport._policy.assessment import AssessmentPolicy
from peersupport._policy.boundaries import BoundariesPolicy
from peersupport._policy.confidentiality import ConfidentialityPolicy
from peersupport._policy.drift import DriftPolicy
from peersupport._policy.foundation import FoundationPolicy
from peersupport._policy.language import LanguagePolicy
from peersupport._policy.programme import ProgrammePolicy
from peersupport._policy.roles import RolesPolicy
from peersupport.engine import digest_json
from peersupport.model import SelectionMethod

__all__ = ["DEFAULT_POLICY", "Policy", "SelectionMethod"]


class Policy(
    AssessmentPolicy,
    DriftPolicy,
    BoundariesPolicy,
    LanguagePolicy,
    ConfidentialityPolicy,
    RolesPolicy,
    ProgrammePolicy,
    FoundationPolicy,
):
    """The thresholds a programme is checked against; each default cites its source.

    Values that the sources do not give (for example the competency threshold) are the
    library's own choices and say so in their description. Each concept contributes its
    fields from a part in ``peersupport._policy``; the policy is one flat model.
    """

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
