"""Note: a case note or supporter note, the free text the language rules read."""

from __future__ import annotations

from typing import ClassVar

from pydantic import ConfigDict, Field

from peersupport.model._base import FrozenModel

__all__ = ["Note"]


class Note(FrozenModel):
    """A note as written, with an optional id to name it in reports.

    The text is kept exactly as given (no whitespace stripped), because findings point
    into it by character offsets; it never appears in ``repr``.
    """

    model_config: ClassVar[ConfigDict] = ConfigDict(
        frozen=True,
        extra="forbid",
        hide_input_in_errors=True,
        str_strip_whitespace=False,
    )

    id: str | None = Field(default=None, max_length=200, description="The note's id.")
    text: str = Field(repr=False, description="The note's text.")
