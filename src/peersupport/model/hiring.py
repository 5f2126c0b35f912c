"""The interview-question pack: what a peer supporter must not be asked, and what to ask instead."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Self

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from peersupport.engine import Citation

__all__ = ["InterviewCategory", "InterviewPack", "SuggestedQuestion", "interview_pack"]

_CONFIG = ConfigDict(frozen=True, extra="forbid")
_ID = r"^[a-z][a-z0-9_]*$"


class _CitationData(BaseModel):
    model_config = _CONFIG
    source: str
    section: str


class InterviewCategory(BaseModel):
    """A kind of question that must not be asked, with the phrase patterns that find it."""

    model_config = _CONFIG
    id: str = Field(pattern=_ID)
    title: str
    patterns: tuple[str, ...] = Field(min_length=1)


class SuggestedQuestion(BaseModel):
    """A question about how the candidate's experience would help others (our own wording)."""

    model_config = _CONFIG
    id: str = Field(pattern=_ID)
    text: str


class InterviewPack(BaseModel):
    """The bundled pack: categories with patterns, a lexicon of inflections, suggestions."""

    model_config = _CONFIG
    version: str
    citations: tuple[_CitationData, ...] = Field(min_length=1)
    lexicon: dict[str, tuple[str, ...]]
    categories: tuple[InterviewCategory, ...] = Field(min_length=1)
    suggestions: tuple[SuggestedQuestion, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Self:
        for name, items in (("category", self.categories), ("suggestion", self.suggestions)):
            ids = [i.id for i in items]
            if len(ids) != len(set(ids)):
                raise ValueError(f"{name} ids must be unique")
        return self

    @property
    def cites(self) -> tuple[Citation, ...]:
        """Where the pack comes from."""
        return tuple(Citation(c.source, c.section) for c in self.citations)


@cache
def interview_pack() -> InterviewPack:
    """The bundled interview-question pack (loaded and validated once)."""
    text = resources.files("peersupport.data").joinpath("hiring.yaml").read_text(encoding="utf-8")
    return InterviewPack.model_validate(yaml.safe_load(text))
