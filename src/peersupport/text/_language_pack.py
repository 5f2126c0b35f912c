"""The schema of the language rule packs, validated when a pack or a policy loads.

A pack rule names its category, severity, token patterns (the syntax of
:mod:`peersupport.text._phrases`, plus a leading ``^`` for "at the start of a sentence"),
what to write instead, the sources it comes from, exceptions, and what to do in each
context (negation, quotation, a question, the person's own description, an
organisation's name, a clinical word in a neutral phrase).
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from peersupport.engine import Citation, Severity
from peersupport.sources import SOURCES

__all__ = [
    "ContextAction",
    "ContextActions",
    "ContextData",
    "LanguageCategory",
    "LanguageContext",
    "LanguagePack",
    "LanguageRuleSpec",
    "SourceRef",
]


class LanguageCategory(StrEnum):
    """What kind of language a rule is about."""

    CLOSED_LANGUAGE = "closed_language"
    DEHUMANIZING_TERM = "dehumanizing_term"
    JUDGEMENTAL = "judgemental"
    DIRECTIVE = "directive"


class LanguageContext(StrEnum):
    """A context around a match that may change how (or whether) it is reported."""

    NEGATED = "negated"
    QUOTED = "quoted"
    QUESTION = "question"
    SELF_DESCRIPTION = "self_description"
    ORGANISATION = "organisation"
    NEUTRAL_NOUN = "neutral_noun"


class ContextAction(StrEnum):
    """What a rule does with a match found in a context."""

    SKIP = "skip"
    """Not reported."""
    SOFTEN = "soften"
    """Reported at ``advisory`` severity, marked with the context."""
    KEEP = "keep"
    """Reported as usual, marked with the context."""


class _Model(BaseModel):
    model_config: ClassVar[ConfigDict] = ConfigDict(
        frozen=True, extra="forbid", hide_input_in_errors=True
    )


class ContextActions(_Model):
    """Per-context actions; a context left out takes the category's default."""

    negated: ContextAction | None = None
    quoted: ContextAction | None = None
    question: ContextAction | None = None
    self_description: ContextAction | None = None
    organisation: ContextAction | None = None
    neutral_noun: ContextAction | None = None

    def over(self, defaults: ContextActions) -> dict[LanguageContext, ContextAction]:
        """These actions, with ``defaults`` filling the gaps (and ``keep`` after that)."""
        out: dict[LanguageContext, ContextAction] = {}
        for context in LanguageContext:
            mine = getattr(self, context.value)
            fallback = getattr(defaults, context.value)
            out[context] = mine or fallback or ContextAction.KEEP
        return out


class SourceRef(_Model):
    """A citation as written in a pack: a source short id, a section and an optional item."""

    source: str
    section: str = Field(min_length=1)
    item: str | None = None

    @field_validator("source")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in SOURCES:
            raise ValueError(f"unknown source; known: {', '.join(sorted(SOURCES))}")
        return value

    def citation(self) -> Citation:
        """The engine's :class:`~peersupport.engine.Citation`."""
        return Citation(self.source, self.section, self.item)


class LanguageRuleSpec(_Model):
    """One language rule as data: the bundled packs and ``Policy.language_rules`` use it."""

    id: str = Field(pattern=r"^[A-Z]+-\d{3}$")
    title: str = Field(min_length=1)
    category: LanguageCategory
    severity: Severity
    message: str = Field(min_length=1, description="What is wrong, in a few words.")
    suggestion: str = Field(min_length=1, description="What to write instead.")
    rationale: str = Field(min_length=1, description="Why, in the library's own words.")
    patterns: tuple[str, ...] = Field(min_length=1)
    exceptions: tuple[str, ...] = ()
    sources: tuple[SourceRef, ...] = Field(min_length=1)
    context: ContextActions = ContextActions()

    @field_validator("patterns", "exceptions")
    @classmethod
    def _not_blank(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in value:
            if not pattern.strip().removeprefix("^").strip():
                raise ValueError("a pattern must not be empty")
        return value


class LanguagePack(_Model):
    """A pack file: a version and its rules."""

    version: str = Field(min_length=1)
    rules: tuple[LanguageRuleSpec, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Self:
        ids = [r.id for r in self.rules]
        if len(ids) != len(set(ids)):
            raise ValueError("rule ids must be unique within a pack")
        return self


class ContextData(_Model):
    """The words and phrases the context rules read."""

    self_description: tuple[str, ...] = Field(min_length=1)
    indirect_questions: tuple[str, ...] = ()
    labelling: tuple[str, ...] = ()
    organisations: tuple[str, ...] = Field(min_length=1)
    neutral_nouns: tuple[str, ...] = Field(min_length=1)
    defaults: dict[LanguageCategory, ContextActions]

    @model_validator(mode="after")
    def _every_category(self) -> Self:
        missing = set(LanguageCategory) - set(self.defaults)
        if missing:
            raise ValueError(f"defaults missing for {sorted(m.value for m in missing)}")
        return self
