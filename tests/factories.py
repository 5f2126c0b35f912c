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
