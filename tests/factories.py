"""Builders of valid input for the example-based tests."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

AS_OF = date(2026, 11, 23)

_GOOD: dict[str, Any] = {
    "id": "ps-001",
    "display_name": "Example Person",
    "roles": ["crisis_responder", "group_leader", "mentor"],
    "selection": "volunteer",
    "lived_experience": [{"relation": "personal", "areas": ["trauma_ptsd"]}],
    "recovery": {"on_path": True},
    "self_care": {"has_plan": True, "resilience_strategies": True},
    "aware_of_stress_limits": True,
    "competencies": [
        {"competency": c, "level": 4, "rater": "supervisor", "rated_on": "2026-06-01"}
        for c in (
            "relate_to_experience",
            "active_listening",
            "crisis_recognition",
            "knows_role",
            "safety_and_confidentiality",
        )
    ],
    "trainings": [
        {"module": "basic_peer_support", "completed_on": "2025-12-01"},
        {"module": "crisis_management", "completed_on": "2025-12-05"},
        {"module": "crisis_management", "completed_on": "2026-09-01"},
        {"module": "crisis_management_extensive", "completed_on": "2026-08-01"},
    ],
    "debriefs_attended": ["2026-08-05", "2026-09-05", "2026-10-05"],
    "started_on": "2026-01-05",
}


def supporter(**overrides: Any) -> dict[str, Any]:
    """A supporter who meets every eligibility and training rule as of AS_OF, with overrides."""
    data = copy.deepcopy(_GOOD)
    for key, value in overrides.items():
        if value is _DROP:
            data.pop(key, None)
        else:
            data[key] = value
    return data


_DROP: Any = object()
DROP: Any = _DROP


Case = tuple[str, str, dict[str, Any], Any]


def case_params(cases: list[Case]) -> list[Any]:
    """``pytest.param``s named ``RULE-ID-what_it_shows`` for a table of rule cases."""
    import pytest  # noqa: PLC0415 - only the tests need pytest

    return [pytest.param(r, o, e, id=f"{r}-{name}") for r, name, o, e in cases]


def missing_outcomes(concept: str, cases: list[Case]) -> list[str]:
    """Rules of ``concept`` whose table lacks a ``met`` case or a failing case."""
    import peersupport as ps  # noqa: PLC0415

    failing = {ps.Outcome.NOT_MET, ps.Outcome.NEEDS_REVIEW}
    gaps = []
    for rule in ps.rules(concept):
        outcomes = {e for r, _, _, e in cases if r == rule.id}
        if ps.Outcome.MET not in outcomes or not outcomes & failing:
            gaps.append(rule.id)
    return gaps
