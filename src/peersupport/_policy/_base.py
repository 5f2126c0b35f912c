"""The base of every policy part, and the helper that cites a field's default."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["PolicyPart", "cited"]


class PolicyPart(BaseModel):
    """Frozen, strict about keys, hides input values from its errors."""

    model_config: ClassVar[ConfigDict] = ConfigDict(
        frozen=True,
        extra="forbid",
        validate_default=True,
        hide_input_in_errors=True,
        str_strip_whitespace=True,
    )


def cited(default: Any, citation: str, description: str, **kw: Any) -> Any:
    """A field whose default comes from ``citation`` (``"source-id §Section"``)."""
    return Field(default, description=description, json_schema_extra={"citation": citation}, **kw)
