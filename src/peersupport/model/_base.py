"""The base of every vocabulary model: frozen, strict about keys, and private by design."""

from __future__ import annotations

from typing import Any, ClassVar, Final

from pydantic import BaseModel, ConfigDict, PrivateAttr, model_validator
from pydantic_core import PydanticCustomError

from peersupport.engine import digest_bytes

__all__ = ["FORBIDDEN_KEYS", "FrozenModel"]

# Keys that would carry health information the programme has no need of. The sources are
# plain that a supporter need not disclose a diagnosis and that selection is not about one.
FORBIDDEN_KEYS: Final = frozenset(
    {
        "diagnosis",
        "diagnoses",
        "condition",
        "conditions",
        "disorder",
        "disorders",
        "illness",
        "medication",
        "medications",
        "prescription",
        "prescriptions",
        "symptoms",
        "treatment",
        "treatment_history",
        "psychiatric_history",
        "hospitalisation",
        "hospitalization",
        "hospitalisations",
        "hospitalizations",
        "icd_code",
        "dsm_code",
    }
)

_WHY: Final = (
    "not collected: a supporter need not disclose a diagnosis or treatment, "
    "and peer support rests on shared experience, not on the illness "
    "(workplace-ptsd-program §Peer Support Worker Eligibility; "
    "who-qualityrights-one-to-one §10 Interviewing and hiring peer supporters)"
)


class FrozenModel(BaseModel):
    """Immutable, rejects unknown keys, hides input values from its errors."""

    model_config: ClassVar[ConfigDict] = ConfigDict(
        frozen=True,
        extra="forbid",
        hide_input_in_errors=True,
        str_strip_whitespace=True,
    )

    _digest: str | None = PrivateAttr(default=None)

    @property
    def digest(self) -> str:
        """``sha256:`` digest of the model's JSON, computed once (the model is frozen)."""
        # Read the private slot directly: pydantic's __getattr__ is slow on a hot path.
        private = self.__pydantic_private__
        found: str | None = private.get("_digest") if private is not None else None
        if found is None:
            found = digest_bytes(self.__pydantic_serializer__.to_json(self))
            self._digest = found
        return found

    @model_validator(mode="before")
    @classmethod
    def _refuse_health_fields(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        if FORBIDDEN_KEYS.isdisjoint(data) and cls.model_fields.keys() >= data.keys():
            return data
        for key in data:
            if isinstance(key, str) and key.strip().lower() in FORBIDDEN_KEYS:
                raise PydanticCustomError("privacy_forbidden_field", _WHY, {"field": key})
        return data
