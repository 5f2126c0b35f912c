"""Builders and hypothesis strategies for activity logs, boundary agreements and contacts."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

AS_OF = date(2026, 11, 23)
TZ = timezone(timedelta(hours=1))
CANARY = "Zebulon-Quartz-7731"

CONSISTENT = ("share_lived_experience", "link_to_resources", "support_voice", "explore_options")
INCONSISTENT = ("administer_medication", "write_progress_report", "clinical_assessment")
CALM_NOTE = (
    "We met in the garden and talked about her week. She said the walk on Sunday helped and "
    "that she wants to try the art group. I shared how the group felt for me at first. We "
    "looked at the bus times together and she chose the Tuesday session. We agreed to meet "
    "again next week at the same time."
)
DIRECTIVE_NOTE = "You must take the tablets. You should stop seeing him. " + CALM_NOTE
JUDGEMENTAL_NOTE = "She was non-compliant and manipulative again. " + CALM_NOTE


def at(day: date, hour: int, minute: int = 0) -> str:
    """An aware ISO time on ``day``."""
    return datetime.combine(day, time(hour, minute), TZ).isoformat()


def days_back(n: int, as_of: date = AS_OF) -> date:
    """The day ``n`` days before ``as_of``."""
    return as_of - timedelta(days=n)


def healthy_log(supporter: str = "ps-001", *, as_of: date = AS_OF) -> dict[str, Any]:
    """A year of activity in which every drift indicator is ``ok``.

    Each fortnight: four consistent tasks, a calm note, four sessions with breaks, a shift
    with a debrief, a peer supervision; each month: a debrief and a community contact.
    """
    tasks: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    sessions: list[dict[str, Any]] = []
    shifts: list[dict[str, Any]] = []
    supervision: list[dict[str, Any]] = []
    for n in range(2, 366, 14):
        day = days_back(n, as_of)
        for i, activity in enumerate(CONSISTENT):
            tasks.append(
                {"day": day.isoformat(), "task": {"id": f"t{n}-{i}", "activity": activity}}
            )
        notes.append({"day": day.isoformat(), "id": f"n{n}", "text": CALM_NOTE})
        sessions.extend({"start": at(day, 9 + s), "end": at(day, 9 + s, 45)} for s in range(4))
        shifts.append({"start": at(day, 8), "end": at(day, 17), "debrief_minutes": 10})
        supervision.append({"day": day.isoformat(), "kind": "peer"})
    months = sorted(
        {date(d.year, d.month, 10) for d in (days_back(n, as_of) for n in range(0, 400, 20))}
    )
    monthly = [m.isoformat() for m in months if m <= as_of]
    return {
        "supporter": supporter,
        "started_on": "2023-01-09",
        "peer_colleagues": 3,
        "tasks": tasks,
        "notes": notes,
        "sessions": sessions,
        "shifts": shifts,
        "supervision": supervision,
        "debriefs": monthly,
        "community_contacts": monthly,
        "extra_duties": [],
        "trainings": [
            {"module": "basic_peer_support", "completed_on": days_back(60, as_of).isoformat()}
        ],
    }


def with_changes(log: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A deep copy of ``log`` with top-level keys replaced."""
    out = copy.deepcopy(log)
    out.update(changes)
    return out


# --- boundary agreements ---------------------------------------------------------------------


def agreement(**changes: Any) -> dict[str, Any]:
    """A complete agreement, current on ``AS_OF``, with weekday working hours."""
    base: dict[str, Any] = {
        "id": "ag-001",
        "supporter": "ps-001",
        "peer": "peer-001",
        "agreed_on": "2026-06-01",
        "review_on": "2027-06-01",
        "timezone": "Europe/London",
        "channels": ["in_person", "phone"],
        "windows": [
            {
                "days": ["monday", "tuesday", "wednesday", "thursday", "friday"],
                "start": "09:00",
                "end": "17:00",
            }
        ],
        "max_contacts_per_week": 2,
        "self_disclosure": "limited",
        "gift_limit": 10,
        "supporter_weekly_hours": 10,
    }
    base.update(changes)
    return base


def contact(day: date, hour: int = 10, **changes: Any) -> dict[str, Any]:
    """A one-hour in-person contact at ``hour`` UTC on ``day`` (in London's working hours)."""
    base: dict[str, Any] = {
        "at": datetime.combine(day, time(hour), UTC).isoformat(),
        "minutes": 60,
        "channel": "in_person",
        "location": "workplace",
        "initiated_by": "peer",
    }
    base.update(changes)
    return base


def weekly_contacts(weeks: int, per_week: int = 1, *, as_of: date = AS_OF) -> list[dict[str, Any]]:
    """``per_week`` contacts on the Tuesdays (and following days) of the last ``weeks`` weeks."""
    monday = as_of - timedelta(days=as_of.weekday())
    out: list[dict[str, Any]] = []
    for w in range(weeks):
        start = monday - timedelta(weeks=w) + timedelta(days=1)
        out.extend(contact(start + timedelta(days=d % 3), 10 + d // 3) for d in range(per_week))
    return [c for c in out if datetime.fromisoformat(c["at"]).date() <= as_of]


# --- hypothesis strategies -------------------------------------------------------------------

_DAYS = st.integers(min_value=0, max_value=400).map(days_back)


@st.composite
def task_records(draw: st.DrawFn, *, inconsistent: bool | None = None) -> dict[str, Any]:
    """A dated task record with a structured activity and requester."""
    pool = {None: CONSISTENT + INCONSISTENT, True: INCONSISTENT, False: CONSISTENT}[inconsistent]
    task: dict[str, Any] = {"activity": draw(st.sampled_from(pool))}
    requester = draw(st.sampled_from([None, "staff", "supervisor", "self", "peer"]))
    if requester:
        task["requested_by"] = requester
    return {"day": draw(_DAYS).isoformat(), "task": task}


@st.composite
def activity_logs(draw: st.DrawFn) -> dict[str, Any]:
    """A varied activity log: every kind of event, dates over a little more than a year."""

    def day() -> str:
        return draw(_DAYS).isoformat()

    def session() -> dict[str, Any]:
        d = draw(_DAYS)
        start = draw(st.integers(min_value=8 * 60, max_value=18 * 60))
        length = draw(st.integers(min_value=0, max_value=90))
        begin = datetime.combine(d, time(), TZ) + timedelta(minutes=start)
        return {"start": begin.isoformat(), "end": (begin + timedelta(minutes=length)).isoformat()}

    def shift() -> dict[str, Any]:
        d = draw(_DAYS)
        out: dict[str, Any] = {"start": at(d, 8), "end": at(d, 16)}
        minutes = draw(st.sampled_from([None, 0, 5, 10, 15]))
        if minutes is not None:
            out["debrief_minutes"] = minutes
        return out

    notes = draw(
        st.lists(
            st.builds(
                lambda d, t: {"day": d.isoformat(), "text": t},
                _DAYS,
                st.sampled_from([CALM_NOTE, DIRECTIVE_NOTE, JUDGEMENTAL_NOTE]),
            ),
            max_size=6,
        )
    )
    return {
        "supporter": "ps-h",
        "started_on": draw(st.none() | _DAYS.map(date.isoformat)),
        "peer_colleagues": draw(st.none() | st.integers(min_value=0, max_value=3)),
        "tasks": draw(st.lists(task_records(), max_size=12)),
        "notes": notes,
        "sessions": [session() for _ in range(draw(st.integers(0, 8)))],
        "shifts": [shift() for _ in range(draw(st.integers(0, 5)))],
        "supervision": [
            {"day": day(), "kind": draw(st.sampled_from(["peer", "administrative"]))}
            for _ in range(draw(st.integers(0, 4)))
        ],
        "debriefs": [day() for _ in range(draw(st.integers(0, 6)))],
        "community_contacts": [day() for _ in range(draw(st.integers(0, 3)))],
        "extra_duties": [
            {"day": day(), "kind": "committee"} for _ in range(draw(st.integers(0, 3)))
        ],
        "trainings": [
            {"module": "basic_peer_support", "completed_on": day()}
            for _ in range(draw(st.integers(0, 2)))
        ],
    }
