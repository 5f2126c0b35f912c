"""Scoring a self-assessment: responses in, an immutable :class:`AssessmentResult` out.

Missing answers (``not_applicable``, ``dont_know`` or none at all) are kept as missing and
never turned into numbers: a section's score is out of the weight of the items answered,
and its coverage says how many that was. Several raters may answer the same instrument; the
spread between their answers to an item is reported as a signal in itself.
"""

from __future__ import annotations

import html
import importlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final, cast

import attrs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from peersupport._errors import ErrorDetail, InvalidInput, MissingExtra
from peersupport._frozen import FrozenMap, frozen_map
from peersupport.assessment._instrument import (
    DONT_KNOW,
    NOT_APPLICABLE,
    Audience,
    Instrument,
    instrument,
)
from peersupport.checks._common import coerce_as_of
from peersupport.engine import Citation, canonical_json, digest_json

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AssessmentResult",
    "Comparison",
    "Gap",
    "ItemScore",
    "Rater",
    "RaterAnswers",
    "RaterGap",
    "ResponseSet",
    "SectionScore",
    "Trend",
    "assess",
    "coerce_response_sets",
    "compare",
    "score",
]

RATER_GAP: Final = 0.5
"""Raters whose answers to an item lie this far apart (on the 0-1 scale) or more disagree."""

UNANSWERED: Final = "unanswered"


class Rater(StrEnum):
    """Who answered an instrument."""

    SELF = "self"
    SUPERVISOR = "supervisor"
    PEER = "peer"
    AUDITOR = "auditor"


class Trend(StrEnum):
    """The direction of a change between two assessments."""

    IMPROVED = "improved"
    WORSENED = "worsened"
    UNCHANGED = "unchanged"
    NOT_COMPARABLE = "not_comparable"


class ResponseSet(BaseModel):
    """One rater's answers: item id to answer; ``null`` means not answered yet.

    ``instrument`` may be left out when the item ids say which instrument they belong to (the
    audit reads answers to several instruments from one file).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)
    instrument: str | None = None
    rater: Rater = Rater.AUDITOR
    rated_on: date | None = None
    answers: dict[str, str | int | bool | None] = Field(default_factory=dict)

    @field_validator("answers", mode="before")
    @classmethod
    def _keys_are_text(cls, value: Any) -> Any:
        if isinstance(value, Mapping):
            return {str(k): v for k, v in value.items()}
        return value


def _sorted_answers(answers: Mapping[str, str]) -> Mapping[str, str]:
    return FrozenMap(dict(sorted(answers.items())))


@attrs.frozen
class RaterAnswers:
    """One rater's validated answers to an instrument.

    ``prefilled`` names the items the audit answered from the programme data.
    """

    rater: Rater
    rated_on: date
    answers: Mapping[str, str] = attrs.field(converter=_sorted_answers)
    prefilled: frozenset[str] = frozenset()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "rater": self.rater.value,
            "rated_on": self.rated_on.isoformat(),
            "answers": dict(self.answers),
            "prefilled": sorted(self.prefilled),
        }


@attrs.frozen
class ItemScore:
    """One item's answers and what they earned; ``fraction`` is ``None`` when missing."""

    item_id: str
    section_id: str
    weight: int
    answers: Mapping[str, str] = attrs.field(converter=frozen_map)
    fraction: float | None
    missing: str | None

    @property
    def points(self) -> float | None:
        """The weight earned, or ``None`` when the item is missing."""
        return None if self.fraction is None else self.weight * self.fraction

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "item_id": self.item_id,
            "section_id": self.section_id,
            "weight": self.weight,
            "answers": dict(self.answers),
            "fraction": _round(self.fraction),
            "points": _round(self.points),
            "missing": self.missing,
        }


@attrs.frozen
class SectionScore:
    """A section's (or the whole instrument's) score, out of the weight of the items answered."""

    id: str
    title: str
    score: float
    max_score: int
    possible: int
    answered: int
    total: int
    not_applicable: int
    dont_know: int
    unanswered: int

    @property
    def percent(self) -> float | None:
        """Score as a percentage of the answered items' weight; ``None`` when none is answered."""
        return None if self.max_score == 0 else round(100 * self.score / self.max_score, 1)

    @property
    def coverage(self) -> float:
        """The share of items answered, 0 to 1."""
        return 0.0 if self.total == 0 else round(self.answered / self.total, 4)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "id": self.id,
            "title": self.title,
            "score": _round(self.score),
            "max_score": self.max_score,
            "possible": self.possible,
            "percent": self.percent,
            "coverage": self.coverage,
            "answered": self.answered,
            "total": self.total,
            "not_applicable": self.not_applicable,
            "dont_know": self.dont_know,
            "unanswered": self.unanswered,
        }


@attrs.frozen
class Gap:
    """An item answered short of its best level, with what to do about it."""

    instrument_id: str
    item_id: str
    section_id: str
    question: str
    answers: Mapping[str, str] = attrs.field(converter=frozen_map)
    weight: int
    shortfall: float
    audience: Audience
    recommendation: str
    citation: Citation

    @property
    def priority(self) -> float:
        """Weight times shortfall: the rank of the gap (higher first)."""
        return round(self.weight * self.shortfall, 4)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "instrument_id": self.instrument_id,
            "item_id": self.item_id,
            "section_id": self.section_id,
            "question": self.question,
            "answers": dict(self.answers),
            "weight": self.weight,
            "shortfall": _round(self.shortfall),
            "priority": self.priority,
            "audience": self.audience.value,
            "recommendation": self.recommendation,
            "citation": self.citation.to_dict(),
        }


@attrs.frozen
class RaterGap:
    """Raters who answered an item far apart: a signal to talk it through."""

    item_id: str
    answers: Mapping[str, str] = attrs.field(converter=frozen_map)
    spread: float

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {"item_id": self.item_id, "answers": dict(self.answers), "spread": self.spread}


@attrs.frozen(repr=False)
class AssessmentResult:
    """A scored instrument: per-section and overall scores with coverage, gaps, rater gaps.

    Immutable all the way down (every ``answers`` mapping in it is read-only);
    ``to_json()`` is canonical, and :attr:`digest` identifies the result.
    """

    instrument_id: str
    instrument_version: str
    title: str
    ratings: tuple[RaterAnswers, ...]
    items: tuple[ItemScore, ...]
    sections: tuple[SectionScore, ...]
    overall: SectionScore
    gaps: tuple[Gap, ...]
    rater_gaps: tuple[RaterGap, ...]
    input_digest: str

    def __repr__(self) -> str:
        return (
            f"AssessmentResult(instrument_id={self.instrument_id!r}, "
            f"raters={[r.value for r in self.raters]}, percent={self.overall.percent}, "
            f"coverage={self.overall.coverage}, gaps={len(self.gaps)})"
        )

    @property
    def raters(self) -> tuple[Rater, ...]:
        """Who answered, in the order given."""
        return tuple(r.rater for r in self.ratings)

    @property
    def rater(self) -> Rater | None:
        """The rater, when one rater answered; ``None`` for several (see :attr:`raters`)."""
        return self.ratings[0].rater if len(self.ratings) == 1 else None

    @property
    def rated_on(self) -> date:
        """The date of the latest answers."""
        return max(r.rated_on for r in self.ratings)

    def section(self, section_id: str) -> SectionScore:
        """The score of one section; ``KeyError`` if there is none."""
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def item(self, item_id: str) -> ItemScore:
        """The score of one item; ``KeyError`` if there is none."""
        for i in self.items:
            if i.item_id == item_id:
                return i
        raise KeyError(item_id)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form, in a stable shape."""
        return {
            "instrument_id": self.instrument_id,
            "instrument_version": self.instrument_version,
            "title": self.title,
            "rater": self.rater.value if self.rater else None,
            "raters": [r.value for r in self.raters],
            "rated_on": self.rated_on.isoformat(),
            "ratings": [r.to_dict() for r in self.ratings],
            "overall": self.overall.to_dict(),
            "sections": [s.to_dict() for s in self.sections],
            "items": [i.to_dict() for i in self.items],
            "gaps": [g.to_dict() for g in self.gaps],
            "rater_gaps": [g.to_dict() for g in self.rater_gaps],
            "input_digest": self.input_digest,
        }

    def to_json(self) -> str:
        """Canonical JSON: sorted keys, byte-identical for the same responses."""
        return canonical_json({**self.to_dict(), "digest": self.digest})

    @property
    def digest(self) -> str:
        """``sha256:`` digest of the result's canonical form, for an audit log."""
        return digest_json(self.to_dict())

    def to_markdown(self) -> str:
        """A Markdown summary: sections with coverage, then the gaps."""
        from peersupport.assessment._markdown import assessment_markdown  # noqa: PLC0415 - a cycle

        return assessment_markdown(self)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(s.title)}</td><td>{_pct(s.percent)}</td>"
            f"<td>{s.answered}/{s.total}</td></tr>"
            for s in self.sections
        )
        gaps = "".join(
            f"<li><code>{g.item_id}</code> {html.escape(g.recommendation)} "
            f"<small>({html.escape(str(g.citation))})</small></li>"
            for g in self.gaps[:10]
        )
        raters = ", ".join(r.value for r in self.raters)
        return (
            "<div class='peersupport-assessment'>"
            f"<p><strong>{html.escape(self.title)}</strong> v{html.escape(self.instrument_version)}"
            f" rated by {raters} on {self.rated_on.isoformat()}: "
            f"{_pct(self.overall.percent)} with {self.overall.answered}/{self.overall.total} "
            "items answered</p>"
            "<table><thead><tr><th>Section</th><th>Score</th><th>Answered</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
            f"<p>Top gaps:</p><ol>{gaps}</ol></div>"
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per item (needs the ``pandas`` extra)."""
        pandas = _pandas()
        records = [
            {
                "instrument_id": self.instrument_id,
                "section_id": i.section_id,
                "item_id": i.item_id,
                "weight": i.weight,
                **{f"answer_{k}": v for k, v in i.answers.items()},
                "fraction": i.fraction,
                "points": i.points,
                "missing": i.missing,
            }
            for i in self.items
        ]
        return cast("pd.DataFrame", pandas.DataFrame.from_records(records))


@attrs.frozen
class ItemChange:
    """How one item's score moved between two assessments."""

    item_id: str
    before: float | None
    after: float | None
    trend: Trend

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "item_id": self.item_id,
            "before": _round(self.before),
            "after": _round(self.after),
            "trend": self.trend.value,
        }


@attrs.frozen
class SectionChange:
    """How a section's (or the overall) percentage and coverage moved."""

    id: str
    before: float | None
    after: float | None
    coverage_before: float
    coverage_after: float
    trend: Trend

    @property
    def delta(self) -> float | None:
        """Percentage points gained (negative when lost); ``None`` if either is missing."""
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "id": self.id,
            "before": self.before,
            "after": self.after,
            "delta": self.delta,
            "coverage_before": self.coverage_before,
            "coverage_after": self.coverage_after,
            "trend": self.trend.value,
        }


@attrs.frozen
class Comparison:
    """The trend between two assessments of the same instrument."""

    instrument_id: str
    versions: tuple[str, str]
    dates: tuple[date, date]
    overall: SectionChange
    sections: tuple[SectionChange, ...]
    items: tuple[ItemChange, ...]
    closed_gaps: tuple[str, ...]
    new_gaps: tuple[str, ...]

    @property
    def changed(self) -> tuple[ItemChange, ...]:
        """The items whose score moved."""
        return tuple(i for i in self.items if i.trend is not Trend.UNCHANGED)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "instrument_id": self.instrument_id,
            "versions": list(self.versions),
            "dates": [d.isoformat() for d in self.dates],
            "overall": self.overall.to_dict(),
            "sections": [s.to_dict() for s in self.sections],
            "items": [i.to_dict() for i in self.changed],
            "closed_gaps": list(self.closed_gaps),
            "new_gaps": list(self.new_gaps),
        }

    def to_json(self) -> str:
        """Canonical JSON."""
        return canonical_json(self.to_dict())


# --- validation ------------------------------------------------------------------------------


def coerce_response_sets(responses: object, name: str = "responses") -> tuple[ResponseSet, ...]:
    """One response set, or a sequence of them (several raters), validated."""
    if isinstance(responses, ResponseSet):
        return (responses,)
    if isinstance(responses, Mapping):
        if set(responses) == {"responses"}:
            return coerce_response_sets(responses["responses"], name)
        return (_one_set(responses, (name,)),)
    if isinstance(responses, Sequence) and not isinstance(responses, str | bytes):
        if not responses:
            raise InvalidInput.single((name,), "too_short", "give at least one response set")
        return tuple(
            r if isinstance(r, ResponseSet) else _one_set(r, (name, i))
            for i, r in enumerate(responses)
        )
    raise InvalidInput.single((name,), "model_type", "not a response set or a list of them")


def _one_set(value: object, loc: tuple[str | int, ...]) -> ResponseSet:
    if not isinstance(value, Mapping):
        raise InvalidInput.single(loc, "model_type", "not a mapping")
    try:
        return ResponseSet.model_validate(value)
    except ValidationError as exc:
        raise InvalidInput.from_validation_error(exc, prefix=loc) from None


def validate_answers(
    inst: Instrument,
    answers: Mapping[str, object],
    loc: tuple[str | int, ...],
    *,
    complete: bool,
) -> tuple[dict[str, str], list[ErrorDetail]]:
    """Canonical answers to one instrument's items, and an error for each bad or missing one.

    A ``None`` answer is no answer. With ``complete``, an item without an answer is an error.
    """
    out: dict[str, str] = {}
    errors: list[ErrorDetail] = []
    for item_id, value in answers.items():
        where = (*loc, "answers", item_id)
        if not inst.has_item(item_id):
            errors.append(
                ErrorDetail(where, "unknown_item", f"no item {item_id} in instrument {inst.id}")
            )
            continue
        if value is None:
            continue
        scale = inst.scale_of(item_id)
        canonical = scale.normalise(value)
        if canonical is None:
            errors.append(
                ErrorDetail(
                    where,
                    "off_scale",
                    f"item {item_id}: must be one of {', '.join(scale.values)}",
                )
            )
            continue
        out[item_id] = canonical
    if complete:
        errors.extend(
            ErrorDetail(
                (*loc, "answers", item.id),
                "missing",
                f"item {item.id} has no answer (use dont_know or not_applicable)",
            )
            for item in inst.items
            if answers.get(item.id) is None
        )
    return out, errors


# --- scoring ---------------------------------------------------------------------------------


def score(
    inst: Instrument,
    ratings: Sequence[RaterAnswers],
    input_digest: str,
    *,
    rater_gap: float = RATER_GAP,
) -> AssessmentResult:
    """Score validated answers (the pure core of :func:`assess` and of the audit)."""
    item_scores: list[ItemScore] = []
    gaps: list[Gap] = []
    rater_gaps: list[RaterGap] = []
    labels = rater_labels(ratings)
    for item in inst.items:
        answers = {
            label: r.answers[item.id]
            for label, r in zip(labels, ratings, strict=True)
            if item.id in r.answers
        }
        fractions = [
            f for a in answers.values() if (f := inst.scale_of(item).fraction(a)) is not None
        ]
        fraction = sum(fractions) / len(fractions) if fractions else None
        missing = None
        if fraction is None:
            values = set(answers.values())
            missing = (
                NOT_APPLICABLE
                if values == {NOT_APPLICABLE}
                else DONT_KNOW
                if values
                else UNANSWERED
            )
        section_id = inst.section_of(item.id)
        item_scores.append(ItemScore(item.id, section_id, item.weight, answers, fraction, missing))
        if fraction is not None and fraction < 1.0:
            gaps.append(
                Gap(
                    inst.id,
                    item.id,
                    section_id,
                    item.question,
                    answers,
                    item.weight,
                    round(1.0 - fraction, 4),
                    item.audience,
                    item.recommendation,
                    item.citation,
                )
            )
        if len(fractions) >= 2:  # noqa: PLR2004 - a spread needs two raters
            spread = round(max(fractions) - min(fractions), 4)
            if spread >= rater_gap:
                rater_gaps.append(RaterGap(item.id, answers, spread))
    order = {item.id: n for n, item in enumerate(inst.items)}
    gaps.sort(key=lambda g: (-g.priority, -g.weight, -g.shortfall, order[g.item_id]))
    rater_gaps.sort(key=lambda g: (-g.spread, order[g.item_id]))
    sections = tuple(
        _section_score(s.id, s.title, [i for i in item_scores if i.section_id == s.id])
        for s in inst.sections
    )
    return AssessmentResult(
        instrument_id=inst.id,
        instrument_version=inst.version,
        title=inst.title,
        ratings=tuple(ratings),
        items=tuple(item_scores),
        sections=sections,
        overall=_section_score("overall", inst.title, item_scores),
        gaps=tuple(gaps),
        rater_gaps=tuple(rater_gaps),
        input_digest=input_digest,
    )


def rater_labels(ratings: Sequence[RaterAnswers]) -> tuple[str, ...]:
    """A label per rating: the rater, numbered when one kind of rater answered twice."""
    seen: dict[str, int] = {}
    out = []
    for r in ratings:
        seen[r.rater.value] = seen.get(r.rater.value, 0) + 1
        n = seen[r.rater.value]
        out.append(r.rater.value if n == 1 else f"{r.rater.value}-{n}")
    return tuple(out)


def _section_score(section_id: str, title: str, items: Iterable[ItemScore]) -> SectionScore:
    items = tuple(items)
    answered = [i for i in items if i.fraction is not None]
    return SectionScore(
        id=section_id,
        title=title,
        score=round(sum(i.weight * (i.fraction or 0.0) for i in answered), 4),
        max_score=sum(i.weight for i in answered),
        possible=sum(i.weight for i in items),
        answered=len(answered),
        total=len(items),
        not_applicable=sum(1 for i in items if i.missing == NOT_APPLICABLE),
        dont_know=sum(1 for i in items if i.missing == DONT_KNOW),
        unanswered=sum(1 for i in items if i.missing == UNANSWERED),
    )


def assess(
    instrument_id: str | Instrument,
    responses: ResponseSet | Mapping[str, Any] | Sequence[ResponseSet | Mapping[str, Any]],
    *,
    as_of: date | None = None,
    rater_gap: float = RATER_GAP,
) -> AssessmentResult:
    """Score one instrument from one rater's answers, or several raters' (a list of sets).

    A response set is ``{"rater": "self", "rated_on": "2026-11-20", "answers": {item_id:
    answer}}``; every item needs an answer, which may be ``not_applicable`` or ``dont_know``
    (kept as missing, never scored). An unknown or missing item id, or an answer off the
    item's scale, raises :class:`~peersupport.InvalidInput` naming the item. ``as_of`` dates
    answers that carry no ``rated_on`` (today by default).
    """
    inst = instrument(instrument_id)
    sets = coerce_response_sets(responses)
    day = coerce_as_of(as_of)
    ratings: list[RaterAnswers] = []
    errors: list[ErrorDetail] = []
    for n, rs in enumerate(sets):
        loc: tuple[str | int, ...] = ("responses", n) if len(sets) > 1 else ("responses",)
        if rs.instrument is not None and rs.instrument != inst.id:
            errors.append(
                ErrorDetail((*loc, "instrument"), "instrument_mismatch", f"not {inst.id}")
            )
            continue
        answers, bad = validate_answers(inst, rs.answers, loc, complete=True)
        errors.extend(bad)
        ratings.append(RaterAnswers(rs.rater, rs.rated_on or day, answers))
    if errors:
        raise InvalidInput(errors)
    digest = digest_json(
        {"instrument": [inst.id, inst.version], "ratings": [r.to_dict() for r in ratings]}
    )
    return score(inst, ratings, digest, rater_gap=rater_gap)


def compare(a: AssessmentResult, b: AssessmentResult) -> Comparison:
    """The trend from assessment ``a`` to a later assessment ``b`` of the same instrument."""
    for name, value in (("a", a), ("b", b)):
        if not _is_result(value):
            raise InvalidInput.single((name,), "model_type", "not an assessment result")
    if a.instrument_id != b.instrument_id:
        raise InvalidInput.single(
            ("b", "instrument_id"), "instrument_mismatch", "both must assess one instrument"
        )
    before_items = {i.item_id: i for i in a.items}
    items = tuple(
        ItemChange(
            i.item_id,
            before_items[i.item_id].fraction if i.item_id in before_items else None,
            i.fraction,
            _trend(
                before_items[i.item_id].fraction if i.item_id in before_items else None, i.fraction
            ),
        )
        for i in b.items
    )
    before_sections = {s.id: s for s in a.sections}
    sections = tuple(
        _section_change(before_sections[s.id], s) for s in b.sections if s.id in before_sections
    )
    gaps_a = {g.item_id for g in a.gaps}
    gaps_b = {g.item_id for g in b.gaps}
    return Comparison(
        instrument_id=a.instrument_id,
        versions=(a.instrument_version, b.instrument_version),
        dates=(a.rated_on, b.rated_on),
        overall=_section_change(a.overall, b.overall),
        sections=sections,
        items=items,
        closed_gaps=tuple(g.item_id for g in a.gaps if g.item_id not in gaps_b),
        new_gaps=tuple(g.item_id for g in b.gaps if g.item_id not in gaps_a),
    )


def _is_result(value: object) -> bool:
    return isinstance(value, AssessmentResult)


def _trend(before: float | None, after: float | None) -> Trend:
    if before is None and after is None:
        return Trend.UNCHANGED
    if before is None or after is None:
        return Trend.NOT_COMPARABLE
    if after > before:
        return Trend.IMPROVED
    if after < before:
        return Trend.WORSENED
    return Trend.UNCHANGED


def _section_change(a: SectionScore, b: SectionScore) -> SectionChange:
    return SectionChange(
        b.id, a.percent, b.percent, a.coverage, b.coverage, _trend(a.percent, b.percent)
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _pct(value: float | None) -> str:
    return "no answers" if value is None else f"{value:.0f}%"


def _pandas() -> Any:
    try:
        return importlib.import_module("pandas")
    except ImportError as exc:
        raise MissingExtra("pandas", "pandas") from exc
