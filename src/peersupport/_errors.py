"""Exceptions raised by peersupport.

The whole hierarchy::

    PeerSupportError            every exception the library raises
    ├── InvalidInput(ValueError)    input failed validation; carries structured errors
    └── MissingExtra(ImportError)   an optional extra (pandas, click, matplotlib) is absent

Messages never quote the input's values: free text and names stay out of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from peersupport._privacy import is_health_key, privacy_message

if TYPE_CHECKING:
    from pydantic import ValidationError

__all__ = ["ErrorDetail", "InvalidInput", "MissingExtra", "PeerSupportError"]


class PeerSupportError(Exception):
    """Base class of every exception raised by peersupport."""


@attrs.frozen
class ErrorDetail:
    """One validation error: where it is, a stable type code and a message for a person."""

    loc: tuple[str | int, ...]
    type: str
    msg: str
    line: int | None = None

    @property
    def path(self) -> str:
        """The location as a dotted path with list indices, e.g. ``supporters[3].id``."""
        return format_loc(self.loc)

    def __str__(self) -> str:
        where = self.path or "(input)"
        if self.line is not None:
            where = f"{where} (line {self.line})"
        return f"{where}: {self.msg}"


def format_loc(loc: Sequence[str | int]) -> str:
    """Format a location tuple as ``a.b[2].c``."""
    out: list[str] = []
    for part in loc:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif out:
            out.append(f".{part}")
        else:
            out.append(str(part))
    return "".join(out)


# Plain-language messages for pydantic's stable error types. The types are
# pydantic's own codes, so they stay machine-readable on ErrorDetail.type.
_FRIENDLY: Final[Mapping[str, str]] = {
    "missing": "required",
    "extra_forbidden": "unknown field",
    "date_type": "not a date",
    "date_parsing": "not a date",
    "date_from_datetime_parsing": "not a date",
    "date_from_datetime_inexact": "not a date (it has a time)",
    "datetime_type": "not a date-time",
    "datetime_parsing": "not a date-time",
    "datetime_from_date_parsing": "not a date-time",
    "timezone_aware": "needs a time zone (e.g. +00:00)",
    "string_type": "not a string",
    "int_type": "not a whole number",
    "int_parsing": "not a whole number",
    "int_from_float": "not a whole number",
    "float_type": "not a number",
    "float_parsing": "not a number",
    "bool_type": "not true or false",
    "bool_parsing": "not true or false",
    "list_type": "not a list",
    "tuple_type": "not a list",
    "set_type": "not a list",
    "frozen_set_type": "not a list",
    "dict_type": "not a mapping",
    "model_type": "not a mapping",
    "model_attributes_type": "not a mapping",
    "string_too_short": "too short",
    "string_too_long": "too long",
}


class InvalidInput(PeerSupportError, ValueError):
    """Input did not validate; ``errors`` holds every problem found, not just the first."""

    def __init__(self, errors: Iterable[ErrorDetail], *, source: str | None = None) -> None:
        self.errors: tuple[ErrorDetail, ...] = tuple(errors)
        self.source = source
        super().__init__(self._format())

    def _format(self) -> str:
        head = f"{self.source}: " if self.source else ""
        count = len(self.errors)
        noun = "error" if count == 1 else "errors"
        lines = [f"{head}{count} validation {noun}"]
        lines.extend(f"  {err}" for err in self.errors)
        return "\n".join(lines)

    @classmethod
    def from_validation_error(
        cls,
        exc: ValidationError,
        *,
        prefix: Sequence[str | int] = (),
        source: str | None = None,
    ) -> InvalidInput:
        """Translate a pydantic ``ValidationError``, dropping the offending input values."""
        details = []
        for err in exc.errors(include_url=False, include_input=False, include_context=True):
            loc = (*prefix, *err["loc"])
            type_, msg = err["type"], _message_for(err["type"], err["msg"], err.get("ctx"))
            if type_ == "extra_forbidden" and loc and is_health_key(loc[-1]):
                type_, msg = "privacy_forbidden_field", privacy_message(str(loc[-1]))
            details.append(ErrorDetail(loc=loc, type=type_, msg=msg))
        return cls(details, source=source)

    @classmethod
    def single(cls, loc: Sequence[str | int], type_: str, msg: str) -> InvalidInput:
        """Build an error with one detail."""
        return cls([ErrorDetail(loc=tuple(loc), type=type_, msg=msg)])

    def with_lines(self, lines: Mapping[tuple[str | int, ...], int], source: str) -> InvalidInput:
        """Return a copy whose details carry source line numbers where known."""
        details = []
        for err in self.errors:
            line = None
            loc = err.loc
            while loc:
                if loc in lines:
                    line = lines[loc]
                    break
                loc = loc[:-1]
            details.append(attrs.evolve(err, line=line))
        return InvalidInput(details, source=source)


def _message_for(type_: str, msg: str, ctx: Mapping[str, Any] | None) -> str:
    friendly = _FRIENDLY.get(type_)
    if friendly is not None:
        return friendly
    if type_ in {"enum", "literal_error"} and ctx and "expected" in ctx:
        return f"must be one of {ctx['expected']}"
    if type_ == "value_error":
        return msg.removeprefix("Value error, ")
    return msg


class MissingExtra(PeerSupportError, ImportError):
    """An optional dependency is needed for this feature but is not installed."""

    def __init__(self, package: str, extra: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(
            f"this feature needs {package}; install it with: "
            f'python -m pip install "peersupport[{extra}]"'
        )
