"""The bundled knowledge: the competency framework and the training catalogue, validated on load."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from functools import cache, cached_property
from types import MappingProxyType
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from peersupport._yaml import load_package_data
from peersupport.engine import Citation

__all__ = [
    "Competency",
    "CompetencyDomain",
    "CompetencyFramework",
    "ModuleKind",
    "TrainingCatalogue",
    "TrainingModule",
    "WhoRoleMapping",
    "competency_framework",
    "training_catalogue",
]

_CONFIG = ConfigDict(frozen=True, extra="forbid")


class Competency(BaseModel):
    """One competency: a stable id, a paraphrased title, the training topics that build it."""

    model_config = _CONFIG
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    topics: tuple[str, ...] = Field(min_length=1)


class CompetencyDomain(BaseModel):
    """One of the five competency domains."""

    model_config = _CONFIG
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    competencies: tuple[Competency, ...] = Field(min_length=1)


class WhoRoleMapping(BaseModel):
    """One of WHO's twelve competency roles and the framework competencies that serve it."""

    model_config = _CONFIG
    role: int = Field(ge=1, le=12)
    title: str
    competencies: tuple[str, ...] = Field(min_length=1)


class CompetencyFramework(BaseModel):
    """The competency framework: domains, competencies, rating scale and the WHO role map."""

    model_config = _CONFIG
    version: str
    source: str
    section: str
    scale: dict[int, str]
    domains: tuple[CompetencyDomain, ...] = Field(min_length=1)
    who_roles: tuple[WhoRoleMapping, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        ids = [c.id for d in self.domains for c in d.competencies]
        if len(ids) != len(set(ids)):
            raise ValueError("competency ids must be unique")
        known = set(ids)
        for mapping in self.who_roles:
            unknown = set(mapping.competencies) - known
            if unknown:
                raise ValueError(f"WHO role {mapping.role} names unknown competencies {unknown}")
        if sorted(r.role for r in self.who_roles) != list(range(1, 13)):
            raise ValueError("who_roles must map each of the twelve WHO roles once")
        if sorted(self.scale) != [1, 2, 3, 4, 5]:
            raise ValueError("scale must anchor every level from 1 to 5")
        return self

    @property
    def citation(self) -> Citation:
        """Where the framework comes from."""
        return Citation(self.source, self.section)

    @cached_property
    def competency_ids(self) -> frozenset[str]:
        """Every competency id."""
        return frozenset(c.id for d in self.domains for c in d.competencies)

    @cached_property
    def domain_ids(self) -> tuple[str, ...]:
        """The domain ids, in order."""
        return tuple(d.id for d in self.domains)

    @cached_property
    def domains_by_competency(self) -> Mapping[str, str]:
        """Each competency id's domain id."""
        return MappingProxyType({c.id: d.id for d in self.domains for c in d.competencies})

    @cached_property
    def order(self) -> Mapping[str, int]:
        """Each competency id's position in the framework, for stable ordering."""
        ids = [c.id for d in self.domains for c in d.competencies]
        return MappingProxyType({cid: i for i, cid in enumerate(ids)})

    def domain_of(self, competency_id: str) -> str:
        """The domain id a competency belongs to."""
        return self.domains_by_competency[competency_id]

    @cached_property
    def _by_id(self) -> Mapping[str, Competency]:
        return MappingProxyType({c.id: c for d in self.domains for c in d.competencies})

    def competency(self, competency_id: str) -> Competency:
        """The competency with this id; ``KeyError`` if there is none."""
        return self._by_id[competency_id]


class ModuleKind(StrEnum):
    """Where a module sits in the catalogue."""

    CORE = "core"
    ADDITIONAL = "additional"
    TOPIC_GROUP = "topic_group"


class _CitationData(BaseModel):
    model_config = _CONFIG
    source: str
    section: str


class TrainingModule(BaseModel):
    """A training module or topic group of the catalogue."""

    model_config = _CONFIG
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    kind: ModuleKind
    summary: str = ""
    citation: _CitationData
    topics: tuple[str, ...] = ()

    @property
    def cite(self) -> Citation:
        """The module's citation."""
        return Citation(self.citation.source, self.citation.section)


class TrainingCatalogue(BaseModel):
    """The training catalogue: core modules, additional topics and topic groups."""

    model_config = _CONFIG
    version: str
    modules: tuple[TrainingModule, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Self:
        ids = [m.id for m in self.modules]
        if len(ids) != len(set(ids)):
            raise ValueError("module ids must be unique")
        return self

    @cached_property
    def ids(self) -> frozenset[str]:
        """Every module id."""
        return frozenset(m.id for m in self.modules)

    @cached_property
    def core_ids(self) -> frozenset[str]:
        """The ids of the core modules (basic, family, crisis, refresher)."""
        return frozenset(m.id for m in self.modules if m.kind is ModuleKind.CORE)

    def module(self, module_id: str) -> TrainingModule:
        """The module with this id."""
        for m in self.modules:
            if m.id == module_id:
                return m
        raise KeyError(module_id)


def _load(name: str) -> Any:
    return load_package_data(name)


@cache
def training_catalogue() -> TrainingCatalogue:
    """The bundled training catalogue (loaded and validated once)."""
    return TrainingCatalogue.model_validate(_load("training.yaml"))


@cache
def competency_framework() -> CompetencyFramework:
    """The bundled competency framework, checked against the training catalogue."""
    framework = CompetencyFramework.model_validate(_load("competencies.yaml"))
    modules = training_catalogue().ids
    for domain in framework.domains:
        for comp in domain.competencies:
            unknown = set(comp.topics) - modules
            if unknown:
                msg = f"competency {comp.id} names unknown training modules {sorted(unknown)}"
                raise ValueError(msg)
    return framework
