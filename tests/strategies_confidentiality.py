"""Hypothesis strategies for confidentiality: disclosures, consents, requests and policies.

Disclosures are generated as plain JSON (dates as ISO strings), the way a host sends them. The
consent dates cluster around ``REFERENCE`` and ``decision_days()`` sit in the same window, so
consents are often valid, often expired and sometimes not yet signed.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Any, Final

from hypothesis import strategies as st

from peersupport.model.disclosure import (
    AtRisk,
    DeciderRole,
    DisclosureSource,
    Evidence,
    Imminence,
    InformationCategory,
    LearnedAs,
    LegalRequirement,
    PackId,
    Recipient,
    RequestPurpose,
    RiskIndicator,
)

from strategies import canary_texts, free_texts, mutated, subject_ids

__all__ = [
    "REFERENCE",
    "consent_dicts",
    "decision_days",
    "disclosure_dicts",
    "junk_disclosure_dicts",
    "policy_dicts",
    "request_dicts",
    "values",
]

REFERENCE: Final = date(2026, 3, 1)


def values(enum: Any) -> list[str]:
    """The values of a StrEnum, in definition order."""
    return [m.value for m in enum]


def _subset(enum: Any, *, min_size: int = 0) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values(enum)), min_size=min_size, unique=True)


@cache
def _near_days() -> st.SearchStrategy[date]:
    return st.integers(-200, 200).map(lambda n: REFERENCE + timedelta(days=n))


@cache
def decision_days() -> st.SearchStrategy[date]:
    """Days a decision is taken on, around REFERENCE."""
    return st.integers(-60, 60).map(lambda n: REFERENCE + timedelta(days=n))


@st.composite
def consent_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """A consent: sometimes valid, sometimes expired, revoked, verbal or not yet signed."""
    signed = draw(_near_days())
    out: dict[str, Any] = {
        "recipients": draw(_subset(Recipient, min_size=1)),
        "information": draw(_subset(InformationCategory, min_size=1)),
        "signed_on": signed.isoformat(),
    }
    if draw(st.booleans()):
        out["expires_on"] = (signed + timedelta(days=draw(st.integers(0, 300)))).isoformat()
    if draw(st.integers(0, 4)) == 0:
        out["revoked"] = True
    if draw(st.integers(0, 4)) == 0:
        out["written"] = False
    if draw(st.booleans()):
        out["reference"] = draw(subject_ids())
    return out


@st.composite
def disclosure_dicts(
    draw: st.DrawFn, *, note: st.SearchStrategy[str] | None = None
) -> dict[str, Any]:
    """A valid disclosure mapping; ``note`` draws the free-text note, if given."""
    out: dict[str, Any] = {
        "indicators": draw(_subset(RiskIndicator)),
        "imminence": draw(st.sampled_from(values(Imminence))),
        "evidence": draw(st.sampled_from(values(Evidence))),
    }
    if draw(st.booleans()):
        out["at_risk"] = draw(_subset(AtRisk))
    if draw(st.integers(0, 3)) == 0:
        out["legal_requirements"] = draw(_subset(LegalRequirement))
    if draw(st.integers(0, 2)) == 0:
        out["consent"] = draw(consent_dicts())
    if draw(st.integers(0, 3)) == 0:
        out["learned_as"] = LearnedAs.WITNESS_OR_PARTY.value
    if draw(st.integers(0, 3)) == 0:
        out["source"] = DisclosureSource.OBSERVED.value
    if draw(st.booleans()):
        out["id"] = draw(subject_ids())
    if draw(st.booleans()):
        out["decided_by"] = draw(st.sampled_from(values(DeciderRole)))
    if draw(st.booleans()):
        out["person_informed"] = draw(st.none() | st.booleans())
    chosen = note if note is not None else (st.none() | free_texts(20))
    text = draw(chosen)
    if text is not None:
        out["note"] = text
    return out


@cache
def policy_dicts() -> st.SearchStrategy[dict[str, Any]]:
    """Policy mappings that choose a pack and whether the serious-mental-illness ground is kept."""
    return st.fixed_dictionaries(
        {
            "confidentiality_pack": st.sampled_from(values(PackId)),
            "confidentiality_serious_mental_illness_ground": st.booleans(),
        }
    )


@st.composite
def request_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """A request for what a peer shared, with or without the facts of a disclosure."""
    out: dict[str, Any] = {
        "requester": draw(st.sampled_from(values(Recipient))),
        "purpose": draw(st.sampled_from(values(RequestPurpose))),
    }
    if draw(st.booleans()):
        out["information"] = draw(_subset(InformationCategory, min_size=1))
    if draw(st.integers(0, 3)) > 0:
        out["disclosure"] = draw(disclosure_dicts())
    return out


@st.composite
def junk_disclosure_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """A disclosure damaged in a few places (often invalid, sometimes still valid)."""
    return mutated(draw, draw(disclosure_dicts(note=canary_texts())))
