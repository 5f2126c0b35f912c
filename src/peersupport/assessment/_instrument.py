"""Instruments as data: sections of items, each with a scale, a weight, a citation and a remedy.

The bundled instruments live in ``peersupport/data/instruments/*.yaml`` and are validated
when they load: ids are stable and unique across every instrument, each scale anchors every
level, and every citation names a catalogued source.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from functools import cache, cached_property
from importlib import resources
from types import MappingProxyType
from typing import Any, Final, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from peersupport import _yaml
from peersupport._errors import InvalidInput
from peersupport.engine import Citation
from peersupport.sources import SOURCES

__all__ = [
    "MISSING_ANSWERS",
    "Audience",
    "Instrument",
    "InstrumentLevel",
    "Item",
    "Scale",
    "ScaleKind",
    "Section",
    "instrument",
    "instruments",
]

NOT_APPLICABLE: Final = "not_applicable"
DONT_KNOW: Final = "dont_know"
MISSING_ANSWERS: Final = (NOT_APPLICABLE, DONT_KNOW)

_CONFIG = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)
_ID = r"^[a-z][a-z0-9_]*$"


class Audience(StrEnum):
    """Who must act on a gap."""

    LEADERSHIP = "leadership"
    MANAGERS = "managers"
    SUPERVISORS = "supervisors"
    PEER_SUPPORTERS = "peer_supporters"


class InstrumentLevel(StrEnum):
    """What an instrument is about: the whole programme, or one supporter's own practice."""

    PROGRAMME = "programme"
    SUPPORTER = "supporter"


class ScaleKind(StrEnum):
    """The two response scales."""

    YES_PARTLY_NO = "yes_partly_no"
    ONE_TO_FIVE = "one_to_five"


_LEVELS: Final[Mapping[ScaleKind, tuple[str, ...]]] = {
    ScaleKind.YES_PARTLY_NO: ("yes", "partly", "no"),
    ScaleKind.ONE_TO_FIVE: ("5", "4", "3", "2", "1"),
}
_FRACTION: Final[Mapping[str, float]] = {
    "yes": 1.0,
    "partly": 0.5,
    "no": 0.0,
    **{str(n): (n - 1) / 4 for n in range(1, 6)},
}


class Scale(BaseModel):
    """A response scale: its levels, best first, each with an anchor saying what it means.

    ``not_applicable`` and ``dont_know`` are always allowed as well; they are kept as
    missing answers and never scored.
    """

    model_config = _CONFIG
    id: str = Field(pattern=_ID)
    kind: ScaleKind
    anchors: dict[str, str]

    @model_validator(mode="after")
    def _anchored(self) -> Self:
        if set(self.anchors) != set(_LEVELS[self.kind]):
            raise ValueError(f"scale {self.id} must anchor exactly {list(_LEVELS[self.kind])}")
        return self

    @property
    def levels(self) -> tuple[str, ...]:
        """The scored levels, best first."""
        return _LEVELS[self.kind]

    @property
    def values(self) -> tuple[str, ...]:
        """Every accepted answer: the levels, then ``not_applicable`` and ``dont_know``."""
        return (*self.levels, *MISSING_ANSWERS)

    @staticmethod
    def fraction(answer: str) -> float | None:
        """How much of the item's weight an answer earns (0 to 1); ``None`` for a missing one."""
        return _FRACTION.get(answer)

    def normalise(self, value: object) -> str | None:
        """The answer as its canonical string, or ``None`` when it is off this scale."""
        if isinstance(value, bool):
            # YAML reads an unquoted yes/no as true/false; take them as the words they were.
            text = "yes" if value else "no"
        elif isinstance(value, int):
            text = str(value)
        elif isinstance(value, str):
            text = value.strip().lower().replace(" ", "_").replace("'", "")
            text = {"n/a": NOT_APPLICABLE, "na": NOT_APPLICABLE, "dont_know": DONT_KNOW}.get(
                text, text
            )
        else:
            return None
        return text if text in self.values else None


class _CitationData(BaseModel):
    model_config = _CONFIG
    source: str | None = None
    section: str | None = None
    item: str | None = None


class Item(BaseModel):
    """One question of an instrument, with everything needed to score it and act on a gap."""

    model_config = _CONFIG
    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*-\d{3}$")
    question: str = Field(min_length=1)
    weight: int = Field(ge=1, le=3, description="1 (useful) to 3 (essential).")
    scale: str = Field(pattern=_ID)
    audience: Audience
    source: str
    section_ref: str
    item_ref: str | None = None
    recommendation: str = Field(min_length=1)
    prefill: str | None = Field(
        default=None, pattern=_ID, description="The programme fact that can answer it."
    )

    @property
    def citation(self) -> Citation:
        """Where in the guidance the item comes from."""
        return Citation(self.source, self.section_ref, self.item_ref)


class Section(BaseModel):
    """A titled group of items, scored together."""

    model_config = _CONFIG
    id: str = Field(pattern=_ID)
    title: str
    items: tuple[Item, ...] = Field(min_length=1)


class Instrument(BaseModel):
    """A self-assessment instrument: an id, a version, its source and its sections of items."""

    model_config = _CONFIG
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    version: str
    prefix: str = Field(pattern=r"^[A-Z][A-Z0-9]*$")
    title: str
    source: str
    section: str
    level: InstrumentLevel
    scales: tuple[Scale, ...] = Field(min_length=1)
    sections: tuple[Section, ...] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _inherit(cls, data: Any) -> Any:
        """Give each item its section's audience and citation, and the default scale."""
        if not isinstance(data, Mapping):
            return data
        data = dict(data)
        default_scale = data.pop("default_scale", None)
        source, section = data.get("source"), data.get("section")
        sections = []
        for raw in data.get("sections") or ():
            if not isinstance(raw, Mapping):
                sections.append(raw)
                continue
            sec = dict(raw)
            audience = sec.pop("audience", None)
            cite = dict(sec.pop("citation", None) or {})
            items = []
            for raw_item in sec.get("items") or ():
                if not isinstance(raw_item, Mapping):
                    items.append(raw_item)
                    continue
                item = dict(raw_item)
                own = dict(item.pop("citation", None) or {})
                merged = {"source": source, "section": section, **cite, **own}
                item.setdefault("audience", audience)
                item.setdefault("scale", default_scale)
                item["source"] = merged["source"]
                item["section_ref"] = merged["section"]
                item["item_ref"] = merged.get("item")
                items.append(item)
            sec["items"] = items
            sections.append(sec)
        data["sections"] = sections
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        scale_ids = {s.id for s in self.scales}
        seen: set[str] = set()
        for item in self.items:
            if item.id in seen:
                raise ValueError(f"item id {item.id} is used twice")
            seen.add(item.id)
            if not item.id.startswith(f"{self.prefix}-"):
                raise ValueError(f"item {item.id} must start with {self.prefix}-")
            if item.scale not in scale_ids:
                raise ValueError(f"item {item.id} names unknown scale {item.scale}")
            if item.source not in SOURCES:
                raise ValueError(f"item {item.id} cites unknown source {item.source}")
        if len({s.id for s in self.sections}) != len(self.sections):
            raise ValueError("section ids must be unique")
        if self.source not in SOURCES:
            raise ValueError(f"unknown source {self.source}")
        return self

    @cached_property
    def items(self) -> tuple[Item, ...]:
        """Every item, in order."""
        return tuple(i for s in self.sections for i in s.items)

    @cached_property
    def _by_id(self) -> Mapping[str, Item]:
        return MappingProxyType({i.id: i for i in self.items})

    @cached_property
    def _section_of(self) -> Mapping[str, str]:
        return MappingProxyType({i.id: s.id for s in self.sections for i in s.items})

    @cached_property
    def _scales(self) -> Mapping[str, Scale]:
        return MappingProxyType({s.id: s for s in self.scales})

    def item(self, item_id: str) -> Item:
        """The item with this id; ``KeyError`` if there is none."""
        return self._by_id[item_id]

    def has_item(self, item_id: str) -> bool:
        """Whether the instrument has an item with this id."""
        return item_id in self._by_id

    def section_of(self, item_id: str) -> str:
        """The id of the section an item belongs to."""
        return self._section_of[item_id]

    def scale_of(self, item: Item | str) -> Scale:
        """The scale an item is answered on."""
        found = item if isinstance(item, Item) else self._by_id[item]
        return self._scales[found.scale]

    @property
    def citation(self) -> Citation:
        """Where the instrument as a whole comes from."""
        return Citation(self.source, self.section)

    @property
    def possible(self) -> int:
        """The total weight of all items: the score if every item were fully met."""
        return sum(i.weight for i in self.items)

    def describe(self) -> dict[str, Any]:
        """Plain JSON-ready form of the instrument, every item included."""
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "source": self.source,
            "section": self.section,
            "level": self.level.value,
            "scales": [
                {"id": s.id, "kind": s.kind.value, "levels": list(s.levels), "anchors": s.anchors}
                for s in self.scales
            ],
            "sections": [
                {
                    "id": s.id,
                    "title": s.title,
                    "items": [
                        {
                            "id": i.id,
                            "question": i.question,
                            "scale": i.scale,
                            "weight": i.weight,
                            "audience": i.audience.value,
                            "citation": i.citation.to_dict(),
                            "recommendation": i.recommendation,
                            "prefill": i.prefill,
                        }
                        for i in s.items
                    ],
                }
                for s in self.sections
            ],
        }


_FILES: Final = (
    "who-seven-components.yaml",
    "working-together.yaml",
    "workplace-policy.yaml",
    "training-planning.yaml",
    "ethics-to-practice.yaml",
    "principles-of-practice.yaml",
)


def _load(name: str) -> Instrument:
    text = resources.files("peersupport.data.instruments").joinpath(name).read_text("utf-8")
    try:
        return Instrument.model_validate(_yaml.load(text))
    except ValidationError as exc:
        raise InvalidInput.from_validation_error(exc, source=name) from None


@cache
def _bundled() -> Mapping[str, Instrument]:
    loaded = [_load(name) for name in _FILES]
    owners: dict[str, str] = {}
    for inst in loaded:
        for item in inst.items:
            if item.id in owners:
                raise ValueError(f"item id {item.id} is in {owners[item.id]} and {inst.id}")
            owners[item.id] = inst.id
    return MappingProxyType({i.id: i for i in loaded})


def _is_text(value: object) -> bool:
    return isinstance(value, str)


def instruments() -> tuple[Instrument, ...]:
    """The bundled self-assessment instruments, in a stable order."""
    return tuple(_bundled().values())


def instrument(instrument_id: str | Instrument) -> Instrument:
    """The instrument with this id; :class:`~peersupport.InvalidInput` names an unknown one."""
    if isinstance(instrument_id, Instrument):
        return instrument_id
    found = _bundled().get(instrument_id) if _is_text(instrument_id) else None
    if found is None:
        raise InvalidInput.single(
            ("instrument_id",),
            "unknown_instrument",
            f"unknown instrument; choose from {sorted(_bundled())}",
        )
    return found
