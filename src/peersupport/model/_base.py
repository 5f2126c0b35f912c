"""The base of every vocabulary model: frozen, strict about keys, and private by design."""

from __future__ import annotations

from typing import Any, ClassVar, Final, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    PrivateAttr,
    ValidationError,
    ValidatorFunctionWrapHandler,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from peersupport._errors import InvalidInput
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

    @model_validator(mode="wrap")
    @classmethod
    def _refuse_health_fields(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        if not isinstance(data, dict) or (
            FORBIDDEN_KEYS.isdisjoint(data) and cls.model_fields.keys() >= data.keys()
        ):
            return handler(data)
        refused = [k for k in data if isinstance(k, str) and k.strip().lower() in FORBIDDEN_KEYS]
        if not refused:
            return handler(data)
        # Report the refused keys and every other problem together, not one at a time.
        errors = [
            InitErrorDetails(
                type=PydanticCustomError("privacy_forbidden_field", _WHY, {"field": key}),
                loc=(key,),
                input=None,
            )
            for key in refused
        ]
        try:
            handler({k: v for k, v in data.items() if k not in refused})
        except ValidationError as exc:
            errors.extend(
                InitErrorDetails(
                    type=PydanticCustomError(e["type"], e["msg"].replace("{", "{{"), e.get("ctx")),
                    loc=e["loc"],
                    input=None,
                )
                for e in exc.errors(include_url=False, include_input=False)
            )
        raise ValidationError.from_exception_data(cls.__name__, errors, hide_input=True)

    @classmethod
    def from_data(cls, data: Any) -> Self:
        """Validate plain data, raising :class:`~peersupport.InvalidInput` naming each bad field."""
        if isinstance(data, cls):
            return data
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise InvalidInput.from_validation_error(exc) from None
