"""Builders and hypothesis strategies for programmes and on-call rosters.

``programme()`` is a whole programme that meets every programme rule as of ``AS_OF``; tests
override one section at a time. The strategies draw shifts as plain JSON, the way a host
system sends them: aware ISO date-times whose UTC offsets vary (whole hours, half hours and
the offsets of London around a change of the clocks), on a small grid of instants so that
shifts touch, overlap and leave gaps often.
"""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, Final

from hypothesis import strategies as st

from factories import supporter

__all__ = [
    "AS_OF",
    "HORIZON_END",
    "HORIZON_START",
    "RESPONDERS",
    "day_night_shifts",
    "programme",
    "roster_dicts",
    "shift",
    "shift_dicts",
]

AS_OF: Final = date(2026, 11, 23)
HORIZON_START: Final = datetime(2026, 11, 23, tzinfo=UTC)
HORIZON_END: Final = datetime(2026, 11, 30, tzinfo=UTC)
RESPONDERS: Final = ("ps-001", "ps-002", "ps-003", "ps-004")
_OFFSETS: Final = tuple(timezone(timedelta(minutes=m)) for m in (0, 60, -300, 330, -210, 540, 120))
_PEOPLE: Final = ("ps-001", "ps-002", "ps-003")


def shift(start: datetime, end: datetime, primary: str, backup: str | None) -> dict[str, Any]:
    """A shift as plain JSON."""
    out: dict[str, Any] = {"start": start.isoformat(), "end": end.isoformat(), "primary": primary}
    if backup is not None:
        out["backup"] = backup
    return out


def day_night_shifts(
    start: datetime, days: int, pairs: tuple[tuple[str, str], tuple[str, str]]
) -> list[dict[str, Any]]:
    """12-hour day and night shifts from ``start``, the first pair by day, the second by night.

    ``start`` may be in a zone with daylight saving time: each shift begins at the same wall
    time, so the shift over a change of the clocks is 11 or 13 hours long.
    """
    out = []
    tz = start.tzinfo
    for d in range(days):
        base = (start + timedelta(days=d)).replace(tzinfo=None)
        for half, (primary, backup) in enumerate(pairs):
            lo = (base + timedelta(hours=12 * half)).replace(tzinfo=tz)
            hi = (base + timedelta(hours=12 * (half + 1))).replace(tzinfo=tz)
            out.append(shift(lo, hi, primary, backup))
    return out


def _supporters() -> list[dict[str, Any]]:
    return [
        supporter(id=sid, roles=["crisis_responder", "group_leader", "mentor", "educator"])
        for sid in RESPONDERS
    ]


_GOOD: Final[dict[str, Any]] = {
    "id": "prog-1",
    "organisation": "Example Works",
    "models": ["crisis_support", "support_group", "peer_mentoring", "peer_education"],
    "launched_on": "2025-01-06",
    "participation_voluntary": True,
    "mental_health_professional": True,
    "team": [*RESPONDERS, "ps-005"],
    "invited_workers": 12,
    "groups": [
        {
            "id": "grp-1",
            "leader": "ps-001",
            "weekday": "tuesday",
            "starts_at": "12:00",
            "ends_at": "13:00",
            "cadence_days": 7,
            "max_size": 12,
            "attendance": [{"held_on": "2026-11-17", "count": 9}],
        }
    ],
    "education_sessions": [
        {"educator": sid, "held_on": "2026-10-01", "class_size": 12} for sid in RESPONDERS[:3]
    ],
    "roster": {
        "timezone": "UTC",
        "horizon_start": HORIZON_START.isoformat(),
        "horizon_end": HORIZON_END.isoformat(),
        "shifts": day_night_shifts(
            HORIZON_START.replace(hour=0), 7, (("ps-001", "ps-002"), ("ps-003", "ps-004"))
        ),
    },
    "supervisors": [
        {"kind": "peer", "supervisor": "sv-1", "start": "2025-01-06"},
        {"kind": "administrative", "supervisor": "sv-2", "start": "2025-01-06"},
    ],
    "supervision_sessions": [{"held_on": "2026-11-02", "kind": "peer"}],
    "community_of_practice": True,
    "debriefs": [
        {"held_on": f"2026-{m:02d}-05", "attendees": list(RESPONDERS)} for m in range(6, 12)
    ],
    "policies": [
        "confidentiality",
        "complaints_process",
        "boundaries",
        "evaluation_plan",
        "roles_leadership",
        "roles_managers",
        "roles_peer_support_workers",
        "roles_employees",
    ],
    "evaluation": {
        "last_survey_on": "2026-06-01",
        "anonymous": True,
        "optional": True,
        "metrics": ["eap_utilisation", "turnover"],
    },
    "hiring": {
        "interview_questions": [
            "What draws you to peer support work?",
            "How could your lived experience help the colleagues you would support?",
        ],
        "interview_panel": [{"member": "ps-001", "peer": True}, {"member": "hr-1", "peer": False}],
        "initial_peer_hires": 2,
    },
    "conditions": {
        "compensation": "paid",
        "peer_pay_rate": 30.0,
        "non_peer_pay_rate": 30.0,
        "flexible_leave": True,
        "performance_reviews": True,
        "reviews_respect_peer_values": True,
    },
}


def programme(**overrides: Any) -> dict[str, Any]:
    """A programme that meets every programme rule as of ``AS_OF``, with top-level overrides.

    A value of ``None`` for an override removes the key (the section is then not recorded).
    """
    data = copy.deepcopy(_GOOD)
    data["supporters"] = _supporters()
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


# --- hypothesis ---------------------------------------------------------------------------

_BASE: Final = datetime(2026, 10, 24, 12, tzinfo=UTC)
# Instants on a 30-minute grid over four days around the autumn change of the clocks.
_SLOTS: Final = 4 * 48


def _moment(slot: int, offset: timezone) -> str:
    return (_BASE + timedelta(minutes=30 * slot)).astimezone(offset).isoformat()


@st.composite
def shift_dicts(draw: st.DrawFn, people: tuple[str, ...] = _PEOPLE) -> dict[str, Any]:
    """One shift as JSON: start and end on the grid, each written with its own UTC offset."""
    start = draw(st.integers(0, _SLOTS - 1))
    length = draw(st.integers(1, 48))
    primary = draw(st.sampled_from(people))
    backup = draw(st.none() | st.sampled_from(people))
    out: dict[str, Any] = {
        "start": _moment(start, draw(st.sampled_from(_OFFSETS))),
        "end": _moment(start + length, draw(st.sampled_from(_OFFSETS))),
        "primary": primary,
    }
    if backup is not None:
        out["backup"] = backup
    return out


@st.composite
def roster_dicts(draw: st.DrawFn, max_shifts: int = 12) -> dict[str, Any]:
    """A roster as JSON over a horizon on the same grid."""
    lo = draw(st.integers(0, _SLOTS // 2))
    hi = draw(st.integers(lo + 1, _SLOTS))
    return {
        "timezone": draw(st.sampled_from(["UTC", "Europe/London", "America/New_York"])),
        "horizon_start": _moment(lo, draw(st.sampled_from(_OFFSETS))),
        "horizon_end": _moment(hi, draw(st.sampled_from(_OFFSETS))),
        "shifts": draw(st.lists(shift_dicts(), max_size=max_shifts)),
    }
