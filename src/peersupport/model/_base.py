"""The base of every vocabulary model: frozen, strict about keys, and private by design."""

from __future__ import annotations

from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, ValidationError

from peersupport._errors import InvalidInput
from peersupport._privacy import FORBIDDEN_KEYS, is_health_key, privacy_message
from peersupport.engine import digest_bytes

__all__ = ["FORBIDDEN_KEYS", "FrozenModel", "is_health_key", "privacy_message"]


class FrozenModel(BaseModel):
    """Immutable, rejects unknown keys, hides input values from its errors.

    A key such as ``diagnosis`` is an unknown key like any other to pydantic, so it costs
    nothing on the happy path; :class:`~peersupport.InvalidInput` then explains why the
    programme does not collect it (see ``peersupport._privacy``).
    """

    model_config: ClassVar[ConfigDict] = ConfigDict(
        frozen=True,
        extra="forbid",
        hide_input_in_errors=True,
        str_strip_whitespace=True,
    )

    @property
    def digest(self) -> str:
        """``sha256:`` digest of the model's JSON."""
        return digest_bytes(self.__pydantic_serializer__.to_json(self))

    @classmethod
    def from_data(cls, data: Any) -> Self:
        """Validate plain data, raising :class:`~peersupport.InvalidInput` naming each bad field."""
        if isinstance(data, cls):
            return data
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise InvalidInput.from_validation_error(exc) from None
